"""Translations: document labels and warnings follow the project's ``language``."""

from __future__ import annotations

import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from sphinx import locale
from sphinx.locale import get_translation

MESSAGE_CATALOG_NAME = 'sphinx_kamerstuk'
LOCALE_DIR = Path(__file__).parents[1] / 'locale'

#: Labels that end up in documents.
_ = get_translation(MESSAGE_CATALOG_NAME)
#: Messages on the console (warnings).
__ = get_translation(MESSAGE_CATALOG_NAME, 'console')

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def load_catalogs(app: Sphinx) -> None:
    """Labels in the project's ``language``; warnings in it too, so a Dutch project
    gets Dutch warnings. Sphinx loads an extension's console messages only in the
    terminal's locale (``LANG``), which stays the first choice, as for Sphinx's own."""
    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))
    locale.init([LOCALE_DIR], app.config.language, MESSAGE_CATALOG_NAME, 'console')


@lru_cache(maxsize=8192)
def spelled_date(iso: str, language: str | None) -> str:
    """``2026-06-10`` as "10 juni 2026" (``nl``) or "10 June 2026"; cached, as tables
    spell the same dates many times."""
    try:
        locale = Locale.parse(language or 'en')
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse('en')
    return format_date(datetime.date.fromisoformat(iso), 'd MMMM y', locale=locale)
