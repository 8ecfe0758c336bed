"""The register file: the Kamer's own toezeggingen, as imported, in one stable JSON layout.

Pure Python. ``sphinx-kamerstuk import-tk`` / ``import-ek`` write it; a build reads it
(``kamerstuk_registers``). Sorted by number, stable formatting, so that a re-import of
the same data changes no byte and a real change is a readable diff.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

SCHEMA_VERSION = 1

Bron = Literal['tk', 'ek']
_KAMER = {'tk': 'Tweede Kamer', 'ek': 'Eerste Kamer'}
#: The register's status, normalised over the schema's and the live data's words
#: (DOMAIN.md 1.3) and the Eerste Kamer's: what the Kamer thinks, not what we compute.
RegisterStatus = Literal[
    'openstaand', 'afgedaan', 'deels-afgedaan', 'vervallen', 'doorlopend', 'onbekend'
]
REGISTER_STATUSES: tuple[RegisterStatus, ...] = (
    'openstaand',
    'afgedaan',
    'deels-afgedaan',
    'vervallen',
    'doorlopend',
    'onbekend',
)
#: Every status word the Kamers use, lower case, single spaces (DOMAIN.md 1.3 and 2).
_STATUS_WORDS: dict[str, RegisterStatus] = {
    '': 'onbekend',
    'openstaand': 'openstaand',
    'afgedaan': 'afgedaan',
    'voldaan': 'afgedaan',
    'deels afgedaan': 'deels-afgedaan',
    'deels voldaan': 'deels-afgedaan',
    'vervallen': 'vervallen',
    'doorlopend': 'doorlopend',
}


class RegisterError(ValueError):
    """A register file that cannot be read; the message names the file and the place."""


@dataclass(frozen=True)
class Entry:
    """One toezegging as the Kamer's register records it."""

    #: ``TZ202412-116`` (Tweede Kamer) or ``T01237`` (Eerste Kamer).
    nummer: str
    tekst: str
    #: The Eerste Kamer's title, with the dossier: "Toezegging Effecten van de wet (34.349)".
    titel: str = ''
    #: Normalised (see :data:`REGISTER_STATUSES`); ``status_bron`` keeps the word as read.
    status: RegisterStatus = 'onbekend'
    status_bron: str = ''
    #: The bewindspersoon as "Voorletters Achternaam" and as the register writes it.
    bewindspersoon: str = ''
    naam_bron: str = ''
    functie: str = ''
    ministerie: str = ''
    activiteit: str = ''
    activiteit_nummer: str = ''
    #: The Eerste Kamer committee that follows it.
    commissie: str = ''
    #: When the register made the entry (ISO date), and the date of fulfilment it holds.
    aanmaakdatum: str | None = None
    datum_nakoming: str | None = None
    #: DocumentNummers (``2024D12345``) of the letters the register says fulfil it;
    #: for the Eerste Kamer the kamerstukken as written.
    kamerbrief_nakoming: tuple[str, ...] = ()
    toegezegd_aan: tuple[str, ...] = ()
    herhaalt: tuple[str, ...] = ()
    wijzigt: tuple[str, ...] = ()
    vult_aan: tuple[str, ...] = ()
    #: The Gegevensmagazijn GUID, when known.
    guid: str = ''
    gewijzigd_op: str = ''
    #: False once a later import no longer found it: kept, so nothing is lost.
    in_bron: bool = True


@dataclass(frozen=True)
class Register:
    bron: Bron
    entries: tuple[Entry, ...] = field(default=())


_TUPLES = {f.name for f in fields(Entry) if f.type.startswith('tuple')}
#: In file order; read directly, as ``asdict`` would deep-copy 10,000 entries.
_NAMES = tuple(f.name for f in fields(Entry))


def normalise_status(word: str) -> RegisterStatus | None:
    """The register status for a word of either Kamer, any case; None for an unknown word."""
    return _STATUS_WORDS.get(re.sub(r'\s+', ' ', word).strip().lower())


def merge(
    bron: Bron,
    existing: Register | None,
    found: Iterable[Entry],
    *,
    complete: bool = True,
    deleted: frozenset[str] = frozenset(),
) -> tuple[Register, list[str]]:
    """The new register and the numbers no longer in the source, so that nothing is lost.

    ``found`` is what an import read (all of the source when ``complete``, only changes
    otherwise); ``deleted`` are numbers the source marks as deleted. An entry of
    ``existing`` that is deleted, or missing from a complete import, is kept with
    ``in_bron`` false; one missing from an incremental import is kept as it was.
    """
    if existing:
        _check_bron(existing, bron)
    entries = {e.nummer: e if e.in_bron else replace(e, in_bron=True) for e in found}
    gone = []
    for entry in existing.entries if existing else ():
        if entry.nummer in entries:
            continue
        if complete or entry.nummer in deleted:
            gone.append(entry.nummer)
            entry = replace(entry, in_bron=False)
        entries[entry.nummer] = entry
    return Register(bron, tuple(entries[nummer] for nummer in sorted(entries))), sorted(gone)


def load_for(path: Path, bron: Bron) -> Register | None:
    """The register an import adds to: None while the file does not exist yet."""
    if not path.exists():
        return None
    register = load(path)
    _check_bron(register, bron)
    return register


def _check_bron(register: Register, bron: Bron) -> None:
    """The two Kamers' registers are never mixed in one file."""
    if register.bron != bron:
        raise RegisterError(
            f"the register holds the {_KAMER[register.bron]}'s toezeggingen and this import "
            f"reads the {_KAMER[bron]}'s: write it to another file"
        )


def dumps(register: Register) -> str:
    """The file's text: sorted by number, keys in field order, two-space indent."""
    entries = sorted(register.entries, key=lambda entry: entry.nummer)
    data = {
        'schema': SCHEMA_VERSION,
        'bron': register.bron,
        'toezeggingen': [
            {
                name: list(getattr(e, name)) if name in _TUPLES else getattr(e, name)
                for name in _NAMES
            }
            for e in entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + '\n'


def write(path: Path, register: Register) -> bool:
    """Write atomically; returns whether the file changed (an equal file is not touched)."""
    text = dumps(register)
    try:
        if path.read_text(encoding='utf-8') == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f'.{path.name}.', dir=path.parent)
    try:
        with os.fdopen(handle, 'w', encoding='utf-8', newline='\n') as stream:
            stream.write(text)
        Path(temp).chmod(0o644)
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True


def load(path: Path) -> Register:
    """Read a register file written by :func:`write`."""
    try:
        data = json.loads(path.read_text(encoding='utf-8'))
    except OSError as exc:
        raise RegisterError(f'{path}: cannot read: {exc.strerror or exc}') from None
    except UnicodeDecodeError as exc:
        raise RegisterError(f'{path}: not UTF-8 at byte {exc.start}') from None
    except json.JSONDecodeError as exc:
        raise RegisterError(f'{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}') from None
    except RecursionError:
        raise RegisterError(f'{path}: nested too deeply to be a register') from None
    if not isinstance(data, dict) or data.get('schema') != SCHEMA_VERSION:
        raise RegisterError(
            f'{path}: not a register file (expected {{"schema": {SCHEMA_VERSION}, '
            '"bron": ..., "toezeggingen": [...]}, as sphinx-kamerstuk import-tk writes)'
        )
    if data.get('bron') not in ('tk', 'ek') or not isinstance(data.get('toezeggingen'), list):
        raise RegisterError(f'{path}: expected "bron" "tk" or "ek" and a "toezeggingen" list')
    entries = []
    known = {f.name for f in fields(Entry)}
    for index, item in enumerate(data['toezeggingen']):
        if not isinstance(item, dict) or not isinstance(item.get('nummer'), str):
            raise RegisterError(f'{path}: toezeggingen[{index}] has no "nummer"')
        try:
            entries.append(
                Entry(
                    **{
                        key: tuple(value) if key in _TUPLES else value
                        for key, value in item.items()
                        if key in known
                    }
                )
            )
        except TypeError as exc:
            raise RegisterError(f'{path}: toezeggingen[{index}]: {exc}') from None
    return Register(data['bron'], tuple(entries))
