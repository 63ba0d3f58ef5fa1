"""RDF export: ontology in sync with the lexicon, exports conform to the SHACL shapes, nothing is lost.

Runs on the seed graph built by the real pipeline and on tests/data/rdf_sample.jsonl, a small graph with
invented names that exercises every relation type, every modality and both directions of a symmetric
relation.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import owlrl
import pyshacl
import pytest
from rdflib import Graph as RDFGraph
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

from kg.graph import Graph, read_graph
from kg.model import RELATION_TYPES, Entity, Relation
from loaders import ontology
from loaders.ontology import DCTERMS, KGO, PROV, property_iri
from loaders.rdf_writer import assertion_iri, document_iri, entity_iri, graph_to_rdf, write_turtle

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "rdf_sample.jsonl"
ARABIC = re.compile(r"[\u0600-\u06FF]")
TYPE_CLASSES = {KGO.Person, KGO.Organization, KGO.Place}


@pytest.fixture(scope="module")
def lexicon() -> dict[str, dict]:
    return ontology.load_lexicon()


@pytest.fixture(scope="module")
def ont_graph() -> RDFGraph:
    return RDFGraph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes_graph() -> RDFGraph:
    return RDFGraph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module", params=["sample", "seed"])
def exported(request, tmp_path_factory) -> tuple[Graph, RDFGraph]:
    """(graph.jsonl model, the Turtle export parsed back) for the sample and the seed graph."""
    path = SAMPLE if request.param == "sample" else request.getfixturevalue("seed_graph_path")
    graph = read_graph(path)
    ttl = write_turtle(graph, tmp_path_factory.mktemp(f"rdf-{request.param}") / "graph.ttl")
    return graph, RDFGraph().parse(ttl, format="turtle")


def validate(data: RDFGraph, shapes: RDFGraph, ont: RDFGraph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none")
    return conforms, text


# ------------------------------------------------------------------ ontology <-> lexicon


def test_ontology_files_are_generated_from_the_lexicon():
    stale = ontology.stale_files()
    assert not stale, f"{[p.name for p in stale]} out of date with relations.json: run `kg ontology`"


def test_every_relation_type_is_an_annotated_property(lexicon, ont_graph):
    assert set(lexicon) == set(RELATION_TYPES)
    for rel_type, entry in lexicon.items():
        prop = property_iri(rel_type)
        assert (prop, RDF.type, OWL.ObjectProperty) in ont_graph
        assert (prop, RDFS.subPropertyOf, KGO.relation) in ont_graph
        labels = {lit.language: str(lit) for lit in ont_graph.objects(prop, RDFS.label)}
        assert labels == {"ar": entry["label_ar"], "en": entry["label_en"]}
        assert ARABIC.search(labels["ar"])
        assert str(ont_graph.value(prop, KGO.relationTypeName)) == rel_type
        assert Literal(entry["definition_en"], lang="en") in set(ont_graph.objects(prop, SKOS.definition))
        assert ont_graph.value(prop, RDFS.domain) is not None and ont_graph.value(prop, RDFS.range) is not None
        acled = {str(v) for v in ont_graph.objects(prop, KGO.acledEventType)}
        assert acled == set(ontology._as_list((entry.get("acled") or {}).get("event_type")))
        cameo = entry.get("cameo") if isinstance(entry.get("cameo"), dict) else {"code": entry.get("cameo")}
        assert {str(v) for v in ont_graph.objects(prop, KGO.cameoCode)} == set(ontology._as_list(cameo["code"]))
        assert {str(v) for v in ont_graph.objects(prop, KGO.cameoClosestCode)} == \
            set(ontology._as_list(cameo.get("closest")))
    symmetric = {str(ont_graph.value(p, KGO.relationTypeName))
                 for p in ont_graph.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == {t for t, e in lexicon.items() if e.get("symmetric")}
    assert {"FOUGHT", "NEGOTIATED_WITH"} <= symmetric


def test_alignments(ont_graph):
    schema = "https://schema.org/"
    for cls, parent in [(KGO.Person, schema + "Person"), (KGO.Organization, schema + "Organization"),
                        (KGO.Place, schema + "Place"), (KGO.Document, schema + "NewsArticle"),
                        (KGO.Document, str(PROV.Entity)), (KGO.RelationAssertion, str(PROV.Entity)),
                        (KGO.Person, str(KGO.Actor)), (KGO.Organization, str(KGO.Actor))]:
        assert (cls, RDFS.subClassOf, URIRef(parent)) in ont_graph


# ------------------------------------------------------------------ exports


def test_export_conforms_to_shapes(exported, shapes_graph, ont_graph):
    _, data = exported
    conforms, report = validate(data, shapes_graph, ont_graph)
    assert conforms, report


def test_counts_match_graph_jsonl(exported):
    graph, data = exported
    assert len(graph.relations) > 0 and len(graph.entities) > 0
    typed = [s for cls in TYPE_CLASSES for s in data.subjects(RDF.type, cls)]
    assert len(typed) == len(set(typed)) == len(graph.entities)
    # the one type class of each (a state or a capital has a second rdf:type besides kgo:Place)
    assert Counter(next(t for t in data.objects(s, RDF.type) if t in TYPE_CLASSES).split("#")[1]
                   for s in typed) == Counter(e.type for e in graph.entities.values())
    assertions = set(data.subjects(RDF.type, KGO.RelationAssertion))
    assert len(assertions) == len(graph.relations)
    assert len(set(data.subjects(RDF.type, KGO.Document))) == len(graph.documents)
    # one direct triple per (type, pair) of asserted instances, symmetric pairs counted once
    lexicon = ontology.load_lexicon()
    pairs = set()
    for r in graph.relations:
        if r.modality == "asserted":
            pair = tuple(sorted((r.subject, r.object))) if lexicon[r.type].get("symmetric") else (
                r.subject, r.object)
            pairs.add((r.type, pair))
    direct = [(p, o) for p in map(property_iri, lexicon) for o in data.subject_objects(p)]
    assert len(direct) == len(pairs)


def test_assertions_round_trip_evidence(exported):
    """Every relation instance keeps its sentence, offsets, confidence, modality and document."""
    graph, data = exported
    for r in graph.relations:
        node = assertion_iri(r.id)
        assert data.value(node, KGO.subject) == entity_iri(r.subject)
        assert data.value(node, KGO.object) == entity_iri(r.object)
        assert data.value(node, KGO.relationType) == property_iri(r.type)
        sentence = data.value(node, KGO.sentence)
        assert str(sentence) == r.sentence and sentence.language == "ar"
        assert data.value(node, KGO.startOffset).toPython() == r.start
        assert data.value(node, KGO.endOffset).toPython() == r.end
        assert data.value(node, KGO.confidence).toPython() == Decimal(repr(r.confidence))
        assert str(data.value(node, KGO.modality)) == r.modality
        assert data.value(node, PROV.wasDerivedFrom) == document_iri(r.doc)


def test_labels_are_arabic(exported):
    graph, data = exported
    for ent in graph.entities.values():
        labels = [lbl for lbl in data.objects(entity_iri(ent.id), RDFS.label) if lbl.language == "ar"]
        assert [str(lbl) for lbl in labels] == [ent.label]
        assert ARABIC.search(ent.label), ent
        aliases = list(data.objects(entity_iri(ent.id), SKOS.altLabel))
        assert {str(a) for a in aliases} == set(ent.aliases) - {ent.label}
        assert all((a.language == "ar") == bool(ARABIC.search(a)) for a in aliases)
        if ent.wikidata:
            assert (entity_iri(ent.id), OWL.sameAs,
                    URIRef(f"http://www.wikidata.org/entity/{ent.wikidata}")) in data


def test_symmetric_relations_are_inferred_both_ways(exported, ont_graph, lexicon):
    """One direction is stored; OWL RL reasoning over the ontology gives the reverse one."""
    graph, data = exported
    symmetric = [r for r in graph.relations
                 if r.modality == "asserted" and lexicon[r.type].get("symmetric") and r.subject != r.object]
    assert symmetric, "the graph has no asserted symmetric relation to reason about"
    closed = RDFGraph()
    closed += data
    closed += ont_graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    for r in symmetric:
        s, p, o = entity_iri(r.subject), property_iri(r.type), entity_iri(r.object)
        assert ((s, p, o) in data) != ((o, p, s) in data), "stored exactly once"
        assert (s, p, o) in closed and (o, p, s) in closed
        assert (s, KGO.relation, o) in closed  # sub-property of kgo:relation
    for ent in graph.entities.values():
        if ent.type in ("Person", "Organization"):
            assert (entity_iri(ent.id), RDF.type, KGO.Actor) in closed


def test_non_asserted_relations_have_no_direct_triple():
    """A denied or expected negotiation is kept with its evidence but is not stated as a fact."""
    graph = read_graph(SAMPLE)
    data = graph_to_rdf(graph)
    others = [r for r in graph.relations if r.modality != "asserted"]
    assert {r.modality for r in others} == {"denied", "expected"}
    asserted = {(r.type, frozenset((r.subject, r.object))) for r in graph.relations
                if r.modality == "asserted"}
    for r in others:
        s, p, o = entity_iri(r.subject), property_iri(r.type), entity_iri(r.object)
        assert (data.value(assertion_iri(r.id), KGO.modality)) == Literal(r.modality)
        if (r.type, frozenset((r.subject, r.object))) not in asserted:
            assert (s, p, o) not in data and (o, p, s) not in data


def test_iris_are_percent_encoded():
    graph = Graph()
    graph.entities["ORG/دير الزور #1"] = Entity("ORG/دير الزور #1", "مجلس دير الزور", "Organization")
    graph.entities["ISIS"] = Entity("ISIS", "داعش", "Organization", wikidata="Q2429253")
    graph.relations.append(Relation("doc 1:0", "FOUGHT", "ORG/دير الزور #1", "ISIS", "doc 1",
                                    "قاتل مجلس دير الزور داعش", 0, 25, 0.9))
    ttl = graph_to_rdf(graph).serialize(format="turtle")
    back = RDFGraph().parse(data=ttl, format="turtle")
    node = entity_iri("ORG/دير الزور #1")
    assert str(node).endswith("/entity/ORG%2F%D8%AF%D9%8A%D8%B1%20%D8%A7%D9%84%D8%B2%D9%88%D8%B1%20%231")
    assert str(back.value(node, DCTERMS.identifier)) == "ORG/دير الزور #1"
    assert (node, KGO.fought, entity_iri("ISIS")) in back or (entity_iri("ISIS"), KGO.fought, node) in back


# ------------------------------------------------------------------ the shapes catch broken exports


def _first(data: RDFGraph, cls: URIRef, where=None) -> URIRef:
    nodes = sorted(data.subjects(RDF.type, cls))
    return next(n for n in nodes if where is None or where(n))


def _set(data, node, prop, value):
    data.remove((node, prop, None))
    data.add((node, prop, value))


def _assertion(data, rel_type=None, modality="asserted"):
    return _first(data, KGO.RelationAssertion, lambda n: (
        rel_type is None or data.value(n, KGO.relationType) == property_iri(rel_type))
        and str(data.value(n, KGO.modality)) == modality)


BREAKAGES = {  # name -> (how to break a valid export, a message the report must contain)
    "entity without label": (lambda d: d.remove((_first(d, KGO.Organization), RDFS.label, None)),
                             "rdfs:label in Arabic"),
    "label not Arabic": (lambda d: _set(d, _first(d, KGO.Organization), RDFS.label, Literal("ISIS", lang="en")),
                         "rdfs:label in Arabic"),
    "two type classes": (lambda d: d.add((_first(d, KGO.Organization), RDF.type, KGO.Place)),
                         "exactly one of kgo:Person, kgo:Organization, kgo:Place"),
    "untyped endpoint": (lambda d: d.remove((d.value(_assertion(d), KGO.subject), RDF.type, None)),
                         "exactly one of kgo:Person, kgo:Organization, kgo:Place"),
    "sameAs not Wikidata": (lambda d: d.add((_first(d, KGO.Place), OWL.sameAs, URIRef("http://dbpedia.org/x"))),
                            "does not match pattern"),
    "start after end": (lambda d: _set(d, _assertion(d), KGO.startOffset, Literal(10**6)),
                        "startOffset is an integer >= 0 and < endOffset"),
    "confidence above 1": (lambda d: _set(d, _assertion(d), KGO.confidence,
                                          Literal(Decimal("1.5"), datatype=XSD.decimal)), "is not <="),
    "unknown modality": (lambda d: _set(d, _assertion(d), KGO.modality, Literal("rumoured")),
                         'Literal("rumoured") not in list'),
    "unknown relation type": (lambda d: _set(d, _assertion(d), KGO.relationType, KGO.married),
                              "kgo:married not in list"),
    "no document": (lambda d: d.remove((_assertion(d), PROV.wasDerivedFrom, None)),
                    "prov:wasDerivedFrom"),
    "no sentence": (lambda d: d.remove((_assertion(d), KGO.sentence, None)), "kgo:sentence"),
    "sentence not Arabic": (lambda d: _set(d, _assertion(d), KGO.sentence, Literal("clashes")),
                            "language is not in"),
    "leader is a place": (lambda d: _set(d, _assertion(d, "LEADS"), KGO.subject, _first(d, KGO.Place)),
                          "the subject of a LEADS instance"),
    "direct triple mistyped": (lambda d: d.add((_first(d, KGO.Place), KGO.leads, _first(d, KGO.Organization))),
                               "the subject of kgo:leads is a Person"),
    "fact without evidence": (lambda d: d.add((_first(d, KGO.Organization), KGO.controls,
                                               _first(d, KGO.Place))),
                              "backed by an asserted relation instance"),
    "asserted instance without its fact": (lambda d: d.remove((None, KGO.controls, None)),
                                           "has its direct triple"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_shapes_reject_broken_export(breakage, shapes_graph, ont_graph):
    data = graph_to_rdf(read_graph(SAMPLE))
    assert validate(data, shapes_graph, ont_graph)[0]
    breaks, message = BREAKAGES[breakage]
    breaks(data)
    conforms, report_graph, _ = pyshacl.validate(data, shacl_graph=shapes_graph, ont_graph=ont_graph,
                                                 inference="none")
    assert not conforms
    messages = [str(report_graph.value(r, SH.resultMessage))
                for r in report_graph.subjects(RDF.type, SH.ValidationResult)
                if report_graph.value(r, SH.resultSeverity) == SH.Violation]
    assert any(message in m for m in messages), messages


def test_path_query_is_generated():
    from loaders.sparql_paths import QUERY_PATH, path_query

    assert QUERY_PATH.read_text(encoding="utf-8") == path_query(), "run `python -m loaders.sparql_paths`"


def test_sparql_parameters_are_bound_not_spliced(tmp_path):
    """A parameter value is an RDF literal: SPARQL syntax in it matches nothing and breaks nothing."""
    from loaders.sparql import run_query

    ttl = write_turtle(read_graph(SAMPLE), tmp_path / "graph.ttl")
    query = ROOT / "queries" / "02_agreements_of_actor.rq"
    columns, rows = run_query(query, ttl)
    assert columns[:2] == ["actor", "partner"] and {r[0] for r in rows} == {"ISIS"}
    assert run_query(query, ttl, {"actor": 'ISIS" } UNION { ?x ?p ?o } #'})[1] == []
    with pytest.raises(ValueError, match="unknown parameter"):
        run_query(query, ttl, {"actr": "ISIS"})
    limited = ROOT / "queries" / "07_most_connected_actors.rq"
    assert len(run_query(limited, ttl, {"limit": "2"})[1]) == 2
    with pytest.raises(ValueError, match="non-negative integer"):
        run_query(limited, ttl, {"limit": -1})
