"""Labels follow the project's language; the committed catalogs are up to date."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import html

PACKAGE = Path(__file__).parents[1] / 'sphinx_kamerstuk'
LOCALE = PACKAGE / 'locale'


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
            PACKAGE, keywords={'_': None, '__': None}
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
    assert {m.id: m.string for m in compiled if m.id} == {
        m.id: m.string for m in catalog if m.id and m.string
    }
