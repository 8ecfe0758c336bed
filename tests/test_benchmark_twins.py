"""The benchmark's twins are the same project (``benchmarks/project.py``): ours, the peer
in plain sphinx-needs, and plain Sphinx build without warnings, and their summary
tables list the same toezeggingen; the check of a table after an edit sees the peer's
stale ``needtable`` (sphinx-needs issue 354), which is why the peer's edit is timed as a
rebuild of everything. Timings themselves live in ``benchmarks/run.py``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).parents[1] / 'benchmarks'
sys.path.insert(0, str(BENCHMARKS))

from project import VARIANTS, generate
from run import edit_letter, tables_right


def _build(src: Path, out: Path, *args: str) -> None:
    command = [sys.executable, '-m', 'sphinx', '-q', '-W', '-b', 'html', *args, str(src), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _ids(page: Path) -> set[str]:
    rows = re.findall(
        r'<tr class="(?:need )?row-(?:odd|even)"[^>]*>(.*?)</tr>',
        page.read_text('utf-8'),
        re.DOTALL,
    )
    return {match[1] for row in rows if (match := re.search(r'#(TZ[\d-]+)"', row))}


@pytest.fixture(scope='module')
def twins(tmp_path_factory):
    root = tmp_path_factory.mktemp('twins')
    generate(root, 6, 18)
    for variant in VARIANTS:
        _build(root / variant, root / f'out-{variant}')
    return root


def test_the_twins_build_cleanly_and_their_tables_list_the_same_toezeggingen(twins):
    ours = _ids(twins / 'out-kamerstuk' / 'overzicht1.html')
    assert len(ours) == 18
    assert _ids(twins / 'out-needs' / 'overzicht1.html') == ours
    text = (twins / 'out-plain' / 'overzicht1.html').read_text('utf-8')
    assert all(id_ in text for id_ in ours)


def test_after_an_edit_our_tables_are_right_and_the_peers_stale(twins):
    for variant, right in (('kamerstuk', True), ('needs', False)):
        edited = edit_letter(twins / variant, variant, 1)
        assert edited
        _build(twins / variant, twins / f'out-{variant}')
        assert tables_right(twins / f'out-{variant}', *edited) is right, variant
    _build(twins / 'needs', twins / 'out-needs', '-E')
    assert tables_right(twins / 'out-needs', *edited)
