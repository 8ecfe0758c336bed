"""The Tweede Kamer's toezeggingen, read into register entries.

Three sources, one result: OData JSON pages saved from the Gegevensmagazijn, SyncFeed
Atom XML, and the OData endpoint itself (``--online``: the paging in :mod:`.tk_online`,
its HTTP in :mod:`.tk_http`). Each
reader takes a toezegging's fields from its format into a :class:`Record`, and one
function makes the register entry of it. The real data's quirks are smoothed once
(docs/domain.rst, The Toezegging entity and Register statuses): old and new status words, the ``0001-01-01`` "no date" sentinel,
"Achternaam, Initialen" names, and (in :func:`select`) deleted rows and one toezegging
appearing on several pages. Everything read from outside is bounded (size, nesting, entity
expansion, time, pages), and every error names the file or URL and the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from itertools import zip_longest
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.core.register_file import NUMMER, Entry, json_type, normalise_status
from sphinx_kamerstuk.importers.source import (
    MAX_BYTES,
    SourceError,
    clean_text,
    load_json,
    read_bytes,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from pathlib import Path

_TK = '{http://www.tweedekamer.nl/xsd/tkData/v1-0}'
_XSI_NIL = '{http://www.w3.org/2001/XMLSchema-instance}nil'
_DATE = re.compile(r'([0-9]{4})-([0-9]{2})-([0-9]{2})')
#: The relations between toezeggingen: OData navigation, SyncFeed element, Entry field.
_RELATIONS = (
    ('IsHerhalingVan', 'isHerhalingVan', 'herhaalt'),
    ('IsWijzigingVan', 'isWijzigingVan', 'wijzigt'),
    ('IsAanvullingOp', 'isAanvullingOp', 'vult_aan'),
)


@dataclass(frozen=True)
class Record:
    """One toezegging's fields as a source writes them, in the register's terms: what
    each reader takes from its own format, and all that :func:`_row` makes an entry of.
    Text is cleaned and dates are checked as they are read (so that of two faults in one
    toezegging, the first one read is the one reported); the rest is left to ``_row``."""

    #: Where it was read, for a message about it.
    where: str
    nummer: str = ''
    tekst: str = ''
    #: The status word as read; the entry gets it normalised too.
    status: str = ''
    #: The name as the register writes it ("Wiersma, F.M."), or in its parts.
    naam: str = ''
    tussenvoegsel: str = ''
    achternaam: str = ''
    initialen: str = ''
    functie: str = ''
    ministerie: str = ''
    activiteit: str = ''
    activiteit_nummer: str = ''
    #: ISO dates, and the moment of the last change as written.
    aanmaakdatum: str | None = None
    datum_nakoming: str | None = None
    gewijzigd_op: str = ''
    guid: str = ''
    #: In any order, maybe repeated or empty: the entry has them distinct and sorted.
    kamerbrief_nakoming: Sequence[str] = ()
    toegezegd_aan: Sequence[str] = ()
    herhaalt: Sequence[str] = ()
    wijzigt: Sequence[str] = ()
    vult_aan: Sequence[str] = ()
    verwijderd: bool = False


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
    data = read_bytes(path, MAX_BYTES)
    if data.lstrip(b'\xef\xbb\xbf \t\r\n').startswith(b'<'):
        return _xml_rows(data, str(path))
    return odata_rows(load_json(data, str(path)), str(path))


# --- one entry ----------------------------------------------------------------------------


def _row(record: Record) -> Row:
    """The register entry of a toezegging as one source gave it."""
    entry = Entry(
        nummer=record.nummer,
        tekst=record.tekst,
        status=normalise_status(record.status) or 'onbekend',
        status_bron=record.status,
        bewindspersoon=bewindspersoon(
            record.naam, record.tussenvoegsel, record.achternaam, record.initialen
        ),
        naam_bron=record.naam,
        functie=record.functie,
        ministerie=record.ministerie,
        activiteit=record.activiteit,
        activiteit_nummer=record.activiteit_nummer,
        aanmaakdatum=record.aanmaakdatum,
        datum_nakoming=record.datum_nakoming,
        kamerbrief_nakoming=_sorted(record.kamerbrief_nakoming),
        toegezegd_aan=_sorted(record.toegezegd_aan),
        herhaalt=_sorted(record.herhaalt),
        wijzigt=_sorted(record.wijzigt),
        vult_aan=_sorted(record.vult_aan),
        guid=record.guid,
        gewijzigd_op=record.gewijzigd_op,
    )
    return Row(entry, record.verwijderd, record.where)


# --- OData JSON ---------------------------------------------------------------------------


def odata_rows(document: object, where: str) -> list[Row]:
    """The rows of an OData page, a list of pages, or one entity."""
    pages = document if isinstance(document, list) else [document]
    rows = []
    for index, page in enumerate(pages):
        place = f'{where}: [{index}]' if isinstance(document, list) else where
        for number, entity in enumerate(_entities(page, place)):
            rows.append(_row(_odata_record(entity, f'{place}: value[{number}]')))
    return rows


def _entities(page: object, where: str) -> list:
    if isinstance(page, dict) and isinstance(page.get('value'), list):
        return page['value']
    if isinstance(page, dict) and ('Nummer' in page or 'Id' in page):
        return [page]
    raise SourceError(
        f'{where}: '
        + _(
            'not an OData page of toezeggingen (expected {"value": [...]}, as '
            'Toezegging?$filter=... returns)'
        )
    )


def _odata_record(entity: object, where: str) -> Record:
    if not isinstance(entity, dict):
        raise SourceError(f'{where}: ' + _('expected a Toezegging object'))
    field = _Fields(entity, where)
    activiteit = field.entity_of('Activiteit')
    relations: dict[str, Any] = {  # the Record's relation fields
        name: [
            _key(target, 'Nummer', f'{where}: {navigation}') for target in field.items(navigation)
        ]
        for navigation, _element, name in _RELATIONS
    }
    return Record(
        where=where,
        nummer=field.text('Nummer'),
        tekst=field.text('Tekst'),
        status=field.text('Status'),
        naam=field.text('Naam'),
        tussenvoegsel=field.text('Tussenvoegsel'),
        achternaam=field.text('Achternaam'),
        initialen=field.text('Initialen'),
        functie=field.text('Functie'),
        ministerie=field.text('Ministerie'),
        activiteit=' '.join(filter(None, (activiteit.text('Soort'), activiteit.text('Onderwerp')))),
        activiteit_nummer=field.text('ActiviteitNummer') or activiteit.text('Nummer'),
        aanmaakdatum=_iso_date(field.text('Aanmaakdatum'), f'{where}: Aanmaakdatum'),
        datum_nakoming=_iso_date(field.text('DatumNakoming'), f'{where}: DatumNakoming'),
        kamerbrief_nakoming=[
            _key(document, 'DocumentNummer', f'{where}: KamerbriefNakoming[{index}]')
            for index, document in enumerate(field.items('KamerbriefNakoming'))
        ],
        toegezegd_aan=[
            _odata_made_to(link, f'{where}: ToegezegdAan[{index}]')
            for index, link in enumerate(field.items('ToegezegdAan'))
        ],
        guid=field.text('Id'),
        gewijzigd_op=_timestamp(field.text('GewijzigdOp'), f'{where}: GewijzigdOp'),
        verwijderd=field.boolean('Verwijderd'),
        **relations,
    )


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
            raise SourceError(
                f'{self.where}: '
                + _('%(name)s should be text, not %(type)s')
                % {'name': name, 'type': type(value).__name__}
            )
        return clean_text(str(value), f'{self.where}: {name}')

    def boolean(self, name: str) -> bool:
        """``Verwijderd``: true or false (absent is false); text such as "true" is refused,
        as reading it either way could drop or keep a toezegging unseen."""
        value = self.entity.get(name)
        if value is not None and not isinstance(value, bool):
            raise SourceError(
                f'{self.where}: '
                + _('%(name)s should be true or false, not %(type)s %(value)r')
                % {'name': name, 'type': json_type(value), 'value': value}
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
            raise SourceError(
                f'{self.where}: '
                + _('%(name)s should be an object, not %(type)s')
                % {'name': name, 'type': json_type(value)}
            )
        return _Fields(value or {}, f'{self.where}: {name}')


def _key(target: object, number: str, where: str) -> str:
    """A related entity by its readable number; by its GUID when that is all there is."""
    if isinstance(target, str):
        return clean_text(target, where)
    if not isinstance(target, dict):
        raise SourceError(f'{where}: ' + _('expected an object, not %s') % json_type(target))
    field = _Fields(target, where)
    return field.text(number) or field.text('Id')


def _odata_made_to(link: object, where: str) -> str:
    if not isinstance(link, dict):
        raise SourceError(f'{where}: ' + _('expected an object, not %s') % json_type(link))
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
            f'{where}: '
            + _(
                'refused: the XML declares a DTD or entities (%s); the SyncFeed never does, '
                'and expanding them can exhaust the memory'
            )
            % type(exc).__name__
        ) from None
    except ParseError as exc:
        line, column = exc.position
        reason = re.sub(r': line \d+, column \d+$', '', str(exc))
        raise SourceError(
            f'{where}:{line}:{column + 1}: ' + _('not well-formed XML: %s') % reason
        ) from None
    return [
        _row(_xml_record(element, f'{where}: toezegging {element.get("id", "")}'.rstrip()))
        for element in root.iter(f'{_TK}toezegging')
    ]


def _xml_record(element: Element, where: str) -> Record:
    field = _Children(element, where)
    relations: dict[str, Any] = {name: field.refs(tag) for _navigation, tag, name in _RELATIONS}
    return Record(
        where=where,
        nummer=field.text('nummer'),
        tekst=field.text('tekst'),
        status=field.text('status'),
        naam=field.text('naam'),
        tussenvoegsel=field.text('tussenvoegsel'),
        achternaam=field.text('achternaam'),
        initialen=field.text('initialen'),
        functie=field.text('functie'),
        ministerie=field.text('ministerie'),
        activiteit_nummer=field.text('activiteitNummer'),
        aanmaakdatum=_iso_date(field.text('aanmaakdatum'), f'{where}: aanmaakdatum'),
        datum_nakoming=_iso_date(field.text('datumNakoming'), f'{where}: datumNakoming'),
        kamerbrief_nakoming=field.texts('kamerbriefNakoming'),
        toegezegd_aan=_xml_made_to(field),
        guid=field.attribute('id'),
        gewijzigd_op=_timestamp(field.attribute('bijgewerkt'), f'{where}: bijgewerkt'),
        verwijderd=field.attribute('verwijderd') in ('true', '1'),  # xs:boolean
        **relations,
    )


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
        raise SourceError(f'{where}: ' + _('%r is not a date') % value)
    return None if day.year == 1 else day.isoformat()


def _timestamp(value: str, where: str) -> str:
    """When the source last changed a row, as written; it decides which version of a
    toezegging wins, so one that is no moment is refused rather than guessed."""
    if value:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise SourceError(f'{where}: ' + _('%r is not a date and time') % value) from None
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
            problem = _('Nummer %r') % row.entry.nummer if row.entry.nummer else _('no Nummer')
            warnings.append(
                f'{row.where}: '
                + _(
                    '%s, not a Tweede Kamer number (TZ and six digits, a dash and three, such '
                    'as TZ202412-116); left out'
                )
                % problem
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
                f'{key}: '
                + _('status %r is not a known word; recorded as onbekend') % row.entry.status_bron
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
