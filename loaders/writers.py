"""The writer registry: every file writer takes the same ``Graph`` and an output path.

``kg build`` runs them all over the graph it just wrote; ``kg export`` runs the ones asked for over any
graph.jsonl.  Each writer reads types, symmetry and labels from ``loaders.schema`` and everything else
from graph.jsonl; none reads the alias table.  (Neo4j is loaded from the same ``Graph`` by
``loaders.neo4j_loader.load_graph``: its target is a server, not a path.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.graph import Graph


@dataclass(frozen=True)
class FileWriter:
    name: str
    target: str  # file (or folder) name under the output directory
    write: Callable[[Graph, Path], object]
    what: str


def _turtle(graph: Graph, path: Path) -> object:
    from loaders.rdf_writer import write_turtle
    return write_turtle(graph, path)


def _cypher(graph: Graph, path: Path) -> object:
    from loaders.cypher_script import write_cypher_script
    return write_cypher_script(graph, path)


def _html(graph: Graph, path: Path) -> object:
    from loaders.html_writer import write_html
    return write_html(graph, path)


def _csv(graph: Graph, path: Path) -> object:
    from loaders.csv_writer import write_events_csv
    return write_events_csv(graph, path)


def _graphml(graph: Graph, path: Path) -> object:
    from loaders.graphml_writer import write_graphml
    return write_graphml(graph, path)


WRITERS: dict[str, FileWriter] = {w.name: w for w in (
    FileWriter("turtle", "graph.ttl", _turtle, "RDF/Turtle for SPARQL (ontology/kg.ttl)"),
    FileWriter("cypher", "graph.cypher", _cypher, "Cypher script for cypher-shell or Neo4j Browser"),
    FileWriter("html", "html", _html, "interactive pages (index.html, one page per entity)"),
    FileWriter("csv", "events.csv", _csv, "one row per relation instance, ACLED-like columns"),
    FileWriter("graphml", "graph.graphml", _graphml, "entity graph for Gephi, Cytoscape, networkx"),
)}


def output_path(out_dir: Path, name: str) -> Path:
    """Where writer ``name`` writes under ``out_dir`` (the index page for html)."""
    target = Path(out_dir) / WRITERS[name].target
    return target / "index.html" if name == "html" else target


def write_outputs(graph: Graph, out_dir: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Run the writers ``names`` (all by default) over ``graph``; returns file name -> path written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in names or list(WRITERS):
        writer = WRITERS[name]
        writer.write(graph, out_dir / writer.target)
        written[writer.target] = output_path(out_dir, name)
    return written
