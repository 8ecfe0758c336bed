"""Sentences in which the sender commits to something towards the Kamer: the toezeggingen
a letter makes without anybody registering them.

Rules, not a model: Dutch commitment phrasing (``zeg toe``, ``zal … informeren``, ``kom …
terug``, ``streef ernaar … te komen``, ``ontvangt u``, ``zult u … geïnformeerd worden``)
against what looks like it and is not (reports of the past, a motie's ``verzoekt de
regering``, questions, what others promise, conditions). Measured on the labelled real
sentences of ``tests/data/toezegging-zinnen.tsv``.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from sphinx_kamerstuk.core.termijnen import Rules, TermijnError, deadline

_RULES = Rules()


class Commitment(NamedTuple):
    """One sentence that commits; offsets into the text searched, the termijn as written
    (empty when the sentence names none) and the day the termijn rules give it."""

    start: int
    end: int
    sentence: str
    termijn: str
    deadline: datetime.date | None


_FLAGS = re.IGNORECASE
#: The sender, in the first person or as the cabinet.
_SENDER = r'(?:ik|wij|we|het\s+kabinet|de\s+regering|het\s+ministerie)'
_KAMER = r'(?:u|uw\s+kamer|de\s+(?:tweede\s+|eerste\s+)?kamer|de\s+commissie)'
#: Doing something towards the Kamer: informing, sending, reporting, coming with.
_ACT = (
    r'(?:informeren|inlichten|op\s+de\s+hoogte\s+(?:stellen|houden|brengen)|'
    r'(?:toe)?(?:sturen|zenden)|doen\s+toekomen|rapporteren|berichten|terugkomen|'
    r'terug\s+(?:komen|te\s+komen)|aanbieden|voorleggen|indienen|presenteren|'
    r'komen\s+met|met\s+\w+(?:\s+\w+){0,6}\s+komen|melden|toelichten|'
    r'(?:nader|verder)\s+ingaan|ingaan|schetsen|uiteenzetten|delen|'
    r'aan\s+te\s+bieden|toe\s+te\s+(?:sturen|zenden)|voor\s+te\s+leggen|in\s+te\s+dienen|'
    r'na(?:sturen|zenden)|beantwoorden|reageren)'
)
_WORK = (
    r'(?:brief|voorstel|wetsvoorstel|evaluatie|rapportage|voortgangsrapportage|reactie|'
    r'kabinetsreactie|appreciatie|notitie|plan|actieplan|visie|verslag|overzicht|'
    r'onderzoek|uitwerking|nota|beleidsreactie|stand\s+van\s+zaken|update)'
)
_POSITIVE = tuple(
    re.compile(pattern, _FLAGS)
    for pattern in (
        # ik zeg (u) toe, zeg ik toe, ik kan toezeggen, ik wil toezeggen
        (
            r'\b(?:ik|wij|we)\s+(?:zeg(?:gen)?|kan|kunnen|wil|willen)\b(?:\s+\S+){0,6}?\s+'
            r'toe(?:zeggen)?\b'
        ),
        r'\bzeg(?:gen)?\s+(?:ik|wij|we)\b(?:\s+\S+){0,6}?\s+toe\b',
        # ik zal / het kabinet zal ... informeren, die we uw Kamer zullen toezenden
        rf'\b{_SENDER}\b.{{0,80}}?\b(?:zal|zullen)\b.{{0,160}}?\b{_ACT}\b',
        rf'\b(?:zal|zullen)\s+{_SENDER}\b.{{0,160}}?\b{_ACT}\b',
        # kom ik terug, ik kom ... terug, komen wij ... terug
        r'\b(?:kom|komen)\s+(?:ik|wij|we)\b.{0,120}?\bterug\b',
        r'\b(?:ik|wij|we)\s+(?:kom|komen)\b.{0,120}?\bterug\b',
        # informeer ik, stuur ik, ik informeer (the present for the future)
        (
            r'\b(?:informeer|stuur|zend|bericht|rapporteer|houd|verstuur)\s+(?:ik|wij|we)\s+'
            rf'{_KAMER}\b'
        ),
        (
            r'\b(?:informeren|sturen|zenden|berichten|rapporteren|houden)\s+(?:wij|we)\s+'
            rf'{_KAMER}\b'
        ),
        rf'\b(?:ik|wij|we)\s+(?:informeer|informeren|stuur|sturen|houd|houden)\s+{_KAMER}\b',
        # het kabinet streeft ernaar ... met een voorstel te komen / uw Kamer te informeren
        rf'\bstreef(?:t|den|de)?\b.{{0,40}}?\ber\s*naar\b.{{0,160}}?\b(?:te\s+)?{_ACT}',
        rf'\b(?:ik|wij|we|het\s+kabinet)\s+(?:streef|streeft|streven)\s+er\s*naar\b.{{0,160}}?\b(?:te\s+)?{_ACT}',
        r'\bstreef(?:t|den|de)?\b.{0,40}?\ber\s*naar\b.{0,160}?\bmet\b.{0,80}?\bte\s+komen\b',
        # ik ben voornemens / ben van plan ... te informeren
        (
            r'\b(?:(?:ik|wij|we|het\s+kabinet)\s+(?:ben|zijn|is)|(?:ben|zijn|is)\s+(?:ik|wij|we|'
            r'het\s+kabinet))\s+(?:voornemens|van\s+plan)\b'
            rf'.{{0,120}}?\b(?:te\s+(?:kunnen\s+)?)?{_ACT}'
        ),
        # zal ik ... meenemen in de kabinetsreactie, uitwerken in een notitie
        (
            rf'\b(?:{_SENDER}\b.{{0,40}}?\b(?:zal|zullen)|(?:zal|zullen)\s+{_SENDER})\b.{{0,160}}?'
            rf'\b(?:in|met|bij)\s+(?:een|de|het)\s+(?:\w+\s+){{0,2}}{_WORK}\b'
        ),
        # u ontvangt, ontvangt u, de Kamer ontvangt, uw Kamer zal ... ontvangen
        rf'\b(?:ontvangt|ontvangen)\s+{_KAMER}\b',
        rf'\b{_KAMER}\s+(?:ontvangt|ontvangen)\b',
        rf'\b{_KAMER}\s+(?:zal|zult|blijft|blijven)\b.{{0,160}}?\bontvangen\b',
        rf'\b(?:krijgt|krijgen)\s+{_KAMER}\b',
        rf'\b{_KAMER}\s+(?:kunt|kan|mag|mogen)\b.{{0,100}}?\b(?:verwachten|tegemoet\s+zien)\b',
        # zult u ... geïnformeerd worden, wordt uw Kamer geïnformeerd
        (
            rf'\b(?:zult|zal|zullen|wordt|worden)\s+{_KAMER}\b.{{0,120}}?\b(?:geïnformeerd|ingelicht|'
            r'bericht|toegezonden|toegestuurd|nagezonden|aangeboden|'
            r'op\s+de\s+hoogte\s+(?:gesteld|gehouden|gebracht))\b'
        ),
        (
            rf'\b{_KAMER}\s+(?:zult|zal|wordt|worden)\b.{{0,120}}?\b(?:geïnformeerd|ingelicht|'
            r'bericht|toegezonden|toegestuurd|op\s+de\s+hoogte\s+(?:gesteld|gehouden|gebracht))\b'
        ),
        # zal / wordt ... aan uw Kamer gestuurd
        (
            rf'\b(?:zal|zullen|wordt|worden)\b.{{0,100}}?\b(?:aan|naar|met)\s+{_KAMER}\b.{{0,60}}?'
            r'\b(?:gestuurd|gezonden|verzonden|toegezonden|aangeboden|voorgelegd|gedeeld)\b'
        ),
        # u blijft ... ontvangen, blijft u ... ontvangen
        rf'\b(?:blijft|blijven)\s+{_KAMER}\b.{{0,100}}?\bontvangen\b',
        # the answer to Kamervragen put off: de beantwoording zal plaatsvinden omstreeks ...
        r'\bbeantwoording\b.{0,80}?\b(?:zal|zullen)\b.{0,80}?\b(?:plaats(?:hebben|vinden)|volgen)\b',
        # kunt u ... tegemoet zien, zullen uw Kamer ... bereiken
        rf'\b(?:kunt|kan)\s+{_KAMER}\b.{{0,80}}?\btegemoet\s+zien\b',
        rf'\b{_KAMER}\s+(?:kunt|kan)\b.{{0,80}}?\btegemoet\s+zien\b',
        rf'\b(?:zal|zullen)\s+{_KAMER}\b.{{0,80}}?\bbereiken\b',
        # gaat uw Kamer ... toe, die u ... zal toegaan
        rf'\b(?:gaat|gaan|zal|zullen)\s+{_KAMER}\b.{{0,80}}?\btoe\b',
        rf'\b{_KAMER}\b.{{0,80}}?\b(?:zal|zullen)\s+toegaan\b',
        # het kabinet komt met, kom ik voor de zomer met een brief
        (
            rf'\b(?:kom|komt|komen)\s+{_SENDER}\b.{{0,80}}?\bmet\s+(?:een|de|het)\b'
            rf'(?:\s+\w+){{0,3}}\s+{_WORK}'
        ),
        (
            rf'\b{_SENDER}\s+(?:kom|komt|komen)\b.{{0,80}}?\bmet\s+(?:een|de|het)\b'
            rf'(?:\s+\w+){{0,3}}\s+{_WORK}'
        ),
    )
)
#: Expecting or thinking to inform: a commitment only when said to the Kamer.
_EXPECT = tuple(
    re.compile(pattern, _FLAGS)
    for pattern in (
        (
            r'\b(?:(?:ik|wij|we|het\s+kabinet)\s+(?:verwacht|verwachten|denk|denken)|'
            r'(?:verwacht|verwachten|denk|denken)\s+(?:ik|wij|we|het\s+kabinet))\b'
            rf'.{{0,160}}?\b(?:te\s+(?:kunnen\s+)?)?{_ACT}'
        ),
        rf'\bverwacht(?:en)?\s+dat\s+{_SENDER}\b.{{0,120}}?\b(?:kan|kunnen|zal|zullen)\s+{_ACT}',
        rf'\bverwacht(?:en)?\s+dat\s+{_SENDER}\b.{{0,120}}?\b{_ACT}\s+(?:kan|kunnen|zal|zullen)\b',
    )
)
_TO_KAMER = re.compile(rf'\b{_KAMER}\b', _FLAGS)
#: What makes a sentence with such phrasing no new commitment.
_NEGATIVE = tuple(
    re.compile(pattern, _FLAGS)
    for pattern in (
        # a motie
        r'\b(?:verzoekt|roept)\s+de\s+regering\b',
        r'\b(?:spreekt\s+uit|overwegende|constaterende|van\s+mening\s+dat)\b',
        # a condition or a hypothesis
        r'^\s*(?:indien|mocht|mochten|als|tenzij|mits|zou|zouden)\b',
        r'[,(]\s*(?:indien|mocht|mochten|tenzij|mits)\b',
        r'\b(?:indien|als|waar|zo)\s+(?:dat|dit|het)?\s*(?:nodig|wenselijk|gewenst|mogelijk)\b',
        r'\b(?:indien|als|wanneer)\s+(?:de|uw)\s+kamer\b',
        r'\bzou(?:den)?\b.{0,60}?\b(?:kunnen|willen)\b',
        r'\b(?:bereid|bezien\s+of|overwegen\s+of)\b.{0,40}?\bte\s+(?:bezien|kijken|overwegen)\b',
        # a refusal, or being informed oneself
        r'\b(?:zal|zullen|kan|kunnen)\b(?:\s+\S+){0,4}?\s+niet\b',
        r'\blaten\s+informeren\b|\bproberen\b',
        # a future reported, not promised: "heb ik aangegeven het u te zullen sturen"
        r'\bte\s+zullen\b',
        # a promise reported, not made: "heb ik toegezegd u ... te zullen sturen"
        (
            r'\b(?:heb|hebben|heeft|had|hadden|is|zijn|was|werd)\b(?:\s+\S+){0,16}?\s+'
            r'(?:toegezegd|aangegeven|aangekondigd|gemeld|laten\s+weten)\s+(?:dat|om|te|u|uw)\b'
        ),
    )
)
#: The letter itself, here and now: what it does is no promise, unless it also promises.
_HERE_AND_NOW = re.compile(
    r'\b(?:hierbij|bij\s+deze|bijgaand|bijgevoegd|hieronder|hierna|onderstaand|'
    r'langs\s+deze\s+weg|nu|thans|vandaag|sinds|'
    r'(?:in|met|middels|via|bij)\s+(?:deze|dit|onderhavige|onderhavig|bijgaande?)\s+'
    r'(?:brief|verslag|nota|notitie|rapportage|overzicht))\b',
    _FLAGS,
)
#: Reports of the past: what was promised or done earlier.
_PAST = re.compile(
    r'\b(?:heb|hebben|heeft|had|hadden|is|zijn|was|waren|werd|werden)\b'
    r'(?:\s+\S+){0,6}?\s+(?:geïnformeerd|toegezegd|gestuurd|toegestuurd|verzonden|'
    r'gemeld|bericht|ingelicht|aangekondigd|teruggekomen|toegezonden|aangeboden|gedeeld)\b'
    r'|\b(?:informeerde|informeerden|stuurde|stuurden|zegde|zegden|meldde|meldden|'
    r'berichtte|kondigde)\b',
    _FLAGS,
)
#: The future, which outweighs a mention of the past in the same sentence.
_FUTURE = re.compile(
    r'(?<!\bte\s)\b(?:zal|zullen|zult)\b|\b(?:kom\s+ik|komen\s+wij|nader|nog|later|streef\w*|'
    r'zo\s+spoedig\s+mogelijk|binnenkort|op\s+korte\s+termijn)\b'
    rf'|\b(?:ontvangt|ontvangen|wordt|worden)\s+{_KAMER}\b',
    _FLAGS,
)
#: What still lies ahead even in a sentence about the letter itself ("en nog zal informeren").
_STILL_AHEAD = re.compile(r'\b(?:nog|nader|later|binnenkort|te\s+zijner\s+tijd)\b', _FLAGS)

# --- sentences ----------------------------------------------------------------------------

#: Words whose period ends no sentence: Dutch abbreviations letters use.
_ABBREVIATIONS = frozenset(
    [
        'nr',
        'nrs',
        'jl',
        'jl',
        'bijv',
        'bv',
        'o.a',
        'e.d',
        'enz',
        'etc',
        'mw',
        'dhr',
        'drs',
        'dr',
        'mr',
        'ir',
        'prof',
        'art',
        'lid',
        'blz',
        'p',
        'pp',
        'vgl',
        'zgn',
        'd.w.z',
        'i.v.m',
        'm.b.t',
        't.a.v',
        't.b.v',
        'i.p.v',
        'c.q',
        'o.m',
        'm.n',
        'z.s.m',
        'resp',
        'kst',
        'stb',
        'stcrt',
        'hand',
        'aanh',
        'red',
        'min',
        'st',
        'ca',
        'mln',
        'mld',
        'mrd',
    ]
)
#: A sentence's end: its mark, closing quotes, and a footnote mark as reST, MyST or a text
#: export writes it after the period.
_END = re.compile(
    r'[.!?]+["”’)]*(?:\\ ?\[[^\]\s]*\]_|\[\^[^\]\s]+\]|\[footnoteRef:\d+\])?'
    r'(?:(?=\s+["“‘(]?[A-Z0-9\u00c0-\u00de])|\s*$)'
)


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences of ``text``: ended by ``.``, ``!`` or ``?`` before a
    capital, not after an abbreviation, an initial or a number's ``nr.``."""
    spans = []
    start = 0
    for end in _END.finditer(text):
        word = re.search(r'(\S+)\Z', text[start : end.start()])
        token = word[1].lower().strip('(') if word else ''
        if end[0].startswith('.') and (
            token.rstrip('.') in _ABBREVIATIONS
            or re.fullmatch(r'(?:[a-z]\.)*[a-z]', token)  # S.W. Sjoerdsma, a. b.
        ):
            continue
        spans.append((start, end.end()))
        start = end.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [
        (begin + len(text[begin:stop]) - len(text[begin:stop].lstrip()), stop)
        for begin, stop in spans
        if text[begin:stop].strip()
    ]


# --- the rules ------------------------------------------------------------------------------


def commits(sentence: str) -> bool:
    """Whether the sentence commits the sender to something towards the Kamer."""
    flat = ' '.join(sentence.split())
    if flat.rstrip('"”’) ').endswith(('?', '!')):  # a question; a letter never exclaims
        return False
    if not any(pattern.search(flat) for pattern in _POSITIVE) and not (
        _TO_KAMER.search(flat) and any(pattern.search(flat) for pattern in _EXPECT)
    ):
        return False
    if any(pattern.search(flat) for pattern in _NEGATIVE):
        return False
    if _HERE_AND_NOW.search(flat):
        return bool(_STILL_AHEAD.search(flat))
    return not _PAST.search(flat) or bool(_FUTURE.search(flat))


def find_commitments(
    text: str, *, made_on: datetime.date | None = None, rules: Rules = _RULES
) -> list[Commitment]:
    """Every sentence of ``text`` that commits, with its termijn."""
    found = []
    for start, end in sentences(text):
        sentence = text[start:end]
        if commits(sentence):
            termijn, day = find_termijn(sentence, made_on=made_on, rules=rules)
            found.append(Commitment(start, end, sentence, termijn, day))
    return found


# --- the termijn ----------------------------------------------------------------------------

_WORD = re.compile(r'[\w/-]+', re.UNICODE)
#: Words a termijn starts with; a bare year or month is only a termijn after one of these.
_TERMIJN_START = frozenset(
    [
        'voor',
        'vóór',
        'uiterlijk',
        'in',
        'op',
        'eind',
        'einde',
        'begin',
        'medio',
        'half',
        'na',
        'dit',
        'komend',
        'volgend',
        'het',
        'de',
        'q1',
        'q2',
        'q3',
        'q4',
    ]
)


def find_termijn(
    sentence: str, *, made_on: datetime.date | None, rules: Rules = _RULES
) -> tuple[str, datetime.date | None]:
    """The longest phrase in the sentence that the termijn rules read, and its day; without
    the letter's date a termijn without a year has none."""
    words = list(_WORD.finditer(sentence))
    best: tuple[str, datetime.date | None] = ('', None)
    for first, word in enumerate(words):
        if word[0].lower() not in _TERMIJN_START:
            continue
        for last in range(min(len(words), first + 8) - 1, first - 1, -1):
            phrase = sentence[word.start() : words[last].end()]
            if len(phrase) <= len(best[0]):
                break
            day = _read(phrase, made_on, rules)
            if day is not False and day is not True:
                best = (' '.join(phrase.split()), day)
                break
    return best


def _read(phrase: str, made_on: datetime.date | None, rules: Rules) -> datetime.date | bool | None:
    """The day of a termijn; None for one without a year when there is no date to give it
    one; False for a phrase that is no termijn."""
    try:
        return deadline(phrase, made_on=made_on, rules=rules)
    except TermijnError:
        if made_on is not None:
            return False
    try:  # a termijn without a year, read against any day to know it is one
        deadline(phrase, made_on=datetime.date(2000, 1, 1), rules=rules)
    except TermijnError:
        return False
    return None
