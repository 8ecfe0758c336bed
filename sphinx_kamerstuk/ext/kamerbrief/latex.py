"""LaTeX: the letter macros in every document, and one PDF per letter on request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sphinx.util.texescape import escape

from sphinx_kamerstuk.ext.assets import install
from sphinx_kamerstuk.ext.domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.latex import LaTeXBuilder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

LATEX_DIR = Path(__file__).parents[2] / 'latex'
THEME = 'kamerbrief'


def add_theme_path(app: Sphinx, config: Config) -> None:
    # An absolute path: Sphinx joins theme paths to the source dir, which keeps it.
    config.latex_theme_path = [*config.latex_theme_path, str(LATEX_DIR)]


def add_letter_documents(app: Sphinx, env: BuildEnvironment) -> None:
    """With ``kamerstuk_pdf_per_brief``, every letter also becomes its own document.

    Sphinx puts a document's title and author into the LaTeX source as they are (they
    may hold markup), so the subject and the ministry are escaped here.
    """
    if app.builder.name != 'latex' or not app.config.kamerstuk_pdf_per_brief:
        return
    builder = cast('LaTeXBuilder', app.builder)
    taken = {entry[1].casefold() for entry in builder.document_data}
    starts = {entry[0] for entry in builder.document_data}
    letters = get_domain(env).letters
    engine = app.config.latex_engine
    for docname in sorted(letters):
        if docname in starts:
            continue
        letter = letters[docname]
        name = file_name(letter.kenmerk or docname, taken)
        taken.add(name.casefold())
        builder.document_data.append(
            (
                docname,
                name,
                escape(letter.betreft, engine),
                escape(letter.ministerie, engine),
                THEME,
                False,
            )
        )


def file_name(wanted: str, taken: set[str]) -> str:
    """A ``.tex`` name from a kenmerk: letters, digits, ``.``, ``_`` and ``-`` only, never
    starting with ``-`` (latexmk would read an option), and not in ``taken`` (compared
    without case, as on macOS and Windows)."""
    stem = re.sub(r'[^A-Za-z0-9._-]+', '-', wanted).strip('-.') or 'kamerbrief'
    name, number = f'{stem}.tex', 2
    while name.casefold() in taken:
        name, number = f'{stem}-{number}.tex', number + 1
    return name


def copy_support_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == 'latex':
        for name in ('sphinxkamerstuk.sty', 'sphinxkamerbrief.cls'):
            install(LATEX_DIR / name, Path(app.outdir))


def setup_latex(app: Sphinx) -> None:
    app.add_latex_package('sphinxkamerstuk')
    app.connect('config-inited', add_theme_path)
    app.connect('env-updated', add_letter_documents)
    app.connect('build-finished', copy_support_files)
