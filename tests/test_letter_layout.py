"""The LaTeX layout of a letter: body headings kept as letter headings, one letter block."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOTS

EXPECTED = json.loads((ROOTS / 'test-real-letters' / 'expected.json').read_text(encoding='utf-8'))


def test_every_body_heading_is_a_letter_heading_in_the_per_letter_latex(shared_build):
    app = shared_build('real-letters', 'latex', confoverrides={'kamerstuk_pdf_per_brief': True})
    outdir = Path(app.outdir)
    for docname, items in EXPECTED.items():
        tex = (outdir / f'{docname}.tex').read_text(encoding='utf-8')
        body = tex[tex.index('\\begin{sphinxkamerbrief}') : tex.index('\\end{sphinxkamerbrief}')]
        headings = [item['heading'] for item in items if 'heading' in item]
        for heading in headings:
            first_word = heading.split()[0]
            assert f'\\kamerbriefkop{{{first_word}' in body, (docname, heading)
        # no sectioning command is left in a letter: it would be numbered (or dropped)
        assert '\\section' not in body and '\\subsection' not in body, docname
        assert '\\gdef\\kamerbriefreferentie{\\kamerbriefveld{Datum}' in tex


def test_the_letter_block_is_ragged_right_without_hyphenation():
    sty = Path(__file__).parents[1] / 'sphinx_kamerstuk' / 'latex' / 'sphinxkamerstuk.sty'
    text = sty.read_text(encoding='utf-8')
    block = text[text.index('\\newenvironment{sphinxkamerbrief}') :]
    block = block[: block.index('\n\n')]
    assert '\\raggedright' in block and '\\hyphenpenalty=\\@M' in block
    assert '\\renewcommand{\\familydefault}{\\sfdefault}' in block


def test_the_tweede_kamer_document_number_is_in_the_colophon_and_the_report(shared_build):
    # woo.rst: the real letter's DocumentNummer, 2023D32937
    page = (Path(shared_build('real-letters', 'html').outdir) / 'woo.html').read_text('utf-8')
    colophon = page[page.index('<div class="kamerbrief-colofon">') :]
    assert (
        '<dt>Document Tweede Kamer</dt><dd>2023D32937</dd>' in colophon[: colophon.index('</dl>')]
    )
    text = (Path(shared_build('real-letters', 'text').outdir) / 'woo.txt').read_text('utf-8')
    assert 'Document Tweede Kamer: 2023D32937' in text
    report = Path(shared_build('real-letters', 'kamerstuk').outdir) / 'kamerbrieven.json'
    letters = json.loads(report.read_text(encoding='utf-8'))['kamerbrieven']
    assert {letter['docname']: letter['tk_document'] for letter in letters}['woo'] == '2023D32937'
