"""The seed guard of model selection: core F1 of the five seed articles (../shared/corpus/seeds) scored by
the seed gold's own scorer (../shared/eval/score.py), as tests/test_seed_score.py does.  A mode that
breaks it is not shipped, whatever it scores on the project's gold."""

from __future__ import annotations

import copy
import io
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from kg.evaluation.gold import OTHER_TYPES
from kg.model import AnalyzedDoc, Document
from kg.relations.learned.model import RelationModel, relations

SEED_CORE_F1 = 0.85  # the project's floor (issue 11: seeds stay at core F1 >= 0.85)


def seed_documents() -> list[AnalyzedDoc]:
    """The seed articles through the pipeline up to resolved entities."""
    from kg.ner_data import shared_dir
    from kg.reader import iter_inputs
    from kg.relations.learned.analyze import analyze

    return analyze([d for d in iter_inputs([shared_dir() / "corpus" / "seeds"]) if isinstance(d, Document)])


SEED_OTHER_F1 = 0.60  # tests/test_seed_score.py: the other four types


def seed_f1(adocs: list[AnalyzedDoc], model: RelationModel, mode: str) -> tuple[float, float]:
    """Seed (core F1, other-four F1) of ``model`` under ``mode`` (the graph written as ``kg extract``
    writes it)."""
    from kg.extract import relation_fits_types
    from kg.graph import GraphWriter
    from kg.ner_data import shared_dir

    buf = io.StringIO()
    writer = GraphWriter(buf, relation_fits=relation_fits_types)
    for adoc in adocs:
        doc = copy.copy(adoc)
        doc.relations = relations(adoc, model, mode)
        writer.add(doc)
    writer.close()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph.jsonl"
        graph.write_text(buf.getvalue(), encoding="utf-8")
        for extra in ([], ["--types", ",".join(OTHER_TYPES)]):
            done = subprocess.run([sys.executable, str(shared_dir() / "eval" / "score.py"), str(graph), "seeds",
                                   *extra], capture_output=True, text=True, check=True)
            found = re.search(r"RESULT relations .*F1=([\d.]+)", done.stdout)
            out.append(float(found.group(1)) if found else 0.0)
    return out[0], out[1]


def seed_guard(model: RelationModel) -> Callable[[str, dict[str, tuple[float, float]], str], bool]:
    """The selection's guard: (mode, cutoffs, group) -> whether ``model`` with those cutoffs keeps the
    seed floor of that group (``core`` or ``other``); the seed articles analyzed once."""
    adocs = seed_documents()
    known: dict[tuple, tuple[float, float]] = {}  # the same cutoffs come up at several floors and modes

    def keeps(mode: str, cuts: dict[str, tuple[float, float]], group: str) -> bool:
        key = (mode == "rules", tuple(sorted(cuts.items())))
        if key not in known:
            trial = copy.copy(model)
            trial.selected = {**model.selected, mode: cuts}
            known[key] = seed_f1(adocs, trial, mode)
        core, other = known[key]
        return core >= SEED_CORE_F1 if group == "core" else other >= SEED_OTHER_F1

    return keeps
