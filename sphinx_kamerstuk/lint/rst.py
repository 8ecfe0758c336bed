"""Where reStructuredText holds prose: blocks, paragraphs and inline markup, read by
docutils' rules without docutils, so that ``sphinx-kamerstuk check`` starts fast."""

from __future__ import annotations

import bisect
import re

from sphinx_kamerstuk.core.citations import ROLE_KINDS
from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.lint.markup import (
    LITERAL_DIRECTIVES,
    NAME,
    NOT_FIXED_IN_DIRECTIVE,
    NOT_FIXED_IN_TERM,
    PROSE_DIRECTIVES,
    Prose,
    Role,
    disjoint,
    escaped,
    finish_prose,
    indent_of,
    line_spans,
    mask_spans,
    may_follow,
    may_precede,
)

__all__ = ['prose']

# reStructuredText blocks
_EXPLICIT = re.compile(r'[ \t]*\.\.(?:\s|$)')
_DIRECTIVE = re.compile(r'[ \t]*\.\.[ ]+(\|[^|]+\|[ ]+)?(' + NAME + r')[ ]?::(?:\s|$)')
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
_TRIGGER = re.compile(r'[`*|]')
_ROLE_BEFORE = re.compile(r':' + NAME + r':\Z')
_INTERPRETED_END = re.compile(r'(?<!\s)`(?P<suffix>:' + NAME + r':|__?)?')
_ENDS = {
    'role': _INTERPRETED_END,
    'interpreted': _INTERPRETED_END,
    'target': re.compile(r'(?<!\s)`'),
    'literal': re.compile(r'(?<!\s)``'),
    'strong': re.compile(r'(?<!\s)\*\*'),
    'emphasis': re.compile(r'(?<!\s)\*'),
    'substitution': re.compile(r'(?<!\s)\|(?:__?)?'),
}
#: Quotes and brackets: ``(*)`` is not emphasis.
_CLOSER = dict(zip('([{<"\'\u2018\u201c\xab', ')]}>"\'\u2019\u201d\xbb', strict=True))

_NOT_FIXED_IN_EMPHASIS = _('reST cannot nest a role in emphasis')
_NOT_FIXED_IN_TITLE = _('the title underline has to grow with it')
_NOT_FIXED_IN_TABLE = _('the table columns have to be realigned')
_NOT_FIXED_IN_SUBSTITUTION = _('a citation role cannot be used in a substitution definition')
_NOT_FIXED_IN_ARGUMENT = _(
    'a directive argument is not prose for every directive (a file name, the subject of a letter)'
)


def prose(text: str) -> Prose:
    lines = text.split('\n')
    offsets = line_spans(lines)
    masked_lines, kept_lines = _blocks(lines)
    ending_lines, terms = _paragraphs(lines)
    kept_lines += [(index, NOT_FIXED_IN_TERM) for index in terms]
    block_masks = [(offsets[first][0], offsets[last - 1][1]) for first, last in masked_lines]
    kept = [(*offsets[index], reason) for index, reason in kept_lines]
    blocks_masked = mask_spans(text, block_masks)
    breaks = [offsets[index][1] for index in ending_lines if index + 1 < len(lines)]
    spans, roles, emphasis = _inline(blocks_masked, [*breaks, len(text)])
    kept += [(start, end, _NOT_FIXED_IN_EMPHASIS) for start, end in emphasis]
    return Prose(finish_prose(blocks_masked, spans, breaks), roles, disjoint(kept))


def _paragraphs(lines: list[str]) -> tuple[list[int], list[int]]:
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
        indent = indent_of(line)
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


def _blocks(lines: list[str]) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
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
            end = _explicit_end(lines, index, indent_of(line))
            if end is not None:
                masked.append((index, end))
                index = end
                after_blank = True
                continue
            if directive := _DIRECTIVE.match(line):
                if directive.group(1):  # the role's target id is not allowed there
                    end = _block_end(lines, index + 1, indent_of(line))
                    kept += [(i, _NOT_FIXED_IN_SUBSTITUTION) for i in range(index, end)]
                # arguments: an admonition title, but also a file name or a letter's
                # subject, which are not read for roles; reported, never fixed
                header = index
                index += 1
                while (
                    index < len(lines)
                    and lines[index].strip()
                    and indent_of(lines[index]) > indent_of(line)
                    and not _OPTION.match(lines[index])
                ):
                    index += 1
                kept += [(i, _NOT_FIXED_IN_ARGUMENT) for i in range(header, index)]
                first_option = index
                if index < len(lines) and _OPTION.match(lines[index]):
                    # the option block runs to the first blank line, continuations included
                    while index < len(lines) and indent_of(lines[index]) > indent_of(line):
                        if not lines[index].strip():
                            break
                        index += 1
                if index > first_option:
                    masked.append((first_option, index))
                name = directive.group(2).lower()
                # its content is read, for reports only; the outermost such directive is named
                if name not in PROSE_DIRECTIVES and index >= not_prose_end:
                    not_prose_end = _block_end(lines, index, indent_of(line))
                    reason = NOT_FIXED_IN_DIRECTIVE % name
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
            end = _literal_end(lines, index, item.end() if item else indent_of(line))
            if end is not None:
                masked.append((index + 1, end))
                index = end
                after_blank = True
                continue
        after_blank = False
        index += 1
    return masked, kept


def _explicit_end(lines: list[str], index: int, indent: int) -> int | None:
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


def _literal_end(lines: list[str], index: int, indent: int) -> int | None:
    """End of the literal block after the paragraph line ``index`` ending in ``::``."""
    following = index + 1
    while following < len(lines) and not lines[following].strip():
        following += 1
    if following == index + 1 or following == len(lines) or indent_of(lines[following]) <= indent:
        return None
    return _block_end(lines, following, indent)


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """The first line from ``start`` that has text and is indented no deeper than ``indent``."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip() and indent_of(line) <= indent:
            return index
    return len(lines)


def _inline(
    text: str, ends: list[int]
) -> tuple[list[tuple[int, int]], list[Role], list[tuple[int, int]]]:
    """Spans of literals, interpreted text, roles, targets and substitutions; the citation
    roles; and emphasis, following docutils' inline markup recognition rules.

    ``ends``: the sorted paragraph ends, the last one ``len(text)``.
    """
    masked: list[tuple[int, int]] = []
    roles: list[Role] = []
    emphasis: list[tuple[int, int]] = []
    paragraph_end = -1
    #: Per end-string, where a search found no end up to the paragraph end: a later start
    #: cannot find one either, so unclosed markup costs one search, not one per start.
    unclosed: dict[re.Pattern[str], int] = {}
    pos = 0
    while trigger := _TRIGGER.search(text, pos):
        pos = trigger.end()
        for start, after, kind in _starts(text, trigger.start()):
            if escaped(text, start) or not _starts_markup(text, start, after):
                continue
            if after >= paragraph_end:
                paragraph_end = ends[bisect.bisect_right(ends, after)]
                unclosed.clear()
            pattern = _ENDS[kind]
            if unclosed.get(pattern, paragraph_end) <= after + 1:
                continue
            end_match = _inline_end(text, kind, after, paragraph_end)
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
            roles.append(Role(start, end, name, after, end_match.start()))
    return masked, roles, emphasis


def _starts(text: str, pos: int) -> list[tuple[int, int, str]]:
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
    if role := _ROLE_BEFORE.search(text, max(0, pos - 64), pos):
        starts.insert(0, (role.start(), pos + 1, 'role'))
    return starts


def _starts_markup(text: str, start: int, after: int) -> bool:
    if after >= len(text) or text[after].isspace():
        return False
    if start == 0:
        return True
    before = text[start - 1]
    return may_precede(before) and _CLOSER.get(before) != text[after]


def _inline_end(text: str, kind: str, after: int, paragraph_end: int) -> re.Match[str] | None:
    pos = after + 1
    while match := _ENDS[kind].search(text, pos, paragraph_end):
        if (kind == 'literal' or not escaped(text, match.start())) and (
            match.end() == len(text) or may_follow(text[match.end()])
        ):
            return match
        pos = match.start() + 1  # ends may overlap: the last two of ``` close a literal
    return None
