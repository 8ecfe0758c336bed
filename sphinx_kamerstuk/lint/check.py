"""``sphinx-kamerstuk check``: scan every source, and with ``--fix`` write each plain
reference as a role, where docutils reads the fixed text as it read the old one."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.lint.scan import apply_fixes, issue_span, scan
from sphinx_kamerstuk.lint.sources import (
    SkipFile,
    Skipped,
    find_sources,
    read_source,
    write_source,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from sphinx_kamerstuk.core.citations import Style
    from sphinx_kamerstuk.lint.markup import IssueKind, Syntax
    from sphinx_kamerstuk.lint.scan import Issue
    from sphinx_kamerstuk.lint.sources import Source

__all__ = ['CheckFailed', 'Finding', 'Report', 'check', 'with_roles']

_NOT_FIXED_BY_DOCUTILS = _('docutils would read the text around it differently with a role there')
_NOT_FIXED_UNTRIED = _(
    'other fixes in this file failed the docutils check, which gave up before trying this '
    'one; mark those up and run again'
)
#: Parses of one file ``--fix`` may spend finding the fixes that fail: time stays linear.
_PROOF_BUDGET = 16
_NOT_FIXED_TOO_DEEP = _('docutils cannot read a document nested this deep')
_NOT_FIXED_WITHOUT_MYST = _('install myst-parser, which --fix needs to check a fix in Markdown')


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding in a file; 1-based lines and columns, the end column exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    kind: IssueKind
    message: str
    text: str
    suggestion: str | None
    fixed: bool
    #: A toezegging's termijn as the sentence words it, and the day the rules give it.
    termijn: str | None = None
    termijn_datum: str | None = None


class Report(NamedTuple):
    findings: list[Finding]
    files_scanned: int
    skipped: list[Skipped]
    #: The files ``--fix`` rewrote.
    changed: list[str]


class CheckFailed(Exception):
    """A file could not be read or written; ``changed`` lists the files already fixed."""

    def __init__(self, error: OSError, changed: list[str]) -> None:
        super().__init__(str(error))
        self.error = error
        self.changed = changed


def check(
    paths: Sequence[str],
    *,
    style: Style = 'aanwijzingen',
    fix: bool = False,
    toezeggingen: bool = False,
) -> Report:
    """Scan every source under ``paths``; with ``fix``, write plain references as roles;
    with ``toezeggingen``, also find sentences that make a toezegging none records.

    File by file: read, scan, and write right away, so a file is replaced only while it
    still holds what was read. Raises :class:`OSError` for a path that does not exist,
    before anything is read, and :class:`CheckFailed` for a file that cannot be read or
    written.
    """
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    changed: list[str] = []
    scanned = 0
    for path, real in find_sources(paths, skipped):
        try:
            source = read_source(path, real)
        except SkipFile as exc:
            skipped.append(Skipped(str(path), str(exc)))
            continue
        except OSError as exc:
            raise CheckFailed(exc, changed) from exc
        scanned += 1
        syntax: Syntax = 'md' if path.suffix.lower() == '.md' else 'rst'
        issues = scan(source.text, syntax, style)
        fixes = [issue for issue in issues if issue.fixable] if fix else []
        if fixes:
            try:
                issues, fixes = _docutils_checked(source.text, syntax, issues, fixes)
            except RecursionError:  # docutils reads nested blocks by recursion
                skipped.append(Skipped(str(path), _('not fixed: %s') % _NOT_FIXED_TOO_DEEP))
                fixes = []
        if fixes:
            try:
                write_source(source, apply_fixes(source.text, fixes))
            except SkipFile as exc:
                skipped.append(Skipped(str(path), _('not fixed: %s') % exc))
                fixes = []
            except OSError as exc:
                raise CheckFailed(exc, changed) from exc
            else:
                changed.append(str(path))
        findings += _findings(source, issues, set(fixes))
        if toezeggingen:
            findings += _commitments(source, syntax)
    findings.sort(key=lambda finding: (finding.path, finding.line, finding.column))
    return Report(findings, scanned, skipped, changed)


def with_roles(text: str, syntax: Syntax = 'rst') -> str:
    """``text`` with every plain reference written as a role, as ``check --fix`` writes
    them: only where docutils reads the fixed text as it read the old one."""
    issues = scan(text, syntax)
    fixes = [issue for issue in issues if issue.fixable]
    if not fixes:
        return text
    try:
        _issues, fixes = _docutils_checked(text, syntax, issues, fixes)
    except RecursionError:
        return text
    return apply_fixes(text, fixes)


def _docutils_checked(
    text: str, syntax: Syntax, issues: list[Issue], fixes: list[Issue]
) -> tuple[list[Issue], list[Issue]]:
    """The issues, and the fixes docutils reads as roles and nothing else changed; the
    other fixes become reports. Halves the fixes until each part passes."""
    from sphinx_kamerstuk.lint.proof import shape  # only --fix needs docutils

    try:
        tree, roles = shape(text, syntax)
    except ImportError:  # no myst-parser, so no proof: nothing fixed in Markdown
        return _refused(issues, set(fixes), _NOT_FIXED_WITHOUT_MYST), []

    def keeps(part: list[Issue]) -> bool:
        return shape(apply_fixes(text, part), syntax) == (tree, roles + len(part))

    accepted: list[Issue] = []
    refused: list[Issue] = []
    parts = [fixes]
    for _attempt in range(_PROOF_BUDGET):
        if not parts:
            break
        part = parts.pop()
        if keeps(part):
            accepted += part
        elif len(part) > 1:
            parts += [part[len(part) // 2 :], part[: len(part) // 2]]
        else:
            refused += part
    if len(accepted) < len(fixes) and accepted and not keeps(accepted):
        refused, accepted = refused + accepted, []
    untried = set(fixes) - set(accepted) - set(refused)
    issues = _refused(issues, set(refused), _NOT_FIXED_BY_DOCUTILS)
    issues = _refused(issues, untried, _NOT_FIXED_UNTRIED)
    return issues, sorted(accepted, key=issue_span)


def _refused(issues: list[Issue], refused: set[Issue], reason: str) -> list[Issue]:
    """``issues`` with the ``refused`` ones no longer fixable, saying why."""
    return [
        issue._replace(
            fixable=False, message=issue.message + _('; mark it up by hand: %s') % reason
        )
        if issue in refused
        else issue
        for issue in issues
    ]


def _positions(text: str) -> Callable[[int], tuple[int, int]]:
    """The 1-based line and column of an offset in ``text``."""
    line_starts = [0] + [match.end() for match in re.finditer('\n', text)]

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1] + 1

    return position


def _commitments(source: Source, syntax: Syntax) -> Iterator[Finding]:
    from sphinx_kamerstuk.lint.commitments import untracked

    found = untracked(source.text, syntax)
    position = _positions(source.text) if found else None
    for sentence in found:
        assert position is not None
        day = sentence.deadline.isoformat() if sentence.deadline else None
        if sentence.termijn:
            message = _(
                'a sentence that makes a toezegging no toezegging in this document records '
                '(termijn %(termijn)r, %(day)s)'
            ) % {
                'termijn': sentence.termijn,
                'day': day or _("no date without the letter's :datum:"),
            }
        else:
            message = _(
                'a sentence that makes a toezegging no toezegging in this document records '
                '(no termijn)'
            )
        yield Finding(
            str(source.path),
            *position(sentence.start),
            *position(sentence.end),
            'toezegging',
            message,
            sentence.sentence,
            None,
            False,
            sentence.termijn or None,
            day,
        )


def _findings(source: Source, issues: list[Issue], fixed: set[Issue]) -> Iterator[Finding]:
    text = source.text
    if not issues:
        return
    position = _positions(text)
    for issue in issues:
        yield Finding(
            str(source.path),
            *position(issue.start),
            *position(issue.end),
            issue.kind,
            issue.message,
            text[issue.start : issue.end],
            issue.suggestion,
            issue in fixed,
        )
