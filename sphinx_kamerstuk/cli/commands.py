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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_kamerstuk import __version__
from sphinx_kamerstuk.cli import project
from sphinx_kamerstuk.cli.conf_values import project_style
from sphinx_kamerstuk.cli.letters import add_import_brief
from sphinx_kamerstuk.core.citations import STYLES
from sphinx_kamerstuk.core.files import NotReadable, read_regular
from sphinx_kamerstuk.core.i18n import _, ngettext
from sphinx_kamerstuk.core.register_file import (
    MAX_BYTES,
    RegisterError,
    load_for,
    merge,
    write,
)
from sphinx_kamerstuk.importers import ek, tk, tk_online
from sphinx_kamerstuk.importers.source import SourceError, printable
from sphinx_kamerstuk.lint.check import CheckFailed, check

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

    from sphinx_kamerstuk.core.register_file import Bron, Entry, Register
    from sphinx_kamerstuk.lint.check import Finding, Report

PROG = 'sphinx-kamerstuk'
#: Exit statuses: clean, something found (and not fixed), the command could not run.
CLEAN, FOUND, USAGE = 0, 1, 2
#: The most --timeout and --deadline allow: a day.
MAX_SECONDS = 86400.0


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
    _add_init(commands)
    _add_check(commands)
    _add_import_tk(commands)
    _add_import_ek(commands)
    add_import_brief(commands)
    return parser


# --- init -------------------------------------------------------------------------------


def _add_init(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        'init',
        help='create a documentation project for Kamerbrieven and toezeggingen',
        description=(
            'Create a ready documentation project in DIR: conf.py, an example letter, a '
            'toezeggingen page, a Makefile and CI files for GitHub Actions and GitLab CI. '
            'Existing files are never overwritten. Without --ministerie the command asks, '
            'on a terminal only.'
        ),
    )
    parser.add_argument('directory', type=Path, metavar='DIR', help='where the project goes')
    parser.add_argument('--ministerie', help='"Ministerie van Buitenlandse Zaken"')
    parser.add_argument('--retouradres', default='', help='"Postbus 20061 2500 EB Den Haag" (none)')
    parser.add_argument('--titel', default='', help='the title (Kamerbrieven MINISTERIE)')
    parser.set_defaults(run=_run_init)


def _run_init(args: argparse.Namespace) -> int:
    if args.ministerie is None:
        if not sys.stdin.isatty():
            _say(
                f'{PROG} init: ' + _('give --ministerie (there is no terminal to ask on)'),
                sys.stderr,
            )
            return USAGE
        try:
            args.ministerie = input('Ministerie (Ministerie van Buitenlandse Zaken): ')
            args.retouradres = input('Retouradres (Postbus 20061 2500 EB Den Haag): ')
            args.titel = input('Titel (Kamerbrieven <ministerie>): ')
        except (EOFError, KeyboardInterrupt):
            _say('', sys.stderr)
            return USAGE
    try:
        answers = project.Answers(args.ministerie, args.retouradres, args.titel)
        written = project.create(args.directory, answers)
    except project.InitError as exc:
        _say(f'{PROG} init: {exc}', sys.stderr)
        return USAGE
    except OSError as exc:
        where = f'{exc.filename}: ' if exc.filename else ''
        _say(f'{PROG} init: {where}{exc.strerror or exc}', sys.stderr)
        return USAGE
    for path in written:
        _say(_('written: %s') % path)
    _say(
        _(
            'Next: cd %s, pip install -r requirements.txt, make html '
            '(make latexpdf for the PDFs, make kamerstuk for the reports).'
        )
        % args.directory
    )
    return CLEAN


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
        '--toezeggingen',
        action='store_true',
        help='also find sentences that make a toezegging no toezegging directive records',
    )
    parser.add_argument(
        '--format', choices=('text', 'json'), default='text', help='output format (text)'
    )
    parser.add_argument(
        '--style',
        choices=STYLES,
        default=None,
        help=(
            "the citation style messages show references in: the project's "
            'kamerstuk_citeerstijl (read from its conf.py, which is not run), or aanwijzingen'
        ),
    )
    parser.set_defaults(run=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    try:
        style = args.style or project_style(args.paths) or 'aanwijzingen'
        report = check(args.paths, style=style, fix=args.fix, toezeggingen=args.toezeggingen)
    except OSError as exc:  # a path that does not exist: nothing was read
        where = f'{exc.filename}: ' if exc.filename else ''
        _say(f'{PROG} check: {where}{exc.strerror or exc}', sys.stderr)
        return USAGE
    except CheckFailed as exc:
        where = f'{exc.error.filename}: ' if exc.error.filename else ''
        _say(f'{PROG} check: {where}{exc.error.strerror or exc.error}', sys.stderr)
        if args.fix:
            _say(_changed(exc.changed), sys.stderr)
        return USAGE
    try:
        if args.format == 'json':
            _say(_json(report))
        else:
            _print_text(report, fix=args.fix)
    except BrokenPipeError:  # piped into head, which stopped reading: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    unfixed = any(not finding.fixed for finding in report.findings)
    return FOUND if unfixed or report.skipped else CLEAN


def _changed(paths: list[str]) -> str:
    if not paths:
        return f'{PROG} check: ' + _('no file was changed')
    return f'{PROG} check: ' + _('changed before the error: %s') % ', '.join(paths)


def _json(report: Report) -> str:
    document = {
        'findings': [_finding_json(finding) for finding in report.findings],
        'files_scanned': report.files_scanned,
        'skipped': [skipped._asdict() for skipped in report.skipped],
    }
    return json.dumps(document, indent=2)


def _finding_json(finding: Finding) -> dict[str, object]:
    """A finding's fields; the termijn ones only for a toezegging."""
    fields = dataclasses.asdict(finding)
    if finding.kind != 'toezegging':
        del fields['termijn'], fields['termijn_datum']
    return fields


def _print_text(report: Report, *, fix: bool) -> None:
    """Findings on stdout, one a line, for editors and CI; skipped files and the count on
    stderr."""
    for finding in report.findings:
        mark = ' ' + _('(fixed)') if finding.fixed else ''
        _say(f'{finding.path}:{finding.line}:{finding.column}: {finding.message}{mark}')
    for skipped in report.skipped:
        _say(f'{skipped.path}: ' + _('skipped: %s') % skipped.reason, sys.stderr)
    scanned = report.files_scanned
    summary = ngettext('%d file scanned', '%d files scanned', scanned) % scanned
    found = len(report.findings)
    summary += ', ' + (
        ngettext('%d finding', '%d findings', found) % found if found else _('nothing found')
    )
    if fix and report.findings:
        summary += ', ' + _('%d fixed') % sum(finding.fixed for finding in report.findings)
    if report.skipped:
        left = len(report.skipped)
        summary += ', ' + ngettext('%d file skipped', '%d files skipped', left) % left
    _say(summary, sys.stderr)


def _say(text: str, stream: TextIO | None = None) -> None:
    """The command's output: stdout for results, stderr for the rest."""
    print(text, file=stream or sys.stdout)


# --- import-tk and import-ek --------------------------------------------------------------


def _add_import_tk(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        'import-tk',
        help="read the Tweede Kamer's toezeggingen into a register file",
        description=(
            "Read the Tweede Kamer's toezeggingen from saved OData JSON pages, SyncFeed XML "
            'files or, with --online, the Gegevensmagazijn, into one register file.'
        ),
    )
    parser.add_argument(
        'sources', nargs='*', metavar='SOURCE', help='an OData JSON page or SyncFeed XML file'
    )
    _add_output(parser)
    parser.add_argument(
        '--incremental',
        action='store_true',
        help='the sources hold changes only: keep the entries they do not mention as they are',
    )
    online = parser.add_argument_group('reading the Gegevensmagazijn')
    online.add_argument('--online', action='store_true', help='read the OData endpoint')
    online.add_argument(
        '--base', default=tk_online.BASE, metavar='URL', help=f'the OData base ({tk_online.BASE})'
    )
    online.add_argument(
        '--ministerie', default='', help='only this Ministerie, as the Kamer writes it'
    )
    online.add_argument('--status', default='', help='only this Status, such as Openstaand')
    online.add_argument(
        '--bewindspersoon', default='', metavar='NAAM', help='only names containing NAAM'
    )
    online.add_argument(
        '--sinds',
        type=_iso_date,
        metavar='YYYY-MM-DD',
        help='only what changed since that day (Dutch time); implies --incremental',
    )
    online.add_argument(
        '--timeout',
        type=_seconds,
        default=30.0,
        metavar='SECONDS',
        help='per request, to its last byte (30)',
    )
    online.add_argument(
        '--deadline',
        type=_seconds,
        default=tk_online.DEADLINE,
        metavar='SECONDS',
        help=f'for the whole import, waits included ({tk_online.DEADLINE:g})',
    )
    parser.set_defaults(run=_run_import_tk)


def _run_import_tk(args: argparse.Namespace) -> int:
    narrowed = args.ministerie or args.status or args.bewindspersoon or args.sinds
    if not args.online and (narrowed or not args.sources):
        problem = (
            _('filters need --online') if narrowed else _('give SOURCE files, --online, or both')
        )
        _say(f'{PROG} import-tk: {problem}', sys.stderr)
        return USAGE
    before = _contents(args.output)
    try:
        existing = load_for(args.output, 'tk')
        rows = _fetch_tk(args) if args.online else []
        for source in args.sources:
            rows += tk.read(Path(source))
        known = {e.guid: e.nummer for e in existing.entries if e.guid} if existing else {}
        found = tk.select(rows, known)
    except (SourceError, RegisterError) as exc:
        _say(f'{PROG} import-tk: {exc}', sys.stderr)
        return USAGE
    if not rows:
        _say(f'{PROG} import-tk: ' + _('warning: no toezeggingen found'), sys.stderr)
    for warning in found.warnings:
        _say(printable(f'{PROG} import-tk: ' + _('warning: %s') % warning), sys.stderr)
    if found.deleted:
        # the SyncFeed's own word, in either language (docs/register.rst)
        _say(printable(f'{len(found.deleted)} verwijderd: {", ".join(found.deleted)}'))
    complete = not (args.incremental or args.sinds)
    return _save(args, 'tk', (before, existing), found.entries, complete, frozenset(found.deleted))


def _fetch_tk(args: argparse.Namespace) -> list[tk.Row]:
    selection = tk_online.Filter(args.ministerie, args.status, args.bewindspersoon, args.sinds)
    return tk_online.fetch(
        tk_online.query_url(args.base, selection),
        timeout=args.timeout,
        deadline=args.deadline,
        progress=_progress if sys.stderr.isatty() else None,
    )


def _progress(page: int, count: int) -> None:
    _say(_('page %d') % page + ', ' + _toezeggingen(count), sys.stderr)


def _add_import_ek(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        'import-ek',
        help="read the Eerste Kamer's toezeggingen from a table into a register file",
        description=(
            "Read the Eerste Kamer's toezeggingen from a CSV or JSON file in the layout of "
            'the documentation (Registers of the Kamer) into one register file.'
        ),
    )
    parser.add_argument('file', type=Path, metavar='FILE', help='a CSV or JSON file')
    _add_output(parser)
    parser.set_defaults(run=_run_import_ek)


def _run_import_ek(args: argparse.Namespace) -> int:
    before = _contents(args.output)
    try:
        existing = load_for(args.output, 'ek')
        found = ek.read(args.file)
    except (SourceError, RegisterError) as exc:
        _say(f'{PROG} import-ek: {exc}', sys.stderr)
        return USAGE
    return _save(args, 'ek', (before, existing), found)


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        '-o',
        '--output',
        type=Path,
        required=True,
        metavar='REGISTER',
        help='the register file (JSON) to write; entries it has are kept',
    )


def _contents(path: Path) -> bytes | None:
    """The register file as the import starts; None when there is none (or it cannot be
    read, which reading it says)."""
    try:
        return read_regular(path, MAX_BYTES)[0]
    except (OSError, NotReadable):
        return None


def _save(
    args: argparse.Namespace,
    bron: Bron,
    read: tuple[bytes | None, Register | None],
    found: Sequence[Entry],
    complete: bool = True,
    deleted: frozenset[str] = frozenset(),
) -> int:
    """Merge into the register file and say what happened; the file changes only when
    its content does, and not when someone changed it while the import ran."""
    before, existing = read
    if _contents(args.output) != before:
        _say(
            f'{PROG} import-{bron}: '
            + _('%s changed while the import ran; not written (import again)') % args.output,
            sys.stderr,
        )
        return USAGE
    try:
        register, gone = merge(bron, existing, found, complete=complete, deleted=deleted)
        changed = write(args.output, register)
    except RegisterError as exc:
        _say(f'{PROG} import-{bron}: {exc}', sys.stderr)
        return USAGE
    except OSError as exc:
        _say(
            f'{PROG} import-{bron}: {args.output}: '
            + _('cannot write: %s') % (exc.strerror or exc),
            sys.stderr,
        )
        return USAGE
    if gone:
        _say(printable(_('no longer in the source: %s') % ', '.join(gone)))
    outcome = _('written') if changed else _('unchanged')
    _say(f'{args.output}: {outcome}, {_toezeggingen(len(register.entries))}')
    return CLEAN


def _toezeggingen(number: int) -> str:
    return ngettext('%d toezegging', '%d toezeggingen', number) % number


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_('%r is not a date (YYYY-MM-DD)') % text) from None


def _seconds(text: str) -> float:
    """A time limit: more than 0, at most a day (``inf`` would be no limit at all)."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            _('%(text)r is not a positive number of seconds, at most %(most)g')
            % {'text': text, 'most': MAX_SECONDS}
        )
    return seconds
