"""Find references typed as plain text, and citation roles that cannot be read.

Pure Python, like :mod:`sphinx_kamerstuk.core.citations`, so ``sphinx-kamerstuk check``
starts fast: nothing here imports Sphinx or docutils. :mod:`~sphinx_kamerstuk.lint.rst`
and :mod:`~sphinx_kamerstuk.lint.myst` mask what is not prose; the grammar reads the rest.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, NamedTuple

from sphinx_kamerstuk.core.citations import (
    ROLE_FOR_KIND,
    ROLE_KINDS,
    CitationError,
    find_all,
    parse,
)
from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.lint import myst, rst
from sphinx_kamerstuk.lint.markup import MASK, escaped, may_follow, may_precede

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx_kamerstuk.core.citations import Found, Style
    from sphinx_kamerstuk.lint.markup import IssueKind, Role, Syntax

__all__ = ['Issue', 'apply_fixes', 'issue_span', 'scan']

#: Lower-case beginnings of every keyword a reference can start with
#: (``citations.grammar.KEYWORD``, and the other anchors of ``citations.find``).
_KEYWORD_STARTS = (
    'bijlage',
    'kamerstuk',
    'kst.',
    'kst-',
    'ah-',
    'h-',
    'officielebekendmakingen',
    'nr',
    'ek ',
    'tk ',
    'tweede',
    'eerste',
    'aanh',
    'handelingen',
    'hand.',
    'stb',
    'staats',
    'stcrt',
    'trb',
    'tractatenblad',
)
_COMPACT_START = re.compile(r'\d{5}|\d{2}[ .\u00a0\u202f\u2009]\d{3}')
#: More than the grammar looks back before a reference ("eur 12345-2" is an amount).
_LOOK_BEHIND = 32
# Sphinx's ``split_explicit_title``: ``title <target>``.
_EXPLICIT_TITLE = re.compile(r'^(.+?)\s*(?<!\x00)<([^<]*?)>$', re.DOTALL)
_NOT_FIXED_NEXT_TO_BACKTICK = _("a backtick next to it would pair with the role's")
_NOT_FIXED_ESCAPED = _('a backslash escapes the text next to it, which a role would change')
_NOT_FIXED_CONTEXT = _('it names its publication only with the words around it')
#: Characters an escaped space next to them would turn into markup (``word_\\ `` a link).
_MARKUP_CHARACTERS = '_*|`'


class Issue(NamedTuple):
    """One finding in a text, by offsets."""

    start: int
    end: int
    kind: IssueKind
    message: str
    #: The markup to write instead of ``text[start:end]``; ``None`` when there is none.
    suggestion: str | None
    #: Whether ``--fix`` may write the suggestion.
    fixable: bool


def scan(text: str, syntax: Syntax, style: Style = 'aanwijzingen') -> list[Issue]:
    """Every plain reference and every unreadable or misnamed citation role, in order.

    ``style`` only changes how a plain reference is said to render.
    """
    prose = rst.prose(text) if syntax == 'rst' else myst.prose(text)
    issues = [issue for role in prose.roles if (issue := _role_issue(text, role, syntax))]
    kept_starts = [start for start, _, _ in prose.kept]
    for found in _references(prose.masked):
        not_fixed = _kept_reason(prose.kept, kept_starts, found.start, found.end)
        issues.append(_plain_issue(text, found, syntax, style, not_fixed))
    return sorted(issues, key=issue_span)


def _references(masked: str) -> Iterator[Found]:
    """``find_all``, but only from a little before where a reference can start to the next
    mask.

    Much faster, as most text holds no reference, and the same: a reference starts only at
    a keyword or a five-digit number not inside a word, the grammar never reads a masked
    character, and the stretch starts at a word, far enough back for its look-behinds.
    """
    lowered = masked.lower()
    if len(lowered) != len(masked):  # a character lowered to two
        yield from find_all(masked)
        return
    starts = [match.start() for match in _COMPACT_START.finditer(masked)]
    for keyword in _KEYWORD_STARTS:
        pos = lowered.find(keyword)
        while pos >= 0:
            starts.append(pos)
            pos = lowered.find(keyword, pos + 1)
    end = -1
    for pos in sorted(starts):
        if pos < end or (pos and masked[pos - 1].isalnum()):  # mid-word: no reference
            continue
        lowest = max(pos - _LOOK_BEHIND, 0)
        start = max(lowest, masked.rfind(MASK, lowest, pos) + 1)
        while start and masked[start - 1].isalnum():
            start -= 1
        end = masked.find(MASK, pos)
        if end < 0:
            end = len(masked)
        for found in find_all(masked[start:end]):
            yield found._replace(start=found.start + start, end=found.end + start)


def apply_fixes(text: str, issues: Iterable[Issue]) -> str:
    """``text`` with each issue's span replaced by its suggestion; nothing else changes."""
    parts = []
    pos = 0
    for issue in sorted(issues, key=issue_span):
        if issue.suggestion is None:  # nothing to write instead: the text stays
            continue
        parts += [text[pos : issue.start], issue.suggestion]
        pos = issue.end
    parts.append(text[pos:])
    return ''.join(parts)


# --- issues ---------------------------------------------------------------------------


def _plain_issue(
    text: str, found: Found, syntax: Syntax, style: Style, not_fixed: str | None
) -> Issue:
    """``not_fixed``: why ``--fix`` must leave this reference, if it must."""
    written = text[found.start : found.end]
    shown = _one_line(written)
    if '`' in written:
        message = (
            _('plain reference %r holds a backtick, which no role can; mark it up by hand') % shown
        )
        return Issue(found.start, found.end, 'plain-reference', message, None, False)
    role = ROLE_FOR_KIND[found.citation.kind]
    content = written
    if not found.standalone:
        # a form only running text has ("nr. 22 (30196)", the "140" of "Trb. 1999, 12 en
        # 140"): the role needs the reference as its target, which the author checks
        content = f'{written} <{found.citation.format("aanwijzingen")}>'
        not_fixed = not_fixed or _NOT_FIXED_CONTEXT
    message = _('plain reference %(reference)r; write %(markup)s (renders as %(rendered)r)') % {
        'reference': shown,
        'markup': _markup(role, _one_line(content), syntax),
        'rendered': found.citation.format(style),
    }
    suggestion = _markup(role, content, syntax)
    if '\\' in written or escaped(text, found.start):
        not_fixed = not_fixed or _NOT_FIXED_ESCAPED
    if syntax == 'rst':
        suggestion, not_fixed = _rst_spaced(text, found.start, found.end, suggestion, not_fixed)
    elif '`' in text[max(found.start - 1, 0) : found.start] + text[found.end : found.end + 1]:
        not_fixed = not_fixed or _NOT_FIXED_NEXT_TO_BACKTICK
    if not_fixed:
        message += _('; mark it up by hand: %s') % not_fixed
    return Issue(found.start, found.end, 'plain-reference', message, suggestion, not not_fixed)


def _role_issue(text: str, role: Role, syntax: Syntax) -> Issue | None:
    kind = ROLE_KINDS[role.name]
    content = text[role.content_start : role.content_end]
    title = _EXPLICIT_TITLE.match(content)
    target = title.group(2) if title else content
    shown = f':{role.name}:' if syntax == 'rst' else f'{{{role.name}}}'
    try:
        citation = parse(target, kind=kind)
    except CitationError as exc:
        message = _('cannot read %s reference %r: %s') % (
            shown,
            _one_line(target),
            exc.message(_),
        )
        return Issue(role.start, role.end, 'invalid-role', message, None, False)
    expected = ROLE_FOR_KIND[citation.kind]
    if expected == ROLE_FOR_KIND[kind]:
        return None
    suggestion = _markup(expected, content, syntax)
    message = _(
        'the %(role)s role expects a %(kind)s reference, but %(target)r is a %(found)s '
        'reference; write %(suggestion)s'
    ) % {
        'role': shown,
        'kind': kind,
        'target': _one_line(target),
        'found': citation.kind,
        'suggestion': _one_line(suggestion),
    }
    return Issue(role.start, role.end, 'wrong-role', message, suggestion, False)


def issue_span(issue: Issue) -> tuple[int, int]:
    return issue.start, issue.end


def _markup(role: str, content: str, syntax: Syntax) -> str:
    return f'{{{role}}}`{content}`' if syntax == 'md' else f':{role}:`{content}`'


def _rst_spaced(
    text: str, start: int, end: int, markup: str, not_fixed: str | None
) -> tuple[str, str | None]:
    """``markup`` with an escaped space where a neighbour would hide it from docutils; and
    why not to fix, should that space make the neighbour markup."""
    before = text[start - 1] if start else ' '
    after = text[end] if end < len(text) else ' '
    if not may_precede(before):
        markup = '\\ ' + markup
        if before in _MARKUP_CHARACTERS:
            not_fixed = (
                not_fixed or _('an escaped space would make the %r before it markup') % before
            )
    if not may_follow(after):
        markup += '\\ '
        if after in _MARKUP_CHARACTERS:
            not_fixed = not_fixed or _('an escaped space would make the %r after it markup') % after
    return markup, not_fixed


def _one_line(text: str) -> str:
    return ' '.join(text.split())


def _kept_reason(
    kept: list[tuple[int, int, str]], starts: list[int], start: int, end: int
) -> str | None:
    index = bisect.bisect_left(starts, end) - 1
    if index >= 0 and kept[index][1] > start:
        return kept[index][2]
    return None
