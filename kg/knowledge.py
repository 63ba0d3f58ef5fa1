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
LONG_NAME_LETTERS = 8


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
    country: str = ""  # the state it belongs to or acts for (SUDAN for the Sudanese army)
    forces_of: str = ""  # set on a state's armed forces: the state (الجيش السوداني -> SUDAN)
    capital_of: str = ""  # set on a state's capital city: the state it may stand for (نيروبي -> KENYA)
    named_after: str = ""  # forces named after a person: that person (قوات صالح -> ALI_ABDULLAH_SALEH)
    camp: str = ""  # the side of a state split by civil war this body is on (LNA -> LIBYA_EAST)


@dataclass(frozen=True)
class GenericReference:
    """A generic noun (التنظيم) that stands for a named actor mentioned earlier in the article."""

    surface: str
    type: str
    heads: tuple[str, ...] = ()
    default: str | None = None
    # with no candidate named: this body of the article's state (FORCES: its forces, else a state-body kind)
    state_body: str = ""
    by_state: tuple[tuple[str, str], ...] = ()  # (state, entity): with no candidate, the state's one
    speaker_state: bool = False  # بلاده: the state of the person or body named last before it in its sentence


@dataclass
class Knowledge:
    entities: dict[str, KnownEntity] = field(default_factory=dict)
    alias_index: dict[str, str] = field(default_factory=dict)  # normalized alias -> entity id
    # names that are also common words (تدمر "destroys", الطبقة "the layer"): trusted only from the NER
    ambiguous_index: dict[str, str] = field(default_factory=dict)
    generics: dict[str, GenericReference] = field(default_factory=dict)  # normalized surface -> ref
    # a known actor's names that say only its kind (طيران التحالف) -> that word (التحالف)
    unspecific: dict[str, str] = field(default_factory=dict)
    # such an actor -> {state: actor}: who its kind-only names are in an article about that state
    unspecific_by_state: dict[str, dict[str, str]] = field(default_factory=dict)
    # a state body's names that do not say the state (الحرس الجمهوري، الحكومة الاتحادية) -> (body, state,
    # the state_bodies kind it is of another state: GOV for الحكومة الاتحادية, '' where none)
    bound: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    # a state's name that is also its feminine nationality adjective (سورية): the adjective after a noun
    nisba_aliases: frozenset[str] = frozenset()
    nisba_plural_heads: frozenset[str] = frozenset()  # فصائل، مصادر: such a name after them is the adjective
    # an actor renamed or merged -> its successors (جبهة النصرة -> جبهة فتح الشام، هيئة تحرير الشام)
    successor_of: dict[str, list[str]] = field(default_factory=dict)
    place_heads: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    media_heads: frozenset[str] = frozenset()  # صحيفة، قناة: a quoted title after them names the outlet
    person_titles: frozenset[str] = frozenset()
    name_after_heads: frozenset[str] = frozenset()
    facility_heads: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    not_entities: frozenset[str] = frozenset()
    relative_clause_markers: frozenset[str] = frozenset()
    name_trailers: frozenset[str] = frozenset()
    demonyms: frozenset[str] = frozenset()  # السوري، اليمنية: adjectives naming a state
    demonym_states: dict[str, str] = field(default_factory=dict)  # normalized demonym -> state id
    state_forces: dict[str, str] = field(default_factory=dict)  # state id -> its forces' entity id
    state_bodies: dict[tuple[str, str], str] = field(default_factory=dict)  # (state id, kind) -> entity id
    generated: set[str] = field(default_factory=set)  # ids made for a demonym, not listed in the table
    variant_suffixes: tuple[str, ...] = ()  # endings a last word may gain or lose (الإسلامي/الإسلامية)
    second_name: re.Pattern | None = None  # group ``name``: a quoted second name after a trailer
    bare_second_name: re.Pattern | None = None  # group ``name``: the first word of an unquoted one
    or_short_form: re.Pattern | None = None  # group ``name``: أو "X" اختصارا after a name, its short form
    kunya_cue_before: re.Pattern | None = None  # matches the text right before a nickname (والمكنى بـ")
    kunya_list_cue_before: re.Pattern | None = None  # ... before the first of a list of them (أسماء حركية مثل)
    stop_after_head: frozenset[str] = frozenset()
    max_alias_tokens: int = 1
    max_generic_tokens: int = 1
    place_name_initials: frozenset[str] = frozenset()
    kunya_prefixes: frozenset[str] = frozenset()  # أبو، أبي، أم، عبد: first words of person names
    name_word_cases: dict[str, str] = field(default_factory=dict)  # أبي -> أبو، ابن -> بن: as names compare
    facility_trailers: frozenset[str] = frozenset()  # الدولي، الجوية: may end a facility's name
    town_facility_heads: frozenset[str] = frozenset()  # مطار، ميناء: named after a town, not the town
    place_status_words: frozenset[str] = frozenset()  # المحتلة: a place's situation, not its name
    link_heads: frozenset[str] = frozenset()  # جمهورية، نادي: a name may go without them (linking only)
    head_synonyms: dict[str, str] = field(default_factory=dict)  # head -> the first head of its group (مرفأ -> ميناء)
    # (position, alias with that letter removed) -> (id, the letter): finds aliases one dot away
    one_letter_off: dict[tuple[int, str], set[tuple[str, str]]] = field(default_factory=dict)
    dot_group: dict[str, int] = field(default_factory=dict)  # letter -> group of letters one dot apart
    # alias with one letter removed -> ids: finds aliases one dropped letter away
    one_letter_less: dict[str, set[str]] = field(default_factory=dict)

    def state_body(self, state: str, kind: str) -> str | None:
        """The entity of a state's body of ``kind``: FORCES for its forces, else a state_bodies kind."""
        return self.state_forces.get(state) if kind == "FORCES" else self.state_bodies.get((state, kind))

    def is_state(self, entity_id: str | None) -> bool:
        """A country (type Place) that may act as a party."""
        ent = self.entities.get(entity_id) if entity_id else None
        return bool(ent and ent.state)

    def lookup(self, key: str, ambiguous: bool = False) -> KnownEntity | None:
        entity_id = self.alias_index.get(key) or (self.ambiguous_index.get(key) if ambiguous else None)
        return self.entities[entity_id] if entity_id else None

    def lookup_variant(self, key: str, type_: str) -> KnownEntity | None:
        """A known entity of ``type_`` named by a common-word alias where a cue or the NER says it is a name,
        or spelled a little differently: with/without the article ال (هجين/الهجين), one letter off in a
        long name: a dot dropped or added (الباغوز/الباغور، جيس الإسلام), in long names a letter more or
        less (تنظيم الدولية الإسلامية) or two neighbouring letters swapped (اليمينة/اليمنية), and in
        several-word names another ending of the last word (الحزب الإسلامي التركستانية).  A letter that is
        no dot variant (الخليج/الخليل) never matches."""
        candidates = [key, key[2:]] if key.startswith("ال") else [key, "ال" + key]
        for variant in candidates:
            ent = self.lookup(variant, ambiguous=True)
            if ent and ent.type == type_:
                return ent
        if _letters(key) < FUZZY_MIN_LETTERS:
            return None
        ids = set()
        for i in _letter_positions(key):
            dropped = key[:i] + key[i + 1 :]
            group = self.dot_group.get(key[i])
            ids |= {eid for eid, letter in self.one_letter_off.get((i, dropped), ()) if group is not None
                    and self.dot_group.get(letter) == group}
        # a letter more or less, another ending: only in long or several-word names (السودان/السوداني differ)
        if " " in key or _letters(key) >= LONG_NAME_LETTERS:
            ids |= self.one_letter_less.get(key, set())
            ids |= {self.alias_index[d] for i in _letter_positions(key)
                    if (d := key[:i] + key[i + 1 :]) in self.alias_index}
            # two neighbouring letters swapped (وكالة الأنباء اليمينة / اليمنية)
            ids |= {self.alias_index[d] for i in range(len(key) - 1) if " " not in key[i : i + 2]
                    and (d := key[:i] + key[i + 1] + key[i] + key[i + 2 :]) in self.alias_index}
        if " " in key:
            ids |= {self.alias_index[v] for v in _suffix_variants(key, self.variant_suffixes) if v in self.alias_index}
        matches = [self.entities[i] for i in ids if self.entities[i].type == type_]
        return matches[0] if len(matches) == 1 else None


def _letters(key: str) -> int:
    return len(key) - key.count(" ")


def _letter_positions(key: str) -> list[int]:
    """Positions an edit may touch: letters, not the spaces between words."""
    return [i for i, ch in enumerate(key) if ch != " "]


def _suffix_variants(key: str, suffixes: tuple[str, ...]) -> list[str]:
    """The key with its last word gaining or losing one of ``suffixes`` (stems of 3 letters or more)."""
    head, _, last = key.rpartition(" ")
    prefix = f"{head} " if head else ""
    out = [prefix + last + s for s in suffixes]
    out += [prefix + last[: -len(s)] for s in suffixes if last.endswith(s) and len(last) - len(s) >= 3]
    return out


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
            country=row.get("country", ""), forces_of=row.get("forces_of", ""),
            capital_of=row.get("capital_of", ""), named_after=row.get("named_after", ""),
            camp=row.get("camp", ""),
        )
        kb.entities[ent.id] = ent
        if ent.forces_of:
            kb.state_forces.setdefault(ent.forces_of, ent.id)
        for name in (ent.label, *row.get("aliases", [])):
            key = normalize(name)
            if key:
                kb.alias_index.setdefault(key, ent.id)
                kb.max_alias_tokens = max(kb.max_alias_tokens, len(key.split()))
                if _letters(key) >= FUZZY_MIN_LETTERS:
                    for i in _letter_positions(key):
                        kb.one_letter_off.setdefault((i, key[:i] + key[i + 1 :]), set()).add((ent.id, key[i]))
                        kb.one_letter_less.setdefault(key[:i] + key[i + 1 :], set()).add(ent.id)
        for name in row.get("ambiguous_aliases", []):
            kb.ambiguous_index.setdefault(normalize(name), ent.id)
        for earlier in row.get("succeeds", []):
            kb.successor_of.setdefault(earlier, []).append(ent.id)
        for name in row.get("unspecific_aliases", []):
            kb.unspecific[normalize(name)] = normalize(name).split()[-1]
        if row.get("unspecific_by_state"):
            kb.unspecific_by_state[ent.id] = dict(row["unspecific_by_state"])
        kb.nisba_aliases |= {normalize(name) for name in row.get("nisba_aliases", [])}
        if bound := row.get("bound_aliases"):
            for name in bound["aliases"]:
                kb.bound[normalize(name)] = (ent.id, bound["state"], bound.get("kind", ""))
    for row in _load_json("generic_references.json").get("generic", []):
        ref = GenericReference(row["surface"], row["type"], tuple(normalize(h) for h in row.get("heads", [])),
                               row.get("default"), row.get("state_body", ""),
                               tuple(row.get("by_state", {}).items()), bool(row.get("speaker_state")))
        for key in (normalize(s) for s in (ref.surface, *row.get("also", []))):
            kb.generics[key] = ref
            kb.max_generic_tokens = max(kb.max_generic_tokens, len(key.split()))
    cues = _load_json("entity_cues.json")
    kb.place_heads = _norm_set(cues.get("place_heads", []))
    kb.org_heads = _norm_set(cues.get("org_heads", []))
    kb.media_heads = _norm_set(cues.get("media_heads", []))
    kb.person_titles = _norm_set(cues.get("person_titles", []))
    kb.facility_heads = _norm_set(cues.get("place_head_includes_name", []))
    kb.name_after_heads = kb.place_heads - kb.facility_heads
    kb.not_names = _norm_set(cues.get("not_names", []) + cues.get("trailing_modifiers", [])
                             + list(cues.get("demonyms", {})))
    kb.not_entities = _norm_set(cues.get("not_entities", []))
    kb.nisba_plural_heads = _norm_set(cues.get("nisba_plural_heads", []))
    kb.relative_clause_markers = _norm_set(cues.get("relative_clause_markers", []))
    kb.name_trailers = _norm_set(cues.get("name_trailers", []))
    kb.demonyms = _norm_set(list(cues.get("demonyms", {})))
    kb.demonym_states = {normalize(word): state for word, state in cues.get("demonyms", {}).items()}
    kb.variant_suffixes = tuple(normalize(s) for s in cues.get("variant_suffixes", []))
    kb.dot_group = {letter: n for n, group in enumerate(cues.get("dot_variants", [])) for letter in normalize(group)}
    adverbs = cues.get("name_trailer_adverbs", [])
    kb.second_name = _second_name_pattern(cues.get("name_trailers", []), adverbs)
    kb.bare_second_name = _second_name_pattern(cues.get("name_trailers", []), adverbs, quoted=False)
    kb.or_short_form = _or_short_form_pattern(cues.get("short_form_cues", []))
    kb.kunya_cue_before = _cue_before_pattern(cues.get("kunya_cues", []))
    kb.kunya_list_cue_before = _cue_before_pattern(cues.get("kunya_list_cues", []))
    kb.stop_after_head = _norm_set(cues.get("stop_after_head", []))
    kb.place_name_initials = _norm_set(cues.get("place_name_initials", []))
    kb.kunya_prefixes = _norm_set(cues.get("kunya_prefixes", []))
    kb.name_word_cases = {normalize(w): normalize(case) for w, case in cues.get("name_word_cases", {}).items()}
    kb.facility_trailers = _norm_set(cues.get("facility_trailers", []))
    kb.town_facility_heads = _norm_set(cues.get("town_facility_heads", []))
    kb.link_heads = _norm_set(cues.get("link_heads", []))
    kb.place_status_words = _norm_set(cues.get("place_status_words", []))
    kb.head_synonyms = {normalize(h): normalize(group[0]) for group in cues.get("head_synonyms", []) for h in group}
    _add_state_forces(kb, cues.get("demonyms", {}))
    _add_state_bodies(kb, cues.get("demonyms", {}), _load_json("actor_patterns.json").get("state_bodies", []))
    return kb


def _add_state_forces(kb: Knowledge, demonyms: dict[str, str]) -> None:
    """Every state a demonym names gets a forces entity (الجيش الكندي، القوات الكندية -> CANADA_FORCES),
    so a state's army found by its demonym is one entity with a link to the state even where the alias
    table lists no army for it.  Its label is the feminine demonym after القوات."""
    for word, state in demonyms.items():
        if state in kb.state_forces or state not in kb.entities or not word.endswith("ية"):
            continue
        forces = KnownEntity(id=f"{state}_FORCES", type="Organization", label=f"القوات {word}",
                             label_en=f"armed forces of {kb.entities[state].label_en}".strip(),
                             category="military", country=state, forces_of=state)
        kb.entities[forces.id] = forces
        kb.state_forces[state] = forces.id
        kb.generated.add(forces.id)


def _add_state_bodies(kb: Knowledge, demonyms: dict[str, str], bodies: list[dict]) -> None:
    """Each state's government, ministries and parliament (kinds of actor_patterns.json state_bodies):
    the alias-table organization that one of the kind's heads with a demonym of the state names
    (الحكومة اليمنية -> YEMENI_GOV), else a new ``<STATE>_<KIND>`` entity linked to the state, so
    الحكومة الألمانية and السلطات الألمانية are one Organization apart from Germany itself."""
    words_of: dict[str, list[str]] = {}
    for word, state in demonyms.items():
        words_of.setdefault(state, []).append(word)
    for body in bodies:
        for state, words in words_of.items():
            if state not in kb.entities:
                continue
            named = (kb.lookup(normalize(f"{head} {w}")) for head in body["heads"] for w in words)
            known = next((e for e in named if e and e.type == "Organization"), None)
            if known:
                kb.state_bodies[(state, body["kind"])] = known.id
                continue
            feminine = next((w for w in words if w.endswith("ية")), None)
            if feminine is None:
                continue
            demonym = feminine[:-1] if body.get("masculine") else feminine
            ent = KnownEntity(id=f"{state}_{body['kind']}", type="Organization", label=f"{body['label']} {demonym}",
                              label_en=f"{body['kind'].lower()} of {kb.entities[state].label_en}".strip(),
                              category="government", country=state)
            if ent.id not in kb.entities:
                kb.entities[ent.id] = ent
                kb.generated.add(ent.id)
            kb.state_bodies[(state, body["kind"])] = ent.id


# what joins a cue or trailer word to the name it introduces: باسم, or بـ glued or apart (المعروف بـ"...")
NAME_LINK = r"(?:باسم\s+|بـ?\s*)?"


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, so a longer cue (المعروف باسم) wins over its start."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cue_before_pattern(cues: list[str]) -> re.Pattern | None:
    """A cue word, with or without و, then بـ or باسم and an opening quote, ending the text it is matched
    against (the text before a name)."""
    if not cues:
        return None
    return re.compile(rf"(?:^|\s)و?(?:{_alternation(cues)})\s*{NAME_LINK}[«\"“']?\s*$")


QUOTED_NAME = "[«\"“'](?P<name>[^»\"”'\n]{2,30})[»\"”']"
HARAKAT = "[\u064B-\u0652]*"  # the tanween of an adverb (أيضاً، اختصاراً)


def _second_name_pattern(trailers: list[str], adverbs: list[str], quoted: bool = True) -> re.Pattern | None:
    """A trailer word (``المعروف باسم``), an adverb or none (``المعروف أيضا بـ``، ``المعروفة اختصارا
    باسم``), then the second name: in quotes, or (``quoted=False``) the word that opens an unquoted name
    (``المعروفة باسم أم سياف``)."""
    if not trailers:
        return None
    name = QUOTED_NAME if quoted else "(?P<name>[^\\s«\"“'(]+)"
    adverb = rf"(?:(?:{_alternation(adverbs)}){HARAKAT}\s+)?" if adverbs else ""
    return re.compile(rf"\s*[(،,]?\s*(?:{_alternation(trailers)})\s+{adverb}{NAME_LINK}{name}")


def _or_short_form_pattern(cues: list[str]) -> re.Pattern | None:
    """``أو`` and a quoted name, then a word that says it is the short form (``منظمة حظر الأسلحة الكيماوية،
    أو "OPCW" اختصاراً``): the name before's short form."""
    if not cues:
        return None
    return re.compile(rf"\s*[،,]?\s*أو\s+{QUOTED_NAME}\s*(?:{_alternation(cues)}){HARAKAT}(?!\w)")


def is_state(entity_id: str) -> bool:
    """Countries keep type Place but may act as parties (SUPPORTED_BY the United States)."""
    return load_knowledge().is_state(entity_id)


def camp_of(entity_id: str) -> str:
    """The side of its state's civil war a known body is on ('' for a state not split or not said)."""
    ent = load_knowledge().entities.get(entity_id)
    return ent.camp if ent else ""


def country_of(entity_id: str) -> str:
    """The state a known entity belongs to or acts for ('' when the table does not say)."""
    ent = load_knowledge().entities.get(entity_id)
    return (ent.forces_of or ent.country) if ent else ""
