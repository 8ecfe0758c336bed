"""``sphinx-kamerstuk check``: references typed as plain text, found and marked up."""
