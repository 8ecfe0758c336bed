"""The deadline calendar ``toezeggingen.ics``, read back with the icalendar parser.

The project is the registers root: real Tweede Kamer register entries (see its
``_data/tk-toezeggingen.json``) and the letters of the seed Kamerbrief that answer them.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from icalendar import Calendar

from sphinx_kamerstuk.core.calendar import write_calendar
from sphinx_kamerstuk.core.records import Toezegging
from sphinx_kamerstuk.core.status import trace
from tests.conftest import ROOTS

PEILDATUM = datetime.date(2026, 7, 1)


def _events(path: Path) -> dict[str, dict]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {
        str(event['uid']): {
            'start': event.decoded('dtstart'),
            'end': event.decoded('dtend'),
            'summary': str(event['summary']),
            'description': str(event['description']),
            'url': str(event.get('url', '')),
            'categories': [str(c) for c in event['categories'].cats],
        }
        for event in calendar.walk('VEVENT')
    }


def test_one_event_per_open_deadline_with_a_link(make_app, tmp_path):
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-registers', srcdir)
    with (srcdir / 'toezeggingen.rst').open('a', encoding='utf-8') as source:
        source.write(  # a local toezegging with a deadline after the peildatum
            '\n.. toezegging:: Een brief over de uitvoering, voor het kerstreces.\n'
            '   :id: TZ202607-100\n   :datum: 2026-07-02\n   :termijn: 2026-12-18\n'
        )
    app = make_app(
        'kamerstuk',
        srcdir=srcdir,
        confoverrides={'html_baseurl': 'https://intranet.example/toezeggingen/'},
    )
    app.build()
    events = _events(Path(app.outdir) / 'toezeggingen.ics')
    statuses = {uid.split('@')[0]: event['categories'][0] for uid, event in events.items()}
    # fulfilled, fulfilled per the register, and without a deadline: no event
    assert set(statuses.values()) <= {'openstaand', 'verlopen', 'deels-voldaan'}
    assert 'TZ202606-012' not in statuses  # fulfilled by brief-a
    assert 'TZ202604-007' not in statuses  # closed by the Kamer: per the register
    assert 'TZ202607-099' not in statuses  # no deadline
    local = events['TZ202607-100@sphinx-kamerstuk']
    assert local['url'] == 'https://intranet.example/toezeggingen/toezeggingen.html#TZ202607-100'
    assert local['start'] == datetime.date(2026, 12, 18)
    assert local['end'] - local['start'] == datetime.timedelta(days=1)  # all day
    register_only = events['TZ202603-003@sphinx-kamerstuk']
    assert register_only['url'].startswith('https://gegevensmagazijn.tweedekamer.nl/')
    # the same input writes the same bytes
    first = (Path(app.outdir) / 'toezeggingen.ics').read_bytes()
    again = make_app(
        'kamerstuk',
        srcdir=srcdir,
        confoverrides={'html_baseurl': 'https://intranet.example/toezeggingen/'},
        freshenv=True,
    )
    again.build()
    assert (Path(again.outdir) / 'toezeggingen.ics').read_bytes() == first


def test_text_with_commas_semicolons_and_lines_survives(tmp_path):
    tekst = 'Wat; "echt"\nnodig is, en waarom'
    toezegging = Toezegging(
        docname='toezeggingen',
        lineno=1,
        id='T01',
        tekst=tekst,
        termijn='2026-09-15',
        termijn_tekst='voor Prinsjesdag 2026',
        bewindspersoon='E. Heinen',
    )
    traces = trace([toezegging], [], PEILDATUM)
    path = write_calendar(tmp_path, traces, PEILDATUM, {})
    raw = path.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b'\r\n'))  # folded as RFC 5545 asks
    [event] = _events(path).values()
    assert event['summary'] == f'T01: {tekst}'
    assert event['description'] == f'{tekst}\nE. Heinen\nvoor Prinsjesdag 2026'
    assert event['start'] == datetime.date(2026, 9, 15)
    assert event['url'] == ''
    assert b'DTSTAMP:20260701T000000Z' in raw


def test_the_build_ends_with_what_is_overdue_and_due_soon(make_app, tmp_path):
    """At the peildatum 2026-09-01 of the registers root, whose own toezeggingen are
    fulfilled or have no deadline: one added a month overdue, one due in 20 days (within
    the default 30 days, not within 10)."""
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-registers', srcdir)
    with (srcdir / 'toezeggingen.rst').open('a', encoding='utf-8') as source:
        source.write(
            '\n.. toezegging:: Een brief over de uitvoering, binnenkort.\n'
            '   :id: TZ202607-101\n   :datum: 2026-07-02\n   :termijn: 2026-09-21\n'
            '\n.. toezegging:: Een brief voor de zomer.\n'
            '   :id: TZ202607-102\n   :datum: 2026-07-02\n   :termijn: 2026-08-01\n'
        )
    app = make_app('html', srcdir=srcdir, confoverrides={'language': 'nl'})
    app.build()
    status = app.status.getvalue()
    assert 'toezeggingen: 1 verlopen, 1 binnen 30 dagen' in status
    assert 'WARNING' not in app.warning.getvalue()
    page = (Path(app.outdir) / 'verschillen.html').read_text(encoding='utf-8')
    assert '1 binnen 30 dagen</p>' in page
    narrow = make_app(
        'html',
        srcdir=srcdir,
        confoverrides={'language': 'nl', 'kamerstuk_binnenkort_dagen': 10},
        freshenv=True,
    )
    narrow.build()
    assert 'toezeggingen: 1 verlopen, 0 binnen 10 dagen' in narrow.status.getvalue()
