"""``kg train-relations``: the relation model from the gold's train split (scikit-learn, outside CI).

Labels: a candidate is positive for type T when its arguments, mapped to gold entities with
``kg.evaluation.score.map_entities``, are a required gold relation T of the article **and** its sentence
is that relation's evidence sentence or holds a trigger of type T; the same pair in a sentence that says
nothing of T is left out of training (neither positive nor negative: the gold is document-level), as are
optional gold relations.  Every other candidate is a negative for the types its argument types fit.
Calibration: Platt scaling on out-of-fold scores (folds by article).  The document model is fitted on
those out-of-fold probabilities (labels: the article's required gold relations; optional ones left out),
its own out-of-fold probabilities and those of the dev articles (models fitted on all of train) choose
mode and cutoffs by the issue's rule (``select``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.evaluation.gold import SYMMETRIC, GoldArticle
from kg.evaluation.score import Prediction, Report, map_entities, score
from kg.model import AnalyzedDoc, Relation
from kg.relations.extract import default_category, default_is_state, extract_relations
from kg.relations.learned.candidates import Candidate, RuleIndex, candidates
from kg.relations.learned.document import DocRelation, document_relations, relation_key
from kg.relations.learned.model import MODEL_PATH, RelationModel, TypeModel, decide, fits, probability
from kg.relations.learned.select import Decision, choose
from kg.relations.lexicon import Lexicon, load_lexicon


@dataclass
class Example:
    article: str
    cand: Candidate
    labels: dict[str, int]  # type -> 1 / 0; a type absent is left out of training
    fitting: tuple[str, ...] = ()  # the types its argument types fit: those it is scored for, as in a run


def prediction_of(adocs: Iterable[AnalyzedDoc], rels: dict[str, list[Relation]] | None = None) -> Prediction:
    """What the scorer reads, built from analyzed documents (as graph.jsonl would hold them)."""
    pred = Prediction()
    for adoc in adocs:
        for eid, e in adoc.entities.items():
            known = pred.entities.setdefault(eid, {"id": eid, "label": e.label, "type": e.type, "aliases": []})
            known["aliases"] = sorted(set(known["aliases"]) | set(e.aliases))
        for m in adoc.mentions:
            if m.entity:
                pred.add_mention(adoc.doc.id, m.entity, m.start, m.end, m.text)
        for r in (rels or {}).get(adoc.doc.id, []):
            pred.relations.append({"doc": r.doc, "type": r.type, "subject": r.subject, "object": r.object,
                                   "sentence": r.sentence, "confidence": r.confidence})
    return pred


def _gold_index(article: GoldArticle) -> tuple[dict[tuple, list[tuple[int, int]]], set[tuple]]:
    required: dict[tuple, list[tuple[int, int]]] = {}
    optional: set[tuple] = set()
    for r in article.relations:
        key = relation_key(r.type, r.subj, r.obj, r.type in SYMMETRIC)
        if r.optional:
            optional.add(key)
        else:
            required.setdefault(key, []).append((r.start, r.end))
    return required, optional - required.keys()


def _analyzed(gold: list[GoldArticle], adocs: dict[str, AnalyzedDoc],
              ) -> Iterator[tuple[GoldArticle, AnalyzedDoc, dict[str, str], tuple[dict[tuple, list], set[tuple]]]]:
    """The gold articles that were analyzed, each with its analysis, the predicted-to-gold entity map and
    its required and optional relations: what labelling a candidate or a document relation needs."""
    for article in gold:
        adoc = adocs.get(article.article)
        if adoc is not None:
            yield article, adoc, map_entities(article, prediction_of([adoc]), adoc.doc.id), _gold_index(article)


def examples(gold: list[GoldArticle], adocs: dict[str, AnalyzedDoc], lex: Lexicon | None = None,
             is_state: Callable[[str], bool] | None = None, category: Callable[[str], str] | None = None,
             ) -> list[Example]:
    """Labelled candidates of the gold articles (see the module docstring for the labels)."""
    lex = lex or load_lexicon()
    state, cat = is_state or default_is_state(), category or default_category()
    symmetric = {t for t, rt in lex.types.items() if rt.symmetric}
    out = []
    for article, adoc, pmap, (required, optional) in _analyzed(gold, adocs):
        frames: dict[str, str] = {}
        rules = extract_relations(adoc, state, lex, cat, frames=frames)
        for cand in candidates(adoc, lex, state, cat, RuleIndex(rules, frames, symmetric)):
            gs, go = pmap.get(cand.subj.entity), pmap.get(cand.obj.entity)
            labels: dict[str, int] = {}
            fitting = tuple(t for t in lex.types if fits(lex, t, cand))
            for rtype in fitting:
                if gs is None or go is None or gs == go:
                    labels[rtype] = 0
                    continue
                key = relation_key(rtype, gs, go, rtype in symmetric)
                spans = required.get(key)
                if spans is None:
                    if key not in optional:
                        labels[rtype] = 0
                    continue
                s0, s1 = cand.sentence.start, cand.sentence.end
                evidence = any(s < s1 and s0 < e for s, e in spans)
                if evidence or any(h[0].type == rtype for h in cand.hits):
                    labels[rtype] = 1
            out.append(Example(article.article, cand, labels, fitting))
    return out


def _fit(features: list[dict[str, float]], y: list[int], c: float, balanced: bool = True):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(features)
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")  # liblinear's index width
    clf = LogisticRegression(C=c, max_iter=3000, solver="liblinear", random_state=0,
                             class_weight="balanced" if balanced else None)
    clf.fit(x, y)
    return vec, clf


def _type_model(vec, clf, platt: tuple[float, float], floor: float = 0.01) -> TypeModel:
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= floor}
    return TypeModel(round(float(clf.intercept_[0]), 5), weights, platt)


def _platt(scores: list[float], y: list[int]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:
        return 1.0, 0.0
    cal = LogisticRegression(C=1e6, max_iter=1000)
    cal.fit([[s] for s in scores], y)
    return round(float(cal.coef_[0][0]), 5), round(float(cal.intercept_[0]), 5)


def _folds(articles: Iterable[str], folds: int) -> dict[str, int]:
    return {a: k % folds for k, a in enumerate(sorted(set(articles)))}


def _out_of_fold(rows: list[tuple[str, dict[str, float], int | None]], c: float, balanced: bool, folds: int,
                 ) -> dict[int, float]:
    """Row index -> decision score of a model fitted on the other folds (rows: article, features, label;
    a row without a label is scored, not fitted on)."""
    fold_of = _folds((a for a, _, _ in rows), folds)
    scores: dict[int, float] = {}
    for f in range(folds):
        tr = [k for k, r in enumerate(rows) if fold_of[r[0]] != f and r[2] is not None]
        te = [k for k, r in enumerate(rows) if fold_of[r[0]] == f]
        ytr = [rows[k][2] for k in tr]
        if not te or len(set(ytr)) < 2:
            continue
        vec, clf = _fit([rows[k][1] for k in tr], ytr, c, balanced)
        for k, sc in zip(te, clf.decision_function(vec.transform([rows[k][1] for k in te])), strict=True):
            scores[k] = float(sc)
    return scores


def train_model(exs: list[Example], types: Iterable[str], c: float = 1.0, folds: int = 5,
                ) -> tuple[RelationModel, dict[int, dict[str, float]]]:
    """The sentence model per type, Platt-calibrated on out-of-fold scores; also returns those out-of-fold
    probabilities (example index -> type -> p) that the document model is fitted on.  Every candidate is
    scored for every type it fits, as a run scores it, the ones left out of training too (the same pair in
    a sentence that says nothing of the type): the document model then sees a relation's candidates as a
    run gives them (without them a gold relation had fewer candidates in training than in a run)."""
    oof: dict[int, dict[str, float]] = {}
    models: dict[str, TypeModel] = {}
    for rtype in types:
        idx = [k for k, e in enumerate(exs) if rtype in e.fitting]
        rows = [(exs[k].article, exs[k].cand.features, exs[k].labels.get(rtype)) for k in idx]
        labelled = [r for r in rows if r[2] is not None]
        if sum(r[2] for r in labelled) < 3:
            continue
        scores = _out_of_fold(rows, c, True, folds)
        known = [k for k in sorted(scores) if rows[k][2] is not None]
        platt = _platt([scores[k] for k in known], [rows[k][2] for k in known])
        models[rtype] = _type_model(*_fit([r[1] for r in labelled], [r[2] for r in labelled], c), platt)
        calibrated = TypeModel(0.0, {"score": 1.0}, platt)
        for k, sc in scores.items():
            oof.setdefault(idx[k], {})[rtype] = calibrated.probability({"score": sc})
    return RelationModel(models), oof


@dataclass
class DocExample:
    article: str
    item: DocRelation
    label: int | None  # None: an optional gold relation, left out of training and scoring
    hit: tuple | None  # the gold relation it finds
    key: tuple  # what the scorer counts: (article, type, mapped pair)


def doc_examples(gold: list[GoldArticle], adocs: dict[str, AnalyzedDoc], exs: list[Example],
                 probs: dict[int, dict[str, float]], lex: Lexicon) -> list[DocExample]:
    """The document-level relations of the articles from their candidates' probabilities ``probs``."""
    symmetric = {t for t, rt in lex.types.items() if rt.symmetric}
    state, cat = default_is_state(), default_category()
    by_article: dict[str, list[tuple[Candidate, str, float]]] = {}
    for k, e in enumerate(exs):
        for rtype, p in probs.get(k, {}).items():
            by_article.setdefault(e.article, []).append((e.cand, rtype, p))
    out = []
    for article, adoc, pmap, (required, optional) in _analyzed(gold, adocs):
        rules = extract_relations(adoc, state, lex, cat)
        for key, item in document_relations(adoc, by_article.get(article.article, []), rules, symmetric).items():
            rtype, (s, o) = key
            gs, go = pmap.get(s, "?" + s), pmap.get(o, "?" + o)
            gold_key = relation_key(rtype, gs, go, rtype in symmetric)
            label: int | None = int(gold_key in required)
            if not label and gold_key in optional:
                label = None
            hit = (article.article, *gold_key) if label else None
            out.append(DocExample(article.article, item, label, hit, (article.article, *gold_key)))
    return out


def train_doc_models(dexs: list[DocExample], types: Iterable[str], folds: int = 5,
                     ) -> tuple[dict[str, TypeModel], dict[int, float]]:
    """The document model per type (unweighted logistic regression: its output is calibrated as it
    is), and its out-of-fold probabilities (doc example index -> p)."""
    models: dict[str, TypeModel] = {}
    oof: dict[int, float] = {}
    for rtype in types:
        idx = [k for k, d in enumerate(dexs) if d.item.key[0] == rtype and d.label is not None and d.item.scored]
        rows = [(dexs[k].article, dexs[k].item.features, dexs[k].label) for k in idx]
        if sum(r[2] for r in rows) < 3:
            continue
        unit = TypeModel(0.0, {"score": 1.0})
        for k, sc in _out_of_fold(rows, 1.0, False, folds).items():
            oof[idx[k]] = unit.probability({"score": sc})
        models[rtype] = _type_model(*_fit([r[1] for r in rows], [r[2] for r in rows], 1.0, False), (1.0, 0.0),
                                    floor=0.0)
    return models, oof


def decisions(dexs: list[DocExample], probs: dict[int, float], model: RelationModel) -> list[Decision]:
    """What the selection rule reads: each scored document-level relation with its probability."""
    return [Decision(d.item.key[0], bool(d.item.rules), probs.get(k, probability(model, d.item)), d.hit, d.key)
            for k, d in enumerate(dexs) if d.label is not None]


def save_model(model: RelationModel, path: Path = MODEL_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                    encoding="utf-8")
    return path


def evaluate(gold: list[GoldArticle], adocs: dict[str, AnalyzedDoc], rels: dict[str, list[Relation]],
             types: Iterable[str], causes: bool = False) -> Report:
    """The project scorer (``kg eval``) on relations given per article; ``causes``: with the article texts,
    so that every false negative gets its cause ("no trigger" included)."""
    texts = {a: d.doc.text for a, d in adocs.items()} if causes else None
    return score(gold, prediction_of([adocs[a.article] for a in gold if a.article in adocs], rels), types, texts)


def mode_relations(adocs: dict[str, AnalyzedDoc], dexs: list[DocExample], probs: dict[int, float],
                   model: RelationModel, mode: str) -> dict[str, list[Relation]]:
    """Per article, the relations ``mode`` keeps with its chosen cutoffs, from held-out probabilities."""
    scores: dict[str, list[tuple[DocRelation, float]]] = {}
    for k, d in enumerate(dexs):
        scores.setdefault(d.article, []).append((d.item, probs.get(k, probability(model, d.item))))
    return {a: decide(adocs[a], s, lambda rtype: model.cutoffs(rtype, mode)) for a, s in scores.items()}


@dataclass
class Training:
    """A trained model and the held-out figures it was chosen on: (part, mode, group or type) -> P, R, F1."""

    model: RelationModel
    figures: dict[tuple[str, str, str], tuple[float, float, float]]
    chosen: dict


def train_relations(gold_path: Path, out: Path = MODEL_PATH, cache: Path | None = None, c: float = 0.1,
                    mode: str | None = None, guard: bool = True) -> Training:
    """Analyze the gold's train and dev articles, train both steps on train, choose every mode's cutoffs and
    (unless ``mode`` is given) the shipped mode by the issue's rule on out-of-fold train + dev, score each
    mode with ``kg eval``'s scorer on both parts, and write the model to ``out``.  ``guard``: cutoffs that
    break the seed articles' floor are not chosen (``seeds``).  ``cache`` (outside the
    project: it holds article text) keeps analyzed articles between runs."""
    from kg.evaluation.gold import CORE_TYPES, OTHER_TYPES, load_gold
    from kg.relations.learned.analyze import analyzed_gold
    from kg.relations.learned.model import MODES
    from kg.relations.learned.seeds import seed_guard

    gold = load_gold(gold_path, splits=["train", "dev"])
    adocs = analyzed_gold(gold, cache)
    train = [a for a in gold if a.split == "train"]
    dev = [a for a in gold if a.split == "dev"]
    lex = load_lexicon()
    exs = examples(train, adocs, lex)
    model, oof = train_model(exs, lex.types, c=c)
    dexs = doc_examples(train, adocs, exs, oof, lex)
    model.doc_types, doc_oof = train_doc_models(dexs, lex.types)
    dev_exs = examples(dev, adocs, lex)
    dev_probs = {k: {t: tm.probability(e.cand.features) for t, tm in model.types.items() if t in e.fitting}
                 for k, e in enumerate(dev_exs)}
    dev_dexs = doc_examples(dev, adocs, dev_exs, dev_probs, lex)
    dev_doc = {k: probability(model, d.item) for k, d in enumerate(dev_dexs)}
    groups = {}
    for name, types in (("core", CORE_TYPES), ("other", OTHER_TYPES)):
        n = sum(1 for a in train + dev for key in _gold_index(a)[0] if key[0] in types)
        groups[name] = (tuple(types), n)
    pooled = decisions(dexs, doc_oof, model) + decisions(dev_dexs, dev_doc, model)
    shipped, model.selected, chosen = choose(pooled, groups, guard=seed_guard(model) if guard else None)
    unguarded = choose(pooled, groups)[2] if guard else chosen
    model.mode = mode or shipped
    figures, misses = {}, {}
    for part, arts, dx, probs in (("train (out of fold)", train, dexs, doc_oof), ("dev", dev, dev_dexs, dev_doc)):
        for m in MODES:
            rels = mode_relations(adocs, dx, probs, model, m)
            for name, (types, _) in groups.items():
                rep = evaluate(arts, adocs, rels, types, causes=True)
                for key in (None, *types):
                    p, r, f1, _ = rep.relations.prf(key)
                    figures[(part, m, key or name)] = (round(p, 3), round(r, 3), round(f1, 3))
                misses[f"{part} | {m} | {name}"] = dict(Counter(c for _, c in rep.false_negatives).most_common())
    model.meta = {"articles": {"train": len(train), "dev": len(dev)}, "candidates": len(exs), "C": c,
                  "positives": {t: sum(e.labels.get(t, 0) for e in exs) for t in lex.types},
                  "chosen_on_pooled_out_of_fold_train_and_dev": chosen, "without_seed_guard": unguarded,
                  "scores": {" | ".join(k): v for k, v in figures.items()}, "false_negatives_by_cause": misses}
    save_model(model, out)
    return Training(model, figures, chosen)
