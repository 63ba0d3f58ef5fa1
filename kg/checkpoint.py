"""Resuming an interrupted extraction: ``graph.jsonl.partial`` holds each finished document's analysis.

While ``kg extract`` runs, every document written to the graph is also appended here (one JSON line:
id, content hash, and what the graph writer needs: the document, its mentions, relations and entities),
flushed at once.  A finished run deletes the file; an interrupted one leaves it, and ``--resume`` replays
the documents whose id *and* content hash still match instead of analyzing them again.  The file is not
a graph (no ``kind`` records, no completion record), so no reader mistakes it for one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import IO

from kg.model import AnalyzedDoc, Document, Entity, Mention, Relation

SUFFIX = ".partial"


def checkpoint_path(out: Path) -> Path:
    return out.with_name(out.name + SUFFIX)


def content_hash(doc: Document) -> str:
    """What makes a document the same one: its id, text and metadata."""
    parts = [doc.id, doc.text, doc.title, doc.date, doc.source, doc.url]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def _record(adoc: AnalyzedDoc, digest: str) -> dict:
    doc = {f.name: getattr(adoc.doc, f.name) for f in fields(Document) if f.name != "text"}
    return {"id": adoc.doc.id, "hash": digest, "doc": doc,
            "mentions": [asdict(m) for m in adoc.mentions if m.entity is not None],
            "relations": [asdict(r) for r in adoc.relations],
            "entities": [asdict(e) for e in adoc.entities.values()]}


def _replay(record: dict) -> AnalyzedDoc:
    adoc = AnalyzedDoc(Document(text="", **record["doc"]))
    adoc.mentions = [Mention(**m) for m in record["mentions"]]
    adoc.relations = [Relation(**r) for r in record["relations"]]
    adoc.entities = {e["id"]: Entity(**e) for e in record["entities"]}
    return adoc


def _ends_a_line(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(-1, 2)
        return fh.read(1) == b"\n"


class Checkpoint:
    """The ``.partial`` file of one output: documents done so far, and (with ``resume``) those of the
    interrupted run before."""

    def __init__(self, out: Path, resume: bool):
        self.path = checkpoint_path(out)
        self._done: dict[str, dict] = self._load() if resume else {}
        self._fh: IO[str] = open(self.path, "a" if resume else "w", encoding="utf-8")  # noqa: SIM115
        if resume and self._fh.tell() and not _ends_a_line(self.path):
            self._fh.write("\n")  # end the line the killed run was writing, so this run's first one stays whole
        self._fh.flush()
        self._start = self._fh.tell()  # this run's lines follow
        self.resumed = 0

    def _load(self) -> dict[str, dict]:
        done: dict[str, dict] = {}
        if not self.path.exists():
            return done
        with open(self.path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    record = json.loads(line)
                    done[record["id"]] = record  # a later line (a redone document) wins
                except (ValueError, KeyError, TypeError, RecursionError):
                    continue  # the line being written when the run was killed
        return done

    @property
    def available(self) -> int:
        return len(self._done)

    def replay(self, doc: Document, digest: str) -> AnalyzedDoc | None:
        """The stored analysis of ``doc`` if it was done before with the same content."""
        record = self._done.get(doc.id)
        if record is None or record.get("hash") != digest:
            return None
        try:
            adoc = _replay(record)
        except (TypeError, KeyError):
            return None  # written by another version of kg: analyze again
        self.resumed += 1
        return adoc

    def add(self, adoc: AnalyzedDoc, digest: str) -> None:
        self._fh.write(json.dumps(_record(adoc, digest), ensure_ascii=False) + "\n")
        self._fh.flush()

    def lines_on_disk(self) -> int:
        """The complete lines this run wrote, counted in the file rather than as they are added: a Ctrl-C
        between a line's flush and its count would make the interrupted run's message disagree with what
        ``--resume`` finds (a line cut short has no newline, and ``_load`` skips it too)."""
        with contextlib.suppress(OSError):
            self._fh.flush()
        with open(self.path, "rb") as fh:
            fh.seek(self._start)
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))

    def close(self, finished: bool) -> None:
        """Close; a finished run needs no checkpoint and removes it.  On a full disk the close's flush fails
        too: that loses only the line being written (``_load`` skips it), and must not hide the run's own
        error, which names the output and says to ``--resume``."""
        with contextlib.suppress(OSError):
            self._fh.close()
        if finished:
            self.path.unlink(missing_ok=True)
