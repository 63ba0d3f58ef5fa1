"""Word clusters of the learned layer: a folded word -> the id of its cluster of the shipped word vectors.

The sentence model's word features are exact folded words, which do not carry to the vocabulary of a
conflict the gold has few articles of (``مسلحي`` / ``عناصر`` / ``مقاتلي``, ``هاجم`` / ``استهدف``).  A cluster
id of k-means over the word vectors (kg/resources/models/ner/ar_kg_word2vec.pt, trained on the corpora)
stands for every word of the cluster, so what the gold teaches of one word reaches its neighbours.  The
table is built once from the vectors (``python -m kg.relations.learned.clusters``, a training-time
command) and ships as data, so the pipeline loads a few hundred kB instead of the 42 MB of vectors.
"""

from __future__ import annotations

import argparse
import json
from functools import lru_cache
from pathlib import Path

from kg.relations.lexicon import word_forms

CLUSTERS_PATH = Path(__file__).resolve().parents[2] / "resources" / "models" / "relations" / "word_clusters.json"
VECTORS_PATH = Path(__file__).resolve().parents[2] / "resources" / "models" / "ner" / "ar_kg_word2vec.pt"
WORDS = 40000  # the commonest tokens of the vectors' vocabulary that are clustered
SIZES = (64, 512)  # a coarse and a fine clustering
SEED = 0


def shortest_reading(forms: list[tuple[int, str]]) -> str | None:
    """The stem of a token's shortest clitic reading (``word_forms``): the word the features and this
    table both key on, so the two fold alike."""
    return forms[-1][1] if forms else None


def folded(token: str) -> str | None:
    """The key a token is looked up by: its shortest clitic reading, as the sentence features fold it."""
    return shortest_reading(word_forms(token))


def build(vectors: Path = VECTORS_PATH, words: int = WORDS, sizes: tuple[int, ...] = SIZES) -> dict:
    """K-means (one clustering per size) over the unit vectors of the commonest ``words`` tokens, merged by
    their folded key (the mean of the tokens that fold to it)."""
    import numpy as np
    import torch
    from sklearn.cluster import KMeans

    data = torch.load(vectors, weights_only=False)
    emb = data["emb"].numpy()
    vocab = sorted(data["vocab"]["_unit2id"].items(), key=lambda kv: kv[1])
    sums: dict[str, np.ndarray] = {}
    for token, idx in vocab[4:4 + words]:  # after <PAD> <UNK> <EMPTY> <ROOT>
        key = folded(token)
        vec = emb[idx]
        norm = float(np.linalg.norm(vec))
        if key is None or norm == 0.0:
            continue
        sums[key] = sums.get(key, 0.0) + vec / norm
    keys = sorted(sums)
    x = np.stack([sums[k] / np.linalg.norm(sums[k]) for k in keys])
    ids = [KMeans(n_clusters=k, n_init=1, random_state=SEED).fit_predict(x) for k in sizes]
    return {"sizes": list(sizes), "source": vectors.name, "words": {k: [int(c[i]) for c in ids]
                                                                     for i, k in enumerate(keys)}}


@lru_cache(maxsize=2)
def load_clusters(path: str | None = None) -> dict[str, tuple[str, ...]]:
    """Folded word -> its cluster per size, as ``size:id`` (``64:12``); empty when the table is absent (no
    cluster features)."""
    p = Path(path) if path else CLUSTERS_PATH
    if not p.exists():
        return {}
    table = json.loads(p.read_text(encoding="utf-8"))
    return {w: tuple(f"{size}:{c}" for size, c in zip(table["sizes"], ids, strict=True))
            for w, ids in table["words"].items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vectors", type=Path, default=VECTORS_PATH)
    ap.add_argument("--out", type=Path, default=CLUSTERS_PATH)
    ap.add_argument("--words", type=int, default=WORDS)
    args = ap.parse_args(argv)
    table = build(args.vectors, args.words)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(table['words'])} words, sizes {table['sizes']} -> {args.out}")


if __name__ == "__main__":
    main()
