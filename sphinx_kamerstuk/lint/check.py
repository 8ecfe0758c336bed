"""Find references typed as plain text, and citation roles that cannot be read.

Pure Python, like :mod:`sphinx_kamerstuk.core.citations`, so ``sphinx-kamerstuk check`` starts
fast: nothing here imports Sphinx or docutils. Each source is read once. What a reader
does not see as prose (code, comments, URLs, the content of other roles) is overwritten
with a character the grammar never reads, so offsets stay those of the file and
:func:`~sphinx_kamerstuk.core.citations.find_all` reads what is left.
"""

from __future__ import annotations

import bisect
import codecs
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, NamedTuple

from sphinx_kamerstuk.core.citations import (
    ROLE_FOR_KIND,
    ROLE_KINDS,
    CitationError,
    find_all,
    parse,
)
from sphinx_kamerstuk.core.files import NotReadable, read_regular, write_atomic
from sphinx_kamerstuk.core.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from sphinx_kamerstuk.core.citations import Found, Style

__all__ = [
    'CheckFailed',
    'Finding',
    'Issue',
    'Report',
    'SkipFile',
    'Skipped',
    'Source',
    'apply_fixes',
    'check',
    'find_sources',
    'read_source',
    'scan',
    'write_source',
]

Syntax = Literal['rst', 'md']
IssueKind = Literal['plain-reference', 'invalid-role', 'wrong-role']

SCANNED_SUFFIXES = frozenset({'.rst', '.md', '.txt'})
SKIPPED_DIRS = frozenset({'_build', '.venv', 'node_modules'})
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
_MASK = '\x1a'
_NAME = r'[^\W_]+(?:[-._+:][^\W_]+)*'  # docutils' "simplename"
_BLANK = re.compile(r'\n[^\S\n]*\n')
_BEFORE_BLANK = re.compile(r'\n(?=[^\S\n]*\n)')
_URL_MARK = re.compile(r'://|www\.')
_URL_SCHEME = re.compile(r'[a-z][a-z0-9+.-]*\Z', re.IGNORECASE)
_URL_REST = re.compile(r'[^\s<>`]*')
#: Lower-case beginnings of every keyword a reference can start with (``citations._KEYWORD``).
_KEYWORD_STARTS = (
    'bijlage',
    'kamerstuk',
    'kst.',
    'aanh',
    'handelingen',
    'hand.',
    'stb',
    'staats',
    'stcrt',
    'trb',
    'tractatenblad',
)
_COMPACT_START = re.compile(r'\d{5}')
#: More than the grammar looks back before a reference ("eur 12345-2" is an amount).
_LOOK_BEHIND = 32
# Sphinx's ``split_explicit_title``: ``title <target>``.
_EXPLICIT_TITLE = re.compile(r'^(.+?)\s*(?<!\x00)<([^<]*?)>$', re.DOTALL)

# reStructuredText blocks
_EXPLICIT = re.compile(r'[ \t]*\.\.(?:\s|$)')
_DIRECTIVE = re.compile(r'[ \t]*\.\.[ ]+(\|[^|]+\|[ ]+)?(' + _NAME + r')[ ]?::(?:\s|$)')
_FOOTNOTE = re.compile(r'[ \t]*\.\.[ ]+\[')
#: Starts of explicit markup, field-list items, line-block lines and option-list items.
_MARKER = re.compile(r'[ \t]*(?:\.\.(?:\s|$)|:[^:\s][^:]*:(?:\s|$)|\|(?:\s|$)|--?\w)')
_OPTION = re.compile(r'[ \t]+:[\w-]+:(?:\s|$)')
_ENUMERATOR = re.compile(
    r'[ \t]*(?:[-*+\u2022\u2023\u2043]|\(?(?:\d+|#|[a-zA-Z]|[ivxlcdm]+)[.)])\s+'
)
_ADORNMENT = re.compile(r'([!-/:-@\[-`{-~])\1{3,}\s*$')
_GRID_TABLE = re.compile(r'\s*\+[-=]+\+')
_SIMPLE_TABLE = re.compile(r'\s*=+(?:[ \t]+=+)+\s*$')

# reStructuredText inline markup
_RST_TRIGGER = re.compile(r'[`*|]')
_RST_ROLE_BEFORE = re.compile(r':' + _NAME + r':\Z')
_RST_INTERPRETED_END = re.compile(r'(?<!\s)`(?P<suffix>:' + _NAME + r':|__?)?')
_RST_END = {
    'role': _RST_INTERPRETED_END,
    'interpreted': _RST_INTERPRETED_END,
    'target': re.compile(r'(?<!\s)`'),
    'literal': re.compile(r'(?<!\s)``'),
    'strong': re.compile(r'(?<!\s)\*\*'),
    'emphasis': re.compile(r'(?<!\s)\*'),
    'substitution': re.compile(r'(?<!\s)\|(?:__?)?'),
}
#: Quotes and brackets: ``(*)`` is not emphasis.
_CLOSER = dict(zip('([{<"\'\u2018\u201c\xab', ')]}>"\'\u2019\u201d\xbb', strict=True))

# Markdown (MyST)
_FENCE = re.compile(r'[ \t]*(`{3,}|~{3,}|:{3,})[ \t]*(?:\{([^}\s]*)\}|([\w-]*))')
_LIST_ITEM = re.compile(r'[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)')
_MD_FOOTNOTE = re.compile(r'[ \t]*\[\^[^\]]+\]:')
_MD_OPTION = re.compile(r'\s*:[\w-]+:')
_MD_TRIGGER = re.compile(r'[`<\[]')
_BACKTICKS = re.compile(r'`+')
_MD_ROLE_NAME = re.compile(r'(?<!\\)\{([a-zA-Z0-9_\-+:]+)\}\Z')
_MD_LINK = re.compile(r'!?\[(?:[^\[\]]|\[[^\[\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])')
_MD_AUTOLINK = re.compile(r'<[a-z][a-z0-9+.-]{1,31}:[^\s<>]*>', re.IGNORECASE)
_MD_DEFINITION = re.compile(r'[ \t]*[:~][ \t]')
_MD_TABLE_DELIMITER = re.compile(r'[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$')

_NOT_FIXED_IN_EMPHASIS = _('reST cannot nest a role in emphasis')
_NOT_FIXED_IN_TITLE = _('the title underline has to grow with it')
_NOT_FIXED_IN_TABLE = _('the table columns have to be realigned')
_NOT_FIXED_IN_MD_TABLE = _('table cells are not fixed, in Markdown as in reST')
_NOT_FIXED_IN_DIRECTIVE = _('inside the content of directive %r, which may not be prose')
_NOT_FIXED_IN_SUBSTITUTION = _('a citation role cannot be used in a substitution definition')
_NOT_FIXED_IN_ARGUMENT = _(
    'a directive argument is not prose for every directive (a file name, the subject of a letter)'
)
_NOT_FIXED_IN_TERM = _('a definition-list term names an entry (a glossary term would change)')
_NOT_FIXED_NEXT_TO_BACKTICK = _("a backtick next to it would pair with the role's")
_NOT_FIXED_ESCAPED = _('a backslash escapes the text next to it, which a role would change')
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


class _Role(NamedTuple):
    start: int
    end: int
    name: str
    content_start: int
    content_end: int


class _Prose(NamedTuple):
    """A text with everything but prose masked, its citation roles, and where not to fix."""

    masked: str
    roles: list[_Role]
    #: Sorted, disjoint ``(start, end, reason)`` spans where a fix would break the markup.
    kept: list[tuple[int, int, str]]


def scan(text: str, syntax: Syntax, style: Style = 'aanwijzingen') -> list[Issue]:
    """Every plain reference and every unreadable or misnamed citation role, in order.

    ``style`` only changes how a plain reference is said to render.
    """
    prose = _rst_prose(text) if syntax == 'rst' else _md_prose(text)
    issues = [issue for role in prose.roles if (issue := _role_issue(text, role, syntax))]
    kept_starts = [start for start, _, _ in prose.kept]
    for found in _references(prose.masked):
        not_fixed = _kept_reason(prose.kept, kept_starts, found.start, found.end)
        issues.append(_plain_issue(text, found, syntax, style, not_fixed))
    return sorted(issues, key=_span)


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
        start = max(lowest, masked.rfind(_MASK, lowest, pos) + 1)
        while start and masked[start - 1].isalnum():
            start -= 1
        end = masked.find(_MASK, pos)
        if end < 0:
            end = len(masked)
        for found in find_all(masked[start:end]):
            yield found._replace(start=found.start + start, end=found.end + start)


def apply_fixes(text: str, issues: Iterable[Issue]) -> str:
    """``text`` with each issue's span replaced by its suggestion; nothing else changes."""
    parts = []
    pos = 0
    for issue in sorted(issues, key=_span):
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
    message = _('plain reference %(reference)r; write %(markup)s (renders as %(rendered)r)') % {
        'reference': shown,
        'markup': _markup(role, shown, syntax),
        'rendered': found.citation.format(style),
    }
    suggestion = _markup(role, written, syntax)
    if '\\' in written or _escaped(text, found.start):
        not_fixed = not_fixed or _NOT_FIXED_ESCAPED
    if syntax == 'rst':
        suggestion, not_fixed = _rst_spaced(text, found.start, found.end, suggestion, not_fixed)
    elif '`' in text[max(found.start - 1, 0) : found.start] + text[found.end : found.end + 1]:
        not_fixed = not_fixed or _NOT_FIXED_NEXT_TO_BACKTICK
    if not_fixed:
        message += _('; mark it up by hand: %s') % not_fixed
    return Issue(found.start, found.end, 'plain-reference', message, suggestion, not not_fixed)


def _role_issue(text: str, role: _Role, syntax: Syntax) -> Issue | None:
    kind = ROLE_KINDS[role.name]
    content = text[role.content_start : role.content_end]
    title = _EXPLICIT_TITLE.match(content)
    target = title.group(2) if title else content
    shown = f':{role.name}:' if syntax == 'rst' else f'{{{role.name}}}'
    try:
        citation = parse(target, kind=kind)
    except CitationError as exc:
        message = _('cannot read %s reference %r: %s') % (shown, _one_line(target), exc)
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


def _span(issue: Issue) -> tuple[int, int]:
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
    if not _may_precede(before):
        markup = '\\ ' + markup
        if before in _MARKUP_CHARACTERS:
            not_fixed = not_fixed or f'an escaped space would make the {before!r} before it markup'
    if not _may_follow(after):
        markup += '\\ '
        if after in _MARKUP_CHARACTERS:
            not_fixed = not_fixed or f'an escaped space would make the {after!r} after it markup'
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


# --- inline markup recognition rules (docutils), by Unicode category ------------------


def _may_precede(char: str) -> bool:
    """Whether inline markup may start after ``char``."""
    return (
        char.isspace()
        or char in '-/:\'"<([{'
        or (char > '\x7f' and unicodedata.category(char) in ('Ps', 'Pi', 'Pf', 'Pd', 'Po'))
    )


def _may_follow(char: str) -> bool:
    """Whether inline markup may end before ``char``."""
    return (
        char.isspace()
        or char in '-/:\'")>]}.,;!?\\'
        or (char > '\x7f' and unicodedata.category(char) in ('Pe', 'Pi', 'Pf', 'Pd', 'Po'))
    )


def _escaped(text: str, pos: int) -> bool:
    """Whether an odd number of backslashes precedes ``pos``."""
    count = 0
    while pos > count and text[pos - count - 1] == '\\':
        count += 1
    return count % 2 == 1


# --- masking --------------------------------------------------------------------------


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the spans overwritten by the mask; line breaks stay, for paragraphs."""
    parts = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        parts.append(text[pos:start])
        parts.append('\n'.join(_MASK * len(line) for line in text[start:end].split('\n')))
        pos = end
    parts.append(text[pos:])
    return ''.join(parts)


def _finish(text: str, spans: list[tuple[int, int]], breaks: Iterable[int]) -> str:
    """Mask URLs and the line break at each paragraph end, so no reference runs on into
    the next paragraph."""
    text = _masked(text, spans)
    chars = list(_masked(text, _urls(text)))
    for pos in breaks:
        chars[pos] = _MASK
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


def _line_spans(lines: list[str]) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of each line, without its line break."""
    spans = []
    pos = 0
    for line in lines:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _indent(line: str) -> int:
    prefix = line[: len(line) - len(line.lstrip(' \t'))]
    return len(prefix.expandtabs(8)) if '\t' in prefix else len(prefix)


def _disjoint(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted spans with overlaps merged, keeping the first reason."""
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), merged[-1][2])
        else:
            merged.append((start, end, reason))
    return merged


# --- reStructuredText ------------------------------------------------------------------


def _rst_prose(text: str) -> _Prose:
    lines = text.split('\n')
    offsets = _line_spans(lines)
    masked_lines, kept_lines = _rst_blocks(lines)
    ending_lines, terms = _rst_paragraphs(lines)
    kept_lines += [(index, _NOT_FIXED_IN_TERM) for index in terms]
    block_masks = [(offsets[first][0], offsets[last - 1][1]) for first, last in masked_lines]
    kept = [(*offsets[index], reason) for index, reason in kept_lines]
    blocks_masked = _masked(text, block_masks)
    breaks = [offsets[index][1] for index in ending_lines if index + 1 < len(lines)]
    spans, roles, emphasis = _rst_inline(blocks_masked, [*breaks, len(text)])
    kept += [(start, end, _NOT_FIXED_IN_EMPHASIS) for start, end in emphasis]
    return _Prose(_finish(blocks_masked, spans, breaks), roles, _disjoint(kept))


def _rst_paragraphs(lines: list[str]) -> tuple[list[int], list[int]]:
    """The lines that end a paragraph, and the definition-list terms.

    Docutils ends a paragraph at a blank line and where the indentation changes (a
    definition, a block quote, the next list item); inline markup and references never
    run on across such a change.
    """
    ends: list[int] = []
    terms: list[int] = []
    first: int | None = None  # the first line of the paragraph being read
    continuations: tuple[int, ...] = ()  # the indents its next lines may have
    marked = False
    for index, line in enumerate(lines):
        if not line.strip():
            if first is not None:
                ends.append(index - 1)
            first = None
            continue
        indent = _indent(line)
        if first is not None and indent not in continuations:
            ends.append(index - 1)
            if index - 1 == first and not marked and indent > continuations[0]:
                terms.append(first)
            first = None
        if first is None:
            first = index
            item = _ENUMERATOR.match(line)
            marked = bool(item or _MARKER.match(line))
            if item is None:
                continuations = (indent,)
            elif line.lstrip()[0] in '-*+\u2022\u2023\u2043':  # a bullet
                continuations = (len(item.group().expandtabs(8)),)
            else:  # an enumerator, or a paragraph that starts with "A. " or "(i) "
                continuations = (len(item.group().expandtabs(8)), indent)
    return ends, terms


def _rst_blocks(lines: list[str]) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """Line ranges that are not prose, and lines (titles, tables) a fix would break."""
    masked: list[tuple[int, int]] = []
    kept: list[tuple[int, str]] = []
    after_blank = True
    in_table = False
    not_prose_end = 0  # where the content of a directive that may not be prose ends
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            after_blank = True
            in_table = False
            index += 1
            continue
        if stripped.startswith('..'):
            end = _rst_explicit_end(lines, index, _indent(line))
            if end is not None:
                masked.append((index, end))
                index = end
                after_blank = True
                continue
            if directive := _DIRECTIVE.match(line):
                if directive.group(1):  # the role's target id is not allowed there
                    end = _block_end(lines, index + 1, _indent(line))
                    kept += [(i, _NOT_FIXED_IN_SUBSTITUTION) for i in range(index, end)]
                # arguments: an admonition title, but also a file name or a letter's
                # subject, which are not read for roles; reported, never fixed
                header = index
                index += 1
                while (
                    index < len(lines)
                    and lines[index].strip()
                    and _indent(lines[index]) > _indent(line)
                    and not _OPTION.match(lines[index])
                ):
                    index += 1
                kept += [(i, _NOT_FIXED_IN_ARGUMENT) for i in range(header, index)]
                first_option = index
                if index < len(lines) and _OPTION.match(lines[index]):
                    # the option block runs to the first blank line, continuations included
                    while index < len(lines) and _indent(lines[index]) > _indent(line):
                        if not lines[index].strip():
                            break
                        index += 1
                if index > first_option:
                    masked.append((first_option, index))
                name = directive.group(2).lower()
                # its content is read, for reports only; the outermost such directive is named
                if name not in PROSE_DIRECTIVES and index >= not_prose_end:
                    not_prose_end = _block_end(lines, index, _indent(line))
                    reason = _NOT_FIXED_IN_DIRECTIVE % name
                    kept += [(i, reason) for i in range(index, not_prose_end)]
                after_blank = True
                continue
        if after_blank and stripped.startswith('>>>'):  # doctest block
            end = next((i for i in range(index, len(lines)) if not lines[i].strip()), len(lines))
            masked.append((index, end))
            index = end
            continue
        if stripped[0] in '+=' and (_GRID_TABLE.match(line) or _SIMPLE_TABLE.match(line)):
            in_table = True
        if in_table:
            kept.append((index, _NOT_FIXED_IN_TABLE))
        elif index + 1 < len(lines) and _ADORNMENT.match(lines[index + 1]):
            kept.append((index, _NOT_FIXED_IN_TITLE))
        if stripped.endswith('::'):
            item = _ENUMERATOR.match(line)
            end = _rst_literal_end(lines, index, item.end() if item else _indent(line))
            if end is not None:
                masked.append((index + 1, end))
                index = end
                after_blank = True
                continue
        after_blank = False
        index += 1
    return masked, kept


def _rst_explicit_end(lines: list[str], index: int, indent: int) -> int | None:
    """End of a comment, hyperlink target or literal directive starting at ``index``."""
    line = lines[index]
    if not _EXPLICIT.match(line) or _FOOTNOTE.match(line):
        return None
    directive = _DIRECTIVE.match(line)
    if directive and directive.group(2).lower() not in LITERAL_DIRECTIVES:
        return None
    if line.strip() == '..' and (index + 1 == len(lines) or not lines[index + 1].strip()):
        return index + 1  # an empty comment does not take the block after it
    return _block_end(lines, index + 1, indent)


def _rst_literal_end(lines: list[str], index: int, indent: int) -> int | None:
    """End of the literal block after the paragraph line ``index`` ending in ``::``."""
    following = index + 1
    while following < len(lines) and not lines[following].strip():
        following += 1
    if following == index + 1 or following == len(lines) or _indent(lines[following]) <= indent:
        return None
    return _block_end(lines, following, indent)


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The first line from ``start`` that has text and is indented no deeper than ``indent``."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip() and _indent(line) <= indent:
            return index
    return len(lines)


def _rst_inline(
    text: str, ends: list[int]
) -> tuple[list[tuple[int, int]], list[_Role], list[tuple[int, int]]]:
    """Spans of literals, interpreted text, roles, targets and substitutions; the citation
    roles; and emphasis, following docutils' inline markup recognition rules.

    ``ends``: the sorted paragraph ends, the last one ``len(text)``.
    """
    masked: list[tuple[int, int]] = []
    roles: list[_Role] = []
    emphasis: list[tuple[int, int]] = []
    paragraph_end = -1
    #: Per end-string, where a search found no end up to the paragraph end: a later start
    #: cannot find one either, so unclosed markup costs one search, not one per start.
    unclosed: dict[re.Pattern[str], int] = {}
    pos = 0
    while trigger := _RST_TRIGGER.search(text, pos):
        pos = trigger.end()
        for start, after, kind in _rst_starts(text, trigger.start()):
            if _escaped(text, start) or not _starts_markup(text, start, after):
                continue
            if after >= paragraph_end:
                paragraph_end = ends[bisect.bisect_right(ends, after)]
                unclosed.clear()
            pattern = _RST_END[kind]
            if unclosed.get(pattern, paragraph_end) <= after + 1:
                continue
            end_match = _rst_end(text, kind, after, paragraph_end)
            if end_match:
                break
            unclosed[pattern] = after + 1
        else:
            continue
        end = pos = end_match.end()
        if kind in ('strong', 'emphasis'):
            emphasis.append((start, end))
            continue
        masked.append((start, end))
        suffix = end_match.groupdict().get('suffix') or ''
        if kind == 'role':
            name = text[start + 1 : after - 2].lower()
        elif suffix[:1] == ':':
            name = suffix[1:-1].lower()
        else:
            continue
        if name in ROLE_KINDS:
            roles.append(_Role(start, end, name, after, end_match.start()))
    return masked, roles, emphasis


def _rst_starts(text: str, pos: int) -> list[tuple[int, int, str]]:
    """The start-strings the markup character at ``pos`` may belong to, most likely first:
    ``(start, after, kind)``."""
    char = text[pos]
    if char == '*':
        if text.startswith('**', pos):
            return [(pos, pos + 2, 'strong')]
        return [(pos, pos + 1, 'emphasis')]
    if char == '|':
        return [(pos, pos + 1, 'substitution')]
    if text.startswith('``', pos):
        return [(pos, pos + 2, 'literal')]
    if pos and text[pos - 1] == '_':
        return [(pos - 1, pos + 1, 'target')]
    starts = [(pos, pos + 1, 'interpreted')]
    if role := _RST_ROLE_BEFORE.search(text, max(0, pos - 64), pos):
        starts.insert(0, (role.start(), pos + 1, 'role'))
    return starts


def _starts_markup(text: str, start: int, after: int) -> bool:
    if after >= len(text) or text[after].isspace():
        return False
    if start == 0:
        return True
    before = text[start - 1]
    return _may_precede(before) and _CLOSER.get(before) != text[after]


def _rst_end(text: str, kind: str, after: int, paragraph_end: int) -> re.Match[str] | None:
    pos = after + 1
    while match := _RST_END[kind].search(text, pos, paragraph_end):
        if (kind == 'literal' or not _escaped(text, match.start())) and (
            match.end() == len(text) or _may_follow(text[match.end()])
        ):
            return match
        pos = match.start() + 1  # ends may overlap: the last two of ``` close a literal
    return None


# --- Markdown (MyST) -------------------------------------------------------------------


def _md_prose(text: str) -> _Prose:
    lines = text.split('\n')
    offsets = _line_spans(lines)
    masked_lines, kept_lines = _md_blocks(lines)
    block_masks = [(offsets[first][0], offsets[last - 1][1]) for first, last in masked_lines]
    kept = [(offsets[first][0], offsets[last - 1][1], why) for first, last, why in kept_lines]
    blocks_masked = _masked(text, block_masks)
    spans, roles = _md_inline(blocks_masked)
    breaks = [match.start() for match in _BEFORE_BLANK.finditer(blocks_masked)]
    return _Prose(_finish(blocks_masked, spans, breaks), roles, _disjoint(kept))


def _md_blocks(lines: list[str]) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Line ranges that are not prose (front matter, code, directive options, comments),
    and those a fix would break (terms, tables, directive content that may not be prose)."""
    masked: list[tuple[int, int]] = []
    kept: list[tuple[int, int, str]] = []
    index = 0
    if lines[0].strip() == '---':
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ('---', '...')), None)
        if end is not None:
            masked.append((0, end + 1))
            index = end + 1
    #: Open directive fences: their markers, and for those that may not be prose, the name
    #: and first line of their content.
    open_fences: list[tuple[str, tuple[str, int] | None]] = []
    containers: list[int] = []  # content indents of list items and footnotes
    table: int | None = None  # the header row of the pipe table being read
    after_blank = after_code = True
    while index < len(lines):
        line = lines[index]
        if table is not None and not line.strip():  # a blank line ends a table
            kept.append((table, index, _NOT_FIXED_IN_MD_TABLE))
            table = None
        if open_fences and _closes_fence(line, open_fences[-1][0]):
            _, content = open_fences.pop()
            if content and content[1] < index:
                kept.append((content[1], index, _NOT_FIXED_IN_DIRECTIVE % content[0]))
            masked.append((index, index + 1))
            index += 1
            continue
        if not line.strip():
            after_blank = True
            index += 1
            continue
        if _MD_DEFINITION.match(line):  # a definition: the line before is its term
            term = index - 2 if index > 1 and not lines[index - 1].strip() else index - 1
            if term >= 0 and lines[term].strip():
                kept.append((term, term + 1, _NOT_FIXED_IN_TERM))
        elif table is None and index and _md_table_delimiter(line, lines[index - 1]):
            table = index - 1
        if fence := _FENCE.match(line):
            name = fence.group(2) if fence.group(2) is not None else fence.group(3)
            marker = fence.group(1)
            if (fence.group(2) is None and marker[0] != ':') or name.lower() in LITERAL_DIRECTIVES:
                end = next(
                    (i for i in range(index + 1, len(lines)) if _closes_fence(lines[i], marker)),
                    len(lines) - 1,
                )
                masked.append((index, end + 1))
                index = end + 1
            else:
                end = _md_options_end(lines, index + 1)
                name = name.lower()
                open_fences.append((marker, None if name in PROSE_DIRECTIVES else (name, end)))
                masked.append((index, end))
                index = end
            after_blank = True
            continue
        indent = _indent(line)
        list_item = _LIST_ITEM.match(line) or _MD_FOOTNOTE.match(line)
        if after_blank or list_item:
            while containers and indent < containers[-1]:
                containers.pop()
        if (after_blank or after_code) and indent >= (containers[-1] if containers else 0) + 4:
            masked.append((index, index + 1))  # indented code
            after_code, after_blank = True, False
            index += 1
            continue
        if line.lstrip().startswith('%'):  # MyST comment
            masked.append((index, index + 1))
        elif list_item:
            footnote = list_item.re is _MD_FOOTNOTE
            containers.append(indent + 4 if footnote else len(list_item.group().expandtabs(4)))
        after_code = after_blank = False
        index += 1
    if table is not None:
        kept.append((table, len(lines), _NOT_FIXED_IN_MD_TABLE))
    kept += [
        (content[1], len(lines), _NOT_FIXED_IN_DIRECTIVE % content[0])
        for _, content in open_fences
        if content and content[1] < len(lines)
    ]
    return masked, kept


def _closes_fence(line: str, marker: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(marker) and stripped == marker[0] * len(stripped)


def _md_table_delimiter(line: str, before: str) -> bool:
    """Whether ``line`` is the delimiter row of a pipe table whose header row is ``before``."""
    return '|' in line and '|' in before and bool(_MD_TABLE_DELIMITER.match(line))


def _md_options_end(lines: list[str], index: int) -> int:
    """The line after a directive's ``:option:`` lines or ``---`` block."""
    if index < len(lines) and lines[index].strip() == '---':
        end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() == '---'), index)
        return end + 1
    while index < len(lines) and _MD_OPTION.match(lines[index]):
        index += 1
    return index


def _md_inline(text: str) -> tuple[list[tuple[int, int]], list[_Role]]:
    """Spans of code, roles, links and HTML comments; and the citation roles."""
    masked: list[tuple[int, int]] = []
    roles: list[_Role] = []
    paragraph_end = -1
    pos = 0
    while trigger := _MD_TRIGGER.search(text, pos):
        start = trigger.start()
        pos = start + 1
        if start and text[start - 1] == '!' and text[start] == '[':
            start -= 1  # an image
        if _escaped(text, start):
            continue
        if pos > paragraph_end:
            blank = _BLANK.search(text, pos)
            paragraph_end = blank.start() if blank else len(text)
        end: int | None
        if text.startswith('<!--', start):
            close = text.find('-->', start + 4)
            end = len(text) if close < 0 else close + 3
        elif backticks := _BACKTICKS.match(text, start):
            after = backticks.end()
            end = _md_code_end(text, start, after, paragraph_end, roles)
            pos = after
        else:
            pattern = _MD_AUTOLINK if text[start] == '<' else _MD_LINK
            link = pattern.match(text, start, paragraph_end)
            end = link.end() if link else None
        if end is not None:
            masked.append((start, end))
            pos = end
    return masked, roles


def _md_code_end(
    text: str, start: int, after: int, paragraph_end: int, roles: list[_Role]
) -> int | None:
    """End of the role or code span opened by the backticks at ``start``; notes roles."""
    ticks = after - start
    role = _MD_ROLE_NAME.search(text, max(0, start - 40), start)
    if role:
        # as MyST reads a role: the first run of as many backticks, one character on
        close = text.find('`' * ticks, after + 1, paragraph_end)
        if close >= 0:
            name = role.group(1).lower()
            if name in ROLE_KINDS:
                roles.append(_Role(role.start(), close + ticks, name, after, close))
            return close + ticks
    closing = re.compile('(?<!`)' + '`' * ticks + '(?!`)').search(text, after, paragraph_end)
    return closing.end() if closing else None


# --- files ------------------------------------------------------------------------------

#: More than any source a person writes; a larger file is skipped unread.
MAX_BYTES = 16 * 1024 * 1024
_NOT_FIXED_BY_DOCUTILS = _('docutils would read the text around it differently with a role there')
_NOT_FIXED_UNTRIED = _(
    'other fixes in this file failed the docutils check, which gave up before trying this '
    'one; mark those up and run again'
)
#: Parses of one file ``--fix`` may spend finding the fixes that fail: time stays linear.
_PROOF_BUDGET = 16
_NOT_FIXED_TOO_DEEP = _('docutils cannot read a document nested this deep')
_NOT_FIXED_WITHOUT_MYST = _('install myst-parser, which --fix needs to check a fix in Markdown')


class Source(NamedTuple):
    """A source file as read: its text, and how to write it back byte for byte."""

    #: Where it was found, as shown in findings.
    path: Path
    text: str
    encoding: Literal['utf-8', 'cp1252']
    bom: bool
    #: The file itself, symbolic links resolved: what is read and replaced.
    real: Path
    data: bytes
    stat: os.stat_result


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding in a file; 1-based lines and columns, the end column exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    kind: IssueKind
    message: str
    text: str
    suggestion: str | None
    fixed: bool


class Skipped(NamedTuple):
    """A file not checked, or not fixed, and why."""

    path: str
    reason: str


class Report(NamedTuple):
    findings: list[Finding]
    files_scanned: int
    skipped: list[Skipped]
    #: The files ``--fix`` rewrote.
    changed: list[str]


class SkipFile(Exception):
    """The file is left as it is, for the reason given."""


class CheckFailed(Exception):
    """A file could not be read or written; ``changed`` lists the files already fixed."""

    def __init__(self, error: OSError, changed: list[str]) -> None:
        super().__init__(str(error))
        self.error = error
        self.changed = changed


def check(paths: Sequence[str], *, style: Style = 'aanwijzingen', fix: bool = False) -> Report:
    """Scan every source under ``paths``; with ``fix``, write plain references as roles.

    File by file: read, scan, and write right away, so a file is replaced only while it
    still holds what was read. Raises :class:`OSError` for a path that does not exist,
    before anything is read, and :class:`CheckFailed` for a file that cannot be read or
    written.
    """
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    changed: list[str] = []
    scanned = 0
    for path, real in find_sources(paths, skipped):
        try:
            source = read_source(path, real)
        except SkipFile as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        except OSError as exc:
            raise CheckFailed(exc, changed) from exc
        scanned += 1
        syntax: Syntax = 'md' if path.suffix.lower() == '.md' else 'rst'
        issues = scan(source.text, syntax, style)
        fixes = [issue for issue in issues if issue.fixable] if fix else []
        if fixes:
            try:
                issues, fixes = _docutils_checked(source.text, syntax, issues, fixes)
            except RecursionError:  # docutils reads nested blocks by recursion
                skipped.append(Skipped(str(path), _('not fixed: %s') % _NOT_FIXED_TOO_DEEP))
                fixes = []
        if fixes:
            try:
                write_source(source, apply_fixes(source.text, fixes))
            except SkipFile as exc:
                skipped.append(Skipped(str(path), _('not fixed: %s') % exc))
                fixes = []
            except OSError as exc:
                raise CheckFailed(exc, changed) from exc
            else:
                changed.append(str(path))
        findings += _findings(source, issues, set(fixes))
    findings.sort(key=lambda finding: (finding.path, finding.line, finding.column))
    return Report(findings, scanned, skipped, changed)


def _docutils_checked(
    text: str, syntax: Syntax, issues: list[Issue], fixes: list[Issue]
) -> tuple[list[Issue], list[Issue]]:
    """The issues, and the fixes docutils reads as roles and nothing else changed; the
    other fixes become reports. Halves the fixes until each part passes."""
    from sphinx_kamerstuk.lint.proof import shape  # only --fix needs docutils

    try:
        tree, roles = shape(text, syntax)
    except ImportError:  # no myst-parser, so no proof: nothing fixed in Markdown
        return _refused(issues, set(fixes), _NOT_FIXED_WITHOUT_MYST), []

    def keeps(part: list[Issue]) -> bool:
        return shape(apply_fixes(text, part), syntax) == (tree, roles + len(part))

    accepted: list[Issue] = []
    refused: list[Issue] = []
    parts = [fixes]
    for _attempt in range(_PROOF_BUDGET):
        if not parts:
            break
        part = parts.pop()
        if keeps(part):
            accepted += part
        elif len(part) > 1:
            parts += [part[len(part) // 2 :], part[: len(part) // 2]]
        else:
            refused += part
    if len(accepted) < len(fixes) and accepted and not keeps(accepted):
        refused, accepted = refused + accepted, []
    untried = set(fixes) - set(accepted) - set(refused)
    issues = _refused(issues, set(refused), _NOT_FIXED_BY_DOCUTILS)
    issues = _refused(issues, untried, _NOT_FIXED_UNTRIED)
    return issues, sorted(accepted, key=_span)


def _refused(issues: list[Issue], refused: set[Issue], reason: str) -> list[Issue]:
    """``issues`` with the ``refused`` ones no longer fixable, saying why."""
    return [
        issue._replace(
            fixable=False, message=issue.message + _('; mark it up by hand: %s') % reason
        )
        if issue in refused
        else issue
        for issue in issues
    ]


def _findings(source: Source, issues: list[Issue], fixed: set[Issue]) -> Iterator[Finding]:
    text = source.text
    line_starts = [0] + [match.end() for match in re.finditer('\n', text)] if issues else []

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1] + 1

    for issue in issues:
        yield Finding(
            str(source.path),
            *position(issue.start),
            *position(issue.end),
            issue.kind,
            issue.message,
            text[issue.start : issue.end],
            issue.suggestion,
            issue in fixed,
        )


def find_sources(paths: Iterable[str], skipped: list[Skipped]) -> list[tuple[Path, Path]]:
    """Files as named, and the sources in directories as named, each once: ``(path as
    found, real path)``.

    Directories are searched for ``.rst``, ``.md`` and ``.txt`` files, skipping hidden
    ones and build, virtualenv and ``node_modules`` directories. A named path is
    followed; inside a directory, a symbolic link only to a file within a named path
    (others go to ``skipped``), and never to a directory.
    """
    named = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), name)
        named.append((path, path.resolve()))
    roots = [real for _, real in named]
    sources = []
    seen = set()
    for path, root in named:
        for candidate in _walk(path) if path.is_dir() else [path]:
            real = candidate.resolve() if candidate is not path else root
            if not any(real == top or real.is_relative_to(top) for top in roots):
                skipped.append(
                    Skipped(str(candidate), _('a symbolic link to a file outside the paths given'))
                )
            elif real not in seen:
                seen.add(real)
                sources.append((candidate, real))
    return sources


def _walk(root: Path) -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            name for name in subdirectories if name[0] != '.' and name not in SKIPPED_DIRS
        )
        for name in sorted(files):
            if name[0] != '.' and Path(name).suffix.lower() in SCANNED_SUFFIXES:
                yield Path(directory, name)


def read_source(path: Path, real: Path | None = None) -> Source:
    """Read UTF-8 (with or without BOM), or else cp1252, so that writing back is exact.

    Raises :class:`SkipFile`, without reading, for what is not a regular file (a FIFO,
    a device) and for a file over :data:`MAX_BYTES`.
    """
    real = real or path.resolve()
    data, status = _read_regular(real)
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode()
        return Source(path, text, 'utf-8', bom, real, data, status)
    except UnicodeDecodeError:
        # bytes cp1252 leaves undefined come back as they were through surrogateescape
        text = data.decode('cp1252', 'surrogateescape')
        return Source(path, text, 'cp1252', False, real, data, status)


def _read_regular(real: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, opened without following a link or waiting on a pipe."""
    try:
        return read_regular(real, MAX_BYTES, follow=False)
    except NotReadable as exc:
        raise SkipFile(str(exc)) from None


def write_source(source: Source, text: str) -> None:
    """Replace the file with ``text`` atomically, in its encoding, mode and ownership.

    Raises :class:`SkipFile`, leaving the file, when it is read-only, has other hard
    links (a new file would no longer be shared), belongs to someone whose ownership
    cannot be kept, or no longer holds what was read.
    """
    data = (codecs.BOM_UTF8 if source.bom else b'') + text.encode(
        source.encoding, 'surrogateescape'
    )
    target, status = source.real, source.stat
    if not status.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise SkipFile('the file is read-only')
    if status.st_nlink > 1:
        raise SkipFile('the file has other hard links, which a new file would not share')

    def keep_owner(file: BinaryIO) -> None:
        if hasattr(os, 'fchown') and (status.st_uid, status.st_gid) != _owner(file):
            try:
                os.fchown(file.fileno(), status.st_uid, status.st_gid)
            except PermissionError:
                raise SkipFile(
                    'the file belongs to another user or group, which a new file would not'
                ) from None

    def unchanged() -> None:
        try:
            now = _read_regular(target)
        except (OSError, SkipFile):
            now = None
        if now is None or now[0] != source.data or _inode(now[1]) != _inode(status):
            raise SkipFile('the file changed while it was checked; run the check again')

    write_atomic(
        target,
        data,
        mode=stat.S_IMODE(status.st_mode),
        prepare=keep_owner,
        before_replace=unchanged,
    )


def _owner(file: BinaryIO) -> tuple[int, int]:
    status = os.fstat(file.fileno())
    return status.st_uid, status.st_gid


def _inode(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino
