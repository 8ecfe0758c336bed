"""The grammar: one reference read, in any form real documents use
(docs/domain.rst, The citation grammar)."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from sphinx_kamerstuk.core.dutch import MONTHS

if TYPE_CHECKING:
    from sphinx_kamerstuk.core.citations.model import Kind

from sphinx_kamerstuk.core.citations.model import (
    BLAD_ABBREVIATION,
    FIRST_ITEM_YEAR,
    KINDS,
    N_,
    Citation,
    CitationError,
    Dossier,
)

# --- the grammar --------------------------------------------------------------------
# Tokens are matched at a position with compiled patterns; whitespace is ``\s``, so
# line breaks and no-break spaces inside a reference need no pre-processing. It is
# matched possessively (``\s*+``): "\s*,?\s*nr" backtracking through a long run of
# spaces would make a failed match quadratic.

DASH = r'\-' + '\u2010\u2011\u2012\u2013\u2014\u2212'
_I = re.IGNORECASE
WORD_END = r'(?![^\W_])'  # not followed by a letter or digit
# Digits are [0-9] throughout: ``\d`` would also read Arabic-Indic or superscript digits.
_Y4 = r'((?:1[89]|20)[0-9]{2})'  # a plausible year, so "5123/5124" reads as two dossiers
THOUSANDS = ' .\u00a0\u202f\u2009'
_ROMAN = r'(?-i:[IVXLC]{1,7}[AB]?)'

# A vergaderjaar ahead: "2010-2011", "2019/20"
_YEAR_AHEAD = r'(?:1[89]|20)[0-9]{2}\s*+[/' + DASH + r']\s*+[0-9]{2}'
_WS = re.compile(r'\s*+')
_NUMBER = re.compile(r'([0-9]{1,6})(?![0-9])')
_SEP = re.compile(r'\s*+,?\s*+')
KEYWORD = re.compile(
    r'(?P<bijlage>bijlage\s++bij\s++(?:de\s++)?)?'
    # "Kamerstuk32 163, nr. 48": a lost space before the dossier
    r'(?:(?P<kst>kamerstuk(?:ken)?(?P<kstnr>nr\.?)?(?![^\W_0-9])|kst\.)'
    r'|(?P<ah>(?:aanhangsel|aanh\.)(?:\s*+(?:(?:bij|van)\s++de|der))?\s*+(?:handelingen'
    + WORD_END
    + r'|hand\.)?)'
    r'|(?P<h>handelingen' + WORD_END + r'|hand\.)'
    r'|(?P<stb>stb(?:\.|(?=\s))|staatsblad' + WORD_END + r')'
    r'|(?P<stcrt>stcrt(?:\.|(?=\s))|staatscourant' + WORD_END + r')'
    r'|(?P<trb>trb(?:\.|(?=\s))|tractatenblad' + WORD_END + r')'
    # a chamber where the keyword would be: "EK 35 702, G", "Tweede Kamer 2010-2011, 32500"
    # (matched, then read again by ``kamerstuk``; a literal first, so the scan stays fast)
    # (before a dossier or a vergaderjaar, not a year: "TK 2021, 2023 en 2025" are elections)
    r'|(?P<chamber>(?-i:EK|TK)(?=\s++(?:[0-9]{2}[ .]?[0-9]{3}(?![0-9])|' + _YEAR_AHEAD + r'))'
    r'|(?:tweede|eerste)\s++kamer(?=\s*+,?\s*+(?:vergaderjaar\s++)?(?:1[89]|20)[0-9]{2}\s*+[/'
    + DASH
    + r']\s*+[0-9]{2,4}\s*+,\s*+(?:[0-9]{2}[0-9 .]{3,4}(?![0-9])|aanh))))',
    _I,
)
_CHAMBER = re.compile(
    r'(?:(II|TK|2(?=\s*+,?\s*+(?:1[89]|20)[0-9]{2}\s*+[/'
    + DASH
    + r']))|(I|EK)|(tweede)\s++kamer|(eerste)\s++kamer)'
    + WORD_END,
    _I,
)
_ONE_YEAR = _Y4 + r'\s*+[/' + DASH + r']\s*+([0-9]{4}|[0-9]{2})(?![0-9])'
_YEAR = re.compile(
    r'(?:(?:zitting|vergaderjaar)\s++)?'
    + _ONE_YEAR
    + r'(?:\s*+['
    + DASH
    + r']\s*+'
    + _ONE_YEAR
    + ')?',  # a span: 1993/94-1996/97
    _I,
)
_DOSSIER = re.compile(r'([0-9]{1,2})[' + THOUSANDS + r']([0-9]{3})(?![0-9])|([0-9]{4,5})(?![0-9])')
# Between dossiers: "/" or "&"; "en" only before a five-digit number (not "en 2024");
# a bare space only in "35526 25295", where a slash was lost.
_NEXT_DOSSIER = re.compile(
    r'\s*+[/&]\s*+(?=[0-9]{1,2}[' + THOUSANDS + r'][0-9]{3}(?![0-9])|[0-9]{4,5}(?![0-9]))'
    r'|\s++en\s++(?=[0-9]{2}[' + THOUSANDS + r'][0-9]{3}(?![0-9])|[0-9]{5}(?![0-9]))'
    r'|\s++(?=[0-9]{5}(?![0-9]))'
    r'|\s*+,\s*+(?=[0-9]{5}\s*+,\s*+(?:letter\s++)?[A-Z]{1,3}' + WORD_END + r')'
)
_HOOFDSTUK = re.compile(r'[\s' + DASH + r']*hoofdstuk\s++(' + _ROMAN + r')' + WORD_END, _I)
_SUFFIX_WORD = re.compile(
    r'(?:\s*+[' + DASH + r']\s*+|\s++|\.|(?=[IVXLC]{2}))(' + _ROMAN + r'|[A-Z])' + WORD_END
)
_SUFFIX_SERIES = re.compile(
    r'\s*+[' + DASH + r']\s*+([0-9]{2})(?![0-9])|\s++([0-9]{2})(?=\s*+[' + DASH + r']\s*+[0-9])'
)
_RIJKSWET = re.compile(r'\s*+[' + DASH + r']?\s*+\(\s*+R\s*+([0-9]{1,4})\s*+\)')
_NR = re.compile(r'\s*+,?\s*+(?:(nrs|nummers)|nr|nummer)(?:\.|' + WORD_END + r')\s*+', _I)
_ONDERNR = re.compile(r'([0-9]+[a-z]?|[A-Z]{1,3})' + WORD_END + r'(?![.,][0-9])')
_COMPACT_NR = re.compile(r'\s*+[' + DASH + r']\s*+(?=[0-9A-Z])')
# Not before a number: "NR. 3" is the keyword, "35570, NR" an EK letter.
_EK_LETTER = re.compile(
    r'\s*+,\s*+(?:letter\s++)?([A-Z]{1,3})' + WORD_END + r'(?!\.?\s*+[0-9])(?!\s*+,?\s*+nrs?\b)'
    r'(?![' + DASH + r']\w)'  # "52.000, MKB-bedrijven": a word, not a letter
)
# "(34430, H en I)", "C, D en E": more Eerste Kamer letters of the same dossier.
_EK_LETTER_MORE = re.compile(
    r'\s*+(?:,|&|\ben\b)\s*+([A-Z]{1,3})' + WORD_END + r'(?!\.?\s*+[0-9])(?![.,]?\s*+\w)'
)
# After a chamber and vergaderjaar the number may stand alone: "TK 2010-2011, 32417, 9".
_BARE_NR = re.compile(r'\s*+,\s*+([0-9]{1,4})' + WORD_END + r'(?![.,/' + DASH + r']\s*+[0-9])')
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
    + DASH
    + r']\s*+'
    + _ONDERNR.pattern
)
_RANGE = re.compile(r'\s*+[' + DASH + r']\s*+')
_LIST_AND = re.compile(r'\s*+(?:,|&|\ben\b)\s*+')
_PAGES = re.compile(
    r'\s*+(?:,|[' + DASH + r'])?\s*+'
    r'(?:pp?|blz|pag|pagina|bladzijden?)(?:\.|' + WORD_END + r')\s*+(?=[0-9])',
    _I,
)
_PAGE_RANGE = re.compile(
    r'([0-9]+)(?:\s*+([' + DASH + r'])\s*+([0-9]+)'
    # "p. 12 en 13", but not "p. 3 en 2013, 149" (a second Staatsblad)
    r'|\s++(en)\s++([0-9]+)(?![0-9])(?!\s*+,\s*+[0-9]))?'
    r'(\s*+e\.\s?v\.?|\s++ev\b)?',
    _I,
)
_VERGADERNR = re.compile(r'\s*+,?\s*+(?:nr\.?|nummer)?\s*+([0-9]{1,4})(?![0-9/])', _I)
_ITEM = re.compile(r'\s*+,?\s*+items?\s*+([0-9]{1,3})(?![0-9])', _I)
# A further number of a list: after "en", or after a comma in a list that ends in "en N"
# ("items 4, 9 en 17"); a comma alone goes on to other things ("item 12, 14 mei 2020").
_LIST_SEP = r'\s++en\s++|\s*+,\s*+(?=[0-9]{1,6}(?:\s*+,\s*+[0-9]{1,6})*\s++en\s++[0-9])'
_NO_DATE = r'(?!\s++(?a:' + '|'.join(MONTHS) + r')' + WORD_END + r')'
#: "nr. 4, p. 3-4; nr. 9, p. 12": a further document of the same dossier (``find_all``).
NEXT_NR = re.compile(r'\s*+[;,]\s*+(?=(?:nrs?|nummers?)(?:\.|' + WORD_END + r'))', _I)
#: "items 4 en 17": the further items of the same vergadering (read by ``find_all``).
ITEM_MORE = re.compile(
    r'(?:' + _LIST_SEP + r')([0-9]{1,3})(?![0-9])(?!\s*+[,.]?\s*+[0-9])' + _NO_DATE
)
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
_BLAD_YEAR_NR = re.compile(
    # "TRACTATENBLAD VAN HET KONINKRIJK DER NEDERLANDEN JAARGANG 2004 Nr. 87"
    r'(?:\s++van\s++het\s++koninkrijk\s++der\s++nederlanden)?(?:\s++(jaargang))?'
    r'\s*+([0-9]{4})'
    # "2011, 20417", "2011 nr 20417", "2010/748", "1998-306"; after "Jaargang" a space
    r'(?:\s*+,\s*+(?:nr\.?\s*+)?|\s*+nr\.?\s*+|\s*+[/' + DASH + r']\s*+|(?(1)\s++|(?!)))'
    r'([0-9]{1,6})(?![0-9])',
    _I,
)
# "Stb. 330/1996": the number before the year
_BLAD_NR_YEAR = re.compile(r'\s*+([0-9]{1,6})\s*+/\s*+' + _Y4 + r'(?![0-9])')
_BLAD_NR = re.compile(r'\s*+(?:nr\.?\s*+)?([0-9]{1,6})(?![0-9])(?!\s*+,\s*+[0-9])', _I)
_BLAD_DATE = re.compile(
    r'\s*+van\s++([0-9]{1,2})\s++((?a:'
    + '|'.join(MONTHS)
    + r'))\s++'
    + _Y4
    + r'\s*+,?\s*+(?:nr\.?\s*+)([0-9]{1,6})(?![0-9])',
    _I,
)
BLAD_MORE = re.compile(r'\s++en\s++([0-9]{4})\s*+,\s*+([0-9]{1,6})(?![0-9])')
# "Trb. 1999, 12 en 140": a second number of the same year (not "12 en 2013, 149").
# Not a year ("Stb. 2015, 123 en 2016"), not a day ("Stb. 2019, 490, 1 januari 2020").
BLAD_SAME_YEAR = re.compile(
    r'(?:'
    + _LIST_SEP
    + r')(?!(?:1[89]|20)[0-9]{2}(?![0-9]))([0-9]{1,6})(?![0-9])(?!\s*+,\s*+[0-9])'
    + _NO_DATE
)
_TRAILER = re.compile(r'[\s.]*')
_OBL_ID = re.compile(
    r'(?:(?:https?://)?(?:zoek\.|www\.)?officielebekendmakingen\.nl/(?:dossier/|behandelddossier/)?)?'
    r'(?:kst-(?P<dossier>[0-9]{4,5})(?:-(?P<suffix>[IVXLC]{1,7}[AB]?|[A-Z]|[0-9]{2}))?'
    r'-(?P<nr>[0-9]+[a-z]?|[A-Z]{1,3})'
    r'|(?:(?P<ah>ah)|h)-(?P<house>tk|ek)-(?P<y1>[0-9]{4})(?P<y2>[0-9]{4})'
    r'-(?P<a>[0-9]+)(?:-(?P<b>[0-9]+))?'
    r'|(?P<blad>stb|stcrt|trb)-(?P<year>[0-9]{4})-(?P<number>[0-9]+))'
    r'(?:\.html|\.pdf|\.xml|/)?\s*+$',
)
#: The same, in running text: it ends where the id does.
OBL_ID_IN_TEXT = re.compile(_OBL_ID.pattern.removesuffix(r'\s*+$') + r'(?![\w' + DASH + r'])')
_OBL_PREFIX = re.compile(
    r'https?://|(?:zoek\.|www\.)?officielebekendmakingen\.nl/|kst-|h-|ah-|stb-|stcrt-|trb-'
)

_KIND_OF_GROUP: dict[str | None, Kind] = {
    'kst': 'kamerstuk',
    'chamber': 'kamerstuk',
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
_ANY = N_(
    "a reference such as 'Kamerstukken II 2025/26, 22112, nr. 4363', "
    "'Handelingen II 2025/26, nr. 45, item 12' or 'Stb. 2025, 123'"
)


class Parser:
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
        keyword = self.take(KEYWORD)
        if keyword:
            kind = _KIND_OF_GROUP[keyword.lastgroup]
            if keyword.group('bijlage') and kind != 'kamerstuk':
                self.fail(keyword.start(), N_("'Bijlage bij' followed by a Kamerstuk"))
                raise self.error()
            numbered = bool(keyword.group('kstnr'))
            if keyword.lastgroup == 'chamber':  # the chamber is the reference's own
                self.pos, numbered = keyword.start(), True
            return self.body(kind, bijlage=bool(keyword.group('bijlage')), numbered=numbered)
        if _OBL_PREFIX.match(self.text, self.pos):
            return self.obl_id()
        if kind is None:
            if self.text[self.pos : self.pos + 1].isdigit():
                kind = 'kamerstuk'
            else:
                self.fail(self.pos, _ANY)
                raise self.error()
        return self.body(kind, bijlage=False)

    def body(self, kind: Kind, *, bijlage: bool, numbered: bool = False) -> Citation:
        """``numbered``: the words before say a document number follows ("kamerstuknr.",
        a chamber where the keyword would be), so it may stand alone: ", 9"."""
        if kind in ('kamerstuk', 'dossier'):
            return self.kamerstuk(bijlage, numbered=numbered)
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
                self.fail(self.after_space(), N_("a vergaderjaar such as '2025/26'"))
                raise self.error()
            self.pos = start
            return None, None
        first = self.vergaderjaar(match.group(1), match.group(2), match.start(1))
        if match.group(3) is None:
            return first, None
        last = self.vergaderjaar(match.group(3), match.group(4), match.start(3))
        if last < first:
            self.fail(match.start(3), N_('a last vergaderjaar after the first'))
            raise self.error()
        return first, last

    def vergaderjaar(self, first: str, second: str, where: int) -> str:
        start = int(first)
        end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
        if end < start:  # 1999/00
            end += 100
        if end != start + 1:
            self.fail(where, N_('a vergaderjaar of two consecutive years, such as 2025/26'))
            raise self.error()
        return f'{start}-{end}'

    def kamerstuk(self, bijlage: bool, *, numbered: bool = False) -> Citation:
        chamber = self.chamber()
        vergaderjaar, vergaderjaar_end = self.years(required=False)
        self.take(_SEP)
        if (
            (chamber or vergaderjaar)
            and not vergaderjaar_end
            and (aanhangsel := KEYWORD.match(self.text, self.pos))
            and aanhangsel.lastgroup == 'ah'
        ):
            # "Tweede Kamer, vergaderjaar 2014-2015, Aanhangsel Handelingen, nr. 1207"
            self.pos = aanhangsel.end()
            return self.aanhangsel(chamber, vergaderjaar)
        dossiers = [self.dossier()]
        while self.take(_NEXT_DOSSIER):
            dossiers.append(self.dossier())
        ondernummers = self.ondernummers()
        if not ondernummers and (numbered or chamber or vergaderjaar):
            bare = self.take(_BARE_NR)
            ondernummers = (bare.group(1),) if bare else ()
        if bijlage and not ondernummers:
            self.fail(
                self.pos, N_("the ondernummer of the document the annex belongs to ('nr. 9')")
            )
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
        match = self.need(_DOSSIER, N_("a dossier number such as '22112' or '22 112'"))
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
                (series.group(1) or '').startswith('0')
                or series.group(2)
                or _SERIES_FOLLOWS.match(self.text, self.pos)
            ):
                suffix = series.group(1) or series.group(2)
            else:
                self.pos = start
        rijkswet = self.take(_RIJKSWET)
        return Dossier(number, suffix, f'R{rijkswet.group(1)}' if rijkswet else None)

    def ondernummers(self) -> tuple[str, ...]:
        letter = self.take(_EK_LETTER)
        if letter:
            letters = [letter.group(1)]
            while more := self.take(_EK_LETTER_MORE):
                letters.append(more.group(1))
            return tuple(letters)
        start = self.pos
        keyword = self.take(_NR)
        if keyword:
            plural = bool(keyword.group(1))
            found = self.need(_ONDERNR, N_("an ondernummer such as '4363' or 'B'"))
            first = found.group(1)
            if first[-1] in 'lo' and first[:-1].isdigit():
                # "nr 27l": no document has that number; a scan read 1 (or 0) as a letter
                self.fail(found.start(1), N_("an ondernummer of digits ('271', not '27l')"))
                raise self.error()
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
            self.fail(self.pos, N_("a meeting number such as ', nr. 45'"))
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

    def aanhangsel(self, chamber: str | None = None, vergaderjaar: str | None = None) -> Citation:
        """``chamber`` and ``vergaderjaar`` when they came before the keyword."""
        if vergaderjaar is None:
            chamber = self.chamber() or chamber
            vergaderjaar, vergaderjaar_end = self.years(required=True)
            if vergaderjaar_end:
                self.fail(self.pos, N_('a single vergaderjaar'))
                raise self.error()
        self.take(_SEP)
        self.take(_NR)
        number = self.need(_NUMBER, N_("an aanhangselnummer such as 'nr. 1234'")).group(1)
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
                self.fail(dated.start(1), N_('a date that exists'))
                raise self.error() from None
            return Citation(
                kind=kind, year=year, number=number, date=date.isoformat(), pages=self.pages()
            )
        match = self.take(_BLAD_YEAR_NR)
        if match:
            _jaargang, year, number = match.groups()
            return Citation(kind=kind, year=year, number=number, pages=self.pages())
        if reversed_ := self.take(_BLAD_NR_YEAR):
            number, year = reversed_.groups()
            return Citation(kind=kind, year=year, number=number, pages=self.pages())
        number = self.need(_BLAD_NR, N_("a year and number such as '2025, 123'")).group(1)
        return Citation(kind=kind, number=number, pages=self.pages())

    def obl_id(self, pattern: re.Pattern[str] = _OBL_ID) -> Citation:
        match = self.need(pattern, N_("an officielebekendmakingen id such as 'kst-22112-4363'"))
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
                self.fail(match.start('b'), N_('the end of the id'))
                raise self.error()
            return Citation(
                'aanhangsel', chamber=chamber, vergaderjaar=vergaderjaar, number=match.group('a')
            )
        if int(first) < FIRST_ITEM_YEAR or not match.group('b'):
            expected = N_('a Handelingen id from 2010-2011 on, such as h-tk-20252026-45-12')
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
    parser = Parser(text)
    citation = parser.citation(kind)
    if not _TRAILER.fullmatch(text, parser.pos):
        expected = N_('the end of the reference')
        if citation.kind in BLAD_ABBREVIATION and BLAD_MORE.match(text, parser.pos):
            expected = N_('the end of the reference (cite several publications one by one)')
        raise CitationError(text, parser.after_space(), expected)
    return citation
