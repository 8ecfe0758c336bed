"""What a letter reader hands on: blocks of runs, the same for a ``.docx`` and its text
export, so that finding the metadata and writing the page are done once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: How a run is marked: plain, emphasis, strong, a footnote mark (``target`` is its key),
#: a link (``target`` is the address).
RunKind = Literal['text', 'em', 'strong', 'note', 'link']


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    kind: RunKind = 'text'
    target: str = ''


@dataclass(slots=True)
class Block:
    """A paragraph, a heading (``level`` 1 and up), a list item (``level`` its depth,
    ``ordered``), or a table (``rows`` of cells of runs)."""

    kind: Literal['paragraph', 'heading', 'item', 'table']
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    ordered: bool = False
    rows: list[list[list[Run]]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text as read, marks left out; a table's cells joined by tabs."""
        if self.kind == 'table':
            return '\n'.join('\t'.join(plain(cell) for cell in row) for row in self.rows)
        return plain(self.runs)


@dataclass(slots=True)
class Read:
    """A letter as read: its blocks in order, the footnotes by key, and what the reader
    met that has no place in a page (an image, a text box), to be reported."""

    blocks: list[Block]
    notes: dict[str, list[Run]]
    left_out: list[str] = field(default_factory=list)


def plain(runs: list[Run]) -> str:
    return ''.join(run.text for run in runs if run.kind != 'note')
