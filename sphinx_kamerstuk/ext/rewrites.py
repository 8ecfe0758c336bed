"""Pages written again for what other pages say: kept until a build has written them.

Sphinx writes a page whose source changed again until it has been written. A page this
extension asks for (a view whose toezeggingen changed, a project-wide list) is asked for
once, in the build that saw the change, and the environment is saved before writing: a
build killed while writing would leave such a page stale for good. So the pages asked for
are kept in a file beside the environment until a build finishes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_kamerstuk.core.files import write_atomic
from sphinx_kamerstuk.ext.domain import get_domain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f'kamerstuk-rewrites-{app.builder.name}.json'


def _pending(app: Sphinx) -> set[str]:
    domain = get_domain(app.env)
    if domain.build.pending_rewrites is None:
        try:
            names = json.loads(_path(app).read_text(encoding='utf-8'))
        except (OSError, ValueError):
            names = []
        valid = isinstance(names, list) and all(isinstance(name, str) for name in names)
        domain.build.pending_rewrites = set(names) if valid else set()
    return domain.build.pending_rewrites


def remember(app: Sphinx, docnames: Iterable[str]) -> list[str]:
    """Record pages this build must write; returns them for an ``env-updated`` handler."""
    asked = sorted(docnames)
    pending = _pending(app)
    if not pending.issuperset(asked):
        pending.update(asked)
        _write(_path(app), sorted(pending))
    return asked


def _write(path: Path, names: list[str]) -> None:
    write_atomic(path, json.dumps(names).encode('utf-8'))


def carried_over(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages an earlier build asked for and did not finish writing."""
    return sorted(_pending(app) & env.found_docs)


def written(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and _path(app).exists():
        _path(app).unlink()
    get_domain(app.env).build.pending_rewrites = None


def setup_rewrites(app: Sphinx) -> None:
    app.connect('env-updated', carried_over, priority=900)
    app.connect('build-finished', written)
