"""``sphinx-kamerstuk import-brief``: a Word letter, or its text export, as a page."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from sphinx_kamerstuk.core.files import write_atomic
from sphinx_kamerstuk.core.i18n import _, ngettext
from sphinx_kamerstuk.importers.source import printable

PROG = 'sphinx-kamerstuk import-brief'
CLEAN, USAGE = 0, 2


def add_import_brief(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        'import-brief',
        help='write a Word letter (.docx, or its text export) as a reST page',
        description=(
            'Read a Word letter (.docx), or the plain-text export of one, and write one reST '
            'page: a kamerbrief directive with the metadata found, the body with its '
            'headings, lists, tables, emphasis and footnotes, every reference as a citation '
            'role, and each sentence that makes a toezegging as a commented-out toezegging. '
            'What cannot be placed is kept as a comment and listed here. An existing page is '
            'never overwritten without --force.'
        ),
    )
    parser.add_argument('file', type=Path, metavar='FILE', help='the letter: .docx or .txt')
    parser.add_argument(
        '-o', '--output', type=Path, default=Path(), metavar='DIR', help='where the page goes (.)'
    )
    parser.add_argument('--force', action='store_true', help='replace an existing page')
    parser.set_defaults(run=run_import_brief)


def run_import_brief(args: argparse.Namespace) -> int:
    try:
        from sphinx_kamerstuk.importers.brief.convert import NotAWordLetter, convert, page_name

        converted = convert(args.file)
    except ImportError as exc:
        _say(_('%s needs the word extra: pip install "sphinx-kamerstuk[word]" (%s)') % (PROG, exc))
        return USAGE
    except NotAWordLetter as exc:
        _say(f'{PROG}: {printable(str(args.file))}: {exc}')
        return USAGE
    except OSError as exc:
        _say(f'{PROG}: {printable(str(args.file))}: {exc.strerror or exc}')
        return USAGE
    target = args.output / page_name(args.file)
    try:
        _write(target, converted.page.encode('utf-8'), force=args.force)
    except FileExistsError:
        _say(f'{PROG}: {target}: ' + _('exists; not overwritten (give --force to replace it)'))
        return USAGE
    except OSError as exc:
        _say(f'{PROG}: {target}: ' + _('cannot write: %s') % (exc.strerror or exc))
        return USAGE
    for line in converted.reported:
        _say(f'{target}: ' + printable(line))
    found = converted.commitments
    summary = f'{target}: ' + _('written')
    if found:
        summary += (
            ', '
            + ngettext(
                '%d toezegging found, written as a comment to check',
                '%d toezeggingen found, written as comments to check',
                found,
            )
            % found
        )
    _say(summary, sys.stdout)
    return CLEAN


def _write(target: Path, data: bytes, *, force: bool) -> None:
    """Write the page at once; never through a symlink, and without ``force`` never over
    a file, not even one made while the import ran (a hard link fails if one exists)."""
    if target.is_symlink():
        raise OSError(_('is a symbolic link; not written through it'))
    if force:
        write_atomic(target, data)
        return
    if target.exists():
        raise FileExistsError(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f'.{target.name}.', suffix='.tmp')
    try:
        with os.fdopen(handle, 'wb') as file:
            file.write(data)
        Path(name).chmod(0o644)
        os.link(name, target)
    finally:
        Path(name).unlink(missing_ok=True)


def _say(text: str, stream: TextIO | None = None) -> None:
    """Results on stdout, the rest on stderr."""
    (stream or sys.stderr).write(text + '\n')
