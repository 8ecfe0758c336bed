"""The extension's domain: what the sources hold (letters, toezeggingen, citation uses, the
pages that show them), kept per document so that purge, merge and ``-j`` stay simple; and the
lookups Sphinx makes of it: ``:toezegging:`` and ``:kamerbrief:`` references, ``objects.inv``
(so that intersphinx reaches them), and the project's integrity checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from sphinx_kamerstuk.ext.i18n import _, __
from sphinx_kamerstuk.ext.messages import log_warning

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator

    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from sphinx_kamerstuk.core.records import CitationUse, Letter, Toezegging
    from sphinx_kamerstuk.core.status import Trace

logger = logging.getLogger(__name__)


@dataclass
class BuildState:
    """What one build computes and then forgets. Never pickled: Sphinx makes the domain
    anew for every build, and with it this state."""

    #: The application, for sphinx-needs' API (``needs.sphinx_app``); set at builder-inited.
    app: Sphinx | None = None
    #: Whether this build read or removed any document (``citations/lists.py``).
    documents_changed: bool = False
    #: The priority of sphinx-needs' post-processing at write-started, while this build
    #: leaves it out (``needs._post_process_only_after_reading``).
    left_out_post_processing: int | None = None
    #: The traces, computed once every document is read (``toezeggingen/traces.py``).
    traces: dict[str, Trace] | None = None
    traces_by_place: dict[tuple[str, int | None], Trace] | None = None
    #: Pages asked to be written again and not yet written (``rewrites.py``).
    pending_rewrites: set[str] | None = None
    #: The HTML cells of table rows, shared by the tables of pages whose links read alike.
    row_html: dict[tuple[str, str, str, tuple[str, ...]], str] | None = None
    #: Toezeggingen only a register knows: their id and the register's page for them, so that
    #: a ``:toezegging:`` reference to one resolves (``registers.py``).
    register_pages: dict[str, str] = field(default_factory=dict)
    #: Letters and toezeggingen by id (``KamerstukDomain.index``).
    indexes: dict[str, dict[str, Any]] = field(default_factory=dict)


def at_anchor(page: str, anchor: str) -> str:
    """The address of ``anchor`` on the page at address ``page``.

    singlehtml gives a document's address as ``#document-name``, where a second ``#``
    would make a link to nothing: there the anchor alone is the address.
    """
    return f'{page.partition("#")[0]}#{anchor}'


def refnode(
    builder: Builder, fromdocname: str, docname: str, anchor: str, contnode: nodes.Node
) -> nodes.reference:
    """``make_refnode``, with an address that leads somewhere in singlehtml too."""
    node = make_refnode(builder, fromdocname, docname, anchor, contnode)
    if anchor and 'refuri' in node:
        node['refuri'] = at_anchor(node['refuri'].rpartition('#')[0], anchor)
    return node


def firsts(items: Iterable[Any]) -> tuple[dict[str, Any], list[tuple[Any, Any]]]:
    """Items by ``id``, the first of each id; and each later one with the first it repeats.
    The one duplicate-id rule: the first in document order counts."""
    first: dict[str, Any] = {}
    repeats = []
    for item in items:
        earlier = first.setdefault(item.id, item)
        if earlier is not item:
            repeats.append((item, earlier))
    return first, repeats


def letter_view(letter_id: str) -> str:
    """A letter as a page's views name it, beside toezegging ids (which hold no colon)."""
    return f'kamerbrief:{letter_id}'


class KamerstukDomain(Domain):
    """Letters, citation uses and the documents holding project-wide reference lists."""

    name = 'kamerstuk'
    label = 'Kamerstuk'
    data_version = 11
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
        #: toezegging id -> a digest of what its views showed at the last build (not per
        #: document)
        'shown': {},
        #: register number -> (register.Entry, "tk" or "ek"), from kamerstuk_registers
        'register': {},
        #: the registers read ("tk", "ek"), sorted
        'registers_loaded': [],
        #: the register numbers added as needs of their own by the last build
        'register_needs': [],
        #: docname -> [needs_integration.NeedRecord, ...]: the needs its directives asked for
        'needs': {},
        #: docnames holding a sphinx-needs view (needtable, needflow, ...) of other pages
        'needs_views': set(),
    }

    object_types: ClassVar[dict[str, ObjType]] = {  # type: ignore[misc, unused-ignore]
        'toezegging': ObjType(_('toezegging'), 'toezegging'),
        'kamerbrief': ObjType(_('letter'), 'kamerbrief'),
    }
    # the roles are the features' own (``app.add_role_to_domain``)

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self.build = BuildState()

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

    # --- lookups ----------------------------------------------------------------------

    def index(self, kind: str) -> dict[str, Any]:
        """Letters or toezeggingen by id, the first in document order (after reading)."""
        if kind not in self.build.indexes:
            items = self.local_toezeggingen() if kind == 'toezegging' else self._letters()
            self.build.indexes[kind] = firsts(items)[0]
        return self.build.indexes[kind]

    def _letters(self) -> Iterator[Letter]:
        return (self.letters[docname] for docname in sorted(self.letters))

    def check_consistency(self) -> None:
        """Two letters or two toezeggingen with one id: name both places (after merging,
        so ``-j`` says the same). The checks that need the trace are the features'
        (``env-check-consistency``, which Sphinx emits right after this)."""
        for item, first in firsts(self._letters())[1]:
            log_warning(
                logger,
                __('kamerbrief id %r is also used by %s (line %s); ids must be unique')
                % (item.id, self.env.doc2path(first.docname), first.lineno),
                'kamerbrief',
                (item.docname, item.lineno),
            )
        for item, first in firsts(self.local_toezeggingen())[1]:
            log_warning(
                logger,
                __('duplicate toezegging id %r: also at %s:%s; only the first counts')
                % (item.id, self.env.doc2path(first.docname), first.lineno),
                'toezegging',
                (item.docname, item.lineno),
            )

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ == 'toezegging':
            toezegging = self.index('toezegging').get(target)
            if toezegging is not None:
                return refnode(builder, fromdocname, toezegging.docname, target, contnode)
            if target in self.build.register_pages:
                uri = self.build.register_pages[target]
                return nodes.reference('', '', contnode, refuri=uri, internal=False)
        elif typ == 'kamerbrief':
            letter = self.index('kamerbrief').get(target)
            if letter is not None:
                if not node.get('refexplicit'):
                    contnode = nodes.inline(letter.betreft, letter.betreft)
                return refnode(builder, fromdocname, letter.docname, '', contnode)
        return None

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in self.object_types:
            found = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if found is not None:
                results.append((f'{self.name}:{typ}', found))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Every letter and every toezegging written in the sources, for ``objects.inv``
        and intersphinx (a register's own entries are the register's, not this project's)."""
        for letter in self.index('kamerbrief').values():
            yield letter.id, letter.betreft, 'kamerbrief', letter.docname, '', 1
        for toezegging in self.index('toezegging').values():
            yield toezegging.id, toezegging.id, 'toezegging', toezegging.docname, toezegging.id, 1


class KamerstukXRefRole(XRefRole):
    """A reference the domain resolves, written with or without the domain's name
    (``:toezegging:`` and ``:kamerstuk:toezegging:`` are one role)."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def create_xref_node(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain = KamerstukDomain.name
        return super().create_xref_node()


def add_xref_role(app: Sphinx, name: str, role: KamerstukXRefRole) -> None:
    app.add_role(name, role)
    app.add_role_to_domain(KamerstukDomain.name, name, role)


def warn_unknown_target(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """A reference no project (and no intersphinx inventory) knows: our warning, with
    our type, in place of Sphinx's; the text written stays in the page."""
    if domain is None or domain.name != KamerstukDomain.name:
        return None
    target = node['reftarget']
    if node['reftype'] == 'kamerbrief':
        message = __('unknown kamerbrief %r in :kamerbrief: role') % target
    else:
        message = __('unknown toezegging %r in :toezegging: role') % target
    log_warning(logger, message, node['reftype'], node)
    return True


def setup_domain(app: Sphinx) -> None:
    app.add_domain(KamerstukDomain)
    app.connect('warn-missing-reference', warn_unknown_target)


def get_domain(env: BuildEnvironment) -> KamerstukDomain:
    return env.get_domain(KamerstukDomain.name)  # type: ignore[return-value]
