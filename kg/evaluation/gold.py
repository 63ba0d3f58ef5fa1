"""The project's own stand-off gold (``eval/gold/*.jsonl``): document-level entities and relations.

One article a line (see ``docs/annotation-guide.md``). No article text is stored: relations point at their
evidence sentence by character offsets and a sentence hash, and every article carries a hash of its text,
so a changed corpus is an error, not a silent mis-score. Entity names are stored as written, like the
seed gold's, because scoring matches predicted labels to them.

The same gold also yields NER training sentences (``ner_rows``): every listed name of an entity, found on
token edges in the article's sentences, is a span of the entity's type. Generic back-references
(``generic_names``: ``التنظيم``) are scored as names but never taught to the NER as names.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.ner_data import article_texts, sentence_hash
from kg.normalize import normalize, proclitic_readings
from kg.tokenize import split_sentences

GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "gold"
NER_ROWS = Path(__file__).resolve().parents[1] / "resources" / "ner_annotations" / "multi_conflict.jsonl"
CORE_TYPES = ("FOUGHT", "NEGOTIATED_WITH", "TRANSFERRED_TO")
OTHER_TYPES = ("CONTROLS", "SURRENDERED_TO", "LEADS", "SUPPORTED_BY")
SYMMETRIC = frozenset({"FOUGHT", "NEGOTIATED_WITH"})


@dataclass(frozen=True)
class GoldEntity:
    id: str
    type: str
    names: tuple[str, ...]
    alt_types: tuple[str, ...] = ()
    generic_names: tuple[str, ...] = ()

    @property
    def types(self) -> frozenset[str]:
        return frozenset((self.type, *self.alt_types))


@dataclass(frozen=True)
class GoldRelation:
    type: str
    subj: str
    obj: str
    start: int
    end: int
    sha1: str
    modality: str = "asserted"
    optional: bool = False


@dataclass
class GoldArticle:
    article: str
    corpus: str
    conflict: str
    split: str
    sha1: str
    entities: list[GoldEntity] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _article_from_json(row: dict) -> GoldArticle:
    ents = [GoldEntity(e["id"], e["type"], tuple(e["names"]), tuple(e.get("alt_types", ())),
                       tuple(e.get("generic_names", ()))) for e in row["entities"]]
    rels = [GoldRelation(r["type"], r["subj"], r["obj"], r["sentence"][0], r["sentence"][1], r["sha1"],
                         r.get("modality", "asserted"), bool(r.get("optional"))) for r in row["relations"]]
    return GoldArticle(row["article"], row["corpus"], row["conflict"], row["split"], row["sha1"], ents, rels)


def article_to_json(a: GoldArticle) -> dict:
    ents = []
    for e in a.entities:
        d: dict = {"id": e.id, "type": e.type, "names": list(e.names)}
        if e.alt_types:
            d["alt_types"] = list(e.alt_types)
        if e.generic_names:
            d["generic_names"] = list(e.generic_names)
        ents.append(d)
    rels = []
    for r in a.relations:
        d = {"type": r.type, "subj": r.subj, "obj": r.obj, "sentence": [r.start, r.end], "sha1": r.sha1}
        if r.modality != "asserted":
            d["modality"] = r.modality
        if r.optional:
            d["optional"] = True
        rels.append(d)
    return {"article": a.article, "corpus": a.corpus, "conflict": a.conflict, "split": a.split,
            "sha1": a.sha1, "entities": ents, "relations": rels}


def load_gold(path: Path = GOLD_DIR, splits: Iterable[str] | None = None) -> list[GoldArticle]:
    """Gold articles from a file or a directory of ``*.jsonl``, optionally only some splits."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    wanted = set(splits) if splits else None
    out = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                a = _article_from_json(json.loads(line))
                if wanted is None or a.split in wanted:
                    out.append(a)
    return out


def verified_texts(gold: list[GoldArticle]) -> dict[str, str]:
    """The gold's article texts from ../shared/corpus, each checked against its stored hash."""
    texts = article_texts(a.article for a in gold)
    for a in gold:
        if a.article not in texts:
            raise ValueError(f"gold article {a.article} is not in ../shared/corpus")
        if text_hash(texts[a.article]) != a.sha1:
            raise ValueError(f"gold article {a.article}: text changed in the corpus")
    return texts


# --- from the annotators' working files (names + sentence indexes) to stand-off gold -----------------

def _with_article(name: str, text: str) -> str:
    """A name seen only after لل, written without its article (`حرس الثوري` for `للحرس الثوري`), gets the
    article back: ل + ال is spelled لل, so the ال form is the name; a name written with its لل
    (`للأمم المتحدة`) loses the preposition."""
    if name.startswith("لل") and len(name) > 4:
        return "ال" + name[2:]
    if name.startswith("ال") or "لل" + name not in text:
        return name
    bare = any(text[i - 1:i] in ("", " ", "\n", "«", '"', "(") for i in _find_all(text, name))
    return name if bare else "ال" + name


def _find_all(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def import_annotation(row: dict, text: str, corpus: str, split: str) -> GoldArticle:
    """An annotator's line (relations point at a sentence index of ``split_sentences``) -> GoldArticle."""
    sents = split_sentences(text)

    def names(key: str, e: dict) -> tuple[str, ...]:
        return tuple(dict.fromkeys(_with_article(n, text) for n in e.get(key, ())))

    ents = [GoldEntity(e["id"], e["type"], names("names", e), tuple(e.get("alt_types", ())),
                       names("generic_names", e)) for e in row["entities"]]
    rels = []
    for r in row["relations"]:
        s = sents[r["s"]]
        rels.append(GoldRelation(r["type"], r["subj"], r["obj"], s.start, s.end, sentence_hash(text[s.start:s.end]),
                                 r.get("modality") or "asserted", bool(r.get("optional"))))
    return GoldArticle(row["article"], corpus, row.get("conflict", "other"), split, text_hash(text), ents, rels)


# --- NER sentences derived from the gold ------------------------------------------------------------

def _first_word_matches(token: str, word: str) -> bool:
    return any(stem == word for _, stem in proclitic_readings(normalize(token)))


def name_spans(tokens: list, names: list[tuple[list[str], str]]) -> list[tuple[int, int, str]]:
    """Longest, left-to-right, non-overlapping matches of names (folded words, type) over tokens; the
    first word may carry a proclitic (the whole token is labelled, as in the NER corpora)."""
    folded = [normalize(t.text) for t in tokens]
    by_length = sorted(names, key=lambda n: -len(n[0]))
    spans, i = [], 0
    while i < len(tokens):
        hit = next(((len(words), etype) for words, etype in by_length
                    if i + len(words) <= len(tokens) and _first_word_matches(tokens[i].text, words[0])
                    and folded[i + 1:i + len(words)] == words[1:]), None)
        if hit:
            spans.append((tokens[i].start, tokens[i + hit[0] - 1].end, hit[1]))
            i += hit[0]
        else:
            i += 1
    return spans


def ner_rows(article: GoldArticle, text: str) -> Iterator[dict]:
    """One stand-off NER row per sentence of the article (sentences without entities included)."""
    names = [(normalize(n).split(), e.type) for e in article.entities for n in e.names if normalize(n)]
    for s in split_sentences(text):
        yield {"article": article.article, "corpus": article.corpus, "conflict": article.conflict,
               "split": article.split, "start": s.start, "end": s.end,
               "sha1": sentence_hash(text[s.start:s.end]),
               "entities": [list(x) for x in name_spans(s.tokens, names)]}


def main(argv: list[str] | None = None) -> None:
    """Rebuild ``eval/gold/multi_conflict.jsonl`` and its NER rows from annotators' working files."""
    import argparse

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("annotations", nargs="+", type=Path)
    ap.add_argument("--splits", type=Path, required=True, help="JSON {'split': {article id: split}}")
    ap.add_argument("--out", type=Path, default=GOLD_DIR / "multi_conflict.jsonl")
    ap.add_argument("--ner-out", type=Path, default=NER_ROWS)
    args = ap.parse_args(argv)
    splits = json.loads(args.splits.read_text(encoding="utf-8"))["split"]
    rows = [json.loads(line) for p in args.annotations for line in p.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    rows = list({r["article"]: r for r in rows}.values())
    texts = article_texts(r["article"] for r in rows)
    gold = [import_annotation(r, texts[r["article"]], "snn" if r["article"].startswith("SNN-") else "ant",
                              splits[r["article"]]) for r in rows]
    gold.sort(key=lambda a: (a.conflict, a.article))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(article_to_json(a), ensure_ascii=False) + "\n" for a in gold),
                        encoding="utf-8")
    ner = [row for a in gold for row in ner_rows(a, texts[a.article])]
    args.ner_out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ner), encoding="utf-8")
    print(f"{len(gold)} articles -> {args.out}; {len(ner)} NER sentences "
          f"({sum(len(r['entities']) for r in ner)} spans) -> {args.ner_out}")


if __name__ == "__main__":
    main()
