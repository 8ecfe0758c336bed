"""The Kamerbrief: the directive, its rendering in every output, the per-letter PDFs."""
