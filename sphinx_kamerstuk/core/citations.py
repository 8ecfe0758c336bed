"""Read, normalise and format references to Dutch parliamentary papers.

Pure Python on purpose: the Sphinx roles, the ``sphinx-kamerstuk check`` command and
other tools share this one grammar, so it imports nothing from Sphinx or docutils.
The forms it accepts are those real documents use (docs/domain.rst, The citation grammar;
the ids it derives: Citation ids); the two
output styles are the Aanwijzingen voor de regelgeving (aanwijzing 3.43/3.45) and the
form Kamerbrieven use ("Kamerstuk 22 112, nr. 4363").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar, get_args

from sphinx_kamerstuk.core.dutch import MONTHS

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    'DEFAULT_URL_BASE',
    'KINDS',
    'ROLE_FOR_KIND',
    'ROLE_KINDS',
    'STYLES',
    'Citation',
    'CitationError',
    'Dossier',
    'Found',
    'find_all',
    'parse',
    'publications',
    'same_publication',
]

DEFAULT_URL_BASE = 'https://zoek.officielebekendmakingen.nl/'

#: Every kind, in the order reference lists sort them.
Kind = Literal[
    'kamerstuk',
    'dossier',
    'handelingen',
    'aanhangsel',
    'staatsblad',
    'staatscourant',
    'tractatenblad',
]
KINDS: tuple[Kind, ...] = get_args(Kind)
#: Every citation role and the kind of reference it expects.
ROLE_KINDS: dict[str, Kind] = {
    'kamerstuk': 'kamerstuk',
    'kst': 'kamerstuk',
    'handelingen': 'handelingen',
    'aanhangsel': 'aanhangsel',
    'stb': 'staatsblad',
    'stcrt': 'staatscourant',
    'trb': 'tractatenblad',
}
#: The markup role each kind is best written with (``:kst:`...```).
ROLE_FOR_KIND: dict[Kind, str] = {
    'kamerstuk': 'kst',
    'dossier': 'kst',
    'handelingen': 'handelingen',
    'aanhangsel': 'aanhangsel',
    'staatsblad': 'stb',
    'staatscourant': 'stcrt',
    'tractatenblad': 'trb',
}
Style = Literal['aanwijzingen', 'kamerbrief']
STYLES: tuple[Style, ...] = get_args(Style)

#: The first vergaderjaar whose Handelingen are published per agenda item.
_FIRST_ITEM_YEAR = 2010

_BLAD_ABBREVIATION = {'staatsblad': 'Stb.', 'staatscourant': 'Stcrt.', 'tractatenblad': 'Trb.'}
_BLAD_ID_PREFIX = {'staatsblad': 'stb', 'staatscourant': 'stcrt', 'tractatenblad': 'trb'}


class CitationError(ValueError):
    """A reference that cannot be read; says what was expected and where."""

    def __init__(self, text: str, position: int, expected: str) -> None:
        self.text = text
        #: 0-based offset into ``text`` where reading failed.
        self.position = position
        #: What the grammar expected at ``position``, in words.
        self.expected = expected
        # Look at no more of the text than is shown: find_all raises these at every
        # false start, and copying the rest of a long document each time is quadratic.
        start = _NOT_SPACE.search(text, position)
        if start is None:
            found = 'the end'
        else:
            more = _NOT_SPACE.search(text, start.start() + 25) is not None
            shown = text[start.start() : start.start() + 25]
            found = repr(shown + '…' if more else shown.rstrip())
        super().__init__(f'expected {expected} at character {position + 1}, found {found}')


_NOT_SPACE = re.compile(r'\S')


def _reduce(self: Dossier | Citation) -> tuple[type, tuple[object, ...]]:
    """Pickle as a constructor call: a build environment holds thousands of citations,
    and the default for slotted dataclasses looks up the fields for every one."""
    return (type(self), tuple(getattr(self, name) for name in self.__slots__))


@dataclass(frozen=True, slots=True)
class Dossier:
    """A Kamerstukdossier: its number, toevoeging and rijkswet number."""

    #: The vetnummer without separators: ``"22112"``.
    number: str
    #: The toevoeging as printed: ``"XV"``, ``"A"``, ``"02"``; ``None`` when absent.
    suffix: str | None = None
    #: The rijkswet number: ``"R2137"``; never part of an officielebekendmakingen id.
    rijkswet: str | None = None

    def format(self, style: Style) -> str:
        number = self.number
        if style == 'kamerbrief' and len(number) == 5:
            number = f'{number[:2]} {number[2:]}'
        if self.suffix:
            joiner = ' ' if style == 'aanwijzingen' and not self.suffix.isdigit() else '-'
            number += joiner + self.suffix
        if self.rijkswet:
            number += f' ({self.rijkswet})'
        return number

    __reduce__ = _reduce


@dataclass(frozen=True, slots=True)
class Citation:
    """One reference to a parliamentary paper, the Handelingen or an official journal."""

    kind: Kind
    #: ``"I"`` (Eerste Kamer), ``"II"`` (Tweede Kamer) or ``None``.
    chamber: str | None = None
    #: ``"2025-2026"``; ``None`` when not given.
    vergaderjaar: str | None = None
    #: Last vergaderjaar of a span such as ``1993/94-1996/97``.
    vergaderjaar_end: str | None = None
    dossiers: tuple[Dossier, ...] = ()
    #: ``("4363",)``, ``("520", "548")``, ``("D",)``; a range is one item ``"1-3"``.
    ondernummers: tuple[str, ...] = ()
    #: "Bijlage bij Kamerstukken ...": an annex of the cited document.
    bijlage: bool = False
    #: Handelingen: the meeting number (``nr. 45``).
    vergadernummer: str | None = None
    #: Handelingen: the agenda item (``item 12``).
    item: str | None = None
    #: Handelingen: the debate named instead of an item.
    debat: str | None = None
    #: Page reference as written, normalised: ``"7"``, ``"7-8"``, ``"5 e.v."``.
    pages: str | None = None
    #: Staatsblad, Staatscourant, Tractatenblad: year of publication.
    year: str | None = None
    #: Blads: the volgnummer; Aanhangsel: the aanhangselnummer.
    number: str | None = None
    #: Staatscourant before 2009, cited by issue date: ``"2005-06-16"``.
    date: str | None = None

    __reduce__ = _reduce

    @property
    def dossier(self) -> str | None:
        """The (first) dossier number."""
        return self.dossiers[0].number if self.dossiers else None

    @property
    def suffix(self) -> str | None:
        """The toevoeging of the (first) dossier."""
        return self.dossiers[0].suffix if self.dossiers else None

    @property
    def ondernummer(self) -> str | None:
        """The single ondernummer, or ``None`` when there are none or several."""
        return self.ondernummers[0] if len(self.ondernummers) == 1 else None

    @property
    def obl_ids(self) -> tuple[str, ...]:
        """Every officielebekendmakingen id the reference determines."""
        if self.kind == 'kamerstuk':
            first = self.dossiers[0]
            stem = f'kst-{first.number}' + (f'-{first.suffix}' if first.suffix else '')
            return tuple(f'{stem}-{nr}' for nr in _expand(self.ondernummers))
        if self.kind == 'handelingen':
            if (
                self.chamber
                and self.vergaderjaar
                and int(self.vergaderjaar[:4]) >= _FIRST_ITEM_YEAR
                and self.vergadernummer
                and self.item
            ):
                return (
                    (
                        f'h-{_house(self.chamber)}-{self.vergaderjaar.replace("-", "")}-'
                        f'{self.vergadernummer}-{self.item}'
                    ),
                )
            return ()
        if self.kind == 'aanhangsel':
            if self.chamber and self.vergaderjaar and self.number:
                year = self.vergaderjaar.replace('-', '')
                return (f'ah-{_house(self.chamber)}-{year}-{self.number}',)
            return ()
        if self.kind in _BLAD_ID_PREFIX and self.year and self.number and not self.date:
            return (f'{_BLAD_ID_PREFIX[self.kind]}-{self.year}-{self.number}',)
        return ()

    @property
    def obl_id(self) -> str | None:
        """The one officielebekendmakingen id, or ``None`` if not exactly one."""
        ids = self.obl_ids
        return ids[0] if len(ids) == 1 else None

    @property
    def url(self) -> str | None:
        """The publication's address at the default base."""
        return self.url_at(DEFAULT_URL_BASE)

    def url_at(self, base: str) -> str | None:
        """The publication's address under ``base`` (``kamerstuk_url_base``)."""
        if self.obl_id:
            return f'{base}{self.obl_id}.html'
        if (
            self.kind == 'handelingen'
            and self.chamber
            and self.vergaderjaar
            and self.vergadernummer
            and int(self.vergaderjaar[:4]) >= _FIRST_ITEM_YEAR
        ):
            house = _house(self.chamber).upper()
            return f'{base}handelingen/{house}/{self.vergaderjaar}/{self.vergadernummer}/'
        return None

    def format(self, style: Style = 'aanwijzingen') -> str:
        """The reference in the official (``aanwijzingen``) or letter style."""
        if style not in STYLES:
            raise ValueError(f'style must be one of {", ".join(STYLES)}, not {style!r}')
        if self.kind in ('kamerstuk', 'dossier'):
            text = self._format_kamerstuk(style)
        elif self.kind == 'handelingen':
            text = ' '.join(filter(None, ('Handelingen', self.chamber, self._years())))
            if self.vergadernummer:
                text += f', nr. {self.vergadernummer}'
            if self.item:
                text += f', item {self.item}'
        elif self.kind == 'aanhangsel':
            parts = ('Aanhangsel Handelingen', self.chamber, self._years())
            text = ' '.join(filter(None, parts)) + f', nr. {self.number}'
        elif self.date:
            year, month, day = self.date.split('-')
            text = f'Staatscourant van {int(day)} {MONTHS[int(month) - 1]} {year}'
            text += f', nr. {self.number}'
        else:
            text = _BLAD_ABBREVIATION[self.kind] + ' '
            if self.number is None:
                text += '…, …'
            else:
                text += f'{self.year}, {self.number}' if self.year else self.number
        if self.pages:
            text += f', p. {self.pages}'
        if self.debat:
            text += f', debat over {self.debat}'
        return text

    def _format_kamerstuk(self, style: Style) -> str:
        many = len(self.ondernummers) > 1 or '-' in ''.join(self.ondernummers)
        if style == 'kamerbrief':
            text = 'Kamerstukken' if many else 'Kamerstuk'
        else:
            text = ' '.join(filter(None, ('Kamerstukken', self.chamber, self._years())))
        if self.bijlage:
            text = 'Bijlage bij ' + text
        text += ' ' if style == 'kamerbrief' or text.endswith('Kamerstukken') else ', '
        text += ' / '.join(dossier.format(style) for dossier in self.dossiers)
        if many:
            text += ', nrs. ' + _join_dutch(self.ondernummers)
        elif self.ondernummers:
            nr = self.ondernummers[0]
            text += f', {nr}' if nr.isalpha() else f', nr. {nr}'
        return text

    def _years(self) -> str | None:
        if not self.vergaderjaar:
            return None
        if self.vergaderjaar_end:
            return f'{_short_year(self.vergaderjaar)}-{_short_year(self.vergaderjaar_end)}'
        return _short_year(self.vergaderjaar)

    def sort_key(self) -> tuple[object, ...]:
        """Order for reference lists: kind, chamber, vergaderjaar, dossier, number."""
        rank = KINDS.index('kamerstuk' if self.kind == 'dossier' else self.kind)
        dossier = self.dossiers[0] if self.dossiers else Dossier('0')
        return (
            rank,
            self.chamber or '',
            self.vergaderjaar or '',
            int(dossier.number),
            dossier.suffix or '',
            [_natural(nr) for nr in self.ondernummers],
            _natural(self.vergadernummer or ''),
            _natural(self.item or ''),
            self.year or '',
            _natural(self.number or ''),
            repr(self),  # a total order: equal keys mean equal citations
        )

    def __str__(self) -> str:
        return self.format()


class Found(NamedTuple):
    """A reference found in running text: its span and what it says."""

    start: int
    end: int
    text: str
    citation: Citation


T = TypeVar('T')


def same_publication(citation: Citation) -> Citation:
    """What identifies a publication: never its pages, nor a Kamerstuk's chamber and year."""
    if citation.kind in ('kamerstuk', 'dossier'):
        return replace(citation, pages=None, chamber=None, vergaderjaar=None, vergaderjaar_end=None)
    return replace(citation, pages=None)


def publications(cited: Iterable[tuple[Citation, T]]) -> list[tuple[Citation, list[T]]]:
    """Citations grouped per publication, each shown in its most complete form, sorted.

    ``cited`` pairs each citation with where it stands; the groups keep that order.
    """
    groups: dict[Citation, list[tuple[Citation, T]]] = {}
    for citation, where in cited:
        groups.setdefault(same_publication(citation), []).append((citation, where))
    entries = []
    for group in groups.values():
        shown = max(
            (citation for citation, _where in group),
            key=lambda c: (c.chamber is not None, c.vergaderjaar is not None, c.sort_key()),
        )
        entries.append((replace(shown, pages=None), [where for _citation, where in group]))
    return sorted(entries, key=lambda entry: entry[0].sort_key())


def _house(chamber: str) -> str:
    return 'tk' if chamber == 'II' else 'ek'


def _short_year(vergaderjaar: str) -> str:
    first, second = vergaderjaar.split('-')
    return f'{first}/{second[2:]}' if first[:2] == second[:2] else f'{first}/{second}'


def _join_dutch(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ', '.join(items[:-1]) + ' en ' + items[-1]


def _natural(text: str) -> tuple[int, str]:
    """Sort "9" before "10" and numbers before letters ("188b", "B")."""
    digits = text[: len(text) - len(text.lstrip('0123456789'))]
    return (int(digits) if digits else 1 << 30, text)


def _expand(ondernummers: tuple[str, ...]) -> list[str]:
    """Ondernummers with ranges spelled out (``1-3`` gives 1, 2, 3)."""
    out: list[str] = []
    for nr in ondernummers:
        low, dash, high = nr.partition('-')
        if dash and low.isdigit() and high.isdigit() and int(high) - int(low) <= 200:
            out.extend(str(n) for n in range(int(low), int(high) + 1))
        else:
            out.append(nr)
    return out


# --- the grammar --------------------------------------------------------------------
# Tokens are matched at a position with compiled patterns; whitespace is ``\s``, so
# line breaks and no-break spaces inside a reference need no pre-processing. It is
# matched possessively (``\s*+``): "\s*,?\s*nr" backtracking through a long run of
# spaces would make a failed match quadratic.

_DASH = r'\-' + '\u2010\u2011\u2012\u2013\u2014\u2212'
_I = re.IGNORECASE
_END = r'(?![^\W_])'  # not followed by a letter or digit
# Digits are [0-9] throughout: ``\d`` would also read Arabic-Indic or superscript digits.
_Y4 = r'((?:1[89]|20)[0-9]{2})'  # a plausible year, so "5123/5124" reads as two dossiers
_THOUSANDS = ' .\u00a0\u202f\u2009'
_ROMAN = r'(?-i:[IVXLC]{1,7}[AB]?)'

_WS = re.compile(r'\s*+')
_NUMBER = re.compile(r'([0-9]{1,6})(?![0-9])')
_SEP = re.compile(r'\s*+,?\s*+')
_KEYWORD = re.compile(
    r'(?P<bijlage>bijlage\s++bij\s++(?:de\s++)?)?'
    r'(?:(?P<kst>kamerstuk(?:ken)?' + _END + r'|kst\.)'
    r'|(?P<ah>(?:aanhangsel|aanh\.)(?:\s*+(?:bij|van)\s++de)?\s*+(?:handelingen'
    + _END
    + r'|hand\.)?)'
    r'|(?P<h>handelingen' + _END + r'|hand\.)'
    r'|(?P<stb>stb(?:\.|(?=\s))|staatsblad' + _END + r')'
    r'|(?P<stcrt>stcrt(?:\.|(?=\s))|staatscourant' + _END + r')'
    r'|(?P<trb>trb(?:\.|(?=\s))|tractatenblad' + _END + r'))',
    _I,
)
_CHAMBER = re.compile(r'(?:(II|TK)|(I|EK)|(tweede)\s++kamer|(eerste)\s++kamer)' + _END, _I)
_ONE_YEAR = _Y4 + r'\s*+[/' + _DASH + r']\s*+([0-9]{4}|[0-9]{2})(?![0-9])'
_YEAR = re.compile(
    r'(?:(?:zitting|vergaderjaar)\s++)?'
    + _ONE_YEAR
    + r'(?:\s*+['
    + _DASH
    + r']\s*+'
    + _ONE_YEAR
    + ')?',  # a span: 1993/94-1996/97
    _I,
)
_DOSSIER = re.compile(r'([0-9]{1,2})[' + _THOUSANDS + r']([0-9]{3})(?![0-9])|([0-9]{4,5})(?![0-9])')
# Between dossiers: "/" or "&"; "en" only before a five-digit number (not "en 2024");
# a bare space only in "35526 25295", where a slash was lost.
_NEXT_DOSSIER = re.compile(
    r'\s*+[/&]\s*+(?=[0-9]{1,2}[' + _THOUSANDS + r'][0-9]{3}(?![0-9])|[0-9]{4,5}(?![0-9]))'
    r'|\s++en\s++(?=[0-9]{2}[' + _THOUSANDS + r'][0-9]{3}(?![0-9])|[0-9]{5}(?![0-9]))'
    r'|\s++(?=[0-9]{5}(?![0-9]))'
)
_HOOFDSTUK = re.compile(r'[\s' + _DASH + r']*hoofdstuk\s++(' + _ROMAN + r')' + _END, _I)
_SUFFIX_WORD = re.compile(r'(?:\s*+[' + _DASH + r']\s*+|\s++)(' + _ROMAN + r'|[A-Z])' + _END)
_SUFFIX_SERIES = re.compile(r'\s*+[' + _DASH + r']\s*+([0-9]{2})(?![0-9])')
_RIJKSWET = re.compile(r'\s*+[' + _DASH + r']?\s*+\(\s*+R\s*+([0-9]{1,4})\s*+\)')
_NR = re.compile(r'\s*+,?\s*+(?:(nrs|nummers)|nr|nummer)(?:\.|' + _END + r')\s*+', _I)
_ONDERNR = re.compile(r'([0-9]+[a-z]?|[A-Z]{1,3})' + _END + r'(?![.,][0-9])')
_COMPACT_NR = re.compile(r'\s*+[' + _DASH + r']\s*+(?=[0-9A-Z])')
# Not before a number: "NR. 3" is the keyword, "35570, NR" an EK letter.
_EK_LETTER = re.compile(r'\s*+,\s*+([A-Z]{1,3})' + _END + r'(?!\.?\s*+[0-9])(?!\s*+,?\s*+nrs?\b)')
# "21 501-31" is a series when a rijkswet number, an ondernummer or a further dossier
# follows; the alternatives mirror what the dossier list and the ondernummers accept.
_SERIES_FOLLOWS = re.compile(
    _RIJKSWET.pattern
    + '|'
    + _NEXT_DOSSIER.pattern
    + r'|(?i:'
    + _NR.pattern
    + r')|'
    + _EK_LETTER.pattern
    + r'|\s*+['
    + _DASH
    + r']\s*+'
    + _ONDERNR.pattern
)
_RANGE = re.compile(r'\s*+[' + _DASH + r']\s*+')
_LIST_AND = re.compile(r'\s*+(?:,|&|\ben\b)\s*+')
_PAGES = re.compile(
    r'\s*+(?:,|[' + _DASH + r'])?\s*+'
    r'(?:pp?|blz|pag|pagina|bladzijden?)(?:\.|' + _END + r')\s*+(?=[0-9])',
    _I,
)
_PAGE_RANGE = re.compile(
    r'([0-9]+)(?:\s*+([' + _DASH + r'])\s*+([0-9]+)'
    # "p. 12 en 13", but not "p. 3 en 2013, 149" (a second Staatsblad)
    r'|\s++(en)\s++([0-9]+)(?![0-9])(?!\s*+,\s*+[0-9]))?'
    r'(\s*+e\.\s?v\.?|\s++ev\b)?',
    _I,
)
_VERGADERNR = re.compile(r'\s*+,?\s*+(?:nr\.?|nummer)?\s*+([0-9]{1,4})(?![0-9/])', _I)
_ITEM = re.compile(r'\s*+,?\s*+item\s*+([0-9]{1,3})(?![0-9])', _I)
# The debate's name: words up to a punctuation mark or a blank line, so that in running
# text it does not swallow the rest of the sentence.
_DEBAT_WORD = r'[^.,;()\[\]\s]+'
_DEBAT = re.compile(
    r'\s*+,\s*+debat\s++over\s++('
    + _DEBAT_WORD
    + r'(?:(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)'
    + _DEBAT_WORD
    + r')*)',
    _I,
)
_BLAD_PLACEHOLDER = re.compile(
    r'\s*+(?:\[\s*+jaartal\s*+,\s*+volgnummer\s*+\]|(?:…|\.\.\.)\s*+,\s*+(?:…|\.\.\.))', _I
)
_BLAD_YEAR_NR = re.compile(r'\s*+([0-9]{4})\s*+,\s*+(?:nr\.?\s*+)?([0-9]{1,6})(?![0-9])', _I)
_BLAD_NR = re.compile(r'\s*+(?:nr\.?\s*+)?([0-9]{1,6})(?![0-9])(?!\s*+,\s*+[0-9])', _I)
_BLAD_DATE = re.compile(
    r'\s*+van\s++([0-9]{1,2})\s++((?a:'
    + '|'.join(MONTHS)
    + r'))\s++'
    + _Y4
    + r'\s*+,?\s*+(?:nr\.?\s*+)([0-9]{1,6})(?![0-9])',
    _I,
)
_BLAD_MORE = re.compile(r'\s++en\s++([0-9]{4})\s*+,\s*+([0-9]{1,6})(?![0-9])')
_TRAILER = re.compile(r'[\s.]*')
_OBL_ID = re.compile(
    r'(?:https?://(?:zoek\.)?officielebekendmakingen\.nl/(?:dossier/|behandelddossier/)?)?'
    r'(?:kst-(?P<dossier>[0-9]{4,5})(?:-(?P<suffix>[IVXLC]{1,7}[AB]?|[A-Z]|[0-9]{2}))?'
    r'-(?P<nr>[0-9]+[a-z]?|[A-Z]{1,3})'
    r'|(?:(?P<ah>ah)|h)-(?P<house>tk|ek)-(?P<y1>[0-9]{4})(?P<y2>[0-9]{4})'
    r'-(?P<a>[0-9]+)(?:-(?P<b>[0-9]+))?'
    r'|(?P<blad>stb|stcrt|trb)-(?P<year>[0-9]{4})-(?P<number>[0-9]+))'
    r'(?:\.html|\.pdf|\.xml|/)?\s*+$',
)
_OBL_PREFIX = re.compile(r'https?://|kst-|h-|ah-|stb-|stcrt-|trb-')

_KIND_OF_GROUP: dict[str | None, Kind] = {
    'kst': 'kamerstuk',
    'ah': 'aanhangsel',
    'h': 'handelingen',
    'stb': 'staatsblad',
    'stcrt': 'staatscourant',
    'trb': 'tractatenblad',
}
_EXAMPLE = {
    'kamerstuk': "a Kamerstuk such as 'Kamerstukken II 2025/26, 22112, nr. 4363'",
    'dossier': "a Kamerstuk such as 'Kamerstukken II 2025/26, 22112, nr. 4363'",
    'handelingen': "a Handelingen reference such as 'Handelingen II 2025/26, nr. 45, item 12'",
    'aanhangsel': "an Aanhangsel reference such as 'Aanhangsel Handelingen II 2025/26, nr. 1234'",
    'staatsblad': "a Staatsblad reference such as 'Stb. 2025, 123'",
    'staatscourant': "a Staatscourant reference such as 'Stcrt. 2025, 12345'",
    'tractatenblad': "a Tractatenblad reference such as 'Trb. 2025, 12'",
}
_ANY = (
    "a reference such as 'Kamerstukken II 2025/26, 22112, nr. 4363', "
    "'Handelingen II 2025/26, nr. 45, item 12' or 'Stb. 2025, 123'"
)


class _Parser:
    """A position-based reader for one reference; remembers its furthest failure."""

    __slots__ = ('fail_expected', 'fail_pos', 'pos', 'text')

    def __init__(self, text: str, pos: int = 0) -> None:
        self.text = text
        self.pos = pos
        self.fail_pos = -1
        self.fail_expected = ''

    def fail(self, pos: int, expected: str) -> None:
        if pos > self.fail_pos:
            self.fail_pos, self.fail_expected = pos, expected

    def error(self) -> CitationError:
        return CitationError(self.text, self.fail_pos, self.fail_expected)

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        match = pattern.match(self.text, self.pos)
        if match:
            self.pos = match.end()
        return match

    def need(self, pattern: re.Pattern[str], expected: str) -> re.Match[str]:
        match = self.take(pattern)
        if match is None:
            self.fail(self.after_space(), expected)
            raise self.error()
        return match

    def after_space(self) -> int:
        """Where the text goes on after the whitespace at the current position."""
        space = _WS.match(self.text, self.pos)
        return space.end() if space else self.pos

    def optional(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """Match ``pattern`` after an optional separator, or consume nothing."""
        start = self.pos
        self.take(_SEP)
        match = self.take(pattern)
        if match is None:
            self.pos = start
        return match

    # -- citations ------------------------------------------------------------------

    def citation(self, kind: Kind | None) -> Citation:
        self.take(_WS)
        keyword = self.take(_KEYWORD)
        if keyword:
            kind = _KIND_OF_GROUP[keyword.lastgroup]
            if keyword.group('bijlage') and kind != 'kamerstuk':
                self.fail(keyword.start(), "'Bijlage bij' followed by a Kamerstuk")
                raise self.error()
            return self.body(kind, bijlage=bool(keyword.group('bijlage')))
        if _OBL_PREFIX.match(self.text, self.pos):
            return self.obl_id()
        if kind is None:
            if self.text[self.pos : self.pos + 1].isdigit():
                kind = 'kamerstuk'
            else:
                self.fail(self.pos, _ANY)
                raise self.error()
        return self.body(kind, bijlage=False)

    def body(self, kind: Kind, *, bijlage: bool) -> Citation:
        if kind in ('kamerstuk', 'dossier'):
            return self.kamerstuk(bijlage)
        if kind == 'handelingen':
            return self.handelingen()
        if kind == 'aanhangsel':
            return self.aanhangsel()
        return self.blad(kind)

    def chamber(self) -> str | None:
        match = self.optional(_CHAMBER)
        if match is None:
            return None
        return 'II' if match.group(1) or match.group(3) else 'I'

    def years(self, *, required: bool) -> tuple[str | None, str | None]:
        start = self.pos
        self.take(_SEP)
        match = self.take(_YEAR)
        if match is None:
            if required:
                self.fail(self.after_space(), "a vergaderjaar such as '2025/26'")
                raise self.error()
            self.pos = start
            return None, None
        first = self.vergaderjaar(match.group(1), match.group(2), match.start(1))
        if match.group(3) is None:
            return first, None
        last = self.vergaderjaar(match.group(3), match.group(4), match.start(3))
        if last < first:
            self.fail(match.start(3), 'a last vergaderjaar after the first')
            raise self.error()
        return first, last

    def vergaderjaar(self, first: str, second: str, where: int) -> str:
        start = int(first)
        end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
        if end < start:  # 1999/00
            end += 100
        if end != start + 1:
            self.fail(where, 'a vergaderjaar of two consecutive years, such as 2025/26')
            raise self.error()
        return f'{start}-{end}'

    def kamerstuk(self, bijlage: bool) -> Citation:
        chamber = self.chamber()
        vergaderjaar, vergaderjaar_end = self.years(required=False)
        self.take(_SEP)
        dossiers = [self.dossier()]
        while self.take(_NEXT_DOSSIER):
            dossiers.append(self.dossier())
        ondernummers = self.ondernummers()
        if bijlage and not ondernummers:
            self.fail(self.pos, "the ondernummer of the document the annex belongs to ('nr. 9')")
            raise self.error()
        return Citation(
            kind='kamerstuk' if ondernummers else 'dossier',
            chamber=chamber,
            vergaderjaar=vergaderjaar,
            vergaderjaar_end=vergaderjaar_end,
            dossiers=tuple(dossiers),
            ondernummers=ondernummers,
            bijlage=bijlage,
            pages=self.pages(),
        )

    def dossier(self) -> Dossier:
        match = self.need(_DOSSIER, "a dossier number such as '22112' or '22 112'")
        number = match.group(3) or match.group(1) + match.group(2)
        suffix = None
        found = self.take(_HOOFDSTUK) or self.take(_SUFFIX_WORD)
        if found:
            suffix = found.group(1)
        else:
            start = self.pos
            series = self.take(_SUFFIX_SERIES)
            # "21501-02" is a series; "22112-43" ends in an ondernummer, unless
            # an ondernummer follows ("21 501-31, nr. 5", "21501-31-123").
            if series and (
                series.group(1).startswith('0') or _SERIES_FOLLOWS.match(self.text, self.pos)
            ):
                suffix = series.group(1)
            else:
                self.pos = start
        rijkswet = self.take(_RIJKSWET)
        return Dossier(number, suffix, f'R{rijkswet.group(1)}' if rijkswet else None)

    def ondernummers(self) -> tuple[str, ...]:
        letter = self.take(_EK_LETTER)
        if letter:
            return (letter.group(1),)
        start = self.pos
        keyword = self.take(_NR)
        if keyword:
            plural = bool(keyword.group(1))
            first = self.need(_ONDERNR, "an ondernummer such as '4363' or 'B'").group(1)
            if not plural:
                return (first,)
            items = [self.ondernummer_range(first)]
            while True:
                before = self.pos
                if not (self.take(_LIST_AND) and (more := self.take(_ONDERNR))):
                    self.pos = before
                    return tuple(items)
                items.append(self.ondernummer_range(more.group(1)))
        if self.take(_COMPACT_NR) and (compact := self.take(_ONDERNR)):
            return (compact.group(1),)
        self.pos = start
        return ()

    def ondernummer_range(self, first: str) -> str:
        start = self.pos
        if first.isdigit() and self.take(_RANGE):
            last = self.take(_ONDERNR)
            if last and last.group(1).isdigit() and int(last.group(1)) > int(first):
                return f'{first}-{last.group(1)}'
        self.pos = start
        return first

    def pages(self) -> str | None:
        start = self.pos
        if not self.take(_PAGES):
            return None
        match = self.take(_PAGE_RANGE)
        if match is None:  # unreachable: _PAGES looks ahead for a digit
            self.pos = start
            return None
        first, dash, last, en, other, ev = match.groups()
        pages = first
        if dash:
            pages += f'-{last}'
        elif en:
            pages += f' en {other}'
        if ev:
            pages += ' e.v.'
        return pages

    def handelingen(self) -> Citation:
        chamber = self.chamber()
        vergaderjaar, vergaderjaar_end = self.years(required=True)
        vergadernummer = self.take(_VERGADERNR)
        item = self.take(_ITEM) if vergadernummer else None
        pages = self.pages()
        if vergadernummer is None and pages is None:
            self.fail(self.pos, "a meeting number such as ', nr. 45'")
            raise self.error()
        debat = self.take(_DEBAT)
        return Citation(
            kind='handelingen',
            chamber=chamber,
            vergaderjaar=vergaderjaar,
            vergaderjaar_end=vergaderjaar_end,
            vergadernummer=vergadernummer.group(1) if vergadernummer else None,
            item=item.group(1) if item else None,
            debat=' '.join(debat.group(1).split()) if debat else None,
            pages=pages,
        )

    def aanhangsel(self) -> Citation:
        chamber = self.chamber()
        vergaderjaar, vergaderjaar_end = self.years(required=True)
        if vergaderjaar_end:
            self.fail(self.pos, 'a single vergaderjaar')
            raise self.error()
        self.take(_SEP)
        self.take(_NR)
        number = self.need(_NUMBER, "an aanhangselnummer such as 'nr. 1234'").group(1)
        return Citation(
            kind='aanhangsel',
            chamber=chamber,
            vergaderjaar=vergaderjaar,
            number=number,
            pages=self.pages(),
        )

    def blad(self, kind: Kind) -> Citation:
        if self.take(_BLAD_PLACEHOLDER):
            return Citation(kind=kind)
        if kind == 'staatscourant' and (dated := self.take(_BLAD_DATE)):
            day, month, year, number = dated.groups()
            try:
                date = datetime.date(int(year), MONTHS.index(month.lower()) + 1, int(day))
            except ValueError:
                self.fail(dated.start(1), 'a date that exists')
                raise self.error() from None
            return Citation(
                kind=kind, year=year, number=number, date=date.isoformat(), pages=self.pages()
            )
        match = self.take(_BLAD_YEAR_NR)
        if match:
            year, number = match.groups()
            return Citation(kind=kind, year=year, number=number, pages=self.pages())
        number = self.need(_BLAD_NR, "a year and number such as '2025, 123'").group(1)
        return Citation(kind=kind, number=number, pages=self.pages())

    def obl_id(self) -> Citation:
        match = self.need(_OBL_ID, "an officielebekendmakingen id such as 'kst-22112-4363'")
        if match.group('dossier'):
            dossier = Dossier(match.group('dossier'), match.group('suffix'))
            return Citation('kamerstuk', dossiers=(dossier,), ondernummers=(match.group('nr'),))
        if match.group('blad'):
            kind = {'stb': 'staatsblad', 'stcrt': 'staatscourant', 'trb': 'tractatenblad'}
            return Citation(
                kind[match.group('blad')],  # type: ignore[arg-type]
                year=match.group('year'),
                number=match.group('number'),
            )
        chamber = 'II' if match.group('house') == 'tk' else 'I'
        first, second = match.group('y1'), match.group('y2')
        vergaderjaar = self.vergaderjaar(first, second, match.start('y1'))
        if match.group('ah'):
            if match.group('b'):
                self.fail(match.start('b'), 'the end of the id')
                raise self.error()
            return Citation(
                'aanhangsel', chamber=chamber, vergaderjaar=vergaderjaar, number=match.group('a')
            )
        if int(first) < _FIRST_ITEM_YEAR or not match.group('b'):
            expected = 'a Handelingen id from 2010-2011 on, such as h-tk-20252026-45-12'
            self.fail(match.start(), expected)
            raise self.error()
        return Citation(
            'handelingen',
            chamber=chamber,
            vergaderjaar=vergaderjaar,
            vergadernummer=match.group('a'),
            item=match.group('b'),
        )


def parse(text: str, *, kind: Kind | None = None) -> Citation:
    """Read one reference, written in any form real documents use.

    ``kind`` supplies the keyword when ``text`` leaves it out, as role content does
    (``:stb:`2025, 123```). Raises :class:`CitationError` saying what was expected
    where.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f'kind must be one of {", ".join(KINDS)}, not {kind!r}')
    parser = _Parser(text)
    citation = parser.citation(kind)
    if not _TRAILER.fullmatch(text, parser.pos):
        expected = 'the end of the reference'
        if citation.kind in _BLAD_ABBREVIATION and _BLAD_MORE.match(text, parser.pos):
            expected += ' (cite several publications one by one)'
        raise CitationError(text, parser.after_space(), expected)
    return citation


# A bare number is an anchor only where a compact form can start: not inside a longer
# number or code, not after a currency sign ("€ 12500-15000"). With a thousands
# separator only before "nr." ("35 405, nr. 12"): "12 500-15 000" is an amount.
_ANCHOR = re.compile(
    r'(?<![^\W_])(?:' + _KEYWORD.pattern + r')'
    r'|(?<![\w€$£./,' + _DASH + r'])(?<![€$£]\s)(?<!eur\s)(?<!euro\s)(?P<compact>'
    r'[0-9]{5}(?=[' + _DASH + r']|\s*+,?\s*+nrs?\b)'
    r'|[0-9]{2}[' + _THOUSANDS + r'][0-9]{3}(?=\s*+,?\s*+nrs?\b))',
    _I,
)
# After a bare compact form: it was part of a longer code ("12345-2024-001") or an
# amount ("12500-15 %").
_NOT_COMPACT_AFTER = re.compile(
    r'\s*+[/' + _DASH + r'][0-9]|[.,][0-9]|\s*+(?:%|procent|euro|eur|miljoen|miljard)' + _END,
    _I,
)


def find_all(text: str) -> list[Found]:
    """Every reference in running text, in order; text that only looks like one is skipped.

    A bare number counts only in a compact form that names a document
    (``21501-02-2074``, ``29544, nr. 959``, ``35 405, nr. 12``); keyword forms follow
    :func:`parse`.
    """
    found: list[Found] = []
    end = 0
    for anchor in _ANCHOR.finditer(text):
        start = anchor.start()
        if start < end:
            continue
        parser = _Parser(text, start)
        try:
            citation = parser.citation(None)
        except CitationError:
            continue
        if anchor.group('compact'):
            if not _is_compact_kamerstuk(citation, text, parser.pos):
                continue
        elif _is_year_lookalike(citation):
            continue
        end = _trim(text, start, parser.pos)
        found.append(Found(start, end, text[start:end], citation))
        if citation.kind in _BLAD_ABBREVIATION:
            while more := _BLAD_MORE.match(text, end):
                # "(Trb. 2012, 227 en 2013, 149)": the second publication, read on its own.
                also = Citation(citation.kind, year=more.group(1), number=more.group(2))
                start, end = more.start(1), more.end()
                found.append(Found(start, end, text[start:end], also))
    return found


def _is_compact_kamerstuk(citation: Citation, text: str, end: int) -> bool:
    """Whether a bare number form names a document rather than an amount or a code.

    Real ondernummers stay below 10000, so "12500-15000" is a range of numbers.
    """
    return (
        citation.kind == 'kamerstuk'
        and all(len(nr.split('-')[-1]) < 5 for nr in citation.ondernummers)
        and not _NOT_COMPACT_AFTER.match(text, end)
    )


def _is_year_lookalike(citation: Citation) -> bool:
    """A year read as a four-digit dossier without a document ("de Kamerstukken 2025")."""
    return (
        citation.kind == 'dossier'
        and citation.vergaderjaar is None
        and any(len(dossier.number) < 5 for dossier in citation.dossiers)
    )


def _trim(text: str, start: int, end: int) -> int:
    """Drop trailing whitespace from a span."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
