"""graph.jsonl -> RDF (Turtle) following ontology/kg.ttl, so analysts can query the graph with SPARQL.

Each relation instance becomes a ``kgo:RelationAssertion`` node carrying its Arabic evidence sentence,
offsets, confidence, modality and ``prov:wasDerivedFrom`` its document. A direct triple
``subject kgo:fought object`` is added once per (type, pair) for asserted instances only: a denied or
merely expected negotiation is not a fact. Symmetric types store one direction (smaller id first);
``owl:SymmetricProperty`` in the ontology gives the other. Countries of the alias table
(``state`` in graph.jsonl) are typed ``kgo:State`` besides ``kgo:Place``, their capitals (``capital_of``)
``kgo:Capital``, known entities get an English label
and known places ``schema:latitude``/``schema:longitude``. Documents carry ``dcterms:date`` as xsd:date and,
where the source gives a time, ``dcterms:issued`` as xsd:dateTime; assertions carry ``kgo:eventDate``
(xsd:date), ``kgo:dateSource`` and ``kgo:eventPlace``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph as RDFGraph
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.graph import Graph, read_graph
from kg.model import ENTITY_TYPES
from kg.outputs import atomic_file
from loaders.ontology import DCTERMS, KGO, KGR, PREFIXES, PROV, SCHEMA, WD, load_lexicon, property_iri

ENTITY_NS = KGR["entity/"]
DOCUMENT_NS = KGR["doc/"]
ASSERTION_NS = KGR["assertion/"]
QID = re.compile(r"Q[1-9][0-9]*")
ARABIC = re.compile(r"[\u0600-\u06FF]")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iri(namespace: str, ident: str) -> URIRef:
    """Percent-encode everything but unreserved characters: ids may hold Arabic, spaces or '/'."""
    return URIRef(namespace + quote(ident, safe="-._~"))


def entity_iri(entity_id: str) -> URIRef:
    return _iri(ENTITY_NS, entity_id)


def document_iri(doc_id: str) -> URIRef:
    return _iri(DOCUMENT_NS, doc_id)


def assertion_iri(relation_id: str) -> URIRef:
    return _iri(ASSERTION_NS, relation_id)


def _date_literal(value: str) -> Literal:
    """xsd:date for YYYY-MM-DD; anything else stays a plain string, exactly as in graph.jsonl
    (a typed xsd:dateTime would be re-normalized by parsers: Z -> +00:00)."""
    return Literal(value, datatype=XSD.date) if DATE.fullmatch(value) else Literal(value)


def _confidence(value: float) -> Literal:
    return Literal(Decimal(repr(float(value))), datatype=XSD.decimal)


def graph_to_rdf(graph: Graph, lexicon: dict[str, dict] | None = None) -> RDFGraph:
    """The whole graph as an rdflib graph (entities, documents, mentions, assertions, direct triples)."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    symmetric = {t for t, entry in lexicon.items() if entry.get("symmetric")}
    g = RDFGraph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    g.bind("ent", ENTITY_NS)
    g.bind("doc", DOCUMENT_NS)
    g.bind("asrt", ASSERTION_NS)
    add = g.add

    # The relation properties' declarations travel with the data, so SPARQL over graph.ttl alone can
    # name relation types and tell symmetric ones (the full ontology stays in ontology/kg.ttl).
    for rel_type, entry in lexicon.items():
        prop = property_iri(rel_type)
        add((prop, RDF.type, OWL.ObjectProperty))
        if entry.get("symmetric"):
            add((prop, RDF.type, OWL.SymmetricProperty))
        add((prop, RDFS.subPropertyOf, KGO.relation))
        add((prop, KGO.relationTypeName, Literal(rel_type)))

    for ent in graph.entities.values():
        if ent.type not in ENTITY_TYPES:
            raise ValueError(f"entity {ent.id}: unknown type {ent.type!r}")
        node = entity_iri(ent.id)
        add((node, RDF.type, KGO[ent.type]))
        if ent.type == "Place" and ent.state:
            add((node, RDF.type, KGO.State))
        if ent.type == "Place" and ent.capital_of:
            add((node, RDF.type, KGO.Capital))
        add((node, DCTERMS.identifier, Literal(ent.id)))
        add((node, RDFS.label, Literal(ent.label, lang="ar")))
        if ent.label_en:
            add((node, RDFS.label, Literal(ent.label_en, lang="en")))
        if ent.lat is not None and ent.lon is not None:
            add((node, SCHEMA.latitude, _confidence(ent.lat)))
            add((node, SCHEMA.longitude, _confidence(ent.lon)))
        for alias in ent.aliases:
            if alias != ent.label:  # the alias table also lists Latin spellings (ISIS, Daesh)
                add((node, SKOS.altLabel, Literal(alias, lang="ar" if ARABIC.search(alias) else "en")))
        if ent.wikidata and QID.fullmatch(ent.wikidata):
            add((node, OWL.sameAs, WD[ent.wikidata]))

    for doc in graph.documents.values():
        node = document_iri(doc.id)
        add((node, RDF.type, KGO.Document))
        add((node, DCTERMS.identifier, Literal(doc.id)))
        if doc.title:
            add((node, DCTERMS.title, Literal(doc.title, lang="ar")))
        if doc.date:
            add((node, DCTERMS.date, _date_literal(doc.date)))
        if doc.datetime:
            add((node, DCTERMS.issued, Literal(doc.datetime, datatype=XSD.dateTime)))
        if doc.source:
            add((node, SCHEMA.publisher, Literal(doc.source)))
        if doc.url:
            add((node, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI)))

    for doc_id, entity_id in graph.mention_counts():
        add((document_iri(doc_id), SCHEMA.mentions, entity_iri(entity_id)))

    for rel in graph.relations:
        if rel.type not in lexicon:
            raise ValueError(f"relation {rel.id}: type {rel.type!r} not in the relation lexicon")
        prop = property_iri(rel.type)
        subj, obj = entity_iri(rel.subject), entity_iri(rel.object)
        node = assertion_iri(rel.id)
        add((node, RDF.type, KGO.RelationAssertion))
        add((node, DCTERMS.identifier, Literal(rel.id)))
        add((node, KGO.subject, subj))
        add((node, KGO.object, obj))
        add((node, KGO.relationType, prop))
        add((node, KGO.sentence, Literal(rel.sentence, lang="ar")))
        add((node, KGO.startOffset, Literal(int(rel.start))))
        add((node, KGO.endOffset, Literal(int(rel.end))))
        add((node, KGO.confidence, _confidence(rel.confidence)))
        add((node, KGO.modality, Literal(rel.modality or "asserted")))
        if rel.trigger:
            add((node, KGO.trigger, Literal(rel.trigger, lang="ar")))
        if rel.agent:
            add((node, KGO.agent, entity_iri(rel.agent)))
        if rel.date:
            add((node, KGO.eventDate, _date_literal(rel.date)))
            add((node, KGO.dateSource, Literal(rel.date_source)))
        if rel.place:
            add((node, KGO.eventPlace, entity_iri(rel.place)))
        add((node, PROV.wasDerivedFrom, document_iri(rel.doc)))
        if (rel.modality or "asserted") == "asserted":
            if rel.type in symmetric and rel.object < rel.subject:
                subj, obj = obj, subj
            add((subj, prop, obj))  # a set: one triple per (type, pair) however many instances
    return g


def write_turtle(graph: Graph, path: str | Path) -> Path:
    """Write ``graph`` as Turtle to ``path`` (parent folders created); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_file(path, "wb") as fh:  # complete or not there: never half a file under its name
        graph_to_rdf(graph).serialize(destination=fh, format="turtle", encoding="utf-8")
    return path


def export(graph_jsonl: str | Path, out: str | Path) -> Path:
    """graph.jsonl file -> Turtle file."""
    return write_turtle(read_graph(graph_jsonl), out)
