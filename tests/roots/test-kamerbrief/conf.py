extensions = ['sphinx_kamerstuk']
kamerstuk_ministerie = 'Ministerie van Buitenlandse Zaken'
kamerstuk_retouradres = 'Postbus 20061 2500 EB Den Haag'
kamerstuk_peildatum = '2026-09-01'
# concept.rst is a draft that already names the toezegging it will fulfil
suppress_warnings = ['kamerstuk.concept']
