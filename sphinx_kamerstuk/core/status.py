"""Status of every toezegging at a reference date: who fulfilled what, when, how late.

Pure Python over the records in ``models.py``, so views, reports and tests share one
computation, done once per build.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, get_args

from sphinx_kamerstuk.core.records import Letter

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx_kamerstuk.core.records import Toezegging

#: Every status, in the order summaries and charts list them.
Status = Literal[
    'voldaan', 'te-laat-voldaan', 'deels-voldaan', 'openstaand', 'verlopen', 'vervallen'
]
STATUSES: tuple[Status, ...] = get_args(Status)
#: The words of the Tweede Kamer register (docs/domain.rst, Register statuses) for each status.
REGISTER_STATUS: dict[Status, str] = {
    'openstaand': 'Openstaand',
    'verlopen': 'Openstaand',
    'voldaan': 'Afgedaan',
    'te-laat-voldaan': 'Afgedaan',
    'deels-voldaan': 'Deels afgedaan',
    'vervallen': 'Vervallen',
}


@dataclass(frozen=True)
class Fulfilment:
    """A letter that fulfils (part of) a toezegging."""

    letter: Letter
    #: Only ``:vervult-deels:``.
    deels: bool


@dataclass(frozen=True)
class Trace:
    """One toezegging with its status at the peildatum."""

    toezegging: Toezegging
    status: Status
    #: Dated letters on or before the peildatum, in date order.
    vervuld_door: tuple[Fulfilment, ...]
    #: Letters that name it but do not count yet: drafts and letters dated later.
    in_voorbereiding: tuple[Fulfilment, ...]
    #: Days past the deadline: at fulfilment, or up to the peildatum while open.
    dagen_te_laat: int | None

    @property
    def register_status(self) -> str:
        return REGISTER_STATUS[self.status]


def due_within(traces: Iterable[Trace], peildatum: datetime.date, days: int) -> list[Trace]:
    """The open ones (in part, too) whose deadline is at most ``days`` days ahead."""
    last = peildatum + datetime.timedelta(days=days)
    return [
        t
        for t in traces
        if t.status in ('openstaand', 'deels-voldaan')
        and t.toezegging.termijn
        and peildatum <= datetime.date.fromisoformat(t.toezegging.termijn) <= last
    ]


def trace(
    toezeggingen: Iterable[Toezegging], letters: Iterable[Letter], peildatum: datetime.date
) -> dict[str, Trace]:
    """Every toezegging's trace, by id, in id order.

    A duplicate id (already warned about) is kept under ``id@docname:line``, so no
    toezegging is ever left out; lookups by id find the first.
    """
    by_id: dict[str, list[Fulfilment]] = {}
    for letter in sorted(letters, key=lambda letter: (letter.datum or '9999', letter.id)):
        for ids, deels in ((letter.vervult, False), (letter.vervult_deels, True)):
            for toezegging_id in ids:
                by_id.setdefault(toezegging_id, []).append(Fulfilment(letter, deels))
    traces: dict[str, Trace] = {}
    for toezegging in sorted(toezeggingen, key=lambda t: (t.id, t.docname, t.lineno or 0)):
        key = toezegging.id
        if key in traces:
            key = f'{toezegging.id}@{toezegging.docname}:{toezegging.lineno}'
        named_by = by_id.get(toezegging.id, []) + _outside(toezegging)
        traces[key] = _trace(toezegging, _with_register(toezegging, named_by), peildatum)
    return traces


def _outside(toezegging: Toezegging) -> list[Fulfilment]:
    """The published documents outside the project its ``:vervuld-door:`` names."""
    return [
        Fulfilment(letter, deels=toezegging.id not in letter.vervult)
        for letter in sorted(toezegging.extern, key=lambda letter: letter.datum or '')
    ]


def _with_register(toezegging: Toezegging, named_by: list[Fulfilment]) -> list[Fulfilment]:
    """Where nothing of ours fulfils it, what the register says fulfilled it: an entry
    the Kamer closed (afgedaan) counts as fulfilled by the documents it names."""
    if toezegging.vervallen or toezegging.register_status not in _REGISTER_CLOSED:
        return named_by
    if any(not f.deels for f in named_by):
        return named_by
    letter = Letter(
        docname='',
        lineno=None,
        id=f'{toezegging.id}-register',
        betreft=', '.join(toezegging.register_brieven),
        aan=(),
        tk_document=', '.join(toezegging.register_brieven) if toezegging.register == 'tk' else '',
        kamers=(toezegging.register,),
        bron='register',
        vervult=(toezegging.id,),
    )
    deels = toezegging.register_status == 'deels-afgedaan'
    return [*named_by, Fulfilment(letter, deels)]


def _recurring_trace(
    toezegging: Toezegging, named_by: list[Fulfilment], peildatum: datetime.date
) -> Trace:
    """One deadline per period: each fulfilling letter keeps the earliest one not yet
    kept. Overdue while a passed deadline is not kept (days late from the earliest);
    fulfilled only when ``tot`` has passed and every deadline is kept; else open, its
    ``termijn`` the next deadline."""
    counted = tuple(
        f
        for f in named_by
        if (f.letter.date and f.letter.date <= peildatum) or f.letter.bron == 'register'
    )
    waiting = tuple(f for f in named_by if f not in counted)
    deadlines = [datetime.date.fromisoformat(day) for day in toezegging.termijnen]
    kept = min(len([f for f in counted if not f.deels]), len(deadlines))
    open_deadlines = deadlines[kept:]
    overdue = [day for day in open_deadlines if day < peildatum]
    ended = toezegging.tot is not None and datetime.date.fromisoformat(toezegging.tot) < peildatum
    late: int | None = None
    status: Status
    if toezegging.vervallen:
        status = 'vervallen'
    elif overdue:
        status, late = 'verlopen', (peildatum - overdue[0]).days
    elif ended and not open_deadlines:
        status = 'voldaan'
    else:
        status = 'openstaand'
    following = open_deadlines[0].isoformat() if open_deadlines else None
    shown = replace(toezegging, termijn=following)
    return Trace(shown, status, counted, waiting, late)


#: Register statuses that say the Kamer considers it done.
_REGISTER_CLOSED = ('afgedaan', 'deels-afgedaan')


def _trace(toezegging: Toezegging, named_by: list[Fulfilment], peildatum: datetime.date) -> Trace:
    if toezegging.termijnen:
        return _recurring_trace(toezegging, named_by, peildatum)
    counted = tuple(
        f
        for f in named_by
        if (f.letter.date and f.letter.date <= peildatum) or f.letter.bron == 'register'
    )
    waiting = tuple(f for f in named_by if f not in counted)
    deadline = datetime.date.fromisoformat(toezegging.termijn) if toezegging.termijn else None
    full = [f.letter.date for f in counted if not f.deels]
    late: int | None = None
    status: Status
    if toezegging.vervallen:
        status = 'vervallen'
    elif full:
        dated = [d for d in full if d is not None]
        first = min(dated) if dated else None  # the register's: not dated, never late
        if deadline is not None and first is not None and first > deadline:
            status, late = 'te-laat-voldaan', (first - deadline).days
        else:
            status = 'voldaan'
    elif counted:
        status = 'deels-voldaan'
    elif deadline is not None and deadline < peildatum:
        status, late = 'verlopen', (peildatum - deadline).days
    else:
        status = 'openstaand'
    return Trace(toezegging, status, counted, waiting, late)
