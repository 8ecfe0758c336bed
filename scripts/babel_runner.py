"""Regenerate the message catalogs: extract, update the Dutch catalog, compile.

Run with ``make locale`` after changing a translatable string, review the Dutch
``.po`` file, fill in new translations, and run it again to compile the ``.mo`` file.
"""

from __future__ import annotations

import os
from pathlib import Path

from babel.messages import frontend

ROOT = Path(__file__).parents[1]
PACKAGE = Path('sphinx_kamerstuk')  # relative, so no machine paths end up in the catalogs
LOCALE = PACKAGE / 'locale'
DOMAIN = 'sphinx_kamerstuk'


def run(command: type[frontend.Command], **options: object) -> None:
    cmd = command()
    cmd.initialize_options()
    for name, value in options.items():
        setattr(cmd, name, value)
    cmd.finalize_options()
    cmd.run()


def main() -> None:
    os.chdir(ROOT)
    pot = LOCALE / f'{DOMAIN}.pot'
    LOCALE.mkdir(exist_ok=True)
    run(
        frontend.ExtractMessages,
        input_paths=[str(PACKAGE)],
        output_file=str(pot),
        keywords='_ __ N_ ngettext:1,2',
        no_default_keywords=True,
        project='sphinx-kamerstuk',
        msgid_bugs_address='',
        omit_header=False,
        sort_by_file=True,
        no_location=False,
    )
    po = LOCALE / 'nl' / 'LC_MESSAGES' / f'{DOMAIN}.po'
    if po.exists():
        run(
            frontend.UpdateCatalog,
            input_file=str(pot),
            output_dir=str(LOCALE),
            domain=DOMAIN,
            locale='nl',
        )
    else:
        run(
            frontend.InitCatalog,
            input_file=str(pot),
            output_dir=str(LOCALE),
            domain=DOMAIN,
            locale='nl',
        )
    run(frontend.CompileCatalog, directory=str(LOCALE), domain=DOMAIN, use_fuzzy=False)


if __name__ == '__main__':
    main()
