# The trial of the toezeggingen table: 14 real register entries of the Tweede and Eerste
# Kamer (toezeggingen.rst says where each comes from), shown in one table, for the
# browser (sort, filter, what a 1280 px page shows) and the PDF (pages, whole ids).
extensions = ['sphinx_kamerstuk']
language = 'nl'
project = 'Proef toezeggingen'
kamerstuk_peildatum = '2026-09-01'
latex_documents = [('index', 'proef.tex', 'Proef toezeggingen', 'BZ', 'manual')]
