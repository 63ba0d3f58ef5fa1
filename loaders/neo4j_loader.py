"""Load a graph.jsonl into Neo4j, idempotently, with the official ``neo4j`` driver (5.x and 6.x API).

Schema (docs/neo4j.md):

- ``(:Entity:Person|Organization|Place {id, name, aliases, wikidata})``
- ``(:Document {id, title, date, datetime, date_text, source, url})``: ``date`` a Neo4j DATE, ``datetime``
  a DATETIME where the source gives a time (null when unknown), ``date_text`` the date as read
- ``(:Document)-[:MENTIONS {count}]->(:Entity)``
- ``(:Entity)-[:FOUGHT|NEGOTIATED_WITH|... ]->(:Entity)``: ONE relationship per (type, subject, object),
  carrying its evidence as parallel lists (Neo4j properties cannot be maps): ``evidence_ids, docs,
  sentences, starts, ends, confidences, modalities, agents, triggers, dates, date_sources, places`` (dates
  ISO strings, places entity ids, '' when unknown); ``count`` = distinct evidence ids,
  ``confidence`` = the highest. Symmetric types are stored once, subject < object, and queried undirected.

- ``(:Run {id, at, input, documents, entities, mentions, relations, evidence})``: one per load (``kg runs``)

Reloads stay true: loading a graph makes the database equal that graph *for the documents it contains*.
First their old MENTIONS and their evidence items on entity relationships are retracted (the entities they
touched are marked ``:KgPending``), then everything is merged again, and at the end the marked entities
and relationships left with no evidence are deleted. Documents of other loads keep theirs, so
incremental corpora work; loading a graph twice, or rerunning an interrupted load, gives the same graph.

Every write is ``UNWIND $rows AS row ...`` in batches, each batch its own transaction
(``session.execute_write``). Labels and relationship types cannot be parameters: they come from the fixed
whitelists below.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.graph import Graph, read_graph
from kg.model import ENTITY_TYPES, RELATION_TYPES, Relation
from loaders.schema import load_schema

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # what becomes a Neo4j DATE; other date strings stay date_text


def symmetric_types() -> frozenset[str]:
    """Relation types marked ``"symmetric": true`` in the relation lexicon (FOUGHT, NEGOTIATED_WITH)."""
    return load_schema().symmetric


CONSTRAINTS: tuple[str, ...] = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
)

DOCUMENT_QUERY = """UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title, d.date = CASE row.date WHEN '' THEN null ELSE date(row.date) END,
    d.datetime = CASE row.datetime WHEN '' THEN null ELSE datetime(row.datetime) END,
    d.date_text = row.date_text, d.source = row.source, d.url = row.url,
    d.original_id = row.original_id
RETURN count(d) AS written"""

# Retraction, before the merge: the documents' evidence items leave the entity relationships (their
# subjects are entities the documents mention), then their MENTIONS go; touched entities are marked.
RETRACT_EVIDENCE_QUERY = """UNWIND $rows AS row
MATCH (:Document {id: row.id})-[:MENTIONS]->(:Entity)-[r]->(:Entity)
WHERE row.id IN r.docs
WITH r, collect(DISTINCT row.id) AS gone
WITH r, [i IN range(0, size(r.docs) - 1) WHERE NOT r.docs[i] IN gone] AS keep
SET r.evidence_ids = [i IN keep | r.evidence_ids[i]], r.docs = [i IN keep | r.docs[i]],
    r.sentences = [i IN keep | r.sentences[i]], r.starts = [i IN keep | r.starts[i]],
    r.ends = [i IN keep | r.ends[i]], r.confidences = [i IN keep | r.confidences[i]],
    r.modalities = [i IN keep | r.modalities[i]], r.agents = [i IN keep | r.agents[i]],
    r.triggers = [i IN keep | r.triggers[i]], r.dates = [i IN keep | coalesce(r.dates[i], '')],
    r.date_sources = [i IN keep | coalesce(r.date_sources[i], '')],
    r.places = [i IN keep | coalesce(r.places[i], '')], r.count = size(keep),
    r.confidence = reduce(m = 0.0, i IN keep | CASE WHEN r.confidences[i] > m THEN r.confidences[i] ELSE m END)
RETURN count(r) AS written"""

RETRACT_MENTIONS_QUERY = """UNWIND $rows AS row
MATCH (:Document {id: row.id})-[m:MENTIONS]->(e:Entity)
SET e:KgPending
DELETE m
RETURN count(m) AS written"""

# After the merge: relationships of marked entities left without evidence, then marked entities no
# document mentions any more, are deleted.
CLEANUP_QUERY = """UNWIND $rows AS row
MATCH (e:KgPending)
REMOVE e:KgPending
WITH collect(e) AS marked
CALL (marked) {
  UNWIND marked AS e
  MATCH (e)-[r]-(:Entity)
  WHERE size(r.evidence_ids) = 0
  WITH DISTINCT r
  DELETE r
  RETURN count(r) AS relations
}
WITH relations, [x IN marked WHERE NOT EXISTS { (:Document)-[:MENTIONS]->(x) }] AS gone
FOREACH (x IN gone | DETACH DELETE x)
RETURN size(gone) AS written, relations AS removed_relations"""

RUN_QUERY = """UNWIND $rows AS row
MERGE (r:Run {id: row.id})
SET r += row, r.at = datetime()
RETURN count(r) AS written"""

# One query per entity type (a label cannot be a parameter); other type labels are removed so an
# entity carries exactly one of them. Aliases accumulate over loads; a known QID is kept.
_ENTITY_TEMPLATE = """UNWIND $rows AS row
MERGE (e:Entity {{id: row.id}})
SET e:{label}
REMOVE {others}
SET e.name = row.name,
    e.aliases = reduce(acc = coalesce(e.aliases, []), a IN row.aliases |
                       CASE WHEN a IN acc THEN acc ELSE acc + a END),
    e.wikidata = coalesce(row.wikidata, e.wikidata)
RETURN count(e) AS written"""

ENTITY_QUERIES: dict[str, str] = {
    label: _ENTITY_TEMPLATE.format(
        label=label, others=", ".join(f"e:{o}" for o in ENTITY_TYPES if o != label)
    )
    for label in ENTITY_TYPES
}

MENTIONS_QUERY = """UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (e:Entity {id: row.entity})
MERGE (d)-[m:MENTIONS]->(e)
SET m.count = row.count
RETURN count(m) AS written"""

# Evidence lists are appended to in step; only evidence ids not yet on the relationship are added.
_RELATION_TEMPLATE = """UNWIND $rows AS row
MATCH (s:Entity {{id: row.subject}})
MATCH (o:Entity {{id: row.object}})
MERGE (s)-[r:{rtype}]->(o)
ON CREATE SET r.evidence_ids = [], r.docs = [], r.sentences = [], r.starts = [], r.ends = [],
              r.confidences = [], r.modalities = [], r.agents = [], r.triggers = [], r.dates = [],
              r.date_sources = [], r.places = []
WITH r, row, [i IN range(0, size(row.evidence_ids) - 1)
              WHERE NOT row.evidence_ids[i] IN r.evidence_ids] AS new
SET r.evidence_ids = r.evidence_ids + [i IN new | row.evidence_ids[i]],
    r.docs = r.docs + [i IN new | row.docs[i]],
    r.sentences = r.sentences + [i IN new | row.sentences[i]],
    r.starts = r.starts + [i IN new | row.starts[i]],
    r.ends = r.ends + [i IN new | row.ends[i]],
    r.confidences = r.confidences + [i IN new | row.confidences[i]],
    r.modalities = r.modalities + [i IN new | row.modalities[i]],
    r.agents = r.agents + [i IN new | row.agents[i]],
    r.triggers = r.triggers + [i IN new | row.triggers[i]],
    r.dates = coalesce(r.dates, []) + [i IN new | row.dates[i]],
    r.date_sources = coalesce(r.date_sources, []) + [i IN new | row.date_sources[i]],
    r.places = coalesce(r.places, []) + [i IN new | row.places[i]]
WITH r, size(new) AS added
SET r.count = size(r.evidence_ids),
    r.confidence = reduce(m = 0.0, c IN r.confidences | CASE WHEN c > m THEN c ELSE m END)
RETURN count(r) AS written, sum(added) AS added"""

RELATION_QUERIES: dict[str, str] = {t: _RELATION_TEMPLATE.format(rtype=t) for t in RELATION_TYPES}


class Neo4jLoadError(RuntimeError):
    """Neo4j unreachable, wrong credentials, or a failed write: one line the CLI prints as is."""


Neo4jUnavailable = Neo4jLoadError  # the name kg.cli's `build` catches


# ---------------------------------------------------------------------------------------------------------
# rows: plain dicts, shared with loaders.cypher_script (which writes them as literals)


def document_rows(graph: Graph) -> list[dict[str, Any]]:
    return [
        {"id": d.id, "title": d.title or "", "date": d.date if ISO_DATE.fullmatch(d.date or "") else "",
         "datetime": d.datetime or "", "date_text": d.date_text or d.date or "",
         "source": d.source or "", "url": d.url or "",
         "original_id": d.original_id or None}
        for d in sorted(graph.documents.values(), key=lambda d: d.id)
    ]


def entity_rows(graph: Graph) -> dict[str, list[dict[str, Any]]]:
    """Entity rows grouped by type (one query per label); unknown types are skipped."""
    groups: dict[str, list[dict[str, Any]]] = {t: [] for t in ENTITY_TYPES}
    for e in sorted(graph.entities.values(), key=lambda e: e.id):
        if e.type in groups:
            groups[e.type].append(
                {"id": e.id, "name": e.label, "aliases": list(e.aliases), "wikidata": e.wikidata}
            )
    return groups


def mention_rows(graph: Graph) -> list[dict[str, Any]]:
    return [
        {"doc": doc, "entity": ent, "count": n} for (doc, ent), n in sorted(graph.mention_counts().items())
    ]


def relation_key(rel: Relation) -> tuple[str, str, str]:
    """(type, subject, object), with symmetric types in sorted order: one relationship per key."""
    return load_schema().key(rel)


def relation_row(subject: str, obj: str, evidence: Iterable[Relation]) -> dict[str, Any]:
    """The row for one relationship: its evidence, sorted by (doc, offset), as parallel lists."""
    rels = sorted(evidence, key=lambda r: (r.doc, r.start, r.end, r.id))
    return {
        "subject": subject,
        "object": obj,
        "evidence_ids": [r.id for r in rels],
        "docs": [r.doc for r in rels],
        "sentences": [r.sentence for r in rels],
        "starts": [int(r.start) for r in rels],
        "ends": [int(r.end) for r in rels],
        "confidences": [float(r.confidence) for r in rels],
        "modalities": [r.modality or "asserted" for r in rels],
        "agents": [r.agent or "" for r in rels],
        "triggers": [r.trigger or "" for r in rels],
        "dates": [r.date or "" for r in rels],
        "date_sources": [r.date_source or "" for r in rels],
        "places": [r.place or "" for r in rels],
    }


def relation_rows(graph: Graph) -> dict[str, list[dict[str, Any]]]:
    """One row per (type, subject, object) with its distinct evidence, grouped by type."""
    grouped: dict[tuple[str, str, str], dict[str, Relation]] = {}
    for rel in graph.relations:
        if rel.type not in RELATION_TYPES:
            continue
        grouped.setdefault(relation_key(rel), {}).setdefault(rel.id, rel)
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in RELATION_TYPES}
    for (rtype, s, o), evidence in sorted(grouped.items()):
        out[rtype].append(relation_row(s, o, evidence.values()))
    return out


def run_row(graph: Graph, source: str) -> dict[str, Any]:
    """The run record of one load: a fresh id, what was loaded from where (the time is the server's)."""
    rels = [r for r in graph.relations if r.type in RELATION_TYPES]
    return {"id": uuid.uuid4().hex, "input": source, "documents": len(graph.documents),
            "entities": len(graph.entities), "mentions": len(graph.mention_counts()),
            "relations": len({relation_key(r) for r in rels}), "evidence": len({r.id for r in rels})}


def load_steps(graph: Graph, source: str = "graph.cypher") -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """(step name, query, rows) in load order: retract the documents' old mentions and evidence, merge
    documents, entities, mentions, relations, delete what was left without evidence, record the run."""
    retract = [{"id": d["id"]} for d in document_rows(graph)]
    yield "retracted", RETRACT_EVIDENCE_QUERY, retract
    yield "retracted", RETRACT_MENTIONS_QUERY, retract
    yield "documents", DOCUMENT_QUERY, document_rows(graph)
    for label, rows in entity_rows(graph).items():
        yield "entities", ENTITY_QUERIES[label], rows
    yield "mentions", MENTIONS_QUERY, mention_rows(graph)
    for rtype, rows in relation_rows(graph).items():
        yield "relations", RELATION_QUERIES[rtype], rows
    yield "removed", CLEANUP_QUERY, [{"after": "merge"}]
    yield "run", RUN_QUERY, [run_row(graph, source)]


# ---------------------------------------------------------------------------------------------------------
# loading


def _batches(rows: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _write_batch(tx: Any, query: str, rows: list[dict[str, Any]]) -> dict[str, int]:
    record = tx.run(query, rows=rows).single()
    return {"written": record["written"], "added": record.get("added") or 0,
            "removed_relations": record.get("removed_relations") or 0}


def create_constraints(driver: Any, database: str | None = None) -> None:
    with driver.session(database=database) as session:
        for statement in CONSTRAINTS:
            session.run(statement).consume()


def load_graph(
    driver: Any,
    graph: Graph,
    database: str | None = None,
    batch_size: int = 1000,
    on_batch: Callable[[str, int], None] | None = None,
    source: str = "",
) -> dict[str, int]:
    """Make the database equal ``graph`` for the documents it contains; returns what was written:
    documents, entities, mentions (MENTIONS relationships), relations (relationships between entities),
    evidence (evidence items), and what the reload removed: entities and relations left without evidence.

    ``on_batch(step, rows)`` is called after each committed batch (progress reporting).
    """
    from neo4j.exceptions import DriverError, Neo4jError

    counts = {"documents": 0, "entities": 0, "mentions": 0, "relations": 0, "evidence": 0,
              "removed_entities": 0, "removed_relations": 0}
    try:
        create_constraints(driver, database)
        with driver.session(database=database) as session:
            for step, query, rows in load_steps(graph, source):
                for batch in _batches(rows, batch_size):
                    result = session.execute_write(_write_batch, query, batch)
                    if step in counts:
                        counts[step] += result["written"]
                    if step == "relations":
                        counts["evidence"] += result["added"]
                    if step == "removed":
                        counts["removed_entities"] += result["written"]
                        counts["removed_relations"] += result["removed_relations"]
                    if on_batch is not None:
                        on_batch(step, len(batch))
    except Neo4jError as exc:
        raise Neo4jLoadError(f"Neo4j rejected the load: {exc.code}: {exc.message}") from exc
    except DriverError as exc:  # server gone mid-load: what was committed stays, a rerun completes it
        raise Neo4jLoadError(f"lost the connection to Neo4j during the load ({exc}); rerun to complete it") \
            from exc
    return counts


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_uri(uri: str) -> None:
    """A Bolt URI (the driver's protocol), not the Browser's http:// address."""
    scheme, sep, rest = uri.partition("://")
    if not sep or scheme.lower() not in BOLT_SCHEMES or not rest.strip("/"):
        hint = " (http:// is the Browser's port 7474; Bolt is usually 7687)" if scheme.lower().startswith("http") \
            else ""
        raise Neo4jLoadError(f"{uri!r} is not a Neo4j Bolt URI{hint}: use bolt://HOST:7687 or neo4j://HOST:7687")


def connect(uri: str, user: str | None, password: str | None) -> Any:
    """A driver whose connectivity (and credentials) have been checked; clear error otherwise."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable

    check_uri(uri)
    auth = (user or "neo4j", password or "") if (user or password) else None
    try:
        driver = GraphDatabase.driver(uri, auth=auth)
    except (ValueError, DriverError) as exc:
        raise Neo4jLoadError(f"bad Neo4j URI {uri!r}: {exc}") from exc
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise Neo4jLoadError(f"Neo4j at {uri} refused the credentials of user {user!r}") from exc
    except Neo4jError as exc:
        driver.close()
        if "AuthenticationRateLimit" in (exc.code or ""):
            raise Neo4jLoadError(f"Neo4j at {uri} locked user {user!r} after too many failed logins: check the "
                                 "password (NEO4J_PASSWORD or .env), wait a few seconds, retry") from exc
        raise Neo4jLoadError(f"Neo4j at {uri} refused the connection: {exc.code}: {exc.message}") from exc
    except (ServiceUnavailable, DriverError, OSError) as exc:
        driver.close()
        raise Neo4jLoadError(
            f"cannot reach Neo4j at {uri} (is it running? scripts/neo4j-local.sh start)"
        ) from exc
    return driver


@dataclass
class LoadReport:
    """What one load wrote, where, and what the database holds afterwards."""

    uri: str
    database: str
    counts: dict[str, int]
    totals: dict[str, int]


def server_database(driver: Any, database: str | None) -> str:
    """The name of the database writes go to (the server's default when ``database`` is None)."""
    _, summary, _ = driver.execute_query("RETURN 1", database_=database)
    return summary.database or database or "neo4j"


def load_graph_file(
    uri: str,
    user: str | None,
    password: str | None,
    path: str | Path,
    database: str | None = None,
    batch_size: int = 1000,
) -> LoadReport:
    """Read a graph.jsonl (refusing an incomplete one) and load it into the Neo4j at ``uri``."""
    graph = read_graph(path)
    driver = connect(uri, user, password)
    try:
        name = server_database(driver, database)
        counts = load_graph(driver, graph, database=name, batch_size=batch_size, source=str(path))
        return LoadReport(uri, name, counts, database_counts(driver, name))
    finally:
        driver.close()


def list_runs(driver: Any, database: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """The latest loads, newest first: time, input and counts of each."""
    records, _, _ = driver.execute_query(
        "MATCH (r:Run) RETURN r.id AS id, toString(r.at) AS at, r.input AS input, r.documents AS documents, "
        "r.entities AS entities, r.relations AS relations, r.evidence AS evidence ORDER BY r.at DESC LIMIT $limit",
        limit=limit, database_=database)
    return [dict(r) for r in records]


# ---------------------------------------------------------------------------------------------------------
# inspection helpers (tests, benchmarks, the CLI summary)


def database_counts(driver: Any, database: str | None = None) -> dict[str, int]:
    """Totals in the database: nodes by label, relationships by type, evidence items."""
    query = """MATCH (:Entity)-[r]->(:Entity)
    WITH count(r) AS relations, coalesce(sum(size(r.evidence_ids)), 0) AS evidence
    RETURN COUNT { (:Document) } AS documents, COUNT { (:Entity) } AS entities,
           COUNT { ()-[:MENTIONS]->() } AS mentions, relations, evidence"""
    records, _, _ = driver.execute_query(query, database_=database)
    return dict(records[0])


def wipe(driver: Any, database: str | None = None) -> None:
    """Delete every node and relationship (tests, benchmarks); constraints stay."""
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()


PARAM_LINE = re.compile(r"^:param\s+(\w+)\s*=>\s*(.+?)\s*;?\s*$")  # Browser's command (docs/neo4j.md)


def query_params(text: str) -> dict[str, Any]:
    """Parameter defaults declared in a saved query: its ``:param name => 'value';`` lines, or header
    comments ``// @param name = 'value'`` (or a number)."""
    params: dict[str, Any] = {}
    for line in text.splitlines():
        line = line.strip()
        browser = PARAM_LINE.match(line)
        if browser:
            name, value = browser.groups()
        elif line.startswith("// @param "):
            name, _, value = line[len("// @param ") :].partition("=")
        else:
            continue
        value = value.strip()
        if value[:1] in "'\"" and value[-1:] == value[:1]:
            params[name.strip()] = value[1:-1]
        else:
            params[name.strip()] = int(value) if value.lstrip("-").isdigit() else float(value)
    return params


def query_body(text: str) -> str:
    """A saved query without its Browser ``:param`` lines: what the driver (and Browser, after them) runs."""
    return "\n".join(line for line in text.splitlines() if not PARAM_LINE.match(line.strip()))


def run_saved_query(
    driver: Any, path: str | Path, params: dict[str, Any] | None = None, database: str | None = None
) -> list[dict[str, Any]]:
    """Run a ``queries/*.cypher`` file with its declared defaults overridden by ``params``."""
    text = Path(path).read_text(encoding="utf-8")
    merged = {**query_params(text), **(params or {})}
    records, _, _ = driver.execute_query(query_body(text), parameters_=merged, database_=database)
    return [dict(r) for r in records]
