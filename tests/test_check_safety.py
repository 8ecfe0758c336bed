"""``sphinx-kamerstuk check --fix`` changes only what it says, in files it may change.

The property tests compare docutils' own reading of a document before and after the fix;
the file tests make the hostile cases of a shared tree: links, pipes, devices, files
without write permission, and edits made while the check runs.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import ClassVar

import pytest
from docutils import nodes, utils
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives, roles
from docutils.parsers.rst.directives.body import CodeBlock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser as MystParser

from sphinx_kamerstuk.cli import main
from sphinx_kamerstuk.core.citations import ROLE_KINDS
from sphinx_kamerstuk.lint import check as check_module
from sphinx_kamerstuk.lint import sources
from sphinx_kamerstuk.lint.check import check


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(['check', *args])
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding='utf-8', newline='')
    return path


def fixed(text: str, name: str = 'brief.rst') -> tuple[str, int]:
    """What ``--fix`` writes for ``text`` in a file ``name``, and how many it fixed."""
    with tempfile.TemporaryDirectory() as directory:
        source = write(Path(directory, name), text)
        report = check([directory], fix=True)
        return source.read_text(encoding='utf-8'), sum(f.fixed for f in report.findings)


# --- what --fix must not touch ------------------------------------------------------------

# Each is a real shape: file names as the Kamer's own publications name them
# (officielebekendmakingen.nl: kst-22112-4363.html, kst-36600-V-12.html).
UNTOUCHABLE = {
    'image file name': '.. image:: 22112-4363.png\n',
    'include file name': '.. include:: 36600-V-12.rst\n',
    'letter subject': (
        '.. kamerbrief:: Reactie op Kamerstuk 22112, nr. 4363\n   :datum: 2026-06-11\n\nTekst.\n'
    ),
    'toezegging title': '.. toezegging:: Brief over Stb. 2025, 123\n   :id: TZ-1\n',
    'wrapped into a definition list': 'Zie Kamerstuk 22112,\n   nr. 4363 voor meer.\n',
    'escaped': 'Zie \\Stb. 2025, 123 hier.\n',
    'substitution definition': '.. |brief| replace:: Stb. 2025, 123\n\nZie |brief|.\n',
    'definition-list term': 'Stb. 2025, 123\n   De wet.\n',
}


@pytest.mark.parametrize('text', UNTOUCHABLE.values(), ids=UNTOUCHABLE)
def test_fix_leaves_arguments_terms_escapes_and_file_names(capsys, tmp_path, text):
    source = write(tmp_path / 'brief.rst', text)
    status, out, _ = run(capsys, '--fix', str(source))
    assert source.read_text(encoding='utf-8') == text
    assert '(fixed)' not in out
    if out:  # what is reported says why it is left
        assert status == 1
        assert 'mark it up by hand' in out


def test_fix_in_a_letters_body_still_happens(capsys, tmp_path):
    text = '.. kamerbrief:: Terugkeerhubs\n   :datum: 2026-06-11\n\n   Zie Stb. 2025, 123.\n'
    source = write(tmp_path / 'brief.rst', text)
    assert run(capsys, '--fix', str(source))[0] == 0
    assert source.read_text(encoding='utf-8') == text.replace(
        'Stb. 2025, 123', ':stb:`Stb. 2025, 123`'
    )


# Directives docutils does not know may hold code: only known prose directives are fixed.
# The graph and diagram shapes are Graphviz's and sphinx-needs' (needuml is PlantUML).
NOT_PROSE = {
    'digraph': (
        'brief.rst',
        (
            '.. kamerbrief:: Terugkeerhubs\n   :datum: 2026-06-11\n\n   Zie het schema.\n\n'
            '.. digraph:: stukken\n\n   "Kamerstukken II 2025/26, 22112, nr. 4363" -> brief\n'
        ),
    ),
    'needuml': (
        'brief.rst',
        (
            '.. needuml::\n\n   @startuml\n'
            '   note "Kamerstukken II 2025/26, 22112, nr. 4363" as N1\n   @enduml\n'
        ),
    ),
    'csv-table': (
        'brief.rst',
        (
            '.. csv-table:: Bronnen\n   :header: "Bron", "Onderwerp"\n\n'
            '   "Kamerstukken II 2025/26, 22112, nr. 4363", "terugkeerhubs"\n'
        ),
    ),
    'myst digraph': (
        'brief.md',
        (
            'Zie het schema.\n\n```{digraph} stukken\n'
            '"Kamerstukken II 2025/26, 22112, nr. 4363" -> brief\n```\n'
        ),
    ),
    'myst needuml': (
        'brief.md',
        (
            ':::{needuml}\n@startuml\nnote "Kamerstukken II 2025/26, 22112, nr. 4363" as N1\n'
            '@enduml\n:::\n'
        ),
    ),
}


@pytest.mark.parametrize('case', NOT_PROSE)
def test_content_of_directives_that_may_not_be_prose_is_reported_not_fixed(capsys, tmp_path, case):
    name, text = NOT_PROSE[case]
    directive = case.removeprefix('myst ')
    source = write(tmp_path / name, text)
    status, out, _ = run(capsys, '--fix', str(source))
    assert status == 1
    assert source.read_text(encoding='utf-8') == text
    reason = f"inside the content of directive '{directive}', which may not be prose"
    assert out.splitlines()[0].endswith(f'mark it up by hand: {reason}')


PROSE = {
    'note': '.. note::\n\n   Zie Stb. 2025, 123.\n',
    'only': '.. only:: html\n\n   Zie Stb. 2025, 123.\n',
    'tip in a letter': (
        '.. kamerbrief:: Terugkeerhubs\n   :datum: 2026-06-11\n\n'
        '   .. tip::\n\n      Zie Stb. 2025, 123.\n'
    ),
}


@pytest.mark.parametrize('text', PROSE.values(), ids=PROSE)
def test_content_of_prose_directives_is_fixed(text):
    assert fixed(text) == (text.replace('Stb. 2025, 123', ':stb:`Stb. 2025, 123`'), 1)


def test_myst_prose_fence_is_fixed():
    text = ':::{note}\nZie Stb. 2025, 123.\n:::\n'
    assert fixed(text, 'brief.md') == (text.replace('Stb. 2025, 123', '{stb}`Stb. 2025, 123`'), 1)


# reST refuses a role in a definition-list term and in a table cell; MyST the same
MYST_KEPT = {
    'definition-list term': (
        'Kamerstukken II 2025/26, 22112, nr. 4363\n: De brief over terugkeerhubs.\n',
        'a definition-list term names an entry',
    ),
    'pipe table': (
        (
            '| Bron | Onderwerp |\n|------|-----------|\n'
            '| Kamerstukken II 2025/26, 22112, nr. 4363 | terugkeerhubs |\n'
        ),
        'table cells are not fixed',
    ),
}


@pytest.mark.parametrize(('text', 'reason'), MYST_KEPT.values(), ids=MYST_KEPT)
def test_myst_terms_and_table_cells_are_reported_not_fixed(capsys, tmp_path, text, reason):
    source = write(tmp_path / 'brief.md', text)
    status, out, _ = run(capsys, '--fix', str(source))
    assert status == 1
    assert source.read_text(encoding='utf-8') == text
    assert f'mark it up by hand: {reason}' in out


def test_a_document_nested_too_deep_for_docutils_is_left_with_a_message(capsys, tmp_path):
    text = ''.join(' ' * i + 'Kamerstukken II 2025/26, 22112, nr. 4363\n\n' for i in range(200))
    source = write(tmp_path / 'brief.rst', text)
    status, out, err = run(capsys, str(source))
    assert status == 1
    assert len(out.splitlines()) == 200
    status, out, err = run(capsys, '--fix', str(source))
    assert status == 1
    assert source.read_text(encoding='utf-8') == text
    assert f'{source}: skipped: not fixed: docutils cannot read a document nested this deep' in err
    assert '(fixed)' not in out


# --- the property: the doctree after the fix is the doctree before, with roles (reST) -------------


def _stand_in(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [nodes.inline(rawtext, utils.unescape(text), classes=['citation-role'])], []


class _Letter(Directive):
    """The extension's directives as far as docutils is concerned: a title, options, and
    content that is read as reStructuredText (Sphinx's code-block reads as ``code``)."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar = dict.fromkeys(('class', 'datum', 'id'), directives.unchanged)
    has_content = True

    def run(self) -> list[nodes.Node]:
        node = nodes.container(title=self.arguments, options=sorted(self.options.items()))
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def _reading(text: str, parser: object = None) -> tuple[str, int]:
    """docutils' pseudo-XML of ``text`` with each citation role read back as its text, and
    the number of citation roles: an oracle written apart from ``check_docutils``.

    ``parser``: docutils' reStructuredText parser, or another such as MyST's.
    """
    saved = dict(roles._roles), dict(directives._directives)
    for name in ROLE_KINDS:
        roles.register_local_role(name, _stand_in)
    for name in ('kamerbrief', 'toezegging'):
        directives.register_directive(name, _Letter)
    directives.register_directive('code-block', CodeBlock)
    try:
        document = publish_doctree(
            text,
            parser=parser,
            settings_overrides={
                'report_level': 5,
                'warning_stream': io.StringIO(),
                'file_insertion_enabled': False,
                'raw_enabled': False,
                '_disable_config': True,
            },
        )
    finally:
        for registry, entries in zip((roles._roles, directives._directives), saved, strict=True):
            registry.clear()
            registry.update(entries)
    found = [node for node in document.findall(nodes.inline) if 'citation-role' in node['classes']]
    for node in found:
        node.parent.replace(node, nodes.Text(node.astext()))
    for element in list(document.findall(nodes.Element)):
        children: list[nodes.Node] = []
        for child in element.children:  # adjacent text joined, escaped spaces read as nothing
            if isinstance(child, nodes.Text):
                joined = children and isinstance(children[-1], nodes.Text)
                before = children.pop().astext() if joined else ''
                children.append(nodes.Text(before + child.astext()))
            else:
                children.append(child)
        element.children = children
    return document.pformat(), len(found)


REFERENCES = [
    'Kamerstukken II 2025/26, 22112, nr. 4363',
    'Kamerstuk 22112, nr. 4363',
    'Stb. 2025, 123',
    'Stcrt. 2026, 9876',
    'Handelingen II 2025/26, nr. 45, item 12',
    '22112-4363',
    '36600-V-12',
]
# a reference, sometimes against a letter, punctuation, markup or a backslash
_neighbour = st.sampled_from(['', ' ', 'a', '.', ',', '(', ')', '*', '_', '`', '|', '\\', ':'])
_reference = st.builds(
    lambda before, reference, after, wrap: (before + reference + after).replace(
        ' ', '\n' if wrap else ' ', 1
    ),
    _neighbour,
    st.sampled_from(REFERENCES),
    _neighbour,
    st.booleans(),
)
_words = st.sampled_from(['Zie', 'de brief', 'en', 'over', 'terugkeerhubs', 'van 4 juni'])
_inline = st.lists(
    st.one_of(
        _words,
        _reference,
        st.builds('*{}*'.format, _reference),
        st.builds('**{}**'.format, _reference),
        st.builds('``{}``'.format, _reference),
        st.builds('`{}`_'.format, _reference),
        st.builds(':ref:`{}`'.format, _reference),
        st.builds(':kst:`{}`'.format, _reference),
        st.builds('|{}|'.format, _words),
        st.just('https://zoek.officielebekendmakingen.nl/kst-22112-4363.html'),
        st.just('\\*'),
    ),
    min_size=1,
    max_size=6,
).map(' '.join)


def _indented(text: str, prefix: str = '   ') -> str:
    return ''.join(prefix + line if line.strip() else line for line in text.splitlines(True))


def _blocks(inline: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Every reST construct, each around generated inline text."""
    para = inline.map(lambda text: text + '\n')
    return st.one_of(
        para,
        st.builds(lambda t: f'{t}\n{"=" * (len(t) + 2)}\n', _words),  # a section title
        st.builds(lambda t: f'{t}\n{"=" * len(t)}\n', inline.filter(lambda t: '\n' not in t)),
        st.builds(lambda a, b: f'* {_hang(a)}\n* {_hang(b)}\n', inline, inline),
        st.builds(lambda a, b: f'#. {_hang(a, 3)}\n#. {_hang(b, 3)}\n', inline, inline),
        st.builds(lambda a, b: f'{a.splitlines()[0]}\n{_indented(b)}\n', inline, para),
        st.builds(lambda a, b: f':{a.split()[0]}: {_hang(b, 3)}\n', _words, inline),
        st.builds(lambda a: f'-f, --file  {_hang(a, 12)}\n', inline),
        st.builds(lambda a: _indented(a), para),  # a block quote
        st.builds(lambda a, b: f'{a}::\n\n{_indented(b)}', inline, para),  # a literal block
        st.builds(
            lambda name, argument, option, content: (
                f'.. {name}:: {argument.splitlines()[0]}\n   :class: {option.splitlines()[0]}\n\n'
                + _indented(content)
            ),
            st.sampled_from(['note', 'admonition', 'kamerbrief', 'toezegging', 'code-block']),
            inline,
            inline,
            para,
        ),
        st.builds(lambda a: f'.. image:: {a.split()[0]}.png\n   :alt: {_hang(a, 3)}\n', inline),
        st.builds(lambda a: f'.. {_hang(a, 3)}\n', para),  # a comment
        st.builds(lambda a: f'.. |sub| replace:: {a.splitlines()[0]}\n', inline),
        st.builds(lambda a: f'.. _{a.split()[0]}: https://example.org/\n', inline),
        st.builds(lambda a: f'.. [#] {_hang(a, 3)}\n', inline),
        st.builds(
            lambda a, b: (
                '+------------+------------+\n'
                f'| {a[:10]:<10} | {b[:10]:<10} |\n'
                '+------------+------------+\n'
            ),
            inline.map(lambda t: t.replace('\n', ' ')),
            inline.map(lambda t: t.replace('\n', ' ')),
        ),
        st.builds(
            lambda a, b: f'====  ====\nA     B\n====  ====\n{a}    {b}\n====  ====\n',
            _words.map(lambda t: t[:2]),
            _words.map(lambda t: t[:2]),
        ),
        st.builds(lambda a: f'| {_hang(a, 2)}\n| regel\n', inline),  # a line block
        st.builds(lambda a: f'>>> {a.splitlines()[0]}\n', inline),  # a doctest
    )


def _hang(text: str, indent: int = 2) -> str:
    """``text`` as the body of a list item or field: its next lines indented to match."""
    return text.replace('\n', '\n' + ' ' * indent)


documents = st.lists(_blocks(_inline), min_size=1, max_size=5).map('\n'.join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_fix_changes_nothing_docutils_reads_but_the_roles(text):
    after, count = fixed(text)
    before_tree, before_roles = _reading(text)
    after_tree, after_roles = _reading(after)
    assert after_tree == before_tree
    assert after_roles - before_roles == count


def test_fixes_docutils_refuses_are_reported_and_the_search_is_bounded(capsys, tmp_path):
    # a stray backtick earlier in each paragraph pairs with the role's: no fix can stand
    text = ''.join(f'Zie `x en Stb. 2025, {n}.\n\n' for n in range(1, 200))
    source = write(tmp_path / 'brief.md', text)
    status, out, _ = run(capsys, '--fix', str(source))
    assert status == 1
    assert source.read_text(encoding='utf-8') == text
    lines = out.splitlines()
    assert len(lines) == 199
    assert any(line.endswith('differently with a role there') for line in lines)
    assert any('gave up before trying this one' in line for line in lines)


# MyST: the same property, read by myst-parser's docutils parser

_md_inline = st.lists(
    st.one_of(
        _words,
        _reference,
        st.builds('*{}*'.format, _reference),
        st.builds('**{}**'.format, _reference),
        st.builds('`{}`'.format, _reference),
        st.builds('[{}](https://example.org/)'.format, _reference),
        st.builds('{{kst}}`{}`'.format, _reference),
        st.builds('{{ref}}`{}`'.format, _reference),
        st.just('<https://zoek.officielebekendmakingen.nl/kst-22112-4363.html>'),
        st.just('\\*'),
    ),
    min_size=1,
    max_size=6,
).map(' '.join)


def _one_line(text: str) -> str:
    return text.replace('\n', ' ')


_md_blocks = st.one_of(
    _md_inline.map(lambda a: a + '\n'),
    _md_inline.map(lambda a: f'# {_one_line(a)}\n'),
    st.builds(lambda a, b: f'- {_hang(a)}\n- {_hang(b)}\n', _md_inline, _md_inline),
    st.builds(lambda a, b: f'1. {_hang(a, 3)}\n2. {_hang(b, 3)}\n', _md_inline, _md_inline),
    _md_inline.map(lambda a: '> ' + a.replace('\n', '\n> ') + '\n'),  # a block quote
    _md_inline.map(lambda a: f'```text\n{a}\n```\n'),
    st.builds(
        lambda name, argument, option, content: (
            f'```{{{name}}} {argument.splitlines()[0]}\n:class: {option.splitlines()[0]}\n\n'
            f'{content}\n```\n'
        ),
        st.sampled_from(['note', 'admonition', 'kamerbrief', 'toezegging', 'image']),
        _md_inline,
        _md_inline,
        _md_inline,
    ),
    st.builds(
        lambda name, argument, content: (
            f':::{{{name}}} {argument.splitlines()[0]}\n{content}\n:::\n'
        ),
        st.sampled_from(['note', 'kamerbrief']),
        _md_inline,
        _md_inline,
    ),
    _md_inline.map(lambda a: f'<!-- {a} -->\n'),
    _md_inline.map(lambda a: f'% {_one_line(a)}\n'),
    _md_inline.map(lambda a: _indented(a, '    ') + '\n'),  # indented code
    st.builds(
        lambda a, b: f'| {a} | {b} |\n|---|---|\n| {b} | {a} |\n',
        _md_inline.map(_one_line),
        _md_inline.map(_one_line),
    ),
    _md_inline.map(lambda a: f'Zie[^1].\n\n[^1]: {_hang(a, 4)}\n'),
)
md_documents = st.lists(_md_blocks, min_size=1, max_size=5).map('\n'.join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(md_documents)
def test_myst_fix_changes_nothing_myst_reads_but_the_roles(text):
    after, count = fixed(text, 'brief.md')
    before_tree, before_roles = _reading(text, MystParser())
    after_tree, after_roles = _reading(after, MystParser())
    assert after_tree == before_tree
    assert after_roles - before_roles == count


def test_myst_is_not_fixed_without_myst_parser(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, 'myst_parser.parsers.docutils_', None)  # not installed
    source = write(tmp_path / 'brief.md', 'Zie Stb. 2025, 123.\n')
    status, out, _ = run(capsys, '--fix', str(source))
    assert status == 1
    assert source.read_text(encoding='utf-8') == 'Zie Stb. 2025, 123.\n'
    assert out.endswith(
        'mark it up by hand: install myst-parser, which --fix needs to check a fix in Markdown\n'
    )


# --- files ----------------------------------------------------------------------------------


def test_an_edit_made_during_the_check_is_kept(capsys, tmp_path, monkeypatch):
    source = write(tmp_path / 'brief.rst', 'Zie Stb. 2025, 123.\n')
    real_scan = check_module.scan

    def scan_while_someone_types(text, syntax, style='aanwijzingen'):
        issues = real_scan(text, syntax, style)
        with source.open('a', encoding='utf-8') as file:
            file.write('Een nieuwe regel.\n')
        return issues

    monkeypatch.setattr(check_module, 'scan', scan_while_someone_types)
    status, out, err = run(capsys, '--fix', str(source))
    assert source.read_text(encoding='utf-8') == 'Zie Stb. 2025, 123.\nEen nieuwe regel.\n'
    assert status == 1
    assert '(fixed)' not in out
    assert f'{source}: skipped: not fixed: the file changed while it was checked' in err


def test_each_file_is_written_before_the_next_is_read(capsys, tmp_path, monkeypatch):
    first = write(tmp_path / 'a.rst', 'Zie Stb. 2025, 123.\n')
    write(tmp_path / 'b.rst', 'Zie Stb. 2025, 124.\n')
    seen = []
    real = check_module.read_source

    def read_source(path, real_path=None):
        seen.append((path.name, first.read_text(encoding='utf-8')))
        return real(path, real_path)

    monkeypatch.setattr(check_module, 'read_source', read_source)
    assert run(capsys, '--fix', str(tmp_path))[0] == 0
    assert seen == [
        ('a.rst', 'Zie Stb. 2025, 123.\n'),
        ('b.rst', 'Zie :stb:`Stb. 2025, 123`.\n'),
    ]


def test_a_failed_write_names_the_files_already_changed(capsys, tmp_path, monkeypatch):
    first = write(tmp_path / 'a.rst', 'Zie Stb. 2025, 123.\n')
    second = write(tmp_path / 'b.rst', 'Zie Stb. 2025, 124.\n')
    real = Path.replace

    def replace(self, target):
        if Path(target).name == 'b.rst':
            raise OSError(28, 'No space left on device', str(target))
        return real(self, target)

    monkeypatch.setattr(Path, 'replace', replace)
    status, out, err = run(capsys, '--fix', str(tmp_path))
    assert (status, out) == (2, '')
    assert err.splitlines()[-1] == f'sphinx-kamerstuk check: changed before the error: {first}'
    assert second.read_text(encoding='utf-8') == 'Zie Stb. 2025, 124.\n'
    assert sorted(path.name for path in tmp_path.iterdir()) == ['a.rst', 'b.rst']


def test_read_only_files_are_left(capsys, tmp_path):
    source = write(tmp_path / 'brief.rst', 'Zie Stb. 2025, 123.\n')
    source.chmod(0o444)
    status, _, err = run(capsys, '--fix', str(source))
    assert status == 1
    assert source.read_text(encoding='utf-8') == 'Zie Stb. 2025, 123.\n'
    assert f'{source}: skipped: not fixed: the file is read-only' in err


def test_hard_linked_files_are_left(capsys, tmp_path):
    source = write(tmp_path / 'brief.rst', 'Zie Stb. 2025, 123.\n')
    other = tmp_path / 'elders.txt'
    os.link(source, other)
    status, _, err = run(capsys, '--fix', str(source))
    assert status == 1
    assert source.read_text(encoding='utf-8') == 'Zie Stb. 2025, 123.\n'
    assert source.stat().st_ino == other.stat().st_ino
    assert 'other hard links' in err


@pytest.mark.skipif(not hasattr(os, 'geteuid') or os.geteuid() != 0, reason='needs root')
def test_owner_and_group_are_kept(capsys, tmp_path):
    source = write(tmp_path / 'brief.rst', 'Zie Stb. 2025, 123.\n')
    os.chown(source, 65534, 65534)
    assert run(capsys, '--fix', str(source))[0] == 0
    assert source.read_text(encoding='utf-8') == 'Zie :stb:`Stb. 2025, 123`.\n'
    status = source.stat()
    assert (status.st_uid, status.st_gid) == (65534, 65534)


def test_no_writing_through_a_symlink_out_of_the_tree(capsys, tmp_path):
    outside = write(tmp_path / 'outside.rst', 'Zie Stb. 2025, 123.\n')
    tree = tmp_path / 'docs'
    tree.mkdir()
    (tree / 'brief.rst').symlink_to(outside)
    inside = write(tree / 'echt.rst', 'Zie Stb. 2025, 124.\n')
    (tree / 'alias.rst').symlink_to(inside)
    status, out, err = run(capsys, '--fix', str(tree))
    assert outside.read_text(encoding='utf-8') == 'Zie Stb. 2025, 123.\n'
    assert inside.read_text(encoding='utf-8') == 'Zie :stb:`Stb. 2025, 124`.\n'
    assert (tree / 'alias.rst').is_symlink()
    assert out.count('(fixed)') == 1
    assert f'{tree / "brief.rst"}: skipped: a symbolic link to a file outside' in err
    assert status == 1


@pytest.mark.skipif(not hasattr(os, 'mkfifo'), reason='no FIFOs here')
def test_pipes_and_devices_are_skipped_unread(tmp_path):
    tree = tmp_path / 'docs'
    tree.mkdir()
    os.mkfifo(tree / 'pijp.rst')
    zero = tmp_path / 'nul.rst'
    zero.symlink_to('/dev/zero')
    write(tree / 'brief.rst', 'Zie Stb. 2025, 123.\n')
    result = subprocess.run(
        [sys.executable, '-m', 'sphinx_kamerstuk', 'check', str(tree), str(zero)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert f'{tree / "pijp.rst"}: skipped: not a regular file' in result.stderr
    assert f'{zero}: skipped: not a regular file' in result.stderr
    assert result.stdout.startswith(f'{tree / "brief.rst"}:1:5: plain reference')


def test_files_over_the_limit_are_skipped_unread(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(sources, 'MAX_BYTES', 1024 * 1024)
    source = tmp_path / 'groot.rst'
    with source.open('wb') as file:
        file.truncate(1024 * 1024 + 1)
    status, _, err = run(capsys, str(source))
    assert status == 1
    assert f'{source}: skipped: larger than 1 MB' in err
