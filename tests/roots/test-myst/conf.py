extensions = ['myst_parser', 'sphinx_kamerstuk']
