extensions = ['sphinx_kamerstuk']
