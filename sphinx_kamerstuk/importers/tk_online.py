"""``import-tk --online``: the Gegevensmagazijn's OData endpoint, page by page.

The query (the filters, everything a register entry needs) and the paging, bounded in
time and pages and only ever on the server asked; one page over HTTP is :mod:`.tk_http`,
reading a page is :func:`.tk.odata_rows`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode, urljoin
from zoneinfo import ZoneInfo

from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.importers import tk_http
from sphinx_kamerstuk.importers.source import MAX_BYTES, SourceError, load_json
from sphinx_kamerstuk.importers.tk import odata_rows

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx_kamerstuk.importers.tk import Row

BASE = 'https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0'
#: The Gegevensmagazijn's own maximum page size.
PAGE_SIZE = 250
EXPAND = 'KamerbriefNakoming,ToegezegdAan,Activiteit'
#: Seconds for a whole online import, waits included; the register takes a minute or two.
DEADLINE = 1800.0
#: Pages per online import: of 250 toezeggingen, some forty times the whole register.
MAX_PAGES = 1000


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
        origin = tk_http.origin_of(url)
    except ValueError as exc:
        raise SourceError(f'{url}: ' + _('not a usable URL (%s)') % exc) from None
    if origin[0] not in ('http', 'https'):
        raise SourceError(f'{url}: ' + _('not an http or https URL'))
    limits = tk_http.Limits(
        timeout, deadline, time.monotonic() + deadline, origin, sleep, MAX_BYTES
    )
    rows: list[Row] = []
    seen: set[str] = set()
    read: set[tuple[str, str]] = set()
    while url:
        if url in seen:
            raise SourceError(f'{url}: ' + _('@odata.nextLink leads back to a page already read'))
        if len(seen) == MAX_PAGES:
            raise SourceError(
                f'{url}: '
                + _('more than %d pages; stopped (a server that pages without end?)') % MAX_PAGES
            )
        seen.add(url)
        page = load_json(tk_http.get(url, limits), url)
        if not isinstance(page, dict) or not isinstance(page.get('value'), list):
            raise SourceError(f'{url}: ' + _('the answer is not an OData page ({"value": [...]})'))
        found = odata_rows(page, url)
        rows += found
        if progress:
            progress(len(seen), len(rows))
        following = _next_link(page, url, limits.origin)
        new = {(row.entry.nummer, row.entry.guid) for row in found} - read
        if following and not new:
            raise SourceError(
                f'{url}: '
                + _(
                    'the page holds no toezegging not read before, yet links to a next one; '
                    'stopped (the paging does not advance)'
                )
            )
        read |= new
        url = following
    return rows


def _next_link(page: dict, url: str, origin: tuple[str, str]) -> str:
    """The next page, only ever on the server asked (a link elsewhere could read files)."""
    link = page.get('@odata.nextLink')
    if link is None or link == '':
        return ''
    if not isinstance(link, str):
        raise SourceError(
            f'{url}: ' + _('@odata.nextLink should be a URL, not %s') % type(link).__name__
        )
    try:
        following = urljoin(url, link)
        elsewhere = tk_http.origin_of(following) != origin
    except ValueError as exc:
        raise SourceError(
            f'{url}: '
            + _('@odata.nextLink is not a usable URL (%(problem)s): %(link)s')
            % {'problem': exc, 'link': link}
        ) from None
    if elsewhere:
        raise SourceError(f'{url}: ' + _('@odata.nextLink leads to another server: %s') % following)
    return following
