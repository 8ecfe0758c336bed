"""The Eerste Kamer's toezeggingen, from a table a team fills in.

The Eerste Kamer publishes its register only as web pages (docs/domain.rst, The Eerste
Kamer register), so the team
copies what it needs into a CSV or JSON file of a fixed layout (``docs/register.rst``).
The layout is read strictly: an unknown or repeated column, a number that is not ``T``
and five digits, a status or date that cannot be read stops the import with the file and
line, so a typo never quietly drops a commitment.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from typing import TYPE_CHECKING

from sphinx_kamerstuk.core.dutch import MONTH_NUMBERS
from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.core.register_file import (
    FORBIDDEN,
    NUMMER,
    Entry,
    json_type,
    normalise_status,
)
from sphinx_kamerstuk.importers.source import (
    SourceError,
    check_depth,
    clean_text,
    json_error,
    read_bytes,
)

if TYPE_CHECKING:
    from pathlib import Path

COLUMNS = (
    'nummer',
    'titel',
    'tekst',
    'status',
    'datum',
    'deadline',
    'verantwoordelijke',
    'kamerleden',
    'commissie',
    'soort',
    'kamerstukken',
)
#: Digits are ASCII digits: ``int()`` would read full-width ones too.
_ISO = re.compile(r'([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})')
_NUMERIC = re.compile(r'([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})')
_WRITTEN = re.compile(r'([0-9]{1,2})\s+([a-z]+)\.?\s+([0-9]{4})')
#: Several kamerstukken or kamerleden in one cell: a semicolon or a new line between them
#: (a kamerstuk has a comma of its own: "35104, J").
_SEPARATOR = re.compile(r'\s*[;\n]\s*')
_SPACE = re.compile(r'[ \t\r\n]*')  # JSON's whitespace


def read(path: Path) -> tuple[Entry, ...]:
    """The entries of one file, CSV or JSON (told apart by content), in file order."""
    try:
        text = read_bytes(path).decode('utf-8-sig')
    except UnicodeDecodeError as exc:
        raise SourceError(f'{path}: ' + _('not UTF-8 at byte %d') % exc.start) from None
    rows = _json_rows(text, path) if text.lstrip()[:1] in ('[', '{') else _csv_rows(text, path)
    entries: dict[str, tuple[Entry, int]] = {}
    for line, row in rows:
        entry = _entry(row, f'{path}:{line}')
        if entry.nummer in entries:
            raise SourceError(
                f'{path}:{line}: '
                + _('%(nummer)s is already on line %(line)d')
                % {'nummer': entry.nummer, 'line': entries[entry.nummer][1]}
            )
        entries[entry.nummer] = (entry, line)
    return tuple(entry for entry, _line in entries.values())


def _csv_rows(text: str, path: Path) -> list[tuple[int, dict[str, str]]]:
    """Each row with the line it starts on; the separator is whichever reads the header."""
    header_line = text.split('\n', 1)[0]
    delimiter = max(';,', key=lambda sign: _known(header_line.split(sign)))
    text = text.replace('\r\n', '\n')  # a spreadsheet's line ends, also inside a cell
    reader = csv.reader(io.StringIO(text, newline=''), delimiter=delimiter, strict=True)
    rows, start = [], 1
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        _check_columns(header, f'{path}:1')
        start = reader.line_num + 1
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(record) > len(header):
                    raise SourceError(
                        f'{path}:{start}: '
                        + _('%(cells)d cells, but the header has %(header)d')
                        % {'cells': len(record), 'header': len(header)}
                    )
                rows.append((start, dict(zip(header, record, strict=False))))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(f'{path}:{start}: ' + _('not readable as CSV: %s') % exc) from None
    return rows


def _known(names: list[str]) -> int:
    return sum(name.strip().strip('"').lower() in COLUMNS for name in names)


def _check_columns(names: list[str], where: str) -> None:
    unknown = [name for name in names if name not in COLUMNS]
    twice = [name for index, name in enumerate(names) if name in names[:index]]
    if twice:
        raise SourceError(f'{where}: ' + _('column %r appears twice; which one counts?') % twice[0])
    if unknown or 'nummer' not in names:
        problem = _('unknown column %r') % unknown[0] if unknown else _('no column "nummer"')
        columns = _('the columns are %s') % ', '.join(COLUMNS)
        raise SourceError(f'{where}: {problem}; {columns}')


def _json_rows(text: str, path: Path) -> list[tuple[int, dict]]:
    """Each object of the list with the line it starts on, read one by one for that."""
    if not text.lstrip().startswith('['):
        raise SourceError(f'{path}: ' + _('expected a JSON list of objects, one per toezegging'))
    decoder = json.JSONDecoder(object_pairs_hook=_unique_keys)
    rows = []
    position = _skip_space(text, text.index('[') + 1)
    line, counted = 1, 0
    try:
        while text[position : position + 1] != ']':
            line, counted = line + text.count('\n', counted, position), position
            try:
                value, end = decoder.raw_decode(text, position)
            except _RepeatedKey as exc:
                raise SourceError(f'{path}:{line}: ' + _('%s; which one counts?') % exc) from None
            if not isinstance(value, dict):
                raise SourceError(
                    f'{path}:{line}: '
                    + _('expected an object with "nummer", ..., not %s') % json_type(value)
                )
            check_depth(value, f'{path}:{line}', depth=2)
            _check_columns([str(key).strip().lower() for key in value], f'{path}:{line}')
            rows.append((line, {str(key).strip().lower(): item for key, item in value.items()}))
            position = _skip_space(text, end)
            if text[position : position + 1] == ',':
                position = _skip_space(text, position + 1)
                if text[position : position + 1] == ']':
                    raise json.JSONDecodeError('Expecting value', text, position)
            elif text[position : position + 1] != ']':
                raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
        if text[position + 1 :].strip():
            raise json.JSONDecodeError('Extra data', text, _skip_space(text, position + 1))
    except SourceError:
        raise
    except (ValueError, RecursionError) as exc:
        raise json_error(exc, str(path), text) from None
    return rows


class _RepeatedKey(ValueError):
    """An object with a key twice: JSON readers keep the last, silently."""


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _value in pairs]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise _RepeatedKey(_('key %r appears twice') % key)
    return dict(pairs)


def _skip_space(text: str, position: int) -> int:
    space = _SPACE.match(text, position)  # always: it matches the empty string too
    return space.end() if space else position


def _entry(row: dict, where: str) -> Entry:
    cell = _Cells(row, where)
    nummer = cell.text('nummer').upper()
    if not NUMMER['ek'].fullmatch(nummer):
        raise SourceError(
            f'{where}: '
            + _('nummer %r is not an Eerste Kamer number (T and five digits, such as T02942)')
            % nummer
        )
    status = normalise_status(cell.text('status'))
    if status is None:
        raise SourceError(
            f'{where}: '
            + _('status %r is not one of openstaand, voldaan, deels voldaan, doorlopend')
            % cell.text('status')
        )
    return Entry(
        nummer=nummer,
        tekst=cell.text('tekst'),
        titel=cell.text('titel'),
        status=status,
        status_bron=cell.text('status'),
        functie=cell.text('verantwoordelijke'),
        activiteit=cell.text('soort'),
        commissie=cell.text('commissie'),
        aanmaakdatum=dutch_date(cell.text('datum'), f'{where}: datum'),
        datum_nakoming=dutch_date(cell.text('deadline'), f'{where}: deadline'),
        kamerbrief_nakoming=cell.items('kamerstukken'),
        toegezegd_aan=cell.items('kamerleden'),
    )


class _Cells:
    """A row's cells as text: a CSV cell, or a JSON string, number or list of strings."""

    def __init__(self, row: dict, where: str) -> None:
        self.row = row
        self.where = where

    def text(self, name: str) -> str:
        value = self.row.get(name)
        if value is None:
            return ''
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise SourceError(
                f'{self.where}: '
                + _('%(name)s should be text, not %(type)s')
                % {'name': name, 'type': type(value).__name__}
            )
        return self._clean(str(value), name)

    def items(self, name: str) -> tuple[str, ...]:
        value = self.row.get(name)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            items = [self._clean(item, name) for item in value]
        else:
            items = _SEPARATOR.split(self.text(name))
        return tuple(item for item in items if item)

    def _clean(self, value: str, name: str) -> str:
        """Stripped; a control character (a NUL, an escape) stops the import, as a team's
        table should not hold one and leaving it out would change the text unseen."""
        where = f'{self.where}: {name}'
        if (found := FORBIDDEN.search(value)) and not '\ud800' <= found[0] <= '\udfff':
            raise SourceError(
                f'{where}: ' + _('contains the control character %r; remove it') % found[0]
            )
        return clean_text(value, where)


def dutch_date(value: str, where: str) -> str | None:
    """An ISO date from "15 juni 2021", "15-06-2021" or "2021-06-15"; empty is no date."""
    if not value:
        return None
    text = value.strip().lower()
    day = None
    if match := _ISO.fullmatch(text):
        day = _day(int(match[1]), int(match[2]), int(match[3]))
    elif match := _NUMERIC.fullmatch(text):
        day = _day(int(match[3]), int(match[2]), int(match[1]))
    elif (match := _WRITTEN.fullmatch(text)) and match[2] in MONTH_NUMBERS:
        day = _day(int(match[3]), MONTH_NUMBERS[match[2]], int(match[1]))
    if day is None:
        raise SourceError(
            f'{where}: '
            + _('%r is not a date (write 15 juni 2021, 15-06-2021 or 2021-06-15)') % value
        )
    return day.isoformat()


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
