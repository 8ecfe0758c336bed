"""``sphinx-build -b kamerbrief-docx``: one Word document per letter, for a colleague
who only has Word and for the parafenlijn.

pandoc writes the ``.docx``: it is the maintained tool that writes real Word footnotes
and takes its styles, page layout, headers and footers from a reference document, which
is what a ministry's template is. The tree goes to it as JSON on stdin, never as markup,
and ``SOURCE_DATE_EPOCH`` keeps the bytes the same for the same input.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders import Builder
from sphinx.util import logging

from sphinx_kamerstuk.core.files import write_atomic
from sphinx_kamerstuk.ext.config import conf_location
from sphinx_kamerstuk.ext.docx.pandoc_ast import PandocTree
from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.kamerbrief.latex import file_name
from sphinx_kamerstuk.ext.messages import log_warning

if TYPE_CHECKING:
    from collections.abc import Iterator
    from collections.abc import Set as AbstractSet

    from docutils import nodes
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

DEFAULT_TEMPLATE = Path(__file__).with_name('sjabloon.docx')
_DOTX = b'wordprocessingml.template.main+xml'
_DOCX = b'wordprocessingml.document.main+xml'
#: pandoc takes its time on the first call only; a letter takes well under a second.
_TIMEOUT = 120


class KamerbriefDocxBuilder(Builder):
    name = 'kamerbrief-docx'
    format = 'docx'
    epilog = __('The Word letters are in %(outdir)s.')
    allow_parallel = True

    def init(self) -> None:
        self.pandoc: str | None = None
        self.reference: Path | None = None
        self.api_version: list[int] = []

    def get_outdated_docs(self) -> Iterator[str]:
        yield from self.env.found_docs

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ''

    def prepare_writing(self, docnames: AbstractSet[str]) -> None:
        self.pandoc = _pandoc()
        if self.pandoc is None:
            log_warning(
                logger,
                __(
                    'kamerbrief-docx needs pandoc: pip install "sphinx-kamerstuk[word]" '
                    '(the pypandoc-binary wheel); no Word letter is written'
                ),
                'docx',
                None,
            )
            return
        self.reference = self._reference()
        self.api_version = self._api_version()
        letters = get_domain(self.env).letters
        taken: set[str] = set()
        self.names = {}
        for docname in sorted(letters):
            name = file_name(letters[docname].kenmerk or docname, taken)[: -len('.tex')] + '.docx'
            taken.add(name.casefold())
            self.names[docname] = name

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        if self.pandoc is None or docname not in getattr(self, 'names', {}):
            return
        walker = PandocTree(doctree, self.config)
        doctree.walkabout(walker)
        tree = {'pandoc-api-version': self.api_version, 'meta': {}, 'blocks': walker.blocks}
        target = Path(self.outdir) / self.names[docname]
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch) / 'brief.docx'
            command = [self.pandoc, '-f', 'json', '-t', 'docx', '-o', str(out)]
            if self.reference is not None:
                command += ['--reference-doc', str(self.reference)]
            result = subprocess.run(
                command,
                input=json.dumps(tree).encode('utf-8'),
                capture_output=True,
                timeout=_TIMEOUT,
                env={**os.environ, 'SOURCE_DATE_EPOCH': _epoch()},
                check=False,
            )
            if result.returncode != 0:
                log_warning(
                    logger,
                    __('pandoc could not write the Word letter: %s')
                    % result.stderr.decode('utf-8', 'replace').strip()[:500],
                    'docx',
                    (docname, None),
                )
                return
            write_atomic(target, out.read_bytes())

    def _reference(self) -> Path | None:
        """The template: ``kamerstuk_docx_sjabloon`` (a .docx or .dotx), else the built-in
        one; a .dotx is given to pandoc as the .docx it differs from in one content type."""
        setting = self.config.kamerstuk_docx_sjabloon
        if not setting:
            return DEFAULT_TEMPLATE
        path = Path(self.confdir) / setting
        try:
            with zipfile.ZipFile(path) as package:
                types = package.read('[Content_Types].xml')
                package.getinfo('word/document.xml')
                if _DOTX in types:
                    converted = Path(self.outdir) / '.kamerstuk-sjabloon.docx'
                    _as_docx(package, types, converted)
                    return converted
        except (OSError, KeyError, zipfile.BadZipFile) as exc:
            log_warning(
                logger,
                __(
                    'kamerstuk_docx_sjabloon %r cannot be used as a Word template (%s): '
                    'expected a .docx or .dotx file, relative to conf.py; the built-in '
                    'template is used'
                )
                % (setting, exc),
                'docx',
                conf_location(self, 'kamerstuk_docx_sjabloon'),
            )
            return DEFAULT_TEMPLATE
        return path

    def _api_version(self) -> list[int]:
        """The document-tree version this pandoc reads: it refuses any other."""
        assert self.pandoc is not None
        result = subprocess.run(
            [self.pandoc, '-f', 'markdown', '-t', 'json'],
            input=b'',
            capture_output=True,
            timeout=_TIMEOUT,
            check=True,
        )
        version: list[int] = json.loads(result.stdout)['pandoc-api-version']
        return version

    def finish(self) -> None:
        (Path(self.outdir) / '.kamerstuk-sjabloon.docx').unlink(missing_ok=True)


def _as_docx(package: zipfile.ZipFile, types: bytes, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            data = (
                types.replace(_DOTX, _DOCX)
                if info.filename == '[Content_Types].xml'
                else package.read(info)
            )
            out.writestr(info, data)


def _pandoc() -> str | None:
    try:
        import pypandoc

        path: str = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None
    return path


def _epoch() -> str:
    """The build's SOURCE_DATE_EPOCH, else a fixed day: a letter's file does not record
    when it was built."""
    epoch = os.environ.get('SOURCE_DATE_EPOCH', '')
    return epoch if epoch.isdigit() else '0'


def setup_docx(app: Sphinx) -> None:
    app.add_builder(KamerbriefDocxBuilder)
