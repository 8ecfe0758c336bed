"""The toezeggingen table on paper: the trial's 14 real register entries (the root
``test-trial``, sources in its ``toezeggingen.rst``) on landscape pages, at most three,
the header row on each, and every id whole in the text of the PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / 'roots'


def _text(pdf: Path, first: int, last: int) -> str:
    out = subprocess.run(
        ['pdftotext', '-f', str(first), '-l', str(last), str(pdf), '-'],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out


def _info(pdf: Path) -> str:
    return subprocess.run(
        ['pdfinfo', '-f', '1', '-l', '9999', str(pdf)], check=True, capture_output=True, text=True
    ).stdout


def _turned_pages(pdf: Path) -> list[int]:
    """The pages set in landscape (pdflscape turns them: ``rot: 90``)."""
    out = _info(pdf)
    return [int(m[1]) for m in re.finditer(r'^Page\s+(\d+) rot:\s+90$', out, re.MULTILINE)]


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ('latexmk', 'pdflatex', 'pdftotext', 'pdfinfo'))
    and os.environ.get('CI') != 'true',
    reason='needs latexmk, pdflatex, pdftotext and pdfinfo (Debian: texlive-latex-extra, '
    'latexmk, poppler-utils); CI installs them',
)
def test_the_table_of_14_toezeggingen_fits_three_landscape_pages_with_every_id_whole(tmp_path):
    srcdir = tmp_path / 'src'
    shutil.copytree(ROOTS / 'test-trial', srcdir)
    ids = re.findall(
        r'^   :id: (\S+)$', (srcdir / 'toezeggingen.rst').read_text('utf-8'), re.MULTILINE
    )
    assert len(ids) == 14
    out = tmp_path / 'out'
    subprocess.run(
        [sys.executable, '-m', 'sphinx', '-M', 'latexpdf', str(srcdir), str(out), '-q'],
        check=True,
        capture_output=True,
    )
    pdf = out / 'latex' / 'proef.pdf'
    pages = _turned_pages(pdf)
    assert 1 <= len(pages) <= 3, pages
    assert pages == list(range(pages[0], pages[-1] + 1))  # one run of pages
    table = [_text(pdf, page, page) for page in pages]
    for page, text in zip(pages, table, strict=True):
        assert 'Nummer' in text and 'Status' in text, f'no header row on page {page}'
    words = set(' '.join(table).split())
    assert [i for i in ids if i not in words] == []
    # and nothing of the table is left on the upright pages around it
    total = int(re.search(r'^Pages:\s+(\d+)$', _info(pdf), re.MULTILINE)[1])
    upright = [page for page in range(1, total + 1) if page not in pages]
    assert all('Tabel 1' not in _text(pdf, page, page) for page in upright)
