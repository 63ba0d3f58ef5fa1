"""Speed paths give the same answers: several articles per NER call, the batched Viterbi, one torch thread,
and a model loaded for inference only."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import torch

from kg.model import Document
from kg.ner import THREADS_ENV, StanzaNER, torch_threads, viterbi_paths
from kg.pipeline import build_pipeline

# Written for these tests (not from the seeds or the ANT corpus).
ARTICLES = [
    "أعلنت قوات سوريا الديمقراطية أنها سيطرت على بلدة هجين. وقال التحالف الدولي إن التنظيم انسحب نحو الباغوز.",
    "زار وزير الخارجية الروسي سيرغي لافروف أنقرة. والتقى لافروف نظيره التركي في العاصمة.",
    "",
    "قصفت طائرات روسية مدينة إدلب، وقالت هيئة تحرير الشام إن مقاتليها صدوا هجوما للجيش السوري.",
]


def test_viterbi_batch_equals_stanza_viterbi_per_sentence():
    from stanza.models.common.crf import viterbi_decode

    rng = np.random.default_rng(7)
    scores = rng.normal(size=(6, 11, 9)).astype(np.float32)
    scores[:, :, 3] = scores[:, :, 4]  # ties: the first maximum wins in both
    transitions = rng.normal(size=(9, 9)).astype(np.float32)
    lengths = [11, 1, 5, 11, 2, 7]
    got = viterbi_paths(scores, transitions, lengths)
    assert got == [[int(t) for t in viterbi_decode(scores[b, :n], transitions)[0]] for b, n in enumerate(lengths)]


def test_articles_batched_equal_articles_one_by_one():
    pipeline = build_pipeline()
    docs = [Document(f"a{i}", text) for i, text in enumerate(ARTICLES)]

    def facts(adoc):
        return ([(m.start, m.end, m.type, m.entity) for m in adoc.mentions],
                [(r.type, r.subject, r.object, r.start) for r in adoc.relations])

    alone = [facts(pipeline(d)) for d in docs]
    assert [facts(a) for a in pipeline.pipe(docs)] == alone
    assert any(("قوات سوريا الديمقراطية" in ARTICLES[0][s:e]) for s, e, _, _ in alone[0][0])


def test_one_torch_thread_by_default(monkeypatch):
    StanzaNER().spans([["قصفت", "طائرات", "روسية", "مدينة", "حلب"]])
    assert torch.get_num_threads() == 1
    monkeypatch.setenv(THREADS_ENV, "3")
    assert torch_threads() == 3
    monkeypatch.setenv(THREADS_ENV, "many")
    assert torch_threads() == 1


def test_model_loads_for_inference_only_without_torch_dynamo():
    code = ("import sys; from kg.ner import StanzaNER; StanzaNER().load(); "
            "from kg.ner import _trainers, MODEL_DIR; t = _trainers(str(MODEL_DIR.resolve()), False)[0]; "
            "print('torch._dynamo' in sys.modules, hasattr(t, 'optimizer'), t.model.training)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "False"]
