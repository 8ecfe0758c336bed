"""Options as the author wrote them: repeated, continued, or slipped into the body.

docutils rejects a directive whose option is given twice (the whole directive is lost,
letterhead and ``:vervult:`` with it) and myst-parser keeps only the last of them, with no
word. A second ``:ondertekenaar:`` line is the natural way to add a signatory, so the
letter and toezegging directives read their options themselves: with no ``option_spec``
docutils leaves the option lines in the argument block (reST) and myst-parser leaves them
at the top of the body (MyST), and :class:`OptionsDirective` reads them from there, with
the line each was written on. A repeatable option adds each value as a line; any other
option given twice, an unknown option, and an option in the body each warn at their line.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from sphinx.util import logging

from sphinx_kamerstuk.core.filters import shortened
from sphinx_kamerstuk.ext.directive import KamerstukDirective
from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.messages import log_warning

if TYPE_CHECKING:
    from collections.abc import Iterator

logger = logging.getLogger(__name__)

#: A line that starts with a field marker, as an option line does: ``:name: value``.
_FIELD = re.compile(r':([A-Za-z0-9][\w.+-]*):(?:\s+(.*))?$')
#: docutils' own field marker: what ends the argument and starts the options in reST.
_MARKER = re.compile(r':(?![: ])((?:[^:\\]|\\.|:(?!(?:[ `]|$)))*)(?<! ):(?: +(.*)|$)')


class Written(NamedTuple):
    """One option as written: its name, its value, and the source line it starts on."""

    name: str
    value: str
    line: int


def is_myst(directive: KamerstukDirective) -> bool:
    return type(directive.state).__module__.startswith('myst_parser.')


class OptionsDirective(KamerstukDirective):
    """A directive that reads its options from the text, as written (see the module).

    ``run`` calls :meth:`read_options` first; ``self.options`` then holds every known
    option as text, and ``self.arguments`` the argument (empty when none was written:
    a missing argument warns, where docutils would drop the directive).
    """

    option_spec: ClassVar[Any] = None  # docutils and MyST leave the option lines as text
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    #: the options the directive knows
    known_options: ClassVar[tuple[str, ...]] = ()
    #: options whose repetitions each add a line to the value (a second signatory)
    repeatable_options: ClassVar[frozenset[str]] = frozenset()

    def read_options(self) -> None:
        if is_myst(self):
            written, one_line_each = self._myst_head()
        else:
            written, one_line_each = self._rst_head(), False
        self.options = {}
        # the option written last, and whether it was read: a line indented under it
        # continues it
        last: tuple[str, bool] | None = None
        for option in written:
            last = (option.name, self._add(option))
        if not self.arguments:
            self.warn(
                __('the %s directive has no text on its first line; expected %s')
                % (self.name, self.argument_meaning()),
                'option',
            )
        self.check_options_in_body(last if one_line_each else None)

    def argument_meaning(self) -> str:
        """What the argument is, for the warning when it is missing."""
        return __('its text')

    def _add(self, option: Written) -> bool:
        """Keep ``option``, or warn at its line; whether it was kept."""
        name, value = option.name, option.value.strip()
        if name not in self.known_options:
            close = difflib.get_close_matches(name.lower(), self.known_options, n=1)
            self._warn_line(
                option.line,
                __('unknown %(directive)s option :%(name)s: (its value is ignored)%(hint)s')
                % {
                    'directive': self.name,
                    'name': name,
                    'hint': __('; did you mean :%s:?') % close[0] if close else '',
                },
            )
            return False
        if name not in self.options:
            self.options[name] = value
            return True
        if name in self.repeatable_options:
            self.options[name] = f'{self.options[name]}\n{value}'.strip('\n')
            return True
        self._warn_line(
            option.line,
            __(
                ':%(name)s: is given twice; the first value %(first)r is used, '
                'not %(second)r (it takes one value)'
            )
            % {
                'name': name,
                'first': shortened(self.options[name], 60),
                'second': shortened(value, 60),
            },
        )
        return False

    # --- where the options are written ------------------------------------------------

    def _rst_head(self) -> list[Written]:
        """reST: the argument block is the argument's lines, then the option lines."""
        text = self.arguments[0] if self.arguments else ''
        lines = text.split('\n')
        _, _, after_marker = self.block_text.partition('\n')[0].partition('::')
        line = self.lineno if after_marker.strip() else self.lineno + 1
        start = next((index for index, text in enumerate(lines) if _MARKER.match(text)), len(lines))
        for index in range(1, start):
            if _MARKER.match(lines[index].lstrip()):
                self._warn_line(
                    line + index,
                    __(
                        '%r is indented more than the options under it, so it is read as part '
                        'of the text on the first line: write every option at the same indent'
                    )
                    % shortened(lines[index].strip(), 60),
                )
        argument = ' '.join(' '.join(lines[:start]).split())
        self.arguments = [argument] if argument else []
        return list(self._fields(lines, start, line))

    def _fields(self, lines: list[str], start: int, first_line: int) -> Iterator[Written]:
        """``:name: value`` lines from ``start``, a value continued on indented lines."""
        index = start
        while index < len(lines):
            match = _MARKER.match(lines[index])
            end = _value_end(lines, index + 1)
            if match is None:  # docutils would drop the directive: keep the line, say so
                self._warn_line(
                    first_line + index,
                    __(
                        "%r is not an option line: expected ':name: value', or a value "
                        'continued on an indented line (ignored)'
                    )
                    % shortened(lines[index].strip(), 60),
                )
            else:
                value = '\n'.join([match[2] or '', *_dedent(lines[index + 1 : end])])
                yield Written(match[1], value, first_line + index)
            index = end

    def _myst_head(self) -> tuple[list[Written], bool]:
        """MyST: a ``---`` YAML block or ``:name: value`` lines start the body; they
        leave it. Also whether the body goes on right under ``:name: value`` lines (a
        value MyST ends at the line's end may continue there)."""
        lines = list(self.content)
        if lines and lines[0].startswith('---'):
            end = next(
                (index for index in range(1, len(lines)) if lines[index].startswith('---')),
                len(lines),
            )
            if end == len(lines):
                self._warn_line(
                    self._body_line(0),
                    __(
                        'the options block (---) has no closing --- line: every line of the '
                        'body is read as options'
                    ),
                )
            written = self._yaml(lines[1:end], self._body_line(1))
            # text after the closing dashes is the body's first line, as in myst-parser
            remainder = lines[end].lstrip('-').removeprefix(' ') if end < len(lines) else ''
            if remainder.strip():
                self.content[end] = remainder
                self._leave_body(end)
            else:
                self._leave_body(end + 1)
            return written, False
        count = 0
        while count < len(lines) and _is_option_line(lines[count]):
            count += 1
        written = []
        for index in range(count):
            match = _MARKER.match(lines[index].lstrip())
            if match is None:
                self._warn_line(
                    self._body_line(index),
                    __("%r is not an option line: expected ':name: value' (ignored)")
                    % shortened(lines[index].strip(), 60),
                )
            else:
                written.append(Written(match[1], _unquoted(match[2] or ''), self._body_line(index)))
        # only a line right under them can be the last value's next line
        continued = 0 < count < len(lines) and bool(lines[count].strip())
        self._leave_body(count)
        return written, continued

    def _yaml(self, lines: list[str], first_line: int) -> list[Written]:
        """The options of a YAML block, each key as often as it is written; a list
        value gives the option once for each item."""
        import yaml  # myst-parser depends on PyYAML: it is there when MyST is

        try:
            mapping = yaml.compose('\n'.join(lines), Loader=yaml.SafeLoader)
        except (yaml.YAMLError, RecursionError) as exc:  # nested too deep for the reader
            mark = getattr(exc, 'problem_mark', None)
            problem = getattr(exc, 'problem', None) or __('nested too deep')
            self._warn_line(
                first_line + (mark.line if mark else 0),
                __('the options block is not valid YAML (%s); none of its options are read')
                % problem,
            )
            return []
        if mapping is None:
            return []
        if not isinstance(mapping, yaml.MappingNode):
            self._warn_line(
                first_line,
                __("the options block is not 'name: value' lines; none of its options are read"),
            )
            return []
        written = []
        for key, value in mapping.value:
            line = first_line + key.start_mark.line
            items = value.value if isinstance(value, yaml.SequenceNode) else [value]
            if isinstance(key, yaml.ScalarNode) and all(
                isinstance(item, yaml.ScalarNode) for item in items
            ):
                written += [Written(str(key.value), item.value, line) for item in items]
                continue
            name = repr(shortened(key.value, 40)) if isinstance(key, yaml.ScalarNode) else '?'
            self._warn_line(
                line,
                __('option %s in the options block is not text (ignored)') % name,
            )
        return written

    def _leave_body(self, count: int) -> None:
        """The first ``count`` body lines were options, and a blank line after them."""
        while count < len(self.content) and not self.content[count].strip():
            count += 1
        self.content = self.content[count:]
        self.content_offset += count

    # --- options in the body ---------------------------------------------------------

    def check_options_in_body(self, last: tuple[str, bool] | None) -> None:
        """Options written where the parser reads body text: warn at each, and read it.

        In MyST an option block of ``:name: value`` lines ends at the first line that does
        not start with ``:``, so a value continued on the next line ends the options there
        and the rest of them become the first lines of the body; in reST a blank line
        between options does the same. Each such line (a known option, or in MyST any
        field marker) warns ``kamerstuk.option`` at its own line. A known option not given
        in the options is read as one (a continued value is added to its option) and
        leaves the body; any other line stays, as written. ``last`` is the option of MyST
        ``:name: value`` lines written last, and whether it was read, when the body goes
        on right under them.
        """
        known = set(self.known_options)
        myst = is_myst(self)
        how = (
            __('in MyST, write multi-line values in a YAML block (---) or on one line')
            if myst
            else __('write the options together under the directive, with no blank line')
        )
        lines = list(self.content)
        read = 0  # the body's first lines, read as options: they leave the body
        index = 0
        if last is not None and _continues(lines, 0):
            name, taken = last
            index = _value_end(lines, 1)
            if taken:
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
                    'outcome': __('read as part of the option') if taken else __('shown as text'),
                },
            )
        reading = read == index  # until a line stays in the body, later lines after it do
        while index < len(lines):
            match = _FIELD.match(lines[index])
            if match is None or not (myst or match[1] in known):
                break
            name, end = match[1], _value_end(lines, index + 1)
            if name not in known:
                close = difflib.get_close_matches(name.lower(), known, n=1)
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
                elif name in self.options and name not in self.repeatable_options:
                    outcome = __('it is in the options too, so this line is shown as text')
                    reading = False
                else:
                    self.options[name] = f'{self.options.get(name, "")}\n{value}'.strip('\n')
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
            self._leave_body(read)

    # --- where to warn ---------------------------------------------------------------

    def _body_line(self, index: int) -> int:
        """The line number of MyST body line ``index``: MyST numbers the body lines
        from 0, its content_offset counting from the line after the directive's."""
        return self.lineno + self.content_offset + 1 + index

    def _warn_at(self, index: int, message: str) -> None:
        """Warn at the source line of body line ``index``."""
        if is_myst(self):
            self._warn_line(self._body_line(index), message)
        else:
            source, offset = self.content.info(index)
            log_warning(logger, message, 'option', f'{source}:{(offset or 0) + 1}')

    def _warn_line(self, line: int, message: str) -> None:
        """Warn at a line numbered as the directive's own line is."""
        source: str | None = self.get_source_info()[0]
        at: int | None = line
        if not is_myst(self):  # an included file's lines map to that file
            source, at = self.state_machine.get_source_and_line(line)
        log_warning(logger, message, 'option', f'{source}:{at}')


def _unquoted(value: str) -> str:
    """A MyST ``:name: "value"`` without its quotes, as myst-parser reads it."""
    value = value.strip()
    if (
        len(value) > 1
        and value[0] == value[-1]
        and value[0] in '"\''
        and value[0] not in value[1:-1]
    ):
        return value[1:-1]
    return value


def _is_option_line(line: str) -> bool:
    """What MyST reads as an option line (``:::`` starts a nested colon fence)."""
    stripped = line.lstrip()
    return stripped.startswith(':') and not stripped.startswith(':::')


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
