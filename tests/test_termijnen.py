"""Termijnen: every form with its deadline, the errors, the recess rules and their overrides."""

from __future__ import annotations

import contextlib
import datetime
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_kamerstuk.core.termijnen import FORMS, Rules, TermijnError, deadline

DOCS_PAGE = Path(__file__).parents[1] / 'docs' / 'termijnen.rst'
#: The :datum: the docs page computes its example deadlines for.
EXAMPLE_DATUM = datetime.date(2026, 4, 15)

D = datetime.date
SPRING = D(2026, 4, 15)
AUTUMN = D(2026, 9, 15)
JANUARY = D(2026, 1, 10)

CASES = [
    # Dates: before means before.
    ('2026-06-11', None, '2026-06-11'),
    ('voor 2026-06-11', None, '2026-06-10'),
    ('11 juni 2026', None, '2026-06-11'),
    ('voor 11 juni 2026', None, '2026-06-10'),
    ('vóór 11 juni 2026', None, '2026-06-10'),
    ('VÓÓR 11 Juni 2026', None, '2026-06-10'),
    ('vo\u0301o\u0301r 11 juni 2026', None, '2026-06-10'),  # accents as combining marks
    ('uiterlijk 11 juni 2026', None, '2026-06-11'),
    ('op 11 juni 2026', None, '2026-06-11'),
    ('uiterlijk op 11 juni 2026', None, '2026-06-11'),
    ('uiterlijk voor 11 juni 2026', None, '2026-06-10'),
    ('  Uiterlijk \u00a0 11\tjuni\n2026. ', None, '2026-06-11'),
    ('11 jun 2026', None, '2026-06-11'),
    ('11 jun. 2026', None, '2026-06-11'),
    ('1 sept 2026', None, '2026-09-01'),
    ('1 mrt 2027', None, '2027-03-01'),
    ('11-6-2026', None, '2026-06-11'),
    ('11/06/2026', None, '2026-06-11'),
    ('voor 1 januari 2027', None, '2026-12-31'),
    ('29 februari 2028', None, '2028-02-29'),
    ('11 juni', SPRING, '2026-06-11'),
    ('11 juni', D(2026, 6, 11), '2026-06-11'),
    ('11 juni', D(2026, 6, 12), '2027-06-11'),
    ('voor 1 januari', SPRING, '2026-12-31'),
    # Months.
    ('juni 2026', None, '2026-06-30'),
    ('in juni 2026', None, '2026-06-30'),
    ('eind juni 2026', None, '2026-06-30'),
    ('voor eind juni 2026', None, '2026-06-30'),
    ('het einde van juni 2026', None, '2026-06-30'),
    ('voor juni 2026', None, '2026-05-31'),
    ('februari 2028', None, '2028-02-29'),
    ('december 2026', None, '2026-12-31'),
    ('eind juni', SPRING, '2026-06-30'),
    ('eind juni', AUTUMN, '2027-06-30'),
    ('in mei', SPRING, '2026-05-31'),
    # Quarters and halves.
    ('Q3 2026', None, '2026-09-30'),
    ('q1 2027', None, '2027-03-31'),
    ('derde kwartaal 2026', None, '2026-09-30'),
    ('3e kwartaal 2026', None, '2026-09-30'),
    ('2de kwartaal 2026', None, '2026-06-30'),
    ('het derde kwartaal van 2026', None, '2026-09-30'),
    ('in het vierde kwartaal van 2026', None, '2026-12-31'),
    ('eerste kwartaal 2027', None, '2027-03-31'),
    ('voor Q3 2026', None, '2026-06-30'),
    ('eind Q3 2026', None, '2026-09-30'),
    ('voor eind Q3 2026', None, '2026-09-30'),
    ('Q1', SPRING, '2027-03-31'),
    ('Q2', SPRING, '2026-06-30'),
    ('in de tweede helft van 2026', None, '2026-12-31'),
    ('het eerste halfjaar van 2027', None, '2027-06-30'),
    ('voor de tweede helft van 2026', None, '2026-06-30'),
    # Seasons: meteorological; winter runs into the next year.
    ('voorjaar 2027', None, '2027-05-31'),
    ('lente 2027', None, '2027-05-31'),
    ('in het voorjaar van 2027', None, '2027-05-31'),
    ('zomer 2026', None, '2026-08-31'),
    ('in de zomer van 2026', None, '2026-08-31'),
    ('najaar 2026', None, '2026-11-30'),
    ('herfst 2026', None, '2026-11-30'),
    ('winter 2026', None, '2027-02-28'),
    ('winter 2027', None, '2028-02-29'),
    ('dit voorjaar', JANUARY, '2026-05-31'),
    ('het najaar', SPRING, '2026-11-30'),
    ('het voorjaar', AUTUMN, '2027-05-31'),
    ('de winter', JANUARY, '2026-02-28'),  # the winter it is
    ('deze winter', D(2026, 12, 1), '2027-02-28'),
    ('voor het najaar 2026', None, '2026-08-31'),
    ('voor de winter', SPRING, '2026-11-30'),
    ('voor het voorjaar van 2027', None, '2027-02-28'),
    ('eind van de zomer 2026', None, '2026-08-31'),
    ('voor het einde van de zomer 2026', None, '2026-08-31'),
    # The political summer: the zomerreces starts on the first Friday after 1 July.
    ('voor de zomer 2026', None, '2026-07-02'),
    ('voor de zomer van 2026', None, '2026-07-02'),
    ('voor het zomerreces 2026', None, '2026-07-02'),
    ('voor de zomer 2025', None, '2025-07-03'),
    ('voor de zomer', SPRING, '2026-07-02'),
    ('uiterlijk voor de zomer', SPRING, '2026-07-02'),
    ('voor het zomerreces', SPRING, '2026-07-02'),
    ('voor deze zomer', SPRING, '2026-07-02'),
    ('voor de zomer', D(2026, 7, 2), '2026-07-02'),
    ('voor de zomer', D(2026, 7, 3), '2027-07-01'),
    ('voor de zomer', AUTUMN, '2027-07-01'),
    ('voor de zomer van volgend jaar', SPRING, '2027-07-01'),
    ('na de zomer', SPRING, '2026-09-30'),
    ('na de zomer 2026', None, '2026-09-30'),
    ('na het zomerreces', SPRING, '2026-09-30'),
    ('uiterlijk na de zomer', SPRING, '2026-09-30'),
    ('na de zomer', D(2026, 10, 1), '2027-09-30'),
    # Prinsjesdag, the third Tuesday of September.
    ('voor Prinsjesdag 2026', None, '2026-09-14'),
    ('voor Prinsjesdag', SPRING, '2026-09-14'),
    ('voor Prinsjesdag', AUTUMN, '2027-09-20'),
    ('op Prinsjesdag 2026', None, '2026-09-15'),
    ('Prinsjesdag 2025', None, '2025-09-16'),
    # The kerstreces starts on the last Friday before 24 December.
    ('voor het kerstreces 2026', None, '2026-12-17'),
    ('voor het kerstreces', SPRING, '2026-12-17'),
    ('voor de kerst', SPRING, '2026-12-17'),
    ('voor kerst 2025', None, '2025-12-18'),
    ('voor het kerstreces', D(2026, 12, 18), '2027-12-16'),
    # Years.
    ('voor het einde van het jaar', SPRING, '2026-12-31'),
    ('eind van het jaar', SPRING, '2026-12-31'),
    ('eind dit jaar', SPRING, '2026-12-31'),
    ('eind 2026', None, '2026-12-31'),
    ('einde 2026', None, '2026-12-31'),
    ('het einde van 2026', None, '2026-12-31'),
    ('voor eind 2026', None, '2026-12-31'),
    ('in 2026', None, '2026-12-31'),
    ('2026', None, '2026-12-31'),
    ('voor 2027', None, '2026-12-31'),
    ('begin 2027', None, '2027-03-31'),
    ('voor begin 2027', None, '2026-12-31'),
    ('begin volgend jaar', SPRING, '2027-03-31'),
    ('begin dit jaar', SPRING, '2027-03-31'),  # said in April: the next one, as for all
    ('medio 2026', None, '2026-06-30'),
    ('half 2026', None, '2026-06-30'),
    ('voor medio 2026', None, '2026-06-30'),
    ('dit jaar', SPRING, '2026-12-31'),
    ('volgend jaar', SPRING, '2027-12-31'),
    ('komend jaar', JANUARY, '2027-12-31'),
    ('eind volgend jaar', SPRING, '2027-12-31'),
    ('voor volgend jaar', SPRING, '2026-12-31'),
]


@pytest.mark.parametrize(('text', 'made_on', 'expected'), CASES, ids=[c[0] for c in CASES])
def test_forms(text, made_on, expected):
    assert deadline(text, made_on=made_on).isoformat() == expected


UNREADABLE = [
    ('binnenkort', SPRING, "expected a date such as '11 juni 2026' or '2026-06-11', or a period"),
    ('', SPRING, 'expected a date such as'),
    ('voor', SPRING, 'expected a date such as'),
    ('medio juni 2026', None, 'expected a date such as'),
    ('voor de begrotingsbehandeling', SPRING, 'expected a date such as'),
    ('Q' + '1' * 5000, SPRING, 'expected a date such as'),
    ('Q\u0663 2026', None, 'expected a date such as'),  # an Arabic-Indic 3
    ('voor de zomer', None, "without a year it needs the toezegging's :datum:"),
    ('11 juni', None, "needs the toezegging's :datum:"),
    ('volgend jaar', None, "needs the toezegging's :datum:"),
    ('31 februari 2026', None, 'expected a day from 1 to 28 in februari 2026, not 31'),
    ('29 februari 2026', None, 'expected a day from 1 to 28 in februari 2026, not 29'),
    ('30 februari', SPRING, 'expected a day from 1 to 29 in februari, not 30'),
    ('29 februari', SPRING, 'expected a year: 29 februari is not in every year'),
    ('0 juni 2026', None, 'expected a day from 1 to 30 in juni 2026, not 0'),
    ('2026-02-30', None, 'expected a day from 1 to 28 in februari 2026, not 30'),
    ('2026-13-01', None, 'expected a month from 1 to 12, not 13'),
    ('32-1-2026', None, 'expected a day from 1 to 31 in januari 2026, not 32'),
    ('11 juini 2026', None, "expected a month such as 'juni' or 'jun', not 'juini'"),
    ('Q5 2026', None, 'expected a quarter from 1 to 4, not 5'),
    ('Q0', None, 'expected a quarter from 1 to 4, not 0'),
    ('5e kwartaal 2026', None, 'expected a quarter from 1 to 4, not 5'),
    ('het zomerreces', SPRING, "expected 'voor het zomerreces': a recess lasts weeks"),
    ('in het kerstreces 2026', None, "expected 'voor het kerstreces 2026'"),
    ('voor na de zomer', SPRING, "expected 'na de zomer' without 'voor'"),
    ('eind 3026', None, 'expected a year from 1900 to 2199, not 3026'),
    ('0000-01-01', None, 'expected a year from 1900 to 2199, not 0'),
    ('voor de zomer', D(1, 1, 1), "expected a toezegging's :datum: from 1900 to 2199"),
]


@pytest.mark.parametrize(('text', 'made_on', 'message'), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_unreadable(text, made_on, message):
    with pytest.raises(TermijnError) as error:
        deadline(text, made_on=made_on)
    assert message in str(error.value)


def test_recess_rules_match_the_kamer_calendar():
    """Recess starts the Tweede Kamer published; Prinsjesdag is fixed by the Grondwet."""
    rules = Rules()
    assert [rules.zomerreces_start(year).isoformat() for year in (2022, 2023, 2024)] == [
        '2022-07-08',  # 1 July 2022 was a Friday: 'after 1 July' matters
        '2023-07-07',
        '2024-07-05',
    ]
    assert [rules.kerstreces_start(year).isoformat() for year in (2021, 2023, 2025)] == [
        '2021-12-17',
        '2023-12-22',  # 'on or before 20 December' would give 15 December
        '2025-12-19',
    ]
    assert [rules.prinsjesdag_date(year).isoformat() for year in (2024, 2025, 2026)] == [
        '2024-09-17',
        '2025-09-16',
        '2026-09-15',
    ]


OVERRIDES = Rules.from_config(
    {
        'zomerreces': {2026: '2026-07-10'},
        'kerstreces': {'2026': '2026-12-11'},
        'prinsjesdag': {2026: datetime.date(2026, 9, 8)},
    }
)


@pytest.mark.parametrize(
    ('text', 'made_on', 'expected'),
    [
        ('voor de zomer', SPRING, '2026-07-09'),
        ('voor de zomer', D(2026, 7, 5), '2026-07-09'),  # not yet in recess that year
        ('voor de zomer 2027', None, '2027-07-01'),  # no date set: the rule
        ('voor het kerstreces', SPRING, '2026-12-10'),
        ('voor Prinsjesdag 2026', None, '2026-09-07'),
        ('op Prinsjesdag 2026', None, '2026-09-08'),
    ],
)
def test_dates_set_per_year_override_the_rules(text, made_on, expected):
    assert deadline(text, made_on=made_on, rules=OVERRIDES).isoformat() == expected


def test_rules_from_config_accept_int_or_str_years_and_str_or_date_dates():
    assert Rules.from_config({}) == Rules()
    same = Rules.from_config(
        {
            'zomerreces': {'2026': datetime.date(2026, 7, 10)},
            'kerstreces': {2026: '2026-12-11'},
            'prinsjesdag': {'2026': '2026-09-08'},
        }
    )
    assert same == OVERRIDES
    assert {same, OVERRIDES} == {OVERRIDES}  # immutable, so hashable


@pytest.mark.parametrize(
    ('value', 'message'),
    [
        ([], "a dict such as {'zomerreces': {2026: '2026-07-03'}, 'kerstreces'"),
        (None, 'a dict such as'),
        (
            {'zomer': {}},
            (
                "a dict with the keys 'zomerreces', 'kerstreces' and 'prinsjesdag' "
                "(each optional), not 'zomer'"
            ),
        ),
        (
            {'zomerreces': '2026-07-03'},
            "years and dates for 'zomerreces', such as {2026: '2026-07-03'}, not '2026-07-03'",
        ),
        (
            {'zomerreces': {'26': '2026-07-03'}},
            "years from 1900 to 2199, such as 2026, as keys of 'zomerreces', not '26'",
        ),
        ({'zomerreces': {True: '2026-07-03'}}, "as keys of 'zomerreces', not True"),
        ({'zomerreces': {2026.0: '2026-07-03'}}, "as keys of 'zomerreces', not 2026.0"),
        (
            {'zomerreces': {2026: '3 juli 2026'}},
            "a date in 2026 written YYYY-MM-DD for 'zomerreces' 2026, not '3 juli 2026'",
        ),
        ({'zomerreces': {2026: '2026-02-30'}}, "for 'zomerreces' 2026, not '2026-02-30'"),
        (
            {'kerstreces': {2026: '2025-12-19'}},
            "a date in 2026 written YYYY-MM-DD for 'kerstreces'",
        ),
        ({'kerstreces': {2026: datetime.datetime(2026, 12, 18)}}, 'not datetime.datetime('),
        (
            {'kerstreces': {2026: '2026-12-18', '2026': '2026-12-11'}},
            "one date per year for 'kerstreces', not two for 2026",
        ),
    ],
)
def test_rules_from_config_says_what_was_expected(value, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        Rules.from_config(value)


# --- the documented forms ----------------------------------------------------------------


@pytest.mark.parametrize('form', FORMS, ids=[form.example for form in FORMS])
def test_every_documented_example_is_read(form):
    assert deadline(form.example, made_on=EXAMPLE_DATUM) >= EXAMPLE_DATUM


def _docs_rows() -> list[tuple[str, ...]]:
    """The cells of each row of the docs page's table of forms, without literal markup."""
    page = DOCS_PAGE.read_text(encoding='utf-8')
    table = re.search(
        r'\.\. list-table:: Forms and their rules\n(?:   :.*\n)*\n((?:   .*\n|\n)+)', page
    )
    assert table, 'no list-table titled Forms and their rules'
    rows = re.split(r'^   \* - ', table[1], flags=re.MULTILINE)[1:]
    return [
        tuple(' '.join(cell.replace('``', '').split()) for cell in re.split(r'\n +- ', row))
        for row in rows
    ]


def test_the_docs_page_lists_every_form_with_its_rule_and_deadline():
    header, *rows = _docs_rows()
    assert header == ('Written', 'Rule', f'Deadline for :datum: {EXAMPLE_DATUM}')
    assert rows == [
        (form.example, form.rule, deadline(form.example, made_on=EXAMPLE_DATUM).isoformat())
        for form in FORMS
    ]


# --- any text --------------------------------------------------------------------------------

# fmt: off
WORDS = [
    'uiterlijk', 'voor', 'vóór', 'op', 'in', 'na', 'de', 'het', 'dit', 'deze', 'volgend',
    'komend', 'jaar', 'eind', 'einde', 'van', 'begin', 'medio', 'half', 'zomer', 'zomerreces',
    'kerstreces', 'kerst', 'prinsjesdag', 'q3', 'q5', 'derde', 'vijfde', 'kwartaal', '3e',
    'helft', 'tweede', 'halfjaar', 'voorjaar', 'najaar', 'winter', 'juni', 'jun.', 'feb', 'sept',
    '0', '11', '29', '31', '.', '-',
]
# fmt: on
YEARS = ['1899', '1900', '2026', '2199', '0000', '9999', '2026-02-29', '31-12-2199', '2026-06-11']
DATUMS = st.dates(min_value=D(1900, 1, 1), max_value=D(2199, 12, 31))


@given(st.text(), st.none() | st.dates())
def test_any_text_gives_a_date_or_a_termijn_error(text, made_on):
    with contextlib.suppress(TermijnError):
        assert isinstance(deadline(text, made_on=made_on), datetime.date)


@given(st.lists(st.sampled_from(WORDS + YEARS), max_size=7).map(' '.join), st.none() | st.dates())
def test_any_words_give_a_date_or_a_termijn_error(text, made_on):
    with contextlib.suppress(TermijnError):
        assert isinstance(deadline(text, made_on=made_on), datetime.date)


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(' '.join), DATUMS)
def test_without_a_year_the_deadline_is_not_before_the_datum(text, made_on):
    with contextlib.suppress(TermijnError):
        assert deadline(text, made_on=made_on) >= made_on
