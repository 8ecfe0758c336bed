"""Everything that imports Sphinx: the extension, one package or module per feature."""
