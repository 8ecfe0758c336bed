"""The Tweede Kamer's toezeggingen, read into register entries.

Three sources, one result: OData JSON pages saved from the Gegevensmagazijn, SyncFeed
Atom XML, and the OData endpoint itself (``--online``). The real data's quirks are
smoothed here once (DOMAIN.md 1.2, 1.3): old and new status words, the ``0001-01-01``
"no date" sentinel, deleted rows, "Achternaam, Initialen" names, and one toezegging
appearing on several pages. Everything read from outside is bounded (size, nesting,
entity expansion), and every error names the file or URL and the place.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from http.client import HTTPException
from itertools import zip_longest
from typing import TYPE_CHECKING
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode, urljoin, urlsplit
from urllib.request import Request, urlopen
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from sphinx_kamerstuk import __version__
from sphinx_kamerstuk.register import Entry, normalise_status

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from http.client import HTTPResponse
    from pathlib import Path

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

_TK = '{http://www.tweedekamer.nl/xsd/tkData/v1-0}'
_XSI_NIL = '{http://www.w3.org/2001/XMLSchema-instance}nil'
_DATE = re.compile(r'(\d{4})-(\d{2})-(\d{2})')
#: The relations between toezeggingen: OData navigation, SyncFeed element, Entry field.
_RELATIONS = (
    ('IsHerhalingVan', 'isHerhalingVan', 'herhaalt'),
    ('IsWijzigingVan', 'isWijzigingVan', 'wijzigt'),
    ('IsAanvullingOp', 'isAanvullingOp', 'vult_aan'),
)


class SourceError(ValueError):
    """A source that cannot be read; the message names the file or URL and the place."""


@dataclass(frozen=True)
class Row:
    """One toezegging as one source gives it; several rows may share a number."""

    entry: Entry
    verwijderd: bool = False


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
    """A file's content, refused when it is too large to be a register."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SourceError(f'{path}: larger than {MAX_BYTES // 2**20} MB: refused')
        return path.read_bytes()
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
    stack = [(value, depth)]
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
    verwijderd = entity.get('Verwijderd') is True
    if not field.text('Nummer') and not verwijderd:
        raise SourceError(f'{where}: a Toezegging without Nummer')
    activiteit = entity.get('Activiteit')
    activiteit = activiteit if isinstance(activiteit, dict) else {}
    relations = {
        name: _sorted(_key(target, 'Nummer') for target in field.items(navigation))
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
        activiteit=' '.join(filter(None, (activiteit.get('Soort'), activiteit.get('Onderwerp')))),
        activiteit_nummer=field.text('ActiviteitNummer') or str(activiteit.get('Nummer') or ''),
        aanmaakdatum=_iso_date(field.text('Aanmaakdatum'), f'{where}: Aanmaakdatum'),
        datum_nakoming=_iso_date(field.text('DatumNakoming'), f'{where}: DatumNakoming'),
        kamerbrief_nakoming=_sorted(
            _key(document, 'DocumentNummer') for document in field.items('KamerbriefNakoming')
        ),
        toegezegd_aan=_sorted(_odata_made_to(link) for link in field.items('ToegezegdAan')),
        guid=field.text('Id'),
        gewijzigd_op=field.text('GewijzigdOp'),
        **relations,
    )
    return Row(entry, verwijderd)


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
        return str(value).strip()

    def items(self, name: str) -> list:
        """A navigation collection; absent when it was not expanded."""
        value = self.entity.get(name)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]


def _key(target: object, number: str) -> str:
    """A related entity by its readable number; by its GUID when that is all there is."""
    if isinstance(target, str):
        return target.strip()
    if not isinstance(target, dict):
        return ''
    if target.get(number):
        return str(target[number]).strip()
    return str(target.get('Id') or '')


def _odata_made_to(link: object) -> str:
    if not isinstance(link, dict):
        return ''
    persoon, fractie = link.get('Persoon'), link.get('Fractie')
    return _made_to(
        _person_name(persoon)
        if isinstance(persoon, dict)
        else _ref('Persoon', link.get('Persoon_Id')),
        (fractie.get('Afkorting') or fractie.get('NaamNL') or '').strip()
        if isinstance(fractie, dict)
        else _ref('Fractie', link.get('Fractie_Id')),
    )


def _person_name(persoon: dict) -> str:
    parts = (persoon.get('Initialen'), persoon.get('Tussenvoegsel'), persoon.get('Achternaam'))
    return ' '.join(str(part).strip() for part in parts if part)


def _ref(entity_set: str, guid: object) -> str:
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
    field = _Children(element)
    verwijderd = _attribute(element, 'verwijderd') in ('true', '1')  # xs:boolean
    if not field.text('nummer') and not verwijderd:
        raise SourceError(f'{where}: a toezegging without nummer')
    relations = {name: _sorted(field.refs(tag)) for _navigation, tag, name in _RELATIONS}
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
        toegezegd_aan=_sorted(_xml_made_to(element)),
        guid=element.get('id', ''),
        gewijzigd_op=_attribute(element, 'bijgewerkt'),
        **relations,
    )
    return Row(entry, verwijderd)


class _Children:
    """An entity's child elements by name; ``xsi:nil`` reads as empty."""

    def __init__(self, element: Element) -> None:
        self.element = element

    def texts(self, name: str) -> list[str]:
        return [
            (child.text or '').strip()
            for child in self.element.findall(f'{_TK}{name}')
            if child.get(_XSI_NIL) != 'true'
        ]

    def text(self, name: str) -> str:
        return next(iter(self.texts(name)), '')

    def refs(self, name: str) -> list[str]:
        return [child.get('ref', '') for child in self.element.findall(f'{_TK}{name}')]


def _xml_made_to(element: Element) -> list[str]:
    """The live feed's nested ``toegezegdAan``, and the XSD's separate refs."""
    links = [
        (_child_ref(link, 'persoon'), _child_ref(link, 'fractie'))
        for link in element.findall(f'{_TK}toegezegdAan')
    ]
    personen = [child.get('ref', '') for child in element.findall(f'{_TK}toegezegdAanPersoon')]
    fracties = [child.get('ref', '') for child in element.findall(f'{_TK}toegezegdAanFractie')]
    links += zip_longest(personen, fracties, fillvalue='')
    return [
        _made_to(_ref('Persoon', persoon), _ref('Fractie', fractie)) for persoon, fractie in links
    ]


def _child_ref(element: Element, name: str) -> str:
    child = element.find(f'{_TK}{name}')
    return child.get('ref', '') if child is not None else ''


def _attribute(element: Element, name: str) -> str:
    """``verwijderd`` and ``bijgewerkt``, qualified (as the XSD declares them) or not."""
    return element.get(f'{_TK}{name}', element.get(name, '')).strip()


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
    number where the target is known (``known`` maps GUIDs of the existing register)."""
    numbers = dict(known or {})
    numbers.update({r.entry.guid: r.entry.nummer for r in rows if r.entry.guid and r.entry.nummer})
    newest: dict[str, Row] = {}
    for row in rows:
        key = row.entry.nummer or numbers.get(row.entry.guid) or row.entry.guid
        if key not in newest or _changed(row) >= _changed(newest[key]):
            newest[key] = row
    entries, deleted, warnings = [], [], []
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
    try:
        moment = datetime.fromisoformat(row.entry.gewijzigd_op)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _resolve(entry: Entry, numbers: Mapping[str, str]) -> Entry:
    """Relations as numbers where the target is known; the rest keep their GUID."""
    resolved = {
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
    """The start of ``day`` in Dutch time, with its offset: summer time runs from the last
    Sunday of March to the last Sunday of October (both still start in the old offset)."""
    summer = _last_sunday(day.year, 3) < day <= _last_sunday(day.year, 10)
    return f'{day.isoformat()}T00:00:00{"+02:00" if summer else "+01:00"}'


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def fetch(
    url: str,
    *,
    timeout: float = 30.0,
    sleep: Callable[[float], object] = time.sleep,
    progress: Callable[[int, int], object] | None = None,
) -> list[Row]:
    """Every page from ``url`` on, following ``@odata.nextLink`` on the same server."""
    origin = urlsplit(url)[:2]
    rows: list[Row] = []
    seen = set()
    while url:
        if url in seen:
            raise SourceError(f'{url}: @odata.nextLink leads back to a page already read')
        seen.add(url)
        page = load_json(_get(url, timeout, sleep), url)
        if not isinstance(page, dict) or not isinstance(page.get('value'), list):
            raise SourceError(f'{url}: the answer is not an OData page ({{"value": [...]}})')
        rows += _odata_rows(page, url)
        if progress:
            progress(len(seen), len(rows))
        url = _next_link(page, url, origin)
    return rows


def _next_link(page: dict, url: str, origin: tuple[str, str]) -> str:
    """The next page, only ever on the server asked (a link elsewhere could read files)."""
    link = page.get('@odata.nextLink')
    if not link:
        return ''
    following = urljoin(url, str(link))
    if urlsplit(following)[:2] != origin:
        raise SourceError(f'{url}: @odata.nextLink leads to another server: {following}')
    return following


def _get(url: str, timeout: float, sleep: Callable[[float], object]) -> bytes:
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
        try:
            with urlopen(request, timeout=timeout) as response:
                return _body(response, url)
        except HTTPError as exc:
            with exc:
                if exc.code != 429 and exc.code < 500:
                    raise SourceError(
                        f'{url}: HTTP {exc.code} {exc.reason}{_odata_message(exc)}'
                    ) from None
                failure = f'HTTP {exc.code} {exc.reason}'
                wait = _retry_after(exc.headers.get('Retry-After'), wait)
        except (TimeoutError, URLError) as exc:
            if not isinstance(getattr(exc, 'reason', exc), TimeoutError):
                raise SourceError(f'{url}: cannot connect: {exc.reason}') from None
            failure = f'no answer within {timeout:g} s'
        except (HTTPException, OSError) as exc:
            raise SourceError(
                f'{url}: the connection failed: {exc or type(exc).__name__}'
            ) from None
        if attempt < ATTEMPTS:
            sleep(min(wait, MAX_WAIT))
    raise SourceError(f'{url}: {failure} ({ATTEMPTS} attempts)')


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
