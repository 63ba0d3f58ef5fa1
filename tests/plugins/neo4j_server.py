"""A real Neo4j server for the tests: the one at ``$NEO4J_URI``, else the local one of scripts/neo4j-local.sh.

Register with ``pytest_plugins = ["tests.plugins.neo4j_server"]`` in the root ``tests/conftest.py``.

Fixtures:

- ``neo4j_uri`` (session): Bolt URI. With ``NEO4J_URI`` set, that server is used (``NEO4J_USER``,
  ``NEO4J_PASSWORD``); otherwise ``scripts/neo4j-local.sh start`` runs (idempotent: a server already
  running is reused) and the server is stopped at the end only if this fixture started it.
  Tests wipe the database: never point ``NEO4J_URI`` at data you want to keep while running them.
- ``neo4j_auth`` (session): ``(user, password)``.
- ``neo4j_driver`` (session): a connected ``neo4j`` driver.
- ``neo4j_db`` (function): the same driver, with an empty database (wiped before the test).
- ``wipe_neo4j(driver)``: the helper behind ``neo4j_db``.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "neo4j-local.sh"
LOCAL_PASSWORD = os.environ.get("KG_NEO4J_PASSWORD", "kg-local-neo4j")


def _script(command: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SCRIPT), command], capture_output=True, text=True, timeout=timeout, cwd=REPO_ROOT
    )


@pytest.fixture(scope="session")
def neo4j_auth() -> tuple[str, str]:
    if os.environ.get("NEO4J_URI"):
        return os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")
    return "neo4j", LOCAL_PASSWORD


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield uri
        return
    started = False
    if _script("status", timeout=30).returncode != 0:
        result = _script("start")
        if result.returncode != 0:
            pytest.fail(f"could not start the local Neo4j (scripts/neo4j-local.sh start):\n{result.stderr}")
        started = True
    host = os.environ.get("KG_NEO4J_HOST", "127.0.0.1")
    yield f"bolt://{host}:{os.environ.get('KG_NEO4J_BOLT_PORT', '7687')}"
    if started:
        _script("stop", timeout=120)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_uri: str, neo4j_auth: tuple[str, str]):
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(neo4j_uri, auth=neo4j_auth)
    driver.verify_connectivity()
    yield driver
    driver.close()


def wipe_neo4j(driver, database: str | None = None) -> None:
    """Delete all nodes and relationships (constraints stay)."""
    from loaders.neo4j_loader import wipe

    wipe(driver, database)


@pytest.fixture()
def neo4j_db(neo4j_driver):
    wipe_neo4j(neo4j_driver)
    return neo4j_driver
