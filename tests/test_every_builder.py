"""Every builder Sphinx ships writes the docs and the test projects, and singlehtml's links
lead somewhere."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
from conftest import warnings

#: Every builder Sphinx ships, but linkcheck (it goes on the network).
BUILDERS = [
    'html',
    'dirhtml',
    'singlehtml',
    'epub',
    'latex',
    'text',
    'man',
    'texinfo',
    'xml',
    'pseudoxml',
    'gettext',
]
#: Letters with citations, toezeggingen with their table, the register's differences,
#: and reference lists of the document and the project.
ROOTS = ['kamerbrief', 'toezeggingen', 'registers', 'citations']
#: The EPUB builder wants these, and warns without them (the extension reads neither).
EPUB_METADATA = {'copyright': '2026, Ministerie van Buitenlandse Zaken', 'version': '1'}


@pytest.mark.parametrize('builder', BUILDERS)
def test_docs_build_with_every_builder(docs_build, builder):
    status, _outdir = docs_build(builder)  # with -W
    assert status == 0


@pytest.mark.parametrize('root', ROOTS)
@pytest.mark.parametrize('builder', BUILDERS)
def test_project_builds_with_every_builder(shared_build, builder, root):
    options = {'confoverrides': EPUB_METADATA} if builder == 'epub' else {}
    app = shared_build(root, builder, **options)
    assert warnings(app) == []


def _body(page: str) -> str:
    """The page without the theme's sidebar, whose table of contents is Sphinx's: in
    singlehtml Sphinx 9 gives its links two '#' (sphinx-doc/sphinx#14221)."""
    return page[: page.index('<div class="sphinxsidebar"')]


def _anchors(page: str) -> tuple[list[str], Counter[str]]:
    """The same-page links (``href="#…"``) of the body and how often each id is defined."""
    ids = Counter(unescape(i) for i in re.findall(r'\bid="([^"]+)"', page))
    return [unescape(h) for h in re.findall(r'href="#([^"]+)"', _body(page))], ids


@pytest.mark.parametrize('root', [*ROOTS, 'project', 'toezeggingen-bad'])
def test_singlehtml_links_lead_to_an_anchor(shared_build, root):
    """Back-links from reference lists, toezegging links from tables, boxes and letters,
    each to an id that is there once, a duplicate toezegging's rows included."""
    app = shared_build(root, 'singlehtml')
    links, ids = _anchors((Path(app.outdir) / 'index.html').read_text(encoding='utf-8'))
    assert links
    assert [link for link in links if link not in ids] == []
    assert [name for name, count in ids.items() if count > 1] == []


def test_duplicate_toezegging_rows_link_to_their_own_place(shared_build):
    app = shared_build('toezeggingen-bad')
    outdir = Path(app.outdir)
    index = (outdir / 'index.html').read_text(encoding='utf-8')
    tweede = (outdir / 'tweede.html').read_text(encoding='utf-8')
    # TZ1-DUBBEL is in index.rst and again in tweede.rst: both have an anchor
    assert 'id="TZ1-DUBBEL"' in index
    second = re.findall(r'href="tweede\.html#([^"]+)">TZ1-DUBBEL<', index)
    assert second
    assert all(f'id="{anchor}"' in tweede for anchor in second)


def test_docs_singlehtml_links_of_the_extension_lead_to_an_anchor(docs_build):
    status, out = docs_build('singlehtml')
    assert status == 0
    page = (out / 'index.html').read_text(encoding='utf-8')
    # Sphinx's own cross-references (class "xref") get two '#' too; every other is checked
    ours = re.findall(r'href="#([^"]+)">(?!<(?:code|span) class="xref)', _body(page))
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert any(link.startswith('kamerstuk-') for link in ours)
    assert [link for link in ours if link not in ids] == []


def test_epub_keeps_other_extensions_html_visitors(make_app, tmp_path):
    """sphinx-needs, which the extension loads, must not take ``-b epub`` from a project
    that also uses an extension with HTML-only visitors, such as sphinx.ext.todo."""
    (tmp_path / 'conf.py').write_text(
        "extensions = ['sphinx.ext.todo', 'sphinx_kamerstuk']\ntodo_include_todos = True\n",
        encoding='utf-8',
    )
    (tmp_path / 'index.rst').write_text(
        'Brief\n=====\n\n.. todo:: Datum invullen.\n', encoding='utf-8'
    )
    app = make_app('epub', srcdir=tmp_path, confoverrides=EPUB_METADATA)
    app.build()
    assert warnings(app) == []
    assert 'Datum invullen.' in (Path(app.outdir) / 'index.xhtml').read_text(encoding='utf-8')
