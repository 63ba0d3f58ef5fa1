"""The gold's articles through the pipeline up to resolved entities (no relations): what the learned
layer's candidates are built from, for training and for measuring."""

from __future__ import annotations

import pickle
from pathlib import Path

from kg.evaluation.gold import GoldArticle, verified_texts
from kg.model import AnalyzedDoc, Document
from kg.ner_data import iter_articles

UP_TO_RELATIONS = ("date", "sentences", "mentions", "resolve", "entity_facts")


def gold_documents(gold: list[GoldArticle]) -> list[Document]:
    """The gold's articles as Documents (fields as ``kg.reader`` takes them from JSONL)."""
    verified_texts(gold)  # a changed corpus is an error, not a silent mis-score
    wanted = {a.article for a in gold}
    docs = []
    for row in iter_articles():
        if row["id"] in wanted:
            wanted.discard(row["id"])
            docs.append(Document(id=row["id"], text=row["text"], title=str(row.get("title") or ""),
                                 date=str(row.get("date") or ""), source=str(row.get("source") or ""),
                                 url=str(row.get("url") or "")))
    return docs


def analyze(docs: list[Document], batch: int = 8) -> list[AnalyzedDoc]:
    """Run the standard pipeline's analysis components (NER, resolution) over ``docs``."""
    from kg.pipeline import Pipeline, build_pipeline

    full = build_pipeline()
    pipe = Pipeline([(n, c) for n, c in full.components if n in UP_TO_RELATIONS])
    out: list[AnalyzedDoc] = []
    for k in range(0, len(docs), batch):
        out += pipe.pipe(docs[k:k + batch])
    return out


def analyzed_gold(gold: list[GoldArticle], cache: Path | None = None) -> dict[str, AnalyzedDoc]:
    """Article id -> AnalyzedDoc; with ``cache`` (a file outside the project: it holds article text),
    articles analyzed before are read from it and new ones added, since the gold grows."""
    have: dict[str, AnalyzedDoc] = {}
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            have = pickle.load(fh)  # noqa: S301 (a file this function wrote)
    missing = [a for a in gold if a.article not in have]
    if missing:
        for adoc in analyze(gold_documents(missing)):
            have[adoc.doc.id] = adoc
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            with cache.open("wb") as fh:
                pickle.dump(have, fh)
    return {a.article: have[a.article] for a in gold if a.article in have}
