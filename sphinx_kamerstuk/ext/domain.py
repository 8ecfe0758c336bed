"""Where citations were used, kept per document so purge, merge and -j stay simple."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_kamerstuk.core.records import CitationUse, Letter, Toezegging
    from sphinx_kamerstuk.core.status import Trace


class KamerstukDomain(Domain):
    """Letters, citation uses and the documents holding project-wide reference lists."""

    name = 'kamerstuk'
    label = 'Kamerstuk'
    data_version = 6
    # a ClassVar from Sphinx 8, an instance variable in 7.4 (hence misc there)
    initial_data: ClassVar[dict[str, Any]] = {  # type: ignore[misc, unused-ignore]
        #: docname -> Letter (a document is at most one letter)
        'letters': {},
        #: docname -> [CitationUse, ...] in document order
        'citations': {},
        #: docnames holding a ``kamerstukken`` list with ``:scope: all``
        'project_lists': set(),
        #: docname -> [Toezegging, ...] in document order
        'toezeggingen': {},
        #: docname -> ids of the toezeggingen its views show; '*' for every one
        'views': {},
        #: toezegging id -> what its views showed at the last build (not per document)
        'shown': {},
        #: register number -> (register.Entry, "tk" or "ek"), from kamerstuk_registers
        'register': {},
        #: docname -> [needs_integration.NeedRecord, ...]: the needs its directives asked for
        'needs': {},
        #: docnames holding a sphinx-needs view (needtable, needflow, ...) of other pages
        'needs_views': set(),
    }

    #: The application of this build, for sphinx-needs' API (``needs.sphinx_app``).
    app: Sphinx | None = None
    #: Whether this build read or removed any document; not stored in the environment.
    documents_changed = False
    #: This build's traces, computed once every document is read (``toezeggingen.py``).
    traces: dict[str, Trace] | None = None
    traces_by_place: dict[tuple[str, int | None], Trace] | None = None
    #: Pages asked to be written again and not yet written (``rewrites.py``).
    pending_rewrites: set[str] | None = None
    #: The HTML cells of table rows, shared by the tables of pages whose links read alike.
    row_html: dict[tuple[str, str, str], str] | None = None

    @property
    def citations(self) -> dict[str, list[CitationUse]]:
        return self.data['citations']

    @property
    def letters(self) -> dict[str, Letter]:
        return self.data['letters']

    @property
    def toezeggingen(self) -> dict[str, list[Toezegging]]:
        return self.data['toezeggingen']

    @property
    def views(self) -> dict[str, set[str]]:
        return self.data['views']

    def note_view(self, docname: str, ids: Iterable[str]) -> None:
        self.views.setdefault(docname, set()).update(ids)

    def local_toezeggingen(self) -> Iterator[Toezegging]:
        """The toezeggingen written in the sources, in document order."""
        for docname in sorted(self.toezeggingen):
            yield from self.toezeggingen[docname]

    @property
    def project_lists(self) -> set[str]:
        return self.data['project_lists']

    def note_citation(self, use: CitationUse) -> None:
        self.citations.setdefault(use.docname, []).append(use)

    def note_project_list(self, docname: str) -> None:
        self.project_lists.add(docname)

    def uses(self, docnames: Iterable[str]) -> Iterator[CitationUse]:
        for docname in docnames:
            yield from self.citations.get(docname, ())

    def clear_doc(self, docname: str) -> None:
        self.citations.pop(docname, None)
        self.letters.pop(docname, None)
        self.toezeggingen.pop(docname, None)
        self.views.pop(docname, None)
        self.data['needs'].pop(docname, None)
        self.project_lists.discard(docname)
        self.data['needs_views'].discard(docname)

    # Sphinx 7.4 passes a list of docnames, 8 and later a set
    def merge_domaindata(self, docnames: Collection[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata['citations']:
                self.citations[docname] = otherdata['citations'][docname]
            for key in ('letters', 'toezeggingen', 'views', 'needs'):
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
            if docname in otherdata['project_lists']:
                self.project_lists.add(docname)
            if docname in otherdata['needs_views']:
                self.data['needs_views'].add(docname)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []  # no cross-references of its own; ``:any:`` asks every domain


def get_domain(env: BuildEnvironment) -> KamerstukDomain:
    return env.get_domain(KamerstukDomain.name)  # type: ignore[return-value]
