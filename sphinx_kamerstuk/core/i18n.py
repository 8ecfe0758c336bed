"""The command line's messages in the language of the environment, read as gettext
reads it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), from the committed
catalog the extension uses too.

Only ``cli/``, ``lint/`` and ``importers/`` use it: in a build, messages follow the
project's ``language`` instead (``ext/i18n.py``), so the rest of ``core/`` stays
untranslated and the extension translates around it.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

DOMAIN = 'sphinx_kamerstuk'
LOCALE_DIR = Path(__file__).parents[1] / 'locale'
#: Where gettext looks for the language, first one set wins.
ENVIRONMENT = ('LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LANG')


def _(message: str) -> str:
    """``message`` in the environment's language (English when there is no catalog)."""
    return _translation(_environment()).gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The singular or the plural, by ``number``, in the environment's language."""
    return _translation(_environment()).ngettext(singular, plural, number)


def _environment() -> tuple[str, ...]:
    return tuple(os.environ.get(name, '') for name in ENVIRONMENT)


@lru_cache(maxsize=4)
def _translation(_environment: tuple[str, ...]) -> gettext.NullTranslations:
    """The catalog for one environment; gettext reads the variables itself."""
    return gettext.translation(DOMAIN, LOCALE_DIR, fallback=True)
