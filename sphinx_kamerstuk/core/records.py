"""The records kept in the environment: plain, picklable, no docutils nodes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from sphinx_kamerstuk.core.citations import Citation

#: The addressee blocks for the ``:aan:`` shorthands (docs/domain.rst, The Kamerbrief).
ADDRESSEES: dict[str, tuple[str, ...]] = {
    'tk': (
        'De Voorzitter van de Tweede Kamer',
        'der Staten-Generaal',
        'Postbus 20018',
        '2500 EA  DEN HAAG',
    ),
    'ek': (
        'De Voorzitter van de Eerste Kamer',
        'der Staten-Generaal',
        'Postbus 20017',
        '2500 EA  DEN HAAG',
    ),
}
#: What ``:aan:`` accepts for a chamber, lower case, spaces collapsed.
CHAMBER_NAMES: dict[str, str] = {
    'tk': 'tk',
    'ek': 'ek',
    'tweede kamer': 'tk',
    'eerste kamer': 'ek',
    'de tweede kamer': 'tk',
    'de eerste kamer': 'ek',
    'tweede kamer der staten-generaal': 'tk',
    'eerste kamer der staten-generaal': 'ek',
}
#: The chambers by the name officielebekendmakingen gives them.
CHAMBER_TITLES: dict[str, str] = {
    'tk': 'Tweede Kamer der Staten-Generaal',
    'ek': 'Eerste Kamer der Staten-Generaal',
}


@dataclass(frozen=True)
class Signatory:
    """One signature block: the office (``functie``) and the name."""

    functie: str
    naam: str
    #: A mede-ondertekenaar, signing with the eerste ondertekenaar.
    mede: bool = False


@dataclass(frozen=True)
class Afzender:
    """What the ministry's colophon prints about the sender (``kamerstuk_afzender``)."""

    bezoekadres: tuple[str, ...] = ()
    postadres: tuple[str, ...] = ()
    #: As shown (``www.rijksoverheid.nl/bz``); :attr:`url` is where it links.
    website: str = ''
    #: Further lines: a telephone number, an e-mail address.
    regels: tuple[str, ...] = ()
    #: Print "Correspondentie uitsluitend richten aan het hierboven vermelde postadres ...".
    correspondentie: bool = False

    @property
    def url(self) -> str:
        if not self.website or '://' in self.website:
            return self.website
        return f'https://{self.website}'

    @property
    def shown_website(self) -> str:
        return self.website.split('://', 1)[-1].rstrip('/')


@dataclass(frozen=True)
class Letter:
    """A Kamerbrief's metadata, as the ``kamerbrief`` directive read it."""

    docname: str
    lineno: int | None
    id: str
    #: The subject (Betreft).
    betreft: str
    #: The addressee blocks, one per addressee (both chambers: two), one line per item.
    aan: tuple[tuple[str, ...], ...]
    #: ISO date; ``None`` for a draft (concept).
    datum: str | None = None
    #: The date as written when it could not be read; shown instead of a date.
    datum_text: str = ''
    ministerie: str = ''
    directie: str = ''
    retouradres: str = ''
    contactpersoon: str = ''
    kenmerk: str = ''
    uw_kenmerk: str = ''
    #: The number of enclosures, given or counted from ``bijlagen_titels``.
    bijlagen: int = 0
    bijlagen_titels: tuple[str, ...] = ()
    ondertekenaars: tuple[Signatory, ...] = ()
    mede_namens: tuple[str, ...] = ()
    #: The letter's own publications, once known: one, or one per chamber for a letter
    #: published in both (``32 802, nr. 73`` and ``33 328, AG``).
    kamerstukken: tuple[Citation, ...] = ()
    #: ``:kamerstuk:`` lines as written, kept when they cannot be read.
    kamerstuk_text: tuple[str, ...] = ()
    #: The dossiers the letter belongs to: number (``29\u00a0344``) and title.
    dossiers: tuple[tuple[str, str], ...] = ()
    #: The letter's Tweede Kamer DocumentNummer (``2026D12345``), once known.
    tk_document: str = ''
    #: Ids of toezeggingen this letter fulfils, fully or in part.
    vervult: tuple[str, ...] = ()
    vervult_deels: tuple[str, ...] = ()
    #: The chambers addressed (``tk``, ``ek``), in the order written; none for a free
    #: address.
    kamers: tuple[str, ...] = ()
    #: The sender's colophon lines, from ``kamerstuk_afzender``; ``None`` when not set or
    #: the letter names another ministry.
    afzender: Afzender | None = None
    #: The logo's file name in the output (``kamerstuk_logo``), under the same rule.
    logo: str = ''
    #: Where the letter is: ``''`` a page of the project; ``'extern'`` a published
    #: document a toezegging's ``:vervuld-door:`` names; ``'register'`` what the Kamer's
    #: register records as fulfilling it (no date, no page).
    bron: Literal['', 'extern', 'register'] = ''

    @property
    def kamerstuk(self) -> Citation | None:
        """The first publication: the one the letter is cited by."""
        return self.kamerstukken[0] if self.kamerstukken else None

    @property
    def concept(self) -> bool:
        """A letter without a (readable) date is a draft."""
        return self.datum is None

    @property
    def date(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.datum) if self.datum else None


@dataclass(frozen=True)
class Toezegging:
    """A commitment, as the ``toezegging`` directive (or a register) records it."""

    docname: str
    lineno: int | None
    #: Register number (``TZ202606-012``, ``T01237``) or a local id.
    id: str
    #: The commitment itself.
    tekst: str
    bewindspersoon: str = ''
    functie: str = ''
    ministerie: str = ''
    #: ``"tk"`` or ``"ek"``.
    kamer: str = 'tk'
    #: The debate or meeting it was made in, and its number (``2026A01234``).
    activiteit: str = ''
    activiteit_nummer: str = ''
    #: When it was made (ISO date).
    datum: str | None = None
    toegezegd_aan: str = ''
    #: The deadline as written ("voor de zomer 2026") and as a date (ISO), if readable.
    termijn_tekst: str = ''
    termijn: str | None = None
    #: Set by hand: lapsed or withdrawn.
    vervallen: bool = False
    #: Earlier toezeggingen this one repeats, amends or supplements.
    herhaalt: tuple[str, ...] = ()
    wijzigt: tuple[str, ...] = ()
    vult_aan: tuple[str, ...] = ()
    #: ``"tk"`` or ``"ek"`` when the Kamer's register has it (``kamerstuk_registers``).
    register: str = ''
    #: The register's own status and fulfilling documents, for reconciliation.
    register_status: str = ''
    register_brieven: tuple[str, ...] = ()
    register_termijn: str | None = None
    #: The fields whose value came from the register rather than the sources.
    uit_register: tuple[str, ...] = ()
    #: Where to read it when no page of the project holds it.
    bron_url: str = ''
    #: Documents outside the project that fulfil it (``:vervuld-door:``), as letters.
    extern: tuple[Letter, ...] = ()
    #: Where it was made, as a citation (the Handelingen item, a verslag), and as
    #: written when that cannot be read.
    vindplaats: Citation | None = None
    vindplaats_tekst: str = ''
    #: The committee that follows it (the Eerste Kamer's register names one).
    commissie: str = ''
    #: A recurring termijn's deadlines (ISO, ascending), up to ``tot``: ``termijn`` is
    #: then the next one, as the trace finds it at the peildatum.
    termijnen: tuple[str, ...] = ()
    #: The last day a recurring toezegging runs (``:tot:``).
    tot: str | None = None
    #: ``"toezegging"``, or ``"motie"``: a motie the Kamer adopted asking the government to
    #: act, with its own Kamerstuk (``vindplaats``) and its ``indieners``.
    soort: Literal['toezegging', 'motie'] = 'toezegging'
    indieners: str = ''


class CitationUse(NamedTuple):
    """One citation role in a document."""

    #: The citing document.
    docname: str
    #: Its line, for messages.
    lineno: int | None
    #: The id of the role's node, for links back from reference lists.
    target_id: str
    citation: Citation
