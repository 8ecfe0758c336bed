"""Data is never code: text from a register, an import or a document is shown, not run.

sphinx-needs evaluates ``[[...]]`` dynamic functions (``copy(filter=...)`` evaluates Python)
and ``<<...>>`` variants in need fields. Every path by which text reaches a need is tried
with such a payload; the payload must appear literally and must not run.
"""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOTS, html
from test_import import DATA, Reply, odata_page, server  # noqa: F401 (fixture)

from sphinx_kamerstuk.cli import main

#: One payload per mechanism: a dynamic function whose filter runs Python, a variant whose
#: condition does, and a Jinja expression (need templates must not expand data either).
PAYLOADS = (
    "x [[copy('id', filter=\"__import__('pathlib').Path(r'{marker}').touch() or True\")]]",
    "<<__import__('pathlib').Path(r'{marker}').touch() or True:ja, nee>>",
    "{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}",
)
NEEDTABLE = """
Alle needs
==========

.. needtable::
   :types: toezegging
   :columns: id;title;bewindspersoon;functie;ministerie;register_status
"""


def payload(tmp_path: Path, field: str) -> str:
    """The payloads for one field, each touching its own marker file if it runs."""
    return ' '.join(p.format(marker=tmp_path / f'RAN-{field}') for p in PAYLOADS)


def build_with_register(build, tmp_path: Path, register: Path, *documents: str):
    """The registers test project, reading ``register``, with a needtable page."""
    srcdir = tmp_path / 'registers'
    shutil.copytree(ROOTS / 'test-registers', srcdir)
    shutil.copy(register, srcdir / '_data' / 'tk-toezeggingen.json')
    (srcdir / 'alle.rst').write_text(NEEDTABLE, encoding='utf-8')
    for number, text in enumerate(documents):
        (srcdir / f'extra-{number}.rst').write_text(text, encoding='utf-8')
    with (srcdir / 'index.rst').open('a', encoding='utf-8') as index:
        index.write('\n.. toctree::\n\n   alle\n')
        index.writelines(f'   extra-{n}\n' for n in range(len(documents)))
    return build('registers', confoverrides={'needs_build_json': True})


def assert_shown_not_run(app, tmp_path: Path, fields: list[str], *, in_json=False) -> None:
    assert sorted(p.name for p in tmp_path.glob('RAN-*')) == []
    page = unescape(re.sub(r'<[^>]+>', '', html(app, 'alle')))
    needs = json.loads((Path(app.outdir) / 'needs.json').read_text(encoding='utf-8'))
    values = {
        value
        for need in needs['versions']['']['needs'].values()
        for value in need.values()
        if isinstance(value, str)
    }
    for field in fields:
        text = payload(tmp_path, field)
        assert text in page, field  # the needtable shows the text as written
        # needs.json holds a document's needs (sphinx-needs leaves external ones out)
        assert not in_json or text in values, field


def test_hand_written_register(build, tmp_path):
    fields = ['tekst', 'bewindspersoon', 'functie', 'ministerie', 'activiteit']
    register = json.loads(
        (ROOTS / 'test-registers' / '_data' / 'tk-toezeggingen.json').read_text(encoding='utf-8')
    )
    for field in fields:
        register['toezeggingen'][0][field] = payload(tmp_path, field)
    path = tmp_path / 'register.json'
    path.write_text(json.dumps(register), encoding='utf-8')
    app = build_with_register(build, tmp_path, path)
    assert_shown_not_run(app, tmp_path, ['tekst', 'bewindspersoon', 'ministerie'])


def test_odata_file(build, tmp_path):
    page = json.loads((DATA / 'odata-page-1.json').read_text(encoding='utf-8'))
    entity = page['value'][0]
    entity['Tekst'] = payload(tmp_path, 'Tekst')
    entity['Ministerie'] = payload(tmp_path, 'Ministerie')
    entity['Functie'] = payload(tmp_path, 'Functie')
    source = tmp_path / 'odata.json'
    source.write_text(json.dumps(page), encoding='utf-8')
    register = tmp_path / 'tk.json'
    assert main(['import-tk', str(source), '-o', str(register)]) == 0
    app = build_with_register(build, tmp_path, register)
    assert_shown_not_run(app, tmp_path, ['Tekst', 'Ministerie'])


def test_syncfeed(build, tmp_path):
    feed = (DATA / 'syncfeed.xml').read_text(encoding='utf-8')
    text = payload(tmp_path, 'tekst').replace('&', '&amp;').replace('<', '&lt;')
    source = tmp_path / 'feed.xml'
    source.write_text(
        feed.replace('De minister gaat in gesprek met de sociale partners.', text),
        encoding='utf-8',
    )
    register = tmp_path / 'tk.json'
    assert main(['import-tk', str(source), '-o', str(register)]) == 0
    app = build_with_register(build, tmp_path, register)
    assert_shown_not_run(app, tmp_path, ['tekst'])


def test_online(build, tmp_path, server):  # noqa: F811 (fixture)
    def reply(_number, _path):
        page = json.loads(odata_page(server.base, 1, 1, None))
        page['value'][0]['Tekst'] = payload(tmp_path, 'Tekst')
        page['value'][0]['Ministerie'] = payload(tmp_path, 'Ministerie')
        return Reply(json.dumps(page).encode())

    server.reply = reply
    register = tmp_path / 'tk.json'
    argv = ['import-tk', '--online', '--base', server.base, '-o', str(register)]
    assert main(argv) == 0
    app = build_with_register(build, tmp_path, register)
    assert_shown_not_run(app, tmp_path, ['Tekst', 'Ministerie'])


@pytest.mark.parametrize('suffix', ['csv', 'json'])
def test_eerste_kamer_export(build, tmp_path, suffix):
    source = tmp_path / f'ek.{suffix}'
    if suffix == 'csv':
        header = 'nummer;titel;tekst;status;datum;deadline;verantwoordelijke;kamerleden'
        row = ['T03999', 'Toezegging', payload(tmp_path, 'tekst'), 'Openstaand', '2024-01-10']
        row += ['2025-01-01', payload(tmp_path, 'verantwoordelijke'), 'J.A. Vos (PvdA)']
        cells = ['"{}"'.format(cell.replace('"', '""')) for cell in row]
        source.write_text(f'{header}\n{";".join(cells)}\n', encoding='utf-8')
    else:
        entry = {
            'nummer': 'T03999',
            'titel': 'Toezegging',
            'tekst': payload(tmp_path, 'tekst'),
            'status': 'Openstaand',
            'datum': '2024-01-10',
            'verantwoordelijke': payload(tmp_path, 'verantwoordelijke'),
        }
        source.write_text(json.dumps([entry]), encoding='utf-8')
    register = tmp_path / 'ek-register.json'
    assert main(['import-ek', str(source), '-o', str(register)]) == 0
    app = build_with_register(build, tmp_path, register)
    assert_shown_not_run(app, tmp_path, ['tekst'])


def test_toezegging_directive_fields(build, tmp_path):
    """An author's own text is data too: a document is not a program."""
    document = f"""
Nog een toezegging
==================

.. toezegging:: {payload(tmp_path, 'tekst')}
   :id: TZ202608-001
   :datum: 2026-08-01
   :bewindspersoon: {payload(tmp_path, 'bewindspersoon')}
   :ministerie: {payload(tmp_path, 'ministerie')}
"""
    register = ROOTS / 'test-registers' / '_data' / 'tk-toezeggingen.json'
    app = build_with_register(build, tmp_path, register, document)
    assert_shown_not_run(app, tmp_path, ['tekst', 'bewindspersoon', 'ministerie'], in_json=True)


def test_a_project_importing_our_needs_runs_none_of_their_text(build, make_app, tmp_path):
    """``needimport`` of this project's ``needs.json`` in another project that loads the
    extension: sphinx-needs would evaluate ``[[...]]`` in the titles it brings in."""
    document = f"""
Brief
=====

.. kamerbrief:: {payload(tmp_path, 'betreft')}
   :datum: 2026-08-01

.. toezegging:: {payload(tmp_path, 'tekst')}
   :id: TZ202608-001
   :datum: 2026-08-01
"""
    register = ROOTS / 'test-registers' / '_data' / 'tk-toezeggingen.json'
    app = build_with_register(build, tmp_path, register, document)
    other = tmp_path / 'other'
    other.mkdir()
    shutil.copy(Path(app.outdir) / 'needs.json', other / 'needs.json')
    (other / 'conf.py').write_text("extensions = ['sphinx_kamerstuk']\n", encoding='utf-8')
    (other / 'index.rst').write_text(
        'Elders\n======\n\n.. needimport:: needs.json\n\n.. needtable::\n   :columns: id;title\n',
        encoding='utf-8',
    )
    importing = make_app('html', srcdir=other)
    importing.build()
    importing.cleanup()
    assert sorted(p.name for p in tmp_path.glob('RAN-*')) == []
    page = unescape(re.sub(r'<[^>]+>', '', (Path(importing.outdir) / 'index.html').read_text()))
    assert payload(tmp_path, 'tekst') in page
