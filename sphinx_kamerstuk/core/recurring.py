"""Recurring termijnen: "jaarlijks vóór het zomerreces", "ieder kwartaal".

Some toezeggingen are kept again every period: a yearly progress letter, a quarterly
report. Such a termijn gives one deadline per period, from the period in which the
toezegging was made on (the first whose deadline falls after its ``:datum:``), until
``:tot:`` if given. Every form is in :data:`RECURRING_FORMS`, which the termijnen page
lists (a test checks it does). Each deadline of a yearly form is the deadline the rest
of the text gives in that year (:func:`sphinx_kamerstuk.core.termijnen.deadline`).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import TYPE_CHECKING

from sphinx_kamerstuk.core.termijnen import Form, Rules, TermijnError, deadline

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

RECURRING_FORMS: tuple[Form, ...] = (
    Form(
        'jaarlijks vóór het zomerreces',
        'every year, the deadline the rest gives in that year (here the day before the '
        'zomerreces starts); also elk jaar, ieder jaar and any termijn without a year',
    ),
    Form('jaarlijks voor Prinsjesdag', 'every year, the day before Prinsjesdag'),
    Form('halfjaarlijks', '30 June and 31 December of every year; also elk halfjaar'),
    Form(
        'elk voorjaar',
        'every year, the last day of spring (31 May); also ieder voorjaar, elke zomer, '
        'elk najaar, elke winter',
    ),
    Form('ieder kwartaal', 'the last day of every quarter; also elk kwartaal, per kwartaal'),
)

#: Without ``:tot:``, deadlines are made this many years ahead of the datum.
HORIZON_YEARS = 30

_EVERY = r'(?:elk|elke|ieder|iedere|per)'
_YEARLY = re.compile(rf'(?:jaarlijks|{_EVERY} jaar),? (?P<rest>.+)')
_SEASON = re.compile(rf'{_EVERY} (?P<season>voorjaar|lente|zomer|najaar|herfst|winter)')
_HALF_YEARLY = re.compile(rf'halfjaarlijks|{_EVERY} halfjaar|{_EVERY} half jaar')
_QUARTERLY = re.compile(rf'{_EVERY} kwartaal|driemaandelijks|kwartaal')


def is_recurring(text: str) -> bool:
    return _reader(_clean(text)) is not None


def occurrences(
    text: str,
    *,
    made_on: datetime.date | None,
    until: datetime.date | None = None,
    rules: Rules | None = None,
) -> tuple[datetime.date, ...]:
    """Every deadline of a recurring termijn after ``made_on`` up to ``until`` (or
    :data:`HORIZON_YEARS` on); ``TermijnError`` when the text is not one."""
    read = _reader(_clean(text))
    if read is None:
        raise TermijnError('not a recurring termijn')
    start = made_on or datetime.date(2000, 1, 1)
    last = until or datetime.date(start.year + HORIZON_YEARS, 12, 31)
    found = {
        day
        for year in range(start.year, last.year + 1)
        for day in read(year, rules or Rules())
        if start < day <= last
    }
    return tuple(sorted(found))


def _clean(text: str) -> str:
    clean = ' '.join(unicodedata.normalize('NFC', text).lower().split()).rstrip(' .')
    return clean.replace('vóór', 'voor')


def _reader(text: str) -> Callable[[int, Rules], Iterator[datetime.date]] | None:
    """How the text gives its deadlines in a year, or ``None``."""
    if _HALF_YEARLY.fullmatch(text):
        return lambda year, _rules: iter((datetime.date(year, 6, 30), datetime.date(year, 12, 31)))
    if _QUARTERLY.fullmatch(text):
        return lambda year, _rules: (
            datetime.date(year, month, 30 if month in (6, 9) else 31) for month in (3, 6, 9, 12)
        )
    season = _SEASON.fullmatch(text)
    if season:
        return _each_year(season['season'])
    yearly = _YEARLY.fullmatch(text)
    if yearly:
        rest = yearly['rest']
        try:  # the rest must be a termijn of its own, without a year
            deadline(rest, made_on=datetime.date(2001, 1, 1))
        except TermijnError:
            return None
        if re.search(r'\b\d{4}\b', rest):
            return None
        return _each_year(rest)
    return None


def _each_year(rest: str) -> Callable[[int, Rules], Iterator[datetime.date]]:
    def read(year: int, rules: Rules) -> Iterator[datetime.date]:
        yield (
            deadline(f'{rest} {year}', made_on=None, rules=rules)
            if _takes_year(rest)
            else (deadline(rest, made_on=datetime.date(year, 1, 1), rules=rules))
        )

    return read


def _takes_year(rest: str) -> bool:
    """Whether ``rest`` names a period a year can follow (``voorjaar 2027``)."""
    try:
        deadline(f'{rest} 2001', made_on=None)
    except TermijnError:
        return False
    return True
