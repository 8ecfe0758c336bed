"""The ministry's logo (``kamerstuk_logo``): checked once, copied into the output.

A letter keeps the logo's output name (``Letter.logo``) only when it is sent from the
configured ministry; HTML shows it from the builder's image folder, LaTeX from the
output folder. None is shipped: a ministry supplies its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_kamerstuk.ext.assets import install
from sphinx_kamerstuk.ext.config import conf_location
from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.messages import log_warning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: What pdfLaTeX, XeLaTeX and LuaLaTeX can include.
LATEX_TYPES = frozenset({'.png', '.jpg', '.jpeg', '.pdf'})
#: What a browser shows.
HTML_TYPES = LATEX_TYPES | {'.svg', '.gif', '.webp'} - {'.pdf'}


def logo_source(app: Sphinx) -> Path | None:
    value = app.config.kamerstuk_logo
    return Path(app.confdir, value) if value else None


def output_name(config: Config) -> str:
    """The logo's name in the output: one name, whatever the project calls it."""
    value = config.kamerstuk_logo
    return f'kamerstuk-logo{Path(value).suffix.lower()}' if value else ''


#: How each kind of image file starts (the bytes a browser and LaTeX look for).
_SIGNATURES = {
    '.png': (b'\x89PNG\r\n\x1a\n',),
    '.jpg': (b'\xff\xd8\xff',),
    '.jpeg': (b'\xff\xd8\xff',),
    '.pdf': (b'%PDF-',),
    '.gif': (b'GIF87a', b'GIF89a'),
    '.webp': (b'RIFF',),
}


def is_image(source: Path) -> bool:
    """Whether ``source`` is a file of the kind its name says (an SVG: has ``<svg``)."""
    suffix = source.suffix.lower()
    try:
        with source.open('rb') as file:
            start = file.read(4096)
    except OSError:
        return False
    if suffix == '.svg':
        return b'<svg' in start
    return start.startswith(_SIGNATURES.get(suffix, (b'\0never',)))


def check_logo(app: Sphinx, config: Config) -> None:
    """A logo that is not an image file warns once; the letters then show the name."""
    source = logo_source(app)
    if source is None:
        return
    if not source.is_file() or not is_image(source):
        log_warning(
            logger,
            __(
                'kamerstuk_logo %r is not an image file next to conf.py (expected a .png, '
                '.jpg, .svg or .pdf file); the letters show the ministry name instead'
            )
            % config.kamerstuk_logo,
            'config',
            conf_location(app, 'kamerstuk_logo'),
        )
        config.kamerstuk_logo = ''


def copy_logo(app: Sphinx) -> None:
    """Into HTML's image folder (before pages are written) or LaTeX's output folder."""
    source = logo_source(app)
    if source is None:
        return
    name = output_name(app.config)
    if app.builder.format == 'html' and source.suffix.lower() in HTML_TYPES:
        install(source, Path(app.outdir, app.builder.imagedir), name)
    elif app.builder.format == 'latex' and source.suffix.lower() in LATEX_TYPES:
        install(source, Path(app.outdir), name)


def setup_logo(app: Sphinx) -> None:
    app.connect('config-inited', check_logo, priority=402)
    app.connect('builder-inited', copy_logo)
