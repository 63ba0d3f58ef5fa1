"""Neo4j settings from ``./.env`` and the password from the environment or a prompt, never from argv.

A password on the command line is visible to every user of the machine (``ps``, /proc), so kg takes it
from ``NEO4J_PASSWORD`` (set in the environment, or as ``NEO4J_PASSWORD=…`` in a ``.env`` file in the
working directory, as docker-compose reads it), or asks for it on a terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kg.errors import KgError

DOTENV_PREFIX = "NEO4J_"


def read_dotenv(path: Path) -> dict[str, str]:
    """``KEY=value`` lines of a .env file (``export``, quotes and ``#`` comments allowed)."""
    values: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return values
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key.strip()] = value
    return values


def load_dotenv(path: Path = Path(".env")) -> None:
    """Put the NEO4J_* settings of ``./.env`` into the environment; variables already set win, and an
    empty value counts as unset."""
    for key, value in read_dotenv(path).items():
        if key.startswith(DOTENV_PREFIX) and value and not os.environ.get(key):
            os.environ[key] = value


def neo4j_password(uri: str, user: str) -> str:
    """NEO4J_PASSWORD, else typed at a prompt when on a terminal; a one-line error otherwise."""
    password = os.environ.get("NEO4J_PASSWORD")
    if password:
        return password
    if sys.stdin.isatty():
        import typer

        return typer.prompt(f"Neo4j password for {user} at {uri}", hide_input=True)
    raise KgError(f"no password for Neo4j at {uri}: set NEO4J_PASSWORD, or put NEO4J_PASSWORD=... in ./.env "
                  "(scripts/neo4j-local.sh env prints the local server's), or run kg in a terminal to be asked")
