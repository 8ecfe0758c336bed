"""Labels and warnings follow the project's language; the committed catalogs are up to date
and fully translated."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import html, warnings

from sphinx_kamerstuk.core.i18n import ENVIRONMENT

PACKAGE = Path(__file__).parents[1] / 'sphinx_kamerstuk'
LOCALE = PACKAGE / 'locale'
#: As scripts/babel_runner.py extracts: labels, warnings, the core's marked messages
#: (``N_``: what a citation error expected), the command line's plurals.
KEYWORDS = {'_': None, '__': None, 'N_': None, 'ngettext': (1, 2)}


def test_dutch_project_gets_dutch_labels(build):
    app = build('citations', confoverrides={'language': 'nl'})
    page = html(app)
    assert '— geciteerd in <a class="reference internal" href="#kamerstuk-index-0">' in page
    assert 'cited in' not in page


def test_english_project_gets_english_labels(build):
    page = html(build('citations', confoverrides={'language': 'en'}))
    assert '— cited in <a' in page


def test_catalog_template_matches_the_code():
    """Run ``make locale`` when this fails, then translate what is new."""
    extracted = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE, keywords=KEYWORDS
        )
    }
    with (LOCALE / 'sphinx_kamerstuk.pot').open('rb') as pot:
        committed = {message.id for message in read_po(pot) if message.id}
    assert committed == extracted


def test_every_document_label_has_a_dutch_translation():
    labels = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE, keywords={'_': None}
        )
    }
    with (LOCALE / 'nl' / 'LC_MESSAGES' / 'sphinx_kamerstuk.po').open('rb') as po:
        catalog = read_po(po)
    assert labels
    for label in labels:
        assert catalog[label] is not None and catalog[label].string, label
    # the compiled catalog Sphinx loads says the same as the reviewed .po
    with (LOCALE / 'nl' / 'LC_MESSAGES' / 'sphinx_kamerstuk.mo').open('rb') as mo:
        compiled = read_mo(mo)
    assert {_ids(m): _strings(m) for m in compiled if m.id} == {
        _ids(m): _strings(m) for m in catalog if m.id and m.string
    }


def _catalog():
    with (LOCALE / 'nl' / 'LC_MESSAGES' / 'sphinx_kamerstuk.po').open('rb') as po:
        return read_po(po)


def _ids(message) -> tuple[str, ...]:
    """The msgid, or a plural's singular and plural (Dutch has two forms too)."""
    return tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)


def _strings(message) -> tuple[str, ...]:
    string = message.string
    return tuple(string) if isinstance(string, (tuple, list)) else (string,)


#: A printf placeholder: ``%s``, ``%r``, ``%d``, ``%(name)s``, ``%%``.
PLACEHOLDER = re.compile(r'%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]')


def _placeholders(text: str) -> list[str]:
    found = PLACEHOLDER.findall(text)
    # named ones may move; positional ones keep their order
    return sorted(found) if any('(' in p for p in found) else found


def test_every_message_has_a_dutch_translation():
    """Warnings and command-line messages too: a Dutch project reads Dutch."""
    catalog = _catalog()
    in_code = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            PACKAGE, keywords=KEYWORDS
        )
    }
    untranslated = [
        m.id for m in catalog if m.id and (not all(_strings(m)) or m.fuzzy) and m.id in in_code
    ]
    missing = sorted(in_code - {m.id for m in catalog if m.id})
    assert untranslated == []
    assert missing == []


def test_dutch_translations_keep_the_placeholders():
    catalog = _catalog()
    wrong = [
        (m.id, m.string)
        for m in catalog
        if m.id
        for msgid, msgstr in zip(_ids(m), _strings(m), strict=True)
        if msgstr and _placeholders(msgid) != _placeholders(msgstr)
    ]
    assert wrong == []


@pytest.mark.parametrize('text', ['%s and %r', '%(a)s %(b)d', '100 %%', '%d days'])
def test_the_placeholder_check_sees_a_lost_placeholder(text):
    assert _placeholders(text) != _placeholders(text.replace('%', '', 1))


def test_dutch_project_gets_dutch_warnings(build):
    app = build('kamerbrief-bad', confoverrides={'language': 'nl'})
    text = '\n'.join(warnings(app))
    assert (
        'onbekende kamerbrief-optie :datun: (de waarde wordt genegeerd); bedoelt u :datum:?' in text
    )
    assert 'unknown kamerbrief option' not in text


def test_a_citation_error_is_dutch_in_a_dutch_project(build):
    """What the reader expected comes from the core, which translates nothing itself."""
    app = build('kamerbrief-bad', confoverrides={'language': 'nl'})
    text = '\n'.join(warnings(app))
    assert (
        ":kamerstuk: 'Kamerstukken II 2025/26, nr. 3' is niet te lezen: verwacht: een "
        "dossiernummer zoals '22112' of '22 112' bij teken 26, gevonden: 'nr. 3'"
    ) in text
    assert ' at character ' not in text


def test_citation_errors_in_a_dutch_terminal(tmp_path):
    # a role the Handelingen reader cannot read: the dossier number is missing
    (tmp_path / 'brief.rst').write_text(
        'Zie :kst:`Kamerstukken II 2025/26, nr. 4363`.\n', encoding='utf-8'
    )
    dutch = _cli(tmp_path, 'nl_NL.UTF-8', 'check', 'brief.rst')
    assert dutch.stdout.strip() == (
        "brief.rst:1:5: verwijzing naar :kst: 'Kamerstukken II 2025/26, nr. 4363' is niet te "
        "lezen: verwacht: een dossiernummer zoals '22112' of '22 112' bij teken 26, "
        "gevonden: 'nr. 4363'"
    )
    english = _cli(tmp_path, 'C', 'check', 'brief.rst')
    assert english.stdout.strip() == (
        "brief.rst:1:5: cannot read :kst: reference 'Kamerstukken II 2025/26, nr. 4363': "
        "expected a dossier number such as '22112' or '22 112' at character 26, found 'nr. 4363'"
    )


def test_english_project_gets_english_warnings(build):
    app = build('kamerbrief-bad', confoverrides={'language': 'en'})
    text = '\n'.join(warnings(app))
    assert 'unknown kamerbrief option :datun: (its value is ignored); did you mean :datum:?' in text
    assert 'onbekende' not in text


def _cli(tmp_path, language: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in a fresh process, with the language as a terminal sets it."""
    environment = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT}
    environment.update(LANG=language, PYTHONPATH=str(PACKAGE.parent))
    return subprocess.run(
        [sys.executable, '-m', 'sphinx_kamerstuk', *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        check=False,
    )


def test_command_line_speaks_dutch_in_a_dutch_terminal(tmp_path):
    (tmp_path / 'brief.rst').write_text(
        'Zie Kamerstukken II 2025/26, 36600-V, nr. 12.\n', encoding='utf-8'
    )
    dutch = _cli(tmp_path, 'nl_NL.UTF-8', 'check', 'brief.rst')
    assert dutch.returncode == 1
    assert "brief.rst:1:5: verwijzing in platte tekst 'Kamerstukken II" in dutch.stdout
    assert dutch.stderr.strip() == '1 bestand doorzocht, 1 bevinding'
    english = _cli(tmp_path, 'C', 'check', 'brief.rst')
    assert "brief.rst:1:5: plain reference 'Kamerstukken II" in english.stdout
    assert english.stderr.strip() == '1 file scanned, 1 finding'


def test_command_line_errors_in_dutch(tmp_path):
    dutch = _cli(tmp_path, 'nl_NL.UTF-8', 'import-tk', '-o', 'register.json')
    assert dutch.returncode == 2
    assert dutch.stderr.strip() == (
        'sphinx-kamerstuk import-tk: geef SOURCE-bestanden op, --online, of beide'
    )
    english = _cli(tmp_path, 'C', 'import-tk', '-o', 'register.json')
    assert english.stderr.strip() == (
        'sphinx-kamerstuk import-tk: give SOURCE files, --online, or both'
    )
