"""References found in running text: where one can start, and what only looks like one
(an amount, a code, a year)."""

from __future__ import annotations

import re

from sphinx_kamerstuk.core.citations.grammar import (
    BLAD_MORE,
    DASH,
    KEYWORD,
    THOUSANDS,
    WORD_END,
    Parser,
)
from sphinx_kamerstuk.core.citations.model import BLAD_ABBREVIATION, Citation, CitationError, Found

# A bare number is an anchor only where a compact form can start: not inside a longer
# number or code, not after a currency sign ("€ 12500-15000"). With a thousands
# separator only before "nr." ("35 405, nr. 12"): "12 500-15 000" is an amount.
_ANCHOR = re.compile(
    r'(?<![^\W_])(?:' + KEYWORD.pattern + r')'
    r'|(?<![\w€$£./,' + DASH + r'])(?<![€$£]\s)(?<!eur\s)(?<!euro\s)(?P<compact>'
    r'[0-9]{5}(?=[' + DASH + r']|\s*+,?\s*+nrs?\b)'
    r'|[0-9]{2}[' + THOUSANDS + r'][0-9]{3}(?=\s*+,?\s*+nrs?\b))',
    re.IGNORECASE,
)
# After a bare compact form: it was part of a longer code ("12345-2024-001") or an
# amount ("12500-15 %").
_NOT_COMPACT_AFTER = re.compile(
    r'\s*+[/' + DASH + r'][0-9]|[.,][0-9]|\s*+(?:%|procent|euro|eur|miljoen|miljard)' + WORD_END,
    re.IGNORECASE,
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
        parser = Parser(text, start)
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
        if citation.kind in BLAD_ABBREVIATION:
            while more := BLAD_MORE.match(text, end):
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
