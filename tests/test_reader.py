"""kg.reader: formats, ids, offsets into the exact text, encodings, and each kind of bad input."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import Document
from kg.reader import ReadError, decode, html_to_text, iter_inputs

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", ROOT / ".." / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
CORPUS = SHARED / "corpus" / "ant-middleeast.jsonl"

# Short Arabic lines written for these tests (not from the shared corpus).
AR1 = ("سيطرت قوات سوريا الديمقراطية على مدينة الرقة بعد معارك مع تنظيم داعش.\r\n"
       "وقال المتحدث إن المعارك انتهت.")
AR2 = "التقى وزير الخارجية التركي نظيره الروسي في أنقرة لبحث الوضع في إدلب."


# As root, drop the capabilities that bypass file permissions (util-linux setpriv).
DROP = "-dac_override,-dac_read_search"
UNPRIVILEGED = ["setpriv", f"--inh-caps={DROP}", f"--bounding-set={DROP}"] if os.geteuid() == 0 else []


def read_all(*paths, **kw) -> list[Document | ReadError]:
    return list(iter_inputs(list(paths), **kw))


def test_seed_files_read_exactly(tmp_path):
    items = read_all(SEEDS)
    assert [d.id for d in items] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for doc in items:
        assert isinstance(doc, Document)
        raw = Path(doc.path).read_bytes().decode("utf-8")
        assert doc.text == raw.removeprefix("\ufeff")  # exactly as decoded, line endings included


def test_offsets_point_into_original_text(tmp_path):
    (tmp_path / "a.txt").write_bytes(AR1.encode("utf-8"))
    [doc] = read_all(tmp_path / "a.txt")
    assert "\r\n" in doc.text  # not normalized: offsets from the file hold
    start = doc.text.index("الرقة")
    assert AR1[start:start + len("الرقة")] == "الرقة"
    assert doc.id == "a" and doc.path == str(tmp_path / "a.txt")


def test_directory_walk_sorted_recursive_and_suffixes(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text(AR2, encoding="utf-8")
    (tmp_path / "a.txt").write_text(AR1, encoding="utf-8")
    (tmp_path / "c.csv").write_text(AR1, encoding="utf-8")  # ignored inside a directory
    (tmp_path / "notes.rst").write_text(AR2, encoding="utf-8")
    assert [d.id for d in read_all(tmp_path)] == ["a", "z"]
    # named explicitly, any extension is read as text
    [doc] = read_all(tmp_path / "notes.rst")
    assert doc.text == AR2


def test_jsonl_articles_fields_and_bad_line(tmp_path):
    f = tmp_path / "corpus.jsonl"
    rows = [
        json.dumps({"id": "x1", "title": "ع", "date": "2018", "source": "BBC", "url": "http://u",
                    "text": AR1}, ensure_ascii=False),
        '{"id": "x2", "text": "مكسور',  # malformed
        "",
        json.dumps({"id": "x3", "text": AR2}, ensure_ascii=False),
        json.dumps({"id": "x4", "text": "English only, not an Arabic article at all."}),
        json.dumps({"text": AR2}, ensure_ascii=False),  # no id: file stem + line
    ]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = read_all(f)
    assert [str(i) if isinstance(i, ReadError) else i.id for i in items] == [
        "x1",
        f"{f}:2: malformed JSON: Unterminated string starting at (column 22)",
        "x3",
        f"{f}:5: not Arabic text (0% Arabic letters, 50% needed)",
        "corpus-6",
    ]
    x1 = items[0]
    assert (x1.title, x1.date, x1.source, x1.url, x1.path) == ("ع", "2018", "BBC", "http://u", str(f))
    assert x1.text == AR1


def test_shared_corpus_streams_line_by_line():
    it = iter_inputs([CORPUS])
    first = [next(it) for _ in range(3)]
    assert all(isinstance(d, Document) for d in first)
    with open(CORPUS, encoding="utf-8") as fh:
        row = json.loads(fh.readline())
    assert first[0].id == row["id"] and first[0].text == row["text"] and first[0].title == row["title"]


@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6"])
def test_legacy_arabic_encodings_decoded(tmp_path, encoding):
    f = tmp_path / f"{encoding}.txt"
    f.write_bytes(AR1.encode(encoding))
    [doc] = read_all(f)
    assert doc.text == AR1
    assert decode(AR2.encode(encoding)) == (AR2, encoding)


def test_short_iso_text_not_mistaken_for_cp1256():
    # every byte here is an Arabic letter in both code pages; only the iso reading has "ال"
    assert decode("غرب الفرات".encode("iso-8859-6")) == ("غرب الفرات", "iso-8859-6")


def test_utf8_bom_dropped(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + AR2.encode("utf-8"))
    [doc] = read_all(f)
    assert doc.text == AR2


def test_bidi_controls_kept(tmp_path):
    text = "\u202bقال مسؤول في \u200fقسد\u200f إن القتال مستمر.\u202c"
    (tmp_path / "bidi.txt").write_text(text, encoding="utf-8")
    [doc] = read_all(tmp_path / "bidi.txt")
    assert doc.text == text


def test_html_reduced_to_article_text(tmp_path):
    html = (
        "<!DOCTYPE html><html><head><title>خبر عاجل</title><style>p{color:red}</style>"
        "<script>var x = 'داعش';</script></head><body><h1>عنوان</h1><p>" + AR2 + "</p>"
        "<p>قال &quot;المتحدث&quot; إن<br>الهدنة صامدة.</p></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [doc] = read_all(tmp_path / "page.html")
    assert doc.title == "خبر عاجل"
    assert doc.text == f'عنوان\n{AR2}\nقال "المتحدث" إن\nالهدنة صامدة.'
    assert "var x" not in doc.text and "color" not in doc.text
    assert html_to_text("<html><body><p>أ</p></body></html>") == ("أ", "")


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:  # sparse: 50 MB on paper, nothing read into memory
        fh.truncate(50_000_000)
    assert [str(e) for e in read_all(f)] == [f"{f}: too large (50.0 MB > 20 MB limit)"]
    (tmp_path / "small.txt").write_text(AR1, encoding="utf-8")
    monkeypatch.setenv("KG_MAX_INPUT_MB", "60")
    assert read_all(f) == [ReadError(str(f), "binary file (contains NUL bytes)")]  # now read
    [err] = read_all(tmp_path / "small.txt", max_bytes=10)
    assert err.reason == f"too large ({len(AR1.encode()) / 1e6:.1f} MB > 1e-05 MB limit)"


UNDECODABLE = "binary or undecodable file (not UTF-8, Windows-1256 or ISO-8859-6 Arabic)"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file (no text)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (bytes(range(128, 256)) * 20, UNDECODABLE),
        (bytes(b for b in random.Random(0).randbytes(4000) if b), UNDECODABLE),
        (b"The ceasefire in Idlib held overnight, officials said.",
         "not Arabic text (0% Arabic letters, 50% needed)"),
        (b"12345 67 -- 89", "no letters (not an article)"),
    ],
)
def test_bad_file_contents(tmp_path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    assert read_all(f) == [ReadError(str(f), reason)]


def test_missing_path_and_fifo_and_rest_still_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it would block forever: refused without opening
    (tmp_path / "ok.txt").write_text(AR2, encoding="utf-8")
    items = read_all(tmp_path / "nope.txt", tmp_path)
    assert [str(i) if isinstance(i, ReadError) else i.id for i in items] == [
        f"{tmp_path / 'nope.txt'}: no such file or directory",
        "ok",
        f"{fifo}: not a regular file (FIFO)",
    ]


def test_broken_symlink(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    assert read_all(tmp_path) == [ReadError(str(tmp_path / "gone.txt"), "broken symbolic link")]


def test_permission_denied(tmp_path):
    """chmod 000 does not stop root: as root the reader runs with the capabilities that bypass file
    permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) dropped, i.e. as an ordinary user would."""
    locked = tmp_path / "locked.txt"
    locked.write_text(AR1, encoding="utf-8")
    locked.chmod(0o000)
    (tmp_path / "ok.txt").write_text(AR2, encoding="utf-8")
    code = (
        "import sys; from kg.reader import iter_inputs\n"
        "for i in iter_inputs([sys.argv[1]]): print(getattr(i, 'id', None) or i)"
    )
    out = subprocess.run([*UNPRIVILEGED, sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                         text=True, cwd=ROOT, check=True).stdout.splitlines()
    assert out == [f"{locked}: permission denied", "ok"]


def test_jsonl_line_over_limit_skipped_rest_read(tmp_path):
    f = tmp_path / "c.jsonl"
    big = json.dumps({"id": "big", "text": "ب" * 3000}, ensure_ascii=False)
    ok = json.dumps({"id": "ok", "text": AR2}, ensure_ascii=False)
    f.write_text(big + "\n" + ok + "\n", encoding="utf-8")
    items = read_all(f, max_bytes=1000)
    assert [str(i) if isinstance(i, ReadError) else i.id for i in items] == [
        f"{f}:1: line too large (> 0.001 MB limit)",
        "ok",
    ]


def test_duplicate_ids_reported_not_merged(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(AR1, encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text(AR2, encoding="utf-8")
    f = tmp_path / "c.jsonl"
    f.write_text(json.dumps({"id": "x", "text": AR2}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = read_all(tmp_path)
    assert [str(i) if isinstance(i, ReadError) else i.text for i in items] == [
        AR1,
        f"{tmp_path / 'b' / 'x.txt'}: duplicate document id 'x' (first read from {tmp_path / 'a' / 'x.txt'})",
        f"{f}:1: duplicate document id 'x' (first read from {tmp_path / 'a' / 'x.txt'})",
    ]


def test_symlinked_directories_followed_once(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(AR1, encoding="utf-8")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")  # a cycle: walked once
    assert [d.id for d in read_all(tmp_path)] == ["a"]
