"""The deadline calendar: ``toezeggingen.ics``, one all-day event per open deadline.

Pure Python, written with ``icalendar`` (RFC 5545 folding and escaping are its job, not
ours). Reproducible: the events are in id order, their UIDs are the toezeggingen's own
ids, and the one time stamp iCalendar requires (``DTSTAMP``) is the peildatum.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from icalendar import Calendar, Event

from sphinx_kamerstuk.core.files import write_atomic

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from sphinx_kamerstuk.core.status import Trace

#: The statuses that still have a deadline to meet.
OPEN = ('openstaand', 'verlopen', 'deels-voldaan')
CALENDAR = 'toezeggingen.ics'


def write_calendar(
    outdir: Path,
    traces: Mapping[str, Trace],
    peildatum: datetime.date,
    urls: Mapping[str, str],
) -> Path:
    """One event per open, late or partly fulfilled toezegging with a deadline, on it.

    ``urls`` gives the page of a toezegging by its trace key (absent: no ``URL``)."""
    calendar = Calendar()
    calendar.add('prodid', '-//sphinx-kamerstuk//toezeggingen//NL')
    calendar.add('version', '2.0')
    calendar.add('calscale', 'GREGORIAN')
    calendar.add('x-wr-calname', 'Toezeggingen')
    stamp = datetime.datetime.combine(peildatum, datetime.time(), tzinfo=datetime.UTC)
    for key in sorted(traces):
        trace = traces[key]
        toezegging = trace.toezegging
        if trace.status not in OPEN or not toezegging.termijn:
            continue
        day = datetime.date.fromisoformat(toezegging.termijn)
        event = Event()
        event.add('uid', f'{key}@sphinx-kamerstuk')
        event.add('dtstamp', stamp)
        event.add('dtstart', day)
        event.add('dtend', day + datetime.timedelta(days=1))
        event.add('summary', f'{toezegging.id}: {toezegging.tekst}')
        lines = [toezegging.tekst, toezegging.bewindspersoon, toezegging.termijn_tekst]
        event.add('description', '\n'.join(line for line in lines if line))
        event.add('categories', [trace.status])
        event.add('transp', 'TRANSPARENT')
        if key in urls:
            event.add('url', urls[key])
        calendar.add_component(event)
    path = outdir / CALENDAR
    write_atomic(path, calendar.to_ical())
    return path
