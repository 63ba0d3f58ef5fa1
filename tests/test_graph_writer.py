"""graph.jsonl writing: entities merged across articles, and relations checked against the final types."""

import io
import json

from kg.extract import relation_fits_types
from kg.graph import GraphWriter
from kg.model import AnalyzedDoc, Document, Entity, Relation


def _doc(doc_id: str, person_type: str, relations: list[Relation]) -> AnalyzedDoc:
    adoc = AnalyzedDoc(Document(id=doc_id, text="نص"))
    adoc.entities = {
        "E_x": Entity("E_x", "الزيدي", person_type, [], [doc_id]),
        "JORDAN": Entity("JORDAN", "الأردن", "Place", [], [doc_id], "Q810"),
    }
    adoc.relations = relations
    return adoc


def test_relation_whose_argument_the_corpus_types_otherwise_is_left_out():
    talks = Relation("r1", "NEGOTIATED_WITH", "E_x", "JORDAN", "a", "جملة", 0, 4, 0.8, "asserted")
    out = io.StringIO()
    writer = GraphWriter(out, relation_fits=relation_fits_types)
    writer.add(_doc("a", "Person", [talks]))   # a person negotiating with a state: fits here
    writer.add(_doc("b", "Place", []))         # but two other articles make the same name a place
    writer.add(_doc("c", "Place", []))
    writer.close()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r for r in records if r["kind"] == "relation"] == []
    assert writer.counts["relations_dropped"] == 1
    assert {r["id"]: r["type"] for r in records if r["kind"] == "entity"} == {"E_x": "Place", "JORDAN": "Place"}


def test_relation_that_fits_the_final_types_is_kept_with_its_evidence():
    talks = Relation("r1", "NEGOTIATED_WITH", "E_x", "JORDAN", "a", "جملة", 0, 4, 0.8, "asserted")
    out = io.StringIO()
    writer = GraphWriter(out, relation_fits=relation_fits_types)
    writer.add(_doc("a", "Person", [talks]))
    writer.add(_doc("b", "Place", []))
    writer.close()
    relations = [json.loads(line) for line in out.getvalue().splitlines() if '"relation"' in line]
    assert [(r["subject"], r["object"], r["doc"], r["start"], r["end"]) for r in relations] == [
        ("E_x", "JORDAN", "a", 0, 4)]
