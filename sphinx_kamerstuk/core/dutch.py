"""Dutch date words, once: the months as written in full and as abbreviated."""

from __future__ import annotations

MONTHS = (
    'januari', 'februari', 'maart', 'april', 'mei', 'juni',
    'juli', 'augustus', 'september', 'oktober', 'november', 'december',
)  # fmt: skip
#: Month by its full name or its abbreviation (``mrt``, ``sept``), lower case.
MONTH_NUMBERS: dict[str, int] = {name: number for number, name in enumerate(MONTHS, start=1)} | {
    'jan': 1, 'feb': 2, 'mrt': 3, 'apr': 4, 'jun': 6, 'jul': 7,
    'aug': 8, 'sep': 9, 'sept': 9, 'okt': 10, 'nov': 11, 'dec': 12,
}  # fmt: skip
