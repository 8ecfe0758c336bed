"""Documentation of sphinx-kamerstuk, built with the extension itself."""

import sphinx_kamerstuk

project = 'sphinx-kamerstuk'
author = 'sphinx-kamerstuk developers'
copyright = '2026, sphinx-kamerstuk developers'
version = release = sphinx_kamerstuk.__version__
language = 'en'

extensions = ['sphinx_kamerstuk']

exclude_patterns = ['_build', 'examples/*-snippet.rst']
html_theme = 'alabaster'
html_title = 'sphinx-kamerstuk'
