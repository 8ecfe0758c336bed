"""The Kamer's register in a build: entries as toezeggingen, augmented, reconciled, rebuilt."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html import unescape
from pathlib import Path

from conftest import html, warnings

from sphinx_kamerstuk.domain import get_domain
from sphinx_kamerstuk.register import load, write

ENTITY = 'https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Toezegging({})'


def _rows(page: str, css_class: str) -> list[list[str]]:
    table = re.search(rf'<table class="[^"]*{css_class}.*?</table>', page, re.DOTALL)[0]
    body = re.search(r'<tbody>(.*?)</tbody>', table, re.DOTALL)[1]
    return [
        [
            ' '.join(unescape(re.sub(r'<[^>]+>', '', cell)).split())
            for cell in re.findall(r'<td[^>]*>(.*?)</td>', row, re.DOTALL)
        ]
        for row in re.findall(r'<tr[^>]*>(.*?)</tr>', body, re.DOTALL)
    ]


def test_register_entries_are_toezeggingen_of_the_project(build):
    app = build('registers')
    assert warnings(app) == []
    rows = _rows(html(app, 'verschillen'), 'kamerstuk-toezeggingen')
    assert [row[0] for row in rows] == [
        'TZ202603-003',
        'TZ202604-007',
        'TZ202605-001',
        'TZ202606-012',
        'TZ202607-099',
    ]
    by_id = {row[0]: row for row in rows}
    # register only: the entry's own fields, and its status computed here
    assert by_id['TZ202604-007'][2:] == [
        'D.M. van Weel',
        '10 April 2026',
        '1 July 2026',
        'overdue',
        '',
        '62',
    ]
    # a letter may fulfil a register number that no source writes down
    assert by_id['TZ202605-001'][5:7] == ['fulfilled', 'Evaluatie (20 June 2026)']
    page = html(app, 'verschillen')
    guid = '79a2206a-0000-4000-8000-000000000003'
    assert f'<a class="reference external" href="{ENTITY.format(guid)}">TZ202603-003</a>' in page


def test_a_source_augments_its_register_entry(build):
    app = build('registers')
    traces = get_domain(app.env).traces
    augmented = traces['TZ202606-012'].toezegging
    # the source's own termijn and text win; what it leaves out comes from the register
    assert augmented.termijn == '2026-06-10'
    assert augmented.bewindspersoon == 'S.W. Sjoerdsma'
    assert augmented.uit_register == ('bewindspersoon', 'functie', 'activiteit_nummer')
    assert augmented.docname == 'toezeggingen'
    box = html(app, 'toezeggingen')
    assert 'Een lokale notitie.' in box
    assert 'S.W. Sjoerdsma' in box
    assert box.count('id="TZ202606-012"') == 1  # written once, not duplicated


def test_differences_table_and_report(build):
    page = html(build('registers'), 'verschillen')
    assert _rows(page, 'kamerstuk-verschillen') == [
        ['TZ202603-003', 'only in the register', 'openstaand', ''],
        ['TZ202604-007', 'status differs', 'afgedaan', 'verlopen'],
        ['TZ202604-007', 'only in the register', 'afgedaan', ''],
        ['TZ202605-001', 'fulfilling letter differs', '2026D22222', '2026D33333'],
        ['TZ202605-001', 'only in the register', 'afgedaan', ''],
        ['TZ202606-012', 'status differs', 'openstaand', 'brief-a (2026-06-10)'],
        ['TZ202606-012', 'deadline differs', '2026-06-11', '2026-06-10'],
        ['TZ202607-099', 'not in the register', '', 'openstaand'],
    ]
    app = build('registers', 'kamerstuk')
    out = Path(app.outdir)
    verschillen = json.loads((out / 'verschillen.json').read_text(encoding='utf-8'))
    assert {
        'id': 'TZ202605-001',
        'soort': 'document',
        'register': '2026D22222',
        'lokaal': '2026D33333',
    } in verschillen['verschillen']
    toezeggingen = json.loads((out / 'toezeggingen.json').read_text(encoding='utf-8'))
    by_id = {t['id']: t for t in toezeggingen['toezeggingen']}
    assert by_id['TZ202606-012']['uit_register'] == [
        'bewindspersoon',
        'functie',
        'activiteit_nummer',
    ]
    assert by_id['TZ202606-012']['kamer_register_status'] == 'openstaand'
    assert by_id['TZ202607-099']['register'] is None
    assert by_id['TZ202603-003']['docname'] == ''


def test_register_entries_are_needs(build):
    # sphinx-needs leaves external needs out of needs.json unless its filter lets them in
    app = build('registers', 'needs', confoverrides={'needs_builder_filter': ''})
    needs = json.loads((Path(app.outdir) / 'needs.json').read_text(encoding='utf-8'))
    items = needs['versions']['']['needs']
    assert items['TZ202603-003']['type'] == 'toezegging'
    assert items['TZ202603-003']['is_external'] is True
    assert items['TZ202605-001']['vervult_back'] == ['brief-b']
    assert items['TZ202606-012']['is_external'] is False  # the source's own need


def test_editing_the_register_rewrites_the_views_only(build):
    first = build('registers')
    srcdir = Path(first.srcdir)
    path = srcdir / '_data' / 'tk-toezeggingen.json'
    register = load(path)
    entries = tuple(
        replace(entry, datum_nakoming='2026-12-31') if entry.nummer == 'TZ202604-007' else entry
        for entry in register.entries
    )
    write(path, replace(register, entries=entries))
    second = build('registers')
    status = second.status.getvalue()
    assert '0 added, 0 changed, 0 removed' in status  # no source is read again
    assert 'verschillen' in status  # but the page with the views is written
    by_id = {row[0]: row for row in _rows(html(second, 'verschillen'), 'kamerstuk-toezeggingen')}
    assert by_id['TZ202604-007'][4:6] == ['31 December 2026', 'open']
    third = build('registers')
    assert 'no targets are out of date' in third.status.getvalue()


def test_unreadable_register_warns_at_conf_py_and_the_build_goes_on(build):
    first = build('registers')
    conf = Path(first.srcdir, 'conf.py')
    conf.write_text(
        conf.read_text(encoding='utf-8').replace('tk-toezeggingen.json', 'ontbreekt.json'),
        encoding='utf-8',
    )
    app = build('registers')
    lines = warnings(app)
    assert len(lines) == 2, lines
    assert lines[0].startswith(f'{conf}:2: WARNING: register not used:')
    assert 'ontbreekt.json: cannot read' in lines[0]
    # without the register, a letter's register number is unknown
    assert "fulfils unknown toezegging 'TZ202605-001'" in lines[1]
