"""The ``kamerstuk`` builder: the reports a ministry hands to the Kamer, no pages.

Like sphinx-needs' own ``needs`` builder it reads every document and skips the write
phase; ``finish`` writes toezeggingen, letters and citations as JSON, CSV and Excel.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx
from sphinx.builders import Builder

from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.i18n import _, __
from sphinx_kamerstuk.ext.registers import current_differences
from sphinx_kamerstuk.ext.toezeggingen.traces import current_traces, peildatum, status_label

if TYPE_CHECKING:
    from collections.abc import Mapping
    from collections.abc import Set as AbstractSet

    from docutils import nodes
    from sphinx.application import Sphinx

    from sphinx_kamerstuk.core.reports import SheetLabels
    from sphinx_kamerstuk.core.status import Trace


class KamerstukBuilder(Builder):
    """``sphinx-build -b kamerstuk``: toezeggingen.json/.csv/.xlsx and more."""

    name = 'kamerstuk'
    format = 'kamerstuk'
    epilog = __('The kamerstuk reports are in %(outdir)s.')
    allow_parallel = True

    def get_outdated_docs(self) -> str:
        # Not per document: the reports always follow the whole project. A string means
        # "build all", so finish() runs even when no source changed (Sphinx 7.4 would
        # otherwise stop at "no targets are out of date" and write no report).
        return __('the kamerstuk reports')

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ''

    def prepare_writing(self, docnames: AbstractSet[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def write_documents(self, docnames: AbstractSet[str]) -> None:
        """No pages: ``finish`` writes the reports. Sphinx 8.1+ calls this from its
        (final) ``write``, after ``write-started``, as for any builder."""

    if sphinx.version_info[:2] < (8, 1):  # 7.4 has no write_documents
        # final from Sphinx 8.1, when this is not defined; unused-ignore for Sphinx 7.4
        def write(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[misc, unused-ignore]
            """Sphinx 7.4's ``write`` would read every doctree to write no page."""
            self.events.emit('write-started', self)

    def finish(self) -> None:
        # Imported here: openpyxl takes a tenth of a second, which other builders need not pay.
        from sphinx_kamerstuk.core.reports import write_reports

        domain = get_domain(self.env)
        traces = current_traces(self.env)
        write_reports(
            Path(self.outdir),
            peildatum=peildatum(self.config),
            traces=traces,
            letters=domain.letters.values(),
            citations=[use for uses in domain.citations.values() for use in uses],
            citeerstijl=self.config.kamerstuk_citeerstijl,
            url_base=self.config.kamerstuk_url_base,
            differences=current_differences(self.env),
            urls=self.page_urls(traces),
            labels=sheet_labels(),
        )

    def page_urls(self, traces: Mapping[str, Trace]) -> dict[str, str]:
        """Where each toezegging can be read: its page under ``html_baseurl``, else its
        register record."""
        base = self.config.html_baseurl.rstrip('/')
        suffix = self.config.html_file_suffix or '.html'
        urls = {}
        for key, trace in traces.items():
            toezegging = trace.toezegging
            if base and toezegging.docname:
                urls[key] = f'{base}/{toezegging.docname}{suffix}#{toezegging.id}'
            elif toezegging.bron_url:
                urls[key] = toezegging.bron_url
        return urls


def sheet_labels() -> SheetLabels:
    """The spreadsheets' headers and status words in the project's language."""
    from sphinx_kamerstuk.core.reports import SheetLabels
    from sphinx_kamerstuk.core.status import STATUSES

    headers = {
        'id': _('Number'),
        'soort': _('Kind'),
        'tekst': _('Toezegging'),
        'status': _('Status'),
        'termijn': _('Deadline'),
        'bewindspersoon': _('Made by'),
        'vervuld_door': _('Fulfilled by'),
        'dagen_te_laat': _('Days late'),
        'ministerie': _('Ministry'),
        'kamer': _('Chamber'),
        'datum': _('Made on'),
        'activiteit': _('Made in'),
        'commissie': _('Committee'),
        'indieners': _('Submitted by'),
        'vindplaats': _('Record'),
        'toegezegd_aan': _('Made to'),
        'functie': _('Office'),
        'termijn_tekst': _('Deadline as written'),
        'in_voorbereiding': _('In preparation'),
        'herhaalt': _('Repeats'),
        'wijzigt': _('Amends'),
        'vult_aan': _('Supplements'),
        'register': _('Register'),
        'register_status': _('Register word'),
        'kamer_register_status': _('Status in the register'),
        'uit_register': _('From the register'),
        'activiteit_nummer': _('Activity number'),
        'docname': _('Document'),
    }
    statuses: dict[str, str] = {s: _capitalised(status_label(s)) for s in STATUSES}
    return SheetLabels(headers, statuses, _('in part'), _('concept'), _('per the register'))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def setup_builder(app: Sphinx) -> None:
    app.add_builder(KamerstukBuilder)
