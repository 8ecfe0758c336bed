"""``sphinx-kamerstuk import-brief``: a Word letter, or the text export of one, as a page."""
