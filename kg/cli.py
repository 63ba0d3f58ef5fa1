"""The `kg` command line (typer)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer


class _App(typer.Typer):
    """The command group, run so that a failure is one ``error: …`` line naming the file or server, with
    a non-zero exit; the traceback only with ``--debug`` (anywhere on the line) or ``KG_DEBUG=1``.
    NEO4J_* settings are read from ./.env first (the environment wins)."""

    def __call__(self, *args, **kwargs):
        from kg.credentials import load_dotenv

        debug = "--debug" in sys.argv[1:] or os.environ.get("KG_DEBUG") == "1"
        sys.argv[1:] = [a for a in sys.argv[1:] if a != "--debug"]
        load_dotenv()
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            if debug:
                raise
            typer.echo(f"error: {_one_line(exc)}", err=True)
            sys.exit(getattr(exc, "exit_code", 1))


def _one_line(exc: Exception) -> str:
    from kg.errors import KgError

    if isinstance(exc, KgError) or type(exc).__name__ == "Neo4jLoadError":
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.filename or 'a file'}: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc} (an internal error: rerun with --debug for the traceback and report it)"


app = _App(help="Arabic news -> knowledge graph (entities, relations, Neo4j, RDF, HTML). "
                "Errors are one line; add --debug anywhere for the traceback.",
           no_args_is_help=True, add_completion=False)

# --- commands: core (lead) ---
Inputs = typer.Argument(..., help="Files or directories of .txt/.md/.html, or .jsonl corpora "
                        "(id,title,date,source,url,text).")
Workers = typer.Option(None, "--workers", "-w", min=1, show_default=False,
                       help="Local worker processes (default: one per core, as many as memory holds at ~0.9 GiB each).")
Scheduler = typer.Option(None, "--scheduler", help="Dask distributed scheduler address, e.g. tcp://HOST:8786.")
DEFAULT_BOLT = "bolt://127.0.0.1:7687"
Resume = typer.Option(False, "--resume", help="Go on from an interrupted run: skip the documents it finished "
                      "(same id and content), kept in OUT.partial.")
Quiet = typer.Option(False, "--quiet", "-q", help="No progress bar (errors, warnings and the summary still print).")
MinConfidence = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                             help="Leave out relations whose confidence (calibrated probability) is below this.")


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _finish(report) -> None:
    typer.echo(report.summary(), err=True)
    if report.skipped:
        raise typer.Exit(2)


def _load_summary(report) -> str:
    """Where it went, what was written, what the reload removed, and what the database holds now."""
    counts = report.counts
    written = ", ".join(f"{k} {counts[k]}" for k in ("documents", "entities", "mentions", "relations", "evidence"))
    totals = ", ".join(f"{k} {v}" for k, v in report.totals.items())
    return (f"{written}; removed (left without evidence): entities {counts['removed_entities']}, relations "
            f"{counts['removed_relations']}; database {report.database} now holds {totals}")


def _load(uri: str, user: str, database: str | None, graph: Path, **options) -> None:
    """Load ``graph`` into ``uri``, saying where first (a password comes from env/.env/prompt)."""
    from kg.credentials import neo4j_password
    from loaders.neo4j_loader import check_uri, load_graph_file

    check_uri(uri)
    password = neo4j_password(uri, user)
    typer.echo(f"loading {graph} into Neo4j at {uri}, database {database or '(server default)'} ...", err=True)
    report = load_graph_file(uri, user, password, graph, database=database, **options)
    typer.echo(f"loaded {graph} into {uri} database {report.database}: {_load_summary(report)}", err=True)


@app.command()
def extract(
    inputs: list[Path] = Inputs,
    out: Path = typer.Option(Path("graph.jsonl"), "--out", "-o", help="graph.jsonl to write."),
    workers: int | None = Workers,
    scheduler: str | None = Scheduler,
    resume: bool = Resume,
    min_confidence: float | None = MinConfidence,
    quiet: bool = Quiet,
) -> None:
    """Find entities and relations in Arabic articles and write graph.jsonl.

    Unreadable inputs get a one-line error and are skipped; the exit status is 2 when any was. The file
    appears only when complete (Ctrl-C: exit 130, nothing written, --resume goes on).
    """
    from kg.extract import extract as run_extract

    _finish(run_extract(inputs, out, workers=workers, scheduler=scheduler, resume=resume,
                        min_confidence=min_confidence, progress=not quiet))


User = typer.Option("neo4j", "--user", envvar="NEO4J_USER",
                    help="Neo4j user; the password comes from NEO4J_PASSWORD, ./.env or a prompt, never argv.")
Database = typer.Option(None, "--database", envvar="NEO4J_DATABASE", help="Database (default: the server's default).")


@app.command()
def build(
    inputs: list[Path] = Inputs,
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output directory."),
    workers: int | None = Workers,
    scheduler: str | None = Scheduler,
    neo4j_uri: str | None = typer.Option(None, "--neo4j-uri", envvar="NEO4J_URI",
                                         help="Load into this Neo4j (bolt://HOST:7687); without it, and without "
                                              "NEO4J_URI, no database is touched."),
    user: str = User,
    database: str | None = Database,
    resume: bool = Resume,
    min_confidence: float | None = MinConfidence,
    quiet: bool = Quiet,
) -> None:
    """Extract, then write OUT/graph.jsonl, graph.ttl, graph.cypher, html/, events.csv and graph.graphml;
    load Neo4j only when asked.

    With --neo4j-uri (or NEO4J_URI, also from ./.env) the graph is loaded there and a failed load is an
    error (exit 1); the server and database are printed first.
    """
    from kg.build import build as run_build

    if neo4j_uri:
        from loaders.neo4j_loader import check_uri

        check_uri(neo4j_uri)  # before a long extraction, not after
    result = run_build(inputs, out, workers=workers, scheduler=scheduler, resume=resume,
                       min_confidence=min_confidence, progress=not quiet)
    for path in result.outputs.values():
        typer.echo(f"wrote {path}", err=True)
    if neo4j_uri is None:
        typer.echo(f"Neo4j not loaded (no --neo4j-uri or NEO4J_URI); run `kg load {result.outputs['graph.jsonl']}` "
                   f"or load {out / 'graph.cypher'} with cypher-shell or Neo4j Browser.", err=True)
    else:
        _load(neo4j_uri, user, database, result.outputs["graph.jsonl"])
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
    finetune_from: str = typer.Option(None, help="continue training this tagger .pt (same vectors)"),
) -> None:
    """Train the shipped Arabic NER model (AQMAR + ANERcorp + our annotations); needs ../shared."""
    from kg.train_ner import main as train_main

    train_main([step, "--work", work, "--max-steps", str(max_steps), "--eval-interval", str(eval_interval),
                "--batch-size", str(batch_size), "--max-minutes", str(max_minutes),
                *(["--hold-out", hold_out] if hold_out else []),
                *(["--finetune-from", finetune_from] if finetune_from else [])])


@app.command("train-relations")
def train_relations(
    gold: Path = typer.Option(Path("eval/gold/multi_conflict.jsonl"), exists=True,
                              help="relation gold (trained on its train split, chosen on out-of-fold train + dev)."),
    out: Path = typer.Option(None, help="model file (default: the shipped kg/resources/models/relations/model.json)."),
    cache: Path = typer.Option(None, help="keep analyzed articles here between runs (outside the project)."),
    c: float = typer.Option(0.1, "--c", help="inverse L2 strength of the logistic models"),
    mode: str = typer.Option(None, help="ship this mode (rules, learned, combined, gated) instead of the one "
                                        "the selection rule chooses (best F1 with precision >= 0.75)."),
) -> None:
    """Rebuild the learned relation layer from the gold's train split (needs scikit-learn: pip install '.[train]')."""
    from kg.relations.learned.model import MODEL_PATH, MODES
    from kg.relations.learned.train import train_relations as run_train

    if mode is not None and mode not in MODES:
        _fail(f"--mode {mode!r} is not one of {', '.join(MODES)}")
    try:
        import sklearn  # noqa: F401  (training only; the shipped model is read without it)
    except ImportError:
        _fail("kg train-relations needs scikit-learn: pip install '.[train]'")
    done = run_train(gold, out or MODEL_PATH, cache, c, mode)
    for (part, m, group), (p, r, f1) in sorted(done.figures.items()):
        typer.echo(f"{part:<20} {m:<8} {group:<5} P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    typer.echo(f"wrote {out or MODEL_PATH}: mode {done.model.mode} (chosen: {done.chosen[done.model.mode]})")


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
NeoUri = typer.Option(DEFAULT_BOLT, "--neo4j-uri", envvar="NEO4J_URI", help="Bolt URI of Neo4j.")


@app.command()
def load(
    graph: Path = typer.Argument(Path("graph.jsonl"), exists=True, dir_okay=False, help="graph.jsonl to load."),
    neo4j_uri: str = NeoUri,
    user: str = User,
    database: str | None = Database,
    batch_size: int = typer.Option(1000, "--batch-size", min=1, help="Rows per transaction."),
) -> None:
    """Load graph.jsonl into Neo4j; the database then equals it for its documents.

    Their mentions, evidence and relations are replaced, what is left without evidence is removed, other
    documents stay (reloading the same graph changes nothing). Each load is recorded as a run (`kg runs`).
    """
    _load(neo4j_uri, user, database, graph, batch_size=batch_size)


@app.command()
def runs(
    neo4j_uri: str = NeoUri,
    user: str = User,
    database: str | None = Database,
    limit: int = typer.Option(20, "--limit", min=1, help="How many of the latest loads."),
) -> None:
    """List the loads recorded in Neo4j, newest first: time, input, documents, entities, relations."""
    from kg.credentials import neo4j_password
    from loaders.neo4j_loader import connect, list_runs

    driver = connect(neo4j_uri, user, neo4j_password(neo4j_uri, user))
    try:
        rows = list_runs(driver, database, limit)
    finally:
        driver.close()
    for r in rows:
        typer.echo(f"{r['at']}  {r['input'] or '(graph.cypher)'}  documents {r['documents']}, entities "
                   f"{r['entities']}, relations {r['relations']}, evidence {r['evidence']}  run {r['id']}")
    if not rows:
        typer.echo(f"no loads recorded in Neo4j at {neo4j_uri}", err=True)

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
    from kg.outputs import check_apart, check_output_file
    from loaders.rdf_writer import export

    check_apart([graph], [check_output_file(out)])
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
    from kg.outputs import check_output_dir
    from loaders.html_writer import write_html

    pages = write_html(read_graph(graph), check_output_dir(out), max_index_nodes=max_index_nodes)
    typer.echo(f"wrote {len(pages)} pages; open {pages[0]}", err=True)


# --- commands: exports (events.csv, graph.graphml and the other writers) ---


@app.command("export")
def export_(
    graph: Path = typer.Argument(Path("graph.jsonl"), exists=True, dir_okay=False, help="graph.jsonl to export."),
    out: Path = typer.Option(Path("."), "--out", "-o", help="Folder to write into."),
    formats: list[str] = typer.Option(["csv", "graphml"], "--format", "-f",
                                      help="csv (events.csv), graphml (graph.graphml), turtle, cypher, html; "
                                           "repeat for several."),
) -> None:
    """Write events.csv (one row per relation instance, ACLED-like columns) and graph.graphml (Gephi,
    Cytoscape, networkx), or any other writer's file, from a graph.jsonl."""
    from kg.graph import read_graph
    from loaders.writers import WRITERS, write_outputs

    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        _fail(f"unknown format {unknown[0]!r}; choose from {', '.join(WRITERS)}")
    for path in write_outputs(read_graph(graph), out, formats).values():
        typer.echo(f"wrote {path}", err=True)


def main() -> None:
    app()
