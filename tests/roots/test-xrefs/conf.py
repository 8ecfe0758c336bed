extensions = ['sphinx_kamerstuk']
kamerstuk_peildatum = '2026-09-01'
