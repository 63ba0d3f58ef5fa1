"""Time-to-interactive of the HTML pages in headless Debian Chromium.

    .venv/bin/python benchmarks/bench_html.py [graph.jsonl] [--entities 8000 --relations 20000] [--runs 3]

Without a graph.jsonl a synthetic graph of the corpus's size is drawn (loaders/html/synthetic.py).
"Interactive" = vis-network finished its bounded stabilization, physics is off and the first frame
after it is drawn (``window.kgReadyAt``, ms since navigation start). Also times the page writing and
the page of the most connected entity. Target: index under 5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.graph import read_graph  # noqa: E402
from loaders.html.synthetic import synthetic_graph  # noqa: E402
from loaders.html.view import GraphView  # noqa: E402
from loaders.html_writer import write_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
TARGET_S = 5.0
# node labels vis-network draws at the current zoom (Label.visible(): the font's on-screen size is
# at least scaling.label.drawThreshold) and of them those readable (>= 10 px on screen)
LABELS_DRAWN = """(() => { const s = kgNetwork.getScale(); let drawn = 0, readable = 0;
  for (const id of kgNetwork.body.nodeIndices) { const l = kgNetwork.body.nodes[id].labelModule;
    if (l.visible()) { drawn++; if (l.fontOptions.size * s >= 10) readable++; } }
  return drawn + ' drawn, ' + readable + ' readable'; })()"""


def time_page(browser, path: Path, runs: int) -> tuple[list[float], dict]:
    """Seconds to interactive per run (fresh context each time) and the last run's phase marks."""
    times, marks = [], {}
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.kgReady === true", timeout=120_000)
        if errors:
            raise RuntimeError(f"{path.name}: {errors}")
        times.append(page.evaluate("window.kgReadyAt") / 1000)
        marks = page.evaluate("""Object.fromEntries(performance.getEntriesByType('mark')
                                 .map(m => [m.name, Math.round(m.startTime)]))""")
        marks["nodes"] = page.evaluate("kgNetwork.body.nodeIndices.length")
        marks["edges"] = page.evaluate("kgNetwork.body.edgeIndices.length")
        marks["labels"] = page.evaluate(LABELS_DRAWN)
        marks["height"] = page.evaluate("document.documentElement.scrollHeight")
        context.close()
    return times, marks


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("graph", nargs="?", type=Path, help="graph.jsonl (default: synthetic)")
    ap.add_argument("--entities", type=int, default=8000)
    ap.add_argument("--relations", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, help="where to write the pages (default: a temp folder)")
    args = ap.parse_args()

    t = time.perf_counter()
    if args.graph:
        graph, what = read_graph(args.graph), str(args.graph)
    else:
        graph = synthetic_graph(args.entities, args.relations)
        what = f"synthetic ({args.entities} entities, {args.relations} relations)"
    print(f"graph: {what}: {len(graph.entities)} entities, {len(graph.relations)} relations, "
          f"{len(graph.documents)} documents (loaded in {time.perf_counter() - t:.1f} s)")

    out = args.out or Path(tempfile.mkdtemp(prefix="kg-html-bench-"))
    t = time.perf_counter()
    pages = write_html(graph, out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    print(f"write_html: {len(pages)} pages, {size:.0f} MiB in {time.perf_counter() - t:.1f} s -> {out}")

    view = GraphView(graph)
    hub = max(view.degree, key=view.degree.get)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-dev-shm-usage"])
        results = {}
        for name, path in (("index.html", out / "index.html"),
                           (f"entity page of the hub {hub} (degree {view.degree[hub]})",
                            out / "entities" / view.files[hub])):
            times, marks = time_page(browser, path, args.runs)
            results[name] = statistics.median(times)
            print(f"{name}: time to interactive median {statistics.median(times):.2f} s "
                  f"(runs: {', '.join(f'{x:.2f}' for x in times)}; {marks['nodes']} nodes, "
                  f"{marks['edges']} edges drawn; labels {marks['labels']}; page height {marks['height']} px; "
                  "phases ms: "
                  + ", ".join(f"{k}={v}" for k, v in marks.items() if k.startswith("kg-")) + ")")
        browser.close()
    verdict = "OK" if results["index.html"] < TARGET_S else "OVER"
    print(f"index.html time to interactive: {results['index.html']:.2f} s (target < {TARGET_S:.0f} s: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
