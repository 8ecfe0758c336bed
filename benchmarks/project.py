"""Generate a realistic ministry project, with and without the extension's markup.

``python benchmarks/project.py OUT --letters 200 --toezeggingen 500`` writes three Sphinx
projects of the same text:

* ``OUT/kamerstuk``: letters with the ``kamerbrief`` directive, citations as roles in
  footnotes, toezeggingen on pages of 25, traceability tables on 5 summary pages;
* ``OUT/plain``: the markup replaced by plain text, no extension; the tables are kept by
  hand, as a list-table of every toezegging on each summary page;
* ``OUT/needs``: what a team would write with plain sphinx-needs instead (the peer): a
  ``brief`` and a ``tz`` need type with the same fields, letters linked to what they
  fulfil, and ``needtable`` s with the same columns and filters; citations in plain text.

Deterministic: the same arguments give the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

_SENTENCE_WORDS = [
    'het',
    'kabinet',
    'de',
    'Kamer',
    'brief',
    'toezegging',
    'beleid',
    'uitvoering',
    'terugkeer',
    'migratie',
    'begroting',
    'wetsvoorstel',
    'evaluatie',
    'partnerlanden',
    'samenwerking',
    'overleg',
    'commissie',
    'gemeenten',
    'provincies',
    'maatregelen',
    'onderzoek',
    'rapport',
    'financiering',
    'ontwikkelingssamenwerking',
    'Europese',
    'Unie',
    'verordening',
    'stand',
    'van',
    'zaken',
    'voorjaar',
    'informeert',
    'werkt',
    'verkent',
]
_CITATIONS = (
    ('kst', 'Kamerstukken II {y}/{y2}, {d}, nr. {n}', 'Kamerstukken II {y}/{y2}, {d}, nr. {n}'),
    ('kst', 'Kamerstuk {d1} {d2}, nr. {n}', 'Kamerstuk {d1} {d2}, nr. {n}'),
    ('kst', '{d}-{n}', 'Kamerstuk {d}, nr. {n}'),
    ('handelingen', 'II {y}/{y2}, nr. {m}, item {i}', 'Handelingen II {y}/{y2}, nr. {m}, item {i}'),
    ('stb', '{y}, {n}', 'Stb. {y}, {n}'),
)
TABLE_PAGES = 5
VARIANTS = ('kamerstuk', 'plain', 'needs')
PER_PAGE = 25


def sentence(rng: random.Random) -> str:
    words = rng.choices(_SENTENCE_WORDS, k=rng.randint(12, 24))
    return ' '.join(words).capitalize() + '.'


def paragraph(rng: random.Random) -> str:
    return ' '.join(sentence(rng) for _ in range(rng.randint(3, 6)))


def citation(rng: random.Random) -> tuple[str, str]:
    """A (role markup, plain text) pair."""
    role, marked, plain = rng.choice(_CITATIONS)
    year = rng.randint(2015, 2025)
    dossier = rng.randint(21000, 36800)
    values = {
        'y': year,
        'y2': f'{(year + 1) % 100:02d}',
        'd': dossier,
        'd1': dossier // 1000,
        'd2': f'{dossier % 1000:03d}',
        'n': rng.randint(1, 999),
        'm': rng.randint(1, 120),
        'i': rng.randint(1, 20),
    }
    return f':{role}:`{marked.format(**values)}`', plain.format(**values)


#: Alabaster's sidebar without the global table of contents: that one is rendered for
#: every page from every page's titles, so it costs O(N) a page and O(N²) a build in both
#: projects alike (55 % of a full build at N = 250) and hides what the extension costs.
_SIDEBARS = "html_sidebars = {'**': ['about.html', 'relations.html', 'searchbox.html']}"


def generate(
    out: Path, letters: int, toezeggingen: int, seed: int = 1, navigation: bool = False
) -> None:
    rng = random.Random(seed)
    for variant in VARIANTS:
        shutil.rmtree(out / variant, ignore_errors=True)
        (out / variant / 'brieven').mkdir(parents=True)
        (out / variant / 'toezeggingen').mkdir(parents=True)
    ids = [f'TZ2026{(k % 12) + 1:02d}-{k:03d}' for k in range(toezeggingen)]
    pages: dict[str, list[str]] = {variant: [] for variant in VARIANTS}

    rows: list[str] = []  # the plain twin's hand-kept table, one row per toezegging
    for page in range(0, toezeggingen, PER_PAGE):
        name = f'toezeggingen/lijst{page // PER_PAGE + 1:03d}'
        marked = [f'Toezeggingen {page + 1}', '=' * 30, '']
        plain = list(marked)
        peer = list(marked)
        for k in range(page, min(page + PER_PAGE, toezeggingen)):
            made = f'2026-{(k % 9) + 1:02d}-{(k % 27) + 1:02d}'
            termijn = rng.choice(('voor de zomer 2026', 'Q3 2026', 'eind 2026', '2026-10-01'))
            text = sentence(rng)
            marked += [
                f'.. toezegging:: {text}',
                f'   :id: {ids[k]}',
                '   :bewindspersoon: S.W. Sjoerdsma',
                '   :activiteit: Commissiedebat',
                f'   :datum: {made}',
                f'   :termijn: {termijn}',
                '',
            ]
            plain += [f'.. admonition:: {ids[k]}', '', f'   {text} Termijn: {termijn}.', '']
            peer += [
                f'.. tz:: {text}',
                f'   :id: {ids[k]}',
                '   :status: openstaand',
                '   :bewindspersoon: S.W. Sjoerdsma',
                '   :activiteit: Commissiedebat',
                f'   :datum: {made}',
                f'   :termijn: {termijn}',
                '   :kamer: tk',
                '',
            ]
            rows += [
                f'   * - {ids[k]}',
                f'     - {text}',
                '     - S.W. Sjoerdsma',
                f'     - Commissiedebat, {made}',
                f'     - {termijn}',
                '     - openstaand',
                '     - ',
                '     - ',
            ]
        for variant in VARIANTS:
            pages[variant].append(name)
        _write(out / 'kamerstuk' / f'{name}.rst', marked)
        _write(out / 'plain' / f'{name}.rst', plain)
        _write(out / 'needs' / f'{name}.rst', peer)

    for n in range(letters):
        name = f'brieven/brief{n + 1:04d}'
        fulfils = rng.sample(ids, k=rng.randint(1, 3)) if ids else []
        datum = f'2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}'
        title = f'Brief {n + 1} over {rng.choice(_SENTENCE_WORDS)}'
        marked = [title, '=' * len(title), '']
        marked += [
            f'.. kamerbrief:: {title}',
            f'   :datum: {datum}',
            f'   :kenmerk: BZ-{n + 1:05d}',
            (
                '   :ondertekenaar: De minister voor Buitenlandse Handel en '
                'Ontwikkelingssamenwerking, S.W. Sjoerdsma'
            ),
            f'   :vervult: {", ".join(fulfils)}',
            '',
            'Geachte voorzitter,',
            '',
        ]
        plain = [title, '=' * len(title), '', f'Datum: {datum}', '', 'Geachte voorzitter,', '']
        peer = [title, '=' * len(title), '']
        peer += [
            f'.. brief:: {title}',
            f'   :id: BRIEF{n + 1:04d}',
            f'   :datum: {datum}',
            f'   :kenmerk: BZ-{n + 1:05d}',
            f'   :vervult: {", ".join(fulfils)}',
            '',
            'Geachte voorzitter,',
            '',
        ]
        footnotes_marked, footnotes_plain = [], []
        for p in range(rng.randint(5, 15)):
            text = paragraph(rng)
            if p < 10:
                role, text_plain = citation(rng)
                footnotes_marked.append(f'.. [#] {role}')
                footnotes_plain.append(f'.. [#] {text_plain}')
                marked.append(text + '\\ [#]_')
                plain.append(text + '\\ [#]_')
            else:
                marked.append(text)
                plain.append(text)
            marked.append('')
            plain.append('')
        peer += plain[7:]
        plain += [
            'De minister voor Buitenlandse Handel en Ontwikkelingssamenwerking,',
            '',
            'S.W. Sjoerdsma',
            '',
        ]
        _write(out / 'kamerstuk' / f'{name}.rst', [*marked, *footnotes_marked])
        _write(out / 'plain' / f'{name}.rst', [*plain, *footnotes_plain])
        _write(out / 'needs' / f'{name}.rst', [*peer, *footnotes_plain])
        for variant in VARIANTS:
            pages[variant].append(name)

    for t in range(TABLE_PAGES):
        name = f'overzicht{t + 1}'
        options = [
            '',
            '   :status: verlopen, openstaand',
            '   :sorteer: -termijn',
            '   :kamer: tk',
            '   :sorteer: status',
        ][t]
        _write(
            out / 'kamerstuk' / f'{name}.rst',
            [f'Overzicht {t + 1}', '=' * 20, '', '.. toezeggingen::', options, ''],
        )
        table = [
            '.. list-table:: Toezeggingen',
            '   :header-rows: 1',
            '',
            '   * - Nummer',
            '     - Toezegging',
            '     - Bewindspersoon',
            '     - Gedaan in',
            '     - Termijn',
            '     - Status',
            '     - Vervuld door',
            '     - Dagen te laat',
        ]
        _write(
            out / 'plain' / f'{name}.rst',
            [f'Overzicht {t + 1}', '=' * 20, '', 'Samenvatting.', '', *table, *rows, ''],
        )
        peer_options = [
            '',
            "   :filter: status in ['verlopen', 'openstaand']",
            '   :sort: termijn',
            "   :filter: kamer == 'tk'",
            '   :sort: status',
        ][t]
        _write(
            out / 'needs' / f'{name}.rst',
            [f'Overzicht {t + 1}', '=' * 20, '', *_needtable(peer_options), ''],
        )
        for variant in VARIANTS:
            pages[variant].append(name)

    settings = {
        'kamerstuk': [
            "extensions = ['sphinx_kamerstuk']",
            "kamerstuk_peildatum = '2026-09-01'",
            "suppress_warnings = ['kamerstuk.vervult']",
        ],
        'plain': ['extensions = []'],
        'needs': _PEER_CONF,
    }
    for variant in VARIANTS:
        _write(
            out / variant / 'conf.py',
            [
                "project = 'Benchmark'",
                "language = 'nl'",
                *settings[variant],
                '' if navigation else _SIDEBARS,
            ],
        )
        toc = ['Project', '=======', '', '.. toctree::', '   :maxdepth: 1', '']
        toc += [f'   {name}' for name in pages[variant]]
        _write(out / variant / 'index.rst', toc)


#: The peer's configuration: two need types with the extension's fields and its link.
_PEER_CONF = [
    "extensions = ['sphinx_needs']",
    'needs_types = [',
    (
        "    {'directive': 'brief', 'title': 'Kamerbrief', 'prefix': 'BRIEF', 'color': '#BFD8D2',"
        " 'style': 'node'},"
    ),
    (
        "    {'directive': 'tz', 'title': 'Toezegging', 'prefix': 'TZ', 'color': '#FFCC00',"
        " 'style': 'node'},"
    ),
    ']',
    'needs_fields = {',
    *(
        f"    {name!r}: {{'description': {name!r}, 'schema': {{'type': 'string'}}}},"
        for name in ('bewindspersoon', 'activiteit', 'datum', 'termijn', 'kamer', 'kenmerk')
    ),
    '}',
    "needs_links = {'vervult': {'incoming': 'vervuld door', 'outgoing': 'vervult'}}",
    "needs_id_regex = '^[A-Z0-9_-]{5,}'",
]


def _needtable(options: str) -> list[str]:
    """The peer's summary table: the extension's columns, as ``needtable`` shows them."""
    return [
        '.. needtable:: Toezeggingen',
        '   :types: tz',
        (
            '   :columns: id as "Nummer"; title as "Toezegging"; bewindspersoon; activiteit;'
            ' termijn; status; vervult_back as "Vervuld door"'
        ),
        '   :style: table',
        *([options] if options else []),
    ]


def _write(path: Path, lines: list[str]) -> None:
    path.write_text('\n'.join(lines) + '\n', encoding='utf-8')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('out', type=Path)
    parser.add_argument('--letters', type=int, default=200)
    parser.add_argument('--toezeggingen', type=int, default=500)
    parser.add_argument('--navigation', action='store_true', help="keep alabaster's global toc")
    args = parser.parse_args(argv)
    generate(args.out, args.letters, args.toezeggingen, navigation=args.navigation)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
