"""Filling the views (the table, the box on a toezegging, the box on a letter, the
``:toezegging:`` role) from the trace of the build, when a page is written."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util import logging

from sphinx_kamerstuk.core.records import Toezegging
from sphinx_kamerstuk.core.status import STATUSES, Trace, due_within
from sphinx_kamerstuk.ext import tables
from sphinx_kamerstuk.ext.citations.display import shown
from sphinx_kamerstuk.ext.domain import at_anchor, get_domain
from sphinx_kamerstuk.ext.i18n import _, spelled_date
from sphinx_kamerstuk.ext.labels import labelled_container
from sphinx_kamerstuk.ext.needs import (
    filter_toezeggingen,
)
from sphinx_kamerstuk.ext.toezeggingen.placeholders import (
    letter_toezeggingen,
    toezegging_badge,
    toezegging_box,
    toezeggingen_table,
)
from sphinx_kamerstuk.ext.toezeggingen.table import (
    Piece,
    cells_html,
    html_table,
    paper_table,
    piece_to_node,
    pieces_to_paragraph,
    status_chart,
    summary,
)
from sphinx_kamerstuk.ext.toezeggingen.traces import (
    current_traces,
    peildatum,
    status_label,
    trace_at,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from sphinx_kamerstuk.core.records import Letter
    from sphinx_kamerstuk.core.status import Fulfilment, Status

logger = logging.getLogger(__name__)


ALL = '*'


# --- filling the views -----------------------------------------------------------------


class ViewWriter:
    """What the views of one page need: links from this page, dates, badges."""

    def __init__(self, app: Sphinx, fromdocname: str, doctree: nodes.document) -> None:
        self.app = app
        self.doctree = doctree
        self.fromdocname = fromdocname
        self.traces = current_traces(app.env)
        self.labels = {status: status_label(status) for status in STATUSES}
        self.in_part, self.in_preparation = _('in part'), _('in preparation')
        self.per_register, self.by_register = _('per the register: %s'), _('per the register')
        self.motie, self.toezegging = _('Motie'), _('Toezegging')
        self.uris: dict[str, str | None] = {}

    def date(self, iso: str | None) -> str:
        return spelled_date(iso, self.app.config.language) if iso else ''

    def uri(self, docname: str) -> str | None:
        """The page's address from this page; ``None`` where it is not in the output."""
        if docname not in self.uris:
            try:
                self.uris[docname] = self.app.builder.get_relative_uri(self.fromdocname, docname)
            except NoUri:
                self.uris[docname] = None
        return self.uris[docname]

    def summary(self, traces: list[Trace]) -> str:
        days = self.app.config.kamerstuk_binnenkort_dagen
        soon = due_within(traces, peildatum(self.app.config), days)
        return summary(traces, len(soon), days)

    def badge(self, status: Status) -> nodes.inline:
        label = self.labels[status]
        return nodes.inline(
            label, label, classes=['kamerstuk-status', f'kamerstuk-status-{status}']
        )

    def toezegging_link(self, toezegging: Toezegging) -> nodes.Node:
        """To where the toezegging is written, or else to its register record."""
        return piece_to_node(self.toezegging_piece(toezegging))

    def letter(self, fulfilment: Fulfilment, *, waiting: bool = False) -> list[Piece]:
        """The letter's subject (linked), date and Kamerstuk (linked), as pieces."""
        letter: Letter = fulfilment.letter
        config = self.app.config
        details: list[Piece] = [(self.date(letter.datum), None, '')] if letter.datum else []
        if letter.bron == 'register':
            # what the Kamer's register says fulfilled it: no page, no date
            text = self.per_register % letter.betreft if letter.betreft else self.by_register
            pieces: list[Piece] = [(text, None, '')]
        elif letter.bron == 'extern' and letter.kamerstuk is not None:
            # a published document outside the project: the reference is the title
            url = letter.kamerstuk.url_at(config.kamerstuk_url_base)
            pieces = [(shown(letter.kamerstuk, config), url, 'external')]
        else:
            pieces = [(letter.betreft, self.uri(letter.docname), 'internal')]
        if letter.kamerstuk is not None and not letter.bron:
            text = shown(letter.kamerstuk, config)
            details.append((text, letter.kamerstuk.url_at(config.kamerstuk_url_base), 'external'))
        if details:
            pieces.append((' (', None, ''))
            for index, detail in enumerate(details):
                pieces += [(', ', None, ''), detail] if index else [detail]
            pieces.append((')', None, ''))
        if fulfilment.deels:
            pieces.append((' — ' + self.in_part, None, ''))
        if waiting:
            pieces.append((' — ' + self.in_preparation, None, ''))
        return pieces

    def letters(self, trace: Trace) -> list[list[Piece]]:
        """One line of pieces per letter: those that count, then those in preparation."""
        return [self.letter(f) for f in trace.vervuld_door] + [
            self.letter(f, waiting=True) for f in trace.in_voorbereiding
        ]

    def fulfilments(self, trace: Trace) -> list[nodes.Node]:
        return [
            pieces_to_paragraph(line, classes=['kamerstuk-vervuld-door'])
            for line in self.letters(trace)
        ]

    def anchor(self, toezegging: Toezegging) -> str:
        """Where the toezegging is written: its id, or for a duplicate id (only the first
        counts) an anchor of its own place, so that its rows link to it too."""
        first = self.traces.get(toezegging.id)
        if first is None or first.toezegging is toezegging:
            return toezegging.id
        return nodes.make_id(f'{toezegging.id}-{toezegging.docname}-r{toezegging.lineno}')

    def toezegging_piece(self, toezegging: Toezegging) -> Piece:
        if toezegging.docname:
            uri = self.uri(toezegging.docname)
            return (
                toezegging.id,
                at_anchor(uri, self.anchor(toezegging)) if uri is not None else None,
                'internal',
            )
        return (toezegging.id, toezegging.bron_url or None, 'external')

    def row_html(self, trace: Trace, columns: tuple[str, ...]) -> str:
        """The row's cells as HTML, made once a build for every page in the same folder
        (their links read alike) unless the row links to this very page."""
        domain = get_domain(self.app.env)
        if domain.build.row_html is None:
            domain.build.row_html = {}
        pages = {trace.toezegging.docname} | {f.letter.docname for f in trace.vervuld_door}
        pages |= {f.letter.docname for f in trace.in_voorbereiding}
        here = self.fromdocname if self.fromdocname in pages else ''
        folder = posixpath.dirname(self.app.builder.get_target_uri(self.fromdocname))
        t = trace.toezegging  # by place too: a duplicate id has rows of its own
        key = (f'{t.id}@{t.docname}:{t.lineno}', folder, here, columns)
        if key not in domain.build.row_html:
            domain.build.row_html[key] = cells_html(
                self.row(trace, columns), [_browser_sort_key(trace, c) for c in columns]
            )
        return domain.build.row_html[key]

    def row(self, trace: Trace, columns: tuple[str, ...]) -> list[list[list[Piece]]]:
        """The table's cells for one toezegging: cells of lines of pieces."""
        t = trace.toezegging
        late = '' if trace.dagen_te_laat is None else str(trace.dagen_te_laat)
        cells: dict[str, list[list[Piece]]] = {
            'nummer': [[self.toezegging_piece(t)]],
            'toezegging': [[(t.tekst, None, 'tekst')]],
            'status': [[(self.labels[trace.status], None, f'status-{trace.status}')]],
            'termijn': [[(_termijn(self, t), None, '')]],
            'vervuld-door': self.letters(trace) or [[]],
            'bewindspersoon': [[(t.bewindspersoon, None, '')]],
            'dagen-te-laat': [[(late, None, '')]],
            'gedaan-in': [[(_made_in(self, t), None, '')]],
            'soort': [[(self.motie if t.soort == 'motie' else self.toezegging, None, '')]],
        }
        return [cells[column] for column in columns]


def _browser_sort_key(trace: Trace, column: str) -> str | None:
    """What the browser sorts a column by where its shown text would sort wrong."""
    match column:
        case 'status':
            return str(STATUSES.index(trace.status))
        case 'termijn':
            return trace.toezegging.termijn or ''
        case 'gedaan-in':
            return trace.toezegging.datum or ''
        case 'dagen-te-laat':
            return '' if trace.dagen_te_laat is None else str(trace.dagen_te_laat)
    return None


def fill_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = [node for node in doctree.findall(nodes.Element) if type(node) in _FILL]
    if not placeholders:
        return  # most pages: no trace needed
    writer = ViewWriter(app, docname, doctree)
    for node in placeholders:
        node.replace_self(_FILL[type(node)](writer, node))


def _box(writer: ViewWriter, node: toezegging_box) -> nodes.Node:
    trace = trace_at(writer.app.env, node['docname'], node['lineno'])
    box = labelled_container(classes=['kamerstuk-toezegging'])
    if trace is None:  # only when the builder resolves without reading
        box.extend(node.children)
        return box
    toezegging = trace.toezegging
    box['ids'].append(writer.anchor(toezegging))
    head = nodes.paragraph(classes=['kamerstuk-toezegging-kop'])
    if toezegging.soort == 'motie':
        head += nodes.Text(writer.motie + ' ')
    head += nodes.strong(toezegging.id, toezegging.id)
    head += nodes.Text(' ')
    head += writer.badge(trace.status)
    box += head
    box += nodes.paragraph(
        toezegging.tekst, toezegging.tekst, classes=['kamerstuk-toezegging-tekst']
    )
    fields = nodes.field_list(classes=['kamerstuk-toezegging-velden'])
    if toezegging.vindplaats is not None:
        config = writer.app.config
        url = toezegging.vindplaats.url_at(config.kamerstuk_url_base)
        label = _('Record')
        piece = (shown(toezegging.vindplaats, config), url, 'external')
        fields += nodes.field(
            '', nodes.field_name(label, label), nodes.field_body('', pieces_to_paragraph([piece]))
        )
    for label, value in _facts(writer, trace):
        if value:
            fields += nodes.field(
                '',
                nodes.field_name(label, label),
                nodes.field_body('', nodes.paragraph(value, value)),
            )
    if trace.vervuld_door or trace.in_voorbereiding:
        label = _('Fulfilled by')
        fields += nodes.field(
            '', nodes.field_name(label, label), nodes.field_body('', *writer.fulfilments(trace))
        )
    box += fields
    box.extend(node.children)
    return box


def _facts(writer: ViewWriter, trace: Trace) -> list[tuple[str, str]]:
    toezegging = trace.toezegging
    return [
        (_('Made by'), ', '.join(filter(None, (toezegging.bewindspersoon, toezegging.functie)))),
        (_('Made in'), _made_in(writer, toezegging)),
        (_('Made to'), toezegging.toegezegd_aan),
        (_('Submitted by'), toezegging.indieners),
        (_('Committee'), toezegging.commissie),
        (_('Record'), toezegging.vindplaats_tekst),
        (_('Deadline'), _termijn(writer, toezegging)),
        (_('Days late'), '' if trace.dagen_te_laat is None else str(trace.dagen_te_laat)),
    ]


def _made_in(writer: ViewWriter, toezegging: Toezegging) -> str:
    return ', '.join(filter(None, (toezegging.activiteit, writer.date(toezegging.datum))))


def _termijn(writer: ViewWriter, toezegging: Toezegging) -> str:
    if not toezegging.termijn:
        return toezegging.termijn_tekst
    date = writer.date(toezegging.termijn)
    if toezegging.termijn_tekst in ('', toezegging.termijn, date):  # "1 juli 2025" once
        return date
    return f'{toezegging.termijn_tekst} ({date})'


def _badge(writer: ViewWriter, node: toezegging_badge) -> list[nodes.Node]:
    """Nothing for a toezegging this project does not trace (another project's, through
    intersphinx; or an unknown one, which the reference warns about)."""
    trace = writer.traces.get(node['target'])
    if trace is None:
        return []
    return [nodes.Text(' '), writer.badge(trace.status)]


def _letter_box(writer: ViewWriter, node: letter_toezeggingen) -> nodes.Node:
    letter = get_domain(writer.app.env).letters.get(node['docname'])
    box = nodes.container(classes=['kamerstuk-brief-toezeggingen'])
    if letter is None or writer.app.builder.format == 'latex':  # not in the letter as sent
        return box
    label = _('Toezeggingen this letter fulfils')
    box += nodes.rubric(label, label)
    items = nodes.bullet_list()
    for ids, deels in ((letter.vervult, False), (letter.vervult_deels, True)):
        for toezegging_id in ids:
            trace = writer.traces.get(toezegging_id)
            para = nodes.paragraph()
            if trace is None:
                para += nodes.Text(toezegging_id)
            else:
                para += writer.toezegging_link(trace.toezegging)
                para += nodes.Text(' ')
                para += writer.badge(trace.status)
                para += nodes.Text(' ' + trace.toezegging.tekst)
            if deels:
                para += nodes.Text(' — ' + _('in part'))
            items += nodes.list_item('', para)
    box += items
    return box


# --- the table -------------------------------------------------------------------------


def select(writer: ViewWriter, node: toezeggingen_table) -> tuple[list[Trace], bool]:
    """The rows in order, and whether the ``:filter:`` was applied (``False``: invalid)."""
    traces = list(writer.traces.values())
    if node['statuses']:
        traces = [t for t in traces if t.status in node['statuses']]
    for field in ('ministerie', 'bewindspersoon', 'kamer', 'soort'):
        if node.get(field):
            wanted = node[field].casefold()
            traces = [t for t in traces if getattr(t.toezegging, field).casefold() == wanted]
    chosen = filter_toezeggingen(writer.app, node['filter'], traces) if node['filter'] else traces
    filtered = chosen is not None  # an invalid filter filters nothing, and the caption says so
    if chosen is not None:
        traces = chosen
    key = node['sorteer'].lstrip('-')
    known = [t for t in traces if _sort_value(t, key)]
    known.sort(key=lambda t: (_sort_value(t, key), t.toezegging.id))
    if node['sorteer'].startswith('-'):
        known.reverse()
    # what has no value to sort on (no deadline, no date) comes last either way
    return known + [t for t in traces if not _sort_value(t, key)], filtered


def _sort_value(trace: Trace, key: str) -> str:
    if key == 'status':
        return str(STATUSES.index(trace.status))
    return getattr(trace.toezegging, key) or ''


#: The table's columns, by their names in ``:kolommen:``, with their widths in the PDF.
COLUMN_WIDTHS: dict[str, int] = {
    'nummer': 12,
    'toezegging': 44,
    'status': 8,
    'termijn': 11,
    'vervuld-door': 16,
    'bewindspersoon': 10,
    'dagen-te-laat': 5,
    'gedaan-in': 12,
    'soort': 7,
}
#: What a page of 1280 px shows whole: status and termijn beside the text.
DEFAULT_COLUMNS = (
    'nummer',
    'toezegging',
    'status',
    'termijn',
    'vervuld-door',
    'bewindspersoon',
    'dagen-te-laat',
)


def column_header(column: str) -> str:
    headers = {
        'nummer': _('Number'),
        'toezegging': _('Toezegging'),
        'status': _('Status'),
        'termijn': _('Deadline'),
        'vervuld-door': _('Fulfilled by'),
        'bewindspersoon': _('Made by'),
        'dagen-te-laat': _('Days late'),
        'gedaan-in': _('Made in'),
        'soort': _('Kind'),
    }
    return headers[column]


def _table(writer: ViewWriter, node: toezeggingen_table) -> list[nodes.Node]:
    traces, filtered = select(writer, node)
    result: list[nodes.Node] = [
        nodes.paragraph(classes=['kamerstuk-samenvatting'], text=writer.summary(traces))
    ]
    if not traces:
        return result
    columns = tuple(node.get('kolommen') or DEFAULT_COLUMNS)
    headers = [column_header(column) for column in columns]
    caption = (
        _('Toezeggingen') if filtered else _('Toezeggingen (invalid filter: nothing filtered)')
    )
    if writer.app.builder.format == 'html':
        # Thousands of rows: written as HTML at once, escaped here, rather than as docutils
        # nodes for the translator; and not indexed for search (no-search), as every
        # toezegging is indexed where it is written.
        table_id = tables.unique_id(writer.doctree, 'kamerstuk-toezeggingen', nodes.table())
        rows = [writer.row_html(trace, columns) for trace in traces]
        result.append(
            nodes.raw('', status_chart(traces, table_id), format='html', classes=['no-search'])
        )
        result.append(
            nodes.raw(
                '',
                html_table(table_id, caption, headers, rows, columns),
                format='html',
                classes=['no-search'],
            )
        )
        return result
    row_cells = [writer.row(trace, columns) for trace in traces]
    widths = tuple(COLUMN_WIDTHS[column] for column in columns)
    table = tables.table(
        writer.doctree,
        caption,
        headers,
        ([[pieces_to_paragraph(line) for line in cell] for cell in cells] for cells in row_cells),
        widths=widths,
        classes=('kamerstuk-toezeggingen', 'longtable'),
    )
    if writer.app.builder.format == 'latex':
        ids = [trace.toezegging.id for trace in traces]
        return [*result, *paper_table(table, headers, columns, widths, ids)]
    result.append(table)
    return result


#: A run of text: (text, link or None, kind: '' | 'internal' | 'external' | 'status-<s>').
_FILL: dict[type[nodes.Node], Any] = {
    toezegging_box: _box,
    toezegging_badge: _badge,
    toezeggingen_table: _table,
    letter_toezeggingen: _letter_box,
}
