"""How fast ``sphinx-kamerstuk import-tk`` reads a register larger than the Kamer's own.

``python benchmarks/register.py [--entries 10000]`` writes that many toezeggingen as OData
pages of 250 (expanded, with letters, members and activities, as the ``--online`` query
returns them) into a temporary directory, imports them, imports them again (the
"unchanged" case a scheduled job hits most), and prints the times and the register's
size. The whole TK register holds some 6,500 toezeggingen. Deterministic.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import tempfile
import time
from pathlib import Path

from sphinx_kamerstuk.cli.commands import main as cli
from sphinx_kamerstuk.importers.tk_online import PAGE_SIZE

STATUSES = ('Openstaand', 'Afgedaan', 'Afgedaan', 'Deels Afgedaan', 'Vervallen', '')
NAMES = ('Wiersma, F.M.', 'Madlener, B.', 'Schreinemacher, E.N.A.J.', "Hart, E. 't")
WORDS = 'de minister informeert de Kamer voor de zomer over de stand van zaken en het plan'


def entity(number: int, rng: random.Random) -> dict:
    month = 201801 + (number // 400) % 12 + 100 * (number // 4800)
    guid = f'00000000-0000-4000-8000-{number:012d}'
    return {
        'Id': guid,
        'Nummer': f'TZ{month}-{number % 1000:03d}',
        'Aanmaakdatum': f'{str(month)[:4]}-{str(month)[4:]}-15T10:00:00+01:00',
        'ActiviteitNummer': f'{str(month)[:4]}A{number:05d}',
        'Naam': rng.choice(NAMES),
        'Functie': 'Minister van Landbouw, Visserij, Voedselzekerheid en Natuur',
        'Ministerie': 'Landbouw, Visserij, Voedselzekerheid en Natuur',
        'Status': rng.choice(STATUSES),
        'DatumNakoming': rng.choice(('0001-01-01T00:00:00Z', '2025-06-30T00:00:00+02:00')),
        'Tekst': ' '.join(rng.choices(WORDS.split(), k=rng.randint(15, 40))).capitalize(),
        'Verwijderd': False,
        'GewijzigdOp': '2025-01-31T12:00:00+01:00',
        'KamerbriefNakoming': [
            {'Id': f'{guid[:-4]}d{n:03d}', 'DocumentNummer': f'2025D{number:04d}{n}'}
            for n in range(rng.randint(0, 2))
        ],
        'ToegezegdAan': [
            {'Persoon': {'Initialen': 'T.', 'Tussenvoegsel': 'van der', 'Achternaam': 'Plas'},
             'Fractie': {'Afkorting': 'BBB'}}
        ],
        'Activiteit': {'Nummer': f'2025A{number:05d}', 'Soort': 'Commissiedebat',
                       'Onderwerp': 'Landbouw- en Visserijraad'},
    }  # fmt: skip


def write_pages(directory: Path, count: int) -> list[str]:
    rng = random.Random(20250131)
    values = [entity(number, rng) for number in range(count)]
    paths = []
    for start in range(0, count, PAGE_SIZE):
        path = directory / f'page-{start // PAGE_SIZE:03d}.json'
        page = {
            '@odata.context': '$metadata#Toezegging',
            'value': values[start : start + PAGE_SIZE],
        }
        path.write_text(json.dumps(page, ensure_ascii=False), encoding='utf-8')
        paths.append(str(path))
    return paths


def timed_import(pages: list[str], register: Path) -> tuple[float, str]:
    output = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(output):
        status = cli(['import-tk', *pages, '-o', str(register)])
    seconds = time.perf_counter() - start
    if status:
        raise SystemExit(f'import-tk exited with {status}')
    return seconds, output.getvalue().strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--entries', type=int, default=10_000, help='toezeggingen (10000)')
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        directory = Path(temp)
        pages = write_pages(directory, args.entries)
        source_size = sum(Path(page).stat().st_size for page in pages)
        register = directory / 'tk.json'
        first, said = timed_import(pages, register)
        again, said_again = timed_import(pages, register)
        print(f'{args.entries} toezeggingen in {len(pages)} pages ({source_size / 1e6:.1f} MB)')
        print(f'import:    {first:.2f} s  ({said})')
        print(f're-import: {again:.2f} s  ({said_again})')
        print(f'register:  {register.stat().st_size / 1e6:.1f} MB')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
