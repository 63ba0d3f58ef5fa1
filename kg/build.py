"""`kg build`: extraction, then every writer over the same graph.jsonl."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import ExtractReport, extract
from kg.graph import read_graph


@dataclass
class BuildResult:
    report: ExtractReport
    outputs: dict[str, Path] = field(default_factory=dict)


def build(inputs: list[str | Path], out_dir: Path, workers: int | None = None, scheduler: str | None = None,
          progress: bool = True) -> BuildResult:
    """Write graph.jsonl, graph.ttl, graph.cypher and html/ under ``out_dir`` (loading Neo4j is the
    caller's choice: the files stand whether or not a server answers)."""
    from loaders.cypher_script import write_cypher_script
    from loaders.html_writer import write_html
    from loaders.rdf_writer import write_turtle

    out_dir.mkdir(parents=True, exist_ok=True)
    graph_path = out_dir / "graph.jsonl"
    result = BuildResult(extract(inputs, graph_path, workers=workers, scheduler=scheduler, progress=progress))
    graph = read_graph(graph_path)
    result.outputs = {"graph.jsonl": graph_path, "graph.ttl": out_dir / "graph.ttl",
                      "graph.cypher": out_dir / "graph.cypher", "html": out_dir / "html" / "index.html"}
    write_turtle(graph, result.outputs["graph.ttl"])
    write_cypher_script(graph, result.outputs["graph.cypher"])
    write_html(graph, out_dir / "html")
    return result
