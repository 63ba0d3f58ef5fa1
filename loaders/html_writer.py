"""graph.jsonl -> interactive pyvis pages: ``index.html`` (the whole graph) and one page per entity.

Everything works offline from ``file://``: vis-network (shipped inside pyvis), the stylesheet, the
page script and the entity list for the search box are copied to ``lib/`` next to the pages; no
CDN is referenced. See docs/html.md.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pyvis

from kg.graph import Graph
from kg.outputs import copy_atomic, mark_output_dir, write_text_atomic
from loaders.html.events import copy_date_filter, date_range, edge_dates, entity_events
from loaders.html.render import EVIDENCE_PAGE, TEMPLATES, build_network, filter_options, page_data, render_page
from loaders.html.style import (
    entity_type_styles,
    load_relation_labels,
    normalize_labels,
    relation_type_styles,
    style,
)
from loaders.html.view import GraphView

MAX_INDEX_NODES = 400
MAX_PAGE_NEIGHBOURS = 80
MAX_INDEX_EDGES = 2000  # keeps the index drawable; the weakest edges among the shown nodes are left out
MAX_PAGE_EDGES = 120  # edges among an entity's neighbours (its own edges are always drawn)
INDEX_EDGE_LABELS_UP_TO = 150  # beyond this many edges the index draws colours only (labels clutter)
VIS_LIB = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"


def write_html(graph: Graph, out_dir: Path, relation_labels: dict | None = None, *,
               max_index_nodes: int = MAX_INDEX_NODES,
               max_page_neighbours: int = MAX_PAGE_NEIGHBOURS,
               max_index_edges: int = MAX_INDEX_EDGES) -> list[Path]:
    """Write the site into ``out_dir``; returns the pages written (index first).

    ``relation_labels`` (type -> {"label_en", "label_ar"} or a plain string) overrides
    ``kg/resources/relations.json``; a type without a label shows its name.
    """
    out_dir = Path(out_dir)
    (out_dir / "entities").mkdir(parents=True, exist_ok=True)
    view = GraphView(graph)
    labels = load_relation_labels()
    labels.update(normalize_labels(relation_labels or {}))
    etypes = entity_type_styles({e.type for e in view.entities.values()})
    for name, n in Counter(e.type for e in view.entities.values()).items():
        etypes[name]["count"] = n
    for t in etypes.values():
        t.setdefault("count", 0)
    rtypes = relation_type_styles({e.type for e in view.edges.values()}, labels)
    counts = Counter(r.type for r in graph.relations)
    for name, r in rtypes.items():
        r["count"] = counts.get(name, 0)

    mark_output_dir(out_dir)
    _write_lib(out_dir, view)
    copy_date_filter(out_dir / "lib")
    filters = filter_options(view)
    stats = {"entities": len(view.entities), "relations": len(graph.relations),
             "documents": len(graph.documents)}
    # every page is written under a temporary name and renamed; the index comes last, so a site that
    # has its index.html is complete
    pages = [_write_entity(out_dir, view, eid, etypes, rtypes, max_page_neighbours, filters)
             for eid in sorted(view.entities)]
    return [_write_index(out_dir, view, etypes, rtypes, stats, max_index_nodes, max_index_edges, filters), *pages]


def _write_lib(out_dir: Path, view: GraphView) -> None:
    lib = out_dir / "lib"
    lib.mkdir(exist_ok=True)
    copy_atomic(VIS_LIB / "vis-network.min.js", lib / "vis-network.min.js")
    copy_atomic(VIS_LIB / "vis-network.css", lib / "vis-network.min.css")
    copy_atomic(TEMPLATES / "kg.js", lib / "kg.js")
    css = (TEMPLATES / "kg.css").read_text(encoding="utf-8").replace("__KG_FONT__", style()["font"])
    write_text_atomic(lib / "kg.css", css)
    rows = [
        [eid, e.label or eid, e.type, f"entities/{view.files[eid]}", " ".join(e.aliases)]
        for eid, e in sorted(view.entities.items(), key=lambda kv: view.rank_key(kv[0]))
    ]
    # ASCII-only JSON: a JSON literal is valid JS and cannot break out of itself; no encoding issues.
    write_text_atomic(lib / "entities.js",
                      "window.KG_ENTITIES = " + json.dumps(rows, ensure_ascii=True, separators=(",", ":")) + ";\n")


def _write_index(out_dir: Path, view: GraphView, etypes: dict, rtypes: dict, stats: dict,
                 max_nodes: int, max_edges: int, filters: dict) -> Path:
    sel = view.index_selection(max_nodes, max_edges)
    edge_labels = len(sel.edges) <= INDEX_EDGE_LABELS_UP_TO
    net = build_network(view, sel, etypes, rtypes, center=None, edge_labels=edge_labels)
    data = page_data(net, kind="index", root="", center=None, etypes=etypes, rtypes=rtypes,
                     edge_labels=edge_labels, hidden=sel.hidden, total=len(view.entities))
    html = render_page(kind="index", root="", title="شبكة الكيانات · Knowledge graph",
                       heading="شبكة الكيانات والعلاقات", stats=stats, hidden=sel.hidden,
                       shown=len(sel.nodes), total=len(view.entities), etypes=etypes, rtypes=rtypes,
                       hidden_edges=sel.hidden_edges, data=data, filters=filters, date_range=date_range(view.graph),
                       edge_dates=edge_dates(view.graph, view))
    path = out_dir / "index.html"
    write_text_atomic(path, html)
    return path


def wikidata_url(qid: str | None) -> str:
    """The Wikidata page of an item id (``Q`` + digits only; anything else gets no link)."""
    return f"https://www.wikidata.org/wiki/{qid}" if qid and re.fullmatch(r"Q[1-9][0-9]*", qid) else ""


def _split_trigger(sentence: str, trigger: str) -> tuple[str, str, str]:
    i = sentence.find(trigger) if trigger else -1
    if i < 0:
        return sentence, "", ""
    return sentence[:i], trigger, sentence[i + len(trigger):]


def _write_entity(out_dir: Path, view: GraphView, eid: str, etypes: dict, rtypes: dict,
                  max_neighbours: int, filters: dict) -> Path:
    ent = view.entities[eid]
    events = entity_events(view.graph, view, eid, rtypes)
    sel = view.entity_selection(eid, max_neighbours, MAX_PAGE_EDGES)
    net = build_network(view, sel, etypes, rtypes, center=eid, edge_labels=len(sel.edges) <= 200)
    data = page_data(net, kind="entity", root="../", center=eid, etypes=etypes, rtypes=rtypes,
                     edge_labels=len(sel.edges) <= 200, hidden=sel.hidden, total=len(view.entities))
    relations, listed_before = [], 0  # the first EVIDENCE_PAGE sentences are shown, kg.js pages the rest
    for edge in view.incident_edges(eid):
        rt = rtypes[edge.type]
        evidence = [{**ev, "paged_out": listed_before + i >= EVIDENCE_PAGE,
                     **dict(zip(("pre", "trig", "post"), _split_trigger(ev["sentence"], ev["trigger"]), strict=True))}
                    for i, ev in enumerate(edge.evidence)]
        listed_before += len(evidence)
        relations.append({
            "type": edge.type, "label_ar": rt["label_ar"], "label_en": rt["label_en"], "color": rt["color"],
            "source_label": view.entities[edge.source].label or edge.source,
            "target_label": view.entities[edge.target].label or edge.target,
            "source_href": view.files[edge.source], "target_href": view.files[edge.target],
            "evidence": evidence,
        })
    etype = etypes.get(ent.type) or style()["other_entity_type"]
    label = ent.label or eid
    # legend of this page: drawn entities per type, relation instances drawn per type
    drawn = Counter(view.entities[n].type for n in sel.nodes)
    etypes = {k: {**v, "count": drawn.get(k, 0)} for k, v in etypes.items()}
    listed = Counter()
    for key in sel.edges:
        listed[view.edges[key].type] += len(view.edges[key].evidence)
    for rel in relations:
        listed.setdefault(rel["type"], 0)
    rtypes = {k: {**v, "count": listed[k]} for k, v in rtypes.items() if k in listed}
    html = render_page(kind="entity", root="../", title=f"{label} · {etype['label_en']}", heading=label,
                       entity_id=eid, etype=etype, wikidata=ent.wikidata, ndocs=len(ent.docs),
                       aliases=[a for a in ent.aliases if a != label], hidden=sel.hidden,
                       shown=len(sel.nodes), total=len(view.entities), etypes=etypes, rtypes=rtypes,
                       hidden_edges=sel.hidden_edges, relations=relations, events=events, data=data,
                       filters=filters, page_size=EVIDENCE_PAGE, wikidata_url=wikidata_url(ent.wikidata))
    path = out_dir / "entities" / view.files[eid]
    write_text_atomic(path, html)
    return path
