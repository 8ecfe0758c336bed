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


def test_the_raw_html_table_is_what_sphinx_writes_for_the_same_table(build):
    """The toezeggingen table is written as HTML in one go (thousands of rows); it must
    stay the markup Sphinx's HTML writer gives the same docutils table, so themes, the
    stylesheet and the accessibility tests see one table whichever path wrote it."""
    import re

    from docutils.utils import new_document

    from sphinx_kamerstuk.ext import tables
    from sphinx_kamerstuk.ext.toezeggingen.table import html_table, pieces_to_paragraph
    from sphinx_kamerstuk.ext.toezeggingen.views import DEFAULT_COLUMNS, ViewWriter

    app = build('toezeggingen')
    document = new_document('overzicht')
    writer = ViewWriter(app, 'overzicht', document)
    traces = list(writer.traces.values())
    headers = ['Nummer', 'Toezegging & <tekst>', 'c', 'd', 'e', 'f', 'g']
    table = tables.table(
        document,
        'Toezeggingen',
        headers,
        (
            [
                [pieces_to_paragraph(line) for line in cell]
                for cell in writer.row(t, DEFAULT_COLUMNS)
            ]
            for t in traces
        ),
        widths=(10, 26, 12, 14, 12, 8, 14),
        classes=('kamerstuk-toezeggingen',),
    )
    sphinx = app.builder.render_partial(table)['fragment']
    ours = html_table(
        table['ids'][0],
        'Toezeggingen',
        headers,
        [writer.row_html(t, DEFAULT_COLUMNS) for t in traces],
    )

    def normalised(html: str) -> str:
        """Leaving out what the one-go table does not write: the column widths (LaTeX's),
        and the caption's permalink (the toezeggingen are linked one by one)."""
        html = re.sub(r'<colgroup>.*?</colgroup>\s*', '', html, flags=re.DOTALL)
        html = re.sub(r'<a class="headerlink".*?</a>', '', html, flags=re.DOTALL)
        html = re.sub(r' data-[a-z-]+="[^"]*"', '', html)  # what the browser script reads
        html = re.sub(
            r'class="([^"]*)"', lambda m: f'class="{" ".join(sorted(m[1].split()))}"', html
        )
        return re.sub(r'\s+', ' ', html).replace('> <', '><').strip()

    inner = re.search(r'<table.*</table>', ours, re.DOTALL)[0]
    assert len(traces) > 3
    assert normalised(inner) == normalised(sphinx)
