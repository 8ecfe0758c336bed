"""The ``kamerstukken`` directive: the references cited in a document or the project."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import NoUri
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_kamerstuk.core.citations import publications
from sphinx_kamerstuk.ext.citations.display import shown
from sphinx_kamerstuk.ext.domain import at_anchor, get_domain
from sphinx_kamerstuk.ext.i18n import _, __
from sphinx_kamerstuk.ext.messages import log_warning
from sphinx_kamerstuk.ext.rewrites import remember

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import OptionSpec

    from sphinx_kamerstuk.core.citations import Citation
    from sphinx_kamerstuk.core.records import CitationUse

logger = logging.getLogger(__name__)

SCOPES = ('document', 'all')


class kamerstukken_list(nodes.General, nodes.Element):  # docutils names nodes in lower case
    """Placeholder for a reference list, filled once every document is read."""


class KamerstukkenDirective(SphinxDirective):
    """``.. kamerstukken::`` with ``:scope: document`` (default) or ``all``."""

    option_spec: ClassVar[OptionSpec] = {'scope': directives.unchanged}

    def run(self) -> list[nodes.Node]:
        scope = self.options.get('scope', 'document').strip()
        if scope not in SCOPES:
            log_warning(
                logger,
                __("invalid kamerstukken option :scope: %r: expected 'document' or 'all'") % scope,
                'option',
                self.get_location(),
            )
            scope = 'document'
        # LaTeX resolves all documents as one tree: remember whose list this is.
        node = kamerstukken_list(scope=scope, docname=self.env.docname)
        self.set_source_info(node)
        if scope == 'all':
            get_domain(self.env).note_project_list(self.env.docname)
        return [node]


def fill_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder by the sorted, de-duplicated list with back-links."""
    env = app.env
    domain = get_domain(env)
    for placeholder in list(doctree.findall(kamerstukken_list)):
        if placeholder['scope'] == 'all':
            scope_docs = sorted(domain.citations)
        else:
            scope_docs = [placeholder['docname']]
        cited = ((use.citation, use) for use in domain.uses(scope_docs))
        entries = publications(cited, env.config.kamerstuk_citeerstijl)
        result: nodes.Element = nodes.bullet_list(classes=['kamerstukken'])
        for citation, uses in entries:
            result += _list_item(app, docname, citation, uses)
        if not entries:
            result = nodes.paragraph(
                '', _('No references cited.'), classes=['kamerstukken', 'kamerstukken-empty']
            )
        placeholder.replace_self(result)


def _list_item(
    app: Sphinx, fromdocname: str, citation: Citation, uses: list[CitationUse]
) -> nodes.list_item:
    config = app.config
    text = shown(citation, config)
    para = nodes.paragraph()
    url = citation.url_at(config.kamerstuk_url_base)
    para += nodes.reference(text, text, refuri=url) if url else nodes.Text(text)
    para += nodes.Text(' — ' + _('cited in') + ' ')
    for index, (docname, in_doc) in enumerate(groupby(uses, key=lambda use: use.docname)):
        if index:
            para += nodes.Text('; ')
        occurrences = list(in_doc)
        para += _backlink(app, fromdocname, occurrences[0], _document_title(app.env, docname))
        if len(occurrences) > 1:
            para += nodes.Text(' (')
            for number, use in enumerate(occurrences[1:], start=2):
                if number > 2:
                    para += nodes.Text(', ')
                para += _backlink(app, fromdocname, use, str(number))
            para += nodes.Text(')')
    return nodes.list_item('', para)


def _backlink(app: Sphinx, fromdocname: str, use: CitationUse, label: str) -> nodes.Node:
    # Not make_refnode: its same-document shortcut (refid) points LaTeX at the wrong file.
    try:
        uri = app.builder.get_relative_uri(fromdocname, use.docname)
    except NoUri:  # the citing document is not part of this output
        return nodes.Text(label)
    return nodes.reference(label, label, internal=True, refuri=at_anchor(uri, use.target_id))


def _document_title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None and title.astext() else docname


def _note_removed(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    get_domain(env).build.documents_changed = bool(removed)
    return []


def _note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:
        get_domain(env).build.documents_changed = True


def _outdated_lists(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Project-wide lists on untouched pages must be re-written when any page changed."""
    domain = get_domain(env)
    if not domain.build.documents_changed:
        return []
    return remember(app, domain.project_lists)


def _skip(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_references(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(kamerstukken_list, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.add_directive('kamerstukken', KamerstukkenDirective)
    app.connect('doctree-resolved', fill_lists)
    app.connect('env-get-outdated', _note_removed)
    app.connect('env-before-read-docs', _note_read)
    app.connect('env-updated', _outdated_lists)
