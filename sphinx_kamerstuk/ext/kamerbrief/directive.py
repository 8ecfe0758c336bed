"""The ``kamerbrief`` and ``ondertekening`` directives: a document that is a letter.

The directive reads and checks the letter's metadata into a :class:`Letter`, keeps it
in the domain, and leaves two nodes in the tree: the letterhead where the directive
stands, and the signature at ``ondertekening`` or at the end of the document. Both
carry the ``Letter``; HTML, LaTeX and text render it themselves (``writers.py``), other
builders render the plain docutils children made here.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_kamerstuk.core.citations import CitationError, parse
from sphinx_kamerstuk.core.records import (
    ADDRESSEES,
    CHAMBER_NAMES,
    CHAMBER_TITLES,
    Letter,
    Signatory,
)
from sphinx_kamerstuk.ext.citations.display import shown
from sphinx_kamerstuk.ext.config import afzender_record
from sphinx_kamerstuk.ext.directive import iso_date
from sphinx_kamerstuk.ext.domain import KamerstukXRefRole, add_xref_role, get_domain, letter_view
from sphinx_kamerstuk.ext.i18n import _, __, spelled_date
from sphinx_kamerstuk.ext.kamerbrief.logo import output_name
from sphinx_kamerstuk.ext.messages import log_warning
from sphinx_kamerstuk.ext.needs import claim_directive, letter_need, sphinx_app
from sphinx_kamerstuk.ext.options import OptionsDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_kamerstuk.core.citations import Citation

logger = logging.getLogger(__name__)

_ID = re.compile(r'[A-Za-z0-9][A-Za-z0-9_.-]*')


class kamerbrief_header(nodes.General, nodes.Element):  # docutils names nodes in lower case
    """The letterhead: addressee, colophon, date and subject. Holds ``letter``."""


class kamerbrief_signature(nodes.General, nodes.Element):
    """The signature block, mede namens and enclosures. Holds ``letter`` once placed."""


# --- what the letter shows, shared by every writer -----------------------------------


def draft_label() -> str:
    return _('Draft')


def enclosures_label() -> str:
    return _('Enclosures')


def format_datum(letter: Letter, language: str | None) -> str:
    """The date spelled out in the document language, or what stands in for it."""
    if letter.datum is None:
        return letter.datum_text or _('[date]')
    return spelled_date(letter.datum, language)


def return_line(letter: Letter) -> str:
    # Not _() inside f-strings: the message extractor cannot see into them on 3.11.
    return '> ' + _('Return address') + ' ' + letter.retouradres if letter.retouradres else ''


def colophon(letter: Letter, config: Config) -> list[tuple[str, str, str | None]]:
    """The labelled colophon rows (label, value, link) that have a value, in letter order."""
    rows: list[tuple[str, str, str | None]] = [
        (_('Contact'), letter.contactpersoon, None),
        (_('Our reference'), letter.kenmerk, None),
        (_('Your reference'), letter.uw_kenmerk, None),
        (enclosures_label(), str(letter.bijlagen) if letter.bijlagen else '', None),
    ]
    for kamerstuk in letter.kamerstukken:
        url = kamerstuk.url_at(config.kamerstuk_url_base)
        rows.append((_('Kamerstuk'), shown(kamerstuk, config), url))
    rows += [(_('Kamerstuk'), text, None) for text in letter.kamerstuk_text]
    rows += [(_('Dossier'), f'{number} {title}'.strip(), None) for number, title in letter.dossiers]
    rows.append((_('Tweede Kamer document'), letter.tk_document, None))
    return [row for row in rows if row[1]]


def sender_blocks(letter: Letter) -> list[tuple[str, tuple[str, ...], str | None]]:
    """The ministry's own colophon lines (label, lines, link) under its name."""
    afzender = letter.afzender
    if afzender is None:
        return []
    blocks = [
        (_('Visiting address'), afzender.bezoekadres, None),
        (_('Postal address'), afzender.postadres, None),
        ('', (afzender.shown_website,) if afzender.website else (), afzender.url or None),
        ('', afzender.regels, None),
    ]
    return [block for block in blocks if block[1]]


def correspondence_note(letter: Letter) -> str:
    if letter.afzender is None or not letter.afzender.correspondentie:
        return ''
    return _(
        'Please address all correspondence to the postal address above, quoting the date '
        'and reference of this letter.'
    )


def date_and_subject(letter: Letter, config: Config) -> list[tuple[str, str]]:
    return [(_('Date'), format_datum(letter, config.language)), (_('Subject'), letter.betreft)]


def mede_namens_line(letter: Letter) -> str:
    if not letter.mede_namens:
        return ''
    return _('also on behalf of') + ' ' + ' '.join(letter.mede_namens)


def signature_lines(signatory: Signatory) -> list[str]:
    """``De minister van ...,`` and the name, as the letter prints them."""
    functie = signatory.functie
    if functie and not functie.endswith(','):
        functie += ','
    return [line for line in (functie, signatory.naam) if line]


# --- the directives ------------------------------------------------------------------


#: A dossier line: the number (thousands separated or not), a suffix (``-33``, ``XIV``)
#: and the title.
_DOSSIER_LINE = re.compile(
    r'(?P<number>[0-9]{1,2}[ .\u00a0]?[0-9]{3})(?![0-9])'
    r'(?P<suffix>-[0-9]{1,3}|[ -][IVXLC]+(?![^\W_]))?'
    r'(?:\s+(?P<title>\S.*))?$'
)

OPTIONS = (
    'aan',
    'datum',
    'ministerie',
    'directie',
    'retouradres',
    'contactpersoon',
    'kenmerk',
    'uw-kenmerk',
    'bijlagen',
    'ondertekenaar',
    'mede-ondertekenaar',
    'mede-namens',
    'dossier',
    'kamerstuk',
    'vervult',
    'vervult-deels',
    'tk-document',
    'id',
)
#: Options whose repetitions add a line: a second signatory, dossier, enclosure, address
#: block (``:aan: tk`` then ``:aan: ek``) or contact line.
REPEATABLE = frozenset(
    {
        'aan',
        'contactpersoon',
        'bijlagen',
        'kamerstuk',
        'ondertekenaar',
        'mede-ondertekenaar',
        'mede-namens',
        'dossier',
        'vervult',
        'vervult-deels',
    }
)


class KamerbriefDirective(OptionsDirective):
    """``.. kamerbrief:: Betreft`` with the letter's metadata as options."""

    known_options = OPTIONS
    repeatable_options = REPEATABLE

    def argument_meaning(self) -> str:
        return __("the letter's subject (Betreft)")

    def run(self) -> list[nodes.Node]:
        self.read_options()
        letter = self.read_letter()
        domain = get_domain(self.env)
        result: list[nodes.Node] = []
        if self.env.docname in domain.letters:
            self.warn(
                __(
                    'a second kamerbrief in this document; a document is one letter '
                    '(this one is shown, but only the first counts)'
                ),
                'kamerbrief',
            )
        else:
            domain.letters[self.env.docname] = letter
            result.extend(letter_need(sphinx_app(self.env), self.state, letter))
        header = kamerbrief_header('', *plain_letterhead(letter, self.config), letter=letter)
        self.set_source_info(header)
        result.append(header)
        if self.content:
            result.extend(self.parse_content_to_nodes())
        return result

    def read_letter(self) -> Letter:
        option = {name: self.options.get(name, '').strip() for name in OPTIONS}
        datum, datum_text = self.read_datum(option['datum'])
        bijlagen, titels = self.read_bijlagen(option['bijlagen'])
        kamerstukken, kamerstuk_text = self.read_kamerstukken(option['kamerstuk'])
        aan, kamers = self.read_aan(option['aan'])
        ondertekenaars = self.read_ondertekenaars(option['ondertekenaar'], 'ondertekenaar')
        if not ondertekenaars and (datum or datum_text):
            # a concept without date may still lack its signatory; a dated letter may not
            self.warn(
                __(
                    'the kamerbrief has a :datum: but no :ondertekenaar: '
                    "(expected 'Functie, Naam'); a letter is signed"
                ),
                'ondertekenaar',
            )
        # the ministry's colophon and logo only on its own letters
        own = option['ministerie'] in ('', self.config.kamerstuk_ministerie)
        return Letter(
            afzender=afzender_record(self.config.kamerstuk_afzender) if own else None,
            logo=output_name(self.config) if own else '',
            docname=self.env.docname,
            lineno=self.lineno,
            id=self.read_id(option['id']),
            betreft=' '.join(''.join(self.arguments).split()),
            aan=aan,
            kamers=kamers,
            datum=datum,
            datum_text=datum_text,
            ministerie=option['ministerie'] or self.config.kamerstuk_ministerie,
            directie=option['directie'],
            retouradres=' '.join(
                (option['retouradres'] or self.config.kamerstuk_retouradres).split()
            ),
            contactpersoon=option['contactpersoon'],
            kenmerk=option['kenmerk'],
            uw_kenmerk=option['uw-kenmerk'],
            bijlagen=bijlagen,
            bijlagen_titels=titels,
            ondertekenaars=ondertekenaars
            + self.read_ondertekenaars(option['mede-ondertekenaar'], 'mede-ondertekenaar'),
            mede_namens=tuple(_lines(option['mede-namens'])),
            kamerstukken=kamerstukken,
            kamerstuk_text=kamerstuk_text,
            dossiers=self.read_dossiers(option['dossier']),
            tk_document=self.read_tk_document(option['tk-document']),
            vervult=self.read_ids(option['vervult'], 'vervult'),
            vervult_deels=self.read_ids(option['vervult-deels'], 'vervult-deels'),
        )

    def read_aan(self, value: str) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
        """The addressee blocks and the chambers: ``tk``, ``ek``, their names, or a list of
        them (``tk, ek``, or one a line) for a letter to both; else a free address."""
        lines = _lines(value)
        if not lines:
            return (ADDRESSEES['tk'],), ('tk',)
        names = [' '.join(name.split()).lower() for line in lines for name in line.split(',')]
        if all(name in CHAMBER_NAMES for name in names):
            kamers = tuple(dict.fromkeys(CHAMBER_NAMES[name] for name in names))
            if len(kamers) < len(names):
                self.warn(
                    __(':aan: names a chamber twice (%r); it is addressed once') % value.strip(),
                    'option',
                )
            return tuple(ADDRESSEES[kamer] for kamer in kamers), kamers
        if len(lines) == 1:
            self.warn(
                __(
                    ":aan: %r is one line, an address without postal lines: expected 'tk', "
                    "'ek', 'tk, ek' or an address of several lines (shown as written)"
                )
                % lines[0],
                'option',
            )
        return (tuple(lines),), ()

    def read_datum(self, value: str) -> tuple[str | None, str]:
        if not value:
            return None, ''
        datum = iso_date(value)
        if datum is None:
            self.warn(
                __(
                    'invalid :datum: %r: expected a date that exists, written YYYY-MM-DD '
                    '(such as 2026-06-10); the letter counts as a concept'
                )
                % value,
                'datum',
            )
            return None, value
        return datum, ''

    def read_bijlagen(self, value: str) -> tuple[int, tuple[str, ...]]:
        if value.isdigit():
            return int(value), ()
        titles = tuple(_lines(value))
        return len(titles), titles

    def read_ondertekenaars(self, value: str, option: str) -> tuple[Signatory, ...]:
        """One signatory a line; ``mede-ondertekenaar`` lines sign with the first."""
        signatories = []
        for line in _lines(value):
            functie, comma, naam = line.rpartition(',')
            if not comma or not functie.strip() or not naam.strip():
                self.warn(
                    __(
                        "incomplete :%(option)s: line %(line)r: expected 'Functie, Naam', "
                        "such as 'De minister van Buitenlandse Zaken, D.M. van Weel'"
                    )
                    % {'option': option, 'line': line},
                    'ondertekenaar',
                )
            # what is there is shown: an office without name, or a name without office
            if not comma:
                functie, naam = line, ''
            mede = option == 'mede-ondertekenaar'
            signatories.append(Signatory(functie.strip(), naam.strip(), mede))
        return tuple(signatories)

    def read_kamerstukken(self, value: str) -> tuple[tuple[Citation, ...], tuple[str, ...]]:
        """The letter's publications, one a line, and the lines that cannot be read."""
        citations: list[Citation] = []
        unread: list[str] = []
        for line in _lines(value):
            citation = self.read_kamerstuk(line)
            if citation is None:
                unread.append(line)
            elif citation.obl_id in {known.obl_id for known in citations}:
                self.warn(__(':kamerstuk: names %r twice') % line, 'option')
            else:
                citations.append(citation)
        return tuple(citations), tuple(unread)

    def read_kamerstuk(self, value: str) -> Citation | None:
        try:
            citation = parse(value, kind='kamerstuk')
        except CitationError as exc:
            self.warn(__('cannot read :kamerstuk: %r: %s') % (value, exc.message(__)), 'citation')
            return None
        if citation.kind != 'kamerstuk':
            self.warn(
                __(
                    ':kamerstuk: %r is not a single Kamerstuk (it is a %s reference); expected '
                    "a dossier and ondernummer such as '36600-V-12'"
                )
                % (value, citation.kind),
                'citation_kind',
            )
            return None
        return citation

    def read_dossiers(self, value: str) -> tuple[tuple[str, str], ...]:
        """One dossier a line, its number and title (``29 344 Terugkeerbeleid``); the
        number shown with an unbreakable thousands space."""
        dossiers = []
        for line in _lines(value):
            match = _DOSSIER_LINE.match(line)
            if match is None:
                self.warn(
                    __(
                        ':dossier: %r does not start with a dossier number such as '
                        "'29 344 Terugkeerbeleid' or '21 501-33 Raad voor Vervoer' "
                        '(shown as written)'
                    )
                    % line,
                    'option',
                )
                dossiers.append(('', line))
                continue
            digits = re.sub(r'[ .\u00a0]', '', match['number'])
            number = f'{digits[:-3]}\u00a0{digits[-3:]}' + (match['suffix'] or '')
            dossiers.append((number, match['title'] or ''))
        return tuple(dossiers)

    def read_tk_document(self, value: str) -> str:
        if value and not re.fullmatch(r'\d{4}D\d{5}', value):
            self.warn(
                __(
                    ':tk-document: %r is not a Tweede Kamer DocumentNummer such as '
                    "'2026D12345' (kept as written)"
                )
                % value,
                'option',
            )
        return value

    def read_id(self, value: str) -> str:
        default = self.env.docname.replace('/', '-')
        if not value:
            return default
        if not _ID.fullmatch(value):
            self.warn(
                __('invalid kamerbrief :id: %r: expected letters, digits, ., - and _; using %r')
                % (value, default),
                'option',
            )
            return default
        return value


class OndertekeningDirective(SphinxDirective):
    """``.. ondertekening::``: where the signature goes, if not at the end."""

    def run(self) -> list[nodes.Node]:
        node = kamerbrief_signature()
        self.set_source_info(node)
        return [node]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


# --- plain docutils rendering, for builders without their own ------------------------


def plain_letterhead(letter: Letter, config: Config) -> list[nodes.Node]:
    """The letterhead as ordinary nodes (line blocks and a field list)."""
    result: list[nodes.Node] = []
    if letter.retouradres:
        result.append(_line_block([return_line(letter)], 'kamerbrief-retouradres'))
    result += [_line_block(list(address), 'kamerbrief-aan') for address in letter.aan]
    head = [line for line in (letter.ministerie, letter.directie) if line]
    for label, lines, _url in sender_blocks(letter):
        head += [label, *lines] if label else lines
    if head:
        result.append(_line_block(head, 'kamerbrief-afzender'))
    rows = [(label, value) for label, value, _url in colophon(letter, config)]
    fields = nodes.field_list()
    for label, value in [*rows, *date_and_subject(letter, config)]:
        fields += nodes.field(
            '', nodes.field_name(label, label), nodes.field_body('', nodes.paragraph(value, value))
        )
    result.append(fields)
    return result


def plain_signature(letter: Letter) -> list[nodes.Node]:
    result: list[nodes.Node] = [
        _line_block(signature_lines(signatory), 'kamerbrief-ondertekenaar')
        for signatory in letter.ondertekenaars
    ]
    if letter.mede_namens:
        line = mede_namens_line(letter)
        result.append(nodes.paragraph(line, line, classes=['kamerbrief-mede-namens']))
    if letter.bijlagen_titels:
        label = enclosures_label()
        result.append(nodes.rubric(label, label))
        items = nodes.bullet_list()
        for title in letter.bijlagen_titels:
            items += nodes.list_item('', nodes.paragraph(title, title))
        result.append(items)
    return result


def _line_block(lines: list[str], css_class: str) -> nodes.line_block:
    block = nodes.line_block(classes=[css_class])
    for line in lines:
        block += nodes.line(line, line)
    return block


# --- placing the signature and checking the project ------------------------------------


_AFTER_SIGNATURE = (
    nodes.footnote,
    nodes.citation,
    nodes.target,
    nodes.comment,
    nodes.substitution_definition,
)


def place_signature(app: Sphinx, doctree: nodes.document) -> None:
    """Fill ``ondertekening`` placeholders, or sign at the end of the letter."""
    letter = get_domain(app.env).letters.get(app.env.docname)
    placeholders = list(doctree.findall(kamerbrief_signature))
    if letter is None:
        for placeholder in placeholders:
            log_warning(
                logger,
                __(
                    'ondertekening outside a kamerbrief: this document has no kamerbrief '
                    'directive, so there is no one to sign'
                ),
                'kamerbrief',
                placeholder,
            )
            placeholder.parent.remove(placeholder)
        return
    if not placeholders:
        end: nodes.Element = doctree
        while end.children and isinstance(end.children[-1], nodes.section):
            end = end.children[-1]
        # Sign after the last paragraph, before the footnotes written below it.
        position = len(end.children)
        while position and isinstance(end.children[position - 1], _AFTER_SIGNATURE):
            position -= 1
        placeholder = kamerbrief_signature()
        end.insert(position, placeholder)
        placeholders = [placeholder]
    for placeholder in placeholders:
        placeholder['letter'] = letter
        placeholder.extend(plain_signature(letter))


def letter_metatags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The officielebekendmakingen metadata names, for search engines and archives."""
    letter = get_domain(app.env).letters.get(pagename)
    if letter is None or doctree is None:
        return
    pairs = [('DC.title', letter.betreft), ('DC.creator', letter.ministerie)]
    pairs += [('DCTERMS.audience', CHAMBER_TITLES[kamer]) for kamer in letter.kamers]
    if letter.datum:
        pairs.append(('DCTERMS.issued', letter.datum))
    if letter.kamerstuk is not None:
        pairs += [
            ('OVERHEIDop.dossiernummer', letter.kamerstuk.dossier or ''),
            ('OVERHEIDop.ondernummer', letter.kamerstuk.ondernummer or ''),
            ('OVERHEIDop.vergaderjaar', letter.kamerstuk.vergaderjaar or ''),
        ]
    pairs += [('OVERHEIDop.indiener', signatory.naam) for signatory in letter.ondertekenaars]
    tags = ''.join(
        f'<meta name="{name}" content="{escape(value, quote=True)}" />\n'
        for name, value in pairs
        if value
    )
    context['metatags'] = context.get('metatags', '') + tags


class KamerbriefRole(KamerstukXRefRole):
    """``:kamerbrief:`brief-id```: a link to the letter, with its Betreft as the text
    unless one is given (``:kamerbrief:`de brief <brief-id>```)."""

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: nodes.Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        get_domain(env).note_view(env.docname, [letter_view(node.get('reftarget', self.target))])
        return [node], []


def setup_kamerbrief(app: Sphinx) -> None:
    claim_directive(app, 'kamerbrief', KamerbriefDirective)
    app.add_directive('ondertekening', OndertekeningDirective)
    add_xref_role(app, 'kamerbrief', KamerbriefRole())
    app.connect('doctree-read', place_signature)
    app.connect('html-page-context', letter_metatags)
