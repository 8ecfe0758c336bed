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


def myst_letter(make_app, tmp_path, options: str, body: str = 'Geachte voorzitter,'):
    return build(
        make_app,
        tmp_path,
        {
            'brief.md': (
                '# Brief\n\n```{kamerbrief} Strategische landenbenadering migratie\n'
                f'{options}{body}\n```\n'
            )
        },
    )


def test_a_continued_line_belongs_to_the_option_written_just_above(make_app, tmp_path):
    pytest.importorskip('myst_parser')
    app = myst_letter(
        make_app,
        tmp_path,
        ':kenmerk: K1\n'
        ':ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff\n'
        ':ondertekenaar: De Minister van Buitenlandse Zaken,\n'
        '  A.G. Koenders\n',
    )
    warning, *incomplete = located(app)
    assert warning.startswith('brief.md:7: option :ondertekenaar: continues on this line')
    # each line of the option is a signatory: neither half is 'Functie, Naam'
    assert [line.split(': ', 1)[1][:31] for line in incomplete] == [
        'incomplete :ondertekenaar: line'
    ] * 2
    letter = get_domain(app.env).letters['brief']
    assert letter.kenmerk == 'K1'
    # one signatory a line, as in reST: the continued line is the next line of the option
    assert [s.functie for s in letter.ondertekenaars][:2] == [
        'De Staatssecretaris van Veiligheid en Justitie',
        'De Minister van Buitenlandse Zaken',
    ]


def test_a_line_continuing_an_unknown_option_stays_text(make_app, tmp_path):
    pytest.importorskip('myst_parser')
    app = myst_letter(
        make_app,
        tmp_path,
        ':ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff\n'
        ':datun: 2015-11-05\n'
        '  vervolg\n',
    )
    assert [w.split(': ', 1)[1][:40] for w in located(app)] == [
        'unknown kamerbrief option :datun: (its v',
        'option :datun: continues on this line, w',
    ]
    letter = get_domain(app.env).letters['brief']
    assert [s.naam for s in letter.ondertekenaars] == ['K.H.D.M. Dijkhoff']
    assert 'vervolg' in html(app, 'brief')


@pytest.mark.parametrize('parser', ['rst', 'md'])
def test_a_repeated_option_in_the_body_adds_a_line(make_app, tmp_path, parser):
    if parser == 'md':
        pytest.importorskip('myst_parser')
        text = (
            '# Brief\n\n```{kamerbrief} Strategische landenbenadering migratie\n'
            ':datum: 2015-11-05\n'
            ':aan: De Voorzitter van de vaste commissie voor Justitie en Veiligheid\n'
            '  Postbus 20018\n'
            ':ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff\n'
            ':ondertekenaar: De Minister van Buitenlandse Zaken, A.G. Koenders\n'
            '```\n'
        )
    else:
        text = (
            'Brief\n=====\n\n.. kamerbrief:: Strategische landenbenadering migratie\n'
            '   :datum: 2015-11-05\n'
            '   :ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff\n'
            '\n'
            '   :ondertekenaar: De Minister van Buitenlandse Zaken, A.G. Koenders\n'
        )
    app = build(make_app, tmp_path, {f'brief.{parser}': text})
    assert all('read as' in w for w in located(app)), located(app)
    letter = get_domain(app.env).letters['brief']
    assert [s.naam for s in letter.ondertekenaars] == ['K.H.D.M. Dijkhoff', 'A.G. Koenders']
    assert ':ondertekenaar:' not in html(app, 'brief')


def test_deeply_nested_yaml_warns_instead_of_failing_the_build(make_app, tmp_path):
    pytest.importorskip('myst_parser')
    app = myst_letter(
        make_app, tmp_path, f'---\ndatum: 2015-11-05\nkenmerk: {"[" * 2000}{"]" * 2000}\n---\n'
    )
    [warning] = located(app)
    assert 'the options block is not valid YAML' in warning
    assert 'Geachte voorzitter,' in html(app, 'brief')


def test_text_after_the_closing_dashes_is_the_first_line_of_the_body(make_app, tmp_path):
    pytest.importorskip('myst_parser')
    app = myst_letter(
        make_app,
        tmp_path,
        '---\nkenmerk: 2015-0000123456\n--- Geachte voorzitter,\n',
        '',
    )
    assert located(app) == []
    assert get_domain(app.env).letters['brief'].kenmerk == '2015-0000123456'
    assert 'Geachte voorzitter,' in html(app, 'brief')


def test_an_options_block_without_its_closing_line_warns(make_app, tmp_path):
    pytest.importorskip('myst_parser')
    app = myst_letter(make_app, tmp_path, '---\ndatum: 2015-11-05\n\n', 'Geachte voorzitter,')
    assert located(app)[0] == (
        'brief.md:4: the options block (---) has no closing --- line: every line of the body '
        'is read as options'
    )


def test_an_option_indented_deeper_than_the_next_warns(make_app, tmp_path):
    app = build(
        make_app,
        tmp_path,
        {
            'brief.rst': 'Brief\n=====\n\n.. kamerbrief:: Strategische landenbenadering\n'
            '    :datum: 2015-11-05\n'
            '   :ondertekenaar: De Staatssecretaris van Veiligheid en Justitie, K.H.D.M. Dijkhoff\n'
        },
    )
    assert located(app) == [
        (
            "brief.rst:5: ':datum: 2015-11-05' is indented more than the options under it, so it "
            'is read as part of the text on the first line: write every option at the same indent'
        )
    ]


def test_quotes_inside_a_value_are_kept(make_app, tmp_path):
    pytest.importorskip('myst_parser')
    app = myst_letter(make_app, tmp_path, ":kenmerk: 'a' of 'b'\n")
    assert get_domain(app.env).letters['brief'].kenmerk == "'a' of 'b'"


def test_an_option_name_in_capitals_gets_the_option_meant(make_app, tmp_path):
    pytest.importorskip('myst_parser')
    app = myst_letter(make_app, tmp_path, ':DATUM: 2015-11-05\n')
    [warning] = located(app)
    assert warning.endswith(
        'unknown kamerbrief option :DATUM: (its value is ignored); did you mean :datum:?'
    )
