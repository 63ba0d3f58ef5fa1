#!/usr/bin/env bash
# The whole test suite on a fresh machine: set-up, ruff, then pytest. The Neo4j fixtures start a real
# Neo4j 5.26 server with scripts/neo4j-local.sh when NEO4J_URI is not given, and stop it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check kg loaders tests benchmarks
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
