"""``:aan:``: a chamber by its shorthand or name, both chambers, or a free address.

The letter to both chambers is the real one of ``tests/roots/test-real-letters/woo.rst``
(kst-32802-73 and kst-33328-AG, 17 juli 2023).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_kamerstuk.core.records import ADDRESSEES
from sphinx_kamerstuk.ext.domain import get_domain
from tests.conftest import html, warnings

TK = ADDRESSEES['tk']
EK = ADDRESSEES['ek']


def _letter(make_app, tmp_path: Path, aan: str, buildername: str = 'html'):
    (tmp_path / 'conf.py').write_text("extensions = ['sphinx_kamerstuk']\n", encoding='utf-8')
    options = '\n'.join(f'      {line}' if n else line for n, line in enumerate(aan.splitlines()))
    (tmp_path / 'index.rst').write_text(
        f'.. kamerbrief:: Betreft\n   :aan: {options}\n\n   Tekst.\n', encoding='utf-8'
    )
    app = make_app(buildername, srcdir=tmp_path)
    app.build()
    return app


@pytest.mark.parametrize(
    ('aan', 'addresses', 'kamers'),
    [
        ('tk', (TK,), ('tk',)),
        ('EK', (EK,), ('ek',)),
        ('Eerste Kamer', (EK,), ('ek',)),
        ('tweede  kamer', (TK,), ('tk',)),
        ('Tweede Kamer der Staten-Generaal', (TK,), ('tk',)),
        ('tk, ek', (TK, EK), ('tk', 'ek')),
        ('ek\ntk', (EK, TK), ('ek', 'tk')),
        ('Tweede Kamer, Eerste Kamer', (TK, EK), ('tk', 'ek')),
    ],
)
def test_chambers_are_read_by_shorthand_and_name(make_app, tmp_path, aan, addresses, kamers):
    app = _letter(make_app, tmp_path, aan)
    letter = get_domain(app.env).letters['index']
    assert (letter.aan, letter.kamers) == (addresses, kamers)
    assert warnings(app) == []


def test_a_free_address_of_several_lines_is_kept_as_written(make_app, tmp_path):
    aan = 'De Voorzitter van de vaste commissie voor Financiën\nPostbus 20018\n2500 EA  DEN HAAG'
    app = _letter(make_app, tmp_path, aan)
    letter = get_domain(app.env).letters['index']
    assert (letter.aan, letter.kamers) == ((tuple(aan.splitlines()),), ())
    assert warnings(app) == []


@pytest.mark.parametrize('aan', ['De Voorzitter van de Tweede Kamer', 'kamer', 'tk, commissie'])
def test_a_one_line_free_address_warns_and_is_kept(make_app, tmp_path, aan):
    app = _letter(make_app, tmp_path, aan)
    letter = get_domain(app.env).letters['index']
    assert letter.aan == ((aan,),)
    [warning] = warnings(app)
    assert warning.startswith(f'{tmp_path / "index.rst"}:1: WARNING: :aan: {aan!r} is one line')
    assert "expected 'tk', 'ek', 'tk, ek'" in warning
    assert aan in html(app)


def test_a_chamber_named_twice_is_addressed_once_with_a_warning(make_app, tmp_path):
    app = _letter(make_app, tmp_path, 'tk, Tweede Kamer')
    letter = get_domain(app.env).letters['index']
    assert (letter.aan, letter.kamers) == ((TK,), ('tk',))
    [warning] = warnings(app)
    assert ':aan: names a chamber twice' in warning


def test_a_letter_to_both_chambers_shows_both_addresses_everywhere(shared_build):
    page = html(shared_build('real-letters', 'html'), 'woo')
    for address in (TK, EK):
        assert '<p class="kamerbrief-aan">' + '<br />'.join(address) + '</p>' in page
    assert '<meta name="DCTERMS.audience" content="Tweede Kamer der Staten-Generaal" />' in page
    assert '<meta name="DCTERMS.audience" content="Eerste Kamer der Staten-Generaal" />' in page

    text = (Path(shared_build('real-letters', 'text').outdir) / 'woo.txt').read_text('utf-8')
    assert '\n'.join(TK) in text and '\n'.join(EK) in text
    assert text.index(TK[0]) < text.index(EK[0]) < text.index('Betreft')

    app = shared_build('real-letters', 'latex', confoverrides={'kamerstuk_pdf_per_brief': True})
    tex = (Path(app.outdir) / 'woo.tex').read_text(encoding='utf-8')
    assert tex.count('\\kamerbriefaan{') == 2
    assert tex.index('Postbus 20018') < tex.index('Postbus 20017')


def test_both_chambers_are_in_the_report(shared_build):
    app = shared_build('real-letters', 'kamerstuk')
    report = json.loads((Path(app.outdir) / 'kamerbrieven.json').read_text(encoding='utf-8'))
    [woo] = [letter for letter in report['kamerbrieven'] if letter['docname'] == 'woo']
    assert woo['kamers'] == ['tk', 'ek']
    assert woo['aan'] == [list(TK), list(EK)]
