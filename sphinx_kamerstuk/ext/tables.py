"""The one docutils table: a caption, a header row and body rows of cells, with classes
and column widths. (The toezeggingen table in HTML is written in one go instead, in the
markup Sphinx's writer gives this table: ``toezeggingen/table.py``.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

#: A cell: text (a paragraph of it), a node, or several nodes.
Cell = str | nodes.Node | list[nodes.Node]


def unique_id(document: nodes.document, prefix: str, node: nodes.Element) -> str:
    """``prefix``, or ``prefix-2`` and on: an id no node of ``document`` has, now
    ``node``'s (kept in ``document.ids``, so the next table gets another).

    Not ``document.set_id``: these tables are made when a page is written, and in the
    LaTeX builder's one document of all pages its counter starts again, so ``id1`` could
    be the id of a table already in the page (LaTeX: "Label multiply defined")."""
    taken = set(document.ids)
    taken.update(id_ for node in document.findall(nodes.Element) for id_ in node['ids'])
    candidate, number = prefix, 1
    while candidate in taken:
        number += 1
        candidate = f'{prefix}-{number}'
    document.ids[candidate] = node
    return candidate


def table(
    document: nodes.document,
    caption: str,
    header: Sequence[Cell],
    rows: Iterable[Sequence[Cell]],
    *,
    widths: Sequence[int],
    classes: Sequence[str] = (),
) -> nodes.table:
    """A captioned table with an id (LaTeX labels a captioned table by it) named after its
    first class, one column per width; ``rows`` is read after the id is given, one row at
    a time."""
    node = nodes.table(classes=list(classes))
    node += nodes.title(caption, caption)
    node['ids'].append(unique_id(document, classes[0] if classes else 'kamerstuk-tabel', node))
    group = nodes.tgroup(cols=len(widths))
    node += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += table_row(header)
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += table_row(cells)
    group += body
    return node


def table_row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        if isinstance(cell, nodes.Node):
            entry += cell
        elif isinstance(cell, list):
            entry.extend(cell)
        else:
            entry += nodes.paragraph(text=cell)
        row += entry
    return row
