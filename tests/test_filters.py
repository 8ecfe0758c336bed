"""The ``:filter:`` language: what it selects, what it refuses and where, and its limits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_kamerstuk.core.filters import MAX_DEPTH, MAX_LENGTH, FilterError, compile_filter
from sphinx_kamerstuk.ext.needs import FILTER_KINDS

DOCS = Path(__file__).parents[1] / 'docs'

#: Four toezeggingen of the Eerste Kamer, as a filter reads them (fields abridged), from its
#: rappel pages for Binnenlandse Zaken (eerstekamer.nl/rappel, 2024 and 2025): number,
#: title, date, deadline and "Onderwerpen" as tags are the register's; status and days
#: late are as this extension computes them at the peildatum 2025-07-02.
RECORDS = {
    'T01153': {
        'id': 'T01153',
        'title': 'Beperking dubbelbenoemingen (30.585)',
        'status': 'openstaand',
        'functie': 'Minister van Binnenlandse Zaken en Koninkrijksrelaties',
        'kamer': 'ek',
        'datum': '2010-04-13',
        'termijn': '',
        'dagen_te_laat': 0,
        'tags': ['dubbelbenoemingen', 'Raad van State'],
    },
    'T01237': {
        'id': 'T01237',
        'title': 'Toezending conceptversie richtlijn (22.112 / 31.544, CK)',
        'status': 'verlopen',
        'functie': 'Minister van Binnenlandse Zaken en Koninkrijksrelaties',
        'kamer': 'ek',
        'datum': '2009-04-07',
        'termijn': '2024-01-01',
        'dagen_te_laat': 548,
        'tags': ['discriminatie', 'gelijke behandeling', 'richtlijnen'],
    },
    'T01970': {
        'id': 'T01970',
        'title': 'Schrappen artikel 5, tweede lid, sub d van de Algemene wet gelijke '
        'behandeling (33.344)',
        'status': 'deels-voldaan',
        'functie': 'Minister van Binnenlandse Zaken en Koninkrijksrelaties',
        'kamer': 'ek',
        'datum': '2014-05-27',
        'termijn': '2025-07-01',
        'dagen_te_laat': 0,
        'tags': ['Algemene wet gelijke behandeling', 'huwelijken', 'weigerambtenaren'],
    },
    'T02615': {
        'id': 'T02615',
        'title': 'Effecten van de wet (34.349)',
        'status': 'verlopen',
        'functie': 'Minister van Binnenlandse Zaken en Koninkrijksrelaties',
        'kamer': 'ek',
        'datum': '2018-06-12',
        'termijn': '2024-07-01',
        'dagen_te_laat': 366,
        'tags': ["boerka's", 'gezichtsbedekkende kleding', 'nikab'],
    },
}
KINDS = {
    'id': 'text',
    'title': 'text',
    'status': 'text',
    'functie': 'text',
    'kamer': 'text',
    'datum': 'text',
    'termijn': 'text',
    'dagen_te_laat': 'number',
    'tags': 'list',
}


def _selected(text: str) -> list[str]:
    chosen = compile_filter(text, KINDS)
    return [id_ for id_, record in RECORDS.items() if chosen(record)]


@pytest.mark.parametrize(
    ('text', 'expected'),
    [
        # what sphinx-needs filters written before say, and still mean
        ('status == "verlopen"', ['T01237', 'T02615']),
        ("status != 'verlopen'", ['T01153', 'T01970']),
        ('"richtlijnen" in tags', ['T01237']),
        ('kamer == "ek"', ['T01153', 'T01237', 'T01970', 'T02615']),
        ('termijn < "2025-01-01"', ['T01153', 'T01237', 'T02615']),  # "" sorts first
        ('termijn != "" and termijn < "2025-01-01"', ['T01237', 'T02615']),
        ('status in ["openstaand", "verlopen"] and "nikab" not in tags', ['T01153', 'T01237']),
        ('status in ("openstaand",)', ['T01153']),
        ('status not in ["openstaand", "verlopen"]', ['T01970']),
        ('not (status == "verlopen" or "Raad van State" in tags)', ['T01970']),
        # what is new: numbers, chains, text methods, the truth of a field
        ('dagen_te_laat > 365', ['T01237', 'T02615']),
        ('0 < dagen_te_laat <= 366', ['T02615']),
        ('dagen_te_laat >= -1', ['T01153', 'T01237', 'T01970', 'T02615']),
        ('"2024-01-01" <= termijn < "2025-01-01"', ['T01237', 'T02615']),
        ('"gelijke behandeling" in title', ['T01970']),
        ('title.lower().startswith("effecten")', ['T02615']),
        ('title.casefold() == "effecten van de wet (34.349)"', ['T02615']),
        ('id.endswith("37")', ['T01237']),
        ('functie.upper().endswith("KONINKRIJKSRELATIES") and datum < "2010-01-01"', ['T01237']),
        ('not termijn', ['T01153']),
        ('tags == []', []),
        ('status == "verlopen"\n   and "nikab" in tags', ['T02615']),  # over two lines
    ],
)
def test_valid_filters_select_exactly(text, expected):
    assert _selected(text) == expected


@pytest.mark.parametrize(
    ('text', 'problem', 'column'),
    [
        ("__import__('os').system('touch x')", 'the method system(): only the text methods', 1),
        ('exit(3)', 'a call of exit(): only the text methods lower()', 1),
        ('().__class__.__bases__[0].__subclasses__()', 'the method __subclasses__()', 1),
        ('status.__class__', 'attribute access (.__class__)', 1),
        ('__builtins__', "unknown field '__builtins__'; the fields are dagen_te_laat, ", 1),
        ('"a"*10**9', 'arithmetic is not part of the filter language', 1),
        ('(lambda: 1)()', 'a call: only the text methods', 1),
        ('lambda: status', 'a lambda is not part', 1),
        ('f"{status}" == "x"', 'an f-string is not part', 1),
        ('(status := "x")', 'an assignment (:=) is not part', 2),
        ('[s for s in tags]', 'a comprehension is not part', 1),
        ('tags[0] == "x"', 'a subscript ([...]) is not part', 1),
        ('status if tags else id', 'a conditional expression', 1),
        ('status == "verlopen" and statuss == "x"', "unknown field 'statuss'", 26),
        ('"é" == bron', "unknown field 'bron'", 8),  # characters, not bytes
        ('status ==', 'cannot be read as an expression (invalid syntax)', 10),
        ('status = "x"', 'cannot be read as an expression', 8),
        ('status is None', "the operator 'is'", 11),
        ('status == None', 'the value None: expected text in quotes or a number', 11),
        ('kamer == True', 'the value True', 10),
        ('termijn < 2026', "'<' compares text with a number", 1),
        ('dagen_te_laat == "12"', "'==' compares a number with text", 1),
        ('tags == "nikab"', "'==' compares a list of text with text", 1),
        ('1 in tags', "'in' compares a number with a list of text", 1),
        ('status in [1, "x"]', 'a list of both text and numbers', 11),
        ('tags.lower() == "x"', 'lower() is a method of text, not of a list of text', 1),
        ('title.startswith(1)', 'startswith() takes text, not a number', 18),
        ('title.startswith("a", 2)', 'startswith() takes 1 argument(s)', 1),
        ('title.format()', 'the method format()', 1),
        ('status == b"x"', 'the value b"x"', 11),
        ('~dagen_te_laat', 'the operator ~', 1),
        ('status == "a\0"', 'expected text without NUL characters', 13),
        # Python only warns about this one; read silently, it would be "1 and"
        ('dagen_te_laat == 1and status == "x"', 'cannot be read as an expression (invalid d', 18),
    ],
)
def test_refusals_say_what_and_where(text, problem, column):
    with pytest.raises(FilterError) as caught:
        compile_filter(text, KINDS)
    assert caught.value.problem.startswith(problem), caught.value.problem
    assert caught.value.column == column


def test_hostile_payloads_run_nothing(tmp_path):
    target = tmp_path / 'pwned'
    for text in (
        f"__import__('os').system('touch {target}')",
        f"[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == 'Popen'][0](['touch', '{target}'])",
        f"open('{target}', 'w')",
    ):
        with pytest.raises(FilterError):
            compile_filter(text, KINDS)
    assert not target.exists()


def test_limits_refuse_before_anything_deep_happens():
    too_long = '(' * 10_000 + 'status' + ')' * 10_000
    with pytest.raises(FilterError, match=f'expected at most {MAX_LENGTH} characters'):
        compile_filter(too_long, KINDS)
    too_deep = 'not ' * (MAX_DEPTH + 1) + 'status'
    with pytest.raises(FilterError, match=f'nested more than {MAX_DEPTH} levels deep'):
        compile_filter(too_deep, KINDS)
    assert compile_filter('not ' * (MAX_DEPTH - 1) + 'status', KINDS)  # just within
    # deep but short: Python's parser says so, as a SyntaxError, not a crash
    with pytest.raises(FilterError, match='too many nested parentheses'):
        compile_filter('(' * 300 + 'status' + ')' * 300, KINDS)
    with pytest.raises(FilterError):
        compile_filter('-' * (MAX_LENGTH - 1) + '1', KINDS)


def test_a_filter_reads_only_the_fields_it_names():
    chosen = compile_filter('status == "verlopen" or "x" in tags', KINDS)
    assert chosen.fields == {'status', 'tags'}
    assert chosen({'status': 'verlopen'})  # or stops at the first that holds


def test_the_docs_list_every_field_with_its_kind():
    text = (DOCS / 'toezeggingen.rst').read_text(encoding='utf-8')
    table = text[text.index('.. list-table:: The fields of a filter') :]
    table = table[: table.index('\n\n', table.index('* -'))]
    documented = dict(re.findall(r'\* - ``(\w+)``\n\s+- (\w+)', table))
    assert documented == FILTER_KINDS
