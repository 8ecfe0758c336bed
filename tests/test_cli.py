"""``sphinx-kamerstuk check``: what it reports, what it skips, and what --fix writes."""

from __future__ import annotations

import csv
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

import sphinx_kamerstuk
from sphinx_kamerstuk.cli import main
from sphinx_kamerstuk.core.citations import CitationError, find_all, parse
from sphinx_kamerstuk.lint import markup, rst
from sphinx_kamerstuk.lint.scan import scan

ROOT = Path(__file__).parents[1]
SEED = Path(__file__).parent / 'data' / 'kamerbrief-terugkeerhubs-bho.txt'
FIRST = 'Kamerstukken II, 2025/26, 22112 nr. 4363'
SECOND = 'Kamerstukken II 2025/26, 19637 nr. 3560'

RST = """\
Brief
=====

Zie Kamerstukken II, 2025/26, 22112 nr. 4363 en :kst:`Kamerstuk 22112, nr. 4363`.
Ook :kamerstuk:`deze brief <Kamerstuk 22112, nr. 4363>`, ``Stb. 2025, 123`` en
`Kamerstuk 22112, nr. 4363`:kst:, ook als voorbeeld: ``:stb:`Stb. 2025, 125```.
Zie https://zoek.officielebekendmakingen.nl/kst-22112-4363.html en
:ref:`Stb. 2025, 123 <label>` en :doc:`Kamerstuk 22112, nr. 4363 <brief>`.
De wet Stb. 2025, 124 geldt.

.. Kamerstuk 22112, nr. 1 in een commentaar
   en Stb. 2025, 1 op de volgende regel.

.. note:: Stcrt. 2026, 9876 in een notitie.

   Handelingen II 2025/26, nr. 45, item 12 in de notitie.

Voorbeeld::

   Kamerstuk 22112, nr. 2

.. code-block:: text
   :caption: Kamerstuk 22112, nr. 3

   Kamerstuk 22112, nr. 3

Verkeerd: :stb:`Kamerstuk 22112, nr. 4363`; onleesbaar: :kst:`Kamerstukken II 2025/26, nr. 3`.
"""

MYST = """\
# Brief

Zie Kamerstukken II, 2025/26, 22112 nr. 4363 en {kst}`Kamerstuk 22112, nr. 4363`.
Ook {kamerstuk}`deze brief <Kamerstuk 22112, nr. 4363>` en `Stb. 2025, 123`.
Zie <https://zoek.officielebekendmakingen.nl/kst-22112-4363.html> en
[Stb. 2025, 123](https://example.org/) en {doc}`Kamerstuk 22112, nr. 4363 <brief>`.
De wet Stb. 2025, 124 geldt.

<!-- Kamerstuk 22112, nr. 1 -->
% Kamerstuk 22112, nr. 1

```{note}
:class: Kamerstuk 22112, nr. 2
Stcrt. 2026, 9876 in een notitie.
```

```text
Kamerstuk 22112, nr. 3
```

Verkeerd: {stb}`Kamerstuk 22112, nr. 4363`; onleesbaar: {kst}`Kamerstukken II 2025/26, nr. 3`.
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(['check', *args])
    out, err = capsys.readouterr()
    return status, out, err


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle``, computed independently of the scanner."""
    before = text[: text.index(needle)]
    return before.count('\n') + 1, len(before) - (before.rfind('\n') + 1) + 1


def findings(capsys, *args: str) -> list[dict]:
    status, out, _ = run(capsys, '--format', 'json', *args)
    document = json.loads(out)
    assert status == (1 if any(not f['fixed'] for f in document['findings']) else 0)
    return document['findings']


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding='utf-8', newline='')
    return path


# --- the seed letter ----------------------------------------------------------------------


def test_seed_letter_reports_both_footnote_references(capsys, tmp_path):
    letter = shutil.copy(SEED, tmp_path / 'brief.txt')
    status, out, err = run(capsys, str(letter))
    assert status == 1
    assert out.splitlines() == [
        (
            f"{letter}:8:1210: plain reference '{FIRST}'; write :kst:`{FIRST}` "
            "(renders as 'Kamerstukken II 2025/26, 22112, nr. 4363')"
        ),
        (
            f"{letter}:8:1258: plain reference '{SECOND}'; write :kst:`{SECOND}` "
            "(renders as 'Kamerstukken II 2025/26, 19637, nr. 3560')"
        ),
    ]
    assert err == '1 file scanned, 2 findings\n'


def test_seed_letter_fix_changes_only_the_references(capsys, tmp_path):
    letter = shutil.copy(SEED, tmp_path / 'brief.txt')
    status, out, _ = run(capsys, '--fix', str(letter))
    assert status == 0
    assert out.count('(fixed)') == 2
    original = SEED.read_bytes()
    expected = original.replace(FIRST.encode(), f':kst:`{FIRST}`'.encode(), 1).replace(
        SECOND.encode(), f':kst:`{SECOND}`'.encode(), 1
    )
    assert Path(letter).read_bytes() == expected
    assert run(capsys, str(letter)) == (0, '', '1 file scanned, nothing found\n')


def test_style_only_changes_how_the_reference_is_shown(capsys):
    status, out, _ = run(capsys, '--style', 'kamerbrief', str(SEED))
    assert status == 1
    assert "(renders as 'Kamerstuk 22 112, nr. 4363')" in out


def test_inside_a_project_the_style_is_the_projects_read_without_running_conf_py(capsys, tmp_path):
    project = tmp_path / 'docs'
    (project / 'brieven').mkdir(parents=True)
    marker = tmp_path / 'conf.py was run'
    write(
        project / 'conf.py',
        f"open({str(marker)!r}, 'w').close()\n"
        "extensions = ['sphinx_kamerstuk']\n"
        "kamerstuk_citeerstijl: str = 'kamerbrief'\n",
    )
    letter = shutil.copy(SEED, project / 'brieven' / 'brief.txt')
    _, out, _ = run(capsys, str(letter))
    assert "(renders as 'Kamerstuk 22 112, nr. 4363')" in out
    _, out, _ = run(capsys, str(project))
    assert "(renders as 'Kamerstuk 22 112, nr. 4363')" in out
    _, out, _ = run(capsys, '--style', 'aanwijzingen', str(letter))  # the option wins
    assert "(renders as 'Kamerstukken II 2025/26, 22112, nr. 4363')" in out
    assert not marker.exists()
    # a value that is not a literal, or not a style, leaves the default
    write(project / 'conf.py', "kamerstuk_citeerstijl = 'kamer' + 'brief'\n")
    _, out, _ = run(capsys, str(letter))
    assert "(renders as 'Kamerstukken II 2025/26, 22112, nr. 4363')" in out
    write(project / 'conf.py', "kamerstuk_citeerstijl = 'brief'\n")
    _, out, _ = run(capsys, str(letter))
    assert "(renders as 'Kamerstukken II 2025/26, 22112, nr. 4363')" in out


def test_a_continuation_is_reported_with_its_reference_as_target_and_left_to_the_author(
    capsys, tmp_path
):
    """The "140" of "Trb. 1999, 12 en 140" (real: Trb. lists of the wetten.overheid.nl
    texts) and a motie's "nr. 22 (30196)" (Handelingen) say what they are only in context."""
    text = 'Het verdrag (Trb. 1999, 12 en 140) en de motie (Zij krijgt nr. 22 (30196).).\n'
    source = write(tmp_path / 'brief.rst', text)
    found = findings(capsys, '--fix', str(source))
    assert [item['fixed'] for item in found] == [True, False, False]
    messages = ' '.join(item['message'] for item in found)
    assert ':trb:`140 <Trb. 1999, 140>`' in messages
    assert ':kst:`nr. 22 (30196) <Kamerstukken 30196, nr. 22>`' in messages
    assert messages.count('only with the words around it') == 2
    assert source.read_text(encoding='utf-8') == text.replace(
        'Trb. 1999, 12', ':trb:`Trb. 1999, 12`'
    )


# --- what is reported and what is skipped -------------------------------------------------


def test_rst_reports_plain_references_and_bad_roles_only(capsys, tmp_path):
    source = write(tmp_path / 'brief.rst', RST)
    found = findings(capsys, str(source))
    assert [(f['line'], f['column'], f['kind'], f['text']) for f in found] == [
        (*where(RST, FIRST), 'plain-reference', FIRST),
        (*where(RST, 'Stb. 2025, 124'), 'plain-reference', 'Stb. 2025, 124'),
        (*where(RST, 'Stcrt. 2026'), 'plain-reference', 'Stcrt. 2026, 9876'),
        (
            *where(RST, 'Handelingen II'),
            'plain-reference',
            'Handelingen II 2025/26, nr. 45, item 12',
        ),
        (*where(RST, ':stb:`Kamerstuk'), 'wrong-role', ':stb:`Kamerstuk 22112, nr. 4363`'),
        (
            *where(RST, ':kst:`Kamerstukken'),
            'invalid-role',
            ':kst:`Kamerstukken II 2025/26, nr. 3`',
        ),
    ]
    assert found[1]['suggestion'] == ':stb:`Stb. 2025, 124`'
    assert found[4]['message'] == (
        "the :stb: role expects a staatsblad reference, but 'Kamerstuk 22112, nr. 4363' is a "
        'kamerstuk reference; write :kst:`Kamerstuk 22112, nr. 4363`'
    )
    assert found[4]['suggestion'] == ':kst:`Kamerstuk 22112, nr. 4363`'
    with pytest.raises(CitationError) as error:
        parse('Kamerstukken II 2025/26, nr. 3', kind='kamerstuk')
    assert found[5]['message'] == (
        f"cannot read :kst: reference 'Kamerstukken II 2025/26, nr. 3': {error.value}"
    )
    assert found[5]['suggestion'] is None


def test_myst_reports_plain_references_and_bad_roles_only(capsys, tmp_path):
    source = write(tmp_path / 'brief.md', MYST)
    found = findings(capsys, str(source))
    assert [(f['line'], f['column'], f['kind'], f['text']) for f in found] == [
        (*where(MYST, FIRST), 'plain-reference', FIRST),
        (*where(MYST, 'Stb. 2025, 124'), 'plain-reference', 'Stb. 2025, 124'),
        (*where(MYST, 'Stcrt. 2026'), 'plain-reference', 'Stcrt. 2026, 9876'),
        (*where(MYST, '{stb}'), 'wrong-role', '{stb}`Kamerstuk 22112, nr. 4363`'),
        (
            *where(MYST, '{kst}`Kamerstukken'),
            'invalid-role',
            '{kst}`Kamerstukken II 2025/26, nr. 3`',
        ),
    ]
    assert found[0]['suggestion'] == f'{{kst}}`{FIRST}`'
    assert found[0]['message'].startswith(f"plain reference '{FIRST}'; write {{kst}}`{FIRST}`")
    assert found[3]['suggestion'] == '{kst}`Kamerstuk 22112, nr. 4363`'
    assert found[4]['message'].startswith("cannot read {kst} reference 'Kamerstukken II")


def test_myst_indented_code_and_list_continuations(capsys, tmp_path):
    text = (
        'Tekst.\n\n    Kamerstuk 22112, nr. 1 is code\n\n'
        '- punt\n\n  Kamerstuk 22112, nr. 2 hoort bij het punt\n\n'
        '[^1]: Kamerstuk 22112, nr. 3\n\n    Kamerstuk 22112, nr. 4 hoort bij de voetnoot\n'
    )
    source = write(tmp_path / 'brief.md', text)
    assert [f['text'] for f in findings(capsys, str(source))] == [
        'Kamerstuk 22112, nr. 2',
        'Kamerstuk 22112, nr. 3',
        'Kamerstuk 22112, nr. 4',
    ]


def test_rst_literal_block_in_a_list_item_ends_with_the_item_text(capsys, tmp_path):
    text = (
        '* Voorbeeld::\n\n      Kamerstuk 22112, nr. 1\n\n'
        '  Kamerstuk 22112, nr. 2 na het voorbeeld\n'
    )
    source = write(tmp_path / 'brief.rst', text)
    assert [f['text'] for f in findings(capsys, str(source))] == ['Kamerstuk 22112, nr. 2']


def test_scanning_finds_what_find_all_finds_in_prose():
    """The scanner reads only where a reference can start; it must miss nothing."""
    with (ROOT / 'docs' / 'citation-forms.csv').open(encoding='utf-8', newline='') as file:
        forms = [row['written'] for row in csv.DictReader(file)]
    text = '\n\n'.join(f'Zie {form} hier.' for form in forms)
    text += '\n\n' + SEED.read_text(encoding='utf-8')
    expected = [(found.start, found.end) for found in find_all(text) if '://' not in found.text]
    assert len(expected) > 60
    assert [(issue.start, issue.end) for issue in scan(text, 'rst')] == expected


def test_the_projects_own_documentation_is_clean(capsys):
    """Many references in literals, code blocks and roles, and none in prose."""
    assert run(capsys, str(ROOT / 'docs'))[:2] == (0, '')


# --- --fix ----------------------------------------------------------------------------------


def test_fix_keeps_crlf_bom_and_mode(capsys, tmp_path):
    source = tmp_path / 'brief.rst'
    original = '\ufeffTitel\r\n=====\r\n\r\nZie Stb. 2025, 123 en\r\nmeer.\r\n'.encode()
    source.write_bytes(original)
    source.chmod(0o640)
    status, _, _ = run(capsys, '--fix', str(source))
    assert status == 0
    assert source.read_bytes() == original.replace(b'Stb. 2025, 123', b':stb:`Stb. 2025, 123`')
    assert stat.S_IMODE(source.stat().st_mode) == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ['brief.rst']  # no temporary file left


def test_fix_keeps_cp1252(capsys, tmp_path):
    source = tmp_path / 'brief.txt'
    original = 'Zie Kamerstuk 22112, nr. 4363 over \u2018terugkeerhubs\u2019 en coördinatie.\n'
    source.write_bytes(original.encode('cp1252'))
    status, out, _ = run(capsys, '--fix', str(source))
    assert status == 0
    assert ':1:5:' in out
    fixed = original.replace('Kamerstuk 22112, nr. 4363', ':kst:`Kamerstuk 22112, nr. 4363`')
    assert source.read_bytes() == fixed.encode('cp1252')


def test_fix_next_to_a_word_character_uses_escaped_spaces(capsys, tmp_path):
    source = write(tmp_path / 'brief.rst', 'Zie Stb. 2025, 123a en €Kamerstuk 22112, nr. 4364.\n')
    assert run(capsys, '--fix', str(source))[0] == 0
    assert source.read_text(encoding='utf-8') == (
        'Zie :stb:`Stb. 2025, 123`\\ a en €\\ :kst:`Kamerstuk 22112, nr. 4364`.\n'
    )
    assert run(capsys, str(source)) == (0, '', '1 file scanned, nothing found\n')


@pytest.mark.parametrize(
    ('text', 'reason'),
    [
        ('Zie *de brief Kamerstuk 22112, nr. 4363* hier.\n', 'nest a role in emphasis'),
        ('Kamerstuk 22112, nr. 4363\n=========================\n', 'title underline'),
        ('=====  =====\na      Stb. 2025, 123\n=====  =====\n', 'table columns'),
        ('.. |brief| replace:: Kamerstuk 22112, nr. 4363\n', 'substitution definition'),
        ('Zie x_Kamerstuk 22112, nr. 4363.\n', "make the '_' before it markup"),
        ('Handelingen II 2025/26, nr. 19, debat over de Voorjaars`nota.\n', 'backtick'),
    ],
)
def test_fix_leaves_what_it_cannot_write_validly(capsys, tmp_path, text, reason):
    source = write(tmp_path / 'brief.rst', text)
    status, out, _ = run(capsys, '--fix', str(source))
    assert status == 1
    assert reason in out
    assert source.read_text(encoding='utf-8') == text


def test_fix_never_touches_bad_roles(capsys, tmp_path):
    text = 'Zie :stb:`Kamerstuk 22112, nr. 4363` en :kst:`22112 nr`.\n'
    source = write(tmp_path / 'brief.rst', text)
    found = findings(capsys, '--fix', str(source))
    assert [(f['kind'], f['fixed']) for f in found] == [
        ('wrong-role', False),
        ('invalid-role', False),
    ]
    assert source.read_text(encoding='utf-8') == text


def test_fixed_rst_builds_without_warnings(capsys, tmp_path):
    srcdir = tmp_path / 'src'
    srcdir.mkdir()
    (srcdir / 'conf.py').write_text("extensions = ['sphinx_kamerstuk']\n", encoding='utf-8')
    body = SEED.read_text(encoding='utf-8').split('\n', 3)[3]  # from the salutation on
    index = write(
        srcdir / 'index.rst',
        'Terugkeerhubs\n=============\n\n'
        + body
        + '\nDe wet (Stb. 2025, 123a) en €Kamerstuk 22112, nr. 4364.\n\n'
        '* Kamerstukken II 2025/26, 22112,\n  nr. 4365 over twee regels\n',
    )
    assert run(capsys, '--fix', str(index))[0] == 0
    status = build_main(
        [
            '-q',
            '-W',
            '-b',
            'text',
            '-D',
            'extensions=sphinx_kamerstuk',
            str(srcdir),
            str(tmp_path / 'out'),
        ]
    )
    assert (status, capsys.readouterr().err) == (0, '')
    output = (tmp_path / 'out' / 'index.txt').read_text(encoding='utf-8')
    assert 'Kamerstukken II 2025/26, 22112, nr. 4363' in output
    assert 'Kamerstukken II 2025/26, 19637, nr. 3560' in output
    assert 'Stb. 2025, 123a' in output
    assert '€Kamerstukken 22112, nr. 4364' in output
    assert 'Kamerstukken II 2025/26, 22112, nr. 4365 over twee regels' in output


# --- files, output and exit statuses --------------------------------------------------------


def test_directories_are_searched_for_sources_only(capsys, tmp_path):
    line = 'Zie Stb. 2025, 123.\n'
    for name in [
        'a.rst',
        'b.md',
        'c.txt',
        'sub/d.rst',
        'skip.py',
        '.hidden.rst',
        '.git/e.rst',
        '_build/f.rst',
        '.venv/g.rst',
        'node_modules/h.md',
    ]:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        write(path, line)
    status, out, _ = run(capsys, '--format', 'json', str(tmp_path), str(tmp_path / 'a.rst'))
    document = json.loads(out)
    assert status == 1
    assert document['files_scanned'] == 4
    assert [Path(f['path']).relative_to(tmp_path).as_posix() for f in document['findings']] == [
        'a.rst',
        'b.md',
        'c.txt',
        'sub/d.rst',
    ]


def test_json_document(capsys, tmp_path):
    write(tmp_path / 'b.rst', 'Zie\n   Stb. 2025, 123 en :stb:`1`.\n')
    write(tmp_path / 'a.md', 'Zie Kamerstukken II 2025/26, 22112,\nnr. 4363.\n')
    status, out, err = run(capsys, '--format', 'json', str(tmp_path))
    assert (status, err) == (1, '')
    assert json.loads(out) == {
        'findings': [
            {
                'path': str(tmp_path / 'a.md'),
                'line': 1,
                'column': 5,
                'end_line': 2,
                'end_column': 9,
                'kind': 'plain-reference',
                'message': "plain reference 'Kamerstukken II 2025/26, 22112, nr. 4363'; write "
                '{kst}`Kamerstukken II 2025/26, 22112, nr. 4363` '
                "(renders as 'Kamerstukken II 2025/26, 22112, nr. 4363')",
                'text': 'Kamerstukken II 2025/26, 22112,\nnr. 4363',
                'suggestion': '{kst}`Kamerstukken II 2025/26, 22112,\nnr. 4363`',
                'fixed': False,
            },
            {
                'path': str(tmp_path / 'b.rst'),
                'line': 2,
                'column': 4,
                'end_line': 2,
                'end_column': 18,
                'kind': 'plain-reference',
                'message': "plain reference 'Stb. 2025, 123'; write :stb:`Stb. 2025, 123` "
                "(renders as 'Stb. 2025, 123')",
                'text': 'Stb. 2025, 123',
                'suggestion': ':stb:`Stb. 2025, 123`',
                'fixed': False,
            },
        ],
        'files_scanned': 2,
        'skipped': [],
    }
    assert list(json.loads(out)['findings'][0]) == [
        'path',
        'line',
        'column',
        'end_line',
        'end_column',
        'kind',
        'message',
        'text',
        'suggestion',
        'fixed',
    ]
    assert run(capsys, '--format', 'json', str(tmp_path))[1] == out  # deterministic


def test_exit_statuses(capsys, tmp_path):
    clean = write(tmp_path / 'clean.rst', 'Zie :kst:`22112, nr. 4363`.\n')
    assert run(capsys, str(clean)) == (0, '', '1 file scanned, nothing found\n')
    assert run(capsys, str(SEED))[0] == 1
    status, out, err = run(capsys, str(tmp_path / 'missing.rst'))
    assert (status, out) == (2, '')
    assert 'missing.rst: No such file or directory' in err
    status, _, err = run(capsys, '--frobnicate', str(clean))
    assert status == 2
    assert 'unrecognized arguments: --frobnicate' in err
    assert run(capsys)[0] == 2  # no path


def test_unreadable_file_is_a_usage_error_naming_the_files_already_changed(
    capsys, tmp_path, monkeypatch
):
    first = write(tmp_path / 'a.rst', 'Zie Stb. 2025, 123.\n')
    write(tmp_path / 'b.rst', 'Zie Stb. 2025, 124.\n')
    write(tmp_path / 'c.rst', 'Zie Stb. 2025, 125.\n')
    real = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if Path(path).name == 'b.rst':
            raise PermissionError(13, 'Permission denied', str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, 'open', refusing_open)
    status, out, err = run(capsys, '--fix', str(tmp_path))
    assert (status, out) == (2, '')
    assert err == (
        f'sphinx-kamerstuk check: {(tmp_path / "b.rst").resolve()}: Permission denied\n'
        f'sphinx-kamerstuk check: changed before the error: {first}\n'
    )
    assert first.read_text(encoding='utf-8') == 'Zie :stb:`Stb. 2025, 123`.\n'
    assert (tmp_path / 'c.rst').read_text(encoding='utf-8') == 'Zie Stb. 2025, 125.\n'


def test_version_and_help(capsys):
    assert main(['--version']) == 0
    assert capsys.readouterr().out == f'sphinx-kamerstuk {sphinx_kamerstuk.__version__}\n'
    assert main([]) == 2
    assert 'check' in capsys.readouterr().err


def test_python_dash_m(tmp_path):
    source = write(tmp_path / 'brief.rst', 'Zie Stb. 2025, 123.\n')
    result = subprocess.run(
        [sys.executable, '-m', 'sphinx_kamerstuk', 'check', str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith(f'{source}:1:5: plain reference')


def test_console_script(tmp_path):
    script = Path(sys.executable).with_name('sphinx-kamerstuk')
    if not script.exists():
        pytest.skip('the console script is not installed next to this Python')
    source = write(tmp_path / 'brief.md', 'Zie Stb. 2025, 123.\n')
    result = subprocess.run(
        [str(script), 'check', '--fix', str(source)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert source.read_text(encoding='utf-8') == 'Zie {stb}`Stb. 2025, 123`.\n'


def test_the_command_imports_neither_sphinx_nor_docutils():
    """So that it starts fast, in CI and in pre-commit hooks."""
    code = (
        'import sys, sphinx_kamerstuk.cli; '
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')))"
    )
    loaded = subprocess.run(
        [sys.executable, '-c', code],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout == '[]\n'


def test_option_values_with_continuation_lines_are_not_prose(tmp_path, capsys):
    source = tmp_path / 'brief.rst'
    source.write_text(
        '.. kamerbrief:: Betreft\n'
        '   :bijlagen: Overzicht\n'
        '      Planning\n'
        '   :kamerstuk: Kamerstukken I 2025/26, 36800 V, C\n'
        '\n'
        'Zie Kamerstuk 22 112, nr. 4363.\n',
        encoding='utf-8',
    )
    status, out, _err = run(capsys, str(source))
    assert status == 1
    assert out.count('plain reference') == 1
    assert 'brief.rst:6:5:' in out


# --- linear time: work counted, not timed (the timings are in benchmarks/citations.py) ---------


@pytest.mark.parametrize(
    'text',
    [
        '*a `b :kst:`c |d ``e _`f ' * 500,  # one paragraph of markup that never closes
        '* punt met een losse `backquote\n' * 500,  # a list, a stray backquote an item
    ],
    ids=['unclosed-paragraph', 'bullet-backquotes'],
)
def test_unclosed_markup_is_searched_once_a_paragraph(monkeypatch, text):
    searched = []
    real = rst._inline_end

    def counted(text, kind, after, paragraph_end):
        searched.append(paragraph_end - after)
        return real(text, kind, after, paragraph_end)

    monkeypatch.setattr(rst, '_inline_end', counted)
    scan(text, 'rst')
    # a few end-strings over each paragraph, not the rest of the text from every start
    assert sum(searched) <= 10 * len(text)


def test_a_run_of_addresses_is_read_once(monkeypatch):
    text = 'https://zoek.officielebekendmakingen.nl/kst-22112-4363.html,' * 500
    calls = []
    real = markup._URL_REST

    class Counted:
        def match(self, *args):
            calls.append(args)
            return real.match(*args)

    monkeypatch.setattr(markup, '_URL_REST', Counted())
    assert scan(text, 'rst') == []
    assert len(calls) == 1
