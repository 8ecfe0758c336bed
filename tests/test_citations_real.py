"""The citation reader on real text: ``tests/data/citations-real.tsv`` holds references
copied from public texts (Kamerstukken, Handelingen, Eerste Kamer korte aantekeningen and
rappels, Aanhangsels, law texts), each with the page it comes from and the
officielebekendmakingen ids it determines, and look-alikes that are none."""

from __future__ import annotations

import csv
from pathlib import Path

from sphinx_kamerstuk.core.citations import find_all

CORPUS = Path(__file__).parent / 'data' / 'citations-real.tsv'
#: The share of references whose ids ``find_all`` must give exactly (docs/citations.rst).
GOAL = 0.97


def _corpus() -> list[dict[str, str]]:
    lines = [line for line in CORPUS.read_text('utf-8').splitlines() if not line.startswith('#')]
    return list(csv.DictReader(lines, delimiter='\t', quoting=csv.QUOTE_NONE))


def _ids(text: str) -> set[str]:
    return {id_ for found in find_all(text) for id_ in found.citation.obl_ids}


def test_the_corpus_is_real_varied_and_holds_look_alikes():
    rows = _corpus()
    assert len(rows) >= 300
    assert all(row['source'].startswith(('https://', 'http://')) for row in rows)
    assert len({row['source'] for row in rows}) >= 100
    look_alikes = [row for row in rows if not row['ids']]
    assert len(look_alikes) >= 30
    kinds = {id_.split('-')[0] for row in rows for id_ in row['ids'].split()}
    assert kinds >= {'kst', 'h', 'ah', 'stb', 'stcrt', 'trb'}


def test_find_all_gives_exactly_the_ids_of_real_references():
    rows = _corpus()
    misses = [
        f'{row["text"]!r}: expected {sorted(row["ids"].split())}, got {sorted(_ids(row["text"]))}'
        for row in rows
        if _ids(row['text']) != set(row['ids'].split())
    ]
    share = 1 - len(misses) / len(rows)
    assert share >= GOAL, f'{share:.1%} exact, goal {GOAL:.0%}:\n' + '\n'.join(misses)


def test_the_documented_coverage_is_the_codes():
    from sphinx_kamerstuk.core.citations.model import COVERAGE

    table = Path(__file__).parents[1] / 'docs' / 'citation-coverage.csv'
    with table.open(encoding='utf-8') as rows:
        documented = {row['kind']: row['linked from'] for row in csv.DictReader(rows)}
    assert set(documented) == set(COVERAGE)
    for kind, first in COVERAGE.items():
        assert first in documented[kind].split(), (kind, documented[kind])
