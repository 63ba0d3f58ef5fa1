"""Run the SPARQL twins of the Cypher queries (queries/*.rq) on an exported graph.ttl with rdflib.

Parameters are declared in a header comment, the same convention as the .cypher files::

    # @param actor = 'ISIS'          (Cypher: // @param actor = 'ISIS')

The value (a quoted string or a number) is the default; callers override it by name. Values are bound
to ``?name`` with rdflib's ``initBindings``, so user text is never spliced into SPARQL. The one
exception is ``LIMIT ?name``, which SPARQL cannot bind: it is replaced by the parameter's value after
checking that it is a non-negative integer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.query import Result

PARAM = re.compile(r"^\s*(?:#|//)\s*@param\s+(\w+)\s*=\s*(.+?)\s*$")
LIMIT = re.compile(r"\bLIMIT\s+\?(\w+)", re.IGNORECASE)


def _value(text: str) -> object:
    if text[:1] in "'\"" and text[-1:] == text[:1] and len(text) >= 2:
        return text[1:-1]
    try:
        return int(text)
    except ValueError:
        return float(text)


def query_params(text: str) -> dict[str, object]:
    """Declared parameters and their defaults, from ``# @param name = 'value'`` header lines."""
    params: dict[str, object] = {}
    for line in text.splitlines():
        match = PARAM.match(line)
        if match:
            params[match.group(1)] = _value(match.group(2))
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
    declared = query_params(query_text)
    unknown = set(bindings or {}) - set(declared)
    if unknown:
        raise ValueError(f"unknown parameter(s) {sorted(unknown)}; the query declares {sorted(declared)}")
    values = {**declared, **{k: _coerce(v, declared[k]) for k, v in (bindings or {}).items()}}

    def limit(match: re.Match) -> str:
        value = values.get(match.group(1))
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError(f"LIMIT ?{match.group(1)} needs a non-negative integer, got {value!r}")
        return f"LIMIT {value}"

    query_text = LIMIT.sub(limit, query_text)
    used = {k: Literal(v) for k, v in values.items() if re.search(rf"[?$]{k}\b", query_text)}
    result: Result = graph.query(query_text, initBindings=used)
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
