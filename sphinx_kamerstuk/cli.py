"""The ``sphinx-kamerstuk`` command.

Each subcommand is a pair of functions: one adds its parser and options, the other runs
it and returns the exit status. Nothing here imports Sphinx, so the command starts fast.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from typing import TYPE_CHECKING

from sphinx_kamerstuk import __version__
from sphinx_kamerstuk.check import check
from sphinx_kamerstuk.citations import STYLES

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

    from sphinx_kamerstuk.check import Report

PROG = 'sphinx-kamerstuk'
#: Exit statuses: clean, something found (and not fixed), the command could not run.
CLEAN, FOUND, USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else USAGE
    if args.run is None:
        parser.print_help(sys.stderr)
        return USAGE
    return args.run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description='Tools for documents that cite Dutch parliamentary papers.'
    )
    parser.add_argument('--version', action='version', version=f'{PROG} {__version__}')
    parser.set_defaults(run=None)
    commands = parser.add_subparsers(title='commands', metavar='COMMAND')
    _add_check(commands)
    return parser


# --- check ------------------------------------------------------------------------------


def _add_check(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        'check',
        help='find references written as plain text and citation roles that cannot be read',
        description=(
            'Find references written as plain text instead of a citation role, and citation '
            'roles whose reference cannot be read, in .rst, .md and .txt files.'
        ),
    )
    parser.add_argument('paths', nargs='+', metavar='PATH', help='a file or directory to scan')
    parser.add_argument(
        '--fix', action='store_true', help='write plain references as roles, in place'
    )
    parser.add_argument(
        '--format', choices=('text', 'json'), default='text', help='output format (text)'
    )
    parser.add_argument(
        '--style',
        choices=STYLES,
        default='aanwijzingen',
        help='the citation style messages show references in (aanwijzingen)',
    )
    parser.set_defaults(run=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    try:
        report = check(args.paths, style=args.style, fix=args.fix)
    except OSError as exc:
        where = f'{exc.filename}: ' if exc.filename else ''
        _say(f'{PROG} check: {where}{exc.strerror or exc}', sys.stderr)
        return USAGE
    try:
        if args.format == 'json':
            _say(_json(report))
        else:
            _print_text(report, fix=args.fix)
    except BrokenPipeError:  # piped into head, which stopped reading: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return FOUND if any(not finding.fixed for finding in report.findings) else CLEAN


def _json(report: Report) -> str:
    document = {
        'findings': [dataclasses.asdict(finding) for finding in report.findings],
        'files_scanned': report.files_scanned,
    }
    return json.dumps(document, indent=2)


def _print_text(report: Report, *, fix: bool) -> None:
    """Findings on stdout, one a line, for editors and CI; the count on stderr."""
    for finding in report.findings:
        mark = ' (fixed)' if finding.fixed else ''
        _say(f'{finding.path}:{finding.line}:{finding.column}: {finding.message}{mark}')
    summary = f'{_count(report.files_scanned, "file")} scanned, '
    summary += _count(len(report.findings), 'finding') if report.findings else 'nothing found'
    if fix and report.findings:
        summary += f', {sum(finding.fixed for finding in report.findings)} fixed'
    _say(summary, sys.stderr)


def _count(number: int, noun: str) -> str:
    return f'{number} {noun}' + ('' if number == 1 else 's')


def _say(text: str, stream: TextIO | None = None) -> None:
    """The command's output: stdout for results, stderr for the rest."""
    print(text, file=stream or sys.stdout)
