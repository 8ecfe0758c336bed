"""Reading and writing a file safely: the one way, for all.

A file is read only when it is a regular file, and only up to a bound: a pipe would wait
for ever and a device such as ``/dev/zero`` never ends. A file is written through a
temporary file beside the target, renamed over it; a failure at any step leaves the
target as it was and removes the temporary file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable


class NotReadable(ValueError):
    """A file that is not read: not a regular file, or larger than the bound."""


def read_regular(
    path: Path, max_bytes: int, *, follow: bool = True
) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most ``max_bytes``, and its status.

    Opened without waiting on a pipe, and checked again on the open file, so that
    nothing but a regular file is ever read; with ``follow`` false a symlink is refused
    too. Raises :class:`NotReadable` (before reading anything) or :class:`OSError`.
    """
    flags = os.O_RDONLY | getattr(os, 'O_NONBLOCK', 0) | getattr(os, 'O_BINARY', 0)
    if not follow:
        flags |= getattr(os, 'O_NOFOLLOW', 0)
    # before opening too: opening some devices already does something
    if not stat.S_ISREG((path.stat() if follow else path.lstat()).st_mode):
        raise NotReadable('not a regular file')
    handle = os.open(path, flags)
    with os.fdopen(handle, 'rb') as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise NotReadable('not a regular file')
        if status.st_size > max_bytes:
            raise NotReadable(f'larger than {max_bytes // 2**20} MB')
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while read
        raise NotReadable(f'larger than {max_bytes // 2**20} MB')
    return data, status


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
