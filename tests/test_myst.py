"""MyST Markdown: both forms of directive options reach the letter and the toezegging,
and options that myst-parser (or a blank line in reST) leaves in the body warn."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import html, warnings
from sphinx.errors import SphinxWarning

from sphinx_kamerstuk.core.records import Signatory
from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.toezeggingen.traces import current_traces

pytest.importorskip('myst_parser')

DOCS = Path(__file__).parents[1] / 'docs'
EXAMPLES = DOCS / 'examples'


@pytest.fixture
def project(make_app, tmp_path):
    """Build ``index.md`` (a toctree of the others) and the given documents, text or
    paths to copy."""

    def _build(files: dict[str, str | Path], **kwargs):
        srcdir = tmp_path / 'src'
        shutil.rmtree(srcdir, ignore_errors=True)
        srcdir.mkdir()
        (srcdir / 'conf.py').write_text(
            "extensions = ['myst_parser', 'sphinx_kamerstuk']\nkamerstuk_peildatum = '2026-07-01'\n",
            encoding='utf-8',
        )
        names = []
        for name, source in files.items():
            text = source.read_text(encoding='utf-8') if isinstance(source, Path) else source
            text = textwrap.dedent(text)
            if name.endswith('.md') and not text.startswith('#'):
                text = f'# {name}\n\n{text}'  # a title for the toctree
            (srcdir / name).write_text(text, encoding='utf-8')
            names.append(name.rsplit('.', 1)[0])
        toctree = '\n'.join(names)
        (srcdir / 'index.md').write_text(
            f'# Index\n\n```{{toctree}}\n{toctree}\n```\n', encoding='utf-8'
        )
        app = make_app('html', srcdir=srcdir, **kwargs)
        app.build()
        app.cleanup()
        return app

    return _build


# --- every option written reaches the record ------------------------------------------

#: Option name to record field, where the field is not the option's name.
FIELDS = {
    'ondertekenaar': 'ondertekenaars',
    'bijlagen': 'bijlagen_titels',
    'termijn': 'termijn_tekst',
}


def written_options(path: Path) -> dict[str, str]:
    """The options of the directive in a MyST snippet, read independently of myst-parser:
    a YAML block, or ``:name: value`` lines."""
    lines = path.read_text(encoding='utf-8').splitlines()[1:]
    if lines[0] == '---':
        return yaml.load('\n'.join(lines[1 : lines.index('---', 1)]), Loader=yaml.BaseLoader)
    options = {}
    for line in lines:
        match = re.match(r':([\w-]+): (.*)', line)
        if not match:
            break
        options[match[1]] = match[2]
    return options


def as_lines(value: object) -> list[str]:
    if isinstance(value, Signatory):
        return [f'{value.functie}, {value.naam}']
    if isinstance(value, tuple):
        return [line for item in value for line in as_lines(item)]
    return [str(value)] if value else []


def assert_every_option_arrived(options: dict[str, str], record: object) -> None:
    assert options
    for name, value in options.items():
        arrived = as_lines(getattr(record, FIELDS.get(name, name.replace('-', '_'))))
        assert arrived == [line.strip() for line in value.splitlines()], name


def test_the_docs_myst_examples_reach_letter_and_toezegging(project):
    letter_file = EXAMPLES / 'kamerbrief-myst-snippet.md'
    toezegging_file = EXAMPLES / 'toezegging-myst-snippet.md'
    app = project({'brief.md': letter_file, 'toezegging.md': toezegging_file})
    assert warnings(app) == []
    domain = get_domain(app.env)
    letter = domain.letters['brief']
    options = written_options(letter_file)
    assert len(options['aan'].splitlines()) == 4  # the examples show multi-line values
    assert len(options['ondertekenaar'].splitlines()) == 2
    assert_every_option_arrived(options, letter)
    [toezegging] = domain.toezeggingen['toezegging']
    options = written_options(toezegging_file)
    assert len(options) == 8
    assert_every_option_arrived(options, toezegging)
    assert toezegging.termijn == '2026-06-10'  # voor 11 juni
    assert current_traces(app.env)['TZ202606-012'].status == 'voldaan'  # by the letter
    page = html(app, 'brief')
    assert 'Geachte voorzitter' in page
    assert 'aan:' not in page
    assert 'Toegezegd in antwoord' in html(app, 'toezegging')
    assert ':id:' not in html(app, 'toezegging')


def test_the_docs_concept_letter_keeps_every_option(project):
    app = project({'concept.md': DOCS / 'brieven' / 'concept.md'})
    # only that the toezegging it names is on another page of the docs
    assert [w.split(': WARNING: ')[1] for w in warnings(app)] == [
        "letter 'concept' fulfils unknown toezegging 'BHO-VOORSTEL-2026'"
    ]
    letter = get_domain(app.env).letters['concept']
    assert letter.aan[0][-2:] == ('Postbus 20018', '2500 EA  DEN HAAG')
    assert len(letter.aan[0]) == 4
    assert letter.contactpersoon == 'Directie Migratie en Ontwikkeling'
    assert letter.bijlagen == 1
    assert letter.vervult_deels == ('BHO-VOORSTEL-2026',)
    assert [s.naam for s in letter.ondertekenaars] == ['S.W. Sjoerdsma']


# --- the trap: options in the body ----------------------------------------------------

CONTINUED = """\
    # Brief

    ```{kamerbrief} Stand van zaken
    :datum: 2026-06-10
    :aan: De Voorzitter van de vaste commissie voor Buitenlandse Handel
      en Ontwikkelingshulp
      Postbus 20018
    :contactpersoon: Directie Migratie en Ontwikkeling
    :vervult: TZ1
    :ondertekenaar: De minister van Buitenlandse Zaken, D.M. van Weel
    ```

    Geachte voorzitter,
    """

TOEZEGGING = """\
    # Toezegging

    ```{toezegging} Een brief voor 11 juni.
    :id: TZ1
    :activiteit: Wetgevingsoverleg
      BHO-begroting 2026
    :datum: 2026-06-04
    :termijn: voor 11 juni 2026
    ```
    """


def messages(app) -> list[tuple[str, str]]:
    """(file:line, message) of each warning."""
    result = []
    for line in warnings(app):
        place, message = line.split(': WARNING: ')
        result.append((place.rsplit('/', 1)[-1], message))
    return result


def test_options_continued_in_myst_warn_at_their_line_and_are_read(project):
    app = project({'brief.md': CONTINUED, 'toezegging.md': TOEZEGGING})
    how = 'in MyST, write multi-line values in a YAML block (---) or on one line'
    assert messages(app) == [
        (
            'brief.md:6',
            (
                f'option :aan: continues on this line, which MyST reads as body text: {how}; '
                'read as part of the option'
            ),
        ),
        (
            'brief.md:8',
            f'option :contactpersoon: is in the body, not the options: {how}; read as an option',
        ),
        (
            'brief.md:9',
            f'option :vervult: is in the body, not the options: {how}; read as an option',
        ),
        (
            'brief.md:10',
            f'option :ondertekenaar: is in the body, not the options: {how}; read as an option',
        ),
        (
            'toezegging.md:6',
            (
                'option :activiteit: continues on this line, which MyST reads as body text: '
                f'{how}; read as part of the option'
            ),
        ),
        (
            'toezegging.md:7',
            f'option :datum: is in the body, not the options: {how}; read as an option',
        ),
        (
            'toezegging.md:8',
            f'option :termijn: is in the body, not the options: {how}; read as an option',
        ),
    ]
    domain = get_domain(app.env)
    letter = domain.letters['brief']
    assert letter.aan == (
        (
            'De Voorzitter van de vaste commissie voor Buitenlandse Handel',
            'en Ontwikkelingshulp',
            'Postbus 20018',
        ),
    )
    assert letter.contactpersoon == 'Directie Migratie en Ontwikkeling'
    assert letter.vervult == ('TZ1',)
    assert [s.naam for s in letter.ondertekenaars] == ['D.M. van Weel']
    [toezegging] = domain.toezeggingen['toezegging']
    assert toezegging.activiteit == 'Wetgevingsoverleg BHO-begroting 2026'
    assert toezegging.termijn_tekst == 'voor 11 juni 2026'
    # the lost :vervult: is read: the toezegging is fulfilled, not overdue
    assert current_traces(app.env)['TZ1'].status == 'voldaan'
    page = html(app, 'brief')
    body = page.split('Geachte voorzitter', 1)[0].split('kamerbrief-briefhoofd', 1)[1]
    assert ':contactpersoon:' not in page and 'Postbus 20018' in body


def test_the_trap_fails_a_build_with_w(project):
    try:
        app = project({'brief.md': CONTINUED}, warningiserror=True)
    except SphinxWarning as exc:  # Sphinx 7.4 stops at the first warning
        assert 'option :aan: continues' in str(exc)
        return
    assert 'option :aan: continues' in app.warning.getvalue()
    assert app.statuscode == 1


def test_a_field_in_a_myst_body_warns_and_names_the_option_meant(project):
    app = project(
        {
            'toezegging.md': """\
            # T

            ```{toezegging} Tekst
            :id: TZ2

            :datun: 2026-06-04
            :termijn: voor 11 juni 2026

            Notities.
            ```
            """
        }
    )
    assert messages(app) == [
        (
            'toezegging.md:6',
            (
                ':datun: at the start of the body looks like an option, but toezegging has no '
                'option :datun:; did you mean :datum:? (shown as text)'
            ),
        ),
        (
            'toezegging.md:7',
            (
                'option :termijn: is in the body, not the options: in MyST, write multi-line '
                'values in a YAML block (---) or on one line; shown as text'
            ),
        ),
    ]
    [toezegging] = get_domain(app.env).toezeggingen['toezegging']
    assert toezegging.termijn_tekst == ''  # after a line kept as text, the rest is text
    page = html(app, 'toezegging')
    assert ':datun: 2026-06-04' in page and ':termijn: voor 11 juni 2026' in page


def test_an_option_in_the_body_that_the_options_give_stays_text(project):
    app = project(
        {
            'brief.md': """\
            ```{kamerbrief} Betreft
            :kenmerk: A-1

            :kenmerk: B-2
            ```
            """
        }
    )
    assert messages(app) == [
        (
            'brief.md:6',
            (
                'option :kenmerk: is in the body, not the options: in MyST, write multi-line '
                'values in a YAML block (---) or on one line; it is in the options too, so this '
                'line is shown as text'
            ),
        ),
    ]
    assert get_domain(app.env).letters['brief'].kenmerk == 'A-1'
    assert ':kenmerk: B-2' in html(app, 'brief')


def test_a_yaml_block_and_a_body_without_fields_do_not_warn(project):
    app = project(
        {
            'brief.md': """\
            ```{kamerbrief} Betreft
            ---
            aan: |
              De Voorzitter
              Postbus 20018
            ---
              Geachte voorzitter, ingesprongen maar tekst.

            Een tweede alinea met :dubbele: punten.
            ```
            """
        }
    )
    assert messages(app) == []
    assert get_domain(app.env).letters['brief'].aan == (('De Voorzitter', 'Postbus 20018'),)


def test_an_indented_body_after_a_blank_line_is_text(project):
    """myst-parser drops the blank line under the options; the extension counts lines."""
    app = project(
        {
            'brief.md': """\
            ```{kamerbrief} Betreft
            :kenmerk: A-1

              Geachte voorzitter,
            ```
            """
        }
    )
    assert messages(app) == []
    assert get_domain(app.env).letters['brief'].kenmerk == 'A-1'


# --- reStructuredText -----------------------------------------------------------------


def test_rst_body_fields_warn_only_for_the_directives_options(project):
    app = project(
        {
            'brief.rst': """\
            Brief
            =====

            .. kamerbrief:: Betreft
               :kenmerk: A-1
               :datum: 2026-06-10
               :ondertekenaar: De minister van Financiën, E. Heinen

               :vervult: TZ9
               :bijlagen: Nota
                  Kaart

               Geachte voorzitter,

            .. toezegging:: Tekst
               :id: TZ9
               :datum: 2026-06-04

               :zie-ook: een veld dat geen optie is

               Notities.
            """
        }
    )
    how = 'write the options together under the directive, with no blank line'
    assert messages(app) == [
        (
            'brief.rst:9',
            f'option :vervult: is in the body, not the options: {how}; read as an option',
        ),
        (
            'brief.rst:10',
            f'option :bijlagen: is in the body, not the options: {how}; read as an option',
        ),
    ]
    letter = get_domain(app.env).letters['brief']
    assert letter.vervult == ('TZ9',)
    assert letter.bijlagen_titels == ('Nota', 'Kaart')
    assert 'een veld dat geen optie is' in html(app, 'brief')
