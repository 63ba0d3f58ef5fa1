"""Loads the entity knowledge kept as data in kg/resources: the alias table of known actors and places,
generic references (التنظيم، النظام ...) and lexical cues.  Everything is keyed by normalized form."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.normalize import normalize

RESOURCES = Path(__file__).parent / "resources"
FUZZY_MIN_LETTERS = 6


@dataclass(frozen=True)
class KnownEntity:
    id: str
    type: str
    label: str
    label_en: str = ""
    wikidata: str | None = None
    category: str = ""
    state: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GenericReference:
    """A generic noun (التنظيم) that stands for a named actor mentioned earlier in the article."""

    surface: str
    type: str
    heads: tuple[str, ...] = ()
    default: str | None = None


@dataclass
class Knowledge:
    entities: dict[str, KnownEntity] = field(default_factory=dict)
    alias_index: dict[str, str] = field(default_factory=dict)  # normalized alias -> entity id
    # names that are also common words (تدمر "destroys", الطبقة "the layer"): trusted only from the NER
    ambiguous_index: dict[str, str] = field(default_factory=dict)
    generics: dict[str, GenericReference] = field(default_factory=dict)  # normalized surface -> ref
    place_heads: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    name_after_heads: frozenset[str] = frozenset()
    facility_heads: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    not_entities: frozenset[str] = frozenset()
    relative_clause_markers: frozenset[str] = frozenset()
    name_trailers: frozenset[str] = frozenset()
    demonyms: frozenset[str] = frozenset()  # السوري، اليمنية: adjectives naming a state
    second_name: re.Pattern | None = None  # group ``name``: a quoted second name after a trailer
    stop_after_head: frozenset[str] = frozenset()
    max_alias_tokens: int = 1
    max_generic_tokens: int = 1
    place_name_initials: frozenset[str] = frozenset()
    # (position, alias with that letter removed) -> ids: finds aliases one substituted letter away
    one_letter_off: dict[tuple[int, str], set[str]] = field(default_factory=dict)

    def lookup(self, key: str, ambiguous: bool = False) -> KnownEntity | None:
        entity_id = self.alias_index.get(key) or (self.ambiguous_index.get(key) if ambiguous else None)
        return self.entities[entity_id] if entity_id else None

    def lookup_variant(self, key: str, type_: str) -> KnownEntity | None:
        """A known entity of ``type_`` named by a common-word alias where a cue or the NER says it is a name,
        or spelled a little differently: with/without the article ال
        (هجين/الهجين), or one letter off in a long name (a dropped dot: الباغوز/الباغور)."""
        candidates = [key, key[2:]] if key.startswith("ال") else [key, "ال" + key]
        for variant in candidates:
            ent = self.lookup(variant, ambiguous=True)
            if ent and ent.type == type_:
                return ent
        if len(key) < FUZZY_MIN_LETTERS or " " in key:
            return None
        ids = set()
        for i in range(len(key)):
            ids |= self.one_letter_off.get((i, key[:i] + key[i + 1 :]), set())
        matches = [self.entities[i] for i in ids if self.entities[i].type == type_]
        return matches[0] if len(matches) == 1 else None


def _load_json(name: str) -> dict:
    path = RESOURCES / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _norm_set(words: list[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    kb = Knowledge()
    for row in _load_json("entities.json").get("entities", []):
        ent = KnownEntity(
            id=row["id"], type=row["type"], label=row["label"], label_en=row.get("label_en", ""),
            wikidata=row.get("wikidata"), category=row.get("category", ""), state=bool(row.get("state")),
            aliases=tuple(row.get("aliases", []) + row.get("ambiguous_aliases", [])),
        )
        kb.entities[ent.id] = ent
        for name in (ent.label, *row.get("aliases", [])):
            key = normalize(name)
            if key:
                kb.alias_index.setdefault(key, ent.id)
                kb.max_alias_tokens = max(kb.max_alias_tokens, len(key.split()))
                if len(key) >= FUZZY_MIN_LETTERS and " " not in key:
                    for i in range(len(key)):
                        kb.one_letter_off.setdefault((i, key[:i] + key[i + 1 :]), set()).add(ent.id)
        for name in row.get("ambiguous_aliases", []):
            kb.ambiguous_index.setdefault(normalize(name), ent.id)
    for row in _load_json("generic_references.json").get("generic", []):
        ref = GenericReference(row["surface"], row["type"], tuple(normalize(h) for h in row.get("heads", [])),
                               row.get("default"))
        kb.generics[normalize(ref.surface)] = ref
        kb.max_generic_tokens = max(kb.max_generic_tokens, len(normalize(ref.surface).split()))
    cues = _load_json("entity_cues.json")
    kb.place_heads = _norm_set(cues.get("place_heads", []))
    kb.org_heads = _norm_set(cues.get("org_heads", []))
    kb.person_titles = _norm_set(cues.get("person_titles", []))
    kb.facility_heads = _norm_set(cues.get("place_head_includes_name", []))
    kb.name_after_heads = kb.place_heads - kb.facility_heads
    kb.not_names = _norm_set(cues.get("not_names", []) + cues.get("trailing_modifiers", [])
                             + list(cues.get("demonyms", {})))
    kb.not_entities = _norm_set(cues.get("not_entities", []))
    kb.relative_clause_markers = _norm_set(cues.get("relative_clause_markers", []))
    kb.name_trailers = _norm_set(cues.get("name_trailers", []))
    kb.demonyms = _norm_set(list(cues.get("demonyms", {})))
    kb.second_name = _second_name_pattern(cues.get("name_trailers", []))
    kb.stop_after_head = _norm_set(cues.get("stop_after_head", []))
    kb.place_name_initials = _norm_set(cues.get("place_name_initials", []))
    return kb


def _second_name_pattern(trailers: list[str]) -> re.Pattern | None:
    """A trailer word (``المعروف باسم``، ``الملقب بـ``), then the second name in quotes."""
    if not trailers:
        return None
    words = "|".join(re.escape(t) for t in sorted(trailers, key=len, reverse=True))
    return re.compile(rf"\s*[،,]?\s*(?:{words})\s+(?:باسم\s+|بـ?\s*)?[«\"“'](?P<name>[^»\"”'\n]{{2,30}})[»\"”']")


def is_state(entity_id: str) -> bool:
    """Countries keep type Place but may act as parties (SUPPORTED_BY the United States)."""
    ent = load_knowledge().entities.get(entity_id)
    return bool(ent and ent.state)
