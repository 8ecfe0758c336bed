"""Machine-readable reports of a build: toezeggingen, Kamerbrieven and cited Kamerstukken.

Pure Python (no Sphinx, no docutils) so the ``kamerstuk`` builder, tests and other tools
share one writer. Every file is written atomically and byte-for-byte reproducible: the
same records and peildatum give the same bytes, so outputs can be committed and diffed.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from dataclasses import asdict, dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from sphinx_kamerstuk.core.calendar import write_calendar
from sphinx_kamerstuk.core.citations import publications
from sphinx_kamerstuk.core.files import write_atomic

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sphinx_kamerstuk.core.citations import Citation
    from sphinx_kamerstuk.core.reconcile import Difference
    from sphinx_kamerstuk.core.records import Afzender, CitationUse, Letter
    from sphinx_kamerstuk.core.status import Fulfilment, Trace

__all__ = ['COLUMNS', 'SHEET_COLUMNS', 'STATUS_FILLS', 'SheetLabels', 'write_reports']

SCHEMA = 'toezeggingen.schema.json'
#: Raised with every change a consumer of ``toezeggingen.json`` must know of: 2 added
#: ``soort``, ``vindplaats``, ``commissie`` and ``indieners``, and the letters' ``bron``
#: and ``tk_document``.
SCHEMA_VERSION = 2

#: The columns of ``toezeggingen.csv`` and ``.xlsx``, in order; also the JSON keys.
COLUMNS: tuple[str, ...] = (
    'id',
    'soort',
    'tekst',
    'status',
    'register_status',
    'termijn',
    'termijn_tekst',
    'datum',
    'bewindspersoon',
    'functie',
    'ministerie',
    'kamer',
    'activiteit',
    'activiteit_nummer',
    'toegezegd_aan',
    'commissie',
    'indieners',
    'vindplaats',
    'docname',
    'vervuld_door',
    'in_voorbereiding',
    'dagen_te_laat',
    'herhaalt',
    'wijzigt',
    'vult_aan',
    'register',
    'kamer_register_status',
    'uit_register',
)
_DATE_COLUMNS = frozenset({'termijn', 'datum'})
#: The spreadsheet's columns (CSV, XLSX): what a reader needs first, the register's and
#: the machine's after.
SHEET_COLUMNS: tuple[str, ...] = (
    'id',
    'tekst',
    'status',
    'termijn',
    'bewindspersoon',
    'vervuld_door',
    'dagen_te_laat',
    'soort',
    'ministerie',
    'kamer',
    'datum',
    'activiteit',
    'commissie',
    'vindplaats',
    'indieners',
    'toegezegd_aan',
    'functie',
    'termijn_tekst',
    'in_voorbereiding',
    'herhaalt',
    'wijzigt',
    'vult_aan',
    'register',
    'register_status',
    'kamer_register_status',
    'uit_register',
    'activiteit_nummer',
    'docname',
)


@dataclass(frozen=True)
class SheetLabels:
    """The words of the spreadsheets, in the project's language (the core translates
    nothing): column headers and status words by their machine names, and the notes on
    a fulfilling letter. Without them a sheet shows the machine names."""

    headers: Mapping[str, str] = field(default_factory=dict)
    statuses: Mapping[str, str] = field(default_factory=dict)
    in_part: str = 'deels'
    concept: str = 'concept'
    per_register: str = 'register'


#: Status cell fills in the spreadsheet. Light tints under the default black text, every
#: one above 14:1 contrast (WCAG AAA asks 7:1); the status word stays in the cell, so the
#: colour is never the only cue (WCAG 1.4.1), and the tints differ in lightness as well
#: as hue for colour-blind readers.
STATUS_FILLS: dict[str, str] = {
    'voldaan': 'C6EFCE',  # light green, 16.6:1
    'te-laat-voldaan': 'FFE0B2',  # light orange, 16.6:1
    'deels-voldaan': 'FFF2CC',  # light yellow, 18.8:1
    'openstaand': 'DDEBF7',  # light blue, 17.3:1
    'verlopen': 'F8CBAD',  # salmon, 14.1:1
    'vervallen': 'E7E6E6',  # light grey, 16.9:1
}
_HEADER_FILL = 'D9D9D9'  # grey, 14.9:1 under black bold text
#: A cell whose text starts with one of these, after any leading spaces, is a formula to
#: Excel or LibreOffice (OWASP, CSV injection), however it reached the file; the full-width
#: forms too, which an East Asian input method types and spreadsheets read as the others.
_FORMULA_START = frozenset('=+-@\uff1d\uff0b\uff0d\uff20')
#: A cell starting with one of these is neutralised whatever follows (OWASP, ASVS 1.2.10):
#: a spreadsheet may trim it and read what comes next.
_SUSPECT_START = frozenset('\t\r\n\x00')
_MAX_WIDTH = 60
#: The oldest date a zip entry can carry.
_ZIP_EPOCH = datetime.date(1980, 1, 1)


def write_reports(
    outdir: Path,
    *,
    peildatum: datetime.date,
    traces: Mapping[str, Trace],
    letters: Iterable[Letter],
    citations: Iterable[CitationUse],
    citeerstijl: str,
    url_base: str,
    differences: Iterable[Difference] = (),
    urls: Mapping[str, str] | None = None,
    labels: SheetLabels | None = None,
) -> list[Path]:
    """Write every report into ``outdir``; returns the files written, in a fixed order.
    ``urls``: the page of each toezegging (by trace key), for the calendar."""
    outdir.mkdir(parents=True, exist_ok=True)
    records = [_toezegging_record(traces[key], citeerstijl) for key in sorted(traces)]
    return [
        _write_toezeggingen_json(outdir, peildatum, records),
        _write_schema(outdir),
        _write_toezeggingen_csv(outdir, records, labels or SheetLabels()),
        _write_toezeggingen_xlsx(outdir, peildatum, records, labels or SheetLabels()),
        _write_kamerbrieven_json(outdir, letters, citeerstijl, url_base),
        _write_kamerstukken_json(outdir, citations, citeerstijl, url_base),
        _write_json(
            outdir / 'verschillen.json',
            {'verschillen': [asdict(difference) for difference in differences]},
        ),
        write_calendar(outdir, traces, peildatum, urls or {}),
    ]


# --- records ---------------------------------------------------------------------------


def _toezegging_record(trace: Trace, citeerstijl: str) -> dict[str, Any]:
    toezegging = trace.toezegging
    return {
        'id': toezegging.id,
        'soort': toezegging.soort,
        'tekst': toezegging.tekst,
        'status': trace.status,
        'register_status': trace.register_status,
        'termijn': toezegging.termijn,
        'termijn_tekst': toezegging.termijn_tekst,
        'datum': toezegging.datum,
        'bewindspersoon': toezegging.bewindspersoon,
        'functie': toezegging.functie,
        'ministerie': toezegging.ministerie,
        'kamer': toezegging.kamer,
        'activiteit': toezegging.activiteit,
        'activiteit_nummer': toezegging.activiteit_nummer,
        'toegezegd_aan': toezegging.toegezegd_aan,
        'commissie': toezegging.commissie,
        'indieners': toezegging.indieners,
        'vindplaats': _format(toezegging.vindplaats, citeerstijl)
        if toezegging.vindplaats
        else toezegging.vindplaats_tekst,
        'docname': toezegging.docname,
        'vervuld_door': [_fulfilment(f, citeerstijl) for f in trace.vervuld_door],
        'in_voorbereiding': [_fulfilment(f, citeerstijl) for f in trace.in_voorbereiding],
        'dagen_te_laat': trace.dagen_te_laat,
        'herhaalt': list(toezegging.herhaalt),
        'wijzigt': list(toezegging.wijzigt),
        'vult_aan': list(toezegging.vult_aan),
        'register': toezegging.register or None,
        'kamer_register_status': toezegging.register_status or None,
        'uit_register': list(toezegging.uit_register),
    }


def _fulfilment(fulfilment: Fulfilment, citeerstijl: str) -> dict[str, Any]:
    letter = fulfilment.letter
    return {
        'id': letter.id,
        'docname': letter.docname,
        'datum': letter.datum,
        'betreft': letter.betreft,
        'kamerstuk': _format(letter.kamerstuk, citeerstijl) if letter.kamerstuk else None,
        'deels': fulfilment.deels,
        'bron': letter.bron or 'project',
        'tk_document': letter.tk_document,
    }


def _flat(record: dict[str, Any], labels: SheetLabels) -> dict[str, Any]:
    """One spreadsheet row: the status as a word, letters as their Kamerstuk (or
    subject), date and TK document, and lists joined with ``; ``."""
    row = dict(record)
    row['status'] = labels.statuses.get(record['status'], record['status'])
    for key in ('vervuld_door', 'in_voorbereiding'):
        row[key] = '; '.join(_letter_label(item, labels) for item in record[key])
    for key in ('herhaalt', 'wijzigt', 'vult_aan', 'uit_register'):
        row[key] = '; '.join(record[key])
    return row


def _letter_label(item: dict[str, Any], labels: SheetLabels) -> str:
    if item['bron'] == 'register':  # what the register names: no date, maybe documents
        text = ': '.join(filter(None, (labels.per_register, item['betreft'])))
        return f'{text} ({labels.in_part})' if item['deels'] else text
    notes = [item['datum'] or labels.concept, item['tk_document']]
    notes += [labels.in_part] if item['deels'] else []
    return f'{item["kamerstuk"] or item["betreft"]} ({", ".join(filter(None, notes))})'


# --- writers ---------------------------------------------------------------------------


def _write_toezeggingen_json(
    outdir: Path, peildatum: datetime.date, records: list[dict[str, Any]]
) -> Path:
    return _write_json(
        outdir / 'toezeggingen.json',
        {
            'schema_version': SCHEMA_VERSION,
            'peildatum': peildatum.isoformat(),
            'toezeggingen': records,
        },
    )


def _write_schema(outdir: Path) -> Path:
    """Ship the schema beside the data, so a consumer validates against the matching one."""
    path = outdir / SCHEMA
    write_atomic(path, files('sphinx_kamerstuk').joinpath('schemas', SCHEMA).read_bytes())
    return path


def _write_toezeggingen_csv(
    outdir: Path, records: list[dict[str, Any]], labels: SheetLabels
) -> Path:
    """As Dutch Excel opens it without an import dialog: BOM, ``;`` and CRLF."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=';', lineterminator='\r\n')
    writer.writerow(_csv_cell(_header(column, labels)) for column in SHEET_COLUMNS)
    for record in records:
        row = _flat(record, labels)
        writer.writerow(_csv_cell(row[column]) for column in SHEET_COLUMNS)
    path = outdir / 'toezeggingen.csv'
    write_atomic(path, text.getvalue().encode('utf-8-sig'))
    return path


def _header(column: str, labels: SheetLabels) -> str:
    return labels.headers.get(column, column)


def _write_toezeggingen_xlsx(
    outdir: Path, peildatum: datetime.date, records: list[dict[str, Any]], labels: SheetLabels
) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook starts with one worksheet
    sheet.title = 'Toezeggingen'
    sheet.append([_header(column, labels) for column in SHEET_COLUMNS])
    for cell in sheet[1]:
        cell.data_type = 's'  # a header is text, whatever a translation starts with
    header_fill = PatternFill('solid', start_color=_HEADER_FILL)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    status_column = SHEET_COLUMNS.index('status') + 1
    top = Alignment(vertical='top', wrap_text=True)
    widths = [len(_header(column, labels)) for column in SHEET_COLUMNS]
    for row_number, record in enumerate(records, start=2):
        row = _flat(record, labels)
        for index, column in enumerate(SHEET_COLUMNS):
            value = _xlsx_value(row[column], date=column in _DATE_COLUMNS)
            cell = sheet.cell(row=row_number, column=index + 1, value=value)
            cell.alignment = top
            if isinstance(value, str):
                cell.data_type = 's'  # never a formula or an error value ('#N/A')
                if _formula_like(value):
                    cell.quotePrefix = True  # and Excel keeps it text when edited
            elif isinstance(value, datetime.date):
                cell.number_format = 'yyyy-mm-dd'
            longest = max((len(line) for line in str(value or '').splitlines()), default=0)
            widths[index] = max(widths[index], longest)
        sheet.cell(row=row_number, column=status_column).fill = PatternFill(
            'solid', start_color=STATUS_FILLS[record['status']]
        )
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, _MAX_WIDTH)
    sheet.freeze_panes = 'A2'
    sheet.auto_filter.ref = f'A1:{get_column_letter(len(SHEET_COLUMNS))}{len(records) + 1}'
    # printed: A4 landscape, as wide as the page, the header row on every page
    sheet.page_setup.orientation = 'landscape'
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = '1:1'
    # openpyxl stamps the current time on the workbook and on every zip entry.
    stamp = datetime.datetime.combine(max(peildatum, _ZIP_EPOCH), datetime.time())
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = 'sphinx-kamerstuk'
    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED)).save()
    path = outdir / 'toezeggingen.xlsx'
    write_atomic(path, _restamp_zip(buffer.getvalue(), stamp))
    return path


def _afzender(afzender: Afzender | None) -> dict[str, Any] | None:
    if afzender is None:
        return None
    return {
        'bezoekadres': list(afzender.bezoekadres),
        'postadres': list(afzender.postadres),
        'website': afzender.url,
        'regels': list(afzender.regels),
        'correspondentie': afzender.correspondentie,
    }


def _write_kamerbrieven_json(
    outdir: Path, letters: Iterable[Letter], citeerstijl: str, url_base: str
) -> Path:
    entries = [
        {
            'id': letter.id,
            'docname': letter.docname,
            'betreft': letter.betreft,
            'datum': letter.datum,
            'concept': letter.concept,
            'aan': [list(address) for address in letter.aan],
            'kamers': list(letter.kamers),
            'ministerie': letter.ministerie,
            'directie': letter.directie,
            'kenmerk': letter.kenmerk,
            'uw_kenmerk': letter.uw_kenmerk,
            'tk_document': letter.tk_document,
            'dossiers': [
                {'nummer': number.replace('\u00a0', ' '), 'titel': title}
                for number, title in letter.dossiers
            ],
            'bijlagen': letter.bijlagen,
            'bijlagen_titels': list(letter.bijlagen_titels),
            'ondertekenaars': [
                {'functie': signatory.functie, 'naam': signatory.naam, 'mede': signatory.mede}
                for signatory in letter.ondertekenaars
            ],
            'mede_namens': list(letter.mede_namens),
            'afzender': _afzender(letter.afzender),
            'kamerstuk': _publication(letter.kamerstuk, citeerstijl, url_base)
            if letter.kamerstuk
            else None,
            'kamerstukken': [
                _publication(citation, citeerstijl, url_base) for citation in letter.kamerstukken
            ],
            'vervult': list(letter.vervult),
            'vervult_deels': list(letter.vervult_deels),
        }
        for letter in sorted(letters, key=lambda letter: (letter.id, letter.docname))
    ]
    return _write_json(outdir / 'kamerbrieven.json', {'kamerbrieven': entries})


def _write_kamerstukken_json(
    outdir: Path, citations: Iterable[CitationUse], citeerstijl: str, url_base: str
) -> Path:
    """Every publication once, shown in its most complete form, with where it is cited."""
    entries = []
    for shown, uses in publications((use.citation, use) for use in citations):
        cited = sorted(
            ({'docname': use.docname, 'line': use.lineno} for use in uses),
            key=lambda item: (item['docname'], item['line'] or 0),
        )
        publication = _publication(shown, citeerstijl, url_base)
        entries.append({'kind': shown.kind, **publication, 'cited': cited})
    return _write_json(outdir / 'kamerstukken.json', {'kamerstukken': entries})


# --- helpers ---------------------------------------------------------------------------


def _format(citation: Citation, citeerstijl: str) -> str:
    return citation.format(citeerstijl)  # type: ignore[arg-type]  # format() checks it


def _publication(citation: Citation, citeerstijl: str, url_base: str) -> dict[str, Any]:
    return {
        'text': _format(citation, citeerstijl),
        'obl_id': citation.obl_id,
        'url': citation.url_at(url_base),
    }


def _csv_cell(value: Any) -> str:
    """A cell's text; text a spreadsheet would read as a formula gets a leading quote, as
    OWASP advises for CSV. A number stays a number: ``-3`` is not a formula."""
    if value is None:
        return ''
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return str(value)


def _formula_like(text: str) -> bool:
    if text[:1] in _SUSPECT_START:
        return True
    return text.lstrip()[:1] in _FORMULA_START


def _xlsx_value(value: Any, *, date: bool) -> Any:
    """Dates as dates, empty text as an empty cell, and no characters XML cannot hold."""
    if value is None or value == '':
        return None
    if date:
        return datetime.date.fromisoformat(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub('', value)
    return value


def _restamp_zip(data: bytes, stamp: datetime.datetime) -> bytes:
    """The same archive with every entry dated ``stamp`` instead of the time of writing."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, 'w') as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix on every platform, for the same bytes everywhere
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return out.getvalue()


def _write_json(path: Path, data: object) -> Path:
    write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=2) + '\n').encode())
    return path
