extensions = ['sphinx_kamerstuk']
kamerstuk_ministerie = 'Ministerie van Buitenlandse Zaken'
kamerstuk_retouradres = 'Postbus 20061 2500 EB Den Haag'
