"""Build a ministry project with sphinx-kamerstuk and the same project without, side by side.

``python benchmarks/run.py [--n N] [--runs R] [--json FILE]`` generates (``project.py``) N
letters, 3×N toezeggingen and 5 table pages, and the plain twin; then times, as medians
of R runs: a full build with ``-j 1`` and ``-j 2``, a no-change rebuild, a rebuild after
one letter is edited (its ``:vervult:`` changes, so tables change), ``-b kamerstuk``, and
the peak memory of a full ``-j 1`` build. It prints a table; ``--json`` also writes the
figures and the ratios (``full_ratio``, ``full_j2_ratio``, ``noop_ratio``, ``edit_ratio``,
``memory_ratio``). Goals at N = 1000: full ≤ 1.3×, edit ≤ 2×, memory ≤ 1.5× plain
Sphinx, and ``-j 2`` faster than ``-j 1``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from project import generate

#: Run inside a fresh interpreter: one build, then its wall time and peak memory.
_BUILD = """
import resource, sys, time
from sphinx.cmd.build import build_main
start = time.perf_counter()
status = build_main(sys.argv[1:])
seconds = time.perf_counter() - start
print(f'{status} {seconds:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')
"""
GOALS = {'full_ratio': 1.3, 'edit_ratio': 2.0, 'memory_ratio': 1.5}


def build(src: Path, out: Path, *args: str, builder: str = 'html') -> tuple[float, int]:
    """Seconds and peak kilobytes of one ``sphinx-build`` run (which must succeed)."""
    command = [sys.executable, '-c', _BUILD, '-q', '-b', builder, *args, str(src), str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ''
    match = re.fullmatch(r'(\d+) ([\d.]+) (\d+)', last)
    if not match or match[1] != '0':
        raise SystemExit(f'build of {src} failed:\n{done.stdout}\n{done.stderr}')
    return float(match[2]), int(match[3])


def edit_letter(src: Path, variant: str, round_: int) -> tuple[str, str] | None:
    """One letter edited: for the extension its first :vervult: id changes, so tables
    change too; returns the (old, new) id."""
    letter = src / 'brieven' / 'brief0001.rst'
    text = letter.read_text(encoding='utf-8')
    ids = None
    if variant == 'kamerstuk':
        match = re.search(r'(:vervult: )([^,\n]+)', text)
        ids = (match[2], f'TZ2026{round_ % 12 + 1:02d}-{round_:03d}')
        text = text[: match.start(2)] + ids[1] + text[match.end(2) :]
    text += f'\nBijgewerkt in ronde {round_}.\n'
    letter.write_text(text, encoding='utf-8')
    return ids


def check_tables(out: Path, old: str, new: str) -> None:
    """After the edit, every summary table must show brief0001 against the new id and no
    longer against the old one: a fast rebuild that shows stale tables does not count."""
    seen = 0
    for page in sorted(out.glob('overzicht*.html')):
        rows = re.findall(
            r'<tr class="row-(?:odd|even)">(.*?)</tr>', page.read_text('utf-8'), re.DOTALL
        )
        for row in rows:
            first = re.search(r'#(TZ[\d-]+)"', row)
            if first and first[1] in (old, new) and old != new:
                seen += 1
                shows = 'brieven/brief0001.html' in row
                if shows != (first[1] == new):
                    raise SystemExit(f'{page.name}: the row of {first[1]} is stale after the edit')
    if not seen:
        raise SystemExit(f'no summary table shows {old} or {new}')


def measure(root: Path, variant: str, runs: int) -> dict[str, float]:
    src = root / variant
    figures: dict[str, list[float]] = {
        name: [] for name in ('full', 'full_j2', 'noop', 'edit', 'memory', 'report')
    }
    for round_ in range(runs):
        for jobs, key in ((['-j', '1'], 'full'), (['-j', '2'], 'full_j2')):
            out = root / f'out-{variant}-{key}'
            shutil.rmtree(out, ignore_errors=True)
            seconds, peak = build(src, out, *jobs)
            figures[key].append(seconds)
            if key == 'full':
                figures['memory'].append(peak / 1024)
        out = root / f'out-{variant}-full'
        figures['noop'].append(build(src, out)[0])
        edited = edit_letter(src, variant, round_ + 1)
        figures['edit'].append(build(src, out)[0])
        if edited:
            check_tables(out, *edited)
        if variant == 'kamerstuk':
            report = root / 'out-report'
            shutil.rmtree(report, ignore_errors=True)
            figures['report'].append(build(src, report, builder='kamerstuk')[0])
    return {key: statistics.median(values) for key, values in figures.items() if values}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--n', type=int, default=1000, help='letters (toezeggingen: 3 × N)')
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--json', type=Path)
    parser.add_argument('--keep', type=Path, help='generate and build here, and keep it')
    parser.add_argument(
        '--navigation',
        action='store_true',
        help="keep alabaster's global table of contents in every page's sidebar (O(N²))",
    )
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix='kamerstuk-bench-'))
    started = time.perf_counter()
    generate(root, args.n, 3 * args.n, navigation=args.navigation)
    ours = measure(root, 'kamerstuk', args.runs)
    plain = measure(root, 'plain', args.runs)
    ratios = {
        'full_ratio': ours['full'] / plain['full'],
        'full_j2_ratio': ours['full_j2'] / plain['full_j2'],
        'noop_ratio': ours['noop'] / plain['noop'],
        'edit_ratio': ours['edit'] / plain['edit'],
        'memory_ratio': ours['memory'] / plain['memory'],
    }
    rows = [
        ('full build -j 1', 'full', 's'),
        ('full build -j 2', 'full_j2', 's'),
        ('no-change rebuild', 'noop', 's'),
        ('one letter edited', 'edit', 's'),
        ('peak memory (-j 1)', 'memory', 'MB'),
    ]
    print(f'N = {args.n} letters, {3 * args.n} toezeggingen, medians of {args.runs} runs')
    print(f'{"":22}{"sphinx-kamerstuk":>18}{"plain Sphinx":>14}{"ratio":>8}')
    for label, key, unit in rows:
        ratio = ours[key] / plain[key]
        print(f'{label:22}{ours[key]:>15.2f} {unit:2}{plain[key]:>11.2f} {unit:2}{ratio:>7.2f}×')
    print(f'{"-b kamerstuk":22}{ours["report"]:>15.2f} s ')
    print(
        f'-j 2 faster than -j 1: {ours["full_j2"] < ours["full"]}; took {time.perf_counter() - started:.0f} s'
    )
    if args.json:
        data = {
            'n': args.n,
            'runs': args.runs,
            'navigation': args.navigation,
            **ratios,
            'seconds': {'kamerstuk': ours, 'plain': plain},
        }
        args.json.write_text(json.dumps(data, indent=2) + '\n', encoding='utf-8')
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    met = all(ratios[key] <= goal for key, goal in GOALS.items()) and ours['full_j2'] < ours['full']
    return 0 if met else 1


if __name__ == '__main__':
    raise SystemExit(main())
