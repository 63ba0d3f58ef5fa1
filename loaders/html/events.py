"""Dates on the pages: an entity page's events, newest first, and the index's date-range filter.

Kept apart from the page layout (render.py, page.html.j2): the page only includes the ``events`` list and
the ``date_range`` box these functions compute from the graph (event dates of graph.jsonl).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kg.graph import Graph
from loaders.html.render import TEMPLATES
from loaders.html.view import GraphView


def entity_events(graph: Graph, view: GraphView, eid: str, rtypes: dict) -> list[dict]:
    """The relation instances ``eid`` takes part in, newest first (undated ones last), one row each:
    date, relation label, the other party (label, page), place label, date source, sentence."""
    rows = []
    for rel in graph.relations:
        if eid not in (rel.subject, rel.object) or rel.type not in rtypes:
            continue
        other = rel.object if rel.subject == eid else rel.subject
        place = graph.entities.get(rel.place) if rel.place else None
        rows.append({
            "date": rel.date, "date_source": rel.date_source, "type": rel.type,
            "label_ar": rtypes[rel.type]["label_ar"], "label_en": rtypes[rel.type]["label_en"],
            "color": rtypes[rel.type]["color"], "role": "subject" if rel.subject == eid else "object",
            "other_label": (view.entities[other].label or other) if other in view.entities else other,
            "other_href": view.files.get(other, ""), "place": place.label if place else "",
            "place_href": view.files.get(rel.place, "") if rel.place else "",
            "sentence": rel.sentence, "doc": rel.doc, "start": rel.start,
        })
    undated = [r for r in rows if not r["date"]]
    dated = sorted((r for r in rows if r["date"]), key=lambda r: (r["date"], r["doc"], r["start"]), reverse=True)
    return dated + sorted(undated, key=lambda r: (r["doc"], r["start"]))


def date_range(graph: Graph) -> dict[str, str] | None:
    """The first and last event date of the graph (the index filter's bounds); None when nothing is dated."""
    dates = sorted(r.date for r in graph.relations if r.date)
    return {"min": dates[0], "max": dates[-1]} if dates else None


def edge_dates(graph: Graph, view: GraphView) -> dict[str, list[str]]:
    """Edge key -> the sorted event dates of its evidence: the index filter shows an edge when one of
    them falls in the range."""
    keys = {}
    for key, edge in view.edges.items():
        keys[(edge.type, edge.source, edge.target)] = key
        keys[(edge.type, edge.target, edge.source)] = key
    out: dict[str, list[str]] = {}
    for rel in graph.relations:
        key = keys.get((rel.type, rel.subject, rel.object))
        if key is not None and rel.date:
            out.setdefault(key, []).append(rel.date)
    return {k: sorted(set(v)) for k, v in out.items()}


def copy_date_filter(lib: Path) -> None:
    """Ship the index's date-filter script next to the other page scripts."""
    lib.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATES / "kg-dates.js", lib / "kg-dates.js")
