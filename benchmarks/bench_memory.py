"""Peak memory of `kg extract` on the corpus at 1x and 4x its size: it should stay flat.

Run by hand (not a test):  .venv/bin/python benchmarks/bench_memory.py --sample 100

The 4x input is the (sampled) corpus written four times to a temporary JSONL file, each copy with
distinct ids (``<id>~2`` ...), so the run really processes four times the documents.  Documents are
streamed, so peak memory should grow only with the number of distinct entities, not of documents.

Two peak figures per run, children included:
- tree RSS: the sum of the RSS of `kg` and all its descendants, sampled every 0.1 s (psutil);
- max RSS: ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a fresh measuring process, i.e. the
  largest single process (exact, not sampled).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")).resolve()
CORPUS = SHARED / "corpus" / "ant-middleeast.jsonl"
KG = Path(sys.executable).parent / "kg"


def write_copies(corpus: Path, out: Path, copies: int, sample: int | None) -> int:
    """``copies`` copies of the first ``sample`` lines (all by default) with distinct ids; returns words."""
    n_words = 0
    with open(out, "w", encoding="utf-8") as fh:
        for k in range(1, copies + 1):
            with open(corpus, encoding="utf-8") as src:
                for i, line in enumerate(src):
                    if sample is not None and i >= sample:
                        break
                    row = json.loads(line)
                    if k > 1:
                        row["id"] = f"{row['id']}~{k}"
                    n_words += len(str(row.get("text", "")).split())
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n_words


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(cmd: list[str]) -> dict:
    """Run ``cmd`` from a fresh helper process so RUSAGE_CHILDREN covers this command alone."""
    helper = (
        "import json, resource, subprocess, sys, time, psutil\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from bench_memory import tree_rss\n"
        "cmd = json.loads(sys.argv[2])\n"
        "t0 = time.perf_counter()\n"
        "p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "proc, peak = psutil.Process(p.pid), 0\n"
        "import threading\n"
        "err = []\n"
        "t = threading.Thread(target=lambda: err.append(p.stderr.read())); t.start()\n"
        "while p.poll() is None:\n"
        "    peak = max(peak, tree_rss(proc)); time.sleep(0.1)\n"
        "t.join()\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'rc': p.returncode, 'seconds': time.perf_counter() - t0, 'tree_rss_peak': peak,\n"
        "                  'max_rss': ru.ru_maxrss * 1024, 'stderr_tail': err[0][-400:]}))\n"
    )
    out = subprocess.run([sys.executable, "-c", helper, str(Path(__file__).parent), json.dumps(cmd)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sample", type=int, default=None, help="first N articles as the 1x input (default: all)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)

    results = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-mem-") as tmp:
        for copies in args.copies:
            src = Path(tmp) / f"corpus-x{copies}.jsonl"
            n_words = write_copies(args.corpus, src, copies, args.sample)
            cmd = [str(KG), "extract", str(src), "--out", str(Path(tmp) / f"graph-x{copies}.jsonl"),
                   "--workers", str(args.workers)]
            r = measure(cmd)
            graph = Path(tmp) / f"graph-x{copies}.jsonl"
            kinds: dict[str, int] = {}
            with open(graph, encoding="utf-8") as fh:
                for line in fh:
                    kind = json.loads(line)["kind"]
                    kinds[kind] = kinds.get(kind, 0) + 1
            r.update({"copies": copies, "words": n_words, "input_mb": src.stat().st_size / 1e6, "records": kinds})
            results.append(r)
            print(f"x{copies}: rc={r['rc']} {r['seconds']:.0f}s tree peak {r['tree_rss_peak'] / 2**20:.0f} MiB, "
                  f"max single process {r['max_rss'] / 2**20:.0f} MiB; {kinds}", file=sys.stderr)
            src.unlink()

    print("| input | articles | words | MB | wall s | peak RSS, tree (MiB) | peak RSS, largest process (MiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['copies']}x | {r['records'].get('document', 0)} | {r['words']} | {r['input_mb']:.1f} | "
              f"{r['seconds']:.0f} | {r['tree_rss_peak'] / 2**20:.0f} | {r['max_rss'] / 2**20:.0f} |")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"\npeak tree RSS x{b['copies']} / x{a['copies']}: {b['tree_rss_peak'] / a['tree_rss_peak']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
