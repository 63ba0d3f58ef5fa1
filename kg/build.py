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
          progress: bool = True, resume: bool = False, min_confidence: float | None = None) -> BuildResult:
    """Write graph.jsonl and every registered writer's output (graph.ttl, graph.cypher, html/, events.csv,
    graph.graphml: ``loaders.writers``) under ``out_dir`` (loading Neo4j is the
    caller's choice: the files stand whether or not a server answers).  ``out_dir`` must not overlap
    an input; it is marked as kg output so that reading a folder above it skips it."""
    from loaders.writers import WRITERS, output_path, write_outputs

    outputs = {"graph.jsonl": out_dir / "graph.jsonl",
               **{writer.target: output_path(out_dir, name) for name, writer in WRITERS.items()}}
    check_apart(inputs, [out_dir, *outputs.values(), out_dir / "html"])
    check_output_dir(out_dir)
    mark_output_dir(out_dir)
    graph_path = outputs["graph.jsonl"]
    result = BuildResult(extract(inputs, graph_path, workers=workers, scheduler=scheduler, progress=progress,
                                 resume=resume, min_confidence=min_confidence))
    graph = read_graph(graph_path)
    result.outputs = outputs
    write_outputs(graph, out_dir)
    return result
