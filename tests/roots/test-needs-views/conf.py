extensions = ['sphinx_kamerstuk']
needs_flow_engine = 'graphviz'
