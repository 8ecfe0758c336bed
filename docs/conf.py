"""Documentation of sphinx-kamerstuk, built with the extension itself."""

import sphinx_kamerstuk

project = 'sphinx-kamerstuk'
author = 'sphinx-kamerstuk developers'
copyright = '2026, sphinx-kamerstuk developers'
version = release = sphinx_kamerstuk.__version__
language = 'nl'  # the example letters are Dutch; so are their labels

extensions = ['myst_parser', 'sphinx_kamerstuk']

kamerstuk_ministerie = 'Ministerie van Buitenlandse Zaken'
kamerstuk_retouradres = 'Postbus 20061 2500 EB Den Haag'
kamerstuk_pdf_per_brief = True
kamerstuk_peildatum = '2026-07-01'  # the docs show the state of that day, every build
# brieven/concept.md is a draft that already names the toezegging it will fulfil
suppress_warnings = ['kamerstuk.concept']

exclude_patterns = ['_build', 'examples/*-snippet.rst', 'examples/*-snippet.md']
html_theme = 'alabaster'
html_title = 'sphinx-kamerstuk'
