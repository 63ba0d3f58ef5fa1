"""What dates, places and the event exports cost, as shares and ratios measured in one run.

    python benchmarks/bench_events.py ../shared/corpus/ant-middleeast.jsonl --sample 100
    python benchmarks/bench_events.py out/graph.jsonl          # the writers only, on a built graph

On a .jsonl corpus it times every pipeline component (real stanza NER included) and prints each one's share:
the date step, entity facts and the event context (issue 12) against the rest. On a graph.jsonl (or the
graph of the sampled articles) it times each file writer and prints its time relative to the Turtle
writer, measured in the same run.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.graph import read_graph  # noqa: E402
from kg.model import AnalyzedDoc, Document  # noqa: E402
from kg.pipeline import build_pipeline  # noqa: E402
from kg.reader import iter_inputs  # noqa: E402
from loaders.writers import WRITERS  # noqa: E402


def component_times(inputs: list[str], sample: int) -> tuple[dict[str, float], list[AnalyzedDoc]]:
    pipeline = build_pipeline()
    docs = itertools.islice((d for d in iter_inputs(inputs) if isinstance(d, Document)), sample)
    times: dict[str, float] = defaultdict(float)
    done = []
    for doc in docs:
        adoc = AnalyzedDoc(doc)
        for name, component in pipeline.components:
            started = time.perf_counter()
            component(adoc)
            times[name] += time.perf_counter() - started
        done.append(adoc)
    return times, done


def writer_times(graph_path: Path, out: Path, rounds: int = 3) -> dict[str, float]:
    graph = read_graph(graph_path)
    best: dict[str, float] = {}
    for name, writer in WRITERS.items():
        for _ in range(rounds):
            started = time.perf_counter()
            writer.write(graph, out / writer.target)
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="a .jsonl corpus, or a graph.jsonl")
    parser.add_argument("--sample", type=int, default=100, help="articles to run through the pipeline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        if args.input.endswith("graph.jsonl"):
            graph_path = Path(args.input)
        else:
            from kg.extract import extract

            times, adocs = component_times([args.input], args.sample)
            total = sum(times.values())
            print(f"pipeline over {len(adocs)} articles: {total:.2f} s")
            for name, seconds in times.items():
                print(f"  {name:14s} {seconds:8.3f} s  {seconds / total:6.1%}")
            events = sum(times[n] for n in ("date", "entity_facts", "event_context") if n in times)
            print(f"  issue-12 steps together: {events / total:.1%} of the pipeline")
            sample = out / "sample.jsonl"  # the same articles, extracted for the writers
            with open(args.input, encoding="utf-8") as src:
                sample.write_text("".join(itertools.islice(src, args.sample)), encoding="utf-8")
            graph_path = out / "graph.jsonl"
            extract([sample], graph_path, progress=False)
        best = writer_times(graph_path, out / "writers")
        print("writers (best of 3), relative to turtle:")
        for name, seconds in best.items():
            print(f"  {name:8s} {seconds:8.3f} s  x{seconds / best['turtle']:.2f}")


if __name__ == "__main__":
    main()
