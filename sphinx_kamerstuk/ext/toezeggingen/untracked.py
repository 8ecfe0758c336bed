"""``kamerstuk_zoek_toezeggingen``: in a letter, warn for each sentence that makes a
toezegging no ``toezegging`` of the same document records (``kamerstuk.toezegging_tekst``).

The rules are those of ``sphinx-kamerstuk check --toezeggingen``
(:mod:`sphinx_kamerstuk.core.commitments`); here they read the letter's paragraphs as
docutils parsed them, so reST and MyST letters are read alike.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from sphinx_kamerstuk.core.commitments import find_commitments
from sphinx_kamerstuk.ext.domain import get_domain
from sphinx_kamerstuk.ext.i18n import __
from sphinx_kamerstuk.ext.messages import log_warning
from sphinx_kamerstuk.ext.toezeggingen.traces import termijn_rules
from sphinx_kamerstuk.lint.commitments import recorded

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def warn_untracked(app: Sphinx, doctree: nodes.document) -> None:
    if not app.config.kamerstuk_zoek_toezeggingen:
        return
    env = app.env
    domain = get_domain(env)
    letter = domain.letters.get(env.docname)
    if letter is None:
        return
    records = [toezegging.tekst for toezegging in domain.toezeggingen.get(env.docname, [])]
    made_on = datetime.date.fromisoformat(letter.datum) if letter.datum else None
    rules = termijn_rules(app.config)
    for paragraph in doctree.findall(nodes.paragraph):
        if isinstance(paragraph.parent, (nodes.footnote, nodes.comment)):
            continue
        text = _without_marks(paragraph)
        for found in find_commitments(text, made_on=made_on, rules=rules):
            if any(recorded(found.sentence, record) for record in records):
                continue
            line = (paragraph.line or 1) + text.count('\n', 0, found.start)
            sentence = ' '.join(found.sentence.split())
            if found.termijn:
                day = (
                    found.deadline.isoformat()
                    if found.deadline
                    else __("no date without the letter's :datum:")
                )
                where = __('termijn %(termijn)r, %(day)s') % {'termijn': found.termijn, 'day': day}
            else:
                where = __('no termijn')
            log_warning(
                logger,
                __(
                    'the letter makes a toezegging no toezegging in this document records '
                    '(%(where)s): %(sentence)r; expected a toezegging directive for it'
                )
                % {'where': where, 'sentence': sentence},
                'toezegging_tekst',
                (env.docname, line),
            )


def _without_marks(paragraph: nodes.paragraph) -> str:
    """The paragraph's text without its footnote marks, which would glue a number to the
    end of a sentence."""
    copy = paragraph.deepcopy()
    for mark in list(copy.findall(nodes.footnote_reference)):
        mark.parent.remove(mark)
    return copy.astext()


def setup_untracked(app: Sphinx) -> None:
    app.connect('doctree-read', warn_untracked)
