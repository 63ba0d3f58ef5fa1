"""Batched Neo4j load vs one transaction per relation, in the same run, on the same server.

    python benchmarks/bench_neo4j_load.py out/graph.jsonl          # a graph from `kg extract`
    python benchmarks/bench_neo4j_load.py --synthetic 3030         # a generated graph of that many articles

Both strategies run the loader's own queries: documents, entities and mentions are loaded in batches
either way; the relations are then loaded either in batches of ``--batch-size`` rows (``load_graph``) or
one evidence item per transaction (what a naive per-relation ``session.run`` loop does). The database is
wiped before each strategy, and both must end with the same counts. Connection: ``--uri`` / ``NEO4J_URI``
(default the local server of scripts/neo4j-local.sh), ``NEO4J_USER``, ``NEO4J_PASSWORD``. Then the same
graph is loaded again (a reload retracts its documents' mentions and evidence first) and must leave the
database as it was; its time is given as a ratio to the first load.
WARNING: wipes the target database.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.graph import Graph, MentionRecord, read_graph  # noqa: E402
from kg.model import Document, Entity, Relation  # noqa: E402
from loaders.neo4j_loader import (  # noqa: E402
    RELATION_QUERIES,
    _write_batch,
    connect,
    database_counts,
    load_graph,
    relation_key,
    relation_row,
    wipe,
)

SYLLABLES = ["ال", "قا", "سم", "نو", "ري", "دي", "ور", "حم", "زي", "تو", "لي", "بر", "كا", "جو", "فا", "مر"]
REL_TYPES = ["FOUGHT", "FOUGHT", "FOUGHT", "CONTROLS", "CONTROLS", "NEGOTIATED_WITH", "SUPPORTED_BY",
             "LEADS", "SURRENDERED_TO", "TRANSFERRED_TO"]


def synthetic_graph(articles: int, seed: int = 7) -> Graph:
    """A graph shaped like the ANT corpus output: ~1.3 entities, ~16 mentions, ~3 relations per article,
    actors drawn with a Zipf-like skew (a few groups appear everywhere)."""
    rnd = random.Random(seed)
    g = Graph()
    types = ["Organization"] * 4 + ["Person"] * 3 + ["Place"] * 3
    n_entities = int(articles * 1.3)
    ids = []
    for i in range(n_entities):
        etype = types[i % len(types)]
        label = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 4)))
        eid = f"{etype[:3].upper()}_{i:010x}"
        ids.append(eid)
        g.entities[eid] = Entity(eid, label, etype, aliases=[label, "و" + label], docs=[])
    weights = [1 / (k + 1) for k in range(n_entities)]
    for a in range(articles):
        doc = f"bench_{a:05d}"
        g.documents[doc] = Document(id=doc, text="", title=f"خبر {a}", date=f"2016-{1 + a % 12:02d}-{1 + a % 28:02d}",
                                    source="bench", url=f"https://example.org/{a}")
        present = rnd.choices(ids, weights=weights, k=6)
        for eid in present:
            if doc not in g.entities[eid].docs:
                g.entities[eid].docs.append(doc)
        for m in range(16):
            eid = present[m % len(present)]
            g.mentions.append(MentionRecord(eid, doc, m * 40, m * 40 + 8, g.entities[eid].label))
        for r in range(3):
            s, o = rnd.sample(present, 2) if len(set(present)) > 1 else (present[0], ids[0])
            if s == o:
                continue
            sentence = f"جملة {r} من الخبر {a}: {g.entities[s].label} و{g.entities[o].label}."
            g.relations.append(Relation(
                id=f"REL_{a:05d}_{r}", type=rnd.choice(REL_TYPES), subject=s, object=o, doc=doc,
                sentence=sentence, start=r * 200, end=r * 200 + len(sentence),
                confidence=round(rnd.uniform(0.5, 1.0), 2), modality="asserted", agent=None, trigger=""))
    return g


def without_relations(graph: Graph) -> Graph:
    return Graph(documents=graph.documents, entities=graph.entities, mentions=graph.mentions, relations=[])


def only_relations(graph: Graph) -> Graph:
    return Graph(relations=graph.relations)


def per_relation(driver, graph: Graph) -> None:
    """One transaction per evidence item: the naive loop."""
    with driver.session() as session:
        for rel in graph.relations:
            rtype, s, o = relation_key(rel)
            session.execute_write(_write_batch, RELATION_QUERIES[rtype], [relation_row(s, o, [rel])])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph", nargs="?", type=Path, help="graph.jsonl to load")
    ap.add_argument("--synthetic", type=int, metavar="ARTICLES", help="generate a graph of this many articles")
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("--user", default=os.environ.get("NEO4J_USER", "neo4j"))
    ap.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD", "kg-local-neo4j"))
    ap.add_argument("--batch-size", type=int, default=1000)
    args = ap.parse_args(argv)
    if (args.graph is None) == (args.synthetic is None):
        ap.error("give a graph.jsonl or --synthetic ARTICLES")

    graph = read_graph(args.graph) if args.graph else synthetic_graph(args.synthetic)
    print(f"graph: {len(graph.documents)} documents, {len(graph.entities)} entities, "
          f"{len(graph.mentions)} mentions, {len(graph.relations)} relation evidence items", flush=True)
    driver = connect(args.uri, args.user, args.password)
    try:
        nodes_only = without_relations(graph)

        wipe(driver)
        t0 = time.perf_counter()
        load_graph(driver, nodes_only, batch_size=args.batch_size)
        t1 = time.perf_counter()
        load_graph(driver, only_relations(graph), batch_size=args.batch_size)
        t2 = time.perf_counter()
        batched = database_counts(driver)
        batched_rel, batched_total = t2 - t1, t2 - t0
        print(f"batched        nodes+mentions {t1 - t0:7.2f} s  relations {t2 - t1:7.2f} s  "
              f"total {t2 - t0:7.2f} s  {batched}", flush=True)

        t0 = time.perf_counter()  # a reload of the same graph: retract its documents, merge, clean up
        load_graph(driver, graph, batch_size=args.batch_size)
        reload_total = time.perf_counter() - t0
        reloaded = database_counts(driver)
        print(f"reload         total {reload_total:7.2f} s  {reloaded}  ratio reload/first load "
              f"{reload_total / batched_total:.2f}", flush=True)
        if reloaded != batched:
            print("MISMATCH: reloading the same graph changed the database", file=sys.stderr)
            return 1

        wipe(driver)
        t0 = time.perf_counter()
        load_graph(driver, nodes_only, batch_size=args.batch_size)
        t1 = time.perf_counter()
        per_relation(driver, graph)
        t2 = time.perf_counter()
        naive = database_counts(driver)
        naive_rel, naive_total = t2 - t1, t2 - t0
        print(f"per-relation   nodes+mentions {t1 - t0:7.2f} s  relations {t2 - t1:7.2f} s  "
              f"total {t2 - t0:7.2f} s  {naive}", flush=True)
    finally:
        driver.close()
    if naive != batched:
        print("MISMATCH: the two strategies loaded different graphs", file=sys.stderr)
        return 1
    print(f"ratio per-relation / batched: relations {naive_rel / batched_rel:.1f}x, "
          f"whole load {naive_total / batched_total:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
