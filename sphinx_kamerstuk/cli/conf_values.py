"""A value from a Sphinx project's ``conf.py``, read without running it: the file is
parsed (``ast``), never executed, and only a plain literal assignment counts."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_kamerstuk.core.citations import STYLES
from sphinx_kamerstuk.core.files import NotReadable, read_regular

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx_kamerstuk.core.citations import Style

#: How far up from a path the project's ``conf.py`` is looked for.
_LEVELS = 8
#: A conf.py larger than this is not read (``conf.py`` files are a few kilobytes).
_MAX_BYTES = 1_000_000


def project_conf(paths: Sequence[str]) -> Path | None:
    """The ``conf.py`` of the project the first path lies in: in its folder or above."""
    if not paths:
        return None
    start = Path(paths[0]).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in [folder, *folder.parents][:_LEVELS]:
        conf = candidate / 'conf.py'
        if conf.is_file():
            return conf
    return None


def literal_value(conf: Path, name: str) -> object:
    """What ``conf.py`` assigns to ``name`` at its top level, if it is a literal (the last
    such assignment); ``None`` otherwise, and for a file that cannot be read or parsed."""
    try:
        source, _status = read_regular(conf, _MAX_BYTES)
        tree = ast.parse(source, filename=str(conf))
    except (OSError, NotReadable, SyntaxError, ValueError):
        return None
    value = None
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            targets, expression = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, expression = [statement.target], statement.value
        else:
            continue
        if any(isinstance(target, ast.Name) and target.id == name for target in targets):
            try:
                value = ast.literal_eval(expression)
            except ValueError:
                value = None
    return value


def project_style(paths: Sequence[str]) -> Style | None:
    """The project's ``kamerstuk_citeerstijl``, when its ``conf.py`` sets a valid one."""
    conf = project_conf(paths)
    value = literal_value(conf, 'kamerstuk_citeerstijl') if conf else None
    return next((style for style in STYLES if style == value), None)
