"""sphinx-needs glue: the need types, fields and link types, and the computed status.

Letters and toezeggingen are also needs, so teams get needtable, needflow, needs.json,
needimport and needextend on them. The extension renders them itself (the needs are
hidden), and computes status from its own records, which it copies into the needs
before sphinx-needs seals them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinx_needs.api import (
    InvalidNeedException,
    add_field,
    add_need,
    add_need_type,
    get_needs_view,
)

from sphinx_kamerstuk.filters import FilterError, compile_filter
from sphinx_kamerstuk.locale import __
from sphinx_kamerstuk.logging import log_warning

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from docutils import nodes
    from docutils.parsers.rst.states import RSTState
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_kamerstuk.filters import FieldKind
    from sphinx_kamerstuk.models import Letter, Toezegging
    from sphinx_kamerstuk.trace import Trace

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
    'termijn': 'The deadline as a date (ISO)',
    'termijn_tekst': 'The deadline as written',
    'register_status': 'The Tweede Kamer register word for the status',
    'dagen_te_laat': 'Days past the deadline',
    'kenmerk': 'The letter kenmerk',
    'kamerstuk': "The letter's own Kamerstuk",
    'vervult_deels': 'Ids the letter fulfils only in part',
}
#: Link types: name -> (outgoing, incoming, target types).
LINKS: dict[str, tuple[str, str, list[str]]] = {
    'vervult': ('vervult', 'vervuld door', ['toezegging']),
    'herhaalt': ('herhaalt', 'herhaald door', ['toezegging']),
    'wijzigt': ('wijzigt', 'gewijzigd door', ['toezegging']),
    'vult_aan': ('vult aan', 'aangevuld door', ['toezegging']),
}


def register_needs(app: Sphinx, config: Config) -> None:
    """Types, fields and links: between sphinx-needs' priorities 12 and 500 (SPHINX-NEEDS.md)."""
    add_need_type(app, 'toezegging', 'Toezegging', 'TZ_', color='#FFE9A8')
    add_need_type(app, 'kamerbrief', 'Kamerbrief', 'KB_', color='#CFE3F5')
    for name, description in FIELDS.items():
        add_field(name, description, schema={'type': 'string'})
    links = dict(config.needs_links or {})
    for name, (outgoing, incoming, targets) in LINKS.items():
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
    if config.needs_id_regex == _DEFAULT_ID_REGEX:
        config.needs_id_regex = ID_REGEX


def reclaim_directives(app: Sphinx, config: Config) -> None:
    """sphinx-needs registered its own directive for our two types at priority 500."""
    from sphinx_kamerstuk.kamerbrief import KamerbriefDirective
    from sphinx_kamerstuk.toezeggingen import ToezeggingDirective

    app.add_directive('kamerbrief', KamerbriefDirective, override=True)
    app.add_directive('toezegging', ToezeggingDirective, override=True)


def sphinx_app(env: BuildEnvironment) -> Sphinx:
    """sphinx-needs' ``add_need`` wants the application, which directives reach only
    through the environment (``env.app`` warns of removal from Sphinx 9 on)."""
    return getattr(env, '_app', None) or env.app


def create_need(
    app: Sphinx, state: RSTState, docname: str, lineno: int, need_type: str, **kwargs: Any
) -> list[nodes.Node]:
    """Add a hidden need; a refusal (an id the project's pattern rejects) warns.

    A duplicate id is refused silently: the consistency check names both places.
    """
    try:
        return add_need(app, state, docname, lineno, need_type, hide=True, **kwargs)
    except InvalidNeedException as exc:
        if exc.type == 'duplicate_id':
            return []
        log_warning(
            logger,
            __('%s %r is not recorded for sphinx-needs: %s') % (need_type, kwargs.get('id'), exc),
            'toezegging',
            (docname, lineno),
        )
        return []


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
        kamerstuk=letter.kamerstuk.format() if letter.kamerstuk else letter.kamerstuk_text,
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
        'toezegging',
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
        termijn=toezegging.termijn or '',
        termijn_tekst=toezegging.termijn_tekst,
        herhaalt=list(toezegging.herhaalt),
        wijzigt=list(toezegging.wijzigt),
        vult_aan=list(toezegging.vult_aan),
    )


def copy_status_into_needs(app: Sphinx, needs: Mapping[str, Any]) -> None:
    """The computed status, so needtable filters and needs.json say what our views say."""
    from sphinx_kamerstuk.toezeggingen import current_traces

    for trace in current_traces(app.env).values():
        need = needs.get(trace.toezegging.id)
        if need is None or need['type'] != 'toezegging':
            continue
        need['status'] = trace.status
        need['register_status'] = trace.register_status
        need['dagen_te_laat'] = '' if trace.dagen_te_laat is None else str(trace.dagen_te_laat)


#: What a ``toezeggingen`` ``:filter:`` reads of a toezegging, by its need's names: the
#: extension's own records (what the table shows, also for register entries and needs that
#: sphinx-needs refused), and the need's tags (set with ``needextend``).
FILTER_FIELDS: dict[str, tuple[FieldKind, Callable[[Trace, Mapping[str, Any] | None], Any]]] = {
    'id': ('text', lambda t, _need: t.toezegging.id),
    'type': ('text', lambda _t, _need: 'toezegging'),
    'title': ('text', lambda t, _need: t.toezegging.tekst),
    'status': ('text', lambda t, _need: t.status),
    'register_status': ('text', lambda t, _need: t.register_status),
    'dagen_te_laat': ('number', lambda t, _need: t.dagen_te_laat or 0),
    **{
        name: ('text', lambda t, _need, name=name: getattr(t.toezegging, name) or '')
        for name in (
            'bewindspersoon',
            'functie',
            'ministerie',
            'kamer',
            'activiteit',
            'activiteit_nummer',
            'datum',
            'toegezegd_aan',
            'termijn',
            'termijn_tekst',
            'docname',
        )
    },
    **{
        name: ('list', lambda t, _need, name=name: list(getattr(t.toezegging, name)))
        for name in ('herhaalt', 'wijzigt', 'vult_aan')
    },
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
        if need is not None and need['type'] != 'toezegging':
            need = None
        return {name: get(trace, need) for name, get in getters.items()}

    return [trace for trace in traces if chosen(fields(trace))]


def setup_needs(app: Sphinx) -> None:
    app.setup_extension('sphinx_needs')
    app.connect('config-inited', register_needs, priority=400)
    app.connect('config-inited', reclaim_directives, priority=501)
    app.connect('needs-before-sealing', copy_status_into_needs)
