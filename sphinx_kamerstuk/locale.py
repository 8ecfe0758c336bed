"""Translations: document labels follow the project's ``language``."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation

MESSAGE_CATALOG_NAME = 'sphinx_kamerstuk'
LOCALE_DIR = Path(__file__).parent / 'locale'

#: Labels that end up in documents.
_ = get_translation(MESSAGE_CATALOG_NAME)
#: Messages on the console (warnings).
__ = get_translation(MESSAGE_CATALOG_NAME, 'console')
