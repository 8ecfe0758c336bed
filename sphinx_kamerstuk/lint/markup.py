"""What the check's scanners share: the markup rules of docutils and MyST that do not
depend on the syntax, and the masking that hides what is not prose.

What a reader does not see as prose (code, comments, URLs, the content of other roles) is
overwritten with :data:`MASK`, a character the grammar never reads, so offsets stay those
of the file and :func:`~sphinx_kamerstuk.core.citations.find_all` reads what is left.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Literal, NamedTuple

from sphinx_kamerstuk.core.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    'LITERAL_DIRECTIVES',
    'MASK',
    'NAME',
    'NOT_FIXED_IN_DIRECTIVE',
    'NOT_FIXED_IN_TERM',
    'PROSE_DIRECTIVES',
    'IssueKind',
    'Prose',
    'Role',
    'Syntax',
    'disjoint',
    'escaped',
    'finish_prose',
    'indent_of',
    'line_spans',
    'mask_spans',
    'may_follow',
    'may_precede',
]

Syntax = Literal['rst', 'md']
IssueKind = Literal['plain-reference', 'invalid-role', 'wrong-role', 'toezegging']
#: Directives (rST and MyST) whose content is code or data, not prose.
LITERAL_DIRECTIVES = frozenset(
    {
        'code',
        'code-block',
        'code-cell',
        'sourcecode',
        'literalinclude',
        'highlight',
        'raw',
        'math',
        'eval-rst',
        'doctest',
        'testcode',
        'testoutput',
        'testsetup',
        'testcleanup',
        'productionlist',
        'graphviz',
        'mermaid',
        'toctree',
    }
)
#: Directives (reST and MyST) whose content is read as prose, like the text around them:
#: only there does ``--fix`` write a role. Any other directive's content may be code or data
#: that docutils cannot tell from prose (a Graphviz graph, a PlantUML diagram, CSV), and
#: table cells are never fixed, so references there are reported, not fixed.
PROSE_DIRECTIVES = frozenset(
    {
        # docutils
        'admonition',
        'attention',
        'caution',
        'danger',
        'error',
        'hint',
        'important',
        'note',
        'tip',
        'warning',
        'topic',
        'sidebar',
        'epigraph',
        'highlights',
        'pull-quote',
        'compound',
        'container',
        'class',
        'figure',
        # Sphinx
        'seealso',
        'versionadded',
        'versionchanged',
        'versionremoved',
        'deprecated',
        'only',
        'ifconfig',
        'hlist',
        'rst-class',
        # this extension
        'kamerbrief',
        'toezegging',
    }
)
#: Stands in for masked text: not whitespace, not a word character, never read by the grammar.
MASK = '\x1a'
NAME = r'[^\W_]+(?:[-._+:][^\W_]+)*'  # docutils' "simplename"
_URL_MARK = re.compile(r'://|www\.')
_URL_SCHEME = re.compile(r'[a-z][a-z0-9+.-]*\Z', re.IGNORECASE)
_URL_REST = re.compile(r'[^\s<>`]*')
NOT_FIXED_IN_DIRECTIVE = _('inside the content of directive %r, which may not be prose')
NOT_FIXED_IN_TERM = _('a definition-list term names an entry (a glossary term would change)')


class Role(NamedTuple):
    start: int
    end: int
    name: str
    content_start: int
    content_end: int


class Prose(NamedTuple):
    """A text with everything but prose masked, its citation roles, and where not to fix."""

    masked: str
    roles: list[Role]
    #: Sorted, disjoint ``(start, end, reason)`` spans where a fix would break the markup.
    kept: list[tuple[int, int, str]]


# --- inline markup recognition rules (docutils), by Unicode category ------------------


def may_precede(char: str) -> bool:
    """Whether inline markup may start after ``char``."""
    return (
        char.isspace()
        or char in '-/:\'"<([{'
        or (char > '\x7f' and unicodedata.category(char) in ('Ps', 'Pi', 'Pf', 'Pd', 'Po'))
    )


def may_follow(char: str) -> bool:
    """Whether inline markup may end before ``char``."""
    return (
        char.isspace()
        or char in '-/:\'")>]}.,;!?\\'
        or (char > '\x7f' and unicodedata.category(char) in ('Pe', 'Pi', 'Pf', 'Pd', 'Po'))
    )


def escaped(text: str, pos: int) -> bool:
    """Whether an odd number of backslashes precedes ``pos``."""
    count = 0
    while pos > count and text[pos - count - 1] == '\\':
        count += 1
    return count % 2 == 1


# --- masking --------------------------------------------------------------------------


def mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the spans overwritten by the mask; line breaks stay, for paragraphs."""
    parts = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        parts.append(text[pos:start])
        parts.append('\n'.join(MASK * len(line) for line in text[start:end].split('\n')))
        pos = end
    parts.append(text[pos:])
    return ''.join(parts)


def finish_prose(text: str, spans: list[tuple[int, int]], breaks: Iterable[int]) -> str:
    """Mask URLs and the line break at each paragraph end, so no reference runs on into
    the next paragraph."""
    text = mask_spans(text, spans)
    chars = list(mask_spans(text, _urls(text)))
    for pos in breaks:
        chars[pos] = MASK
    return ''.join(chars)


def _urls(text: str) -> list[tuple[int, int]]:
    """Spans of ``scheme://...`` and ``www....`` addresses."""
    spans: list[tuple[int, int]] = []
    for mark in _URL_MARK.finditer(text):
        start = mark.start()
        if spans and start < spans[-1][1]:
            continue  # inside the address before: ``a://b,c://d`` is one run
        if mark.group() == '://':
            scheme = _URL_SCHEME.search(text, max(0, start - 32), start)
            if scheme is None:
                continue
            start = scheme.start()
        elif start and text[start - 1].isalnum():
            continue
        rest = _URL_REST.match(text, mark.end())  # always: it matches the empty string too
        spans.append((start, rest.end() if rest else mark.end()))
    return spans


def line_spans(lines: list[str]) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of each line, without its line break."""
    spans = []
    pos = 0
    for line in lines:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def indent_of(line: str) -> int:
    prefix = line[: len(line) - len(line.lstrip(' \t'))]
    return len(prefix.expandtabs(8)) if '\t' in prefix else len(prefix)


def disjoint(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted spans with overlaps merged, keeping the first reason."""
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), merged[-1][2])
        else:
            merged.append((start, end, reason))
    return merged
