"""Incremental and interrupted builds give what a clean build gives.

The edits are the ones that lost needs or left views stale: a toezegging moved to another
page (read before or after its old one), two toezeggingen with one id of which the kept
one goes, a source added for a register entry, and a build killed while writing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOTS, output_files
from sphinx.testing.util import SphinxTestApp

NEEDTABLE = """
Alle needs
==========

.. needtable::
   :types: toezegging
   :columns: id;title;status;docname
"""
MOVED = """.. toezegging:: De minister komt voor het einde van het jaar met een concreet voorstel.
   :id: TZ202606-013
   :bewindspersoon: S.W. Sjoerdsma
   :datum: 2026-06-10
   :termijn: voor het einde van het jaar
"""


def project(tmp_path: Path, root: str = 'toezeggingen') -> Path:
    """A copy of a test root with a needtable page, as a team's project would have."""
    srcdir = tmp_path / 'project'
    shutil.copytree(ROOTS / f'test-{root}', srcdir)
    (srcdir / 'alle.rst').write_text(NEEDTABLE, encoding='utf-8')
    with (srcdir / 'index.rst').open('a', encoding='utf-8') as index:
        index.write('\n.. toctree::\n\n   alle\n')
    return srcdir


def outputs(srcdir: Path, builder: str, *, fresh: bool) -> dict[str, bytes]:
    app = SphinxTestApp(
        builder, srcdir=srcdir, freshenv=fresh, confoverrides={'needs_build_json': True}
    )
    try:
        app.build()
    finally:
        app.cleanup()
    # without Sphinx's own record of an earlier build's configuration
    result = {k: v for k, v in output_files(Path(app.outdir)).items() if k != '.buildinfo.bak'}
    if 'needs.json' in result:  # without the time it was written
        needs = json.loads(result['needs.json'])
        del needs['created']
        del needs['versions']['']['created']
        result['needs.json'] = json.dumps(needs, sort_keys=True).encode()
    return result


def edit(srcdir: Path, name: str, old: str, new: str) -> None:
    path = srcdir / name
    text = path.read_text(encoding='utf-8')
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding='utf-8')


def append(srcdir: Path, name: str, text: str) -> None:
    with (srcdir / name).open('a', encoding='utf-8') as file:
        file.write('\n' + text)


def assert_equals_clean_build(srcdir: Path, incremental: dict[str, bytes], builder: str) -> None:
    clean_dir = srcdir.parent / f'clean-{builder}'
    shutil.rmtree(clean_dir, ignore_errors=True)
    shutil.copytree(srcdir, clean_dir, ignore=shutil.ignore_patterns('_build'))
    clean = outputs(clean_dir, builder, fresh=True)
    assert sorted(incremental) == sorted(clean)
    for name in clean:
        assert incremental[name] == clean[name], name


def need_ids(result: dict[str, bytes]) -> list[str]:
    needs = json.loads(result['needs.json'])['versions']['']['needs']
    return sorted(needs)


def moved_to_ek(srcdir: Path) -> None:
    """``ek`` is read before ``tk``: the moved toezegging met its old self there."""
    tk = (srcdir / 'tk.rst').read_text(encoding='utf-8')
    assert MOVED in tk
    (srcdir / 'tk.rst').write_text(tk.replace(MOVED, ''), encoding='utf-8')
    append(srcdir, 'ek.rst', MOVED)


def moved_back_to_tk(srcdir: Path) -> None:
    ek = (srcdir / 'ek.rst').read_text(encoding='utf-8')
    (srcdir / 'ek.rst').write_text(ek.replace('\n' + MOVED, ''), encoding='utf-8')
    append(srcdir, 'tk.rst', MOVED)


def duplicated_then_first_removed(srcdir: Path) -> None:
    """The copy in ``tk`` is refused while ``ek`` has it; then ``ek``'s goes."""
    append(srcdir, 'ek.rst', MOVED)
    outputs(srcdir, 'html', fresh=False)
    ek = (srcdir / 'ek.rst').read_text(encoding='utf-8')
    (srcdir / 'ek.rst').write_text(ek.replace('\n' + MOVED, ''), encoding='utf-8')


SCENARIOS = {
    'moved to a page read earlier': [moved_to_ek],
    'moved there and back': [moved_to_ek, moved_back_to_tk],
    'duplicate, then the kept one removed': [duplicated_then_first_removed],
}


@pytest.mark.parametrize('builder', ['html', 'kamerstuk'])
@pytest.mark.parametrize('scenario', list(SCENARIOS))
def test_edits_keep_every_need(tmp_path, scenario, builder):
    srcdir = project(tmp_path)
    outputs(srcdir, builder, fresh=True)
    for step in SCENARIOS[scenario]:
        step(srcdir)
        incremental = outputs(srcdir, builder, fresh=False)
    if builder == 'html':
        assert 'TZ202606-013' in need_ids(incremental)
        assert b'TZ202606-013' in incremental['alle.html']
    assert_equals_clean_build(srcdir, incremental, builder)


def test_a_source_added_for_a_register_entry_keeps_the_need(tmp_path):
    srcdir = project(tmp_path, 'registers')
    outputs(srcdir, 'html', fresh=True)
    append(
        srcdir,
        'toezeggingen.rst',
        '.. toezegging:: Een toezegging die alleen in het register staat.\n'
        '   :id: TZ202603-003\n   :datum: 2026-03-10\n',
    )
    incremental = outputs(srcdir, 'html', fresh=False)
    assert 'TZ202603-003' in need_ids(incremental)
    assert b'TZ202603-003' in incremental['alle.html']
    assert_equals_clean_build(srcdir, incremental, 'html')


#: In conf.py, so the killed build and the next one have the same configuration.
KILLER = """
def setup(app):
    import os, signal

    def kill(app, pagename, *args):
        if pagename == os.environ.get('KILL_AT_PAGE'):
            os.kill(os.getpid(), signal.SIGKILL)

    app.connect('html-page-context', kill)
"""


def test_a_build_killed_while_writing_is_finished_by_the_next(tmp_path):
    srcdir = project(tmp_path)
    append(srcdir, 'conf.py', KILLER)
    outputs(srcdir, 'html', fresh=True)
    # a letter's date moves: the overview's statuses change, the overview's source does not
    edit(srcdir, 'brief-b.rst', ':datum: 2026-07-15', ':datum: 2026-06-15')
    # the same build as ``outputs`` makes, in a process of its own to be killed
    script = (
        'import sys; from pathlib import Path; from sphinx.testing.util import SphinxTestApp; '
        "SphinxTestApp('html', srcdir=Path(sys.argv[1]), "
        "confoverrides={'needs_build_json': True}).build()"
    )
    killed = subprocess.run(
        [sys.executable, '-c', script, str(srcdir)],
        env={**os.environ, 'KILL_AT_PAGE': 'brief-b'},
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    incremental = outputs(srcdir, 'html', fresh=False)
    assert_equals_clean_build(srcdir, incremental, 'html')
