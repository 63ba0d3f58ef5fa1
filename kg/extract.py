"""Extraction run: read inputs -> pipeline (local or distributed) -> graph.jsonl, streaming.

Bad inputs become one-line errors on stderr and the run goes on; the report says what was skipped so
the CLI can exit non-zero after writing everything it could.  The output never overlaps an input, is
written under a temporary name and renamed when complete (``kg.outputs``); an interrupted run leaves
no graph.jsonl but a ``.partial`` checkpoint that ``resume=True`` continues from (``kg.checkpoint``).
"""

from __future__ import annotations

import functools
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from kg.checkpoint import Checkpoint, checkpoint_path, content_hash
from kg.errors import KgError, UsageError
from kg.graph import GraphWriter
from kg.knowledge import is_state
from kg.model import AnalyzedDoc, Document, Entity, Relation
from kg.ner import torch_threads
from kg.outputs import atomic_file, check_apart, check_output_file
from kg.pipeline import build_pipeline
from kg.reader import Ignored, ReadError, input_files, iter_inputs
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
    resumed: int = 0
    skipped: list[str] = field(default_factory=list)
    processes: str = ""  # how the work was spread, and why (the default worker count says what it fits)
    output: str = ""  # where graph.jsonl went

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        line = (f"{self.documents} documents, {self.words} words, {self.entities} entities, "
                f"{self.relations} relations in {self.seconds:.1f}s ({self.words_per_second:.0f} words/s)")
        if self.processes:
            line += f"; {self.processes}"
        if self.resumed:
            line += f"; {self.resumed} resumed from the interrupted run"
        if self.skipped:
            line += f"; {len(self.skipped)} input(s) skipped"
        if self.output:
            line += f"; graph written to {self.output}"
        return line


class ExtractInterrupted(KgError):
    """Ctrl-C: nothing was written under the output's name; the checkpoint says what was done."""

    exit_code = 130


def _error(message: str) -> None:
    tqdm.write(f"error: {message}", file=sys.stderr)


# (doc id, its content hash, its stored analysis when resumed), in input order
Entry = tuple[str, str, AnalyzedDoc | None]


def _documents(inputs: list[str | Path], report: ExtractReport, checkpoint: Checkpoint,
               entries: deque[Entry]) -> Iterator[Document]:
    """The documents to analyze; each one read (analyzed or resumed) is queued in ``entries``."""
    for item in iter_inputs(inputs):
        if isinstance(item, Ignored):
            tqdm.write(f"note: {item}", file=sys.stderr)
        elif isinstance(item, ReadError):
            report.skipped.append(str(item))
            _error(str(item))
        else:
            report.words += len(item.text.split())
            digest = content_hash(item)
            stored = checkpoint.replay(item, digest)
            entries.append((item.id, digest, stored))
            if stored is None:
                yield item


def _in_input_order(entries: deque[Entry], results: Iterable[AnalyzedDoc]) -> Iterator[tuple[AnalyzedDoc, str]]:
    """Analyzed and resumed documents, with their hashes, in input order (a document that failed in
    the pipeline has an entry but no result)."""
    for adoc in results:
        while entries:
            doc_id, digest, stored = entries.popleft()
            if stored is not None:
                yield stored, digest
            elif doc_id == adoc.doc.id:
                yield adoc, digest
                break
    for _doc_id, digest, stored in entries:
        if stored is not None:
            yield stored, digest


def relation_fits_types(rel: Relation, subject: Entity, obj: Entity) -> bool:
    """The relation's argument types (from the lexicon) hold for the entities' final types."""
    return load_lexicon().types[rel.type].fits(subject.type, is_state(subject.id), obj.type, is_state(obj.id),
                                               bool(subject.capital_of), bool(obj.capital_of))


def expected_documents(inputs: list[str | Path]) -> int | None:
    """How many documents the inputs hold, for the progress bar's total and ETA: one per article file,
    one per non-blank line of a JSONL file (counted without parsing). None when nothing is countable."""
    total = 0
    for file in input_files(inputs):
        try:
            if file.suffix.lower() == ".jsonl":
                with open(file, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
        except OSError:
            continue  # reported when it is read
    return total or None


def extract(inputs: list[str | Path], out_path: str | Path, workers: int | None = None, scheduler: str | None = None,
            ner_model_dir: Path | None = None, progress: bool = True, resume: bool = False,
            min_confidence: float | None = None) -> ExtractReport:
    """Write graph.jsonl for ``inputs``; never stops on a bad document.

    Raises ``UsageError`` for an output that overlaps an input or cannot be written, or when the inputs
    hold no article; ``ExtractInterrupted`` on Ctrl-C; ``KgError`` when the disk fills up.  In every
    case ``out_path`` is left as it was.  ``resume``: replay the documents of the ``.partial``
    checkpoint an interrupted run left (same id and content) instead of analyzing them again.
    ``workers``: local processes; None: as many as the machine's cores and memory fit.
    """
    out_path = check_output_file(out_path)
    check_apart(inputs, [out_path, checkpoint_path(out_path)])
    report = ExtractReport()
    started = time.perf_counter()

    def failed(doc_id: str, message: str) -> None:
        report.skipped.append(f"{doc_id}: {message}")
        _error(f"{doc_id}: {message}")

    factory = functools.partial(build_pipeline, ner_model_dir, min_confidence=min_confidence)
    chosen, why = (workers, f"-w {workers}") if workers else default_workers()

    def spread(used: int) -> None:
        threads = f"{torch_threads()} torch thread(s) each"
        report.processes = (f"{used} worker processes ({why}), {threads}" if used > 1 else
                            f"1 process ({'the input fits one batch' if chosen > 1 else why}), {threads}")

    checkpoint = Checkpoint(out_path, resume)
    if resume:
        tqdm.write(f"note: resuming: {checkpoint.available} documents done in {checkpoint.path}", file=sys.stderr)
    entries: deque[Entry] = deque()
    finished = False
    try:
        with atomic_file(out_path) as out:
            writer = GraphWriter(out, relation_fits=relation_fits_types)
            results = run(_documents(inputs, report, checkpoint, entries), factory, workers=chosen,
                          scheduler=scheduler, on_error=failed, on_workers=spread)
            # the bar says the model is loading until the first document is done (stanza: ~a minute)
            # closed on every exit, so an error line that follows starts a line of its own
            with tqdm(total=expected_documents(inputs) if progress else None, unit="doc", disable=not progress,
                      file=sys.stderr, desc="loading the NER model", dynamic_ncols=True) as bar:
                for adoc, digest in _in_input_order(entries, results):
                    if bar.n == 0:
                        bar.set_description("documents")
                    bar.update()
                    try:
                        writer.add(adoc)
                    except ValueError as exc:  # text no UTF-8 file can hold: this document only
                        failed(adoc.doc.id, f"cannot be written to graph.jsonl ({exc})")
                        continue
                    checkpoint.add(adoc, digest)
                    if adoc.doc.date_text.strip() and not adoc.doc.date:
                        tqdm.write(f"warning: {adoc.doc.id}: date {adoc.doc.date_text!r} not understood; kept as text",
                                   file=sys.stderr)
            if not writer.counts["documents"] and not report.skipped:
                raise UsageError(f"no articles in {', '.join(map(str, inputs))} (.txt .md .html .htm .jsonl; "
                                 f"documentation files and kg outputs are not read); {out_path} not written")
            writer.close()
        finished = True
    except KeyboardInterrupt:
        raise ExtractInterrupted(
            f"interrupted: {checkpoint.lines_on_disk() + checkpoint.resumed} documents done, {out_path} not written; "
            f"they are kept in {checkpoint.path}: rerun the same command with --resume to go on") from None
    except OSError as exc:
        raise KgError(f"cannot write {out_path}: {exc.strerror or exc}; nothing written under that name "
                      f"(documents done are kept in {checkpoint.path}: free space and rerun with --resume)") \
            from exc
    finally:
        checkpoint.close(finished)
    report.resumed = checkpoint.resumed
    report.documents = writer.counts["documents"]
    report.output = str(out_path)
    report.mentions = writer.counts["mentions"]
    report.relations = writer.counts["relations"]
    if writer.dropped:
        tqdm.write(f"note: {len(writer.dropped)} relations left out: across the corpus an argument was typed as "
                   "something the relation does not take:", file=sys.stderr)
        for d in writer.dropped:
            tqdm.write(f"  {d.relation.doc}: {d.reason}", file=sys.stderr)
    report.entities = len(writer.entities)
    report.seconds = time.perf_counter() - started
    return report
