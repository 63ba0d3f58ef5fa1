"""Train the project's Arabic stanza NER model (never run by tests or CI).

Steps: ``data`` (stanza json from AQMAR + ANERcorp + our ANT annotations), ``vectors`` (gensim word2vec
on the ANT corpus and the NER corpora -> stanza pretrain .pt), ``train`` (stanza's own NER trainer),
``install`` (copy model + pretrain + resources.json to kg/resources/models/ner) and ``evaluate``
(per-type span F1 of the installed model through ``kg.ner.StanzaNER``, the path the pipeline uses).

    python -m kg.train_ner all --work build/ner --max-steps 6000
    python -m kg.train_ner train --work build/ner-more --finetune-from OLD.pt   # continue a model
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from kg import ner_data

SEED = 1234
MODEL_NAME = "ar_kg_nertagger.pt"
PRETRAIN_NAME = "ar_kg_word2vec.pt"
MODEL_DIR = Path(__file__).resolve().parent / "resources" / "models" / "ner"
log = logging.getLogger("kg.train_ner")


def step_data(work: Path, hold_out: str | None = None) -> dict:
    counts = ner_data.build_datasets(work / "data", hold_out=hold_out)
    (work / "data" / "counts.json").write_text(json.dumps(counts, indent=1))
    log.info("data: %s", counts)
    return counts


def step_vectors(work: Path, dim: int = 100, max_vocab: int = 100000, epochs: int = 5) -> Path:
    """word2vec (skip-gram, one worker so the result is deterministic) capped to the commonest words."""
    from gensim.models import Word2Vec
    from stanza.models.common.pretrain import Pretrain

    sents = list(ner_data.corpus_sentences())
    log.info("vectors: %d sentences, %d tokens", len(sents), sum(map(len, sents)))
    model = Word2Vec(sents, vector_size=dim, window=5, min_count=3, sg=1, epochs=epochs, workers=1,
                     seed=SEED, max_final_vocab=max_vocab)
    out = work / "vectors"
    out.mkdir(parents=True, exist_ok=True)
    txt = out / "ar_kg_word2vec.txt"
    words = model.wv.index_to_key[:max_vocab]
    with txt.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {dim}\n")
        for w in words:
            fh.write(w + " " + " ".join(f"{x:.5f}" for x in model.wv[w]) + "\n")
    pt = out / PRETRAIN_NAME
    pt.unlink(missing_ok=True)
    Pretrain(str(pt), str(txt), max_vocab=max_vocab).load()
    log.info("vectors: %d words -> %s (%.1f MB)", len(words), pt, pt.stat().st_size / 1e6)
    return pt


def step_charlm(work: Path, max_minutes: float, hidden_dim: int = 256, max_chars: int = 30_000_000) -> dict:
    """stanza's forward and backward character language models (``stanza.models.charlm``) on the corpora's
    text (capped at ``max_chars``), trained side by side, each on one thread, for at most ``max_minutes``;
    stanza keeps the checkpoint with the best dev perplexity."""
    out = work / "charlm"
    (out / "train").mkdir(parents=True, exist_ok=True)
    lines = [" ".join(sent) for sent in ner_data.corpus_sentences()]
    random.Random(SEED).shuffle(lines)
    dev, train, size = lines[:2000], [], 0
    for line in lines[2000:]:
        if size > max_chars:
            break
        train.append(line)
        size += len(line)
    (out / "train" / "train.txt").write_text("\n".join(train), encoding="utf-8")
    (out / "dev.txt").write_text("\n".join(dev), encoding="utf-8")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    procs = {}
    for direction in ("forward", "backward"):
        cmd = [sys.executable, "-m", "stanza.models.charlm", "--mode", "train", "--direction", direction,
               "--train_dir", str(out / "train"), "--eval_file", str(out / "dev.txt"), "--shorthand", "ar_kg",
               "--char_hidden_dim", str(hidden_dim), "--cutoff", "5", "--epochs", "1000", "--eval_steps", "100",
               "--save_dir", str(out), "--save_name", f"ar_kg_{direction}_charlm.pt", "--seed", str(SEED),
               "--no_checkpoint", "--cpu"]
        log.info("charlm: %s", " ".join(cmd))
        procs[direction] = subprocess.Popen(cmd, env=env)
    deadline = time.time() + max_minutes * 60
    for proc in procs.values():
        try:
            proc.wait(timeout=max(1.0, deadline - time.time()))
        except subprocess.TimeoutExpired:
            proc.terminate()
            proc.wait()
    files = charlm_files(work)
    missing = [str(f) for f in files.values() if not f.exists()]
    if missing:
        raise RuntimeError(f"charlm training saved no model: {missing}")
    log.info("charlm: %s (%d chars of text)", {d: f"{f.stat().st_size / 1e6:.1f} MB" for d, f in files.items()}, size)
    return files


def charlm_files(work: Path) -> dict[str, Path]:
    return {d: work / "charlm" / f"ar_kg_{d}_charlm.pt" for d in ("forward", "backward")}


def train_command(work: Path, max_steps: int, eval_interval: int, batch_size: int, hidden_dim: int = 128,
                  char_hidden_dim: int = 64, charlm: bool = False, finetune_from: Path | None = None) -> list[str]:
    """The ``stanza.models.ner_tagger`` command line for ``work``'s data and vectors.

    With ``finetune_from`` (a tagger .pt) stanza continues training that model (``--finetune
    --finetune_load_name``): its saved config fixes the architecture and the optimizer (SGD, its lr), so
    the size options are not passed; the word vectors and charlm must be the ones it was trained with.
    SGD here has no momentum, so restarting the optimizer loses no state; the lr plateau schedule starts
    afresh and the first dev score is saved even if below the loaded model's."""
    data = work / "data"
    cmd = [sys.executable, "-m", "stanza.models.ner_tagger", "--mode", "train",
           "--shorthand", "ar_kg", "--train_file", str(data / "train.json"),
           "--eval_file", str(data / "dev.json"), "--wordvec_pretrain_file", str(work / "vectors" / PRETRAIN_NAME),
           "--save_dir", str(work / "model"), "--save_name", MODEL_NAME, "--scheme", "bioes",
           "--max_steps", str(max_steps), "--eval_interval", str(eval_interval),
           "--batch_size", str(batch_size), "--seed", str(SEED), "--log_step", "50"]
    if finetune_from:
        cmd += ["--finetune", "--finetune_load_name", str(finetune_from)]
    else:
        cmd += ["--hidden_dim", str(hidden_dim), "--char_hidden_dim", str(char_hidden_dim)]
    if charlm:
        lms = charlm_files(work)
        cmd += ["--charlm", "--charlm_shorthand", "ar_kg", "--charlm_forward_file", str(lms["forward"]),
                "--charlm_backward_file", str(lms["backward"])]
    return cmd


def step_train(work: Path, max_steps: int, eval_interval: int, batch_size: int,
               max_minutes: float | None = None, hidden_dim: int = 128, char_hidden_dim: int = 64,
               charlm: bool = False, finetune_from: Path | None = None) -> Path:
    """Run stanza's trainer; past ``max_minutes`` it is stopped and the best dev checkpoint so far is kept
    (stanza saves the model each time the dev score improves)."""
    save = work / "model"
    if finetune_from and finetune_from.resolve() == (save / MODEL_NAME).resolve():
        raise ValueError("--finetune-from must not be the model this run saves to: use a new --work")
    save.mkdir(parents=True, exist_ok=True)
    cmd = train_command(work, max_steps, eval_interval, batch_size, hidden_dim, char_hidden_dim, charlm,
                        finetune_from)
    log.info("train: %s", " ".join(cmd))
    t0 = time.time()
    # One thread: on a shared, busy CPU two OpenMP threads ran ~10x slower than one (measured).
    env = {**os.environ, "PYTHONHASHSEED": str(SEED), "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    proc = subprocess.Popen(cmd, env=env)
    try:
        rc = proc.wait(timeout=max_minutes * 60 if max_minutes else None)
    except subprocess.TimeoutExpired:
        proc.terminate()
        proc.wait()
        log.warning("train: stopped after %.0f min; keeping the best checkpoint so far", max_minutes)
        rc = 0
    if rc != 0 or not (save / MODEL_NAME).exists():
        raise RuntimeError(f"stanza training failed (exit {rc})")
    log.info("train: %.1f min", (time.time() - t0) / 60)
    return save / MODEL_NAME


def step_install(work: Path, model_dir: Path = MODEL_DIR) -> None:
    from kg.ner import write_resources_json

    model_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(work / "model" / MODEL_NAME, model_dir / MODEL_NAME)
    shutil.copy(work / "vectors" / PRETRAIN_NAME, model_dir / PRETRAIN_NAME)
    write_resources_json(model_dir)
    size = sum(p.stat().st_size for p in model_dir.iterdir()) / 1e6
    log.info("install: %s (%.1f MB)", model_dir, size)


def _spans(tags: list[str]) -> set[tuple[int, int, str]]:
    from kg.ner import decode_bio

    return set(decode_bio(tags))


def score(gold: list[list[str]], pred: list[set]) -> dict:
    """Exact-span precision/recall/F1 per type (Person/Organization/Place) and micro-overall."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g_tags, p in zip(gold, pred, strict=True):
        g = _spans(g_tags)
        for s in p:
            (tp if s in g else fp)[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1
    out = {}
    for t in ("Person", "Organization", "Place", "overall"):
        a, b, c = (sum(x.values()) for x in (tp, fp, fn)) if t == "overall" else (tp[t], fp[t], fn[t])
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        out[t] = {"p": round(100 * p, 2), "r": round(100 * r, 2),
                  "f1": round(100 * 2 * p * r / (p + r), 2) if p + r else 0.0, "gold": a + c}
    return out


def step_evaluate(work: Path, model_dir: Path = MODEL_DIR) -> dict:
    from kg.ner import StanzaNER

    ner = StanzaNER(model_dir)
    results = {}
    for f in sorted((work / "data").glob("*.json")):
        if not f.name.startswith(("dev", "test")):
            continue
        doc = json.loads(f.read_text(encoding="utf-8"))
        words = [[w["text"] for w in s] for s in doc]
        pred = [set(x) for x in ner.spans(words)]
        results[f.stem] = score([[w["ner"] for w in s] for s in doc], pred)
        log.info("evaluate %s: %s", f.stem, json.dumps(results[f.stem]))
    name = "scores.json" if model_dir == MODEL_DIR else f"scores.{model_dir.name}.json"
    (work / name).write_text(json.dumps(results, indent=1))
    return results


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["data", "vectors", "charlm", "train", "install", "evaluate", "all"])
    ap.add_argument("--work", type=Path, default=Path("build/ner"))
    ap.add_argument("--max-steps", type=int, default=6000)
    ap.add_argument("--eval-interval", type=int, default=500)
    ap.add_argument("--batch-size", type=int, default=32)
    # 100k words x 100 dims keep the shipped files under 100 MB (pretrain ~43 MB + tagger ~25 MB).
    ap.add_argument("--max-vocab", type=int, default=100000)
    ap.add_argument("--hold-out", default=None,
                    help="a conflict (e.g. yemen) left out of training and tested apart: the cross-conflict test")
    ap.add_argument("--max-minutes", type=float, default=None, help="wall-clock cap for the train step")
    ap.add_argument("--charlm-minutes", type=float, default=20.0, help="wall-clock cap for the charlm step")
    ap.add_argument("--charlm", action="store_true", help="train the tagger with the charlm step's models")
    ap.add_argument("--finetune-from", type=Path, default=None,
                    help="train: continue training this tagger .pt (stanza --finetune); same vectors and charlm")
    ap.add_argument("--model-dir", type=Path, default=MODEL_DIR,
                    help="install into / evaluate this model folder (default: the shipped one)")
    # Smaller than stanza's defaults (256/100): 2 shared CPU cores, and the shipped files stay small.
    ap.add_argument("--hidden-dim", type=int, default=128)
    ap.add_argument("--char-hidden-dim", type=int, default=64)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    random.seed(SEED)
    args.work.mkdir(parents=True, exist_ok=True)
    steps = ["data", "vectors", "train", "install", "evaluate"] if args.step == "all" else [args.step]
    for step in steps:
        if step == "data":
            step_data(args.work, args.hold_out)
        elif step == "vectors":
            step_vectors(args.work, max_vocab=args.max_vocab)
        elif step == "charlm":
            step_charlm(args.work, args.charlm_minutes)
        elif step == "train":
            step_train(args.work, args.max_steps, args.eval_interval, args.batch_size, args.max_minutes,
                       args.hidden_dim, args.char_hidden_dim, charlm=args.charlm, finetune_from=args.finetune_from)
        elif step == "install":
            step_install(args.work, args.model_dir)
        else:
            step_evaluate(args.work, args.model_dir)


if __name__ == "__main__":
    main()
