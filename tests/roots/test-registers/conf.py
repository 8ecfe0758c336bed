extensions = ['sphinx_kamerstuk']
kamerstuk_registers = ['_data/tk-toezeggingen.json']
kamerstuk_peildatum = '2026-09-01'
exclude_patterns = ['_data']
