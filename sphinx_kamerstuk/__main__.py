"""``python -m sphinx_kamerstuk``: the ``sphinx-kamerstuk`` command."""

import sys

from sphinx_kamerstuk.cli.commands import main

if __name__ == '__main__':
    sys.exit(main())
