"""A letter file to a page: tell a ``.docx`` from its text export and from what is
neither, read it, place its parts, write the page and its citations as roles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx_kamerstuk.core.files import NotReadable, read_regular
from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.importers.brief.docx import NotAWordLetter, read_docx
from sphinx_kamerstuk.importers.brief.letter import place
from sphinx_kamerstuk.importers.brief.page import Page
from sphinx_kamerstuk.importers.brief.text import read_text
from sphinx_kamerstuk.lint.check import with_roles

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ['Converted', 'NotAWordLetter', 'convert', 'page_name']

#: A letter with its attachments is a few MB; this refuses a mistaken path early.
MAX_BYTES = 64 * 1024 * 1024
_ZIP = b'PK\x03\x04'
_OLE = b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1'
_ENCRYPTED = 'EncryptedPackage'.encode('utf-16-le')


@dataclass(frozen=True)
class Converted:
    page: str
    #: What was kept as a comment or left out, for the console.
    reported: list[str]
    #: Sentences that commit, written as commented-out toezeggingen.
    commitments: int


def page_name(path: Path) -> str:
    """The page's file name: the letter's, in letters, digits and hyphens."""
    stem = re.sub(r'[^0-9a-z]+', '-', path.stem.lower()).strip('-')
    return (stem or 'brief') + '.rst'


def convert(path: Path) -> Converted:
    """The page for the letter at ``path``; :class:`NotAWordLetter` names what is wrong."""
    try:
        data, _status = read_regular(path, MAX_BYTES)
    except NotReadable as exc:
        raise NotAWordLetter(str(exc)) from exc
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise NotAWordLetter(_('it is protected with a password; save it without one'))
        raise NotAWordLetter(
            _('it is an old binary Word file (.doc); save it as .docx (Word Document)')
        )
    if data.startswith(_ZIP):
        read = read_docx(data)
    else:
        if b'\0' in data[:8192]:
            raise NotAWordLetter(_('neither a .docx nor the text export of one'))
        try:
            text = data.decode('utf-8-sig')
        except UnicodeDecodeError:
            text = data.decode('cp1252', errors='replace')  # Windows exports
        read = read_text(text)
    if not any(block.text.strip() for block in read.blocks):
        raise NotAWordLetter(_('the document holds no text'))
    placed = place(read)
    key = re.sub(r'[^0-9A-Z]+', '-', path.stem.upper()).strip('-') or 'BRIEF'
    page = Page(placed, title=path.stem.replace('-', ' ').replace('_', ' ').capitalize(), key=key)
    text = with_roles(page.write(read.notes, read.left_out))
    return Converted(text, page.reported, page.commitments)
