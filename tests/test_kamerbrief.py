"""The kamerbrief directive as a reader of the HTML page, the text file and the PDF sees it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import sphinx
from conftest import ROOTS, html, warnings

from sphinx_kamerstuk.ext.domain import get_domain


def _text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return ' '.join(unescape(re.sub(r'<[^>]+>', ' ', fragment)).split())


def _block(page: str, css_class: str) -> str:
    match = re.search(rf'<div class="{css_class}[^"]*">.*?</div>\n', page, re.DOTALL)
    assert match, f'no {css_class} in page'
    return match[0]


def test_letterhead_shows_every_field_in_letter_order(shared_build):
    app = shared_build('kamerbrief')
    assert app.warning.getvalue() == ''
    page = html(app, 'terugkeerhubs')
    assert _text(_block(page, 'kamerbrief-briefhoofd')) == (
        'Ministerie van Buitenlandse Zaken '
        '> Return address Postbus 20061 2500 EB Den Haag '
        'De Voorzitter van de Tweede Kamer der Staten-Generaal Postbus 20018 2500 EA DEN HAAG '
        'Ministerie van Buitenlandse Zaken Directie Migratie '
        'Contact J. Jansen Our reference BZ2606-123 '
        'Date 10 June 2026 Subject Terugkeerhubs en de BHO-begroting'
    )
    # the address keeps its lines
    assert 'Postbus 20018<br />2500 EA  DEN HAAG' in page


def test_signature_closes_the_letter_before_its_footnotes(shared_build):
    page = html(shared_build('kamerbrief'), 'terugkeerhubs')
    signature = page.index('kamerbrief-ondertekening')
    assert page.index('Tijdens het wetgevingsoverleg') < signature < page.index('footnote-list')
    assert _text(_block(page, 'kamerbrief-ondertekening')) == (
        'De minister van Buitenlandse Handel en Ontwikkelingssamenwerking, S.W. Sjoerdsma '
        'also on behalf of de minister van Buitenlandse Zaken'
    )


def test_dutch_labels_and_date(shared_build):
    app = shared_build('kamerbrief', confoverrides={'language': 'nl'})
    page = html(app, 'terugkeerhubs')
    head = _text(_block(page, 'kamerbrief-briefhoofd'))
    assert '> Retouradres Postbus 20061' in head
    assert 'Contactpersoon J. Jansen Ons kenmerk BZ2606-123' in head
    assert head.endswith('Datum 10 juni 2026 Betreft Terugkeerhubs en de BHO-begroting')
    assert 'mede namens de minister van Buitenlandse Zaken' in page
    assert 'Concept' in _text(_block(html(app, 'concept'), 'kamerbrief-briefhoofd'))


def test_eerste_kamer_letter_with_signatories_enclosures_and_kamerstuk(shared_build):
    page = html(shared_build('kamerbrief'), 'rappel')
    head = _text(_block(page, 'kamerbrief-briefhoofd'))
    assert 'De Voorzitter van de Eerste Kamer der Staten-Generaal Postbus 20017' in head
    assert (
        'Your reference 175834u Enclosures 2 Kamerstuk Kamerstukken I 2025/26, 36600 IX, B' in head
    )
    assert (
        '<a class="reference external" '
        'href="https://zoek.officielebekendmakingen.nl/kst-36600-IX-B.html">' in page
    )
    signature = _text(_block(page, 'kamerbrief-ondertekening'))
    assert signature == (
        'De minister van Financiën, E. Heinen '
        'De staatssecretaris van Financiën, T. van Oostenbruggen '
        'Enclosures Overzicht openstaande toezeggingen Planning per toezegging'
    )
    # signed where ondertekening stands, not at the end
    assert page.index('kamerbrief-ondertekening') < page.index('Naschrift na de ondertekening')


def test_draft_without_date_is_marked_concept(shared_build):
    app = shared_build('kamerbrief')
    page = html(app, 'concept')
    head = _block(page, 'kamerbrief-briefhoofd')
    assert head.startswith('<div class="kamerbrief-briefhoofd kamerbrief-concept">')
    assert '<p class="kamerbrief-conceptlabel">Draft</p>' in head
    assert '<dt>Date</dt><dd>[date]</dd>' in head
    assert 'De Voorzitter van de commissie voor Financiën<br />Postbus 20018' in head
    letters = get_domain(app.env).letters
    assert letters['concept'].concept
    assert letters['concept'].vervult_deels == ('TZ202606-013',)
    assert letters['terugkeerhubs'].vervult == ('TZ202606-012',)
    assert not letters['terugkeerhubs'].concept


def test_metadata_in_meta_tags(shared_build):
    page = html(shared_build('kamerbrief'), 'rappel')
    for name, content in [
        ('DC.title', 'Reactie op het rappel toezeggingen'),
        ('DC.creator', 'Ministerie van Financiën'),
        ('DCTERMS.issued', '2026-07-01'),
        ('OVERHEIDop.dossiernummer', '36600'),
        ('OVERHEIDop.ondernummer', 'B'),
        ('OVERHEIDop.vergaderjaar', '2025-2026'),
        ('OVERHEIDop.indiener', 'E. Heinen'),
        ('OVERHEIDop.indiener', 'T. van Oostenbruggen'),
    ]:
        assert f'<meta name="{name}" content="{content}" />' in page


def test_text_builder_writes_a_readable_letter(shared_build):
    app = shared_build('kamerbrief', 'text', confoverrides={'language': 'nl'})
    text = (Path(app.outdir) / 'terugkeerhubs.txt').read_text(encoding='utf-8')
    expected = [
        '> Retouradres Postbus 20061 2500 EB Den Haag',
        'De Voorzitter van de Tweede Kamer',
        '2500 EA  DEN HAAG',
        'Ministerie van Buitenlandse Zaken',
        'Directie Migratie',
        'Contactpersoon: J. Jansen',
        'Ons kenmerk: BZ2606-123',
        'Datum    10 juni 2026',
        'Betreft  Terugkeerhubs en de BHO-begroting',
        'Geachte voorzitter,',
        'De minister van Buitenlandse Handel en Ontwikkelingssamenwerking,',
        'S.W. Sjoerdsma',
        'mede namens de minister van Buitenlandse Zaken',
        '[1] Kamerstukken II 2025/26, 22112, nr. 4363',
    ]
    positions = [text.index(line) for line in expected]
    assert positions == sorted(positions)


def test_myst_letter(shared_build):
    app = shared_build('myst')
    assert app.warning.getvalue() == ''
    head = _text(_block(html(app, 'brief'), 'kamerbrief-briefhoofd'))
    assert 'Our reference MD-1' in head
    assert head.endswith('Subject Terugkeerhubs in Markdown')


@pytest.mark.parametrize('theme', ['alabaster', 'furo', 'sphinx_rtd_theme', 'pydata_sphinx_theme'])
def test_letter_in_every_supported_theme(shared_build, theme):
    app = shared_build('kamerbrief', confoverrides={'html_theme': theme})
    assert warnings(app) == []
    page = html(app, 'terugkeerhubs')
    assert 'href="_static/kamerstuk.css' in page
    assert _text(_block(page, 'kamerbrief-briefhoofd')).endswith(
        'Subject Terugkeerhubs en de BHO-begroting'
    )
    css = (Path(app.outdir) / '_static' / 'kamerstuk.css').read_text(encoding='utf-8')
    assert 'size: A4' in css
    printing = css[css.index('@media print') :]
    assert '.kamerstuk-brief-toezeggingen' in printing


def test_stylesheet_of_an_older_version_is_replaced_without_warning(build):
    """Upgrading the extension and building into the same directory with -W must work."""
    first = build('kamerbrief')
    css = Path(first.outdir) / '_static' / 'kamerstuk.css'
    css.write_text('/* sphinx-kamerstuk 0.0.1 */\n', encoding='utf-8')
    again = build('kamerbrief', warningiserror=True)
    assert warnings(again) == []
    assert 'size: A4' in css.read_text(encoding='utf-8')


# --- bad input ------------------------------------------------------------------------------


def test_bad_letter_input_warns_and_keeps_what_was_written(shared_build):
    app = shared_build('kamerbrief-bad')
    brief = Path(app.srcdir, 'brief.rst')
    tweede = Path(app.srcdir, 'tweede.rst')
    los = Path(app.srcdir, 'los.rst')
    assert warnings(app) == [
        (
            f'{brief}:12: WARNING: unknown kamerbrief option :datun: (its value is ignored); '
            'did you mean :datum:?'
        ),
        (
            f"{brief}:4: WARNING: invalid :datum: '2026-02-30': expected a date that exists, "
            'written YYYY-MM-DD (such as 2026-06-10); the letter counts as a concept'
        ),
        (
            f"{brief}:4: WARNING: :kamerstuk: 'Stb. 2025, 12' is not a single Kamerstuk (it is a "
            "staatsblad reference); expected a dossier and ondernummer such as '36600-V-12'"
        ),
        (
            f"{brief}:4: WARNING: :aan: 'kamer' is one line, an address without postal lines: "
            "expected 'tk', 'ek', 'tk, ek' or an address of several lines (shown as written)"
        ),
        (
            f"{brief}:4: WARNING: incomplete :ondertekenaar: line 'De minister van Financiën': "
            "expected 'Functie, Naam', such as 'De minister van Buitenlandse Zaken, D.M. van Weel'"
        ),
        (
            f"{brief}:4: WARNING: incomplete :ondertekenaar: line ', E. Heinen': expected "
            "'Functie, Naam', such as 'De minister van Buitenlandse Zaken, D.M. van Weel'"
        ),
        (
            f"{brief}:4: WARNING: malformed toezegging id 'kapot id!' in :vervult:: expected "
            'letters, digits, - and _, such as TZ202606-012 or T01237 (ignored)'
        ),
        (
            f'{brief}:18: WARNING: a second kamerbrief in this document; a document is one letter '
            '(this one is shown, but only the first counts)'
        ),
        (
            f'{los}:6: WARNING: ondertekening outside a kamerbrief: this document has no '
            'kamerbrief directive, so there is no one to sign'
        ),
        (
            f"{tweede}:4: WARNING: cannot read :kamerstuk: 'Kamerstukken II 2025/26, nr. 3': "
            "expected a dossier number such as '22112' or '22 112' at character 26, found 'nr. 3'"
        ),
        (
            f"{tweede}:4: WARNING: kamerbrief id 'brief' is also used by {brief} (line 4); "
            'ids must be unique'
        ),
        f"{brief}:4: WARNING: letter 'brief' fulfils unknown toezegging 'TZ202606-012'",
        f"{brief}:4: WARNING: letter 'brief' fulfils unknown toezegging 'T01237'",
    ]
    page = html(app, 'brief')
    head = _text(_block(page, 'kamerbrief-briefhoofd'))
    # nothing the author wrote disappears: unreadable values are shown as written
    assert 'kamer Ministerie' not in head  # the unknown shorthand is the address itself
    assert head.startswith('Draft kamer ')
    assert 'Kamerstuk Stb. 2025, 12' in head
    assert 'Date 2026-02-30' in head
    signature = _text(_block(page, 'kamerbrief-ondertekening'))
    assert signature == 'De minister van Financiën, E. Heinen'
    assert 'Tweede brief in hetzelfde document' in page
    letter = get_domain(app.env).letters['brief']
    assert letter.vervult == ('TZ202606-012', 'T01237')


HOSTILE = r'<script>alert(1)</script> & \input{/etc/passwd} {} $x$ 100%'


def test_letter_text_is_escaped_in_html(shared_build):
    page = html(shared_build('kamerbrief-bad'), 'brief')
    assert '<script>alert' not in page
    assert '&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\input{/etc/passwd} {} $x$ 100%' in page
    assert '<dd>&lt;b&gt;K&amp;M&lt;/b&gt; \\input{x} 50% $y$ {z}</dd>' in page
    assert (
        f'content="{HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}"'
        in page
    )


def test_letter_text_is_escaped_in_latex(shared_build):
    app = shared_build('kamerbrief-bad', 'latex')
    tex = next(Path(app.outdir).glob('*.tex')).read_text(encoding='utf-8')
    assert '\\input{/etc/passwd}' not in tex
    assert '\\input{x}' not in tex
    assert (
        r'\textless{}script\textgreater{}alert(1)\textless{}/script\textgreater{} \& '
        r'\textbackslash{}input\{/etc/passwd\} \{\} \$x\$ 100\%'
    ) in tex
    assert (
        r'\textless{}b\textgreater{}K\&M\textless{}/b\textgreater{} \textbackslash{}input\{x\} 50\% \$y\$ \{z\}'
        in tex
    )


# --- LaTeX and PDF ------------------------------------------------------------------------


def test_one_latex_document_per_letter(shared_build):
    app = shared_build('kamerbrief', 'latex', confoverrides={'kamerstuk_pdf_per_brief': True})
    assert warnings(app) == []
    outdir = Path(app.outdir)
    # named by kenmerk, else by document name; the project's own document stays
    assert {p.name for p in outdir.glob('*.tex')} == {
        'BZ2606-123.tex',
        'rappel.tex',
        'concept.tex',
        'projectnamenotset.tex',
    }
    letter = (outdir / 'BZ2606-123.tex').read_text(encoding='utf-8')
    assert '\\documentclass[a4paper,10pt,english]{sphinxkamerbrief}' in letter
    assert '\\usepackage{sphinxkamerstuk}' in letter
    assert (
        '\\kamerbriefdatumbetreft{Date}{10 June 2026}{Subject}{Terugkeerhubs en de BHO\\sphinxhyphen{}begroting}'
        in letter
    )
    assert 'Tijdens het wetgevingsoverleg' in letter
    assert 'In antwoord op uw brief' not in letter  # only its own letter
    assert (outdir / 'sphinxkamerstuk.sty').exists()
    assert (outdir / 'sphinxkamerbrief.cls').exists()


def test_without_the_switch_no_letter_documents(shared_build):
    app = shared_build('kamerbrief', 'latex')
    assert [p.name for p in Path(app.outdir).glob('*.tex')] == ['projectnamenotset.tex']


def _latex_available() -> bool:
    return all(shutil.which(tool) for tool in ('latexmk', 'pdflatex', 'pdftotext'))


@pytest.mark.skipif(
    not _latex_available() and os.environ.get('CI') != 'true',
    reason='needs latexmk, pdflatex and pdftotext (Debian: texlive-latex-extra, latexmk, '
    'poppler-utils); CI installs them',
)
def test_pdf_reads_as_a_letter(tmp_path):
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-kamerbrief', srcdir)
    out = tmp_path / 'out'
    subprocess.run(
        [
            sys.executable,
            '-m',
            'sphinx',
            '-M',
            'latexpdf',
            str(srcdir),
            str(out),
            '-q',
            '-D',
            'kamerstuk_pdf_per_brief=1',
            '-D',
            'language=nl',
        ],
        check=True,
        capture_output=True,
    )
    pages = []
    for name in ('BZ2606-123', 'rappel'):
        pdf = out / 'latex' / f'{name}.pdf'
        text = subprocess.run(
            ['pdftotext', '-layout', str(pdf), '-'], check=True, capture_output=True, text=True
        ).stdout
        pages.append(text.split('\f'))
    first = ' '.join(pages[0][0].split())
    order = [
        'Ministerie van Buitenlandse Zaken',
        '> Retouradres Postbus 20061 2500 EB Den Haag',
        'De Voorzitter van de Tweede Kamer',
        '2500 EA DEN HAAG',
        'Datum 10 juni 2026',
        'Betreft Terugkeerhubs en de BHO-begroting',
        'Geachte voorzitter,',
        'Tijdens het wetgevingsoverleg',
        'De minister van Buitenlandse Handel en Ontwikkelingssamenwerking,',
        'S.W. Sjoerdsma',
        'mede namens de minister van Buitenlandse Zaken',
        'Kamerstukken II 2025/26, 22112, nr. 4363',  # the footnote, at the foot
    ]
    positions = [first.index(item) for item in order]
    assert positions == sorted(positions)
    assert 'Ons kenmerk' in first and 'BZ2606-123' in first
    assert 'Pagina' not in first  # no page number on the first page
    # the long letter: later pages say "Pagina n van m"
    rappel = pages[1]
    total = len([page for page in rappel if page.strip()])
    assert total >= 2
    assert 'Pagina' not in rappel[0]
    for number in range(2, total + 1):
        assert f'Pagina {number} van {total}' in rappel[number - 1]
    assert 'De staatssecretaris van Financiën,' in ' '.join(rappel)


def _latexpdf(srcdir: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, '-m', 'sphinx', '-M', 'latexpdf', str(srcdir), str(out), '-q'],
        capture_output=True,
        text=True,
        check=False,
    )


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ['pdftotext', str(pdf), '-'], check=True, capture_output=True, text=True
    ).stdout


def _pdfinfo(pdf: Path) -> str:
    return subprocess.run(['pdfinfo', str(pdf)], check=True, capture_output=True, text=True).stdout


def test_letter_file_names_are_safe_and_unique(shared_build):
    app = shared_build('kamerbrief-latex', 'latex')
    # two kenmerken that reduce to nothing, and one that starts with '-' (a latexmk option)
    assert sorted(p.name for p in Path(app.outdir).glob('*.tex')) == [
        'invoer.tex',
        'kamerbrief-2.tex',
        'kamerbrief.tex',
        'projectnamenotset.tex',
    ]


@pytest.mark.skipif(
    not _latex_available() and os.environ.get('CI') != 'true',
    reason='needs latexmk, pdflatex and pdftotext (Debian: texlive-latex-extra, latexmk, '
    'poppler-utils); CI installs them',
)
def test_pdf_title_and_author_are_text_not_latex(tmp_path):
    """The subject and ministry are the PDF's title and author: text, whatever it holds."""
    marker = tmp_path / 'invoerbestand.tex'
    marker.write_text('GEHEIMWOORD\n', encoding='utf-8')
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-kamerbrief-latex', srcdir)
    invoer = srcdir / 'invoer.rst'
    invoer.write_text(
        invoer.read_text(encoding='utf-8').replace('INVOERBESTAND', marker.as_posix()),
        encoding='utf-8',
    )
    out = tmp_path / 'out'
    result = _latexpdf(srcdir, out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    latex = out / 'latex'
    # the two letters whose kenmerk reduces to nothing, numbered in document-name order
    hekje, procent = latex / 'kamerbrief.pdf', latex / 'kamerbrief-2.pdf'
    assert 'Title:           Verlaging van 5% in 2027\n' in _pdfinfo(procent)
    assert 'Title:           Voortgangsrapportage #1\n' in _pdfinfo(hekje)
    assert 'Author:          Directie R&D\n' in _pdfinfo(hekje)
    assert 'Verlaging van 5% in 2027' in _pdftotext(procent)
    assert 'Directie R&D' in _pdftotext(hekje)
    assert 'GEHEIMWOORD' not in _pdftotext(latex / 'invoer.pdf')
    payload = 'Brief}\\AtBeginDocument{\\input{' + marker.as_posix() + '}}\\def\\y{'
    assert f'Title:           {payload}\n' in _pdfinfo(latex / 'invoer.pdf')


@pytest.mark.skipif(
    not _latex_available() and os.environ.get('CI') != 'true',
    reason='needs latexmk, pdflatex and pdftotext (Debian: texlive-latex-extra, latexmk, '
    'poppler-utils); CI installs them',
)
def test_register_data_in_links_does_not_break_the_pdf(tmp_path):
    """A register entry's GUID becomes part of a link: a backtick and a backslash in it
    once sent pdflatex into a loop ("TeX capacity exceeded")."""
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-registers', srcdir)
    register = srcdir / '_data' / 'tk-toezeggingen.json'
    data = json.loads(register.read_text(encoding='utf-8'))
    data['toezeggingen'][0]['guid'] = '79a2`\\x'
    register.write_text(json.dumps(data), encoding='utf-8')
    out = tmp_path / 'out'
    result = _latexpdf(srcdir, out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    tex = (out / 'latex' / 'projectnamenotset.tex').read_text(encoding='utf-8')
    assert (
        r'\sphinxhref{https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Toezegging(79a2\%60\%5Cx)}'
        in tex
    )
    assert 'TZ202603-003' in _pdftotext(out / 'latex' / 'projectnamenotset.pdf')


@pytest.mark.parametrize(
    ('options', 'warned'),
    [
        (':datum: 2026-06-10', True),  # a dated letter is signed
        (':datum: 2026-02-30', True),  # a date written but unreadable is meant as one
        (':kenmerk: K-1', False),  # a concept without date may leave it out
        (':datum: 2026-06-10\n   :ondertekenaar: De minister van Financiën, E. Heinen', False),
    ],
)
def test_a_dated_letter_without_signatory_warns(make_app, tmp_path, options, warned):
    srcdir = tmp_path / 'src'
    srcdir.mkdir()
    (srcdir / 'conf.py').write_text("extensions = ['sphinx_kamerstuk']\n", encoding='utf-8')
    (srcdir / 'index.rst').write_text(
        f'Brief\n=====\n\n.. kamerbrief:: Betreft\n   {options}\n\nTekst.\n', encoding='utf-8'
    )
    app = make_app('html', srcdir=srcdir, freshenv=True)
    app.build()
    found = [line for line in app.warning.getvalue().splitlines() if 'no :ondertekenaar:' in line]
    if warned:
        assert len(found) == 1
        assert f'{srcdir / "index.rst"}:4: WARNING: the kamerbrief has a :datum: but no' in found[0]
        if sphinx.version_info >= (8,):  # Sphinx 7.4 prints no [type.subtype]
            assert '[kamerstuk.ondertekenaar]' in found[0]
    else:
        assert found == []
