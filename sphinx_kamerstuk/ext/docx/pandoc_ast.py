"""A letter's doctree as pandoc's document tree (its JSON form), for pandoc to write as
Word: text stays text, so nothing a document holds is read as markup by pandoc.

Paragraphs, headings, lists, tables, emphasis, links, literals and footnotes (as real
Word footnotes) are carried over; the letterhead and the signature are written from the
letter's metadata in named paragraph styles ("Kamerbrief Adres", …) that a ministry's
template can give its own look. Anything else is written as its text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from sphinx_kamerstuk.ext.i18n import _
from sphinx_kamerstuk.ext.kamerbrief.directive import (
    colophon,
    date_and_subject,
    enclosures_label,
    kamerbrief_header,
    kamerbrief_signature,
    mede_namens_line,
    sender_blocks,
    signature_lines,
)

if TYPE_CHECKING:
    from sphinx.config import Config

    from sphinx_kamerstuk.core.records import Letter

Json = dict[str, Any]
_NO_ATTR: list[Any] = ['', [], []]
_WORDS = re.compile(r'\S+|\s+')
#: What a letter's page shows on the web and the letter itself does not hold.
_WEB_ONLY = frozenset({'kamerstuk-brief-toezeggingen'})


def styled(style: str, blocks: list[Json]) -> Json:
    return {'t': 'Div', 'c': [['', [], [['custom-style', style]]], blocks]}


def inlines(text: str) -> list[Json]:
    """Text as pandoc's words and spaces."""
    return [
        {'t': 'Space'} if part.isspace() else {'t': 'Str', 'c': part}
        for part in _WORDS.findall(' '.join(text.split(' ')).replace('\n', ' '))
    ]


def para(text: str) -> Json:
    return {'t': 'Para', 'c': inlines(text)}


def letterhead(letter: Letter, config: Config) -> list[Json]:
    blocks = []
    top = [line for line in (letter.ministerie, letter.directie) if line]
    if top:
        blocks.append(styled('Kamerbrief Afzender', [para(line) for line in top]))
    if letter.retouradres:
        blocks.append(
            styled('Kamerbrief Retouradres', [para(_('Return address') + ' ' + letter.retouradres)])
        )
    blocks += [
        styled('Kamerbrief Adres', [para(line) for line in address]) for address in letter.aan
    ]
    lines = []
    for label, block, _url in sender_blocks(letter):
        lines += [label, *block] if label else list(block)
    for label, value, _url in colophon(letter, config):
        first, *more = value.splitlines() or ['']
        lines += [f'{label} {first}', *more]
    if lines:
        blocks.append(styled('Kamerbrief Colofon', [para(line) for line in lines]))
    rows = [f'{label} {value}' for label, value in date_and_subject(letter, config) if value]
    blocks.append(styled('Kamerbrief Kop', [para(row) for row in rows]))
    return blocks


def signature(letter: Letter) -> list[Json]:
    blocks = []
    for signatory in letter.ondertekenaars:
        *office, name = signature_lines(signatory) or ['']
        blocks += [styled('Kamerbrief Functie', [para(line) for line in office]), para(name)]
    if letter.mede_namens:
        blocks.append(para(mede_namens_line(letter)))
    if letter.bijlagen_titels:
        blocks.append(para(enclosures_label()))
        blocks += [para(title) for title in letter.bijlagen_titels]
    return [styled('Kamerbrief Ondertekening', blocks)] if blocks else []


class PandocTree(nodes.GenericNodeVisitor):
    """Walks a resolved doctree and builds the blocks; the document's own title is the
    letter's Betreft and is left out, lower sections become headings."""

    def __init__(self, document: nodes.document, config: Config) -> None:
        super().__init__(document)
        self.config = config
        self.blocks: list[Json] = []
        self.footnotes = {
            name: footnote
            for footnote in document.findall(nodes.footnote)
            for name in footnote['ids']
        }

    # Everything is written by the functions below, which walk their own children.
    def default_visit(self, node: nodes.Node) -> None:
        self.blocks += self.block(node)
        raise nodes.SkipNode

    def block(self, node: nodes.Node) -> list[Json]:
        """The blocks for one node and what it holds."""
        if isinstance(node, kamerbrief_header):
            return letterhead(node['letter'], self.config)
        if isinstance(node, kamerbrief_signature):
            return signature(node['letter']) if 'letter' in node else []
        if isinstance(node, nodes.Element) and _WEB_ONLY & set(node['classes']):
            return []
        if isinstance(
            node,
            (
                nodes.footnote,
                nodes.comment,
                nodes.target,
                nodes.raw,
                nodes.system_message,
                nodes.substitution_definition,
            ),
        ):
            return []
        if isinstance(node, nodes.title):
            depth = _depth(node)
            return (
                []
                if depth <= 1
                else [{'t': 'Header', 'c': [depth - 1, _NO_ATTR, self.inline(node)]}]
            )
        if isinstance(node, (nodes.paragraph, nodes.line, nodes.rubric)):
            content = self.inline(node)
            return [{'t': 'Para', 'c': content}] if content else []
        if isinstance(node, nodes.bullet_list):
            return [{'t': 'BulletList', 'c': [self.children(item) for item in node.children]}]
        if isinstance(node, nodes.enumerated_list):
            style = {'t': 'Decimal'}
            return [
                {
                    't': 'OrderedList',
                    'c': [
                        [node.get('start', 1), style, {'t': 'Period'}],
                        [self.children(item) for item in node.children],
                    ],
                }
            ]
        if isinstance(node, nodes.literal_block):
            return [{'t': 'CodeBlock', 'c': [_NO_ATTR, node.astext()]}]
        if isinstance(node, nodes.block_quote):
            return [{'t': 'BlockQuote', 'c': self.children(node)}]
        if isinstance(node, nodes.table):
            return [self.table(node)]
        if isinstance(node, nodes.Text):
            return [para(node.astext())] if node.astext().strip() else []
        if isinstance(node, nodes.TextElement):
            content = self.inline(node)
            return [{'t': 'Para', 'c': content}] if content else []
        if isinstance(node, nodes.Element):
            return self.children(node)
        return []

    def children(self, node: nodes.Node) -> list[Json]:
        return (
            [block for child in node.children for block in self.block(child)]
            if isinstance(node, nodes.Element)
            else []
        )

    def inline(self, node: nodes.Element) -> list[Json]:
        out: list[Json] = []
        for child in node.children:
            if isinstance(child, nodes.Text):
                out += inlines(child.astext())
            elif isinstance(child, nodes.footnote_reference):
                footnote = self.footnotes.get(child.get('refid', ''))
                if footnote is not None:
                    body = [
                        b
                        for c in footnote.children
                        if not isinstance(c, nodes.label)
                        for b in self.block(c)
                    ]
                    out.append({'t': 'Note', 'c': body})
            elif isinstance(child, nodes.emphasis):
                out.append({'t': 'Emph', 'c': self.inline(child)})
            elif isinstance(child, nodes.strong):
                out.append({'t': 'Strong', 'c': self.inline(child)})
            elif isinstance(child, nodes.literal):
                out.append({'t': 'Code', 'c': [_NO_ATTR, child.astext()]})
            elif isinstance(child, nodes.reference) and child.get('refuri', '').startswith(
                ('http://', 'https://', 'mailto:')
            ):
                out.append(
                    {'t': 'Link', 'c': [_NO_ATTR, self.inline(child), [child['refuri'], '']]}
                )
            elif isinstance(child, (nodes.target, nodes.comment, nodes.raw, nodes.system_message)):
                continue
            elif isinstance(child, nodes.Element):
                out += self.inline(child)
        return out

    def table(self, node: nodes.table) -> Json:
        rows = [[self.children(entry) for entry in row.children] for row in node.findall(nodes.row)]
        columns = max((len(row) for row in rows), default=0)
        head_rows = sum(len(list(head.findall(nodes.row))) for head in node.findall(nodes.thead))

        def row_json(cells: list[list[Json]]) -> list[Any]:
            padded = cells + [[]] * (columns - len(cells))
            return [_NO_ATTR, [[_NO_ATTR, {'t': 'AlignDefault'}, 1, 1, cell] for cell in padded]]

        return {
            't': 'Table',
            'c': [
                _NO_ATTR,
                [None, []],
                [[{'t': 'AlignDefault'}, {'t': 'ColWidthDefault'}]] * columns,
                [_NO_ATTR, [row_json(r) for r in rows[:head_rows]]],
                [[_NO_ATTR, 0, [], [row_json(r) for r in rows[head_rows:]]]],
                [_NO_ATTR, []],
            ],
        }


def _depth(title: nodes.title) -> int:
    depth, parent = 0, title.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return depth
