"""The `kg` command line (typer)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Arabic news -> knowledge graph (entities, relations, Neo4j, RDF, HTML).",
                  no_args_is_help=True, add_completion=False)

# --- commands: core (lead) ---

# --- commands: ner (train-ner, models) ---

# --- commands: neo4j (load) ---

# --- commands: rdf (sparql) ---

# --- commands: html ---


def main() -> None:
    app()
