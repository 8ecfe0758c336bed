"""Wires the extension's parts into Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_kamerstuk.assets import install
from sphinx_kamerstuk.builders import setup_builder
from sphinx_kamerstuk.config import setup_config
from sphinx_kamerstuk.domain import KamerstukDomain
from sphinx_kamerstuk.epub import setup_epub
from sphinx_kamerstuk.kamerbrief import setup_kamerbrief
from sphinx_kamerstuk.latex import setup_latex
from sphinx_kamerstuk.locale import LOCALE_DIR, MESSAGE_CATALOG_NAME
from sphinx_kamerstuk.needs_integration import setup_needs
from sphinx_kamerstuk.references import setup_references
from sphinx_kamerstuk.registers import setup_registers
from sphinx_kamerstuk.rewrites import setup_rewrites
from sphinx_kamerstuk.roles import setup_roles
from sphinx_kamerstuk.toezeggingen import setup_toezeggingen
from sphinx_kamerstuk.writers import setup_writers

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STATIC_DIR = Path(__file__).parent / 'static'


def setup_extension(app: Sphinx) -> None:
    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))
    setup_config(app)
    app.add_domain(KamerstukDomain)
    setup_roles(app)
    setup_references(app)
    setup_kamerbrief(app)
    setup_writers(app)
    setup_latex(app)
    setup_needs(app)
    setup_toezeggingen(app)
    setup_registers(app)
    setup_builder(app)
    setup_epub(app)
    setup_rewrites(app)
    app.connect('builder-inited', _add_stylesheet)


def _add_stylesheet(app: Sphinx) -> None:
    """Copy the stylesheet before any page is written, so every build links it the same
    way (Sphinx adds a checksum for files already in ``_static``), and not through
    ``html_static_path``, which would alter the project's configuration."""
    if app.builder.format == 'html':
        install(STATIC_DIR / 'kamerstuk.css', Path(app.outdir) / '_static')
        app.add_css_file('kamerstuk.css')
