"""Citation roles: any real-world form in, the normalised citation linked out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from sphinx_kamerstuk.citations import ROLE_FOR_KIND, ROLE_KINDS, CitationError, parse
from sphinx_kamerstuk.domain import CitationUse, get_domain
from sphinx_kamerstuk.locale import __
from sphinx_kamerstuk.logging import log_warning

if TYPE_CHECKING:
    from docutils.nodes import Node, system_message
    from sphinx.application import Sphinx

    from sphinx_kamerstuk.citations import Kind

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
                __('cannot read %s reference %r: %s') % (self.name, target, exc),
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
        text = title if has_title else citation.format(self.config.kamerstuk_citeerstijl)
        # unique in the project, not only in the document: singlehtml puts all on one page
        serial = self.env.new_serialno('kamerstuk')
        target_id = nodes.make_id(f'kamerstuk-{self.env.docname}-{serial}')
        node = nodes.inline(
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
        would send the reader looking. Only called for warnings, so reading is cheap.
        """
        source, line = self.get_source_info()
        try:
            lines = Path(source).read_text(encoding=self.config.source_encoding).splitlines()
        except (OSError, TypeError, UnicodeDecodeError):
            return self.get_location()
        needle = self.rawtext.split('\n', 1)[0]
        for lineno in range(line, len(lines) + 1):
            if needle in lines[lineno - 1]:
                return f'{source}:{lineno}'
        return self.get_location()


def setup_roles(app: Sphinx) -> None:
    for name, kind in ROLE_KINDS.items():
        app.add_role(name, CitationRole(kind))
