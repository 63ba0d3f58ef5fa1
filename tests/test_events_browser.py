"""The index page's date-range filter in real headless Chromium: edges whose events all fall outside the
chosen range are hidden, and clearing the range shows them again."""

from __future__ import annotations

import pytest

from kg.graph import read_graph
from loaders.html.events import date_range
from loaders.html_writer import write_html

pytestmark = pytest.mark.browser


def test_index_date_filter_hides_edges_outside_the_range(seed_graph_path, tmp_path, chromium_page, artefact_dir):
    graph = read_graph(seed_graph_path)
    write_html(graph, tmp_path / "html")
    bounds = date_range(graph)
    page = chromium_page
    page.goto((tmp_path / "html" / "index.html").as_uri())
    page.wait_for_function("window.kgEdges && window.kgEdges.length > 0")
    total = page.evaluate("window.kgEdges.length")
    assert page.locator("#kg-date-filter .kg-date-count").inner_text() == str(total)

    page.fill("#kg-date-filter input[name=from]", bounds["max"])
    page.dispatch_event("#kg-date-filter input[name=from]", "change")
    shown = page.evaluate("window.kgEdges.get({filter: function (e) { return !e.hidden; }}).length")
    latest = {(r.type, *sorted((r.subject, r.object))) for r in graph.relations if r.date == bounds["max"]}
    assert 0 < shown < total and shown <= len(latest)
    assert page.locator("#kg-date-filter .kg-date-count").inner_text() == str(shown)
    page.screenshot(path=str(artefact_dir / "events_index_date_filter.png"))

    page.fill("#kg-date-filter input[name=from]", "")
    page.dispatch_event("#kg-date-filter input[name=from]", "change")
    assert page.evaluate("window.kgEdges.get({filter: function (e) { return !e.hidden; }}).length") == total
    assert not page.console_errors
