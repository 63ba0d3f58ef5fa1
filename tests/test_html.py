"""The pyvis HTML pages, opened from file:// in headless Debian Chromium (tests/plugins/browser.py).

The sample graph (tests/data/html_sample.jsonl) is invented Arabic text carrying script/img
injections in a document title, an evidence sentence, an alias, an entity label and a document URL;
each sets ``window.__pwned`` if it ever runs.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kg.graph import read_graph
from loaders.html.synthetic import synthetic_graph
from loaders.html.view import GraphView
from loaders.html_writer import write_html

SAMPLE = Path(__file__).parent / "data" / "html_sample.jsonl"
READY = "window.kgReady === true"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_graph():
    return read_graph(SAMPLE)


@pytest.fixture(scope="module")
def sample_site(sample_graph, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html_sample")
    write_html(sample_graph, out)
    return out


def open_page(page, path: Path, timeout: float = 30_000):
    page.goto(path.resolve().as_uri())
    page.wait_for_function(READY, timeout=timeout)
    return page


def assert_clean(page) -> None:
    """No console error, nothing fetched but local files, no injected code ran, no injected <img>."""
    assert page.console_errors == []
    assert [u for u in page.requests if not u.startswith("file://")] == []
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0


def page_json(html_path: Path) -> dict:
    text = html_path.read_text(encoding="utf-8")
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S)
    return json.loads(m.group(1))


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for attr in ("src", "href"):
            if a.get(attr) and tag in ("script", "link", "img", "iframe", "source", "a"):
                self.refs.append((tag, a[attr]))
        if tag == "script":
            self.scripts.append(a.get("type", ""))


# --- files ---------------------------------------------------------------------------------------

def test_one_page_per_entity_and_links(sample_graph, sample_site):
    pages = sorted(p.name for p in (sample_site / "entities").glob("*.html"))
    assert (sample_site / "index.html").exists()
    assert pages == sorted(f"{eid}.html" for eid in sample_graph.entities)
    index = page_json(sample_site / "index.html")
    related = {e for r in sample_graph.relations for e in (r.subject, r.object)}
    assert {n["href"] for n in index["nodes"]} == {f"entities/{e}.html" for e in related}  # isolated: search only
    for p in pages:
        parser = _Refs()
        parser.feed((sample_site / "entities" / p).read_text(encoding="utf-8"))
        assert ("a", "../index.html") in parser.refs


def test_no_remote_resources(sample_site):
    """Every script/style/image is a local file that exists; nothing points at a CDN."""
    for html in sample_site.rglob("*.html"):
        parser = _Refs()
        parser.feed(html.read_text(encoding="utf-8"))
        for tag, ref in parser.refs:
            if tag == "a":
                continue
            assert not re.match(r"(https?:)?//", ref), (html.name, tag, ref)
            assert (html.parent / ref).resolve().is_file(), (html.name, ref)
    for asset in (sample_site / "lib").iterdir():
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']https?://""", text), asset.name
        assert not re.search(r"url\(\s*[\"']?https?://", text), asset.name
        assert "@import" not in text


def test_article_text_is_escaped_in_source(sample_site):
    for html in sample_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>window.__pwned" not in text, html.name
        assert "<img src=x" not in text, html.name
        parser = _Refs()
        parser.feed(text)
        assert parser.scripts.count("application/json") == 1
        assert not [ref for tag, ref in parser.refs if ref.lower().startswith("javascript:")]
    # the entity table shows the injected sentence as text
    assert "&lt;script&gt;window.__pwned=" in (sample_site / "entities" / "ORG_PALM.html").read_text("utf-8")


def test_relation_labels_from_argument_and_fallback(sample_graph, tmp_path):
    graph = read_graph(SAMPLE)
    graph.relations[0].type = "BESIEGED"  # a type nobody labelled: its name is shown
    write_html(graph, tmp_path, relation_labels={"CONTROLS": {"label_ar": "يحكم", "label_en": "governs"}})
    data = page_json(tmp_path / "index.html")
    assert data["rtypes"]["CONTROLS"] == {**data["rtypes"]["CONTROLS"], "label_ar": "يحكم",
                                          "label_en": "governs"}
    assert data["rtypes"]["BESIEGED"]["label_ar"] == data["rtypes"]["BESIEGED"]["label_en"] == "BESIEGED"
    labels = {e["rtype"]: e.get("label") for e in data["edges"]}
    assert labels["CONTROLS"] == "يحكم"
    assert labels["BESIEGED"] == "BESIEGED"


def test_missing_fields_and_unknown_entities_still_render(tmp_path):
    """Nulls in graph.jsonl, a NaN confidence, a relation to an entity with no record, odd ids."""
    graph = read_graph(SAMPLE)
    rel = graph.relations[0]
    rel.confidence, rel.trigger, rel.modality = float("nan"), None, None
    rel.object = "ORG/غير معروف"  # no entity record, not filename-safe
    graph.documents[rel.doc] = graph.documents[rel.doc].__class__(rel.doc, "", title=None, date=None)
    graph.entities["PER_HALA"].aliases = None
    written = write_html(graph, tmp_path)
    assert len(written) == 1 + len(graph.entities) + 1
    data = page_json(tmp_path / "index.html")  # strict JSON: NaN would not parse in the browser
    json.dumps(data, allow_nan=False)
    odd = tmp_path / "entities" / GraphView(graph).files["ORG/غير معروف"]
    assert odd in written and re.fullmatch(r"ORG__+[0-9a-f]{8}\.html", odd.name)
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+\.html", p.name) for p in written)


# --- in the browser -------------------------------------------------------------------------------

def _edge_point(page, edge_id: str) -> tuple[float, float]:
    return tuple(page.evaluate(
        """id => { const p = kgNetwork.canvasToDOM(kgNetwork.body.edges[id].edgeType.getPoint(0.5));
                   const r = document.getElementById('kg-network').getBoundingClientRect();
                   return [p.x + r.left, p.y + r.top]; }""", edge_id))


def _node_point(page, node_id: str) -> tuple[float, float]:
    return tuple(page.evaluate(
        """id => { const p = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
                   const r = document.getElementById('kg-network').getBoundingClientRect();
                   return [p.x + r.left, p.y + r.top]; }""", node_id))


def test_index_renders_every_related_entity(page, sample_graph, sample_site, artefact_dir):
    open_page(page, sample_site / "index.html")
    related = {e for r in sample_graph.relations for e in (r.subject, r.object)}
    assert set(page.evaluate("kgNetwork.body.nodeIndices")) == related
    assert "PER_LONELY" not in related  # the entity without relations is only in the search box
    drawn_edges = page.evaluate("kgNetwork.body.edgeIndices.length")
    assert drawn_edges == len({(r.subject, r.type, r.object) for r in sample_graph.relations})
    assert page.evaluate("kgNetwork.physics.physicsEnabled") is False  # settled, then physics off
    assert "use the search box" in page.locator("#kg-hidden-note").inner_text()
    page.screenshot(path=str(artefact_dir / "html_index.png"))
    assert_clean(page)


def test_injected_evidence_and_title_stay_inert(page, sample_site, artefact_dir):
    open_page(page, sample_site / "index.html")
    edge = "ORG_VALLEY|FOUGHT|ORG_PALM"  # evidence: <script> and <img onerror> sentences, <img> title
    page.mouse.move(*_edge_point(page, edge))
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert "<script>window.__pwned='sentence-script'</script>" in text
    assert "onerror=\"window.__pwned='sentence-img'\"" in text
    assert "onerror=\"window.__pwned='title-img'\"" in text
    assert "اشتبكت قوات الوادي الأخضر" in text
    assert tooltip.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.screenshot(path=str(artefact_dir / "html_edge_tooltip.png"))
    # clicking the edge lists all its evidence, with document title and date
    page.mouse.click(*_edge_point(page, edge))
    details = page.locator("#kg-details")
    assert details.locator("li").count() == 2
    assert "2017-03-01" in details.inner_text() and "معارك عنيفة حول مدينة الرمان" in details.inner_text()
    # the h2 document's "javascript:" URL never becomes a link
    assert page.evaluate("[...document.querySelectorAll('a')].filter(a => /^javascript:/i.test(a.href)).length") == 0
    # hovering the nodes whose alias and label carry injections (PER_LONELY has no relation: its own page)
    page.mouse.move(*_node_point(page, "ORG_VALLEY"))
    page.wait_for_timeout(400)
    assert_clean(page)
    open_page(page, sample_site / "entities" / "PER_LONELY.html")
    page.mouse.move(*_node_point(page, "PER_LONELY"))
    page.wait_for_timeout(400)
    assert "window.__pwned='label'" in page.locator("div.vis-tooltip").inner_text()
    assert_clean(page)


def test_entity_page_shows_neighbourhood_and_evidence(page, sample_site, artefact_dir):
    open_page(page, sample_site / "entities" / "ORG_PALM.html")
    drawn = set(page.evaluate("kgNetwork.body.nodeIndices"))
    assert drawn == {"ORG_PALM", "ORG_VALLEY", "LOC_RUMMAN", "PER_SALEM", "STATE_JABAL"}
    assert page.locator("h1").inner_text() == "لواء النخيل"
    rels = page.locator("#kg-relations .kg-rel")
    assert rels.count() == 4
    body = page.locator("#kg-relations").inner_text()
    assert "<script>window.__pwned='sentence-script'</script>" in body  # shown as text
    assert "يقود سالم بن راشد لواء النخيل." in body
    assert page.locator("#kg-relations mark").first.inner_text() in {"اشتبكت", "الاشتباكات", "يسيطر", "يقود",
                                                                       "دعما"}
    page.screenshot(path=str(artefact_dir / "html_entity_ORG_PALM.png"), full_page=True)
    assert_clean(page)
    # click a neighbour: its page opens; its back link returns to the index
    page.mouse.click(*_node_point(page, "PER_SALEM"))
    page.wait_for_url("**/entities/PER_SALEM.html")
    page.wait_for_function(READY)
    assert page.locator("h1").inner_text() == "سالم بن راشد"
    page.click("#kg-back")
    page.wait_for_url("**/index.html")
    page.wait_for_function(READY)
    assert_clean(page)


def test_search_menu_shows_arabic(page, sample_site, artefact_dir):
    open_page(page, sample_site / "entities" / "LOC_SINDIYAN.html")
    page.fill("#kg-search", "النخيل")
    results = page.locator("#kg-results li a")
    assert results.all_inner_texts() == ["لواء النخيل"]
    # spelling variants are folded (ابو/أبو) and aliases are searched
    page.fill("#kg-search", "ابو راشد")
    assert results.all_inner_texts() == ["سالم بن راشد"]
    page.fill("#kg-search", "قوات")
    texts = page.locator("#kg-results").inner_text()
    assert "قوات الوادي الأخضر" in texts and "?" not in texts and "\ufffd" not in texts
    page.screenshot(path=str(artefact_dir / "html_search.png"))
    page.click("#kg-results li a")
    page.wait_for_url("**/entities/ORG_VALLEY.html")
    page.wait_for_function(READY)
    assert_clean(page)


def test_filters_by_entity_and_relation_type(page, sample_graph, sample_site):
    open_page(page, sample_site / "index.html")
    drawn = {e for r in sample_graph.relations for e in (r.subject, r.object)}
    n_places = sum(sample_graph.entities[e].type == "Place" for e in drawn)
    total = len(drawn)
    page.uncheck("input[data-etype=Place]")
    assert page.evaluate("kgNetwork.body.nodeIndices.length") == total - n_places
    page.check("input[data-etype=Place]")
    edges = page.evaluate("kgNetwork.body.edgeIndices.length")
    page.uncheck("input[data-rtype=FOUGHT]")
    assert page.evaluate("kgNetwork.body.edgeIndices.length") == edges - 1
    assert "FOUGHT" not in page.evaluate("kgNetwork.body.edgeIndices.map(id => kgEdges.get(id).rtype)")
    assert_clean(page)


def test_large_graph_index_is_capped_with_a_note(page, tmp_path, artefact_dir):
    graph = synthetic_graph(n_entities=900, n_relations=2500, n_documents=300)
    write_html(graph, tmp_path, max_index_nodes=400)
    open_page(page, tmp_path / "index.html", timeout=60_000)
    assert page.evaluate("kgNetwork.body.nodeIndices.length") == 400
    note = page.locator("#kg-hidden-note")
    assert note.is_visible()
    assert "500" in note.inner_text() and "each entity page still shows them" in note.inner_text()
    assert page.evaluate("kgNetwork.physics.physicsEnabled") is False
    page.screenshot(path=str(artefact_dir / "html_large_index.png"))
    assert_clean(page)
    # an entity left off the index is found by the search box and has its own page
    data = page_json(tmp_path / "index.html")
    shown = {n["id"] for n in data["nodes"]}
    hidden = next(e for e in sorted(graph.entities) if e not in shown)
    page.fill("#kg-search", graph.entities[hidden].label)
    page.click(f"#kg-results li[data-id='{hidden}'] a")
    page.wait_for_function(READY)
    assert hidden in page.evaluate("kgNetwork.body.nodeIndices")
    assert_clean(page)


def test_seed_graph_pages(page, seed_graph_path, tmp_path, artefact_dir):
    graph = read_graph(seed_graph_path)
    assert graph.entities, "the seed graph has no entities"
    written = write_html(graph, tmp_path)
    assert len(written) == 1 + len(graph.entities)
    open_page(page, tmp_path / "index.html")
    related = {e for r in graph.relations for e in (r.subject, r.object)}
    assert page.evaluate("window.kgReadyAt") < 5000
    assert page.evaluate("kgNetwork.body.nodeIndices.length") == min(400, len(related))
    assert page.evaluate(READABLE_LABELS) >= min(30, len(related))
    page.screenshot(path=str(artefact_dir / "html_seed_index.png"))
    assert_clean(page)
    hub = max(graph.entities, key=lambda e: sum(e in (r.subject, r.object) for r in graph.relations))
    open_page(page, tmp_path / "entities" / GraphView(graph).files[hub])
    n_evidence = sum(len(e.evidence) for e in GraphView(graph).incident_edges(hub))
    assert page.locator("#kg-relations li.kg-ev-item:not([hidden])").count() == min(50, n_evidence)
    assert page.locator("#kg-relations .kg-page-info").first.inner_text().endswith(f" / {n_evidence}")
    page.screenshot(path=str(artefact_dir / "html_seed_entity.png"), full_page=True)
    assert_clean(page)


# --- at corpus scale: the synthetic 8,000-entity graph ---------------------------------------------

# labels vis-network drew at the current zoom whose on-screen size is readable (>= 10 px)
READABLE_LABELS = """(() => { const s = kgNetwork.getScale(); let n = 0;
  for (const id of kgNetwork.body.nodeIndices) { const l = kgNetwork.body.nodes[id].labelModule;
    if (l.visible() && l.fontOptions.size * s >= 10) n++; } return n; })()"""
DRAWN_ENDS = ("kgNetwork.body.edgeIndices.flatMap(id => "
              "[kgNetwork.body.edges[id].fromId, kgNetwork.body.edges[id].toId])")


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory):
    """The 8,000-entity synthetic graph, its hub given a Wikidata id, a Markdown sentence and a broken alias."""
    graph = synthetic_graph()
    view = GraphView(graph)
    hub = max(view.degree, key=view.degree.get)
    graph.entities[hub].wikidata = "Q2429253"
    graph.entities[hub].aliases = [*graph.entities[hub].aliases, 'تنظيم "المثال']
    rel = next(r for r in graph.relations if hub in (r.subject, r.object))
    rel.sentence = "**جرى اتفاق** بين الطرفين " + rel.sentence
    out = tmp_path_factory.mktemp("html_synthetic")
    write_html(graph, out)
    return graph, out, hub, rel


def test_synthetic_index_draws_related_entities_labelled_and_fast(page, synthetic_site, artefact_dir):
    graph, out, _hub, _rel = synthetic_site
    open_page(page, out / "index.html", timeout=60_000)
    assert page.evaluate("window.kgReadyAt") < 5000  # interactive in under 5 s
    drawn = page.evaluate("kgNetwork.body.nodeIndices")
    assert len(drawn) == 400
    assert set(drawn) <= set(page.evaluate(DRAWN_ENDS)), "a drawn entity without a drawn relation"
    assert page.evaluate(READABLE_LABELS) >= 30  # the best ranked nodes are labelled at the default zoom
    page.screenshot(path=str(artefact_dir / "html_synthetic_index.png"))
    edges = page.evaluate("kgNetwork.body.edgeIndices.length")
    page.uncheck("input[data-modality=asserted]")
    fewer = page.evaluate("kgNetwork.body.edgeIndices.length")
    assert 0 < fewer < edges
    shown = page.evaluate("kgNetwork.body.edgeIndices.map(id => kgEdges.get(id).facets)")
    assert all(any(f[0] != "asserted" for f in facets) for facets in shown)
    page.check("input[data-modality=asserted]")
    page.fill("#kg-confidence", "0.95")
    page.dispatch_event("#kg-confidence", "input")
    facets = page.evaluate("kgNetwork.body.edgeIndices.map(id => kgEdges.get(id).facets)")
    assert 0 < len(facets) < edges and all(any(f[2] >= 0.95 for f in fs) for fs in facets)
    page.fill("#kg-confidence", "0")
    page.dispatch_event("#kg-confidence", "input")
    page.select_option("#kg-source", "صحيفة المثال")
    facets = page.evaluate("kgNetwork.body.edgeIndices.map(id => kgEdges.get(id).facets)")
    assert 0 < len(facets) < edges and all(any(f[1] == "صحيفة المثال" for f in fs) for fs in facets)
    assert_clean(page)


def test_synthetic_hub_page_pages_its_evidence(page, synthetic_site, artefact_dir):
    graph, out, hub, rel = synthetic_site
    view = GraphView(graph)
    total = sum(len(e.evidence) for e in view.incident_edges(hub))
    open_page(page, out / "entities" / view.files[hub], timeout=60_000)
    assert page.evaluate("window.kgReadyAt") < 5000
    items = page.locator("#kg-relations li.kg-ev-item:not([hidden])")
    assert items.count() == 50
    info = page.locator("#kg-relations .kg-page-info").first
    assert info.inner_text() == f"1–50 / {total}"
    assert page.evaluate("document.documentElement.scrollHeight") < 20_000  # was 343,780 px, unpaged
    page.locator("#kg-relations .kg-pager button[data-step='1']").first.click()
    assert info.inner_text() == f"51–100 / {total}" and items.count() == 50
    page.uncheck("input[data-modality=asserted]")
    others = sum(ev["modality"] != "asserted" for e in view.incident_edges(hub) for ev in e.evidence)
    assert info.inner_text() == f"1–{min(50, others)} / {others}"
    page.check("input[data-modality=asserted]")
    # Wikidata id linked; Markdown and the broken quote cleaned on the page, graph.jsonl text unchanged
    assert page.locator("#kg-wikidata").get_attribute("href") == "https://www.wikidata.org/wiki/Q2429253"
    assert "تنظيم المثال" in page.locator(".kg-aliases").inner_text()
    html = (out / "entities" / view.files[hub]).read_text(encoding="utf-8")
    assert "جرى اتفاق بين الطرفين" in html and "**جرى" not in html
    assert rel.sentence.startswith("**جرى اتفاق**")
    page.screenshot(path=str(artefact_dir / "html_synthetic_hub.png"))
    assert_clean(page)


def test_browser_style_has_the_pages_colours():
    """queries/kg.grass is current and colours each entity and relation type as the pages do."""
    from loaders.html.grass import GRASS_PATH, grass
    from loaders.html.style import style

    text = GRASS_PATH.read_text(encoding="utf-8")
    assert text == grass(), "queries/kg.grass is stale: run python -m loaders.html.grass"
    for name, t in style()["entity_types"].items():
        assert re.search(rf"node\.{name} \{{[^}}]*color: {t['color']};", text), name
    for name, color in style()["relation_colors"].items():
        assert re.search(rf"relationship\.{name} \{{[^}}]*color: {color};", text), name
