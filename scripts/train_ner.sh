#!/usr/bin/env bash
# Train the project's Arabic stanza NER model and install it into kg/resources/models/ner.
# Needs ../shared (AQMAR, ANERcorp, ANT corpus); about 35 minutes on 2 CPU cores. Never run by CI.
# Usage: scripts/train_ner.sh [extra kg.train_ner options]   (log: build/ner/train.log)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
mkdir -p build/ner
export PYTHONHASHSEED=1234 OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" MKL_NUM_THREADS=1
"$PY" -m kg.train_ner all --work build/ner --max-steps 6000 --eval-interval 200 --batch-size 32 \
  --max-minutes 32 "$@" 2>&1 | tee build/ner/train.log
