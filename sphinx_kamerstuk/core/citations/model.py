"""What a reference is: its kinds, the citation and dossier it names, its ids,
addresses and the two ways it is written (Aanwijzingen voor de regelgeving 3.43/3.45,
and the form Kamerbrieven use, "Kamerstuk 22 112, nr. 4363")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar, get_args

from sphinx_kamerstuk.core.dutch import MONTHS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

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
FIRST_ITEM_YEAR = 2010

#: What officielebekendmakingen.nl holds, by kind: the first vergaderjaar (parliamentary
#: papers) or year (the blads) it publishes, and the first day of the Staatscourant by
#: number. A reference from before has no id and no link (docs/citations.rst,
#: "What is linked"); Handelingen need an item as well (``FIRST_ITEM_YEAR``).
COVERAGE: dict[str, str] = {
    'kamerstuk': '1995-1996',
    'aanhangsel': '1995-1996',
    'handelingen': f'{FIRST_ITEM_YEAR}-{FIRST_ITEM_YEAR + 1}',
    'staatsblad': '1995',
    'tractatenblad': '1995',
    'staatscourant': '2009-07-01',
}
#: Dossier numbers reached about 24 000 in 1995. A Kamerstuk without vergaderjaar in an
#: older dossier is linked only where it is likely newer: a series (``21501-02``), an
#: Eerste Kamer letter, or an ondernummer from ``LATE_ONDERNUMMER`` up (long-running
#: dossiers such as 22112 go on for decades; "22 800, nr. 9" of 1992 does not).
FIRST_COVERED_DOSSIER = 24000
LATE_ONDERNUMMER = 20

BLAD_ABBREVIATION = {'staatsblad': 'Stb.', 'staatscourant': 'Stcrt.', 'tractatenblad': 'Trb.'}
_BLAD_ID_PREFIX = {'staatsblad': 'stb', 'staatscourant': 'stcrt', 'tractatenblad': 'trb'}


def N_(message: str) -> str:
    """Marks ``message`` for the catalog (gettext's ``N_``): the core stays untranslated,
    and whoever shows the message translates it (:meth:`CitationError.message`)."""
    return message


class CitationError(ValueError):
    """A reference that cannot be read; says what was expected and where."""

    def __init__(self, text: str, position: int, expected: str) -> None:
        self.text = text
        #: 0-based offset into ``text`` where reading failed.
        self.position = position
        #: What the grammar expected at ``position``, in words (an ``N_`` message).
        self.expected = expected
        # Look at no more of the text than is shown: find_all raises these at every
        # false start, and copying the rest of a long document each time is quadratic.
        start = _NOT_SPACE.search(text, position)
        #: What stands at ``position`` (quoted, shortened), or ``None`` at the end.
        self.found: str | None = None
        if start is not None:
            more = _NOT_SPACE.search(text, start.start() + 25) is not None
            shown = text[start.start() : start.start() + 25]
            self.found = repr(shown + '…' if more else shown.rstrip())
        super().__init__(self.message())

    def message(self, translate: Callable[[str], str] = str) -> str:
        """The problem in words, translated by ``translate`` (a gettext function)."""
        return translate(N_('expected %(expected)s at character %(position)d, found %(found)s')) % {
            'expected': translate(self.expected),
            'position': self.position + 1,
            'found': translate(N_('the end')) if self.found is None else self.found,
        }


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
    def covered(self) -> bool:
        """Whether officielebekendmakingen.nl holds what the reference names (``COVERAGE``)."""
        first = COVERAGE.get(self.kind, '')
        if self.kind in ('kamerstuk', 'aanhangsel', 'handelingen'):
            if self.vergaderjaar:
                return self.vergaderjaar >= first
            return self.kind != 'kamerstuk' or self._recent_dossier()
        if self.kind == 'staatscourant' and self.date:
            return self.date >= first
        return self.year is None or self.year >= first[:4]

    def _recent_dossier(self) -> bool:
        dossier = self.dossiers[0]
        if int(dossier.number) >= FIRST_COVERED_DOSSIER or dossier.suffix:
            return True
        return any(
            not nr[:1].isdigit() or int(_leading_digits(nr)) >= LATE_ONDERNUMMER
            for nr in self.ondernummers
        )

    @property
    def obl_ids(self) -> tuple[str, ...]:
        """Every officielebekendmakingen id the reference determines; none for what
        officielebekendmakingen does not hold (``covered``)."""
        if not self.covered:
            return ()
        if self.kind == 'kamerstuk':
            first = self.dossiers[0]
            stem = f'kst-{first.number}' + (f'-{first.suffix}' if first.suffix else '')
            return tuple(f'{stem}-{_no_leading_zeros(nr)}' for nr in _expand(self.ondernummers))
        if self.kind == 'handelingen':
            if (
                self.chamber
                and self.vergaderjaar
                and int(self.vergaderjaar[:4]) >= FIRST_ITEM_YEAR
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
            if self.vergaderjaar and self.number:
                # without a chamber: the Tweede Kamer's, where Kamervragen are answered
                year = self.vergaderjaar.replace('-', '')
                number = _no_leading_zeros(self.number)
                return (f'ah-{_house(self.chamber or "II")}-{year}-{number}',)
            return ()
        if self.kind in _BLAD_ID_PREFIX and self.year and self.number:
            number = _no_leading_zeros(self.number)
            return (f'{_BLAD_ID_PREFIX[self.kind]}-{self.year}-{number}',)
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
            and int(self.vergaderjaar[:4]) >= FIRST_ITEM_YEAR
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
            text = BLAD_ABBREVIATION[self.kind] + ' '
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

    def sort_key(self, style: Style = 'aanwijzingen') -> tuple[object, ...]:
        """Order for reference lists: kind, chamber, vergaderjaar, dossier, number; in the
        ``kamerbrief`` style, which prints no chamber or year for a Kamerstuk, by what it
        prints: dossier, then number."""
        rank = KINDS.index('kamerstuk' if self.kind == 'dossier' else self.kind)
        dossier = self.dossiers[0] if self.dossiers else Dossier('0')
        printed = style == 'aanwijzingen' or rank != KINDS.index('kamerstuk')
        return (
            rank,
            (self.chamber or '') if printed else '',
            (self.vergaderjaar or '') if printed else '',
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
    #: ``False`` where ``text`` says it only with the words around it: the "140" of
    #: "Trb. 1999, 12 en 140", the "17" of "items 4 en 17", "nr. 22 (30196)".
    standalone: bool = True


T = TypeVar('T')


def same_publication(citation: Citation) -> Citation:
    """What identifies a publication: never its pages or the debate's name, nor a
    Kamerstuk's chamber and year."""
    if citation.kind in ('kamerstuk', 'dossier'):
        return replace(citation, pages=None, chamber=None, vergaderjaar=None, vergaderjaar_end=None)
    return replace(citation, pages=None, debat=None)


def publications(
    cited: Iterable[tuple[Citation, T]], style: Style = 'aanwijzingen'
) -> list[tuple[Citation, list[T]]]:
    """Citations grouped per publication, each shown in its most complete form, sorted
    by what ``style`` prints.

    ``cited`` pairs each citation with where it stands; the groups keep that order.
    """
    groups: dict[Citation, list[tuple[Citation, T]]] = {}
    for citation, where in cited:
        groups.setdefault(same_publication(citation), []).append((citation, where))
    entries = []
    for group in groups.values():
        shown = max(
            (citation for citation, _where in group),
            key=lambda c: (
                c.chamber is not None,
                c.vergaderjaar is not None,
                c.debat is not None,
                c.sort_key(),
            ),
        )
        entries.append((replace(shown, pages=None), [where for _citation, where in group]))
    return sorted(entries, key=lambda entry: entry[0].sort_key(style))


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


def _leading_digits(nr: str) -> str:
    return nr[: len(nr) - len(nr.lstrip('0123456789'))]


def _no_leading_zeros(nr: str) -> str:
    """``0071`` is number 71 (``188b`` stays; an Eerste Kamer letter too)."""
    digits = _leading_digits(nr)
    return (digits.lstrip('0') or '0') + nr[len(digits) :] if digits else nr


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


# Known by the package's name, where the API is documented; so are the pickles that
# build environments hold, which therefore outlive a move between these modules.
for _public in (CitationError, Dossier, Citation, Found):
    _public.__module__ = 'sphinx_kamerstuk.core.citations'
