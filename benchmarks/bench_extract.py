"""Extraction speed on the ANT corpus: the full kg pipeline vs bare stanza NER, start-up, and workers.

Run by hand (not a test):  nice .venv/bin/python benchmarks/bench_extract.py --sample 300

- "kg": ``build_pipeline().pipe(batch)`` on batches of ``--batch`` articles (sentences, NER, alias table,
  cues, resolution, relations), as ``kg extract`` runs them.
- "stanza": a plain ``stanza.Pipeline("ar", "tokenize,ner", tokenize_pretokenized=True)`` with the same
  model, fed the same batch's sentences (kg's tokens, made before the clock starts) in one call.  Both
  arms run in this process with the same torch threads (``KG_TORCH_THREADS``, default 1), batch by
  batch, alternating which goes first, so load swings on a shared machine hit both alike (paired).
- start-up: fresh processes, CPU seconds (user + system) and wall: ``python -c "import stanza"``, the
  bare stanza pipeline load, and ``kg extract`` on one short article, alternated ``--startup-runs`` times.
- workers (``--workers N``): ``kg.runner.run`` with 1 and N processes, wall incl. start-up.
- beside a CPU-bound job (``--busy``): ``kg extract`` with default options vs ``OMP_NUM_THREADS=1`` vs
  two torch threads in one process (the old default), each next to a busy loop per core.

The load average is printed before and after.  The last line is ``ratio kg/stanza X.XX`` (time).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")).resolve()
CORPUS = SHARED / "corpus" / "ant-middleeast.jsonl"
KG = str(Path(sys.executable).with_name("kg"))  # the installed command, beside this interpreter


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


def bench_pair(docs, batch: int) -> tuple[dict, dict]:
    """kg and bare stanza batch by batch, alternating which goes first; model loads and a warm-up batch
    are left out of the clock."""
    import stanza

    from kg.ner import MODEL_DIR, MODEL_NAME, PRETRAIN_NAME
    from kg.pipeline import build_pipeline
    from kg.tokenize import split_sentences

    t0 = time.perf_counter()
    pipeline = build_pipeline()
    pipeline.pipe(docs[:batch])  # loads the model (and sets torch's threads), builds the tables
    kg_r = {"load_s": time.perf_counter() - t0, "seconds": 0.0, "cpu_s": 0.0, "mentions": 0, "relations": 0}
    t0 = time.perf_counter()
    nlp = stanza.Pipeline("ar", processors="tokenize,ner", tokenize_pretokenized=True, download_method=None,
                          dir=str(MODEL_DIR), ner_model_path=str(MODEL_DIR / MODEL_NAME),
                          ner_pretrain_path=str(MODEL_DIR / PRETRAIN_NAME), ner_forward_charlm_path=None,
                          ner_backward_charlm_path=None, use_gpu=False, logging_level="WARN")
    stanza_r = {"load_s": time.perf_counter() - t0, "seconds": 0.0, "cpu_s": 0.0, "entities": 0}
    batches = [docs[i : i + batch] for i in range(0, len(docs), batch)]
    words = [[[t.text.strip() or "_" for t in s.tokens] for d in b for s in split_sentences(d.text) if s.tokens]
             for b in batches]
    nlp(words[0])  # warm-up, like the kg arm's first batch

    def run_stanza(k: int) -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        if words[k]:
            stanza_r["entities"] += len(nlp(words[k]).ents)
        stanza_r["seconds"] += time.perf_counter() - t0
        stanza_r["cpu_s"] += time.process_time() - c0

    def run_kg(k: int) -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        adocs = pipeline.pipe(batches[k])
        kg_r["seconds"] += time.perf_counter() - t0
        kg_r["cpu_s"] += time.process_time() - c0
        kg_r["mentions"] += sum(len(a.mentions) for a in adocs)
        kg_r["relations"] += sum(len(a.relations) for a in adocs)

    for k in range(len(batches)):  # which goes first alternates: the second may find warmer caches
        for step in (run_stanza, run_kg) if k % 2 == 0 else (run_kg, run_stanza):
            step(k)
    return kg_r, stanza_r


# Written for this benchmark (not from the corpora): a short article for the start-up figure.
SHORT_ARTICLE = ("قالت قوات سوريا الديمقراطية إن مقاتليها سيطروا على بلدة الباغوز بعد معارك مع تنظيم داعش. "
                 "وأعلن التحالف الدولي دعمه للقوات في دير الزور.\n")
STANZA_LOAD = ("import stanza; from kg.ner import MODEL_DIR as d, MODEL_NAME as m, PRETRAIN_NAME as p; "
               "stanza.Pipeline('ar', processors='tokenize,ner', tokenize_pretokenized=True, download_method=None, "
               "dir=str(d), ner_model_path=str(d / m), ner_pretrain_path=str(d / p), ner_forward_charlm_path=None, "
               "ner_backward_charlm_path=None, use_gpu=False, logging_level='WARN')")


def timed_process(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall s, CPU s of the process and its children) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def bench_startup(runs: int) -> dict:
    """Fresh processes, alternated: bare ``import stanza``, the bare stanza pipeline load, and ``kg extract``
    on one short article; the median of each."""
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "short.txt"
        article.write_text(SHORT_ARTICLE, encoding="utf-8")
        arms = {"import stanza": [py, "-c", "import stanza"], "stanza pipeline load": [py, "-c", STANZA_LOAD],
                "kg extract, one short article": [KG, "extract", str(article), "-o",
                                                  str(Path(tmp) / "graph.jsonl")]}
        got: dict[str, list[tuple[float, float]]] = {k: [] for k in arms}
        for i in range(runs):
            for name in list(arms) if i % 2 == 0 else list(arms)[::-1]:
                got[name].append(timed_process(arms[name]))
    return {name: {"wall_s": statistics.median(w for w, _ in v), "cpu_s": statistics.median(c for _, c in v)}
            for name, v in got.items()}


def bench_workers(docs, workers: int) -> dict:
    from kg.pipeline import build_pipeline
    from kg.runner import run

    errors: list[str] = []
    t0, c0 = time.perf_counter(), cpu_seconds()
    n = sum(1 for _ in run(docs, build_pipeline, workers=workers, on_error=lambda i, m: errors.append(i)))
    # worker processes are children of multiprocessing's forkserver, not of this process: their CPU
    # time is not visible here, so it is only given for the in-process run
    cpu = cpu_seconds() - c0 if workers == 1 else None
    return {"workers": workers, "seconds": time.perf_counter() - t0, "cpu_s": cpu,
            "documents": n, "errors": len(errors)}


def bench_busy(docs, runs: int) -> dict:
    """``kg extract`` beside a CPU-bound job (one busy loop per core): default options, OMP_NUM_THREADS=1,
    and one process with two torch threads (the old default); seconds per document, median of ``runs``."""
    arms = {"default": {}, "OMP_NUM_THREADS=1": {"OMP_NUM_THREADS": "1"},
            "-w 1, 2 torch threads (old default)": {"KG_TORCH_THREADS": "2", "W": "1"}}
    got: dict[str, list[float]] = {k: [] for k in arms}
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 1)]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sample = Path(tmp) / "sample.jsonl"
            sample.write_text("".join(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n"
                                      for d in docs), encoding="utf-8")
            for i in range(runs):
                for name in list(arms) if i % 2 == 0 else list(arms)[::-1]:
                    extra = dict(arms[name])
                    workers = ["-w", extra.pop("W")] if "W" in extra else []
                    cmd = [KG, "extract", str(sample), "-o", str(Path(tmp) / "g.jsonl"), *workers]
                    wall, _ = timed_process(cmd, env={**os.environ, **extra})
                    got[name].append(wall / len(docs))
    finally:
        for p in busy:
            p.kill()
            p.wait()
    return {name: statistics.median(v) for name, v in got.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sample", type=int, default=None, help="first N articles (default: all)")
    ap.add_argument("--batch", type=int, default=16, help="articles per call in both arms (kg's default: 16)")
    ap.add_argument("--startup-runs", type=int, default=3, help="fresh processes per start-up arm (0: skip)")
    ap.add_argument("--workers", type=int, default=0, help="also compare kg.runner with 1 and N workers")
    ap.add_argument("--busy", type=int, default=0, metavar="N",
                    help="also time kg extract beside a CPU-bound job on the first N articles")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args(argv)

    import torch

    from kg.ner import torch_threads

    docs = load(args.corpus, args.sample)
    n_words = words(docs)
    load_before = os.getloadavg()
    result: dict = {"articles": len(docs), "words": n_words, "batch": args.batch, "cpus": os.cpu_count(),
                    "machine": platform.machine(), "torch": torch.__version__, "torch_threads": torch_threads(),
                    "gpu": torch.cuda.is_available(), "load_average_before": load_before}
    print(f"{len(docs)} articles, {n_words} words from {args.corpus.name}, {args.batch} per call; "
          f"{os.cpu_count()} CPUs, torch {torch.__version__}, {torch_threads()} torch thread(s) in both arms; "
          f"load average {load_before[0]:.1f}", file=sys.stderr, flush=True)
    rows = []
    if args.startup_runs:
        start = result["startup"] = bench_startup(args.startup_runs)
        base = start["import stanza"]["cpu_s"]
        for name, r in start.items():
            rows.append((f"start-up: {name} (fresh process, median of {args.startup_runs})", "", f"{r['wall_s']:.2f}",
                         f"{r['cpu_s']:.2f}", f"{r['cpu_s'] / base:.2f}x import stanza"))
    kg_r, stanza_r = bench_pair(docs, args.batch)
    result.update(stanza=stanza_r, kg=kg_r, kg_over_stanza_time=kg_r["seconds"] / stanza_r["seconds"],
                  kg_over_stanza_cpu=kg_r["cpu_s"] / stanza_r["cpu_s"])
    rows += [
        ("bare stanza NER (same model, pre-tokenized)", f"{n_words / stanza_r['seconds']:.0f}",
         f"{stanza_r['seconds']:.1f}", f"{stanza_r['cpu_s']:.1f}", f"load {stanza_r['load_s']:.1f} s"),
        ("full kg pipeline (`Pipeline.pipe`)", f"{n_words / kg_r['seconds']:.0f}", f"{kg_r['seconds']:.1f}",
         f"{kg_r['cpu_s']:.1f}", f"load {kg_r['load_s']:.1f} s"),
    ]
    if args.workers:
        runs = [bench_workers(docs, n) for n in (1, args.workers)]
        result["workers"] = runs
        for r in runs:
            cpu = "n/a" if r["cpu_s"] is None else f"{r['cpu_s']:.1f}"
            rows.append((f"kg.runner, {r['workers']} worker(s), wall incl. start-up", f"{n_words / r['seconds']:.0f}",
                         f"{r['seconds']:.1f}", cpu, ""))
    if args.busy:
        busy = result["beside_busy_s_per_doc"] = bench_busy(docs[: args.busy], 1)
        for name, sec in busy.items():
            rows.append((f"beside a busy loop per core: kg extract {name}, s/doc", "", f"{sec:.3f}", "", ""))
    result["load_average_after"] = os.getloadavg()
    print("| run | words/s | wall s | CPU s | note |\n|---|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    after = result["load_average_after"]
    print(f"\nload average (1, 5, 15 min) before {' '.join(f'{x:.1f}' for x in load_before)}, after "
          f"{' '.join(f'{x:.1f}' for x in after)} on {os.cpu_count()} CPUs; "
          f"CPU-time ratio kg/stanza {result['kg_over_stanza_cpu']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    print(f"ratio kg/stanza {result['kg_over_stanza_time']:.2f}")


if __name__ == "__main__":
    main()
