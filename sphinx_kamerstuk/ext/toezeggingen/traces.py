"""The trace of this build: every toezegging's status at the peildatum, computed once."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from sphinx_kamerstuk.core.reconcile import combine
from sphinx_kamerstuk.core.records import Toezegging
from sphinx_kamerstuk.core.status import Trace, trace
from sphinx_kamerstuk.core.termijnen import Rules
from sphinx_kamerstuk.ext.config import source_date_epoch
from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.i18n import _

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from sphinx_kamerstuk.core.status import Status


def status_label(status: Status) -> str:
    labels = {
        'openstaand': _('open'),
        'verlopen': _('overdue'),
        'voldaan': _('fulfilled'),
        'te-laat-voldaan': _('fulfilled late'),
        'deels-voldaan': _('partly fulfilled'),
        'vervallen': _('lapsed'),
    }
    return labels[status]


# --- the peildatum and the trace of this build ---------------------------------------


def peildatum(config: Any) -> datetime.date:
    """The reference date: configured, else SOURCE_DATE_EPOCH, else today."""
    if config.kamerstuk_peildatum:
        return datetime.date.fromisoformat(config.kamerstuk_peildatum)
    return source_date_epoch()[0] or datetime.date.today()  # a bad one warned at start-up


def all_toezeggingen(env: BuildEnvironment) -> list[Toezegging]:
    """The sources' toezeggingen, augmented from the registers, and the registers' rest."""
    domain = get_domain(env)
    return combine(domain.local_toezeggingen(), domain.data['register'])


def current_traces(env: BuildEnvironment) -> dict[str, Trace]:
    """The traces of this build, computed once (every view and report reads them)."""
    domain = get_domain(env)
    if domain.build.traces is None:
        domain.build.traces = trace(
            all_toezeggingen(env), domain.letters.values(), peildatum(env.config)
        )
    return domain.build.traces


def trace_at(env: BuildEnvironment, docname: str, lineno: int | None) -> Trace | None:
    """The trace of the toezegging written at this place (duplicate ids included)."""
    domain = get_domain(env)
    if domain.build.traces_by_place is None:
        domain.build.traces_by_place = {
            (t.toezegging.docname, t.toezegging.lineno): t for t in current_traces(env).values()
        }
    return domain.build.traces_by_place.get((docname, lineno))


def termijn_rules(config: Any) -> Rules:
    """The deadline rules with the project's recess dates (validated at start-up)."""
    return Rules.from_config(config.kamerstuk_termijnen)
