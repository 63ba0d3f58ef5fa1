"""The graph model and graph.jsonl, the interchange format every writer reads.

One JSON object per line, UTF-8, each with a ``kind``:

- ``document``: id, title, date, source, url, path (and original_id when the given id was too long)
- ``entity``:   id, label, type, aliases, docs, wikidata
- ``mention``:  entity, doc, start, end, text
- ``relation``: id, type, subject, object, doc, sentence, start, end, confidence, modality, agent, trigger,
                date, date_source, date_text, date_precision, place

Dates are ISO: a document's ``date`` (YYYY-MM-DD, '' when its date string was not understood),
``datetime`` (with time and offset, where the source gives one) and ``date_text`` (the string as read);
a relation's ``date`` comes from the sentence (``date_source`` "text") or the document ("document").
Entities carry the alias table's ``label_en``, ``state``, ``capital_of`` and ``lat``/``lon``, so writers need no table.

- ``end``:      the completion record, always the last line: ``records`` (lines before it) and the
                number of documents, mentions, relations and entities

Documents and mentions are streamed as documents are processed; relations (a few per article) and
entities (merged across documents) are written at the end, relations first, once every entity has its
final type, so memory grows with entities and relations, not with text or mentions.  A file without its
completion record, or whose counts do not match it, was cut short (Ctrl-C, a full disk): every reader
refuses it with a ``GraphFileError`` instead of loading a graph that only looks finished.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import IO

from kg.dates import parse_document_date
from kg.errors import KgError
from kg.model import AnalyzedDoc, Document, Entity, Relation

COUNTED = {"document": "documents", "mention": "mentions", "relation": "relations", "entity": "entities"}
REBUILD = "rebuild it with `kg extract` or `kg build`"


class GraphFileError(KgError, ValueError):
    """A graph.jsonl that is incomplete, truncated or not a graph: one line naming the file."""


@dataclass(frozen=True)
class MentionRecord:
    entity: str
    doc: str
    start: int
    end: int
    text: str


@dataclass
class Graph:
    documents: dict[str, Document] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[MentionRecord] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def mention_counts(self) -> dict[tuple[str, str], int]:
        """(doc, entity) -> number of mentions: the weight of (:Document)-[:MENTIONS]->(:Entity)."""
        counts: dict[tuple[str, str], int] = {}
        for m in self.mentions:
            counts[(m.doc, m.entity)] = counts.get((m.doc, m.entity), 0) + 1
        return counts


def document_record(doc: Document) -> dict:
    record = {
        "kind": "document",
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "source": doc.source,
        "url": doc.url,
        "path": doc.path,
        "datetime": doc.datetime,
        "date_text": doc.date_text,
    }
    if doc.original_id:
        record["original_id"] = doc.original_id
    return record


def entity_record(ent: Entity) -> dict:
    return {"kind": "entity", **asdict(ent)}


def mention_record(m: MentionRecord) -> dict:
    return {"kind": "mention", **asdict(m)}


def relation_record(rel: Relation) -> dict:
    return {"kind": "relation", **asdict(rel)}


def merge_entity(into: Entity, other: Entity) -> None:
    """Fold ``other`` (same id) into ``into``: union of aliases and documents, first QID wins."""
    for alias in other.aliases:
        if alias not in into.aliases:
            into.aliases.append(alias)
    for doc in other.docs:
        if doc not in into.docs:
            into.docs.append(doc)
    into.wikidata = into.wikidata or other.wikidata
    into.label_en = into.label_en or other.label_en
    into.state = into.state or other.state
    into.capital_of = into.capital_of or other.capital_of
    if into.lat is None:
        into.lat, into.lon = other.lat, other.lon


@dataclass(frozen=True)
class DroppedRelation:
    relation: Relation
    reason: str


def settle_types(entities: dict[str, Entity], votes: dict[str, Counter[str]], relations: list[Relation],
                 relation_fits: Callable[[Relation, Entity, Entity], bool] | None = None,
                 ) -> tuple[list[Relation], list[DroppedRelation]]:
    """The corpus-wide type vote and the relation re-check, one named step.

    An entity typed differently across articles takes the majority type; a relation whose argument then
    has a type the relation does not take is dropped, with the reason; a place that is no longer a Place
    is taken off its relation.  Returns (kept, dropped)."""
    for ent in entities.values():
        ent.type = votes[ent.id].most_common(1)[0][0]
    kept, dropped = [], []
    for rel in relations:
        subject, obj = entities[rel.subject], entities[rel.object]
        if relation_fits is not None and not relation_fits(rel, subject, obj):
            dropped.append(DroppedRelation(rel, f"{rel.type} does not take {subject.id} ({subject.type}) -> "
                                                f"{obj.id} ({obj.type}) as typed across the corpus"))
            continue
        if rel.place is not None and getattr(entities.get(rel.place), "type", None) != "Place":
            rel.place = None
        kept.append(rel)
    return kept, dropped


class GraphWriter:
    """Streams analyzed documents to graph.jsonl; entity records are written on ``close``."""

    def __init__(self, out: IO[str], relation_fits: Callable[[Relation, Entity, Entity], bool] | None = None):
        self._out = out
        self.entities: dict[str, Entity] = {}
        self._type_votes: dict[str, Counter[str]] = {}
        # relations wait for the entities' final types (a few per article), so that ``relation_fits``
        # can drop one whose argument the corpus-wide type vote turned into something it cannot be
        self._relations: list[Relation] = []
        self._relation_fits = relation_fits
        self.counts = {"documents": 0, "mentions": 0, "relations": 0, "relations_dropped": 0}
        self.dropped: list[DroppedRelation] = []
        self._records = Counter()

    def _write(self, *records: dict) -> None:
        """Write ``records`` in one piece: text that cannot be UTF-8 (a lone surrogate) raises
        ``UnicodeEncodeError`` before anything of them reaches the file."""
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        text.encode("utf-8")
        self._out.write(text)
        self._records.update(r["kind"] for r in records)

    def add(self, adoc: AnalyzedDoc) -> None:
        """Write one document and its mentions; a document that cannot be written raises and leaves
        the graph as it was (nothing of it written or merged)."""
        mentions = [mention_record(MentionRecord(m.entity, adoc.doc.id, m.start, m.end, m.text))
                    for m in adoc.mentions if m.entity is not None]
        self._write(document_record(adoc.doc), *mentions)
        self.counts["documents"] += 1
        self.counts["mentions"] += len(mentions)
        self._relations.extend(adoc.relations)
        for ent in adoc.entities.values():
            self._type_votes.setdefault(ent.id, Counter())[ent.type] += 1
            known = self.entities.get(ent.id)
            if known is None:
                self.entities[ent.id] = replace(ent, aliases=list(ent.aliases), docs=list(ent.docs))
            else:
                merge_entity(known, ent)

    def close(self) -> None:
        """Settle types and re-check relations (``settle_types``), then write the relations and the merged
        entities."""
        kept, self.dropped = settle_types(self.entities, self._type_votes, self._relations, self._relation_fits)
        for rel in kept:
            self._write(relation_record(rel))
        self.counts["relations"] += len(kept)
        self.counts["relations_dropped"] += len(self.dropped)
        for ent in sorted(self.entities.values(), key=lambda e: e.id):
            self._write(entity_record(ent))
        self._write(completion_record(self._records))
        self._out.flush()


def write_graph(graph: Graph, path: str | Path) -> Path:
    """Write a ``Graph`` as a complete graph.jsonl (tests, tools that edit a graph)."""
    from kg.outputs import atomic_file

    records = [*(document_record(d) for d in graph.documents.values()), *map(mention_record, graph.mentions),
               *map(relation_record, graph.relations), *map(entity_record, graph.entities.values())]
    with atomic_file(path) as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        fh.write(json.dumps(completion_record(Counter(r["kind"] for r in records))) + "\n")
    return Path(path)


def completion_record(records: Counter) -> dict:
    """The last line of a complete graph.jsonl: how many records precede it, per kind."""
    return {"kind": "end", "records": sum(records.values()),
            **{plural: records.get(kind, 0) for kind, plural in COUNTED.items()}}


def iter_records(path: str | Path) -> Iterator[dict]:
    """The records of a graph.jsonl, checked as they are read: a malformed line, a missing completion
    record or counts that do not match it raise ``GraphFileError`` (several complete files may be
    concatenated: each part is checked against its own completion record)."""
    seen: Counter = Counter()
    complete = False
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed in finally; generator must stream
    except (OSError, UnicodeError) as exc:
        raise GraphFileError(f"cannot read graph {path}: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        for lineno, line in enumerate(_lines(fh, path), 1):
            line = line.strip()
            if not line:
                continue
            record = _parse(line, path, lineno)
            if record.get("kind") == "end":
                _check_counts(record, seen, path, lineno)
                seen, complete = Counter(), True
                continue
            seen[record.get("kind")] += 1
            complete = False
            yield record
    finally:
        fh.close()
    if not complete:
        what = "is empty" if not seen else "has no completion record at the end"
        raise GraphFileError(f"graph {path} {what}: it is incomplete (an interrupted or failed run) or not "
                             f"written by kg; {REBUILD}")


def _lines(fh: IO[str], path: str | Path) -> Iterator[str]:
    try:
        yield from fh
    except UnicodeDecodeError as exc:
        raise GraphFileError(f"graph {path} is not UTF-8 text (byte {exc.start}); {REBUILD}") from None


def _parse(line: str, path: str | Path, lineno: int) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GraphFileError(f"{path}:{lineno}: malformed graph.jsonl line ({exc.msg}, column {exc.colno}): "
                             f"the file is truncated or not a graph; {REBUILD}") from None
    except RecursionError:
        raise GraphFileError(f"{path}:{lineno}: JSON nested too deeply: not a graph.jsonl line; {REBUILD}") \
            from None
    if not isinstance(record, dict) or not isinstance(record.get("kind"), str):
        raise GraphFileError(f"{path}:{lineno}: not a graph.jsonl record (no 'kind'); {REBUILD}")
    return record


def _check_counts(end: dict, seen: Counter, path: str | Path, lineno: int) -> None:
    expected = completion_record(seen)
    wrong = [k for k in ("records", *COUNTED.values()) if end.get(k) != expected[k]]
    if wrong:
        k = wrong[0]
        raise GraphFileError(f"{path}:{lineno}: graph does not match its completion record ({k}: "
                             f"{expected[k]} read, {end.get(k)} written): the file was cut or edited; {REBUILD}")


def graph_from_records(records: Iterable[dict], source: str | Path = "graph.jsonl") -> Graph:
    graph = Graph()
    for r in records:
        kind = r.pop("kind", None)
        try:
            _add_record(graph, kind, r)
        except (TypeError, KeyError) as exc:
            raise GraphFileError(f"{source}: {kind} record with wrong fields ({exc}); {REBUILD}") from None
    return graph


def _add_record(graph: Graph, kind: str | None, r: dict) -> None:
    if kind == "document":
        if "date_text" not in r:  # written before dates were parsed (kg.dates): parse them now
            parsed = parse_document_date(r.get("date") or "")
            r.update(date=parsed.date, datetime=parsed.datetime, date_text=parsed.text)
        graph.documents[r["id"]] = Document(text="", **r)
    elif kind == "entity":
        ent = Entity(**r)
        if ent.id in graph.entities:
            merge_entity(graph.entities[ent.id], ent)
        else:
            graph.entities[ent.id] = ent
    elif kind == "mention":
        graph.mentions.append(MentionRecord(**r))
    elif kind == "relation":
        graph.relations.append(Relation(**r))


def read_graph(path: str | Path) -> Graph:
    """Load a graph.jsonl; several complete files may be concatenated (entities are merged).  Raises
    ``GraphFileError`` for an incomplete, truncated or malformed file."""
    return graph_from_records(iter_records(path), path)
