# intersphinx_mapping is given by the test: the other project's objects.inv on disk
extensions = ['sphinx_kamerstuk', 'sphinx.ext.intersphinx']
