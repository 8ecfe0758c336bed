"""The ``sphinx-kamerstuk`` command. It never imports Sphinx (a test enforces it)."""

from sphinx_kamerstuk.cli.commands import main

__all__ = ['main']
