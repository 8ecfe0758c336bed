"""sphinx-needs glue: the need types, fields and link types, and the computed status.

Letters and toezeggingen are also needs, so teams get needtable, needflow, needs.json,
needimport and needextend on them. The extension renders them itself (the needs are
hidden), and computes status from its own records, which it copies into the needs
before sphinx-needs seals them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx.util import logging
from sphinx_needs.api import (
    InvalidNeedException,
    add_field,
    add_need,
    add_need_type,
    del_need,
    generate_need,
    get_needs_view,
)
from sphinx_needs.config import NeedsSphinxConfig
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.exceptions import NeedsApiConfigException

from sphinx_kamerstuk.core.filters import FilterError, compile_filter
from sphinx_kamerstuk.ext.config import conf_location
from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.messages import log_warning

# sphinx-needs has no public API for the next two; their use stays in this module.
# ``SphinxNeedsData`` (above) adds a need without a parser state; and this is how
# sphinx-needs finds a need's sections, which a need added later must have too.
try:
    from sphinx_needs.directives.need import get_sections_and_signature_and_needs
except ImportError:  # pragma: no cover - a sphinx-needs that moved it: no sections

    def get_sections_and_signature_and_needs(
        need_node: nodes.Node | None,
    ) -> tuple[list[str], nodes.Text | None, list[str]]:
        return [], None, []


# sphinx-needs post-processes every need when writing starts (below), through a listener
# that only its module names.
try:
    from sphinx_needs.needs import ensure_post_process_needs_data
except ImportError:  # pragma: no cover - a sphinx-needs without it: nothing to leave out
    ensure_post_process_needs_data = None  # type: ignore[assignment]


if TYPE_CHECKING:
    from collections.abc import Callable

    from docutils import nodes
    from docutils.parsers.rst import Directive
    from docutils.parsers.rst.states import RSTState
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx_needs.need_item import NeedItem

    from sphinx_kamerstuk.core.filters import FieldKind
    from sphinx_kamerstuk.core.records import Letter, Toezegging
    from sphinx_kamerstuk.core.status import Trace

logger = logging.getLogger(__name__)

#: sphinx-needs' default id pattern; we widen it only when the project kept it.
_DEFAULT_ID_REGEX = '^[A-Z0-9_]{5,}'
ID_REGEX = r'^[A-Za-z0-9][A-Za-z0-9_.-]*$'

#: Fields on both need types (sphinx-needs fields are global), with descriptions.
FIELDS: dict[str, str] = {
    'bewindspersoon': 'Who made the toezegging',
    'functie': 'The office of the bewindspersoon',
    'ministerie': 'The ministry',
    'kamer': 'tk or ek',
    'activiteit': 'The debate or meeting the toezegging was made in',
    'activiteit_nummer': 'Its Tweede Kamer number (2026A01234)',
    'datum': 'When the toezegging was made, or the letter dated (ISO)',
    'toegezegd_aan': 'Member or fractie the toezegging was made to',
    'commissie': 'The committee that follows the toezegging',
    'indieners': 'Who submitted the motie',
    'vindplaats': 'Where the toezegging was made (a citation)',
    'termijn': 'The deadline as a date (ISO)',
    'termijn_tekst': 'The deadline as written',
    'register_status': 'The Tweede Kamer register word for the status',
    'dagen_te_laat': 'Days past the deadline',
    'kenmerk': 'The letter kenmerk',
    'kamerstuk': "The letter's own Kamerstuk",
    'vervult_deels': 'Ids the letter fulfils only in part',
}
#: Need types: directive, title, id prefix, colour.
TYPES = (
    ('toezegging', 'Toezegging', 'TZ_', '#FFE9A8'),
    ('motie', 'Motie', 'MO_', '#F6D3E5'),
    ('kamerbrief', 'Kamerbrief', 'KB_', '#CFE3F5'),
)
#: Link types: name -> (outgoing, incoming, target types).
LINKS: dict[str, tuple[str, str, list[str]]] = {
    'vervult': ('vervult', 'vervuld door', ['toezegging', 'motie']),
    'herhaalt': ('herhaalt', 'herhaald door', ['toezegging', 'motie']),
    'wijzigt': ('wijzigt', 'gewijzigd door', ['toezegging', 'motie']),
    'vult_aan': ('vult aan', 'aangevuld door', ['toezegging', 'motie']),
}


def register_needs(app: Sphinx, config: Config) -> None:
    """Types, fields and links: between sphinx-needs' priorities 12 and 500 (its registry is
    emptied in its ``setup()``; docs/architecture.rst, What sphinx-needs does).

    A project that defines a type of ours in ``needs_types`` keeps its definition; one
    whose ``needs_links`` is not a mapping gets ours alone. Both warn.
    """
    where = conf_location(app, 'needs_types')
    for directive, title, prefix, color in TYPES:
        try:
            add_need_type(app, directive, title, prefix, color=color)
        except NeedsApiConfigException:
            log_warning(
                logger,
                __('needs_types already defines %r; its definition is used for ours') % directive,
                'config',
                where,
            )
    for name, description in FIELDS.items():
        # data, never code: no ``[[...]]`` dynamic functions (they can run Python)
        add_field(name, description, schema={'type': 'string'}, parse_dynamic_functions=False)
    links = config.needs_links or {}
    if not isinstance(links, Mapping):
        log_warning(
            logger,
            __('invalid needs_links = %r: expected a dict of link types; using only ours')
            % (links,),
            'config',
            conf_location(app, 'needs_links'),
        )
        links = {}
    links = dict(links)
    for name, (outgoing, incoming, targets) in LINKS.items():
        if name in links and not isinstance(links[name], Mapping):
            log_warning(
                logger,
                __('invalid needs_links[%r] = %r: expected a dict; using ours')
                % (name, links[name]),
                'config',
                conf_location(app, 'needs_links'),
            )
            del links[name]
        # dead links are ours to report, with a better message (subtype vervult)
        links.setdefault(
            name,
            {
                'outgoing': outgoing,
                'incoming': incoming,
                'target_types': targets,
                'allow_dead_links': True,
            },
        )
    config.needs_links = links
    _check_id_regex(app, config)
    _titles_are_text(config)
    _schema_validation_where_asked(app, config)


def _check_id_regex(app: Sphinx, config: Config) -> None:
    """Our ids need a wider pattern than sphinx-needs' default; a broken one warns."""
    pattern = config.needs_id_regex
    if pattern == _DEFAULT_ID_REGEX:
        config.needs_id_regex = ID_REGEX
        return
    try:
        re.compile(pattern)
    except (TypeError, re.error) as exc:
        log_warning(
            logger,
            __('invalid needs_id_regex = %r: %s; using %r') % (pattern, exc, ID_REGEX),
            'config',
            conf_location(app, 'needs_id_regex'),
        )
        config.needs_id_regex = ID_REGEX


def _titles_are_text(config: Config) -> None:
    """sphinx-needs evaluates ``[[...]]`` in every need's title, also in needs another
    project's ``needs.json`` brings in (``needimport``, ``needs_external_needs``): a
    toezegging's text from there is data. A project that sets ``needs_fields['title']``
    itself keeps its choice."""
    fields = config.needs_fields
    if isinstance(fields, Mapping) and 'title' not in fields:
        config.needs_fields = {**fields, 'title': {'parse_dynamic_functions': False}}


def _schema_validation_where_asked(app: Sphinx, config: Config) -> None:
    """sphinx-needs validates every need against the field schemas at every build, also
    when nothing is written (a quarter of a no-change rebuild of 4000 needs), and our
    directives check their own fields already. Only a project that asks keeps it: with
    schema definitions of its own, or ``needs_schema_validation_enabled`` in conf.py."""
    asked = conf_location(app, 'needs_schema_validation_enabled') is not None
    if asked or config.needs_schema_definitions or config.needs_schema_definitions_from_json:
        return
    config.needs_schema_validation_enabled = False


def _post_process_only_after_reading(app: Sphinx, env: BuildEnvironment) -> None:
    """sphinx-needs post-processes all needs when writing starts, also in a build that
    read nothing (a third of a no-change rebuild of 4000 needs), only to warn again what
    the build that read them warned. Sphinx does not repeat a build's warnings either. So
    a build that read and removed nothing leaves that step out; a page it writes still
    has the needs post-processed when it first asks for them (``get_needs_view``).

    The listener is found in ``app.events.listeners``, which no API offers
    (``tests/test_needs_contract.py``), and connected again when the build ends.
    """
    domain = get_domain(env)
    listeners = getattr(getattr(app, 'events', None), 'listeners', {})
    if domain.build.documents_changed or ensure_post_process_needs_data is None:
        return
    for listener in list(listeners.get('write-started', ())):
        if listener.handler is ensure_post_process_needs_data:
            app.disconnect(listener.id)
            domain.build.left_out_post_processing = listener.priority


def _connect_post_processing_again(app: Sphinx, exception: BaseException | None) -> None:
    domain = get_domain(app.env)
    priority = domain.build.left_out_post_processing
    if priority is not None:
        app.connect('write-started', ensure_post_process_needs_data, priority=priority)
        domain.build.left_out_post_processing = None


def claim_directive(app: Sphinx, name: str, directive: type[Directive]) -> None:
    """Our directive for one of our need types, in place of sphinx-needs' own.

    sphinx-needs adds a directive for every need type when it loads its configuration
    (``config-inited``, priority 500; no API says so: ``tests/test_needs_contract.py``
    fails when that changes), so ours is added again just after.
    """

    def claim(app: Sphinx, config: Config) -> None:
        app.add_directive(name, directive, override=True)

    app.connect('config-inited', claim, priority=501)


def sphinx_app(env: BuildEnvironment) -> Sphinx:
    """sphinx-needs' ``add_need`` wants the application, which a directive has no public
    way to reach (``env.app`` goes in Sphinx 10): the domain keeps it for the build."""
    app = get_domain(env).build.app
    if app is None:  # pragma: no cover - set when the builder starts, before any reading
        raise RuntimeError('sphinx_kamerstuk: the build has not started')
    return app


def _keep_app(app: Sphinx) -> None:
    get_domain(app.env).build.app = app


#: The need types this extension creates; only their needs are ours to settle.
OWN_TYPES = frozenset({'toezegging', 'motie', 'kamerbrief'})


class NeedRecord(NamedTuple):
    """What a directive asked sphinx-needs for, kept so any build can give the same needs."""

    need_type: str
    lineno: int
    fields: dict[str, Any]
    #: The titles of the sections around it, innermost first, as sphinx-needs records them.
    sections: tuple[str, ...] = ()


def _is_own(need: NeedItem) -> bool:
    return need['type'] in OWN_TYPES and not need['is_external'] and not need['is_import']


def _place(need: NeedItem) -> tuple[str, int]:
    return (need['docname'] or '', need['lineno'] or 0)


def _add(app: Sphinx, state: RSTState, docname: str, record: NeedRecord) -> list[nodes.Node]:
    # values go in as typed data (``allow_type_coercion=False``): sphinx-needs then parses
    # no dynamic function or variant in them, which would evaluate Python
    return add_need(
        app,
        state,
        docname,
        record.lineno,
        record.need_type,
        hide=True,
        allow_type_coercion=False,
        **record.fields,
    )


def create_need(
    app: Sphinx, state: RSTState, docname: str, lineno: int, need_type: str, **kwargs: Any
) -> list[nodes.Node]:
    """Add a hidden need; a refusal (an id the project's pattern rejects) warns.

    Of two needs with one id the first in document order is kept, whatever order the
    documents are read in (``settle_needs`` restores it when the kept one goes); the
    consistency check names both places.
    """
    try:
        parent = state.parent
    except Exception:  # noqa: BLE001 - MyST's mock state has none (MockingError)
        parent = None
    sections, _signature, _parents = get_sections_and_signature_and_needs(parent)
    record = NeedRecord(need_type, lineno, kwargs, tuple(sections))
    records = get_domain(app.env).data['needs'].setdefault(docname, [])
    records.append(record)  # kept only when sphinx-needs takes it, or refuses a duplicate
    try:
        return _add(app, state, docname, record)
    except InvalidNeedException as exc:
        existing = SphinxNeedsData(app.env).get_needs_mutable().get(kwargs.get('id') or '')
        if exc.type != 'duplicate_id':
            records.remove(record)  # a need sphinx-needs will never take
        if exc.type != 'duplicate_id' or existing is None or not _is_own(existing):
            log_warning(
                logger,
                __('%s %r is not recorded for sphinx-needs: %s')
                % (need_type, kwargs.get('id'), exc),
                'toezegging',
                (docname, lineno),
            )
            return []
    if _place(existing) < (docname, lineno):
        return []  # the earlier one stays
    del_need(app, kwargs['id'])
    return _add(app, state, docname, record)


def has_need(env: BuildEnvironment, need_id: str) -> bool:
    """Whether sphinx-needs holds a need of this id (while reading, before it seals them)."""
    return SphinxNeedsData(env).has_need(need_id)


def purge_before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remove our needs of every document about to be read, and the register's needs.

    Sphinx purges a document only just before reading it, so a toezegging moved to a page
    read earlier met its old self and was refused; ``-j`` purges them all first, as here.
    Register needs are added again once every document is read.
    """
    reading = set(docnames)
    register = set(get_domain(env).data['register_needs'])
    for need_id, need in list(SphinxNeedsData(env).get_needs_mutable().items()):
        if (need['is_external'] and need_id in register) or (
            _is_own(need) and need['docname'] in reading
        ):
            del_need(app, need_id)


def settle_needs(app: Sphinx, env: BuildEnvironment) -> None:
    """Every id the sources give has its need, from its first place in document order.

    Needed when the kept one of two needs with one id is edited away and the other's
    document is not read again: that one was refused when it was read.
    """
    kept: dict[str, tuple[str, NeedRecord]] = {}
    records = get_domain(env).data['needs']
    for docname in sorted(records):
        for record in sorted(records[docname], key=lambda record: record.lineno):
            kept.setdefault(record.fields['id'], (docname, record))
    data = SphinxNeedsData(env)
    needs = data.get_needs_mutable()
    for need_id, (docname, record) in kept.items():
        need = needs.get(need_id)
        if need is not None and (not _is_own(need) or _place(need) == (docname, record.lineno)):
            continue
        if need is not None:
            del_need(app, need_id)
        try:
            settled = generate_need(
                NeedsSphinxConfig(app.config),
                data.get_schema(),
                record.need_type,
                docname=docname,
                lineno=record.lineno,
                doctype=Path(env.doc2path(docname)).suffix,
                sections=record.sections,
                hide=True,
                allow_type_coercion=False,
                **record.fields,
            )
        except InvalidNeedException as exc:  # pragma: no cover - it was taken when read
            message = __('%s %r is not recorded for sphinx-needs: %s')
            where = (docname, record.lineno)
            log_warning(logger, message % (record.need_type, need_id, exc), 'toezegging', where)
            continue
        data.add_need(settled)


def letter_need(app: Sphinx, state: RSTState, letter: Letter) -> list[nodes.Node]:
    return create_need(
        app,
        state,
        letter.docname,
        letter.lineno or 0,
        'kamerbrief',
        title=letter.betreft,
        id=letter.id,
        datum=letter.datum or '',
        kenmerk=letter.kenmerk,
        ministerie=letter.ministerie,
        kamerstuk='; '.join(
            [*(citation.format() for citation in letter.kamerstukken), *letter.kamerstuk_text]
        ),
        vervult=[*letter.vervult, *letter.vervult_deels],
        vervult_deels=', '.join(letter.vervult_deels),
    )


def toezegging_need(
    app: Sphinx, state: RSTState, toezegging: Toezegging, content: str
) -> list[nodes.Node]:
    return create_need(
        app,
        state,
        toezegging.docname,
        toezegging.lineno or 0,
        toezegging.soort,
        title=toezegging.tekst,
        id=toezegging.id,
        content=content,
        status='vervallen' if toezegging.vervallen else None,
        bewindspersoon=toezegging.bewindspersoon,
        functie=toezegging.functie,
        ministerie=toezegging.ministerie,
        kamer=toezegging.kamer,
        activiteit=toezegging.activiteit,
        activiteit_nummer=toezegging.activiteit_nummer,
        datum=toezegging.datum or '',
        toegezegd_aan=toezegging.toegezegd_aan,
        indieners=toezegging.indieners,
        commissie=toezegging.commissie,
        vindplaats=toezegging.vindplaats.format()
        if toezegging.vindplaats
        else toezegging.vindplaats_tekst,
        termijn=toezegging.termijn or '',
        termijn_tekst=toezegging.termijn_tekst,
        herhaalt=list(toezegging.herhaalt),
        wijzigt=list(toezegging.wijzigt),
        vult_aan=list(toezegging.vult_aan),
    )


def _record_text(name: str) -> Callable[[Trace, NeedItem | None], str]:
    return lambda t, _need: getattr(t.toezegging, name) or ''


def _record_list(name: str) -> Callable[[Trace, NeedItem | None], list[str]]:
    return lambda t, _need: list(getattr(t.toezegging, name))


#: What a ``toezeggingen`` ``:filter:`` reads of a toezegging, by its need's names: the
#: extension's own records (what the table shows, also for register entries and needs that
#: sphinx-needs refused), and the need's tags (set with ``needextend``).
FILTER_FIELDS: dict[str, tuple[FieldKind, Callable[[Trace, NeedItem | None], Any]]] = {
    'id': ('text', lambda t, _need: t.toezegging.id),
    'type': ('text', lambda t, _need: t.toezegging.soort),
    'soort': ('text', lambda t, _need: t.toezegging.soort),
    'title': ('text', lambda t, _need: t.toezegging.tekst),
    'status': ('text', lambda t, _need: t.status),
    'register_status': ('text', lambda t, _need: t.register_status),
    'dagen_te_laat': ('number', lambda t, _need: t.dagen_te_laat or 0),
    **{
        name: ('text', _record_text(name))
        for name in (
            'bewindspersoon',
            'functie',
            'ministerie',
            'kamer',
            'activiteit',
            'activiteit_nummer',
            'datum',
            'toegezegd_aan',
            'commissie',
            'termijn',
            'termijn_tekst',
            'docname',
        )
    },
    **{name: ('list', _record_list(name)) for name in ('herhaalt', 'wijzigt', 'vult_aan')},
    'vervult_back': (
        'list',
        lambda t, _need: sorted({f.letter.id for f in (*t.vervuld_door, *t.in_voorbereiding)}),
    ),
    'tags': ('list', lambda _t, need: [str(tag) for tag in need['tags']] if need else []),
}
FILTER_KINDS: dict[str, FieldKind] = {name: kind for name, (kind, _get) in FILTER_FIELDS.items()}


def check_filter(filter_text: str) -> FilterError | None:
    """Read a ``:filter:`` while reading the document: what is wrong with it, if anything."""
    try:
        compile_filter(filter_text, FILTER_KINDS)
    except FilterError as exc:
        return exc
    return None


def filter_toezeggingen(app: Sphinx, filter_text: str, traces: list[Trace]) -> list[Trace] | None:
    """The toezeggingen a ``:filter:`` selects, in order; ``None`` for a filter that is not
    valid (warned about while reading)."""
    try:
        chosen = compile_filter(filter_text, FILTER_KINDS)
    except FilterError:
        return None
    needs = get_needs_view(app) if 'tags' in chosen.fields else {}
    getters = {name: FILTER_FIELDS[name][1] for name in chosen.fields}

    def fields(trace: Trace) -> dict[str, Any]:
        need = needs.get(trace.toezegging.id)
        if need is not None and need['type'] != trace.toezegging.soort:
            need = None
        return {name: get(trace, need) for name, get in getters.items()}

    return [trace for trace in traces if chosen(fields(trace))]


#: sphinx-needs' directives that show needs of other pages, by their node's class name.
NEEDS_VIEWS = frozenset(
    {'needtable', 'needlist', 'needflow', 'needpie', 'needbar', 'needextract', 'needgantt'}
    | {'needsequence', 'needuml'}
)


def note_needs_views(app: Sphinx, doctree: nodes.document) -> None:
    """Pages with a sphinx-needs view are written again when a need may have changed."""
    for _node in doctree.findall(lambda node: type(node).__name__.lower() in NEEDS_VIEWS):
        get_domain(app.env).data['needs_views'].add(app.env.docname)
        return


def setup_needs(app: Sphinx) -> None:
    app.setup_extension('sphinx_needs')
    app.connect('config-inited', register_needs, priority=400)
    app.connect('builder-inited', _keep_app)
    app.connect('env-before-read-docs', purge_before_reading)
    app.connect('doctree-read', note_needs_views)
    app.connect('env-updated', settle_needs, priority=300)  # before the register's needs
    app.connect('env-updated', _post_process_only_after_reading, priority=900)
    app.connect('build-finished', _connect_post_processing_again)
