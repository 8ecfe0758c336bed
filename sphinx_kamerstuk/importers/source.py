"""What both importers read from outside, bounded: a file or an answer no larger than a
register can be, JSON no deeper than a register nests, text as a register holds it, and
the one error that names the file or URL and the place."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from sphinx_kamerstuk.core.files import NotReadable, read_regular
from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.core.register_file import FORBIDDEN

if TYPE_CHECKING:
    from pathlib import Path

#: Far above the whole register (some 6,500 toezeggingen, a few MB), far below harm.
MAX_BYTES = 512 * 1024 * 1024
#: A real page nests five or six levels deep.
MAX_DEPTH = 64

_SURROGATE = re.compile('[\ud800-\udfff]')
#: Bidirectional overrides and isolates: they reorder what a terminal shows.
_BIDI = frozenset('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')


def printable(text: str) -> str:
    """Text for a terminal, on one line: no control characters (a server's ANSI escapes,
    a line break that forges a line) or bidi overrides, whatever a source or server sent."""
    return ''.join(
        char for char in text if unicodedata.category(char) != 'Cc' and char not in _BIDI
    )


class SourceError(ValueError):
    """A source that cannot be read; the message names the file or URL and the place."""

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


def clean_text(value: str, where: str) -> str:
    """Text as a register holds it: stripped, without control characters other than tab
    and line breaks; a lone surrogate (half a character) is refused."""
    if found := _SURROGATE.search(value):
        raise SourceError(
            f'{where}: ' + _('contains a lone surrogate (%r), which is not a character') % found[0]
        )
    return FORBIDDEN.sub('', value).strip()


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A file's content, refused unread when it is not a regular file (a pipe, a device)
    or larger than ``limit`` bytes."""
    try:
        return read_regular(path, limit)[0]
    except NotReadable as exc:
        raise SourceError(f'{path}: ' + _('%s: refused') % exc) from None
    except OSError as exc:
        raise SourceError(f'{path}: ' + _('cannot read: %s') % (exc.strerror or exc)) from None


def load_json(data: bytes, where: str) -> object:
    """Parsed JSON, or an error that says where it broke; bounded in nesting."""
    try:
        text = data.decode('utf-8-sig')
    except UnicodeDecodeError as exc:
        raise SourceError(f'{where}: ' + _('not UTF-8 at byte %d') % exc.start) from None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise json_error(exc, where, text) from None
    check_depth(value, where)
    return value


def json_error(exc: ValueError | RecursionError, where: str, text: str) -> SourceError:
    """The message for JSON that cannot be read: the place, and whether it ends early."""
    if isinstance(exc, RecursionError):
        return SourceError(
            f'{where}: ' + _('JSON nested deeper than %d levels: refused') % MAX_DEPTH
        )
    if not isinstance(exc, json.JSONDecodeError):  # such as an integer of 5,000 digits
        return SourceError(f'{where}: ' + _('not usable JSON: %s') % exc)
    early = exc.pos >= len(text.rstrip()) or exc.msg.startswith('Unterminated string')
    ends = ' ' + _('(the text ends early: truncated?)') if early else ''
    return SourceError(
        f'{where}:{exc.lineno}:{exc.colno}: ' + _('not valid JSON: %s') % exc.msg + ends
    )


def check_depth(value: object, where: str, depth: int = 1) -> None:
    """Refuse nesting deeper than MAX_DEPTH; iterative, so depth itself cannot harm."""
    stack: list[tuple[Any, int]] = [(value, depth)]
    while stack:
        item, level = stack.pop()
        if level > MAX_DEPTH:
            raise SourceError(
                f'{where}: ' + _('JSON nested deeper than %d levels: refused') % MAX_DEPTH
            )
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
