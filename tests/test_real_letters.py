"""Eight real Kamerbrieven (``tests/roots/test-real-letters``, each file names its source):
every heading, paragraph, signatory and footnote reaches HTML, text and the per-letter PDF,
in the order written.

``expected.json`` lists, per letter, the first words of each paragraph and heading, each
signatory's name and each footnote's text, in the letter's order.
"""

from __future__ import annotations

import html as html_module
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOTS

ROOT = ROOTS / 'test-real-letters'
EXPECTED: dict[str, list[dict[str, str]]] = json.loads(
    (ROOT / 'expected.json').read_text(encoding='utf-8')
)


def _words(text: str) -> str:
    return ' '.join(text.replace('\u00a0', ' ').split())


def _in_order(text: str, items: list[dict[str, str]], where: str) -> None:
    """Each item's text is found after the one before (footnotes: anywhere after the
    letter's first words, as a page's foot may come before a signature on page 2)."""
    pos = 0
    for item in items:
        [(kind, value)] = item.items()
        wanted = _words(value)
        if kind == 'footnote':
            assert wanted in text, (where, kind, wanted)
            continue
        found = text.find(wanted, pos)
        assert found >= 0, (where, kind, wanted, 'not found after', text[pos : pos + 200])
        pos = found + len(wanted)


def _html_text(page: str) -> str:
    body = page[page.index('<div class="body"') if '<div class="body"' in page else 0 :]
    return _words(html_module.unescape(re.sub(r'<[^>]+>', ' ', body)))


def test_every_part_of_every_letter_is_in_html_and_text(shared_build):
    html_out = Path(shared_build('real-letters', 'html').outdir)
    text_out = Path(shared_build('real-letters', 'text').outdir)
    for docname, items in EXPECTED.items():
        page = (html_out / f'{docname}.html').read_text(encoding='utf-8')
        _in_order(_html_text(page), items, f'{docname}.html')
        text = (text_out / f'{docname}.txt').read_text(encoding='utf-8')
        _in_order(_words(text), items, f'{docname}.txt')


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ('latexmk', 'pdflatex', 'pdftotext'))
    and os.environ.get('CI') != 'true',
    reason='needs latexmk, pdflatex and pdftotext (Debian: texlive-latex-extra, latexmk, '
    'poppler-utils); CI installs them',
)
def test_every_part_of_every_letter_is_in_its_pdf(tmp_path):
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOT, srcdir)
    out = tmp_path / 'out'
    command = [sys.executable, '-m', 'sphinx', '-M', 'latexpdf', str(srcdir), str(out), '-q']
    subprocess.run([*command, '-D', 'kamerstuk_pdf_per_brief=1'], check=True, capture_output=True)
    for docname, items in EXPECTED.items():
        pdf = out / 'latex' / f'{docname}.pdf'
        text = subprocess.run(
            ['pdftotext', str(pdf), '-'], check=True, capture_output=True, text=True
        ).stdout
        _in_order(_words(text), items, pdf.name)


def test_mede_ondertekenaars_sign_after_the_eerste(shared_build):
    # migratie.rst: a letter of three ministers, the staatssecretaris signing first
    report = Path(shared_build('real-letters', 'kamerstuk').outdir) / 'kamerbrieven.json'
    letters = json.loads(report.read_text(encoding='utf-8'))['kamerbrieven']
    [migratie] = [letter for letter in letters if letter['docname'] == 'migratie']
    assert [(s['naam'], s['mede']) for s in migratie['ondertekenaars']] == [
        ('K.H.D.M. Dijkhoff', False),
        ('A.G. Koenders', True),
        ('E.M.J. Ploumen', True),
    ]


def test_the_dossiers_are_in_the_colophon_and_the_report(shared_build):
    # migratie.rst belongs to two dossiers, transportraad.rst to one with a suffix
    page = (Path(shared_build('real-letters', 'html').outdir) / 'migratie.html').read_text('utf-8')
    assert '<dt>Dossier</dt><dd>29\u00a0344 Terugkeerbeleid</dd>' in page
    assert '<dt>Dossier</dt><dd>30\u00a0573 Migratiebeleid</dd>' in page
    text = (Path(shared_build('real-letters', 'text').outdir) / 'transportraad.txt').read_text()
    assert 'Dossier: 21\u00a0501-33 Raad voor Vervoer, Telecommunicatie en Energie' in text
    report = Path(shared_build('real-letters', 'kamerstuk').outdir) / 'kamerbrieven.json'
    letters = {
        letter['docname']: letter
        for letter in json.loads(report.read_text(encoding='utf-8'))['kamerbrieven']
    }
    assert letters['migratie']['dossiers'] == [
        {'nummer': '29 344', 'titel': 'Terugkeerbeleid'},
        {'nummer': '30 573', 'titel': 'Migratiebeleid'},
    ]
    assert letters['woo']['dossiers'] == []


def test_a_letter_published_in_both_chambers_has_both_publications(shared_build):
    # woo.rst: kst-32802-73 (Tweede Kamer) and kst-33328-AG (Eerste Kamer)
    page = (Path(shared_build('real-letters', 'html').outdir) / 'woo.html').read_text('utf-8')
    colophon = page.split('kamerbrief-colofon', 1)[1].split('kamerbrief-datum-betreft')[0]
    for obl_id, text in [
        ('kst-32802-73', 'Kamerstuk 32\u00a0802, nr. 73'),  # kamerstuk_citeerstijl
        ('kst-33328-AG', 'Kamerstuk 33\u00a0328, AG'),
    ]:
        assert f'{obl_id}.html">{text}</a>' in colophon
    report = Path(shared_build('real-letters', 'kamerstuk').outdir) / 'kamerbrieven.json'
    [woo] = [
        letter
        for letter in json.loads(report.read_text(encoding='utf-8'))['kamerbrieven']
        if letter['docname'] == 'woo'
    ]
    assert [p['obl_id'] for p in woo['kamerstukken']] == ['kst-32802-73', 'kst-33328-AG']
    assert woo['kamerstuk']['obl_id'] == 'kst-32802-73'


def test_a_kamerstuk_line_that_cannot_be_read_is_shown_beside_the_others(make_app, tmp_path):
    (tmp_path / 'conf.py').write_text("extensions = ['sphinx_kamerstuk']\n", encoding='utf-8')
    (tmp_path / 'index.rst').write_text(
        'Woo\n===\n\n.. kamerbrief:: Uitvoering Woo\n'
        '   :kamerstuk: Kamerstukken II 2022/23, 32 802, nr. 73\n'
        '   :kamerstuk: Kamerstukken I 2022/23, 33 328\n',
        encoding='utf-8',
    )
    app = make_app('html', srcdir=tmp_path)
    app.build()
    [warning] = [line for line in app.warning.getvalue().splitlines() if 'WARNING' in line]
    assert (
        "index.rst:4: WARNING: :kamerstuk: 'Kamerstukken I 2022/23, 33 328' is not a single "
        'Kamerstuk (it is a dossier reference)'
    ) in warning
    page = (Path(app.outdir) / 'index.html').read_text(encoding='utf-8')
    assert 'kst-32802-73.html' in page
    assert '<dt>Kamerstuk</dt><dd>Kamerstukken I 2022/23, 33 328</dd>' in page


@pytest.mark.parametrize(
    ('dossier', 'shown'),
    [
        ('36410 XIV Vaststelling van de begrotingsstaten', '36\u00a0410 XIV Vaststelling'),
        ('36.410-XIV', '36\u00a0410-XIV'),
        ('Terugkeerbeleid', 'Terugkeerbeleid'),
    ],
)
def test_a_dossier_line_is_read_or_kept_with_a_warning(make_app, tmp_path, dossier, shown):
    (tmp_path / 'conf.py').write_text("extensions = ['sphinx_kamerstuk']\n", encoding='utf-8')
    (tmp_path / 'index.rst').write_text(
        f'.. kamerbrief:: Betreft\n   :dossier: {dossier}\n\n   Tekst.\n', encoding='utf-8'
    )
    app = make_app('html', srcdir=tmp_path)
    app.build()
    assert shown in (Path(app.outdir) / 'index.html').read_text(encoding='utf-8')
    warned = [line for line in app.warning.getvalue().splitlines() if 'WARNING' in line]
    if dossier[0].isdigit():
        assert warned == []
    else:
        [warning] = warned
        assert f'index.rst:1: WARNING: :dossier: {dossier!r} does not start' in warning
