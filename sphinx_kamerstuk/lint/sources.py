"""The files ``sphinx-kamerstuk check`` reads and fixes: found without leaving the paths
given, read byte for byte, and written back only over what was read."""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, NamedTuple

from sphinx_kamerstuk.core.files import NotReadable, read_regular, write_atomic
from sphinx_kamerstuk.core.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    'MAX_BYTES',
    'SkipFile',
    'Skipped',
    'Source',
    'find_sources',
    'read_source',
    'write_source',
]

SCANNED_SUFFIXES = frozenset({'.rst', '.md', '.txt'})
SKIPPED_DIRS = frozenset({'_build', '.venv', 'node_modules'})
#: More than any source a person writes; a larger file is skipped unread.
MAX_BYTES = 16 * 1024 * 1024


class Source(NamedTuple):
    """A source file as read: its text, and how to write it back byte for byte."""

    #: Where it was found, as shown in findings.
    path: Path
    text: str
    encoding: Literal['utf-8', 'cp1252']
    bom: bool
    #: The file itself, symbolic links resolved: what is read and replaced.
    real: Path
    data: bytes
    stat: os.stat_result


class Skipped(NamedTuple):
    """A file not checked, or not fixed, and why."""

    path: str
    reason: str


class SkipFile(Exception):
    """The file is left as it is, for the reason given."""


def find_sources(paths: Iterable[str], skipped: list[Skipped]) -> list[tuple[Path, Path]]:
    """Files as named, and the sources in directories as named, each once: ``(path as
    found, real path)``.

    Directories are searched for ``.rst``, ``.md`` and ``.txt`` files, skipping hidden
    ones and build, virtualenv and ``node_modules`` directories. A named path is
    followed; inside a directory, a symbolic link only to a file within a named path
    (others go to ``skipped``), and never to a directory.
    """
    named = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), name)
        named.append((path, path.resolve()))
    roots = [real for _, real in named]
    sources = []
    seen = set()
    for path, root in named:
        for candidate in _walk(path) if path.is_dir() else [path]:
            real = candidate.resolve() if candidate is not path else root
            if not any(real == top or real.is_relative_to(top) for top in roots):
                skipped.append(
                    Skipped(str(candidate), _('a symbolic link to a file outside the paths given'))
                )
            elif real not in seen:
                seen.add(real)
                sources.append((candidate, real))
    return sources


def _walk(root: Path) -> Iterator[Path]:
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            name for name in subdirectories if name[0] != '.' and name not in SKIPPED_DIRS
        )
        for name in sorted(files):
            if name[0] != '.' and Path(name).suffix.lower() in SCANNED_SUFFIXES:
                yield Path(directory, name)


def read_source(path: Path, real: Path | None = None) -> Source:
    """Read UTF-8 (with or without BOM), or else cp1252, so that writing back is exact.

    Raises :class:`SkipFile`, without reading, for what is not a regular file (a FIFO,
    a device) and for a file over :data:`MAX_BYTES`.
    """
    real = real or path.resolve()
    data, status = _read_regular(real)
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode()
        return Source(path, text, 'utf-8', bom, real, data, status)
    except UnicodeDecodeError:
        # bytes cp1252 leaves undefined come back as they were through surrogateescape
        text = data.decode('cp1252', 'surrogateescape')
        return Source(path, text, 'cp1252', False, real, data, status)


def _read_regular(real: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file, opened without following a link or waiting on a pipe."""
    try:
        return read_regular(real, MAX_BYTES, follow=False)
    except NotReadable as exc:
        raise SkipFile(str(exc)) from None


def write_source(source: Source, text: str) -> None:
    """Replace the file with ``text`` atomically, in its encoding, mode and ownership.

    Raises :class:`SkipFile`, leaving the file, when it is read-only, has other hard
    links (a new file would no longer be shared), belongs to someone whose ownership
    cannot be kept, or no longer holds what was read.
    """
    data = (codecs.BOM_UTF8 if source.bom else b'') + text.encode(
        source.encoding, 'surrogateescape'
    )
    target, status = source.real, source.stat
    if not status.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise SkipFile(_('the file is read-only'))
    if status.st_nlink > 1:
        raise SkipFile(_('the file has other hard links, which a new file would not share'))

    def keep_owner(file: BinaryIO) -> None:
        if hasattr(os, 'fchown') and (status.st_uid, status.st_gid) != _owner(file):
            try:
                os.fchown(file.fileno(), status.st_uid, status.st_gid)
            except PermissionError:
                raise SkipFile(
                    _('the file belongs to another user or group, which a new file would not')
                ) from None

    def unchanged() -> None:
        try:
            now = _read_regular(target)
        except (OSError, SkipFile):
            now = None
        if now is None or now[0] != source.data or _inode(now[1]) != _inode(status):
            raise SkipFile(_('the file changed while it was checked; run the check again'))

    write_atomic(
        target,
        data,
        mode=stat.S_IMODE(status.st_mode),
        prepare=keep_owner,
        before_replace=unchanged,
    )


def _owner(file: BinaryIO) -> tuple[int, int]:
    status = os.fstat(file.fileno())
    return status.st_uid, status.st_gid


def _inode(status: os.stat_result) -> tuple[int, int]:
    return status.st_dev, status.st_ino
