extensions = ['sphinx_kamerstuk']
kamerstuk_pdf_per_brief = True
