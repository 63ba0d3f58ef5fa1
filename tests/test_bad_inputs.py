"""The real `kg extract` on a folder of every kind of bad input next to good Arabic articles.

Each bad input must give exactly one stderr line naming the file and the reason, every usable article
(including ones saved in Windows-1256, ISO-8859-6, UTF-8 with BOM, HTML) must reach graph.jsonl with
entities, the exit status must say something was skipped, and a summary line must close the run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).parent / "kg"
# chmod 000 does not stop root: as root, run the CLI with the capabilities that bypass file
# permissions dropped (util-linux setpriv), so the locked file is unreadable as for any user.
DROP = "-dac_override,-dac_read_search"
UNPRIVILEGED = ["setpriv", f"--inh-caps={DROP}", f"--bounding-set={DROP}"] if os.geteuid() == 0 else []

# Articles written for this test (not taken from the shared corpus).
GOOD_1 = (
    "أعلنت قوات سوريا الديمقراطية أنها سيطرت على مدينة الرقة بعد معارك عنيفة مع تنظيم داعش "
    "استمرت أربعة أشهر.\nوقال المتحدث باسم التحالف الدولي إن مقاتلي التنظيم انسحبوا نحو دير الزور."
)
GOOD_2 = (
    "التقى الرئيس التركي رجب طيب أردوغان نظيره الروسي فلاديمير بوتين في موسكو لبحث الوضع في إدلب.\n"
    "وقالت وزارة الدفاع الروسية إن الجيش السوري يواصل عملياته في ريف حماة."
)
LEGACY = (
    "قصفت طائرات التحالف الدولي مواقع لتنظيم داعش قرب مدينة البوكمال.\n"
    "وأكدت قوات سوريا الديمقراطية أن المعارك مستمرة في ريف دير الزور الشرقي."
)


def build_inputs(d: Path) -> tuple[dict[str, str], list[str], list[str]]:
    """Write the matrix; returns (bad path -> reason, good document ids, extra CLI arguments)."""
    d.mkdir()
    (d / "good1.txt").write_text(GOOD_1, encoding="utf-8")
    (d / "good2.md").write_text(GOOD_2, encoding="utf-8")
    (d / "arabic-cp1256.txt").write_bytes(LEGACY.encode("cp1256"))
    (d / "arabic-iso8859_6.txt").write_bytes(LEGACY.encode("iso-8859-6"))
    (d / "with-bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD_2.encode("utf-8"))
    (d / "bidi.txt").write_text("\u202b" + GOOD_1.replace("داعش", "\u200fداعش\u200f") + "\u202c",
                                encoding="utf-8")
    (d / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>خبر</title><script>var ad = 1;</script>"
        "<style>body{}</style></head><body><nav><a href='/'>الرئيسية</a></nav>"
        f"<article><h1>معارك في الرقة</h1><p>{GOOD_1}</p></article></body></html>",
        encoding="utf-8",
    )
    (d / "corpus.jsonl").write_text(
        json.dumps({"id": "jsonl-good", "title": "خبر", "date": "2018-03-01", "source": "test",
                    "url": "", "text": GOOD_2}, ensure_ascii=False)
        + "\n" + '{"id": "jsonl-bad", "text": "سوريا\n', encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50)
    with open(d / "huge.txt", "wb") as fh:
        fh.truncate(50_000_000)  # sparse 50 MB: must be refused from its size, never read
    (d / "english.txt").write_text("The ceasefire in Idlib held overnight, Turkish officials said on Monday.",
                                   encoding="utf-8")
    locked = d / "locked.txt"
    locked.write_text(GOOD_1, encoding="utf-8")
    locked.chmod(0o000)
    os.mkfifo(d / "pipe.txt")
    (d / "ignored.csv").write_text("a,b\n", encoding="utf-8")  # not an input suffix inside a folder
    bad = {
        str(d / "missing.txt"): "no such file or directory",
        f"{d / 'corpus.jsonl'}:2": "malformed JSON",
        str(d / "empty.txt"): "empty file",
        str(d / "binary.txt"): "binary file (contains NUL bytes)",
        str(d / "huge.txt"): "too large (50.0 MB > 20 MB limit)",
        str(d / "english.txt"): "not Arabic text",
        str(locked): "permission denied",
        str(d / "pipe.txt"): "not a regular file (FIFO)",
    }
    good = ["arabic-cp1256", "arabic-iso8859_6", "bidi", "jsonl-good", "good1", "good2", "page", "with-bom"]
    return bad, good, [str(d / "missing.txt")]


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad-inputs")
    bad, good, extra = build_inputs(tmp / "inputs")
    out = tmp / "g.jsonl"
    proc = subprocess.run(
        [*UNPRIVILEGED, str(KG), "extract", *extra, str(tmp / "inputs"), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=900,
    )
    lines = [s.strip() for s in re.split(r"[\r\n]+", proc.stderr) if s.strip()]
    return proc, lines, bad, good, out


def test_each_bad_input_one_line_with_reason(cli_run):
    proc, lines, bad, _, _ = cli_run
    errors = [ln for ln in lines if "error: " in ln]  # tqdm may share a line with it
    for path, reason in bad.items():
        mine = [ln for ln in errors if f"{path}: " in ln]
        assert len(mine) == 1, (path, mine, proc.stderr[-3000:])
        assert reason in mine[0], mine[0]
    assert len(errors) == len(bad), errors


def test_good_and_decoded_documents_reach_the_graph_with_entities(cli_run):
    proc, _, _, good, out = cli_run
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    docs = [r["id"] for r in records if r["kind"] == "document"]
    assert docs == good, proc.stderr[-3000:]
    mentioned = {r["doc"] for r in records if r["kind"] == "mention"}
    assert mentioned == set(good)
    # the decoded legacy encodings found the same names as each other
    by_doc: dict[str, set[str]] = {}
    for r in records:
        if r["kind"] == "mention":
            by_doc.setdefault(r["doc"], set()).add(r["entity"])
    assert by_doc["arabic-cp1256"] == by_doc["arabic-iso8859_6"]
    assert by_doc["good2"] == by_doc["with-bom"] == by_doc["jsonl-good"]
    assert by_doc["good1"] == by_doc["bidi"]


def test_offsets_of_decoded_documents_point_into_their_text(cli_run):
    _, _, _, _, out = cli_run
    from kg.reader import iter_inputs

    texts = {}
    for r in map(json.loads, out.read_text(encoding="utf-8").splitlines()):
        if r["kind"] == "document" and r["path"].endswith((".txt", ".md", ".html")):
            [doc] = list(iter_inputs([r["path"]]))
            texts[r["id"]] = doc.text
        if r["kind"] == "mention" and r["doc"] in texts:
            assert texts[r["doc"]][r["start"]:r["end"]] == r["text"]


def test_exit_status_and_summary(cli_run):
    proc, lines, bad, good, _ = cli_run
    assert proc.returncode != 0
    summary = lines[-1]
    m = re.match(r"(\d+) documents, \d+ words, (\d+) entities, \d+ relations in .*; (\d+) input\(s\) skipped; "
                 r"graph written to \S+$", summary)
    assert m, summary
    assert int(m.group(1)) == len(good) and int(m.group(2)) > 0 and int(m.group(3)) == len(bad)
