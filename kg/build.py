"""`kg build`: extraction, then every writer over the same graph.jsonl."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import ExtractReport, extract
from kg.graph import read_graph
from kg.outputs import check_apart, check_output_dir, mark_output_dir


@dataclass
class BuildResult:
    report: ExtractReport
    outputs: dict[str, Path] = field(default_factory=dict)


def build(inputs: list[str | Path], out_dir: Path, workers: int | None = None, scheduler: str | None = None,
          progress: bool = True, resume: bool = False) -> BuildResult:
    """Write graph.jsonl, graph.ttl, graph.cypher and html/ under ``out_dir`` (loading Neo4j is the
    caller's choice: the files stand whether or not a server answers).  ``out_dir`` must not overlap
    an input; it is marked as kg output so that reading a folder above it skips it."""
    from loaders.cypher_script import write_cypher_script
    from loaders.html_writer import write_html
    from loaders.rdf_writer import write_turtle

    outputs = {"graph.jsonl": out_dir / "graph.jsonl", "graph.ttl": out_dir / "graph.ttl",
               "graph.cypher": out_dir / "graph.cypher", "html": out_dir / "html" / "index.html"}
    check_apart(inputs, [out_dir, *outputs.values(), out_dir / "html"])
    check_output_dir(out_dir)
    mark_output_dir(out_dir)
    graph_path = outputs["graph.jsonl"]
    result = BuildResult(extract(inputs, graph_path, workers=workers, scheduler=scheduler, progress=progress,
                                 resume=resume))
    graph = read_graph(graph_path)
    result.outputs = outputs
    write_turtle(graph, result.outputs["graph.ttl"])
    write_cypher_script(graph, result.outputs["graph.cypher"])
    write_html(graph, out_dir / "html")
    return result
