"""``sphinx-kamerstuk init``: the new project builds with -W, and init never overwrites."""

from __future__ import annotations

import io
import json
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import docutils.core
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_kamerstuk.cli import main

MINISTERIE = 'Ministerie van Buitenlandse Zaken'
HOSTILE = '<script>alert(1)</script> *nadruk* `rol` \\ """ \' {x} $HOME وزارة الخارجية'


def init(directory: Path, *options: str) -> int:
    return main(['init', str(directory), *options])


def make(project: Path, *targets: str) -> subprocess.CompletedProcess:
    """The generated Makefile, with this interpreter's Sphinx (its SPHINXOPTS has -W)."""
    return subprocess.run(
        ['make', '-C', str(project), *targets, f'SPHINXBUILD={sys.executable} -m sphinx'],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, 'SOURCE_DATE_EPOCH': '1782864000'},  # 1 July 2026
    )


@pytest.fixture
def project(tmp_path):
    directory = tmp_path / 'brieven-bz'
    assert init(directory, '--ministerie', MINISTERIE, '--retouradres', 'Postbus 20061') == 0
    return directory


def test_project_files(project):
    written = sorted(str(p.relative_to(project)) for p in project.rglob('*') if p.is_file())
    assert written == [
        '.github/workflows/docs.yml',
        '.gitignore',
        '.gitlab-ci.yml',
        'Makefile',
        'brieven/voorbeeldbrief.rst',
        'conf.py',
        'index.rst',
        'referenties.rst',
        'requirements.txt',
        'toezeggingen.rst',
    ]
    conf = runpy.run_path(str(project / 'conf.py'))
    assert conf['extensions'] == ['sphinx_kamerstuk']
    assert conf['language'] == 'nl'
    assert conf['kamerstuk_ministerie'] == MINISTERIE
    assert conf['kamerstuk_retouradres'] == 'Postbus 20061'


def test_project_builds_with_W_through_its_makefile(project):
    done = make(project, 'html', 'text', 'kamerstuk', 'epub', 'singlehtml', 'man', 'texinfo')
    assert done.returncode == 0, done.stdout + done.stderr
    build = project / '_build'
    letter = (build / 'html' / 'brieven' / 'voorbeeldbrief.html').read_text(encoding='utf-8')
    assert MINISTERIE in letter
    assert 'Voortgang van de voorbeeldtoezegging' in letter
    assert 'https://zoek.officielebekendmakingen.nl/kst-22112-4363.html' in letter
    assert '<html lang="nl"' in letter
    overview = (build / 'text' / 'toezeggingen.txt').read_text(encoding='utf-8')
    assert '1 van 2 voldaan' in overview
    report = json.loads((build / 'kamerstuk' / 'toezeggingen.json').read_text(encoding='utf-8'))
    status = {t['id']: t['status'] for t in report['toezeggingen']}
    assert status == {'VOORBEELD-1': 'voldaan', 'VOORBEELD-2': 'openstaand'}


@pytest.mark.skipif(not shutil.which('latexmk'), reason='latexmk is not installed')
def test_project_builds_its_pdfs(project):
    done = make(project, 'latexpdf')
    assert done.returncode == 0, done.stdout + done.stderr
    pdfs = sorted(p.name for p in (project / '_build' / 'latex').glob('*.pdf'))
    assert pdfs == ['VOORBEELD-2026-0001.pdf', 'kamerbrievenministerievanbuitenlandsezaken.pdf']


def test_ci_files_build_html_and_pdf_and_keep_the_reports(project):
    github = yaml.safe_load((project / '.github' / 'workflows' / 'docs.yml').read_text())
    steps = github['jobs']['docs']['steps']
    assert any(s.get('run') == 'make html latexpdf kamerstuk' for s in steps)
    uploaded = ' '.join(s['with']['path'] for s in steps if 'upload-artifact' in s.get('uses', ''))
    assert '_build/kamerstuk' in uploaded
    assert '_build/latex/*.pdf' in uploaded
    gitlab = yaml.safe_load((project / '.gitlab-ci.yml').read_text())['documentatie']
    assert gitlab['script'] == ['make html latexpdf kamerstuk']
    assert {'_build/html', '_build/latex/*.pdf', '_build/kamerstuk'} <= set(
        gitlab['artifacts']['paths']
    )
    assert '-W' in (project / 'Makefile').read_text()


def test_existing_files_are_never_overwritten(tmp_path, capsys):
    (tmp_path / 'conf.py').write_text('# mine\n')
    (tmp_path / 'brieven').mkdir()
    (tmp_path / 'brieven' / 'voorbeeldbrief.rst').write_text('mine\n')
    assert init(tmp_path, '--ministerie', MINISTERIE) == 2
    err = capsys.readouterr().err
    assert 'conf.py' in err
    assert 'voorbeeldbrief.rst' in err
    assert (tmp_path / 'conf.py').read_text() == '# mine\n'
    assert sorted(p.name for p in tmp_path.rglob('*')) == [
        'brieven',
        'conf.py',
        'voorbeeldbrief.rst',
    ]


def test_without_ministerie_and_without_terminal_nothing_is_asked(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, 'stdin', io.StringIO('Ministerie van Financiën\n'))
    assert init(tmp_path / 'nieuw') == 2
    assert '--ministerie' in capsys.readouterr().err
    assert not (tmp_path / 'nieuw').exists()


def test_on_a_terminal_it_asks(tmp_path, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    answers = 'Ministerie van Financiën\nPostbus 20201 2500 EE Den Haag\n\n'
    monkeypatch.setattr(sys, 'stdin', Terminal(answers))
    assert init(tmp_path) == 0
    conf = runpy.run_path(str(tmp_path / 'conf.py'))
    assert conf['kamerstuk_ministerie'] == 'Ministerie van Financiën'
    assert conf['kamerstuk_retouradres'] == 'Postbus 20201 2500 EE Den Haag'
    assert conf['project'] == 'Kamerbrieven Ministerie van Financiën'


@pytest.mark.parametrize('value', ['', '   ', 'Ministerie\nvan BZ', 'BZ\x00', 'BZ\u202e'])
def test_unusable_ministerie_is_refused(tmp_path, capsys, value):
    assert init(tmp_path / 'p', '--ministerie', value) == 2
    assert '--ministerie' in capsys.readouterr().err
    assert not (tmp_path / 'p').exists()


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(
        st.characters(blacklist_categories=('Cc', 'Cf', 'Cs', 'Zl', 'Zp')), min_size=1
    ).filter(str.strip)
)
def test_any_name_is_kept_exactly_in_conf_py_and_as_plain_text_in_the_title(tmp_path_factory, name):
    directory = tmp_path_factory.mktemp('p')
    assert init(directory, f'--ministerie={name}', f'--titel={name}') == 0
    conf = runpy.run_path(str(directory / 'conf.py'))
    assert conf['kamerstuk_ministerie'] == conf['project'] == name.strip()
    index = (directory / 'index.rst').read_text(encoding='utf-8')
    tree = docutils.core.publish_doctree(
        index, settings_overrides={'report_level': 5, 'halt_level': 5}
    )
    title = tree.next_node(docutils.nodes.title)
    assert title is not None
    assert title.astext() == ' '.join(name.split())


def test_hostile_names_build_escaped(tmp_path):
    assert init(tmp_path, f'--ministerie={HOSTILE}', f'--titel={HOSTILE}') == 0
    done = make(tmp_path, 'html')
    assert done.returncode == 0, done.stdout + done.stderr
    # What the project renders; alabaster's sidebar prints conf.py's project unescaped,
    # which is the theme's choice, so only the page bodies are checked.
    for page in ('index', 'brieven/voorbeeldbrief'):
        html = (tmp_path / '_build' / 'html' / f'{page}.html').read_text(encoding='utf-8')
        body = html[html.index('<div class="body"') : html.index('<div class="sphinxsidebar"')]
        assert '<script>alert' not in body
        assert '&lt;script&gt;alert(1)&lt;/script&gt; *nadruk* `rol`' in body


@pytest.mark.parametrize(
    ('make_obstacle', 'named'),
    [
        (
            lambda target: (target / 'toezeggingen.rst').symlink_to('nergens.rst'),
            'toezeggingen.rst',
        ),
        (lambda target: (target / 'brieven').write_text('a file\n'), 'brieven (not a folder)'),
        (lambda target: (target / '.github').symlink_to('nergens'), '.github (not a folder)'),
        (lambda target: (target / 'Makefile').mkdir(), 'Makefile'),
    ],
    ids=['dangling-symlink', 'file-for-folder', 'dangling-folder', 'folder-for-file'],
)
def test_every_path_is_checked_before_anything_is_written(tmp_path, capsys, make_obstacle, named):
    target = tmp_path / 'project'
    target.mkdir()
    make_obstacle(target)
    before = sorted(target.iterdir())
    assert init(target, '--ministerie', MINISTERIE) == 2
    err = capsys.readouterr().err
    assert f'in the way and are left alone: {target / named}' in err
    assert 'Traceback' not in err
    assert sorted(target.iterdir()) == before  # not even conf.py


def test_a_write_that_fails_takes_back_what_it_wrote(tmp_path, monkeypatch, capsys):
    original = Path.open

    def full_disk(self, mode='r', *args, **kwargs):
        if self.name == 'Makefile' and 'x' in mode:
            raise OSError(28, 'No space left on device', str(self))
        return original(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, 'open', full_disk)
    assert init(tmp_path / 'project', '--ministerie', MINISTERIE) == 2
    assert 'No space left on device' in capsys.readouterr().err
    assert [p for p in (tmp_path / 'project').rglob('*') if p.is_file()] == []
