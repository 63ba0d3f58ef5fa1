"""kg.runner: in-process, local processes and Dask distributed give the same results, in input order.

The runner's own tests use a small real pipeline (sentence splitting + a name list) so they are fast;
the equivalence test at the end runs the project's full pipeline (stanza NER) through a Dask
LocalCluster and compares it record for record with a single-process run.
"""

from __future__ import annotations

import functools
import json
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import distributed
import pytest

from kg.model import AnalyzedDoc, Document, Mention
from kg.runner import PipelineBuildError, _Pool, default_workers, run
from kg.tokenize import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")).resolve()
NAMES = {"داعش": "Organization", "قسد": "Organization", "الرقة": "Place", "دمشق": "Place"}
WORDS = ["قال", "مسؤول", "إن", "داعش", "انسحب", "من", "الرقة", "نحو", "دمشق", "بعد", "معارك", "مع", "قسد"]


class NamePipeline:
    """Sentences + mentions of a few names: a real Document -> AnalyzedDoc function, cheap to run."""

    def __call__(self, doc: Document) -> AnalyzedDoc:
        if "FAIL" in doc.text:
            raise ValueError(f"cannot analyze {doc.id}")
        if "CRASH" in doc.text:
            os._exit(70)  # as a segfault or the OOM killer would end the process
        adoc = AnalyzedDoc(doc, sentences=split_sentences(doc.text))
        for s in adoc.sentences:
            for t in s.tokens:
                if t.text in NAMES:
                    adoc.mentions.append(Mention(t.start, t.end, t.text, NAMES[t.text], s.index, t.text))
        return adoc


def make_name_pipeline(build_log: str) -> NamePipeline:
    """Factory: records the building process's pid, to check one build per worker."""
    with open(build_log, "a") as fh:
        fh.write(f"{os.getpid()}\n")
    return NamePipeline()


def failing_factory() -> NamePipeline:
    raise FileNotFoundError("no NER model here")


def documents(n: int) -> list[Document]:
    docs = []
    for i in range(n):
        words = [WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(20 + i % 9)]
        text = " ".join(words[:10]) + ". " + " ".join(words[10:]) + "."
        docs.append(Document(id=f"d{i:03d}", text=text + (" FAIL" if i % 17 == 5 else "")))
    return docs


def summary(results) -> list[tuple[str, list[tuple[int, int, str]]]]:
    return [(a.doc.id, [(m.start, m.end, m.type) for m in a.mentions]) for a in results]


@pytest.fixture(scope="module")
def expected():
    pipeline = NamePipeline()
    docs = [d for d in documents(60) if "FAIL" not in d.text]
    out = summary(pipeline(d) for d in docs)
    assert sum(len(m) for _, m in out) > 100  # the toy pipeline does find names
    return out


def test_in_process_order_and_errors(tmp_path, expected):
    errors: list[tuple[str, str]] = []
    factory = functools.partial(make_name_pipeline, str(tmp_path / "builds"))
    got = summary(run(documents(60), factory, on_error=lambda i, m: errors.append((i, m))))
    assert got == expected
    assert [i for i, _ in errors] == ["d005", "d022", "d039", "d056"]
    assert errors[0][1].startswith("ValueError: cannot analyze d005 (at test_dask.py:")


def test_local_processes_same_results_in_order(tmp_path, expected):
    errors: list[str] = []
    builds = tmp_path / "builds"
    factory = functools.partial(make_name_pipeline, str(builds))
    got = summary(run(documents(60), factory, workers=2, batch_size=4, on_error=lambda i, m: errors.append(i)))
    assert got == expected
    assert errors == ["d005", "d022", "d039", "d056"]
    pids = builds.read_text().split()
    assert len(pids) == len(set(pids)) <= 2  # built once per worker process, not per batch
    assert str(os.getpid()) not in pids


class BatchNamePipeline(NamePipeline):
    """With ``pipe``, as the real pipeline: a batch holding a failing document fails as a whole."""

    def pipe(self, docs: list[Document]) -> list[AnalyzedDoc]:
        return [self(d) for d in docs]


def test_failed_batch_is_rerun_one_document_at_a_time(expected):
    errors: list[str] = []
    got = summary(run(documents(60), BatchNamePipeline, batch_size=8, on_error=lambda i, m: errors.append(i)))
    assert got == expected
    assert errors == ["d005", "d022", "d039", "d056"]


def test_input_of_one_batch_runs_in_this_process(tmp_path, expected):
    builds = tmp_path / "builds"
    factory = functools.partial(make_name_pipeline, str(builds))
    told: list[int] = []
    docs = [d for d in documents(12) if "FAIL" not in d.text]
    got = summary(run(docs, factory, workers=2, batch_size=16, on_workers=told.append))
    assert got == expected[: len(docs)]
    assert told == [1] and builds.read_text().split() == [str(os.getpid())]  # no worker processes started


def test_default_workers_fit_cores_and_memory():
    workers, why = default_workers()
    assert 1 <= workers <= (os.cpu_count() or 1)
    assert "core" in why and "GiB" in why


def test_worker_process_death_reports_only_that_document(tmp_path, expected):
    docs = documents(60)
    docs[30] = Document(id=docs[30].id, text=docs[30].text + " CRASH")
    errors: list[tuple[str, str]] = []
    factory = functools.partial(make_name_pipeline, str(tmp_path / "builds"))
    got = summary(run(docs, factory, workers=2, batch_size=4, on_error=lambda i, m: errors.append((i, m))))
    assert got == [e for e in expected if e[0] != "d030"]
    assert [i for i, _ in errors] == ["d005", "d022", "d030", "d039", "d056"]
    assert errors[2][1] == "the worker process died while analyzing this document"


def test_a_pool_that_broke_before_a_submit_fails_that_batch_instead_of_the_run(tmp_path):
    """The race CI hit: a process dies between two submits; the next submit must not raise out of
    the runner but give a failed future, so that the batch is retried with those in flight."""
    factory = functools.partial(make_name_pipeline, str(tmp_path / "builds"))
    pool = _Pool(factory, 1)
    try:
        crash = pool.submit([Document(id="c", text="داعش CRASH")])
        with pytest.raises(BrokenProcessPool):
            crash.result(timeout=60)
        refused = pool.submit(documents(1))
        with pytest.raises(BrokenProcessPool):
            refused.result(timeout=1)
        pool.renew()
        assert summary([pool.submit(documents(1)).result(timeout=60)[0][1]]) == summary(
            [NamePipeline()(documents(1)[0])])
    finally:
        pool.close()


def test_results_stream_with_bounded_batches_in_flight(tmp_path):
    """Consuming lazily: the runner must not read the whole input before yielding."""
    pulled: list[str] = []

    def source():
        for d in documents(400):
            pulled.append(d.id)
            yield d

    factory = functools.partial(make_name_pipeline, str(tmp_path / "builds"))
    results = run(source(), factory, workers=2, batch_size=5, max_in_flight=3)
    first = next(results)
    assert first.doc.id == "d000"
    assert len(pulled) <= 5 * 4  # at most max_in_flight batches (+1 being cut) read so far
    results.close()


def test_pipeline_that_cannot_be_built_stops_the_run():
    with pytest.raises(PipelineBuildError, match="no NER model here"):
        list(run(documents(3), failing_factory))
    with pytest.raises(PipelineBuildError, match="no NER model here"):
        list(run(documents(30), failing_factory, workers=2, batch_size=4))


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as c:
        yield c


def test_dask_same_results_in_order(cluster, tmp_path, expected):
    errors: list[str] = []
    builds = tmp_path / "builds"
    factory = functools.partial(make_name_pipeline, str(builds))
    got = summary(run(documents(60), factory, scheduler=cluster.scheduler_address, batch_size=4,
                      on_error=lambda i, m: errors.append(i)))
    assert got == expected
    assert errors == ["d005", "d022", "d039", "d056"]
    pids = builds.read_text().split()
    assert len(pids) == len(set(pids)) <= 2  # one build per Dask worker process, reused by later batches


def test_dask_pipeline_build_failure(cluster):
    with pytest.raises(PipelineBuildError, match="no NER model here"):
        list(run(documents(8), failing_factory, scheduler=cluster.scheduler_address, batch_size=4))


def _records(path: Path) -> list[str]:
    return sorted(json.dumps(json.loads(line), sort_keys=True, ensure_ascii=False)
                  for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def test_real_pipeline_through_dask_equals_single_process(cluster, tmp_path):
    """The seed articles through the full pipeline: Dask output == single-process output, record for record."""
    from kg.extract import extract

    seeds = SHARED / "corpus" / "seeds"
    single = extract([seeds], tmp_path / "single.jsonl", progress=False)
    assert single.documents == 5 and not single.skipped, single.summary()
    distributed_run = extract([seeds], tmp_path / "dask.jsonl", scheduler=cluster.scheduler_address,
                              progress=False)
    assert not distributed_run.skipped, distributed_run.skipped
    one, many = _records(tmp_path / "single.jsonl"), _records(tmp_path / "dask.jsonl")
    assert sum('"kind": "entity"' in r for r in one) > 20
    assert many == one
    # documents come out in input order
    order = [json.loads(line)["id"] for line in (tmp_path / "dask.jsonl").read_text().splitlines()
             if '"kind": "document"' in line]
    assert order == sorted(p.stem for p in seeds.glob("*.txt"))
