"""Turns a node/edge selection into a pyvis network and the page HTML (Jinja, autoescaped).

Article text never goes into markup unescaped: the Jinja template autoescapes, and the network
data is embedded as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
written as ``\\u003c``…, so no sentence or title can close the script element. Tooltips are built
from that data in the browser with ``textContent`` (``kg.js``).
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from loaders.html.clean import clean_text
from loaders.html.style import style
from loaders.html.view import Edge, GraphView, Selection

TEMPLATES = Path(__file__).resolve().parents[2] / "kg" / "resources" / "html"
TOOLTIP_EVIDENCE = 3
TOP_LABELS = 30  # nodes whose label is readable at the default zoom (the best ranked drawn nodes)
LABEL_PX = 13  # their label's size on screen at the default zoom
EVIDENCE_PAGE = 50  # evidence sentences (and events) listed per page on an entity page
MODALITIES = ("asserted", "expected", "proposed", "denied")


def json_for_script(data: object) -> Markup:
    """JSON safe inside a <script> element, whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


@cache
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    env.filters["json_script"] = json_for_script
    env.filters["clean"] = clean_text  # article text as shown (loaders/html/clean.py)
    return env


def node_value(degree: int) -> float:
    """vis-network scales node and label size by ``value``: log of the degree, so hubs stand out
    without dwarfing the rest; small labels are skipped when zoomed out (drawThreshold)."""
    return round(math.log2(2 + degree), 3)


def physics_options(n_nodes: int, n_edges: int, n_isolated: int = 0) -> dict:
    """Bounded stabilization (fewer iterations on larger drawings); kg.js turns physics off after."""
    size = n_nodes + n_edges / 4
    iterations = 400 if size <= 100 else 250 if size <= 400 else 150 if size <= 700 else 100
    return {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {
            "gravitationalConstant": -6000 if n_nodes > 200 else -9000 if n_isolated < 0.2 * n_nodes else -3500,
            # entities without drawn relations would drift far out and shrink the fitted drawing
            "centralGravity": round(0.25 + 1.5 * n_isolated / max(1, n_nodes), 2),
            # dense drawings (many edges per node) need longer springs or the nodes pile up
            "springLength": 170 if n_nodes <= 60 and n_edges <= 3 * n_nodes else 240 if n_nodes <= 200 else 120,
            "springConstant": 0.03 if n_edges <= 3 * n_nodes else 0.015,
            "damping": 0.3,
            "avoidOverlap": 0.5 if n_nodes <= 200 else 0.3,
        },
        "minVelocity": 1.5,
        "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 50, "fit": True},
    }


def network_options(n_nodes: int, n_edges: int, n_isolated: int = 0) -> dict:
    font = style()["font"]
    return {
        "autoResize": True,
        "layout": {"improvedLayout": n_nodes <= 60, "randomSeed": 7},
        "nodes": {
            "font": {"face": font, "size": 15, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            "scaling": {"min": 10, "max": 40,
                        "label": {"enabled": True, "min": 13, "max": 20, "drawThreshold": 9 if n_nodes > 150 else 4,
                                  "maxVisible": 26}},
        },
        "edges": {
            "font": {"face": font, "size": 12, "align": "middle", "strokeWidth": 3,
                     "strokeColor": "#ffffff"},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_edges > 800,
                        "hideEdgesOnZoom": n_edges > 800, "navigationButtons": False,
                        "keyboard": False},
        "physics": physics_options(n_nodes, n_edges, n_isolated),
    }


def build_network(view: GraphView, sel: Selection, etypes: dict, rtypes: dict, *, center: str | None,
                  edge_labels: bool, max_evidence: int = 5) -> Network:
    """A pyvis Network of the selection; extra fields (etype, aliases, evidence…) feed kg.js.

    Edges not touching ``center`` carry at most ``max_evidence`` sentences (``nevidence`` says how
    many exist; the full list is on the pages of their two entities), which keeps large pages small.
    """
    net = Network(height="100%", width="100%", directed=True)
    top = max((node_value(view.degree.get(n, 0)) for n in sel.nodes), default=1.0)
    labelled = {center, *sorted(sel.nodes, key=view.rank_key)[:TOP_LABELS]}
    for eid in sel.nodes:
        ent = view.entities[eid]
        st = etypes.get(ent.type) or style()["other_entity_type"]
        border = "#111111" if eid == center else st["color"]
        fill = {"background": st["color"], "border": border}
        extra = {"x": 0, "y": 0, "fixed": True} if eid == center else {}  # the ego network around it
        extra |= {"borderWidth": 5 if eid == center else 1, "color": {
            **fill, "highlight": {"background": st["color"], "border": "#000000"},
            "hover": {"background": st["color"], "border": "#000000"}}}
        value = top if eid == center else node_value(view.degree.get(eid, 0))  # the page's subject: largest
        net.add_node(
            eid, label=ent.label or eid, shape=st["shape"], value=value,
            etype=ent.type, aliases=[a for a in ent.aliases if a != ent.label][:25],
            degree=view.degree.get(eid, 0), ndocs=len(ent.docs), href=f"entities/{view.files[eid]}",
            top=eid in labelled, **extra,
        )
    parallel: dict[frozenset, int] = {}
    for key in sel.edges:
        edge: Edge = view.edges[key]
        rt = rtypes[edge.type]
        pair = frozenset((edge.source, edge.target))
        k = parallel[pair] = parallel.get(pair, -1) + 1
        net.add_edge(
            edge.source, edge.target, id=key, rtype=edge.type, label_ar=rt["label_ar"],
            label_en=rt["label_en"], label=rt["label_ar"] if edge_labels else None,
            color={"color": rt["color"], "highlight": rt["color"], "hover": rt["color"]},
            width=round(1 + 1.5 * math.log2(len(edge.evidence)), 2),
            dashes=("asserted" not in edge.modalities),
            smooth={"enabled": True, "type": "curvedCW", "roundness": round(0.12 + 0.14 * k, 2)},
            evidence=edge.evidence if center in (edge.source, edge.target) else edge.evidence[:max_evidence],
            nevidence=len(edge.evidence), modalities=sorted(edge.modalities), facets=edge_facets(edge),
        )
    linked = {view.edges[k].source for k in sel.edges} | {view.edges[k].target for k in sel.edges}
    net.options = network_options(len(sel.nodes), len(sel.edges), len(set(sel.nodes) - linked))
    return net


def edge_facets(edge: Edge) -> list[tuple]:
    """Distinct (modality, source, confidence) of all of an edge's evidence: what the page's filters test
    (edges away from the page's entity carry only a few sentences, but all their facets)."""
    return sorted({(ev["modality"], ev["source"], ev["confidence"] if ev["confidence"] is not None else 0.0)
                   for ev in edge.evidence})


def filter_options(view: GraphView) -> dict:
    """Choices of the evidence filters: modalities and sources, with the number of sentences of each."""
    modalities: dict[str, int] = dict.fromkeys(MODALITIES, 0)
    sources: dict[str, int] = {}
    for edge in view.edges.values():
        for ev in edge.evidence:
            modalities[ev["modality"]] = modalities.get(ev["modality"], 0) + 1
            if ev["source"]:
                sources[ev["source"]] = sources.get(ev["source"], 0) + 1
    return {"modalities": [{"name": m, "count": n} for m, n in modalities.items()],
            "sources": [{"name": k, "count": n} for k, n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0]))]}


def page_data(net: Network, *, kind: str, root: str, center: str | None, etypes: dict, rtypes: dict,
              edge_labels: bool, hidden: int, total: int) -> dict:
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    for e in edges:
        if e.get("label") is None:
            e.pop("label", None)
    return {
        "page": {"kind": kind, "root": root, "entity": center, "hidden": hidden, "total": total,
                 "edgeLabels": edge_labels, "tooltipEvidence": TOOLTIP_EVIDENCE, "labelPx": LABEL_PX,
                 "pageSize": EVIDENCE_PAGE},
        "etypes": etypes,
        "rtypes": rtypes,
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
    }


def render_page(**context) -> str:
    return environment().get_template("page.html.j2").render(**context)
