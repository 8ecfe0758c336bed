"""LaTeX: the letter macros in every document, and one PDF per letter on request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_kamerstuk.assets import install
from sphinx_kamerstuk.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

LATEX_DIR = Path(__file__).parent / 'latex'
THEME = 'kamerbrief'


def add_theme_path(app: Sphinx, config: Config) -> None:
    # An absolute path: Sphinx joins theme paths to the source dir, which keeps it.
    config.latex_theme_path = [*config.latex_theme_path, str(LATEX_DIR)]


def add_letter_documents(app: Sphinx, env: BuildEnvironment) -> None:
    """With ``kamerstuk_pdf_per_brief``, every letter also becomes its own document."""
    builder = app.builder
    if builder.name != 'latex' or not app.config.kamerstuk_pdf_per_brief:
        return
    taken = {entry[1] for entry in builder.document_data}
    starts = {entry[0] for entry in builder.document_data}
    letters = get_domain(env).letters
    for docname in sorted(letters):
        if docname in starts:
            continue
        letter = letters[docname]
        stem = re.sub(r'[^A-Za-z0-9._-]+', '-', letter.kenmerk or docname).strip('-.')
        name, number = f'{stem or "kamerbrief"}.tex', 2
        while name in taken:
            name, number = f'{stem}-{number}.tex', number + 1
        taken.add(name)
        builder.document_data.append(
            (docname, name, letter.betreft, letter.ministerie, THEME, False)
        )


def copy_support_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == 'latex':
        for name in ('sphinxkamerstuk.sty', 'sphinxkamerbrief.cls'):
            install(LATEX_DIR / name, Path(app.outdir))


def setup_latex(app: Sphinx) -> None:
    app.add_latex_package('sphinxkamerstuk')
    app.connect('config-inited', add_theme_path)
    app.connect('env-updated', add_letter_documents)
    app.connect('build-finished', copy_support_files)
