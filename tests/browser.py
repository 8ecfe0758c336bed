"""Helpers for the browser tests: the docs built and served, headless Chromium, axe-core."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main

ROOT = Path(__file__).parents[1]
DOCS = ROOT / 'docs'
AXE = ROOT / 'node_modules' / 'axe-core' / 'axe.min.js'
# Debian's packages chromium and chromium-driver; Selenium must not download a browser.
CHROMIUM = Path('/usr/bin/chromium')
CHROMEDRIVER = Path('/usr/bin/chromedriver')
CHROMIUM_FLAGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--window-size=1280,900',
]
WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
# What this extension renders; the theme around it is not ours to check.
OUR_SELECTORS = [
    '.kamerbrief-briefhoofd',
    '.kamerbrief-ondertekening',
    '.kamerstuk-scroll',
    '.kamerstuk-filters',
    '.kamerstuk-toezeggingen',
    '.kamerstuk-samenvatting',
    'svg.kamerstuk-grafiek',
    '.kamerstuk-legenda',
    '.kamerstuk-toezegging',
    '.kamerstuk-brief-toezeggingen',
    'ul.kamerstukken',
    'span.kamerstuk',
]


def require(available: bool, reason: str) -> None:
    """Skip when a tool is missing; on CI (``CI=true``) that is a set-up bug, so fail."""
    if available:
        return
    if os.environ.get('CI') == 'true':
        pytest.fail(f'{reason} (CI=true: .ci/run must install it)', pytrace=False)
    pytest.skip(reason)


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    require(path is not None, f'{name} not found (Debian: apt-get install {package})')
    return path


def build_docs(outdir: Path, *overrides: str) -> Path:
    """Build ``docs/`` to HTML with -W; ``overrides`` are ``name=value`` for ``-D``."""
    args = ['-q', '-W', '-b', 'html', '-d', str(outdir / '.doctrees')]
    for override in overrides:
        args += ['-D', override]
    status = build_main([*args, str(DOCS), str(outdir)])
    assert status == 0, f'sphinx-build of docs/ failed ({overrides or "default theme"})'
    return outdir


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path):
    """Serve ``directory`` over http on 127.0.0.1; yields the base URL."""
    server = ThreadingHTTPServer(('127.0.0.1', 0), partial(_QuietHandler, directory=directory))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f'http://127.0.0.1:{server.server_address[1]}'
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def chromium(profile: Path):
    """A headless Debian Chromium driven by Selenium, with a fresh profile."""
    require(CHROMIUM.is_file(), f'{CHROMIUM} not found (Debian: apt-get install chromium)')
    require(
        CHROMEDRIVER.is_file(),
        f'{CHROMEDRIVER} not found (Debian: apt-get install chromium-driver)',
    )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        require(False, "selenium not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*CHROMIUM_FLAGS, f'--user-data-dir={profile}']:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.set_window_size(1280, 900)
        driver.set_script_timeout(60)
        yield driver
    finally:
        driver.quit()


def print_to_pdf(driver, path: Path) -> Path:
    """Print the current page the way the browser's print dialog does, with CSS @page."""
    result = driver.execute_cdp_cmd(
        'Page.printToPDF', {'preferCSSPageSize': True, 'printBackground': True}
    )
    path.write_bytes(base64.b64decode(result['data']))
    return path


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(['pdfinfo', str(path)], capture_output=True, text=True, check=True)
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(':') for line in out.stdout.splitlines())
    }


def pdftotext(path: Path) -> str:
    out = subprocess.run(['pdftotext', str(path), '-'], capture_output=True, text=True, check=True)
    return ' '.join(out.stdout.split())


def run_axe(driver) -> tuple[list[str], list[dict]]:
    """Run axe-core's WCAG 2.1 A/AA rules on what this extension rendered on the current page;
    returns the selectors checked and the violations."""
    require(AXE.is_file(), 'axe-core not installed (run `npm ci` at the repository root)')
    present = driver.execute_script(
        'return arguments[0].filter(s => document.querySelector(s) !== null);', OUR_SELECTORS
    )
    driver.execute_script(AXE.read_text(encoding='utf-8'))
    result = driver.execute_async_script(
        """
        const [context, options, done] = arguments;
        axe.run(context, options).then(
            r => done(JSON.stringify(r.violations)),
            e => done(JSON.stringify({error: String(e)})));
        """,
        {'include': [[selector] for selector in present]},
        {'runOnly': {'type': 'tag', 'values': WCAG_TAGS}, 'resultTypes': ['violations']},
    )
    violations = json.loads(result)
    assert not isinstance(violations, dict), violations.get('error')
    return present, violations


def describe(violations: list[dict]) -> str:
    """Each violation with its id, impact, help and the failing nodes' HTML."""
    lines = []
    for violation in violations:
        lines.append(
            f'{violation["id"]} ({violation["impact"]}): {violation["help"]}'
            f' <{violation["helpUrl"]}>'
        )
        for node in violation['nodes']:
            lines.append(f'    {node["html"]}')
            if node.get('failureSummary'):
                lines.extend(f'      {line}' for line in node['failureSummary'].splitlines())
    return '\n'.join(lines)
