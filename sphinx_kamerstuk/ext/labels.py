"""An inline and a container that LaTeX labels by their ids.

Sphinx's LaTeX writer labels sections, targets, figures and tables, not an inline or a
container: a link to a citation (the reference list's back-links) or to a toezegging's
box would be an undefined reference in the PDF. Every other builder writes these nodes
as the inline and container they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator


class labelled_inline(nodes.inline):
    """An inline a link may point to."""


class labelled_container(nodes.container):
    """A container a link may point to."""


def _latex_visit(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(self.hypertarget_to(node, anchor=True))
    getattr(self, 'visit_' + type(node).__mro__[1].__name__)(node)


def _latex_depart(self: LaTeXTranslator, node: nodes.Element) -> None:
    getattr(self, 'depart_' + type(node).__mro__[1].__name__)(node)


def setup_labels(app: Sphinx) -> None:
    for node in (labelled_inline, labelled_container):
        app.add_node(node, latex=(_latex_visit, _latex_depart))
