"""Where MyST Markdown holds prose: front matter, fences, directive options, code,
links and roles, read by MyST's rules without myst-parser."""

from __future__ import annotations

import re

from sphinx_kamerstuk.core.citations import ROLE_KINDS
from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.lint.markup import (
    LITERAL_DIRECTIVES,
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
)

__all__ = ['prose']

_BLANK = re.compile(r'\n[^\S\n]*\n')
_BEFORE_BLANK = re.compile(r'\n(?=[^\S\n]*\n)')
_FENCE = re.compile(r'[ \t]*(`{3,}|~{3,}|:{3,})[ \t]*(?:\{([^}\s]*)\}|([\w-]*))')
_LIST_ITEM = re.compile(r'[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)')
_FOOTNOTE = re.compile(r'[ \t]*\[\^[^\]]+\]:')
_OPTION = re.compile(r'\s*:[\w-]+:')
_TRIGGER = re.compile(r'[`<\[]')
_BACKTICKS = re.compile(r'`+')
_ROLE_NAME = re.compile(r'(?<!\\)\{([a-zA-Z0-9_\-+:]+)\}\Z')
_LINK = re.compile(r'!?\[(?:[^\[\]]|\[[^\[\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])')
_AUTOLINK = re.compile(r'<[a-z][a-z0-9+.-]{1,31}:[^\s<>]*>', re.IGNORECASE)
_DEFINITION = re.compile(r'[ \t]*[:~][ \t]')
_TABLE_DELIMITER = re.compile(r'[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$')
_NOT_FIXED_IN_TABLE = _('table cells are not fixed, in Markdown as in reST')


def prose(text: str) -> Prose:
    lines = text.split('\n')
    offsets = line_spans(lines)
    masked_lines, kept_lines = _blocks(lines)
    block_masks = [(offsets[first][0], offsets[last - 1][1]) for first, last in masked_lines]
    kept = [(offsets[first][0], offsets[last - 1][1], why) for first, last, why in kept_lines]
    blocks_masked = mask_spans(text, block_masks)
    spans, roles = _inline(blocks_masked)
    breaks = [match.start() for match in _BEFORE_BLANK.finditer(blocks_masked)]
    return Prose(finish_prose(blocks_masked, spans, breaks), roles, disjoint(kept))


def _blocks(lines: list[str]) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
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
            kept.append((table, index, _NOT_FIXED_IN_TABLE))
            table = None
        if open_fences and _closes_fence(line, open_fences[-1][0]):
            _, content = open_fences.pop()
            if content and content[1] < index:
                kept.append((content[1], index, NOT_FIXED_IN_DIRECTIVE % content[0]))
            masked.append((index, index + 1))
            index += 1
            continue
        if not line.strip():
            after_blank = True
            index += 1
            continue
        if _DEFINITION.match(line):  # a definition: the line before is its term
            term = index - 2 if index > 1 and not lines[index - 1].strip() else index - 1
            if term >= 0 and lines[term].strip():
                kept.append((term, term + 1, NOT_FIXED_IN_TERM))
        elif table is None and index and _table_delimiter(line, lines[index - 1]):
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
                end = _options_end(lines, index + 1)
                name = name.lower()
                open_fences.append((marker, None if name in PROSE_DIRECTIVES else (name, end)))
                masked.append((index, end))
                index = end
            after_blank = True
            continue
        indent = indent_of(line)
        list_item = _LIST_ITEM.match(line) or _FOOTNOTE.match(line)
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
            footnote = list_item.re is _FOOTNOTE
            containers.append(indent + 4 if footnote else len(list_item.group().expandtabs(4)))
        after_code = after_blank = False
        index += 1
    if table is not None:
        kept.append((table, len(lines), _NOT_FIXED_IN_TABLE))
    kept += [
        (content[1], len(lines), NOT_FIXED_IN_DIRECTIVE % content[0])
        for _, content in open_fences
        if content and content[1] < len(lines)
    ]
    return masked, kept


def _closes_fence(line: str, marker: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(marker) and stripped == marker[0] * len(stripped)


def _table_delimiter(line: str, before: str) -> bool:
    """Whether ``line`` is the delimiter row of a pipe table whose header row is ``before``."""
    return '|' in line and '|' in before and bool(_TABLE_DELIMITER.match(line))


def _options_end(lines: list[str], index: int) -> int:
    """The line after a directive's ``:option:`` lines or ``---`` block."""
    if index < len(lines) and lines[index].strip() == '---':
        end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() == '---'), index)
        return end + 1
    while index < len(lines) and _OPTION.match(lines[index]):
        index += 1
    return index


def _inline(text: str) -> tuple[list[tuple[int, int]], list[Role]]:
    """Spans of code, roles, links and HTML comments; and the citation roles."""
    masked: list[tuple[int, int]] = []
    roles: list[Role] = []
    paragraph_end = -1
    pos = 0
    while trigger := _TRIGGER.search(text, pos):
        start = trigger.start()
        pos = start + 1
        if start and text[start - 1] == '!' and text[start] == '[':
            start -= 1  # an image
        if escaped(text, start):
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
            end = _code_end(text, start, after, paragraph_end, roles)
            pos = after
        else:
            pattern = _AUTOLINK if text[start] == '<' else _LINK
            link = pattern.match(text, start, paragraph_end)
            end = link.end() if link else None
        if end is not None:
            masked.append((start, end))
            pos = end
    return masked, roles


def _code_end(
    text: str, start: int, after: int, paragraph_end: int, roles: list[Role]
) -> int | None:
    """End of the role or code span opened by the backticks at ``start``; notes roles."""
    ticks = after - start
    role = _ROLE_NAME.search(text, max(0, start - 40), start)
    if role:
        # as MyST reads a role: the first run of as many backticks, one character on
        close = text.find('`' * ticks, after + 1, paragraph_end)
        if close >= 0:
            name = role.group(1).lower()
            if name in ROLE_KINDS:
                roles.append(Role(role.start(), close + ticks, name, after, close))
            return close + ticks
    closing = re.compile('(?<!`)' + '`' * ticks + '(?!`)').search(text, after, paragraph_end)
    return closing.end() if closing else None
