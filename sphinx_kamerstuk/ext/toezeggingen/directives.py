"""Toezeggingen: the directive, their status, and every view that shows them.

Views (the traceability table, the box on a toezegging, the box on a letter, the
``:toezegging:`` role) are placeholders filled when a page is written, from one trace
computed per build. Each page notes which toezeggingen it shows; after reading, the
pages whose toezeggingen changed are written again, edited or not.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from sphinx_kamerstuk.core.filters import shortened
from sphinx_kamerstuk.core.reconcile import combine
from sphinx_kamerstuk.core.records import Toezegging
from sphinx_kamerstuk.core.status import STATUSES, Trace, trace
from sphinx_kamerstuk.core.termijnen import Rules, TermijnError, deadline
from sphinx_kamerstuk.ext.config import source_date_epoch
from sphinx_kamerstuk.ext.directive import TOEZEGGING_ID, KamerstukDirective, iso_date
from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.i18n import _, __, spelled_date
from sphinx_kamerstuk.ext.kamerbrief.render import at_anchor
from sphinx_kamerstuk.ext.messages import log_warning
from sphinx_kamerstuk.ext.needs import (
    check_filter,
    claim_directive,
    filter_toezeggingen,
    sphinx_app,
    toezegging_need,
)
from sphinx_kamerstuk.ext.rewrites import remember

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_kamerstuk.core.records import Letter
    from sphinx_kamerstuk.core.status import Fulfilment, Status

logger = logging.getLogger(__name__)

_ACTIVITEIT_NUMMER = re.compile(r'\d{4}A\d{5}')
ALL = '*'


def status_label(status: Status) -> str:
    labels = {
        'openstaand': _('open'),
        'verlopen': _('overdue'),
        'voldaan': _('fulfilled'),
        'te-laat-voldaan': _('fulfilled late'),
        'deels-voldaan': _('partly fulfilled'),
        'vervallen': _('lapsed'),
    }
    return labels[status]


# --- the peildatum and the trace of this build ---------------------------------------


def peildatum(config: Any) -> datetime.date:
    """The reference date: configured, else SOURCE_DATE_EPOCH, else today."""
    if config.kamerstuk_peildatum:
        return datetime.date.fromisoformat(config.kamerstuk_peildatum)
    return source_date_epoch()[0] or datetime.date.today()  # a bad one warned at start-up


def all_toezeggingen(env: BuildEnvironment) -> list[Toezegging]:
    """The sources' toezeggingen, augmented from the registers, and the registers' rest."""
    domain = get_domain(env)
    return combine(domain.local_toezeggingen(), domain.data['register'])


def current_traces(env: BuildEnvironment) -> dict[str, Trace]:
    """The traces of this build, computed once (every view and report reads them)."""
    domain = get_domain(env)
    if domain.traces is None:
        domain.traces = trace(all_toezeggingen(env), domain.letters.values(), peildatum(env.config))
    return domain.traces


def trace_at(env: BuildEnvironment, docname: str, lineno: int | None) -> Trace | None:
    """The trace of the toezegging written at this place (duplicate ids included)."""
    domain = get_domain(env)
    if domain.traces_by_place is None:
        domain.traces_by_place = {
            (t.toezegging.docname, t.toezegging.lineno): t for t in current_traces(env).values()
        }
    return domain.traces_by_place.get((docname, lineno))


def termijn_rules(config: Any) -> Rules:
    """The deadline rules with the project's recess dates (validated at start-up)."""
    return Rules.from_config(config.kamerstuk_termijnen)


# --- the directive -------------------------------------------------------------------


class toezegging_box(nodes.General, nodes.Element):  # docutils names nodes in lower case
    """A toezegging as shown where it is written; filled when written."""


class toezeggingen_table(nodes.General, nodes.Element):
    """The traceability table with its summary; filled when written."""


class letter_toezeggingen(nodes.General, nodes.Element):
    """On a letter page: the toezeggingen the letter fulfils."""


class toezegging_ref(nodes.Inline, nodes.TextElement):
    """``:toezegging:`ID```: a link with the status."""


class ToezeggingDirective(KamerstukDirective):
    """``.. toezegging:: text`` with the register's fields as options; notes as content."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = dict.fromkeys(
        (
            'id',
            'bewindspersoon',
            'functie',
            'ministerie',
            'kamer',
            'activiteit',
            'activiteit-nummer',
            'datum',
            'toegezegd-aan',
            'termijn',
            'status',
            'herhaalt',
            'wijzigt',
            'vult-aan',
        ),
        directives.unchanged,
    )

    def run(self) -> list[nodes.Node]:
        option = {name: ' '.join(self.options.get(name, '').split()) for name in self.option_spec}
        datum = self.read_datum(option['datum'])
        termijn_tekst = option['termijn']
        toezegging = Toezegging(
            docname=self.env.docname,
            lineno=self.lineno,
            id=self.read_id(option['id']),
            tekst=' '.join(self.arguments[0].split()),
            bewindspersoon=option['bewindspersoon'],
            functie=option['functie'],
            ministerie=option['ministerie'] or self.config.kamerstuk_ministerie,
            kamer=self.read_kamer(option['kamer']),
            activiteit=option['activiteit'],
            activiteit_nummer=self.read_activiteit_nummer(option['activiteit-nummer']),
            datum=datum,
            toegezegd_aan=option['toegezegd-aan'],
            termijn_tekst=termijn_tekst,
            termijn=self.read_termijn(termijn_tekst, datum),
            vervallen=self.read_status(option['status']),
            herhaalt=self.read_ids(self.options.get('herhaalt', ''), 'herhaalt'),
            wijzigt=self.read_ids(self.options.get('wijzigt', ''), 'wijzigt'),
            vult_aan=self.read_ids(self.options.get('vult-aan', ''), 'vult-aan'),
        )
        domain = get_domain(self.env)
        domain.toezeggingen.setdefault(self.env.docname, []).append(toezegging)
        domain.note_view(self.env.docname, [toezegging.id])
        box = toezegging_box(docname=self.env.docname, lineno=self.lineno)
        self.set_source_info(box)
        box.extend(self.parse_content_to_nodes())
        need = toezegging_need(
            sphinx_app(self.env), self.state, toezegging, '\n'.join(self.content)
        )
        return [*need, box]

    def read_id(self, value: str) -> str:
        if TOEZEGGING_ID.fullmatch(value):
            return value
        fallback = f'{self.env.docname.replace("/", "-")}-r{self.lineno}'
        if value:
            message = __(
                'invalid toezegging :id: %r: expected letters, digits, - and _, '
                'such as TZ202606-012 or T01237; using %r'
            ) % (value, fallback)
        else:
            message = (
                __(
                    'a toezegging needs an :id: (its register number, such as '
                    'TZ202606-012, or a local id); using %r'
                )
                % fallback
            )
        self.warn(message, 'toezegging')
        return fallback

    def read_datum(self, value: str) -> str | None:
        datum = iso_date(value) if value else None
        if value and datum is None:
            self.warn(
                __('invalid toezegging :datum: %r: expected a date that exists, written YYYY-MM-DD')
                % value,
                'datum',
            )
        return datum

    def read_kamer(self, value: str) -> str:
        if value.lower() in ('', 'tk', 'ek'):
            return value.lower() or 'tk'
        self.warn(__("invalid :kamer: %r: expected 'tk' or 'ek'; using 'tk'") % value, 'option')
        return 'tk'

    def read_activiteit_nummer(self, value: str) -> str:
        if value and not _ACTIVITEIT_NUMMER.fullmatch(value):
            self.warn(
                __(
                    ':activiteit-nummer: %r does not look like a Tweede Kamer activity number '
                    "such as '2026A01234' (kept as written)"
                )
                % value,
                'option',
            )
        return value

    def read_termijn(self, value: str, datum: str | None) -> str | None:
        if not value:
            return None
        made_on = datetime.date.fromisoformat(datum) if datum else None
        try:
            rules = termijn_rules(self.config)
            return deadline(value, made_on=made_on, rules=rules).isoformat()
        except TermijnError as exc:
            self.warn(
                __('cannot read :termijn: %r: %s; the toezegging counts as having no deadline')
                % (value, exc),
                'termijn',
            )
            return None

    def read_status(self, value: str) -> bool:
        if value.lower() == 'vervallen':
            return True
        if value:
            self.warn(
                __(
                    "invalid :status: %r: only 'vervallen' is set by hand; every other status "
                    'follows from the deadline and the letters'
                )
                % value,
                'option',
            )
        return False


# --- the table directive and the role ------------------------------------------------

SORT_KEYS = ('id', 'termijn', 'status', 'datum', 'bewindspersoon')


class ToezeggingenDirective(KamerstukDirective):
    """``.. toezeggingen::``: the traceability table, filtered and sorted."""

    option_spec: ClassVar[dict[str, Any]] = dict.fromkeys(
        ('status', 'ministerie', 'bewindspersoon', 'kamer', 'filter', 'sorteer'),
        directives.unchanged,
    )

    def run(self) -> list[nodes.Node]:
        option = {name: self.options.get(name, '').strip() for name in self.option_spec}
        statuses = [s.strip() for s in option['status'].split(',') if s.strip()]
        unknown = [s for s in statuses if s not in STATUSES]
        if unknown:
            self.warn(
                __('unknown :status: %s: expected any of %s (ignored)')
                % (', '.join(unknown), ', '.join(STATUSES)),
                'option',
            )
            statuses = [s for s in statuses if s in STATUSES]
        kamer = option['kamer'].lower()
        if kamer not in ('', 'tk', 'ek'):
            self.warn(__("invalid :kamer: %r: expected 'tk' or 'ek' (ignored)") % kamer, 'option')
            kamer = ''
        sort = option['sorteer'] or 'id'
        if sort.lstrip('-') not in SORT_KEYS:
            self.warn(
                __('invalid :sorteer: %r: expected one of %s, with - for descending; sorting by id')
                % (sort, ', '.join(SORT_KEYS)),
                'option',
            )
            sort = 'id'
        problem = check_filter(option['filter']) if option['filter'] else None
        if problem is not None:
            self.warn(
                __(
                    'invalid :filter: %(filter)r: %(problem)s, at character %(column)d; '
                    'expected fields compared with text, numbers or lists, joined by and, or, '
                    'not (such as \'status == "verlopen"\'); nothing is filtered'
                )
                % {
                    'filter': shortened(option['filter'], 100),
                    'problem': problem.problem,
                    'column': problem.column,
                },
                'filter',
            )
        node = toezeggingen_table(
            statuses=statuses,
            ministerie=option['ministerie'],
            bewindspersoon=option['bewindspersoon'],
            kamer=kamer,
            filter=option['filter'],
            sorteer=sort,
        )
        self.set_source_info(node)
        get_domain(self.env).note_view(self.env.docname, [ALL])
        return [node]


class ToezeggingRole(SphinxRole):
    """``:toezegging:`TZ202606-012```: a link to the toezegging, with its status."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        target = self.text.strip()
        node = toezegging_ref(self.rawtext, target, target=target)
        self.set_source_info(node)
        get_domain(self.env).note_view(self.env.docname, [target])
        return [node], []


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
        pieces: list[Piece] = [(letter.betreft, self.uri(letter.docname), 'internal')]
        details: list[Piece] = [(self.date(letter.datum), None, '')] if letter.datum else []
        if letter.kamerstuk is not None:
            config = self.app.config
            text = letter.kamerstuk.format(config.kamerstuk_citeerstijl)
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

    def row_html(self, trace: Trace) -> str:
        """The row's cells as HTML, made once a build for every page in the same folder
        (their links read alike) unless the row links to this very page."""
        domain = get_domain(self.app.env)
        if domain.row_html is None:
            domain.row_html = {}
        pages = {trace.toezegging.docname} | {f.letter.docname for f in trace.vervuld_door}
        pages |= {f.letter.docname for f in trace.in_voorbereiding}
        here = self.fromdocname if self.fromdocname in pages else ''
        folder = posixpath.dirname(self.app.builder.get_target_uri(self.fromdocname))
        t = trace.toezegging  # by place too: a duplicate id has rows of its own
        key = (f'{t.id}@{t.docname}:{t.lineno}', folder, here)
        if key not in domain.row_html:
            domain.row_html[key] = cells_html(self.row(trace))
        return domain.row_html[key]

    def row(self, trace: Trace) -> list[list[list[Piece]]]:
        """The table's cells for one toezegging: cells of lines of pieces."""
        t = trace.toezegging
        late = '' if trace.dagen_te_laat is None else str(trace.dagen_te_laat)
        return [
            [[self.toezegging_piece(t)]],
            [[(t.tekst, None, '')]],
            [[(t.bewindspersoon, None, '')]],
            [[(_made_in(self, t), None, '')]],
            [[(_termijn(self, t), None, '')]],
            [[(self.labels[trace.status], None, f'status-{trace.status}')]],
            self.letters(trace) or [[]],
            [[(late, None, '')]],
        ]


def cells_html(cells: list[list[list[Piece]]]) -> str:
    """One table row's cells as HTML, every text escaped."""
    return ''.join(
        '<td>'
        + ''.join(f'<p>{"".join(_piece_html(piece) for piece in line)}</p>\n' for line in cell)
        + '</td>\n'
        for cell in cells
    )


def fill_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = [node for node in doctree.findall(nodes.Element) if type(node) in _FILL]
    if not placeholders:
        return  # most pages: no trace needed
    writer = ViewWriter(app, docname, doctree)
    for node in placeholders:
        node.replace_self(_FILL[type(node)](writer, node))


def _box(writer: ViewWriter, node: toezegging_box) -> nodes.Node:
    trace = trace_at(writer.app.env, node['docname'], node['lineno'])
    box = nodes.container(classes=['kamerstuk-toezegging'])
    if trace is None:  # only when the builder resolves without reading
        box.extend(node.children)
        return box
    toezegging = trace.toezegging
    box['ids'].append(writer.anchor(toezegging))
    head = nodes.paragraph(classes=['kamerstuk-toezegging-kop'])
    head += nodes.strong(toezegging.id, toezegging.id)
    head += nodes.Text(' ')
    head += writer.badge(trace.status)
    box += head
    box += nodes.paragraph(
        toezegging.tekst, toezegging.tekst, classes=['kamerstuk-toezegging-tekst']
    )
    fields = nodes.field_list(classes=['kamerstuk-toezegging-velden'])
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
        (_('Deadline'), _termijn(writer, toezegging)),
        (_('Days late'), '' if trace.dagen_te_laat is None else str(trace.dagen_te_laat)),
    ]


def _made_in(writer: ViewWriter, toezegging: Toezegging) -> str:
    return ', '.join(filter(None, (toezegging.activiteit, writer.date(toezegging.datum))))


def _termijn(writer: ViewWriter, toezegging: Toezegging) -> str:
    if not toezegging.termijn:
        return toezegging.termijn_tekst
    date = writer.date(toezegging.termijn)
    if toezegging.termijn_tekst in ('', toezegging.termijn):
        return date
    return f'{toezegging.termijn_tekst} ({date})'


def _reference(writer: ViewWriter, node: toezegging_ref) -> nodes.Node:
    trace = writer.traces.get(node['target'])
    if trace is None:
        log_warning(
            logger,
            __('unknown toezegging %r in :toezegging: role') % node['target'],
            'toezegging',
            node,
        )
        return nodes.inline(node['target'], node['target'], classes=['kamerstuk-invalid'])
    result = nodes.inline(classes=['kamerstuk-toezegging-ref'])
    result += writer.toezegging_link(trace.toezegging)
    result += nodes.Text(' ')
    result += writer.badge(trace.status)
    return result


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
    for field in ('ministerie', 'bewindspersoon', 'kamer'):
        if node[field]:
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


def summary(traces: Iterable[Trace]) -> str:
    """'12 of 20 fulfilled (60 %), 3 overdue, 5 open' in the document language."""
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
    return ', '.join([text, *rest])


def _table(writer: ViewWriter, node: toezeggingen_table) -> list[nodes.Node]:
    traces, filtered = select(writer, node)
    result: list[nodes.Node] = [
        nodes.paragraph(classes=['kamerstuk-samenvatting'], text=summary(traces))
    ]
    if not traces:
        return result
    headers = [
        _('Number'),
        _('Toezegging'),
        _('Made by'),
        _('Made in'),
        _('Deadline'),
        _('Status'),
        _('Fulfilled by'),
        _('Days late'),
    ]
    caption = (
        _('Toezeggingen') if filtered else _('Toezeggingen (invalid filter: nothing filtered)')
    )
    if writer.app.builder.format == 'html':
        # Thousands of rows: written as HTML at once, escaped here, rather than as docutils
        # nodes for the translator; and not indexed for search (no-search), as every
        # toezegging is indexed where it is written.
        table_id = writer.doctree.set_id(nodes.table())
        rows = [writer.row_html(trace) for trace in traces]
        result.append(
            nodes.raw('', status_chart(traces, table_id), format='html', classes=['no-search'])
        )
        result.append(
            nodes.raw(
                '',
                html_table(table_id, caption, headers, rows),
                format='html',
                classes=['no-search'],
            )
        )
        return result
    row_cells = [writer.row(trace) for trace in traces]
    table = nodes.table(classes=['kamerstuk-toezeggingen', 'longtable'])
    table += nodes.title(caption, caption)
    writer.doctree.set_id(table)  # a captioned table needs an id (LaTeX labels)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (10, 26, 12, 14, 12, 8, 14, 4):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += table_row([nodes.paragraph(text=h) for h in headers])
    group += head
    body = nodes.tbody()
    for cells in row_cells:
        body += table_row([[pieces_to_paragraph(line) for line in cell] for cell in cells])
    group += body
    result.append(table)
    return result


#: A run of text: (text, link or None, kind: '' | 'internal' | 'external' | 'status-<s>').
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


def _piece_html(piece: Piece) -> str:
    text, href, kind = piece
    shown = escape(text, quote=False)
    if kind.startswith('status-'):
        return f'<span class="kamerstuk-status kamerstuk-{kind}">{shown}</span>'
    if href is None:
        return shown
    css = 'reference internal' if kind == 'internal' else 'reference external'
    return f'<a class="{css}" href="{escape(href)}">{shown}</a>'


def html_table(table_id: str, caption: str, headers: list[str], rows: list[str]) -> str:
    """The table as docutils' HTML writer would write it, every text escaped, in a
    region that scrolls sideways (and takes focus, so keyboards can scroll it) when the
    theme's column is narrower than its eight columns."""
    out = [
        (
            f'<div class="kamerstuk-scroll" role="region" tabindex="0" '
            f'aria-label="{escape(caption)}">\n'
        ),
        f'<table class="docutils align-default kamerstuk-toezeggingen" id="{escape(table_id)}">\n',
        f'<caption><span class="caption-text">{escape(caption)}</span></caption>\n',
        '<thead>\n<tr class="row-odd">',
        *(f'<th class="head"><p>{escape(h)}</p></th>\n' for h in headers),
        '</tr>\n</thead>\n<tbody>\n',
    ]
    for index, cells in enumerate(rows):
        out.append(f'<tr class="row-{"even" if index % 2 == 0 else "odd"}">{cells}</tr>\n')
    out.append('</tbody>\n</table>\n</div>\n')
    return ''.join(out)


def table_row(cells: list[nodes.Node | list[nodes.Node]]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry.extend(cell if isinstance(cell, list) else [cell])
        row += entry
    return row


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
    """A stacked bar of the statuses as inline SVG, labelled, patterned, no script; its
    patterns named after the table, as ids are unique on a page with several tables."""
    counts = [(s, sum(1 for t in traces if t.status == s)) for s in STATUSES]
    counts = [(s, n) for s, n in counts if n]
    total = sum(n for _s, n in counts)
    width, bar = 600, 24
    pattern = f'kamerstuk-patroon-{table_id}'
    parts = [
        (
            f'<svg class="kamerstuk-grafiek" role="img" viewBox="0 0 {width} {bar + 20 * len(counts) + 12}"'
            f' xmlns="http://www.w3.org/2000/svg" aria-label="{escape(summary(traces), quote=True)}">'
        ),
        f'<title>{escape(summary(traces))}</title><defs>',
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
    for index, (status, n) in enumerate(counts):
        y = bar + 8 + 20 * index
        parts.append(
            f'<rect x="0" y="{y}" width="14" height="14" fill="url(#{pattern}-{status})"'
            f' class="kamerstuk-rand"/><text x="20" y="{y + 12}">'
            f'{escape(status_label(status))}: {n}</text>'
        )
    parts.append('</svg>')
    return ''.join(parts)


_FILL: dict[type[nodes.Node], Any] = {
    toezegging_box: _box,
    toezegging_ref: _reference,
    toezeggingen_table: _table,
    letter_toezeggingen: _letter_box,
}


# --- reading and consistency -----------------------------------------------------------


def add_letter_box(app: Sphinx, doctree: nodes.document) -> None:
    """A letter that fulfils toezeggingen lists them at the end of its page."""
    letter = get_domain(app.env).letters.get(app.env.docname)
    if letter is None or not (letter.vervult or letter.vervult_deels):
        return
    doctree += letter_toezeggingen(docname=app.env.docname)
    get_domain(app.env).note_view(app.env.docname, [*letter.vervult, *letter.vervult_deels])


def check_toezeggingen(app: Sphinx, env: BuildEnvironment) -> None:
    """After all documents are read (and merged): duplicates, dead links, odd dates."""
    domain = get_domain(env)
    first: dict[str, Toezegging] = {}
    toezegging: Toezegging | None  # None below for an id no source or register knows
    for toezegging in domain.local_toezeggingen():
        earlier = first.setdefault(toezegging.id, toezegging)
        if earlier is not toezegging:
            log_warning(
                logger,
                __('duplicate toezegging id %r: also at %s:%s; only the first counts')
                % (toezegging.id, env.doc2path(earlier.docname), earlier.lineno),
                'toezegging',
                (toezegging.docname, toezegging.lineno),
            )
    for toezegging in all_toezeggingen(env):  # register numbers count as known
        first.setdefault(toezegging.id, toezegging)
    for docname in sorted(domain.letters):
        letter = domain.letters[docname]
        for toezegging_id in (*letter.vervult, *letter.vervult_deels):
            toezegging = first.get(toezegging_id)
            if toezegging is None:
                log_warning(
                    logger,
                    __('letter %r fulfils unknown toezegging %r') % (letter.id, toezegging_id),
                    'vervult',
                    (docname, letter.lineno),
                )
            elif letter.datum is None:
                log_warning(
                    logger,
                    __('letter %r fulfils %r but has no :datum:; it counts once it is dated')
                    % (letter.id, toezegging_id),
                    'concept',
                    (docname, letter.lineno),
                )
            elif toezegging.datum and letter.datum < toezegging.datum:
                log_warning(
                    logger,
                    __('letter %r (dated %s) fulfils %r, which was only made on %s')
                    % (letter.id, letter.datum, toezegging_id, toezegging.datum),
                    'vervult',
                    (docname, letter.lineno),
                )
    if app.config.kamerstuk_waarschuw_verlopen:
        for t in current_traces(env).values():
            if t.status == 'verlopen':
                log_warning(
                    logger,
                    __('toezegging %r is overdue: its deadline %s passed %d days ago')
                    % (t.toezegging.id, t.toezegging.termijn, t.dagen_te_laat),
                    'verlopen',
                    (t.toezegging.docname, t.toezegging.lineno),
                )


def copy_status_into_needs(app: Sphinx, needs: Mapping[str, Any]) -> None:
    """The computed status, so needtable filters and needs.json say what our views say."""
    for traced in current_traces(app.env).values():
        need = needs.get(traced.toezegging.id)
        if need is None or need['type'] != 'toezegging':
            continue
        need['status'] = traced.status
        need['register_status'] = traced.register_status
        need['dagen_te_laat'] = '' if traced.dagen_te_laat is None else str(traced.dagen_te_laat)


def outdated_views(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages showing a toezegging whose trace changed since the last build: write again;
    and pages with sphinx-needs' own views when any need may have changed (they are not
    written again by sphinx-needs, SPHINX-NEEDS.md 3.1)."""
    domain = get_domain(env)
    domain.traces = domain.traces_by_place = domain.row_html = None  # every document is read
    shown = {id_: repr(t) for id_, t in current_traces(env).items()}
    previous = domain.data['shown']
    changed = {i for i in shown.keys() | previous.keys() if shown.get(i) != previous.get(i)}
    domain.data['shown'] = shown
    pages = {
        docname
        for docname, ids in domain.views.items()
        if changed and (ALL in ids or not ids.isdisjoint(changed))
    }
    if changed or domain.documents_changed:  # a need may have changed: sphinx-needs' views
        pages |= domain.data['needs_views']
    return remember(app, pages)


def setup_toezeggingen(app: Sphinx) -> None:
    skip = (_skip, None)
    for node in (toezegging_box, toezeggingen_table, letter_toezeggingen, toezegging_ref):
        app.add_node(node, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    claim_directive(app, 'toezegging', ToezeggingDirective)
    app.add_directive('toezeggingen', ToezeggingenDirective)
    app.add_role('toezegging', ToezeggingRole())
    app.connect('needs-before-sealing', copy_status_into_needs)
    app.connect('doctree-read', add_letter_box)
    app.connect('doctree-resolved', fill_views)
    app.connect('env-check-consistency', check_toezeggingen)
    app.connect('env-updated', outdated_views)


def _skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Placeholders are filled before writing; a builder that skips that sees nothing."""
    raise nodes.SkipNode
