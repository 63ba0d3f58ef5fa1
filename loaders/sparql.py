"""Run the SPARQL twins of the Cypher queries (queries/*.rq) on an exported graph.ttl with rdflib.

Every file is plain SPARQL 1.1 with its defaults written in the query, so any engine runs it verbatim
(docs/rdf.md, "Saved query files"):

    VALUES ?actor { "ISIS" }       a parameter: a one-variable, one-value VALUES block (repeated in each
                                   sub-select that needs it, always with the same value)
    LIMIT 20                       the parameter ``limit``: the query's final LIMIT

Callers override a parameter by name: every ``VALUES ?name {…}`` block gets the new value written as an
escaped SPARQL literal (``sparql_literal``), so user text never becomes SPARQL syntax; ``limit`` must
be a non-negative integer. Without overrides the text runs unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

# a one-value VALUES block: a string literal (escapes allowed, one line) or a number
VALUES = re.compile(r'\bVALUES\s+\?(\w+)\s*\{\s*("(?:[^"\\\n]|\\.)*"|[-+]?\d+(?:\.\d+)?)\s*\}', re.IGNORECASE)
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*\Z", re.IGNORECASE)


def _strip_comments(text: str) -> str:
    """The query without ``#`` comment lines (header lines document parameters, they do not set them)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def sparql_literal(value: object) -> str:
    """``value`` as a SPARQL literal: a number bare, anything else a one-line escaped string."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    return '"' + "".join(_ESCAPES.get(ch, ch) for ch in str(value)) + '"'


def _parse_literal(text: str) -> object:
    """A literal of a VALUES block, read by rdflib's own SPARQL parser."""
    row = next(iter(Graph().query(f"SELECT ?v WHERE {{ VALUES ?v {{ {text} }} }}")))
    return row[0].toPython()


def query_params(text: str) -> dict[str, object]:
    """Declared parameters and their defaults: the ``VALUES ?name { value }`` blocks and the final LIMIT."""
    body = _strip_comments(text)
    params: dict[str, object] = {}
    for name, value in VALUES.findall(body):
        default = _parse_literal(value)
        if params.setdefault(name, default) != default:
            raise ValueError(f"VALUES ?{name} blocks disagree: {params[name]!r} and {default!r}")
    limit = LIMIT.search(body.rstrip())
    if limit:
        params["limit"] = int(limit.group(1))
    return params


def _coerce(value: object, default: object) -> object:
    """CLI values arrive as strings: give them the type of the declared default."""
    if isinstance(value, str) and isinstance(default, bool):
        return value.lower() in ("1", "true", "yes")
    if isinstance(value, str) and isinstance(default, int):
        return int(value)
    if isinstance(value, str) and isinstance(default, float):
        return float(value)
    return value


def with_params(query_text: str, bindings: dict[str, object] | None = None) -> str:
    """The query text with its defaults replaced by ``bindings`` (what ``kg sparql --param`` runs)."""
    declared = query_params(query_text)
    unknown = set(bindings or {}) - set(declared)
    if unknown:
        raise ValueError(f"unknown parameter(s) {sorted(unknown)}; the query declares {sorted(declared)}")
    values = {k: _coerce(v, declared[k]) for k, v in (bindings or {}).items()}
    if not values:
        return query_text
    if "limit" in values:
        limit = values.pop("limit")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
            raise ValueError(f"LIMIT needs a non-negative integer, got {limit!r}")
        query_text = LIMIT.sub(f"LIMIT {limit}", query_text.rstrip()) + "\n"

    def block(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        return f"VALUES ?{name} {{ {sparql_literal(values[name])} }}"

    return VALUES.sub(block, query_text)


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> Graph:
    return Graph().parse(path, format="turtle")


def load_graph(ttl_path: str | Path) -> Graph:
    """Parse a Turtle file once per modification (queries of one session share the graph)."""
    path = Path(ttl_path).resolve()
    return _load(str(path), path.stat().st_mtime_ns)


def run_on_graph(query_text: str, graph: Graph,
                 bindings: dict[str, object] | None = None) -> tuple[list[str], list[tuple]]:
    """Run a query text on a loaded graph; returns column names and rows of Python values."""
    result: Result = graph.query(with_params(query_text, bindings))
    columns = [str(v) for v in result.vars]
    rows = [tuple(None if term is None else term.toPython() for term in row) for row in result]
    return columns, rows


def run_query(query_path: str | Path, ttl_path: str | Path,
              bindings: dict[str, object] | None = None) -> tuple[list[str], list[tuple]]:
    """Run the SPARQL file ``query_path`` on the Turtle file ``ttl_path``."""
    text = Path(query_path).read_text(encoding="utf-8")
    return run_on_graph(text, load_graph(ttl_path), bindings)


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """A plain text table (Arabic cells are left as they are; terminals handle the direction)."""
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
