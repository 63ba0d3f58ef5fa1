"""Extraction run: read inputs -> pipeline (local or distributed) -> graph.jsonl, streaming.

Bad inputs become one-line errors on stderr and the run goes on; the report says what was skipped so
the CLI can exit non-zero after writing everything it could.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kg.graph import GraphWriter
from kg.knowledge import is_state
from kg.model import Document, Entity, Relation
from kg.ner import torch_threads
from kg.pipeline import build_pipeline
from kg.reader import ReadError, iter_inputs
from kg.relations.lexicon import load_lexicon
from kg.runner import default_workers, run


@dataclass
class ExtractReport:
    documents: int = 0
    words: int = 0
    entities: int = 0
    mentions: int = 0
    relations: int = 0
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)
    processes: str = ""  # how the work was spread, and why (the default worker count says what it fits)

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        line = (f"{self.documents} documents, {self.words} words, {self.entities} entities, "
                f"{self.relations} relations in {self.seconds:.1f}s ({self.words_per_second:.0f} words/s)")
        if self.processes:
            line += f"; {self.processes}"
        if self.skipped:
            line += f"; {len(self.skipped)} input(s) skipped"
        return line


def _error(message: str) -> None:
    tqdm.write(f"error: {message}", file=sys.stderr)


def _documents(inputs: list[str | Path], report: ExtractReport) -> Iterator[Document]:
    for item in iter_inputs(inputs):
        if isinstance(item, ReadError):
            report.skipped.append(str(item))
            _error(str(item))
        else:
            report.words += len(item.text.split())
            yield item


def relation_fits_types(rel: Relation, subject: Entity, obj: Entity) -> bool:
    """The relation's argument types (from the lexicon) hold for the entities' final types."""
    return load_lexicon().types[rel.type].fits(subject.type, is_state(subject.id), obj.type, is_state(obj.id))


def extract(inputs: list[str | Path], out_path: str | Path, workers: int | None = None, scheduler: str | None = None,
            ner_model_dir: Path | None = None, progress: bool = True) -> ExtractReport:
    """Write graph.jsonl for ``inputs``; never stops on a bad document.  ``workers``: local processes;
    None: as many as the machine's cores and memory fit."""
    report = ExtractReport()
    started = time.perf_counter()

    def failed(doc_id: str, message: str) -> None:
        report.skipped.append(f"{doc_id}: {message}")
        _error(f"{doc_id}: {message}")

    factory = functools.partial(build_pipeline, ner_model_dir)
    chosen, why = (workers, "-w") if workers else default_workers()

    def spread(used: int) -> None:
        threads = f"{torch_threads()} torch thread(s) each"
        report.processes = (f"{used} worker processes ({why}), {threads}" if used > 1 else
                            f"1 process ({'one batch of input' if chosen > 1 else why}), {threads}")

    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as out:
        writer = GraphWriter(out, relation_fits=relation_fits_types)
        results = run(_documents(inputs, report), factory, workers=chosen, scheduler=scheduler, on_error=failed,
                      on_workers=spread)
        for adoc in tqdm(results, desc="documents", unit="doc", disable=not progress, file=sys.stderr):
            writer.add(adoc)
        writer.close()
    report.documents = writer.counts["documents"]
    report.mentions = writer.counts["mentions"]
    report.relations = writer.counts["relations"]
    if writer.counts["relations_dropped"]:
        tqdm.write(f"note: {writer.counts['relations_dropped']} relations left out: across the corpus an argument "
                   "was typed as something the relation does not take", file=sys.stderr)
    report.entities = len(writer.entities)
    report.seconds = time.perf_counter() - started
    return report
