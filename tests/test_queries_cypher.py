"""Every saved query in queries/*.cypher, run on a real Neo4j: documented columns, expected rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from neo4j.graph import Path as Path4j

from kg.graph import read_graph
from loaders.neo4j_loader import PARAM_LINE, load_graph, query_params, run_saved_query
from tests.plugins.neo4j_server import wipe_neo4j

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
MINI = ROOT / "tests" / "data" / "neo4j_mini_graph.jsonl"
STEMS = sorted(p.stem for p in QUERIES.glob("*.cypher") if not p.stem.endswith(".graph"))
GRAPH_VARIANTS = sorted(p.stem for p in QUERIES.glob("*.graph.cypher"))
DATED = ("09_events_of_actor_in_range", "10_events_at_place")  # need event dates/places (not in the mini graph)

GRAPH = read_graph(MINI)
SENT = {r.id: r.sentence for r in GRAPH.relations}
NUSUR, FAJR, HAWRANI = "ORG_a1b2c3d4e5", "ORG_f6a7b8c9d0", "PER_0a1b2c3d4e"
ZAYTUN, WARD, RAMAD = "LOC_1f2e3d4c5b", "LOC_6a5b4c3d2e", "LOC_9e8d7c6b5a"
NAME = {e.id: e.label for e in GRAPH.entities.values()}


def documented_columns(path: Path) -> list[str]:
    match = re.search(r"^// Columns: (.+)$", path.read_text(encoding="utf-8"), re.M)
    assert match, f"{path.name}: no '// Columns:' header"
    return [c.strip() for c in match.group(1).split("(")[0].split(",")]


@pytest.fixture(scope="module")
def mini_db(neo4j_driver):
    wipe_neo4j(neo4j_driver)
    load_graph(neo4j_driver, GRAPH)
    return neo4j_driver


def run(db, stem: str, **params) -> list[dict]:
    return run_saved_query(db, QUERIES / f"{stem}.cypher", params)


def test_query_files_are_documented():
    """Browser :param lines first (nothing else before the header), then the documented header."""
    assert STEMS[:8] == [
        "01_who_fought_whom", "02_agreements_of_actor", "03_transfers", "04_who_controls_what",
        "05_path_between_actors", "06_actor_timeline", "07_most_connected_actors", "08_fought_and_negotiated"]
    for stem in STEMS + GRAPH_VARIANTS:
        lines = (QUERIES / f"{stem}.cypher").read_text(encoding="utf-8").splitlines()
        params = [line for line in lines if line.startswith(":")]
        assert lines[:len(params)] == params and all(PARAM_LINE.match(p) and p.endswith(";") for p in params)
        rest = "\n".join(lines[len(params):])
        assert rest.startswith(f"// {stem}: "), stem
        assert "@param" not in rest and "ORDER BY" in rest and "// Order:" in rest, stem
        assert not rest.rstrip().endswith(";"), stem
        if stem in STEMS:
            assert documented_columns(QUERIES / f"{stem}.cypher")
        else:
            assert "// Returns: a graph" in rest, stem
    assert query_params((QUERIES / "05_path_between_actors.cypher").read_text()) == {"a": "ISIS", "b": "SDF"}
    assert query_params((QUERIES / "07_most_connected_actors.cypher").read_text()) == {"limit": 20}
    assert GRAPH_VARIANTS, "no graph-returning variants"
    for variant in GRAPH_VARIANTS:  # same parameters as the table query it draws
        table = variant.removesuffix(".graph")
        assert query_params((QUERIES / f"{variant}.cypher").read_text()) == query_params(
            (QUERIES / f"{table}.cypher").read_text()), variant


@pytest.mark.parametrize("stem", [s for s in STEMS if s not in DATED])
def test_columns_match_header(mini_db, stem):
    params = {"b": HAWRANI} if stem == "05_path_between_actors" else {}
    rows = run(mini_db, stem, **params)
    assert rows, f"{stem} returned nothing on the mini graph"
    assert list(rows[0]) == documented_columns(QUERIES / f"{stem}.cypher")
    for row in rows:
        assert all(isinstance(v, str | int) for v in row.values()), row


@pytest.mark.parametrize("variant", GRAPH_VARIANTS)
def test_graph_variants_return_paths(mini_db, variant):
    """What Browser draws: paths whose relationships are the ones the table query lists."""
    params = {"b": HAWRANI} if variant.startswith("05_") else {}
    rows = run(mini_db, variant, **params)
    assert rows and all(list(r) == ["p"] and isinstance(r["p"], Path4j) for r in rows), variant
    if variant == "01_who_fought_whom.graph":
        drawn = {tuple(sorted(n["id"] for n in r["p"].nodes)) for r in rows}
        assert drawn == {(r["a"], r["b"]) for r in run(mini_db, "01_who_fought_whom")}
    if variant == "05_path_between_actors.graph":
        assert [len(r["p"]) for r in rows] == [2, 2]


def test_01_who_fought_whom(mini_db):
    rows = run(mini_db, "01_who_fought_whom")
    assert [(r["a"], r["b"], r["count"], r["doc"]) for r in rows] == [
        ("ISIS", "SDF", 2, "t_doc1"), ("ISIS", NUSUR, 1, "t_doc2"), ("ISIS", FAJR, 1, "t_doc1")]
    assert rows[0]["sentence"] == SENT["REL_t001"] and rows[0]["b_name"] == "قوات سوريا الديمقراطية"


def test_02_agreements_of_actor(mini_db):
    rows = run(mini_db, "02_agreements_of_actor")  # default actor ISIS
    assert [(r["partner"], r["date"], r["modality"], r["sentence"]) for r in rows] == [
        (FAJR, "2017-01-09", "asserted", SENT["REL_t008"]), (FAJR, "2017-03-21", "proposed", SENT["REL_t012"])]
    assert [r["partner"] for r in run(mini_db, "02_agreements_of_actor", actor=FAJR)] == ["ISIS", "ISIS"]
    assert run(mini_db, "02_agreements_of_actor", actor="SDF") == []


def test_03_transfers(mini_db):
    assert run(mini_db, "03_transfers") == [{
        "party": NUSUR, "party_name": NAME[NUSUR], "destination": WARD, "destination_name": NAME[WARD],
        "agent": "SDF", "agent_name": NAME["SDF"], "doc": "t_doc3", "sentence": SENT["REL_t009"]}]


def test_04_who_controls_what(mini_db):
    rows = run(mini_db, "04_who_controls_what")
    assert [(r["place"], r["controller"], r["count"], r["last_date"]) for r in rows] == [
        (ZAYTUN, "SDF", 1, "2016-11-02"), (RAMAD, "ISIS", 1, "2016-10-17")]


def test_05_path_between_actors(mini_db):
    rows = run(mini_db, "05_path_between_actors", a="ISIS", b=HAWRANI)
    assert rows == [
        {"hops": 2, "path": f"ISIS -[FOUGHT]- {FAJR} <-[LEADS]- {HAWRANI}"},
        {"hops": 2, "path": f"ISIS -[NEGOTIATED_WITH]- {FAJR} <-[LEADS]- {HAWRANI}"},
    ]
    assert run(mini_db, "05_path_between_actors") == [{"hops": 1, "path": "ISIS -[FOUGHT]- SDF"}]
    assert run(mini_db, "05_path_between_actors", a="USA", b=WARD) == [
        {"hops": 3, "path": f"USA <-[SUPPORTED_BY]- SDF <-[SURRENDERED_TO]- {NUSUR} -[TRANSFERRED_TO]-> {WARD}"}]


def test_06_actor_timeline(mini_db):
    rows = run(mini_db, "06_actor_timeline")
    assert [(r["date"], r["relation"], r["subject"], r["object"]) for r in rows] == [
        ("2016-10-17", "CONTROLS", "ISIS", RAMAD),
        ("2016-10-17", "FOUGHT", "ISIS", FAJR),
        ("2016-10-17", "FOUGHT", "ISIS", "SDF"),
        ("2016-11-02", "FOUGHT", "ISIS", NUSUR),
        ("2016-11-02", "FOUGHT", "ISIS", "SDF"),
        ("2017-01-09", "NEGOTIATED_WITH", "ISIS", FAJR),
        ("2017-03-21", "NEGOTIATED_WITH", "ISIS", FAJR),
    ]
    assert rows[4]["sentence"] == SENT["REL_t004"]  # quotes, backslash and newline kept verbatim
    assert [r["relation"] for r in run(mini_db, "06_actor_timeline", actor=HAWRANI)] == ["LEADS"]


def test_07_most_connected_actors(mini_db):
    rows = run(mini_db, "07_most_connected_actors")
    assert [(r["actor"], r["type"], r["relations"], r["partners"], r["evidence"]) for r in rows[:4]] == [
        ("ISIS", "Organization", 5, 4, 7), ("SDF", "Organization", 4, 4, 5),
        (FAJR, "Organization", 3, 2, 4), (NUSUR, "Organization", 3, 3, 3)]
    assert len(rows) == 9
    assert [r["actor"] for r in run(mini_db, "07_most_connected_actors", limit=2)] == ["ISIS", "SDF"]


def test_08_fought_and_negotiated(mini_db):
    assert run(mini_db, "08_fought_and_negotiated") == [{
        "a": "ISIS", "a_name": NAME["ISIS"], "b": FAJR, "b_name": NAME[FAJR], "fought": 1, "negotiated": 2,
        "first_fought": "2016-10-17", "first_negotiated": "2017-01-09"}]


def test_queries_run_on_the_seed_graph(neo4j_driver, seed_graph_path):
    """The five seed articles through the real pipeline: every query runs with its documented columns."""
    wipe_neo4j(neo4j_driver)
    counts = load_graph(neo4j_driver, read_graph(seed_graph_path))
    assert counts["entities"] > 0 and counts["documents"] == 5
    for stem in STEMS:
        rows = run(neo4j_driver, stem)
        if rows:
            assert list(rows[0]) == documented_columns(QUERIES / f"{stem}.cypher")
    assert run(neo4j_driver, "07_most_connected_actors")
