"""The commitments a letter makes, read by rules, measured on real sentences.

``tests/data/toezegging-zinnen.tsv`` holds 500-odd sentences copied word for word from
public pages (officielebekendmakingen.nl Kamerstukken and Handelingen, tweedekamer.nl,
eerstekamer.nl rappels and registers, rijksoverheid.nl), each with its address. Label 1:
the sender (ik, wij, het kabinet) commits to something still to come towards the Kamer:
informing it, sending a letter, proposal or evaluation, coming back to something, with
or without a termijn, also when timed by an event ("zodra ..."). Label 0: the hard
negatives (``kind``): ``verleden`` (reports of the past), ``motie``, ``vraag``,
``ander`` (what others promise), ``voorwaarde`` (conditions, hypotheses) and
``overig`` (the letter itself, forecasts, procedure), and third-person register text,
which records a toezegging rather than making one (``note`` says where a label was
changed, and why).
"""

from __future__ import annotations

import csv
import datetime
from collections import Counter
from pathlib import Path

import pytest

from sphinx_kamerstuk.core.commitments import commits, find_commitments, find_termijn, sentences

DATA = Path(__file__).parent / 'data' / 'toezegging-zinnen.tsv'


def labelled() -> list[dict[str, str]]:
    with DATA.open(encoding='utf-8') as file:
        lines = [line for line in file if not line.startswith('#')]
    return list(csv.DictReader(lines, delimiter='\t', quoting=csv.QUOTE_NONE))


def test_the_labelled_set_is_large_real_and_hard_enough():
    rows = labelled()
    kinds = Counter(row['kind'] for row in rows if row['label'] == '0')
    assert len(rows) >= 150
    assert sum(kinds.values()) >= 60
    assert all(kinds[kind] >= 10 for kind in ('verleden', 'motie', 'vraag', 'ander', 'overig'))
    assert all(row['source'].startswith(('http://', 'https://')) for row in rows)
    assert len({row['sentence'] for row in rows}) == len(rows)


def test_precision_and_recall_on_real_sentences():
    rows = labelled()
    found = [(commits(row['sentence']), row['label'] == '1') for row in rows]
    true_positives = sum(got and wanted for got, wanted in found)
    precision = true_positives / sum(got for got, _wanted in found)
    recall = true_positives / sum(wanted for _got, wanted in found)
    figures = f'precision {precision:.3f}, recall {recall:.3f} on {len(rows)} sentences'
    assert precision >= 0.9, figures
    assert recall >= 0.8, figures


@pytest.mark.parametrize('kind', ['verleden', 'motie', 'vraag', 'ander', 'voorwaarde', 'overig'])
def test_each_kind_of_hard_negative_is_mostly_left_alone(kind):
    rows = [row for row in labelled() if row['label'] == '0' and row['kind'] == kind]
    wrong = [row['sentence'] for row in rows if commits(row['sentence'])]
    assert len(wrong) <= max(1, len(rows) // 10), wrong


def test_the_seed_letters_commitments_and_their_termijn():
    text = (
        'Het kabinet streeft ernaar voor het einde van het jaar met een concreet voorstel '
        'te komen, zoals vermeld in de kabinetsappreciatie van het Clingendael rapport '
        '“Grenzen Verleggen”. Op dit moment bestaan er nog geen terugkeerhubs.'
    )
    found = find_commitments(text, made_on=datetime.date(2026, 6, 10))
    assert [(f.termijn, f.deadline) for f in found] == [
        ('voor het einde van het jaar', datetime.date(2026, 12, 31))
    ]
    assert text[found[0].start : found[0].end].endswith('Verleggen”.')


@pytest.mark.parametrize(
    ('sentence', 'termijn', 'deadline'),
    [
        ('Ik zal uw Kamer voor de zomer informeren.', 'voor de zomer', datetime.date(2026, 7, 2)),
        (
            'U ontvangt de evaluatie in het derde kwartaal van 2027.',
            'in het derde kwartaal van 2027',
            datetime.date(2027, 9, 30),
        ),
        ('Ik kom hierop terug in de voortgangsrapportage.', '', None),
        (
            'Ik stuur u uiterlijk 1 december 2026 een brief.',
            'uiterlijk 1 december 2026',
            datetime.date(2026, 12, 1),
        ),
    ],
)
def test_the_termijn_a_sentence_names_is_read_with_the_termijn_rules(sentence, termijn, deadline):
    assert commits(sentence)
    assert find_termijn(sentence, made_on=datetime.date(2026, 3, 2)) == (termijn, deadline)


def test_a_termijn_without_a_year_has_no_day_without_the_letters_date():
    assert find_termijn('Ik zal u voor de zomer informeren.', made_on=None) == (
        'voor de zomer',
        None,
    )


def test_sentences_end_at_a_full_stop_but_not_after_an_abbreviation_or_initials():
    text = 'Zie Kamerstuk 22 112, nr. 4363. De minister, S.W. Sjoerdsma, schrijft o.a. dit. Klaar?'
    assert [text[a:b] for a, b in sentences(text)] == [
        'Zie Kamerstuk 22 112, nr. 4363.',
        'De minister, S.W. Sjoerdsma, schrijft o.a. dit.',
        'Klaar?',
    ]
