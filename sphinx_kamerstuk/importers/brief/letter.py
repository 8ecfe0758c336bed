"""Which blocks of a read letter are its metadata: the addressee, the labelled lines of
the letterhead (Datum, Betreft, kenmerken, bijlagen), the signature and "mede namens";
the rest is the body. What cannot be placed is kept, with the reason, never dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sphinx_kamerstuk.core.dutch import parse_date
from sphinx_kamerstuk.core.i18n import _
from sphinx_kamerstuk.importers.brief.document import Block, Read, plain

#: The letterhead's labels, Dutch as the Rijkshuisstijl prints them, and English as a
#: letter built in English prints them; each to the ``kamerbrief`` option it fills.
_LABELS = {
    'datum': 'datum',
    'date': 'datum',
    'betreft': 'betreft',
    'onderwerp': 'betreft',
    'subject': 'betreft',
    'ons kenmerk': 'kenmerk',
    'kenmerk': 'kenmerk',
    'our reference': 'kenmerk',
    'uw kenmerk': 'uw-kenmerk',
    'your reference': 'uw-kenmerk',
    'bijlage': 'bijlagen',
    'bijlagen': 'bijlagen',
    'bijlage(n)': 'bijlagen',
    'enclosures': 'bijlagen',
    'contactpersoon': 'contactpersoon',
    'contact': 'contactpersoon',
    'retouradres': 'retouradres',
    'kamerstuk': 'kamerstuk',
    'return address': 'retouradres',
}
_LABEL = re.compile(
    r'(?P<label>'
    + '|'.join(re.escape(label) for label in sorted(_LABELS, key=len, reverse=True))
    + r')(?:\s*:\s*|\t+\s*|\s+|$)(?P<value>.*)',
    re.IGNORECASE,
)
_CHAMBER = re.compile(
    r'(?:aan\s+)?de\s+voorzitter\s+van\s+de\s+(?P<kamer>tweede|eerste)\s+kamer', re.IGNORECASE
)
#: The rest of a chamber's printed address: der Staten-Generaal, Postbus, postcode, street.
_ADDRESS_LINE = re.compile(
    r'(?:der\s+staten-generaal|postbus\s+\d+|\d{4}\s?[A-Z]{2}\s+\S.*|'
    r'(?:binnenhof|kazernestraat|lange\s+poten)\s+\d+\w*)\s*',
    re.IGNORECASE,
)
_MINISTRY = re.compile(r'(?:ministerie\s+van|ministry\s+of)\s+\S.*', re.IGNORECASE)
_DIRECTIE = re.compile(r'(?:directie|directoraat-generaal|dienst)\s+\S.*', re.IGNORECASE)
_SALUTATION = re.compile(r'(?:geachte|hooggeachte|dear)\b', re.IGNORECASE)
#: The office a signatory signs in: De minister van …, De staatssecretaris voor …
_OFFICE = re.compile(
    r'(?:de\s+|het\s+)?(?:minister-president|minister|staatssecretaris|bewindspersoon|'
    r'the\s+minister|minister\s+of)\b[^.;]*',
    re.IGNORECASE,
)
#: A signatory's name: initials and a surname, short, without closing punctuation.
_NAME = re.compile(
    r'(?:(?:dr|mr|drs|ir|prof)\.\s*)*(?:[A-Z][a-z]?\.\s?)*[A-Z\u00c0-\u00de][^,;:]{1,60}'
)
#: "mede namens" and the office, whose name may hold commas: "de minister van
#: Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer".
_MEDE_NAMENS = re.compile(
    r'(?i:mede\s+namens)\s+(?P<who>(?i:de|het)\s+(?i:minister-president|minister|staatssecretaris)'
    r'(?:\s+(?:van|voor)\s+[A-Z\u00c0-\u00de][\w-]*(?:(?:,\s+|\s+(?:en\s+)?)'
    r'[A-Z\u00c0-\u00de][\w-]*)*)?)',
)


@dataclass
class Placed:
    """The letter in parts: the options of its ``kamerbrief``, the body, what follows the
    signature, and the lines kept aside with the reason."""

    betreft: str = ''
    options: dict[str, list[str]] = field(default_factory=dict)
    body: list[Block] = field(default_factory=list)
    after_signature: list[Block] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)

    def add(self, option: str, value: str) -> None:
        self.options.setdefault(option, []).append(value)


def place(read: Read) -> Placed:
    placed = Placed()
    blocks = read.blocks
    start = _body_start(blocks)
    _letterhead(blocks[:start], placed)
    end, signature_end = _signature(blocks, start, placed)
    placed.body = blocks[start:end]
    placed.after_signature = blocks[signature_end:]
    if 'mede-namens' not in placed.options:
        for block in placed.body:
            for match in _MEDE_NAMENS.finditer(block.text):
                who = ' '.join(match['who'].split())
                if who not in placed.options.get('mede-namens', []):
                    placed.add('mede-namens', who)
    return placed


def _body_start(blocks: list[Block]) -> int:
    """Where the body starts: at the salutation, else after the letterhead's last
    labelled line or addressee, else at the top."""
    for index, block in enumerate(blocks[:40]):
        if block.kind == 'paragraph' and _SALUTATION.match(block.text.strip()):
            return index
    last = 0
    for index, block in enumerate(blocks[:40]):
        if any(_header_line(line) for line in _lines(block)):
            last = index + 1
    return last


def _header_line(line: str) -> bool:
    return bool(_LABEL.fullmatch(line) or _CHAMBER.match(line) or _MINISTRY.fullmatch(line))


def _lines(block: Block) -> list[str]:
    """A letterhead block's lines: a table row is ``label value``, a paragraph may hold
    soft line breaks."""
    if block.kind == 'table':
        return [
            ' '.join(' '.join(plain(cell).split()) for cell in row).strip() for row in block.rows
        ]
    return [' '.join(line.split()) for line in block.text.split('\n') if line.strip()]


def _letterhead(blocks: list[Block], placed: Placed) -> None:
    lines = [line for block in blocks for line in _lines(block)]
    address: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        label = _LABEL.fullmatch(line)
        if label:
            value = label['value'].strip()
            if not value and index < len(lines) and not _header_line(lines[index]):
                value, index = lines[index], index + 1  # the label on a line of its own
            _labelled(_LABELS[label['label'].lower()], value, line, placed)
        elif chamber := _CHAMBER.match(line):
            placed.add('aan', 'tk' if chamber['kamer'].lower() == 'tweede' else 'ek')
            while index < len(lines) and _ADDRESS_LINE.fullmatch(lines[index]):
                index += 1  # the chamber's own address, which the letter prints itself
        elif _MINISTRY.fullmatch(line) and 'ministerie' not in placed.options:
            placed.add('ministerie', line)
        elif _DIRECTIE.fullmatch(line) and 'directie' not in placed.options:
            placed.add('directie', line)
        elif line.lower().startswith('aan ') and 'aan' not in placed.options:
            address = [line[4:].strip()]
            while index < len(lines) and not _header_line(lines[index]):
                address.append(lines[index])
                index += 1
            if len(address) > 1:
                placed.options['aan'] = ['\n'.join(address)]
            else:
                placed.unplaced.append((line, _('an addressee of one line, without an address')))
        else:
            placed.unplaced.append((line, _('a letterhead line the importer does not know')))


def _labelled(option: str, value: str, line: str, placed: Placed) -> None:
    if not value:
        placed.unplaced.append((line, _('a label without a value')))
    elif option == 'betreft':
        placed.betreft = value
    elif option == 'datum':
        datum = parse_date(value)
        if datum is None:
            placed.unplaced.append((line, _('a date that cannot be read as a day')))
        else:
            placed.add('datum', datum.isoformat())
    elif option == 'bijlagen':
        if value.lower() not in ('-', 'geen', 'none', '0'):
            placed.add('bijlagen', value)
    elif option in placed.options and option not in ('contactpersoon', 'kamerstuk'):
        placed.unplaced.append((line, _('a second %s') % option))
    else:
        placed.add(option, value)


def _signature(blocks: list[Block], start: int, placed: Placed) -> tuple[int, int]:
    """Where the body ends and the signature block ends: the last office line (``De
    minister van …,``, perhaps over two lines) near the end with a name after it; the
    signatories and "mede namens" lines go into the options."""
    candidates = [
        index
        for index in range(max(start, len(blocks) - 16), len(blocks))
        if blocks[index].kind == 'paragraph' and _OFFICE.fullmatch(blocks[index].text.strip())
    ]
    first = None
    index = 0
    for candidate in candidates:
        if first is not None and candidate < index:
            continue
        signed = _signatory(blocks, candidate)
        if signed is None:
            continue
        office, name, index = signed
        if first is None:
            first = candidate
        placed.add('ondertekenaar', f'{office} {name}')
        while index < len(blocks) and blocks[index].kind == 'paragraph':
            match = _MEDE_NAMENS.fullmatch(blocks[index].text.strip().rstrip('.,'))
            if not match:
                break
            placed.add('mede-namens', ' '.join(match['who'].split()))
            index += 1
        index = _enclosures(blocks, index, placed)
    if first is None:
        return len(blocks), len(blocks)
    return first, index


#: The enclosures' label under the signature, then their titles: short, no full stop.
_ENCLOSURES = re.compile(r'(?:bijlage(?:\(n\)|n)?|enclosures)\s*:?', re.IGNORECASE)
_TITLE = re.compile(r'[^\n]{1,120}(?<![.!?])')


def _enclosures(blocks: list[Block], index: int, placed: Placed) -> int:
    """The enclosure titles listed under the signature, which replace a count."""
    if index >= len(blocks) or not _ENCLOSURES.fullmatch(blocks[index].text.strip()):
        return index
    end = index + 1
    while end < len(blocks) and _TITLE.fullmatch(blocks[end].text.strip()):
        end += 1
    if end == index + 1:
        return index
    placed.options['bijlagen'] = [
        '\n'.join(block.text.strip() for block in blocks[index + 1 : end])
    ]
    return end


def _signatory(blocks: list[Block], index: int) -> tuple[str, str, int] | None:
    """The office (ending in a comma), the name and the index after them, if a name
    follows the office line (which may run on to the next line)."""
    office = ' '.join(blocks[index].text.split())
    index += 1
    while not office.endswith(',') and index < len(blocks):
        more = ' '.join(blocks[index].text.split())
        if not more or not (more[0].islower() or more.startswith('en ')):
            break
        office += ' ' + more
        index += 1
    if not office.endswith(',') or index >= len(blocks):
        return None
    name = ' '.join(blocks[index].text.split())
    if blocks[index].kind != 'paragraph' or not _NAME.fullmatch(name) or name.endswith(','):
        return None
    return office, name, index + 1
