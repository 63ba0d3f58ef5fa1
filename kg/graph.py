"""The graph model and graph.jsonl, the interchange format every writer reads.

One JSON object per line, UTF-8, each with a ``kind``:

- ``document``: id, title, date, source, url, path
- ``entity``:   id, label, type, aliases, docs, wikidata
- ``mention``:  entity, doc, start, end, text
- ``relation``: id, type, subject, object, doc, sentence, start, end, confidence, modality, agent, trigger

Documents and mentions are streamed as documents are processed; relations (a few per article) and
entities (merged across documents) are written at the end, relations first, once every entity has its
final type, so memory grows with entities and relations, not with text or mentions.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

from kg.model import AnalyzedDoc, Document, Entity, Relation


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
    return {
        "kind": "document",
        "id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "source": doc.source,
        "url": doc.url,
        "path": doc.path,
    }


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

    def _write(self, record: dict) -> None:
        self._out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def add(self, adoc: AnalyzedDoc) -> None:
        self._write(document_record(adoc.doc))
        self.counts["documents"] += 1
        for m in adoc.mentions:
            if m.entity is None:
                continue
            self._write(mention_record(MentionRecord(m.entity, adoc.doc.id, m.start, m.end, m.text)))
            self.counts["mentions"] += 1
        self._relations.extend(adoc.relations)
        for ent in adoc.entities.values():
            self._type_votes.setdefault(ent.id, Counter())[ent.type] += 1
            known = self.entities.get(ent.id)
            if known is None:
                self.entities[ent.id] = Entity(
                    ent.id, ent.label, ent.type, list(ent.aliases), list(ent.docs), ent.wikidata
                )
            else:
                merge_entity(known, ent)

    def close(self) -> None:
        """Write the relations, then the merged entities; an entity typed differently across articles takes
        the majority type."""
        for ent in self.entities.values():
            ent.type = self._type_votes[ent.id].most_common(1)[0][0]
        for rel in self._relations:
            subject, obj = self.entities[rel.subject], self.entities[rel.object]
            if self._relation_fits is None or self._relation_fits(rel, subject, obj):
                self._write(relation_record(rel))
                self.counts["relations"] += 1
            else:
                self.counts["relations_dropped"] += 1
        for ent in sorted(self.entities.values(), key=lambda e: e.id):
            self._write(entity_record(ent))
        self._out.flush()


def iter_records(path: str | Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield json.loads(line)


def graph_from_records(records: Iterable[dict]) -> Graph:
    graph = Graph()
    for r in records:
        kind = r.pop("kind", None)
        if kind == "document":
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
    return graph


def read_graph(path: str | Path) -> Graph:
    """Load a graph.jsonl; several files' worth of records may be concatenated (entities are merged)."""
    return graph_from_records(iter_records(path))
