"""The Tweede Kamer's toezeggingen, read into register entries.

Three sources, one result: OData JSON pages saved from the Gegevensmagazijn, SyncFeed
Atom XML, and the OData endpoint itself (``--online``). The real data's quirks are
smoothed here once (docs/domain.rst, The Toezegging entity and Register statuses): old
and new status words, the ``0001-01-01``
"no date" sentinel, deleted rows, "Achternaam, Initialen" names, and one toezegging
appearing on several pages. Everything read from outside is bounded (size, nesting,
entity expansion, time, pages), and every error names the file or URL and the place.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import partial
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from itertools import zip_longest
from typing import TYPE_CHECKING, Any
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urljoin, urlsplit
from urllib.request import HTTPHandler, HTTPRedirectHandler, HTTPSHandler, Request, build_opener
from xml.etree.ElementTree import Element, ParseError
from zoneinfo import ZoneInfo

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from sphinx_kamerstuk import __version__
from sphinx_kamerstuk.core.files import NotReadable, read_regular
from sphinx_kamerstuk.core.register_file import (
    FORBIDDEN,
    NUMMER,
    Entry,
    json_type,
    normalise_status,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from http.client import HTTPMessage, HTTPResponse
    from pathlib import Path
    from typing import IO
    from urllib.request import OpenerDirector

BASE = 'https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0'
#: The Gegevensmagazijn's own maximum page size.
PAGE_SIZE = 250
EXPAND = 'KamerbriefNakoming,ToegezegdAan,Activiteit'
#: Far above the whole register (some 6,500 toezeggingen, a few MB), far below harm.
MAX_BYTES = 512 * 1024 * 1024
#: A real page nests five or six levels deep.
MAX_DEPTH = 64
#: Attempts per page on 429, 5xx and timeouts; the waits double from BACKOFF seconds.
ATTEMPTS = 5
BACKOFF = 1.0
MAX_WAIT = 60.0
#: Seconds for a whole online import, waits included; the register takes a minute or two.
DEADLINE = 1800.0
#: Pages per online import: of 250 toezeggingen, some forty times the whole register.
MAX_PAGES = 1000

_TK = '{http://www.tweedekamer.nl/xsd/tkData/v1-0}'
_XSI_NIL = '{http://www.w3.org/2001/XMLSchema-instance}nil'
_DATE = re.compile(r'([0-9]{4})-([0-9]{2})-([0-9]{2})')
_SURROGATE = re.compile('[\ud800-\udfff]')
#: Bidirectional overrides and isolates: they reorder what a terminal shows.
_BIDI = frozenset('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')
#: The relations between toezeggingen: OData navigation, SyncFeed element, Entry field.
_RELATIONS = (
    ('IsHerhalingVan', 'isHerhalingVan', 'herhaalt'),
    ('IsWijzigingVan', 'isWijzigingVan', 'wijzigt'),
    ('IsAanvullingOp', 'isAanvullingOp', 'vult_aan'),
)


def printable(text: str) -> str:
    """Text for a terminal, on one line: no control characters (a server's ANSI escapes,
    a line break that forges a line) or bidi overrides, whatever a source or server sent."""
    return ''.join(
        char for char in text if unicodedata.category(char) != 'Cc' and char not in _BIDI
    )


class SourceError(ValueError):
    """A source that cannot be read; the message names the file or URL and the place."""

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


def clean_text(value: str, where: str) -> str:
    """Text as a register holds it: stripped, without control characters other than tab
    and line breaks; a lone surrogate (half a character) is refused."""
    if found := _SURROGATE.search(value):
        raise SourceError(
            f'{where}: contains a lone surrogate ({found[0]!r}), which is not a character'
        )
    return FORBIDDEN.sub('', value).strip()


@dataclass(frozen=True)
class Row:
    """One toezegging as one source gives it; several rows may share a number."""

    entry: Entry
    verwijderd: bool = False
    #: Where it was read, for a message about it.
    where: str = ''


@dataclass(frozen=True)
class Selection:
    """What an import found: the entries, the deleted numbers, and warnings for the user."""

    entries: tuple[Entry, ...]
    #: Numbers of deleted toezeggingen, or their GUIDs when the number is unknown.
    deleted: tuple[str, ...]
    warnings: tuple[str, ...]


# --- files --------------------------------------------------------------------------------


def read(path: Path) -> list[Row]:
    """The rows of one saved source, OData JSON or SyncFeed XML, told apart by content."""
    data = read_bytes(path)
    if data.lstrip(b'\xef\xbb\xbf \t\r\n').startswith(b'<'):
        return _xml_rows(data, str(path))
    return _odata_rows(load_json(data, str(path)), str(path))


def read_bytes(path: Path) -> bytes:
    """A file's content, refused unread when it is not a regular file (a pipe, a device)
    or too large to be a register."""
    try:
        return read_regular(path, MAX_BYTES)[0]
    except NotReadable as exc:
        raise SourceError(f'{path}: {exc}: refused') from None
    except OSError as exc:
        raise SourceError(f'{path}: cannot read: {exc.strerror or exc}') from None


def load_json(data: bytes, where: str) -> object:
    """Parsed JSON, or an error that says where it broke; bounded in nesting."""
    try:
        text = data.decode('utf-8-sig')
    except UnicodeDecodeError as exc:
        raise SourceError(f'{where}: not UTF-8 at byte {exc.start}') from None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise json_error(exc, where, text) from None
    check_depth(value, where)
    return value


def json_error(exc: ValueError | RecursionError, where: str, text: str) -> SourceError:
    """The message for JSON that cannot be read: the place, and whether it ends early."""
    if isinstance(exc, RecursionError):
        return SourceError(f'{where}: JSON nested deeper than {MAX_DEPTH} levels: refused')
    if not isinstance(exc, json.JSONDecodeError):  # such as an integer of 5,000 digits
        return SourceError(f'{where}: not usable JSON: {exc}')
    early = exc.pos >= len(text.rstrip()) or exc.msg.startswith('Unterminated string')
    ends = ' (the text ends early: truncated?)' if early else ''
    return SourceError(f'{where}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}{ends}')


def check_depth(value: object, where: str, depth: int = 1) -> None:
    """Refuse nesting deeper than MAX_DEPTH; iterative, so depth itself cannot harm."""
    stack: list[tuple[Any, int]] = [(value, depth)]
    while stack:
        item, level = stack.pop()
        if level > MAX_DEPTH:
            raise SourceError(f'{where}: JSON nested deeper than {MAX_DEPTH} levels: refused')
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))


# --- OData JSON ---------------------------------------------------------------------------


def _odata_rows(document: object, where: str) -> list[Row]:
    """The rows of an OData page, a list of pages, or one entity."""
    pages = document if isinstance(document, list) else [document]
    rows = []
    for index, page in enumerate(pages):
        place = f'{where}: [{index}]' if isinstance(document, list) else where
        for number, entity in enumerate(_entities(page, place)):
            rows.append(_odata_row(entity, f'{place}: value[{number}]'))
    return rows


def _entities(page: object, where: str) -> list:
    if isinstance(page, dict) and isinstance(page.get('value'), list):
        return page['value']
    if isinstance(page, dict) and ('Nummer' in page or 'Id' in page):
        return [page]
    raise SourceError(
        f'{where}: not an OData page of toezeggingen (expected {{"value": [...]}}, as '
        'Toezegging?$filter=... returns)'
    )


def _odata_row(entity: object, where: str) -> Row:
    if not isinstance(entity, dict):
        raise SourceError(f'{where}: expected a Toezegging object')
    field = _Fields(entity, where)
    activiteit = field.entity_of('Activiteit')
    relations: dict[str, Any] = {  # the Entry's relation fields
        name: _sorted(
            _key(target, 'Nummer', f'{where}: {navigation}') for target in field.items(navigation)
        )
        for navigation, _element, name in _RELATIONS
    }
    entry = Entry(
        nummer=field.text('Nummer'),
        tekst=field.text('Tekst'),
        status=normalise_status(field.text('Status')) or 'onbekend',
        status_bron=field.text('Status'),
        bewindspersoon=bewindspersoon(
            field.text('Naam'),
            field.text('Tussenvoegsel'),
            field.text('Achternaam'),
            field.text('Initialen'),
        ),
        naam_bron=field.text('Naam'),
        functie=field.text('Functie'),
        ministerie=field.text('Ministerie'),
        activiteit=' '.join(filter(None, (activiteit.text('Soort'), activiteit.text('Onderwerp')))),
        activiteit_nummer=field.text('ActiviteitNummer') or activiteit.text('Nummer'),
        aanmaakdatum=_iso_date(field.text('Aanmaakdatum'), f'{where}: Aanmaakdatum'),
        datum_nakoming=_iso_date(field.text('DatumNakoming'), f'{where}: DatumNakoming'),
        kamerbrief_nakoming=_sorted(
            _key(document, 'DocumentNummer', f'{where}: KamerbriefNakoming[{index}]')
            for index, document in enumerate(field.items('KamerbriefNakoming'))
        ),
        toegezegd_aan=_sorted(
            _odata_made_to(link, f'{where}: ToegezegdAan[{index}]')
            for index, link in enumerate(field.items('ToegezegdAan'))
        ),
        guid=field.text('Id'),
        gewijzigd_op=_timestamp(field.text('GewijzigdOp'), f'{where}: GewijzigdOp'),
        **relations,
    )
    return Row(entry, field.boolean('Verwijderd'), where)


class _Fields:
    """Typed access to an entity's properties, with errors that name the property."""

    def __init__(self, entity: dict, where: str) -> None:
        self.entity = entity
        self.where = where

    def text(self, name: str) -> str:
        value = self.entity.get(name)
        if value is None:
            return ''
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise SourceError(f'{self.where}: {name} should be text, not {type(value).__name__}')
        return clean_text(str(value), f'{self.where}: {name}')

    def boolean(self, name: str) -> bool:
        """``Verwijderd``: true or false (absent is false); text such as "true" is refused,
        as reading it either way could drop or keep a toezegging unseen."""
        value = self.entity.get(name)
        if value is not None and not isinstance(value, bool):
            raise SourceError(
                f'{self.where}: {name} should be true or false, not {json_type(value)} {value!r}'
            )
        return value is True

    def items(self, name: str) -> list:
        """A navigation collection; absent when it was not expanded."""
        value = self.entity.get(name)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def entity_of(self, name: str) -> _Fields:
        """An expanded single navigation property (``Activiteit``); empty when absent."""
        value = self.entity.get(name)
        if value is not None and not isinstance(value, dict):
            raise SourceError(f'{self.where}: {name} should be an object, not {json_type(value)}')
        return _Fields(value or {}, f'{self.where}: {name}')


def _key(target: object, number: str, where: str) -> str:
    """A related entity by its readable number; by its GUID when that is all there is."""
    if isinstance(target, str):
        return clean_text(target, where)
    if not isinstance(target, dict):
        raise SourceError(f'{where}: expected an object, not {json_type(target)}')
    field = _Fields(target, where)
    return field.text(number) or field.text('Id')


def _odata_made_to(link: object, where: str) -> str:
    if not isinstance(link, dict):
        raise SourceError(f'{where}: expected an object, not {json_type(link)}')
    field = _Fields(link, where)
    persoon, fractie = field.entity_of('Persoon'), field.entity_of('Fractie')
    return _made_to(
        ' '.join(filter(None, (persoon.text(part) for part in _NAME_PARTS)))
        or _ref('Persoon', field.text('Persoon_Id')),
        fractie.text('Afkorting')
        or fractie.text('NaamNL')
        or _ref('Fractie', field.text('Fractie_Id')),
    )


_NAME_PARTS = ('Initialen', 'Tussenvoegsel', 'Achternaam')


def _ref(entity_set: str, guid: str) -> str:
    """An entity known only by its GUID, written as its OData key: ``Persoon(guid)``."""
    return f'{entity_set}({guid})' if guid else ''


def _made_to(persoon: str, fractie: str) -> str:
    """Whom a toezegging was made to: "J. Jansen (VVD)", "VVD" or "J. Jansen"."""
    if persoon and fractie:
        return f'{persoon} ({fractie})'
    return persoon or fractie


# --- SyncFeed XML -------------------------------------------------------------------------


def _xml_rows(data: bytes, where: str) -> list[Row]:
    """The rows of a SyncFeed page (Atom) or of one entity (``Entiteiten/{guid}``)."""
    try:
        root = defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise SourceError(
            f'{where}: refused: the XML declares a DTD or entities ({type(exc).__name__}); '
            'the SyncFeed never does, and expanding them can exhaust the memory'
        ) from None
    except ParseError as exc:
        line, column = exc.position
        reason = re.sub(r': line \d+, column \d+$', '', str(exc))
        raise SourceError(f'{where}:{line}:{column + 1}: not well-formed XML: {reason}') from None
    return [
        _xml_row(element, f'{where}: toezegging {element.get("id", "")}'.rstrip())
        for element in root.iter(f'{_TK}toezegging')
    ]


def _xml_row(element: Element, where: str) -> Row:
    field = _Children(element, where)
    relations: dict[str, Any] = {
        name: _sorted(field.refs(tag)) for _navigation, tag, name in _RELATIONS
    }
    entry = Entry(
        nummer=field.text('nummer'),
        tekst=field.text('tekst'),
        status=normalise_status(field.text('status')) or 'onbekend',
        status_bron=field.text('status'),
        bewindspersoon=bewindspersoon(
            field.text('naam'),
            field.text('tussenvoegsel'),
            field.text('achternaam'),
            field.text('initialen'),
        ),
        naam_bron=field.text('naam'),
        functie=field.text('functie'),
        ministerie=field.text('ministerie'),
        activiteit_nummer=field.text('activiteitNummer'),
        aanmaakdatum=_iso_date(field.text('aanmaakdatum'), f'{where}: aanmaakdatum'),
        datum_nakoming=_iso_date(field.text('datumNakoming'), f'{where}: datumNakoming'),
        kamerbrief_nakoming=_sorted(field.texts('kamerbriefNakoming')),
        toegezegd_aan=_sorted(_xml_made_to(field)),
        guid=field.attribute('id'),
        gewijzigd_op=_timestamp(field.attribute('bijgewerkt'), f'{where}: bijgewerkt'),
        **relations,
    )
    return Row(entry, field.attribute('verwijderd') in ('true', '1'), where)  # xs:boolean


class _Children:
    """An entity's child elements and attributes by name; ``xsi:nil`` reads as empty."""

    def __init__(self, element: Element, where: str) -> None:
        self.element = element
        self.where = where

    def texts(self, name: str) -> list[str]:
        return [
            clean_text(child.text or '', f'{self.where}: {name}')
            for child in self.element.findall(f'{_TK}{name}')
            if child.get(_XSI_NIL) != 'true'
        ]

    def text(self, name: str) -> str:
        return next(iter(self.texts(name)), '')

    def refs(self, name: str, element: Element | None = None) -> list[str]:
        """The ``ref`` of each child ``name`` (of ``element``, a child, when given)."""
        parent = self.element if element is None else element
        return [
            clean_text(child.get('ref', ''), f'{self.where}: {name}')
            for child in parent.findall(f'{_TK}{name}')
        ]

    def attribute(self, name: str) -> str:
        """``verwijderd`` and ``bijgewerkt`` qualified (as the XSD declares them) or not."""
        value = self.element.get(f'{_TK}{name}', self.element.get(name, ''))
        return clean_text(value, f'{self.where}: {name}')


def _xml_made_to(field: _Children) -> list[str]:
    """The live feed's nested ``toegezegdAan``, and the XSD's separate refs."""
    links = [
        (next(iter(field.refs('persoon', link)), ''), next(iter(field.refs('fractie', link)), ''))
        for link in field.element.findall(f'{_TK}toegezegdAan')
    ]
    links += zip_longest(
        field.refs('toegezegdAanPersoon'), field.refs('toegezegdAanFractie'), fillvalue=''
    )
    return [
        _made_to(_ref('Persoon', persoon), _ref('Fractie', fractie)) for persoon, fractie in links
    ]


# --- values -------------------------------------------------------------------------------


def _iso_date(value: str, where: str) -> str | None:
    """The date part of a timestamp as written (the Kamer writes Dutch time); the
    ``0001-01-01`` sentinel and an empty value are no date."""
    if not value:
        return None
    match = _DATE.match(value)
    try:
        day = date(*map(int, match.groups())) if match else None
    except ValueError:
        day = None
    if day is None:
        raise SourceError(f'{where}: {value!r} is not a date')
    return None if day.year == 1 else day.isoformat()


def _timestamp(value: str, where: str) -> str:
    """When the source last changed a row, as written; it decides which version of a
    toezegging wins, so one that is no moment is refused rather than guessed."""
    if value:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise SourceError(f'{where}: {value!r} is not a date and time') from None
    return value


def bewindspersoon(
    naam: str, tussenvoegsel: str = '', achternaam: str = '', initialen: str = ''
) -> str:
    """The name as written in a letter: "Wiersma, F.M." becomes "F.M. Wiersma"; a separate
    tussenvoegsel goes before the surname unless the name has it: "B. van der Berg"."""
    if ',' in naam:
        surname, initials = (part.strip() for part in naam.split(',', 1))
    elif achternaam:
        surname, initials = achternaam, initialen
    else:
        return naam
    prefix = tussenvoegsel.lower()
    written = f' {initials.lower()} {surname.lower()} '
    if prefix and f' {prefix} ' not in written:
        surname = f'{tussenvoegsel} {surname}'
    return ' '.join(filter(None, (initials, surname)))


def _sorted(values: Iterable[str]) -> tuple[str, ...]:
    """Distinct, non-empty and sorted, so that the order a server sends changes no byte."""
    return tuple(sorted({value for value in values if value}))


# --- one result ---------------------------------------------------------------------------


def select(rows: list[Row], known: Mapping[str, str] | None = None) -> Selection:
    """One entry per number, the newest version winning; deleted ones apart; relations by
    number where the target is known (``known`` maps GUIDs of the existing register).

    A toezegging whose Nummer is not a Tweede Kamer number is left out with a warning: a
    register is looked up by number, and a number is what a letter cites.
    """
    warnings = []
    usable = []
    for row in rows:
        if NUMMER['tk'].fullmatch(row.entry.nummer):
            usable.append(row)
        elif row.verwijderd:  # known by its GUID, then
            usable.append(replace(row, entry=replace(row.entry, nummer='')))
        else:
            problem = f'Nummer {row.entry.nummer!r}' if row.entry.nummer else 'no Nummer'
            warnings.append(
                f'{row.where}: {problem}, not a Tweede Kamer number (TZ and six digits, a '
                'dash and three, such as TZ202412-116); left out'
            )
    numbers = dict(known or {})
    numbers.update(
        {r.entry.guid: r.entry.nummer for r in usable if r.entry.guid and r.entry.nummer}
    )
    newest: dict[str, Row] = {}
    for row in usable:
        key = row.entry.nummer or numbers.get(row.entry.guid) or row.entry.guid
        if key not in newest or _changed(row) >= _changed(newest[key]):
            newest[key] = row
    entries, deleted = [], []
    for key in sorted(newest):
        row = newest[key]
        if row.verwijderd:
            deleted.append(key)
            continue
        entries.append(_resolve(row.entry, numbers))
        if normalise_status(row.entry.status_bron) is None:
            warnings.append(
                f'{key}: status {row.entry.status_bron!r} is not a known word; recorded as onbekend'
            )
    return Selection(tuple(entries), tuple(deleted), tuple(warnings))


def _changed(row: Row) -> datetime:
    """When the source last changed the row; unknown sorts first, UTC when no offset."""
    if not row.entry.gewijzigd_op:  # the readers refuse one that is not a moment
        return datetime.min.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(row.entry.gewijzigd_op)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _resolve(entry: Entry, numbers: Mapping[str, str]) -> Entry:
    """Relations as numbers where the target is known; the rest keep their GUID."""
    resolved: dict[str, Any] = {
        name: _sorted(numbers.get(target, target) for target in getattr(entry, name))
        for _navigation, _element, name in _RELATIONS
        if getattr(entry, name)
    }
    return replace(entry, **resolved) if resolved else entry


# --- online -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """The ``--online`` options that narrow the query."""

    ministerie: str = ''
    status: str = ''
    bewindspersoon: str = ''
    sinds: date | None = None


def query_url(base: str, selection: Filter) -> str:
    """The first page's URL: not deleted, the filters, everything a register entry needs."""
    conditions = ['Verwijderd eq false']
    if selection.ministerie:
        conditions.append(f'Ministerie eq {_literal(selection.ministerie)}')
    if selection.status:
        conditions.append(f'Status eq {_literal(selection.status)}')
    if selection.bewindspersoon:
        conditions.append(f'contains(Naam,{_literal(selection.bewindspersoon)})')
    if selection.sinds:
        conditions.append(f'GewijzigdOp ge {amsterdam_midnight(selection.sinds)}')
    options = {
        '$filter': ' and '.join(conditions),
        '$expand': EXPAND,
        '$orderby': 'Nummer',
        '$top': str(PAGE_SIZE),
    }
    return f'{base.rstrip("/")}/Toezegging?{urlencode(options, quote_via=quote, safe="$,")}'


def _literal(value: str) -> str:
    """An OData string literal: quoted, with a quote inside doubled."""
    return "'" + value.replace("'", "''") + "'"


def amsterdam_midnight(day: date) -> str:
    """The start of ``day`` in Dutch time, with its offset (summer time or not)."""
    return datetime(day.year, day.month, day.day, tzinfo=ZoneInfo('Europe/Amsterdam')).isoformat()


def fetch(
    url: str,
    *,
    timeout: float = 30.0,
    deadline: float = DEADLINE,
    sleep: Callable[[float], object] = time.sleep,
    progress: Callable[[int, int], object] | None = None,
) -> list[Row]:
    """Every page from ``url`` on, following ``@odata.nextLink`` on the same server.

    ``timeout`` bounds each request from connecting to the last byte, ``deadline`` the
    whole import; a server that pages without end is stopped by a page that brings
    nothing new, by a link back to a page read, and by MAX_PAGES.
    """
    try:
        origin = _origin(url)
    except ValueError as exc:
        raise SourceError(f'{url}: not a usable URL ({exc})') from None
    if origin[0] not in ('http', 'https'):
        raise SourceError(f'{url}: not an http or https URL')
    limits = _Limits(timeout, deadline, time.monotonic() + deadline, origin, sleep)
    rows: list[Row] = []
    seen: set[str] = set()
    read: set[tuple[str, str]] = set()
    while url:
        if url in seen:
            raise SourceError(f'{url}: @odata.nextLink leads back to a page already read')
        if len(seen) == MAX_PAGES:
            raise SourceError(
                f'{url}: more than {MAX_PAGES} pages; stopped (a server that pages without end?)'
            )
        seen.add(url)
        page = load_json(_get(url, limits), url)
        if not isinstance(page, dict) or not isinstance(page.get('value'), list):
            raise SourceError(f'{url}: the answer is not an OData page ({{"value": [...]}})')
        found = _odata_rows(page, url)
        rows += found
        if progress:
            progress(len(seen), len(rows))
        following = _next_link(page, url, limits.origin)
        new = {(row.entry.nummer, row.entry.guid) for row in found} - read
        if following and not new:
            raise SourceError(
                f'{url}: the page holds no toezegging not read before, yet links to a next '
                'one; stopped (the paging does not advance)'
            )
        read |= new
        url = following
    return rows


@dataclass(frozen=True)
class _Limits:
    """What bounds an online import: per request, in all, and where it may go."""

    timeout: float
    deadline: float
    #: ``time.monotonic()`` when the import must have finished.
    ends: float
    origin: tuple[str, str]
    sleep: Callable[[float], object]


def _origin(url: str) -> tuple[str, str]:
    """Scheme and host (with port) of a URL, as a browser compares origins."""
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _next_link(page: dict, url: str, origin: tuple[str, str]) -> str:
    """The next page, only ever on the server asked (a link elsewhere could read files)."""
    link = page.get('@odata.nextLink')
    if link is None or link == '':
        return ''
    if not isinstance(link, str):
        raise SourceError(f'{url}: @odata.nextLink should be a URL, not {type(link).__name__}')
    try:
        following = urljoin(url, link)
        elsewhere = _origin(following) != origin
    except ValueError as exc:
        raise SourceError(f'{url}: @odata.nextLink is not a usable URL ({exc}): {link}') from None
    if elsewhere:
        raise SourceError(f'{url}: @odata.nextLink leads to another server: {following}')
    return following


def _get(url: str, limits: _Limits) -> bytes:
    """One page's body, retrying 429, 5xx and timeouts with a growing wait."""
    request = Request(
        url,
        headers={
            'Accept': 'application/json',
            'User-Agent': f'sphinx-kamerstuk/{__version__}',
        },
    )
    failure = ''
    for attempt in range(1, ATTEMPTS + 1):
        wait = BACKOFF * 2 ** (attempt - 1)
        seconds = min(limits.timeout, limits.ends - time.monotonic())
        if seconds <= 0:
            break
        try:
            return _open(request, seconds, limits.origin)
        except _Status as status:
            if status.code != 429 and status.code < 500:
                raise SourceError(
                    f'{url}: HTTP {status.code} {status.reason}{status.message}'
                ) from None
            failure = f'HTTP {status.code} {status.reason}'
            wait = _retry_after(status.retry_after, wait)
        except TimeoutError:
            failure = f'no complete answer within {seconds:g} s'
        except URLError as exc:
            if not isinstance(exc.reason, TimeoutError):
                raise SourceError(f'{url}: cannot connect: {exc.reason}') from None
            failure = f'no complete answer within {seconds:g} s'
        except (HTTPException, OSError) as exc:
            raise SourceError(
                f'{url}: the connection failed: {exc or type(exc).__name__}'
            ) from None
        except SourceError:
            raise
        except (ValueError, OverflowError) as exc:  # a URL http.client cannot use
            raise SourceError(f'{url}: cannot be asked: {exc}') from None
        if attempt == ATTEMPTS:
            raise SourceError(f'{url}: {failure} ({ATTEMPTS} attempts)')
        wait = min(wait, MAX_WAIT)
        if time.monotonic() + wait >= limits.ends:
            break
        limits.sleep(wait)
    after = f' (last: {failure})' if failure else ''
    raise SourceError(
        f'{url}: the import did not finish within {limits.deadline:g} s; stopped{after}'
    )


class _Status(Exception):
    """An HTTP error answer: its status, the server's explanation, when to ask again."""

    def __init__(self, code: int, reason: str, message: str, retry_after: str | None) -> None:
        super().__init__(code)
        self.code, self.reason, self.message, self.retry_after = code, reason, message, retry_after


def _open(request: Request, seconds: float, origin: tuple[str, str]) -> bytes:
    """The body of one request, which must be complete within ``seconds``: a socket
    timeout bounds each read only, not a server that sends a byte a second."""
    watch = _Watch(seconds)
    opener = build_opener(_SameOrigin(origin), _WatchedHTTP(watch), _WatchedHTTPS(watch))
    watch.start()
    try:
        return _answer(opener, request, seconds)
    except (OSError, HTTPException, SourceError):
        if watch.expired:
            raise TimeoutError from None
        raise
    finally:
        watch.cancel()


def _answer(opener: OpenerDirector, request: Request, seconds: float) -> bytes:
    try:
        response = opener.open(request, timeout=seconds)
    except HTTPError as exc:
        with exc:
            raise _Status(
                exc.code, str(exc.reason), _odata_message(exc), exc.headers.get('Retry-After')
            ) from None
    with response:
        return _body(response, request.full_url)


class _Watch:
    """Shuts the sockets of one request when its time is up, wherever it is waiting
    (connecting, headers, body), so that the read in progress ends at once."""

    def __init__(self, seconds: float) -> None:
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def start(self) -> None:
        self.timer.start()

    def cancel(self) -> None:
        self.timer.cancel()

    def add(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # the plain socket's shutdown, also under TLS: the reading thread owns the TLS state
    with contextlib.suppress(OSError):  # closed already
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watched(HTTPConnection):
    """A connection whose socket its request's watch can shut."""

    def __init__(self, *args: Any, watch: _Watch, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watch = watch

    def connect(self) -> None:
        super().connect()
        self.watch.add(self.sock)


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _WatchedHTTP(HTTPHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def http_open(self, req: Request) -> HTTPResponse:
        return self.do_open(partial(_WatchedHTTPConnection, watch=self.watch), req)


class _WatchedHTTPS(HTTPSHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def https_open(self, req: Request) -> HTTPResponse:
        return self.do_open(
            partial(_WatchedHTTPSConnection, watch=self.watch),
            req,
            context=self._context,  # type: ignore[attr-defined]  # not in typeshed
        )


class _SameOrigin(HTTPRedirectHandler):
    """Follow a redirect only on the server first asked, as for ``@odata.nextLink``."""

    def __init__(self, origin: tuple[str, str]) -> None:
        super().__init__()
        self.origin = origin

    def redirect_request(
        self, req: Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> Request | None:
        if _origin(newurl) != self.origin:
            fp.close()
            raise SourceError(f'{req.full_url}: redirected to another server: {newurl}; refused')
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _body(response: HTTPResponse, url: str) -> bytes:
    """The whole body, or an error when it is cut off or too large."""
    data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SourceError(f'{url}: the answer is larger than {MAX_BYTES // 2**20} MB: refused')
    expected = response.headers.get('Content-Length', '')
    if expected.isdigit() and len(data) < int(expected):
        raise SourceError(f'{url}: the answer was cut off after {len(data)} of {expected} bytes')
    return data


def _retry_after(header: str | None, default: float) -> float:
    """Seconds to wait: ``Retry-After`` as seconds or as an HTTP date, else ``default``."""
    if not header:
        return default
    if header.strip().isdigit():
        return float(header)
    try:
        moment = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return default
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _odata_message(error: HTTPError) -> str:
    """The server's own explanation, when it sent an OData error body."""
    try:
        message = json.loads(error.read(65536))['error']['message']
    except (ValueError, KeyError, TypeError, OSError):
        return ''
    return f': {message}' if isinstance(message, str) else ''
