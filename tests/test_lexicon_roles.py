"""The rule grammar as declared data: every trigger role and type frame is declared in relations.json and
checked when the lexicon loads; an unknown one is an error, not a silent default."""

import json

import pytest

from kg.relations.extract import FRAME_HANDLERS
from kg.relations.lexicon import FRAMES, LEXICON_PATH, LexiconError, load_lexicon


def _lexicon_with(tmp_path, change) -> str:
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "relations.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_every_declared_frame_has_a_handler_and_every_type_a_frame():
    assert set(FRAME_HANDLERS) == set(FRAMES)
    lex = load_lexicon()
    assert {t.frame for t in lex.types.values()} == set(FRAMES)


def test_an_unknown_trigger_role_is_an_error(tmp_path):
    def bad_role(data):
        data["types"]["FOUGHT"]["triggers"][0]["role"] = "nown"

    with pytest.raises(LexiconError, match="role 'nown', not declared"):
        load_lexicon(_lexicon_with(tmp_path, bad_role))


def test_a_role_outside_its_types_frame_is_an_error(tmp_path):
    def wrong_frame(data):
        data["types"]["LEADS"]["triggers"][0]["role"] = "suffered"

    with pytest.raises(LexiconError, match="leads frame does not take"):
        load_lexicon(_lexicon_with(tmp_path, wrong_frame))


def test_an_unknown_frame_is_an_error(tmp_path):
    def bad_frame(data):
        data["types"]["CONTROLS"]["frame"] = "holds"

    with pytest.raises(LexiconError, match="frame 'holds'"):
        load_lexicon(_lexicon_with(tmp_path, bad_frame))
