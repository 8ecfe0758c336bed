"""The Kamer's register in a build: entries as toezeggingen, augmented, reconciled, rebuilt."""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
from dataclasses import fields, replace
from datetime import date
from html import unescape
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from conftest import html, warnings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_kamerstuk.core import register_file
from sphinx_kamerstuk.core.register_file import (
    REGISTER_STATUSES,
    Entry,
    Register,
    check_entry,
    load,
    write,
)
from sphinx_kamerstuk.ext.domain import get_domain

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


def test_register_entries_are_toezeggingen_of_the_project(shared_build):
    app = shared_build('registers')
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
    # register only: the entry's own fields; the Kamer closed it (afgedaan), so it counts
    # as fulfilled by what the register says, not as 62 days overdue
    assert by_id['TZ202604-007'][2:] == [
        'fulfilled',
        '1 July 2026',
        'per the register',
        'D.M. van Weel',
        '',
    ]
    # a letter may fulfil a register number that no source writes down
    assert by_id['TZ202605-001'][2:5:2] == ['fulfilled', 'Evaluatie (20 June 2026)']
    page = html(app, 'verschillen')
    guid = '79a2206a-0000-4000-8000-000000000003'
    assert f'<a class="reference external" href="{ENTITY.format(guid)}">TZ202603-003</a>' in page


def test_a_source_augments_its_register_entry(shared_build):
    app = shared_build('registers')
    traces = get_domain(app.env).build.traces
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


def test_differences_table_and_report(shared_build):
    page = html(shared_build('registers'), 'verschillen')
    assert _rows(page, 'kamerstuk-verschillen') == [
        # one difference each: an entry nothing of the project names is only that, and
        # an entry a letter of the project fulfils is not "only in the register"
        ['TZ202603-003', 'only in the register', 'openstaand', ''],
        ['TZ202604-007', 'only in the register', 'afgedaan', ''],
        ['TZ202605-001', 'fulfilling letter differs', '2026D22222', '2026D33333'],
        ['TZ202606-012', 'status differs', 'openstaand', 'brief-a (2026-06-10)'],
        ['TZ202606-012', 'deadline differs', '2026-06-11', '2026-06-10'],
        ['TZ202607-099', 'not in the register', '', 'openstaand'],
    ]
    app = shared_build('registers', 'kamerstuk')
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


def test_register_entries_are_needs(shared_build):
    # sphinx-needs leaves external needs out of needs.json unless its filter lets them in
    app = shared_build('registers', 'needs', confoverrides={'needs_builder_filter': ''})
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
    assert by_id['TZ202604-007'][2:4] == ['fulfilled', '31 December 2026']
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


# --- a register file edited by hand ---------------------------------------------------------

SCHEMAS = files('sphinx_kamerstuk').joinpath('schemas')
ROOT = Path(__file__).parent / 'roots' / 'test-registers'


def _edit_register(srcdir: Path, edit) -> Path:
    path = srcdir / '_data' / 'tk-toezeggingen.json'
    data = json.loads(path.read_text(encoding='utf-8'))
    edit(data['toezeggingen'])
    path.write_text(json.dumps(data, indent=2), encoding='utf-8')  # a surrogate as \ud800
    return path


def _line(path: Path, text: str, after: int = 0) -> int:
    """The number of the first line from ``after`` on that holds ``text``."""
    lines = path.read_text(encoding='utf-8').splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and text in line)


def test_bad_fields_warn_at_their_line_and_the_entry_keeps_the_rest(build, tmp_path):
    shutil.copytree(ROOT, tmp_path / 'registers')

    def edit(entries):
        entries[0].update(
            aanmaakdatum='abc', status='blah', toegezegd_aan='abc', functie=None, ministerie=3
        )
        entries[1]['tekst'] = ['een', 'lijst']
        entries[1]['bewindspersoon'] = 'kapot \ud800'
        entries[2]['nummer'] = ''
        entries.append({'nummer': 'TZ202603-003', 'tekst': 'Nog eens.'})

    path = _edit_register(tmp_path / 'registers', edit)
    app = build('registers', 'kamerstuk')

    def at(text: str, after: int = 0) -> str:
        return f'{path}:{_line(path, text, after)}: WARNING:'

    entry = 'entry 1 (TZ202603-003)'
    where = {
        name: at(text)
        for name, text in [
            ('aanmaakdatum', '"aanmaakdatum": "abc"'),
            ('status', '"status": "blah"'),
            ('functie', '"functie": null'),
            ('ministerie', '"ministerie": 3'),
            ('toegezegd_aan', '"toegezegd_aan": "abc"'),
            ('nummer', '"nummer": ""'),
        ]
    }
    expected = [
        # in the order of the file
        (
            f"{where['status']} {entry}: status 'blah' is not one of openstaand, afgedaan, "
            'deels-afgedaan, vervallen, doorlopend, onbekend; left out'
        ),
        f'{where["functie"]} {entry}: functie null should be text; left out',
        f'{where["ministerie"]} {entry}: ministerie 3 should be text; left out',
        (
            f"{where['aanmaakdatum']} {entry}: aanmaakdatum 'abc' is not a date YYYY-MM-DD "
            '(or null); left out'
        ),
        f"{where['toegezegd_aan']} {entry}: toegezegd_aan 'abc' should be a list of text; left out",
    ]
    lines = warnings(app)
    assert lines[:5] == expected, lines
    tekst = at('"tekst": [', _line(path, 'TZ202604-007'))
    assert lines[5].startswith(f'{tekst} entry 2 (TZ202604-007): tekst')
    assert "bewindspersoon 'kapot \\ud800' should be text; left out" in lines[6]
    assert lines[7] == (
        f"{where['nummer']} entry 3: nummer '' is not a number of this register (TZ and "
        'six digits, a dash and three, such as TZ202412-116); the entry is left out'
    )
    assert lines[8].endswith(
        'WARNING: entry 5 (TZ202603-003): TZ202603-003 is also entry 1; the entry is left out'
    )
    # the entry is kept with what was valid; the report still fits its schema
    out = Path(app.outdir)
    report = json.loads((out / 'toezeggingen.json').read_text(encoding='utf-8'))
    by_id = {item['id']: item for item in report['toezeggingen']}
    kept = by_id['TZ202603-003']
    assert (kept['tekst'], kept['datum'], kept['toegezegd_aan']) == (
        'Een toezegging die alleen in het register staat.',
        None,
        '',
    )
    assert kept['kamer_register_status'] == 'onbekend'
    assert by_id['TZ202604-007']['tekst'] == ''
    assert 'TZ202605-001' not in by_id or by_id['TZ202605-001']['register'] is None
    schema = json.loads((out / 'toezeggingen.schema.json').read_text(encoding='utf-8'))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(report)


def test_an_entry_that_is_not_an_object_is_left_out(build, tmp_path):
    shutil.copytree(ROOT, tmp_path / 'registers')
    path = _edit_register(tmp_path / 'registers', lambda entries: entries.insert(1, [1]))
    path = _edit_register(tmp_path / 'registers', lambda entries: entries.insert(2, 2))
    lines = warnings(build('registers'))
    inner = path.read_text(encoding='utf-8').splitlines().index('    [') + 1
    assert lines[:2] == [
        f'{path}:{inner}: WARNING: entry 2: expected an object, not a list; the entry is left out',
        (
            f'{path}:{_line(path, "toezeggingen")}: WARNING: entry 3: expected an object, not a '
            'number; the entry is left out'
        ),
    ]


def test_register_schema_is_valid_and_describes_what_the_import_writes(tmp_path):
    schema = json.loads(SCHEMAS.joinpath('register.schema.json').read_text(encoding='utf-8'))
    jsonschema.Draft202012Validator.check_schema(schema)
    source = ROOT / '_data' / 'tk-toezeggingen.json'
    path = tmp_path / 'tk.json'
    write(path, load(source))
    _validator(schema).validate(json.loads(path.read_text(encoding='utf-8')))


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


_TEXT_VALUES = st.one_of(
    st.text(max_size=8),
    st.sampled_from(['', 'a\tb\nc\r', 'x\x07', '\x1b[31m', '\ud800', 'a\udfffb', '\x85', 'é']),
)
_BAD_TYPES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.just([]), st.just({})
)
_VALUES = {
    'nummer': st.one_of(
        st.sampled_from(
            [
                'TZ202412-116',
                'T02942',
                'TZ2024-1',
                'tz202412-116',
                'T\uff10\uff12\uff19\uff14\uff12',
            ]
        ),
        st.from_regex(r'TZ[0-9]{6}-[0-9]{3}', fullmatch=True),
        _TEXT_VALUES,
        _BAD_TYPES,
    ),
    'status': st.one_of(st.sampled_from([*REGISTER_STATUSES, 'Afgedaan', 'blah']), _BAD_TYPES),
    'in_bron': st.one_of(st.booleans(), st.integers(0, 1), st.none(), st.just('true')),
    'date': st.one_of(
        st.none(),
        st.dates().map(date.isoformat),
        st.sampled_from(
            [
                'abc',
                '2024-02-30',
                '2024-2-3',
                '20240101',
                '2024-W01-1',
                '\uff12\uff10\uff12\uff14-01-01',
            ]
        ),
        _BAD_TYPES,
    ),
    'texts': st.one_of(st.lists(_TEXT_VALUES, max_size=3), _TEXT_VALUES, _BAD_TYPES),
    'text': st.one_of(_TEXT_VALUES, _BAD_TYPES),
}


def _strategy(name: str) -> st.SearchStrategy:
    if name in _VALUES:
        return _VALUES[name]
    if name in ('aanmaakdatum', 'datum_nakoming'):
        return _VALUES['date']
    kind = fields_of_entry[name]
    return _VALUES['texts'] if kind.startswith('tuple') else _VALUES['text']


fields_of_entry = {f.name: f.type for f in fields(Entry)}

_ENTRIES = st.fixed_dictionaries(
    {},
    optional={
        **{name: _strategy(name) for name in fields_of_entry},
        'datum': _VALUES['text'],  # not a field: an unknown one
    },
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bron=st.sampled_from(['tk', 'ek']), entry=_ENTRIES)
def test_the_schema_and_the_checks_agree(bron, entry):
    """Every field the build leaves out is one the schema rejects, and the other way."""
    schema = _REGISTER_SCHEMA
    errors = _validator(schema).iter_errors({'schema': 1, 'bron': bron, 'toezeggingen': [entry]})
    rejected = set()
    for error in errors:
        path = list(error.absolute_path)[2:]
        if path:
            rejected.add(path[0])
        elif error.validator == 'required':
            rejected.add('nummer')
        elif error.validator == 'additionalProperties':
            rejected |= set(entry) - set(fields_of_entry)
    values, bad = check_entry(entry, bron)
    assert ('nummer' in values) == ('nummer' not in rejected)
    assert {name for name, _message in bad} == rejected


_REGISTER_SCHEMA = json.loads(SCHEMAS.joinpath('register.schema.json').read_text(encoding='utf-8'))


# --- what a register file may not be ---------------------------------------------------------


def _registers(srcdir: Path, *names: str) -> Path:
    """Let conf.py name these register files instead; returns conf.py."""
    conf = srcdir / 'conf.py'
    conf.write_text(
        conf.read_text(encoding='utf-8').replace(
            "['_data/tk-toezeggingen.json']", repr([f'_data/{name}' for name in names])
        ),
        encoding='utf-8',
    )
    return conf


@pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='no named pipes')
def test_a_register_that_is_not_a_regular_file_is_not_read(build, tmp_path):
    # a pipe made the build wait for ever, /dev/zero got it killed for its memory
    srcdir = tmp_path / 'registers'
    shutil.copytree(ROOT, srcdir)
    os.mkfifo(srcdir / '_data' / 'pipe.json')
    (srcdir / '_data' / 'zero.json').symlink_to('/dev/zero')
    conf = _registers(srcdir, 'pipe.json', 'zero.json', 'tk-toezeggingen.json')
    lines = warnings(build('registers'))
    assert lines == [
        f'{conf}:2: WARNING: register not used: {srcdir}/_data/{name}: not a regular file'
        for name in ('pipe.json', 'zero.json')
    ]


def test_a_register_too_large_is_not_read(build, tmp_path, monkeypatch):
    monkeypatch.setattr(register_file, 'MAX_BYTES', 1024)
    srcdir = tmp_path / 'registers'
    shutil.copytree(ROOT, srcdir)
    lines = warnings(build('registers'))
    assert lines[0].endswith('tk-toezeggingen.json: larger than 0 MB'), lines


def test_a_key_twice_in_an_entry_warns_at_the_second_and_the_first_counts(build, tmp_path):
    srcdir = tmp_path / 'registers'
    shutil.copytree(ROOT, srcdir)
    path = srcdir / '_data' / 'tk-toezeggingen.json'
    text = path.read_text(encoding='utf-8')
    first = '"nummer": "TZ202603-003",'
    path.write_text(text.replace(first, f'{first}\n      "nummer": "TZ202699-999",'), 'utf-8')
    app = build('registers')
    assert warnings(app) == [
        (
            f'{path}:7: WARNING: entry 1 (TZ202603-003): a second "nummer" (the first '
            'counts); left out'
        )
    ]
    assert 'TZ202603-003' in get_domain(app.env).data['register']
    assert 'TZ202699-999' not in get_domain(app.env).data['register']


def test_a_register_with_a_top_level_key_twice_is_not_used(build, tmp_path):
    # JSON readers keep the last: an empty "toezeggingen" after the real one hid them all
    srcdir = tmp_path / 'registers'
    shutil.copytree(ROOT, srcdir)
    path = srcdir / '_data' / 'tk-toezeggingen.json'
    text = path.read_text(encoding='utf-8').rstrip()
    path.write_text(text[:-1] + ',\n  "toezeggingen": []\n}\n', 'utf-8')
    line = len(text.splitlines()) + 1
    lines = warnings(build('registers'))
    assert lines[0] == (
        f'{srcdir}/conf.py:2: WARNING: register not used: {path}:{line}: "toezeggingen" '
        'appears twice; which one counts?'
    )


def test_a_deeply_nested_field_warns_at_its_line(build, tmp_path):
    srcdir = tmp_path / 'registers'
    shutil.copytree(ROOT, srcdir)
    path = srcdir / '_data' / 'tk-toezeggingen.json'
    text = path.read_text(encoding='utf-8')
    tekst = '"tekst": "Een toezegging die alleen in het register staat."'
    path.write_text(text.replace(tekst, '"tekst": ' + '[' * 900 + ']' * 900), 'utf-8')
    lines = warnings(build('registers'))
    assert lines[0].startswith(f'{path}:7: WARNING: entry 1 (TZ202603-003): tekst [[['), lines


def test_an_entry_of_an_earlier_register_warns_in_the_later_one(build, tmp_path):
    srcdir = tmp_path / 'registers'
    shutil.copytree(ROOT, srcdir)
    data = srcdir / '_data'
    write(data / 'b.json', Register('tk', (Entry('TZ202603-003', 'Nog eens.'),)))
    _registers(srcdir, 'tk-toezeggingen.json', 'b.json')
    app = build('registers')
    assert warnings(app) == [
        (
            f'{data}/b.json:5: WARNING: entry 1 (TZ202603-003): TZ202603-003 is also in an '
            'earlier register, which counts; the entry is left out'
        )
    ]
    register = get_domain(app.env).data['register']
    assert register['TZ202603-003'][0].tekst == 'Een toezegging die alleen in het register staat.'


def test_a_register_with_a_byte_order_mark_is_read(build, tmp_path):
    # as a Windows editor saves it
    srcdir = tmp_path / 'registers'
    shutil.copytree(ROOT, srcdir)
    path = srcdir / '_data' / 'tk-toezeggingen.json'
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    app = build('registers')
    assert warnings(app) == []
    assert 'TZ202603-003' in get_domain(app.env).data['register']
