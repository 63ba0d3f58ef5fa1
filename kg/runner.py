"""Run a document pipeline in-process, in local worker processes, or on a Dask distributed cluster.

Results come back in input order and streaming: documents are cut into batches and only a bounded
number of batches is in flight, so memory stays flat whatever the corpus size.  The pipeline is
built once per worker process (NER models are slow to load) from ``make_pipeline``, a picklable
factory (a module-level function or a ``functools.partial`` of one).  A document whose analysis
raises yields nothing; ``on_error(doc_id, message)`` is told and the run goes on.  A pipeline that
cannot be built at all (missing model) is a configuration error: ``PipelineBuildError`` ends the run.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import pickle
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from kg.model import AnalyzedDoc, Document

Pipeline = Callable[[Document], AnalyzedDoc]
PipelineFactory = Callable[[], Pipeline]
ErrorCallback = Callable[[str, str], None]
# One batch's outcome per document: (doc id, result or None, error message or None).
Outcome = list[tuple[str, AnalyzedDoc | None, str | None]]


class PipelineBuildError(RuntimeError):
    """``make_pipeline()`` failed on a worker: no document could be analyzed there."""


def _build(make_pipeline: PipelineFactory) -> Pipeline:
    try:
        return make_pipeline()
    except Exception as e:
        raise PipelineBuildError(f"cannot build the pipeline: {type(e).__name__}: {e}") from e


def run(
    documents: Iterable[Document],
    make_pipeline: PipelineFactory,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 16,
    on_error: ErrorCallback | None = None,
    max_in_flight: int | None = None,
    on_workers: Callable[[int], None] | None = None,
) -> Iterator[AnalyzedDoc]:
    """Analyze ``documents`` with the pipeline ``make_pipeline()`` builds; yield results in input order.

    ``workers`` = 1 and no ``scheduler``: in this process.  ``workers`` > 1: that many local
    processes (forkserver/spawn, safe with torch), unless all documents fit in one batch: then in this
    process, since starting processes would cost more than they save.  ``scheduler``
    ("tcp://host:8786"): the workers of that Dask distributed cluster.  ``max_in_flight`` bounds the
    batches submitted but not yet yielded (default twice the number of workers).  ``on_workers`` is told
    the number of local processes used (1: this one) once that is decided.
    """
    report = on_error or _ignore
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    if scheduler:
        yield from _run_dask(documents, make_pipeline, scheduler, batch_size, report, max_in_flight)
        return
    batches = _batches(documents, batch_size)
    if workers > 1:
        first = list(itertools.islice(batches, 2))
        batches = itertools.chain(first, batches)
        if len(first) > 1:
            if on_workers:
                on_workers(workers)
            yield from _run_processes(batches, make_pipeline, workers, report, max_in_flight)
            return
    if on_workers:
        on_workers(1)
    pipeline = _build(make_pipeline)
    for batch in batches:
        yield from _emit(_analyze(batch, pipeline), report)


def _ignore(doc_id: str, message: str) -> None:
    pass


WORKER_MEMORY = int(0.9 * 2**30)  # resident size of one worker process (stanza model + torch), bytes


def _available_memory() -> int | None:
    """MemAvailable from /proc/meminfo (Linux), in bytes; None where unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_workers() -> tuple[int, str]:
    """Worker processes for this machine, and why: one per usable core (each runs one torch thread),
    no more than the available memory holds at WORKER_MEMORY each."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    memory = _available_memory()
    fit = cores if memory is None else max(1, min(cores, memory // WORKER_MEMORY))
    held = "" if memory is None else f", {memory / 2**30:.1f} GiB available at {WORKER_MEMORY / 2**30:.1f} GiB each"
    return fit, f"{cores} usable core(s){held}"


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(itertools.islice(it, size)):
        yield batch


def _analyze(batch: list[Document], pipeline: Pipeline) -> Outcome:
    """Run the pipeline on the batch, at once where it has ``pipe`` (batched NER); when that raises, on
    each document alone, turning an exception into an error message for that one."""
    pipe = getattr(pipeline, "pipe", None)
    if pipe is not None and len(batch) > 1:
        try:
            return [(doc.id, adoc, None) for doc, adoc in zip(batch, pipe(batch), strict=True)]
        except Exception:  # noqa: BLE001 - find the document(s) that fail, one at a time
            pass
    out: Outcome = []
    for doc in batch:
        try:
            out.append((doc.id, pipeline(doc), None))
        except Exception as e:  # noqa: BLE001 - one bad document must not end the run
            where = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
            at = f" (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})" if where else ""
            out.append((doc.id, None, f"{type(e).__name__}: {e}{at}"))
    return out


def _emit(outcome: Outcome, report: ErrorCallback) -> Iterator[AnalyzedDoc]:
    for doc_id, result, error in outcome:
        if error is not None:
            report(doc_id, error)
        elif result is not None:
            yield result


# --- local processes ------------------------------------------------------------------------------

_PROCESS_PIPELINE: Pipeline | PipelineBuildError | None = None


def _init_process(make_pipeline: PipelineFactory) -> None:
    """Build the pipeline once per process; a failure is kept and raised by the first batch (an
    exception escaping an initializer would only show as a broken pool).  The NER loads with one torch
    thread (``kg.ner.torch_threads``): the processes are the parallelism."""
    global _PROCESS_PIPELINE
    try:
        _PROCESS_PIPELINE = _build(make_pipeline)
    except PipelineBuildError as e:
        _PROCESS_PIPELINE = e


def _process_batch(batch: list[Document]) -> Outcome:
    if isinstance(_PROCESS_PIPELINE, PipelineBuildError):
        raise _PROCESS_PIPELINE
    assert _PROCESS_PIPELINE is not None, "worker initializer did not run"
    return _analyze(batch, _PROCESS_PIPELINE)


def _mp_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class _Pool:
    """A process pool that can be replaced when one of its processes dies."""

    def __init__(self, make_pipeline: PipelineFactory, workers: int):
        self._args = {"max_workers": workers, "mp_context": _mp_context(), "initializer": _init_process,
                      "initargs": (make_pipeline,)}
        self.executor = ProcessPoolExecutor(**self._args)

    def submit(self, batch: list[Document]) -> Future:
        """A pool that broke since the last result refuses new work at once; that refusal becomes the
        batch's outcome, so it is retried like the batches that were in flight."""
        try:
            return self.executor.submit(_process_batch, batch)
        except BrokenProcessPool as e:
            refused: Future = Future()
            refused.set_exception(e)
            return refused

    def renew(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = ProcessPoolExecutor(**self._args)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _outcome(future: Future, batch: list[Document]) -> Outcome:
    """The batch's outcome; an exception other than a dead process fails each of its documents."""
    try:
        return future.result()
    except (BrokenProcessPool, PipelineBuildError):
        raise
    except Exception as e:  # noqa: BLE001 - e.g. a result that cannot be pickled
        return [(doc.id, None, f"{type(e).__name__}: {e}") for doc in batch]


def _isolate(suspects: list[list[Document]], pool: _Pool) -> Iterator[Outcome]:
    """After a worker process died: rerun the batches that were in flight one at a time, and the
    documents of a batch that kills a process again one at a time, so that only the document(s)
    that kill a process (a crash in native code, running out of memory) are reported."""
    for batch in suspects:
        try:
            yield _outcome(pool.submit(batch), batch)
            continue
        except BrokenProcessPool:
            pool.renew()
        for doc in batch:
            try:
                yield _outcome(pool.submit([doc]), [doc])
            except BrokenProcessPool:
                pool.renew()
                yield [(doc.id, None, "the worker process died while analyzing this document")]


def _run_processes(
    batches: Iterator[list[Document]],
    make_pipeline: PipelineFactory,
    workers: int,
    report: ErrorCallback,
    max_in_flight: int | None,
) -> Iterator[AnalyzedDoc]:
    """A ProcessPoolExecutor whose initializer builds the pipeline once per process."""
    limit = max_in_flight or 2 * workers
    pool = _Pool(make_pipeline, workers)
    pending: deque[tuple[list[Document], Future]] = deque()
    try:
        while True:
            while len(pending) < limit and (batch := next(batches, None)) is not None:
                pending.append((batch, pool.submit(batch)))
            if not pending:
                break
            batch, future = pending.popleft()
            try:
                outcomes: Iterable[Outcome] = [_outcome(future, batch)]
            except BrokenProcessPool:
                suspects = [batch, *(b for b, _ in pending)]
                pending.clear()
                pool.renew()
                outcomes = _isolate(suspects, pool)
            for outcome in outcomes:
                yield from _emit(outcome, report)
    finally:
        pool.close()


# --- Dask distributed -----------------------------------------------------------------------------

# Pipelines built on this Dask worker process, by factory fingerprint: built once, reused per batch.
_WORKER_PIPELINES: dict[str, Pipeline] = {}
_WORKER_LOCK = threading.Lock()


def _factory_key(make_pipeline: PipelineFactory) -> str:
    """A fingerprint of the factory that survives pickling (a partial unpickles as a new object)."""
    try:
        import cloudpickle

        payload = cloudpickle.dumps(make_pipeline)
    except Exception:  # noqa: BLE001
        payload = pickle.dumps(make_pipeline)
    return hashlib.sha1(payload).hexdigest()


def worker_pipeline(key: str, make_pipeline: PipelineFactory) -> Pipeline:
    """The pipeline for ``key`` on this worker process, built on first use."""
    with _WORKER_LOCK:
        pipeline = _WORKER_PIPELINES.get(key)
        if pipeline is None:
            pipeline = _WORKER_PIPELINES[key] = _build(make_pipeline)
        return pipeline


def _dask_batch(key: str, make_pipeline: PipelineFactory, batch: list[Document]) -> Outcome:
    return _analyze(batch, worker_pipeline(key, make_pipeline))


def _run_dask(
    documents: Iterable[Document],
    make_pipeline: PipelineFactory,
    scheduler: str,
    batch_size: int,
    report: ErrorCallback,
    max_in_flight: int | None,
) -> Iterator[AnalyzedDoc]:
    """Submit batches to the cluster at ``scheduler`` with a bounded number of futures in flight."""
    from distributed import Client

    key = _factory_key(make_pipeline)
    with Client(scheduler, set_as_default=False) as client:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = max_in_flight or 2 * n_workers
        pending: deque = deque()
        batches = _batches(documents, batch_size)
        while True:
            while len(pending) < limit and (batch := next(batches, None)) is not None:
                future = client.submit(_dask_batch, key, make_pipeline, batch, pure=False)
                pending.append((batch, future))
            if not pending:
                break
            batch, future = pending.popleft()
            try:
                outcome = future.result()
            except PipelineBuildError:
                raise
            except Exception as e:  # noqa: BLE001 - a lost worker or an unpicklable result
                for doc in batch:
                    report(doc.id, f"{type(e).__name__}: {e}")
                continue
            finally:
                future.release()
            yield from _emit(outcome, report)
