"""The run tells where it is: a total and ETA when the input size is known, a message while the NER model
loads, nothing with --quiet, and a summary that says where the output went (real stanza, real CLI)."""

from __future__ import annotations

import json
import subprocess
import sys

from kg.extract import expected_documents

ARTICLES = [
    "اشتبكت قوات سوريا الديمقراطية مع مقاتلي تنظيم داعش قرب مدينة الرقة صباح اليوم.",
    "أعلن الجيش العراقي سيطرته على بلدة صغيرة شمال الموصل بعد معارك استمرت يومين.",
    "قال مسؤول محلي إن مفاوضات جرت بين الطرفين في مدينة دير الزور دون نتيجة.",
]


def kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from kg.cli import app; app()", *args],
                          capture_output=True, text=True, timeout=600)


def test_expected_documents_counts_jsonl_lines_and_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text("\n".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False)
                                              for i, t in enumerate(ARTICLES)) + "\n\n", encoding="utf-8")
    (corpus / "b.txt").write_text(ARTICLES[0], encoding="utf-8")
    (corpus / "notes.csv").write_text("not an input", encoding="utf-8")
    assert expected_documents([corpus]) == 4
    (tmp_path / "empty").mkdir()
    assert expected_documents([tmp_path / "empty"]) is None  # no total: tqdm counts without one


def test_progress_total_model_message_quiet_and_summary(tmp_path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text("\n".join(json.dumps({"id": f"p{i}", "text": t}, ensure_ascii=False)
                                  for i, t in enumerate(ARTICLES)) + "\n", encoding="utf-8")
    out = tmp_path / "out" / "graph.jsonl"
    run = kg("extract", str(articles), "-o", str(out), "-w", "1")
    assert run.returncode == 0, run.stderr
    assert "loading the NER model" in run.stderr
    assert "3/3" in run.stderr  # the total, known from the JSONL's line count (tqdm then shows an ETA)
    assert f"graph written to {out}" in run.stderr
    quiet = kg("extract", str(articles), "-o", str(tmp_path / "q.jsonl"), "-w", "1", "--quiet")
    assert quiet.returncode == 0, quiet.stderr
    assert "loading the NER model" not in quiet.stderr and "3/3" not in quiet.stderr
    assert "3 documents" in quiet.stderr and "graph written to" in quiet.stderr
