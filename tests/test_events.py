"""Events: when and where. Document dates in every common form, dates and places of relation instances,
and the exports analysts load (events.csv with pandas, graph.graphml with networkx), Turtle dates and the
pages' event lists. The seed build goes through the real `kg build` command; test sentences are our own.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from typer.testing import CliRunner

from kg.cli import app
from kg.dates import find_dates, header_date, parse_document_date
from kg.graph import Graph, GraphWriter, read_graph
from kg.model import AnalyzedDoc, Document, Entity, Relation
from loaders.graphml_writer import relationship_groups
from loaders.rdf_writer import graph_to_rdf
from loaders.schema import load_schema

KGO = "https://w3id.org/kg-arabic-conflict/ontology#"


@pytest.mark.parametrize(("text", "date", "datetime"), [
    ("Fri, 16 Feb 2018 00:03:39 GMT", "2018-02-16", "2018-02-16T00:03:39+00:00"),
    ("Sun, 18 Feb 2018 06:06:55 +0000", "2018-02-18", "2018-02-18T06:06:55+00:00"),
    ("2015-07-21", "2015-07-21", ""),
    ("2018-02-16T10:30:00Z", "2018-02-16", "2018-02-16T10:30:00+00:00"),
    ("2018/02/16", "2018-02-16", ""),
    ("16/02/2018", "2018-02-16", ""),
    ("16 شباط 2018", "2018-02-16", ""),
    ("16 فبراير 2018", "2018-02-16", ""),
    ("١٦ شباط ٢٠١٨", "2018-02-16", ""),
    ("الجمعة 16 فبراير/شباط 2018", "2018-02-16", ""),
    ("22-مايو-2017", "2017-05-22", ""),
    ("February 16, 2018", "2018-02-16", ""),
])
def test_document_dates_in_every_common_form_become_iso(text, date, datetime):
    parsed = parse_document_date(text)
    assert (parsed.date, parsed.datetime, parsed.text) == (date, datetime, text)


def test_an_unparseable_date_is_kept_as_text():
    parsed = parse_document_date("في وقت ما")
    assert (parsed.date, parsed.text, parsed.understood) == ("", "في وقت ما", False)


def test_a_byline_date_dates_a_file_without_a_date_field():
    text = "عنوان الخبر\n\nكتبه مراسلنا | 3 آذار, 2019\n\nجرت في العاشر من أيلول 2018 معارك طويلة في ريف المدينة."
    assert header_date(text).date == "2019-03-03"
    assert header_date("بدأت في العاشر من أيلول 2018 معارك طويلة وعنيفة في ريف المدينة الشرقي كله أمس.") is None


@pytest.mark.parametrize(("sentence", "said", "date", "precision"), [
    ("وقعت الاشتباكات السبت 6 مايو/أيار 2023 قرب المدينة", "السبت 6 مايو/أيار 2023", "2023-05-06", "day"),
    ("انسحب المقاتلون منذ منتصف أبريل الماضي", "منتصف أبريل", "2017-04-15", "part_of_month"),
    ("قصفت الطائرات البلدة أمس", "أمس", "2018-02-15", "day"),
    ("اندلعت المعارك يوم الجمعة الماضي", "يوم الجمعة الماضي", "2018-02-09", "day"),
    ("اندلعت المعارك يوم الجمعة", "يوم الجمعة", "2018-02-16", "day"),
    ("بدأ الهجوم في العاشر من أيلول", "العاشر من أيلول", "2017-09-10", "day"),
    ("وصلت القافلة السبت 23 آذار", "السبت 23 آذار", "2019-03-23", "day"),  # the year whose 23 March is a Saturday
    ("سيطر التنظيم على المدينة عام 2014", "عام 2014", "2014-01-01", "year"),
])
def test_dates_in_a_sentence_resolve_against_the_document_date(sentence, said, date, precision):
    found = find_dates(sentence, "2018-02-16")
    assert [(d.text, d.date, d.precision) for d in found] == [(said, date, precision)]
    assert sentence[found[0].start:found[0].end] == said


def test_words_that_only_look_like_dates_are_not_dates():
    assert find_dates("مارس التنظيم العنف ضد 2018 مدنيا", "2018-02-16") == []
    assert find_dates("قصفت الطائرات البلدة أمس") == []  # a relative date needs a document date


@pytest.fixture(scope="module")
def own_graph(tmp_path_factory) -> tuple[Graph, str]:
    """Our own two articles through the real pipeline: one dated with a time, one with a date no one
    can read."""
    folder = tmp_path_factory.mktemp("events-own")
    docs = [
        {"id": "a1", "title": "اشتباكات", "date": "Sat, 12 Jan 2019 08:00:00 GMT", "source": "test", "url": "",
         "text": "اشتبكت قوات سوريا الديمقراطية مع تنظيم داعش أمس في بلدة هجين بريف دير الزور الشرقي.\n"
                 "وقال مصدر محلي إن المعارك مستمرة."},
        {"id": "a2", "title": "سيطرة", "date": "في وقت ما", "source": "test", "url": "",
         "text": "سيطر تنظيم داعش على مدينة الرقة عام 2014 بعد معارك مع فصائل المعارضة.\n"
                 "ثم أعلن التنظيم الرقة عاصمة له."},
    ]
    (folder / "in.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                                     encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(folder / "in.jsonl"), "--out", str(folder / "graph.jsonl")])
    assert result.exit_code == 0, result.output
    return read_graph(folder / "graph.jsonl"), result.output


def test_relation_instances_get_the_date_and_place_their_sentence_gives(own_graph):
    graph, _ = own_graph
    fought = next(r for r in graph.relations if r.type == "FOUGHT" and {r.subject, r.object} == {"ISIS", "SDF"})
    assert (fought.date, fought.date_source, fought.date_text, fought.place) == ("2019-01-11", "text", "أمس", "HAJIN")
    hajin = graph.entities["HAJIN"]
    assert (hajin.label_en, round(hajin.lat, 2), round(hajin.lon, 2)) == ("Hajin", 34.70, 40.83)
    controls = next(r for r in graph.relations if r.type == "CONTROLS")
    assert (controls.object, controls.place, controls.date, controls.date_precision) == \
        ("RAQQA", "RAQQA", "2014-01-01", "year")


def test_document_dates_are_iso_with_the_original_kept_and_a_warning_when_unreadable(own_graph):
    graph, output = own_graph
    a1, a2 = graph.documents["a1"], graph.documents["a2"]
    assert (a1.date, a1.datetime, a1.date_text) == ("2019-01-12", "2019-01-12T08:00:00+00:00",
                                                    "Sat, 12 Jan 2019 08:00:00 GMT")
    assert (a2.date, a2.date_text) == ("", "في وقت ما")
    assert "warning: a2: date 'في وقت ما' not understood; kept as text" in output


def test_type_vote_and_relation_recheck_list_each_dropped_relation_with_its_reason():
    doc = AnalyzedDoc(Document("d1", "نص"))
    doc.entities = {"X": Entity("X", "إكس", "Organization"), "Y": Entity("Y", "واي", "Person")}
    doc.relations = [Relation("r1", "FOUGHT", "X", "Y", "d1", "نص", 0, 2, 0.9, place="Y")]
    writer = GraphWriter(io.StringIO(), relation_fits=lambda rel, s, o: o.type != "Person")
    writer.add(doc)
    writer.close()
    assert [(d.relation.id, d.reason) for d in writer.dropped] == \
        [("r1", "FOUGHT does not take X (Organization) -> Y (Person) as typed across the corpus")]
    assert writer.counts["relations_dropped"] == 1 and writer.counts["relations"] == 0


@pytest.fixture(scope="module")
def seed_build(shared_dir: Path, tmp_path_factory) -> Path:
    """`kg build ../shared/corpus/seeds --out OUT`, run through the real command line."""
    out = tmp_path_factory.mktemp("events-seeds") / "out"
    result = CliRunner().invoke(app, ["build", str(shared_dir / "corpus" / "seeds"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_kg_build_writes_events_csv_that_pandas_reads_with_dates(seed_build):
    graph = read_graph(seed_build / "graph.jsonl")
    raw = (seed_build / "events.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # UTF-8 without BOM, RFC 4180 line ends
    events = pd.read_csv(seed_build / "events.csv", parse_dates=["event_date"], dtype={"cameo_code": str})
    assert len(events) == len(graph.relations)
    assert str(events["event_date"].dtype).startswith("datetime64")
    assert set(events["event_id"]) == {r.id for r in graph.relations}
    fights = events[(events.relation_type == "FOUGHT")
                    & (events[["actor1_id", "actor2_id"]].apply(set, axis=1) == {"ISIS", "SDF"})]
    dated_and_placed = fights[fights.event_date.notna() & fights.location_id.notna()]
    assert len(dated_and_placed) >= 3
    row = dated_and_placed[dated_and_placed.location_id == "DEIR_EZZOR"].iloc[0]
    assert (row.event_type, str(row.cameo_code), row.date_source) == ("Battles", "190", "text")
    assert (round(row.latitude, 2), round(row.longitude, 2)) == (35.34, 40.14)
    assert {row.actor1_en, row.actor2_en} == {graph.entities["ISIS"].label_en, graph.entities["SDF"].label_en}
    assert row.evidence in {r.sentence for r in graph.relations}


def test_kg_build_writes_graphml_that_networkx_reads_with_the_graphs_counts(seed_build):
    graph = read_graph(seed_build / "graph.jsonl")
    g = nx.read_graphml(seed_build / "graph.graphml")
    groups = relationship_groups(graph, load_schema())
    assert g.number_of_nodes() == len(graph.entities)
    assert g.number_of_edges() == len(groups)
    assert sum(d["count"] for _, _, d in g.edges(data=True)) == len({r.id for r in graph.relations})
    assert g.nodes["HAJIN"]["type"] == "Place" and g.nodes["HAJIN"]["label_en"] == "Hajin"
    fought = [d for s, o, d in g.edges(data=True) if d["type"] == "FOUGHT" and {s, o} == {"ISIS", "SDF"}]
    assert len(fought) == 1 and fought[0]["symmetric"] is True
    dates = sorted(r.date for r in graph.relations
                   if r.type == "FOUGHT" and {r.subject, r.object} == {"ISIS", "SDF"} and r.date)
    assert (fought[0]["first_date"], fought[0]["last_date"]) == (dates[0], dates[-1])


def test_kg_export_writes_the_tables_from_a_graph(seed_build, tmp_path):
    result = CliRunner().invoke(app, ["export", str(seed_build / "graph.jsonl"), "--out", str(tmp_path),
                                      "--format", "csv", "--format", "graphml"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "events.csv").read_bytes() == (seed_build / "events.csv").read_bytes()
    assert (tmp_path / "graph.graphml").read_bytes() == (seed_build / "graph.graphml").read_bytes()
    bad = CliRunner().invoke(app, ["export", str(seed_build / "graph.jsonl"), "--out", str(tmp_path),
                                   "--format", "xlsx"])
    assert bad.exit_code == 1 and "unknown format 'xlsx'" in bad.output


def test_turtle_carries_typed_dates_and_event_places():
    graph = Graph()
    graph.documents["d1"] = Document("d1", "", date="2018-02-16", datetime="2018-02-16T00:03:39+00:00",
                                     date_text="Fri, 16 Feb 2018 00:03:39 GMT")
    graph.entities = {"X": Entity("X", "إكس", "Organization"), "Y": Entity("Y", "واي", "Organization"),
                      "P": Entity("P", "بي", "Place", label_en="Pe", lat=35.5, lon=40.25)}
    graph.relations = [Relation("r1", "FOUGHT", "X", "Y", "d1", "نص", 0, 2, 0.9, date="2018-02-15",
                                date_source="text", date_text="أمس", date_precision="day", place="P")]
    g = graph_to_rdf(graph)
    doc = URIRef("https://w3id.org/kg-arabic-conflict/id/doc/d1")
    assertion = URIRef("https://w3id.org/kg-arabic-conflict/id/assertion/r1")
    assert g.value(doc, URIRef("http://purl.org/dc/terms/date")) == Literal("2018-02-16", datatype=XSD.date)
    issued = g.value(doc, URIRef("http://purl.org/dc/terms/issued"))
    assert issued.datatype == XSD.dateTime and issued.toPython() == dt.datetime(2018, 2, 16, 0, 3, 39,
                                                                               tzinfo=dt.UTC)
    assert g.value(assertion, URIRef(KGO + "eventDate")) == Literal("2018-02-15", datatype=XSD.date)
    assert str(g.value(assertion, URIRef(KGO + "dateSource"))) == "text"
    assert g.value(assertion, URIRef(KGO + "eventPlace")) == URIRef("https://w3id.org/kg-arabic-conflict/id/entity/P")
    place = URIRef("https://w3id.org/kg-arabic-conflict/id/entity/P")
    assert float(g.value(place, URIRef("https://schema.org/latitude"))) == 35.5


def test_entity_page_lists_its_events_newest_first_and_the_index_filters_by_date(seed_build):
    html = seed_build / "html"
    index = (html / "index.html").read_text(encoding="utf-8")
    assert 'id="kg-date-filter"' in index and 'lib/kg-dates.js' in index and (html / "lib" / "kg-dates.js").is_file()
    graph = read_graph(seed_build / "graph.jsonl")
    text = (html / "entities" / "ISIS.html").read_text(encoding="utf-8")
    dates = [chunk.split('"', 1)[0] for chunk in text.split('class="kg-event" data-date="')[1:]]
    isis = [r for r in graph.relations if "ISIS" in (r.subject, r.object)]
    assert len(dates) == len(isis)
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[:len(dated)] == dated  # newest first, undated last
