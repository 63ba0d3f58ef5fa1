"""The NER training command: the stanza command lines it builds are what stanza's own parser accepts,
continued training loads the given model, and the span scorer counts exact spans per type."""

from __future__ import annotations

from pathlib import Path

import pytest
from stanza.models.ner_tagger import parse_args

from kg.train_ner import MODEL_NAME, score, step_train, train_command


def _stanza_args(cmd: list[str]) -> dict:
    assert cmd[1:3] == ["-m", "stanza.models.ner_tagger"]
    return parse_args(cmd[3:])


def test_fresh_training_sets_the_small_architecture(tmp_path: Path):
    args = _stanza_args(train_command(tmp_path, 6000, 300, 32, hidden_dim=128, char_hidden_dim=64))
    assert not args["finetune"] and args["finetune_load_name"] is None
    assert (args["hidden_dim"], args["char_hidden_dim"]) == (128, 64)
    assert args["save_dir"] == str(tmp_path / "model") and args["save_name"] == MODEL_NAME
    assert args["wordvec_pretrain_file"] == str(tmp_path / "vectors" / "ar_kg_word2vec.pt")


def test_finetune_continues_the_given_model_with_its_own_architecture(tmp_path: Path):
    start = tmp_path / "shipped" / MODEL_NAME
    args = _stanza_args(train_command(tmp_path / "cont", 9000, 300, 32, finetune_from=start))
    assert args["finetune"] and args["finetune_load_name"] == str(start)
    assert args["save_dir"] == str(tmp_path / "cont" / "model")
    assert (args["max_steps"], args["eval_interval"], args["batch_size"]) == (9000, 300, 32)
    # The loaded model's saved config decides the sizes: none are passed (stanza's defaults show).
    assert (args["hidden_dim"], args["char_hidden_dim"]) == (256, 100)


def test_finetune_refuses_to_overwrite_its_own_start(tmp_path: Path):
    start = tmp_path / "model" / MODEL_NAME
    with pytest.raises(ValueError, match="new --work"):
        step_train(tmp_path, 10, 5, 4, finetune_from=start)
    assert not (tmp_path / "model").exists()


def test_score_counts_exact_spans_per_type():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    pred = [{(0, 2, "Person"), (3, 4, "Organization")}, {(0, 1, "Organization")}]
    s = score(gold, pred)
    assert s["Person"] == {"p": 100.0, "r": 100.0, "f1": 100.0, "gold": 1}
    assert s["Place"]["r"] == 0.0 and s["Organization"]["p"] == 0.0
    assert s["overall"]["gold"] == 3 and s["overall"]["p"] == pytest.approx(33.33)
