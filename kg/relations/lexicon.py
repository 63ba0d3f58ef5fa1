"""Loads the relation lexicon (kg/resources/relations.json) and compiles its token patterns.

Patterns are written in ordinary Arabic; they are folded like ``kg.normalize.normalize`` (letters and
diacritics only, so regex syntax survives) and matched in full against folded tokens, with and without
their proclitics.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.normalize import _LETTERS, DIACRITICS, normalize, proclitic_readings

LEXICON_PATH = Path(__file__).resolve().parents[1] / "resources" / "relations.json"


def fold(pattern: str) -> str:
    """Fold a pattern's letters the way ``normalize`` folds text, leaving regex syntax alone."""
    return DIACRITICS.sub("", pattern).translate(_LETTERS)


def word_forms(token: str) -> list[tuple[int, str]]:
    """The folded token and its clitic-stripped readings, as (characters stripped, stem)."""
    folded = normalize(token)
    if not folded:
        return []
    return proclitic_readings(folded)


@dataclass(frozen=True)
class Seq:
    """A sequence of token regexes; ``match`` says how many tokens it covers at a position."""

    parts: tuple[re.Pattern, ...]
    source: str

    def match(self, forms: list[list[tuple[int, str]]], i: int) -> tuple[int, int] | None:
        """Return (tokens covered, proclitic chars stripped from the first token) or None."""
        if i + len(self.parts) > len(forms):
            return None
        first_strip = 0
        for k, part in enumerate(self.parts):
            hit = next(((n, s) for n, s in forms[i + k] if part.fullmatch(s)), None)
            if hit is None:
                return None
            if k == 0:
                first_strip = hit[0]
        return len(self.parts), first_strip


def compile_seq(text: str) -> Seq:
    return Seq(tuple(re.compile(fold(p)) for p in text.split()), text)


def compile_words(words: list[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


@dataclass(frozen=True)
class Trigger:
    type: str
    seq: Seq
    role: str
    conf: float = 1.0
    preps: frozenset[str] = frozenset()
    markers: frozenset[str] = frozenset()
    needs: re.Pattern | None = None
    needs_within: int = 5


# The argument frames the code has (kg.relations.extract maps each to its handler); a type names its
# frame in the lexicon, and each trigger role lists the frames it is valid in.
FRAMES = ("actor_pair", "controls", "transferred", "leads", "supported")


@dataclass
class RelationType:
    name: str
    meta: dict
    symmetric: bool
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    triggers: list[Trigger] = field(default_factory=list)
    frame: str = "actor_pair"
    between_sides: bool = True  # بين X و Y gives the sides (not for SURRENDERED_TO: one gives up to the other)

    def fits(self, subject_type: str, subject_state: bool, object_type: str, object_state: bool) -> bool:
        return (accepts(self.subject_types, subject_type, subject_state)
                and accepts(self.object_types, object_type, object_state))


def accepts(types: tuple[str, ...], entity_type: str, state: bool) -> bool:
    """``types`` from the lexicon; "State" admits a Place that is a country."""
    return entity_type in types or ("State" in types and state)


@dataclass
class Lexicon:
    types: dict[str, RelationType]
    triggers: list[Trigger]
    member_nouns: frozenset[str]
    place_heads: frozenset[str]
    locative_preps: frozenset[str]
    object_preps: frozenset[str]
    boundaries: frozenset[str]
    weak_boundaries: frozenset[str]
    side_markers: tuple[tuple[str, str], ...]
    blocking_cues: frozenset[str]
    attribution_cues: frozenset[str]
    transfer_pronoun_window: int
    person_fillers: frozenset[str]
    non_party: dict[str, frozenset[str]]
    alliance_nouns: frozenset[str]
    figurative: frozenset[str]
    cancelling: dict[str, frozenset[str]]
    agent_adjective: re.Pattern | None
    speech_verbs: frozenset[str]
    relative_location: frozenset[str]
    visit_words: frozenset[str]
    arrival_words: frozenset[str]
    min_confidence: float
    non_names: frozenset[str]
    self_resumption: frozenset[str]
    enabling_verbs: frozenset[str]
    modality: dict[str, list[Seq]]
    modality_window: int
    future_prefix: str
    pair_references: tuple[Seq, ...] = ()  # بينهما، الطرفين: the parties named in an earlier sentence
    pair_reference_window: int = 2  # how many sentences back those parties may be named
    _first_cache: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)

    def first_matches(self, stem: str) -> tuple[int, ...]:
        """Indexes (into ``triggers``) of the triggers whose first token pattern matches ``stem``;
        cached, since the same words recur across a corpus."""
        hit = self._first_cache.get(stem)
        if hit is None:
            hit = tuple(k for k, t in enumerate(self.triggers) if t.seq.parts[0].fullmatch(stem))
            self._first_cache[stem] = hit
        return hit


class LexiconError(ValueError):
    """The lexicon declares something the relation layer has no handler for."""


def _check_frame_and_roles(name: str, frame: str, triggers: list[dict], roles: dict[str, dict]) -> None:
    """An unknown frame or role, or a role not valid in the type's frame, is an error, never a silent
    default."""
    if frame not in FRAMES:
        raise LexiconError(f"relation type {name}: frame {frame!r} is not one of {', '.join(FRAMES)}")
    for t in triggers:
        role = roles.get(t["role"])
        if role is None:
            raise LexiconError(f"relation type {name}: trigger {t['p']!r} has role {t['role']!r}, not declared "
                               f"under \"roles\" ({', '.join(sorted(roles))})")
        if frame not in role.get("frames", ()):
            raise LexiconError(f"relation type {name}: trigger {t['p']!r} has role {t['role']!r}, which the "
                               f"{frame} frame does not take")


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    data = json.loads(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
    roles = {k: v for k, v in data.get("roles", {}).items() if not k.startswith("_")}
    types: dict[str, RelationType] = {}
    triggers: list[Trigger] = []
    for name, spec in data["types"].items():
        frame = spec.get("frame", "")
        _check_frame_and_roles(name, frame, spec.get("triggers", []), roles)
        rtype = RelationType(
            name=name, meta={k: v for k, v in spec.items() if k != "triggers"},
            symmetric=bool(spec.get("symmetric")), subject_types=tuple(spec.get("subject_types", ())),
            object_types=tuple(spec.get("object_types", ())), frame=frame,
            between_sides=bool(spec.get("between_sides", True)),
        )
        default_preps = spec.get("preps", [])
        default_markers = spec.get("markers", [])
        for t in spec.get("triggers", []):
            markers = t.get("markers", default_markers) + t.get("markers_extra", [])
            trig = Trigger(
                type=name, seq=compile_seq(t["p"]), role=t["role"], conf=float(t.get("conf", 1.0)),
                preps=compile_words(t.get("preps", default_preps)), markers=compile_words(markers),
                needs=re.compile(fold(t["needs"])) if t.get("needs") else None,
                needs_within=int(t.get("needs_within", 5)),
            )
            rtype.triggers.append(trig)
            triggers.append(trig)
        types[name] = rtype
    # Longer patterns first so that "تحت سيطرة" wins over "سيطرة" at the same place.
    triggers.sort(key=lambda t: -len(t.seq.parts))
    mod = data.get("modality", {})
    modality = {k: [compile_seq(c) for c in mod.get(k, [])]
                for k in ("denied", "negation_particles", "proposed", "expected", "proposed_purpose", "expected_after")}
    return Lexicon(
        types=types, triggers=triggers,
        member_nouns=compile_words(data.get("member_nouns", [])),
        place_heads=compile_words(data.get("place_heads", [])),
        locative_preps=compile_words(data.get("locative_preps", [])),
        object_preps=compile_words(data.get("object_preps", [])),
        boundaries=compile_words(data.get("clause_boundaries", [])),
        weak_boundaries=compile_words(data.get("weak_boundaries", [])),
        side_markers=tuple((normalize(a), normalize(b)) for a, b in data.get("side_markers", [])),
        blocking_cues=compile_words(data.get("blocking_cues", [])),
        attribution_cues=compile_words(data.get("attribution_cues", [])),
        transfer_pronoun_window=int(data.get("transfer_pronoun_window", 16)),
        person_fillers=compile_words(data.get("person_fillers", [])),
        non_party={k: frozenset(v) for k, v in data.get("non_party_categories", {}).items()
                   if not k.startswith("_")},
        alliance_nouns=compile_words(data.get("alliance_nouns", [])),
        figurative=compile_words(data.get("figurative_modifiers", [])),
        cancelling={k: compile_words(v) for k, v in data.get("modifiers_that_cancel", {}).items()
                    if not k.startswith("_")},
        agent_adjective=re.compile(fold(data["agent_adjectives"]["pattern"])) if data.get("agent_adjectives") else None,
        relative_location=compile_words(data.get("relative_location", [])),
        visit_words=compile_words(data.get("visit_words", {}).get("visit", [])),
        arrival_words=compile_words(data.get("visit_words", {}).get("arrival", [])),
        min_confidence=float(data.get("min_confidence", 0.0)),
        non_names=compile_words(data.get("non_names", {}).get("words", [])),
        speech_verbs=compile_words(data.get("speech_verbs", {}).get("verbs", [])),
        self_resumption=compile_words(data.get("speech_verbs", {}).get("self_resumption", [])),
        enabling_verbs=compile_words(data.get("speech_verbs", {}).get("enabling", [])),
        modality=modality, modality_window=int(mod.get("window", 5)),
        future_prefix=normalize(mod.get("future_prefix", "س")),
        pair_references=tuple(compile_seq(w) for w in data.get("pair_references", {}).get("words", [])),
        pair_reference_window=int(data.get("pair_references", {}).get("window", 2)),
    )
