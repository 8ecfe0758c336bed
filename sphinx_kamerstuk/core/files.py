"""Writing a file so that no reader ever sees it half-written: the one way, for all.

A temporary file beside the target takes the bytes and is renamed over it; a failure at
any step leaves the target as it was and removes the temporary file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable


def write_atomic(
    path: Path,
    data: bytes,
    *,
    mode: int = 0o644,
    prepare: Callable[[BinaryIO], None] | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace ``path`` by ``data`` at once, with permissions ``mode``.

    ``prepare`` runs on the open temporary file once the bytes are in (to give it an
    owner), ``before_replace`` just before the rename (a last look at the target); an
    exception from either leaves the target untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f'.{path.name}.', suffix='.tmp')
    temporary = Path(name)
    try:
        with os.fdopen(handle, 'wb') as file:
            file.write(data)
            if prepare is not None:
                prepare(file)
        temporary.chmod(mode)  # mkstemp makes it private
        if before_replace is not None:
            before_replace()
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
