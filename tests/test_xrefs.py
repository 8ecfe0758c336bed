"""``:toezegging:`` and ``:kamerbrief:`` are the domain's cross-references: resolved by it,
in ``objects.inv``, reachable through intersphinx, and named when they lead nowhere."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import html, warnings
from sphinx.util.inventory import InventoryFile

from sphinx_kamerstuk.ext.domain import KamerstukDomain, get_domain


def _inventory(app) -> dict[str, dict[str, tuple]]:
    path = Path(app.outdir) / 'objects.inv'
    with path.open('rb') as stream:
        inventory = InventoryFile.load(
            stream, 'https://example.nl/bho', lambda *parts: '/'.join(parts)
        )
    if hasattr(inventory, 'data'):  # Sphinx 8.2 and later: an Inventory object
        inventory = inventory.data
    return {
        kind: {name: fields(item) for name, item in items.items()}
        for kind, items in inventory.items()
    }


def fields(item) -> tuple[str, str, str, str]:
    """project, version, address, display name: attributes from Sphinx 8.2, a tuple before."""
    if hasattr(item, 'uri'):
        return item.project_name, item.project_version, item.uri, item.display_name
    return tuple(item)[:4]


def test_references_resolve_to_the_toezegging_and_the_letter(build):
    app = build('xrefs')
    page = html(app)
    links = re.findall(r'<a class="reference internal" href="([^"]+)"[^>]*>(.*?)</a>', page)
    text = [(href, re.sub(r'<[^>]+>', '', inner)) for href, inner in links]
    assert ('toezeggingen.html#TZ202606-012', 'TZ202606-012') in text
    assert ('toezeggingen.html#TZ202606-012', 'die toezegging') in text
    assert text.count(('toezeggingen.html#TZ202606-012', 'TZ202606-012')) == 2  # with domain
    # a letter reads as its Betreft, unless the author gave a text
    assert ('brief.html', 'Terugkeerhubs en de BHO-begroting') in text
    assert ('brief.html', 'de brief van juni') in text
    assert ('toezeggingen.html#TZ202606-013', 'TZ202606-013') in text  # :any:
    # the status stays beside the link
    assert (
        'TZ202606-012</span></a> <span class="kamerstuk-status kamerstuk-status-voldaan">' in page
    )


def test_unknown_targets_warn_at_their_line_and_keep_their_text(build):
    app = build('xrefs')
    found = [line for line in warnings(app) if 'unknown' in line]
    assert len(found) == 2, found
    assert re.search(r"index\.rst:\d+: WARNING: unknown toezegging 'TZ209901-999'", found[0])
    assert re.search(r"index\.rst:\d+: WARNING: unknown kamerbrief 'geen-brief'", found[1])
    page = html(app)
    assert 'TZ209901-999' in page
    assert 'geen-brief' in page


def test_unknown_targets_warn_with_their_own_subtypes(build):
    app = build('xrefs', confoverrides={'suppress_warnings': ['kamerstuk.toezegging']})
    found = [line for line in warnings(app) if 'unknown' in line]
    assert len(found) == 1
    assert 'geen-brief' in found[0]


def test_nitpick_ignore_silences_a_known_dangling_reference(build):
    app = build(
        'xrefs',
        confoverrides={
            'nitpicky': True,
            'nitpick_ignore': [('kamerstuk:toezegging', 'TZ209901-999')],
        },
    )
    found = [line for line in warnings(app) if 'unknown' in line]
    assert len(found) == 1
    assert 'geen-brief' in found[0]


def test_objects_inv_lists_letters_and_toezeggingen(build):
    app = build('xrefs')
    inventory = _inventory(app)
    toezeggingen = inventory['kamerstuk:toezegging']
    assert set(toezeggingen) == {'TZ202606-012', 'TZ202606-013'}
    assert (
        toezeggingen['TZ202606-012'][2] == 'https://example.nl/bho/toezeggingen.html#TZ202606-012'
    )
    letters = inventory['kamerstuk:kamerbrief']
    assert letters['brief-terugkeerhubs'][2] == 'https://example.nl/bho/brief.html'
    assert letters['brief-terugkeerhubs'][3] == 'Terugkeerhubs en de BHO-begroting'


def test_another_project_links_through_intersphinx(build, tmp_path):
    first = build('xrefs')
    inventory = str(Path(first.outdir) / 'objects.inv')
    second = build(
        'intersphinx',
        confoverrides={'intersphinx_mapping': {'bho': ('https://docs.example.nl/bho/', inventory)}},
    )
    assert warnings(second) == []
    page = html(second)
    assert 'href="https://docs.example.nl/bho/toezeggingen.html#TZ202606-012"' in page
    assert 'href="https://docs.example.nl/bho/brief.html"' in page
    # no status here: the toezegging is traced in its own project
    assert 'kamerstuk-status' not in page


def test_every_data_key_is_declared_in_initial_data(build):
    app = build('toezeggingen')
    domain = get_domain(app.env)
    assert set(domain.data) - {'version'} == set(KamerstukDomain.initial_data)


def test_renamed_letter_rewrites_the_pages_that_link_to_it(build):
    """A letter that fulfils nothing: only the link's text tells the page to change."""
    app = build('xrefs')
    assert 'Voortgang migratiepartnerschappen</span></a>' in html(app, 'toezeggingen')
    source = Path(app.srcdir) / 'ander.rst'
    source.write_text(
        source.read_text(encoding='utf-8').replace(
            'Voortgang migratiepartnerschappen', 'Voortgang, tweede versie'
        ),
        encoding='utf-8',
    )
    app = build('xrefs')
    # toezeggingen.rst was not edited (and holds no toctree that names the letter)
    assert 'Voortgang, tweede versie</span></a>' in html(app, 'toezeggingen')
