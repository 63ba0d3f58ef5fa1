"""loaders.neo4j_loader and loaders.cypher_script against a real Neo4j 5.26 server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.graph import Graph, read_graph
from loaders.cypher_script import cypher_literal, cypher_string, split_statements, write_cypher_script
from loaders.neo4j_loader import Neo4jLoadError, database_counts, load_graph, load_graph_file

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "neo4j_mini_graph.jsonl"
EXPECTED = {"documents": 4, "entities": 9, "mentions": 19, "relations": 10, "evidence": 12}


def subgraph(graph: Graph, docs: set[str]) -> Graph:
    """The part of ``graph`` coming from ``docs`` (what extracting only those articles would give)."""
    part = Graph()
    part.documents = {k: v for k, v in graph.documents.items() if k in docs}
    part.mentions = [m for m in graph.mentions if m.doc in docs]
    part.relations = [r for r in graph.relations if r.doc in docs]
    part.entities = {k: e for k, e in graph.entities.items() if set(e.docs) & docs}
    return part


def relationships(driver) -> list[tuple]:
    """Every entity-entity relationship with its evidence, sorted: a comparable dump of the graph."""
    records, _, _ = driver.execute_query(
        "MATCH (s:Entity)-[r]->(o:Entity) RETURN type(r) AS t, s.id AS s, o.id AS o, r.count AS count, "
        "r.evidence_ids AS ids, r.docs AS docs, r.sentences AS sentences, r.starts AS starts, "
        "r.ends AS ends, r.confidences AS confidences, r.modalities AS modalities, r.agents AS agents"
    )
    return sorted(tuple(tuple(v) if isinstance(v, list) else v for v in r.values()) for r in records)


def nodes(driver) -> list[tuple]:
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    return sorted((tuple(sorted(r["labels"])), tuple(sorted((k, str(v)) for k, v in r["props"].items())))
                  for r in records)


def test_load_twice_gives_the_same_graph(neo4j_db):
    graph = read_graph(MINI)
    first = load_graph(neo4j_db, graph, batch_size=3)
    assert first == EXPECTED
    assert database_counts(neo4j_db) == EXPECTED
    dump = relationships(neo4j_db)

    second = load_graph(neo4j_db, graph)
    assert second["evidence"] == 0  # nothing new
    assert database_counts(neo4j_db) == EXPECTED
    assert relationships(neo4j_db) == dump

    # every relationship carries non-empty, parallel evidence, and count = distinct evidence ids
    for _t, _s, _o, count, ids, docs, sentences, starts, ends, confs, modalities, agents in dump:
        assert count == len(ids) == len(set(ids)) > 0
        assert len(docs) == len(sentences) == len(starts) == len(ends) == len(confs) == len(modalities) \
            == len(agents) == count
        assert all(s.strip() for s in sentences)


def test_schema_labels_and_symmetric_relations(neo4j_db):
    load_graph(neo4j_db, read_graph(MINI))
    records, _, _ = neo4j_db.execute_query(
        "MATCH (e:Entity {id: 'ISIS'}) RETURN labels(e) AS labels, e.name AS name, e.aliases AS aliases, "
        "e.wikidata AS qid"
    )
    assert sorted(records[0]["labels"]) == ["Entity", "Organization"]
    assert records[0]["name"] == "داعش" and "تنظيم الدولة" in records[0]["aliases"]
    assert records[0]["qid"] == "Q2429253"
    records, _, _ = neo4j_db.execute_query(
        "MATCH (e:Entity) RETURN [l IN labels(e) WHERE l <> 'Entity'] AS types, count(*) AS n ORDER BY n"
    )
    assert {tuple(r["types"]): r["n"] for r in records} == {("Person",): 1, ("Organization",): 4, ("Place",): 4}

    # ISIS->SDF (t_doc1) and SDF->ISIS (t_doc2) are one undirected FOUGHT relationship with 2 evidence
    records, _, _ = neo4j_db.execute_query(
        "MATCH (a:Entity)-[r:FOUGHT]-(b:Entity) WHERE a.id = 'ISIS' AND b.id = 'SDF' "
        "RETURN startNode(r).id AS s, r.count AS count, r.docs AS docs"
    )
    assert len(records) == 1
    assert records[0]["s"] == "ISIS" and records[0]["count"] == 2 and records[0]["docs"] == ["t_doc1", "t_doc2"]

    records, _, _ = neo4j_db.execute_query(
        "MATCH (d:Document {id: 't_doc2'})-[m:MENTIONS]->(e:Entity {id: 'SDF'}) RETURN m.count AS n, "
        "d.title AS title, d.date AS date"
    )
    assert records[0]["n"] == 3 and records[0]["date"] == "2016-11-02"
    assert records[0]["title"] == read_graph(MINI).documents["t_doc2"].title


def test_incremental_load_adds_new_documents(neo4j_db):
    graph = read_graph(MINI)
    part1 = subgraph(graph, {"t_doc1", "t_doc2"})
    part2 = subgraph(graph, {"t_doc3", "t_doc4"})

    load_graph(neo4j_db, part1)
    after1 = database_counts(neo4j_db)
    assert after1["documents"] == 2 and after1["evidence"] == 7 and after1["relations"] == 6

    counts = load_graph(neo4j_db, part2)
    assert counts["documents"] == 2 and counts["evidence"] == 5
    assert database_counts(neo4j_db) == EXPECTED
    incremental = relationships(neo4j_db)

    # the same as loading everything at once (evidence order aside: it is appended per load)
    load_graph(neo4j_db, graph)
    assert database_counts(neo4j_db) == EXPECTED
    records, _, _ = neo4j_db.execute_query(
        "MATCH (:Entity {id: 'ISIS'})-[r:NEGOTIATED_WITH]-(:Entity {id: 'ORG_f6a7b8c9d0'}) "
        "RETURN r.count AS n, r.modalities AS modalities"
    )
    assert records[0]["n"] == 2 and sorted(records[0]["modalities"]) == ["asserted", "proposed"]
    assert relationships(neo4j_db) == incremental


class Interrupted(Exception):
    pass


def test_interrupted_load_rerun_completes_without_duplicates(neo4j_db):
    graph = read_graph(MINI)
    batches = []

    def stop_after_relations(step: str, rows: int) -> None:
        batches.append(step)
        if batches.count("relations") == 3:
            raise Interrupted

    with pytest.raises(Interrupted):
        load_graph(neo4j_db, graph, batch_size=1, on_batch=stop_after_relations)
    partial = database_counts(neo4j_db)
    assert partial["documents"] == 4 and 0 < partial["evidence"] < EXPECTED["evidence"]

    load_graph(neo4j_db, graph, batch_size=1)
    assert database_counts(neo4j_db) == EXPECTED
    for row in relationships(neo4j_db):
        ids = row[4]
        assert len(ids) == len(set(ids)) == row[3]


def test_neo4j_down_is_a_clear_error(tmp_path):
    with pytest.raises(Neo4jLoadError, match="cannot reach Neo4j at bolt://127.0.0.1:1"):
        load_graph_file("bolt://127.0.0.1:1", "neo4j", "x", MINI)

    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}
    result = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "load", str(MINI)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines == ["error: cannot reach Neo4j at bolt://127.0.0.1:1 (is it running? "
                     "scripts/neo4j-local.sh start)"]


def test_wrong_credentials_are_a_clear_error(neo4j_uri):
    with pytest.raises(Neo4jLoadError, match="refused the credentials of user 'nobody'"):
        load_graph_file(neo4j_uri, "nobody", "not-the-password", MINI)


def test_cli_load(neo4j_db, neo4j_uri, neo4j_auth):
    env = {**os.environ, "NEO4J_URI": neo4j_uri, "NEO4J_USER": neo4j_auth[0], "NEO4J_PASSWORD": neo4j_auth[1]}
    result = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "load", str(MINI)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "relations 10" in result.stderr and "new evidence items 12" in result.stderr
    assert database_counts(neo4j_db) == EXPECTED


# --- graph.cypher -----------------------------------------------------------------------------------------


TRICKY = [
    "داعش",
    "it's",
    "back\\slash\\",
    "end with backslash \\",
    "quote ' and \\' together",
    'double " quote',
    "line\nbreak;\n// not a comment;",
    "tab\tcr\r",
    "\x00\x01\x1f control",
    "\u2028 separator \u202e rtl override",
    "';\nMATCH (n) DETACH DELETE n;\n//",
    "",
]


def test_literals_round_trip_through_the_server(neo4j_driver):
    for value in TRICKY:
        records, _, _ = neo4j_driver.execute_query(f"RETURN {cypher_string(value)} AS v")
        assert records[0]["v"] == value
    nested = {"ids": ["a'b", "c\\d"], "n": 3, "x": 0.25, "none": None, "ok": True}
    records, _, _ = neo4j_driver.execute_query(f"RETURN {cypher_literal(nested)} AS v")
    assert records[0]["v"] == nested


def test_script_loads_the_same_graph(neo4j_db, tmp_path):
    graph = read_graph(MINI)
    script = tmp_path / "graph.cypher"
    n = write_cypher_script(graph, script, batch_size=3)
    statements = split_statements(script.read_text(encoding="utf-8"))
    assert len(statements) == n
    assert all("$" not in s.split("[", 1)[0] for s in statements)  # no parameters: plain Cypher

    with neo4j_db.session() as session:
        for statement in statements:
            session.run(statement).consume()
    assert database_counts(neo4j_db) == EXPECTED
    by_script = (nodes(neo4j_db), relationships(neo4j_db))

    from tests.plugins.neo4j_server import wipe_neo4j

    wipe_neo4j(neo4j_db)
    load_graph(neo4j_db, graph)
    assert (nodes(neo4j_db), relationships(neo4j_db)) == by_script

    # and the script is as idempotent as the loader
    with neo4j_db.session() as session:
        for statement in statements:
            session.run(statement).consume()
    assert database_counts(neo4j_db) == EXPECTED


def test_script_survives_hostile_values(neo4j_db, tmp_path):
    graph = read_graph(MINI)
    for i, value in enumerate(TRICKY):
        doc = graph.documents["t_doc1"]
        graph.documents[f"evil_{i}"] = type(doc)(id=f"evil_{i}", text="", title=value, date=doc.date)
    script = tmp_path / "graph.cypher"
    write_cypher_script(graph, script)
    with neo4j_db.session() as session:
        for statement in split_statements(script.read_text(encoding="utf-8")):
            session.run(statement).consume()
    records, _, _ = neo4j_db.execute_query(
        "MATCH (d:Document) WHERE d.id STARTS WITH 'evil_' RETURN d.id AS id, d.title AS title"
    )
    assert {r["id"]: r["title"] for r in records} == {f"evil_{i}": v for i, v in enumerate(TRICKY)}
    assert database_counts(neo4j_db)["evidence"] == EXPECTED["evidence"]
