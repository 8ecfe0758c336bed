"""Toezeggingen: the directives and the role, the consistency checks, and which pages a
build writes again.

Views (the traceability table, the box on a toezegging, the box on a letter, the
``:toezegging:`` role) are placeholders (``placeholders``) filled when a page is written
(``views``), from one trace computed per build (``traces``). Each page notes which
toezeggingen it shows; after reading, the pages whose toezeggingen changed are written
again, edited or not.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging

from sphinx_kamerstuk.core.citations import Citation, CitationError, parse
from sphinx_kamerstuk.core.dutch import parse_date
from sphinx_kamerstuk.core.filters import shortened
from sphinx_kamerstuk.core.records import Letter, Toezegging
from sphinx_kamerstuk.core.recurring import is_recurring, occurrences
from sphinx_kamerstuk.core.register_file import BRONNEN
from sphinx_kamerstuk.core.status import STATUSES, due_within
from sphinx_kamerstuk.core.termijnen import TermijnError, deadline
from sphinx_kamerstuk.ext.directive import TOEZEGGING_ID, KamerstukDirective, iso_date
from sphinx_kamerstuk.ext.domain import KamerstukXRefRole, add_xref_role, get_domain, letter_view
from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.messages import log_warning
from sphinx_kamerstuk.ext.needs import (
    check_filter,
    claim_directive,
    sphinx_app,
    toezegging_need,
)
from sphinx_kamerstuk.ext.options import OptionsDirective
from sphinx_kamerstuk.ext.rewrites import remember
from sphinx_kamerstuk.ext.toezeggingen.placeholders import (
    letter_toezeggingen,
    toezegging_badge,
    toezegging_box,
    toezeggingen_table,
)
from sphinx_kamerstuk.ext.toezeggingen.traces import (
    all_toezeggingen,
    current_traces,
    peildatum,
    termijn_rules,
)
from sphinx_kamerstuk.ext.toezeggingen.views import ALL, COLUMN_WIDTHS, fill_views

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


logger = logging.getLogger(__name__)

_ACTIVITEIT_NUMMER = re.compile(r'\d{4}A\d{5}')
#: A ``:vervuld-door:`` line: a reference, then its date in brackets.
_EXTERN_LINE = re.compile(r'(?P<ref>.*\S)\s*\((?P<datum>[^()]*)\)')


# --- the table directive and the role ------------------------------------------------

SORT_KEYS = ('id', 'termijn', 'status', 'datum', 'bewindspersoon')


class ToezeggingenDirective(KamerstukDirective):
    """``.. toezeggingen::``: the traceability table, filtered and sorted."""

    option_spec: ClassVar[dict[str, Any]] = dict.fromkeys(
        (
            'status',
            'ministerie',
            'bewindspersoon',
            'kamer',
            'soort',
            'filter',
            'sorteer',
            'kolommen',
        ),
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
        soort = option['soort'].lower()
        if soort and soort not in ('toezegging', 'motie'):
            self.warn(
                __("invalid :soort: %r: expected 'toezegging' or 'motie' (both are shown)") % soort,
                'option',
            )
            soort = ''
        kamer = option['kamer'].lower()
        if kamer and kamer not in BRONNEN:
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
            soort=soort,
            kolommen=self.read_kolommen(option['kolommen']),
            filter=option['filter'],
            sorteer=sort,
        )
        self.set_source_info(node)
        get_domain(self.env).note_view(self.env.docname, [ALL])
        return [node]

    def read_kolommen(self, value: str) -> list[str]:
        """The columns asked for, in order; an unknown one warns and is left out."""
        columns = [name.strip().lower() for name in value.split(',') if name.strip()]
        unknown = [name for name in columns if name not in COLUMN_WIDTHS]
        if unknown:
            self.warn(
                __('unknown :kolommen: %s: expected any of %s (left out)')
                % (', '.join(unknown), ', '.join(COLUMN_WIDTHS)),
                'option',
            )
        return list(dict.fromkeys(name for name in columns if name in COLUMN_WIDTHS))


class ToezeggingRole(KamerstukXRefRole):
    """``:toezegging:`TZ202606-012```: a link to the toezegging (the domain resolves it,
    intersphinx too), with its status."""

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: nodes.Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        target = node.get('reftarget', self.target)
        get_domain(env).note_view(env.docname, [target])
        wrapper = nodes.inline(classes=['kamerstuk-toezegging-ref'])
        wrapper += [node, toezegging_badge(target=target)]
        return [wrapper], []


# --- the directive -------------------------------------------------------------------


class ToezeggingDirective(OptionsDirective):
    """``.. toezegging:: text`` with the register's fields as options; notes as content."""

    known_options: ClassVar[tuple[str, ...]] = (
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
        'vervuld-door',
        'deels-vervuld-door',
        'vindplaats',
        'commissie',
        'tot',
    )
    soort: ClassVar[Literal['toezegging', 'motie']] = 'toezegging'
    #: the option that says where it was made (a motie: its own Kamerstuk)
    vindplaats_option: ClassVar[str] = 'vindplaats'
    #: each repetition names more toezeggingen, or more documents
    repeatable_options = frozenset(
        {'herhaalt', 'wijzigt', 'vult-aan', 'vervuld-door', 'deels-vervuld-door'}
    )

    def argument_meaning(self) -> str:
        return __('the text of the toezegging')

    def run(self) -> list[nodes.Node]:
        self.read_options()
        option = {name: ' '.join(self.options.get(name, '').split()) for name in self.known_options}
        datum = self.read_datum(option['datum'])
        termijn_tekst = option['termijn']
        toezegging_id = self.read_id(option['id'])
        recurring = is_recurring(termijn_tekst)
        tot = self.read_tot(option['tot'], recurring)
        vindplaats = self.read_vindplaats(option[self.vindplaats_option])
        toezegging = Toezegging(
            docname=self.env.docname,
            lineno=self.lineno,
            id=toezegging_id,
            tekst=' '.join(''.join(self.arguments).split()),
            bewindspersoon=option['bewindspersoon'],
            functie=option['functie'],
            ministerie=option['ministerie'] or self.config.kamerstuk_ministerie,
            kamer=self.read_kamer(option['kamer']),
            activiteit=option['activiteit'],
            activiteit_nummer=self.read_activiteit_nummer(option['activiteit-nummer']),
            datum=datum,
            toegezegd_aan=option['toegezegd-aan'],
            termijn_tekst=termijn_tekst,
            termijn=None if recurring else self.read_termijn(termijn_tekst, datum),
            termijnen=self.read_termijnen(termijn_tekst, datum, tot) if recurring else (),
            tot=tot,
            vervallen=self.read_status(option['status']),
            herhaalt=self.read_ids(self.options.get('herhaalt', ''), 'herhaalt'),
            wijzigt=self.read_ids(self.options.get('wijzigt', ''), 'wijzigt'),
            vult_aan=self.read_ids(self.options.get('vult-aan', ''), 'vult-aan'),
            extern=self.read_extern('vervuld-door', toezegging_id)
            + self.read_extern('deels-vervuld-door', toezegging_id),
            vindplaats=vindplaats,
            vindplaats_tekst='' if vindplaats else option[self.vindplaats_option],
            commissie=option['commissie'],
            soort=self.soort,
            indieners=option.get('indieners', ''),
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

    def read_vindplaats(self, value: str) -> Citation | None:
        """Where it was made: a Handelingen item or a verslag, as a citation."""
        if not value:
            return None
        try:
            return parse(value)
        except CitationError as exc:
            self.warn(
                __('cannot read :%(option)s: %(ref)r: %(problem)s (shown as written)')
                % {'option': self.vindplaats_option, 'ref': value, 'problem': exc.message(__)},
                'citation',
            )
            return None

    def read_extern(self, option: str, toezegging_id: str) -> tuple[Letter, ...]:
        """Published documents outside the project, one a line: ``<reference> (<date>)``."""
        letters = []
        for line in filter(
            None, (line.strip() for line in self.options.get(option, '').split('\n'))
        ):
            match = _EXTERN_LINE.fullmatch(line)
            day = parse_date(match['datum']) if match else None
            if match is None or day is None:
                self.warn(
                    __(
                        ':%(option)s: line %(line)r: expected a reference and its date, such as '
                        "'Kamerstukken I 2019/20, 35 000 VII, B (1 maart 2020)' (ignored)"
                    )
                    % {'option': option, 'line': line},
                    'vervult',
                )
                continue
            try:
                citation = parse(match['ref'])
            except CitationError as exc:
                self.warn(
                    __('cannot read the reference in :%(option)s: %(ref)r: %(problem)s (ignored)')
                    % {'option': option, 'ref': match['ref'], 'problem': exc.message(__)},
                    'citation',
                )
                continue
            ids = (toezegging_id,)
            letters.append(
                Letter(
                    docname='',
                    lineno=self.lineno,
                    id=citation.obl_id or citation.format(),
                    betreft=citation.format(),
                    aan=(),
                    datum=day.isoformat(),
                    kamerstukken=(citation,),
                    bron='extern',
                    vervult=ids if option == 'vervuld-door' else (),
                    vervult_deels=ids if option != 'vervuld-door' else (),
                )
            )
        return tuple(letters)

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
        if not value or value.lower() in BRONNEN:
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

    def read_termijnen(self, value: str, datum: str | None, tot: str | None) -> tuple[str, ...]:
        """The deadlines of a recurring termijn, from the period of its datum on."""
        if not datum:
            self.warn(
                __(
                    ':termijn: %r recurs from the day the toezegging was made: give its '
                    ':datum:; the toezegging counts as having no deadline'
                )
                % value,
                'termijn',
            )
            return ()
        made_on = datetime.date.fromisoformat(datum)
        until = datetime.date.fromisoformat(tot) if tot else None
        days = occurrences(value, made_on=made_on, until=until, rules=termijn_rules(self.config))
        if not days:
            self.warn(
                __(
                    ':termijn: %r gives no deadline between the :datum: and :tot:; the '
                    'toezegging counts as having no deadline'
                )
                % value,
                'termijn',
            )
        return tuple(day.isoformat() for day in days)

    def read_tot(self, value: str, recurring: bool) -> str | None:
        if not value:
            return None
        day = iso_date(value)
        if day is None or not recurring:
            self.warn(
                __(
                    ':tot: %r: expected a date, written YYYY-MM-DD, that ends a recurring '
                    "termijn such as 'jaarlijks voor het zomerreces' (ignored)"
                )
                % value,
                'termijn',
            )
            return None
        return day

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


# --- reading and consistency -----------------------------------------------------------


def add_letter_box(app: Sphinx, doctree: nodes.document) -> None:
    """A letter that fulfils toezeggingen lists them at the end of its page."""
    letter = get_domain(app.env).letters.get(app.env.docname)
    if letter is None or not (letter.vervult or letter.vervult_deels):
        return
    doctree += letter_toezeggingen(docname=app.env.docname)
    get_domain(app.env).note_view(app.env.docname, [*letter.vervult, *letter.vervult_deels])


def check_toezeggingen(app: Sphinx, env: BuildEnvironment) -> None:
    """After all documents are read (and merged, and the domain checked its ids): letters
    that fulfil unknown toezeggingen or are dated oddly, and overdue toezeggingen."""
    domain = get_domain(env)
    first: dict[str, Toezegging] = dict(domain.index('toezegging'))
    toezegging: Toezegging | None  # None below for an id no source or register knows
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
        if need is None or need['type'] != traced.toezegging.soort:
            continue
        need['status'] = traced.status
        need['register_status'] = traced.register_status
        need['dagen_te_laat'] = '' if traced.dagen_te_laat is None else str(traced.dagen_te_laat)


def _digest(value: object) -> bytes:
    """``repr`` is what the view shows: its dataclasses spell out every field."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).digest()


def outdated_views(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages showing a toezegging whose trace changed since the last build, or linking to
    a letter whose page or Betreft changed: write again; and pages with sphinx-needs' own
    views when any need may have changed (they are not written again by sphinx-needs:
    docs/architecture.rst, What sphinx-needs does)."""
    domain = get_domain(env)
    build = domain.build  # every document is read: what was computed before is stale
    build.traces = build.traces_by_place = build.row_html = None
    build.indexes.clear()
    # what each view shows, as a 16-byte digest: the environment keeps thousands of them
    shown = {id_: _digest(t) for id_, t in current_traces(env).items()}
    for letter in domain.index('kamerbrief').values():  # what a :kamerbrief: link shows
        shown[letter_view(letter.id)] = _digest((letter.docname, letter.betreft))
    previous = domain.data['shown']
    changed = {i for i in shown.keys() | previous.keys() if shown.get(i) != previous.get(i)}
    domain.data['shown'] = shown
    changed_traces = {i for i in changed if not i.startswith(letter_view(''))}
    pages = {
        docname
        for docname, ids in domain.views.items()
        if (ALL in ids and changed_traces) or not ids.isdisjoint(changed)
    }
    if changed or domain.build.documents_changed:  # a need may have changed: sphinx-needs' views
        pages |= domain.data['needs_views']
    return remember(app, pages)


class MotieDirective(ToezeggingDirective):
    """``.. motie:: text``: a motie the Kamer adopted, traced as a toezegging is.

    Its ``:kamerstuk:`` is the motie's own paper (its vindplaats), ``:indieners:`` who
    submitted it, ``:datum:`` the day it was adopted."""

    known_options = (
        *(name for name in ToezeggingDirective.known_options if name != 'vindplaats'),
        'kamerstuk',
        'indieners',
    )
    soort = 'motie'
    vindplaats_option = 'kamerstuk'

    def argument_meaning(self) -> str:
        return __('the text of the motie')


def report_deadlines(app: Sphinx, exception: Exception | None) -> None:
    """One line at the end of a build: how many are overdue, how many due soon
    (``kamerstuk_binnenkort_dagen``). Information for the console, not a warning."""
    if exception is not None or not all_toezeggingen(app.env):
        return
    traces = list(current_traces(app.env).values())
    days = app.config.kamerstuk_binnenkort_dagen
    overdue = sum(t.status == 'verlopen' for t in traces)
    soon = len(due_within(traces, peildatum(app.config), days))
    logger.info(
        __('toezeggingen: %(overdue)d overdue, %(soon)d due within %(days)d days')
        % {'overdue': overdue, 'soon': soon, 'days': days}
    )


def setup_toezeggingen(app: Sphinx) -> None:
    skip = (_skip, None)
    for node in (toezegging_box, toezeggingen_table, letter_toezeggingen, toezegging_badge):
        app.add_node(node, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    claim_directive(app, 'toezegging', ToezeggingDirective)
    claim_directive(app, 'motie', MotieDirective)
    app.add_directive('toezeggingen', ToezeggingenDirective)
    add_xref_role(app, 'toezegging', ToezeggingRole())
    app.connect('needs-before-sealing', copy_status_into_needs)
    app.connect('doctree-read', add_letter_box)
    app.connect('doctree-resolved', fill_views)
    app.connect('env-check-consistency', check_toezeggingen)
    app.connect('env-updated', outdated_views)
    app.connect('build-finished', report_deadlines)


def _skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Placeholders are filled before writing; a builder that skips that sees nothing."""
    raise nodes.SkipNode
