"""Parallel, incremental and repeated builds give the right, identical output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, html, list_entries, output_files

from sphinx_kamerstuk.core.citations import parse
from sphinx_kamerstuk.core.records import ADDRESSEES, CitationUse, Letter, Toezegging
from sphinx_kamerstuk.ext.domain import KamerstukDomain
from sphinx_kamerstuk.ext.needs import NeedRecord

#: Roots and builders whose builds must agree: the letters' reference lists, gathered from
#: every document, and the toezeggingen with their views and reports.
AGREEING = [('project', 'html'), ('toezeggingen', 'html'), ('toezeggingen', 'kamerstuk')]


@pytest.mark.parametrize(('root', 'builder'), AGREEING)
def test_same_input_gives_same_bytes_serial_or_parallel(build, tmp_path, root, builder):
    """A second build in another directory and a parallel one (-j 2) give every page and
    report of the first, byte for byte, and no warning."""
    first = build(root, builder)
    for copy in ('again', 'j2'):
        shutil.copytree(ROOTS / f'test-{root}', tmp_path / f'{root}-{copy}')
    again = build(f'{root}-again', builder)
    parallel = build(f'{root}-j2', builder, parallel=2)
    for app in (first, again, parallel):
        assert app.warning.getvalue() == ''
    expected = output_files(Path(first.outdir))
    assert expected
    for app in (again, parallel):
        written = output_files(Path(app.outdir))
        assert written.keys() == expected.keys(), app.srcdir
        for name in expected:
            assert written[name] == expected[name], (app.srcdir, name)


def test_project_list_gathers_the_citations_of_every_letter(shared_build):
    entries = list_entries(html(shared_build('project'), 'referenties'))
    # 4 Kamerstukken of dossier 22112, 4 of 36600 V, 4 meetings, 4 Staatsbladen
    assert len(entries) == 16
    assert entries[0].startswith('Kamerstukken 22112, nr. 100 — cited in Brief 4; Brief 8')


def test_untouched_project_list_follows_edits_and_removals(build):
    first = build('project')
    srcdir = Path(first.srcdir)
    assert 'Stb. 2026, 1 —' not in html(first, 'referenties')

    # a no-op rebuild reads and writes nothing
    noop = build('project')
    assert 'no targets are out of date' in noop.status.getvalue()

    # a new citation in one letter shows in the list on the untouched page
    letter = srcdir / 'brief10.rst'
    letter.write_text(
        letter.read_text(encoding='utf-8') + '\nNieuw: :stb:`2026, 1`.\n', encoding='utf-8'
    )
    edited = build('project')
    status = edited.status.getvalue()
    assert re.search(r'1 changed', status), status
    assert 'Stb. 2026, 1 — cited in Brief 10' in list_entries(html(edited, 'referenties'))

    # removing the letter removes its citations from the list
    letter.unlink()
    index = srcdir / 'index.rst'
    index.write_text(
        index.read_text(encoding='utf-8').replace('   brief10\n', ''), encoding='utf-8'
    )
    removed = build('project')
    entries = list_entries(html(removed, 'referenties'))
    assert not any('Brief 10' in entry for entry in entries)
    assert not any(entry.startswith('Stb. 2026, 1') for entry in entries)


def _use(docname: str, text: str) -> CitationUse:
    return CitationUse(docname, 1, 'kamerstuk-0', parse(text))


def _letter(docname: str) -> Letter:
    return Letter(docname, 5, docname, f'Brief {docname}', (ADDRESSEES['tk'],))


def _toezegging(docname: str) -> Toezegging:
    return Toezegging(docname, 3, 'TZ1', f'Toezegging in {docname}')


def test_domain_purges_and_merges_per_document():
    data = {
        'citations': {'a': [_use('a', '22112-1')], 'b': [_use('b', 'Stb. 2025, 1')]},
        'project_lists': {'a'},
        'letters': {'a': _letter('a'), 'b': _letter('b')},
        'toezeggingen': {'a': [_toezegging('a')]},
        'views': {'a': {'TZ1'}, 'b': {'*'}},
        'shown': {'TZ1': 'voldaan'},
        'needs': {'a': [NeedRecord('toezegging', 3, {'id': 'TZ1'})], 'b': []},
        'needs_views': {'a', 'b'},
    }
    domain = KamerstukDomain.__new__(KamerstukDomain)  # the data logic needs no environment
    domain.data = data
    domain.clear_doc('a')
    assert data == {
        'citations': {'b': [_use('b', 'Stb. 2025, 1')]},
        'project_lists': set(),
        'letters': {'b': _letter('b')},
        'toezeggingen': {},
        'views': {'b': {'*'}},
        'shown': {'TZ1': 'voldaan'},  # project-wide, not per document
        'needs': {'b': []},
        'needs_views': {'b'},
    }

    other = {
        'citations': {'c': [_use('c', '22112-3')], 'd': [_use('d', '22112-4')]},
        'project_lists': {'c', 'd'},
        'letters': {'c': _letter('c'), 'd': _letter('d')},
        'toezeggingen': {'c': [_toezegging('c')], 'd': [_toezegging('d')]},
        'views': {'c': {'TZ1'}, 'd': {'TZ1'}},
        'shown': {},
        'needs': {'c': [NeedRecord('toezegging', 3, {'id': 'TZ1'})], 'd': []},
        'needs_views': {'c', 'd'},
    }
    domain.merge_domaindata({'c'}, other)  # only the documents that process read
    assert data['citations'] == {'b': [_use('b', 'Stb. 2025, 1')], 'c': [_use('c', '22112-3')]}
    assert data['project_lists'] == {'c'}
    assert data['letters'] == {'b': _letter('b'), 'c': _letter('c')}
    assert data['toezeggingen'] == {'c': [_toezegging('c')]}
    assert data['views'] == {'b': {'*'}, 'c': {'TZ1'}}
    assert data['needs'] == {'b': [], 'c': [NeedRecord('toezegging', 3, {'id': 'TZ1'})]}
    assert data['needs_views'] == {'b', 'c'}


def test_first_and_later_builds_link_the_stylesheet_alike(build, tmp_path):
    """Sphinx adds a checksum to static files it finds: the first build must find ours too."""
    first = html(build('citations'))
    assert re.search(r'href="_static/kamerstuk\.css\?v=[0-9a-f]{8}"', first)
    shutil.copytree(ROOTS / 'test-citations', tmp_path / 'again')
    build('again')
    (Path(tmp_path / 'again') / 'index.rst').touch()
    assert html(build('again')) == first
