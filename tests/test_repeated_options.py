"""Options written more than once, or where docutils would drop the directive.

docutils rejects a directive with a repeated option (letterhead and ``:vervult:`` lost)
and myst-parser keeps only the last. The letters here are the real kst-29344-128 of
5 november 2015 (``tests/roots/test-real-letters/migratie.rst``, signed by three
bewindspersonen) written the way an author adds a signatory: another option line.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import html, warnings
from sphinx.errors import SphinxWarning

from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.toezeggingen.traces import current_traces

SIGNATORIES = [
    ('De Staatssecretaris van Veiligheid en Justitie', 'K.H.D.M. Dijkhoff'),
    ('De Minister van Buitenlandse Zaken', 'A.G. Koenders'),
    ('De Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking', 'E.M.J. Ploumen'),
]

MIGRATIE_RST = """\
Strategische landenbenadering migratie
======================================

.. kamerbrief:: Strategische landenbenadering migratie
   :datum: 2015-11-05
   :ministerie: Ministerie van Veiligheid en Justitie
   :dossier: 29 344 Terugkeerbeleid
   :dossier: 30 573 Migratiebeleid
   :kamerstuk: 29344-128
   :ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff
   :ondertekenaar: De Minister van Buitenlandse Zaken, A.G. Koenders
   :ondertekenaar: De Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking, E.M.J. Ploumen
   :vervult: TZ1
   :vervult: TZ2

Deze brief bestaat uit twee elementen.

.. toezegging:: Een reactie op het ACVZ-rapport.
   :id: TZ1
   :datum: 2015-06-26

.. toezegging:: De voortgangsrapportage migratie en ontwikkeling.
   :id: TZ2
   :datum: 2015-06-26
"""

MIGRATIE_MD = """\
# Strategische landenbenadering migratie

```{kamerbrief} Strategische landenbenadering migratie
---
datum: 2015-11-05
dossier:
  - 29 344 Terugkeerbeleid
  - 30 573 Migratiebeleid
ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff
ondertekenaar: De Minister van Buitenlandse Zaken, A.G. Koenders
ondertekenaar: |
  De Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking, E.M.J. Ploumen
vervult: TZ1
---
Deze brief bestaat uit twee elementen.
```

```{toezegging} Een reactie op het ACVZ-rapport.
:id: TZ1
:datum: 2015-06-26
```
"""


def build(make_app, tmp_path: Path, files: dict[str, str], conf: str = ''):
    (tmp_path / 'conf.py').write_text(
        "extensions = ['myst_parser', 'sphinx_kamerstuk']\n"
        f"kamerstuk_peildatum = '2016-01-01'\n{conf}",
        encoding='utf-8',
    )
    for name, text in files.items():
        (tmp_path / name).write_text(textwrap.dedent(text), encoding='utf-8')
    names = '\n   '.join(name.rsplit('.', 1)[0] for name in files)
    (tmp_path / 'index.rst').write_text(
        f'Index\n=====\n\n.. toctree::\n\n   {names}\n', encoding='utf-8'
    )
    app = make_app('html', srcdir=tmp_path)
    app.build()
    return app


def located(app) -> list[str]:
    """Each warning as ``file:line: message``, the file without its folder."""
    return [re.sub(r'^.*/', '', line).replace(' WARNING:', '') for line in warnings(app)]


@pytest.mark.parametrize('name, text', [('brief.rst', MIGRATIE_RST), ('brief.md', MIGRATIE_MD)])
def test_a_repeated_ondertekenaar_adds_a_signatory(make_app, tmp_path, name, text):
    pytest.importorskip('myst_parser')
    app = build(make_app, tmp_path, {name: text})
    assert located(app) == []
    letter = get_domain(app.env).letters['brief']
    assert [(s.functie, s.naam) for s in letter.ondertekenaars] == SIGNATORIES
    assert [titel for _, titel in letter.dossiers] == ['Terugkeerbeleid', 'Migratiebeleid']
    page = html(app, 'brief')
    for _, naam in SIGNATORIES:
        assert naam in page
    # the letterhead is there, and the repeated :vervult: fulfils
    assert 'kamerbrief-briefhoofd' in page
    traces = current_traces(app.env)
    assert traces['TZ1'].status == 'voldaan'
    if name.endswith('.rst'):
        assert traces['TZ2'].status == 'voldaan'


def test_a_single_valued_option_given_twice_warns_at_the_second_and_keeps_the_first(
    make_app, tmp_path
):
    app = build(
        make_app,
        tmp_path,
        {
            'brief.rst': """\
            Brief
            =====

            .. kamerbrief:: Strategische landenbenadering migratie
               :datum: 2015-11-05
               :kenmerk: 2015-0000123456
               :datum: 2015-11-06
               :ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff

            Deze brief bestaat uit twee elementen.
            """,
            'toezegging.md': """\
            # Toezegging

            ```{toezegging} Een reactie op het ACVZ-rapport.
            :id: TZ1
            :termijn: 2015-12-01
            :termijn: 2016-03-01
            ```
            """,
        },
    )
    assert located(app) == [
        (
            "brief.rst:7: :datum: is given twice; the first value '2015-11-05' is used, "
            "not '2015-11-06' (it takes one value)"
        ),
        (
            "toezegging.md:6: :termijn: is given twice; the first value '2015-12-01' is used, "
            "not '2016-03-01' (it takes one value)"
        ),
    ]
    letter = get_domain(app.env).letters['brief']
    assert letter.datum == '2015-11-05'
    assert letter.kenmerk == '2015-0000123456'
    [toezegging] = get_domain(app.env).toezeggingen['toezegging']
    assert toezegging.termijn_tekst == '2015-12-01'


def test_a_repeated_option_fails_a_build_with_w_but_keeps_the_letter(make_app, tmp_path):
    text = MIGRATIE_RST.replace('   :datum: 2015-11-05\n', '   :datum: 2015-11-05\n' * 2)
    (tmp_path / 'conf.py').write_text("extensions = ['sphinx_kamerstuk']\n", encoding='utf-8')
    (tmp_path / 'index.rst').write_text(text, encoding='utf-8')
    app = make_app('html', srcdir=tmp_path, warningiserror=True)
    try:
        app.build()
    except SphinxWarning as exc:  # Sphinx 7.4 stops at the first warning
        assert ':datum: is given twice' in str(exc)
        return
    assert app.statuscode == 1
    assert ':datum: is given twice' in app.warning.getvalue()
    assert 'kamerbrief-briefhoofd' in html(app)


def test_an_unknown_toezegging_option_warns_at_its_line_and_keeps_the_toezegging(
    make_app, tmp_path
):
    """docutils dropped the whole toezegging for one unknown option."""
    app = build(
        make_app,
        tmp_path,
        {
            'toezegging.rst': """\
            Toezegging
            ==========

            .. toezegging:: Een reactie op het ACVZ-rapport.
               :id: TZ1
               :datun: 2015-06-26
               :termijn: 2015-12-01
            """
        },
    )
    assert located(app) == [
        (
            'toezegging.rst:6: unknown toezegging option :datun: (its value is ignored); '
            'did you mean :datum:?'
        )
    ]
    [toezegging] = get_domain(app.env).toezeggingen['toezegging']
    assert toezegging.termijn_tekst == '2015-12-01'
    assert 'Een reactie op het ACVZ-rapport.' in html(app, 'toezegging')


def test_a_letter_without_betreft_warns_and_keeps_its_options(make_app, tmp_path):
    app = build(
        make_app,
        tmp_path,
        {
            'brief.rst': """\
            Brief
            =====

            .. kamerbrief::
               :datum: 2015-11-05
               :ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff

            Deze brief bestaat uit twee elementen.
            """
        },
    )
    assert located(app) == [
        (
            'brief.rst:4: the kamerbrief directive has no text on its first line; '
            "expected the letter's subject (Betreft)"
        )
    ]
    letter = get_domain(app.env).letters['brief']
    assert letter.datum == '2015-11-05'
    assert letter.ondertekenaars[0].naam == 'K.H.D.M. Dijkhoff'


def test_a_betreft_on_two_lines_is_one_subject(make_app, tmp_path):
    app = build(
        make_app,
        tmp_path,
        {
            'brief.rst': """\
            Brief
            =====

            .. kamerbrief:: Strategische landenbenadering migratie en
               voortgangsrapportage migratie en ontwikkeling
               :datum: 2015-11-05
               :ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff

            Deze brief bestaat uit twee elementen.
            """
        },
    )
    assert located(app) == []
    assert get_domain(app.env).letters['brief'].betreft == (
        'Strategische landenbenadering migratie en voortgangsrapportage migratie en ontwikkeling'
    )


def test_bad_yaml_options_warn_at_their_line(make_app, tmp_path):
    pytest.importorskip('myst_parser')
    app = build(
        make_app,
        tmp_path,
        {
            'brief.md': """\
            # Brief

            ```{kamerbrief} Strategische landenbenadering migratie
            ---
            datum: 2015-11-05
            ondertekenaar: [De Staatssecretaris
            ---
            Deze brief bestaat uit twee elementen.
            ```
            """
        },
    )
    [warning] = located(app)
    assert warning.startswith('brief.md:6: the options block is not valid YAML (')
    assert 'Deze brief bestaat uit twee elementen.' in html(app, 'brief')


def test_myst_option_lines_keep_their_value_as_written(make_app, tmp_path):
    """myst-parser read ``:kenmerk: BZ #12`` as ``BZ`` (a comment); quotes still go."""
    pytest.importorskip('myst_parser')
    app = build(
        make_app,
        tmp_path,
        {
            'brief.md': """\
            # Brief

            ```{kamerbrief} Strategische landenbenadering migratie
            :kenmerk: BZ #12
            :uw-kenmerk: "2015Z12345"
            :ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff
            ```
            """
        },
    )
    assert located(app) == []
    letter = get_domain(app.env).letters['brief']
    assert (letter.kenmerk, letter.uw_kenmerk) == ('BZ #12', '2015Z12345')
