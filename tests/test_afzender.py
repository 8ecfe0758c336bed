"""The ministry's own colophon lines (``kamerstuk_afzender``) and logo (``kamerstuk_logo``).

The letter is the real kst-32802-73 of the Minister van Binnenlandse Zaken en
Koninkrijksrelaties, 17 juli 2023 (``tests/roots/test-real-letters/woo.rst``); the
addresses are those the ministry prints on its letters (Turfmarkt 147, Postbus 20011).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import ROOTS, html, warnings

from sphinx_kamerstuk.core.records import Afzender
from sphinx_kamerstuk.ext.domain import get_domain

WOO = ROOTS / 'test-real-letters' / 'woo.rst'
BZK = 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties'
CONF = f"""\
extensions = ['sphinx_kamerstuk']
kamerstuk_ministerie = {BZK!r}
kamerstuk_afzender = {{
    'bezoekadres': 'Turfmarkt 147\\n2511 DP  Den Haag',
    'postadres': ['Postbus 20011', '2500 EA  Den Haag'],
    'website': 'www.rijksoverheid.nl',
    'regels': 'T 070 426 6426',
    'correspondentie': True,
}}
"""


def png(width: int = 60, height: int = 20) -> bytes:
    """A small blue PNG: the logo a ministry would supply."""
    rows = b''.join(b'\x00' + b'\x15\x4e\x9a' * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', crc)

    header = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)
    return (
        b'\x89PNG\r\n\x1a\n'
        + chunk(b'IHDR', header)
        + chunk(b'IDAT', zlib.compress(rows))
        + chunk(b'IEND', b'')
    )


def project(tmp_path: Path, conf: str = CONF, letter: str | None = None) -> Path:
    srcdir = tmp_path / 'src'
    srcdir.mkdir(exist_ok=True)
    (srcdir / 'conf.py').write_text(conf, encoding='utf-8')
    (srcdir / 'index.rst').write_text(
        letter if letter is not None else WOO.read_text(encoding='utf-8'), encoding='utf-8'
    )
    (srcdir / 'logo.png').write_bytes(png())
    return srcdir


def letter_warnings(app) -> list[str]:
    """Warnings other than the woo letter's own (its two publications in :kamerstuk:)."""
    return [line for line in warnings(app) if ':kamerstuk:' not in line]


def test_the_colophon_shows_the_ministrys_addresses_in_every_builder(make_app, tmp_path):
    srcdir = project(tmp_path)
    app = make_app('html', srcdir=srcdir)
    app.build()
    assert letter_warnings(app) == []
    letter = get_domain(app.env).letters['index']
    assert letter.afzender == Afzender(
        bezoekadres=('Turfmarkt 147', '2511 DP  Den Haag'),
        postadres=('Postbus 20011', '2500 EA  Den Haag'),
        website='www.rijksoverheid.nl',
        regels=('T 070 426 6426',),
        correspondentie=True,
    )
    page = html(app)
    colophon = page.split('kamerbrief-colofon', 1)[1].split('kamerbrief-datum-betreft')[0]
    assert (
        '<p class="kamerbrief-afzender"><strong>Visiting address</strong><br />Turfmarkt 147'
        '<br />2511 DP  Den Haag</p>'
    ) in colophon
    assert '<strong>Postal address</strong><br />Postbus 20011<br />2500 EA  Den Haag' in colophon
    assert '<a class="reference external" href="https://www.rijksoverheid.nl">' in colophon
    assert 'Please address all correspondence to the postal address above' in colophon
    # the ministry's lines come before the letter's own (Kamerstuk, Document)
    assert colophon.index('Turfmarkt') < colophon.index('2023D32937')

    text_app = make_app('text', srcdir=srcdir)
    text_app.build()
    text = (Path(text_app.outdir) / 'index.txt').read_text(encoding='utf-8')
    assert 'Visiting address:\n  Turfmarkt 147\n  2511 DP  Den Haag\n' in text
    assert '\nwww.rijksoverheid.nl\nT 070 426 6426\n' in text

    report_app = make_app('kamerstuk', srcdir=srcdir)
    report_app.build()
    [entry] = json.loads((Path(report_app.outdir) / 'kamerbrieven.json').read_bytes())[
        'kamerbrieven'
    ]
    assert entry['afzender'] == {
        'bezoekadres': ['Turfmarkt 147', '2511 DP  Den Haag'],
        'postadres': ['Postbus 20011', '2500 EA  Den Haag'],
        'website': 'https://www.rijksoverheid.nl',
        'regels': ['T 070 426 6426'],
        'correspondentie': True,
    }


def test_dutch_labels_in_a_dutch_project(make_app, tmp_path):
    app = make_app('html', srcdir=project(tmp_path, CONF + "language = 'nl'\n"))
    app.build()
    page = html(app)
    assert '<strong>Bezoekadres</strong>' in page and '<strong>Postadres</strong>' in page
    assert 'Correspondentie uitsluitend richten aan het hierboven vermelde postadres' in page


def test_a_letter_of_another_ministry_has_neither_its_lines_nor_its_logo(make_app, tmp_path):
    conf = CONF.replace(repr(BZK), repr('Ministerie van Financiën'))
    app = make_app('html', srcdir=project(tmp_path, conf + "kamerstuk_logo = 'logo.png'\n"))
    app.build()
    letter = get_domain(app.env).letters['index']
    assert (letter.afzender, letter.logo) == (None, '')
    page = html(app)
    assert 'Turfmarkt' not in page and '<img' not in page.split('kamerbrief-briefhoofd')[1][:200]
    assert f'<p class="kamerbrief-logo">{BZK}</p>' in page


def test_the_logo_stands_in_for_the_ministry_name(make_app, tmp_path):
    srcdir = project(tmp_path, CONF + "kamerstuk_logo = 'logo.png'\n")
    app = make_app('html', srcdir=srcdir)
    app.build()
    assert letter_warnings(app) == []
    assert f'<img src="_images/kamerstuk-logo.png" alt="{BZK}" />' in html(app)
    assert (Path(app.outdir) / '_images' / 'kamerstuk-logo.png').read_bytes() == png()

    latex = make_app('latex', srcdir=srcdir)
    latex.build()
    tex = next(Path(latex.outdir).glob('*.tex')).read_text(encoding='utf-8')
    assert '\\kamerbrieflogoafbeelding{kamerstuk-logo.png}' in tex
    assert (Path(latex.outdir) / 'kamerstuk-logo.png').read_bytes() == png()


def test_an_svg_logo_is_shown_in_html_and_the_pdf_keeps_the_name(make_app, tmp_path):
    srcdir = project(tmp_path, CONF + "kamerstuk_logo = 'logo.svg'\n")
    (srcdir / 'logo.svg').write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20">'
        '<rect width="60" height="20" fill="#154e9a"/></svg>',
        encoding='utf-8',
    )
    app = make_app('html', srcdir=srcdir)
    app.build()
    assert '<img src="_images/kamerstuk-logo.svg"' in html(app)
    latex = make_app('latex', srcdir=srcdir)
    latex.build()
    tex = next(Path(latex.outdir).glob('*.tex')).read_text(encoding='utf-8')
    assert '\\kamerbrieflogoafbeelding' not in tex
    assert f'\\kamerbrieflogo{{{BZK}}}' in tex


@pytest.mark.parametrize(
    'setting',
    [
        "kamerstuk_afzender = {'adres': 'Turfmarkt 147'}",
        "kamerstuk_afzender = {'postadres': 20011}",
        "kamerstuk_afzender = {'website': 'javascript:alert(1) x'}",
        "kamerstuk_afzender = {'website': 'mailto:bz@minbuza.nl'}",
        "kamerstuk_afzender = {'website': '//www.rijksoverheid.nl'}",
        "kamerstuk_afzender = ['Turfmarkt 147']",
    ],
)
def test_an_invalid_afzender_warns_at_its_line_and_is_left_out(make_app, tmp_path, setting):
    conf = f"extensions = ['sphinx_kamerstuk']\n{setting}\n"
    app = make_app('html', srcdir=project(tmp_path, conf))
    app.build()
    [warning] = letter_warnings(app)
    assert warning.startswith(
        f'{tmp_path / "src" / "conf.py"}:2: WARNING: invalid kamerstuk_afzender'
    )
    assert "expected a dict with 'bezoekadres', 'postadres'" in warning
    assert get_domain(app.env).letters['index'].afzender is None


def test_a_missing_logo_warns_at_its_line_and_the_name_is_shown(make_app, tmp_path):
    conf = CONF + "kamerstuk_logo = 'beeldmerk.png'\n"
    app = make_app('html', srcdir=project(tmp_path, conf))
    app.build()
    [warning] = letter_warnings(app)
    line = conf.splitlines().index("kamerstuk_logo = 'beeldmerk.png'") + 1
    assert warning.startswith(f'{tmp_path / "src" / "conf.py"}:{line}: WARNING: kamerstuk_logo')
    assert "'beeldmerk.png' is not an image file next to conf.py" in warning
    assert f'<p class="kamerbrief-logo">{BZK}</p>' in html(app)


def test_afzender_lines_are_escaped(make_app, tmp_path):
    conf = CONF.replace("'T 070 426 6426'", "'<b>R&D</b> 100% $x$ \\\\input{x}'")
    srcdir = project(tmp_path, conf)
    app = make_app('html', srcdir=srcdir)
    app.build()
    assert '&lt;b&gt;R&amp;D&lt;/b&gt; 100% $x$ \\input{x}' in html(app)
    latex = make_app('latex', srcdir=srcdir)
    latex.build()
    tex = next(Path(latex.outdir).glob('*.tex')).read_text(encoding='utf-8')
    assert '\\input{x}' not in tex and 'R\\&D' in tex and '100\\%' in tex


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ('latexmk', 'pdflatex', 'pdftotext', 'pdfimages'))
    and os.environ.get('CI') != 'true',
    reason='needs latexmk, pdflatex, pdftotext and pdfimages; CI installs them',
)
def test_the_per_letter_pdf_has_the_logo_and_the_colophon(tmp_path):
    srcdir = project(tmp_path, CONF + "kamerstuk_logo = 'logo.png'\nlanguage = 'nl'\n")
    out = tmp_path / 'out'
    command = [sys.executable, '-m', 'sphinx', '-M', 'latexpdf', str(srcdir), str(out), '-q']
    subprocess.run([*command, '-D', 'kamerstuk_pdf_per_brief=1'], check=True, capture_output=True)
    pdf = out / 'latex' / 'index.pdf'
    text = ' '.join(
        subprocess.run(
            ['pdftotext', str(pdf), '-'], check=True, capture_output=True, text=True
        ).stdout.split()
    )
    for part in ['Bezoekadres Turfmarkt 147', 'Postadres Postbus 20011', 'www.rijksoverheid.nl']:
        assert part in text
    images = subprocess.run(
        ['pdfimages', '-list', str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in images] == [['60', '20']]  # the logo, 60 x 20 pixels


def test_contact_lines_stay_lines_in_every_builder(make_app, tmp_path):
    """A contactpersoon of several lines (name, telephone, e-mail), one option each."""
    letter = WOO.read_text(encoding='utf-8').replace(
        '   :tk-document: 2023D32937\n',
        '   :tk-document: 2023D32937\n'
        '   :contactpersoon: Directie Informatiesamenleving en Overheid\n'
        '   :contactpersoon: T 070 426 6426\n',
    )
    srcdir = project(tmp_path, letter=letter)
    app = make_app('html', srcdir=srcdir)
    app.build()
    assert '<dd>Directie Informatiesamenleving en Overheid<br />T 070 426 6426</dd>' in html(app)
    text_app = make_app('text', srcdir=srcdir)
    text_app.build()
    text = (Path(text_app.outdir) / 'index.txt').read_text(encoding='utf-8')
    assert 'Contact: Directie Informatiesamenleving en Overheid\n  T 070 426 6426\n' in text
    latex = make_app('latex', srcdir=srcdir)
    latex.build()
    tex = next(Path(latex.outdir).glob('*.tex')).read_text(encoding='utf-8')
    assert '{Directie Informatiesamenleving en Overheid\\\\T 070 426 6426}' in tex
    man = make_app('man', srcdir=srcdir)
    man.build()
    page = next(Path(man.outdir).rglob('*.1')).read_text(encoding='utf-8')
    assert 'Turfmarkt 147' in page


def test_a_logo_that_is_not_the_image_its_name_says_warns(make_app, tmp_path):
    srcdir = project(tmp_path, CONF + "kamerstuk_logo = 'logo.png'\n")
    (srcdir / 'logo.png').write_text('not a picture', encoding='utf-8')
    app = make_app('html', srcdir=srcdir)
    app.build()
    [warning] = letter_warnings(app)
    assert "kamerstuk_logo 'logo.png' is not an image file next to conf.py" in warning
    assert not (Path(app.outdir) / '_images' / 'kamerstuk-logo.png').exists()
    assert f'<p class="kamerbrief-logo">{BZK}</p>' in html(app)


def test_the_same_publication_twice_warns(make_app, tmp_path):
    letter = WOO.read_text(encoding='utf-8').replace(
        '      Kamerstukken I 2022/23, 33 328, AG\n', '      32802-73\n'
    )
    app = make_app('html', srcdir=project(tmp_path, letter=letter))
    app.build()
    assert [w.split(': WARNING: ')[1] for w in warnings(app)] == [
        ":kamerstuk: names '32802-73' twice"
    ]
    assert len(get_domain(app.env).letters['index'].kamerstukken) == 1
