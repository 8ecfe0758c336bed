"""EPUB: what sphinx-needs, which the extension loads, leaves in the way of ``-b epub``.

Sphinx looks up a node's visitors by builder name and, only when no extension named
that builder, by format. sphinx-data-viewer (a dependency of sphinx-needs) registers
visitors for the name ``epub``, which ends the fall-back to the HTML visitors for every
other node: ours, and those of ``sphinx.ext.todo`` or ``graphviz``, then stop the EPUB
build with a traceback. And sphinx-needs writes two files into every HTML-format output
that an EPUB cannot hold, which Sphinx warns about.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def restore_html_fallback(app: Sphinx) -> None:
    """Give an HTML-format builder with visitors of its own the HTML visitors of every
    node it has none for, as Sphinx does for a builder nobody named."""
    builder = app.builder
    # Sphinx's registry has no public reader for these; 7.4 to 9 keep them here
    handlers = getattr(app.registry, 'translation_handlers', None)
    if not isinstance(handlers, dict):
        return
    own = handlers.get(builder.name)
    if builder.format != 'html' or own is None or builder.name == builder.format:
        return
    for name, pair in handlers.get(builder.format, {}).items():
        own.setdefault(name, pair)


def exclude_needs_files(app: Sphinx, config: Config) -> None:
    """Leave sphinx-needs' permalink page and schema report out of the EPUB."""
    permalink = Path(config.needs_permalink_file).name
    config.epub_exclude_files = [*config.epub_exclude_files, permalink, 'schema_violations.json']


def setup_epub(app: Sphinx) -> None:
    app.connect('builder-inited', restore_html_fallback)
    app.connect('config-inited', exclude_needs_files)
