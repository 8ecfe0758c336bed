"""The plain-text export of a Word letter, as Apache Tika and POI write it: a line a
paragraph, ``[bookmark: _Hlk…]`` marks, ``[footnoteRef:1]`` footnote marks and the
``[1: …]`` footnote bodies beside them, table cells split by tabs."""

from __future__ import annotations

import re

from sphinx_kamerstuk.importers.brief.document import Block, Read, Run

_BOOKMARK = re.compile(r'\[bookmark: [^\]\n]*\]')
_MARK = re.compile(r'\[(?:footnote|endnote)Ref:\s*(\d+)\]')
_NOTE_START = re.compile(r'\[(\d+):')
#: A list item as the export writes it: a bullet or a number, then a space or a tab.
_ITEM = re.compile(
    r'(?P<bullet>[\u2022\u00b7\u25aa\u25cf\u2013\u2014o*-])[ \t]+|(?P<number>\d{1,2}|[a-z])[.)][ \t]+'
)
#: A heading line: short, no closing punctuation, starting with a capital or a number.
_HEADING = re.compile(r'[A-Z0-9\u00c0-\u00de][^\t]{0,69}(?<![.,:;?!])')


def read_text(text: str) -> Read:
    """The blocks and footnotes of an exported letter."""
    text = _BOOKMARK.sub('', text.replace('\r\n', '\n').replace('\r', '\n'))
    text, notes = _take_notes(text)
    blocks: list[Block] = []
    for line in text.split('\n'):
        stripped = line.strip()
        if not stripped:
            continue
        if '\t' in stripped:
            cells = [_runs(cell.strip()) for cell in stripped.split('\t')]
            if blocks and blocks[-1].kind == 'table':
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block('table', rows=[cells]))
            continue
        item = _ITEM.match(stripped)
        if item:
            body = stripped[item.end() :]
            blocks.append(Block('item', _runs(body), level=1, ordered=bool(item['number'])))
        else:
            blocks.append(Block('paragraph', _runs(stripped)))
    _mark_headings(blocks)
    return Read(blocks, notes)


def _take_notes(text: str) -> tuple[str, dict[str, list[Run]]]:
    """The text without its ``[N: …]`` footnote bodies, and the bodies by number; a body
    may hold brackets of its own, so the closing one is found by counting."""
    notes: dict[str, list[Run]] = {}
    parts: list[str] = []
    pos = 0
    for start in _NOTE_START.finditer(text):
        if start.start() < pos:
            continue
        depth, end = 1, start.end()
        while end < len(text) and depth:
            depth += {'[': 1, ']': -1}.get(text[end], 0)
            end += 1
        if depth:  # no closing bracket: not a footnote body, keep it as text
            continue
        parts.append(text[pos : start.start()])
        notes[start[1]] = _runs(' '.join(text[start.end() : end - 1].split()))
        pos = end
    parts.append(text[pos:])
    return ''.join(parts), notes


def _runs(text: str) -> list[Run]:
    runs: list[Run] = []
    pos = 0
    for mark in _MARK.finditer(text):
        if mark.start() > pos:
            runs.append(Run(text[pos : mark.start()]))
        runs.append(Run('', 'note', mark[1]))
        pos = mark.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs


def _mark_headings(blocks: list[Block]) -> None:
    """A short line without closing punctuation before a longer paragraph is a heading:
    the export keeps no styles, so this is what is left of one."""
    for index, block in enumerate(blocks[:-1]):
        after = blocks[index + 1]
        if (
            block.kind == 'paragraph'
            and _HEADING.fullmatch(block.text.strip())
            and after.kind in ('paragraph', 'item')
            and len(after.text) > len(block.text)
            and after.text.rstrip()[-1:] in '.:;?!'
            and (index == 0 or blocks[index - 1].kind != 'heading')
        ):
            block.kind, block.level = 'heading', 1
