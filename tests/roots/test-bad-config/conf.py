extensions = ['sphinx_kamerstuk']

kamerstuk_citeerstijl = 'apa'
kamerstuk_url_base = 'ftp://example.org'
