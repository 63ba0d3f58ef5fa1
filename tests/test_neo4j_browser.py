"""Neo4j Browser, as served by the local server, in headless Debian Chromium: every saved query file of
queries/ pasted as it is (its ``:param`` lines included) runs, and its rows (or graph) are shown.

Browser runs a pasted file as a multi-statement script: the ``:param`` lines set the parameters and the
query runs, but a script frame shows only each statement's status (neo4j-browser#961: scripts set up the
session; rows are shown per query). So, as a user does next, the test runs the query on its own (what
Ctrl+click on it in the script frame copies to the editor): with the parameters the script set, it shows
its rows, the same rows the driver gives.
Screenshots of both frames go to test-output/neo4j_browser_<file>.png.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from kg.graph import read_graph
from loaders.neo4j_loader import PARAM_LINE, load_graph, query_body, run_saved_query
from tests.plugins.neo4j_server import wipe_neo4j

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
MINI = ROOT / "tests" / "data" / "neo4j_mini_graph.jsonl"
DATED = ("09_events_of_actor_in_range", "10_events_at_place")  # event dates/places: the seed graph has them
FILES = sorted(p.name for p in QUERIES.glob("*.cypher"))


def browser_url(bolt_uri: str) -> str:
    if os.environ.get("NEO4J_BROWSER_URL"):
        return os.environ["NEO4J_BROWSER_URL"]
    host = urlparse(bolt_uri).hostname or "127.0.0.1"
    return f"http://{host}:{os.environ.get('KG_NEO4J_HTTP_PORT', '7474')}/browser/"


@pytest.fixture(scope="module")
def graph_path(request):
    """Which graph a file is shown on: the mini graph (exact rows known), the seeds for event queries."""
    return lambda name: request.getfixturevalue("seed_graph_path") if name.startswith(DATED) else MINI


def connect(page, neo4j_uri: str, auth: tuple[str, str]) -> None:
    bolt = urlparse(neo4j_uri)
    user, password = auth
    page.goto(f"{browser_url(neo4j_uri)}?connectURL=bolt://{user}@{bolt.hostname}:{bolt.port or 7687}",
              wait_until="domcontentloaded")
    page.get_by_test_id("password").fill(password)
    page.get_by_test_id("connect").click()
    page.get_by_text(f"You are connected as user {user}").first.wait_for(timeout=60_000)


def paste_and_run(page, text: str) -> None:
    page.get_by_test_id("activeEditor").click()
    page.keyboard.insert_text(text)
    page.get_by_test_id("editor-Run").click()


@pytest.mark.parametrize("name", FILES)
def test_saved_file_pasted_as_is_shows_rows(name, graph_path, neo4j_driver, neo4j_uri, neo4j_auth,
                                            chromium_page, artefact_dir):
    wipe_neo4j(neo4j_driver)
    load_graph(neo4j_driver, read_graph(graph_path(name)))
    want = run_saved_query(neo4j_driver, QUERIES / name)  # what the driver gives with the same defaults
    assert want, f"{name}: no rows with its defaults on this graph"
    text = (QUERIES / name).read_text(encoding="utf-8")
    n_params = sum(bool(PARAM_LINE.match(line)) for line in text.splitlines())
    page = chromium_page
    connect(page, neo4j_uri, neo4j_auth)

    paste_and_run(page, text)
    if n_params:  # a script: every statement (the :param lines, then the query) succeeded
        script = page.get_by_test_id("frame").first
        script.get_by_test_id("multi-statement-list-title").nth(n_params).wait_for(timeout=60_000)
        done = script.locator('[title="Status: success"]')
        done.nth(n_params).wait_for(timeout=60_000)
        assert done.count() == n_params + 1
        titles = script.get_by_test_id("multi-statement-list-title").all_inner_texts()
        assert [t.split("$", 1)[-1].strip() for t in titles[:n_params]] == [
            line.rstrip(";") for line in text.splitlines()[:n_params]]
        paste_and_run(page, query_body(text))  # the query as the script frame lists it

    frame = page.get_by_test_id("frame").first
    if name.endswith(".graph.cypher"):
        nodes = {n["id"] for row in want for n in row["p"].nodes}
        frame.get_by_text(re.compile(rf"Displaying {len(nodes)} nodes?")).wait_for(timeout=60_000)
    else:
        frame.get_by_text(f"Started streaming {len(want)} record").wait_for(timeout=60_000)
        shown = frame.inner_text()
        for column in want[0]:
            assert column in shown, (name, column)
        first = next(v for v in want[0].values() if isinstance(v, str) and v)
        assert first in shown, (name, first)
    shot = artefact_dir / f"neo4j_browser_{name.removesuffix('.cypher')}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
