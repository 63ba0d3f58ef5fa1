"""Runs the lexicon's triggers over each sentence and turns argument frames into Relation records."""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable
from typing import Any

from kg.model import AnalyzedDoc, Relation
from kg.relations.antecedents import antecedent_relations
from kg.relations.args import Cand
from kg.relations.lexicon import Lexicon, Trigger, load_lexicon
from kg.relations.modality import former_state, modality, sought_state
from kg.relations.references import pair_reference_relations
from kg.relations.roles import ROLE_HANDLERS
from kg.relations.sentence import Arg, SentView

VERB_ROLES = frozenset({"verb", "verb_prep", "direct", "supports_verb", "leads_verb"})
OBJECT_TAKING = frozenset({"masdar", "direct_masdar", "transitive"})  # لطرد X، نقل X: X is the object
# أرسلت، نقلوا، ينشرون: a finite verb, whose VSO subject right after it is no object as a verbal noun's
# genitive is (إرسال X، نقل X); folded spelling, و/ف aside
FINITE_VERB = re.compile(r"^[وف]?(?:(?:س?[ي]|س[تن])\w{2,}|\w{2,}(?:ت|وا|ون))$")
# الأمين العام: a title that is also its person's generic mention
TITLE_ROLES = frozenset({"title", "title_of_antecedent", "title_of_state"})
TA_MARBUTA = ("ة", "ةً", "ةٍ", "ةُ", "ةَ", "ةِ", "ةٌ")  # no verb ends in ة; folding makes it ه, the pronoun


def _from_knowledge(name: str, absent: Callable[[str], Any]) -> Callable[[str], Any]:
    """The alias table's function ``name`` (kg.knowledge), or ``absent`` where that module is missing: the
    knowledge module is optional for this layer."""
    try:
        knowledge = importlib.import_module("kg.knowledge")
    except ImportError:
        return absent
    return getattr(knowledge, name)


def default_is_state() -> Callable[[str], bool]:
    """Whether an entity is a country (may act as a party), from the alias table; never when absent."""
    return _from_knowledge("is_state", lambda _id: False)


def default_category() -> Callable[[str], str]:
    """Entity category from the alias table (media, ngo, armed_group ...); '' when unknown."""
    try:
        from kg.knowledge import load_knowledge
        kb = load_knowledge()
    except (ImportError, OSError, ValueError):
        return lambda _id: ""
    return lambda eid: getattr(kb.entities.get(eid), "category", "") or ""


def default_country() -> Callable[[str], str]:
    """The state an entity belongs to or acts for, from the alias table; '' when unknown."""
    return _from_knowledge("country_of", lambda _id: "")


def capitals_in(adoc: AnalyzedDoc) -> Callable[[str], str]:
    """The state each of the document's entities is the capital of ('' for the others: Entity.capital_of)."""
    return lambda eid: getattr(adoc.entities.get(eid), "capital_of", "")


def one_state(a: str, b: str, is_state: Callable[[str], bool], category: Callable[[str], str],
              country: Callable[[str], str], apparatus: frozenset[str],
              capital_of: Callable[[str], str] = lambda _id: "", camp: Callable[[str], str] = lambda _id: "") -> bool:
    """A state and its own army or government (إسرائيل، الجيش الإسرائيلي), or two bodies of one state (its
    army and its air force), are one side: never the two parties of a fight or an agreement.  A body is an
    entity of an ``apparatus`` category (military, government) that the alias table gives a state; a
    state's capital (``capital_of``: الرياض والمملكة) is on its side too.  Two bodies in different camps of
    a state split by civil war (``camp``: the LNA and the Tripoli government) are two sides."""
    def state_of(x: str) -> str:
        return (country(x) if category(x) in apparatus else "") or capital_of(x)

    sa, sb = state_of(a), state_of(b)
    rivals = bool(camp(a) and camp(b) and camp(a) != camp(b))
    return bool((is_state(a) and sb == a) or (is_state(b) and sa == b) or (sa and sa == sb and not rivals))


def one_side_pair(adoc: AnalyzedDoc, lex: Lexicon, is_state: Callable[[str], bool], category: Callable[[str], str],
                  country: Callable[[str], str]) -> Callable[[str, str, str], bool]:
    """(relation type, a, b) -> the type keeps ``sides_apart`` and a and b are one state's side
    (``one_state``): the rules and the learned layer leave such a pair out alike."""
    capital_of, camp = capitals_in(adoc), _from_knowledge("camp_of", lambda _id: "")
    return lambda rtype, a, b: lex.types[rtype].sides_apart and one_state(
        a, b, is_state, category, country, lex.state_apparatus, capital_of, camp)


def led_side(found: list[Relation], lex: Lexicon, category: Callable[[str], str],
             country: Callable[[str], str]) -> Callable[[str, str, str], bool]:
    """(relation type, a, b) -> the type keeps ``sides_apart`` and a leads b, or leads a body of b's state or
    b's state itself, or a and b lead one side (``joins_sides`` relations of ``found``: الرئيس اليمني P and
    YEMEN_GOV, وزير الخارجية المصري P and the Egyptian army, two ministers of one government): a leader and
    his own side are no two parties of a meeting or an agreement."""
    def own(x: str) -> set[str]:
        return {x, country(x) if category(x) in lex.state_apparatus else ""} - {""}

    side: dict[str, set[str]] = {}
    for r in found:
        if lex.types[r.type].joins_sides:
            side.setdefault(r.subject, set()).update(own(r.object))

    def joined(rtype: str, a: str, b: str) -> bool:
        if not lex.types[rtype].sides_apart or (a not in side and b not in side):
            return False
        return bool((own(a) | side.get(a, set())) & (own(b) | side.get(b, set())))
    return joined


def relation_id(doc: str, rtype: str, subject: str, obj: str, start: int) -> str:
    return hashlib.sha1(f"{doc}|{rtype}|{subject}|{obj}|{start}".encode()).hexdigest()[:16]


def _title_end(sv: SentView, a: Arg) -> int:
    """The end of the title words in a person's mention: all of a generic one (الأمين العام), those before
    the body's name in one that ends in it (زعيم | الحوثيين), none of a name."""
    if a.mention is not None and a.mention.origin == "generic":
        return a.t1
    found = sv.titled_body(a)
    return found[1] if found else a.t0


def find_triggers(sv: SentView, lex: Lexicon) -> list[tuple[Trigger, int, int, int]]:
    """(trigger, first token, end token, clitic chars stripped); tokens inside a mention are skipped
    (تحرير in هيئة تحرير الشام is a name, not a trigger), except a title that is its person's generic
    mention (الأمين العام لـ X P: the resolver made الأمين العام a reference to P) or whose words after the
    title name a body of the article (زعيم الحوثيين as the Houthi leader)."""
    found = []
    taken: dict[str, set[int]] = {}
    off_domain = {t for t, words in lex.cancelling_domain.items() if any(sv.is_word(k, words) for k in range(sv.n))}
    titles = {k for a in sv.args if a.etype == "Person" for k in range(a.t0, _title_end(sv, a))}
    for i in range(sv.n):
        if i in sv.covered and i not in titles:
            continue
        candidates = sorted({k for _, stem in sv.forms[i] for k in lex.first_matches(stem)})
        for trig in (lex.triggers[k] for k in candidates):
            hit = trig.seq.match(sv.forms, i)
            if hit is None:
                continue
            n, strip = hit
            if any(k in sv.covered and not (k in titles and trig.role in TITLE_ROLES) for k in range(i, i + n)):
                continue
            if trig.role in VERB_ROLES and (set(sv.norm[i][:strip]) & {"ل", "ب"}
                                            or sv.tokens[i + n - 1].text.endswith(TA_MARBUTA)):
                continue  # لطرد، بنقل: a preposition makes it a verbal noun, and so does a final ة
                # (استعادة، folded like استعاده): its masdar pattern applies
            used = taken.setdefault(trig.type, set())
            if trig.type in off_domain or any(k in used for k in range(i, i + n)):
                continue  # اتفاق النادي مع اللاعب: a sentence of another domain (sport) is no party's deal
            if any(a < i and i + n <= b for _, a, b, _ in found):
                continue  # وقف إطلاق النار: a word inside a longer trigger begun before it is part of that one
            nxt = i + n
            while nxt < sv.n and sv.skippable(nxt):
                nxt += 1
            if nxt < sv.n and ((lex.types[trig.type].figurative and sv.is_word(nxt, lex.figurative))
                               or sv.is_word(nxt, lex.cancelling.get(trig.type, frozenset()))):
                continue  # حرب باردة، حرب إعلامية، عمليات تبادل: not armed conflict
            if sv.is_word(i - 1, lex.cancelling_before.get(trig.type, frozenset())):
                continue  # وزير النقل، وسائل النقل: the trigger names a sector, no move
            if former_state(sv, trig, i, i + n) or sought_state(sv, trig, i, strip, trig.role in OBJECT_TAKING):
                continue
            if trig.needs is not None and not any(
                    trig.needs.fullmatch(s) for k in range(i + n, min(sv.n, i + n + trig.needs_within))
                    for _, s in sv.forms[k]):
                continue
            if trig.needs_before is not None and not any(
                    trig.needs_before.fullmatch(s) for k in range(max(0, i - trig.needs_within), i)
                    for _, s in sv.forms[k]):
                continue  # a word that must stand before it: ضد names a fight only after an alliance (التحالف ضد Y)
            used.update(range(i, i + n))
            found.append((trig, i, i + n, strip))
    return found


def _candidates(sv: SentView, lex: Lexicon, trig: Trigger, i: int, j: int) -> list[Cand]:
    """The trigger's argument frame, by its role's one handler (checked against the lexicon at load)."""
    rtype = lex.types[trig.type].for_trigger(trig)
    return ROLE_HANDLERS[(rtype.frame, trig.role)](sv, trig, i, j, rtype)


def extract_relations(adoc: AnalyzedDoc, is_state: Callable[[str], bool] | None = None,
                      lexicon: Lexicon | None = None, category: Callable[[str], str] | None = None,
                      frames: dict[str, str] | None = None, references: bool = True,
                      country: Callable[[str], str] | None = None) -> list[Relation]:
    """All relations stated in the document, one per (type, pair, sentence), best confidence kept.

    ``is_state`` (countries may act as parties) and ``category`` (media/NGOs may not) default to the
    alias table in kg.knowledge.  ``frames``, when given, receives relation id -> the role of the trigger
    whose frame found it (the learned layer reads the rules' decision and frame as features).
    ``references``: also the relations whose parties an earlier sentence names (kg.relations.references,
    kg.relations.antecedents).  ``country`` (the state an army or ministry acts for) defaults to the alias
    table too: the types that keep ``sides_apart`` never pair a state with its own bodies."""
    lex = lexicon or load_lexicon()
    state = is_state or default_is_state()
    cat = category or default_category()
    state_of = country or default_country()
    one_side = one_side_pair(adoc, lex, state, cat, state_of)
    text = adoc.doc.text
    best: dict[tuple, Relation] = {}
    resolved = sorted((m.start, m.entity) for m in adoc.mentions if m.entity and m.entity in adoc.entities)
    for sent in adoc.sentences:
        if len({e for pos, e in resolved if sent.start <= pos < sent.end}) < 2:
            continue  # a relation needs two entities in the sentence
        sv = SentView(adoc, sent, lex, state, cat)
        if len({a.entity for a in sv.args}) < 2:
            continue
        hits = find_triggers(sv, lex)
        sv.trigger_tokens = {k for _, i, j, _ in hits for k in range(i, j)}
        sv.trigger_types = {k: t.type for t, i, j, _ in hits for k in range(i, j)}
        sv.object_taking = {k for t, i, j, _ in hits if t.role in OBJECT_TAKING and not FINITE_VERB.match(sv.norm[i])
                            for k in range(i, j)}
        for trig, i, j, strip in hits:
            rtype = lex.types[trig.type]
            for cand in _candidates(sv, lex, trig, i, j):
                mod = modality(sv, trig, i, j, strip)
                for s in cand.subjects:
                    for o in cand.objects:
                        if s.entity == o.entity or one_side(trig.type, s.entity, o.entity):
                            continue
                        pair = tuple(sorted((s.entity, o.entity))) if rtype.symmetric else (s.entity, o.entity)
                        key = (trig.type, pair, sent.index)
                        conf = round(min(1.0, cand.conf * trig.conf), 3)
                        if conf < lex.min_confidence:
                            continue
                        known = best.get(key)
                        if known is not None and known.confidence >= conf:
                            continue
                        rid = relation_id(adoc.doc.id, trig.type, s.entity, o.entity, sent.start)
                        if frames is not None:
                            frames[rid] = trig.role
                        best[key] = Relation(
                            id=rid,
                            type=trig.type, subject=s.entity, object=o.entity, doc=adoc.doc.id,
                            sentence=text[sent.start:sent.end], start=sent.start, end=sent.end,
                            confidence=conf, modality=mod,
                            agent=cand.agent,
                            trigger=text[sv.tokens[i].start:sv.tokens[j - 1].end],
                        )
    led = led_side(list(best.values()), lex, cat, state_of)
    found = [r for r in best.values() if not led(r.type, r.subject, r.object)]
    if not references:
        return found
    for rel in pair_reference_relations(adoc, lex, state, cat, found,
                                        lambda t, a, b: one_side(t, a, b) or led(t, a, b)):
        if frames is not None:
            frames[rel.id] = "pair_reference"
        found.append(rel)
    def sentence_relations(d: AnalyzedDoc) -> list[Relation]:
        return extract_relations(d, state, lex, cat, references=False, country=state_of)

    for rel in antecedent_relations(adoc, found, lex, state, cat, sentence_relations):
        if frames is not None:
            frames[rel.id] = "antecedent"
        found.append(rel)
    return sorted(found, key=lambda r: (r.start, r.type, r.subject, r.object))
