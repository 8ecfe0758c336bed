"""Proof, by docutils' own reading, that ``check --fix`` only turned text into roles.

:mod:`sphinx_kamerstuk.lint.scan` finds references with a fast scanner; before a fixed file
is written, docutils parses it before and after. The fix stands only when the two
document trees are equal once each citation role is read back as its text, and the
fixed file holds one role more per fix. MyST Markdown is read with myst-parser's docutils
parser, once plain and once with the syntax extensions a project may enable. Imported
only by ``--fix``, so ``sphinx-kamerstuk check`` without it never loads docutils.

Nothing outside the text is read: file insertion (``include``, ``csv-table :file:``) and
``raw`` are off, and directives docutils does not know (Sphinx's, this extension's) stand
in as a node that keeps their arguments and options verbatim and parses their content.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes, utils
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives, roles

from sphinx_kamerstuk.core.citations import ROLE_KINDS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ['Shape', 'shape']

#: Document trees as nested tuples, roles read back as text; and how many roles they have.
Shape = tuple[tuple[Any, ...], int]
#: MyST syntax extensions that change what is prose: each could turn a fix into markup.
MYST_EXTENSIONS = (
    'amsmath',
    'attrs_block',
    'attrs_inline',
    'colon_fence',
    'deflist',
    'dollarmath',
    'fieldlist',
    'html_admonition',
    'html_image',
    'strikethrough',
    'substitution',
    'tasklist',
)

_ROLE_CLASS = 'kamerstuk-check-role'
_SETTINGS = {
    'report_level': 5,
    'halt_level': 5,
    'file_insertion_enabled': False,
    'raw_enabled': False,
    'line_length_limit': 1 << 62,
    '_disable_config': True,
}


def shape(text: str, syntax: str = 'rst') -> Shape:
    """How docutils reads ``text``, the citation roles in it counted and read as text.

    Raises :class:`ImportError` for Markdown when myst-parser is not installed.
    """
    if syntax == 'rst':
        readings: list[tuple[Any, dict[str, Any]]] = [(None, {})]
    else:
        from myst_parser.parsers.docutils_ import Parser

        readings = [(Parser(), {}), (Parser(), {'myst_enable_extensions': MYST_EXTENSIONS})]
    original_role, original_directive = roles.role, directives.directive
    # stand-ins with docutils' signatures but for the parameter names the stubs give
    roles.role, directives.directive = _role, _directive  # type: ignore[assignment]
    counted = [0]
    try:
        trees = tuple(
            _tuple(
                publish_doctree(
                    text,
                    parser=parser,
                    settings_overrides={**_SETTINGS, **extra, 'warning_stream': io.StringIO()},
                ),
                counted,
            )
            for parser, extra in readings
        )
    finally:
        roles.role, directives.directive = original_role, original_directive
    return trees, counted[0] // len(readings)


def _tuple(node: nodes.Element, counted: list[int]) -> tuple[Any, ...]:
    attributes = tuple(sorted((key, repr(value)) for key, value in node.attributes.items()))
    return node.tagname, attributes, tuple(_children(node, counted))


def _children(node: nodes.Element, counted: list[int]) -> Iterator[Any]:
    """Child tuples, with roles read back as text and adjacent text joined."""
    text = ''
    for child in node.children:
        if isinstance(child, nodes.inline) and _ROLE_CLASS in child['classes']:
            counted[0] += 1
            text += child.astext()
        elif isinstance(child, nodes.Text):
            text += child.astext()  # without the nulls of escaped spaces
        else:
            if text:
                yield text
                text = ''
            yield _tuple(cast('nodes.Element', child), counted)  # neither Text nor a role
    if text:
        yield text


def _role(
    name: str, language: Any, lineno: int, reporter: Any
) -> tuple[Callable[..., Any] | None, list[nodes.system_message]]:
    if name.lower() in ROLE_KINDS:
        return _citation_role, []
    return _ORIGINAL_ROLE(name, language, lineno, reporter)


def _citation_role(
    name: str, rawtext: str, text: str, *args: Any, **kwargs: Any
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """What matters of a citation role here: that it is one, and its text."""
    return [nodes.inline(rawtext, utils.unescape(text), classes=[_ROLE_CLASS])], []


def _directive(
    name: str, language: Any, document: nodes.document
) -> tuple[type[Directive] | None, list[nodes.system_message]]:
    found, messages = _ORIGINAL_DIRECTIVE(name, language, document)
    return found or _UnknownDirective, messages


class AnyOption(dict[str, Any]):
    """An ``option_spec`` that knows every option name, the value kept as written: docutils
    looks an option up by name and drops the whole directive on a ``KeyError``, so a
    directive with this spec sees every option and can warn about an unknown one itself.
    Relies on docutils looking options up with ``[]`` (not ``in``), the one such use,
    tested by ``tests/test_upstream_contract.py``; the kamerbrief directive uses it too."""

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged


class _UnknownDirective(Directive):
    """A directive docutils does not know: arguments and options as written, content parsed."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = AnyOption({'class': directives.class_option})
    has_content = True

    def run(self) -> list[nodes.Node]:
        node = nodes.container(
            directive=self.name,
            arguments=list(self.arguments),
            options=sorted(self.options.items()),
        )
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


_ORIGINAL_ROLE = roles.role
_ORIGINAL_DIRECTIVE = directives.directive
