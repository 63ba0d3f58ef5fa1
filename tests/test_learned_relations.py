"""The learned relation layer (kg/relations/learned): the shipped model loads offline, gives calibrated
probabilities, ranks a clear fight above a clear non-relation, and --min-confidence leaves out what is
below it."""

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.pipeline import RelationExtractor
from kg.relations.learned.model import MODEL_PATH, MODES, load_model, relations
from tests.test_relations import STATES, make_doc

FIGHT = "اندلعت اشتباكات عنيفة بين قوات النظام وجبهة النصرة في ريف حماة فجر اليوم."
NO_RELATION = "نشرت جبهة النصرة بيانا، وبعد يومين نشرت قوات النظام تقريرا عن الطقس في حماة."
CATEGORIES = {"NUSRA": "armed_group", "REGIME": "military"}  # as the alias table files them


def _relations(text: str, **kw):
    return relations(make_doc(text), load_model(), is_state=lambda e: e in STATES,
                     category=lambda e: CATEGORIES.get(e, ""), **kw)


def test_the_shipped_model_loads_offline_from_the_package():
    model = load_model()
    assert model is not None and MODEL_PATH.is_file()
    assert model.mode in MODES and 0.0 < model.threshold < 1.0
    assert {"FOUGHT", "NEGOTIATED_WITH", "TRANSFERRED_TO"} <= set(model.types)
    assert all(tm.weights for tm in model.types.values())


def test_confidence_is_a_probability_and_a_clear_fight_is_likely():
    found = _relations(FIGHT, mode="learned", threshold=0.0)
    assert found and all(0.0 <= r.confidence <= 1.0 for r in found)
    fight = {frozenset((r.subject, r.object)): r.confidence for r in found if r.type == "FOUGHT"}
    assert fight[frozenset(("REGIME", "NUSRA"))] > 0.5
    kept = [r for r in _relations(FIGHT) if r.type == "FOUGHT"]  # the shipped mode and threshold
    assert [(r.confidence, {r.subject, r.object}) for r in kept] == [(fight[frozenset(("REGIME", "NUSRA"))],
                                                                      {"REGIME", "NUSRA"})]


def test_a_clear_non_relation_scores_below_the_fight():
    def fought(text: str) -> float:
        return max((r.confidence for r in _relations(text, mode="learned", threshold=0.0)
                    if r.type == "FOUGHT" and {r.subject, r.object} == {"REGIME", "NUSRA"}), default=0.0)

    assert fought(NO_RELATION) < 0.3 < fought(FIGHT)
    assert not [r for r in _relations(NO_RELATION) if r.type == "FOUGHT"]


def test_min_confidence_leaves_out_relations_below_it():
    doc = make_doc(FIGHT)
    assert RelationExtractor().model is not None
    everything = RelationExtractor(min_confidence=0.0)
    everything(doc)
    assert doc.relations
    top = max(r.confidence for r in doc.relations)
    strict = RelationExtractor(min_confidence=min(1.0, top + 0.001))
    strict(doc)
    assert doc.relations == []


def test_min_confidence_on_the_cli(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(FIGHT + "\n", encoding="utf-8")
    counts = {}
    for limit in ("0", "1"):
        out = tmp_path / f"graph{limit}.jsonl"
        result = CliRunner().invoke(app, ["extract", str(src), "--out", str(out), "--min-confidence", limit])
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        counts[limit] = [r for r in rows if r.get("kind") == "relation"]
    assert counts["0"] and all(r["confidence"] >= 0 for r in counts["0"])
    assert counts["1"] == [r for r in counts["0"] if r["confidence"] >= 1.0]
    bad = CliRunner().invoke(app, ["extract", str(src), "--out", str(tmp_path / "x.jsonl"), "--min-confidence", "2"])
    assert bad.exit_code != 0


def test_a_pair_reference_makes_the_earlier_parties_a_candidate_of_its_sentence():
    from kg.relations.extract import extract_relations
    from kg.relations.learned.candidates import RuleIndex, candidates
    from kg.relations.lexicon import load_lexicon

    doc = make_doc("وصل وفد من هيئة تحرير الشام وآخر من حركة أحرار الشام إلى المدينة. "
                   "واندلعت اشتباكات عنيفة بينهما مساء أمس.")
    lex, state, cat = load_lexicon(), (lambda e: e in STATES), (lambda e: CATEGORIES.get(e, ""))
    frames: dict[str, str] = {}
    rules = extract_relations(doc, state, lex, cat, frames=frames)
    assert set(frames.values()) == {"pair_reference"}
    cands = list(candidates(doc, lex, state, cat, RuleIndex(rules, frames, {"FOUGHT", "NEGOTIATED_WITH"})))
    cross = [c for c in cands if c.cross]
    assert {(c.subj.entity, c.obj.entity) for c in cross} == {("HTS", "AHRAR"), ("AHRAR", "HTS")}
    assert all(c.sentence.index == 1 and c.features["rule=FOUGHT|role=pair_reference"] for c in cross)
