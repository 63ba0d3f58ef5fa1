"""Output safety: outputs never overlap inputs, and every file appears under its name only when complete.

Writers write to a hidden temporary name next to the target (``.NAME.kg-tmp-PID``) and rename it when
done (``os.replace`` is atomic on one file system), so an interrupted run or a full disk leaves the old
file or no file, never a finished-looking half.  Folders kg writes (``kg build --out``, ``kg html
--out``) get a ``.kg-output`` marker, so reading a parent folder as input skips them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from kg.errors import UsageError

MARKER = ".kg-output"
_TMP = ".kg-tmp-"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_apart(inputs: Iterable[str | Path], outputs: Iterable[str | Path]) -> None:
    """Refuse an output that is an input (file or folder) or lies inside an input folder.

    kg would otherwise read its own output as articles while writing it, or overwrite the corpus.
    """
    resolved_inputs = [(Path(p), Path(os.path.realpath(p))) for p in inputs]
    for out in outputs:
        target = Path(os.path.realpath(out))
        for given, source in resolved_inputs:
            if target == source:
                raise UsageError(f"output {out} is also an input: kg would overwrite it; choose another --out")
            if source.is_dir() and _inside(target, source):
                raise UsageError(f"output {out} lies inside input folder {given}: kg would read its own output "
                                 "as articles; choose an --out outside it")


def check_output_file(path: str | Path) -> Path:
    """The output file's folder exists (created) and is writable, and the path is not a folder."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"output {path} is a folder; give a file name (e.g. {path / 'graph.jsonl'})")
    _check_writable_dir(path.parent)
    return path


def check_output_dir(path: str | Path) -> Path:
    """The output folder exists (created) and is writable, and is not a file."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UsageError(f"output {path} is a file, not a folder; give a folder name for --out")
    _check_writable_dir(path)
    return path


def _check_writable_dir(folder: Path) -> None:
    for parent in (folder, *folder.parents):
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"cannot create output folder {folder}: {parent} is a file")
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create output folder {folder}: {exc.strerror or exc}") from None
    probe = folder / f"{_TMP}probe-{os.getpid()}"
    try:
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write in output folder {folder}: {exc.strerror or exc}; "
                         "choose a writable --out") from None


def temporary_name(path: Path) -> Path:
    """The hidden name ``path`` is written under until complete."""
    return path.with_name(f".{path.name}{_TMP}{os.getpid()}")


@contextmanager
def atomic_file(path: str | Path, mode: str = "w", sync: bool = True) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success it is renamed to ``path`` (after reaching the
    disk, with ``sync``), on any failure (Ctrl-C included) it is removed and ``path`` is left as it was."""
    path = Path(path)
    tmp = temporary_name(path)
    encoding = None if "b" in mode else "utf-8"
    try:
        with open(tmp, mode, encoding=encoding) as fh:
            yield fh
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> Path:
    """For the many small files of a site: renamed when written, not synced one by one."""
    with atomic_file(path, sync=False) as fh:
        fh.write(text)
    return Path(path)


def copy_atomic(source: str | Path, path: str | Path) -> Path:
    with atomic_file(path, "wb", sync=False) as out, open(source, "rb") as src:
        shutil.copyfileobj(src, out)
    return Path(path)


def mark_output_dir(folder: str | Path) -> None:
    """Mark ``folder`` as written by kg, so it is never read back as input."""
    marker = Path(folder) / MARKER
    if not marker.exists():
        marker.write_text("written by kg: folders holding this file are skipped when reading inputs\n",
                          encoding="utf-8")


def is_output_dir(folder: Path) -> bool:
    return (folder / MARKER).is_file()
