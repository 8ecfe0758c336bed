"""The Kamer's registers in a build: loaded every build, as needs, and reconciled.

``kamerstuk_registers`` names register files (``sphinx-kamerstuk import-tk``). They are
read at the start of every build: an edited register changes the traces, and the pages
showing what changed are written again (``toezeggingen.outdated_views``), without
re-reading any source.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx_needs.api import add_external_need

from sphinx_kamerstuk.core.reconcile import REGISTER_PAGE, Difference, differences
from sphinx_kamerstuk.core.register_file import RegisterError, read
from sphinx_kamerstuk.ext import tables
from sphinx_kamerstuk.ext.config import conf_location
from sphinx_kamerstuk.ext.directive import KamerstukDirective
from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.i18n import _, __
from sphinx_kamerstuk.ext.messages import log_warning
from sphinx_kamerstuk.ext.needs import has_need
from sphinx_kamerstuk.ext.toezeggingen.traces import all_toezeggingen, current_traces
from sphinx_kamerstuk.ext.toezeggingen.views import ALL, ViewWriter

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

    from sphinx_kamerstuk.core.register_file import Entry

logger = logging.getLogger(__name__)


def register_paths(app: Sphinx) -> list[Path]:
    return [Path(app.confdir or app.srcdir, path) for path in app.config.kamerstuk_registers]


def load_registers(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """Read every register; a file that cannot be read warns and is left out, and so
    does each field or entry in it that cannot be used (an entry of an earlier register
    too), at its line."""
    entries: dict[str, tuple[Entry, str]] = {}
    loaded = []
    where = conf_location(app, 'kamerstuk_registers')  # conf.py:LINE
    for path in register_paths(app):
        try:
            register, problems = read(path, earlier=entries)
        except RegisterError as exc:
            log_warning(logger, __('register not used: %s') % exc, 'register', where)
            continue
        for problem in problems:
            label = f'{problem.entry} ({problem.nummer})' if problem.nummer else problem.entry
            message = (
                __('entry %s: %s; the entry is left out')
                if problem.left_out
                else __('entry %s: %s; left out')
            )
            location = f'{path}:{problem.line}' if problem.line else where
            log_warning(logger, message % (label, problem.message), 'register', location)
        loaded.append(register.bron)
        for entry in register.entries:  # none is in an earlier register
            entries[entry.nummer] = (entry, register.bron)
    domain = get_domain(env)
    domain.data['register'] = entries
    domain.data['registers_loaded'] = sorted(set(loaded))
    return []


def register_needs(app: Sphinx, env: BuildEnvironment) -> None:
    """Register entries no source augments become toezegging needs, linked to their record.

    Added after reading (and merging), so a source's own need for the same number wins;
    the ones added by the previous build were removed before reading
    (``needs_integration.purge_before_reading``).
    """
    domain = get_domain(env)
    added = []
    for toezegging in all_toezeggingen(env):
        if toezegging.docname:
            continue
        page = toezegging.bron_url or REGISTER_PAGE.get(toezegging.kamer, REGISTER_PAGE['tk'])
        domain.build.register_pages[toezegging.id] = page
        if has_need(env, toezegging.id):
            continue
        add_external_need(
            app,
            'toezegging',
            title=toezegging.tekst,
            id=toezegging.id,
            external_url=page,
            status='vervallen' if toezegging.vervallen else None,
            bewindspersoon=toezegging.bewindspersoon,
            ministerie=toezegging.ministerie,
            kamer=toezegging.kamer,
            datum=toezegging.datum or '',
            termijn=toezegging.termijn or '',
            termijn_tekst=toezegging.termijn_tekst,
            register_status=toezegging.register_status,
            allow_type_coercion=False,  # data, never code: no dynamic functions parsed
        )
        added.append(toezegging.id)
    domain.data['register_needs'] = added


def current_differences(env: BuildEnvironment) -> list[Difference]:
    domain = get_domain(env)
    return differences(current_traces(env).values(), domain.data['registers_loaded'])


class toezeggingen_verschillen(nodes.General, nodes.Element):  # docutils style
    """Placeholder for the reconciliation table."""


class VerschillenDirective(KamerstukDirective):
    """``.. toezeggingen-verschillen::``: where the register and the sources disagree."""

    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        node = toezeggingen_verschillen()
        self.set_source_info(node)
        get_domain(self.env).note_view(self.env.docname, [ALL])
        return [node]


def soort_label(soort: str) -> str:
    labels = {
        'status': _('status differs'),
        'document': _('fulfilling letter differs'),
        'termijn': _('deadline differs'),
        'alleen-register': _('only in the register'),
        'alleen-lokaal': _('not in the register'),
    }
    return labels[soort]


def fill_differences(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(toezeggingen_verschillen))
    if not placeholders:
        return
    writer = ViewWriter(app, docname, doctree)
    found = current_differences(app.env)
    for placeholder in placeholders:
        if not found:
            text = _('The register and the sources agree.')
            placeholder.replace_self(nodes.paragraph(text, text))
            continue
        headers = [_('Number'), _('Difference'), _('Register'), _('Sources')]
        table = tables.table(
            writer.doctree,
            _('Differences with the register'),
            headers,
            (_difference_row(writer, difference) for difference in found),
            widths=(15, 20, 30, 35),
            classes=('kamerstuk-verschillen', 'longtable'),
        )
        placeholder.replace_self(table)


def _difference_row(writer: ViewWriter, difference: Difference) -> list[tables.Cell]:
    """The number (a link to the toezegging where the build has it), what differs, and
    what the register and the sources say."""
    trace = writer.traces.get(difference.id)
    number = nodes.paragraph()
    number += writer.toezegging_link(trace.toezegging) if trace else nodes.Text(difference.id)
    return [number, soort_label(difference.soort), difference.register, difference.lokaal]


def _skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_registers(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(toezeggingen_verschillen, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_directive('toezeggingen-verschillen', VerschillenDirective)
    app.connect('env-get-outdated', load_registers)
    # before the views compare traces (priority 500): the needs must exist first
    app.connect('env-updated', register_needs, priority=400)
    app.connect('doctree-resolved', fill_differences)
