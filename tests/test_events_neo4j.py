"""Dates in the real Neo4j: documents get DATE (and DATETIME where a time is given) values, evidence lists
carry each instance's date and place, and the saved timeline sorts a 200-article ANT build by date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.graph import read_graph
from loaders.neo4j_loader import load_graph, run_saved_query
from tests.plugins.neo4j_server import wipe_neo4j

pytestmark = pytest.mark.neo4j

QUERIES = Path(__file__).resolve().parents[1] / "queries"


@pytest.fixture(scope="module")
def ant200(neo4j_driver, ant200_graph_path):
    """The 200-article ANT graph, loaded once for this module."""
    graph = read_graph(ant200_graph_path)
    wipe_neo4j(neo4j_driver)
    load_graph(neo4j_driver, graph)
    return graph, neo4j_driver


def test_document_dates_are_neo4j_date_and_datetime_values(ant200):
    graph, driver = ant200
    records, _, _ = driver.execute_query(
        "MATCH (d:Document) RETURN d.id AS id, valueType(d.date) AS date_type, "
        "valueType(d.datetime) AS datetime_type, d.date AS date, d.date_text AS text")
    assert len(records) == len(graph.documents) == 200
    assert {r["date_type"] for r in records} == {"DATE NOT NULL"}
    assert {r["datetime_type"] for r in records} == {"ZONED DATETIME NOT NULL"}  # RFC 822 stamps have a time
    for r in records:
        doc = graph.documents[r["id"]]
        assert r["date"].iso_format() == doc.date and r["text"] == doc.date_text


def test_evidence_lists_carry_each_instances_date_and_place(ant200):
    graph, driver = ant200
    records, _, _ = driver.execute_query(
        "MATCH (:Entity)-[r]->(:Entity) UNWIND range(0, size(r.evidence_ids) - 1) AS i "
        "RETURN r.evidence_ids[i] AS id, r.dates[i] AS date, r.date_sources[i] AS source, r.places[i] AS place")
    stored = {r["id"]: (r["date"], r["source"], r["place"]) for r in records}
    assert stored == {r.id: (r.date, r.date_source, r.place or "") for r in graph.relations}
    assert any(place for _, _, place in stored.values())


def test_actor_timeline_on_200_ant_articles_is_in_date_order(ant200):
    graph, driver = ant200
    actors = sorted({e for r in graph.relations for e in (r.subject, r.object)},
                    key=lambda e: -sum(e in (r.subject, r.object) for r in graph.relations))[:5]
    for actor in actors:
        rows = run_saved_query(driver, QUERIES / "06_actor_timeline.cypher", {"actor": actor})
        assert rows, actor
        days = [dt.date.fromisoformat(r["date"]) for r in rows]
        assert days == sorted(days), actor
        # the old text dates sorted by weekday name (Fri before Mon); the DATE values span the corpus
        assert all(r["date"] == graph.documents[r["doc"]].date for r in rows)


def test_who_controls_what_reports_the_latest_document_date(ant200):
    graph, driver = ant200
    rows = run_saved_query(driver, QUERIES / "04_who_controls_what.cypher")
    assert rows
    for row in rows:
        docs = {r.doc for r in graph.relations if r.type == "CONTROLS"
                and (r.subject, r.object) == (row["controller"], row["place"])}
        assert row["last_date"] == max(graph.documents[d].date for d in docs)


def test_events_of_an_actor_in_a_date_range_and_at_a_place(ant200):
    graph, driver = ant200
    fought = [r for r in graph.relations if r.date and r.place]
    rel = fought[0]
    rows = run_saved_query(driver, QUERIES / "09_events_of_actor_in_range.cypher",
                           {"actor": rel.subject, "date_from": rel.date, "date_to": rel.date})
    assert rows and all(r["date"] == rel.date for r in rows)
    assert rel.sentence in {r["sentence"] for r in rows}
    want = sorted(r.id for r in graph.relations if rel.subject in (r.subject, r.object) and r.date == rel.date)
    assert len(rows) == len(want)
    at_place = run_saved_query(driver, QUERIES / "10_events_at_place.cypher", {"place": rel.place})
    assert len(at_place) == sum(r.place == rel.place for r in graph.relations)
    dated = [r["date"] for r in at_place if r["date"]]
    assert dated == sorted(dated)
