"""A state's capital that stands for its government (بدعم من الدوحة، أرسلت نيروبي قوات) is a party of the
relation types whose lexicon entry admits "Capital" (relations.json; entities.json ``capital_of``), and
stays the city where the sentence names a place (issue 11).  The entities are the alias table's, their
facts set by the pipeline's own EntityFacts; the sentences are written for this test."""

from dataclasses import replace
from pathlib import Path

import pyshacl
from rdflib import Graph as RDFGraph
from rdflib.namespace import RDF

from kg.geo import EntityFacts
from kg.graph import read_graph
from kg.knowledge import load_knowledge
from kg.model import AnalyzedDoc, Entity
from kg.relations import extract_relations, load_lexicon
from kg.relations.extract import capitals_in, default_category, default_country, default_is_state, one_state
from loaders.ontology import KGO
from loaders.rdf_writer import entity_iri, graph_to_rdf
from tests.test_relations import make_doc

ROOT = Path(__file__).resolve().parents[1]
PLACE, ORG = "Place", "Organization"
NAMES = {
    "نيروبي": ("NAIROBI", PLACE), "الصومال": ("SOMALIA", PLACE), "حركة الشباب": ("AL_SHABAAB", ORG),
    "القاهرة": ("CAIRO", PLACE), "الخرطوم": ("KHARTOUM", PLACE), "الدوحة": ("DOHA", PLACE),
    "حركة حماس": ("HAMAS", ORG), "مقديشو": ("MOGADISHU", PLACE), "الرياض": ("RIYADH", PLACE),
    "السعودية": ("SAUDI_ARABIA", PLACE), "قطر": ("QATAR", PLACE),
}
SYMMETRIC = {"FOUGHT", "NEGOTIATED_WITH"}


def doc_of(text: str) -> AnalyzedDoc:
    doc = make_doc(text, names=NAMES)
    EntityFacts(load_knowledge())(doc)  # capital_of, as the pipeline sets it before the relation step
    return doc


def facts(text: str) -> set[tuple[str, str, str]]:
    """(type, subject, object) of the rule layer, with the alias table's states and categories."""
    out = set()
    for r in extract_relations(doc_of(text)):
        s, o = sorted((r.subject, r.object)) if r.type in SYMMETRIC else (r.subject, r.object)
        out.add((r.type, s, o))
    return out


def test_the_table_marks_capitals_apart_from_other_cities():
    kb = load_knowledge()
    assert kb.entities["NAIROBI"].capital_of == "KENYA" and kb.entities["DOHA"].capital_of == "QATAR"
    assert not kb.entities["ADEN"].capital_of  # a seat of government at times, no capital
    assert all(kb.entities[e.capital_of].state for e in kb.entities.values() if e.capital_of)


def test_a_capital_sends_forces():
    assert ("TRANSFERRED_TO", "NAIROBI", "SOMALIA") in facts("أرسلت نيروبي قوات إلى الصومال لقتال حركة الشباب.")


def test_two_capitals_sign_an_agreement():
    assert ("NEGOTIATED_WITH", "CAIRO", "KHARTOUM") in facts("وقعت القاهرة والخرطوم اتفاقا لتقاسم مياه النهر.")


def test_support_from_a_capital():
    assert ("SUPPORTED_BY", "HAMAS", "DOHA") in facts("تواصل حركة حماس القتال بدعم من الدوحة.")
    assert ("SUPPORTED_BY", "HAMAS", "DOHA") in facts("قالت حركة حماس المدعومة من الدوحة إنها لن تنسحب.")
    assert ("SUPPORTED_BY", "HAMAS", "RIYADH") in facts("أعلنت الرياض دعمها لحركة حماس.")


def test_a_capital_named_as_the_city_is_no_party():
    assert not {f for f in facts("التقى وفد حركة حماس مسؤولين من حركة الشباب في الدوحة.") if "DOHA" in f}
    assert not {f for f in facts("وصل وفد حركة حماس إلى القاهرة لإجراء مباحثات مع حركة الشباب.") if "CAIRO" in f}
    got = facts("وقعت حركة الشباب اتفاقا مع حركة حماس في العاصمة الكينية نيروبي.")
    assert not {f for f in got if "NAIROBI" in f}
    # governed by في, and the capital listed after it by و too: where the talks were held
    got = facts("جرت مفاوضات بين حركة حماس وحركة الشباب في الدوحة والقاهرة.")
    assert got == {("NEGOTIATED_WITH", "AL_SHABAAB", "HAMAS")}


def test_a_capital_fights_no_one():
    """FOUGHT admits no capital: a capital attacked is the city (هجوم على مقديشو)."""
    assert not {f for f in facts("شنت حركة الشباب هجوما جديدا ضد مقديشو أمس.") if "MOGADISHU" in f}


def test_a_capital_is_on_its_state_side():
    doc = doc_of("عبرت الرياض عن موقف السعودية من قطر.")
    args = (default_is_state(), default_category(), default_country(), load_lexicon().state_apparatus,
            capitals_in(doc))
    assert one_state("RIYADH", "SAUDI_ARABIA", *args)
    assert not one_state("RIYADH", "QATAR", *args)


def test_rdf_types_a_capital_party():
    """A capital is typed kgo:Capital, which the shapes admit where the lexicon does (SUPPORTED_BY), and
    a plain city there is refused."""
    graph = read_graph(ROOT / "tests" / "data" / "rdf_sample.jsonl")
    org = next(e for e in graph.entities.values() if e.type == ORG)
    rel = next(r for r in graph.relations if r.modality == "asserted")
    graph.entities["DOHA"] = Entity("DOHA", "الدوحة", PLACE, capital_of="QATAR")
    graph.relations.append(replace(rel, id="capital-support", type="SUPPORTED_BY", subject=org.id, object="DOHA"))
    shapes = RDFGraph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    ont = RDFGraph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    data = graph_to_rdf(graph)
    assert (entity_iri("DOHA"), RDF.type, KGO.Capital) in data
    assert pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none")[0]
    graph.entities["DOHA"].capital_of = ""
    assert not pyshacl.validate(graph_to_rdf(graph), shacl_graph=shapes, ont_graph=ont, inference="none")[0]
