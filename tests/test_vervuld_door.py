"""Toezeggingen fulfilled by a document outside the project (``:vervuld-door:``).

The documents are real: the letter of 17 juli 2023 on the Wet open overheid as the
Eerste Kamer published it (kst-33328-AG, https://zoek.officielebekendmakingen.nl/
kst-33328-AG.html) and the verslag of the schriftelijk overleg on it, with the
Staatssecretaris's answers of 14 december 2023 (kst-33328-AI, vastgesteld 28 december
2023). The toezegging's wording is the one the letter reports on; its dates are set
around them to test the counting.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from conftest import html, warnings

from sphinx_kamerstuk.ext.toezeggingen.traces import current_traces

TOEZEGGING = """\
Toezeggingen
============

.. toezegging:: De regering informeert de Kamer over de implementatie van de Woo.
   :id: T03001
   :kamer: ek
   :datum: 2022-07-08
   :termijn: 2023-07-01
   {options}
"""


def build(make_app, tmp_path: Path, options: str, buildername: str = 'html'):
    (tmp_path / 'conf.py').write_text(
        "extensions = ['sphinx_kamerstuk']\nkamerstuk_peildatum = '2024-01-31'\n",
        encoding='utf-8',
    )
    (tmp_path / 'index.rst').write_text(
        TOEZEGGING.format(options=textwrap.indent(options, '   ').lstrip()), encoding='utf-8'
    )
    app = make_app(buildername, srcdir=tmp_path)
    app.build()
    return app


def test_a_published_document_fulfils_as_a_letter_of_that_date(make_app, tmp_path):
    app = build(
        make_app, tmp_path, ':vervuld-door: Kamerstukken I 2022/23, 33 328, AG (17 juli 2023)'
    )
    assert warnings(app) == []
    trace = current_traces(app.env)['T03001']
    assert (trace.status, trace.dagen_te_laat) == ('te-laat-voldaan', 16)
    page = html(app)
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-33328-AG.html"' in page
    assert '17 July 2023' in page

    report = make_app('kamerstuk', srcdir=tmp_path)
    report.build()
    [record] = json.loads((Path(report.outdir) / 'toezeggingen.json').read_bytes())['toezeggingen']
    [letter] = record['vervuld_door']
    assert (letter['bron'], letter['datum'], letter['docname'], letter['deels']) == (
        'extern',
        '2023-07-17',
        '',
        False,
    )
    assert letter['kamerstuk'] == 'Kamerstukken I 2022/23, 33328, AG'


def test_in_part_and_in_time(make_app, tmp_path):
    app = build(
        make_app,
        tmp_path,
        ':deels-vervuld-door: 33328-AG (2023-06-30)\n'
        ':deels-vervuld-door: Kamerstukken I 2023/24, 33 328, AI (28 december 2023)',
    )
    assert warnings(app) == []
    trace = current_traces(app.env)['T03001']
    assert trace.status == 'deels-voldaan'
    assert [f.letter.datum for f in trace.vervuld_door] == ['2023-06-30', '2023-12-28']


def test_a_document_dated_after_the_peildatum_is_in_preparation(make_app, tmp_path):
    app = build(make_app, tmp_path, ':vervuld-door: 33328-AI (2024-03-01)')
    trace = current_traces(app.env)['T03001']
    assert trace.status == 'verlopen'
    assert [f.letter.bron for f in trace.in_voorbereiding] == ['extern']


def test_a_line_without_a_date_or_reference_warns_at_the_toezegging(make_app, tmp_path):
    app = build(
        make_app,
        tmp_path,
        ':vervuld-door: Kamerstukken I 2022/23, 33 328, AG\n'
        ':vervuld-door: 33328-AG (31 februari 2023)\n'
        ':vervuld-door: de brief van juli (17 juli 2023)',
    )
    messages = [line.split(': WARNING: ')[1] for line in warnings(app)]
    assert [line.split(': WARNING: ')[0].rsplit('/', 1)[1] for line in warnings(app)] == [
        'index.rst:4'
    ] * 3
    assert messages[0].startswith(
        ":vervuld-door: line 'Kamerstukken I 2022/23, 33 328, AG': expected a reference and "
        'its date'
    )
    assert messages[1].startswith(":vervuld-door: line '33328-AG (31 februari 2023)'")
    assert messages[2].startswith(
        "cannot read the reference in :vervuld-door: 'de brief van juli': expected a reference"
    )
    assert current_traces(app.env)['T03001'].status == 'verlopen'


def test_where_it_was_made_and_who_follows_it(make_app, tmp_path):
    """The Eerste Kamer debated the Woo on 5 oktober 2021 (h-ek-20212022-1-11); its vaste
    commissie voor Binnenlandse Zaken follows the implementation (kst-33328-AI)."""
    options = (
        ':vindplaats: Handelingen I 2021/22, nr. 1, item 11\n'
        ':commissie: vaste commissie voor Binnenlandse Zaken'
    )
    app = build(make_app, tmp_path, options)
    assert warnings(app) == []
    page = html(app)
    assert 'href="https://zoek.officielebekendmakingen.nl/h-ek-20212022-1-11.html"' in page
    assert 'vaste commissie voor Binnenlandse Zaken' in page
    report = make_app('kamerstuk', srcdir=tmp_path)
    report.build()
    [record] = json.loads((Path(report.outdir) / 'toezeggingen.json').read_bytes())['toezeggingen']
    assert (record['vindplaats'], record['commissie']) == (
        'Handelingen I 2021/22, nr. 1, item 11',
        'vaste commissie voor Binnenlandse Zaken',
    )


def test_a_vindplaats_that_cannot_be_read_is_shown_as_written(make_app, tmp_path):
    app = build(make_app, tmp_path, ':vindplaats: het debat van oktober')
    [warning] = warnings(app)
    assert "cannot read :vindplaats: 'het debat van oktober'" in warning
    assert 'het debat van oktober' in html(app)
