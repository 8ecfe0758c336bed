extensions = ['sphinx_kamerstuk']
kamerstuk_zoek_toezeggingen = True
kamerstuk_docx_sjabloon = 'kapot.docx'
