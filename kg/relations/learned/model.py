"""The shipped relation model (kg/resources/models/relations/model.json) and the relations it gives.

Plain JSON, read offline without scikit-learn: per relation type a logistic model over the sparse features
of ``candidates`` (bias + weights), followed by Platt scaling fitted on held-out folds, so ``probability``
is a calibrated probability.  ``mode`` says how it meets the rule layer: ``rules`` (rules alone, each
relation's confidence its probability), ``learned`` (every candidate whose probability reaches the
threshold) or ``combined`` (the rules' relations plus the learned ones).
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
from kg.relations.lexicon import Lexicon, load_lexicon
from kg.relations.modality import modality

MODEL_PATH = Path(__file__).resolve().parents[2] / "resources" / "models" / "relations" / "model.json"
MODES = ("rules", "learned", "combined")


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


@dataclass
class RelationModel:
    types: dict[str, TypeModel]
    mode: str = "combined"
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"mode": self.mode, "threshold": self.threshold, "meta": self.meta,
                "types": {t: {"bias": m.bias, "platt": list(m.platt), "weights": m.weights}
                          for t, m in self.types.items()}}

    @classmethod
    def from_json(cls, data: dict) -> RelationModel:
        if data.get("mode") not in MODES:
            raise ValueError(f"relation model: mode {data.get('mode')!r} is not one of {', '.join(MODES)}")
        types = {t: TypeModel(float(m["bias"]), {k: float(v) for k, v in m["weights"].items()},
                              (float(m["platt"][0]), float(m["platt"][1]))) for t, m in data["types"].items()}
        return cls(types, data["mode"], float(data["threshold"]), data.get("meta", {}))


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> RelationModel | None:
    """The shipped model, or None when the file is absent (the rule layer then works alone)."""
    p = Path(path) if path else MODEL_PATH
    if not p.exists():
        return None
    return RelationModel.from_json(json.loads(p.read_text(encoding="utf-8")))


def fits(lex: Lexicon, rtype: str, cand: Candidate) -> bool:
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


def _key(lex: Lexicon, rtype: str, subj: str, obj: str, start: int) -> tuple:
    pair = tuple(sorted((subj, obj))) if lex.types[rtype].symmetric else (subj, obj)
    return rtype, pair, start


def _learned_relation(adoc: AnalyzedDoc, cand: Candidate, rtype: str, p: float, lex: Lexicon) -> Relation:
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


def relations(adoc: AnalyzedDoc, model: RelationModel | None = None, mode: str | None = None,
              threshold: float | None = None, lexicon: Lexicon | None = None,
              is_state: Callable[[str], bool] | None = None, category: Callable[[str], str] | None = None,
              ) -> list[Relation]:
    """The document's relations under ``mode`` (default: the model's), confidence = calibrated probability.

    Without a model, the rule layer's relations as they are."""
    from kg.relations.extract import default_category, default_is_state

    lex = lexicon or load_lexicon()
    state = is_state or default_is_state()
    cat = category or default_category()
    frames: dict[str, str] = {}
    rules = extract_relations(adoc, state, lex, cat, frames=frames)
    if model is None:
        return rules
    mode = mode or model.mode
    threshold = model.threshold if threshold is None else threshold
    prob: dict[tuple, tuple[float, Candidate]] = {}
    for cand, rtype, p in scored_candidates(adoc, model, lex, state, cat, rules, frames):
        key = _key(lex, rtype, cand.subj.entity, cand.obj.entity, cand.sentence.start)
        if key not in prob or prob[key][0] < p:
            prob[key] = (p, cand)
    by_rules = {_key(lex, r.type, r.subject, r.object, r.start): r for r in rules}
    out: dict[tuple, Relation] = {}
    for key, r in by_rules.items():
        p = prob.get(key, (r.confidence, None))[0]
        r.confidence = round(p, 3)
        if mode in ("rules", "combined") or p >= threshold:
            out[key] = r
    if mode in ("learned", "combined"):
        for key, (p, cand) in prob.items():
            if p >= threshold and key not in out and key not in by_rules:
                out[key] = _learned_relation(adoc, cand, key[0], p, lex)
    return sorted(out.values(), key=lambda r: (r.start, r.type, r.subject, r.object))
