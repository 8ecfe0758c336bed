"""Test set-up: Sphinx's fixtures, and a builder that works on a private copy of a root."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import sphinx.locale
from hypothesis import settings

pytest_plugins = ['sphinx.testing.fixtures']
collect_ignore = ['roots']

# In CI the same examples every run, so a failure there fails the same way here (run with
# CI=true); no example database, no deadline (a shared runner's pauses are not failures).
# The tests' own @settings (max_examples, health checks) still apply on top.
settings.register_profile('ci', derandomize=True, database=None, deadline=None, print_blob=True)
if os.environ.get('CI') == 'true':
    settings.load_profile('ci')

ROOTS = Path(__file__).parent / 'roots'


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
