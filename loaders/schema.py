"""The one schema every writer reads: entity types and, per relation type, symmetry, labels and codes.

Built once from the relation lexicon (kg/resources/relations.json, via ``loaders.ontology.load_lexicon``),
so the Neo4j loader, the Cypher script, Turtle, HTML, events.csv and graph.graphml agree on which types
exist, which are symmetric (stored once, smaller id first) and what they are called.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.model import ENTITY_TYPES, Relation
from loaders.ontology import load_lexicon


@dataclass(frozen=True)
class RelationSchema:
    name: str
    symmetric: bool
    label_en: str
    label_ar: str
    cameo_code: str
    acled_event_type: str
    acled_sub_event_type: str


@dataclass(frozen=True)
class Schema:
    entity_types: tuple[str, ...]
    relations: dict[str, RelationSchema]

    @property
    def symmetric(self) -> frozenset[str]:
        return frozenset(name for name, r in self.relations.items() if r.symmetric)

    def key(self, rel: Relation) -> tuple[str, str, str]:
        """(type, subject, object), symmetric types in sorted order: one relationship per key."""
        s, o = rel.subject, rel.object
        if rel.type in self.symmetric and o < s:
            s, o = o, s
        return rel.type, s, o


@lru_cache(maxsize=1)
def load_schema() -> Schema:
    relations = {}
    for name, entry in load_lexicon().items():
        cameo, acled = entry.get("cameo") or {}, entry.get("acled") or {}
        relations[name] = RelationSchema(
            name=name, symmetric=bool(entry.get("symmetric")), label_en=entry.get("label_en", name),
            label_ar=entry.get("label_ar", ""), cameo_code=str(cameo.get("code", "")),
            acled_event_type=acled.get("event_type", ""), acled_sub_event_type=acled.get("sub_event_type", ""),
        )
    return Schema(ENTITY_TYPES, relations)
