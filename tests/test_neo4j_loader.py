"""loaders.neo4j_loader and loaders.cypher_script against a real Neo4j 5.26 server."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.graph import Graph, read_graph, write_graph
from loaders.cypher_script import cypher_literal, cypher_string, split_statements, write_cypher_script
from loaders.neo4j_loader import Neo4jLoadError, connect, database_counts, load_graph, load_graph_file

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "neo4j_mini_graph.jsonl"
EXPECTED = {"documents": 4, "entities": 9, "mentions": 19, "relations": 10, "evidence": 12}
WRITTEN = {**EXPECTED, "removed_entities": 0, "removed_relations": 0}  # what load_graph returns


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
        "MATCH (n) WHERE NOT n:Run RETURN labels(n) AS labels, properties(n) AS props"
    )
    return sorted((tuple(sorted(r["labels"])), tuple(sorted((k, str(v)) for k, v in r["props"].items())))
                  for r in records)


def test_load_twice_gives_the_same_graph(neo4j_db):
    graph = read_graph(MINI)
    first = load_graph(neo4j_db, graph, batch_size=3)
    assert first == WRITTEN
    assert database_counts(neo4j_db) == EXPECTED
    dump = (nodes(neo4j_db), relationships(neo4j_db))

    second = load_graph(neo4j_db, graph)
    assert second == WRITTEN  # the same rows rewritten, nothing removed
    assert database_counts(neo4j_db) == EXPECTED
    assert (nodes(neo4j_db), relationships(neo4j_db)) == dump
    dump = relationships(neo4j_db)

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
    assert records[0]["n"] == 3 and records[0]["date"].iso_format() == "2016-11-02"  # a Neo4j DATE
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
    assert lines == [f"loading {MINI} into Neo4j at bolt://127.0.0.1:1, database (server default) ...",
                     "error: cannot reach Neo4j at bolt://127.0.0.1:1 (is it running? scripts/neo4j-local.sh start)"]


def test_wrong_credentials_are_a_clear_error(neo4j_uri):
    with pytest.raises(Neo4jLoadError, match="refused the credentials of user 'nobody'"):
        load_graph_file(neo4j_uri, "nobody", "not-the-password", MINI)


def test_cli_load(neo4j_db, neo4j_uri, neo4j_auth):
    env = {**os.environ, "NEO4J_URI": neo4j_uri, "NEO4J_USER": neo4j_auth[0], "NEO4J_PASSWORD": neo4j_auth[1]}
    result = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "load", str(MINI)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "relations 10" in result.stderr and "evidence 12" in result.stderr
    assert database_counts(neo4j_db) == EXPECTED
    # the summary says where it went and what the database holds now
    assert f"into {neo4j_uri} database neo4j:" in result.stderr
    assert "database neo4j now holds documents 4, entities 9, mentions 19, relations 10, evidence 12" \
        in result.stderr


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


# --- reloads that stay true, runs, credentials ------------------------------------------------------------


def corrected(graph: Graph) -> Graph:
    """``graph`` as a newer build of the same articles gives it: USA is no longer found in t_doc2 (its
    mentions and SUPPORTED_BY relation go), ISIS no longer CONTROLS the town of t_doc1 (the town stays
    mentioned), and the evidence sentence of REL_t004 is corrected."""
    fixed = Graph(documents=dict(graph.documents))
    fixed.entities = {k: dataclasses.replace(e, docs=list(e.docs)) for k, e in graph.entities.items() if k != "USA"}
    fixed.mentions = [m for m in graph.mentions if m.entity != "USA"]
    fixed.relations = [dataclasses.replace(r, sentence="جملة مصححة عن القتال.") if r.id == "REL_t004" else r
                       for r in graph.relations if r.id not in ("REL_t007", "REL_t003")]
    return fixed


def test_reloading_a_corrected_graph_makes_the_database_equal_it(neo4j_db):
    graph = read_graph(MINI)
    mine, others = subgraph(graph, {"t_doc1", "t_doc2"}), subgraph(graph, {"t_doc3", "t_doc4"})
    load_graph(neo4j_db, mine)
    load_graph(neo4j_db, others)  # another load: its documents must stay as they are
    counts = load_graph(neo4j_db, corrected(mine))
    assert counts["removed_entities"] == 1 and counts["removed_relations"] == 2
    after_reload = (nodes(neo4j_db), relationships(neo4j_db))

    ids = {r["id"] for r in neo4j_db.execute_query("MATCH (e:Entity) RETURN e.id AS id")[0]}
    assert "USA" not in ids and "LOC_9e8d7c6b5a" in ids
    records, _, _ = neo4j_db.execute_query(
        "MATCH (:Entity {id: 'SDF'})-[r:FOUGHT]-(:Entity {id: 'ISIS'}) RETURN r.sentences AS s, r.docs AS docs")
    assert records[0]["docs"] == ["t_doc1", "t_doc2"] and records[0]["s"][1] == "جملة مصححة عن القتال."
    assert neo4j_db.execute_query("MATCH ()-[r:SUPPORTED_BY|CONTROLS]->(:Entity {id: 'LOC_9e8d7c6b5a'}) "
                                  "RETURN count(r) AS n")[0][0]["n"] == 0

    # the same database as loading the corrected graph and the other load into an empty one
    from tests.plugins.neo4j_server import wipe_neo4j

    wipe_neo4j(neo4j_db)
    load_graph(neo4j_db, others)
    load_graph(neo4j_db, corrected(mine))
    assert (nodes(neo4j_db), relationships(neo4j_db)) == after_reload


def _kg(*args: str, env: dict[str, str], cwd: Path = ROOT, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)


def _env(neo4j_uri: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return {**env, "NEO4J_URI": neo4j_uri, "PYTHONPATH": str(ROOT), **extra}


def test_each_load_is_a_run_the_user_can_list(neo4j_db, neo4j_uri, neo4j_auth, tmp_path):
    part = write_graph(subgraph(read_graph(MINI), {"t_doc1"}), tmp_path / "part.jsonl")
    env = _env(neo4j_uri, NEO4J_USER=neo4j_auth[0], NEO4J_PASSWORD=neo4j_auth[1])
    for graph in (MINI, part):
        assert _kg("load", str(graph), env=env).returncode == 0
    result = _kg("runs", env=env)
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()
    assert len(rows) == 2
    assert str(part) in rows[0] and str(MINI) in rows[1]  # newest first
    assert "documents 4, entities 9, relations 10, evidence 12" in rows[1]
    assert "documents 1, entities 4, relations 3, evidence 3" in rows[0]
    records, _, _ = neo4j_db.execute_query("MATCH (r:Run) RETURN r.at AS at ORDER BY at")
    assert len(records) == 2 and records[0]["at"] < records[1]["at"]


def test_no_password_is_a_clear_error_not_a_built_in_one(neo4j_db, neo4j_uri):
    result = _kg("load", str(MINI), env=_env(neo4j_uri))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: no password for Neo4j at {neo4j_uri}: set NEO4J_PASSWORD, or put NEO4J_PASSWORD=... in ./.env "
        "(scripts/neo4j-local.sh env prints the local server's), or run kg in a terminal to be asked"]
    assert database_counts(neo4j_db)["documents"] == 0
    # and the command line cannot carry one (every user sees it in `ps`)
    result = _kg("load", str(MINI), "--password", "x", env=_env(neo4j_uri))
    assert result.returncode == 2 and "No such option" in result.stderr


def test_password_from_dotenv_in_the_working_directory(neo4j_db, neo4j_uri, neo4j_auth, tmp_path):
    (tmp_path / ".env").write_text(f"# local settings\nNEO4J_USER={neo4j_auth[0]}\n"
                                   f"NEO4J_PASSWORD='{neo4j_auth[1]}'\n", encoding="utf-8")
    result = _kg("load", str(MINI), env=_env(neo4j_uri), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert database_counts(neo4j_db) == EXPECTED


def test_authentication_rate_limit_is_one_line(neo4j_driver, neo4j_uri):
    user, password = "kg_rate_probe", "probe-password-1"
    neo4j_driver.execute_query(f"CREATE OR REPLACE USER {user} SET PASSWORD $pw CHANGE NOT REQUIRED",
                               pw=password, database_="system")
    try:
        messages = []
        for _ in range(6):  # Neo4j locks a user for 5 s after 3 failed logins
            with pytest.raises(Neo4jLoadError) as failure:
                connect(neo4j_uri, user, "wrong")
            messages.append(str(failure.value))
        assert messages[0] == f"Neo4j at {neo4j_uri} refused the credentials of user {user!r}"
        assert messages[-1] == (f"Neo4j at {neo4j_uri} locked user {user!r} after too many failed logins: check "
                                "the password (NEO4J_PASSWORD or .env), wait a few seconds, retry")
        result = _kg("load", str(MINI), env=_env(neo4j_uri, NEO4J_USER=user, NEO4J_PASSWORD="wrong"))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith(f"error: Neo4j at {neo4j_uri} locked user")
    finally:
        neo4j_driver.execute_query(f"DROP USER {user} IF EXISTS", database_="system")


def test_password_typed_at_the_prompt_on_a_terminal(neo4j_db, neo4j_uri, neo4j_auth):
    """Run in a terminal (util-linux `script` gives it one) with no password set, kg asks for it."""
    command = f"{sys.executable} -c 'from kg.cli import main; main()' load {MINI}"
    proc = subprocess.Popen(["script", "-qfec", command, "/dev/null"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=_env(neo4j_uri, NEO4J_USER=neo4j_auth[0]), cwd=ROOT)
    seen = b""
    while b"Neo4j password for" not in seen:  # type only once asked: the prompt flushes typed-ahead input
        chunk = proc.stdout.read1(4096)
        assert chunk, seen
        seen += chunk
    time.sleep(1)  # click prints the prompt, then getpass turns echo off (flushing what came before)
    proc.stdin.write(neo4j_auth[1].encode() + b"\n")
    proc.stdin.flush()
    rest, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, (seen + rest).decode(errors="replace")
    assert neo4j_auth[1].encode() not in seen + rest  # not echoed
    assert database_counts(neo4j_db) == EXPECTED
