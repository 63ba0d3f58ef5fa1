"""The document-level step of the learned layer: one decision per (type, subject, object) of an article.

The gold, the scorer and an analyst's graph are document-level: a relation is right when the article
states it somewhere.  The evidence for one relation is spread over its candidates (a pair named in several
sentences, by the rules or not), so the second model reads the candidates' probabilities together with
what the sentence model cannot see: how often the pair is stated, whether the rules found it, how
salient its two entities are in the article (the parties a report is about are named most, and in its
title), and what the other relation types say of the same pair.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from kg.model import AnalyzedDoc, Relation
from kg.normalize import normalize
from kg.relations.learned.candidates import Candidate, arg_kind, salience
from kg.relations.lexicon import word_forms

Key = tuple[str, tuple[str, str]]  # (type, (subject, object)); a symmetric type's pair sorted


@dataclass
class DocRelation:
    """Everything the article says for one candidate relation: its candidates' probabilities (best
    first), the rule layer's relations of it, and the document-level features."""

    key: Key
    scored: list[tuple[float, Candidate]] = field(default_factory=list)
    rules: list[Relation] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)


def relation_key(rtype: str, subj: str, obj: str, symmetric: bool) -> Key:
    return rtype, (tuple(sorted((subj, obj))) if symmetric else (subj, obj))


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _in_title(adoc: AnalyzedDoc, title: str, eid: str) -> bool:
    ent = adoc.entities.get(eid)
    names = {normalize(n) for n in (ent.label, *ent.aliases)} if ent else set()
    return any(len(n) > 2 and f" {n} " in title for n in names)


def doc_features(item: DocRelation, rank: dict[str, int], counts: Counter, in_title: set[str]) -> dict[str, float]:
    """Dense, named features of one document-level relation (read by the second model)."""
    ps = sorted((p for p, _ in item.scored), reverse=True) or [0.0]
    s, o = item.key[1]
    sentences = {c.sentence.start for _, c in item.scored} | {r.start for r in item.rules}
    ranks = (min(rank.get(s, 9), 9), min(rank.get(o, 9), 9))
    kinds = {c.kind for _, c in item.scored}
    return {"logit_max": _logit(ps[0]), "p2": ps[1] if len(ps) > 1 else 0.0,
            "noisy_or": 1 - math.prod(1 - p for p in ps), "n_likely": float(sum(p >= 0.5 for p in ps)),
            "rule": float(bool(item.rules)), "rule_conf": max((r.confidence for r in item.rules), default=0.0),
            "rule_n": float(len(item.rules)), "sentences": math.log1p(len(sentences)),
            "lead": float(any(c.sentence.index == 0 for _, c in item.scored)),
            "rank_s": ranks[0] / 9, "rank_o": ranks[1] / 9, "top2": float(max(ranks) <= 1),
            "mentions": math.log1p(min(counts[s], counts[o])),
            "only_context": float(kinds == {"context"}),
            "title_s": float(s in in_title), "title_o": float(o in in_title),
            "title_both": float(s in in_title and o in in_title)}


KINDS = ("sentence", "pair_reference", "context")


def pair_evidence(items: dict[Key, DocRelation]) -> dict[frozenset[str], dict[str, float]]:
    """Per unordered pair, what every type says of it: ``p=T`` its best candidate probability, ``rule=T``
    whether the rules found it: the types of one pair are not independent (the parties of a fight are
    often those of its truce talks; a group's leader is seldom its enemy)."""
    out: dict[frozenset[str], dict[str, float]] = {}
    for (rtype, pair), item in items.items():
        seen = out.setdefault(frozenset(pair), {})
        best = max((p for p, _ in item.scored), default=0.0)
        seen[f"p={rtype}"] = max(seen.get(f"p={rtype}", 0.0), best)
        if item.rules:
            seen[f"rule={rtype}"] = 1.0
    return out


def evidence_features(item: DocRelation, evidence: dict[frozenset[str], dict[str, float]]) -> dict[str, float]:
    """The other types' evidence on the same pair, the best probability per candidate kind and the
    argument types: what the best candidate alone does not show."""
    rtype, (s, o) = item.key
    out = {f"x_{k}": v for k, v in evidence.get(frozenset((s, o)), {}).items() if k.partition("=")[2] != rtype}
    for kind in KINDS:
        out[f"kind_{kind}"] = max((p for p, c in item.scored if c.kind == kind), default=0.0)
    out["candidates"] = math.log1p(len(item.scored))
    if item.scored:
        best = item.scored[0][1]
        for role, arg in (("s", best.subj if best.subj.entity == s else best.obj),
                          ("o", best.obj if best.obj.entity == o else best.subj)):
            out[f"{role}_type={arg_kind(arg)}"] = 1.0
    return out


def document_relations(adoc: AnalyzedDoc, scored: list[tuple[Candidate, str, float]], rules: list[Relation],
                       symmetric: set[str]) -> dict[Key, DocRelation]:
    """The article's candidate relations, each with its evidence and features."""
    items: dict[Key, DocRelation] = {}
    for cand, rtype, p in scored:
        key = relation_key(rtype, cand.subj.entity, cand.obj.entity, rtype in symmetric)
        items.setdefault(key, DocRelation(key)).scored.append((p, cand))
    for r in rules:
        key = relation_key(r.type, r.subject, r.object, r.type in symmetric)
        items.setdefault(key, DocRelation(key)).rules.append(r)
    counts, rank = salience(adoc)
    words = adoc.doc.title.split()
    title = f" {normalize(adoc.doc.title)} | {' '.join(f[-1][1] for w in words if (f := word_forms(w)))} "
    in_title = {e for e in {e for key in items for e in key[1]} if _in_title(adoc, title, e)}
    evidence = pair_evidence(items)
    for item in items.values():
        item.scored.sort(key=lambda pc: -pc[0])
        item.features = doc_features(item, rank, counts, in_title) | evidence_features(item, evidence)
    return items
