"""Loads the relation lexicon (kg/resources/relations.json) and compiles its token patterns.

Patterns are written in ordinary Arabic; they are folded like ``kg.normalize.normalize`` (letters and
diacritics only, so regex syntax survives) and matched in full against folded tokens, with and without
their proclitics.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
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
    needs_before: re.Pattern | None = None  # a word within needs_within tokens before (ضد: التحالف ضد Y)
    body: str = ""  # title_of_state: the kind of state body the title heads (GOV, MFA: actor_patterns.json)
    else_title: bool = False  # title_of_state: without that body, the title's own frame (الرئيس التنفيذي لـ X P)
    article_body: bool = False  # title_of_state: with no state in the sentence, the one such body the article names
    direct_object: bool = False  # transferred: the destination may be the verb's object (دخلت X المدينة)
    # masdar: the agent may be named outside the trigger's clause (قصف X مواقع Y ما أسفر عن مقتل Z: the attack
    # told before); a plain verbal noun's agent is in its clause (لمحاربة Y، في قتال مع Y)
    distant_agent: bool = False
    # a reciprocal word (اشتبك X وY، تبادل X وY القصف): with no object, a coordinated subject's members are
    # the two sides, as coordinated_parties makes them for a whole type
    mutual: bool = False


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
    coordinated_parties: bool = False  # X وY وقعتا اتفاقا: with no object, the listed subjects are the parties
    # اتفاق فك الاشتباك بين X وY، مفاوضات حرب اليمن بين X وY: the sides after بين are this type's parties past
    # an event of another type in the trigger's genitive (what the deal settles was between the same sides)
    sides_past_events: bool = False
    # حرب باردة، حرب إعلامية: figurative_modifiers cancel the type's triggers; not a deal's (مفاوضات سياسية،
    # اتفاقية تجارية، المحادثات الدبلوماسية are talks and deals all the same)
    figurative: bool = True
    definite_names_event: bool = False  # الاتفاق مع X: a known agreement; its other party must be in the clause
    target_holder: str = ""  # a type whose clause on the target names a party (FOUGHT: CONTROLS, X's ground)
    states_move_forces: bool = False  # a State subject only with a trigger that needs its forces said (أرسلت X قوات)
    sides_apart: bool = False  # a state and its own army or government are never two sides (state_apparatus)
    # LEADS: a relation of this type puts its two arguments on one side (a leader and his body), so the
    # types that keep sides_apart never pair a leader with his body, its state or their other bodies
    joins_sides: bool = False

    def for_trigger(self, trig: Trigger) -> RelationType:
        """The type as ``trig`` fills it: a country moves no one itself (``states_move_forces``), only the
        forces a trigger that needs them says it sent (أرسلت إيران قوات، نشرت X جنودا)."""
        if self.states_move_forces and trig.needs is None and "State" in self.subject_types:
            return replace(self, subject_types=tuple(t for t in self.subject_types if t not in STATE_TYPES))
        return self

    def fits(self, subject_type: str, subject_state: bool, object_type: str, object_state: bool,
             subject_capital: bool = False, object_capital: bool = False) -> bool:
        return (accepts(self.subject_types, subject_type, subject_state, subject_capital)
                and accepts(self.object_types, object_type, object_state, object_capital))


STATE_TYPES = ("State", "Capital")  # the argument types a country acting as a party fills, by name or capital


def accepts(types: tuple[str, ...], entity_type: str, state: bool, capital: bool = False) -> bool:
    """``types`` from the lexicon; "State" admits a Place that is a country, "Capital" a Place that is a
    state's capital standing for its government (بدعم من الرياض، أرسلت نيروبي قوات)."""
    return entity_type in types or ("State" in types and state) or ("Capital" in types and capital)


class LexiconError(ValueError):
    """The lexicon declares something the relation layer has no handler for."""


@dataclass(frozen=True)
class ClosedClass:
    """The closed-class words the argument rules read (relations.json ``closed_class``), folded."""

    relative_pronouns: frozenset[str]  # الذي، التي، الذين ...: a relative clause describes the noun before
    singular_relatives: frozenset[str]  # الذي، التي: one antecedent, never a coordinated list
    auxiliaries: frozenset[str]  # كان، قد، لا: between a relative pronoun and its verb
    between: frozenset[str]  # بين X و Y: the two sides
    pronoun_between: frozenset[str]  # بينها وبين Y: the pronoun is one side, the subject of the clause
    resumptive_pronouns: frozenset[str]  # التي تسيطر عليها X: the pronoun takes up the antecedent
    agent_phrases: tuple[tuple[str, str], ...]  # من قبل X، على يد X: the agent of a passive
    complementizers: frozenset[str]  # أن، إن: a clause that a saying verb reports
    each_of: tuple[tuple[str, ...], ...]  # كل من X وY: a list whose members act together (or with each other)
    hedges: tuple[tuple[str, ...], ...]  # غارات يعتقد أنها إسرائيلية: before an agent adjective
    loyal_to_it: tuple[tuple[str, ...], ...]  # بين X وY الموالية لها وZ: Y is on X's side
    accusation_words: frozenset[str]  # اتهم، الاتهام: اتهم X Y بتسليح Z: what Y is accused of, Y did
    connectors: frozenset[str]  # و، أو and list commas between coordinated names
    list_commas: frozenset[str]
    transfer_stops: frozenset[str]  # a destination is looked for up to these words
    reflexive_stems: tuple[str, ...]  # سلموا أنفسهم لـ: the reflexive pronoun's stem
    under: frozenset[str]  # تحت سيطرة X: a control clause that describes the place before
    subject_to_prefixes: tuple[str, ...]  # الخاضعة لسيطرة X: likewise
    participation: frozenset[str]  # تشارك X في ضربات Y ضد Z: who takes part in an attack is a party to it
    partitive_resumptives: frozenset[str]  # التي يسيطر X على أجزاء منها: part of the antecedent place
    possessive_suffixes: frozenset[str]  # عناصرهم، منهم: the antecedent's own people move
    locating_preps: frozenset[str]  # في، ب: a place they govern may only locate the one a clause describes
    parallel_preps: frozenset[str]  # ل، على: مواقع لـ X في سوريا ولـ Y في العراق: repeated, one run of targets
    casualty_words: frozenset[str]  # مقتل، أصيب: قتل عناصر X في هجوم لـ Y: X's people fell in Y's attack
    casualty_preps: frozenset[str]  # في، خلال، جراء: what places the casualties in the attack after it
    attack_makers: frozenset[str]  # شنها، نفذته: غارة شنها Y: the attack's agent follows
    repel_words: frozenset[str]  # تصدت، أحبط: تصدت X لهجوم Y: whoever repels Y's attack fights Y
    success_verbs: frozenset[str]  # تمكنت، نجاح: تمكنت X من دخول Y: X did what the verbal noun says
    success_preps: frozenset[str]  # من، في: the preposition between their subject and the verbal noun
    contrast_words: frozenset[str]  # بينما، فيما، لكن: a contrasting clause has a subject of its own
    carrier_verbs: frozenset[str]  # تواصل، بدأت: X تواصل محاربة Y: the verb's subject is the verbal noun's agent
    holding_nouns: frozenset[str]  # قبضة، أيدي: تحرير Z من قبضة Y: the من before them governs Y
    alliance_heads: frozenset[str]  # التحالف، الحلف: التحالف الدولي ضد Y: an alliance's purpose is its fight
    count_words: frozenset[str]  # ثمانية، أعداد كبيرة: مقتل ثمانية من عناصر X: a count before the casualties' party
    span_until: frozenset[str]  # حتى: من ليل الأربعاء حتى فجر الخميس: closes a span, opens no clause
    time_words: frozenset[str]  # أمس، منذ أسابيع: a time said between a head and its argument (تستهدف منذ أسابيع X)
    spokesman_titles: frozenset[str]  # المتحدث باسم X، القيادي في X، ...، P: the person speaks for the body X
    border_nouns: frozenset[str]  # الحدود مع X: the noun takes the preposition itself; X is where the border runs
    help_words: frozenset[str]  # مساعدة، دعم: لمساعدة X في حربها ضد Y: the one helped in the act is its agent
    help_preps: frozenset[str]  # في، على: the preposition between the one helped and the act
    help_against: frozenset[str]  # ضد: دعم X لـ Y ضد Z: the one helped fights Z
    inside_words: frozenset[str]  # داخل: انسحبت X إلى داخل مدينة Y: the destination is the place after it
    allies: frozenset[str]  # حلفائهم: X وحلفائهم من Y is one side
    ally_preps: frozenset[str]  # من، في: what joins the allies noun to the allies' name (وحلفائها في القاعدة)
    demonstratives: frozenset[str]  # هذه: هذه القاعدة is a base, not the group a bare القاعدة names
    counterparts: frozenset[str]  # نظيره: مع نظيره الإيراني P، X، ونظيره الروسي P: the person is the one after it
    affiliated: frozenset[str]  # التابعة: قوة تابعة لـ X: the noun phrase before it is X's, and stands for X
    force_heads: frozenset[str]  # طيران، وحدة: units and arms such a phrase names (besides member nouns)

    @property
    def agent_nouns(self) -> frozenset[str]:
        """قبل، يد: the noun after which the agent stands."""
        return frozenset(noun for _, noun in self.agent_phrases)

    @property
    def agent_preps(self) -> frozenset[str]:
        """من، على: the preposition before that noun."""
        return frozenset(prep for prep, _ in self.agent_phrases)


CLOSED_CLASS_KEYS = tuple(ClosedClass.__dataclass_fields__)


def _closed_class(data: dict) -> ClosedClass:
    """Every key of ``ClosedClass`` must be declared, and nothing else: a typo is an error at load."""
    declared = {k for k in data if not k.startswith("_")}
    missing, unknown = set(CLOSED_CLASS_KEYS) - declared, declared - set(CLOSED_CLASS_KEYS)
    if missing or unknown:
        raise LexiconError("closed_class: " + "; ".join(
            part for part in (f"missing {', '.join(sorted(missing))}" if missing else "",
                              f"unknown {', '.join(sorted(unknown))}" if unknown else "") if part))
    phrases = tuple(tuple(normalize(w) for w in p.split()) for p in data["agent_phrases"])
    if any(len(p) != 2 for p in phrases):
        raise LexiconError("closed_class: agent_phrases are two words each (preposition, noun)")
    return ClosedClass(
        relative_pronouns=compile_words(data["relative_pronouns"]),
        singular_relatives=compile_words(data["singular_relatives"]),
        auxiliaries=compile_words(data["auxiliaries"]), between=compile_words(data["between"]),
        pronoun_between=compile_words(data["pronoun_between"]),
        resumptive_pronouns=compile_words(data["resumptive_pronouns"]),
        agent_phrases=phrases,  # type: ignore[arg-type]
        complementizers=compile_words(data["complementizers"]),
        each_of=tuple(tuple(normalize(w) for w in p.split()) for p in data["each_of"]),
        hedges=tuple(tuple(normalize(w) for w in p.split()) for p in data["hedges"]),
        loyal_to_it=tuple(tuple(normalize(w) for w in p.split()) for p in data["loyal_to_it"]),
        accusation_words=compile_words(data["accusation_words"]),
        connectors=compile_words(data["connectors"]), list_commas=compile_words(data["list_commas"]),
        transfer_stops=compile_words(data["transfer_stops"]),
        reflexive_stems=tuple(normalize(w) for w in data["reflexive_stems"]),
        under=compile_words(data["under"]),
        subject_to_prefixes=tuple(normalize(w) for w in data["subject_to_prefixes"]),
        participation=compile_words(data["participation"]),
        partitive_resumptives=compile_words(data["partitive_resumptives"]),
        possessive_suffixes=compile_words(data["possessive_suffixes"]),
        locating_preps=compile_words(data["locating_preps"]),
        parallel_preps=compile_words(data["parallel_preps"]),
        casualty_words=compile_words(data["casualty_words"]),
        casualty_preps=compile_words(data["casualty_preps"]),
        attack_makers=compile_words(data["attack_makers"]),
        repel_words=compile_words(data["repel_words"]),
        success_verbs=compile_words(data["success_verbs"]),
        success_preps=compile_words(data["success_preps"]),
        contrast_words=compile_words(data["contrast_words"]),
        carrier_verbs=compile_words(data["carrier_verbs"]),
        holding_nouns=compile_words(data["holding_nouns"]),
        alliance_heads=compile_words(data["alliance_heads"]),
        count_words=compile_words(data["count_words"]),
        span_until=compile_words(data["span_until"]),
        time_words=compile_words(data["time_words"]),
        spokesman_titles=compile_words(data["spokesman_titles"]),
        border_nouns=compile_words(data["border_nouns"]),
        help_words=compile_words(data["help_words"]), help_preps=compile_words(data["help_preps"]),
        help_against=compile_words(data["help_against"]), counterparts=compile_words(data["counterparts"]),
        allies=compile_words(data["allies"]), ally_preps=compile_words(data["ally_preps"]),
        demonstratives=compile_words(data["demonstratives"]),
        affiliated=compile_words(data["affiliated"]), force_heads=compile_words(data["force_heads"]),
        inside_words=compile_words(data["inside_words"]),
    )


# the alias table's place categories a place noun may take up (kg/resources/entities.json)
PLACE_KINDS = frozenset({"city", "town", "village", "region", "airport", "border_crossing", "oilfield", "camp",
                         "river", "facility", "desert"})


@dataclass(frozen=True)
class Antecedents:
    """Nouns that take up a party named earlier without naming it (kg.relations.antecedents)."""

    descriptors: tuple[Seq, ...] = ()
    categories: frozenset[str] = frozenset()  # the categories a descriptor's antecedent may have
    min_mentions: int = 1  # how often it must be named before: the group the article is about
    local_categories: frozenset[str] = frozenset()  # what a descriptor takes up when its sentence names it before
    excluded_heads: frozenset[str] = frozenset()  # first words of names a descriptor never takes up (المقاومة)
    possessives: tuple[Seq, ...] = ()
    non_party: frozenset[str] = frozenset()  # categories never an antecedent of a member noun (media, NGOs)
    demonym_heads: tuple[Seq, ...] = ()  # what a state has, told by a nationality adjective (مواقع سورية)
    demonym_agents: tuple[Seq, ...] = ()  # attacks whose nationality adjective names their agent (الغارات التركية)
    border_sides: tuple[Seq, ...] = ()  # الجانب العراقي من الحدود: after a demonym head, a side of a border, no party
    places: tuple[tuple[Seq, frozenset[str]], ...] = ()  # المدينة: a place noun and the kinds it takes up
    confidence: float = 0.8

    @cached_property
    def first(self) -> re.Pattern:
        """Any first token of a descriptor or possessive: most tokens are passed over with one match."""
        return re.compile("|".join(f"(?:{seq.parts[0].pattern})"
                                   for seq in (*self.descriptors, *self.possessives, *self.demonym_heads,
                                               *self.demonym_agents, *(seq for seq, _ in self.places))))


def _antecedents(data: dict) -> Antecedents:
    return Antecedents(
        descriptors=tuple(compile_seq(w) for w in data.get("descriptors", [])),
        categories=frozenset(data.get("descriptor_categories", [])),
        min_mentions=int(data.get("descriptor_min_mentions", 1)),
        local_categories=frozenset(data.get("descriptor_local_categories", [])),
        excluded_heads=frozenset(normalize(w) for w in data.get("descriptor_excluded_heads", [])),
        possessives=tuple(compile_seq(w) for w in data.get("possessive_members", [])),
        non_party=frozenset(data.get("non_party_categories", [])),
        demonym_heads=tuple(compile_seq(w) for w in data.get("demonym_heads", [])),
        demonym_agents=tuple(compile_seq(w) for w in data.get("demonym_agents", [])),
        border_sides=tuple(compile_seq(w) for w in data.get("border_sides", [])),
        places=tuple(_place_noun(row) for row in data.get("place_nouns", [])),
        confidence=float(data.get("confidence", 0.8)),
    )


def _place_noun(row: dict) -> tuple[Seq, frozenset[str]]:
    """A place noun's pattern and the place categories it takes up: both required, the kinds known ones."""
    kinds = row.get("kinds")
    if not isinstance(row.get("p"), str) or not kinds or not isinstance(kinds, list) \
            or not set(kinds) <= PLACE_KINDS:
        raise LexiconError(f"antecedents: place noun {row!r} needs a pattern 'p' and 'kinds' of "
                           f"{', '.join(sorted(PLACE_KINDS))}")
    return compile_seq(row["p"]), frozenset(kinds)


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
    naming_words: frozenset[str]  # زعيم ما يسمى بـ X: a title's organization after a phrase that names it
    example_words: frozenset[str]  # دعمها لجماعات مثل X وY: the examples after a group noun are its members
    non_party: dict[str, frozenset[str]]
    non_party_heads: dict[str, frozenset[str]]  # سفارة، قنصلية: bodies whose name's head says they are no party
    state_apparatus: frozenset[str]  # entity categories (military, government) that act for their state
    affiliation_cues: frozenset[str]  # X ذراع Y، X التابعة لـ Y: Y is X's parent body, not a party beside X
    affiliation_links: frozenset[str]  # من، تحت لواء: what may stand between such a cue and Y
    event_makers: tuple[Seq, ...]  # أبرم، وقع: their subject is a party of the event a definite noun names
    event_during: frozenset[str]  # خلال، أثناء: right before a definite event noun, so is the clause's subject
    ally_phrases: tuple[Seq, ...]  # إلى جانب Y: Y is on the side of the one before
    alliance_nouns: frozenset[str]
    figurative: frozenset[str]
    cancelling: dict[str, frozenset[str]]
    cancelling_before: dict[str, frozenset[str]]  # وزير النقل: a head noun right before makes the trigger a name
    cancelling_domain: dict[str, frozenset[str]]  # اللاعب، مباراة: a sentence of sport states no such relation
    former_state: dict[str, list[Seq]]
    former_after: dict[str, list[Seq]]  # رئيس الوزراء السابق P: a cue after the trigger
    former_after_window: int
    sought_state: dict[str, list[Seq]]  # محاولة السيطرة، من أجل السيطرة: an attempt right before the trigger
    place_parts: frozenset[str]  # جانبا كبيرا من Y، 95 في المئة من أراضي Y: a part of the place after من
    place_inclusion: tuple[Seq, ...]  # Y بما فيها Z، Y فضلا عن Z: more places of Y's list
    sought_gap: int
    purpose_clitic: dict[str, str]  # للسيطرة على، لاستعادة Y: the purpose ل on the trigger
    agent_adjective: re.Pattern | None
    speech_verbs: frozenset[str]
    relative_location: frozenset[str]
    visit_words: frozenset[str]
    deputy_words: frozenset[str]  # نائب وزير الخارجية P: a deputy's title names no leader
    deputy_modifiers: frozenset[str]  # النائب الأول للرئيس P: an ordinal between the deputy word and the title
    office_words: frozenset[str]  # مكتب رئيس الوزراء P: the leader's office, unless a title heads it
    arrival_words: frozenset[str]
    min_confidence: float
    non_names: frozenset[str]
    self_resumption: frozenset[str]
    enabling_verbs: frozenset[str]
    modality: dict[str, list[Seq]]
    modality_window: int
    future_prefix: str
    closed: ClosedClass
    possessed_targets: frozenset[str]
    held_sites: frozenset[str]  # مواقع، مقرات: what a party holds and never is (its people and aircraft are)
    capital_place_preps: frozenset[str] = frozenset()  # في الدوحة، على بغداد: a capital governed so is the city
    pair_references: tuple[Seq, ...] = ()  # بينهما، الطرفين: the parties named in an earlier sentence
    pair_reference_window: int = 2  # how many sentences back those parties may be named
    pair_mutual_types: frozenset[str] = frozenset()  # types whose reference must say the two act on each other
    pair_conflict_words: tuple[Seq, ...] = ()  # طرفي النزاع: the sides of the article's fight, not the last two named
    pair_trigger_window: int = 6  # how far (tokens) the trigger may stand from the reference
    antecedents: Antecedents = field(default_factory=Antecedents)
    _first_cache: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)

    def first_matches(self, stem: str) -> tuple[int, ...]:
        """Indexes (into ``triggers``) of the triggers whose first token pattern matches ``stem``;
        cached, since the same words recur across a corpus."""
        hit = self._first_cache.get(stem)
        if hit is None:
            hit = tuple(k for k, t in enumerate(self.triggers) if t.seq.parts[0].fullmatch(stem))
            self._first_cache[stem] = hit
        return hit


# What a trigger entry may say (read into Trigger by load_lexicon): a misspelt key is an error, not ignored.
TRIGGER_KEYS = frozenset({"p", "role", "conf", "preps", "markers", "markers_extra", "needs", "needs_within",
                          "needs_before", "body", "else_title", "article_body", "direct_object", "distant_agent",
                          "mutual"})


def _check_frame_and_roles(name: str, frame: str, triggers: list[dict], roles: dict[str, dict]) -> None:
    """An unknown frame, role or trigger key, or a role not valid in the type's frame, is an error, never a
    silent default."""
    if frame not in FRAMES:
        raise LexiconError(f"relation type {name}: frame {frame!r} is not one of {', '.join(FRAMES)}")
    for t in triggers:
        unknown = set(t) - TRIGGER_KEYS
        if unknown:
            raise LexiconError(f"relation type {name}: trigger {t.get('p')!r} has unknown keys {sorted(unknown)} "
                               f"(known: {', '.join(sorted(TRIGGER_KEYS))})")
        role = roles.get(t["role"])
        if role is None:
            raise LexiconError(f"relation type {name}: trigger {t['p']!r} has role {t['role']!r}, not declared "
                               f"under \"roles\" ({', '.join(sorted(roles))})")
        if frame not in role.get("frames", ()):
            raise LexiconError(f"relation type {name}: trigger {t['p']!r} has role {t['role']!r}, which the "
                               f"{frame} frame does not take")


def _check_targets(types: dict[str, RelationType]) -> None:
    for rt in types.values():
        if rt.target_holder and rt.target_holder not in types:
            raise LexiconError(f"relation type {rt.name}: target_holder {rt.target_holder!r} is no relation type")


def _check_handlers(roles: dict[str, dict]) -> None:
    """Every declared (frame, role) has exactly one handler in kg.relations.roles, and every handler a
    declaration."""
    from kg.relations.roles import ROLE_HANDLERS  # the rule code reads the lexicon: imported when it loads

    declared = {(frame, role) for role, spec in roles.items() for frame in spec.get("frames", ())}
    if declared != set(ROLE_HANDLERS):
        missing = ", ".join(f"{r} in {f}" for f, r in sorted(declared - set(ROLE_HANDLERS)))
        extra = ", ".join(f"{r} in {f}" for f, r in sorted(set(ROLE_HANDLERS) - declared))
        raise LexiconError("roles: " + "; ".join(p for p in (f"no handler for {missing}" if missing else "",
                                                            f"not declared: {extra}" if extra else "") if p))


def _domains(spec: dict) -> dict[str, frozenset[str]]:
    """Per relation type, the words of every domain (``domains_that_cancel``) whose types include it."""
    out: dict[str, frozenset[str]] = {}
    for name, domain in spec.items():
        if not name.startswith("_"):
            for rtype in domain["types"]:
                out[rtype] = out.get(rtype, frozenset()) | compile_words(domain["words"])
    return out


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    data = json.loads(Path(path or LEXICON_PATH).read_text(encoding="utf-8"))
    roles = {k: v for k, v in data.get("roles", {}).items() if not k.startswith("_")}
    _check_handlers(roles)
    types: dict[str, RelationType] = {}
    triggers: list[Trigger] = []
    for name, spec in data["types"].items():
        frame = spec.get("frame", "")
        _check_frame_and_roles(name, frame, spec.get("triggers", []), roles)
        rtype = RelationType(
            name=name, meta={k: v for k, v in spec.items() if k != "triggers"},
            symmetric=bool(spec.get("symmetric")), subject_types=tuple(spec.get("subject_types", ())),
            object_types=tuple(spec.get("object_types", ())), frame=frame,
            between_sides=bool(spec.get("between_sides", True)), target_holder=spec.get("target_holder", ""),
            coordinated_parties=bool(spec.get("coordinated_parties", False)),
            sides_past_events=bool(spec.get("sides_past_events", False)),
            figurative=bool(spec.get("figurative", True)),
            definite_names_event=bool(spec.get("definite_names_event", False)),
            states_move_forces=bool(spec.get("states_move_forces", False)),
            sides_apart=bool(spec.get("sides_apart", False)),
            joins_sides=bool(spec.get("joins_sides", False)),
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
                needs_before=re.compile(fold(t["needs_before"])) if t.get("needs_before") else None,
                body=t.get("body", ""), else_title=bool(t.get("else_title", False)),
                article_body=bool(t.get("article_body", False)),
                direct_object=bool(t.get("direct_object", False)),
                distant_agent=bool(t.get("distant_agent", False)),
                mutual=bool(t.get("mutual", False)),
            )
            rtype.triggers.append(trig)
            triggers.append(trig)
        types[name] = rtype
    _check_targets(types)
    # Longer patterns first so that "تحت سيطرة" wins over "سيطرة" at the same place.
    triggers.sort(key=lambda t: -len(t.seq.parts))
    mod = data.get("modality", {})
    pairs = data.get("pair_references", {})
    modality = {k: [compile_seq(c) for c in mod.get(k, [])]
                for k in ("denied", "negation_particles", "proposed", "expected", "proposed_purpose", "expected_after",
                          "expected_right_before")}
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
        naming_words=compile_words(data.get("naming_words", {}).get("words", [])),
        example_words=compile_words(data.get("example_words", {}).get("words", [])),
        non_party={k: frozenset(v) for k, v in data.get("non_party_categories", {}).items()
                   if not k.startswith("_")},
        non_party_heads={k: compile_words(v) for k, v in data.get("non_party_heads", {}).items()
                         if not k.startswith("_")},
        state_apparatus=frozenset(data.get("state_apparatus", {}).get("categories", [])),
        affiliation_cues=compile_words(data.get("affiliation_cues", {}).get("words", [])),
        affiliation_links=compile_words(data.get("affiliation_cues", {}).get("links", [])),
        event_makers=tuple(compile_seq(w) for w in data.get("event_makers", {}).get("patterns", [])),
        event_during=compile_words(data.get("event_makers", {}).get("during", [])),
        ally_phrases=tuple(compile_seq(w) for w in data.get("ally_phrases", {}).get("phrases", [])),
        alliance_nouns=compile_words(data.get("alliance_nouns", [])),
        figurative=compile_words(data.get("figurative_modifiers", [])),
        cancelling={k: compile_words(v) for k, v in data.get("modifiers_that_cancel", {}).items()
                    if not k.startswith("_")},
        cancelling_before={k: compile_words(v) for k, v in data.get("heads_that_cancel", {}).items()
                           if not k.startswith("_")},
        cancelling_domain=_domains(data.get("domains_that_cancel", {})),
        former_state={k: [compile_seq(c) for c in v] for k, v in data.get("former_state", {}).items()
                      if not k.startswith("_")},
        former_after={k: [compile_seq(c) for c in v] for k, v in data.get("former_after", {}).items()
                      if not k.startswith("_") and k != "window"},
        former_after_window=int(data.get("former_after", {}).get("window", 0)),
        sought_state={k: [compile_seq(c) for c in v] for k, v in data.get("sought_state", {}).items()
                      if not k.startswith("_") and k not in ("gap", "purpose_clitic")},
        sought_gap=int(data.get("sought_state", {}).get("gap", 0)),
        place_parts=compile_words(data.get("place_parts", {}).get("words", [])),
        place_inclusion=tuple(compile_seq(w) for w in data.get("place_inclusion", {}).get("phrases", [])),
        purpose_clitic=dict(data.get("sought_state", {}).get("purpose_clitic", {})),
        agent_adjective=re.compile(fold(data["agent_adjectives"]["pattern"])) if data.get("agent_adjectives") else None,
        relative_location=compile_words(data.get("relative_location", [])),
        visit_words=compile_words(data.get("visit_words", {}).get("visit", [])),
        deputy_words=compile_words(data.get("deputy_words", {}).get("words", [])),
        deputy_modifiers=compile_words(data.get("deputy_words", {}).get("modifiers", [])),
        office_words=compile_words(data.get("deputy_words", {}).get("offices", [])),
        arrival_words=compile_words(data.get("visit_words", {}).get("arrival", [])),
        min_confidence=float(data.get("min_confidence", 0.0)),
        non_names=compile_words(data.get("non_names", {}).get("words", [])),
        speech_verbs=compile_words(data.get("speech_verbs", {}).get("verbs", [])),
        self_resumption=compile_words(data.get("speech_verbs", {}).get("self_resumption", [])),
        enabling_verbs=compile_words(data.get("speech_verbs", {}).get("enabling", [])),
        modality=modality, modality_window=int(mod.get("window", 5)),
        future_prefix=normalize(mod.get("future_prefix", "س")),
        closed=_closed_class(data.get("closed_class", {})),
        possessed_targets=compile_words(data.get("possessed_targets", {}).get("words", [])),
        held_sites=compile_words(data.get("possessed_targets", {}).get("sites", [])),
        capital_place_preps=compile_words(data.get("capital_parties", {}).get("place_preps", [])),
        pair_references=tuple(compile_seq(w) for w in pairs.get("words", [])),
        pair_reference_window=int(pairs.get("window", 2)),
        pair_mutual_types=frozenset(pairs.get("mutual_types", [])),
        pair_conflict_words=tuple(compile_seq(w) for w in pairs.get("conflict_words", [])),
        pair_trigger_window=int(pairs.get("trigger_window", 6)),
        antecedents=_antecedents(data.get("antecedents", {})),
    )
