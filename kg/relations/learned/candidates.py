"""Candidate argument pairs of the learned layer and their sparse features.

A candidate is an ordered pair of resolved entities (subject, object) with an evidence sentence: every
pair of distinct entities of a sentence (kind ``sentence``); in a sentence that takes up two parties named
earlier (``بينهما``, ``الطرفين``: the lexicon's ``pair_references``), the pairs of actors of the sentences
before it (``pair_reference``); and, in a sentence with a trigger that names at most one actor, each of
its entities paired with the first actor of each of the two sentences before it and of the lead sentence
(``context``: the subject left out, ``وأضاف أن قواته…``, ``وشنت غارات على…``, or taken up by a generic
name, ``التنظيم``, ``الحركة``).  Its features are what a reader of the sentence would look at: the rule layer's
decision and the role of the trigger whose frame produced it, the trigger types present and where they stand, the folded
words between and around the two mentions, entity types and states, order and distance, the
preposition governing each mention, clause boundaries and coordination.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kg.model import AnalyzedDoc, Relation, Sentence
from kg.relations.extract import find_triggers
from kg.relations.learned.clusters import load_clusters, shortest_reading
from kg.relations.lexicon import Lexicon, Trigger
from kg.relations.sentence import Arg, SentView

BETWEEN_WORDS = 6  # words between the mentions kept as features from each side
CONTEXT_WINDOW = 2  # sentences before a trigger sentence whose subjects become its context candidates
Hit = tuple[Trigger, int, int, int]


@dataclass
class Candidate:
    """An ordered pair of entities in an evidence sentence.  ``kind``: ``sentence`` (both named in it),
    ``pair_reference`` (both named earlier, taken up by a pair reference in it) or ``context`` (one
    named in it, the other in a sentence before it)."""

    sentence: Sentence
    view: SentView
    hits: list[Hit]
    subj: Arg
    obj: Arg
    kind: str = "sentence"
    features: dict[str, float] = field(default_factory=dict)

    @property
    def cross(self) -> bool:
        """Whether an argument was named in another sentence."""
        return self.kind != "sentence"


def _bucket(n: int, edges: tuple[int, ...] = (1, 2, 4, 7, 12, 20)) -> str:
    return next((f"<={e}" for e in edges if n <= e), f">{edges[-1]}")


def _word(sv: SentView, k: int) -> str:
    """The folded word without its proclitics (the shortest clitic reading), or the punctuation."""
    word = shortest_reading(sv.forms[k])
    return sv.tokens[k].text if word is None else word


def _word_features(sv: SentView, k: int, name: str) -> dict[str, float]:
    """The folded word at ``k`` as feature ``name`` and its word clusters (``name~64:12``): what the gold
    teaches of one word then reaches the words of its cluster (``clusters``)."""
    return {f"{name}={_word(sv, k)}": 1.0, **_cluster_features(sv, k, name)}


def _cluster_features(sv: SentView, k: int, name: str) -> dict[str, float]:
    """The word clusters alone of the word at ``k`` (around a trigger: its exact words are the pattern)."""
    return {f"{name}~{c}": 1.0 for c in load_clusters().get(_word(sv, k), ())}


def reference_at(sv: SentView, lex: Lexicon) -> int | None:
    """First token of a pair reference (بينهما، طرفي النزاع) in the sentence, if any."""
    for i in range(sv.n):
        if any(seq.match(sv.forms, i) for seq in lex.pair_references):
            return i
    return None


class RuleIndex:
    """The rule layer's relations of one document, looked up by (sentence start, subject, object)."""

    def __init__(self, relations: list[Relation], frames: dict[str, str], symmetric: set[str]):
        self.by_pair: dict[tuple[int, str, str], list[tuple[str, float, str, bool]]] = {}
        for r in relations:
            role = frames.get(r.id, "")
            self.by_pair.setdefault((r.start, r.subject, r.object), []).append((r.type, r.confidence, role, True))
            if r.type in symmetric:
                self.by_pair.setdefault((r.start, r.object, r.subject), []).append(
                    (r.type, r.confidence, role, True))
            else:
                self.by_pair.setdefault((r.start, r.object, r.subject), []).append(
                    (r.type, r.confidence, role, False))
        self.types_at: dict[int, set[str]] = {}
        for r in relations:
            self.types_at.setdefault(r.start, set()).add(r.type)

    def features(self, start: int, subj: str, obj: str, prefix: str = "rule") -> dict[str, float]:
        out: dict[str, float] = {}
        found = self.by_pair.get((start, subj, obj), [])
        for rtype, conf, role, forward in found:
            tag = f"{prefix}={rtype}" if forward else f"{prefix}_reverse={rtype}"
            out[tag] = 1.0
            out[f"{tag}|role={role}"] = 1.0
            out[f"{tag}|conf={round(conf, 1)}"] = 1.0
        if not any(f for *_, f in found):
            out[f"{prefix}=none"] = 1.0
            for rtype in self.types_at.get(start, ()):
                out[f"{prefix}_other_pair={rtype}"] = 1.0
        return out


def _trigger_features(sv: SentView, hits: list[Hit], lo: int, hi: int) -> dict[str, float]:
    """Trigger types present and where they stand against the span [lo, hi) of the two mentions."""
    out: dict[str, float] = {}
    for trig, i, j, _ in hits:
        pos = "between" if lo <= i and j <= hi else ("before" if j <= lo else ("after" if i >= hi else "inside"))
        out[f"trig={trig.type}"] = 1.0
        out[f"trig={trig.type}@{pos}"] = 1.0
        out[f"trig={trig.type}|role={trig.role}@{pos}"] = 1.0
        if pos in ("before", "after"):  # between or inside the pair a trigger has no distance of its own
            out[f"trig={trig.type}@{pos}|d{_bucket(lo - j if pos == 'before' else i - hi)}"] = 1.0
        out[f"tw={trig.seq.source}@{pos}"] = 1.0
        if pos == "between" and sv.boundary_between(lo, i):
            out[f"trig={trig.type}@between|boundary_before"] = 1.0
        if i > 0:
            out.update(_cluster_features(sv, i - 1, f"trig={trig.type}|b1"))
        if j < sv.n:
            out.update(_cluster_features(sv, j, f"trig={trig.type}|a1"))
    if not hits:
        out["trig=none"] = 1.0
    return out


def arg_kind(a: Arg) -> str:
    """An argument's entity type, a state marked (a state may act as a party)."""
    return a.etype + ("/state" if a.state else "")


def _arg_features(sv: SentView, a: Arg, role: str) -> dict[str, float]:
    out = {f"{role}type={arg_kind(a)}": 1.0, f"{role}prep={a.prep or '-'}": 1.0}
    if a.blocked:
        out[f"{role}blocked"] = 1.0
    if a.category:
        out[f"{role}cat={a.category}"] = 1.0
    if a.t0 > 0:
        out.update(_word_features(sv, a.t0 - 1, f"{role}b1"))
    if a.t0 > 1:
        out.update(_word_features(sv, a.t0 - 2, f"{role}b2"))
    if a.t1 < sv.n:
        out.update(_word_features(sv, a.t1, f"{role}a1"))
    if a.mention is not None:
        out[f"{role}origin={a.mention.origin}"] = 1.0
    return out


def pair_features(sv: SentView, hits: list[Hit], subj: Arg, obj: Arg) -> dict[str, float]:
    """Features of (subj, obj), both arguments of ``sv``."""
    first, second = (subj, obj) if subj.t0 <= obj.t0 else (obj, subj)
    lo, hi = first.t1, second.t0
    out = {"bias_pair": 1.0, "order=" + ("s<o" if first is subj else "o<s"): 1.0,
           f"dist{_bucket(max(0, hi - lo))}": 1.0,
           f"args_between{_bucket(sum(1 for a in sv.args if lo <= a.t0 and a.t1 <= hi), (0, 1, 2, 4))}": 1.0,
           f"types={subj.etype}>{obj.etype}": 1.0}
    between_idx = list(range(lo, hi))
    kept = between_idx if len(between_idx) <= 2 * BETWEEN_WORDS else \
        between_idx[:BETWEEN_WORDS] + between_idx[-BETWEEN_WORDS:]
    for k in kept:
        out.update(_word_features(sv, k, "bw"))
    for k in range(lo, min(hi, lo + 2)):
        out.update(_word_features(sv, k, "bw_first"))
    if sv.boundary_between(lo, hi):
        out["hard_boundary_between"] = 1.0
    if sv.boundary_between(lo, hi, weak=True):
        out["boundary_between"] = 1.0
    if any(sv.norm[k] in ("،", ",") for k in between_idx):
        out["comma_between"] = 1.0
    if sv.quote_between(lo, hi):
        out["quote_between"] = 1.0
    if obj in sv.group(subj):
        out["same_group"] = 1.0
    out.update(_trigger_features(sv, hits, lo, hi))
    frame = f"{'s<o' if first is subj else 'o<s'}|sp={subj.prep or '-'}|op={obj.prep or '-'}"
    for trig, i, j, _ in hits:  # where the trigger stands, with the order and prepositions of the pair
        pos = "between" if lo <= i and j <= hi else ("before" if j <= first.t0 else "after")
        out[f"frame={trig.type}@{pos}|{frame}"] = 1.0
    out.update(_arg_features(sv, subj, "s_"))
    out.update(_arg_features(sv, obj, "o_"))
    return out


def cross_features(sv: SentView, hits: list[Hit], ref: int, subj: Arg, obj: Arg) -> dict[str, float]:
    """Features of a pair named earlier and taken up at token ``ref`` of ``sv``."""
    out = {"cross": 1.0, f"cross_ref={_word(sv, ref)}": 1.0,
           f"cross_types={arg_kind(subj)}>{arg_kind(obj)}": 1.0}
    for trig, i, _, _ in hits:
        out[f"cross_trig={trig.type}"] = 1.0
        if abs(ref - i) <= 4:
            out[f"cross_trig={trig.type}@near_ref"] = 1.0
    for k in range(max(0, ref - 3), ref):
        out.update(_word_features(sv, k, "cross_b"))
    if not hits:
        out["cross_trig=none"] = 1.0
    return out


def context_features(sv: SentView, hits: list[Hit], here: Arg, other: Arg, here_is_subj: bool, came_from: str,
                     rank: dict[str, int]) -> dict[str, float]:
    """Features of a pair whose argument ``other`` was named ``came_from`` (``1``, ``2`` sentences before,
    or ``lead``) and ``here`` in this sentence: where the trigger stands against ``here``, the sentence's
    opening words (a verb whose subject is left out, a generic name before the trigger), how salient
    ``other`` is in the article."""
    side = "s" if here_is_subj else "o"
    actors = sum(1 for a in sv.args if a.actor)
    out = {"ctx": 1.0, f"ctx_from={came_from}": 1.0, f"ctx_here={side}": 1.0,
           f"ctx_nactors={min(actors, 3)}": 1.0, **_word_features(sv, 0, "ctx_w0"),
           f"ctx_other={arg_kind(other)}": 1.0,
           f"ctx_other_rank{_bucket(rank.get(other.entity, 99), (0, 1, 2, 4))}": 1.0,
           f"ctx_here_rank{_bucket(rank.get(here.entity, 99), (0, 1, 2, 4))}": 1.0,
           f"ctx_types={side}|{here.etype}>{other.etype}": 1.0}
    if other.category:
        out[f"ctx_other_cat={other.category}"] = 1.0
    for k in range(max(0, here.t0 - 3), here.t0):
        out.update(_word_features(sv, k, "ctx_bh"))
    for k in range(min([i for _, i, _, _ in hits] + [4])):  # the opening words: a generic name (التنظيم)
        out.update(_word_features(sv, k, "ctx_open"))
    for trig, i, j, _ in hits:
        pos = "before" if j <= here.t0 else ("after" if i >= here.t1 else "inside")
        dist = here.t0 - j if pos == "before" else (i - here.t1 if pos == "after" else 0)
        out[f"ctx_trig={trig.type}"] = 1.0
        out[f"ctx_trig={trig.type}@{pos}|{side}"] = 1.0
        out[f"ctx_trig={trig.type}@{pos}|d{_bucket(dist)}"] = 1.0
        out[f"ctx_trig={trig.type}@{pos}|hp={here.prep or '-'}|{side}"] = 1.0
        out[f"ctx_tw={trig.seq.source}|{side}"] = 1.0
        if i <= 2:
            out[f"ctx_trig={trig.type}@opening"] = 1.0
        if sv.boundary_between(min(j, here.t0), max(i, here.t1)):
            out[f"ctx_trig={trig.type}|boundary"] = 1.0
    out.update(_arg_features(sv, here, "h_"))
    return out


def _closest_pairs(args: list[Arg]) -> dict[tuple[str, str], tuple[Arg, Arg]]:
    """One mention pair per ordered entity pair: the two mentions nearest each other."""
    best: dict[tuple[str, str], tuple[Arg, Arg]] = {}
    for a in args:
        for b in args:
            if a.entity == b.entity:
                continue
            known = best.get((a.entity, b.entity))
            gap = abs(a.t0 - b.t0)
            if known is None or gap < abs(known[0].t0 - known[1].t0):
                best[(a.entity, b.entity)] = (a, b)
    return best


def salience(adoc: AnalyzedDoc) -> tuple[Counter, dict[str, int]]:
    """How often the article names each entity, and each entity's rank by that (0: the most named)."""
    counts = Counter(m.entity for m in adoc.mentions if m.entity)
    return counts, {e: k for k, (e, _) in enumerate(counts.most_common())}


def _context_actors(views: list[SentView]) -> dict[str, tuple[Arg, str]]:
    """The first actor (the subject a later sentence leaves out) of each of the ``CONTEXT_WINDOW``
    sentences before the last view and of the lead sentence: entity -> (its mention, where it came
    from); the nearest wins.  Every actor of those sentences was tried: more candidates, lower F1 at
    precision 0.75 (docs/relation-model-card.md)."""
    index = len(views) - 1
    sources = [(views[index - d], str(d)) for d in range(CONTEXT_WINDOW, 0, -1) if index - d >= 0]
    if index > CONTEXT_WINDOW:
        sources.insert(0, (views[0], "lead"))
    out: dict[str, tuple[Arg, str]] = {}
    for v, came_from in sources:
        actors = [a for a in v.args if a.actor and not a.blocked]
        if actors:
            out[actors[0].entity] = (actors[0], came_from)
    return out


def candidates(adoc: AnalyzedDoc, lex: Lexicon, is_state: Callable[[str], bool], category: Callable[[str], str],
               rules: RuleIndex) -> Iterator[Candidate]:
    """Every candidate of the document with its features."""
    _, rank = salience(adoc)
    views: list[SentView] = []
    for sent in adoc.sentences:
        sv = SentView(adoc, sent, lex, is_state, category)
        views.append(sv)
        ref = reference_at(sv, lex)
        if not sv.args and ref is None:
            continue
        hits = find_triggers(sv, lex)
        sv.trigger_tokens = {k for _, i, j, _ in hits for k in range(i, j)}
        sv.trigger_types = {k: t.type for t, i, j, _ in hits for k in range(i, j)}
        for (s, o), (a, b) in _closest_pairs(sv.args).items():
            feats = pair_features(sv, hits, a, b)
            feats.update(rules.features(sent.start, s, o))
            yield Candidate(sent, sv, hits, a, b, "sentence", feats)
        if not hits:
            continue
        here = {a.entity for a in sv.args}
        if ref is not None:
            earlier = views[-1 - lex.pair_reference_window:-1]
            named = {a.entity: a for v in earlier for a in v.args if a.actor and a.entity not in here}
            for (s, o), (a, b) in _closest_pairs(list(named.values())).items():
                feats = cross_features(sv, hits, ref, a, b)
                feats.update(rules.features(sent.start, s, o))
                yield Candidate(sent, sv, hits, a, b, "pair_reference", feats)
        if sum(1 for a in sv.args if a.actor) > 1:  # both parties named here: a sentence pair
            continue
        context = {e: v for e, v in _context_actors(views).items() if e not in here}
        nearest = {a.entity: a for a in sorted(sv.args, key=lambda a: -a.t0)}
        for h in nearest.values():
            for other, came_from in context.values():
                for subj, obj in ((h, other), (other, h)):
                    feats = context_features(sv, hits, h, other, subj is h, came_from, rank)
                    feats.update(rules.features(sent.start, subj.entity, obj.entity))
                    yield Candidate(sent, sv, hits, subj, obj, "context", feats)
