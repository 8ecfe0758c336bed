"""What the directives share: reading option values and warning at the directive."""

from __future__ import annotations

import datetime
import re

from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.messages import Subtype, log_warning

logger = logging.getLogger(__name__)

#: A toezegging id: a register number (TZ202606-012, T01237) or a local id.
TOEZEGGING_ID = re.compile(r'[A-Za-z0-9][A-Za-z0-9_-]*')
_ISO_DATE = re.compile(r'\d{4}-\d{2}-\d{2}')


def iso_date(value: str) -> str | None:
    """``YYYY-MM-DD`` of a date that exists, else ``None``."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


class KamerstukDirective(SphinxDirective):
    """A directive that warns with type ``kamerstuk`` at its own line."""

    def warn(self, message: str, subtype: Subtype) -> None:
        log_warning(logger, message, subtype, self.get_location())

    def read_ids(self, value: str, option: str) -> tuple[str, ...]:
        """Toezegging ids separated by commas or line breaks; a malformed one warns."""
        ids = []
        for item in (part.strip() for part in re.split(r'[,\n]', value)):
            if TOEZEGGING_ID.fullmatch(item):
                ids.append(item)
            elif item:
                self.warn(
                    __(
                        'malformed toezegging id %r in :%s:: expected letters, digits, - and _, '
                        'such as TZ202606-012 or T01237 (ignored)'
                    )
                    % (item, option),
                    'vervult',
                )
        return tuple(dict.fromkeys(ids))
