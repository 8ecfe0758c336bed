"""A ``.docx`` letter, read with mammoth.

mammoth is made for this: it turns a Word document into clean HTML by its styles
(headings, lists, tables, emphasis), brings the footnotes and endnotes along with their
marks in place, and leaves out what only lays a page out. Word bookmarks come out as
empty anchors and fields as their results; both are dropped or kept as text here.
This module reads that small HTML back into blocks.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from xml.parsers.expat import ExpatError

from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.importers.brief.document import Block, Read, Run, RunKind

#: Word's own heading styles in a Dutch Word are "Kop 1" and so on.
_STYLE_MAP = '\n'.join(
    f"p[style-name='{name} {level}'] => h{level}:fresh"
    for name in ('Kop', 'Heading')
    for level in range(1, 7)
)
#: Parts larger than this, unpacked, are refused: a real letter is well under a megabyte.
MAX_UNPACKED = 256 * 1024 * 1024
_DTD = re.compile(rb'<!(?:doctype|entity)', re.IGNORECASE)
_NOTE_HREF = re.compile(r'#(footnote|endnote)-(\d+)\Z')
_NOTE_ID = re.compile(r'(footnote|endnote)-(\d+)\Z')


class NotAWordLetter(ValueError):
    """A file that is not a Word document the importer can read; the message says why."""


def read_docx(data: bytes) -> Read:
    """The blocks and notes of a ``.docx``; :class:`NotAWordLetter` if it is none."""
    _check_package(data)
    import mammoth  # the word extra: only this command needs it

    try:
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP)
    except (KeyError, ValueError, UnicodeError, ExpatError, zipfile.BadZipFile) as exc:
        raise NotAWordLetter(_('not a Word document that can be read (%s)') % exc) from exc
    parser = _Blocks()
    parser.feed(result.value)
    parser.close()
    return Read(parser.blocks, parser.notes, parser.left_out)


def _check_package(data: bytes) -> None:
    """Refuse what mammoth should not read: no zip, no document part, parts that unpack
    to far more than a letter, or XML that declares entities."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise NotAWordLetter(_('not a Word document: it is no .docx package')) from exc
    with package:
        names = package.namelist()
        if 'word/document.xml' not in names:
            raise NotAWordLetter(_('not a Word document: the package has no word/document.xml'))
        if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED:
            raise NotAWordLetter(_('refused: its parts unpack to more than 256 MB'))
        for name in names:
            if name.endswith(('.xml', '.rels')) and _DTD.search(package.read(name)):
                raise NotAWordLetter(
                    _('refused: %s declares a DTD, which Word never writes') % name
                )


class _Blocks(HTMLParser):
    """mammoth's HTML to blocks: ``p``, ``h1``-``h6``, ``li`` in ``ul``/``ol``, tables, and
    the notes, which mammoth writes as the ``li id="footnote-N"`` of a closing list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.notes: dict[str, list[Run]] = {}
        self.left_out: list[str] = []
        self._lists: list[bool] = []  # ordered, per open list
        self._marks: list[str] = []  # the inline tags open: em, strong, a, skip
        self._runs: list[Run] | None = None  # the runs being read
        self._kind: str = 'paragraph'
        self._level = 0
        self._note: str | None = None  # the note being read
        self._rows: list[list[list[Run]]] | None = None
        self._link = ''

    # -- blocks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ('ul', 'ol'):
            self._close_text()
            self._lists.append(tag == 'ol')
        elif tag == 'li':
            self._close_text()
            note = _NOTE_ID.match(attributes.get('id') or '')
            if note:
                self._note = note[2] if note[1] == 'footnote' else 'e' + note[2]
                self.notes[self._note] = []
                self._open('note', 0)
            else:
                self._open('item', len(self._lists))
        elif tag == 'p' or re.fullmatch('h[1-6]', tag):
            if self._note is not None:  # a second paragraph of a note: a space between
                if self._runs:
                    self._runs.append(Run(' '))
            elif self._kind == 'item' and self._runs is not None:
                self._runs.append(Run(' '))
            elif self._rows is None or self._runs is None:
                self._close_text()
                self._open('heading' if tag[0] == 'h' else 'paragraph', int(tag[1:] or 0))
            elif self._runs:
                self._runs.append(Run(' '))
        elif tag == 'table':
            self._close_text()
            self._rows = []
        elif tag == 'tr' and self._rows is not None:
            self._rows.append([])
        elif tag in ('td', 'th') and self._rows is not None:
            self._runs = []
            self._kind = 'cell'
        elif tag == 'a':
            self._start_link(attributes)
        elif tag in ('em', 'i', 'strong', 'b'):
            self._marks.append('em' if tag in ('em', 'i') else 'strong')
        elif tag == 'br':
            self._text('\n')
        elif tag == 'img':
            self.left_out.append(
                _('an image (%s)') % (attributes.get('alt') or _('no description'))
            )

    def handle_endtag(self, tag: str) -> None:
        if tag in ('ul', 'ol'):
            self._close_text()
            if self._lists:
                self._lists.pop()
        elif tag == 'li':
            self._close_text()
        elif tag in ('p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'):
            if self._kind in ('paragraph', 'heading'):
                self._close_text()
        elif tag in ('td', 'th') and self._rows is not None and self._rows:
            self._rows[-1].append(_trimmed(self._runs or []))
            self._runs, self._kind = None, 'paragraph'
        elif tag == 'table' and self._rows is not None:
            self.blocks.append(Block('table', rows=[row for row in self._rows if row]))
            self._rows = None
        elif tag in ('a', 'em', 'i', 'strong', 'b') and self._marks:
            self._marks.pop()

    def handle_data(self, data: str) -> None:
        self._text(data)

    # -- helpers
    def _open(self, kind: str, level: int) -> None:
        self._runs, self._kind, self._level = [], kind, level

    def _close_text(self) -> None:
        runs, kind = self._runs, self._kind
        self._runs, self._kind = None, 'paragraph'
        if runs is None or kind == 'cell':
            return
        runs = _trimmed(runs)
        if kind == 'note':
            assert self._note is not None
            self.notes[self._note] = runs
            self._note = None
        elif runs:
            ordered = bool(self._lists and self._lists[-1])
            block_kind = 'item' if kind == 'item' else kind
            self.blocks.append(Block(block_kind, runs, level=self._level, ordered=ordered))  # type: ignore[arg-type]

    def _start_link(self, attributes: dict[str, str | None]) -> None:
        href = attributes.get('href') or ''
        note = _NOTE_HREF.match(href)
        if note:
            key = note[2] if note[1] == 'footnote' else 'e' + note[2]
            self._add(Run('', 'note', key))
            self._marks.append('skip')  # the "[1]" mammoth writes for the mark
        elif href.startswith('#'):  # the note's way back to its mark, or a bookmark link
            self._marks.append('skip' if self._note is not None else 'text')
        elif href:
            self._marks.append('link')
            self._link = href
        else:  # a bookmark: an anchor with an id only
            self._marks.append('text')

    def _text(self, data: str) -> None:
        mark = next((m for m in reversed(self._marks) if m != 'text'), 'text')
        if mark == 'skip' or self._runs is None:
            if mark != 'skip' and data.strip():
                self._open('paragraph', 0)  # text outside a paragraph: keep it
            else:
                return
        kind: RunKind = mark  # type: ignore[assignment]
        self._add(Run(data, kind, self._link if kind == 'link' else ''))

    def _add(self, run: Run) -> None:
        if self._runs is None:
            self._open('paragraph', 0)
        assert self._runs is not None
        last = self._runs[-1] if self._runs else None
        if last and last.kind == run.kind == 'text':
            self._runs[-1] = Run(last.text + run.text)
        else:
            self._runs.append(run)


def _trimmed(runs: list[Run]) -> list[Run]:
    """The runs without the spaces at either end (mammoth keeps a note's leading space)."""
    runs = [run for run in runs if run.text or run.kind == 'note']
    if runs and runs[0].kind != 'note':
        runs[0] = Run(runs[0].text.lstrip(), runs[0].kind, runs[0].target)
    if runs and runs[-1].kind != 'note':
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].kind, runs[-1].target)
    return [run for run in runs if run.text or run.kind == 'note']
