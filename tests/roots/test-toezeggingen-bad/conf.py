extensions = ['sphinx_kamerstuk']
kamerstuk_peildatum = '2026-09-01'
kamerstuk_waarschuw_verlopen = True
kamerstuk_registers = ['ontbreekt.json']
