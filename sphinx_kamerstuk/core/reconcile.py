"""The team's toezeggingen and the Kamer's register, side by side.

Pure Python. ``combine`` makes one list of toezeggingen from the sources and the
registers (a source augments its register entry); ``differences`` lists where the two
disagree, for the griffie.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Literal, get_args
from urllib.parse import quote

from sphinx_kamerstuk.core.citations import CitationError, parse
from sphinx_kamerstuk.core.records import Toezegging

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sphinx_kamerstuk.core.records import Letter
    from sphinx_kamerstuk.core.register_file import Entry
    from sphinx_kamerstuk.core.status import Trace

ODATA_ENTITY = 'https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Toezegging({guid})'
#: Where each Kamer publishes its register, for an entry with no address of its own (the
#: Eerste Kamer's export has none): sphinx-needs requires one on every external need.
REGISTER_PAGE = {
    'tk': 'https://www.tweedekamer.nl/kamerstukken/toezeggingen',
    'ek': 'https://www.eerstekamer.nl/begrip/toezeggingen',
}


def entity_url(guid: str) -> str:
    """The Gegevensmagazijn address of a register entry. The GUID is data: percent-encoded,
    so that no character of it means something to a URL, HTML or LaTeX's ``\\href``."""
    return ODATA_ENTITY.format(guid=quote(guid, safe=''))


#: The numbering of each register, to tell a register number from a local id.
REGISTER_NUMBER = {'tk': re.compile(r'TZ\d{6}-\d{3}'), 'ek': re.compile(r'T\d{5}')}

Soort = Literal['status', 'document', 'termijn', 'alleen-register', 'alleen-lokaal']
SOORTEN: tuple[Soort, ...] = get_args(Soort)
_OPEN = ('openstaand', 'doorlopend', 'onbekend')
_CLOSED = ('afgedaan', 'deels-afgedaan')
_FULFILLED = ('voldaan', 'te-laat-voldaan')


def from_register(entry: Entry, bron: str) -> Toezegging:
    """A register entry as a toezegging of the project, with no page of its own."""
    return Toezegging(
        docname='',
        lineno=None,
        id=entry.nummer,
        tekst=entry.tekst,
        bewindspersoon=entry.bewindspersoon,
        functie=entry.functie,
        ministerie=entry.ministerie,
        kamer=bron,
        activiteit=entry.activiteit,
        activiteit_nummer=entry.activiteit_nummer,
        datum=entry.aanmaakdatum,
        toegezegd_aan=', '.join(entry.toegezegd_aan),
        commissie=entry.commissie,
        termijn_tekst=entry.datum_nakoming or '',
        termijn=entry.datum_nakoming,
        vervallen=entry.status == 'vervallen',
        herhaalt=entry.herhaalt,
        wijzigt=entry.wijzigt,
        vult_aan=entry.vult_aan,
        register=bron,
        register_status=entry.status,
        register_brieven=entry.kamerbrief_nakoming,
        register_termijn=entry.datum_nakoming,
        bron_url=entity_url(entry.guid) if bron == 'tk' and entry.guid else '',
    )


#: Fields a source may leave empty and the register then fills.
_FILLED = tuple(
    f.name
    for f in fields(Toezegging)
    if f.name
    in (
        'tekst',
        'bewindspersoon',
        'functie',
        'ministerie',
        'activiteit',
        'activiteit_nummer',
        'datum',
        'toegezegd_aan',
        'commissie',
        'termijn_tekst',
        'termijn',
        'herhaalt',
        'wijzigt',
        'vult_aan',
    )
)


def augment(local: Toezegging, entry: Entry, bron: str) -> Toezegging:
    """A source's toezegging with what only the register knows; the source wins."""
    registered = from_register(entry, bron)
    taken = {
        name: getattr(registered, name)
        for name in _FILLED
        if not getattr(local, name) and getattr(registered, name)
    }
    if registered.vervallen and not local.vervallen:
        taken['vervallen'] = True
    return replace(
        local,
        **taken,
        register=bron,
        register_status=entry.status,
        register_brieven=entry.kamerbrief_nakoming,
        register_termijn=entry.datum_nakoming,
        uit_register=tuple(taken),
        bron_url=registered.bron_url,
    )


def combine(
    local: Iterable[Toezegging], register: Mapping[str, tuple[Entry, str]]
) -> list[Toezegging]:
    """Every toezegging once: sources augmented by their register entries, and the rest."""
    result = []
    augmented = set()
    for toezegging in local:
        found = register.get(toezegging.id)
        if found and toezegging.id not in augmented:
            augmented.add(toezegging.id)
            result.append(augment(toezegging, *found))
        else:
            result.append(toezegging)
    result += [
        from_register(entry, bron)
        for nummer, (entry, bron) in register.items()
        if nummer not in augmented
    ]
    return result


@dataclass(frozen=True)
class Difference:
    """One disagreement between the register and the project."""

    id: str
    soort: Soort
    #: What each side says, as short text (dates ISO, statuses as their words).
    register: str
    lokaal: str


def differences(traces: Iterable[Trace], registers_loaded: Iterable[str]) -> list[Difference]:
    """Where the register and the project disagree, per toezegging, in id order.

    ``registers_loaded`` names the registers configured (``tk``, ``ek``): a local
    register number is only "missing from the register" if that register was loaded.
    """
    loaded = set(registers_loaded)
    found: list[Difference] = []
    for trace in traces:
        t = trace.toezegging
        named = [
            f for f in (*trace.vervuld_door, *trace.in_voorbereiding) if f.letter.bron != 'register'
        ]
        counted = [
            f.letter for f in trace.vervuld_door if not f.deels and f.letter.bron != 'register'
        ]
        if not t.register:
            pattern = REGISTER_NUMBER.get(t.kamer)
            if t.kamer in loaded and pattern and pattern.fullmatch(t.id):
                found.append(Difference(t.id, 'alleen-lokaal', '', trace.status))
            continue
        if not t.docname and not named:
            # nothing of the project names it: that is the one difference to tell
            found.append(Difference(t.id, 'alleen-register', t.register_status, ''))
            continue
        if t.register_status in _OPEN and trace.status in _FULFILLED:
            found.append(Difference(t.id, 'status', t.register_status, _letters(counted)))
        elif t.register_status in _CLOSED and not trace.vervuld_door and not t.vervallen:
            found.append(Difference(t.id, 'status', t.register_status, trace.status))
        ours = _documents(counted, t.register)
        theirs = _register_documents(t)
        if ours and theirs and ours != theirs:
            found.append(
                Difference(t.id, 'document', ', '.join(sorted(theirs)), ', '.join(sorted(ours)))
            )
        if (
            t.docname
            and t.register_termijn
            and t.termijn
            and 'termijn' not in t.uit_register
            and t.register_termijn != t.termijn
        ):
            found.append(Difference(t.id, 'termijn', t.register_termijn, t.termijn))
    return sorted(found, key=lambda d: (d.id, SOORTEN.index(d.soort)))


def _letters(letters: list[Letter]) -> str:
    return ', '.join(f'{letter.id} ({letter.datum})' for letter in letters)


def _documents(letters: list[Letter], bron: str) -> set[str]:
    """What identifies our letters in the register: DocumentNummer (TK), kamerstuk (EK:
    of a letter printed in both chambers' series, its Eerste Kamer publication)."""
    if bron == 'tk':
        return {letter.tk_document for letter in letters if letter.tk_document}
    return {
        citation.obl_id
        for letter in letters
        for citation in letter.kamerstukken
        if citation.obl_id and citation.chamber != 'II'
    }


def _register_documents(toezegging: Toezegging) -> set[str]:
    if toezegging.register == 'tk':
        return set(toezegging.register_brieven)
    ids = set()
    for text in toezegging.register_brieven:
        try:
            citation = parse(text, kind='kamerstuk')
        except CitationError:
            continue
        if citation.obl_id:
            ids.add(citation.obl_id)
    return ids
