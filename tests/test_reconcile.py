"""Reconciling with the Eerste Kamer register a letter printed in both chambers' series.

The letter is the real kst-32802-73 / kst-33328-AG of 17 juli 2023 on the Wet open
overheid (``tests/roots/test-real-letters/woo.rst``); the Eerste Kamer register names
its Eerste Kamer publication.
"""

from __future__ import annotations

import pytest

from sphinx_kamerstuk.core.citations import parse
from sphinx_kamerstuk.core.reconcile import differences
from sphinx_kamerstuk.core.records import Letter, Toezegging
from sphinx_kamerstuk.core.status import Fulfilment, Trace

TK = parse('Kamerstukken II 2022/23, 32 802, nr. 73', kind='kamerstuk')
EK = parse('Kamerstukken I 2022/23, 33 328, AG', kind='kamerstuk')


def trace(kamerstukken, register_brieven) -> Trace:
    letter = Letter(
        docname='woo',
        lineno=1,
        id='woo',
        betreft='Uitvoering moties en toezeggingen Wet open overheid (Woo)',
        aan=(),
        datum='2023-07-17',
        kamerstukken=kamerstukken,
    )
    toezegging = Toezegging(
        docname='toezeggingen',
        lineno=1,
        id='T03000',
        tekst='De regering zal de Kamer informeren over de implementatie van de Woo.',
        kamer='ek',
        register='ek',
        register_brieven=register_brieven,
    )
    return Trace(toezegging, 'voldaan', (Fulfilment(letter, False),), (), None)


@pytest.mark.parametrize('kamerstukken', [(TK, EK), (EK, TK), (EK,)])
def test_the_eerste_kamer_publication_matches_the_register(kamerstukken):
    assert differences([trace(kamerstukken, ('Kamerstukken I 2022/23, 33 328, AG',))], ['ek']) == []


def test_another_eerste_kamer_publication_is_a_difference():
    [difference] = differences([trace((TK, EK), ('Kamerstukken I 2022/23, 33 328, AF',))], ['ek'])
    assert (difference.soort, difference.register, difference.lokaal) == (
        'document',
        'kst-33328-AF',
        'kst-33328-AG',
    )
