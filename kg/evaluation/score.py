"""Score a graph.jsonl against the project's gold (``kg eval``): entities and relations, per type and
per conflict, with every missed relation put down to a cause.

Semantics follow ``../shared/eval/score.py`` (the scorer of every held-out set), per article: a predicted
entity maps to the gold entity of that article whose name equals its label (else one of its aliases),
after normalization and proclitic stripping; recall is over (article, gold entity); a gold entity that
two predicted entities map to is *split*; relations are (article, type, subject, object), symmetric for
FOUGHT / NEGOTIATED_WITH, optional gold neutral, a predicted relation with an unmapped argument a false
positive.  One addition, for the project's gold, which lists back-references (``الجيش``, ``الحكومة``)
apart as ``generic_names`` and may name an entity only by them: where label and aliases meet no gold
name, a surface the entity is mentioned by in that article does (met only through an alias that another
article added, such an entity also drew other articles' entities to it: splits that were none); last,
that surface without an instrument head (``طيران التحالف``: resources/scoring.json).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.evaluation.gold import CORE_TYPES, SYMMETRIC, GoldArticle
from kg.graph import iter_records
from kg.knowledge import RESOURCES
from kg.normalize import normalize, proclitic_readings

RelKey = tuple[str, str, tuple[str, str]]


def name_keys(name: str) -> tuple[str, ...]:
    """A name and its clitic-free readings, folded, so `لقوات الدعم السريع` meets `قوات الدعم السريع`.

    In order, the name as written first (also where its first word is too short to read: `5 + 1`): a name
    whose stripped reading is another gold name (`ولير` -> `لير` and `ير`) meets its own entity before that
    one, the same way in every run."""
    folded = normalize(name)
    if not folded:
        return ()
    first, _, rest = folded.partition(" ")
    return tuple(dict.fromkeys([folded, *((stem + " " + rest).strip() for _, stem in proclitic_readings(first))]))


def rel_key(doc: str, rtype: str, subj: str, obj: str) -> RelKey:
    return (doc, rtype, tuple(sorted((subj, obj))) if rtype in SYMMETRIC else (subj, obj))


@dataclass
class Prediction:
    """The parts of a graph.jsonl the scorer reads (records as dicts: robust to added fields)."""

    entities: dict[str, dict] = field(default_factory=dict)
    relations: list[dict] = field(default_factory=list)
    mentions: dict[str, list[tuple[str, int, int]]] = field(default_factory=lambda: defaultdict(list))
    surfaces: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))  # (doc, entity)

    def add_mention(self, doc: str, entity: str, start: int, end: int, text: str) -> None:
        self.mentions[doc].append((entity, start, end))
        if text:
            self.surfaces[(doc, entity)].add(text)

    @classmethod
    def read(cls, path: Path) -> Prediction:
        pred = cls()
        for r in iter_records(path):
            kind = r.get("kind")
            if kind == "entity":
                pred.entities[r["id"]] = r
            elif kind == "relation":
                pred.relations.append(r)
            elif kind == "mention":
                pred.add_mention(r["doc"], r["entity"], r["start"], r["end"], r.get("text", ""))
        return pred


def doc_key(doc_id: str) -> str:
    """graph.jsonl document ids are the JSONL ids (or file stems)."""
    return Path(str(doc_id)).name.removesuffix(".txt")


@dataclass
class Scores:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def prf(self, key: str | None = None) -> tuple[float, float, float, int]:
        tp, fp, fn = ((sum(c.values()) for c in (self.tp, self.fp, self.fn)) if key is None
                      else (self.tp[key], self.fp[key], self.fn[key]))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp + fn


@dataclass
class Report:
    articles: int = 0
    gold_entities: int = 0
    found_any: int = 0
    found_typed: int = 0
    predicted_entities: int = 0
    predicted_matched: int = 0
    split: list[tuple[str, str]] = field(default_factory=list)
    missed_entities: list[tuple[str, str, str, str]] = field(default_factory=list)
    unmatched_predicted: list[tuple[str, str, str]] = field(default_factory=list)
    by_conflict_entities: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_type_entities: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    relations_by_conflict: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    false_negatives: list[tuple[RelKey, str]] = field(default_factory=list)
    false_positives: list[tuple[RelKey, str]] = field(default_factory=list)

    @property
    def relations(self) -> Scores:
        """All conflicts together."""
        total = Scores()
        for sc in self.relations_by_conflict.values():
            total.tp.update(sc.tp)
            total.fp.update(sc.fp)
            total.fn.update(sc.fn)
        return total


@cache
def _instrument_heads() -> frozenset[str]:
    rows = json.loads((RESOURCES / "scoring.json").read_text(encoding="utf-8"))
    return frozenset(normalize(w) for w in rows["instrument_heads"])


def _without_instrument(surface: str) -> str:
    """The actor's name of a surface that starts with an instrument head (طيران التحالف -> التحالف), else ''."""
    first, _, rest = normalize(surface).partition(" ")
    return rest if first in _instrument_heads() else ""


def map_entities(article: GoldArticle, pred: Prediction, doc: str) -> dict[str, str]:
    """Predicted entity id -> gold id, for the predicted entities of this article: by label, else an
    alias, else a surface it has in this article (a gold entity named only by a back-reference, الجيش،
    الحكومة, is found by the mention that takes it up there, not by an alias another article gave), else
    such a surface without its instrument head (طيران التحالف meets the gold's التحالف)."""
    gold_by_key: dict[str, str] = {}
    for e in article.entities:
        for n in (*e.names, *e.generic_names):
            for k in name_keys(n):
                gold_by_key.setdefault(k, e.id)
    out = {}
    for pid in {m[0] for m in pred.mentions.get(doc, [])}:
        pe = pred.entities.get(pid)
        if pe is None:
            continue
        surfaces = sorted(pred.surfaces.get((doc, pid), ()))
        for cand in [pe.get("label", ""), *pe.get("aliases", []), *surfaces, *map(_without_instrument, surfaces)]:
            hit = next((gold_by_key[k] for k in name_keys(cand) if k in gold_by_key), None)
            if hit:
                out[pid] = hit
                break
    return out


def _fn_cause(g: RelKey, gold_rel, pmap: dict[str, str], pred: Prediction, doc: str,
              predicted: set[RelKey], has_trigger, text: str | None) -> str:
    """Why a gold relation was missed, in the order an engineer would check."""
    gids = set(g[2])
    found = set(pmap.values())
    if not gids <= found:
        return "argument entity missing"
    pair_keys = {k for k in predicted if k[0] == g[0] and set(k[2]) == gids}
    if pair_keys:
        return "type wrong"
    in_sentence = {pmap[e] for e, s, t in pred.mentions.get(doc, ()) if e in pmap
                   and s >= gold_rel.start and t <= gold_rel.end}
    if not gids <= in_sentence:
        return "argument in another sentence"
    if has_trigger and text and not has_trigger(g[1], text, gold_rel.start, gold_rel.end):
        return "no trigger"
    return "trigger found, pairing wrong"


def score(gold: list[GoldArticle], pred: Prediction, types: Iterable[str] = CORE_TYPES,
          texts: dict[str, str] | None = None) -> Report:
    """Entity and relation scores of ``pred`` on ``gold``; ``texts`` (article texts) enable the
    "no trigger" cause of false negatives."""
    types = tuple(types)
    rep = Report(articles=len(gold))
    trigger_check = _trigger_checker() if texts else None
    docs_in_pred = {doc_key(doc): doc for doc in pred.mentions}  # gold article id -> the graph's document id
    relations_by_doc: dict[str, list[dict]] = defaultdict(list)
    for rel in pred.relations:
        if rel["type"] in types:
            relations_by_doc[doc_key(rel["doc"])].append(rel)
    for article in gold:
        doc = docs_in_pred.get(article.article, article.article)
        pmap = map_entities(article, pred, doc)
        # entities
        hits = Counter(pmap.values())
        predicted_ids = {m[0] for m in pred.mentions.get(doc, [])}
        rep.predicted_entities += len(predicted_ids)
        rep.predicted_matched += sum(1 for p in predicted_ids if p in pmap)
        for p in sorted(predicted_ids - pmap.keys()):
            pe = pred.entities.get(p, {})
            rep.unmatched_predicted.append((article.article, pe.get("label", p), pe.get("type", "?")))
        for e in article.entities:
            rep.gold_entities += 1
            typed = any(pred.entities[p].get("type") in e.types for p, g in pmap.items() if g == e.id)
            rep.found_any += hits[e.id] > 0
            rep.found_typed += typed
            for bucket in (rep.by_conflict_entities[article.conflict], rep.by_type_entities[e.type]):
                bucket[0] += 1
                bucket[1] += typed
            if hits[e.id] > 1:
                rep.split.append((article.article, e.id))
            if not typed:
                rep.missed_entities.append((article.conflict, article.article, e.id, e.type))
        # relations
        gold_req: dict[RelKey, object] = {}
        gold_opt: set[RelKey] = set()
        for r in article.relations:
            if r.type not in types:
                continue
            k = rel_key(article.article, r.type, r.subj, r.obj)
            if r.optional:
                gold_opt.add(k)
            else:
                gold_req.setdefault(k, r)
        gold_opt -= gold_req.keys()
        predicted: dict[RelKey, str] = {}
        for r in relations_by_doc.get(article.article, ()):
            s = pmap.get(r["subject"], "?" + r["subject"])
            o = pmap.get(r["object"], "?" + r["object"])
            predicted.setdefault(rel_key(article.article, r["type"], s, o), r.get("sentence", "")[:160])
        conflict_scores = rep.relations_by_conflict[article.conflict]
        for k in predicted:
            if k in gold_req:
                conflict_scores.tp[k[1]] += 1
            elif k not in gold_opt:
                conflict_scores.fp[k[1]] += 1
                rep.false_positives.append((k, predicted[k]))
        for k, r in gold_req.items():
            if k not in predicted:
                conflict_scores.fn[k[1]] += 1
                cause = _fn_cause(k, r, pmap, pred, doc, set(predicted), trigger_check,
                                  (texts or {}).get(article.article))
                rep.false_negatives.append((k, cause))
    return rep


def _trigger_checker():
    """(type, text, start, end) -> whether the lexicon has a trigger of that type in text[start:end]."""
    from kg.relations.lexicon import load_lexicon, word_forms
    from kg.tokenize import tokenize

    lex = load_lexicon()

    def check(rtype: str, text: str, start: int, end: int) -> bool:
        forms = [word_forms(t.text) for t in tokenize(text, start, end)]
        return any(t.type == rtype and t.seq.match(forms, i) for i in range(len(forms)) for t in lex.triggers)

    return check


def _pct(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def format_report(rep: Report, types: Iterable[str], show: bool = False) -> list[str]:
    types = tuple(types)
    lines = [
        f"articles {rep.articles}; gold article-entities {rep.gold_entities}; "
        f"recall(any type) {_pct(rep.found_any, rep.gold_entities)}; "
        f"recall(typed) {_pct(rep.found_typed, rep.gold_entities)}; "
        f"predicted article-entities {rep.predicted_entities}, precision of the list "
        f"{_pct(rep.predicted_matched, rep.predicted_entities)}; gold entities split {len(rep.split)}",
        "  typed recall by entity type: " + ", ".join(
            f"{t} {_pct(f, n)} ({n})" for t, (n, f) in sorted(rep.by_type_entities.items())),
        "  typed recall by conflict:    " + ", ".join(
            f"{c} {_pct(f, n)} ({n})" for c, (n, f) in sorted(rep.by_conflict_entities.items())),
    ]
    total = rep.relations
    p, r, f1, n = total.prf()
    lines.append(f"relations {','.join(types)}: gold {n}; tp {sum(total.tp.values())} "
                 f"fp {sum(total.fp.values())} fn {sum(total.fn.values())}; "
                 f"P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    for t in types:
        p, r, f1, n = total.prf(t)
        lines.append(f"  {t:<16} gold {n:>3}  P {p:.2f} R {r:.2f} F1 {f1:.2f}")
    lines.append("  by conflict:")
    for c, sc in sorted(rep.relations_by_conflict.items()):
        p, r, f1, n = sc.prf()
        lines.append(f"    {c:<10} gold {n:>3}  P {p:.2f} R {r:.2f} F1 {f1:.2f}")
    causes = Counter(c for _, c in rep.false_negatives)
    lines.append("false negatives by cause: " + ", ".join(f"{c} {n}" for c, n in causes.most_common()))
    if show:
        lines.append("-- false negatives")
        lines += [f"  {k} [{c}]" for k, c in sorted(rep.false_negatives)]
        lines.append("-- false positives")
        lines += [f"  {k} | {ev}" for k, ev in sorted(rep.false_positives, key=str)]
        lines.append("-- split gold entities: " + ", ".join(f"{a}:{e}" for a, e in rep.split))
        lines.append("-- missed gold entities (conflict, article, id, type)")
        lines += [f"  {m}" for m in sorted(rep.missed_entities)]
        lines.append("-- predicted entities matching no gold entity")
        lines += [f"  {u}" for u in rep.unmatched_predicted]
    p, r, f1, _ = total.prf()
    lines.append(f"RESULT relations P={p:.3f} R={r:.3f} F1={f1:.3f}")
    return lines
