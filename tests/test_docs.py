"""The documentation builds with -W, and its examples say what the code does."""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from sphinx_kamerstuk.core.citations import KINDS, ROLE_KINDS
from sphinx_kamerstuk.ext.config import SETTINGS
from sphinx_kamerstuk.ext.kamerbrief.directive import OPTIONS

DOCS = Path(__file__).parents[1] / 'docs'


@pytest.fixture(scope='module')
def built_docs(docs_build):
    status, outdir = docs_build('html')
    assert status == 0  # built with -W
    return outdir


def test_example_snippet_renders_linked_normalised_citations(built_docs):
    page = (built_docs / 'citations.html').read_text(encoding='utf-8')
    for url, text in [
        ('kst-19637-3560', 'Kamerstukken II 2025/26, 19637, nr. 3560'),
        ('kst-22112-4363', 'Kamerstukken 22112, nr. 4363'),
        ('kst-21501-02-2074', 'deze eerdere brief'),
        ('h-tk-20252026-45-12', 'Handelingen II 2025/26, nr. 45, item 12'),
        ('ah-tk-20252026-1234', 'Aanhangsel Handelingen II 2025/26, nr. 1234'),
        ('stb-2025-123', 'Stb. 2025, 123'),
    ]:
        assert (
            f'href="https://zoek.officielebekendmakingen.nl/{url}.html" title="{url}">{text}</a>'
            in page
        )


def test_project_wide_example_list_collects_every_page(built_docs):
    page = (built_docs / 'examples' / 'references.html').read_text(encoding='utf-8')
    assert re.search(
        r'Stb\. 2025, 123</a> — geciteerd in <a class="reference internal" href="\.\./citations\.html#kamerstuk-citations-\d+"',
        page,
    )
    assert 'getting-started.html#kamerstuk-getting-started-' in page


def test_the_seed_letter_is_complete_and_faithful(built_docs):
    """Every sentence of the example letter, its footnotes and its signature."""
    seed = (Path(__file__).parent / 'data' / 'kamerbrief-terugkeerhubs-bho.txt').read_text(
        encoding='utf-8'
    )
    page = (built_docs / 'brieven' / 'terugkeerhubs.html').read_text(encoding='utf-8')
    text = ' '.join(unescape(re.sub(r'<[^>]+>', ' ', page)).split())
    body = re.sub(r'\[bookmark: \w+\]|\[footnoteRef:\d\]|\[\d:.*?\]\s*', ' ', seed)
    sentences = [
        s.strip() for s in re.split(r'(?<=[.,])\s+', ' '.join(body.split())) if len(s) > 20
    ]
    assert len(sentences) > 25
    for sentence in sentences:
        if sentence.startswith('Ministerie van'):
            continue  # the letterhead line of the Word file
        assert sentence in text, sentence
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-22112-4363.html"' in page
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-19637-3560.html"' in page
    assert 'mede namens de minister van Buitenlandse Zaken' in text
    assert (
        'De minister van Buitenlandse Handel en Ontwikkelingssamenwerking, S.W. Sjoerdsma' in text
    )


@pytest.mark.parametrize('page', ['citations.rst', 'domain.rst'])
def test_python_examples_in_the_docs_run(page):
    text = (DOCS / page).read_text(encoding='utf-8')
    examples = doctest.DocTestParser().get_doctest(text, {}, page, page, 0)
    assert len(examples.examples) >= 5
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(examples)
    assert runner.failures == 0


def test_the_domain_pages_examples_link_to_the_ids_beside_them(built_docs):
    """The table of citation ids shows real roles; each must link to the id it names,
    and every kind of reference that has an id is in it."""
    text = (DOCS / 'domain.rst').read_text(encoding='utf-8')
    table = re.split(r'\n\n(?=\S)', text.split('.. list-table:: Citation ids', 1)[1])[0]
    examples = re.findall(r'^     - :(\w+):`[^`]+`\n     - ``([^`]+)``$', table, re.MULTILINE)
    assert {ROLE_KINDS[role] for role, _id in examples} == set(KINDS) - {'dossier'}
    page = (built_docs / 'domain.html').read_text(encoding='utf-8')
    for _role, id_ in examples:
        assert f'href="https://zoek.officielebekendmakingen.nl/{id_}.html" title="{id_}">' in page


def test_every_role_and_setting_is_documented():
    text = '\n'.join(path.read_text(encoding='utf-8') for path in DOCS.rglob('*.rst'))
    for role in ROLE_KINDS:
        assert f'``:{role}:``' in text, role
    for setting in SETTINGS:
        assert f'.. confval:: {setting.name}' in text, setting.name
    assert '.. rst:directive:: .. kamerstukken::' in text
    assert '.. rst:directive:: .. kamerbrief:: Betreft' in text
    assert '.. rst:directive:: .. ondertekening::' in text
    for option in OPTIONS:
        assert f'.. rst:directive:option:: {option}:' in text, option
    assert '.. rst:directive:option:: scope' in text


def test_the_filter_example_selects_what_the_page_says(built_docs):
    page = (built_docs / 'toezeggingen.html').read_text(encoding='utf-8')
    table = re.search(r'<table class="[^"]*kamerstuk-toezeggingen.*?</table>', page, re.DOTALL)[0]
    ids = re.findall(r'<tr class="row-(?:even|odd)"><td><p><a [^>]*>([^<]+)</a>', table)
    # open or overdue, by S.W. Sjoerdsma: not WGO-BHO-2026-1, fulfilled by the letter
    assert ids == ['BHO-EVALUATIE-2026', 'BHO-VOORSTEL-2026']
    assert '<span class="caption-text">Toezeggingen</span>' in table


#: Beyond Latin-1 and Latin Extended-A, the characters pdflatex sets in the manual
#: (Sphinx's LaTeX set-up defines them); any other stops ``make demo``'s PDF.
PDFLATEX_EXTRA = set('–—‘’“”…€→')


def test_the_docs_use_only_characters_pdflatex_can_set():
    unsettable = {
        (str(path.relative_to(DOCS)), char)
        for path in sorted(DOCS.rglob('*'))
        if path.suffix in {'.rst', '.md', '.csv'} and '_build' not in path.parts
        for char in path.read_text(encoding='utf-8')
        if ord(char) > 0x17F and char not in PDFLATEX_EXTRA
    }
    assert unsettable == set()


def test_objects_inv_lists_the_example_letters_and_toezeggingen(built_docs):
    """Another ministry project reaches them through intersphinx (test_xrefs.py links)."""
    from sphinx.util.inventory import InventoryFile
    from test_xrefs import fields

    with (built_docs / 'objects.inv').open('rb') as stream:
        inventory = InventoryFile.load(stream, 'https://x', lambda *parts: '/'.join(parts))
    data = getattr(inventory, 'data', inventory)  # an Inventory from Sphinx 8.2, else a dict
    toezeggingen = {name: fields(item)[2] for name, item in data['kamerstuk:toezegging'].items()}
    letters = {name: fields(item)[2] for name, item in data['kamerstuk:kamerbrief'].items()}
    assert toezeggingen['WGO-BHO-2026-1'] == 'https://x/brieven/toezeggingen.html#WGO-BHO-2026-1'
    assert {'BHO-VOORSTEL-2026', 'BHO-EVALUATIE-2026'} <= set(toezeggingen)
    assert letters['brieven-terugkeerhubs'] == 'https://x/brieven/terugkeerhubs.html'
    assert 'brieven-rappel-eerste-kamer' in letters


@pytest.mark.skipif(
    not shutil.which('latexmk') and os.environ.get('CI') != 'true',
    reason='needs latexmk and pdflatex (Debian: texlive-latex-extra, latexmk); CI installs them',
)
def test_the_manual_pdf_has_no_undefined_or_doubled_references(docs_build):
    # links to a citation (the reference lists' back-links) and to a toezegging's box
    # were undefined: LaTeX labels no inline and no container by itself
    status, outdir = docs_build('latex')
    assert status == 0
    subprocess.run(
        ['latexmk', '-pdf', '-interaction=nonstopmode', '-halt-on-error', 'sphinx-kamerstuk.tex'],
        cwd=outdir,
        check=True,
        capture_output=True,
    )
    log = (outdir / 'sphinx-kamerstuk.log').read_text(encoding='utf-8', errors='replace')
    undefined = re.findall(r"(?:Hyper )?[Rr]eference `([^']*)' on page \d+\s+undefined", log)
    assert undefined == []
    assert 'There were undefined references' not in log
    # a toezeggingen table made when the page is written took the id of a table already
    # in that page ("Label `toezeggingen:id1' multiply defined")
    assert re.findall(r"Label `([^']*)' multiply defined", log) == []
