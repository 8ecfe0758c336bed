"""``sphinx-kamerstuk init``: a ready ministry documentation project in one command.

The project's files are templates in ``templates/init``; only ``conf.py`` and
``index.rst`` carry the answers, written as Python literals and escaped reStructuredText
so that no name can break either file. Nothing here imports Sphinx.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from string import Template

from sphinx_kamerstuk import __version__
from sphinx_kamerstuk.core.i18n import _

#: Where each template goes in the new project (template name, path in the project).
FILES: tuple[tuple[str, str], ...] = (
    ('conf.py.tmpl', 'conf.py'),
    ('index.rst.tmpl', 'index.rst'),
    ('voorbeeldbrief.rst', 'brieven/voorbeeldbrief.rst'),
    ('toezeggingen.rst', 'toezeggingen.rst'),
    ('referenties.rst', 'referenties.rst'),
    ('Makefile', 'Makefile'),
    ('requirements.txt', 'requirements.txt'),
    ('gitignore', '.gitignore'),
    ('github-docs.yml', '.github/workflows/docs.yml'),
    ('gitlab-ci.yml', '.gitlab-ci.yml'),
)

#: Characters that may start or end reST inline markup; a backslash makes them plain text.
_REST_SPECIALS = re.compile(r'([\\`*_|\[\]<>:!#=~^"\'(){}\-.+])')


class InitError(ValueError):
    """An answer that cannot go into the project, or a project that is already there."""


@dataclass(frozen=True)
class Answers:
    """What the project is made from: the ministry, its return address and a title."""

    ministerie: str
    retouradres: str = ''
    titel: str = ''

    def __post_init__(self) -> None:
        for name in ('ministerie', 'retouradres', 'titel'):
            value = getattr(self, name)
            if any(unicodedata.category(char) in ('Cc', 'Cf', 'Zl', 'Zp') for char in value):
                raise InitError(
                    f'--{name}: ' + _('control characters and line breaks are not allowed')
                )
        if not self.ministerie.strip():
            raise InitError('--ministerie: ' + _('give the name of the ministry'))

    @property
    def project_title(self) -> str:
        return self.titel.strip() or f'Kamerbrieven {self.ministerie.strip()}'


def obstacles(target: Path) -> list[str]:
    """What keeps init from writing its files into ``target``: each file already there
    (a symlink too, even a dangling one) and each folder on the way that is not one."""
    found: dict[Path, str] = {}
    for _template, path in FILES:
        destination = target / path
        on_the_way = (target / folder for folder in reversed(Path(path).parents[:-1]))
        for folder in (target, *on_the_way):
            if os.path.lexists(folder) and not folder.is_dir():
                found.setdefault(folder, _('%s (not a folder)') % folder)
        if os.path.lexists(destination):
            dangling = destination.is_symlink() and not destination.exists()
            shown = _('%s (a dangling symlink)') if dangling else '%s'
            found.setdefault(destination, shown % destination)
    return list(found.values())


def create(target: Path, answers: Answers) -> list[Path]:
    """Write the project into ``target`` (made if missing); returns the files written.

    Raises InitError, before writing anything, when any of the files already exists or
    a folder on the way is not one; a write that fails takes back the files written.
    """
    if clash := obstacles(target):
        raise InitError(_('these are in the way and are left alone: %s') % ', '.join(clash))
    values = _values(answers)
    templates = resources.files('sphinx_kamerstuk') / 'templates' / 'init'
    written: list[Path] = []
    try:
        for name, path in FILES:
            text = (templates / name).read_text(encoding='utf-8')
            if name.endswith('.tmpl'):
                text = Template(text).substitute(values)
            elif name == 'requirements.txt':
                text = text.replace('VERSION', __version__)
            destination = target / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            with destination.open('x', encoding='utf-8', newline='\n') as file:
                written.append(destination)
                file.write(text)
    except OSError:
        for destination in written:
            destination.unlink(missing_ok=True)
        raise
    return written


def _values(answers: Answers) -> dict[str, str]:
    title = answers.project_title
    heading = _rest_text(title)
    return {
        'titel_py': repr(title),
        'titel_rst': heading,
        'titel_underline': '=' * _width(heading),
        'ministerie_py': repr(answers.ministerie.strip()),
        'ministerie_rst': _rest_text(answers.ministerie.strip()),
        'retouradres_py': repr(answers.retouradres.strip()),
    }


def _rest_text(text: str) -> str:
    """Text that reStructuredText shows as written, never as markup."""
    return _REST_SPECIALS.sub(r'\\\1', ' '.join(text.split()))


def _width(text: str) -> int:
    """Columns the text takes, as docutils counts them for a title's underline."""
    return sum(2 if unicodedata.east_asian_width(char) in 'WF' else 1 for char in text)
