"""Safe by default (issue 13): the fault matrix, run through the real `kg` command.

Outputs never overlap inputs and appear only when complete; every reader refuses a cut or malformed
graph.jsonl; a bad document is one line and the rest goes on; Ctrl-C leaves no finished-looking file and
``--resume`` goes on; every failure is one ``error:`` line with a non-zero exit, no traceback.
The Neo4j side (reloads, runs, credentials, rate limit) is in tests/test_neo4j_loader.py.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from kg.graph import GraphFileError, read_graph
from tests.test_bad_inputs import GOOD_1, GOOD_2, KG, UNPRIVILEGED

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "neo4j_mini_graph.jsonl"


def kg(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: int = 600,
       prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}  # never a real database
    return subprocess.run([*(prefix or []), str(KG), *args], capture_output=True, text=True, cwd=cwd,
                          env={**base, **(env or {})}, timeout=timeout, stdin=subprocess.DEVNULL)


def stderr_lines(proc: subprocess.CompletedProcess) -> list[str]:
    """stderr lines, progress bars (tqdm redraws with \\r) left out."""
    return [ln.rsplit("\r", 1)[-1].strip() for ln in proc.stderr.splitlines()
            if ln.strip() and not ln.rsplit("\r", 1)[-1].startswith("documents:")]


def one_error(proc: subprocess.CompletedProcess, code: int, *words: str) -> str:
    """The run failed with ``code`` and said so in one ``error:`` line containing ``words``."""
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    errors = [ln for ln in stderr_lines(proc) if ln.startswith("error:")]
    assert proc.returncode == code and len(errors) == 1, (proc.returncode, proc.stderr[-3000:])
    for w in words:
        assert w in errors[0], errors[0]
    return errors[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".kg-tmp-" in p.name)


def corpus_line(doc_id: str, text: str = GOOD_1, **fields) -> str:
    return json.dumps({"id": doc_id, "title": "خبر", "text": text, **fields}, ensure_ascii=False)


# --- inputs and outputs never overlap -------------------------------------------------------------------


def test_output_that_is_the_input_corpus_is_refused(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(corpus_line("a") + "\n", encoding="utf-8")
    before = corpus.read_bytes()
    proc = kg("extract", str(corpus), "--out", str(corpus))
    one_error(proc, 2, f"output {corpus} is also an input")
    assert corpus.read_bytes() == before


def test_output_inside_an_input_folder_is_refused(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "a.txt").write_text(GOOD_1, encoding="utf-8")
    proc = kg("build", "b", "--out", "b/out", cwd=tmp_path)
    one_error(proc, 2, "output b/out lies inside input folder b")
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["a.txt"]


@pytest.mark.parametrize("command, out_kind, words", [
    ("extract", "dir", "is a folder; give a file name"),
    ("build", "file", "is a file, not a folder"),
    ("html", "file", "is a file, not a folder"),
    ("rdf", "dir", "is a folder; give a file name"),
])
def test_output_of_the_wrong_kind_is_one_line(tmp_path, command, out_kind, words):
    out = tmp_path / "taken"
    out.mkdir() if out_kind == "dir" else out.write_text("mine", encoding="utf-8")
    source = MINI if command in ("html", "rdf") else ROOT / "examples"
    one_error(kg(command, str(source), "--out", str(out)), 2, str(out), words)
    assert (out.is_dir() and not any(out.iterdir())) or out.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("command", ["extract", "html"])
def test_read_only_output_folder_is_one_line(tmp_path, command):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    source = MINI if command == "html" else ROOT / "examples"
    out = locked / ("g.jsonl" if command == "extract" else "html")
    one_error(kg(command, str(source), "--out", str(out), prefix=UNPRIVILEGED), 2,
              f"cannot {'write in' if command == 'extract' else 'create'} output folder", str(locked))
    assert list(locked.iterdir()) == []


# --- every reader refuses an incomplete or malformed graph.jsonl ----------------------------------------


def _variants(tmp_path: Path) -> dict[str, Path]:
    """graph.jsonl files that must not be read as graphs, each with what the error says."""
    lines = MINI.read_text(encoding="utf-8").splitlines()
    body = lines[:-1]  # without the completion record
    interrupted = [ln for ln in body if '"kind": "document"' in ln or '"kind": "mention"' in ln]
    out = {
        "interrupted": interrupted,  # Ctrl-C before relations and entities: looks finished to old readers
        "cut in half": [*body[:-3], body[-3][: len(body[-3]) // 2]],  # full disk in the middle of a line
        "line lost": [*body[:5], *body[6:], lines[-1]],  # counts no longer match the completion record
        "not json": ["this is not a graph"],
        "deeply nested": ["[" * 100_000 + "]" * 100_000],
        "empty": [],
    }
    paths = {}
    for name, content in out.items():
        paths[name] = tmp_path / f"{name.replace(' ', '-')}.jsonl"
        paths[name].write_text("".join(ln + "\n" for ln in content), encoding="utf-8")
    return paths


REASONS = {"interrupted": "no completion record", "cut in half": "malformed graph.jsonl line",
           "line lost": "does not match its completion record", "not json": "malformed graph.jsonl line",
           "deeply nested": "nested too deeply", "empty": "is empty"}


def test_read_graph_refuses_every_incomplete_or_malformed_file(tmp_path):
    for name, path in _variants(tmp_path).items():
        with pytest.raises(GraphFileError, match=REASONS[name]) as failure:
            read_graph(path)
        assert str(path) in str(failure.value) and "\n" not in str(failure.value)
    assert len(read_graph(MINI).documents) == 4  # the complete file reads


@pytest.mark.parametrize("command, variant", [
    ("load", "interrupted"), ("load", "cut in half"), ("html", "interrupted"), ("html", "not json"),
    ("rdf", "interrupted"), ("rdf", "line lost"), ("rdf", "deeply nested"), ("rdf", "cut in half"),
])
def test_every_reader_refuses_an_incomplete_graph_in_one_line(tmp_path, command, variant):
    path = _variants(tmp_path)[variant]
    out = tmp_path / "out"
    args = {"load": [], "html": ["--out", str(out)], "rdf": ["--out", str(out)]}[command]
    env = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"}  # refused before any connection
    line = one_error(kg(command, str(path), *args, env=env), 1, str(path), REASONS[variant])
    assert "cannot reach" not in line
    assert not out.exists() or not any(p.is_file() and p.name != ".kg-output" for p in out.rglob("*"))


# --- atomic outputs ----------------------------------------------------------------------------------------


def test_a_writer_failing_midway_leaves_the_previous_file_and_no_temporary(tmp_path):
    from loaders.cypher_script import write_cypher_script

    graph = read_graph(MINI)
    script = tmp_path / "graph.cypher"
    write_cypher_script(graph, script)
    before = script.read_text(encoding="utf-8")
    graph.relations[-1].confidence = math.nan  # the last batch cannot be written as Cypher
    with pytest.raises(ValueError):
        write_cypher_script(graph, script)
    assert script.read_text(encoding="utf-8") == before
    assert leftovers(tmp_path) == []


# --- Neo4j only when asked, and never through an http:// URI -----------------------------------------------


def test_http_uri_is_one_line_before_any_work(tmp_path):
    env = {"NEO4J_PASSWORD": "x"}
    one_error(kg("load", str(MINI), "--neo4j-uri", "http://127.0.0.1:7474", env=env), 1,
              "'http://127.0.0.1:7474' is not a Neo4j Bolt URI", "bolt://HOST:7687")
    one_error(kg("build", "examples", "--out", str(tmp_path / "out"), "--neo4j-uri", "http://127.0.0.1:7474",
                 env=env), 1, "is not a Neo4j Bolt URI")
    assert not (tmp_path / "out" / "graph.jsonl").exists()  # refused before extracting


def test_neo4j_local_sets_the_initial_password_without_a_command_line(tmp_path):
    """No process started by `neo4j-local.sh init` carries the password in its argv (what `ps` shows)."""
    password = "probe-" + os.urandom(6).hex()
    env = {**os.environ, "KG_NEO4J_INSTANCE": str(tmp_path / "instance"), "KG_NEO4J_PASSWORD": password,
           "KG_NEO4J_BOLT_PORT": "7999", "KG_NEO4J_HTTP_PORT": "7998"}
    seen: list[str] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
                try:
                    argv = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
                except OSError:
                    continue
                if "AdminTool" in argv or password in argv:
                    seen.append(argv)
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        proc = subprocess.run(["bash", str(ROOT / "scripts" / "neo4j-local.sh"), "init"], capture_output=True,
                              text=True, env=env, timeout=900)
    finally:
        done.set()
        watcher.join()
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "instance" / "data" / "dbms" / "auth.ini").is_file()
    assert seen and all("AdminTool" in argv for argv in seen)  # the admin tool was seen running...
    assert not [argv for argv in seen if password in argv]  # ...never with the password
    assert not (tmp_path / "instance" / "run" / ".initial-password").exists()


# --- runs of the real pipeline ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("readme") / "out"
    return kg("build", "examples", "--out", str(out)), out


def test_readme_command_builds_the_examples(examples_build):
    """`kg build examples --out out` exits 0: examples/README.md is documentation, not an article, and no
    database is touched without --neo4j-uri / NEO4J_URI."""
    proc, out = examples_build
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = stderr_lines(proc)
    assert "note: examples/README.md: documentation file, not an article (name it explicitly to read it)" in lines
    assert not [ln for ln in lines if ln.startswith("error:")]
    assert [ln for ln in lines if ln.startswith("Neo4j not loaded")] == [
        f"Neo4j not loaded (no --neo4j-uri or NEO4J_URI); run `kg load {out / 'graph.jsonl'}` or load "
        f"{out / 'graph.cypher'} with cypher-shell or Neo4j Browser."]
    graph = read_graph(out / "graph.jsonl")
    assert "README" not in graph.documents and len(graph.documents) == 7 and graph.relations
    for name in ("graph.ttl", "graph.cypher", "html/index.html"):
        assert (out / name).stat().st_size > 0
    assert leftovers(out) == []


def test_kg_outputs_in_an_input_folder_are_not_read_as_articles(examples_build, tmp_path):
    _, built = examples_build
    folder = tmp_path / "inbox"
    shutil.copytree(built, folder / "old-build")  # a previous `kg build --out` (marked folder)
    shutil.copy(built / "graph.jsonl", folder / "graph.jsonl")  # a graph.jsonl saved next to the articles
    (folder / "article.txt").write_text(GOOD_2, encoding="utf-8")
    (folder / "LICENSE.txt").write_text("مرخص للاستخدام الحر مع ذكر المصدر والمؤلف الأصلي.", encoding="utf-8")
    proc = kg("extract", str(folder), "--out", str(tmp_path / "g.jsonl"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    notes = [ln for ln in stderr_lines(proc) if ln.startswith("note:")]
    assert notes == [f"note: {folder / 'LICENSE.txt'}: documentation file, not an article (name it explicitly "
                     "to read it)",
                     f"note: {folder / 'graph.jsonl'}: a graph.jsonl written by kg, not a corpus",
                     f"note: {folder / 'old-build'}: output folder of kg (.kg-output), not read as input"]
    assert list(read_graph(tmp_path / "g.jsonl").documents) == ["article"]


@pytest.fixture(scope="module")
def isolation_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path, str]:
    tmp = tmp_path_factory.mktemp("isolation")
    long_id = "مقال-" + "ط" * 10_000  # 20 KB in UTF-8: over Neo4j's index entry limit
    lines = [
        corpus_line("first"),
        '{"id": "surrogate-title", "title": "\\ud800", "text": ' + json.dumps(GOOD_2) + "}",
        '{"id": "surrogate-text", "text": "' + GOOD_1[:40] + '\\udfff"}',
        "[" * 100_000 + "]" * 100_000,
        corpus_line(long_id, GOOD_2),
        corpus_line("last", GOOD_2),
    ]
    (tmp / "in").mkdir()
    (tmp / "in" / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp / "in" / os.fsdecode(b"\xff\xfe-name.txt")).write_text(GOOD_1, encoding="utf-8")  # not UTF-8
    out = tmp / "g.jsonl"
    return kg("extract", str(tmp / "in"), "--out", str(out)), out, long_id


def test_each_undecodable_document_is_one_line_and_the_rest_goes_on(isolation_run):
    proc, out, long_id = isolation_run
    assert "Traceback" not in proc.stderr and proc.returncode == 2, proc.stderr[-3000:]
    errors = [ln for ln in stderr_lines(proc) if ln.startswith("error:")]
    corpus = out.parent / "in" / "corpus.jsonl"
    assert errors == [
        f"error: {corpus}:2: title is not valid Unicode (lone surrogate '\\ud800' at 0)",
        f"error: {corpus}:3: text is not valid Unicode (lone surrogate '\\udfff' at 40)",
        f"error: {corpus}:4: malformed record (JSON nested too deeply)",
        f"error: {out.parent / 'in'}/\\udcff\\udcfe-name.txt: path is not valid Unicode (lone surrogate "
        "'\\udcff' at " + str(len(str(out.parent / "in")) + 1) + ")",
    ]
    graph = read_graph(out)
    bounded = [d for d in graph.documents.values() if d.original_id]
    assert [d.original_id for d in bounded] == [long_id]
    assert len(bounded[0].id) < 100 and bounded[0].id.startswith(long_id[:64])
    assert sorted(graph.documents) == sorted(["first", "last", bounded[0].id])
    assert {m.doc for m in graph.mentions} == set(graph.documents)


@pytest.mark.neo4j
def test_an_overlong_document_id_loads_into_neo4j(isolation_run, neo4j_db):
    from loaders.neo4j_loader import load_graph

    _, out, long_id = isolation_run
    counts = load_graph(neo4j_db, read_graph(out))
    assert counts["documents"] == 3 and counts["entities"] > 0
    records, _, _ = neo4j_db.execute_query("MATCH (d:Document) WHERE d.original_id IS NOT NULL "
                                           "RETURN d.original_id AS original, COUNT { (d)-[:MENTIONS]->() } AS n")
    assert [r["original"] for r in records] == [long_id] and records[0]["n"] > 0


def test_empty_input_folder_warns_and_fails(tmp_path):
    (tmp_path / "empty").mkdir()
    previous = tmp_path / "g.jsonl"
    previous.write_text("an earlier graph\n", encoding="utf-8")
    one_error(kg("extract", "empty", "--out", "g.jsonl", cwd=tmp_path), 2, "no articles in empty", "not written")
    assert previous.read_text(encoding="utf-8") == "an earlier graph\n"


def test_ctrl_c_leaves_no_finished_looking_graph_and_resume_completes_it(tmp_path):
    corpus = tmp_path / "c.jsonl"
    texts = [GOOD_1, GOOD_2]
    corpus.write_text("".join(corpus_line(f"d{i:03d}", texts[i % 2] + f"\nالخبر رقم {i}.") + "\n"
                              for i in range(200)), encoding="utf-8")
    out, partial = tmp_path / "g.jsonl", tmp_path / "g.jsonl.partial"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    proc = subprocess.Popen([str(KG), "extract", str(corpus), "--out", str(out)], stderr=subprocess.PIPE,
                            text=True, cwd=tmp_path, env=env)
    deadline = time.monotonic() + 300
    while (not partial.exists() or partial.read_text(encoding="utf-8").count("\n") < 1) \
            and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    interrupted = subprocess.CompletedProcess(proc.args, proc.returncode, "", stderr)
    line = one_error(interrupted, 130, "error: interrupted: ", f"{out} not written", "--resume")
    done = int(line.split("interrupted: ")[1].split(" ")[0])
    assert 1 <= done < 200
    assert not out.exists() and leftovers(tmp_path) == []
    assert partial.read_text(encoding="utf-8").count("\n") >= done

    resumed = kg("extract", str(corpus), "--out", str(out), "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    summary = stderr_lines(resumed)[-1]
    assert summary.startswith("200 documents") and f"; {done} resumed from the interrupted run" in summary
    assert not partial.exists()

    fresh = tmp_path / "fresh.jsonl"
    assert kg("extract", str(corpus), "--out", str(fresh), cwd=tmp_path).returncode == 0
    assert out.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8")


def test_a_full_disk_leaves_no_finished_looking_graph_and_resume_completes_it(examples_build, tmp_path):
    """A file size limit (RLIMIT_FSIZE, what a full disk does to a writer) hits the run mid-way."""
    import resource

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))

    out = tmp_path / "g.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    proc = subprocess.run([str(KG), "extract", "examples", "--out", str(out)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=600, preexec_fn=small_disk)
    one_error(proc, 1, f"cannot write {out}: File too large", "nothing written under that name", "--resume")
    assert not out.exists() and leftovers(tmp_path) == []

    resumed = kg("extract", "examples", "--out", str(out), "--resume")
    assert resumed.returncode == 0 and "resumed from the interrupted run" in stderr_lines(resumed)[-1]
    _, built = examples_build
    assert out.read_text(encoding="utf-8") == (built / "graph.jsonl").read_text(encoding="utf-8")
