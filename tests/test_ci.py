"""What CI relies on from the suite: under CI=true, hypothesis runs the same examples each
time, so a failure in CI reproduces on a developer's machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_under_ci_hypothesis_runs_derandomised():
    collect = ['--collect-only', '-v', '-k', 'no such test', 'tests/test_termijnen.py']
    result = subprocess.run(
        [sys.executable, '-m', 'pytest', '-p', 'no:cacheprovider', *collect],
        cwd=ROOT,
        env={**os.environ, 'CI': 'true'},
        capture_output=True,
        text=True,
        check=False,
    )
    header = [line for line in result.stdout.splitlines() if 'hypothesis profile' in line]
    assert header, result.stdout + result.stderr
    assert "hypothesis profile 'ci'" in header[0]
    assert 'derandomize=True' in header[0]
