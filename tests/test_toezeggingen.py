"""Toezeggingen: status at the peildatum, the views, the reports, and builds that stay right."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

from conftest import ROOTS, html, warnings
from sphinx.testing.util import SphinxTestApp

from sphinx_kamerstuk.ext.domain import get_domain

#: At peildatum 2026-09-01 (the root's conf.py), by id.
EXPECTED = {
    'T03150': ('verlopen', 123),
    'TZ202603-002': ('vervallen', None),
    'TZ202603-003': ('openstaand', None),
    'TZ202604-007': ('deels-voldaan', None),
    'TZ202605-001': ('te-laat-voldaan', 15),
    'TZ202606-012': ('voldaan', None),
    'TZ202606-013': ('openstaand', None),
}


def _text(fragment: str) -> str:
    """Visible text; tags vanish, so block text keeps only the source's own spaces."""
    return ' '.join(unescape(re.sub(r'<[^>]+>', '', fragment)).split())


def _rows(page: str, index: int = 0) -> list[list[str]]:
    tables = re.findall(r'<table class="[^"]*kamerstuk-toezeggingen.*?</table>', page, re.DOTALL)
    body = re.search(r'<tbody>(.*?)</tbody>', tables[index], re.DOTALL)[1]
    return [
        [_text(cell) for cell in re.findall(r'<td[^>]*>(.*?)</td>', row, re.DOTALL)]
        for row in re.findall(r'<tr[^>]*>(.*?)</tr>', body, re.DOTALL)
    ]


def test_status_of_every_toezegging(shared_build):
    app = shared_build('toezeggingen')
    assert warnings(app) == [], app.warning.getvalue()
    traces = get_domain(app.env).build.traces
    assert {id_: (t.status, t.dagen_te_laat) for id_, t in traces.items()} == EXPECTED
    assert [f.letter.id for f in traces['TZ202606-013'].in_voorbereiding] == ['concept']
    assert [f.letter.id for f in traces['T03150'].in_voorbereiding] == ['brief-d']
    assert traces['TZ202605-001'].register_status == 'Afgedaan'


def test_table_rows_say_everything_in_words(shared_build):
    page = html(shared_build('toezeggingen'), 'overzicht')
    rows = _rows(page)
    assert [row[0] for row in rows] == sorted(EXPECTED)
    by_id = {row[0]: row for row in rows}
    # the default columns: status and termijn right after the text
    assert by_id['TZ202606-012'] == [
        'TZ202606-012',
        'De minister stuurt voor 11 juni 2026 een brief over terugkeerhubs en de BHO-begroting.',
        'fulfilled',
        'voor 11 juni 2026 (10 June 2026)',
        'Terugkeerhubs en de BHO-begroting (10 June 2026, Kamerstukken 36600 XVII, nr. 12)',
        'S.W. Sjoerdsma',
        '',
    ]
    assert by_id['TZ202605-001'][2::2] == ['fulfilled late', 'Evaluatie (15 July 2026)', '15']
    assert by_id['T03150'][2::2] == [
        'overdue',
        'Een brief na de peildatum (1 October 2026) — in preparation',
        '123',
    ]
    assert by_id['TZ202604-007'][4] == 'Eerste stand van zaken (20 June 2026) — in part'
    # links: the number to the toezegging, the letter to its page, the Kamerstuk out
    assert '<a class="reference internal" href="tk.html#TZ202606-012">' in page
    assert '<a class="reference internal" href="brief-a.html">' in page
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-36600-XVII-12.html"' in page
    assert 'class="kamerstuk-status kamerstuk-status-verlopen">overdue</span>' in page


def test_summary_chart_and_table_headers(shared_build):
    page = html(shared_build('toezeggingen'), 'overzicht')
    summary = (
        '2 of 7 fulfilled (29 %), 1 fulfilled late, 1 partly fulfilled, 2 open, 1 overdue, 1 lapsed'
    )
    assert f'<p class="kamerstuk-samenvatting">{summary}</p>' in page
    chart = re.search(r'<div class="kamerstuk-grafiek-blok">.*?</div>', page, re.DOTALL)[0]
    assert f'aria-label="{summary}"' in chart
    assert '<script' not in chart
    for label in ('fulfilled: 1', 'overdue: 1', 'open: 2', 'lapsed: 1'):
        assert f'</svg> {label}</li>' in chart  # readable without colour, as text
    assert '<caption>' in page
    assert page.count('<th class="head"') >= 8


def test_filters_and_sorting(shared_build):
    page = html(shared_build('toezeggingen'), 'overzicht')
    # :status: openstaand, verlopen  :sorteer: -termijn
    assert [row[0] for row in _rows(page, 1)] == ['TZ202606-013', 'T03150', 'TZ202603-003']
    # :filter: kamer == "ek"  (a sphinx-needs filter string)
    assert [row[0] for row in _rows(page, 2)] == ['T03150']


def test_toezegging_and_letter_pages_show_each_other(shared_build):
    app = shared_build('toezeggingen')
    tk = html(app, 'tk')
    box = re.search(
        r'<div class="kamerstuk-toezegging docutils container" id="TZ202606-012">.*?Gevraagd in de eerste termijn',
        tk,
        re.DOTALL,
    )[0]
    assert 'fulfilled' in _text(box)
    assert 'Fulfilled by: Terugkeerhubs en de BHO-begroting (10 June 2026' in _text(box)
    letter = html(app, 'brief-a')
    assert 'Toezeggingen this letter fulfils' in letter
    assert (
        '<a class="reference internal" href="tk.html#TZ202606-012">TZ202606-012</a> <span class="kamerstuk-status kamerstuk-status-voldaan">fulfilled</span>'
        in letter
    )
    overzicht = html(app, 'overzicht')
    assert (
        'Zie ook <span class="kamerstuk-toezegging-ref"><a class="reference internal" href="tk.html#TZ202606-012"><span class="xref toezegging">TZ202606-012</span></a> <span class="kamerstuk-status kamerstuk-status-voldaan">fulfilled</span></span>'
        in overzicht
    )


def test_dutch_labels(shared_build):
    page = html(shared_build('toezeggingen', confoverrides={'language': 'nl'}), 'overzicht')
    assert (
        '2 van 7 voldaan (29 %), 1 te laat voldaan, 1 deels voldaan, 2 openstaand, 1 verlopen, 1 vervallen'
        in page
    )
    assert 'voor 11 juni 2026 (10 juni 2026)' in page


def test_only_pages_with_a_table_get_the_script_and_it_finds_what_it_sorts_by(shared_build):
    app = shared_build('toezeggingen', confoverrides={'language': 'nl'})
    page = html(app, 'overzicht')
    [script] = re.findall(r'<script[^>]*kamerstuk-tabel\.js[^>]*>', page)
    assert 'src="_static/kamerstuk-tabel.js' in script and 'defer' in script
    assert 'kamerstuk-tabel.js' not in html(app, 'brief-a')
    assert (Path(app.outdir) / '_static' / 'kamerstuk-tabel.js').is_file()
    # the labels, in the document's language, and what each column is
    table = re.search(r'<table class="[^"]*kamerstuk-toezeggingen"[^>]*>', page)[0]
    labels = json.loads(unescape(re.search(r'data-kamerstuk-labels="([^"]*)"', table)[1]))
    assert labels == {
        'all': 'alle',
        'search': 'Zoek in de tabel',
        'shown': '%(shown)d van %(total)d getoond',
    }
    columns = re.findall(r'<th class="head" data-kolom="([^"]*)">', page)
    assert columns[:7] == [
        'nummer', 'toezegging', 'status', 'termijn', 'vervuld-door', 'bewindspersoon',
        'dagen-te-laat',
    ]  # fmt: skip
    # a spelled termijn sorts by its date, a status by the order of the statuses
    assert '<td data-sort="2026-06-10"><p>voor 11 juni 2026 (10 juni 2026)</p>' in page
    assert '<td data-sort="4"><p><span class="kamerstuk-status kamerstuk-status-verlopen">' in page


def test_text_and_latex(shared_build):
    text = (Path(shared_build('toezeggingen', 'text').outdir) / 'overzicht.txt').read_text(
        encoding='utf-8'
    )
    assert '2 of 7 fulfilled (29 %)' in text
    assert 'fulfilled late' in text
    app = shared_build('toezeggingen', 'latex')
    assert warnings(app) == []
    tex = next(Path(app.outdir).glob('*.tex')).read_text(encoding='utf-8')
    assert r'\begin{longtable}' in tex
    assert 'fulfilled late' in tex
    # on landscape pages, the Nummer column measured on the widest ids, never an l column
    begin = re.search(r'\\begin\{kamerstuktabel\}\{(.*)\}\n', tex)[1]
    assert begin.startswith(r'\sphinxstyletheadfamily Number\\')
    assert r'TZ202603\sphinxhyphen{}002' in begin
    assert r'\begin{longtable}{p{\kamerstuknummerbreedte}\kamerstukkolom{44}' in tex
    assert tex.index(r'\end{longtable}') < tex.index(r'\end{kamerstuktabel}')


def test_reports(shared_build):
    app = shared_build('toezeggingen', 'kamerstuk')
    out = Path(app.outdir)
    data = json.loads((out / 'toezeggingen.json').read_text(encoding='utf-8'))
    assert data['peildatum'] == '2026-09-01'
    assert {t['id']: (t['status'], t['dagen_te_laat']) for t in data['toezeggingen']} == EXPECTED
    first = data['toezeggingen'][-2]
    assert first['id'] == 'TZ202606-012'
    assert first['vervuld_door'] == [
        {
            'id': 'brief-a',
            'docname': 'brief-a',
            'datum': '2026-06-10',
            'betreft': 'Terugkeerhubs en de BHO-begroting',
            'kamerstuk': 'Kamerstukken 36600 XVII, nr. 12',
            'deels': False,
            'bron': 'project',
            'tk_document': '',
        }
    ]
    assert first['termijn'] == '2026-06-10'
    assert first['termijn_tekst'] == 'voor 11 juni 2026'
    for name in (
        'toezeggingen.csv',
        'toezeggingen.xlsx',
        'toezeggingen.schema.json',
        'kamerbrieven.json',
        'kamerstukken.json',
    ):
        assert (out / name).exists(), name
    letters = json.loads((out / 'kamerbrieven.json').read_text(encoding='utf-8'))['kamerbrieven']
    assert [letter['id'] for letter in letters] == [
        'brief-a',
        'brief-b',
        'brief-c',
        'brief-d',
        'concept',
    ]
    # the builder writes no pages
    assert not (out / 'overzicht.html').exists()


def test_needs_json_has_types_links_and_status(shared_build):
    app = shared_build('toezeggingen', 'needs')
    needs = json.loads((Path(app.outdir) / 'needs.json').read_text(encoding='utf-8'))
    items = needs['versions']['']['needs']
    assert items['TZ202606-012']['type'] == 'toezegging'
    assert items['TZ202606-012']['status'] == 'voldaan'
    assert items['TZ202606-012']['vervult_back'] == ['brief-a']
    assert items['TZ202606-012']['termijn'] == '2026-06-10'
    assert items['brief-a']['type'] == 'kamerbrief'
    assert items['brief-a']['vervult'] == ['TZ202606-012']
    assert items['T03150']['herhaalt'] == ['TZ202603-003']
    assert items['TZ202603-003']['herhaalt_back'] == ['T03150']


def test_needtable_needflow_and_needimport_work_on_them(shared_build, tmp_path):
    exported = shared_build('toezeggingen', 'needs')
    srcdir = tmp_path / 'importer'
    shutil.copytree(ROOTS / 'test-needs-views', srcdir)
    shutil.copy(Path(exported.outdir) / 'needs.json', srcdir / 'needs.json')
    app = SphinxTestApp('html', srcdir=srcdir)
    try:
        app.build()
        page = html(app)
    finally:
        app.cleanup()
    assert warnings(app) == []
    assert 'IMP_TZ202606-012' in page
    # a needtable over our types with the computed status and the back links
    assert 'voldaan' in page
    assert 'brief-a' in page


# --- builds that stay right ----------------------------------------------------------------


def _main(page: str) -> str:
    return page[page.index('<h1') : page.index('<div class="sphinxsidebar"')]


def test_untouched_pages_follow_a_letter_edit(build):
    first = build('toezeggingen')
    srcdir = Path(first.srcdir)
    assert {row[0]: row for row in _rows(html(first, 'overzicht'))}['TZ202603-003'][2] == 'open'

    # a new letter fulfils TZ202603-003: the table, its box and the ref update
    letter = srcdir / 'brief-b.rst'
    letter.write_text(
        letter.read_text(encoding='utf-8').replace(
            ':vervult: TZ202605-001', ':vervult: TZ202605-001, TZ202603-003'
        ),
        encoding='utf-8',
    )
    second = build('toezeggingen')
    status = second.status.getvalue()
    assert 'overzicht' in status and 'tk' in status
    by_id = {row[0]: row for row in _rows(html(second, 'overzicht'))}
    assert by_id['TZ202603-003'][2] == 'fulfilled'
    assert 'Evaluatie' in by_id['TZ202603-003'][4]
    assert 'Evaluatie' in _text(html(second, 'tk'))

    # deleting the letter: back to open everywhere
    letter.unlink()
    index = srcdir / 'index.rst'
    index.write_text(
        index.read_text(encoding='utf-8').replace('   brief-b\n', ''), encoding='utf-8'
    )
    third = build('toezeggingen')
    by_id = {row[0]: row for row in _rows(html(third, 'overzicht'))}
    assert by_id['TZ202603-003'][2] == 'open'
    assert by_id['TZ202605-001'][2] == 'overdue'

    # nothing changed: nothing written
    fourth = build('toezeggingen')
    assert 'no targets are out of date' in fourth.status.getvalue()


# --- bad input ------------------------------------------------------------------------------


def test_bad_toezegging_input(shared_build):
    app = shared_build('toezeggingen-bad')
    src = Path(app.srcdir)
    lines = warnings(app)
    expected_fragments = [
        f"{src / 'index.rst'}:4: WARNING: cannot read :termijn: 'binnenkort'",
        'a toezegging needs an :id:',
        "invalid :kamer: 'senaat'",
        "invalid :status: 'voldaan': only 'vervallen' is set by hand",
        'unknown :status: klaar',
        "invalid :filter: 'status ==': cannot be read as an expression (invalid syntax)",
        "invalid :sorteer: 'kleur'",
        "duplicate toezegging id 'TZ1-DUBBEL': also at",
        "letter 'brief' fulfils unknown toezegging 'TZ-ONBEKEND'",
        "letter 'brief' (dated 2026-01-01) fulfils 'TZ1-DUBBEL', which was only made on 2026-03-01",
        "unknown toezegging 'TZ-NERGENS' in :toezegging: role",
    ]
    for fragment in expected_fragments:
        assert any(fragment in line for line in lines), (fragment, lines)
    assert all(re.match(r'/\S+:\d+: WARNING', line) for line in lines), lines
    # nothing is left out: both duplicates and the id-less one are in the table
    page = html(app)
    assert _text(page).count('Een dubbele toezegging') >= 2
    assert 'Zonder nummer' in page


def test_overdue_warning_is_switchable(shared_build):
    app = shared_build('toezeggingen', confoverrides={'kamerstuk_waarschuw_verlopen': True})
    assert any(
        "toezegging 'T03150' is overdue: its deadline 2026-05-01 passed 123 days ago" in line
        for line in warnings(app)
    )


def test_reports_are_written_when_no_source_changed(build):
    """`-b kamerstuk` after an html build on the same doctrees must still write reports."""
    build('toezeggingen')
    first = build('toezeggingen', 'kamerstuk')
    report = Path(first.outdir) / 'toezeggingen.json'
    report.unlink()
    again = build('toezeggingen', 'kamerstuk')
    assert '0 added, 0 changed, 0 removed' in again.status.getvalue()  # nothing read
    assert report.exists()


# --- :filter: ----------------------------------------------------------------------------

INVALID_CAPTION = (
    '<caption><span class="caption-text">Toezeggingen (invalid filter: nothing filtered)'
    '</span></caption>'
)


def _filter_page(tmp_path: Path, filters: list[str], preamble: str = '') -> dict[str, int]:
    """The toezeggingen root with a page ``filters`` of one table per filter, ready for
    ``build('toezeggingen')``; the line of each table's directive."""
    srcdir = tmp_path / 'toezeggingen'
    shutil.copytree(ROOTS / 'test-toezeggingen', srcdir)
    index = srcdir / 'index.rst'
    index.write_text(index.read_text(encoding='utf-8') + '   filters\n', encoding='utf-8')
    lines = ['Filters', '=======', '', *preamble.splitlines(), '']
    where = {}
    for text in filters:
        where[text] = len(lines) + 1
        lines += ['.. toezeggingen::', '   :filter: ' + text.replace('\n', '\n      '), '']
    (srcdir / 'filters.rst').write_text('\n'.join(lines), encoding='utf-8')
    return where


def test_hostile_filters_run_nothing_and_warn_where_they_are(build, tmp_path):
    target = tmp_path / 'pwned'
    hostile = [
        f"__import__('os').system('touch {target}')",
        'exit(3)',
        '().__class__.__bases__[0].__subclasses__()',
        '(' * 10_000 + 'status' + ')' * 10_000,
        '"a"*10**9',
        'lambda: status',
        'f"{status}" == "verlopen"',
        '(status := "verlopen")',
        'status == "verlopen" and bron == "tk"',
        'termijn < 2026',
    ]
    where = _filter_page(tmp_path, hostile)
    app = build('toezeggingen', confoverrides={'show_warning_types': True})
    assert not target.exists()
    page = html(app, 'filters')
    assert page.count(INVALID_CAPTION) == len(hostile)  # the build went on, to the end
    for index in range(len(hostile)):
        assert [row[0] for row in _rows(page, index)] == sorted(EXPECTED)  # nothing filtered
    source = Path(app.srcdir) / 'filters.rst'
    text = re.sub(r'\x1b\[[0-9;]*m', '', app.warning.getvalue())
    for payload, column, problem in [
        (hostile[0], 1, 'the method system(): only the text methods lower()'),
        (hostile[1], 1, 'a call of exit(): only the text methods'),
        (hostile[2], 1, 'the method __subclasses__()'),
        (hostile[3], 2001, 'expected at most 2000 characters, not 20006'),
        (hostile[4], 1, 'arithmetic is not part of the filter language'),
        (hostile[5], 1, 'a lambda is not part of the filter language'),
        (hostile[6], 1, 'an f-string is not part of the filter language'),
        (hostile[7], 2, 'an assignment (:=) is not part of the filter language'),
        (hostile[8], 26, "unknown field 'bron'; the fields are activiteit, "),
        (hostile[9], 1, "'<' compares text with a number"),
    ]:
        shown = payload if len(payload) <= 100 else payload[:99] + '…'
        assert re.search(
            re.escape(f'{source}:{where[payload]}: WARNING: invalid :filter: {shown!r}: {problem}')
            + r'.*'
            + re.escape(f', at character {column}; expected fields compared with text, ')
            + r'.* \[kamerstuk\.filter\]$',
            text,
            re.MULTILINE,
        ), (payload[:100], text)
    assert len(warnings(app)) == len(hostile), warnings(app)


#: Filters over the root's toezeggingen (peildatum 2026-09-01) and exactly what they select.
SELECTIONS = {
    # sphinx-needs filters as projects wrote them, which still mean the same
    'kamer == "ek"': ['T03150'],
    'status == "verlopen"': ['T03150'],
    'status in ["openstaand", "verlopen"]': ['T03150', 'TZ202603-003', 'TZ202606-013'],
    'bewindspersoon == "D.M. van Weel" and termijn != "" and termijn < "2026-07-01"': [
        'TZ202603-002',
        'TZ202605-001',
    ],
    'type == "toezegging" and register_status == "Afgedaan"': ['TZ202605-001', 'TZ202606-012'],
    '"bho" in tags': ['TZ202606-012'],  # set by the needextend below
    # what the language adds
    'dagen_te_laat > 100': ['T03150'],
    '"TZ202603-003" in herhaalt': ['T03150'],
    'title.lower().startswith("de kamer")': ['TZ202604-007', 'TZ202605-001'],
    '"terugkeerhubs" in title and functie.endswith("Ontwikkelingssamenwerking")': ['TZ202606-012'],
    'not termijn': ['TZ202603-003'],
    '"brief-d" in vervult_back or docname == "ek"': ['T03150'],
    'status == "verlopen"\nor datum < "2026-03-15"': ['T03150', 'TZ202603-002', 'TZ202603-003'],
}


def test_valid_filters_select_exactly_the_right_toezeggingen(build, tmp_path):
    _filter_page(tmp_path, list(SELECTIONS), '.. needextend:: TZ202606-012\n   :+tags: bho\n')
    app = build('toezeggingen')
    assert warnings(app) == [], app.warning.getvalue()
    page = html(app, 'filters')
    assert INVALID_CAPTION not in page
    for index, expected in enumerate(SELECTIONS.values()):
        assert [row[0] for row in _rows(page, index)] == expected, list(SELECTIONS)[index]


def test_filtered_tables_follow_a_letter_edit_and_parallel_builds(build, tmp_path):
    _filter_page(
        tmp_path,
        ['dagen_te_laat > 100', 'status == "te-laat-voldaan"', '"bho" in tags'],
        '.. needextend:: TZ202606-012\n   :+tags: bho\n',
    )
    first = build('toezeggingen')
    page = html(first, 'filters')
    assert [row[0] for row in _rows(page, 0)] == ['T03150']
    assert [row[0] for row in _rows(page, 1)] == ['TZ202605-001']
    assert [row[0] for row in _rows(page, 2)] == ['TZ202606-012']

    # brief-d, dated before the peildatum, fulfils T03150 92 days late: the unedited page
    # of filters is written again, with T03150 in the other table
    letter = Path(first.srcdir) / 'brief-d.rst'
    letter.write_text(
        letter.read_text(encoding='utf-8').replace('2026-10-01', '2026-08-01'), encoding='utf-8'
    )
    second = build('toezeggingen')
    page = html(second, 'filters')
    assert '<p class="kamerstuk-samenvatting">0 of 0 fulfilled (0 %)</p>' in page
    assert [row[0] for row in _rows(page, 0)] == ['T03150', 'TZ202605-001']
    assert [row[0] for row in _rows(page, 1)] == ['TZ202606-012']

    shutil.copytree(second.srcdir, tmp_path / 'toezeggingen-j2')
    shutil.rmtree(tmp_path / 'toezeggingen-j2' / '_build', ignore_errors=True)
    parallel = build('toezeggingen-j2', parallel=2)
    assert _main(html(parallel, 'filters')) == _main(page)
