"""``sphinx-kamerstuk check --toezeggingen``: sentences of a source that make a toezegging
no ``toezegging`` directive in the same source records.

The prose is what :mod:`~sphinx_kamerstuk.lint.rst` and :mod:`~sphinx_kamerstuk.lint.myst`
leave unmasked; the sentences and the rules are :mod:`sphinx_kamerstuk.core.commitments`.
A sentence counts as recorded when it stands in a ``toezegging`` or shares most of its
words with one: a toezegging is written in other words than the letter's.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, NamedTuple

from sphinx_kamerstuk.core.commitments import find_commitments
from sphinx_kamerstuk.lint import myst, rst
from sphinx_kamerstuk.lint.markup import MASK

if TYPE_CHECKING:
    from sphinx_kamerstuk.lint.markup import Syntax

__all__ = ['Untracked', 'recorded', 'untracked']


class Untracked(NamedTuple):
    start: int
    end: int
    sentence: str
    termijn: str
    deadline: datetime.date | None


_RST_TOEZEGGING = re.compile(r'^([ \t]*)\.\.[ ]+toezegging::(.*)$', re.MULTILINE)
_MYST_TOEZEGGING = re.compile(r'^([ \t]*)(`{3,}|:{3,})\{toezegging\}(.*)$', re.MULTILINE)
_DATUM = re.compile(
    r'^[ \t]*(?:\.\.[ ]+kamerbrief::|(?:`{3,}|:{3,})\{kamerbrief\})[^\n]*\n(?:[ \t]*:[\w-]+:[^\n]*\n)*?'
    r'[ \t]*:datum:[ \t]*(\d{4}-\d{2}-\d{2})',
    re.MULTILINE,
)
_PROSE = re.compile(f'[^{MASK}]+')
_CONTENT_WORD = re.compile(r'[^\W\d_]{4,}')
#: Words that say little about what is promised.
_STOP = frozenset(
    [
        'deze',
        'dit',
        'zijn',
        'wordt',
        'worden',
        'zal',
        'zullen',
        'heeft',
        'hebben',
        'voor',
        'over',
        'naar',
        'onder',
        'met',
        'door',
        'kamer',
        'uw',
        'minister',
        'kabinet',
        'brief',
        'daarover',
        'hierover',
        'zoals',
        'ook',
        'nog',
        'niet',
        'maar',
        'informeren',
        'informeer',
        'geïnformeerd',
    ]
)


def untracked(text: str, syntax: Syntax) -> list[Untracked]:
    """Every sentence that commits and that no toezegging of the text records."""
    masked = rst.prose(text).masked if syntax == 'rst' else myst.prose(text).masked
    spans, records = _toezeggingen(text, syntax)
    datum = _DATUM.search(text)
    made_on = _date(datum[1]) if datum else None
    found = []
    for part in _PROSE.finditer(masked):
        for commitment in find_commitments(part[0], made_on=made_on):
            start = part.start() + commitment.start
            if any(first <= start < last for first, last in spans):
                continue
            if any(recorded(commitment.sentence, record) for record in records):
                continue
            found.append(
                Untracked(
                    start,
                    part.start() + commitment.end,
                    ' '.join(commitment.sentence.split()),
                    commitment.termijn,
                    commitment.deadline,
                )
            )
    return found


def recorded(sentence: str, toezegging: str) -> bool:
    """Whether a toezegging's text records the sentence: half the words (by their first
    five letters) of the shorter one in common, and at least two."""
    words, record = _stems(sentence), _stems(toezegging)
    shared = len(words & record)
    return shared >= 2 and shared * 2 >= min(len(words), len(record))


def _stems(text: str) -> set[str]:
    return {word.lower()[:5] for word in _CONTENT_WORD.findall(text) if word.lower() not in _STOP}


def _toezeggingen(text: str, syntax: Syntax) -> tuple[list[tuple[int, int]], list[str]]:
    """The spans of the source's toezegging directives, and the text of each."""
    spans, records = [], []
    pattern = _RST_TOEZEGGING if syntax == 'rst' else _MYST_TOEZEGGING
    for match in pattern.finditer(text):
        if syntax == 'rst' and _in_comment(text, match.start(), len(match[1].expandtabs())):
            continue  # a commented-out toezegging records nothing
        if syntax == 'rst':
            end = _indented_end(text, match.end(), len(match[1].expandtabs()))
        else:
            closing = re.compile(
                rf'^[ \t]*{re.escape(match[2][0])}{{{len(match[2])},}}[ \t]*$', re.MULTILINE
            )
            close = closing.search(text, match.end())
            end = close.end() if close else len(text)
        spans.append((match.start(), end))
        records.append(text[match.start() : end])
    return spans, records


def _in_comment(text: str, pos: int, indent: int) -> bool:
    """Whether the line at ``pos`` is inside a reST comment: the nearest line above it
    indented less is an explicit-markup start that is no directive."""
    for line in reversed(text[:pos].split('\n')[:-1]):
        if not line.strip():
            continue
        if len(line.expandtabs()) - len(line.expandtabs().lstrip()) < indent:
            return bool(re.match(r'[ \t]*\.\.(?:\s*$|\s+(?!\S+::|\[|_|\|))', line))
    return False


def _indented_end(text: str, pos: int, indent: int) -> int:
    """Where a directive's block ends: at the first line indented no more than it."""
    for line in re.finditer(r'\n([^\n]*)', text[pos:]):
        body = line[1]
        if body.strip() and len(body.expandtabs()) - len(body.expandtabs().lstrip()) <= indent:
            return pos + line.start()
    return len(text)


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
