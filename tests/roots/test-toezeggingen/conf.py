extensions = ['sphinx_kamerstuk']
kamerstuk_ministerie = 'Ministerie van Buitenlandse Zaken'
kamerstuk_peildatum = '2026-09-01'
# the concept letter is a draft on purpose: it is shown "in voorbereiding"
suppress_warnings = ['kamerstuk.concept']
