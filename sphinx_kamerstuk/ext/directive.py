"""What the directives share: reading option values and warning at the directive."""

from __future__ import annotations

import datetime
import difflib
import re
from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.messages import Subtype, log_warning

if TYPE_CHECKING:
    from collections.abc import Iterable

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


#: A line that starts with a field marker, as an option line does: ``:name: value``.
_FIELD = re.compile(r':([A-Za-z0-9][\w.+-]*):(?:\s+(.*))?$')


class KamerstukDirective(SphinxDirective):
    """A directive that warns with type ``kamerstuk`` at its own line."""

    def warn(self, message: str, subtype: Subtype) -> None:
        log_warning(logger, message, subtype, self.get_location())

    def check_options_in_body(self, names: Iterable[str]) -> None:
        """Options written where the parser reads body text: warn at each, and read it.

        In MyST an option block of ``:name: value`` lines ends at the first line that does
        not start with ``:``, so a value continued on the next line ends the options there
        and the rest of them become the first lines of the body; in reST a blank line
        between options does the same. Each such line (a known option, or in MyST any
        field marker) warns ``kamerstuk.option`` at its own line. A known option not given
        in the options is read as one (a continued value is added to its option) and
        leaves the body; any other line stays, as written.
        """
        known = set(names)
        myst = type(self.state).__module__.startswith('myst_parser.')
        how = (
            __('in MyST, write multi-line values in a YAML block (---) or on one line')
            if myst
            else __('write the options together under the directive, with no blank line')
        )
        lines = list(self.content)
        read = 0  # the body's first lines, read as options: they leave the body
        index = 0
        # In the ``:name: value`` form each option is one line, and the body starts right
        # under them unless a blank line was dropped (the YAML form has its --- lines): only
        # then can an indented first line be the last option's next line.
        one_line_each = self.content_offset == len(self.options)
        if myst and self.options and one_line_each and _continues(lines, 0):
            name = list(self.options)[-1]
            index = _value_end(lines, 1)
            if isinstance(self.options[name], str) and name in known:
                self.options[name] = '\n'.join(
                    [self.options[name].rstrip(), *_dedent(lines[:index])]
                )
                read = index
            self._warn_at(
                0,
                __(
                    'option :%(option)s: continues on this line, which MyST reads as '
                    'body text: %(how)s; %(outcome)s'
                )
                % {
                    'option': name,
                    'how': how,
                    'outcome': __('read as part of the option') if read else __('shown as text'),
                },
            )
        reading = read == index  # until a line stays in the body, later lines after it do
        while index < len(lines):
            match = _FIELD.match(lines[index])
            if match is None or not (myst or match[1] in known):
                break
            name, end = match[1], _value_end(lines, index + 1)
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                self._warn_at(
                    index,
                    __(
                        ':%(name)s: at the start of the body looks like an option, but '
                        '%(directive)s has no option :%(name)s:%(hint)s (shown as text)'
                    )
                    % {
                        'name': name,
                        'directive': self.name,
                        'hint': __('; did you mean :%s:?') % close[0] if close else '',
                    },
                )
                reading = False
            else:
                value = '\n'.join([match[2] or '', *_dedent(lines[index + 1 : end])]).strip()
                if not reading:
                    outcome = __('shown as text')
                elif name in self.options:
                    outcome = __('it is in the options too, so this line is shown as text')
                    reading = False
                elif not self._convert(name, value):
                    outcome = __('shown as text')
                    reading = False
                else:
                    outcome = __('read as an option')
                    read = end
                self._warn_at(
                    index,
                    __('option :%(option)s: is in the body, not the options: %(how)s; %(outcome)s')
                    % {'option': name, 'how': how, 'outcome': outcome},
                )
            index = end
            while index < len(lines) and not lines[index].strip():
                index += 1  # a blank line between options: the next may be one too
        if read:
            while read < len(lines) and not lines[read].strip():
                read += 1
            self.content = self.content[read:]
            self.content_offset += read

    def _convert(self, name: str, value: str) -> bool:
        converter: Any = (self.option_spec or {})[name]
        try:  # docutils gives an empty value as None
            self.options[name] = converter(value or None)
        except (ValueError, TypeError):
            return False
        return True

    def _warn_at(self, index: int, message: str) -> None:
        """Warn at the source line of body line ``index``."""
        if type(self.state).__module__.startswith('myst_parser.'):
            # MyST numbers the body lines from 0; its content_offset counts from the line
            # after the directive's first line
            location = (
                f'{self.content.source(index)}:{self.lineno + self.content_offset + 1 + index}'
            )
        else:
            source, offset = self.content.info(index)
            location = f'{source}:{(offset or 0) + 1}'
        log_warning(logger, message, 'option', location)

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


def _continues(lines: list[str], index: int) -> bool:
    """Whether line ``index`` is indented text: the next line of a value."""
    return index < len(lines) and lines[index][:1].isspace() and bool(lines[index].strip())


def _value_end(lines: list[str], index: int) -> int:
    """The first line from ``index`` that does not continue a value."""
    while _continues(lines, index):
        index += 1
    return index


def _dedent(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines]
