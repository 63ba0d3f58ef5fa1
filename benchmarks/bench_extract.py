"""Extraction speed on the ANT corpus: the full kg pipeline vs bare stanza NER, and 2 workers vs 1.

Run by hand (not a test):  .venv/bin/python benchmarks/bench_extract.py --sample 200

- "kg": ``kg.pipeline.build_pipeline()`` on each article (sentences, NER, alias table, resolution,
  relations).
- "stanza": the same stanza model, the same articles, as pre-tokenized sentences (kg's tokenizer,
  run outside the clock), one ``stanza.Pipeline`` call per article: the floor kg cannot beat.
  The two are timed article by article, alternating which goes first, so load swings on a
  shared machine hit both alike.
- workers: ``kg.runner.run`` with 1 and 2 local processes, wall clock including starting the
  processes and loading the model in each (what a user waits for); ``--repeat`` alternates the two
  and keeps the fastest of each, since other jobs on a shared machine swing wall times widely.

Model loading is timed separately and left out of the words/s figures.  Prints a Markdown table
and, with ``--json``, writes the figures to a file.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")).resolve()
CORPUS = SHARED / "corpus" / "ant-middleeast.jsonl"


def load(corpus: Path, sample: int | None):
    from kg.model import Document
    from kg.reader import iter_inputs

    docs = (d for d in iter_inputs([corpus]) if isinstance(d, Document))
    return list(itertools.islice(docs, sample)) if sample else list(docs)


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children: unlike wall time, barely
    moved by other jobs on a shared machine."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def words(docs) -> int:
    return sum(len(d.text.split()) for d in docs)


def bench_pair(docs, model_dir: Path | None) -> tuple[dict, dict]:
    """Time kg and bare stanza article by article, alternating, so load swings on a shared machine
    hit both alike; model loading is timed apart and a warm-up call precedes the clock."""
    from kg.ner import StanzaNER
    from kg.pipeline import build_pipeline
    from kg.tokenize import split_sentences

    t0 = time.perf_counter()
    nlp = StanzaNER(model_dir).pipeline  # a plain stanza.Pipeline("ar", "tokenize,ner", pretokenized)
    stanza_r = {"load_s": time.perf_counter() - t0, "seconds": 0.0, "cpu_s": 0.0, "entities": 0}
    t0 = time.perf_counter()
    pipeline = build_pipeline(model_dir)
    pipeline(docs[0])  # builds the alias tables; the stanza model is shared with the line above
    kg_r = {"load_s": time.perf_counter() - t0, "seconds": 0.0, "cpu_s": 0.0, "mentions": 0, "relations": 0}
    def run_stanza(d) -> None:
        sentences = [[t.text.strip() or "_" for t in s.tokens] for s in split_sentences(d.text) if s.tokens]
        t0, c0 = time.perf_counter(), time.process_time()
        if sentences:
            stanza_r["entities"] += len(nlp(sentences).ents)
        stanza_r["seconds"] += time.perf_counter() - t0
        stanza_r["cpu_s"] += time.process_time() - c0

    def run_kg(d) -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        adoc = pipeline(d)
        kg_r["seconds"] += time.perf_counter() - t0
        kg_r["cpu_s"] += time.process_time() - c0
        kg_r["mentions"] += len(adoc.mentions)
        kg_r["relations"] += len(adoc.relations)

    for i, d in enumerate(docs):  # which goes first alternates: the second may find warmer caches
        for step in (run_stanza, run_kg) if i % 2 == 0 else (run_kg, run_stanza):
            step(d)
    return kg_r, stanza_r


def bench_workers(docs, model_dir: Path | None, workers: int) -> dict:
    from kg.pipeline import build_pipeline
    from kg.runner import run

    factory = functools.partial(build_pipeline, model_dir)
    errors: list[str] = []
    t0, c0 = time.perf_counter(), cpu_seconds()
    n = sum(1 for _ in run(docs, factory, workers=workers, batch_size=8, on_error=lambda i, m: errors.append(i)))
    # worker processes are children of multiprocessing's forkserver, not of this process: their CPU
    # time is not visible here, so it is only given for the in-process run
    cpu = cpu_seconds() - c0 if workers == 1 else None
    return {"workers": workers, "seconds": time.perf_counter() - t0, "cpu_s": cpu,
            "documents": n, "errors": len(errors)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sample", type=int, default=None, help="first N articles (default: all)")
    ap.add_argument("--model-dir", type=Path, default=None, help="NER model directory (default: the shipped one)")
    ap.add_argument("--no-workers", action="store_true", help="skip the 1-vs-2 workers comparison")
    ap.add_argument("--workers", type=int, default=2, help="the N of the 1-vs-N comparison (default 2)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run the workers comparison this many times, alternating, and keep the fastest of each")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args(argv)

    import torch

    docs = load(args.corpus, args.sample)
    load_before = os.getloadavg()[0]
    n_words = words(docs)
    print(f"{len(docs)} articles, {n_words} words from {args.corpus.name}; {os.cpu_count()} CPUs, "
          f"torch {torch.__version__} with {torch.get_num_threads()} threads, "
          f"{'GPU ' + torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'CPU only'}",
          file=sys.stderr)
    kg_r, stanza_r = bench_pair(docs, args.model_dir)
    result = {
        "articles": len(docs), "words": n_words, "cpus": os.cpu_count(), "machine": platform.machine(),
        "torch_threads": torch.get_num_threads(), "gpu": torch.cuda.is_available(),
        "load_average_before": load_before,
        "stanza": stanza_r, "kg": kg_r,
        "stanza_words_per_s": n_words / stanza_r["seconds"],
        "kg_words_per_s": n_words / kg_r["seconds"],
    }
    result["kg_over_stanza_time"] = kg_r["seconds"] / stanza_r["seconds"]
    rows = [
        ("bare stanza NER (pretokenized)", f"{result['stanza_words_per_s']:.0f}", f"{stanza_r['seconds']:.1f}",
         f"{stanza_r['cpu_s']:.1f}", f"{stanza_r['load_s']:.1f}"),
        ("full kg pipeline", f"{result['kg_words_per_s']:.0f}", f"{kg_r['seconds']:.1f}", f"{kg_r['cpu_s']:.1f}",
         f"{kg_r['load_s']:.1f}"),
    ]
    print(f"kg {result['kg_words_per_s']:.0f} words/s, bare stanza {result['stanza_words_per_s']:.0f} words/s",
          file=sys.stderr, flush=True)  # a long run shows its first figures before the workers part
    if not args.no_workers:
        runs: dict[int, list[dict]] = {1: [], args.workers: []}
        for i in range(args.repeat):
            for n in (1, args.workers) if i % 2 == 0 else (args.workers, 1):
                runs[n].append(bench_workers(docs, args.model_dir, n))
        one, many = (min(runs[n], key=lambda r: r["seconds"]) for n in (1, args.workers))
        result["workers"] = [one, many]
        result["workers_all_runs"] = runs
        result["speedup"] = one["seconds"] / many["seconds"]
        for r in (one, many):
            cpu = "n/a" if r["cpu_s"] is None else f"{r['cpu_s']:.1f}"
            rows.append((f"kg, runner with {r['workers']} worker(s), wall incl. start-up",
                         f"{n_words / r['seconds']:.0f}", f"{r['seconds']:.1f}", cpu, "incl."))
    result["load_average_after"] = os.getloadavg()[0]
    print("| run | words/s | wall s | CPU s | model load s |\n|---|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nkg takes {result['kg_over_stanza_time']:.2f}x the time of bare stanza NER on the same text"
          + (f"; {args.workers} workers vs 1: {result['speedup']:.2f}x faster" if "speedup" in result else "")
          + f"\nload average (1 min) before {load_before:.1f}, after {result['load_average_after']:.1f} "
          f"on {os.cpu_count()} CPUs: wall figures are only as good as the machine was quiet")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
