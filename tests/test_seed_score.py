"""The seed articles scored against the hand-made gold in ../shared with its own scorer: the issue targets
as a regression guard (a lexicon or cue change that costs recall fails here, not in a note)."""

import re
import subprocess
import sys

import pytest

OTHER_TYPES = "CONTROLS,LEADS,SUPPORTED_BY,SURRENDERED_TO"


def score(shared_dir, graph, *args: str) -> str:
    scorer = shared_dir / "eval" / "score.py"
    done = subprocess.run([sys.executable, str(scorer), str(graph), "seeds", *args],
                          capture_output=True, text=True, check=True)
    return done.stdout


def figure(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not in scorer output:\n{text}"
    return float(match.group(1))


@pytest.fixture(scope="module")
def core(shared_dir, seed_graph_path):
    return score(shared_dir, seed_graph_path)


def test_entities_found_with_their_type_and_never_split(core):
    assert figure(r"recall\(typed\) ([\d.]+)", core) >= 0.85
    assert figure(r"split over several nodes (\d+)", core) == 0


def test_core_relations_precision_and_f1(core):
    assert figure(r"RESULT relations P=([\d.]+)", core) >= 0.80
    assert figure(r"RESULT relations .*F1=([\d.]+)", core) >= 0.75


def test_other_relation_types_f1(shared_dir, seed_graph_path):
    other = score(shared_dir, seed_graph_path, "--types", OTHER_TYPES)
    assert figure(r"RESULT relations .*F1=([\d.]+)", other) >= 0.60
