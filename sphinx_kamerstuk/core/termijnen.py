"""Termijnen: a toezegging's deadline as written, read as the last day on which it is in time.

Ministers promise things 'voor de zomer' or 'in het derde kwartaal'. The text stays as
written; overviews and the overdue check need a date. Every form has one rule, listed in
FORMS (which the docs page shows), so a reader can check the date the extension chose.
Recess dates follow a rule unless the project sets them per year (``kamerstuk_termijnen``).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from sphinx_kamerstuk.core.dutch import MONTH_NUMBERS, MONTHS

if TYPE_CHECKING:
    from collections.abc import Callable

    #: The deadline a form gives in a given year.
    Deadline = Callable[[int], datetime.date]
    #: The first and the last day of a period in a given year.
    Span = Callable[[int], tuple[datetime.date, datetime.date]]


class TermijnError(ValueError):
    """A termijn that cannot be read; the message says what was expected."""


class Form(NamedTuple):
    """One form a termijn may take, with the rule that turns it into a deadline."""

    example: str
    rule: str


#: Every form, with its rule in words; the docs page lists each (a test checks it does).
FORMS: tuple[Form, ...] = (
    Form('2026-06-11', 'that day'),
    Form('uiterlijk 11 juni 2026', 'that day; also op 11 juni 2026, 11 jun 2026 and 11-6-2026'),
    Form('voor 11 juni 2026', 'the day before: before means before'),
    Form('juni 2026', 'the last day of the month; also in juni 2026 and eind juni 2026'),
    Form('voor juni 2026', 'the day before the month starts'),
    Form('Q3 2026', 'the last day of the quarter; also derde kwartaal 2026 and 3e kwartaal 2026'),
    Form('in de tweede helft van 2026', 'the last day of the half year'),
    Form('voorjaar 2027', 'the last day of spring, March to May; also lente'),
    Form('zomer 2026', 'the last day of summer, June to August'),
    Form('najaar 2026', 'the last day of autumn, September to November; also herfst'),
    Form('winter 2026', 'the last day of winter, December 2026 to February 2027'),
    Form('in het voorjaar van 2027', 'as voorjaar 2027'),
    Form('het najaar', 'the next autumn: the first whose last day is not before the datum'),
    Form('voor de winter', 'the day before winter starts'),
    Form('voor de zomer', 'the day before the zomerreces starts'),
    Form('voor het zomerreces 2026', 'the day before the zomerreces of 2026 starts'),
    Form('na de zomer', '30 September'),
    Form('voor Prinsjesdag', 'the day before Prinsjesdag'),
    Form('voor het kerstreces', 'the day before the kerstreces starts; also voor de kerst'),
    Form('eind 2026', 'the last day of the year; also einde 2026 and eind dit jaar'),
    Form('voor het einde van het jaar', 'the last day of the year: with eind, voor adds nothing'),
    Form('in 2026', 'the last day of the year'),
    Form('voor 2027', 'the day before the year starts'),
    Form('begin 2027', 'the last day of the first quarter'),
    Form('medio 2026', '30 June, with or without voor; also half 2026'),
    Form('volgend jaar', 'the last day of the year after that of the datum'),
)

_DAY = datetime.timedelta(days=1)
_TUESDAY, _FRIDAY = 1, 4
#: Years a termijn or an override may name: wide enough for any real one, and it catches typos.
_YEARS = range(1900, 2200)

_ORDINALS = {'eerste': 1, 'tweede': 2, 'derde': 3, 'vierde': 4}
#: The first month of each season (meteorological seasons; winter runs into the next year).
_SEASONS = {'voorjaar': 3, 'lente': 3, 'zomer': 6, 'najaar': 9, 'herfst': 9, 'winter': 12}


# --- recess dates --------------------------------------------------------------------------

#: Dates set per year, as (year, date) pairs: a tuple, so that Rules stays immutable.
Dates = tuple[tuple[int, datetime.date], ...]

_CONFIG_EXAMPLE = "{'zomerreces': {2026: '2026-07-03'}, 'kerstreces': {2026: '2026-12-18'}}"


@dataclass(frozen=True)
class Rules:
    """When the zomerreces and kerstreces start and when Prinsjesdag is.

    Each follows a rule; a date set for a year (the Kamer fixes its recesses about a year
    ahead, and sometimes departs from the pattern) replaces the rule for that year.
    """

    zomerreces: Dates = ()
    kerstreces: Dates = ()
    prinsjesdag: Dates = ()

    @classmethod
    def from_config(cls, value: object) -> Rules:
        """The rules with the dates of ``kamerstuk_termijnen``; ValueError says what it expected."""
        if not isinstance(value, dict):
            # ValueError for every bad value: the config check reports it as what it expected
            raise ValueError(f'a dict such as {_CONFIG_EXAMPLE}, not {value!r}')  # noqa: TRY004
        for key in value:
            if key not in ('zomerreces', 'kerstreces', 'prinsjesdag'):
                raise ValueError(
                    f"a dict with the keys 'zomerreces', 'kerstreces' and 'prinsjesdag' "
                    f'(each optional), not {key!r}'
                )
        return cls(**{key: _config_dates(key, dates) for key, dates in value.items()})

    def zomerreces_start(self, year: int) -> datetime.date:
        """The first Friday after 1 July: the Kamer's last sitting day is the Thursday before."""
        return _set_for(self.zomerreces, year) or _on_or_after(datetime.date(year, 7, 2), _FRIDAY)

    def kerstreces_start(self, year: int) -> datetime.date:
        """The last Friday before 24 December."""
        return _set_for(self.kerstreces, year) or _on_or_before(
            datetime.date(year, 12, 23), _FRIDAY
        )

    def prinsjesdag_date(self, year: int) -> datetime.date:
        """The third Tuesday of September (Grondwet, article 65), unless a law sets another."""
        return _set_for(self.prinsjesdag, year) or _on_or_after(
            datetime.date(year, 9, 15), _TUESDAY
        )


def _set_for(dates: Dates, year: int) -> datetime.date | None:
    return dict(dates).get(year)


def _on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _on_or_before(day: datetime.date, weekday: int) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def _config_dates(key: str, dates: object) -> Dates:
    if not isinstance(dates, dict):
        raise ValueError(  # noqa: TRY004 (one exception for every bad value, as in from_config)
            f"years and dates for {key!r}, such as {{2026: '2026-07-03'}}, not {dates!r}"
        )
    chosen: dict[int, datetime.date] = {}
    for year_key, date_value in dates.items():
        year = _config_year(key, year_key)
        if year in chosen:
            raise ValueError(f'one date per year for {key!r}, not two for {year}')
        chosen[year] = _config_date(key, year, date_value)
    return tuple(sorted(chosen.items()))


def _config_year(key: str, year: object) -> int:
    if isinstance(year, str) and re.fullmatch(r'\d{4}', year):
        year = int(year)
    if isinstance(year, int) and not isinstance(year, bool) and year in _YEARS:
        return year
    raise ValueError(
        f'years from {_YEARS[0]} to {_YEARS[-1]}, such as 2026, as keys of {key!r}, not {year!r}'
    )


def _config_date(key: str, year: int, value: object) -> datetime.date:
    day = value if type(value) is datetime.date else None  # a datetime is not a day
    if isinstance(value, str) and re.fullmatch(r'\d{4}-\d{2}-\d{2}', value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            day = None
    if day is None or day.year != year:
        raise ValueError(f'a date in {year} written YYYY-MM-DD for {key!r} {year}, not {value!r}')
    return day


# --- reading a termijn ---------------------------------------------------------------------

_EXPECTED = (
    "expected a date such as '11 juni 2026' or '2026-06-11', or a period such as "
    "'voor de zomer', 'Q3 2026' or 'eind 2026'"
)
_NEEDS_DATUM = "without a year it needs the toezegging's :datum: (or write the year)"


def deadline(
    text: str,
    *,
    made_on: datetime.date | None,
    rules: Rules = Rules(),
) -> datetime.date:
    """The last day on which a toezegging with this termijn is kept in time.

    ``made_on`` (the toezegging's ``:datum:``) gives the year of forms without one.
    """
    clean = ' '.join(unicodedata.normalize('NFC', text).lower().split()).rstrip(' .')
    prefix = _PREFIX.match(clean)
    assert prefix is not None  # every part of _PREFIX is optional: it always matches
    body = clean[prefix.end() :]
    for pattern, read in _READERS:
        match = pattern.fullmatch(body)
        if match:
            return _in_year(read(match, bool(prefix['voor']), rules), match, made_on)
    raise TermijnError(_EXPECTED)


def _in_year(at: Deadline, match: re.Match[str], made_on: datetime.date | None) -> datetime.date:
    """The deadline in the year written, else in the year the toezegging's datum implies.

    Without a year, the termijn means the next one: the first whose deadline is not before
    the datum ('voor de zomer' said in September is next summer's).
    """
    if match['year']:
        return at(_year(int(match['year'])))
    if made_on is None:
        raise TermijnError(_NEEDS_DATUM)
    if made_on.year not in _YEARS:
        raise TermijnError(
            f"expected a toezegging's :datum: from {_YEARS[0]} to {_YEARS[-1]}, not {made_on}"
        )
    if match.groupdict().get('yearword') in ('volgend', 'komend'):
        return at(made_on.year + 1)
    years = (made_on.year - 1, made_on.year, made_on.year + 1)
    return next(day for day in map(at, years) if day >= made_on)


def _year(year: int) -> int:
    if year not in _YEARS:
        raise TermijnError(f'expected a year from {_YEARS[0]} to {_YEARS[-1]}, not {year}')
    return year


def _last_day(year: int, month: int) -> datetime.date:
    """The last day of a month; month 13 and 14 are January and February of the next year."""
    year, month = year + month // 12, month % 12 + 1
    return datetime.date(year, month, 1) - _DAY


def _check_day(year: int | None, month: int, day: int) -> None:
    """Raise unless the day exists in that year (in some year, when year is None)."""
    if not 1 <= month <= 12:
        raise TermijnError(f'expected a month from 1 to 12, not {month}')
    last = _last_day(2000 if year is None else year, month).day  # 2000: a leap year
    if not 1 <= day <= last:
        name = MONTHS[month - 1] if year is None else f'{MONTHS[month - 1]} {year}'
        raise TermijnError(f'expected a day from 1 to {last} in {name}, not {day}')


def _point(at: Deadline, voor: bool) -> Deadline:
    """'voor' a day: the day before it; otherwise that day."""
    return (lambda year: at(year) - _DAY) if voor else at


def _period(span: Span, voor: bool, *, end: bool = False) -> Deadline:
    """'voor' a period: the day before it starts; otherwise, and with 'eind', its last day."""
    if voor and not end:
        return lambda year: span(year)[0] - _DAY
    return lambda year: span(year)[1]


def _numeric(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    month, day = int(match['month']), int(match['day'])
    _check_day(_year(int(match['year'])), month, day)
    return _point(lambda year: datetime.date(year, month, day), voor)


def _day_month(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    word, day = match['month'], int(match['day'])
    if word not in MONTH_NUMBERS:
        raise TermijnError(f"expected a month such as 'juni' or 'jun', not {word!r}")
    month = MONTH_NUMBERS[word]
    year = _year(int(match['year'])) if match['year'] else None
    _check_day(year, month, day)
    if (year, month, day) == (None, 2, 29):
        raise TermijnError('expected a year: 29 februari is not in every year')
    return _point(lambda year: datetime.date(year, month, day), voor)


def _months(first: int, count: int, voor: bool, end: bool) -> Deadline:
    """A period of whole months; a winter's run into the next year."""
    return _period(
        lambda year: (datetime.date(year, first, 1), _last_day(year, first + count - 1)),
        voor,
        end=end,
    )


def _month(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    return _months(MONTH_NUMBERS[match['month']], 1, voor, bool(match['end']))


def _quarter(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    number = _ORDINALS[match['word']] if match['word'] else int(match['q'] or match['number'])
    if not 1 <= number <= 4:
        raise TermijnError(f'expected a quarter from 1 to 4, not {number}')
    return _months(3 * number - 2, 3, voor, bool(match['end']))


def _half(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    return _months(6 * _ORDINALS[match['word']] - 5, 6, voor, bool(match['end']))


def _season(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    first = _SEASONS[match['season']]
    if voor and first == 6 and not match['end']:
        # 'Voor de zomer' is the political summer: before the Kamer goes into recess.
        return lambda year: rules.zomerreces_start(year) - _DAY
    return _months(first, 3, voor, bool(match['end']))


def _recess(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    if not voor:
        raise TermijnError(
            f"expected 'voor {match[0]}': a recess lasts weeks, so only the day before it "
            'starts is a deadline'
        )
    start = rules.zomerreces_start if match['recess'] == 'zomerreces' else rules.kerstreces_start
    return lambda year: start(year) - _DAY


def _after_summer(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    if voor:
        raise TermijnError(f"expected {match[0]!r} without 'voor'")
    return lambda year: datetime.date(year, 9, 30)


def _prinsjesdag(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    return _point(rules.prinsjesdag_date, voor)


def _whole_year(match: re.Match[str], voor: bool, rules: Rules) -> Deadline:
    if match['begin']:
        return _months(1, 3, voor, False)
    if match['medio']:
        return _months(1, 6, voor, True)  # the middle of the year: the end of its first half
    return _months(1, 12, voor, bool(match['end']))


_PREFIX = re.compile(r'(?:uiterlijk )?(?:(?P<voor>voor|vóór) |(?:op|in) )?')
_YEAR_WORDS = r'(?:(?P<year>\d{4})|(?P<yearword>dit|het|volgend|komend) jaar)'
_WITH_YEAR = rf'(?: (?:van )?{_YEAR_WORDS})?'
_END = r'(?:(?P<end>(?:het )?einde?(?: van)?) )?'
_MONTH_WORDS = '|'.join(sorted(MONTH_NUMBERS, key=len, reverse=True))

#: The forms, each read by the function after it; they are matched after the prefix.
_READERS: tuple[tuple[re.Pattern[str], Callable[..., Deadline]], ...] = tuple(
    (re.compile(pattern, re.ASCII), read)  # ASCII: \d is 0-9 only
    for pattern, read in (
        (r'(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})', _numeric),
        (r'(?P<day>\d{1,2})[-/](?P<month>\d{1,2})[-/](?P<year>\d{4})', _numeric),
        (rf'(?P<day>\d{{1,2}}) (?P<month>[a-zé]+)\.?{_WITH_YEAR}', _day_month),
        (rf'{_END}(?P<month>{_MONTH_WORDS})\.?{_WITH_YEAR}', _month),
        (
            (
                rf'{_END}(?:het )?(?:q(?P<q>\d{{1,2}})|(?:(?P<word>eerste|tweede|derde|vierde)'
                rf'|(?P<number>\d{{1,2}})(?:e|ste|de)?) kwartaal){_WITH_YEAR}'
            ),
            _quarter,
        ),
        (rf'{_END}(?:de |het )?(?P<word>eerste|tweede) (?:helft|halfjaar){_WITH_YEAR}', _half),
        (
            (
                rf'{_END}(?:(?:de|het|dit|deze|komend|komende) )?'
                rf'(?P<season>voorjaar|lente|zomer|najaar|herfst|winter){_WITH_YEAR}'
            ),
            _season,
        ),
        (rf'(?:het |de )?(?P<recess>zomerreces|kerstreces|kerst){_WITH_YEAR}', _recess),
        (rf'na (?:de zomer|het zomerreces){_WITH_YEAR}', _after_summer),
        (rf'prinsjesdag{_WITH_YEAR}', _prinsjesdag),
        (
            (
                rf'(?:(?:(?P<end>(?:het )?einde?(?: van)?)|(?P<begin>begin(?: van)?)'
                rf'|(?P<medio>medio|half)) )?{_YEAR_WORDS}'
            ),
            _whole_year,
        ),
    )
)
