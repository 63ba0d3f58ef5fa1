"""graph.graphml: the entity graph for Gephi, Cytoscape, yEd and networkx.

Nodes are entities (type, Arabic and English label, Wikidata QID, coordinates); edges are relationships,
one per (type, subject, object) as in Neo4j (symmetric types once, smaller id first), with how many
evidence sentences report it (``count``), the highest confidence and the first and last event date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from xml.sax.saxutils import quoteattr

from kg.graph import Graph
from kg.model import Relation
from kg.outputs import write_text_atomic
from loaders.schema import Schema, load_schema

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
NODE_KEYS = (("type", "string"), ("label", "string"), ("label_en", "string"), ("wikidata", "string"),
             ("aliases", "string"), ("lat", "double"), ("lon", "double"))
EDGE_KEYS = (("type", "string"), ("label", "string"), ("symmetric", "boolean"), ("count", "int"),
             ("confidence", "double"), ("first_date", "string"), ("last_date", "string"))


def relationship_groups(graph: Graph, schema: Schema) -> dict[tuple[str, str, str], list[Relation]]:
    """(type, subject, object) -> its distinct evidence, as the Neo4j loader merges them."""
    groups: dict[tuple[str, str, str], dict[str, Relation]] = defaultdict(dict)
    for rel in graph.relations:
        if rel.type in schema.relations:
            groups[schema.key(rel)].setdefault(rel.id, rel)
    return {k: list(v.values()) for k, v in sorted(groups.items())}


def _data(key: str, value: object) -> str:
    if value is None or value == "":
        return ""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return f'<data key={quoteattr(key)}>{_escape(text)}</data>'


def _escape(text: str) -> str:
    """XML-escaped, without the control characters XML 1.0 cannot hold."""
    return quoteattr(CONTROL.sub("", text))[1:-1]


def write_graphml(graph: Graph, path: str | Path, schema: Schema | None = None) -> Path:
    """Write GraphML 1.0 (UTF-8); returns the path."""
    schema = schema or load_schema()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    lines += [f'  <key id="n_{k}" for="node" attr.name="{k}" attr.type="{t}"/>' for k, t in NODE_KEYS]
    lines += [f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="{t}"/>' for k, t in EDGE_KEYS]
    lines.append('  <graph id="kg" edgedefault="directed">')
    for ent in sorted(graph.entities.values(), key=lambda e: e.id):
        values = {"type": ent.type, "label": ent.label, "label_en": ent.label_en, "wikidata": ent.wikidata,
                  "aliases": " | ".join(ent.aliases), "lat": ent.lat, "lon": ent.lon}
        data = "".join(_data(f"n_{k}", values[k]) for k, _ in NODE_KEYS)
        lines.append(f'    <node id={quoteattr(ent.id)}>{data}</node>')
    for n, ((rtype, s, o), evidence) in enumerate(relationship_groups(graph, schema).items()):
        dates = sorted(r.date for r in evidence if r.date)
        spec = schema.relations[rtype]
        values = {"type": rtype, "label": spec.label_en, "symmetric": spec.symmetric, "count": len(evidence),
                  "confidence": max(r.confidence for r in evidence),
                  "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else ""}
        data = "".join(_data(f"e_{k}", values[k]) for k, _ in EDGE_KEYS)
        lines.append(f'    <edge id="e{n}" source={quoteattr(s)} target={quoteattr(o)}>{data}</edge>')
    lines += ["  </graph>", "</graphml>", ""]
    write_text_atomic(path, "\n".join(lines))  # complete or not there
    return path
