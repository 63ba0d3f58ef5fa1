"""Load a graph.jsonl into Neo4j, idempotently, with the official ``neo4j`` driver (5.x and 6.x API).

Schema (docs/neo4j.md):

- ``(:Entity:Person|Organization|Place {id, name, aliases, wikidata})``
- ``(:Document {id, title, date, source, url})``
- ``(:Document)-[:MENTIONS {count}]->(:Entity)``
- ``(:Entity)-[:FOUGHT|NEGOTIATED_WITH|... ]->(:Entity)``: ONE relationship per (type, subject, object),
  carrying its evidence as parallel lists (Neo4j properties cannot be maps): ``evidence_ids, docs,
  sentences, starts, ends, confidences, modalities, agents, triggers``; ``count`` = distinct evidence ids,
  ``confidence`` = the highest. Symmetric types are stored once, subject < object, and queried undirected.

Every write is ``UNWIND $rows AS row MERGE ...`` in batches, each batch its own transaction
(``session.execute_write``). Merging adds only evidence ids not already on the relationship, so loading a
graph twice, or rerunning an interrupted load, gives the same graph; loading new documents adds to it.
Labels and relationship types cannot be parameters: they come from the fixed whitelists below.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.graph import Graph, read_graph
from kg.model import ENTITY_TYPES, RELATION_TYPES, Relation

RELATIONS_JSON = Path(__file__).resolve().parents[1] / "kg" / "resources" / "relations.json"


@lru_cache(maxsize=1)
def symmetric_types() -> frozenset[str]:
    """Relation types marked ``"symmetric": true`` in the relation lexicon (FOUGHT, NEGOTIATED_WITH)."""
    if not RELATIONS_JSON.exists():
        return frozenset({"FOUGHT", "NEGOTIATED_WITH"})
    types = json.loads(RELATIONS_JSON.read_text(encoding="utf-8"))["types"]
    return frozenset(name for name, spec in types.items() if spec.get("symmetric"))


CONSTRAINTS: tuple[str, ...] = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
)

DOCUMENT_QUERY = """UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.title = row.title, d.date = row.date, d.source = row.source, d.url = row.url
RETURN count(d) AS written"""

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
              r.confidences = [], r.modalities = [], r.agents = [], r.triggers = []
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
    r.triggers = r.triggers + [i IN new | row.triggers[i]]
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
        {"id": d.id, "title": d.title or "", "date": d.date or "", "source": d.source or "", "url": d.url or ""}
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
    s, o = rel.subject, rel.object
    if rel.type in symmetric_types() and o < s:
        s, o = o, s
    return rel.type, s, o


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


def load_steps(graph: Graph) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """(step name, query, rows) in load order: documents, entities, mentions, relations."""
    yield "documents", DOCUMENT_QUERY, document_rows(graph)
    for label, rows in entity_rows(graph).items():
        yield "entities", ENTITY_QUERIES[label], rows
    yield "mentions", MENTIONS_QUERY, mention_rows(graph)
    for rtype, rows in relation_rows(graph).items():
        yield "relations", RELATION_QUERIES[rtype], rows


# ---------------------------------------------------------------------------------------------------------
# loading


def _batches(rows: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _write_batch(tx: Any, query: str, rows: list[dict[str, Any]]) -> dict[str, int]:
    record = tx.run(query, rows=rows).single()
    return {"written": record["written"], "added": record.get("added") or 0}


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
) -> dict[str, int]:
    """Merge ``graph`` into Neo4j; returns what was written: documents, entities, mentions (MENTIONS
    relationships), relations (relationships between entities) and evidence (evidence items newly added).

    ``on_batch(step, rows)`` is called after each committed batch (progress reporting).
    """
    from neo4j.exceptions import DriverError, Neo4jError

    counts = {"documents": 0, "entities": 0, "mentions": 0, "relations": 0, "evidence": 0}
    try:
        create_constraints(driver, database)
        with driver.session(database=database) as session:
            for step, query, rows in load_steps(graph):
                for batch in _batches(rows, batch_size):
                    result = session.execute_write(_write_batch, query, batch)
                    counts[step] += result["written"]
                    if step == "relations":
                        counts["evidence"] += result["added"]
                    if on_batch is not None:
                        on_batch(step, len(batch))
    except Neo4jError as exc:
        raise Neo4jLoadError(f"Neo4j rejected the load: {exc.code}: {exc.message}") from exc
    except DriverError as exc:  # server gone mid-load: what was committed stays, a rerun completes it
        raise Neo4jLoadError(f"lost the connection to Neo4j during the load ({exc}); rerun to complete it") \
            from exc
    return counts


def connect(uri: str, user: str | None, password: str | None) -> Any:
    """A driver whose connectivity (and credentials) have been checked; clear error otherwise."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ServiceUnavailable

    auth = (user or "neo4j", password or "") if (user or password) else None
    try:
        driver = GraphDatabase.driver(uri, auth=auth)
    except ValueError as exc:
        raise Neo4jLoadError(f"bad Neo4j URI {uri!r}: {exc}") from exc
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise Neo4jLoadError(f"Neo4j at {uri} refused the credentials of user {user!r}") from exc
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise Neo4jLoadError(
            f"cannot reach Neo4j at {uri} (is it running? scripts/neo4j-local.sh start)"
        ) from exc
    return driver


def load_graph_file(
    uri: str,
    user: str | None,
    password: str | None,
    path: str | Path,
    database: str | None = None,
    batch_size: int = 1000,
) -> dict[str, int]:
    """Read a graph.jsonl and merge it into the Neo4j at ``uri``."""
    graph = read_graph(path)
    driver = connect(uri, user, password)
    try:
        return load_graph(driver, graph, database=database, batch_size=batch_size)
    finally:
        driver.close()


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


def query_params(text: str) -> dict[str, Any]:
    """Parameter defaults declared in a saved query's header: ``// @param name = 'value'`` (or a number)."""
    params: dict[str, Any] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("// @param "):
            continue
        name, _, value = line[len("// @param ") :].partition("=")
        value = value.strip()
        if value[:1] in "'\"" and value[-1:] == value[:1]:
            params[name.strip()] = value[1:-1]
        else:
            params[name.strip()] = int(value) if value.lstrip("-").isdigit() else float(value)
    return params


def run_saved_query(
    driver: Any, path: str | Path, params: dict[str, Any] | None = None, database: str | None = None
) -> list[dict[str, Any]]:
    """Run a ``queries/*.cypher`` file with its declared defaults overridden by ``params``."""
    text = Path(path).read_text(encoding="utf-8")
    merged = {**query_params(text), **(params or {})}
    records, _, _ = driver.execute_query(text, parameters_=merged, database_=database)
    return [dict(r) for r in records]
