"""sphinx-needs glue: the need types, fields and link types, and the computed status.

Letters and toezeggingen are also needs, so teams get needtable, needflow, needs.json,
needimport and needextend on them. The extension renders them itself (the needs are
hidden), and computes status from its own records, which it copies into the needs
before sphinx-needs seals them.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinx_needs.api import (
    InvalidNeedException,
    add_field,
    add_need,
    add_need_type,
    get_needs_view,
)

from sphinx_kamerstuk.locale import __
from sphinx_kamerstuk.logging import log_warning

if TYPE_CHECKING:
    from collections.abc import Mapping

    from docutils import nodes
    from docutils.parsers.rst.states import RSTState
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_kamerstuk.models import Letter, Toezegging

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
        # data, never code: no ``[[...]]`` dynamic functions (they can run Python)
        add_field(name, description, schema={'type': 'string'}, parse_dynamic_functions=False)
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
    Values go in as typed data (``allow_type_coercion=False``), so sphinx-needs parses no
    dynamic function or variant in them.
    """
    try:
        return add_need(
            app,
            state,
            docname,
            lineno,
            need_type,
            hide=True,
            allow_type_coercion=False,
            **kwargs,
        )
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


def filter_toezeggingen(app: Sphinx, filter_string: str, location: nodes.Node) -> set[str]:
    """Ids of toezeggingen a sphinx-needs filter string selects."""
    from sphinx_needs.config import NeedsSphinxConfig
    from sphinx_needs.filter_common import filter_needs_view

    view = get_needs_view(app).filter_types(['toezegging'])
    found = filter_needs_view(view, NeedsSphinxConfig(app.config), filter_string, location=location)
    return {need['id'] for need in found}


def is_valid_filter(filter_string: str) -> bool:
    """A sphinx-needs filter is a Python expression; check its syntax while reading."""
    try:
        ast.parse(filter_string, mode='eval')
    except SyntaxError:
        return False
    return bool(re.search(r'\S', filter_string))


def setup_needs(app: Sphinx) -> None:
    app.setup_extension('sphinx_needs')
    app.connect('config-inited', register_needs, priority=400)
    app.connect('config-inited', reclaim_directives, priority=501)
    app.connect('needs-before-sealing', copy_status_into_needs)
