"""How the letterhead and the signature are written in HTML, LaTeX and plain text.

Every piece of user text goes through the translator's own escaping (``encode``);
man, texinfo and other builders write the plain docutils children instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_kamerstuk.ext.i18n import _
from sphinx_kamerstuk.ext.kamerbrief.directive import (
    colophon,
    correspondence_note,
    date_and_subject,
    draft_label,
    enclosures_label,
    kamerbrief_header,
    kamerbrief_signature,
    mede_namens_line,
    return_line,
    sender_blocks,
    signature_lines,
)
from sphinx_kamerstuk.ext.kamerbrief.logo import LATEX_TYPES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

    from sphinx_kamerstuk.core.records import Letter


# --- HTML ----------------------------------------------------------------------------


def html_visit_header(self: HTML5Translator, node: kamerbrief_header) -> None:
    letter: Letter = node['letter']
    enc = self.encode
    classes = 'kamerbrief-briefhoofd' + (' kamerbrief-concept' if letter.concept else '')
    out = [self.starttag(node, 'div', CLASS=classes)]
    if letter.concept:
        out.append(f'<p class="kamerbrief-conceptlabel">{enc(draft_label())}</p>')
    if letter.logo:
        src = f'{getattr(self.builder, "imgpath", "_images")}/{letter.logo}'
        alt = letter.ministerie or _('Logo')
        out.append(f'<p class="kamerbrief-logo"><img src="{enc(src)}" alt="{enc(alt)}" /></p>')
    elif letter.ministerie:
        out.append(f'<p class="kamerbrief-logo">{enc(letter.ministerie)}</p>')
    out.append('<div class="kamerbrief-kolommen"><div class="kamerbrief-adresvenster">')
    if letter.retouradres:
        out.append(f'<p class="kamerbrief-retouradres">{enc(return_line(letter))}</p>')
    out += [
        '<p class="kamerbrief-aan">' + '<br />'.join(enc(line) for line in address) + '</p>'
        for address in letter.aan
    ]
    out.append('</div><div class="kamerbrief-colofon">')
    if letter.ministerie:
        out.append(
            f'<p class="kamerbrief-ministerie"><strong>{enc(letter.ministerie)}</strong></p>'
        )
    if letter.directie:
        out.append(f'<p class="kamerbrief-directie">{enc(letter.directie)}</p>')
    for label, lines, url in sender_blocks(letter):
        shown = '<br />'.join(enc(line) for line in lines)
        if url:
            shown = f'<a class="reference external" href="{enc(url)}">{shown}</a>'
        if label:
            shown = f'<strong>{enc(label)}</strong><br />{shown}'
        out.append(f'<p class="kamerbrief-afzender">{shown}</p>')
    out.append('<dl>')
    for label, value, url in colophon(letter, self.config):
        shown = '<br />'.join(enc(line) for line in value.splitlines())
        if url:
            shown = f'<a class="reference external" href="{enc(url)}">{shown}</a>'
        out.append(f'<dt>{enc(label)}</dt><dd>{shown}</dd>')
    out.append('</dl>')
    if note := correspondence_note(letter):
        out.append(f'<p class="kamerbrief-correspondentie">{enc(note)}</p>')
    out.append('</div></div><dl class="kamerbrief-datum-betreft">')
    for label, value in date_and_subject(letter, self.config):
        out.append(f'<dt>{enc(label)}</dt><dd>{enc(value)}</dd>')
    out.append('</dl></div>\n')
    self.body.append(''.join(out))
    raise nodes.SkipNode


def html_visit_signature(self: HTML5Translator, node: kamerbrief_signature) -> None:
    letter: Letter = node['letter']
    enc = self.encode
    out = [self.starttag(node, 'div', CLASS='kamerbrief-ondertekening')]
    out.append('<div class="kamerbrief-ondertekenaars">')
    for signatory in letter.ondertekenaars:
        lines = signature_lines(signatory)
        out.append(
            '<p class="kamerbrief-ondertekenaar">'
            + ''.join(f'<span>{enc(line)}</span>' for line in lines)
            + '</p>'
        )
    out.append('</div>')
    if letter.mede_namens:
        out.append(f'<p class="kamerbrief-mede-namens">{enc(mede_namens_line(letter))}</p>')
    if letter.bijlagen_titels:
        out.append(f'<p class="rubric kamerbrief-bijlagen">{enc(enclosures_label())}</p><ul>')
        out.extend(f'<li>{enc(title)}</li>' for title in letter.bijlagen_titels)
        out.append('</ul>')
    out.append('</div>\n')
    self.body.append(''.join(out))
    raise nodes.SkipNode


# --- LaTeX ---------------------------------------------------------------------------
# The macros are defined in sphinxkamerstuk.sty; the layout lives there, not here.


def latex_visit_header(self: LaTeXTranslator, node: kamerbrief_header) -> None:
    letter: Letter = node['letter']
    enc = self.encode
    page = enc(_('Page %(page)s of %(pages)s')).replace('\\%(page)s', '#1')
    page = page.replace('\\%(pages)s', '#2')
    # Global: the page style reads them when a page is shipped out, also after the letter.
    out = [f'\n\\gdef\\kamerbriefpaginalabel#1#2{{{page}}}\n']
    out.append(f'\\gdef\\kamerbriefreferentie{{{latex_reference(self, letter)}}}\n')
    out.append('\\begin{sphinxkamerbriefhoofd}\n')
    if letter.concept:
        out.append(f'\\kamerbriefconcept{{{enc(draft_label())}}}\n')
    if letter.logo and Path(letter.logo).suffix in LATEX_TYPES:
        out.append(f'\\kamerbrieflogoafbeelding{{{letter.logo}}}\n')
    elif letter.ministerie:
        out.append(f'\\kamerbrieflogo{{{enc(letter.ministerie)}}}\n')
    out.append('\\begin{kamerbriefadresvenster}\n')
    if letter.retouradres:
        out.append(f'\\kamerbriefretouradres{{{enc(return_line(letter))}}}\n')
    out += [
        '\\kamerbriefaan{' + '\\\\\n'.join(enc(line) for line in address) + '}\n'
        for address in letter.aan
    ]
    out.append('\\end{kamerbriefadresvenster}\\hfill\n\\begin{kamerbriefcolofon}\n')
    if letter.ministerie:
        out.append(f'\\kamerbriefministerie{{{enc(letter.ministerie)}}}\n')
    if letter.directie:
        out.append(f'\\kamerbriefdirectie{{{enc(letter.directie)}}}\n')
    for label, lines, url in sender_blocks(letter):
        shown = '\\\\'.join(enc(line) for line in lines)
        if url:
            shown = f'\\sphinxhref{{{self.encode_uri(url)}}}{{{shown}}}'
        out.append(f'\\kamerbriefafzender{{{enc(label)}}}{{{shown}}}\n')
    for label, value, url in colophon(letter, self.config):
        shown = '\\\\'.join(enc(line) for line in value.splitlines())
        if url:
            shown = f'\\sphinxhref{{{self.encode_uri(url)}}}{{{shown}}}'
        out.append(f'\\kamerbriefveld{{{enc(label)}}}{{{shown}}}\n')
    if note := correspondence_note(letter):
        out.append(f'\\kamerbriefcorrespondentie{{{enc(note)}}}\n')
    out.append('\\end{kamerbriefcolofon}\n')
    (datum_label, datum), (betreft_label, betreft) = date_and_subject(letter, self.config)
    out.append(
        f'\\kamerbriefdatumbetreft{{{enc(datum_label)}}}{{{enc(datum)}}}'
        f'{{{enc(betreft_label)}}}{{{enc(betreft)}}}\n'
    )
    out.append('\\end{sphinxkamerbriefhoofd}\n')
    self.body.append(''.join(out))
    raise nodes.SkipNode


def latex_reference(self: LaTeXTranslator, letter: Letter) -> str:
    """Datum and Kenmerk as ``\\kamerbriefveld`` rows, for the later pages' column."""
    (datum_label, datum), _subject = date_and_subject(letter, self.config)
    rows = [(datum_label, datum)]
    if letter.kenmerk:
        rows.append((_('Our reference'), letter.kenmerk))
    enc = self.encode
    return ''.join(f'\\kamerbriefveld{{{enc(label)}}}{{{enc(value)}}}' for label, value in rows)


def latex_visit_signature(self: LaTeXTranslator, node: kamerbrief_signature) -> None:
    letter: Letter = node['letter']
    enc = self.encode
    out = ['\n\\begin{sphinxkamerbriefondertekening}\n']
    for signatory in letter.ondertekenaars:
        functie, naam = signatory_pair(signature_lines(signatory))
        out.append(f'\\kamerbriefondertekenaar{{{enc(functie)}}}{{{enc(naam)}}}\n')
    if letter.mede_namens:
        out.append(f'\\kamerbriefmedenamens{{{enc(mede_namens_line(letter))}}}\n')
    if letter.bijlagen_titels:
        items = ''.join(f'\\item {enc(title)}\n' for title in letter.bijlagen_titels)
        out.append(f'\\kamerbriefbijlagen{{{enc(enclosures_label())}}}{{{items}}}\n')
    out.append('\\end{sphinxkamerbriefondertekening}\n')
    self.body.append(''.join(out))
    raise nodes.SkipNode


def signatory_pair(lines: list[str]) -> tuple[str, str]:
    return (lines[0], lines[1]) if len(lines) == 2 else (lines[0] if lines else '', '')


# --- plain text ----------------------------------------------------------------------


def text_visit_header(self: TextTranslator, node: kamerbrief_header) -> None:
    letter: Letter = node['letter']
    lines = []
    if letter.concept:
        lines += [f'[{draft_label()}]', '']
    if letter.retouradres:
        lines.append(return_line(letter))
    for address in letter.aan:
        lines += [*address, '']
    lines += [line for line in (letter.ministerie, letter.directie) if line]
    for label, block, _url in sender_blocks(letter):
        lines += [f'{label}:', *(f'  {line}' for line in block)] if label else block
    for label, value, _url in colophon(letter, self.config):
        first, *more = value.splitlines()
        lines += [f'{label}: {first}', *(f'  {line}' for line in more)]
    if note := correspondence_note(letter):
        lines.append(note)
    rows = date_and_subject(letter, self.config)
    width = max(len(label) for label, _value in rows) + 2
    lines += ['', *(f'{label:<{width}}{value}' for label, value in rows)]
    _write_lines(self, lines)


def text_visit_signature(self: TextTranslator, node: kamerbrief_signature) -> None:
    letter: Letter = node['letter']
    lines: list[str] = []
    for signatory in letter.ondertekenaars:
        lines += [*signature_lines(signatory), '']
    if letter.mede_namens:
        lines += [mede_namens_line(letter), '']
    if letter.bijlagen_titels:
        lines += [f'{enclosures_label()}:', *(f'* {title}' for title in letter.bijlagen_titels)]
    _write_lines(self, lines)


def _write_lines(self: TextTranslator, lines: list[str]) -> None:
    self.new_state(0)
    self.add_text('\n'.join(lines).rstrip('\n'))
    self.end_state(wrap=False)
    raise nodes.SkipNode


def _children(self: nodes.NodeVisitor, node: nodes.Element) -> None:
    """Other builders write the plain children."""


def setup_writers(app: Sphinx) -> None:
    plain = (_children, _children)
    app.add_node(
        kamerbrief_header,
        html=(html_visit_header, None),
        latex=(latex_visit_header, None),
        text=(text_visit_header, None),
        man=plain,
        texinfo=plain,
    )
    app.add_node(
        kamerbrief_signature,
        html=(html_visit_signature, None),
        latex=(latex_visit_signature, None),
        text=(text_visit_signature, None),
        man=plain,
        texinfo=plain,
    )
