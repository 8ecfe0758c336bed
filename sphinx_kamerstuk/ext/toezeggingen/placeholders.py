"""The placeholder nodes of the views, filled when a page is written (``views``)."""

from __future__ import annotations

from docutils import nodes


class toezegging_box(nodes.General, nodes.Element):  # docutils names nodes in lower case
    """A toezegging as shown where it is written; filled when written."""


class toezeggingen_table(nodes.General, nodes.Element):
    """The traceability table with its summary; filled when written."""


class letter_toezeggingen(nodes.General, nodes.Element):
    """On a letter page: the toezeggingen the letter fulfils."""


class toezegging_badge(nodes.Inline, nodes.Element):
    """After a ``:toezegging:`ID``` reference: the toezegging's status."""
