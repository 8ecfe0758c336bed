"""A placed letter written as a reST page: the ``kamerbrief`` directive with its options,
the body with headings, lists, tables, emphasis, links and footnotes, what could not be
placed as comments, and a commented-out ``toezegging`` after each sentence that commits."""

from __future__ import annotations

import datetime
import re
import textwrap
from typing import TYPE_CHECKING

from sphinx_kamerstuk.core.commitments import find_commitments
from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.importers.brief.document import Block, Run, plain
from sphinx_kamerstuk.lint.markup import may_follow, may_precede

if TYPE_CHECKING:
    from sphinx_kamerstuk.importers.brief.letter import Placed

WIDTH = 88
_ADORNMENTS = '=-~^"'
#: The order the options are written in, as the docs list them.
_OPTION_ORDER = (
    'aan', 'datum', 'ministerie', 'directie', 'retouradres', 'contactpersoon',
    'kenmerk', 'uw-kenmerk', 'bijlagen', 'kamerstuk', 'ondertekenaar', 'mede-namens',
)  # fmt: skip
#: What would start a block other than a paragraph at the start of a line.
_BLOCK_START = re.compile(
    r'(?:[-*+\u2022\u2023\u2043](?:\s|$)|#\.|\(?(?:\d+|[a-zA-Z]|[ivxlcdm]+)[.)](?:\s|$)|'
    r'\.\.(?:\s|$)|\||:[^:\s][^:]*:(?:\s|$)|>>>|--?\w|([!-/:-@\[-`{-~])\1+\s*$)'
)
_OFFICIAL = re.compile(r'https?://(?:zoek\.|www\.)?officielebekendmakingen\.nl/')
_SPECIAL = re.compile(r'[\\*`|]|_(?=\W|$)|(?<![\w])_')


class Page:
    """The page's text and the notes for the console: what was kept as a comment."""

    def __init__(self, placed: Placed, *, title: str, key: str) -> None:
        self.placed = placed
        self.key = key
        self.reported: list[str] = []
        self.commitments = 0
        self._notes_used: list[str] = []
        self._note_bodies: dict[str, list[Run]] = {}
        self._title = placed.betreft or title
        if not placed.betreft:
            placed.betreft = title
            placed.unplaced.append(
                ('', _('no Betreft found: the file name is the subject now; correct it'))
            )
        datum = placed.options.get('datum', [''])[0]
        self._made_on = datetime.date.fromisoformat(datum) if datum else None

    def write(self, notes: dict[str, list[Run]], left_out: list[str]) -> str:
        self._note_bodies = notes
        self.reported += [
            ': '.join(filter(None, (why, text))) for text, why in self.placed.unplaced
        ]
        self.reported += [_('left out: %s') % what for what in left_out]
        parts = [_title(self._title, '='), self._directive()]
        if self.placed.unplaced:
            parts.append(
                _comment(
                    _('Not placed (letterhead):'),
                    [text or why for text, why in self.placed.unplaced],
                )
            )
        parts += self._blocks(self.placed.body)
        if self.placed.after_signature:
            parts.append('.. ondertekening::')
            parts += self._blocks(self.placed.after_signature)
        parts += self._footnotes()
        return '\n\n'.join(part for part in parts if part) + '\n'

    # -- the directive
    def _directive(self) -> str:
        lines = ['.. kamerbrief:: ' + ' '.join(self.placed.betreft.split())]
        for option in _OPTION_ORDER:
            values = self.placed.options.get(option)
            if not values:
                continue
            value_lines = [line for value in values for line in value.split('\n')]
            lines.append(f'   :{option}: {value_lines[0]}')
            lines += ['      ' + line for line in value_lines[1:]]
        return '\n'.join(lines).replace(':: \n', '::\n')

    # -- the body
    def _blocks(self, blocks: list[Block]) -> list[str]:
        parts: list[str] = []
        for block in blocks:
            if block.kind == 'heading':
                # inline markup too: a footnote mark in a heading stays in place
                parts.append(
                    _title(self._inline(block.runs), _ADORNMENTS[min(block.level, 4)], escape=False)
                )
            elif block.kind == 'item':
                marker = '#. ' if block.ordered else '- '
                indent = ' ' * (len(marker) * (max(block.level, 1) - 1))
                text = _safe(self._inline(block.runs))
                parts.append(
                    textwrap.fill(
                        text,
                        WIDTH,
                        initial_indent=indent + marker,
                        subsequent_indent=indent + ' ' * len(marker),
                        break_long_words=False,
                        break_on_hyphens=False,
                    )
                )
            elif block.kind == 'table':
                parts.append(self._table(block))
            else:
                parts.append(_paragraph(self._inline(block.runs)))
                parts += self._skeletons(plain(block.runs))
        return parts

    def _table(self, block: Block) -> str:
        columns = max(len(row) for row in block.rows)
        lines = ['.. list-table::', '']
        for row in block.rows:
            cells = row + [[]] * (columns - len(row))
            for number, cell in enumerate(cells):
                text = _safe(self._inline(cell))
                marker = '   * - ' if number == 0 else '     - '
                lines.append((marker + text).rstrip())
        return '\n'.join(lines)

    def _inline(self, runs: list[Run]) -> str:
        out = ''
        for index, run in enumerate(runs):
            after = runs[index + 1].text[:1] if index + 1 < len(runs) else ''
            if run.kind == 'note':
                out += self._mark(run.target, out, after)
            elif run.kind in ('em', 'strong') and run.text.strip():
                out += _marked(run.text, '*' if run.kind == 'em' else '**', out, after)
            elif run.kind == 'link' and run.text.strip():
                out += _link(run.text, run.target, out, after)
            else:
                out += _escaped(run.text)
        return ' '.join(out.split())

    def _mark(self, key: str, before: str, after: str) -> str:
        if key not in self._note_bodies:
            self.reported.append(_('a footnote mark without a footnote: %s') % key)
            return _escaped(f'[{key}]')
        if key not in self._notes_used:
            self._notes_used.append(key)
        mark = f'[#{_label(key)}]_'
        return _guarded(mark, before, after)

    def _footnotes(self) -> list[str]:
        parts = []
        for key in self._notes_used:
            text = self._inline(self._note_bodies[key])
            parts.append(
                textwrap.fill(
                    text,
                    WIDTH,
                    initial_indent=f'.. [#{_label(key)}] ',
                    subsequent_indent='   ',
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
        unused = [key for key in self._note_bodies if key not in self._notes_used]
        for key in unused:
            self.reported.append(_('a footnote without a mark, kept as a comment: %s') % key)
            parts.append(
                _comment(_('Footnote %s, without a mark:') % key, [plain(self._note_bodies[key])])
            )
        return parts

    def _skeletons(self, text: str) -> list[str]:
        """A commented-out ``toezegging`` for each sentence that commits the sender."""
        skeletons = []
        for found in find_commitments(text, made_on=self._made_on):
            self.commitments += 1
            lines = [
                _('Toezegging found by sphinx-kamerstuk; check it, then remove the two dots'),
                '',
                '.. toezegging:: ' + ' '.join(found.sentence.split()),
                f'   :id: {self.key}-{self.commitments}',
            ]
            if self._made_on:
                lines.append(f'   :datum: {self._made_on.isoformat()}')
            if found.termijn:
                lines.append(f'   :termijn: {found.termijn}')
            skeletons.append(_comment('', lines))
        return skeletons


def _title(text: str, char: str, *, escape: bool = True) -> str:
    text = ' '.join(text.split())
    escaped = _escaped(text) if escape else text
    if _BLOCK_START.match(escaped):
        escaped = '\\' + escaped
    return f'{escaped}\n{char * max(len(escaped), 3)}'


def _safe(text: str) -> str:
    """Text that stays one paragraph wherever it stands: in the body, a list item or a
    table cell, nothing at its start opens a block and no ``::`` at its end a literal."""
    if _BLOCK_START.match(text):
        text = '\\' + text
    if text.endswith('::'):
        text = text[:-1] + '\\:'
    return text


def _paragraph(text: str) -> str:
    text = _safe(text)
    # an escaped space binds the markup to its word: no line break there
    wrapped = textwrap.wrap(
        text.replace('\\ ', '\\\0'), WIDTH, break_long_words=False, break_on_hyphens=False
    )
    lines: list[str] = []
    for line in wrapped:  # a line that would start a block is joined back
        if lines and _BLOCK_START.match(line):
            lines[-1] += ' ' + line
        else:
            lines.append(line)
    return '\n'.join(lines).replace('\0', ' ')


def _comment(head: str, lines: list[str]) -> str:
    """A comment holding the lines; every line of them indented, so that no text of the
    letter can leave the comment and be read as markup."""
    body = [head] if head else []
    body += [part for line in lines for part in line.split('\n')]
    return '..\n' + '\n'.join(('   ' + line).rstrip() for line in body)


def _escaped(text: str) -> str:
    return _SPECIAL.sub(lambda match: '\\' + match[0], text)


def _guarded(markup: str, before: str, after: str) -> str:
    """Inline markup with an escaped space on a side where docutils would not see it."""
    if before and not may_precede(before[-1]):
        markup = '\\ ' + markup
    if after and not may_follow(after[0]):
        markup += '\\ '
    return markup


def _marked(text: str, delimiter: str, before: str, after: str) -> str:
    inner = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    markup = _guarded(delimiter + _escaped(inner) + delimiter, before + lead, trail + after)
    return lead + markup + trail


def _link(text: str, target: str, before: str, after: str) -> str:
    if (
        text.strip() == target
        or not re.match(r'(?:https?|mailto):', target)
        or _OFFICIAL.match(target)
    ):
        # an address of the text itself, or a citation link, which becomes a role again
        return _escaped(text)
    label = re.sub(r'([\\`<])', r'\\\1', ' '.join(text.split()))
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead + _guarded(f'`{label} <{target}>`__', before + lead, trail + after) + trail


def _label(key: str) -> str:
    return 'voetnoot-' + re.sub(r'[^0-9a-z]', '', key.lower())
