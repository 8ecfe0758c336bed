"""The traceability table and its chart, written as HTML in one go (thousands of rows),
and its cells as docutils nodes for every other output (the table: ``ext/tables.py``)."""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.texescape import escape as latex_escape

from sphinx_kamerstuk.core.status import STATUSES, Trace
from sphinx_kamerstuk.ext.i18n import _
from sphinx_kamerstuk.ext.toezeggingen.traces import status_label

if TYPE_CHECKING:
    from collections.abc import Iterable


def cells_html(cells: list[list[list[Piece]]], sort_keys: list[str | None]) -> str:
    """One table row's cells as HTML, every text escaped; a cell whose shown text does
    not sort right (a spelled date, a status) carries what the browser sorts it by."""
    return ''.join(
        ('<td>' if key is None else f'<td data-sort="{escape(key)}">')
        + ''.join(f'<p>{"".join(_piece_html(piece) for piece in line)}</p>\n' for line in cell)
        + '</td>\n'
        for cell, key in zip(cells, sort_keys, strict=True)
    )


def summary(traces: Iterable[Trace], soon: int | None = None, days: int = 0) -> str:
    """'12 of 20 fulfilled (60 %), 3 overdue, 5 open, 2 due within 30 days' in the
    document language; ``soon`` is how many are due within ``days``."""
    traces = list(traces)
    counts = dict.fromkeys(STATUSES, 0)
    for t in traces:
        counts[t.status] += 1
    done = counts['voldaan'] + counts['te-laat-voldaan']
    percent = round(100 * done / len(traces)) if traces else 0
    text = _('%(done)d of %(total)d fulfilled (%(percent)d %%)') % {
        'done': done,
        'total': len(traces),
        'percent': percent,
    }
    rest = [f'{counts[s]} {status_label(s)}' for s in STATUSES[1:] if counts[s]]
    if soon:
        rest.append(due_label(soon, days))
    return ', '.join([text, *rest])


def due_label(count: int, days: int) -> str:
    return _('%(count)d due within %(days)d days') % {'count': count, 'days': days}


Piece = tuple[str, str | None, str]


def piece_to_node(piece: Piece) -> nodes.Node:
    text, href, kind = piece
    if kind.startswith('status-'):
        return nodes.inline(text, text, classes=['kamerstuk-status', f'kamerstuk-{kind}'])
    if href is None:
        return nodes.Text(text)
    return nodes.reference(text, text, refuri=href, internal=kind == 'internal')


def pieces_to_paragraph(pieces: list[Piece], **attributes: Any) -> nodes.paragraph:
    para = nodes.paragraph(**attributes)
    para.extend(piece_to_node(piece) for piece in pieces)
    return para


#: A toezegging's text longer than this is shown shortened, the whole a click away.
LONG_TEXT = 240


def _piece_html(piece: Piece) -> str:
    text, href, kind = piece
    shown = escape(text, quote=False)
    if kind == 'tekst' and len(text) > LONG_TEXT:
        # no script: the browser's own disclosure, opened by click, Enter or Space
        cut = text[:LONG_TEXT].rsplit(' ', 1)[0]
        rest = escape(text[len(cut) :], quote=False)
        return (
            f'<details class="kamerstuk-lang"><summary>{escape(cut, quote=False)}'
            f'<span class="kamerstuk-meer">…</span></summary>{rest}</details>'
        )
    if kind.startswith('status-'):
        return f'<span class="kamerstuk-status kamerstuk-{kind}">{shown}</span>'
    if href is None:
        return shown
    css = 'reference internal' if kind == 'internal' else 'reference external'
    return f'<a class="{css}" href="{escape(href)}">{shown}</a>'


def script_labels() -> str:
    """What ``kamerstuk-tabel.js`` shows, in the document language, as JSON."""
    labels = {
        'search': str(_('Search the table')),
        'all': str(_('all')),
        'shown': str(_('%(shown)d of %(total)d shown')),
    }
    return json.dumps(labels, ensure_ascii=False, sort_keys=True)


#: The table element's classes, as docutils' HTML writer gives a table; the page that
#: holds one gets the script (``ext/setup.py``).
TABLE_CLASSES = 'docutils align-default kamerstuk-toezeggingen'


def html_table(
    table_id: str,
    caption: str,
    headers: list[str],
    rows: list[str],
    columns: tuple[str, ...] = (),
) -> str:
    """The table as docutils' HTML writer would write it, every text escaped, in a
    region that scrolls sideways (and takes focus, so keyboards can scroll it) when the
    theme's column is narrower than its columns. The headers name their column
    (``data-kolom``) and the table carries the labels, for the script that sorts and
    filters it; without the script it is the same complete table."""
    names = columns or ('',) * len(headers)
    out = [
        (
            f'<div class="kamerstuk-scroll" role="region" tabindex="0" '
            f'aria-label="{escape(caption)}">\n'
        ),
        (
            f'<table class="{TABLE_CLASSES}" id="{escape(table_id)}"'
            f' data-kamerstuk-labels="{escape(script_labels())}">\n'
        ),
        f'<caption><span class="caption-text">{escape(caption)}</span></caption>\n',
        '<thead>\n<tr class="row-odd">',
        *(
            f'<th class="head" data-kolom="{escape(name)}"><p>{escape(h)}</p></th>\n'
            for name, h in zip(names, headers, strict=True)
        ),
        '</tr>\n</thead>\n<tbody>\n',
    ]
    for index, cells in enumerate(rows):
        out.append(f'<tr class="row-{"even" if index % 2 == 0 else "odd"}">{cells}</tr>\n')
    out.append('</tbody>\n</table>\n</div>\n')
    return ''.join(out)


#: Fill patterns per status, so the chart reads without colour.
_PATTERNS: dict[str, str] = {
    'voldaan': '',
    'te-laat-voldaan': 'M0,4 l4,-4',
    'deels-voldaan': 'M0,2 h4',
    'openstaand': 'M2,0 v4',
    'verlopen': 'M0,0 l4,4 M0,4 l4,-4',
    'vervallen': 'M1,1 h1 v1 h-1 z',
}


def status_chart(traces: list[Trace], table_id: str) -> str:
    """A stacked bar of the statuses as inline SVG, patterned, no script, and its legend
    as an HTML list (text at the page's size however narrow the bar is drawn, at least
    12 px); the patterns named after the table, as ids are unique on a page with several
    tables."""
    counts = [(s, sum(1 for t in traces if t.status == s)) for s in STATUSES]
    counts = [(s, n) for s, n in counts if n]
    total = sum(n for _s, n in counts)
    width, bar = 600, 24
    pattern = f'kamerstuk-patroon-{table_id}'
    label = escape(summary(traces), quote=True)
    parts = [
        '<div class="kamerstuk-grafiek-blok">',
        (
            f'<svg class="kamerstuk-grafiek" role="img" viewBox="0 0 {width} {bar}"'
            f' xmlns="http://www.w3.org/2000/svg" aria-label="{label}">'
        ),
        f'<title>{label}</title><defs>',
    ]
    for status, _n in counts:
        path = _PATTERNS[status]
        parts.append(
            f'<pattern id="{pattern}-{status}" width="4" height="4" '
            f'patternUnits="userSpaceOnUse"><rect width="4" height="4" '
            f'class="kamerstuk-vlak-{status}"/>'
            + (f'<path d="{path}" class="kamerstuk-arcering"/>' if path else '')
            + '</pattern>'
        )
    parts.append('</defs>')
    x = 0.0
    for status, n in counts:
        w = width * n / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{bar}" '
            f'fill="url(#{pattern}-{status})" class="kamerstuk-rand"/>'
        )
        x += w
    parts.append('</svg><ul class="kamerstuk-legenda" aria-hidden="true">')
    for status, n in counts:
        parts.append(
            '<li><svg width="14" height="14" viewBox="0 0 14 14" focusable="false">'
            f'<rect x="0.5" y="0.5" width="13" height="13" fill="url(#{pattern}-{status})"'
            f' class="kamerstuk-rand"/></svg> {escape(status_label(status))}: {n}</li>'
        )
    parts.append('</ul></div>')
    return ''.join(parts)


#: How many of the longest ids LaTeX measures for the width of the Nummer column.
_MEASURED_IDS = 8


def paper_table(
    table: nodes.table,
    headers: list[str],
    columns: tuple[str, ...],
    widths: tuple[int, ...],
    ids: list[str],
) -> list[nodes.Node]:
    """The table for LaTeX: on landscape pages, its Nummer column as wide as the widest
    of ``ids`` and its header (measured by LaTeX, so no id is broken), the other columns
    sharing the rest of the line by ``widths``: environment ``kamerstuktabel`` of
    ``sphinxkamerstuk.sty``."""
    number = columns.index('nummer') if 'nummer' in columns else None
    measured = ''
    if number is not None:
        widest = sorted(set(ids), key=lambda i: (-len(i), i))[:_MEASURED_IDS]
        lines = [r'\sphinxstyletheadfamily ' + latex_escape(headers[number])]
        # as a link inside the project (\sphinxcrossref) and to a register (upright)
        lines += [rf'\sphinxcrossref{{{latex_escape(i)}}}\\{latex_escape(i)}' for i in widest]
        measured = r'\\'.join(lines)
    shared = sum(w for index, w in enumerate(widths) if index != number)
    spec = ''.join(
        r'p{\kamerstuknummerbreedte}'
        if index == number
        else rf'\kamerstukkolom{{{w}}}{{{shared}}}{{{2 * len(widths)}}}'
        for index, w in enumerate(widths)
    )
    return [
        nodes.raw('', f'\\begin{{kamerstuktabel}}{{{measured}}}\n', format='latex'),
        addnodes.tabular_col_spec(spec=spec),
        table,
        nodes.raw('', '\\end{kamerstuktabel}\n', format='latex'),
    ]
