"""Bad input warns with type, subtype and location, the build goes on, and -W fails it."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest
from conftest import ROOTS, html, warnings
from sphinx.cmd.build import build_main

from sphinx_kamerstuk.ext.config import SETTINGS
from sphinx_kamerstuk.ext.messages import SUBTYPES, Subtype
from sphinx_kamerstuk.ext.toezeggingen.traces import peildatum

DOCS = Path(__file__).parents[1] / 'docs'


def test_bad_input_warns_at_its_line_and_keeps_the_text(shared_build):
    app = shared_build('bad-input')
    source = Path(app.srcdir, 'index.rst')
    assert warnings(app) == [
        (
            f"{source}:4: WARNING: cannot read kst reference 'Kamerstukken II 2025/26, nr. 3': "
            "expected a dossier number such as '22112' or '22 112' at character 26, found 'nr. 3'"
        ),
        (
            f'{source}:5: WARNING: the stb role expects a staatsblad reference, but '
            "'Kamerstuk 22112-4363' is a kamerstuk reference; use :kst:"
        ),
        (
            f'{source}:6: WARNING: cannot read kst reference '
            "'<script>alert(1)</script> & \\\\textbf{x} %': expected a dossier number such as "
            "'22112' or '22 112' at character 1, found '<script>alert(1)</script>…'"
        ),
        (
            f"{source}:9: WARNING: invalid kamerstukken option :scope: 'everything': expected "
            "'document' or 'all'"
        ),
    ]
    page = html(app)
    # nothing the author wrote is lost: the unreadable reference is shown, marked
    assert '<span class="kamerstuk kamerstuk-invalid">Kamerstukken II 2025/26, nr. 3</span>' in page
    # the wrong-kind reference is still rendered as what it is
    assert 'kst-22112-4363.html' in page


def test_bad_config_warns_at_its_line_in_conf_py_and_falls_back(shared_build):
    app = shared_build('bad-config')
    conf = Path(app.srcdir, 'conf.py')
    assert warnings(app) == [
        (
            f"{conf}:3: WARNING: invalid kamerstuk_citeerstijl = 'apa': expected one of "
            "'aanwijzingen', 'kamerbrief'; using 'aanwijzingen'"
        ),
        (
            f"{conf}:4: WARNING: invalid kamerstuk_url_base = 'ftp://example.org': expected a web "
            "address starting with 'https://' and ending in '/'; using "
            "'https://zoek.officielebekendmakingen.nl/'"
        ),
    ]
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-22112-4363.html"' in html(app)
    assert '>Kamerstukken 22112, nr. 4363<' in html(app)


#: One invalid value per configuration value; the test below keeps this table complete.
INVALID_CONFIG = {
    'kamerstuk_citeerstijl': ['APA', 3, None],
    'kamerstuk_url_base': ['zoek.officielebekendmakingen.nl/', 'https://x.nl', 42, 'https://a b/'],
    'kamerstuk_ministerie': [3, ['Ministerie van Financiën']],
    'kamerstuk_retouradres': [20061, None],
    'kamerstuk_afzender': [
        {'adres': 'Turfmarkt 147'},
        {'postadres': 20011},
        {'website': 'www.rijksoverheid.nl"><script>'},
        {'correspondentie': 'ja'},
        ['Turfmarkt 147'],
    ],
    'kamerstuk_logo': [3, None],
    'kamerstuk_pdf_per_brief': [1, None],  # strings are converted (or refused) by Sphinx
    'kamerstuk_peildatum': ['2026-13-01', 20260901, 'morgen'],
    'kamerstuk_termijnen': [{'zomerreces': {2026: 'juli'}}, ['zomerreces'], {'paasreces': {}}],
    'kamerstuk_waarschuw_verlopen': [1, None],
    'kamerstuk_zoek_toezeggingen': [1, None],
    'kamerstuk_docx_sjabloon': [3, None],
    'kamerstuk_binnenkort_dagen': [-1, 5000, True, 2.5],
    'kamerstuk_registers': [3, [3], {'tk': 'x.json'}],  # strings: -D splits them
}


def test_every_setting_has_invalid_cases():
    assert set(INVALID_CONFIG) == {setting.name for setting in SETTINGS}


@pytest.mark.parametrize(
    ('name', 'value'),
    [(name, value) for name, values in INVALID_CONFIG.items() for value in values],
)
def test_invalid_setting_warns_once_and_uses_default(build, name, value):
    app = build('citations', confoverrides={name: value})
    lines = warnings(app)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f'WARNING: invalid {name} = {value!r}: expected ')
    default = next(setting.default for setting in SETTINGS if setting.name == name)
    assert app.config[name] == default


#: Per subtype: the test root that triggers it, what its messages there start with, and
#: the builder when not HTML.
TRIGGERS = {
    'citation': ('bad-input', ('cannot read',)),
    'citation_kind': ('bad-input', ('the stb role expects',)),
    'config': ('bad-config', ('invalid kamerstuk_',)),
    'option': ('bad-input', ('invalid kamerstukken option',)),
    'datum': ('kamerbrief-bad', ('invalid :datum:',)),
    'kamerbrief': (
        'kamerbrief-bad',
        ('a second kamerbrief', 'ondertekening outside', "kamerbrief id 'brief' is also"),
    ),
    'ondertekenaar': ('kamerbrief-bad', ('incomplete :ondertekenaar:',)),
    'vervult': ('kamerbrief-bad', ('malformed toezegging id', "letter 'brief' fulfils unknown")),
    'concept': ('toezeggingen-bad', ("letter 'concept' fulfils 'TZ-TE-LAAT' but has no",)),
    'filter': ('toezeggingen-bad', ('invalid :filter:',)),
    'termijn': ('toezeggingen-bad', ('cannot read :termijn:',)),
    'toezegging': (
        'toezeggingen-bad',
        ('a toezegging needs an :id:', 'duplicate toezegging id', 'unknown toezegging'),
    ),
    'verlopen': ('toezeggingen-bad', ("toezegging 'TZ-TE-LAAT' is overdue",)),
    'register': ('toezeggingen-bad', ('register not used',)),
    'toezegging_tekst': ('word-bad', ('the letter makes a toezegging',)),
    'docx': (
        'word-bad',
        ("kamerstuk_docx_sjabloon 'kapot.docx' cannot be used",),
        'kamerbrief-docx',
    ),
}


def test_every_subtype_has_a_trigger_and_is_documented():
    assert set(TRIGGERS) == set(SUBTYPES) == set(get_args(Subtype))
    documented = (DOCS / 'warnings.rst').read_text(encoding='utf-8')
    for subtype in SUBTYPES:
        assert f'``kamerstuk.{subtype}``' in documented


@pytest.mark.parametrize('subtype', sorted(TRIGGERS))
def test_each_subtype_is_located_and_suppressed_alone(shared_build, build, subtype):
    root, messages, *builder = TRIGGERS[subtype]
    app = shared_build(root, *builder)
    everything = warnings(app)
    ours = [line for line in everything if any(f'WARNING: {m}' in line for m in messages)]
    assert len(ours) >= len(messages)
    assert ours
    assert all(re.match(r'/\S+:\d+: WARNING', line) for line in ours)  # file:line
    suppressed = build(
        root, *builder, confoverrides={'suppress_warnings': [f'kamerstuk.{subtype}']}
    )
    # two copies of the root: their warnings compared without the copy's directory
    rest = [line.replace(str(app.srcdir), '<root>') for line in everything if line not in ours]
    assert [line.replace(str(suppressed.srcdir), '<root>') for line in warnings(suppressed)] == rest


def test_the_type_suppresses_every_subtype(build):
    for root in ('bad-input', 'bad-config', 'kamerbrief-bad', 'toezeggingen-bad', 'word-bad'):
        assert warnings(build(root, confoverrides={'suppress_warnings': ['kamerstuk']})) == []


def test_warnings_fail_a_build_with_W(tmp_path):
    args = ['-q', '-W', '-b', 'html', str(ROOTS / 'test-bad-input'), str(tmp_path / 'out')]
    assert build_main([*args, '-d', str(tmp_path / 'doctrees')]) != 0
    clean = ['-q', '-W', '-b', 'html', str(ROOTS / 'test-citations'), str(tmp_path / 'ok')]
    assert build_main([*clean, '-d', str(tmp_path / 'doctrees-ok')]) == 0


#: sphinx-needs settings of a project that clash with ours: (conf.py line, message start).
NEEDS_CONFLICTS = [
    (
        (
            "needs_types = [{'directive': 'toezegging', 'title': 'T', 'prefix': 'T_', "
            "'color': '#ffffff', 'style': 'node'}]"
        ),
        "WARNING: needs_types already defines 'toezegging'",
    ),
    ("needs_links = 'vervult'", "WARNING: invalid needs_links = 'vervult': expected a dict"),
]


@pytest.mark.parametrize(('line', 'message'), NEEDS_CONFLICTS)
def test_clashing_needs_settings_warn_and_the_build_goes_on(build, tmp_path, line, message):
    srcdir = tmp_path / 'toezeggingen'
    shutil.copytree(ROOTS / 'test-toezeggingen', srcdir)
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write(line + '\n')
    app = build('toezeggingen')
    ours = [found for found in warnings(app) if message in found]
    assert len(ours) == 1, warnings(app)
    assert re.match(r'/\S+conf\.py:\d+: WARNING', ours[0])
    assert 'TZ202606-012' in html(app, 'overzicht')  # the toezeggingen are still there


@pytest.mark.parametrize(
    ('epoch', 'expected'),
    [
        ('99999999999999', 'a number of seconds before the year 10000'),
        (' 1782864000', 'a whole number of seconds'),
        ('-1', 'a whole number of seconds'),
        # (not a word: Sphinx itself stops on one, when it sets the copyright year)
    ],
)
def test_a_bad_source_date_epoch_warns_and_the_peildatum_is_today(
    build, monkeypatch, epoch, expected
):
    monkeypatch.setenv('SOURCE_DATE_EPOCH', epoch)
    app = build('toezeggingen', confoverrides={'kamerstuk_peildatum': None})
    assert any(
        line.startswith(f'WARNING: invalid SOURCE_DATE_EPOCH {epoch!r}: expected {expected}')
        for line in warnings(app)
    ), warnings(app)


def test_source_date_epoch_sets_the_peildatum(build, monkeypatch):
    monkeypatch.setenv('SOURCE_DATE_EPOCH', '1782864000')  # 1 July 2026
    app = build('toezeggingen', confoverrides={'kamerstuk_peildatum': None})
    assert not any('SOURCE_DATE_EPOCH' in line for line in warnings(app))
    assert peildatum(app.config) == datetime.date(2026, 7, 1)


#: A project's sphinx-needs settings that refuse the extension's needs or make no sense.
NEEDS_SETTINGS = [
    # its id pattern refuses the letter's id (its document name, 'brief')
    ("needs_id_regex = r'^[A-Z0-9_-]{5,}'", "kamerbrief 'brief' is not recorded for sphinx-needs"),
    ("needs_id_regex = '('", "WARNING: invalid needs_id_regex = '('"),
    ('needs_id_regex = 5', 'WARNING: invalid needs_id_regex = 5'),
    ("needs_links = {'vervult': 5}", "WARNING: invalid needs_links['vervult'] = 5"),
]


@pytest.mark.parametrize(('line', 'message'), NEEDS_SETTINGS)
def test_sphinx_needs_settings_that_refuse_our_needs_warn(build, tmp_path, line, message):
    srcdir = tmp_path / 'toezeggingen'
    shutil.copytree(ROOTS / 'test-toezeggingen', srcdir)
    (srcdir / 'brief.rst').write_text(
        'Brief\n=====\n\n.. kamerbrief:: Voortgang\n   :datum: 2026-06-10\n'
        '   :vervult: TZ202606-012\n',
        encoding='utf-8',
    )
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write(line + '\n')
    app = build('toezeggingen')  # no traceback
    assert any(message in found for found in warnings(app)), warnings(app)
    assert 'TZ202606-012' in html(app, 'overzicht')
