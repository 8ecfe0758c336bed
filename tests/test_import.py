"""``sphinx-kamerstuk import-tk`` and ``import-ek``: the register file they write from real
shapes of the Kamers' data, what they refuse, and the OData protocol against a local server."""

from __future__ import annotations

import json
import os
import sys
import threading
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from sphinx_kamerstuk.cli import main
from sphinx_kamerstuk.core.register_file import Entry, Register, load, normalise_status, write
from sphinx_kamerstuk.importers import tk as tk_import
from sphinx_kamerstuk.importers import tk_online

DATA = Path(__file__).parent / 'data' / 'register'
PAGE_1 = str(DATA / 'odata-page-1.json')
PAGE_2 = str(DATA / 'odata-page-2.json')
FEED = str(DATA / 'syncfeed.xml')


def entries(path: Path) -> dict[str, Entry]:
    return {entry.nummer: entry for entry in load(path).entries}


@pytest.fixture
def register(tmp_path):
    return tmp_path / 'tk.json'


@pytest.fixture
def existing(register):
    """A register written before, to prove a failed import leaves it byte for byte."""
    write(register, Register('tk', (Entry('TZ202001-001', 'Een eerdere toezegging.'),)))
    return register.read_bytes()


# --- OData JSON -----------------------------------------------------------------------------


def test_odata_pages_field_by_field(register, capsys):
    assert main(['import-tk', PAGE_1, PAGE_2, '-o', str(register)]) == 0
    found = entries(register)
    assert found['TZ202412-116'] == Entry(
        nummer='TZ202412-116',
        tekst='De minister stuurt in maart 2025 de terugkoppeling op het emissiereductieplan '
        'naar de Kamer.',
        status='openstaand',
        status_bron='Openstaand',
        bewindspersoon='F.M. Wiersma',
        naam_bron='Wiersma, F.M.',
        functie='Minister van Landbouw, Visserij, Voedselzekerheid en Natuur',
        ministerie='Landbouw, Visserij, Voedselzekerheid en Natuur',
        activiteit='Commissiedebat Landbouw- en Visserijraad',
        activiteit_nummer='2024A05766',
        aanmaakdatum='2024-12-16',
        datum_nakoming=None,  # the 0001-01-01 sentinel
        toegezegd_aan=('T. van der Plas (BBB)',),
        guid='79a2206a-1c7e-4c52-9a55-0c1f3e6b8d01',
        gewijzigd_op='2025-01-10T09:12:44.123+01:00',
    )
    afgedaan = found['TZ202402-164']
    assert (afgedaan.status, afgedaan.status_bron) == ('afgedaan', 'Afgedaan')
    assert afgedaan.kamerbrief_nakoming == ('2024D12345', '2024D34636')
    assert afgedaan.toegezegd_aan == ('PVV',)
    assert afgedaan.herhaalt == ('TZ202412-116',)  # the target is in the import: its number
    assert afgedaan.datum_nakoming == '2024-06-30'
    assert afgedaan.activiteit == 'Plenair debat Files op de A12'
    assert found['TZ202412-116'].in_bron and afgedaan.in_bron


def test_odata_without_expansion(register):
    assert main(['import-tk', PAGE_2, '-o', str(register)]) == 0
    found = entries(register)
    voldaan = found['TZ202310-001']
    assert (voldaan.status, voldaan.status_bron) == ('afgedaan', 'Voldaan')
    assert voldaan.bewindspersoon == 'E.N.A.J. Schreinemacher'
    assert voldaan.activiteit == ''
    assert voldaan.activiteit_nummer == '2023A04410'
    assert voldaan.toegezegd_aan == (
        (
            'Persoon(11111111-2222-4333-8444-555555555555) '
            '(Fractie(66666666-7777-4888-9999-000000000000))'
        ),
    )
    assert voldaan.wijzigt == ('99999999-8888-4777-a666-555555555555',)  # not in the import
    assert (found['TZ202311-002'].status, found['TZ202311-002'].bewindspersoon) == (
        'vervallen',
        "E. 't Hart",
    )
    assert (found['TZ202312-003'].status, found['TZ202312-003'].status_bron) == ('onbekend', '')


def test_duplicates_newest_wins(register):
    assert main(['import-tk', PAGE_2, PAGE_1, '-o', str(register)]) == 0
    found = entries(register)
    box3 = found['TZ202504-057']  # page 2 is newer (2025-05-02) than page 1 (2025-04-20)
    assert box3.tekst.startswith('De staatssecretaris informeert')
    assert (box3.status, box3.status_bron) == ('deels-afgedaan', 'deels voldaan')
    assert box3.bewindspersoon == 'B. van der Berg'
    assert box3.naam_bron == 'Berg, B.'
    assert box3.datum_nakoming == '2025-09-01'
    assert found['TZ202412-116'].status == 'openstaand'  # page 1's is newer than page 2's


def test_register_sorted_and_reimport_unchanged(register, capsys):
    assert main(['import-tk', PAGE_1, PAGE_2, '-o', str(register)]) == 0
    assert f'{register}: written, 7 toezeggingen' in capsys.readouterr().out
    first = register.read_bytes()
    numbers = [item['nummer'] for item in json.loads(first)['toezeggingen']]
    assert numbers == sorted(numbers)
    assert main(['import-tk', PAGE_1, PAGE_2, '-o', str(register)]) == 0
    assert f'{register}: unchanged, 7 toezeggingen' in capsys.readouterr().out
    assert register.read_bytes() == first
    assert main(['import-tk', PAGE_2, PAGE_1, '-o', str(register)]) == 0  # order of files
    assert register.read_bytes() == first


def test_verwijderd_kept_out_and_reported(register, capsys):
    assert main(['import-tk', PAGE_1, '-o', str(register)]) == 0
    assert '1 verwijderd: TZ202403-010' in capsys.readouterr().out
    assert 'TZ202403-010' not in entries(register)


def test_vanished_entries_kept_and_listed(register, capsys):
    assert main(['import-tk', PAGE_1, PAGE_2, '-o', str(register)]) == 0
    assert main(['import-tk', PAGE_1, '-o', str(register)]) == 0
    out = capsys.readouterr().out
    gone = 'TZ202310-001, TZ202311-002, TZ202312-003, TZ202312-004'
    assert f'no longer in the source: {gone}' in out
    found = entries(register)
    assert len(found) == 7
    assert [n for n, entry in found.items() if not entry.in_bron] == gone.split(', ')
    assert found['TZ202311-002'].status == 'vervallen'  # kept as it was
    assert main(['import-tk', PAGE_1, PAGE_2, '-o', str(register)]) == 0
    assert all(entry.in_bron for entry in entries(register).values())


def test_incremental_keeps_what_the_source_does_not_mention(register, capsys):
    assert main(['import-tk', PAGE_1, PAGE_2, '-o', str(register)]) == 0
    before = entries(register)
    assert main(['import-tk', FEED, '--incremental', '-o', str(register)]) == 0
    out = capsys.readouterr().out
    assert 'no longer in the source: TZ202402-164' in out  # deleted in the feed
    after = entries(register)
    assert after['TZ202310-001'] == before['TZ202310-001']
    assert not after['TZ202402-164'].in_bron
    assert after['TZ202412-116'].status == 'afgedaan'  # the feed's newer version


def test_unknown_status_warns(register, capsys):
    assert main(['import-tk', PAGE_2, '-o', str(register)]) == 0
    err = capsys.readouterr().err
    assert "TZ202312-004: status 'Nagekomen' is not a known word; recorded as onbekend" in err
    assert entries(register)['TZ202312-004'].status_bron == 'Nagekomen'


# --- SyncFeed XML ---------------------------------------------------------------------------


def test_syncfeed_field_by_field(register, capsys):
    assert main(['import-tk', FEED, '-o', str(register)]) == 0
    out = capsys.readouterr().out
    assert '2 verwijderd: 3f9e5d1a-2b4c-4d6e-8f0a-1b2c3d4e5f02, TZ202501-022' in out
    found = entries(register)
    assert sorted(found) == ['TZ202412-116', 'TZ202501-020', 'TZ202501-021']
    assert found['TZ202501-020'] == Entry(
        nummer='TZ202501-020',
        tekst='De minister stuurt de Kamer voor 1 april een brief over de AOW-leeftijd.',
        status='openstaand',
        status_bron='Openstaand',
        bewindspersoon='A. van Dijk',
        naam_bron='Dijk, A. van',
        functie='Minister van Sociale Zaken en Werkgelegenheid',
        ministerie='Sociale Zaken en Werkgelegenheid',
        activiteit_nummer='2025A00123',
        aanmaakdatum='2025-01-14',
        datum_nakoming=None,  # xsi:nil
        kamerbrief_nakoming=('2025D00999', '2025D01234'),  # repeated elements
        toegezegd_aan=(
            (
                'Persoon(d12a0d24-8a15-4a2a-8b9d-97e91ac9ac3f) '
                '(Fractie(0208097d-ef04-438a-8c29-eebb84956204))'
            ),
        ),
        vult_aan=('TZ202501-021',),
        guid='0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f10',
        gewijzigd_op='2025-02-03T10:00:00Z',
    )
    xsd_form = found['TZ202501-021']  # qualified attributes, the XSD's separate refs
    assert xsd_form.toegezegd_aan == ('Fractie(6d0f2b44-1d2e-4c3f-9a8b-7c6d5e4f3a21)',)
    assert xsd_form.gewijzigd_op == '2025-02-04T08:30:00Z'
    assert (xsd_form.status, xsd_form.datum_nakoming) == ('deels-afgedaan', '2025-03-31')
    assert xsd_form.wijzigt == ('99999999-8888-4777-a666-555555555555',)


def test_syncfeed_and_odata_newest_wins_and_deletes_by_guid(register, capsys):
    assert main(['import-tk', PAGE_1, FEED, '-o', str(register)]) == 0
    out = capsys.readouterr().out
    # the feed deletes TZ202402-164 by GUID only; the OData page gives its number
    assert '3 verwijderd: TZ202402-164, TZ202403-010, TZ202501-022' in out
    wiersma = entries(register)['TZ202412-116']
    assert (wiersma.status, wiersma.kamerbrief_nakoming) == ('afgedaan', ('2025D00500',))
    assert wiersma.datum_nakoming == '2025-03-28'


def test_single_entity_file(tmp_path, register):
    source = tmp_path / 'entity.xml'
    feed = (DATA / 'syncfeed.xml').read_text(encoding='utf-8')
    start = feed.index('<toezegging')
    source.write_text(feed[start : feed.index('</toezegging>', start) + 13], encoding='utf-8')
    assert main(['import-tk', str(source), '-o', str(register)]) == 0
    assert list(entries(register)) == ['TZ202501-020']


def test_nothing_found_warns(tmp_path, register, capsys):
    source = tmp_path / 'persoon.xml'
    feed = (DATA / 'syncfeed.xml').read_text(encoding='utf-8')
    source.write_text(
        feed.replace('<toezegging', '<x').replace('</toezegging>', '</x>'), encoding='utf-8'
    )
    assert main(['import-tk', str(source), '-o', str(register)]) == 0
    assert 'warning: no toezeggingen found' in capsys.readouterr().err
    assert load(register).entries == ()


# --- refused input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ('text', 'place', 'reason'),
    [
        (
            '{"value": [\n  {"Nummer": "TZ202401-001",\n   "Tekst": "x" "y"}]}',
            ':3:17:',
            'delimiter',
        ),
        ('{"value": [\n  {"Nummer": "TZ202401-001", "Tek', ':2:30:', 'truncated?'),
    ],
    ids=['malformed', 'truncated'],
)
def test_bad_json_names_file_and_place(tmp_path, register, existing, capsys, text, place, reason):
    source = tmp_path / 'page.json'
    source.write_text(text, encoding='utf-8')
    assert main(['import-tk', str(source), '-o', str(register)]) == 2
    err = capsys.readouterr().err
    assert f'{source}{place} not valid JSON' in err
    assert reason in err
    assert register.read_bytes() == existing


@pytest.mark.parametrize(
    ('text', 'place'),
    [
        ('<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n</feed>', ':3:3:'),
        ('<feed xmlns="http://www.w3.org/2005/Atom">\n  <entry><content>', ':2:19:'),
    ],
    ids=['malformed', 'truncated'],
)
def test_bad_xml_names_file_and_place(tmp_path, register, existing, capsys, text, place):
    source = tmp_path / 'feed.xml'
    source.write_text(text, encoding='utf-8')
    assert main(['import-tk', str(source), '-o', str(register)]) == 2
    assert f'{source}{place} not well-formed XML' in capsys.readouterr().err
    assert register.read_bytes() == existing


def test_billion_laughs_refused(tmp_path, register, existing, capsys):
    entities = ''.join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    source = tmp_path / 'laughs.xml'
    source.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE feed [<!ENTITY lol0 "lol">{entities}]>\n'
        '<feed>&lol9;</feed>',
        encoding='utf-8',
    )
    assert main(['import-tk', str(source), '-o', str(register)]) == 2
    err = capsys.readouterr().err
    assert f'{source}: refused: the XML declares a DTD or entities' in err
    assert register.read_bytes() == existing


@pytest.mark.parametrize('depth', [100, 200_000])
def test_deep_json_refused(tmp_path, register, existing, capsys, depth):
    source = tmp_path / 'deep.json'
    source.write_text('{"value": ' + '[' * depth + ']' * depth + '}', encoding='utf-8')
    assert main(['import-tk', str(source), '-o', str(register)]) == 2
    assert f'{source}: JSON nested deeper than 64 levels: refused' in capsys.readouterr().err
    assert register.read_bytes() == existing


def test_large_file_refused(monkeypatch, register, existing, capsys):
    monkeypatch.setattr(tk_import, 'MAX_BYTES', 1024)
    assert main(['import-tk', PAGE_1, '-o', str(register)]) == 2
    assert f'{PAGE_1}: larger than 0 MB: refused' in capsys.readouterr().err
    assert register.read_bytes() == existing


@pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='no named pipes')
@pytest.mark.parametrize('command', ['import-tk', 'import-ek'])
@pytest.mark.parametrize('kind', ['pipe', 'device'])
def test_a_source_that_is_not_a_regular_file_is_refused_unread(
    tmp_path, register, existing, capsys, command, kind
):
    # a pipe nobody writes to waited for ever; /dev/zero filled the memory
    source = tmp_path / f'{kind}.json'
    if kind == 'pipe':
        os.mkfifo(source)
    else:
        source.symlink_to('/dev/zero')
    output = register if command == 'import-tk' else tmp_path / 'ek.json'
    assert main([command, str(source), '-o', str(output)]) == 2
    assert f'{source}: not a regular file: refused' in capsys.readouterr().err
    assert register.read_bytes() == existing


@pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='no named pipes')
def test_a_register_that_is_a_pipe_is_refused(tmp_path, capsys):
    output = tmp_path / 'pipe.json'
    os.mkfifo(output)
    assert main(['import-tk', PAGE_1, '-o', str(output)]) == 2
    assert f'{output}: not a regular file' in capsys.readouterr().err


def test_not_a_page(tmp_path, register, existing, capsys):
    source = tmp_path / 'other.json'
    source.write_text('{"value": 3}', encoding='utf-8')
    assert main(['import-tk', str(source), '-o', str(register)]) == 2
    assert 'not an OData page of toezeggingen' in capsys.readouterr().err
    assert register.read_bytes() == existing


def test_bad_date_named(tmp_path, register, capsys):
    page = json.loads(Path(PAGE_2).read_text(encoding='utf-8'))
    page['value'][0]['DatumNakoming'] = 'binnenkort'
    source = tmp_path / 'page.json'
    source.write_text(json.dumps(page), encoding='utf-8')
    assert main(['import-tk', str(source), '-o', str(register)]) == 2
    assert f"{source}: value[0]: DatumNakoming: 'binnenkort' is not a date" in (
        capsys.readouterr().err
    )
    assert not register.exists()


def test_tk_into_ek_register_refused(tmp_path, capsys):
    ek = tmp_path / 'ek.json'
    assert main(['import-ek', str(DATA / 'ek.json'), '-o', str(ek)]) == 0
    before = ek.read_bytes()
    assert main(['import-tk', PAGE_1, '-o', str(ek)]) == 2
    assert (
        "the register holds the Eerste Kamer's toezeggingen and this import reads the Tweede Kamer's"
        in capsys.readouterr().err
    )
    assert ek.read_bytes() == before


@pytest.mark.parametrize(
    ('argv', 'message'),
    [
        (['import-tk', '-o', 'x.json'], 'give SOURCE files, --online, or both'),
        (['import-tk', PAGE_1, '--ministerie', 'Financiën', '-o', 'x.json'], 'need --online'),
        (['import-tk', '--online', '--sinds', '1-6-2025', '-o', 'x.json'], 'is not a date'),
        (['import-tk', '--online', '--timeout', '0', '-o', 'x.json'], 'positive number'),
        (['import-tk', PAGE_1], 'required: -o/--output'),
        (['import-tk', '--online', '--base', 'file:///etc', '-o', 'x.json'], 'not an http or'),
        (['import-tk', '--online', '--base', 'http://[::1', '-o', 'x.json'], 'not a usable URL'),
        (['import-tk', '--online', '--deadline', '-1', '-o', 'x.json'], 'positive number'),
        # a thread cannot wait for ever, nor for 1e300 seconds: refused before asking
        *(
            (
                ['import-tk', '--online', '--base', 'http://127.0.0.1:9', *limit, '-o', 'x.json'],
                f"'{limit[1]}' is not a positive number of seconds, at most 86400",
            )
            for limit in (
                ('--timeout', 'inf'),
                ('--deadline', 'inf'),
                ('--deadline', 'nan'),
                ('--timeout', '1e300'),
            )
        ),
        (['import-ek', '-o', 'x.json'], 'required: FILE'),
    ],
)
def test_usage_errors(tmp_path, monkeypatch, capsys, argv, message):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / 'x.json').exists()


# --- names, statuses, dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ('naam', 'tussenvoegsel', 'achternaam', 'initialen', 'expected'),
    [
        ('Wiersma, F.M.', '', 'Wiersma', 'F.M.', 'F.M. Wiersma'),
        ('Berg, B.', 'van der', 'Berg', 'B.', 'B. van der Berg'),
        ('Berg, B. van der', 'van der', '', '', 'B. van der Berg'),
        ('van der Berg, B.', 'van der', '', '', 'B. van der Berg'),
        ('', 'van der', 'Berg', 'B.', 'B. van der Berg'),
        ('Schreinemacher, E.N.A.J.', '', '', '', 'E.N.A.J. Schreinemacher'),
        ('Minister-president', '', '', '', 'Minister-president'),
        ('', '', '', '', ''),
    ],
)
def test_bewindspersoon(naam, tussenvoegsel, achternaam, initialen, expected):
    assert tk_import.bewindspersoon(naam, tussenvoegsel, achternaam, initialen) == expected


@pytest.mark.parametrize(
    ('word', 'status'),
    [
        ('Openstaand', 'openstaand'),
        ('Afgedaan', 'afgedaan'),
        ('Voldaan', 'afgedaan'),
        ('Deels Afgedaan', 'deels-afgedaan'),
        ('DEELS  voldaan', 'deels-afgedaan'),
        ('Vervallen', 'vervallen'),
        ('doorlopend', 'doorlopend'),
        ('', 'onbekend'),
        ('Nagekomen', None),
    ],
)
def test_status_words(word, status):
    assert normalise_status(word) == status


@pytest.mark.parametrize(
    ('day', 'start'),
    [
        (date(2025, 1, 15), '2025-01-15T00:00:00+01:00'),
        (date(2025, 3, 30), '2025-03-30T00:00:00+01:00'),  # the day summer time starts
        (date(2025, 3, 31), '2025-03-31T00:00:00+02:00'),
        (date(2025, 10, 26), '2025-10-26T00:00:00+02:00'),  # the day it ends
        (date(2025, 10, 27), '2025-10-27T00:00:00+01:00'),
    ],
)
def test_amsterdam_midnight(day, start):
    assert tk_online.amsterdam_midnight(day) == start


# --- Eerste Kamer ---------------------------------------------------------------------------


def test_ek_csv_field_by_field(tmp_path):
    register = tmp_path / 'ek.json'
    assert main(['import-ek', str(DATA / 'ek.csv'), '-o', str(register)]) == 0
    found = entries(register)
    assert list(found) == ['T01237', 'T02942', 'T03150']
    assert found['T02942'] == Entry(
        nummer='T02942',
        titel='Toezegging Effecten van de wet (34.349) (T02942)',
        tekst='De minister van Justitie en Veiligheid zegt de Kamer, naar aanleiding van vragen '
        'van het lid Vos, toe\nde effecten van de wet na drie jaar te evalueren.',
        status='afgedaan',
        status_bron='Voldaan',
        functie='minister van Justitie en Veiligheid',
        activiteit='Plenaire vergadering',
        commissie='Justitie en Veiligheid (J&V)',
        aanmaakdatum='2021-06-15',
        datum_nakoming='2022-01-01',
        kamerbrief_nakoming=('35104, J',),
        toegezegd_aan=('J.A. Vos (PvdA)', 'R.A. van Rooijen (50PLUS)'),
    )
    assert found['T03150'].status == 'deels-afgedaan'
    assert found['T03150'].datum_nakoming == '2025-07-01'
    assert found['T03150'].kamerbrief_nakoming == ('36600-XIV, B', '36600-XIV, D')
    assert (found['T01237'].status, found['T01237'].datum_nakoming) == ('doorlopend', None)
    assert load(register).bron == 'ek'


def test_ek_json_and_comma_csv(tmp_path, capsys):
    register = tmp_path / 'ek.json'
    assert main(['import-ek', str(DATA / 'ek.json'), '-o', str(register)]) == 0
    found = entries(register)
    assert found['T03201'].toegezegd_aan == ('M.H.M. Nicolaï (PvdD)', 'A.J.M. van Kesteren (CDA)')
    assert (found['T03201'].aanmaakdatum, found['T03201'].datum_nakoming) == (
        '2023-03-21',
        '2029-01-01',
    )
    assert found['T02615'].kamerbrief_nakoming == ('34349, K',)
    source = tmp_path / 'komma.csv'
    source.write_text('Nummer,Status,Kamerstukken\nT02615,voldaan,"34349, K"\n', encoding='utf-8')
    assert main(['import-ek', str(source), '-o', str(register)]) == 0
    assert 'no longer in the source: T03201' in capsys.readouterr().out
    assert entries(register)['T02615'].kamerbrief_nakoming == ('34349, K',)


@pytest.mark.parametrize(
    ('text', 'message'),
    [
        ('nummer;status\nT02942;voldaan\nT123;openstaand\n', ":3: nummer 'T123' is not"),
        ('nummer;staat\nT02942;voldaan\n', ":1: unknown column 'staat'"),
        ('nummer;status\n\nT02942;klaar\n', ":3: status 'klaar' is not one of"),
        (
            'nummer;tekst;deadline\nT02942;"twee\nregels";1 juni 2022\nT02943;x;31 februari 2022\n',
            ":4: deadline: '31 februari 2022' is not a date",
        ),
        ('nummer;tekst\nT02942;a\nT02942;b\n', ':3: T02942 is already on line 2'),
        ('nummer;tekst\nT02942;"open\n', ':2: not readable as CSV'),
        ('[\n  {"nummer": "T02942"},\n  {"nummer": "T1"}\n]', ":3: nummer 'T1' is not"),
        ('[\n  {"nummer": "T02942"},\n  {"nummer": "T02943", "status": [1]}\n]', ':3: status'),
        ('[\n  {"nummer": "T02942"},\n  {"nummer": "T02943"\n', ':4:1: not valid JSON'),
        ('{"nummer": "T02942"}', ': expected a JSON list of objects'),
        ('[\n  {"nummer": "T02942"},\n]', ':3:1: not valid JSON: Expecting value'),
        ('nummer;tekst;Nummer\nT02942;a;T02943\n', ":1: column 'nummer' appears twice"),
        ('[\n  {"nummer": "T02942", "nummer": "T02943"}\n]', ":2: key 'nummer' appears twice"),
        ('[\n  {"nummer": "T02942", "Nummer": "T02943"}\n]', ":2: column 'nummer' appears twice"),
        ('nummer\nT\uff10\uff12\uff19\uff14\uff12\n', ":2: nummer 'T\uff10"),
        ('nummer;datum\nT02942;\uff12\uff10\uff12\uff11-06-15\n', ':2: datum: '),
        ('nummer;deadline\nT02942;1\uff15 juni 2021\n', ':2: deadline: '),
        (
            '[\n  {"nummer": "T02942", "tekst": "\\ud800"}\n]',
            ':2: tekst: contains a lone surrogate',
        ),
        ('[null, 1, "x"]', ':1: expected an object with "nummer", ..., not null'),
        ('[\n  {"nummer": "T02942"},\n  1\n]', ':3: expected an object'),
        # a control character was left out without a word
        ('nummer;tekst\nT02942;een\x00twee\n', ":2: tekst: contains the control character '\\x00'"),
        (
            '[\n  {"nummer": "T02942", "kamerleden": ["a\\u001b[31mb"]}\n]',
            ":2: kamerleden: contains the control character '\\x1b'",
        ),
    ],
)
def test_ek_bad_rows(tmp_path, capsys, text, message):
    register = tmp_path / 'ek.json'
    write(register, Register('ek', (Entry('T00001', 'Bestaand.'),)))
    before = register.read_bytes()
    source = tmp_path / ('bad.json' if text[0] in '[{' else 'bad.csv')
    source.write_text(text, encoding='utf-8')
    assert main(['import-ek', str(source), '-o', str(register)]) == 2
    assert f'{source}{message}' in capsys.readouterr().err
    assert register.read_bytes() == before


# --- online ---------------------------------------------------------------------------------


@dataclass
class Reply:
    body: bytes = b''
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering, and bytes of the body to send before hanging up.
    delay: float = 0.0
    cut: int | None = None
    #: Seconds between bytes: the whole answer, status line and headers too, drips.
    drip: float = 0.0


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        server = self.server
        server.requests.append(self.path)
        reply = server.reply(len(server.requests), self.path)
        server.stopped.wait(reply.delay)
        if reply.drip:
            self._drip(reply)
            return
        self.send_response(reply.status)
        self.send_header('Content-Type', 'application/json; odata.metadata=minimal')
        self.send_header('Content-Length', str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body[: reply.cut])
        if reply.cut is not None:
            self.close_connection = True

    def _drip(self, reply):
        head = f'HTTP/1.0 {reply.status} OK\r\nContent-Length: {len(reply.body)}\r\n\r\n'
        for byte in head.encode() + reply.body:
            if self.server.stopped.wait(reply.drip):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that gave up on a slow answer: expected here


@pytest.fixture
def server():
    """A Gegevensmagazijn on 127.0.0.1: set ``server.reply(number, path)`` per test."""
    yield from _serve()


@pytest.fixture
def other():
    """Another server, on another port: another origin."""
    yield from _serve()


def _serve():
    httpd = _Server(('127.0.0.1', 0), _Handler)
    httpd.requests = []
    httpd.stopped = threading.Event()
    httpd.base = f'http://127.0.0.1:{httpd.server_address[1]}/OData/v4/2.0'
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield httpd
    httpd.stopped.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def odata_page(base: str, first: int, count: int, next_link: str | None) -> bytes:
    page = {
        '@odata.context': f'{base}/$metadata#Toezegging',
        'value': [
            {
                'Id': f'00000000-0000-4000-8000-{number:012d}',
                'Nummer': f'TZ202501-{number:03d}',
                'Tekst': f'Toezegging {number}.',
                'Naam': "Hart, E. 't",
                'Status': 'Openstaand',
                'Verwijderd': False,
                'GewijzigdOp': '2025-01-31T12:00:00+01:00',
                'KamerbriefNakoming': [],
                'ToegezegdAan': [],
                'Activiteit': None,
            }
            for number in range(first, first + count)
        ],
    }
    if next_link:
        page['@odata.nextLink'] = next_link
    return json.dumps(page).encode()


def paged(server, pages: int = 3, size: int = 4):
    """Pages of ``size`` toezeggingen, linked by ``$skip`` as the Gegevensmagazijn does."""

    def reply(_number, path):
        query = urlsplit(path).query
        skip = int(parse_qs(query).get('$skip', ['0'])[0])
        following = f'{server.base}/Toezegging?{query.split("&$skip=")[0]}&$skip={skip + size}'
        last = skip + size >= pages * size
        return Reply(odata_page(server.base, skip + 1, size, None if last else following))

    return reply


def test_online_pages_and_exact_query(server, tmp_path, capsys):
    server.reply = paged(server)
    register = tmp_path / 'tk.json'
    argv = [
        'import-tk',
        '--online',
        '--base',
        server.base,
        '--ministerie',
        'Buitenlandse Zaken',
        '--status',
        'Openstaand',
        '--bewindspersoon',
        "'t Hart",
        '-o',
        str(register),
    ]
    assert main(argv) == 0
    assert server.requests[0] == (
        '/OData/v4/2.0/Toezegging?$filter=Verwijderd%20eq%20false'
        '%20and%20Ministerie%20eq%20%27Buitenlandse%20Zaken%27'
        '%20and%20Status%20eq%20%27Openstaand%27'
        '%20and%20contains%28Naam,%27%27%27t%20Hart%27%29'
        '&$expand=KamerbriefNakoming,ToegezegdAan,Activiteit&$orderby=Nummer&$top=250'
    )
    query = parse_qs(urlsplit(server.requests[0]).query)
    assert query['$filter'] == [
        (
            "Verwijderd eq false and Ministerie eq 'Buitenlandse Zaken' "
            "and Status eq 'Openstaand' and contains(Naam,'''t Hart')"
        )
    ]
    assert [parse_qs(urlsplit(path).query).get('$skip') for path in server.requests] == [
        None,
        ['4'],
        ['8'],
    ]
    found = entries(register)
    assert list(found) == [f'TZ202501-{number:03d}' for number in range(1, 13)]
    assert found['TZ202501-001'].bewindspersoon == "E. 't Hart"
    captured = capsys.readouterr()
    assert f'{register}: written, 12 toezeggingen' in captured.out
    assert 'page 3' not in captured.err  # progress only on a terminal


def test_online_progress_on_a_terminal(server, tmp_path, monkeypatch, capsys):
    server.reply = paged(server)
    monkeypatch.setattr(sys.stderr, 'isatty', lambda: True)
    argv = ['import-tk', '--online', '--base', server.base, '-o', str(tmp_path / 'tk.json')]
    assert main(argv) == 0
    assert capsys.readouterr().err.splitlines() == [
        'page 1, 4 toezeggingen',
        'page 2, 8 toezeggingen',
        'page 3, 12 toezeggingen',
    ]


def test_online_sinds_is_incremental(server, tmp_path):
    server.reply = paged(server, pages=1)
    register = tmp_path / 'tk.json'
    write(register, Register('tk', (Entry('TZ202001-001', 'Ouder.'),)))
    argv = ['import-tk', '--online', '--base', server.base, '--sinds', '2025-06-01']
    assert main([*argv, '-o', str(register)]) == 0
    query = parse_qs(urlsplit(server.requests[0]).query)
    assert query['$filter'] == ['Verwijderd eq false and GewijzigdOp ge 2025-06-01T00:00:00+02:00']
    assert entries(register)['TZ202001-001'].in_bron  # not marked gone: the query saw changes only


@pytest.mark.parametrize(
    ('reply', 'message'),
    [
        (
            Reply(b'{"value": [' + b' ' * 100, cut=50),
            'the answer was cut off after 50 of 111 bytes',
        ),
        (Reply(b'{"value": [\n{"Nummer": }]}'), '2:12: not valid JSON'),
        (
            Reply(b'{"error": {"code": "", "message": "The query is invalid."}}', status=400),
            'HTTP 400 Bad Request: The query is invalid.',
        ),
    ],
    ids=['truncated', 'invalid', 'bad-request'],
)
def test_online_errors_leave_register(server, register, existing, capsys, reply, message):
    server.reply = lambda _number, _path: reply
    assert main(['import-tk', '--online', '--base', server.base, '-o', str(register)]) == 2
    err = capsys.readouterr().err
    assert f'sphinx-kamerstuk import-tk: {server.base}/Toezegging?' in err
    assert message in err
    assert register.read_bytes() == existing
    assert len(server.requests) == 1  # not retried


def fetch(server, **kwargs):
    waits = []
    url = tk_online.query_url(server.base, tk_online.Filter())
    return tk_online.fetch(url, sleep=waits.append, **kwargs), waits


def test_retry_429_honours_retry_after(server):
    page = odata_page(server.base, 1, 2, None)
    server.reply = lambda number, _path: (
        Reply(b'', status=429, headers={'Retry-After': '7'}) if number == 1 else Reply(page)
    )
    rows, waits = fetch(server)
    assert waits == [7.0]
    assert [row.entry.nummer for row in rows] == ['TZ202501-001', 'TZ202501-002']


def test_retry_5xx_with_backoff(server):
    page = odata_page(server.base, 1, 1, None)
    server.reply = lambda number, _path: Reply(status=500) if number < 3 else Reply(page)
    rows, waits = fetch(server)
    assert waits == [1.0, 2.0]
    assert len(rows) == 1


def test_gives_up_after_five_attempts(server):
    server.reply = lambda _number, _path: Reply(status=503)
    with pytest.raises(tk_import.SourceError, match=r'HTTP 503 Service Unavailable \(5 attempts\)'):
        fetch(server)
    assert len(server.requests) == 5


def test_timeout_is_retried(server):
    """A slow answer times out and is asked again; the second answer comes in time."""
    page = odata_page(server.base, 1, 1, None)
    server.reply = lambda number, _path: Reply(page, delay=2.0 if number == 1 else 0.0)
    rows, waits = fetch(server, timeout=0.3)
    assert waits == [1.0]
    assert len(rows) == 1 and len(server.requests) == 2


def test_timeout_every_time_is_a_clear_error(server):
    server.reply = lambda _number, _path: Reply(b'{}', delay=2.0)
    with pytest.raises(
        tk_import.SourceError, match=r'no complete answer within 0.1 s \(5 attempts\)'
    ):
        fetch(server, timeout=0.1)


def test_next_link_elsewhere_refused(server):
    server.reply = lambda _number, _path: Reply(odata_page(server.base, 1, 1, 'file:///etc/passwd'))
    with pytest.raises(tk_import.SourceError, match='leads to another server: file:///etc/passwd'):
        fetch(server)


# --- what a hostile or broken server can do -------------------------------------------------


def test_redirect_to_another_server_refused(server, other, register, existing, capsys):
    other.reply = lambda _number, _path: Reply(odata_page(other.base, 1, 2, None))
    server.reply = lambda _number, path: Reply(
        status=302, headers={'Location': f'{other.base}/Toezegging'}
    )
    assert main(['import-tk', '--online', '--base', server.base, '-o', str(register)]) == 2
    err = capsys.readouterr().err
    assert f'redirected to another server: {other.base}/Toezegging; refused' in err
    assert other.requests == []
    assert register.read_bytes() == existing


def test_redirect_on_the_same_server_followed(server):
    page = odata_page(server.base, 1, 2, None)
    server.reply = lambda number, _path: (
        Reply(status=301, headers={'Location': '/OData/v4/2.0/Toezegging?moved=1'})
        if number == 1
        else Reply(page)
    )
    rows, _waits = fetch(server)
    assert len(rows) == 2
    assert server.requests[1] == '/OData/v4/2.0/Toezegging?moved=1'


def test_a_server_that_drips_is_cut_off_at_the_timeout(server):
    """A byte every 50 ms: every read is quick, the answer (headers too) never complete."""
    page = odata_page(server.base, 1, 1, None)
    server.reply = lambda _number, _path: Reply(page, drip=0.05)
    with pytest.raises(
        tk_import.SourceError, match=r'no complete answer within 0.3 s \(5 attempts\)'
    ):
        fetch(server, timeout=0.3)
    assert len(server.requests) == 5


def test_the_whole_import_has_a_deadline(server):
    """Pages that each come in time, but never end: the import's deadline stops them."""
    server.reply = lambda number, _path: Reply(
        odata_page(server.base, number, 1, f'{server.base}/Toezegging?$skip={number}'),
        delay=0.1,
    )
    with pytest.raises(tk_import.SourceError, match=r'did not finish within 0.5 s; stopped'):
        fetch(server, deadline=0.5)
    assert 2 <= len(server.requests) <= 6


def test_a_changing_skip_that_brings_nothing_new_stops(server):
    """The same toezeggingen under an ever larger $skip: no page brings anything new."""
    server.reply = lambda number, _path: Reply(
        odata_page(server.base, 1, 2, f'{server.base}/Toezegging?$skip={number * 2}')
    )
    with pytest.raises(tk_import.SourceError, match=r'the paging does not advance'):
        fetch(server)
    assert len(server.requests) == 2


def test_pages_are_capped(server, monkeypatch):
    monkeypatch.setattr(tk_online, 'MAX_PAGES', 3)
    server.reply = lambda number, _path: Reply(
        odata_page(server.base, number, 1, f'{server.base}/Toezegging?$skip={number}')
    )
    with pytest.raises(tk_import.SourceError, match=r'more than 3 pages; stopped'):
        fetch(server)
    assert len(server.requests) == 3


def test_a_next_link_back_to_a_page_read_stops(server):
    first = tk_online.query_url(server.base, tk_online.Filter())
    server.reply = lambda number, _path: Reply(
        odata_page(server.base, number, 1, first if number == 2 else f'{server.base}/p2')
    )
    with pytest.raises(tk_import.SourceError, match='leads back to a page already read'):
        fetch(server)
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    ('link', 'message'),
    [
        ('http://[127.0.0.1/Toezegging', '@odata.nextLink is not a usable URL'),
        (5, '@odata.nextLink should be a URL, not int'),
        ({'href': '/x'}, '@odata.nextLink should be a URL, not dict'),
    ],
)
def test_a_malformed_next_link_is_a_clear_error(server, register, capsys, link, message):
    page = json.loads(odata_page(server.base, 1, 1, None))
    page['@odata.nextLink'] = link
    server.reply = lambda _number, _path: Reply(json.dumps(page).encode())
    assert main(['import-tk', '--online', '--base', server.base, '-o', str(register)]) == 2
    assert message in capsys.readouterr().err


def test_control_characters_in_a_server_message_do_not_reach_the_terminal(server, tmp_path, capsys):
    body = {'error': {'message': 'Fout \x1b[2J\x1b[31mrood\x9b\u202egnirts\x07'}}
    server.reply = lambda _number, _path: Reply(json.dumps(body).encode(), status=400)
    argv = ['import-tk', '--online', '--base', server.base, '-o', str(tmp_path / 'tk.json')]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert 'HTTP 400 Bad Request: Fout [2J[31mrood' in err
    assert not any(char in err for char in '\x1b\x9b\u202e\x07')


# --- values of the wrong kind in a source ---------------------------------------------------


def _page_with(tmp_path: Path, **changes) -> Path:
    """Page 1 with its first toezegging changed: ``changes`` per property."""
    page = json.loads(Path(PAGE_1).read_text(encoding='utf-8'))
    page['value'][0].update(changes)
    source = tmp_path / 'page.json'
    source.write_text(json.dumps(page), encoding='utf-8')  # a surrogate as \ud800
    return source


@pytest.mark.parametrize(
    ('changes', 'message'),
    [
        (
            {'ToegezegdAan': [{'Fractie': {'Afkorting': ['VVD']}}]},
            'value[0]: ToegezegdAan[0]: Fractie: Afkorting should be text, not list',
        ),
        (
            {'Activiteit': {'Soort': ['Commissiedebat']}},
            'value[0]: Activiteit: Soort should be text, not list',
        ),
        (
            {'Tekst': 'De minister \ud83d stuurt'},
            "value[0]: Tekst: contains a lone surrogate ('\\ud83d'), which is not a character",
        ),
        (
            {'KamerbriefNakoming': [{'DocumentNummer': '2024D\udc00'}]},
            'value[0]: KamerbriefNakoming[0]: DocumentNummer: contains a lone surrogate',
        ),
        # each of these was dropped, ignored or read otherwise without a word
        (
            {'KamerbriefNakoming': [{'DocumentNummer': '2025D01234'}, 1]},
            'value[0]: KamerbriefNakoming[1]: expected an object, not a number',
        ),
        ({'ToegezegdAan': [None]}, 'value[0]: ToegezegdAan[0]: expected an object, not null'),
        ({'Activiteit': 'Commissiedebat'}, 'value[0]: Activiteit should be an object, not text'),
        (
            {'Activiteit': [{'Soort': 'Debat'}]},
            'value[0]: Activiteit should be an object, not a list',
        ),
        (
            {'Verwijderd': 'true'},
            "value[0]: Verwijderd should be true or false, not text 'true'",
        ),
        (
            {'GewijzigdOp': '9999-99-99T99:99:99Z'},
            "value[0]: GewijzigdOp: '9999-99-99T99:99:99Z' is not a date and time",
        ),
    ],
    ids=[
        'afkorting',
        'soort',
        'surrogate',
        'nested-surrogate',
        'nakoming-number',
        'toegezegd-null',
        'activiteit-text',
        'activiteit-list',
        'verwijderd-text',
        'gewijzigd-op',
    ],
)
def test_a_value_of_the_wrong_kind_is_a_clear_error(
    tmp_path, register, existing, capsys, changes, message
):
    source = _page_with(tmp_path, **changes)
    assert main(['import-tk', str(source), '-o', str(register)]) == 2
    assert f'{source}: {message}' in capsys.readouterr().err
    assert register.read_bytes() == existing


def test_a_number_where_text_belongs_is_read_as_text(tmp_path, register):
    source = _page_with(
        tmp_path, ToegezegdAan=[{'Fractie': {'Afkorting': 50}}], Activiteit={'Soort': 7}
    )
    assert main(['import-tk', str(source), '-o', str(register)]) == 0
    entry = entries(register)['TZ202412-116']
    assert (entry.toegezegd_aan, entry.activiteit) == (('50',), '7')


def test_control_characters_in_text_are_removed(tmp_path, register):
    source = _page_with(tmp_path, Tekst='De minister\x0b stuurt\x07 de\tbrief.\x85')
    assert main(['import-tk', str(source), '-o', str(register)]) == 0
    assert entries(register)['TZ202412-116'].tekst == 'De minister stuurt de\tbrief.'


@pytest.mark.parametrize(
    'nummer',
    [float('nan'), float('inf'), '<b>TZ202412-116</b>', 'TZ\uff12\uff10\uff12412-116', '', None],
    ids=['nan', 'inf', 'markup', 'full-width', 'empty', 'null'],
)
def test_an_entry_with_a_bad_nummer_is_left_out_with_a_warning(tmp_path, register, capsys, nummer):
    source = _page_with(tmp_path, Nummer=nummer)
    assert main(['import-tk', str(source), '-o', str(register)]) == 0
    err = capsys.readouterr().err
    assert f'{source}: value[0]: ' in err
    assert 'not a Tweede Kamer number (TZ and six digits, a dash and three' in err
    assert '; left out' in err
    found = entries(register)
    assert 'TZ202412-116' not in found
    assert 'TZ202402-164' in found  # the rest is imported
    assert all(tk_import.NUMMER['tk'].fullmatch(number) for number in found)


# --- the register file ----------------------------------------------------------------------


def test_a_symlinked_register_stays_a_symlink_and_keeps_its_mode(tmp_path):
    target = tmp_path / 'data' / 'tk.json'
    target.parent.mkdir()
    write(target, Register('tk', (Entry('TZ202001-001', 'Ouder.'),)))
    target.chmod(0o600)
    link = tmp_path / 'tk.json'
    link.symlink_to(Path('data', 'tk.json'))
    assert main(['import-tk', PAGE_1, '-o', str(link)]) == 0
    assert link.is_symlink()
    assert 'TZ202412-116' in entries(target)
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in target.parent.iterdir()) == ['tk.json']


def test_a_register_with_a_bad_field_is_not_rewritten(register, capsys):
    register.write_text(
        json.dumps(
            {'schema': 1, 'bron': 'tk', 'toezeggingen': [{'nummer': 'TZ202001-001', 'in_bron': 3}]}
        ),
        encoding='utf-8',
    )
    before = register.read_bytes()
    assert main(['import-tk', PAGE_1, '-o', str(register)]) == 2
    assert (
        f'{register}:1: entry 1 (TZ202001-001): in_bron 3 should be true or false; left out; '
        'correct the register file first'
    ) in capsys.readouterr().err
    assert register.read_bytes() == before


def test_a_register_edited_during_the_import_is_not_overwritten(register, monkeypatch, capsys):
    write(register, Register('tk', (Entry('TZ202001-001', 'Ouder.'),)))
    select = tk_import.select

    def edit_meanwhile(rows, known):
        write(register, Register('tk', (Entry('TZ202001-001', 'Met de hand bijgewerkt.'),)))
        return select(rows, known)

    monkeypatch.setattr(tk_import, 'select', edit_meanwhile)
    assert main(['import-tk', PAGE_1, '-o', str(register)]) == 2
    assert f'{register} changed while the import ran; not written' in capsys.readouterr().err
    assert list(entries(register)) == ['TZ202001-001']
    assert entries(register)['TZ202001-001'].tekst == 'Met de hand bijgewerkt.'
