"""Moties beside toezeggingen: traced the same way, told apart everywhere.

The motie is real: the motie-Middendorp (Kamerstuk 34 293, nr. 41), which the letter of
12 december 2018 on the renovation of the Binnenhof cites (kst-34293-49,
``tests/roots/test-real-letters/binnenhof.rst``): the Kamer is informed twice a year by
a progress report. Its wording here is the letter's; its date of adoption is set after the
debate of 23 mei 2018, as the stored pages do not give it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import ROOTS, html, warnings

from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.toezeggingen.traces import current_traces

MOTIE = """\
Moties
======

.. motie:: De Kamer wordt twee keer per jaar door middel van een rapportage geïnformeerd over de stand van zaken van de renovatie van het Binnenhofcomplex.
   :id: M34293-41
   :kamerstuk: Kamerstuk 34 293, nr. 41
   :indieners: Middendorp
   :datum: 2018-07-01
   :termijn: halfjaarlijks
   :bewindspersoon: R.W. Knops

.. toezegging:: Een brief over de stand van zaken van het voorontwerp.
   :id: TZ201812-001
   :datum: 2018-12-10
   :termijn: 2019-03-01

Alleen moties:

.. toezeggingen::
   :soort: motie
"""


def build(make_app, tmp_path: Path, buildername: str = 'html', **kwargs):
    srcdir = tmp_path / 'src'
    if not srcdir.exists():
        srcdir.mkdir()
        (srcdir / 'conf.py').write_text(
            "extensions = ['sphinx_kamerstuk']\nkamerstuk_peildatum = '2019-01-15'\n",
            encoding='utf-8',
        )
        (srcdir / 'index.rst').write_text(
            'Index\n=====\n\n.. toctree::\n\n   moties\n   binnenhof\n', encoding='utf-8'
        )
        (srcdir / 'moties.rst').write_text(MOTIE, encoding='utf-8')
        letter = (ROOTS / 'test-real-letters' / 'binnenhof.rst').read_text(encoding='utf-8')
        (srcdir / 'binnenhof.rst').write_text(
            letter.replace(
                '   :kamerstuk: 34293-49\n', '   :kamerstuk: 34293-49\n   :vervult: M34293-41\n'
            ),
            encoding='utf-8',
        )
    app = make_app(buildername, srcdir=srcdir, **kwargs)
    app.build()
    return app


def test_a_motie_is_traced_as_a_toezegging_is(make_app, tmp_path):
    app = build(make_app, tmp_path)
    assert warnings(app) == []
    [motie, toezegging] = get_domain(app.env).toezeggingen['moties']
    assert (motie.soort, motie.indieners, toezegging.soort) == ('motie', 'Middendorp', 'toezegging')
    assert motie.vindplaats is not None and motie.vindplaats.obl_id == 'kst-34293-41'
    trace = current_traces(app.env)['M34293-41']
    # recurring: the letter of 12 december 2018 keeps the first half year's report
    assert (trace.status, trace.toezegging.termijn) == ('openstaand', '2019-06-30')
    page = html(app, 'moties')
    assert 'Motie <strong>M34293-41</strong>' in page
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-34293-41.html"' in page
    table = page.split('Alleen moties:', 1)[1]
    assert 'M34293-41' in table and 'TZ201812-001' not in table


def test_reports_and_needs_tell_them_apart(make_app, tmp_path):
    app = build(make_app, tmp_path, 'kamerstuk')
    app.cleanup()
    records = {
        r['id']: r
        for r in json.loads((Path(app.outdir) / 'toezeggingen.json').read_bytes())['toezeggingen']
    }
    assert (records['M34293-41']['soort'], records['TZ201812-001']['soort']) == (
        'motie',
        'toezegging',
    )
    assert records['M34293-41']['indieners'] == 'Middendorp'
    # needs.json as the html builder writes it (the ``needs`` builder's path varies)
    needs_app = build(make_app, tmp_path, confoverrides={'needs_build_json': True})
    needs = json.loads((Path(needs_app.outdir) / 'needs.json').read_bytes())
    version = needs['versions'][needs['current_version']]['needs']
    assert version['M34293-41']['type'] == 'motie'
    assert version['TZ201812-001']['type'] == 'toezegging'


def test_an_unknown_soort_on_the_table_warns_and_shows_both(make_app, tmp_path):
    srcdir = tmp_path / 'src'
    build(make_app, tmp_path).cleanup()  # writes the project
    (srcdir / 'moties.rst').write_text(MOTIE.replace(':soort: motie', ':soort: moties'), 'utf-8')
    app = make_app('html', srcdir=srcdir, freshenv=True)
    app.build()
    [warning] = warnings(app)
    assert "invalid :soort: 'moties': expected 'toezegging' or 'motie'" in warning
    table = html(app, 'moties').split('Alleen moties:', 1)[1]
    assert 'M34293-41' in table and 'TZ201812-001' in table


def test_the_table_shows_the_columns_asked_for(make_app, tmp_path):
    srcdir = tmp_path / 'src'
    build(make_app, tmp_path).cleanup()
    (srcdir / 'moties.rst').write_text(
        MOTIE.replace(
            ':soort: motie', ':soort: motie\n   :kolommen: nummer, soort, gedaan-in, kleur'
        ),
        'utf-8',
    )
    app = make_app('html', srcdir=srcdir, freshenv=True)
    app.build()
    [warning] = warnings(app)
    assert 'unknown :kolommen: kleur' in warning
    table = html(app, 'moties').split('Alleen moties:', 1)[1]
    headers = re.findall(r'<th class="head"[^>]*><p>(.*?)</p></th>', table)
    assert headers == ['Number', 'Kind', 'Made in']
    assert '<p>Motie</p>' in table and '1 July 2018' in table


def test_a_long_text_is_shortened_with_the_rest_a_click_away(make_app, tmp_path):
    srcdir = tmp_path / 'src'
    build(make_app, tmp_path).cleanup()
    long = 'De Kamer wordt twee keer per jaar geïnformeerd over de renovatie. ' * 6
    (srcdir / 'moties.rst').write_text(
        MOTIE.replace(
            'De Kamer wordt twee keer per jaar door middel van een rapportage geïnformeerd over '
            'de stand van zaken van de renovatie van het Binnenhofcomplex.',
            long.strip(),
        ),
        'utf-8',
    )
    app = make_app('html', srcdir=srcdir, freshenv=True)
    app.build()
    cell = re.search(
        r'<details class="kamerstuk-lang"><summary>(.*?)</summary>(.*?)</details>',
        html(app, 'moties'),
        re.DOTALL,
    )
    assert cell is not None
    shown, rest = cell[1], cell[2]
    assert len(shown) < 300
    assert re.sub(r'<span class="kamerstuk-meer">…</span>', '', shown) + rest == long.strip()
