"""The extension's warnings: one type, a documented set of subtypes, one function."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import logging

    from docutils import nodes

WARNING_TYPE = 'kamerstuk'

Subtype = Literal[
    'citation',
    'citation_kind',
    'concept',
    'config',
    'datum',
    'docx',
    'filter',
    'kamerbrief',
    'ondertekenaar',
    'option',
    'register',
    'termijn',
    'toezegging',
    'toezegging_tekst',
    'verlopen',
    'vervult',
]

#: Every subtype with what it reports; the docs' warnings page lists them all.
SUBTYPES: dict[Subtype, str] = {
    'citation': 'a reference in a citation role cannot be read',
    'citation_kind': 'a citation role was given another kind of reference '
    '(``:stb:`` given a Kamerstuk)',
    'concept': 'a draft letter (no ``:datum:``) names toezeggingen it fulfils; they count '
    'once it is dated',
    'config': 'a ``kamerstuk_*`` configuration value, ``SOURCE_DATE_EPOCH``, or a sphinx-needs '
    'setting the extension builds on is invalid; a default is used',
    'datum': 'a ``:datum:`` is not a date that exists, written YYYY-MM-DD',
    'docx': 'the ``kamerbrief-docx`` builder cannot write a letter: pandoc is missing or '
    'failed, or ``kamerstuk_docx_sjabloon`` is no Word template (the built-in one is used)',
    'filter': 'a ``toezeggingen`` ``:filter:`` is not valid in the filter language',
    'kamerbrief': 'a letter is misplaced: two in one document, a signature outside a letter, '
    'or two letters with one id',
    'ondertekenaar': "an ``:ondertekenaar:`` line is not 'Functie, Naam', "
    'or a dated letter has no signatory',
    'option': 'a directive option is unknown, has an invalid value (its default is used) or '
    'takes one value and is given twice, or a letter or toezegging body starts with lines '
    'that look like options',
    'register': 'a register file in ``kamerstuk_registers`` cannot be read or repeats a '
    'number, or a field or entry in it cannot be used',
    'termijn': 'a ``:termijn:`` cannot be read; the toezegging counts as having no deadline',
    'toezegging': 'a toezegging has no or a duplicate id, or a ``:toezegging:`` role names an '
    'unknown one',
    'toezegging_tekst': 'a sentence in a letter commits to something towards the Kamer and no '
    '``toezegging`` in the document records it (``kamerstuk_zoek_toezeggingen``)',
    'verlopen': 'an open toezegging is past its deadline (``kamerstuk_waarschuw_verlopen``)',
    'vervult': 'a ``:vervult:`` id is malformed or unknown, or names a letter without date or '
    'dated before the toezegging was made',
}


def log_warning(
    logger: logging.LoggerAdapter,
    message: str,
    subtype: Subtype,
    location: str | tuple[str, int | None] | nodes.Node | None,
) -> None:
    """Warn with type ``kamerstuk``, so ``suppress_warnings`` and ``-W`` apply."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)
