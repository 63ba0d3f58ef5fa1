"""events.csv: one row per relation instance, with ACLED-like columns, for pandas and spreadsheets.

UTF-8 without BOM, RFC 4180 (comma separated, CRLF line ends, fields quoted where they hold a comma,
quote or line break), ISO dates: ``pandas.read_csv(path, parse_dates=["event_date"])`` reads it as is.
``time_precision`` follows ACLED: 1 a day, 2 part of a month, 3 a month or a year.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kg.graph import Graph
from kg.model import Relation
from kg.outputs import atomic_file
from loaders.schema import Schema, load_schema

COLUMNS = (
    "event_id", "event_date", "time_precision", "date_source", "date_text",
    "relation_type", "event_type", "sub_event_type", "cameo_code",
    "actor1_id", "actor1", "actor1_en", "actor1_wikidata", "actor2_id", "actor2", "actor2_en", "actor2_wikidata",
    "agent_id", "location_id", "location", "location_en", "latitude", "longitude",
    "modality", "confidence", "document_id", "source", "url", "date_published",
    "trigger", "evidence", "start", "end",
)
TIME_PRECISION = {"day": 1, "part_of_month": 2, "month": 3, "year": 3}


def event_row(graph: Graph, rel: Relation, schema: Schema) -> dict[str, object]:
    """The CSV row of one relation instance (column -> value; '' for unknown)."""
    rtype = schema.relations.get(rel.type)
    doc = graph.documents.get(rel.doc)
    row: dict[str, object] = {
        "event_id": rel.id, "event_date": rel.date,
        "time_precision": TIME_PRECISION.get(rel.date_precision, "") if rel.date else "",
        "date_source": rel.date_source, "date_text": rel.date_text, "relation_type": rel.type,
        "event_type": rtype.acled_event_type if rtype else "",
        "sub_event_type": rtype.acled_sub_event_type if rtype else "",
        "cameo_code": rtype.cameo_code if rtype else "",
        "agent_id": rel.agent or "", "modality": rel.modality, "confidence": rel.confidence,
        "document_id": rel.doc, "source": doc.source if doc else "", "url": doc.url if doc else "",
        "date_published": doc.date if doc else "", "trigger": rel.trigger, "evidence": rel.sentence,
        "start": rel.start, "end": rel.end,
    }
    for prefix, eid in (("actor1", rel.subject), ("actor2", rel.object)):
        ent = graph.entities.get(eid)
        row.update({f"{prefix}_id": eid, prefix: ent.label if ent else "", f"{prefix}_en": ent.label_en if ent else "",
                    f"{prefix}_wikidata": (ent.wikidata or "") if ent else ""})
    place = graph.entities.get(rel.place) if rel.place else None
    row.update({"location_id": rel.place or "", "location": place.label if place else "",
                "location_en": place.label_en if place else "",
                "latitude": place.lat if place and place.lat is not None else "",
                "longitude": place.lon if place and place.lon is not None else ""})
    return row


def write_events_csv(graph: Graph, path: str | Path, schema: Schema | None = None) -> Path:
    """Write events.csv (rows by date, then document and offset); returns the path."""
    schema = schema or load_schema()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rels = sorted(graph.relations, key=lambda r: (r.date or "9999", r.doc, r.start, r.type, r.subject, r.object))
    with atomic_file(path, "wb") as raw:  # complete or not there
        fh = io.TextIOWrapper(raw, encoding="utf-8", newline="")  # newline="": CRLF stays as csv writes it
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for rel in rels:
            writer.writerow(event_row(graph, rel, schema))
        fh.flush()
        fh.detach()  # atomic_file closes the file itself
    return path
