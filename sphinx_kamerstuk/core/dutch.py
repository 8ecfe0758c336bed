"""Dutch date words, once: the months as written in full and as abbreviated, and a
date written with them."""

from __future__ import annotations

import datetime
import re

MONTHS = (
    'januari', 'februari', 'maart', 'april', 'mei', 'juni',
    'juli', 'augustus', 'september', 'oktober', 'november', 'december',
)  # fmt: skip
#: Month by its full name or its abbreviation (``mrt``, ``sept``), lower case.
MONTH_NUMBERS: dict[str, int] = {name: number for number, name in enumerate(MONTHS, start=1)} | {
    'jan': 1, 'feb': 2, 'mrt': 3, 'apr': 4, 'jun': 6, 'jul': 7,
    'aug': 8, 'sep': 9, 'sept': 9, 'okt': 10, 'nov': 11, 'dec': 12,
}  # fmt: skip


_DUTCH_DATE = re.compile(r'(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})')


def parse_date(text: str) -> datetime.date | None:
    """A date written ``2020-03-01`` or in Dutch, ``1 maart 2020`` (``1 mrt. 2020``);
    ``None`` when it is neither, or names no day that exists."""
    text = ' '.join(text.split()).lower()
    try:
        if re.fullmatch(r'\d{4}-\d{2}-\d{2}', text):
            return datetime.date.fromisoformat(text)
        match = _DUTCH_DATE.fullmatch(text)
        if match and match[2] in MONTH_NUMBERS:
            return datetime.date(int(match[3]), MONTH_NUMBERS[match[2]], int(match[1]))
    except ValueError:
        return None
    return None
