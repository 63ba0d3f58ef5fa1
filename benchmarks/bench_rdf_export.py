"""Time the RDF export of a graph.jsonl and report the Turtle size.

    python benchmarks/bench_rdf_export.py out/graph.jsonl            # a real graph (e.g. the 3,030 articles)
    python benchmarks/bench_rdf_export.py --synthetic 3030           # a synthetic graph of that many articles

The synthetic graph has the proportions of a news corpus run (per article: ~25 mentions, ~4 relation
instances, ~3 new entities) with made-up Arabic labels, so the writer's cost can be measured before the
real run exists. Add --validate to time the SHACL validation as well.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.graph import completion_record, read_graph  # noqa: E402
from kg.model import ENTITY_TYPES  # noqa: E402
from loaders.ontology import load_lexicon, validate_file  # noqa: E402
from loaders.rdf_writer import graph_to_rdf  # noqa: E402

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
MODALITIES = ["asserted"] * 17 + ["expected", "proposed", "denied"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 7)))


def synthetic_graph(articles: int, path: Path, seed: int = 7) -> Path:
    """Write a synthetic graph.jsonl with ``articles`` documents."""
    rng = random.Random(seed)
    lexicon = load_lexicon()
    entities: dict[str, dict] = {}
    ids_by_type: dict[str, list[str]] = {t: [] for t in ENTITY_TYPES}
    with path.open("w", encoding="utf-8") as out:
        for n in range(articles):
            doc = f"ant-{n:05d}"
            out.write(json.dumps({"kind": "document", "id": doc, "title": " ".join(_word(rng) for _ in range(6)),
                                  "date": f"2018-{rng.randint(2, 10):02d}-{rng.randint(1, 28):02d}",
                                  "source": rng.choice(["BBC", "CNN", "France24", "SkyNewsArabia"]),
                                  "url": f"https://example.org/{doc}", "path": ""}, ensure_ascii=False) + "\n")
            for _ in range(3):
                etype = rng.choice(ENTITY_TYPES)
                label = f"{_word(rng)} {_word(rng)}"
                eid = f"{etype[:3].upper()}_{len(entities):010x}"
                entities[eid] = {"kind": "entity", "id": eid, "label": label, "type": etype,
                                 "aliases": [_word(rng)], "docs": [], "wikidata": None}
                ids_by_type[etype].append(eid)
            pool = [rng.choice(list(entities)) for _ in range(12)]
            for eid in pool:
                entities[eid]["docs"].append(doc)
            for k in range(25):
                eid = rng.choice(pool)
                out.write(json.dumps({"kind": "mention", "entity": eid, "doc": doc, "start": k * 40,
                                      "end": k * 40 + 9, "text": entities[eid]["label"]},
                                     ensure_ascii=False) + "\n")
            for k in range(4):
                rel_type = rng.choice(sorted(lexicon))
                spec = lexicon[rel_type]
                subj_types = [t for t in spec["subject_types"] if t in ENTITY_TYPES and ids_by_type[t]]
                obj_types = [t for t in spec["object_types"] if t in ENTITY_TYPES and ids_by_type[t]]
                if not subj_types or not obj_types:
                    continue
                subj = rng.choice(ids_by_type[rng.choice(subj_types)][-400:])
                obj = rng.choice(ids_by_type[rng.choice(obj_types)][-400:])
                if subj == obj:
                    continue
                sentence = " ".join(_word(rng) for _ in range(rng.randint(12, 30))) + "."
                out.write(json.dumps({"kind": "relation", "id": f"{doc}:{k}", "type": rel_type, "subject": subj,
                                      "object": obj, "doc": doc, "sentence": sentence, "start": k * 200,
                                      "end": k * 200 + len(sentence), "confidence": round(rng.random(), 2),
                                      "modality": rng.choice(MODALITIES), "agent": None,
                                      "trigger": _word(rng)}, ensure_ascii=False) + "\n")
        for ent in entities.values():
            out.write(json.dumps(ent, ensure_ascii=False) + "\n")
    with path.open(encoding="utf-8") as fh:
        kinds = Counter(json.loads(line)["kind"] for line in fh)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(completion_record(kinds)) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("graph", nargs="?", type=Path, help="graph.jsonl to export")
    parser.add_argument("--synthetic", type=int, metavar="ARTICLES", help="export a synthetic graph instead")
    parser.add_argument("--out", type=Path, help="Turtle file (default: a temporary file)")
    parser.add_argument("--validate", action="store_true", help="also time SHACL validation")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-rdf-"))
    if args.synthetic:
        source = synthetic_graph(args.synthetic, tmp / "graph.jsonl")
    elif args.graph:
        source = args.graph
    else:
        parser.error("give a graph.jsonl or --synthetic N")
    out = args.out or tmp / "graph.ttl"

    t0 = time.perf_counter()
    graph = read_graph(source)
    t1 = time.perf_counter()
    rdf = graph_to_rdf(graph)
    t2 = time.perf_counter()
    rdf.serialize(destination=str(out), format="turtle", encoding="utf-8")
    t3 = time.perf_counter()
    result = {
        "graph": str(source), "documents": len(graph.documents), "entities": len(graph.entities),
        "mentions": len(graph.mentions), "relations": len(graph.relations), "triples": len(rdf),
        "read_s": round(t1 - t0, 2), "build_s": round(t2 - t1, 2), "serialize_s": round(t3 - t2, 2),
        "total_s": round(t3 - t0, 2), "turtle_bytes": out.stat().st_size,
        "turtle_mb": round(out.stat().st_size / 1e6, 2), "turtle": str(out),
    }
    if args.validate:
        t4 = time.perf_counter()
        conforms, _ = validate_file(out)
        result.update(conforms=conforms, validate_s=round(time.perf_counter() - t4, 2))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
