"""LaTeX: the letter macros in every document, and one PDF per letter on request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.texescape import escape

from sphinx_kamerstuk.ext.assets import install
from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.kamerbrief.directive import kamerbrief_header
from sphinx_kamerstuk.ext.messages import log_warning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders.latex import LaTeXBuilder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.latex import LaTeXTranslator

logger = logging.getLogger(__name__)

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
    document_data = _document_data(cast('LaTeXBuilder', app.builder))
    if document_data is None:
        log_warning(
            logger,
            __(
                'kamerstuk_pdf_per_brief: this version of Sphinx keeps its LaTeX documents '
                'in a way the extension does not know; no PDF per letter is made'
            ),
            'config',
            None,
        )
        return
    taken = {entry[1].casefold() for entry in document_data}
    starts = {entry[0] for entry in document_data}
    letters = get_domain(env).letters
    engine = app.config.latex_engine
    for docname in sorted(letters):
        if docname in starts:
            continue
        letter = letters[docname]
        name = file_name(letter.kenmerk or docname, taken)
        taken.add(name.casefold())
        document_data.append(
            (
                docname,
                name,
                escape(letter.betreft, engine),
                escape(letter.ministerie, engine),
                THEME,
                False,
            )
        )


def _document_data(builder: LaTeXBuilder) -> list[Any] | None:
    """The LaTeX builder's documents to write, which it reads from ``latex_documents``
    before any source is read, when the letters are not yet known. There is no public API
    to add one later: this is the one place that does (docs/architecture.rst, Where no
    public API exists), checked against the shape Sphinx 7.4 to 9 give it (a list of 6-item sequences), and tested by
    ``tests/test_upstream_contract.py``."""
    data = getattr(builder, 'document_data', None)
    if isinstance(data, list) and all(isinstance(e, list | tuple) and len(e) >= 5 for e in data):
        return data
    return None


def file_name(wanted: str, taken: set[str]) -> str:
    """A ``.tex`` name from a kenmerk: letters, digits, ``.``, ``_`` and ``-`` only, never
    starting with ``-`` (latexmk would read an option), and not in ``taken`` (compared
    without case, as on macOS and Windows)."""
    stem = re.sub(r'[^A-Za-z0-9._-]+', '-', wanted).strip('-.') or 'kamerbrief'
    name, number = f'{stem}.tex', 2
    while name.casefold() in taken:
        name, number = f'{stem}-{number}.tex', number + 1
    return name


class kamerbrief_body(nodes.General, nodes.Element):  # docutils names nodes in lower case
    """LaTeX only: a letter from its letterhead to its end, set as a letter."""


class kamerbrief_kop(nodes.Part, nodes.TextElement):
    """LaTeX only: a heading in a letter's body, where the source has a section."""


class LetterLayout(SphinxPostTransform):
    """A letter's body is one letter, not a chapter with sections.

    Sphinx writes a section of a document as ``\\section`` (or ``\\chapter``, by depth),
    numbered and in the contents; in a letter that is wrong, and the per-letter class
    has no room for it. Here every section below the letter's own section becomes a
    heading (``\\kamerbriefkop``: bold, unnumbered, kept with what follows) followed by
    its content, and the letter, from its letterhead on, is wrapped in one
    ``sphinxkamerbrief`` environment (one font, ragged-right, no hyphenation).

    It runs after Sphinx's footnote transform (600), which has already replaced a
    footnote in a section title by a mark and put its text after the title, so both
    stay where Sphinx puts them for any heading.
    """

    default_priority = 650
    formats = ('latex',)

    def run(self, **kwargs: Any) -> None:
        for header in list(self.document.findall(kamerbrief_header)):
            letter = header.parent
            if not isinstance(letter, nodes.Element):
                continue
            for section in reversed(list(letter.findall(nodes.section, include_self=False))):
                flatten_section(section)
            start = letter.index(header)
            body = kamerbrief_body()
            body.extend(letter.children[start:])
            del letter.children[start:]
            letter.append(body)


def flatten_section(section: nodes.section) -> None:
    """Replace ``section`` by a heading with its ids and the section's other children."""
    children = list(section.children)
    title = children[0] if children and isinstance(children[0], nodes.title) else None
    result: list[nodes.Node] = []
    if title is not None:
        kop = kamerbrief_kop('', '', *title.children, ids=section['ids'])
        result.append(kop)
        children = children[1:]
    section.replace_self([*result, *children])


def latex_visit_body(self: LaTeXTranslator, node: kamerbrief_body) -> None:
    self.body.append('\n\\begin{sphinxkamerbrief}\n')


def latex_depart_body(self: LaTeXTranslator, node: kamerbrief_body) -> None:
    self.body.append('\n\\end{sphinxkamerbrief}\n')


def latex_visit_kop(self: LaTeXTranslator, node: kamerbrief_kop) -> None:
    self.body.append('\n\\kamerbriefkop{')
    self.in_title = 1


def latex_depart_kop(self: LaTeXTranslator, node: kamerbrief_kop) -> None:
    self.in_title = 0
    self.body.append('}' + self.hypertarget_to(node, anchor=True) + '\n')


def copy_support_files(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == 'latex':
        for name in ('sphinxkamerstuk.sty', 'sphinxkamerbrief.cls'):
            install(LATEX_DIR / name, Path(app.outdir))


def setup_latex(app: Sphinx) -> None:
    app.add_latex_package('sphinxkamerstuk')
    app.add_node(kamerbrief_body, latex=(latex_visit_body, latex_depart_body))
    app.add_node(kamerbrief_kop, latex=(latex_visit_kop, latex_depart_kop))
    app.add_post_transform(LetterLayout)
    app.connect('config-inited', add_theme_path)
    app.connect('env-updated', add_letter_documents)
    app.connect('build-finished', copy_support_files)
