"""What the extension relies on in docutils and Sphinx where no API promises it (the
sphinx-needs ones are in ``test_needs_contract.py``); docs/architecture.rst lists them.
Each test fails when the upstream behaviour changes, so an upgrade shows what to adapt."""

from __future__ import annotations

from conftest import warnings
from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives

from sphinx_kamerstuk.ext.kamerbrief.latex import _document_data
from sphinx_kamerstuk.lint.proof import AnyOption


class _Options(Directive):
    option_spec = AnyOption({'known': directives.unchanged})
    has_content = True

    def run(self) -> list[nodes.Node]:
        return [nodes.paragraph(text=repr(sorted(self.options.items())))]


def test_docutils_hands_every_option_to_a_directive_with_any_option():
    """docutils looks options up by ``[]``; were it to ask ``in``, an unknown option would
    drop the whole kamerbrief (its metadata lost) instead of warning."""
    directives.register_directive('x-options', _Options)
    try:
        doctree = publish_doctree(
            '.. x-options::\n   :known: a\n   :onbekend: b\n',
            settings_overrides={'report_level': 5},
        )
    finally:
        del directives._directives['x-options']
    assert doctree.astext() == "[('known', 'a'), ('onbekend', 'b')]"


def test_latex_builder_keeps_its_documents_as_the_extension_expects(build):
    """The per-letter PDFs are entries added to the LaTeX builder's ``document_data`` after
    reading; it must be the list of tuples it writes from (or no letter gets a PDF)."""
    app = build('kamerbrief', 'latex', confoverrides={'kamerstuk_pdf_per_brief': True})
    data = _document_data(app.builder)
    assert data is not None
    assert [entry[0] for entry in data if entry[4] == 'kamerbrief']  # the letters' entries
    assert not [line for line in warnings(app) if 'pdf_per_brief' in line]
