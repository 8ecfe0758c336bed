"""Citation roles: any real-world form in, the normalised citation linked out."""

from __future__ import annotations

import bisect
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from sphinx_kamerstuk.core.citations import ROLE_FOR_KIND, ROLE_KINDS, CitationError, parse
from sphinx_kamerstuk.core.records import CitationUse
from sphinx_kamerstuk.ext.citations.display import shown
from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.labels import labelled_inline
from sphinx_kamerstuk.ext.messages import log_warning

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx

    from sphinx_kamerstuk.core.citations import Kind

logger = logging.getLogger(__name__)


class CitationRole(SphinxRole):
    """``:kst:`Kamerstukken II 2025/26, 22112, nr. 4363``` and its siblings."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind

    def run(self) -> tuple[list[Node], list[system_message]]:
        has_title, title, target = split_explicit_title(self.text)
        try:
            citation = parse(target, kind=self.kind)
        except CitationError as exc:
            log_warning(
                logger,
                __('cannot read %s reference %r: %s') % (self.name, target, exc.message(__)),
                'citation',
                self.exact_location(),
            )
            # Keep what the author wrote, visibly marked.
            return [
                nodes.inline(self.rawtext, title, classes=['kamerstuk', 'kamerstuk-invalid'])
            ], []
        if ROLE_FOR_KIND[citation.kind] != ROLE_FOR_KIND[self.kind]:
            log_warning(
                logger,
                __('the %s role expects a %s reference, but %r is a %s reference; use :%s:')
                % (self.name, self.kind, target, citation.kind, ROLE_FOR_KIND[citation.kind]),
                'citation_kind',
                self.exact_location(),
            )
        text = title if has_title else shown(citation, self.config)
        # unique in the project, not only in the document: singlehtml puts all on one page
        serial = self.env.new_serialno('kamerstuk')
        target_id = nodes.make_id(f'kamerstuk-{self.env.docname}-{serial}')
        node = labelled_inline(
            self.rawtext, '', classes=['kamerstuk', f'kamerstuk-{citation.kind}'], ids=[target_id]
        )
        url = citation.url_at(self.config.kamerstuk_url_base)
        if url:
            node += nodes.reference(text, text, refuri=url, reftitle=citation.obl_id or url)
        else:
            node += nodes.Text(text)
        get_domain(self.env).note_citation(
            CitationUse(self.env.docname, self.lineno, target_id, citation)
        )
        return [node], []

    def exact_location(self) -> str:
        """``file:line`` of the role itself, not of the paragraph holding it.

        Docutils gives roles the paragraph's first line; a footnote or long paragraph
        would send the reader looking. Only called for warnings; the source is read and
        indexed once a document, so a thousand warnings cost one read.
        """
        source, line = self.get_source_info()
        if source is None or line is None:  # Sphinx 9.2 allows for either unknown
            return self.get_location()
        index = _source_index(self.inliner.document, str(source), self.config.source_encoding)
        lineno = index.line_of(self.rawtext.split('\n', 1)[0], line) if index else None
        return f'{source}:{lineno}' if lineno else self.get_location()


class _SourceIndex:
    """A source's text, where its lines start, and per paragraph where the last role
    looked up was found: roles are looked up in the order they are written."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0]
        for source_line in text.splitlines(keepends=True):  # as docutils counts lines
            self.line_starts.append(self.line_starts[-1] + len(source_line))
        self.found: dict[int, int] = {}

    def line_of(self, needle: str, line: int) -> int | None:
        """The line of the first ``needle`` from the paragraph at ``line`` on, after the
        one found before in that paragraph."""
        if not 0 < line <= len(self.line_starts):
            return None
        paragraph = self.line_starts[line - 1]
        pos = self.text.find(needle, self.found.get(line, paragraph))
        if pos < 0:  # looked up out of order (a table's next cell): from the start
            pos = self.text.find(needle, paragraph)
        if pos < 0:
            return None
        self.found[line] = pos + len(needle)
        return bisect.bisect_right(self.line_starts, pos)


_INDEXES: weakref.WeakKeyDictionary[nodes.document, dict[str, _SourceIndex | None]] = (
    weakref.WeakKeyDictionary()
)


def _source_index(document: nodes.document, source: str, encoding: str) -> _SourceIndex | None:
    """The index of ``source`` for the document being read; ``None`` if it cannot be read."""
    indexes = _INDEXES.setdefault(document, {})
    if source not in indexes:
        try:
            text = Path(source).read_text(encoding=encoding)
        except (OSError, TypeError, UnicodeDecodeError):
            indexes[source] = None
        else:
            indexes[source] = _SourceIndex(text)
    return indexes[source]


def setup_roles(app: Sphinx) -> None:
    for name, kind in ROLE_KINDS.items():
        app.add_role(name, CitationRole(kind))
