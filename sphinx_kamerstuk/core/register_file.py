"""The register file: the Kamer's own toezeggingen, as imported, in one stable JSON layout.

Pure Python. ``sphinx-kamerstuk import-tk`` / ``import-ek`` write it; a build reads it
(``kamerstuk_registers``). Sorted by number, stable formatting, so that a re-import of
the same data changes no byte and a real change is a readable diff. A file may have been
edited by hand, so reading checks every field (as ``schemas/register.schema.json``
describes them) and keeps what is valid.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
import stat
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from sphinx_kamerstuk.core.files import NotReadable, read_regular, write_atomic

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterable

SCHEMA_VERSION = 1
#: Some thousand times the whole Tweede Kamer register (a few MB); a larger file is not read.
MAX_BYTES = 64 * 1024 * 1024

Bron = Literal['tk', 'ek']
BRONNEN: tuple[Bron, ...] = get_args(Bron)
_KAMER = {'tk': 'Tweede Kamer', 'ek': 'Eerste Kamer'}
#: The register's status, normalised over the schema's and the live data's words and the
#: Eerste Kamer's (docs/domain.rst, Register statuses): what the Kamer thinks, not what we
#: compute.
RegisterStatus = Literal[
    'openstaand', 'afgedaan', 'deels-afgedaan', 'vervallen', 'doorlopend', 'onbekend'
]
REGISTER_STATUSES: tuple[RegisterStatus, ...] = get_args(RegisterStatus)
#: Every status word the Kamers use, lower case, single spaces (docs/domain.rst, Register
#: statuses).
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


#: Each Kamer's numbering (docs/domain.rst, Register numbers), in ASCII digits only.
NUMMER: dict[Bron, re.Pattern[str]] = {
    'tk': re.compile(r'TZ[0-9]{6}-[0-9]{3}'),
    'ek': re.compile(r'T[0-9]{5}'),
}
_NUMMER_EXAMPLE = {'tk': 'TZ and six digits, a dash and three, such as TZ202412-116',
                   'ek': 'T and five digits, such as T02942'}  # fmt: skip
#: What text in a register may not hold: control characters other than tab and line
#: breaks, and lone surrogates (which no UTF-8 output can encode).
FORBIDDEN = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]')
_ISO_DATE = re.compile(r'[0-9]{4}-[0-9]{2}-[0-9]{2}')


class RegisterError(ValueError):
    """A register file that cannot be read; the message names the file and the place."""


@dataclass(frozen=True)
class Entry:
    """One toezegging as the Kamer's register records it."""

    #: ``TZ202412-116`` (Tweede Kamer) or ``T01237`` (Eerste Kamer).
    nummer: str
    tekst: str = ''
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


@dataclass(frozen=True)
class Problem:
    """A field or an entry of a register file that cannot be used, and where it is."""

    #: The line of the field, or of the entry; 0 when it cannot be found.
    line: int
    #: The entry's place in the file, counted from 1, and its number when it has one.
    entry: int
    nummer: str
    message: str
    #: Whether the whole entry is left out (no usable number), not only a field.
    left_out: bool = False


_TUPLES = {f.name for f in fields(Entry) if f.type.startswith('tuple')}
#: In file order; read directly, as ``asdict`` would deep-copy 10,000 entries.
_NAMES = tuple(f.name for f in fields(Entry))
_DATES = frozenset({'aanmaakdatum', 'datum_nakoming'})
_TEXTS = frozenset(_NAMES) - _TUPLES - _DATES - {'nummer', 'status', 'in_bron'}


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
    """The register an import adds to: None while the file does not exist yet.

    An import rewrites the whole file, so one with a field it cannot use is refused
    rather than rewritten without that field.
    """
    if not path.exists():
        return None
    register, problems = read(path)
    if problems:
        first = problems[0]
        more = f' (and {len(problems) - 1} more)' if len(problems) > 1 else ''
        raise RegisterError(
            f'{path}:{first.line}: {describe(first)}{more}; correct the register file first'
        )
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
    """Write atomically; returns whether the file changed (an equal file is not touched).

    A symlinked register stays a symlink (its target is replaced), and an existing file
    keeps its permissions.
    """
    text = dumps(register)
    try:
        if path.read_text(encoding='utf-8') == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    target = path.resolve() if path.is_symlink() else path
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o644
    write_atomic(target, text.encode('utf-8'), mode=mode)
    return True


def load(path: Path) -> Register:
    """Read a register file, leaving out what cannot be used (see :func:`read`)."""
    return read(path)[0]


def read(path: Path, earlier: Container[str] = frozenset()) -> tuple[Register, list[Problem]]:
    """The register and what in it cannot be used: each bad field is left out (its
    default taken), each entry without a usable number too, and each whose number is in
    ``earlier`` (read from an earlier register). RegisterError when the file as a whole
    is not a register."""
    repeated: dict[int, list[str]] = {}  # id of an object: its keys seen again
    try:
        text = read_regular(path, MAX_BYTES)[0].decode('utf-8-sig')
        data = json.loads(text, object_pairs_hook=partial(_first_wins, repeated))
    except NotReadable as exc:
        raise RegisterError(f'{path}: {exc}') from None
    except OSError as exc:
        raise RegisterError(f'{path}: cannot read: {exc.strerror or exc}') from None
    except UnicodeDecodeError as exc:
        raise RegisterError(f'{path}: not UTF-8 at byte {exc.start}') from None
    except json.JSONDecodeError as exc:
        raise RegisterError(f'{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}') from None
    except (ValueError, RecursionError):  # too deep, or an integer of 5,000 digits
        raise RegisterError(f'{path}: nested too deeply to be a register') from None
    if not isinstance(data, dict) or not _is_version(data.get('schema')):
        raise RegisterError(
            f'{path}: not a register file (expected {{"schema": {SCHEMA_VERSION}, '
            '"bron": ..., "toezeggingen": [...]}, as sphinx-kamerstuk import-tk writes)'
        )
    if twice := repeated.get(id(data)):
        line = text.count('\n', 0, _key_at(text, twice[0], 0, len(text), occurrence=2)) + 1
        raise RegisterError(
            f'{path}:{line}: {json.dumps(twice[0])} appears twice; which one counts?'
        )
    bron = data.get('bron')
    if bron not in BRONNEN or not isinstance(data.get('toezeggingen'), list):
        raise RegisterError(f'{path}: expected "bron" "tk" or "ek" and a "toezeggingen" list')
    entries: dict[str, int] = {}
    found: list[Entry] = []
    complaints: list[tuple[int, str, str, str, bool, int]] = []
    for index, item in enumerate(data['toezeggingen']):
        values, bad = check_entry(item, bron)
        nummer = values.get('nummer', '')
        usable = 'nummer' in values
        if usable and nummer in entries:
            bad = [('', f'{nummer} is also entry {entries[nummer] + 1}')]
            usable = False
        elif usable and nummer in earlier:
            bad = [('', f'{nummer} is also in an earlier register, which counts')]
            usable = False
        if not usable:  # what else is wrong does not matter now
            bad = [(name, message) for name, message in bad if name in ('', 'nummer')]
        complaints += [(index, name, nummer, message, not usable, 1) for name, message in bad]
        if usable:
            entries[nummer] = index
            found.append(Entry(**values))
            complaints += [
                (index, name, nummer, f'a second {json.dumps(name)} (the first counts)', False, 2)
                for name in repeated.get(id(item), ())
            ]
    problems = []
    if complaints:
        places = _places(text, len(data['toezeggingen']))
        for index, name, nummer, message, left_out, occurrence in complaints:
            line = places(index, name, occurrence)
            problems.append(Problem(line, index + 1, nummer, message, left_out))
    return Register(bron, tuple(found)), problems


def _first_wins(repeated: dict[int, list[str]], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object as read, its first value for a key given twice; the key noted in
    ``repeated`` (a JSON reader silently keeps the last)."""
    result: dict[str, Any] = {}
    twice = []
    for key, value in pairs:
        if key in result:
            twice.append(key)
        else:
            result[key] = value
    if twice:
        repeated[id(result)] = twice
    return result


def _is_version(value: object) -> bool:
    return value == SCHEMA_VERSION and not isinstance(value, bool)  # true == 1 in Python


def describe(problem: Problem) -> str:
    """A problem as one line: "entry 3 (TZ202401-001): aanmaakdatum ...; left out"."""
    entry = f'entry {problem.entry}' + (f' ({problem.nummer})' if problem.nummer else '')
    outcome = 'the entry is left out' if problem.left_out else 'left out'
    return f'{entry}: {problem.message}; {outcome}'


def check_entry(item: object, bron: Bron) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """An entry's usable values (no ``nummer`` when it has none usable) and each field
    that is not, with why. The schema's ``$defs/entry`` says the same. Each usable value
    has its field's type, so the values make an :class:`Entry`."""
    if not isinstance(item, dict):
        return {}, [('', f'expected an object, not {json_type(item)}')]
    values: dict[str, Any] = {}
    bad: list[tuple[str, str]] = []
    for name, value in item.items():
        if name not in _NAME_SET:
            bad.append((name, f'unknown field {_shown(name)}'))
            continue
        problem = _field_problem(name, value, bron)
        if problem:
            bad.append((name, f'{name} {_shown(value)} {problem}'))
        else:
            values[name] = tuple(value) if name in _TUPLES else value
    if 'nummer' not in item:
        bad.append(('nummer', 'no nummer'))
    return values, bad


_NAME_SET = frozenset(_NAMES)


def _field_problem(name: str, value: object, bron: Bron) -> str:
    """What is wrong with one field's value; empty when it is valid."""
    if name in _TEXTS:  # most fields: first
        return '' if _is_text(value) else 'should be text'
    if name in _TUPLES:
        if isinstance(value, list) and all(_is_text(v) and v for v in value):
            return ''
        return 'should be a list of text'
    if name in _DATES:
        if value is None or (isinstance(value, str) and _is_date(value)):
            return ''
        return 'is not a date YYYY-MM-DD (or null)'
    if name == 'nummer':
        if isinstance(value, str) and NUMMER[bron].fullmatch(value):
            return ''
        return f'is not a number of this register ({_NUMMER_EXAMPLE[bron]})'
    if name == 'status':
        if value in REGISTER_STATUSES:
            return ''
        return f'is not one of {", ".join(REGISTER_STATUSES)}'
    return '' if isinstance(value, bool) else 'should be true or false'  # in_bron


def _is_text(value: object) -> bool:
    return isinstance(value, str) and not FORBIDDEN.search(value)


def _is_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def json_type(value: object) -> str:
    """A JSON value's kind, for a message: "an object", "null", "text"."""
    names = {dict: 'an object', list: 'a list', str: 'text', bool: 'true or false'}
    return 'null' if value is None else names.get(type(value), 'a number')


def _shown(value: object) -> str:
    """A value in a message: escaped, and short."""
    text = repr(value) if isinstance(value, str) else json.dumps(value, default=str)[:200]
    return text if len(text) <= 60 else text[:57] + '...'


def _places(text: str, count: int) -> Callable[[int, str, int], int]:
    """``line(index, field, occurrence)``: the line of a field of entry ``index`` (its
    second one, for ``occurrence`` 2), else of the entry (of the list, for an entry that
    is not an object or a list).

    Read again with the pure-Python scanner, whose objects and lists can be seen as they
    are made: slower, so only done when there is something to report. Inside an entry
    the C scanner reads on, which needs no Python stack however deep a value nests.
    """
    spans: dict[int, tuple[int, int]] = {}
    decoder = json.JSONDecoder()
    inner = json.scanner.c_make_scanner or json.scanner.py_make_scanner  # type: ignore[attr-defined]
    deep = inner(json.JSONDecoder())
    depth = 0

    def spanned(
        parse: Callable[..., tuple[object, int]], scanner_at: int
    ) -> Callable[..., tuple[object, int]]:
        def parse_and_note(s_and_end: tuple[str, int], *args: Any) -> tuple[object, int]:
            nonlocal depth
            depth += 1
            if depth >= 3:  # an entry: what is in it needs no spans
                args = (*args[:scanner_at], deep, *args[scanner_at + 1 :])
            try:
                value, end = parse(s_and_end, *args)
            finally:
                depth -= 1
            spans[id(value)] = (s_and_end[1] - 1, end)
            return value, end

        return parse_and_note

    # typeshed leaves out the pure-Python scanner's hooks, which this replaces
    decoder.parse_object = spanned(json.decoder.JSONObject, 1)  # type: ignore[attr-defined]
    decoder.parse_array = spanned(json.decoder.JSONArray, 0)  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        items = decoder.decode(text)['toezeggingen']
    except RecursionError:  # called with little stack left: lines unknown
        return lambda _index, _name, _occurrence: 0
    whole = spans[id(items)]
    starts = [spans.get(id(item), whole) for item in items[:count]]
    breaks = [found.start() for found in re.finditer('\n', text)]

    def line(index: int, name: str, occurrence: int) -> int:
        start, end = starts[index]
        position = _key_at(text, name, start, end, occurrence) if name else start
        return bisect.bisect_left(breaks, position) + 1

    return line


def _key_at(text: str, name: str, start: int, end: int, occurrence: int = 1) -> int:
    """Where the ``occurrence``-th key ``name`` between ``start`` and ``end`` is (``start``
    when there is none). A quote inside a JSON string is escaped, so the pattern matches
    keys only."""
    key = re.compile(rf'[{{,]\s*{re.escape(json.dumps(name))}\s*:')
    position = start
    for number, found in enumerate(key.finditer(text, start, end), 1):
        position = text.index('"', found.start())
        if number == occurrence:
            break
    return position
