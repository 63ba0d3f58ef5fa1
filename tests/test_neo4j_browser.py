"""Neo4j Browser, as served by the local server, in headless Debian Chromium: connect, run a saved query."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from kg.graph import read_graph
from loaders.neo4j_loader import load_graph
from tests.plugins.neo4j_server import wipe_neo4j

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "neo4j_mini_graph.jsonl"


def browser_url(bolt_uri: str) -> str:
    if os.environ.get("NEO4J_BROWSER_URL"):
        return os.environ["NEO4J_BROWSER_URL"]
    host = urlparse(bolt_uri).hostname or "127.0.0.1"
    return f"http://{host}:{os.environ.get('KG_NEO4J_HTTP_PORT', '7474')}/browser/"


def test_browser_runs_a_saved_query(neo4j_driver, neo4j_uri, neo4j_auth, chromium_page, artefact_dir):
    wipe_neo4j(neo4j_driver)
    load_graph(neo4j_driver, read_graph(MINI))
    page = chromium_page
    bolt = urlparse(neo4j_uri)
    user, password = neo4j_auth

    page.goto(f"{browser_url(neo4j_uri)}?connectURL=bolt://{user}@{bolt.hostname}:{bolt.port or 7687}",
              wait_until="domcontentloaded")
    page.get_by_test_id("password").fill(password)
    page.get_by_test_id("connect").click()
    page.get_by_text(f"You are connected as user {user}").first.wait_for(timeout=60_000)

    query = (ROOT / "queries" / "01_who_fought_whom.cypher").read_text(encoding="utf-8")
    page.get_by_test_id("activeEditor").click()
    page.keyboard.insert_text(query)
    page.get_by_test_id("editor-Run").click()

    frame = page.get_by_test_id("frame").filter(has_text="01_who_fought_whom").first
    frame.get_by_text("Started streaming 3 records").wait_for(timeout=60_000)
    text = frame.inner_text()
    for expected in ["a_name", "b_name", "sentence", '"ISIS"', '"SDF"', '"قوات سوريا الديمقراطية"',
                     '"ORG_a1b2c3d4e5"', '"جبهة الفجر الجديد"',
                     "اشتبك مقاتلو داعش مع قوات سوريا الديمقراطية قرب مدينة الرماد صباح اليوم."]:
        assert expected in text, expected
    # rows in ORDER BY order: the pair with 2 evidence sentences first
    assert text.index('"SDF"') < text.index('"ORG_a1b2c3d4e5"') < text.index('"ORG_f6a7b8c9d0"')
    shot = artefact_dir / "neo4j_browser_01_who_fought_whom.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
