"""Stanza NER over pre-tokenized sentences, loaded offline from the project's own model.

The official stanza Arabic models live on a model hub that CI cannot reach, so the project ships its
own model (``kg/resources/models/ner``, see docs/ner-model-card.md).  ``official=True`` uses stanza's
official Arabic NER instead when a user has downloaded it (``kg models download``).
"""

from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "resources" / "models" / "ner"
MODEL_NAME = "ar_kg_nertagger.pt"
PRETRAIN_NAME = "ar_kg_word2vec.pt"
LABEL_TO_TYPE = {"PER": "Person", "PERS": "Person", "ORG": "Organization", "LOC": "Place"}

Span = tuple[int, int, str]
log = logging.getLogger(__name__)


def write_resources_json(model_dir: Path) -> Path:
    """The minimal resources.json stanza reads from ``dir`` when nothing is to be downloaded."""
    path = model_dir / "resources.json"
    path.write_text(json.dumps({"ar": {"lang_name": "Arabic", "default_processors": {}}}, indent=1) + "\n")
    return path


def decode_bio(tags: list[str]) -> list[Span]:
    """BIO/BIOES tags -> (first, end_exclusive, type); an I-/E- without a B- opens a span; MISC dropped."""
    spans: list[Span] = []
    start, label = None, None

    def close(end: int) -> None:
        if start is not None and label in LABEL_TO_TYPE:
            spans.append((start, end, LABEL_TO_TYPE[label]))

    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        if tag == "O" or not kind:
            close(i)
            start, label = None, None
        elif prefix in ("B", "S") or kind != label or start is None:
            close(i)
            start, label = i, kind
        if prefix in ("S", "E") and start is not None:
            close(i + 1)
            start, label = None, None
    close(len(tags))
    return spans


def _device_is_gpu() -> bool:
    import torch

    return torch.cuda.is_available()


@lru_cache(maxsize=4)
def _pipeline(model_dir: str, official: bool):
    import stanza

    if official:
        return stanza.Pipeline("ar", processors="tokenize,ner", tokenize_pretokenized=True,
                               download_method=None, dir=model_dir, use_gpu=_device_is_gpu(),
                               logging_level="WARN")
    mdir = Path(model_dir)
    model, pretrain = mdir / MODEL_NAME, mdir / PRETRAIN_NAME
    if not model.exists():
        raise FileNotFoundError(f"no NER model at {model}; train one with `kg train-ner`")
    if not (mdir / "resources.json").exists():
        write_resources_json(mdir)
    return stanza.Pipeline(
        "ar", processors="tokenize,ner", tokenize_pretokenized=True, download_method=None,
        dir=str(mdir), ner_model_path=str(model), ner_pretrain_path=str(pretrain),
        ner_forward_charlm_path=None, ner_backward_charlm_path=None,
        use_gpu=_device_is_gpu(), logging_level="WARN")


def official_dir(directory: Path | None = None) -> Path:
    """Where stanza keeps downloaded official models (``STANZA_RESOURCES_DIR`` or ~/stanza_resources)."""
    if directory is not None:
        return Path(directory)
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


def download_official(directory: Path | None = None) -> None:
    """Fetch stanza's official Arabic tokenize/mwt/ner models (needs internet access)."""
    import stanza

    stanza.download("ar", model_dir=str(official_dir(directory)), processors="tokenize,mwt,ner")


class StanzaNER:
    """Tags pre-tokenized sentences; the stanza pipeline is built once per process and reused."""

    def __init__(self, model_dir: Path | None = None, official: bool = False) -> None:
        self.official = official
        self.model_dir = official_dir(model_dir) if official else Path(model_dir or MODEL_DIR)
        if official and not (self.model_dir / "ar").exists():
            raise FileNotFoundError(f"no official stanza Arabic models in {self.model_dir}; "
                                    "run `kg models download` (needs internet)")

    @property
    def pipeline(self):
        return _pipeline(str(self.model_dir.resolve()), self.official)

    def spans(self, sentences: list[list[str]]) -> list[list[Span]]:
        """Per sentence, (first_token, end_token_exclusive, type); all sentences go in one stanza call."""
        keep = [i for i, s in enumerate(sentences) if s]
        out: list[list[Span]] = [[] for _ in sentences]
        if not keep:
            return out
        doc = self.pipeline([[w.strip() or "_" for w in sentences[i]] for i in keep])
        for i, sent in zip(keep, doc.sentences, strict=True):
            out[i] = decode_bio([t.ner for t in sent.tokens])
        return out
