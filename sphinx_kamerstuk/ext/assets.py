"""Files the extension puts into the output: the stylesheet and the LaTeX support files."""

from __future__ import annotations

from pathlib import Path


def install(source: Path, directory: Path, name: str = '') -> None:
    """Copy ``source`` into ``directory`` (as ``name``, or its own name), replacing an
    older copy (one left by another version of the extension, or another logo): Sphinx's
    ``copy_asset_file`` would keep the old file and warn, and ``-W`` would fail the
    build."""
    target = directory / (name or source.name)
    content = source.read_bytes()
    if not target.is_file() or target.read_bytes() != content:
        directory.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
