"""Recurring termijnen: one deadline per period, each letter keeping the earliest.

The case is real: the Voortgangsrapportage tracéwetplichtige projecten that the
Minister van Infrastructuur en Milieu sends twice a year, "zoals gebruikelijk" (the
spring one is kst-34300-A-63 of 5 april 2016, in ``tests/roots/test-real-letters/
tracewet.md``). The toezegging's wording and the other dates are set around it.
"""

from __future__ import annotations

import datetime
import re
import textwrap
from pathlib import Path

import pytest
from conftest import html, warnings

from sphinx_kamerstuk.core.citations import parse
from sphinx_kamerstuk.core.records import Letter, Toezegging
from sphinx_kamerstuk.core.recurring import RECURRING_FORMS, is_recurring, occurrences
from sphinx_kamerstuk.core.status import trace
from sphinx_kamerstuk.ext.toezeggingen.traces import current_traces

D = datetime.date
DOCS_PAGE = Path(__file__).parents[1] / 'docs' / 'termijnen.rst'
VGR = parse('Kamerstukken II 2015/16, 34 300 A, nr. 63')


def _letter(datum: str, n: int) -> Letter:
    return Letter(
        docname='',
        lineno=None,
        id=f'vgr-{n}',
        betreft='Voortgangsrapportage tracéwetplichtige projecten',
        aan=(),
        datum=datum,
        kamerstukken=(VGR,),
        bron='extern',
        vervult=('T1',),
    )


def _toezegging(*letters: Letter, tot: str | None = '2016-12-31') -> Toezegging:
    made_on = D(2015, 10, 1)
    until = D.fromisoformat(tot) if tot else None
    days = occurrences('halfjaarlijks', made_on=made_on, until=until)
    return Toezegging(
        docname='toezeggingen',
        lineno=1,
        id='T1',
        tekst='De minister zendt de Kamer halfjaarlijks de Voortgangsrapportage.',
        datum=made_on.isoformat(),
        termijn_tekst='halfjaarlijks',
        termijnen=tuple(day.isoformat() for day in days),
        tot=tot,
        extern=letters,
    )


def _at(peildatum: D, toezegging: Toezegging):
    return trace([toezegging], [], peildatum)['T1']


def test_deadlines_run_from_the_period_of_the_datum_to_tot():
    assert _toezegging().termijnen == ('2015-12-31', '2016-06-30', '2016-12-31')


def test_a_letter_keeps_the_earliest_deadline_and_the_next_one_is_shown():
    t = _at(D(2016, 5, 1), _toezegging(_letter('2016-04-05', 1)))
    assert (t.status, t.toezegging.termijn, t.dagen_te_laat) == ('openstaand', '2016-06-30', None)


def test_a_passed_deadline_not_kept_is_overdue_from_the_earliest():
    t = _at(D(2016, 8, 1), _toezegging(_letter('2016-04-05', 1)))
    assert (t.status, t.dagen_te_laat) == ('verlopen', 32)
    nothing = _at(D(2016, 8, 1), _toezegging())
    assert (nothing.status, nothing.dagen_te_laat) == (
        'verlopen',
        (D(2016, 8, 1) - D(2015, 12, 31)).days,
    )


def test_fulfilled_only_when_tot_has_passed_and_every_deadline_is_kept():
    letters = [_letter('2016-04-05', 1), _letter('2016-06-20', 2), _letter('2016-12-01', 3)]
    assert _at(D(2016, 12, 15), _toezegging(*letters)).status == 'openstaand'  # tot not passed
    done = _at(D(2017, 1, 15), _toezegging(*letters))
    assert (done.status, done.toezegging.termijn) == ('voldaan', None)
    # without :tot: it runs on: three kept, the next is mid 2017
    running = _at(D(2017, 1, 15), _toezegging(*letters, tot=None))
    assert (running.status, running.toezegging.termijn) == ('openstaand', '2017-06-30')


@pytest.mark.parametrize('form', RECURRING_FORMS, ids=[f.example for f in RECURRING_FORMS])
def test_every_documented_form_recurs(form):
    assert is_recurring(form.example)
    assert len(occurrences(form.example, made_on=D(2026, 4, 15), until=D(2028, 12, 31))) >= 2


@pytest.mark.parametrize(
    'text', ['voor de zomer', 'jaarlijks voor 2027', 'jaarlijks', 'elke maand', 'Q3 2026']
)
def test_a_termijn_that_does_not_recur_is_not_read_as_one(text):
    assert not is_recurring(text)


def test_the_docs_page_lists_every_recurring_form_with_its_deadlines():
    page = DOCS_PAGE.read_text(encoding='utf-8')
    table = re.search(
        r'\.\. list-table:: Recurring forms and their rules\n(?:   :.*\n)*\n((?:   .*\n|\n)+)',
        page,
    )
    assert table
    rows = [
        tuple(' '.join(cell.replace('``', '').split()) for cell in re.split(r'\n +- ', row))
        for row in re.split(r'^   \* - ', table[1], flags=re.MULTILINE)[1:]
    ]
    header, *rows = rows
    assert header[0] == 'Written'
    assert rows == [
        (
            form.example,
            form.rule,
            ', '.join(
                day.isoformat()
                for day in occurrences(form.example, made_on=D(2026, 4, 15), until=D(2027, 12, 31))
            ),
        )
        for form in RECURRING_FORMS
    ]


def _build(make_app, tmp_path: Path, options: str):
    (tmp_path / 'conf.py').write_text(
        "extensions = ['sphinx_kamerstuk']\nkamerstuk_peildatum = '2016-05-01'\n",
        encoding='utf-8',
    )
    (tmp_path / 'index.rst').write_text(
        'Toezeggingen\n============\n\n'
        '.. toezegging:: De minister zendt de Kamer halfjaarlijks de Voortgangsrapportage.\n'
        '   :id: T1\n' + textwrap.indent(options, '   ') + '\n\n.. toezeggingen::\n',
        encoding='utf-8',
    )
    app = make_app('html', srcdir=tmp_path)
    app.build()
    return app


def test_a_recurring_toezegging_in_a_project(make_app, tmp_path):
    app = _build(
        make_app,
        tmp_path,
        ':datum: 2015-10-01\n:termijn: halfjaarlijks\n:tot: 2016-12-31\n'
        ':vervuld-door: Kamerstukken II 2015/16, 34 300 A, nr. 63 (5 april 2016)',
    )
    assert warnings(app) == []
    t = current_traces(app.env)['T1']
    assert (t.status, t.toezegging.termijn) == ('openstaand', '2016-06-30')
    assert 'halfjaarlijks (30 June 2016)' in html(app)


@pytest.mark.parametrize(
    ('options', 'message'),
    [
        (':termijn: halfjaarlijks', ':datum:; the toezegging counts as having no deadline'),
        (':datum: 2015-10-01\n:termijn: voor de zomer 2016\n:tot: 2016-12-31', 'ends a recurring'),
        (':datum: 2015-10-01\n:termijn: halfjaarlijks\n:tot: 2015-11-01', 'gives no deadline'),
    ],
)
def test_a_recurring_termijn_that_cannot_work_warns(make_app, tmp_path, options, message):
    app = _build(make_app, tmp_path, options)
    [warning] = warnings(app)
    assert message in warning and 'index.rst:4' in warning
