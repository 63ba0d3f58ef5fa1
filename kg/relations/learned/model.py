"""The shipped relation model (kg/resources/models/relations/model.json) and the relations it gives.

Plain JSON, read offline without scikit-learn.  Two steps: per relation type a logistic model over the
sparse features of each candidate (``candidates``), Platt-scaled on held-out folds; then per type a
small logistic model over the document-level features of each (type, subject, object) of the article
(``document``), fitted on held-out sentence probabilities, so ``confidence`` is the calibrated
probability that the article states the relation.  ``mode`` says how it meets the rule layer, as two
cutoffs per type, one for relations the rules found and one for the others: ``rules`` (rules alone),
``learned`` (one cutoff for both), ``combined`` (every rule relation, the others from a cutoff) or
``gated`` (a cutoff of its own for each).  Training chooses the cutoffs and the mode
(docs/relation-model-card.md).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.model import AnalyzedDoc, Relation
from kg.relations.extract import extract_relations, relation_id
from kg.relations.learned.candidates import Candidate, RuleIndex, candidates
from kg.relations.learned.document import DocRelation, document_relations
from kg.relations.lexicon import Lexicon, load_lexicon
from kg.relations.modality import modality

MODEL_PATH = Path(__file__).resolve().parents[2] / "resources" / "models" / "relations" / "model.json"
MODES = ("rules", "learned", "combined", "gated")
NEVER = 1.01  # a cutoff no probability reaches


def cutoffs(mode: str, threshold: float) -> tuple[float, float]:
    """(cutoff for the rules' relations, cutoff for the others) of ``mode`` at one ``threshold``."""
    return {"rules": (0.0, NEVER), "combined": (0.0, threshold)}.get(mode, (threshold, threshold))


@dataclass
class TypeModel:
    bias: float
    weights: dict[str, float]
    platt: tuple[float, float] = (1.0, 0.0)

    def score(self, features: dict[str, float]) -> float:
        return self.bias + sum(self.weights.get(f, 0.0) * v for f, v in features.items())

    def probability(self, features: dict[str, float]) -> float:
        a, c = self.platt
        z = a * self.score(features) + c
        return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0

    def to_json(self) -> dict:
        return {"bias": self.bias, "platt": list(self.platt), "weights": self.weights}

    @classmethod
    def from_json(cls, m: dict) -> TypeModel:
        return cls(float(m["bias"]), {k: float(v) for k, v in m["weights"].items()},
                   (float(m["platt"][0]), float(m["platt"][1])))


@dataclass
class RelationModel:
    """``types``: the sentence models; ``doc_types``: the document models; ``selected``: mode -> type ->
    (rule cutoff, other cutoff) as training chose them; ``mode``: the shipped one."""

    types: dict[str, TypeModel]
    doc_types: dict[str, TypeModel] = field(default_factory=dict)
    mode: str = "combined"
    selected: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    def cutoffs(self, rtype: str, mode: str | None = None, threshold: float | None = None) -> tuple[float, float]:
        """The two cutoffs of ``rtype`` under ``mode`` (default the shipped one): the chosen ones, or those
        of one ``threshold`` for every type when it is given."""
        mode = mode or self.mode
        if threshold is not None or mode == "rules":
            return cutoffs(mode, 0.5 if threshold is None else threshold)
        chosen = self.selected.get(mode, {}).get(rtype)
        return chosen if chosen is not None else cutoffs("rules", 0.0)

    def to_json(self) -> dict:
        return {"mode": self.mode, "meta": self.meta,
                "selected": {m: {t: list(c) for t, c in by.items()} for m, by in self.selected.items()},
                "types": {t: m.to_json() for t, m in self.types.items()},
                "doc_types": {t: m.to_json() for t, m in self.doc_types.items()}}

    @classmethod
    def from_json(cls, data: dict) -> RelationModel:
        if data.get("mode") not in MODES:
            raise ValueError(f"relation model: mode {data.get('mode')!r} is not one of {', '.join(MODES)}")
        selected = {m: {t: (float(c[0]), float(c[1])) for t, c in by.items()}
                    for m, by in data.get("selected", {}).items()}
        return cls({t: TypeModel.from_json(m) for t, m in data["types"].items()},
                   {t: TypeModel.from_json(m) for t, m in data.get("doc_types", {}).items()},
                   data["mode"], selected, data.get("meta", {}))


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> RelationModel | None:
    """The shipped model, or None when the file is absent (the rule layer then works alone)."""
    p = Path(path) if path else MODEL_PATH
    if not p.exists():
        return None
    return RelationModel.from_json(json.loads(p.read_text(encoding="utf-8")))


def fits(lex: Lexicon, rtype: str, cand: Candidate) -> bool:
    """The candidate's argument types fit ``rtype``.  A capital standing for its state (Arg.capital) is left
    to the rules: the model was trained without such arguments, and scored them wrong (7 of 7 learned-only
    capital relations on train+dev scored as false positives)."""
    return lex.types[rtype].fits(cand.subj.etype, cand.subj.state, cand.obj.etype, cand.obj.state)


def scored_candidates(adoc: AnalyzedDoc, model: RelationModel, lex: Lexicon, is_state: Callable[[str], bool],
                      category: Callable[[str], str], rules: list[Relation], frames: dict[str, str],
                      ) -> list[tuple[Candidate, str, float]]:
    """(candidate, type, probability) for every type the candidate's argument types fit."""
    symmetric = {t for t, rt in lex.types.items() if rt.symmetric}
    index = RuleIndex(rules, frames, symmetric)
    out = []
    for cand in candidates(adoc, lex, is_state, category, index):
        for rtype, tm in model.types.items():
            if fits(lex, rtype, cand):
                out.append((cand, rtype, tm.probability(cand.features)))
    return out


def _learned_relation(adoc: AnalyzedDoc, cand: Candidate, rtype: str, p: float) -> Relation:
    """A relation the rules did not give: its trigger and modality from the nearest trigger of its type."""
    sent, text = cand.sentence, adoc.doc.text
    trigger, mod = "", "asserted"
    hits = [h for h in cand.hits if h[0].type == rtype]
    if hits:
        mid = (cand.subj.t0 + cand.obj.t0) / 2 if not cand.cross else 0
        trig, i, j, strip = min(hits, key=lambda h: abs(h[1] - mid))
        trigger = text[cand.view.tokens[i].start:cand.view.tokens[j - 1].end]
        mod = modality(cand.view, trig, i, j, strip)
    return Relation(id=relation_id(adoc.doc.id, rtype, cand.subj.entity, cand.obj.entity, sent.start), type=rtype,
                    subject=cand.subj.entity, object=cand.obj.entity, doc=adoc.doc.id,
                    sentence=text[sent.start:sent.end], start=sent.start, end=sent.end,
                    confidence=round(p, 3), modality=mod, trigger=trigger)


def probability(model: RelationModel, item: DocRelation) -> float:
    """The document-level probability of ``item``: the document model's, else its best candidate's,
    else the rules' confidence."""
    doc = model.doc_types.get(item.key[0])
    if doc is not None and item.scored:
        return doc.probability(item.features)
    if item.scored:
        return item.scored[0][0]
    return max(r.confidence for r in item.rules)


def document_scores(adoc: AnalyzedDoc, model: RelationModel, lex: Lexicon, is_state: Callable[[str], bool],
                    category: Callable[[str], str], rules: list[Relation], frames: dict[str, str],
                    ) -> list[tuple[DocRelation, float]]:
    """Every candidate relation of the article with its document-level probability."""
    symmetric = {t for t, rt in lex.types.items() if rt.symmetric}
    scored = scored_candidates(adoc, model, lex, is_state, category, rules, frames)
    items = document_relations(adoc, scored, rules, symmetric)
    return [(item, probability(model, item)) for item in items.values()]


def relations(adoc: AnalyzedDoc, model: RelationModel | None = None, mode: str | None = None,
              threshold: float | None = None, lexicon: Lexicon | None = None,
              is_state: Callable[[str], bool] | None = None, category: Callable[[str], str] | None = None,
              ) -> list[Relation]:
    """The document's relations under ``mode`` (default: the model's, with the cutoffs training chose;
    ``threshold``: one cutoff for every type instead), confidence = calibrated probability.

    A relation the rules found keeps their evidence sentences; another one gets its best candidate's;
    one the rules could not give (a state and its own army: ``sides_apart``) is left out here too.
    Without a model, the rule layer's relations as they are."""
    from kg.relations.extract import default_category, default_country, default_is_state, one_side_pair

    lex = lexicon or load_lexicon()
    state = is_state or default_is_state()
    cat = category or default_category()
    frames: dict[str, str] = {}
    rules = extract_relations(adoc, state, lex, cat, frames=frames)
    if model is None:
        return rules
    scores = document_scores(adoc, model, lex, state, cat, rules, frames)
    one_side = one_side_pair(adoc, lex, state, cat, default_country())
    return [r for r in decide(adoc, scores, lambda rtype: model.cutoffs(rtype, mode, threshold))
            if not one_side(r.type, r.subject, r.object)]


def decide(adoc: AnalyzedDoc, scores: list[tuple[DocRelation, float]],
           cut: Callable[[str], tuple[float, float]]) -> list[Relation]:
    """The relations kept under ``cut`` (type -> rule cutoff, other cutoff), confidence = probability."""
    out: list[Relation] = []
    for item, p in scores:
        rule_cut, other_cut = cut(item.key[0])
        if item.rules and p >= rule_cut:
            for r in item.rules:
                r.confidence = round(p, 3)
                out.append(r)
        elif not item.rules and p >= other_cut:
            out.append(_learned_relation(adoc, item.scored[0][1], item.key[0], p))
    return sorted(out, key=lambda r: (r.start, r.type, r.subject, r.object))
