"""Stanza NER over pre-tokenized sentences, loaded offline from the project's own model.

The official stanza Arabic models live on a model hub that CI cannot reach, so the project ships its
own model (``kg/resources/models/ner``, see docs/ner-model-card.md).  ``official=True`` uses stanza's
official Arabic NER instead when a user has downloaded it (``kg models download``).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from kg.normalize import shown_letters

MODEL_DIR = Path(__file__).resolve().parent / "resources" / "models" / "ner"
MODEL_NAME = "ar_kg_nertagger.pt"
PRETRAIN_NAME = "ar_kg_word2vec.pt"
LABEL_TO_TYPE = {"PER": "Person", "PERS": "Person", "ORG": "Organization", "LOC": "Place"}

Span = tuple[int, int, str]


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


THREADS_ENV = "KG_TORCH_THREADS"


def torch_threads() -> int:
    """Torch threads per process: 1 unless ``KG_TORCH_THREADS`` says otherwise.  Parallelism comes from
    worker processes; one process using every core fights other jobs (or its sibling workers) for them
    and runs several times slower under load."""
    value = os.environ.get(THREADS_ENV, "").strip()
    return max(1, int(value)) if value.isdigit() else 1


def _device():
    import torch

    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def _load_trainer(model: Path, pretrain: Path):
    """stanza's NER trainer for inference only: the model and vocabulary, but no optimizer (building one
    imports torch._dynamo, about a second of every start-up) and no stanza Pipeline around it."""
    from stanza.models.common.pretrain import Pretrain
    from stanza.models.ner.trainer import Trainer

    trainer = Trainer.__new__(Trainer)
    trainer.load(str(model), Pretrain(str(pretrain)), {"charlm_forward_file": None, "charlm_backward_file": None})
    if trainer.args.get("predict_tagset") is None:
        trainer.args["predict_tagset"] = 0
    trainer.model = trainer.model.to(_device()).eval()
    return trainer


@lru_cache(maxsize=4)
def _trainers(model_dir: str, official: bool) -> tuple:
    """The NER trainer(s) for ``model_dir``, loaded once per process with torch limited to
    ``torch_threads()``."""
    import torch

    torch.set_num_threads(torch_threads())
    if official:
        import stanza

        nlp = stanza.Pipeline("ar", processors="tokenize,ner", tokenize_pretokenized=True, download_method=None,
                              dir=model_dir, use_gpu=torch.cuda.is_available(), logging_level="WARN")
        return tuple(nlp.processors["ner"].trainers)
    mdir = Path(model_dir)
    model, pretrain = mdir / MODEL_NAME, mdir / PRETRAIN_NAME
    if not model.exists():
        raise FileNotFoundError(f"no NER model at {model}; train one with `kg train-ner`")
    return (_load_trainer(model, pretrain),)


def official_dir(directory: Path | None = None) -> Path:
    """Where stanza keeps downloaded official models (``STANZA_RESOURCES_DIR`` or ~/stanza_resources)."""
    if directory is not None:
        return Path(directory)
    return Path(os.environ.get("STANZA_RESOURCES_DIR", Path.home() / "stanza_resources"))


def download_official(directory: Path | None = None) -> None:
    """Fetch stanza's official Arabic tokenize/mwt/ner models (needs internet access)."""
    import stanza

    stanza.download("ar", model_dir=str(official_dir(directory)), processors="tokenize,mwt,ner")


def viterbi_paths(scores, transitions, lengths: list[int]) -> list[list[int]]:
    """stanza's Viterbi decoding (``stanza.models.common.crf.viterbi_decode``) for a whole padded batch at
    once (``scores``: batch x time x tags): the same float32 sums and first-maximum ties, hence the same
    paths, with one NumPy step per time step instead of one Python loop per sentence."""
    import numpy as np

    trellis = np.empty_like(scores)
    back = np.zeros(scores.shape, dtype=np.int64)
    trellis[:, 0] = scores[:, 0]
    for t in range(1, scores.shape[1]):
        v = trellis[:, t - 1, :, None] + transitions  # batch x previous tag x next tag
        trellis[:, t] = scores[:, t] + v.max(axis=1)
        back[:, t] = v.argmax(axis=1)
    paths = []
    for b, n in enumerate(lengths):
        tag = int(trellis[b, n - 1].argmax())
        path = [tag]
        for t in range(n - 1, 0, -1):
            tag = int(back[b, t, tag])
            path.append(tag)
        path.reverse()
        paths.append(path)
    return paths


@lru_cache(maxsize=1)
def _words_loader():
    """stanza's NER DataLoader reading kg's token lists directly instead of a stanza Document, so no
    tokenize processor rebuilds one; batching, vocabulary lookups and tensors stay stanza's own."""
    from stanza.models.ner.data import DataLoader

    class WordsLoader(DataLoader):
        def _load_doc(self, doc, scheme):
            return [[[w, (None,)] for w in sentence] for sentence in doc]

        def preprocess(self, data, vocab, args):
            """stanza's preprocess for untagged words, with each distinct word's character ids looked up
            once per call instead of at every occurrence (words repeat a lot within a batch)."""
            lower = args.get("char_lowercase", False)
            char_vocab, tag = vocab["char"], vocab["tag"].map([(None,)])[0]
            chars: dict[str, list[int]] = {}

            def char_ids(word: str) -> list[int]:
                if word not in chars:
                    chars[word] = char_vocab.map([c.lower() for c in word] if lower else word)
                return chars[word]

            return [[[w for w, _ in sent], [char_ids(w) for w, _ in sent], [tag] * len(sent)] for sent in data]

    return WordsLoader


def _predict(trainer, batch) -> list[list[str]]:
    """``stanza.models.ner.trainer.Trainer.predict`` with the batched Viterbi."""
    from stanza.models.common.utils import unsort
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.ner.trainer import fix_singleton_tags, unpack_batch

    device = next(trainer.model.parameters()).device
    inputs, orig_idx, word_orig_idx, char_orig_idx, sentlens, wordlens, charlens, charoffsets = unpack_batch(batch,
                                                                                                           device)
    word, wordchars, wordchars_mask, chars, tags = inputs
    _, logits, trans = trainer.model(word, wordchars, wordchars_mask, tags, word_orig_idx, sentlens, wordlens, chars,
                                     charoffsets, charlens, char_orig_idx)
    columns = [viterbi_paths(x.cpu().numpy(), y.cpu().numpy(), sentlens) for x, y in zip(logits, trans, strict=True)]
    column = trainer.args["predict_tagset"]
    tag_seqs = []
    for i in range(len(sentlens)):
        ids = list(zip(*([max(t, VOCAB_PREFIX_SIZE) for t in paths[i]] for paths in columns), strict=True))
        tags = [x[column] if isinstance(x, list) else x for x in trainer.vocab["tag"].unmap(ids)]
        tag_seqs.append(fix_singleton_tags(tags))
    return unsort(tag_seqs, orig_idx)


def _tag(trainers: tuple, sentences: list[list[str]]) -> list[list[str]]:
    """NER tags per word; with several models (official stanza) earlier ones win, as in stanza."""
    import torch
    from stanza.models.ner.utils import merge_tags

    loader_class = _words_loader()
    with torch.no_grad():
        per_model = []
        for trainer in trainers:
            loader = loader_class(sentences, trainer.args["batch_size"], trainer.args, vocab=trainer.vocab,
                                  evaluation=True, preprocess_tags=False, bert_tokenizer=trainer.model.bert_tokenizer)
            per_model.append([tags for batch in loader for tags in _predict(trainer, batch)])
    return [merge_tags(*tags) for tags in zip(*per_model, strict=True)]


class StanzaNER:
    """Tags pre-tokenized sentences with a stanza NER model, loaded once per process and reused."""

    def __init__(self, model_dir: Path | None = None, official: bool = False) -> None:
        self.official = official
        self.model_dir = official_dir(model_dir) if official else Path(model_dir or MODEL_DIR)
        if official and not (self.model_dir / "ar").exists():
            raise FileNotFoundError(f"no official stanza Arabic models in {self.model_dir}; "
                                    "run `kg models download` (needs internet)")

    def load(self) -> None:
        """Load the model now (it is otherwise loaded by the first ``spans`` call)."""
        _trainers(str(self.model_dir.resolve()), self.official)

    def spans(self, sentences: list[list[str]]) -> list[list[Span]]:
        """Per sentence, (first_token, end_token_exclusive, type).  Pass many sentences at once (several
        articles): stanza batches them 32 at a time, and small calls waste most of its time."""
        keep = [i for i, s in enumerate(sentences) if s]
        out: list[list[Span]] = [[] for _ in sentences]
        if not keep:
            return out
        trainers = _trainers(str(self.model_dir.resolve()), self.official)
        tags = _tag(trainers, [[shown_letters(w.strip()) or "_" for w in sentences[i]] for i in keep])
        for i, sentence_tags in zip(keep, tags, strict=True):
            out[i] = decode_bio(sentence_tags)
        return out
