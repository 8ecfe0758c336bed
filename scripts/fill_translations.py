"""Fill the Dutch catalog from lists of translations, then recompile it.

Each line of a list is ``msgid => Dutch msgstr`` (the msgid exactly as in the code); a
plural is ``singular || plural => enkelvoud || meervoud``. Run ``make locale`` (or
``scripts/babel_runner.py``) first so the catalog has the new msgids, then::

    python scripts/fill_translations.py LIST...

A line whose msgid is not in the catalog is reported and skipped; a filled message
loses its fuzzy flag. Review the ``.po`` file afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PO = Path(__file__).parents[1] / 'sphinx_kamerstuk' / 'locale' / 'nl' / 'LC_MESSAGES'
DOMAIN = 'sphinx_kamerstuk'


def read_list(path: Path) -> dict[str, str | tuple[str, ...]]:
    found: dict[str, str | tuple[str, ...]] = {}
    for number, line in enumerate(path.read_text(encoding='utf-8').splitlines(), 1):
        if not line.strip() or line.startswith('#'):
            continue
        if ' => ' not in line:
            sys.stderr.write(f'{path}:{number}: no " => " (skipped)\n')
            continue
        msgid, msgstr = (part.strip() for part in line.split(' => ', 1))
        singular = msgid.split(' || ')[0]
        found[singular] = tuple(msgstr.split(' || ')) if ' || ' in msgid else msgstr
    return found


def main(lists: list[str]) -> int:
    po = PO / f'{DOMAIN}.po'
    with po.open('rb') as file:
        catalog = read_po(file)
    unknown = 0
    for name in lists:
        for msgid, msgstr in read_list(Path(name)).items():
            message = catalog.get(msgid)
            if message is None:
                sys.stderr.write(f'{name}: not in the catalog (skipped): {msgid!r}\n')
                unknown += 1
                continue
            message.string = msgstr
            message.flags.discard('fuzzy')
    with po.open('wb') as file:
        write_po(file, catalog, width=76)
    with (PO / f'{DOMAIN}.mo').open('wb') as file:
        write_mo(file, catalog, use_fuzzy=False)
    return 1 if unknown else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
