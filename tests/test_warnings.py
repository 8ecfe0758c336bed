"""Bad input warns with type, subtype and location, the build goes on, and -W fails it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from conftest import ROOTS, html
from sphinx_kamerstuk.config import SETTINGS
from sphinx_kamerstuk.logging import SUBTYPES

DOCS = Path(__file__).parents[1] / 'docs'


def _warnings(app) -> list[str]:
    text = re.sub(r'\x1b\[[0-9;]*m', '', app.warning.getvalue())
    return [line for line in text.splitlines() if 'WARNING' in line]


def test_bad_input_warns_at_its_line_and_keeps_the_text(build):
    app = build('bad-input')
    source = Path(app.srcdir, 'index.rst')
    warnings = _warnings(app)
    assert warnings == [
        f'{source}:4: WARNING: cannot read kst reference \'Kamerstukken II 2025/26, nr. 3\': '
        "expected a dossier number such as '22112' or '22 112' at character 26, found 'nr. 3' "
        '[kamerstuk.citation]',
        f"{source}:5: WARNING: the stb role expects a staatsblad reference, but "
        "'Kamerstuk 22112-4363' is a kamerstuk reference; use :kst: [kamerstuk.citation_kind]",
        f'{source}:6: WARNING: cannot read kst reference '
        "'<script>alert(1)</script> & \\\\textbf{x} %': expected a dossier number such as "
        "'22112' or '22 112' at character 1, found '<script>alert(1)</script>…' "
        '[kamerstuk.citation]',
        f"{source}:9: WARNING: invalid kamerstukken option :scope: 'everything': expected "
        "'document' or 'all' [kamerstuk.option]",
    ]
    page = html(app)
    # nothing the author wrote is lost: the unreadable reference is shown, marked
    assert '<span class="kamerstuk kamerstuk-invalid">Kamerstukken II 2025/26, nr. 3</span>' in page
    # the wrong-kind reference is still rendered as what it is
    assert 'kst-22112-4363.html' in page


def test_bad_config_warns_at_its_line_in_conf_py_and_falls_back(build):
    app = build('bad-config')
    conf = Path(app.srcdir, 'conf.py')
    assert _warnings(app) == [
        f"{conf}:3: WARNING: invalid kamerstuk_citeerstijl = 'apa': expected one of "
        "'aanwijzingen', 'kamerbrief'; using 'aanwijzingen' [kamerstuk.config]",
        f"{conf}:4: WARNING: invalid kamerstuk_url_base = 'ftp://example.org': expected a web "
        "address starting with 'https://' and ending in '/'; using "
        "'https://zoek.officielebekendmakingen.nl/' [kamerstuk.config]",
    ]
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-22112-4363.html"' in html(app)
    assert '>Kamerstukken 22112, nr. 4363<' in html(app)


#: One invalid value per configuration value; the test below keeps this table complete.
INVALID_CONFIG = {
    'kamerstuk_citeerstijl': ['APA', 3, None],
    'kamerstuk_url_base': ['zoek.officielebekendmakingen.nl/', 'https://x.nl', 42, 'https://a b/'],
}


def test_every_setting_has_invalid_cases():
    assert set(INVALID_CONFIG) == {setting.name for setting in SETTINGS}


@pytest.mark.parametrize(
    ('name', 'value'), [(name, value) for name, values in INVALID_CONFIG.items() for value in values]
)
def test_invalid_setting_warns_once_and_uses_default(build, name, value):
    app = build('citations', confoverrides={name: value})
    warnings = _warnings(app)
    assert len(warnings) == 1, warnings
    assert f'invalid {name} = {value!r}' in warnings[0]
    assert warnings[0].endswith('[kamerstuk.config]')
    default = next(setting.default for setting in SETTINGS if setting.name == name)
    assert app.config[name] == default


def test_subtypes_can_be_suppressed(build):
    app = build('bad-input', confoverrides={'suppress_warnings': ['kamerstuk']})
    assert _warnings(app) == []
    app = build('bad-config', confoverrides={'suppress_warnings': ['kamerstuk.config']})
    assert _warnings(app) == []


def test_every_subtype_is_emitted_by_a_test_root_and_documented(build):
    emitted = set()
    for root in ('bad-input', 'bad-config'):
        emitted |= {line.rsplit('[kamerstuk.', 1)[1][:-1] for line in _warnings(build(root))}
    assert emitted == set(SUBTYPES)
    documented = (DOCS / 'warnings.rst').read_text(encoding='utf-8')
    for subtype in SUBTYPES:
        assert f'``kamerstuk.{subtype}``' in documented


def test_warnings_fail_a_build_with_W(tmp_path):
    args = ['-q', '-W', '-b', 'html', str(ROOTS / 'test-bad-input'), str(tmp_path / 'out')]
    assert build_main([*args, '-d', str(tmp_path / 'doctrees')]) == 1
    clean = ['-q', '-W', '-b', 'html', str(ROOTS / 'test-citations'), str(tmp_path / 'ok')]
    assert build_main([*clean, '-d', str(tmp_path / 'doctrees-ok')]) == 0
