"""The report files: contents, schema, spreadsheet conventions, reproducibility."""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
import shutil
import zipfile
from importlib.resources import files
from pathlib import Path

import jsonschema
import openpyxl
import pytest
from conftest import ROOTS

from sphinx_kamerstuk.core.citations import parse
from sphinx_kamerstuk.core.records import CitationUse, Letter, Signatory, Toezegging
from sphinx_kamerstuk.core.reports import COLUMNS, SHEET_COLUMNS, STATUS_FILLS, write_reports
from sphinx_kamerstuk.core.status import REGISTER_STATUS, trace

PEILDATUM = datetime.date(2026, 4, 1)
URL_BASE = 'https://zoek.officielebekendmakingen.nl/'
FILES = [
    'toezeggingen.json',
    'toezeggingen.schema.json',
    'toezeggingen.csv',
    'toezeggingen.xlsx',
    'kamerbrieven.json',
    'kamerstukken.json',
    'verschillen.json',
    'toezeggingen.ics',
]
TRICKY = 'Wat; "echt"\nnodig is'


def _toezegging(id: str, **kwargs) -> Toezegging:
    fields = {'docname': 'toezeggingen', 'lineno': 1, 'id': id, 'tekst': f'Tekst {id}'}
    return Toezegging(**{**fields, **kwargs})


def _letter(id: str, datum: str | None, **kwargs) -> Letter:
    fields = {'docname': f'brieven/{id}', 'lineno': 1, 'id': id, 'betreft': f'Over {id}'}
    return Letter(**{**fields, 'aan': (('De Voorzitter',),), 'datum': datum, **kwargs})


TOEZEGGINGEN = [
    _toezegging(
        'T01',
        tekst=TRICKY,
        termijn='2026-03-01',
        termijn_tekst='voor maart 2026',
        datum='2025-11-12',
        bewindspersoon='Minister A',
        functie='minister van Financiën',
        ministerie='Financiën',
        activiteit='Commissiedebat Fiscaliteit',
        activiteit_nummer='2025A01234',
        toegezegd_aan='Het lid Jansen (GL-PvdA)',
        herhaalt=('T00',),
    ),
    _toezegging('T02', termijn='2026-01-01', wijzigt=('T00', 'T01')),
    _toezegging('T03', termijn='2026-02-01', vult_aan=('T02',)),
    _toezegging('T04', tekst='Een lange tekst ' * 10, termijn='2026-06-01'),
    _toezegging('T05', termijn='2026-06-01'),
    _toezegging(
        'T06',
        vervallen=True,
        tekst='=HYPERLINK("http://example.org")',
        bewindspersoon='@admin',
        activiteit='+31 debat',
        toegezegd_aan='-1',
        functie='#N/A',
    ),
]
LETTERS = [
    _letter(
        'L1',
        '2026-02-01',
        vervult=('T01',),
        kamerstukken=(parse('Kamerstukken II 2025/26, 22 112, nr. 4363'),),
        ministerie='Financiën',
        directie='Directie Begrotingszaken',
        kenmerk='2026-0000012345',
        uw_kenmerk='2025Z01234',
        bijlagen=2,
        bijlagen_titels=('Rapport', 'Tabel'),
        ondertekenaars=(Signatory('de minister van Financiën', 'A. de Vries'),),
        mede_namens=('de minister van Economische Zaken',),
    ),
    _letter('L2', '2026-01-11', vervult=('T02',)),
    _letter('L3', '2026-03-01', vervult_deels=('T04',)),
    _letter('L4', None, vervult=('T05',)),  # a draft
    _letter('L5', '2026-05-01', vervult=('T05',)),  # after the peildatum
]
CITATIONS = [
    CitationUse('b', 7, 'id1', parse('Kamerstuk 22112, nr. 4363')),
    CitationUse('a', 3, 'id2', parse('Kamerstukken II 2025/26, 22 112, nr. 4363, p. 3')),
    CitationUse('a', 1, 'id3', parse('Stb. 2025, 123')),
    CitationUse('a', 2, 'id4', parse('Stb. 2025, 123, p. 4')),
    CitationUse('c', None, 'id5', parse('Kamerstukken II 2024/25, 36 600-XV, nr. 5')),
]


def _write(outdir, *, toezeggingen=TOEZEGGINGEN, letters=LETTERS, citations=CITATIONS):
    return write_reports(
        outdir,
        peildatum=PEILDATUM,
        traces=trace(toezeggingen, letters, PEILDATUM),
        letters=letters,
        citations=citations,
        citeerstijl='kamerbrief',
        url_base=URL_BASE,
    )


@pytest.fixture(scope='module')
def outdir(tmp_path_factory):
    out = tmp_path_factory.mktemp('reports')
    _write(out)
    return out


def _json(outdir, name):
    return json.loads((outdir / name).read_text(encoding='utf-8'))


def _toezeggingen(outdir):
    return {item['id']: item for item in _json(outdir, 'toezeggingen.json')['toezeggingen']}


def _csv_rows(outdir):
    text = (outdir / 'toezeggingen.csv').read_bytes().decode('utf-8-sig')
    return list(csv.reader(io.StringIO(text, newline=''), delimiter=';'))


def _sheet(outdir):
    return openpyxl.load_workbook(outdir / 'toezeggingen.xlsx')['Toezeggingen']


# --- files and schema -------------------------------------------------------------------


def test_every_file_written(tmp_path):
    written = _write(tmp_path / 'new')
    assert written == [tmp_path / 'new' / name for name in FILES]
    assert all(path.is_file() for path in written)


def test_schema_is_shipped_and_copied(outdir):
    shipped = files('sphinx_kamerstuk').joinpath('schemas', 'toezeggingen.schema.json')
    assert (outdir / 'toezeggingen.schema.json').read_bytes() == shipped.read_bytes()
    jsonschema.Draft202012Validator.check_schema(_json(outdir, 'toezeggingen.schema.json'))


def test_json_validates_against_schema(outdir, tmp_path):
    schema = _json(outdir, 'toezeggingen.schema.json')
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(_json(outdir, 'toezeggingen.json'))
    _write(tmp_path, toezeggingen=[], letters=[], citations=[])
    validator.validate(_json(tmp_path, 'toezeggingen.json'))


def test_schema_rejects_a_late_count_on_a_fulfilled_toezegging(outdir):
    data = _json(outdir, 'toezeggingen.json')
    data['toezeggingen'][0]['dagen_te_laat'] = 3  # T01 is voldaan
    schema = _json(outdir, 'toezeggingen.schema.json')
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_json_format(outdir):
    for name in ('toezeggingen.json', 'kamerbrieven.json', 'kamerstukken.json'):
        text = (outdir / name).read_text(encoding='utf-8')
        assert text.endswith('}\n')
        assert text.startswith('{\n  "')
    assert 'Financiën' in (outdir / 'toezeggingen.json').read_text(encoding='utf-8')


# --- toezeggingen.json ------------------------------------------------------------------


def test_toezeggingen_sorted_with_peildatum_and_schema_version(outdir):
    data = _json(outdir, 'toezeggingen.json')
    assert list(data)[:2] == ['schema_version', 'peildatum']
    assert data['schema_version'] == 2
    assert data['peildatum'] == '2026-04-01'
    assert [item['id'] for item in data['toezeggingen']] == [
        'T01',
        'T02',
        'T03',
        'T04',
        'T05',
        'T06',
    ]
    assert list(data['toezeggingen'][0]) == list(COLUMNS)


def test_voldaan(outdir):
    item = _toezeggingen(outdir)['T01']
    assert item == {
        'id': 'T01',
        'tekst': TRICKY,
        'status': 'voldaan',
        'register_status': 'Afgedaan',
        'termijn': '2026-03-01',
        'termijn_tekst': 'voor maart 2026',
        'datum': '2025-11-12',
        'bewindspersoon': 'Minister A',
        'functie': 'minister van Financiën',
        'ministerie': 'Financiën',
        'kamer': 'tk',
        'activiteit': 'Commissiedebat Fiscaliteit',
        'activiteit_nummer': '2025A01234',
        'toegezegd_aan': 'Het lid Jansen (GL-PvdA)',
        'soort': 'toezegging',
        'indieners': '',
        'commissie': '',
        'vindplaats': '',
        'docname': 'toezeggingen',
        'vervuld_door': [
            {
                'id': 'L1',
                'docname': 'brieven/L1',
                'datum': '2026-02-01',
                'betreft': 'Over L1',
                'kamerstuk': 'Kamerstuk 22 112, nr. 4363',
                'deels': False,
                'bron': 'project',
                'tk_document': '',
            }
        ],
        'in_voorbereiding': [],
        'dagen_te_laat': None,
        'herhaalt': ['T00'],
        'wijzigt': [],
        'vult_aan': [],
        'register': None,
        'kamer_register_status': None,
        'uit_register': [],
    }


def test_te_laat_voldaan(outdir):
    item = _toezeggingen(outdir)['T02']
    assert (item['status'], item['register_status']) == ('te-laat-voldaan', 'Afgedaan')
    assert item['dagen_te_laat'] == 10
    assert [letter['id'] for letter in item['vervuld_door']] == ['L2']
    assert item['vervuld_door'][0]['kamerstuk'] is None
    assert item['wijzigt'] == ['T00', 'T01']


def test_verlopen(outdir):
    item = _toezeggingen(outdir)['T03']
    assert (item['status'], item['register_status']) == ('verlopen', 'Openstaand')
    assert item['dagen_te_laat'] == (PEILDATUM - datetime.date(2026, 2, 1)).days
    assert item['vervuld_door'] == item['in_voorbereiding'] == []
    assert item['vult_aan'] == ['T02']


def test_deels_voldaan(outdir):
    item = _toezeggingen(outdir)['T04']
    assert (item['status'], item['register_status']) == ('deels-voldaan', 'Deels afgedaan')
    assert item['dagen_te_laat'] is None
    assert [(letter['id'], letter['deels']) for letter in item['vervuld_door']] == [('L3', True)]


def test_draft_and_later_letters_in_voorbereiding(outdir):
    item = _toezeggingen(outdir)['T05']
    assert (item['status'], item['register_status']) == ('openstaand', 'Openstaand')
    assert item['vervuld_door'] == []
    assert [(letter['id'], letter['datum']) for letter in item['in_voorbereiding']] == [
        ('L5', '2026-05-01'),
        ('L4', None),
    ]


def test_vervallen(outdir):
    item = _toezeggingen(outdir)['T06']
    assert (item['status'], item['register_status']) == ('vervallen', 'Vervallen')
    assert item['termijn'] is None
    assert item['dagen_te_laat'] is None
    assert item['tekst'] == '=HYPERLINK("http://example.org")'  # JSON keeps the text as is


def test_register_status_mapping(outdir):
    for item in _toezeggingen(outdir).values():
        assert item['register_status'] == REGISTER_STATUS[item['status']]


# --- toezeggingen.csv -------------------------------------------------------------------


def test_csv_dialect(outdir):
    data = (outdir / 'toezeggingen.csv').read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert data[3:].startswith(b'id;tekst;status;termijn;bewindspersoon;vervuld_door;')
    assert data.endswith(b'\r\n')
    # every line break outside the quoted text is CRLF
    assert data.replace(b'\r\n', b'').count(b'\n') == TRICKY.count('\n')
    assert b'\r\n' not in TRICKY.encode()


def test_csv_round_trip(outdir):
    rows = _csv_rows(outdir)
    assert rows[0] == list(SHEET_COLUMNS)
    assert len(rows) == 1 + len(TOEZEGGINGEN)
    first = dict(zip(SHEET_COLUMNS, rows[1], strict=True))
    assert first['tekst'] == TRICKY
    assert first['termijn'] == '2026-03-01'
    assert first['vervuld_door'] == 'Kamerstuk 22 112, nr. 4363 (2026-02-01)'
    assert first['herhaalt'] == 'T00'
    assert first['dagen_te_laat'] == ''
    by_id = {row[0]: dict(zip(SHEET_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert by_id['T02']['dagen_te_laat'] == '10'
    assert by_id['T02']['wijzigt'] == 'T00; T01'
    assert by_id['T04']['vervuld_door'] == 'Over L3 (2026-03-01, deels)'  # no Kamerstuk: subject
    assert by_id['T05']['in_voorbereiding'] == 'Over L5 (2026-05-01); Over L4 (concept)'


def test_csv_quotes_separator_quotes_and_newline(outdir):
    raw = (outdir / 'toezeggingen.csv').read_bytes().decode('utf-8-sig')
    assert '"Wat; ""echt""\nnodig is"' in raw


def test_csv_neutralises_formulas(outdir):
    row = dict(zip(SHEET_COLUMNS, _csv_rows(outdir)[-1], strict=True))
    assert row['id'] == 'T06'
    assert row['tekst'] == '\'=HYPERLINK("http://example.org")'
    assert row['bewindspersoon'] == "'@admin"
    assert row['activiteit'] == "'+31 debat"
    assert row['toegezegd_aan'] == "'-1"
    assert row['functie'] == '#N/A'


#: Text a spreadsheet reads as a formula once it trims the start (OWASP, CSV injection).
HIDDEN_FORMULAS = {
    'tekst': ' =HYPERLINK("http://example.org")',
    'bewindspersoon': '\uff1d1+1',  # full-width equals sign
    'functie': '\n=cmd|" /c calc"!A1',
    'ministerie': '\u3000\uff0b31',  # ideographic space, full-width plus
    'activiteit': '\t@SUM(A1)',
    'activiteit_nummer': '\x00=1',
    'toegezegd_aan': '\xa0-1',
}


@pytest.fixture(scope='module')
def hidden(tmp_path_factory):
    out = tmp_path_factory.mktemp('hidden')
    toezegging = _toezegging('T1', termijn='2026-01-01', **HIDDEN_FORMULAS)  # 90 days late
    _write(out, toezeggingen=[toezegging], letters=[])
    return out


def test_csv_neutralises_formulas_behind_spaces_and_full_width_signs(hidden):
    row = dict(zip(SHEET_COLUMNS, _csv_rows(hidden)[1], strict=True))
    for column, text in HIDDEN_FORMULAS.items():
        assert row[column] == "'" + text, column
    assert row['dagen_te_laat'] == '90'  # a number, not text: never quoted


def test_xlsx_neutralises_formulas_behind_spaces_and_full_width_signs(hidden):
    sheet = _sheet(hidden)
    row = {
        column: sheet.cell(row=2, column=index + 1) for index, column in enumerate(SHEET_COLUMNS)
    }
    for column, text in HIDDEN_FORMULAS.items():
        assert row[column].quotePrefix, column
        assert row[column].value == text.replace('\x00', ''), column  # XML holds no NUL
    assert (row['dagen_te_laat'].value, row['dagen_te_laat'].quotePrefix) == (90, False)


# --- toezeggingen.xlsx ------------------------------------------------------------------


def test_xlsx_layout(outdir):
    sheet = _sheet(outdir)
    assert [cell.value for cell in sheet[1]] == list(SHEET_COLUMNS)
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == 'A2'
    assert sheet.auto_filter.ref == f'A1:AB{1 + len(TOEZEGGINGEN)}'
    assert sheet.max_row == 1 + len(TOEZEGGINGEN)
    widths = {column: sheet.column_dimensions[column].width for column in ('A', 'B', 'O')}
    assert widths['A'] < widths['O'] <= 60
    assert widths['B'] == 60  # the long text of T04, capped


def test_xlsx_values(outdir):
    sheet = _sheet(outdir)
    row = {
        column: sheet.cell(row=2, column=index + 1) for index, column in enumerate(SHEET_COLUMNS)
    }
    assert row['termijn'].is_date
    assert row['termijn'].value == datetime.datetime(2026, 3, 1)
    assert row['termijn'].number_format == 'yyyy-mm-dd'
    assert row['tekst'].value == TRICKY
    assert row['vervuld_door'].value == 'Kamerstuk 22 112, nr. 4363 (2026-02-01)'
    assert row['wijzigt'].value is None
    late = sheet.cell(row=3, column=SHEET_COLUMNS.index('dagen_te_laat') + 1)
    assert (late.value, late.data_type) == (10, 'n')


def test_xlsx_status_fills(outdir):
    sheet = _sheet(outdir)
    column = SHEET_COLUMNS.index('status') + 1
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column)
        assert cell.fill.fgColor.rgb == '00' + STATUS_FILLS[cell.value]
    assert sheet.cell(row=2, column=column).fill.fgColor.rgb == '00C6EFCE'  # voldaan


def test_xlsx_never_a_formula(outdir):
    sheet = _sheet(outdir)
    row = {
        column: sheet.cell(row=7, column=index + 1) for index, column in enumerate(SHEET_COLUMNS)
    }
    assert row['tekst'].value == '=HYPERLINK("http://example.org")'
    for column in ('tekst', 'bewindspersoon', 'activiteit', 'toegezegd_aan', 'functie'):
        assert row[column].data_type == 's', column
    for column in ('tekst', 'bewindspersoon', 'activiteit', 'toegezegd_aan'):
        assert row[column].quotePrefix, column
    assert row['functie'].value == '#N/A'
    with zipfile.ZipFile(outdir / 'toezeggingen.xlsx') as archive:
        assert b'<f>' not in archive.read('xl/worksheets/sheet1.xml')


def test_xlsx_drops_characters_xml_cannot_hold(tmp_path):
    _write(tmp_path, toezeggingen=[_toezegging('T1', tekst='a\x00b\x1bc')], letters=[])
    assert _sheet(tmp_path)['B2'].value == 'abc'


def test_xlsx_empty(tmp_path):
    _write(tmp_path, toezeggingen=[], letters=[], citations=[])
    sheet = _sheet(tmp_path)
    assert sheet.auto_filter.ref == 'A1:AB1'
    assert sheet.max_row == 1


# --- reproducibility and atomic writes --------------------------------------------------


def test_same_input_same_bytes(tmp_path):
    _write(tmp_path / 'one')
    _write(tmp_path / 'two', letters=list(reversed(LETTERS)), citations=CITATIONS[::-1])
    for name in FILES:
        assert (tmp_path / 'one' / name).read_bytes() == (tmp_path / 'two' / name).read_bytes()


def test_xlsx_carries_no_time_of_writing(outdir):
    today = datetime.date.today().isoformat().encode()
    with zipfile.ZipFile(outdir / 'toezeggingen.xlsx') as archive:
        for info in archive.infolist():
            assert info.date_time == (2026, 4, 1, 0, 0, 0), info.filename
            assert today not in archive.read(info), info.filename
        core = archive.read('docProps/core.xml')
    assert core.count(b'2026-04-01T00:00:00Z') == 2


def test_atomic_writes_leave_no_temp_files(tmp_path):
    _write(tmp_path)
    _write(tmp_path)  # over existing files
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(FILES)
    assert all(oct(path.stat().st_mode)[-3:] == '644' for path in tmp_path.iterdir())


def test_failed_write_leaves_old_file_and_no_temp_file(tmp_path, monkeypatch):
    _write(tmp_path)
    before = (tmp_path / 'toezeggingen.json').read_bytes()

    def fail(*args):
        raise OSError('disk full')

    monkeypatch.setattr(Path, 'replace', fail)
    with pytest.raises(OSError, match='disk full'):
        _write(tmp_path, toezeggingen=TOEZEGGINGEN[:1])
    assert (tmp_path / 'toezeggingen.json').read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(FILES)


# --- kamerbrieven.json and kamerstukken.json -------------------------------------------


def test_kamerbrieven(outdir):
    letters = _json(outdir, 'kamerbrieven.json')['kamerbrieven']
    assert [letter['id'] for letter in letters] == ['L1', 'L2', 'L3', 'L4', 'L5']
    assert letters[0] == {
        'id': 'L1',
        'docname': 'brieven/L1',
        'betreft': 'Over L1',
        'datum': '2026-02-01',
        'concept': False,
        'aan': [['De Voorzitter']],
        'kamers': [],
        'ministerie': 'Financiën',
        'directie': 'Directie Begrotingszaken',
        'kenmerk': '2026-0000012345',
        'uw_kenmerk': '2025Z01234',
        'tk_document': '',
        'dossiers': [],
        'bijlagen': 2,
        'bijlagen_titels': ['Rapport', 'Tabel'],
        'ondertekenaars': [
            {'functie': 'de minister van Financiën', 'naam': 'A. de Vries', 'mede': False}
        ],
        'mede_namens': ['de minister van Economische Zaken'],
        'afzender': None,
        'kamerstuk': {
            'text': 'Kamerstuk 22 112, nr. 4363',
            'obl_id': 'kst-22112-4363',
            'url': URL_BASE + 'kst-22112-4363.html',
        },
        'kamerstukken': [
            {
                'text': 'Kamerstuk 22 112, nr. 4363',
                'obl_id': 'kst-22112-4363',
                'url': URL_BASE + 'kst-22112-4363.html',
            }
        ],
        'vervult': ['T01'],
        'vervult_deels': [],
    }
    assert (letters[2]['vervult'], letters[2]['vervult_deels']) == ([], ['T04'])
    assert (letters[3]['datum'], letters[3]['concept'], letters[3]['kamerstuk']) == (
        None,
        True,
        None,
    )


def test_kamerstukken_one_entry_per_publication(outdir):
    # sorted as reference lists are: by chamber and vergaderjaar first (2024/25 before 2025/26)
    entries = _json(outdir, 'kamerstukken.json')['kamerstukken']
    assert entries == [
        {
            'kind': 'kamerstuk',
            'text': 'Kamerstuk 36 600-XV, nr. 5',
            'obl_id': 'kst-36600-XV-5',
            'url': URL_BASE + 'kst-36600-XV-5.html',
            'cited': [{'docname': 'c', 'line': None}],
        },
        {
            'kind': 'kamerstuk',
            'text': 'Kamerstuk 22 112, nr. 4363',
            'obl_id': 'kst-22112-4363',
            'url': URL_BASE + 'kst-22112-4363.html',
            'cited': [{'docname': 'a', 'line': 3}, {'docname': 'b', 'line': 7}],
        },
        {
            'kind': 'staatsblad',
            'text': 'Stb. 2025, 123',
            'obl_id': 'stb-2025-123',
            'url': URL_BASE + 'stb-2025-123.html',
            'cited': [{'docname': 'a', 'line': 1}, {'docname': 'a', 'line': 2}],
        },
    ]


def test_kamerstukken_shows_the_most_complete_form(tmp_path):
    uses = [
        CitationUse('a', 1, 'x', parse('Kamerstuk 22112, nr. 4363, p. 2')),
        CitationUse('a', 2, 'y', parse('Kamerstukken II 2025/26, 22 112, nr. 4363')),
    ]
    write_reports(
        tmp_path,
        peildatum=PEILDATUM,
        traces={},
        letters=[],
        citations=uses,
        citeerstijl='aanwijzingen',
        url_base='https://example.org/',
    )
    [entry] = _json(tmp_path, 'kamerstukken.json')['kamerstukken']
    assert entry['text'] == 'Kamerstukken II 2025/26, 22112, nr. 4363'
    assert entry['url'] == 'https://example.org/kst-22112-4363.html'


def test_the_report_builder_fires_write_started_as_every_builder_does(build, tmp_path):
    """Other extensions hook ``write-started``; Sphinx fires it from ``Builder.write``."""
    srcdir = tmp_path / 'toezeggingen'
    shutil.copytree(ROOTS / 'test-toezeggingen', srcdir)
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write(
            '\ndef setup(app):\n'
            '    def started(app, builder):\n'
            "        (app.srcdir / 'started.txt').write_text(builder.name)\n"
            "    app.connect('write-started', started)\n"
        )
    app = build('toezeggingen', 'kamerstuk')
    assert (srcdir / 'started.txt').read_text() == 'kamerstuk'
    assert (Path(app.outdir) / 'toezeggingen.json').exists()


def test_the_spreadsheets_speak_the_projects_language(make_app, tmp_path):
    """The registers root (real Tweede Kamer register entries, the seed letter) in a
    Dutch project: headers and statuses as a griffie reads them, a letter as its
    subject, date and TK document, and an A4 landscape print with the header repeated."""
    from openpyxl import load_workbook

    srcdir = tmp_path / 'src'
    shutil.copytree(Path(__file__).parent / 'roots' / 'test-registers', srcdir)
    app = make_app('kamerstuk', srcdir=srcdir, confoverrides={'language': 'nl'})
    app.build()
    sheet = load_workbook(Path(app.outdir) / 'toezeggingen.xlsx').active
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == [
        'Nummer',
        'Toezegging',
        'Status',
        'Termijn',
        'Bewindspersoon',
        'Vervuld door',
        'Dagen te laat',
    ]
    assert header[-1] == 'Document'  # the machine's columns last
    rows = {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert rows['TZ202606-012']['Status'] == 'Voldaan'
    assert rows['TZ202606-012']['Vervuld door'] == 'Terugkeerhubs (2026-06-10, 2026D11111)'
    assert rows['TZ202604-007']['Vervuld door'] == 'volgens het register'
    assert sheet.page_setup.orientation == 'landscape'
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == '$1:$1'
    csv_header = (Path(app.outdir) / 'toezeggingen.csv').read_text('utf-8-sig').split('\r\n')[0]
    assert csv_header.startswith('Nummer;Toezegging;Status;Termijn;Bewindspersoon;Vervuld door;')
