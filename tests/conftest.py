"""Test set-up: Sphinx's fixtures, and a builder that works on a private copy of a root."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import pytest
import sphinx.locale
from hypothesis import settings
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ['sphinx.testing.fixtures']
collect_ignore = ['roots']

# In CI the same examples every run, so a failure there fails the same way here (run with
# CI=true); no example database, no deadline (a shared runner's pauses are not failures).
# The tests' own @settings (max_examples, health checks) still apply on top.
settings.register_profile('ci', derandomize=True, database=None, deadline=None, print_blob=True)
if os.environ.get('CI') == 'true':
    settings.load_profile('ci')

ROOTS = Path(__file__).parent / 'roots'
DOCS = Path(__file__).parents[1] / 'docs'


@pytest.fixture(autouse=True)
def _reset_translators():
    """Translators are process-global; a Dutch build must not leak into the next test."""
    yield
    sphinx.locale.translators.clear()


@pytest.fixture
def build(make_app, tmp_path):
    """Build a copy of ``tests/roots/test-<root>``; calling again on the same root
    rebuilds incrementally, as ``sphinx-build`` would."""

    def _build(root: str, buildername: str = 'html', **kwargs):
        srcdir = tmp_path / root
        if not srcdir.exists():
            shutil.copytree(ROOTS / f'test-{root}', srcdir)
        app = make_app(buildername, srcdir=srcdir, **kwargs)
        app.build()
        app.cleanup()  # unregister nodes and roles, so the next app starts clean
        return app

    return _build


@pytest.fixture(scope='session')
def shared_build(tmp_path_factory) -> Iterator[Callable[..., SphinxTestApp]]:
    """Like ``build``, but each root, builder and set of options is built once a session,
    on its own copy, and every test that asks for it again gets that app.

    Only for tests that read what the build gave: a test that edits the copy, rebuilds,
    connects a handler, or changes the environment or a module (monkeypatch) uses ``build``.
    At the end of the session every copy must still hold what its root holds.
    """
    apps: dict[str, SphinxTestApp] = {}

    def _shared_build(root: str, buildername: str = 'html', **kwargs) -> SphinxTestApp:
        key = repr((root, buildername, sorted(kwargs.items())))
        if key not in apps:
            srcdir = tmp_path_factory.mktemp(f'shared-{root}-{buildername}') / root
            shutil.copytree(ROOTS / f'test-{root}', srcdir)
            syspath = sys.path.copy()
            app = SphinxTestApp(
                buildername, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs
            )
            try:
                app.build()
            finally:
                app.cleanup()  # unregister nodes and roles, so the next app starts clean
                sys.path[:] = syspath
            apps[key] = app
        return apps[key]

    yield _shared_build
    for key, app in apps.items():
        srcdir = Path(app.srcdir)
        assert _sources(srcdir) == _sources(ROOTS / f'test-{srcdir.name}'), f'{key} was edited'


def _sources(srcdir: Path) -> dict[str, bytes]:
    """The files of a project, without what a build wrote into ``_build``."""
    return {
        str(path.relative_to(srcdir)): path.read_bytes()
        for path in sorted(srcdir.rglob('*'))
        if path.is_file() and path.relative_to(srcdir).parts[0] != '_build'
    }


@pytest.fixture(scope='session')
def docs_build(tmp_path_factory) -> Callable[[str], tuple[int, Path]]:
    """``sphinx-build -W --keep-going -b <builder>`` of ``docs/``, once a session per
    builder: its exit status and output directory, for tests that only read them."""
    builds: dict[str, tuple[int, Path]] = {}

    def _docs_build(builder: str) -> tuple[int, Path]:
        if builder not in builds:
            out = tmp_path_factory.mktemp(f'docs-{builder}')
            args = ['-q', '-W', '--keep-going', '-b', builder, '-d', str(out / 'doctrees')]
            builds[builder] = build_main([*args, str(DOCS), str(out / builder)]), out / builder
        return builds[builder]

    return _docs_build


def html(app, docname: str = 'index') -> str:
    return (Path(app.outdir) / f'{docname}.html').read_text(encoding='utf-8')


def list_entries(page: str) -> list[str]:
    """The text of each entry of the first reference list in an HTML page."""
    block = re.search(r'<ul class="kamerstukken[^"]*">(.*?)</ul>', page, re.DOTALL)
    assert block, 'no reference list in page'
    items = re.findall(r'<li>(.*?)</li>', block[1], re.DOTALL)
    return [re.sub(r'<[^>]+>', '', item).strip() for item in items]


def warnings(app) -> list[str]:
    """Warning lines without colour and without the ``[type.subtype]`` Sphinx 8 appends."""
    text = re.sub(r'\x1b\[[0-9;]*m', '', app.warning.getvalue())
    return [
        re.sub(r' \[kamerstuk\.\w+\]$', '', line) for line in text.splitlines() if 'WARNING' in line
    ]


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every page and report of a build, except what records when or how it was built.

    ``schema_violations.json`` is sphinx-needs' and records its own validation speed.
    """
    skipped = {'.buildinfo', 'searchindex.js', '.doctrees', 'schema_violations.json'}
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in sorted(outdir.rglob('*'))
        if path.is_file()
        and not skipped & set(path.relative_to(outdir).parts)
        and '_static' not in path.parts
        and path.suffix != '.pickle'
    }
