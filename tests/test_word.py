"""From Word and back: ``import-brief`` and the ``kamerbrief-docx`` builder.

The letters are real: the seed (``tests/data/kamerbrief-terugkeerhubs-bho.txt``, the text
export of a Word letter of June 2026) and three public Kamerbrieven made into .docx files
by pandoc and by LibreOffice (``tests/data/word/README.md`` names each source).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

from sphinx_kamerstuk.cli import main

DATA = Path(__file__).parent / 'data'
SEED = DATA / 'kamerbrief-terugkeerhubs-bho.txt'
WORD = DATA / 'word'
FIXTURES = sorted(WORD.glob('*.docx'))
DOCS = Path(__file__).parents[1] / 'docs'
CONF = "extensions = ['sphinx_kamerstuk']\nlanguage = 'nl'\n"


def words(text: str) -> str:
    return ' '.join(re.sub(r'\\ |[*`]', '', text).split())


def squeezed(text: str) -> str:
    """Without any white space: the text builder breaks lines after a hyphen too."""
    return ''.join(text.split())


def import_brief(capsys, *args: str) -> tuple[int, str, str]:
    status = main(['import-brief', *args])
    out, err = capsys.readouterr()
    return status, out, err


def build(srcdir: Path, builder: str = 'text', *extra: str) -> tuple[int, Path, str]:
    """``sphinx-build -W`` of a project: status, output directory, warnings."""
    out = srcdir / '_build' / builder
    warnings = io.StringIO()
    import contextlib

    with contextlib.redirect_stderr(warnings):
        status = build_main(
            ['-q', '-W', '--keep-going', '-E', '-b', builder, *extra, str(srcdir), str(out)]
        )
    return status, out, warnings.getvalue()


def project(tmp_path: Path, page: Path) -> Path:
    (tmp_path / 'conf.py').write_text(CONF, encoding='utf-8')
    (tmp_path / 'index.rst').write_text(
        f'Brieven\n=======\n\n.. toctree::\n\n   {page.stem}\n', encoding='utf-8'
    )
    return tmp_path


# --- import-brief -----------------------------------------------------------------------


def test_the_seed_letter_becomes_a_page_that_builds_and_holds_every_sentence(tmp_path, capsys):
    status, out, err = import_brief(capsys, str(SEED), '-o', str(tmp_path))
    page = tmp_path / 'kamerbrief-terugkeerhubs-bho.rst'
    assert status == 0, err
    assert '2 toezeggingen found' in out
    assert 'no Betreft found' in err  # the seed has none: said, not silently invented
    source = page.read_text(encoding='utf-8')
    assert (
        ':ondertekenaar: De minister van Buitenlandse Handel en Ontwikkelingssamenwerking, '
        'S.W. Sjoerdsma' in source
    )
    assert ':mede-namens: de minister van Buitenlandse Zaken' in source
    assert '.. [#voetnoot-1] :kst:`Kamerstukken II, 2025/26, 22112 nr. 4363`' in source
    assert '.. [#voetnoot-2] :kst:`Kamerstukken II 2025/26, 19637 nr. 3560`' in source
    assert '[bookmark' not in source and 'footnoteRef' not in source
    status, out_dir, warnings = build(project(tmp_path, page))
    assert (status, warnings) == (0, '')
    built = words((out_dir / 'kamerbrief-terugkeerhubs-bho.txt').read_text(encoding='utf-8'))
    seed = re.sub(r'\[bookmark: [^\]]*\]|\[footnoteRef:\d\]|\[\d:  [^\]]*\]', '', SEED.read_text())
    body = seed.split('Geachte voorzitter,')[1].split('De minister van Buitenlandse Handel')[0]
    sentences = [s for s in re.split(r'(?<=[.”])\s+', ' '.join(body.split())) if s]
    assert len(sentences) > 15
    assert [s for s in sentences if squeezed(s) not in squeezed(built)] == []
    assert 'Kamerstukken II 2025/26, 22112, nr. 4363' in built  # the role renders the note


def test_the_commitments_of_the_seed_are_commented_out_toezeggingen(tmp_path, capsys):
    import_brief(capsys, str(SEED), '-o', str(tmp_path))
    source = (tmp_path / 'kamerbrief-terugkeerhubs-bho.rst').read_text(encoding='utf-8')
    skeletons = re.findall(r'^   \.\. toezegging:: (.*)$', source, re.MULTILINE)
    assert [s[:40] for s in skeletons] == [
        'Het kabinet streeft ernaar voor het eind',
        'In de besloten technische briefing over ',
    ]
    assert '      :termijn: voor het einde van het jaar' in source


@pytest.mark.parametrize('letter', FIXTURES, ids=lambda path: path.name)
def test_a_real_word_letter_imports_and_builds_with_every_paragraph(letter, tmp_path, capsys):
    status, _out, err = import_brief(capsys, str(letter), '-o', str(tmp_path))
    assert status == 0, err
    page = next(tmp_path.glob('*.rst'))
    source = page.read_text(encoding='utf-8')
    assert ':aan: tk' in source and ':datum: ' in source and ':ondertekenaar: ' in source
    status, out_dir, warnings = build(project(tmp_path, page))
    assert (status, warnings) == (0, '')
    built = words((out_dir / f'{page.stem}.txt').read_text(encoding='utf-8'))
    built = re.sub(r'\[\d+\]', '', built)
    markdown = (WORD / (letter.stem.removesuffix('-libreoffice') + '.md')).read_text()
    body = markdown.split('Geachte voorzitter,')[1]
    notes = re.findall(r'^\[\^\d+\]: (.*)$', body, re.MULTILINE)
    body = re.sub(r'^\[\^\d+\]: .*$|\[\^\d+\]|^#+ |^- ', '', body, flags=re.MULTILINE)
    paragraphs = [words(p) for p in body.split('\n\n') if p.strip()]
    signature = paragraphs[-2:]  # the office and the name: the letter signs itself
    missing = [
        part
        for p in paragraphs[:-2] + notes
        for part in _outside_references(p)
        if squeezed(part) not in squeezed(built)
    ]
    assert missing == []
    assert all(squeezed(line.rstrip(',')) in squeezed(built) for line in signature)


def _outside_references(text: str) -> list[str]:
    """The text around its references, which the roles render in the project's style."""
    from sphinx_kamerstuk.core.citations import find_all

    parts, pos = [], 0
    for found in find_all(text):
        parts.append(text[pos : found.start])
        pos = found.end
    parts.append(text[pos:])
    return [part for part in parts if part.strip(' ()')]


def test_mede_namens_with_commas_in_the_office_is_read_whole(tmp_path, capsys):
    import_brief(capsys, str(WORD / 'kst-29665-115.docx'), '-o', str(tmp_path))
    source = (tmp_path / 'kst-29665-115.rst').read_text(encoding='utf-8')
    assert (
        ':mede-namens: de minister van Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer'
        in source
    )


def test_headings_and_lists_of_a_word_letter_are_kept(tmp_path, capsys):
    import_brief(capsys, str(WORD / 'kst-29665-385.docx'), '-o', str(tmp_path))
    source = (tmp_path / 'kst-29665-385.rst').read_text(encoding='utf-8')
    assert 'Algemeen\n--------\n' in source
    assert 'Implementatie van Doc29 voor Schiphol\n~~~~' in source
    assert '\n- Planning besluitvorming Luchtruimherziening;\n' in source


def _docx(tmp_path: Path, markdown: str, name: str = 'brief.docx') -> Path:
    import pypandoc

    target = tmp_path / name
    pypandoc.convert_text(markdown, 'docx', format='markdown', outputfile=str(target))
    return target


def test_a_footnote_in_a_heading_keeps_its_mark(tmp_path, capsys):
    letter = _docx(
        tmp_path,
        'Betreft Test\n\nGeachte voorzitter,\n\n# Kop met voetnoot[^1]\n\nTekst.\n\n'
        'De minister van Financiën,\n\nE. Heinen\n\n'
        '[^1]: Kamerstukken II 2025/26, 22112, nr. 4363\n',
    )
    status, _out, err = import_brief(capsys, str(letter), '-o', str(tmp_path / 'out'))
    source = (tmp_path / 'out' / 'brief.rst').read_text(encoding='utf-8')
    assert (status, err) == (0, '')
    assert 'Kop met voetnoot\\ [#voetnoot-' in source
    assert (
        '.. [#voetnoot-' in source and ':kst:`Kamerstukken II 2025/26, 22112, nr. 4363`' in source
    )


def test_markup_in_a_word_letter_stays_text(tmp_path, capsys):
    """Word text that looks like reST is escaped: it shows as written, runs nothing."""
    hostile = (
        'Datum 3 maart 2026\n\nBetreft Test\n\nGeachte voorzitter,\n\n'
        r'.. raw:: html' + '\n\n'
        r'Een \*ster\* en \`code\` en \|sub\| en naam\_ en :kst:\`x\` en 1. lijst.' + '\n\n'
        '- item met *nadruk*midden\n\n'
        'De minister van Financiën,\n\nE. Heinen\n'
    )
    letter = _docx(tmp_path, hostile)
    out = tmp_path / 'out'
    assert import_brief(capsys, str(letter), '-o', str(out))[0] == 0
    page = out / 'brief.rst'
    status, out_dir, warnings = build(project(out, page))
    assert (status, warnings) == (0, '')
    built = (out_dir / 'brief.txt').read_text(encoding='utf-8')
    assert '.. raw:: html' in built
    assert 'Een *ster* en `code` en |sub| en naam_ en :kst:`x` en 1. lijst.' in words(built) or (
        'Een *ster* en `code` en |sub| en naam_ en :kst:`x` en 1. lijst.' in ' '.join(built.split())
    )


@pytest.mark.parametrize(
    ('content', 'message'),
    [
        (b'PK\x03\x04 broken', 'no .docx package'),
        (b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\0' * 64, 'old binary Word file (.doc)'),
        (
            # what Word writes for a password: a compound file holding an EncryptedPackage
            b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + 'EncryptedPackage'.encode('utf-16-le'),
            'protected with a password',
        ),
        (b'\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'neither a .docx nor the text export'),
        (b'\n \n\t\n', 'holds no text'),
    ],
)
def test_a_file_that_is_no_word_letter_exits_2_naming_it_and_writes_nothing(
    tmp_path, capsys, content, message
):
    letter = tmp_path / 'brief.docx'
    letter.write_bytes(content)
    out = tmp_path / 'out'
    status, _out, err = import_brief(capsys, str(letter), '-o', str(out))
    assert status == 2
    assert str(letter) in err and message in err
    assert not out.exists() or list(out.iterdir()) == []


def test_an_empty_word_document_exits_2(tmp_path, capsys):
    letter = _docx(tmp_path, '')
    status, _out, err = import_brief(capsys, str(letter), '-o', str(tmp_path / 'out'))
    assert (status, 'holds no text' in err) == (2, True)


def test_a_zip_that_is_no_word_document_exits_2(tmp_path, capsys):
    letter = tmp_path / 'brief.docx'
    with zipfile.ZipFile(letter, 'w') as package:
        package.writestr('mimetype', 'application/vnd.oasis.opendocument.text')
    status, _out, err = import_brief(capsys, str(letter), '-o', str(tmp_path / 'out'))
    assert (status, 'no word/document.xml' in err) == (2, True)


def test_an_existing_page_is_kept_without_force_and_never_written_through_a_link(tmp_path, capsys):
    page = tmp_path / 'kamerbrief-terugkeerhubs-bho.rst'
    page.write_text('mijn eigen tekst\n', encoding='utf-8')
    status, _out, err = import_brief(capsys, str(SEED), '-o', str(tmp_path))
    assert (status, 'exists; not overwritten' in err) == (2, True)
    assert page.read_text(encoding='utf-8') == 'mijn eigen tekst\n'
    assert import_brief(capsys, str(SEED), '-o', str(tmp_path), '--force')[0] == 0
    assert '.. kamerbrief::' in page.read_text(encoding='utf-8')
    elsewhere = tmp_path / 'elders.rst'
    elsewhere.write_text('niet aanraken\n', encoding='utf-8')
    page.unlink()
    page.symlink_to(elsewhere)
    status, _out, err = import_brief(capsys, str(SEED), '-o', str(tmp_path), '--force')
    assert (status, 'symbolic link' in err) == (2, True)
    assert elsewhere.read_text(encoding='utf-8') == 'niet aanraken\n'
    assert list(tmp_path.glob('.*.tmp')) == []


# --- kamerbrief-docx ---------------------------------------------------------------------


def _letters_project(tmp_path: Path) -> Path:
    """The docs' example letters, in a project of their own."""
    srcdir = tmp_path / 'src'
    for name in ('terugkeerhubs.rst', 'rappel-eerste-kamer.rst', 'toezeggingen.rst', 'concept.md'):
        srcdir.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_bytes((DOCS / 'brieven' / name).read_bytes())
    (srcdir / 'conf.py').write_text(
        CONF + "extensions.append('myst_parser')\nkamerstuk_peildatum = '2026-07-01'\n"
        "kamerstuk_ministerie = 'Ministerie van Buitenlandse Zaken'\n"
        "suppress_warnings = ['kamerstuk.concept']  # as in docs/conf.py\n",
        encoding='utf-8',
    )
    (srcdir / 'index.rst').write_text(
        'Brieven\n=======\n\n.. toctree::\n\n   terugkeerhubs\n   rappel-eerste-kamer\n'
        '   toezeggingen\n   concept\n',
        encoding='utf-8',
    )
    return srcdir


def _xml(docx: Path, part: str) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read(part).decode('utf-8')


def test_each_letter_becomes_a_word_document_with_real_footnotes(tmp_path):
    srcdir = _letters_project(tmp_path)
    status, out, warnings = build(srcdir, 'kamerbrief-docx')
    assert (status, warnings) == (0, '')
    assert sorted(path.name for path in out.glob('*.docx')) == [
        'BZ-DJZ-2026-0714.docx',  # by its kenmerk
        'concept.docx',
        'terugkeerhubs.docx',
    ]
    letter = out / 'terugkeerhubs.docx'
    notes = _xml(letter, 'word/footnotes.xml')
    assert 'Kamerstukken II 2025/26, 22112, nr. 4363' in notes
    assert 'Kamerstukken II 2025/26, 19637, nr. 3560' in notes
    document = _xml(letter, 'word/document.xml')
    assert document.count('<w:footnoteReference') == 2
    assert '<w:titlePg' in document  # the first page has a footer of its own: no number
    assert 'PAGE' in _xml(letter, 'word/footer1.xml')
    assert 'w:val="KamerbriefAdres"' in document
    assert 'De Voorzitter van de Tweede Kamer' in document


def test_a_word_letter_imports_back_to_the_same_metadata_and_body(tmp_path, capsys):
    srcdir = _letters_project(tmp_path)
    _status, out, _warnings = build(srcdir, 'kamerbrief-docx')
    for docx, source in (
        ('terugkeerhubs.docx', 'terugkeerhubs.rst'),
        ('BZ-DJZ-2026-0714.docx', 'rappel-eerste-kamer.rst'),
    ):
        back = tmp_path / 'back'
        assert import_brief(capsys, str(out / docx), '-o', str(back), '--force')[0] == 0
        imported = (back / (Path(docx).stem.lower() + '.rst')).read_text(encoding='utf-8')
        original = (srcdir / source).read_text(encoding='utf-8')
        wanted = _options(original)
        for option in ('vervult', 'vervult-deels', 'id'):  # the project's, not the letter's
            wanted.pop(option, None)
        got = _options(imported)
        assert {k: got.get(k) for k in wanted} == wanted
        assert {k: v for k, v in got.items() if k not in wanted} in (
            {'aan': 'tk', 'ministerie': 'Ministerie van Buitenlandse Zaken'},
            {'ministerie': 'Ministerie van Buitenlandse Zaken'},
            {},
        )
        assert _body(imported) == _body(original)


def _options(page: str) -> dict[str, str]:
    block = page.split('.. kamerbrief::')[1].split('\n\n')[0]
    options = dict(re.findall(r'^   :([\w-]+): (.*(?:\n      .*)*)', block, re.MULTILINE))
    options = {k: ' '.join(v.split()) for k, v in options.items()}
    options['betreft'] = ' '.join(block.split('\n')[0].split())
    return options


def _body(page: str) -> list[str]:
    """The body's paragraphs as words, without comments, footnote bodies and markup."""
    text = page.split('.. kamerbrief::')[1]
    paragraphs = []
    for part in text.split('\n\n')[1:]:
        if part.startswith(('..', '   ', ':')) or not part.strip():
            continue
        part = re.sub(r'\\ \[#[\w-]*\]_', '', part)
        paragraphs.append(words(re.sub(r':\w+:`([^`]*)`', _reference_id, part)))
    return paragraphs


def _reference_id(role: re.Match[str]) -> str:
    """A role as the publication it names: Word holds it as the project's style writes it."""
    from sphinx_kamerstuk.core.citations import parse

    return parse(' '.join(role[1].split())).obl_id


def test_the_same_letters_give_the_same_word_bytes(tmp_path):
    first = build(_letters_project(tmp_path / 'a'), 'kamerbrief-docx')[1]
    second = build(_letters_project(tmp_path / 'b'), 'kamerbrief-docx')[1]
    for docx in first.glob('*.docx'):
        assert docx.read_bytes() == (second / docx.name).read_bytes(), docx.name


def test_a_ministry_template_gives_the_letters_its_styles(tmp_path):
    """A .dotx of the ministry's: its styles and its footer are used."""
    from sphinx_kamerstuk.ext.docx.builder import DEFAULT_TEMPLATE

    srcdir = _letters_project(tmp_path)
    template = srcdir / 'huisstijl.dotx'
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(template, 'w') as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == '[Content_Types].xml':
                data = data.replace(
                    b'wordprocessingml.document.main+xml', b'wordprocessingml.template.main+xml'
                )
            if info.filename == 'word/footer1.xml':
                data = data.replace(b'<w:p>', b'<w:p><w:r><w:t>Ministerie eigen voet</w:t></w:r>')
            out.writestr(info, data)
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write("kamerstuk_docx_sjabloon = 'huisstijl.dotx'\n")
    status, out, warnings = build(srcdir, 'kamerbrief-docx')
    assert (status, warnings) == (0, '')
    assert 'Ministerie eigen voet' in _xml(out / 'terugkeerhubs.docx', 'word/footer1.xml')
    assert not list(out.glob('.kamerstuk-sjabloon*'))


def test_a_template_that_is_no_word_file_warns_and_the_built_in_one_is_used(tmp_path):
    srcdir = _letters_project(tmp_path)
    (srcdir / 'kapot.docx').write_bytes(b'geen zip')
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write("kamerstuk_docx_sjabloon = 'kapot.docx'\n")
    status, out, warnings = build(srcdir, 'kamerbrief-docx')
    assert status != 0 and "kamerstuk_docx_sjabloon 'kapot.docx'" in warnings
    status = build_main(['-q', '-E', '-b', 'kamerbrief-docx', str(srcdir), str(out)])
    assert status == 0 and (out / 'terugkeerhubs.docx').exists()


# --- the commitments a letter makes -----------------------------------------------------


def test_check_toezeggingen_reports_the_untracked_commitment_with_its_termijn(capsys):
    import json

    status = main(['check', '--toezeggingen', '--format', 'json', str(DOCS / 'brieven')])
    report = json.loads(capsys.readouterr().out)
    found = [f for f in report['findings'] if f['kind'] == 'toezegging']
    assert status == 1
    # terugkeerhubs.rst's commitments are recorded in toezeggingen.rst, not in the letter
    assert [(Path(f['path']).name, f['line'], f['termijn'], f['termijn_datum']) for f in found] == [
        ('concept.md', 23, 'voor het einde van het jaar', None),  # a concept has no date
        ('terugkeerhubs.rst', 29, 'voor het einde van het jaar', '2026-12-31'),
        ('terugkeerhubs.rst', 47, None, None),
    ]
    assert found[1]['text'].startswith('Het kabinet streeft ernaar')


def test_a_recorded_commitment_is_not_reported(tmp_path, capsys):
    page = tmp_path / 'brief.rst'
    page.write_text(
        'Brief\n=====\n\n.. kamerbrief:: Test\n   :datum: 2026-03-02\n\n'
        'Ik zal uw Kamer voor de zomer informeren over de evaluatie van de wet.\n\n'
        'De staatssecretaris zal uw Kamer informeren is wat de motie vraagt.\n\n'
        '.. toezegging:: De Kamer wordt voor de zomer geïnformeerd over de evaluatie van de wet.\n'
        '   :id: T-1\n',
        encoding='utf-8',
    )
    assert main(['check', '--toezeggingen', str(page)]) == 0, capsys.readouterr()


def test_the_build_warns_for_an_untracked_commitment_when_asked(tmp_path):
    srcdir = _letters_project(tmp_path)
    status, _out, warnings = build(srcdir, 'html')
    assert (status, warnings) == (0, '')
    with (srcdir / 'conf.py').open('a', encoding='utf-8') as conf:
        conf.write('kamerstuk_zoek_toezeggingen = True\n')
    status, _out, warnings = build(srcdir, 'html')
    lines = [line for line in warnings.splitlines() if 'de brief doet een toezegging' in line]
    assert status != 0
    assert [line.split(': ')[0].rsplit('/', 1)[-1] for line in lines] == [
        'concept.md:23',
        'terugkeerhubs.rst:29',
        'terugkeerhubs.rst:47',
    ]
    assert "'voor het einde van het jaar', 2026-12-31" in lines[1]


def test_the_docs_show_what_import_brief_writes_for_the_seed(tmp_path, capsys):
    example = DOCS / 'examples' / 'word-export.text'
    assert example.read_bytes() == SEED.read_bytes()
    assert import_brief(capsys, str(example), '-o', str(tmp_path))[0] == 0
    written = (tmp_path / 'word-export.rst').read_text(encoding='utf-8')
    assert written == (DOCS / 'examples' / 'word-import.txt').read_text(encoding='utf-8')


def test_the_docs_show_what_check_toezeggingen_prints(capsys, monkeypatch):
    monkeypatch.chdir(DOCS)
    main(['check', '--toezeggingen', 'brieven/terugkeerhubs.rst'])
    printed = capsys.readouterr().out.splitlines()
    page = (DOCS / 'word.rst').read_text(encoding='utf-8')
    assert len(printed) == 2
    assert all(f'   {line}\n' in page for line in printed)


def test_letter_text_kept_as_a_comment_cannot_leave_it(tmp_path, capsys):
    """A footnote without a place, holding a soft line break and a directive, stays in
    the comment (hostile review: it ran as ``.. include::``)."""
    from sphinx_kamerstuk.importers.brief.document import Block, Read, Run
    from sphinx_kamerstuk.importers.brief.letter import place
    from sphinx_kamerstuk.importers.brief.page import Page

    read = Read(
        [Block('paragraph', [Run('Geachte voorzitter,')])],
        {'1': [Run('regel\n.. include:: /etc/hostname')]},
    )
    page = Page(place(read), title='Brief', key='B').write(read.notes, [])
    assert '\n.. include::' not in page
    assert '\n   .. include:: /etc/hostname' in page


def test_list_items_and_table_cells_that_look_like_markup_stay_text(tmp_path, capsys):
    markdown = (
        'Betreft Test\n\nGeachte voorzitter,\n\n- .. raw:: html\n- :veld: x\n- eind op::\n\n'
        '| kop | b |\n|---|---|\n| .. raw:: html | - lijst |\n\n'
        'De minister van Financiën,\n\nE. Heinen\n'
    )
    letter = _docx(tmp_path, markdown)
    out = tmp_path / 'out'
    assert import_brief(capsys, str(letter), '-o', str(out))[0] == 0
    status, out_dir, warnings = build(project(out, out / 'brief.rst'))
    assert (status, warnings) == (0, '')
    built = words((out_dir / 'brief.txt').read_text(encoding='utf-8'))
    for text in ('.. raw:: html', ':veld: x', 'eind op::', '- lijst'):
        assert text in built, text


def test_a_commented_out_skeleton_records_nothing(tmp_path, capsys):
    import_brief(capsys, str(SEED), '-o', str(tmp_path))
    page = tmp_path / 'kamerbrief-terugkeerhubs-bho.rst'
    capsys.readouterr()
    assert main(['check', '--toezeggingen', str(page)]) == 1
    assert 'voor het einde van het jaar' in capsys.readouterr().out


def test_a_dtd_anywhere_in_a_part_is_refused(tmp_path, capsys):
    letter = _docx(tmp_path, 'Geachte voorzitter,\n\nTekst.\n')
    hostile = tmp_path / 'dtd.docx'
    with zipfile.ZipFile(letter) as source, zipfile.ZipFile(hostile, 'w') as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == 'word/document.xml':
                head, _sep, rest = data.partition(b'?>')
                data = head + b'?><!--' + b'x' * 5000 + b'--><!doctype w [<!ENTITY e "E">]>' + rest
            out.writestr(info, data)
    status, _out, err = import_brief(capsys, str(hostile), '-o', str(tmp_path / 'out'))
    assert (status, 'declares a DTD' in err) == (2, True)
