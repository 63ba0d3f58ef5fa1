"""Two parties taken up from an earlier sentence: ``إنهاء المعارك التي اندلعت بينهما``, ``وقف القتال بين
الطرفين``, ``الاقتتال الحاصل بين طرفي النزاع``.

In a sentence with a pair reference (the lexicon's ``pair_references``) and a trigger of a symmetric type
(a fight, an agreement) that the sentence's own arguments do not fill, the parties are the two actors
the sentence names (``بعد مفاوضات بين الطرفين`` after naming both), else the two the sentence before
names, else those of the latest symmetric relation of the sentences just before it; two nationality
adjectives after the reference name the two states (الجانبين الإسرائيلي والتركي).  Two parties are two
persons or two bodies (a person beside a body is a mediator, a commander or a speaker), never a state
and its own army.  A fight (``mutual_types``)
needs the reference to say "between them" (بينهما، بين الطرفين): in ``هجوم نفذه الجانبان`` the two sides
attacked a third party.  ``طرفي النزاع`` (``conflict_words``) takes up the sides of the fight the article
tells most often before it, not the last two actors named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

from kg.model import AnalyzedDoc, Relation
from kg.normalize import normalize
from kg.relations.args import C_SENTENCE, conjoined_demonym_state, demonym_state
from kg.relations.lexicon import Lexicon
from kg.relations.modality import modality
from kg.relations.sentence import SentView, bare_in

K = TypeVar("K")


def _reference(sv: SentView, lex: Lexicon) -> int | None:
    return next((i for i in range(sv.n) if any(seq.match(sv.forms, i) for seq in lex.pair_references)), None)


def most_told(told: Iterable[tuple[K, int]]) -> tuple[K, int] | None:
    """The key told most often in ``told`` (key, position) and how often: the latest on ties, i.e. the
    party or the pair the article is about so far."""
    counts: Counter = Counter()
    last: dict[K, int] = {}
    for key, pos in told:
        counts[key] += 1
        last[key] = pos
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], last[k]))
    return best, counts[best]


def _conflict_sides(found: list[Relation], before: int) -> tuple[str, str] | None:
    """The pair of the fight the article tells most often before ``before`` (latest on ties)."""
    told = most_told((frozenset((r.subject, r.object)), r.start) for r in found
                     if r.type == "FOUGHT" and r.start < before)
    return tuple(sorted(told[0])) if told else None  # type: ignore[return-value]


def _mutual(sv: SentView, ref: int) -> bool:
    """The reference says "between them": بينهما, or بين before it (بين الطرفين، بين طرفي النزاع)."""
    return bool(bare_in(sv.norm[ref], ("بينهما",))) or (
        ref > 0 and bool(bare_in(sv.norm[ref - 1], sv.lex.closed.between)))


def _new_conjunct(sv: SentView, ref: int, i: int) -> bool:
    """The trigger at ``i`` is a conjunct of its own after the reference (بين البلدين والحرب)."""
    return ref < i and sv.norm[i].startswith("و") and bool(sv.forms[i]) and sv.forms[i][-1][0] > 0


def _two_actors(sv: SentView, rtype: str) -> tuple[str, str] | None:
    """The sentence's two parties, if it names exactly two, none of a category that cannot be a party to
    ``rtype`` (a news agency, the UN office that reports a fight).  Two persons, or two bodies: a person
    and a body are a mediator, a commander or a speaker and what they speak of, not two sides."""
    banned = sv.lex.non_party.get(rtype, frozenset())
    actors = list(dict.fromkeys((a.entity, a.etype == "Person") for a in sv.args
                                if a.actor and not a.blocked and a.category not in banned))
    if len(actors) != 2 or actors[0][1] != actors[1][1]:
        return None
    return actors[0][0], actors[1][0]


def _acting_together(sv: SentView, ref: int, pair: tuple[str, str]) -> bool:
    """The sentence's two actors are one coordinated run (X وY) named after the reference, not in an
    apposition to it (بين الطرفين، X وY): they act together in a clause of their own, so the reference's
    two sides are others, named before."""
    first = next((a for a in sv.args if a.entity in pair), None)
    if first is None or first.t0 <= ref:
        return False
    run = {a.entity for a in sv.group(first)}
    apposition = all(sv.skippable(k) or sv.is_comma(k) for k in range(ref + 1, first.t0))
    return set(pair) <= run and not apposition


def _named_by_adjectives(sv: SentView, ref: int) -> tuple[str, str] | None:
    """الجانبين الإسرائيلي والتركي: two nationality adjectives after the reference name its two states,
    where the article names them."""
    k = ref + 1
    while k < sv.n and not sv.forms[k]:
        k += 1
    if k + 1 >= sv.n:
        return None
    first = demonym_state(sv.norm[k])
    second = conjoined_demonym_state(sv.norm[k + 1])
    states = (first, second)
    if None in states or first == second or not all(st in sv.doc_entities for st in states):
        return None
    return first, second


def own_body(adoc: AnalyzedDoc, state: str, other: str) -> bool:
    """``other`` is a body of ``state``: its name carries the state's demonym (الجيش الإسرائيلي)."""
    return any(demonym_state(normalize(w)) == state for w in adoc.entities[other].label.split())


def _parties(adoc: AnalyzedDoc, lex: Lexicon, is_state: Callable[[str], bool], category: Callable[[str], str],
             sv: SentView, found: list[Relation], rtype: str, ref: int) -> tuple[str, str] | None:
    """The two states the adjectives after the reference name, else the two parties of this sentence,
    else of the sentence before, else the latest symmetric relation of the sentences before
    (``pair_reference_window``)."""
    index = sv.sent.index
    here = _named_by_adjectives(sv, ref) or _two_actors(sv, rtype)
    # اشتباكات بين الطرفين منذ زحف X وY إليها: X and Y, one subject, are no two sides
    if here is not None and not _acting_together(sv, ref, here):
        return here
    if index == 0:
        return None
    before = _two_actors(SentView(adoc, adoc.sentences[index - 1], lex, is_state, category), rtype)
    if before is not None:
        return before
    lo = adoc.sentences[max(0, index - lex.pair_reference_window)].start
    earlier = [r for r in found if lo <= r.start < sv.sent.start and lex.types[r.type].symmetric]
    if earlier:
        last = max(earlier, key=lambda r: r.start)
        return last.subject, last.object
    return None


def pair_reference_relations(adoc: AnalyzedDoc, lex: Lexicon, is_state: Callable[[str], bool],
                             category: Callable[[str], str], found: list[Relation],
                             one_side: Callable[[str, str, str], bool]) -> list[Relation]:
    """Relations whose two arguments a pair reference takes up (``found``: the sentence-level ones);
    ``one_side`` (kg.relations.extract.one_side_pair) leaves out a pair the rules never give, as a state
    and its capital."""
    from kg.relations.extract import find_triggers, relation_id  # extract calls this module last

    text = adoc.doc.text
    out = []
    for sent in adoc.sentences:
        sv = SentView(adoc, sent, lex, is_state, category)
        ref = _reference(sv, lex)
        if ref is None:
            continue
        stated = {r.type for r in found if r.start == sent.start}
        for trig, i, j, strip in find_triggers(sv, lex):
            if not lex.types[trig.type].symmetric or trig.type in stated or abs(ref - i) > lex.pair_trigger_window:
                continue
            if _new_conjunct(sv, ref, i):
                continue  # التعاون بين البلدين والحرب في X: the reference is the noun's before it, not the war's
            if trig.type in lex.pair_mutual_types and not _mutual(sv, ref):
                continue  # هجوم نفذه الجانبان: the two sides attacked someone else, not each other
            conflict = any(seq.match(sv.forms, ref) for seq in lex.pair_conflict_words)
            parties = (_conflict_sides(found, sent.start) if conflict
                       else _parties(adoc, lex, is_state, category, sv, found, trig.type, ref))
            if parties is None:
                continue
            s, o = parties
            if (is_state(s) and own_body(adoc, s, o)) or (is_state(o) and own_body(adoc, o, s)):
                continue  # a state and its own army are no two sides
            if one_side(trig.type, s, o):
                continue  # nor a state and its capital, or two bodies of one state
            es, eo = adoc.entities[s], adoc.entities[o]
            if not lex.types[trig.type].fits(es.type, is_state(s), eo.type, is_state(o),
                                             bool(es.capital_of), bool(eo.capital_of)):
                continue
            out.append(Relation(
                id=relation_id(adoc.doc.id, trig.type, s, o, sent.start), type=trig.type, subject=s, object=o,
                doc=adoc.doc.id, sentence=text[sent.start:sent.end], start=sent.start, end=sent.end,
                confidence=round(C_SENTENCE * trig.conf, 3), modality=modality(sv, trig, i, j, strip),
                trigger=text[sv.tokens[i].start:sv.tokens[j - 1].end]))
            stated.add(trig.type)
    return out
