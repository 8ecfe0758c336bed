"""Read, normalise and format references to Dutch parliamentary papers.

``model`` says what a reference is and how it is written, ``grammar`` reads one,
``find`` finds them in running text.

Pure Python on purpose: the Sphinx roles, the ``sphinx-kamerstuk check`` command and
other tools share this one grammar, so it imports nothing from Sphinx or docutils.
The forms it accepts are those real documents use (docs/domain.rst, The citation grammar;
the ids it derives: Citation ids); the two
output styles are the Aanwijzingen voor de regelgeving (aanwijzing 3.43/3.45) and the
form Kamerbrieven use ("Kamerstuk 22 112, nr. 4363").
"""

from sphinx_kamerstuk.core.citations.find import find_all
from sphinx_kamerstuk.core.citations.grammar import parse
from sphinx_kamerstuk.core.citations.model import (
    DEFAULT_URL_BASE,
    KINDS,
    ROLE_FOR_KIND,
    ROLE_KINDS,
    STYLES,
    Citation,
    CitationError,
    Dossier,
    Found,
    Kind,
    Style,
    publications,
    same_publication,
)

__all__ = [
    'DEFAULT_URL_BASE',
    'KINDS',
    'ROLE_FOR_KIND',
    'ROLE_KINDS',
    'STYLES',
    'Citation',
    'CitationError',
    'Dossier',
    'Found',
    'Kind',
    'Style',
    'find_all',
    'parse',
    'publications',
    'same_publication',
]
