"""References found in running text: where one can start, and what only looks like one
(an amount, a code, a year)."""

from __future__ import annotations

import re
from dataclasses import replace

from sphinx_kamerstuk.core.citations.grammar import (
    BLAD_MORE,
    BLAD_SAME_YEAR,
    DASH,
    ITEM_MORE,
    KEYWORD,
    NEXT_NR,
    OBL_ID_IN_TEXT,
    THOUSANDS,
    WORD_END,
    Parser,
)
from sphinx_kamerstuk.core.citations.model import (
    BLAD_ABBREVIATION,
    Citation,
    CitationError,
    Dossier,
    Found,
)

# A bare number is an anchor only where a compact form can start: not inside a longer
# number or code, not after a currency sign ("€ 12500-15000"). What follows decides
# (``_is_compact_kamerstuk``): a document number after "nr." or a dash, or an Eerste
# Kamer letter ("(36 112, CF)", "36410 XIV, F"); with a thousands separator not a dash,
# as "12 500-15 000" is an amount.
_ANCHOR = re.compile(
    r'(?<![^\W_])(?:' + KEYWORD.pattern + r')'
    # an officielebekendmakingen page header as text extraction glues it: "Welzijn en
    # SportStaatscourant 2021, 7182Besluiten van algemene strekking"
    r'|(?<=[a-z])(?-i:Staatscourant|Staatsblad|Tractatenblad)(?=\s++[0-9]{4}\s*+,\s*+[0-9]+[A-Z])'
    r'|(?<![\w€$£./,' + DASH + r'])(?<![€$£]\s)(?<!eur\s)(?<!euro\s)(?P<compact>'
    r'[0-9]{5}(?![0-9])'
    # "21 501-02, nr. 2790" is a series; "12 500-15 000" an amount
    r'|[0-9]{2}[' + THOUSANDS + r'][0-9]{3}(?![0-9])'
    r'(?!\s*+[' + DASH + r'](?![0-9]{2}\s*+,?\s*+nrs?\b)))'
    # a motie in the Handelingen: "Zij krijgt nr. 22 (30196)", "op stuk nr. 68 (35483)"
    r'|(?<![^\W_])(?<!\.\s)(?P<nrfirst>nr\.?\s*+(?P<motie_nr>[0-9]{1,4})\s*+\(\s*+(?P<motie_dossier>[0-9]{5})\s*+\))'
    # an officielebekendmakingen id or address: "kst-21501-20-1611"
    r'|(?<![\w/.'
    + DASH
    + r'])(?P<oblid>(?:https?://)?(?:zoek\.|www\.)?officielebekendmakingen\.nl/'
    r'|(?:kst|stb|stcrt|trb)-[0-9]|a?h-(?:tk|ek)-[0-9])',
    re.IGNORECASE,
)
# After a bare compact form: it was part of a longer code ("12345-2024-001") or an
# amount ("12500-15 %").
_NOT_COMPACT_AFTER = re.compile(
    r'\s*+[/' + DASH + r'][0-9]|[.,][0-9]|\s*+(?:%|procent|euro|eur|miljoen|miljard)' + WORD_END,
    re.IGNORECASE,
)

# The word before a bare number that names a code ("NEN-EN 62305-3", "Projectcode
# 31245-23", "NY 10017-3580", "Postbus 20018", "CAS-nummer is 25637-99-4"): a code, not a
# Kamerstuk. A chamber or "II" is no code; "dossiernummer" and "nr." name a Kamerstuk.
_CODE_WORD = re.compile(
    r'(?!(?:TK|EK|II)\Z)[A-Z]{2,}(?:[-/][A-Z]{2,})*+'
    r'|(?i:postbus|\w*(?<!dossier)(?<!kamerstuk)(?:code|nummer)|[A-Z]{2,}-\w++)'
)
_LINKING_WORD = re.compile(r'is|:|=', re.IGNORECASE)
# Where an Eerste Kamer letter form without keyword stands: in brackets ("(36 112, CF)"),
# or at the start of a line or list item ("1. 36200 VIII, I", "- 34000, E"). In prose a
# number and a capital are an amount and a name ("steeg tot 52.000, COA verwacht").
_LIST_MARKER = re.compile(r'[-\u2013\u2022*]|[0-9]{1,2}[.)]')
_LETTER_FORM_AFTER = re.compile(r'\s*+[)\]]')
# How far back the words before a bare number are read.
_BEFORE = 40


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
        if anchor.group('nrfirst'):
            dossier, number = anchor.group('motie_dossier'), anchor.group('motie_nr')
            citation = Citation('kamerstuk', dossiers=(Dossier(dossier),), ondernummers=(number,))
            end = _add(text, start, anchor.end(), citation, found)
            continue
        parser = Parser(text, start)
        try:
            if anchor.group('oblid'):
                citation = parser.obl_id(OBL_ID_IN_TEXT)
            else:
                citation = parser.citation(None)
        except CitationError:
            continue
        if anchor.group('compact'):
            if not _is_compact_kamerstuk(citation, text, start, parser.pos):
                continue
        elif _is_year_lookalike(citation):
            continue
        end = _trim(text, start, parser.pos)
        found.append(Found(start, end, text[start:end], citation))
        end = _continuations(text, end, citation, found)
    return found


def _continuations(text: str, end: int, citation: Citation, found: list[Found]) -> int:
    """The publications a reference goes on to name without repeating itself, each read
    on its own and added to ``found``: "(Trb. 2012, 227 en 2013, 149)", "Trb. 1999, 12 en
    140" (the same year), "items 4 en 17", "nr. 4, p. 3-4; nr. 9, p. 12" (the same
    dossier). Returns where the last ends."""
    if citation.kind in BLAD_ABBREVIATION:
        year = citation.year
        while more := BLAD_MORE.match(text, end) or BLAD_SAME_YEAR.match(text, end):
            if more.re is BLAD_MORE:
                year = more.group(1)
            also = Citation(citation.kind, year=year, number=more.group(more.re.groups))
            end = _add(text, more.start(1), more.end(more.re.groups), also, found)
    elif citation.kind == 'handelingen' and citation.item:
        while more := ITEM_MORE.match(text, end):
            also = replace(citation, item=more.group(1), pages=None, debat=None)
            end = _add(text, more.start(1), more.end(1), also, found)
    elif citation.kind == 'kamerstuk':
        while more := NEXT_NR.match(text, end):
            parser = Parser(text, more.end())
            ondernummers = parser.ondernummers()
            if not ondernummers:
                break
            also = replace(citation, ondernummers=ondernummers, pages=parser.pages())
            end = _add(text, more.end(), _trim(text, more.end(), parser.pos), also, found)
    return end


def _add(text: str, start: int, end: int, citation: Citation, found: list[Found]) -> int:
    """A reference that says what it is only with the words around it."""
    found.append(Found(start, end, text[start:end], citation, standalone=False))
    return end


def _is_compact_kamerstuk(citation: Citation, text: str, start: int, end: int) -> bool:
    """Whether a bare number form names a document rather than an amount or a code.

    Real ondernummers stay below 10000, so "12500-15000" is a range of numbers.
    """
    if (
        citation.kind != 'kamerstuk'
        or any(len(nr.split('-')[-1]) >= 5 for nr in citation.ondernummers)
        or _NOT_COMPACT_AFTER.match(text, end)
    ):
        return False
    line = text[max(0, start - _BEFORE) : start].rsplit('\n', 1)
    words = line[-1].split()
    if words and _LINKING_WORD.fullmatch(words[-1]):
        words.pop()
    if words and _CODE_WORD.fullmatch(words[-1]):
        return False
    if all(nr.isalpha() for nr in citation.ondernummers):
        return bool(
            (words and words[-1][-1] in '([&')
            or (
                _starts_line(line, start)
                and (not words or _LIST_MARKER.fullmatch(words[0]))
                and len(words) <= 1
            )
            or _LETTER_FORM_AFTER.match(text, end)
        )
    return True


def _starts_line(line: list[str], start: int) -> bool:
    """Whether the window before a number reaches back to the start of its line."""
    return len(line) > 1 or start <= _BEFORE


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
