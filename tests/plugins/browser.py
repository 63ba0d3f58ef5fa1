"""Headless Debian Chromium driven by Playwright, shared by every browser test.

Register with ``pytest_plugins = ["tests.plugins.browser"]`` in the root ``tests/conftest.py``.

Fixtures:

- ``browser`` (session): one Chromium process, ``/usr/bin/chromium`` (or ``$KG_CHROMIUM``); Playwright
  never downloads a browser here.
- ``page`` (function): a fresh context + page. It records what a test usually asserts on:
  ``page.console_errors`` (console ``error`` messages and uncaught page errors, as strings) and
  ``page.requests`` (every requested URL).
- ``chromium_page``: the same as ``page`` (the name used in docs/ARCHITECTURE.md).
- ``artefact_dir`` (session): ``test-output/`` at the repo root, for screenshots.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
# Chromium's sandbox needs user namespaces that containers often lack; harmless for local files.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=ar"]


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set KG_CHROMIUM)")
    b = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture()
def page(browser) -> Iterator:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar")
    pg = context.new_page()
    pg.console_errors = []
    pg.requests = []
    pg.on("console", lambda msg: msg.type == "error" and pg.console_errors.append(msg.text))
    pg.on("pageerror", lambda exc: pg.console_errors.append(f"pageerror: {exc}"))
    pg.on("request", lambda req: pg.requests.append(req.url))
    yield pg
    context.close()


@pytest.fixture()
def chromium_page(page):
    return page


@pytest.fixture(scope="session")
def artefact_dir() -> Path:
    out = REPO_ROOT / "test-output"
    out.mkdir(exist_ok=True)
    return out
