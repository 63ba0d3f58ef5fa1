"""Training data for the project's stanza NER model: AQMAR, ANERcorp and our own stand-off annotations.

Every corpus is re-tokenized with ``kg.tokenize`` so training tokens look exactly like inference tokens.
Our annotations over the ANT corpus are stored without text (article id + character offsets), because
ANT articles are not redistributable; the BIO sentences are rebuilt from ``../shared`` at train time.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.tokenize import split_sentences, tokenize

REPO = Path(__file__).resolve().parents[1]
ANNOTATIONS_DIR = Path(__file__).resolve().parent / "resources" / "ner_annotations"
SPLIT_SEED = 1234
MAX_TRAIN_TOKENS = 100
# Our conflict-news sentences are a third of the tokens; repeating them in train tilts the model to the domain.
TRAIN_OVERSAMPLE = {"ant": 2}
SPLITS = (("train", 0.8), ("dev", 0.1), ("test", 0.1))

# Labels used in the training files; MISC is kept for training and dropped at inference.
TYPE_TO_LABEL = {"Person": "PER", "Organization": "ORG", "Place": "LOC"}
_TAG_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}

Tagged = list[tuple[str, str]]  # one sentence: (token, BIO tag)


def shared_dir() -> Path:
    return Path(os.environ.get("KG_SHARED", REPO.parent / "shared")).resolve()


def sentence_hash(text: str) -> str:
    """Fingerprint of a sentence, so a changed corpus is detected instead of silently mislabelled."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _norm_tag(tag: str) -> str:
    """AQMAR/ANERcorp tag -> B-/I- PER, LOC, ORG, MISC or O (MIS0..3 -> MISC, as stanza does)."""
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    kind = tag[2:].lstrip("-")
    if kind.startswith("MIS"):
        kind = "MISC"
    kind = _TAG_MAP.get(kind)
    return f"{tag[0]}-{kind}" if kind else "O"


def _retokenize(pairs: Iterable[tuple[str, str]]) -> Tagged:
    """Split corpus tokens the way kg.tokenize would; an entity token's pieces continue its entity."""
    out: Tagged = []
    for word, tag in pairs:
        pieces = [t.text for t in tokenize(word)]
        for i, piece in enumerate(pieces):
            out.append((piece, tag if i == 0 or tag == "O" else "I-" + tag[2:]))
    return _repair_bio(out)


def _repair_bio(sent: Tagged) -> Tagged:
    """An I- tag that does not continue the same type becomes B-."""
    fixed: Tagged = []
    prev = "O"
    for word, tag in sent:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append((word, tag))
        prev = tag
    return fixed


def read_column_file(path: Path, end_at_period: bool = False) -> list[Tagged]:
    """Read `token TAG` lines; sentences end at blank lines (AQMAR) or at a `.` token (ANERcorp)."""
    sents: list[Tagged] = []
    cache: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            cache.append((parts[0], _norm_tag(parts[-1])))
            if not (end_at_period and parts[0] in {".", "؟", "!", "?"}):
                continue
        elif len(parts) == 1 and not end_at_period:
            continue
        if cache:
            sents += _chunk(_retokenize(cache))
            cache = []
    if cache:
        sents += _chunk(_retokenize(cache))
    return sents


def _chunk(sent: Tagged, limit: int = MAX_TRAIN_TOKENS) -> list[Tagged]:
    """Cut very long sentences (ANERcorp has 1,900-token runs) where no entity continues."""
    chunks, cur = [], []
    for i, pair in enumerate(sent):
        cur.append(pair)
        nxt = sent[i + 1][1] if i + 1 < len(sent) else "O"
        if len(cur) >= limit and not nxt.startswith("I-"):
            chunks.append(cur)
            cur = []
    return chunks + ([cur] if cur else [])


def read_aqmar(root: Path | None = None) -> list[Tagged]:
    root = root or shared_dir() / "ner" / "aqmar"
    return [s for p in sorted(root.glob("*.txt")) for s in read_column_file(p)]


def read_anercorp(path: Path | None = None) -> list[Tagged]:
    return read_column_file(path or shared_dir() / "ner" / "ANERCorp.txt", end_at_period=True)


def corpus_files() -> list[Path]:
    """Every article corpus in ../shared/corpus (ANT 2018, SaudiNewsNet 2015, ...), one JSON article a line."""
    return sorted((shared_dir() / "corpus").glob("*.jsonl"))


def iter_articles(paths: Iterable[Path] | None = None) -> Iterator[dict]:
    for path in paths if paths is not None else corpus_files():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def iter_ant_articles(path: Path | None = None) -> Iterator[dict]:
    return iter_articles([path or shared_dir() / "corpus" / "ant-middleeast.jsonl"])


def load_annotations(directory: Path = ANNOTATIONS_DIR) -> list[dict]:
    rows = []
    for p in sorted(directory.glob("*.jsonl")):
        rows += [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def annotation_to_bio(text: str, row: dict) -> Tagged:
    """Rebuild one annotated sentence as BIO over kg.tokenize tokens; spans must sit on token edges."""
    s, e = row["start"], row["end"]
    if sentence_hash(text[s:e]) != row["sha1"]:
        raise ValueError(f"{row['article']}@{s}: sentence text changed in the corpus")
    tokens = tokenize(text, s, e)
    tags = ["O"] * len(tokens)
    for es, ee, etype in row["entities"]:
        idx = [i for i, t in enumerate(tokens) if t.start >= es and t.end <= ee]
        if not idx or tokens[idx[0]].start != es or tokens[idx[-1]].end != ee:
            raise ValueError(f"{row['article']}@{es}-{ee}: entity not on token boundaries")
        label = TYPE_TO_LABEL[etype]
        for n, i in enumerate(idx):
            tags[i] = ("B-" if n == 0 else "I-") + label
    return [(t.text, tag) for t, tag in zip(tokens, tags, strict=True)]


def article_texts(ids: Iterable[str], paths: Iterable[Path] | None = None) -> dict[str, str]:
    """id -> text of the wanted articles, in one pass over the corpora."""
    wanted = set(ids)
    return {a["id"]: a["text"] for a in iter_articles(paths) if a["id"] in wanted}


def _annotated_texts(rows: list[dict], corpus: Path | None = None) -> dict[str, str]:
    texts = article_texts((r["article"] for r in rows), [corpus] if corpus else None)
    missing = {r["article"] for r in rows} - texts.keys()
    if missing:
        raise ValueError(f"annotated articles missing from the corpus: {sorted(missing)[:5]}")
    return texts


def read_own_annotations(corpus: Path | None = None, directory: Path = ANNOTATIONS_DIR) -> list[Tagged]:
    rows = load_annotations(directory)
    texts = _annotated_texts(rows, corpus)
    return [annotation_to_bio(texts[r["article"]], r) for r in rows]


def own_annotation_splits(hold_out: str | None = None) -> tuple[dict[str, list[Tagged]], dict[str, list[Tagged]]]:
    """Our sentences by split: rows with a fixed article split (the multi-conflict gold) keep it, older
    rows get the seeded sentence shuffle. Rows of the ``hold_out`` conflict go to no split. Also returned,
    apart: the multi-conflict test sentences and the held-out conflict's (the cross-conflict test)."""
    rows = load_annotations()
    texts = _annotated_texts(rows)

    def bio(row: dict) -> Tagged:
        return annotation_to_bio(texts[row["article"]], row)

    parts = split([bio(r) for r in rows if "split" not in r])
    apart: dict[str, list[Tagged]] = {"multi-conflict": []}
    for r in rows:
        if "split" not in r:
            continue
        if hold_out and r.get("conflict") == hold_out:
            apart.setdefault(f"heldout-{hold_out}", []).append(bio(r))
            continue
        parts[r["split"]].append(bio(r))
        if r["split"] == "test":
            apart["multi-conflict"].append(bio(r))
    return parts, apart


def split(sents: list[Tagged], seed: int = SPLIT_SEED) -> dict[str, list[Tagged]]:
    """Shuffle with a fixed seed and cut 80/10/10, so the split is the same on every machine."""
    order = list(range(len(sents)))
    random.Random(seed).shuffle(order)
    out, pos = {}, 0
    for i, (name, frac) in enumerate(SPLITS):
        n = len(order) - pos if i == len(SPLITS) - 1 else round(frac * len(order))
        out[name] = [sents[j] for j in order[pos:pos + n]]
        pos += n
    return out


def build_datasets(out_dir: Path, sources: tuple[str, ...] = ("aqmar", "anercorp", "ant"),
                   hold_out: str | None = None) -> dict:
    """Write {train,dev,test}.json (stanza NER format) plus per-source test files; return counts.
    ``test.multi-conflict.json`` is the test split of the multi-conflict gold; with ``hold_out`` (a
    conflict), its articles are left out of training and written as ``test.heldout-<conflict>.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    merged: dict[str, list[Tagged]] = {name: [] for name, _ in SPLITS}
    counts: dict[str, dict[str, int]] = {}
    for src in sources:
        if src == "ant":
            parts, apart = own_annotation_splits(hold_out)
            for name, sents in apart.items():
                write_stanza_json(out_dir / f"test.{name}.json", sents)
                counts[name] = {"test": len(sents)}
        else:
            parts = split({"aqmar": read_aqmar, "anercorp": read_anercorp}[src]())
        counts[src] = {k: len(v) for k, v in parts.items()}
        for name, sents in parts.items():
            merged[name] += sents * (TRAIN_OVERSAMPLE.get(src, 1) if name == "train" else 1)
            write_stanza_json(out_dir / f"{name}.{src}.json", sents)
    for name, sents in merged.items():
        write_stanza_json(out_dir / f"{name}.json", sents)
    return counts


def write_stanza_json(path: Path, sents: list[Tagged]) -> None:
    doc = [[{"text": w, "ner": t} for w, t in s] for s in sents]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def corpus_sentences() -> Iterator[list[str]]:
    """Token lists for word-vector training: every article corpus plus the NER corpora."""
    for art in iter_articles():
        for sent in split_sentences(art.get("title", "") + "\n" + art["text"]):
            yield [t.text for t in sent.tokens]
    for s in read_aqmar() + read_anercorp():
        yield [w for w, _ in s]
