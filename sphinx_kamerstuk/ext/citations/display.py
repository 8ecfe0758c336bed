"""The text a citation shows in a build: the project's style, and a dossier number that
never breaks at its thousands space ("22 112" split over two lines reads as two numbers).

Only the shown text: the reports keep the ordinary space, for searching and sorting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.config import Config

    from sphinx_kamerstuk.core.citations import Citation

#: The thousands space of a dossier number as the formatter writes it ("22 112"); no
#: other part of a formatted reference is two digits, a space and three digits.
_THOUSANDS_SPACE = re.compile(r'(?<![0-9])([0-9]{2}) (?=[0-9]{3}(?![0-9]))')


def shown(citation: Citation, config: Config) -> str:
    """``citation`` in :confval:`kamerstuk_citeerstijl`, with no-break thousands spaces."""
    return unbreakable_numbers(citation.format(config.kamerstuk_citeerstijl))


def unbreakable_numbers(text: str) -> str:
    """``text`` with each dossier number's thousands space a no-break space."""
    return _THOUSANDS_SPACE.sub('\\1\u00a0', text)
