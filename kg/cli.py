"""The `kg` command line (typer)."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="Arabic news -> knowledge graph (entities, relations, Neo4j, RDF, HTML).",
                  no_args_is_help=True, add_completion=False)

# --- commands: core (lead) ---
Inputs = typer.Argument(..., help="Files or directories of .txt/.md/.html, or .jsonl corpora "
                        "(id,title,date,source,url,text).")
Workers = typer.Option(None, "--workers", "-w", min=1, show_default=False,
                       help="Local worker processes (default: one per core, as many as memory holds at ~0.9 GiB each).")
Scheduler = typer.Option(None, "--scheduler", help="Dask distributed scheduler address, e.g. tcp://HOST:8786.")
DEFAULT_BOLT = "bolt://127.0.0.1:7687"
LOCAL_PASSWORD = "kg-local-neo4j"  # scripts/neo4j-local.sh sets it on first start


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _finish(report) -> None:
    typer.echo(report.summary(), err=True)
    if report.skipped:
        raise typer.Exit(2)


def _load_summary(counts: dict[str, int]) -> str:
    """Rows merged per kind; evidence counts only items new to the database, so a rerun shows 0."""
    return ", ".join(f"{'new evidence items' if k == 'evidence' else k} {v}" for k, v in counts.items())


@app.command()
def extract(
    inputs: list[Path] = Inputs,
    out: Path = typer.Option(Path("graph.jsonl"), "--out", "-o", help="graph.jsonl to write."),
    workers: int | None = Workers,
    scheduler: str | None = Scheduler,
) -> None:
    """Find entities and relations in Arabic articles and write graph.jsonl.

    Unreadable inputs get a one-line error and are skipped; the exit status is 2 when any was.
    """
    from kg.extract import extract as run_extract

    _finish(run_extract(inputs, out, workers=workers, scheduler=scheduler))


def _bolt_reachable(uri: str) -> bool:
    import socket
    from urllib.parse import urlparse

    parsed = urlparse(uri)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 7687), timeout=0.5):
            return True
    except OSError:
        return False


User = typer.Option("neo4j", "--user", envvar="NEO4J_USER")
Password = typer.Option(LOCAL_PASSWORD, "--password", envvar="NEO4J_PASSWORD",
                        help="Default: the password scripts/neo4j-local.sh gives its server.")
Database = typer.Option(None, "--database", envvar="NEO4J_DATABASE", help="Database (default: the server's default).")


@app.command()
def build(
    inputs: list[Path] = Inputs,
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output directory."),
    workers: int | None = Workers,
    scheduler: str | None = Scheduler,
    neo4j_uri: str | None = typer.Option(None, "--neo4j-uri", envvar="NEO4J_URI",
                                         help=f"Load into this Neo4j (default: {DEFAULT_BOLT} if it answers)."),
    user: str = User,
    password: str = Password,
    database: str | None = Database,
) -> None:
    """Extract, then write OUT/graph.jsonl, graph.ttl, graph.cypher and html/; load Neo4j when reachable.

    With --neo4j-uri a failed load is an error (exit 1); the server found by itself on the default port
    is loaded when it accepts the credentials, else a warning says so.
    """
    from kg.build import build as run_build
    from loaders.neo4j_loader import Neo4jLoadError, load_graph_file

    result = run_build(inputs, out, workers=workers, scheduler=scheduler)
    for path in result.outputs.values():
        typer.echo(f"wrote {path}", err=True)
    uri = neo4j_uri or (DEFAULT_BOLT if _bolt_reachable(DEFAULT_BOLT) else None)
    if uri is None:
        typer.echo(f"Neo4j not loaded (no server at {DEFAULT_BOLT}); load {out / 'graph.cypher'} "
                   "with cypher-shell or Neo4j Browser, or run `kg load`.", err=True)
    else:
        try:
            counts = load_graph_file(uri, user, password, result.outputs["graph.jsonl"], database=database)
            typer.echo(f"loaded Neo4j at {uri}: {_load_summary(counts)}", err=True)
        except Neo4jLoadError as exc:
            if neo4j_uri:
                _fail(str(exc))
            typer.echo(f"warning: Neo4j at {uri} not loaded: {exc}", err=True)
    _finish(result.report)


# --- commands: ner (train-ner, models) ---
models_app = typer.Typer(help="NER models: the shipped one, or stanza's official Arabic models.",
                         no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("download")
def models_download(
    directory: str = typer.Option(None, "--dir", help="stanza resources dir (default ~/stanza_resources)"),
) -> None:
    """Download stanza's official Arabic tokenize/mwt/ner models (needs internet)."""
    from pathlib import Path

    from kg.ner import download_official, official_dir

    target = Path(directory) if directory else None
    download_official(target)
    typer.echo(f"official stanza Arabic models in {official_dir(target)}")


@app.command("train-ner")
def train_ner(
    work: str = typer.Option("build/ner", help="working folder for data, vectors, checkpoints"),
    max_steps: int = typer.Option(6000, help="stanza training steps"),
    eval_interval: int = typer.Option(200, help="steps between dev evaluations"),
    batch_size: int = typer.Option(32),
    max_minutes: float = typer.Option(32.0, help="wall-clock cap; the best dev checkpoint is kept"),
    step: str = typer.Option("all", help="data, vectors, train, install, evaluate or all"),
    hold_out: str = typer.Option(None, help="leave one conflict (e.g. yemen) out: the cross-conflict test"),
) -> None:
    """Train the shipped Arabic NER model (AQMAR + ANERcorp + our annotations); needs ../shared."""
    from kg.train_ner import main as train_main

    train_main([step, "--work", work, "--max-steps", str(max_steps), "--eval-interval", str(eval_interval),
                "--batch-size", str(batch_size), "--max-minutes", str(max_minutes),
                *(["--hold-out", hold_out] if hold_out else [])])


# --- commands: evaluation ---


@app.command("eval")
def eval_(
    gold: Path = typer.Argument(..., exists=True, help="gold file or folder (eval/gold)."),
    graph: Path = typer.Argument(..., exists=True, dir_okay=False, help="graph.jsonl to score."),
    split: list[str] = typer.Option(None, "--split", help="only these gold splits (train, dev, test)."),
    types: str = typer.Option("core", help="core, other, all or a comma list of relation types."),
    show: bool = typer.Option(False, "--show", help="list misses, false positives and splits."),
) -> None:
    """Score GRAPH against the project's gold: entities, relations per type and per conflict, and the
    false negatives by cause."""
    from kg.evaluation.gold import CORE_TYPES, OTHER_TYPES, load_gold, verified_texts
    from kg.evaluation.score import Prediction, format_report, score

    chosen = {"core": CORE_TYPES, "other": OTHER_TYPES, "all": CORE_TYPES + OTHER_TYPES}.get(
        types, tuple(t.strip() for t in types.split(",") if t.strip()))
    articles = load_gold(gold, split or None)
    if not articles:
        _fail(f"{gold}: no gold articles" + (f" in split {', '.join(split)}" if split else ""))
    report = score(articles, Prediction.read(graph), chosen, verified_texts(articles))
    typer.echo("\n".join(format_report(report, chosen, show)))


# --- commands: neo4j (load) ---


@app.command()
def load(
    graph: Path = typer.Argument(Path("graph.jsonl"), exists=True, dir_okay=False, help="graph.jsonl to load."),
    neo4j_uri: str = typer.Option(DEFAULT_BOLT, "--neo4j-uri", envvar="NEO4J_URI", help="Bolt URI of Neo4j."),
    user: str = User,
    password: str = Password,
    database: str | None = Database,
    batch_size: int = typer.Option(1000, "--batch-size", min=1, help="Rows per transaction."),
) -> None:
    """Merge graph.jsonl into Neo4j (idempotent: reloading adds nothing, new documents add)."""
    from loaders.neo4j_loader import Neo4jLoadError, load_graph_file

    try:
        counts = load_graph_file(neo4j_uri, user, password, graph, database=database, batch_size=batch_size)
    except Neo4jLoadError as exc:
        _fail(str(exc))
    typer.echo(f"loaded {graph} into {neo4j_uri}: {_load_summary(counts)}", err=True)

# --- commands: rdf (sparql) ---


@app.command()
def sparql(
    query: Path = typer.Argument(..., exists=True, dir_okay=False, help="A SPARQL file (queries/*.rq)."),
    graph: Path = typer.Argument(..., exists=True, dir_okay=False, help="graph.ttl written by `kg build` or `kg rdf`."),
    param: list[str] = typer.Option([], "--param", "-p", help="name=value for a `# param name = ...` of the query."),
) -> None:
    """Run a SPARQL query on a Turtle export and print the rows as a table."""
    from loaders.sparql import format_table, run_query

    bindings: dict[str, object] = {}
    for item in param:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            _fail(f"--param wants name=value, got {item!r}")
        bindings[name.strip()] = value
    try:
        columns, rows = run_query(query, graph, bindings)
    except ValueError as exc:
        _fail(str(exc))
    typer.echo(format_table(columns, rows))


@app.command()
def rdf(
    graph: Path = typer.Argument(Path("graph.jsonl"), exists=True, dir_okay=False, help="graph.jsonl to export."),
    out: Path = typer.Option(Path("graph.ttl"), "--out", "-o", help="Turtle file to write."),
    validate: bool = typer.Option(False, "--validate", help="Check the export against ontology/shapes.ttl."),
) -> None:
    """Export graph.jsonl as RDF/Turtle (ontology/kg.ttl); --validate runs the SHACL shapes on it."""
    from loaders.rdf_writer import export

    path = export(graph, out)
    typer.echo(f"wrote {path}", err=True)
    if validate:
        from loaders.ontology import validate_file

        conforms, report = validate_file(path)
        typer.echo(report if not conforms else "conforms to ontology/shapes.ttl", err=True)
        if not conforms:
            raise typer.Exit(1)


@app.command()
def ontology(
    check: bool = typer.Option(False, "--check", help="Only report whether the files are out of date (exit 1)."),
) -> None:
    """Regenerate ontology/kg.ttl and ontology/shapes.ttl from kg/resources/relations.json."""
    from loaders.ontology import stale_files, write_ontology

    if check:
        stale = stale_files()
        for path in stale:
            typer.echo(f"out of date: {path} (run `kg ontology`)", err=True)
        raise typer.Exit(1 if stale else 0)
    for path in write_ontology():
        typer.echo(f"wrote {path}", err=True)


# --- commands: html ---


@app.command()
def html(
    graph: Path = typer.Argument(Path("graph.jsonl"), exists=True, dir_okay=False, help="graph.jsonl to draw."),
    out: Path = typer.Option(Path("html"), "--out", "-o", help="Folder for index.html, entities/, lib/."),
    max_index_nodes: int = typer.Option(400, help="Above this many entities the index shows the most "
                                              "connected ones only (entity pages show all)."),
) -> None:
    """Write interactive pages (pyvis/vis-network, offline): index.html and one page per entity."""
    from kg.graph import read_graph
    from loaders.html_writer import write_html

    pages = write_html(read_graph(graph), out, max_index_nodes=max_index_nodes)
    typer.echo(f"wrote {len(pages)} pages; open {pages[0]}", err=True)


def main() -> None:
    app()
