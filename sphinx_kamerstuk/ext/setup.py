"""Wires the extension's parts into Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_kamerstuk.ext.assets import install
from sphinx_kamerstuk.ext.builder import setup_builder
from sphinx_kamerstuk.ext.citations.lists import setup_references
from sphinx_kamerstuk.ext.citations.roles import setup_roles
from sphinx_kamerstuk.ext.config import setup_config
from sphinx_kamerstuk.ext.docx.builder import setup_docx
from sphinx_kamerstuk.ext.domain import setup_domain
from sphinx_kamerstuk.ext.epub import setup_epub
from sphinx_kamerstuk.ext.i18n import load_catalogs
from sphinx_kamerstuk.ext.kamerbrief.directive import setup_kamerbrief
from sphinx_kamerstuk.ext.kamerbrief.latex import setup_latex
from sphinx_kamerstuk.ext.kamerbrief.logo import setup_logo
from sphinx_kamerstuk.ext.kamerbrief.render import setup_writers
from sphinx_kamerstuk.ext.labels import setup_labels
from sphinx_kamerstuk.ext.needs import setup_needs
from sphinx_kamerstuk.ext.registers import setup_registers
from sphinx_kamerstuk.ext.rewrites import setup_rewrites
from sphinx_kamerstuk.ext.toezeggingen.directives import setup_toezeggingen
from sphinx_kamerstuk.ext.toezeggingen.table import TABLE_CLASSES
from sphinx_kamerstuk.ext.toezeggingen.untracked import setup_untracked

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parents[1] / 'static'


def setup_extension(app: Sphinx) -> None:
    load_catalogs(app)
    setup_config(app)
    setup_domain(app)
    setup_labels(app)
    setup_roles(app)
    setup_references(app)
    setup_kamerbrief(app)
    setup_writers(app)
    setup_latex(app)
    setup_logo(app)
    setup_needs(app)
    setup_toezeggingen(app)
    setup_untracked(app)
    setup_registers(app)
    setup_builder(app)
    setup_docx(app)
    setup_epub(app)
    setup_rewrites(app)
    app.connect('builder-inited', _add_stylesheet)
    app.connect('html-page-context', _add_table_script)


def _add_stylesheet(app: Sphinx) -> None:
    """Copy the stylesheet before any page is written, so every build links it the same
    way (Sphinx adds a checksum for files already in ``_static``), and not through
    ``html_static_path``, which would alter the project's configuration."""
    if app.builder.format == 'html':
        install(STATIC_DIR / 'kamerstuk.css', Path(app.outdir) / '_static')
        app.add_css_file('kamerstuk.css')
        install(STATIC_DIR / TABLE_SCRIPT, Path(app.outdir) / '_static')


#: Sorts and filters the toezeggingen table; only on the pages that have one.
TABLE_SCRIPT = 'kamerstuk-tabel.js'


def _add_table_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.Node
) -> None:
    if f'<table class="{TABLE_CLASSES}"' in context.get('body', ''):
        app.add_js_file(TABLE_SCRIPT, loading_method='defer')
