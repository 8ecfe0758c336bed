"""Citation roles and reference lists as a reader of the built documents sees them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import html, list_entries

OBL = 'https://zoek.officielebekendmakingen.nl/'


def test_roles_link_normalised_citations(shared_build):
    app = shared_build('citations')
    assert app.warning.getvalue() == ''
    page = html(app)
    # the seed letter's footnote form, normalised and linked
    assert (
        f'<a class="reference external" href="{OBL}kst-22112-4363.html" title="kst-22112-4363">'
        'Kamerstukken II 2025/26, 22112, nr. 4363</a>'
    ) in page
    assert f'href="{OBL}kst-19637-3560.html"' in page
    assert f'href="{OBL}h-tk-20252026-45-12.html"' in page
    assert f'href="{OBL}ah-tk-20252026-1234.html"' in page
    assert f'href="{OBL}stb-2025-123.html"' in page
    assert f'href="{OBL}stcrt-2026-9876.html"' in page
    assert f'href="{OBL}trb-2012-227.html"' in page
    # an explicit title is shown as written, still linked
    assert f'href="{OBL}kst-22112-4363.html" title="kst-22112-4363">deze brief</a>' in page
    # a reference that determines no publication is shown, unlinked
    assert (
        '<span class="kamerstuk kamerstuk-staatsblad" id="kamerstuk-index-8">Stb. 575</span>'
        in page
    )


def test_kamerbrief_style_and_url_base(shared_build):
    app = shared_build(
        'citations',
        confoverrides={
            'kamerstuk_citeerstijl': 'kamerbrief',
            'kamerstuk_url_base': 'https://example.org/obl/',
        },
    )
    assert app.warning.getvalue() == ''
    page = html(app)
    # the dossier number never breaks at its thousands space
    assert '>Kamerstuk 22\u00a0112, nr. 4363</a>' in page
    assert 'href="https://example.org/obl/kst-22112-4363.html"' in page
    assert OBL not in page


@pytest.mark.parametrize('buildername', ['text', 'latex'])
def test_dossier_numbers_do_not_break_in_text_and_latex(shared_build, buildername):
    app = shared_build(
        'citations', buildername, confoverrides={'kamerstuk_citeerstijl': 'kamerbrief'}
    )
    suffix = '.txt' if buildername == 'text' else '.tex'
    written = ''.join(
        path.read_text(encoding='utf-8') for path in sorted(Path(app.outdir).glob(f'*{suffix}'))
    )
    assert 'Kamerstuk 22\u00a0112, nr. 4363' in written
    assert 'Kamerstuk 22 112' not in written


def test_document_list_is_sorted_and_deduplicated(shared_build):
    app = shared_build('citations')
    items = list_entries(html(app))
    assert items == [
        'Kamerstukken 19637, nr. 3560 — cited in Terugkeerhubs',
        # cited twice in the document: once as the first back-link, once numbered
        'Kamerstukken II 2025/26, 22112, nr. 4363 — cited in Terugkeerhubs (2)',
        'Handelingen II 2025/26, nr. 45, item 12 — cited in Terugkeerhubs',
        'Aanhangsel Handelingen II 2025/26, nr. 1234 — cited in Terugkeerhubs',
        'Stb. 575 — cited in Terugkeerhubs',
        'Stb. 2025, 123 — cited in Terugkeerhubs',
        'Stcrt. 2026, 9876 — cited in Terugkeerhubs',
        'Trb. 2012, 227 — cited in Terugkeerhubs',
    ]


def test_project_list_links_back_to_every_citing_document(shared_build):
    app = shared_build('citations')
    page = html(app, 'other')
    items = list_entries(page)
    # the same Kamerstuk with and without chamber, year and page is one entry
    assert (
        'Kamerstukken II 2025/26, 22112, nr. 4363 — cited in Terugkeerhubs (2); Tweede brief'
        in items
    )
    # sorted by kind, chamber, vergaderjaar, dossier and number: unknown chamber first
    assert items[:2] == [
        'Kamerstukken 19637, nr. 3560 — cited in Terugkeerhubs',
        'Kamerstukken I 2008/09, 31700 VI, D — cited in Tweede brief',
    ]
    assert len(items) == 9
    assert 'href="index.html#kamerstuk-index-0"' in page
    assert 'href="index.html#kamerstuk-index-2"' in page
    assert 'href="#kamerstuk-other-0"' in page  # its own citation, same page


def test_text_builder_writes_plain_citations(shared_build):
    app = shared_build('citations', 'text')
    assert app.warning.getvalue() == ''
    text = (Path(app.outdir) / 'index.txt').read_text(encoding='utf-8')
    assert 'Zie de brief van 2 juni Kamerstukken II 2025/26, 22112, nr. 4363 en' in text
    assert 'http' not in text
    assert '* Stb. 2025, 123 — cited in Terugkeerhubs' in text


def test_latex_builder_writes_hrefs_and_labels(shared_build):
    app = shared_build('citations', 'latex')
    assert app.warning.getvalue() == ''
    tex = next(Path(app.outdir).glob('*.tex')).read_text(encoding='utf-8')
    assert (
        r'\sphinxhref{https://zoek.officielebekendmakingen.nl/kst-22112-4363.html}'
        '{Kamerstukken II 2025/26, 22112, nr. 4363}'
    ) in tex
    # back-links from the project-wide list in other.rst point into index.rst
    assert r'\hyperref[\detokenize{index:kamerstuk-index-0}]' in tex
    assert r'\hyperref[\detokenize{other:kamerstuk-other-0}]' in tex
    # the document-scope list of other.rst lists other.rst's citations only
    other = tex[tex.index(r'\label{\detokenize{other::doc}}') :]
    assert 'Stb. 2025, 123' in other  # from the project list
    assert other.count('Kamerstukken I 2008/09, 31700 VI, D') == 2  # citation + list entry


@pytest.mark.parametrize('builder', ['html', 'latex', 'text'])
def test_user_text_is_escaped(shared_build, builder):
    app = shared_build('bad-input', builder)
    name = {'html': 'index.html', 'text': 'index.txt', 'latex': 'projectnamenotset.tex'}
    content = (Path(app.outdir) / name[builder]).read_text(encoding='utf-8')
    if builder == 'html':
        assert '<script>alert' not in content
        assert '&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\textbf{x} %' in content
        assert '&lt;b&gt;vet&lt;/b&gt; &amp; co</a>' in content
    elif builder == 'latex':
        assert (
            r'\textless{}script\textgreater{}alert(1)\textless{}/script\textgreater{} \& \textbackslash{}textbf\{x\} \%'
            in content
        )
    else:
        assert '<script>alert(1)</script> & \\textbf{x} %' in ' '.join(content.split())


def test_myst_roles_and_directive(shared_build):
    app = shared_build('myst')
    assert app.warning.getvalue() == ''
    page = html(app)
    assert f'href="{OBL}kst-22112-4363.html"' in page
    assert list_entries(page) == [
        'Kamerstukken II 2025/26, 22112, nr. 4363 — cited in Markdown',
        'Stb. 2025, 123 — cited in Markdown',
    ]
