"""The built docs in headless Chromium: the letter, the toezeggingen, links, print, a11y."""

from __future__ import annotations

import re

import pytest
from browser import (
    build_docs,
    chromium,
    describe,
    pdfinfo,
    pdftotext,
    print_to_pdf,
    require_tool,
    run_axe,
    serve,
)

LETTER = 'brieven/terugkeerhubs.html'
TABLE = 'brieven/toezeggingen.html'
REFERENCES = 'examples/references.html'
OFFICIELE_BEKENDMAKINGEN = 'https://zoek.officielebekendmakingen.nl/'


@pytest.fixture(scope='session')
def site(tmp_path_factory):
    """One http server for the session, over a directory each theme builds into."""
    root = tmp_path_factory.mktemp('browser-docs')
    with serve(root) as url:
        yield root, url


@pytest.fixture(scope='session')
def driver(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp('chromium-profile')) as driver:
        yield driver


@pytest.fixture(scope='session')
def alabaster(site, docs_build):
    """Base URL of the docs in their own theme (alabaster), the session's -W html build."""
    root, url = site
    status, outdir = docs_build('html')
    assert status == 0, 'sphinx-build of docs/ failed (default theme)'
    (root / 'alabaster').symlink_to(outdir, target_is_directory=True)
    return f'{url}/alabaster/'


@pytest.fixture(scope='session')
def furo(site):
    root, url = site
    build_docs(root / 'furo', 'html_theme=furo')
    return f'{url}/furo/'


@pytest.fixture
def page(driver, alabaster):
    """Open a page of the default-theme docs at a desktop window size."""

    def _open(path: str):
        driver.set_window_size(1280, 900)
        driver.get(alabaster + path)
        return driver

    return _open


def visible_text(element) -> str:
    return ' '.join(element.text.split())


def test_letterhead_shows_its_fields_with_the_colophon_right_of_the_address(page):
    from selenium.webdriver.common.by import By

    driver = page(LETTER)
    head = driver.find_element(By.CSS_SELECTOR, '.kamerbrief-briefhoofd')
    text = visible_text(head)
    for part in [
        'Ministerie van Buitenlandse Zaken',
        '> Retouradres Postbus 20061 2500 EB Den Haag',
        'De Voorzitter van de Tweede Kamer der Staten-Generaal',
        'Postbus 20018',
        '2500 EA DEN HAAG',
        'Datum 10 juni 2026',
        'Betreft Relatie tussen terugkeerhubs en de BHO-begroting',
    ]:
        assert part in text, (part, text)

    address = head.find_element(By.CSS_SELECTOR, '.kamerbrief-adresvenster').rect
    colophon = head.find_element(By.CSS_SELECTOR, '.kamerbrief-colofon').rect
    assert colophon['x'] >= address['x'] + address['width'], (address, colophon)
    assert colophon['y'] < address['y'] + address['height'], 'colophon wrapped below the address'

    signature = visible_text(driver.find_element(By.CSS_SELECTOR, '.kamerbrief-ondertekening'))
    assert 'De minister van Buitenlandse Handel en Ontwikkelingssamenwerking,' in signature
    assert 'S.W. Sjoerdsma' in signature
    assert 'mede namens de minister van Buitenlandse Zaken' in signature


def test_traceability_table_shows_the_status_at_the_peildatum(page):
    from selenium.webdriver.common.by import By

    driver = page(TABLE)
    statuses = {}
    for row in driver.find_elements(By.CSS_SELECTOR, 'table.kamerstuk-toezeggingen tbody tr'):
        number = visible_text(row.find_element(By.CSS_SELECTOR, 'td'))
        badge = row.find_element(By.CSS_SELECTOR, '.kamerstuk-status')
        assert badge.is_displayed(), number
        statuses[number] = visible_text(badge)
    assert statuses == {
        'WGO-BHO-2026-1': 'voldaan',
        'BHO-VOORSTEL-2026': 'openstaand',
        'BHO-EVALUATIE-2026': 'verlopen',
    }

    chart = driver.find_element(By.CSS_SELECTOR, 'svg.kamerstuk-grafiek')
    assert chart.is_displayed()
    assert chart.size['width'] > 100
    summary = '1 van 3 voldaan (33 %), 1 openstaand, 1 verlopen'
    assert chart.get_attribute('aria-label') == summary
    legend = driver.find_elements(By.CSS_SELECTOR, '.kamerstuk-legenda li')
    assert [visible_text(item) for item in legend] == ['voldaan: 1', 'openstaand: 1', 'verlopen: 1']
    # the legend is page text: at least 12 px, also in a narrow window
    driver.set_window_size(420, 900)
    sizes = driver.execute_script(
        "return [...document.querySelectorAll('.kamerstuk-legenda li')]"
        '.map(li => parseFloat(getComputedStyle(li).fontSize));'
    )
    assert sizes and min(sizes) >= 12, sizes


@pytest.mark.parametrize('path', ['citations.html', LETTER])
def test_citations_link_to_officielebekendmakingen(page, path):
    from selenium.webdriver.common.by import By

    driver = page(path)
    links = driver.find_elements(By.CSS_SELECTOR, 'span.kamerstuk a')
    assert links, f'no citation links on {path}'
    ids = set()
    for link in links:
        ident = link.get_attribute('title')
        assert re.fullmatch(r'[a-z]+(-[0-9a-z]+)+', ident), ident
        assert link.get_attribute('href') == f'{OFFICIELE_BEKENDMAKINGEN}{ident}.html'
        ids.add(ident)
    if path == LETTER:
        assert ids == {'kst-22112-4363', 'kst-19637-3560'}
    else:
        assert {'kst-19637-3560', 'stb-2025-123', 'h-tk-20252026-45-12'} <= ids


def test_printing_the_letter_gives_an_a4_letter_without_navigation(page, tmp_path):
    require_tool('pdfinfo', 'poppler-utils')
    require_tool('pdftotext', 'poppler-utils')
    pdf = print_to_pdf(page(LETTER), tmp_path / 'brief.pdf')

    info = pdfinfo(pdf)
    width, height = (float(n) for n in re.findall(r'[\d.]+', info['Page size'])[:2])
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, info['Page size']  # A4
    assert 1 <= int(info['Pages']) <= 3, info['Pages']

    text = pdftotext(pdf)
    for part in [
        'Betreft',
        'Relatie tussen terugkeerhubs en de BHO-begroting',
        'Tijdens het wetgevingsoverleg',
        'S.W. Sjoerdsma',
        'mede namens',
    ]:
        assert part in text, part
    for navigation in ['Navigatie', 'Snel zoeken', 'Related Topics', 'Powered by', 'Zoek']:
        assert navigation not in text, navigation


@pytest.mark.parametrize('path', [LETTER, TABLE, REFERENCES])
@pytest.mark.parametrize('theme', ['alabaster', 'furo'])
def test_no_wcag_violations_in_what_the_extension_renders(request, driver, theme, path):
    base = request.getfixturevalue(theme)
    driver.set_window_size(1280, 900)
    driver.get(base + path)
    checked, violations = run_axe(driver)
    assert checked, f'nothing of this extension on {path}'
    assert not violations, f'{theme} {path}: axe-core found\n{describe(violations)}'


@pytest.mark.parametrize('theme', ['alabaster', 'furo'])
def test_a_heading_in_a_letter_is_a_letter_heading(driver, site, shared_build, theme):
    """woo.rst (the real kst-32802-73) has the heading "De Woo-invoeringstoets": bold, at
    the size of the letter's text, as in the per-letter PDF; not a chapter heading."""
    root, url = site
    app = shared_build('real-letters', 'html', confoverrides={'html_theme': theme})
    link = root / f'real-letters-{theme}'
    if not link.exists():
        link.symlink_to(app.outdir, target_is_directory=True)
    driver.set_window_size(1280, 900)
    driver.get(f'{url}/real-letters-{theme}/woo.html')
    style = driver.execute_script(
        """
        const heading = [...document.querySelectorAll('h2')]
            .find(h => h.textContent.includes('De Woo-invoeringstoets'));
        const text = heading.closest('section').querySelector('p');
        const size = el => parseFloat(getComputedStyle(el).fontSize);
        return [size(heading), size(text), getComputedStyle(heading).fontWeight];
        """
    )
    heading_size, text_size, weight = style
    assert heading_size == pytest.approx(text_size), style
    assert int(weight) >= 700, style


TRIAL = 'trial/index.html'


@pytest.fixture(scope='session')
def trial(site, shared_build):
    """The 14 real register entries of the trial in one table, served per theme."""
    root, url = site

    def _open(theme: str = 'alabaster'):
        app = shared_build('trial', 'html', confoverrides={'html_theme': theme})
        link = root / f'trial-{theme}'
        if not link.exists():
            link.symlink_to(app.outdir, target_is_directory=True)
        return app, f'{url}/trial-{theme}/index.html'

    return _open


def _shown_rows(driver) -> list[tuple[str, str, str]]:
    """(number, status, bewindspersoon) of every row the reader sees, in order."""
    return driver.execute_script(
        """
        const table = document.querySelector('table.kamerstuk-toezeggingen');
        const column = name => [...table.tHead.rows[0].cells]
            .findIndex(th => th.dataset.kolom === name);
        const [n, s, b] = ['nummer', 'status', 'bewindspersoon'].map(column);
        const text = cell => cell.textContent.replace(/\\s+/g, ' ').trim();
        return [...table.tBodies[0].rows].filter(row => row.offsetParent !== null)
            .map(row => [text(row.cells[n]), text(row.cells[s]), text(row.cells[b])]);
        """
    )


def test_without_javascript_the_table_is_complete_and_has_no_controls(driver, trial):
    from selenium.webdriver.common.by import By

    _app, address = trial()
    driver.execute_cdp_cmd('Emulation.setScriptExecutionDisabled', {'value': True})
    try:
        driver.get(address)
        rows = driver.find_elements(By.CSS_SELECTOR, 'table.kamerstuk-toezeggingen tbody tr')
        assert len([row for row in rows if row.is_displayed()]) == 14
        assert driver.find_elements(By.CSS_SELECTOR, '.kamerstuk-filters') == []
        assert driver.find_elements(By.CSS_SELECTOR, 'button.kamerstuk-sorteer') == []
    finally:
        driver.execute_cdp_cmd('Emulation.setScriptExecutionDisabled', {'value': False})


def test_the_table_sorts_by_a_header_and_filters_by_status_bewindspersoon_and_text(driver, trial):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    from sphinx_kamerstuk.ext.toezeggingen.traces import current_traces

    app, address = trial()
    traces = current_traces(app.env)
    driver.set_window_size(1280, 900)
    driver.get(address)
    first = _shown_rows(driver)
    assert len(first) == 14
    shown = driver.find_element(By.CSS_SELECTOR, '.kamerstuk-getoond')
    assert visible_text(shown) == '14 van 14 getoond'

    # Termijn, by the date it stands for (not its Dutch words), by keyboard; again: reversed
    button = driver.find_element(By.XPATH, '//th[@data-kolom="termijn"]/button')
    button.send_keys(Keys.ENTER)
    numbers = [row[0] for row in _shown_rows(driver)]
    dated = sorted(
        (n for n in numbers if traces[n].toezegging.termijn),
        key=lambda n: traces[n].toezegging.termijn,
    )
    undated = [n for n in numbers if not traces[n].toezegging.termijn]
    assert numbers[: len(dated)] == dated and set(numbers[len(dated) :]) == set(undated)
    assert dated and traces[dated[0]].toezegging.termijn < traces[dated[-1]].toezegging.termijn
    header = driver.find_element(By.XPATH, '//th[@data-kolom="termijn"]')
    assert header.get_attribute('aria-sort') == 'ascending'
    button.click()
    numbers = [row[0] for row in _shown_rows(driver)]
    # the other way round; equal dates keep the table's order
    latest = sorted(dated, key=lambda n: traces[n].toezegging.termijn, reverse=True)
    assert numbers[: len(dated)] == latest
    assert header.get_attribute('aria-sort') == 'descending'

    # Status: one status, the count said
    statuses = {status for _n, status, _b in first}
    status = 'verlopen' if 'verlopen' in statuses else min(statuses)
    Select(driver.find_element(By.CSS_SELECTOR, 'select[id$="-status"]')).select_by_visible_text(
        status
    )
    rows = _shown_rows(driver)
    expected = [n for n, s, _b in first if s == status]
    assert sorted(n for n, _s, _b in rows) == sorted(expected)
    assert visible_text(shown) == f'{len(expected)} van 14 getoond'

    # and a bewindspersoon on top of it, then only text
    Select(driver.find_element(By.CSS_SELECTOR, 'select[id$="-status"]')).select_by_index(0)
    person = next(b for _n, _s, b in first if b)
    Select(
        driver.find_element(By.CSS_SELECTOR, 'select[id$="-bewindspersoon"]')
    ).select_by_visible_text(person)
    assert {b for _n, _s, b in _shown_rows(driver)} == {person}
    Select(driver.find_element(By.CSS_SELECTOR, 'select[id$="-bewindspersoon"]')).select_by_index(0)
    texts = driver.execute_script(
        "return [...document.querySelectorAll('table.kamerstuk-toezeggingen tbody tr')]"
        ".map(row => row.textContent.replace(/\\s+/g, ' ').trim());"
    )
    number, trace = next(
        (n, t) for n, t in sorted(traces.items()) if len(t.toezegging.tekst.split()) > 5
    )
    word = max(trace.toezegging.tekst.split(), key=len).strip('.,;:()')
    search = driver.find_element(By.CSS_SELECTOR, '.kamerstuk-filters input[type=search]')
    search.send_keys(word.upper())  # case does not matter
    rows = [n for n, _s, _b in _shown_rows(driver)]
    assert number in rows
    assert len(rows) == sum(word.casefold() in text.casefold() for text in texts) < 14
    search.clear()
    search.send_keys('geen-toezegging-zegt-dit')
    assert _shown_rows(driver) == []
    assert visible_text(shown) == '0 van 14 getoond'

    checked, violations = run_axe(driver)
    assert '.kamerstuk-filters' in checked
    assert not violations, f'axe-core found\n{describe(violations)}'


@pytest.mark.parametrize('theme', ['alabaster', 'furo'])
def test_at_1280_px_status_and_termijn_are_in_view_without_scrolling(driver, trial, theme):
    _app, address = trial(theme)
    driver.set_window_size(1280, 900)
    driver.get(address)
    edges = driver.execute_script(
        """
        const region = document.querySelector('.kamerstuk-scroll');
        const right = region.getBoundingClientRect().left + region.clientWidth;
        const edge = name => document.querySelector(`th[data-kolom="${name}"]`)
            .getBoundingClientRect().right;
        return {region: right, status: edge('status'), termijn: edge('termijn'),
                toezegging: edge('toezegging')};
        """
    )
    assert edges['status'] <= edges['region'] + 0.5, edges
    assert edges['termijn'] <= edges['region'] + 0.5, edges
