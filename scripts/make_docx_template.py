"""Make the kamerbrief-docx builder's default template, sphinx_kamerstuk/ext/docx/sjabloon.docx.

pandoc's own reference document, with what a letter needs: A4, page numbers in the footer
from page 2 (a first page of its own), and the paragraph styles the builder names for the
letterhead and the signature. The same pandoc gives the same bytes: run it again after a
pandoc upgrade and commit the result.

    python scripts/make_docx_template.py
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pypandoc

TARGET = Path(__file__).parents[1] / 'sphinx_kamerstuk' / 'ext' / 'docx' / 'sjabloon.docx'
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
FOOTER_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml'
FOOTER_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer'

PAGE_FOOTER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<w:ftr xmlns:w="{W}"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="right"/></w:pPr>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>'
)
EMPTY_FOOTER = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W}"><w:p/></w:ftr>'
)
SECTION = (
    f'<w:sectPr><w:footerReference xmlns:r="{R}" w:type="default" r:id="rIdKamerstukFooter"/>'
    f'<w:footerReference xmlns:r="{R}" w:type="first" r:id="rIdKamerstukFirst"/>'
    '<w:footnotePr><w:numRestart w:val="eachSect"/></w:footnotePr>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1417" w:right="2268" w:bottom="1417" w:left="1588" w:header="709" '
    'w:footer="709" w:gutter="0"/><w:titlePg/></w:sectPr>'
)
#: The builder's styles: (id, name, size in half points, bold, space after in twips).
STYLES = (
    ('KamerbriefAfzender', 'Kamerbrief Afzender', 20, True, 240),
    ('KamerbriefRetouradres', 'Kamerbrief Retouradres', 13, False, 120),
    ('KamerbriefAdres', 'Kamerbrief Adres', 18, False, 0),
    ('KamerbriefColofon', 'Kamerbrief Colofon', 13, False, 0),
    ('KamerbriefKop', 'Kamerbrief Kop', 18, False, 0),
    ('KamerbriefOndertekening', 'Kamerbrief Ondertekening', 18, False, 0),
    # the office: room below it for the signature itself
    ('KamerbriefFunctie', 'Kamerbrief Functie', 18, False, 960),
)
#: A letter's text: Verdana 9 pt (the Rijkshuisstijl's RO Sans is the ministries' own font),
#: ragged right, a line between paragraphs.
DEFAULTS = (
    '<w:rFonts w:ascii="Verdana" w:hAnsi="Verdana" w:eastAsia="Verdana" w:cs="Verdana" />'
    '<w:sz w:val="18" /><w:szCs w:val="18" /><w:lang w:val="nl-NL" />'
)


def style(style_id: str, name: str, size: int, bold: bool, after: int) -> str:
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f'<w:pPr><w:spacing w:before="0" w:after="{after}"/></w:pPr>'
        f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr></w:style>'
    )


def main() -> None:
    pandoc = pypandoc.get_pandoc_path()
    reference = subprocess.run(
        [pandoc, '--print-default-data-file', 'reference.docx'], check=True, capture_output=True
    ).stdout
    source = zipfile.ZipFile(io.BytesIO(reference))
    parts = {info.filename: source.read(info) for info in source.infolist()}
    document = parts['word/document.xml'].decode()
    start = document.index('<w:sectPr>')
    end = document.index('</w:sectPr>') + len('</w:sectPr>')
    parts['word/document.xml'] = (document[:start] + SECTION + document[end:]).encode()
    parts['word/footer1.xml'] = PAGE_FOOTER.encode()
    parts['word/footer2.xml'] = EMPTY_FOOTER.encode()
    rels = parts['word/_rels/document.xml.rels'].decode()
    rels = rels.replace(
        '</Relationships>',
        f'<Relationship Type="{FOOTER_REL}" Id="rIdKamerstukFooter" Target="footer1.xml"/>'
        f'<Relationship Type="{FOOTER_REL}" Id="rIdKamerstukFirst" Target="footer2.xml"/>'
        '</Relationships>',
    )
    parts['word/_rels/document.xml.rels'] = rels.encode()
    types = parts['[Content_Types].xml'].decode()
    types = types.replace(
        '</Types>',
        f'<Override PartName="/word/footer1.xml" ContentType="{FOOTER_TYPE}"/>'
        f'<Override PartName="/word/footer2.xml" ContentType="{FOOTER_TYPE}"/></Types>',
    )
    parts['[Content_Types].xml'] = types.encode()
    styles = parts['word/styles.xml'].decode()
    start = styles.index('<w:rPrDefault>')
    end = styles.index('</w:rPrDefault>')
    styles = styles[:start] + f'<w:rPrDefault><w:rPr>{DEFAULTS}</w:rPr>' + styles[end:]
    styles = styles.replace(
        '<w:spacing w:before="180" w:after="180" />', '<w:spacing w:before="0" w:after="240" />'
    )
    parts['word/styles.xml'] = styles.replace(
        '</w:styles>', ''.join(style(*row) for row in STYLES) + '</w:styles>'
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as package:
        for name in ['[Content_Types].xml', *sorted(set(parts) - {'[Content_Types].xml'})]:
            package.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), parts[name])
    TARGET.write_bytes(out.getvalue())
    print(f'{TARGET}: {len(out.getvalue())} bytes')  # noqa: T201


if __name__ == '__main__':
    main()
