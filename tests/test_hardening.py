"""Hostile input never breaks a build, never escapes its format, and builds agree.

Hypothesis writes every directive and role with hostile values (markup of HTML and
LaTeX, control characters, right-to-left text, very long and empty values) and builds
html, latex and text; and an incremental build after random edits gives what a clean
build gives. (That serial and parallel builds give the same bytes: tests/test_builds.py.)
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, output_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

#: Marks that must come out escaped: raw, they would be markup in HTML or LaTeX.
HTML_MARK = '<x-evil a="1">'
TEX_MARK = r'\evilmacro{1}'
_SPECIALS = '<>&"\'\\{}%$#_^~|*`[]:'
_CONTROL = ''.join(chr(c) for c in range(1, 32) if chr(c) not in '\n\r\t')

hostile_text = st.one_of(
    st.just(''),
    st.text(alphabet=st.sampled_from(_SPECIALS + _CONTROL + 'ab \u202e\u05d0\u0627'), max_size=40),
    st.text(min_size=300, max_size=600, alphabet=st.sampled_from('ab ' + _SPECIALS)),
).map(lambda text: ' '.join(text.split()))  # one line: an option value cannot hold a newline


def _value(text: str) -> str:
    return f'{text} {HTML_MARK} {TEX_MARK}'.strip()


OPTIONS = [
    'datum',
    'ministerie',
    'kenmerk',
    'uw-kenmerk',
    'bijlagen',
    'ondertekenaar',
    'mede-namens',
    'kamerstuk',
    'vervult',
    'aan',
    'contactpersoon',
    'tk-document',
]


@st.composite
def hostile_project(draw) -> dict[str, str]:
    letter = [f'.. kamerbrief:: {_value(draw(hostile_text))}']
    options = draw(st.lists(st.sampled_from(OPTIONS), unique=True, max_size=len(OPTIONS)))
    letter.extend(f'   :{option}: {_value(draw(hostile_text))}' for option in options)
    toezegging = [
        f'.. toezegging:: {_value(draw(hostile_text))}',
        f'   :id: {draw(hostile_text) or "TZ1"}',
        f'   :termijn: {_value(draw(hostile_text))}',
        f'   :bewindspersoon: {_value(draw(hostile_text))}',
        f'   :datum: {draw(hostile_text)}',
    ]
    role_text = draw(hostile_text).replace('`', '')
    body = [
        'Brief',
        '=====',
        '',
        *letter,
        '',
        f'Zie :kst:`{role_text} {HTML_MARK}` en :stb:`{role_text}` en :toezegging:`{role_text or "x"}`.',
        '',
        *toezegging,
        '',
        '.. toezeggingen::',
        f'   :filter: {draw(hostile_text)}',
        '',
        '.. kamerstukken::',
        f'   :scope: {draw(hostile_text)}',
        '',
    ]
    return {'index.rst': '\n'.join(body) + '\n'}


def _build(srcdir: Path, builder: str) -> tuple[SphinxTestApp, str]:
    app = SphinxTestApp(builder, srcdir=srcdir, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    name = {'html': 'index.html', 'text': 'index.txt'}.get(builder)
    out = Path(app.outdir)
    content = (out / name if name else next(out.glob('*.tex'))).read_text(encoding='utf-8')
    return app, content


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(project=hostile_project())
def test_hostile_values_build_escaped_with_located_warnings(tmp_path_factory, project):
    srcdir = tmp_path_factory.mktemp('hostile')
    (srcdir / 'conf.py').write_text(
        "extensions = ['sphinx_kamerstuk']\nkamerstuk_peildatum = '2026-09-01'\n",
        encoding='utf-8',
    )
    for name, text in project.items():
        (srcdir / name).write_text(text, encoding='utf-8')
    for builder in ('html', 'latex', 'text'):
        app, content = _build(srcdir, builder)
        output = re.sub(r'\x1b\[[0-9;]*m', '', app.warning.getvalue())
        assert 'Traceback' not in output and 'Exception' not in output, output
        for line in output.splitlines():
            if 'WARNING' in line or 'ERROR' in line:
                assert re.match(r'\S+:\d+: (WARNING|ERROR|CRITICAL)', line), line
        if builder == 'html':
            assert HTML_MARK not in content
        if builder == 'latex':
            assert TEX_MARK not in content


# --- incremental builds ----------------------------------------------------------------


#: Edits a team makes: (file, old, new). Each keeps the project valid.
EDITS = [
    ('brief-a.rst', ':vervult: TZ202606-012', ':vervult: TZ202606-012, TZ202603-003'),
    ('brief-b.rst', ':datum: 2026-07-15', ':datum: 2026-06-15'),
    ('brief-c.rst', ':vervult-deels: TZ202604-007', ':vervult: TZ202604-007'),
    ('concept.rst', ':vervult: TZ202606-013', ':datum: 2026-08-01\n   :vervult: TZ202606-013'),
    ('tk.rst', ':termijn: 2026-06-30', ':termijn: 2026-07-31'),
    ('tk.rst', ':status: vervallen', ''),
    ('ek.rst', ':termijn: 2026-05-01', ':termijn: Q4 2026'),
    ('overzicht.rst', ':sorteer: -termijn', ':sorteer: status'),
    ('brief-d.rst', ':datum: 2026-10-01', ':datum: 2026-08-20'),
    ('brief-a.rst', 'Geachte voorzitter,', 'Geachte voorzitter,\n\nZie :kst:`22112-4363`.'),
]


def _project_html(srcdir: Path, *, fresh: bool) -> dict[str, bytes]:
    app = SphinxTestApp('html', srcdir=srcdir, freshenv=fresh)
    try:
        app.build()
    finally:
        app.cleanup()
    return {
        name: html
        for name, html in output_files(Path(app.outdir)).items()
        if name.endswith('.html')
    }


@pytest.mark.parametrize('seed', range(20))
def test_incremental_after_random_edits_equals_clean_build(tmp_path, seed):
    rng = random.Random(seed)
    srcdir = tmp_path / 'project'
    shutil.copytree(ROOTS / 'test-toezeggingen', srcdir)
    _project_html(srcdir, fresh=True)
    for path, old, new in rng.sample(EDITS, k=3):
        file = srcdir / path
        file.write_text(file.read_text(encoding='utf-8').replace(old, new, 1), encoding='utf-8')
        incremental = _project_html(srcdir, fresh=False)
    clean_dir = tmp_path / 'clean'
    shutil.copytree(srcdir, clean_dir, ignore=shutil.ignore_patterns('_build'))
    clean = _project_html(clean_dir, fresh=True)
    assert incremental.keys() == clean.keys()
    for name in clean:
        assert incremental[name] == clean[name], (seed, name)
