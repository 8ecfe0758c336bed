"""Sphinx extension for Kamerbrieven, parliamentary citations and toezeggingen."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = '0.1.0'

#: Bumped whenever the data this extension keeps in the environment changes shape, and
#: whenever its sphinx-needs fields or link types change: sphinx-needs does not compare
#: those between builds (docs/architecture.rst, What sphinx-needs does).
ENV_VERSION = 11


def setup(app: Sphinx) -> ExtensionMetadata:
    # Imported here so that ``sphinx_kamerstuk.core.citations`` stays importable without Sphinx.
    from sphinx_kamerstuk.ext.setup import setup_extension

    setup_extension(app)
    return {
        'version': __version__,
        'env_version': ENV_VERSION,
        'parallel_read_safe': True,
        'parallel_write_safe': True,
    }
