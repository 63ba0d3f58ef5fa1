"""Session fixtures shared by the test suite: paths to ../shared and graphs built by the real pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.plugins.neo4j_server", "tests.plugins.browser"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared")).resolve()
TEST_OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    assert (SHARED / "corpus" / "seeds").is_dir(), f"../shared not found at {SHARED} (set KG_SHARED)"
    return SHARED


@pytest.fixture(scope="session")
def test_output() -> Path:
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT


@pytest.fixture(scope="session")
def pipeline():
    """The standard pipeline (stanza NER included), loaded once for the tests that analyze sentences."""
    from kg.pipeline import build_pipeline

    return build_pipeline()


def _extract(inputs: list[Path], out: Path) -> Path:
    from kg.extract import extract

    report = extract(inputs, out, progress=False)
    assert report.documents > 0 and not report.skipped, report.summary()
    return out


@pytest.fixture(scope="session")
def seed_graph_path(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """graph.jsonl of the five seed articles, built once by the real pipeline (stanza NER included)."""
    return _extract([shared_dir / "corpus" / "seeds"], tmp_path_factory.mktemp("seeds") / "graph.jsonl")


@pytest.fixture(scope="session")
def ant200_graph_path(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """graph.jsonl of the first 200 ANT articles (dated RFC 822 strings), built once per session (~25 s)."""
    folder = tmp_path_factory.mktemp("ant200")
    with open(shared_dir / "corpus" / "ant-middleeast.jsonl", encoding="utf-8") as src:
        head = [line for _, line in zip(range(200), src, strict=False)]
    (folder / "ant200.jsonl").write_text("".join(head), encoding="utf-8")
    return _extract([folder / "ant200.jsonl"], folder / "graph.jsonl")


@pytest.fixture(scope="session")
def example_graph_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _extract([ROOT / "examples"], tmp_path_factory.mktemp("examples") / "graph.jsonl")
