"""Build a ministry project with sphinx-kamerstuk, with plain sphinx-needs, and without either.

``python benchmarks/run.py [--n N] [--runs R] [--json FILE]`` generates (``project.py``) N
letters, 3×N toezeggingen and 5 table pages in three twins: ours, the peer (the same
project in plain sphinx-needs) and plain Sphinx. It times, as medians of R runs: a full
build with ``-j 1`` and ``-j 2``, a no-change rebuild, a rebuild after one letter is edited
(its ``:vervult:`` changes, so tables change; a stale table fails the run), ``-b
kamerstuk``, and the peak memory of a full ``-j 1`` build. It prints a table; ``--json``
also writes the figures and the ratios to plain Sphinx (``full_ratio``, ...) and to the
peer (``peer_full_ratio``, ``peer_noop_ratio``, ``peer_edit_ratio``). It exits 1 when a
goal (``GOALS``) is missed, and says which.

``python benchmarks/run.py --scale [--plot FILE.svg]`` builds N = 250 … 4000 letters in
each twin and prints full-build time and peak memory against N with the fitted exponent
(1.0 is linear), and a build of ours with a 10 000-entry register; ``--plot`` draws it
(needs matplotlib: ``pip install -e '.[benchmark]'``).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from project import VARIANTS, generate

#: Run inside a fresh interpreter: one build, then its wall time and peak memory.
_BUILD = """
import resource, sys, time
from sphinx.cmd.build import build_main
start = time.perf_counter()
status = build_main(sys.argv[1:])
seconds = time.perf_counter() - start
print(f'{status} {seconds:.4f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}')
"""
#: The largest allowed value of each figure (docs/performance.rst).
GOALS = {
    'full_ratio': 1.0,
    'noop_ratio': 1.5,
    'edit_ratio': 1.5,
    'j2_speedup': 0.85,
    'memory_ratio': 1.2,
    'peer_full_ratio': 1.0,
    'peer_noop_ratio': 1.0,
    'peer_edit_ratio': 1.0,
}
SCALE = (250, 500, 1000, 2000, 4000)
#: The largest allowed fitted exponent of ours' full-build time against N.
SCALE_GOAL = 1.1


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
    if variant != 'plain':
        match = re.search(r'(:vervult: )([^,\n]+)', text)
        ids = (match[2], f'TZ2026{round_ % 12 + 1:02d}-{round_:03d}')
        text = text[: match.start(2)] + ids[1] + text[match.end(2) :]
    text += f'\nBijgewerkt in ronde {round_}.\n'
    letter.write_text(text, encoding='utf-8')
    return ids


def tables_right(out: Path, old: str, new: str) -> bool:
    """After the edit, every summary table must show brief0001 against the new id and no
    longer against the old one: a fast rebuild that shows stale tables does not count."""
    seen = 0
    for page in sorted(out.glob('overzicht*.html')):
        rows = re.findall(
            r'<tr class="(?:need )?row-(?:odd|even)"[^>]*>(.*?)</tr>',
            page.read_text('utf-8'),
            re.DOTALL,
        )
        for row in rows:
            first = re.search(r'#(TZ[\d-]+)"', row)
            if first and first[1] in (old, new) and old != new:
                seen += 1
                if ('brieven/brief0001.html' in row) != (first[1] == new):
                    return False
    if not seen:
        raise SystemExit(f'no summary table shows {old} or {new}')
    return True


def measure(root: Path, variant: str, runs: int) -> dict[str, float]:
    src = root / variant
    figures: dict[str, list[float]] = {
        name: [] for name in ('full', 'full_j2', 'noop', 'edit', 'edit_stale', 'memory', 'report')
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
        seconds = build(src, out)[0]
        if edited and not tables_right(out, *edited):
            # sphinx-needs leaves a needtable on another page stale (sphinx-needs #354):
            # its users rebuild everything (-E) to get the tables right.
            figures['edit_stale'].append(seconds)
            seconds = build(src, out, '-E')[0]
            if not tables_right(out, *edited):
                raise SystemExit(f'{variant}: a summary table is stale after the edit')
        figures['edit'].append(seconds)
        if variant == 'kamerstuk':
            report = root / 'out-report'
            shutil.rmtree(report, ignore_errors=True)
            figures['report'].append(build(src, report, builder='kamerstuk')[0])
    return {key: statistics.median(values) for key, values in figures.items() if values}


def ratios(figures: dict[str, dict[str, float]]) -> dict[str, float]:
    ours, plain, peer = (figures[variant] for variant in VARIANTS)
    return {
        'full_ratio': ours['full'] / plain['full'],
        'full_j2_ratio': ours['full_j2'] / plain['full_j2'],
        'noop_ratio': ours['noop'] / plain['noop'],
        'edit_ratio': ours['edit'] / plain['edit'],
        'memory_ratio': ours['memory'] / plain['memory'],
        'j2_speedup': ours['full_j2'] / ours['full'],
        'peer_full_ratio': ours['full'] / peer['full'],
        'peer_noop_ratio': ours['noop'] / peer['noop'],
        'peer_edit_ratio': ours['edit'] / peer['edit'],
    }


def print_table(n: int, runs: int, figures: dict[str, dict[str, float]]) -> None:
    ours, plain, peer = (figures[variant] for variant in VARIANTS)
    rows = [
        ('full build -j 1', 'full', 's'),
        ('full build -j 2', 'full_j2', 's'),
        ('no-change rebuild', 'noop', 's'),
        ('one letter edited', 'edit', 's'),
        ('peak memory (-j 1)', 'memory', 'MB'),
    ]
    print(f'N = {n} letters, {3 * n} toezeggingen, medians of {runs} runs')
    print(f'{"":20}{"ours":>10}{"plain":>10}{"peer":>10}{"/plain":>9}{"/peer":>8}')
    for label, key, unit in rows:
        print(
            f'{label:20}{ours[key]:>8.2f}{unit:>2}{plain[key]:>8.2f}{unit:>2}'
            f'{peer[key]:>8.2f}{unit:>2}{ours[key] / plain[key]:>8.2f}×'
            f'{ours[key] / peer[key]:>7.2f}×'
        )
    print(f'{"-b kamerstuk":20}{ours["report"]:>8.2f} s')
    if 'edit_stale' in peer:
        print(
            f'the peer left its tables stale after the edit in {peer["edit_stale"]:.2f} s;'
            ' its edit figure is the -E rebuild that gets them right'
        )
    print(f'-j 2 / -j 1 (ours): {ours["full_j2"] / ours["full"]:.2f}')


def missed(found: dict[str, float]) -> list[str]:
    return [
        f'{key} = {found[key]:.2f}, goal ≤ {goal}'
        for key, goal in GOALS.items()
        if found[key] > goal
    ]


def exponent(ns: list[int], values: list[float]) -> float:
    """The slope of log(value) against log(N): 1.0 is linear, 2.0 quadratic."""
    slope, _ = statistics.linear_regression(
        [math.log(n) for n in ns], [math.log(v) for v in values]
    )
    return slope


def with_register(root: Path, n: int, entries: int) -> tuple[float, int]:
    """A full build of ours with a register of ``entries`` toezeggingen, its tables
    filtered to the open ones."""
    from register import write_pages

    from sphinx_kamerstuk.cli.commands import main as cli

    generate(root, n, 3 * n)
    src = root / 'kamerstuk'
    pages = write_pages(root, entries)
    if cli(['import-tk', *pages, '-o', str(src / 'tk.json')]):
        raise SystemExit('import-tk failed')
    with (src / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write("kamerstuk_registers = ['tk.json']\n")
    for page in sorted(src.glob('overzicht*.rst')):
        text = page.read_text(encoding='utf-8')
        page.write_text(
            text.replace('.. toezeggingen::\n', '.. toezeggingen::\n   :status: openstaand\n', 1),
            encoding='utf-8',
        )
    out = root / 'out-register'
    shutil.rmtree(out, ignore_errors=True)
    return build(src, out, '-j', '1')


def scale(root: Path, runs: int, plot: Path | None) -> int:
    found: dict[str, dict[str, list[float]]] = {
        variant: {'seconds': [], 'memory': []} for variant in VARIANTS
    }
    print(f'{"N":>6}' + ''.join(f'{variant:>22}' for variant in VARIANTS))
    for n in SCALE:
        generate(root, n, 3 * n)
        cells = []
        for variant in VARIANTS:
            timings = []
            for _ in range(runs):
                out = root / f'out-{variant}'
                shutil.rmtree(out, ignore_errors=True)
                timings.append(build(root / variant, out, '-j', '1'))
            seconds = statistics.median(t[0] for t in timings)
            memory = statistics.median(t[1] for t in timings) / 1024
            found[variant]['seconds'].append(seconds)
            found[variant]['memory'].append(memory)
            cells.append(f'{seconds:>9.2f} s {memory:>7.0f} MB')
        print(f'{n:>6}' + ''.join(f'{cell:>22}' for cell in cells), flush=True)
    ns = list(SCALE)
    exponents = {variant: exponent(ns, found[variant]['seconds']) for variant in VARIANTS}
    print('fitted exponent of time: ' + ', '.join(f'{v} {e:.2f}' for v, e in exponents.items()))
    memory_exponents = {variant: exponent(ns, found[variant]['memory']) for variant in VARIANTS}
    print(
        'fitted exponent of memory: '
        + ', '.join(f'{v} {e:.2f}' for v, e in memory_exponents.items())
    )
    register_seconds, register_peak = with_register(root / 'register', 1000, 10_000)
    print(
        f'N = 1000 with a 10 000-entry register, tables of open entries: {register_seconds:.2f} s, {register_peak / 1024:.0f} MB'
    )
    if plot:
        draw(plot, ns, found, exponents)
    if exponents['kamerstuk'] > SCALE_GOAL:
        print(f'goal missed: fitted exponent {exponents["kamerstuk"]:.2f}, goal ≤ {SCALE_GOAL}')
        return 1
    return 0


def draw(
    path: Path, ns: list[int], found: dict[str, dict[str, list[float]]], exponents: dict[str, float]
) -> None:
    """An SVG of build time and peak memory against N, the same bytes for the same figures."""
    import matplotlib

    matplotlib.use('svg')
    import matplotlib.pyplot as plt
    from matplotlib import ticker

    plt.rcParams['svg.hashsalt'] = 'sphinx-kamerstuk'
    plt.rcParams['svg.fonttype'] = 'none'  # text stays text: small, and searchable
    names = {
        'kamerstuk': 'sphinx-kamerstuk',
        'plain': 'plain Sphinx',
        'needs': 'plain sphinx-needs',
    }
    figure, (time_axis, memory_axis) = plt.subplots(1, 2, figsize=(9, 3.6), layout='constrained')
    for variant in VARIANTS:
        label = f'{names[variant]} (exponent {exponents[variant]:.2f})'
        time_axis.plot(ns, found[variant]['seconds'], marker='o', label=label)
        memory_axis.plot(ns, found[variant]['memory'], marker='o', label=names[variant])
    for axis, title in ((time_axis, 'full build (s)'), (memory_axis, 'peak memory (MB)')):
        axis.set_xscale('log')
        axis.set_yscale('log')
        axis.set_xticks(ns, [str(n) for n in ns])
        axis.xaxis.set_minor_formatter(ticker.NullFormatter())
        axis.yaxis.set_major_locator(ticker.LogLocator(subs=(1, 2, 5)))
        axis.yaxis.set_major_formatter(ticker.ScalarFormatter())
        axis.yaxis.set_minor_formatter(ticker.NullFormatter())
        axis.set_xlabel('letters (toezeggingen: 3 × N)')
        axis.set_title(title)
        axis.grid(True, which='both', alpha=0.3)
    time_axis.legend(fontsize='small')
    figure.savefig(path, format='svg', metadata={'Date': None})
    print(f'plot: {path}')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--n', type=int, default=1000, help='letters (toezeggingen: 3 × N)')
    parser.add_argument('--runs', type=int, help='runs per figure (3; with --scale 1)')
    parser.add_argument('--json', type=Path)
    parser.add_argument('--keep', type=Path, help='generate and build here, and keep it')
    parser.add_argument('--scale', action='store_true', help=f'full builds at N = {SCALE}')
    parser.add_argument('--plot', type=Path, help='with --scale: draw the figures as SVG')
    parser.add_argument(
        '--navigation',
        action='store_true',
        help="keep alabaster's global table of contents in every page's sidebar (O(N²))",
    )
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix='kamerstuk-bench-'))
    started = time.perf_counter()
    try:
        if args.scale:
            return scale(root, args.runs or 1, args.plot)
        generate(root, args.n, 3 * args.n, navigation=args.navigation)
        runs = args.runs or 3
        figures = {variant: measure(root, variant, runs) for variant in VARIANTS}
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    found = ratios(figures)
    print_table(args.n, runs, figures)
    print(f'took {time.perf_counter() - started:.0f} s')
    if args.json:
        data = {
            'n': args.n,
            'runs': runs,
            'navigation': args.navigation,
            **found,
            'seconds': figures,
        }
        args.json.write_text(json.dumps(data, indent=2) + '\n', encoding='utf-8')
    failures = missed(found)
    for failure in failures:
        print(f'goal missed: {failure}')
    return 1 if failures else 0


if __name__ == '__main__':
    raise SystemExit(main())
