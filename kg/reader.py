"""Read input paths into Documents, one at a time, turning every bad input into a one-line ReadError.

Analysts feed whatever they scraped: folders of .txt/.md/.html, JSONL dumps, files saved by old
Windows tools in Windows-1256 or ISO-8859-6.  Nothing here stops a run: a file that cannot be used
becomes a ``ReadError`` (path + reason) and the next input is read.  Text is kept exactly as decoded
(only a leading BOM is dropped; HTML is reduced to its text) because every offset points into it.
Streaming: files are yielded one by one and JSONL corpora are read line by line.

Walking a folder skips what is not an article, each with one ``Ignored`` note: documentation files
(README, LICENSE, CHANGELOG, CONTRIBUTING, NOTICE, AUTHORS, any extension), kg's own outputs (a
graph.jsonl, a folder marked by ``kg.outputs``).  A file named explicitly is always read.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.model import Document
from kg.outputs import MARKER, is_output_dir

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
DIRECTORY_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MIN_ARABIC = 0.5  # share of letters that must be Arabic
MB = 1_000_000
LEGACY_ENCODINGS = ("cp1256", "iso-8859-6")
_UTF8_BOM = b"\xef\xbb\xbf"
# file stems that are documentation, not articles, when met while walking a folder (case-insensitive)
DOCUMENTATION_STEMS = ("readme", "license", "licence", "changelog", "changes", "contributing", "notice",
                       "authors", "copying")
MAX_ID_CHARS = 256  # longer ids are hashed (Neo4j refuses index entries over ~8 KB)


@dataclass(frozen=True)
class _PathNote:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class ReadError(_PathNote):
    """An input that was skipped; ``path`` may be ``file:line`` for a JSONL line."""


@dataclass(frozen=True)
class Ignored(_PathNote):
    """Something met while walking a folder that is deliberately not read (not an error)."""


class _Skip(Exception):
    """Internal: carries the reason an input is skipped."""


def iter_inputs(
    paths: Iterable[str | Path],
    max_bytes: int | None = None,
    min_arabic: float = DEFAULT_MIN_ARABIC,
) -> Iterator[Document | ReadError | Ignored]:
    """Yield a Document for every usable article, a ReadError for everything skipped and an Ignored
    note for documentation files and kg outputs met in folders.

    Directories are walked recursively in sorted order, taking .txt .md .html .htm .jsonl files;
    a file named explicitly is read whatever its extension (as text unless it ends in .jsonl).
    ``max_bytes`` limits a single file (a JSONL file: a single line; default 20 MB or the
    ``KG_MAX_INPUT_MB`` environment variable); ``min_arabic`` is the share of letters that must be
    Arabic for an article to be kept.
    """
    max_bytes = default_max_bytes() if max_bytes is None else max_bytes
    seen: dict[str, str] = {}  # document id -> where it was read: ids must be unique in a graph
    for p in paths:
        path = Path(p)
        for file in _walk(path, set()) if path.is_dir() else [path]:
            if isinstance(file, Ignored):
                yield file
            else:
                yield from _read_path(file, max_bytes, min_arabic, seen)


def input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files ``iter_inputs`` reads, without reading them (the progress bar counts them first)."""
    for p in paths:
        path = Path(p)
        for file in _walk(path, set()) if path.is_dir() else [path]:
            if isinstance(file, Path):
                yield file


def _walk(root: Path, visited: set[str]) -> Iterator[Path | Ignored]:
    """Files under ``root`` with an input suffix, sorted, depth first; symlink loops are cut;
    documentation files and kg's output folders are Ignored."""
    real = os.path.realpath(root)
    if real in visited:
        return
    visited.add(real)
    if is_output_dir(root):
        yield Ignored(str(root), f"output folder of kg ({MARKER}), not read as input")
        return
    try:
        entries = sorted(root.iterdir(), key=lambda e: e.name)
    except OSError:
        yield root  # reported by _read_path
        return
    for entry in entries:
        if entry.is_dir():
            yield from _walk(entry, visited)
        elif entry.suffix.lower() in DIRECTORY_SUFFIXES:
            if entry.stem.lower().split(".")[0] in DOCUMENTATION_STEMS:
                yield Ignored(str(entry), "documentation file, not an article (name it explicitly to read it)")
            elif entry.suffix.lower() in JSONL_SUFFIXES and is_graph_file(entry):
                yield Ignored(str(entry), "a graph.jsonl written by kg, not a corpus")
            else:
                yield entry


def is_graph_file(path: Path) -> bool:
    """A kg graph.jsonl (first record has a ``kind``), as opposed to a JSONL corpus of articles."""
    try:
        with open(path, "rb") as fh:
            first = json.loads(fh.readline(64_000) or b"null")
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(first, dict) and "kind" in first and "text" not in first


def bounded_id(doc_id: str) -> str:
    """``doc_id`` itself, or for one over MAX_ID_CHARS its start plus a hash of the whole (stable)."""
    if len(doc_id) <= MAX_ID_CHARS:
        return doc_id
    return f"{doc_id[:64]}~{hashlib.sha1(doc_id.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"


def _check_unicode(**fields: str) -> None:
    """Refuse lone surrogates (a JSON escape like \\ud800, or a file name that is not UTF-8): no UTF-8
    writer can store them."""
    for name, value in fields.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise _Skip(f"{name} is not valid Unicode (lone surrogate {value[e.start]!r} at {e.start})") from None


def _claim(seen: dict[str, str], doc_id: str, where: str) -> None:
    if doc_id in seen:
        raise _Skip(f"duplicate document id {doc_id!r} (first read from {seen[doc_id]})")
    seen[doc_id] = where


def _read_path(
    path: Path, max_bytes: int, min_arabic: float, seen: dict[str, str]
) -> Iterator[Document | ReadError]:
    try:
        _check_unicode(path=str(path))
        _check_file(path, max_bytes if path.suffix.lower() not in JSONL_SUFFIXES else None)
    except _Skip as skip:
        yield ReadError(str(path), str(skip))
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        if is_graph_file(path):
            yield ReadError(str(path), "a graph.jsonl written by kg (an output), not a corpus of articles")
            return
        yield from _read_jsonl(path, max_bytes, min_arabic, seen)
        return
    try:
        raw = _read_bytes(path, max_bytes)
        text, title = _text_of(raw, path)
        _check_arabic(text, min_arabic)
        _claim(seen, path.stem, str(path))
    except _Skip as skip:
        yield ReadError(str(path), str(skip))
        return
    yield Document(id=path.stem, text=text, title=title, path=str(path))


def _check_file(path: Path, max_bytes: int | None) -> None:
    """Refuse missing paths, non-regular files (FIFOs would block) and files over the size limit."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise _Skip("broken symbolic link") from None
        raise _Skip("no such file or directory") from None
    except PermissionError:
        raise _Skip("permission denied") from None
    except OSError as e:
        raise _Skip(f"cannot read ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise _Skip("is a directory that cannot be listed")
    if not stat.S_ISREG(st.st_mode):
        kind = "FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode) else "device"
        raise _Skip(f"not a regular file ({kind})")
    if max_bytes is not None and st.st_size > max_bytes:
        raise _Skip(f"too large ({st.st_size / MB:.1f} MB > {max_bytes / MB:g} MB limit)")
    if st.st_size == 0:
        raise _Skip("empty file")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` (a file may have grown since it was measured)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise _Skip(f"too large (> {max_bytes / MB:g} MB limit)")
        return raw
    except PermissionError:
        raise _Skip("permission denied") from None
    except OSError as e:
        raise _Skip(f"cannot read ({e.strerror or e})") from None


# --- decoding -------------------------------------------------------------------------------------


def decode(raw: bytes) -> tuple[str, str]:
    """Decode article bytes; returns (text, encoding).  Raises _Skip for binary/undecodable data.

    UTF-8 (a BOM is dropped) first; otherwise the legacy Arabic code pages, keeping the one whose
    result has the most Arabic letters and fewest control/Latin-accent characters, and only if the
    result looks like Arabic prose: mostly Arabic letters, few controls, words separated by spaces
    (any bytes at all decode in cp1256).
    """
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM):]
    if b"\x00" in raw:
        raise _Skip("binary file (contains NUL bytes)")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[int, str, str] | None = None
    for enc in LEGACY_ENCODINGS:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _legacy_score(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is not None:
        _, text, enc = best
        letters, arabic = _letter_counts(text)
        controls = sum(1 for ch in text if _is_control(ch))
        spaces = sum(1 for ch in text if ch.isspace())
        prose = controls <= 0.01 * len(text) and spaces >= 0.05 * len(text)
        if letters and arabic / letters >= 0.5 and prose:
            return text, enc
    raise _Skip("binary or undecodable file (not UTF-8, Windows-1256 or ISO-8859-6 Arabic)")


def _legacy_score(text: str) -> int:
    letters, arabic = _letter_counts(text)
    bad = sum(1 for ch in text if _is_control(ch)) + (letters - arabic)
    # The article "ال" is the commonest Arabic bigram; a wrong code page scrambles it (ل <-> ن/ف).
    return arabic - 2 * bad + 3 * text.count("ال")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t\f"


def _is_arabic_letter(ch: str) -> bool:
    o = ord(ch)
    return (
        0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF
        or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF
    ) and unicodedata.category(ch).startswith("L")


def _letter_counts(text: str) -> tuple[int, int]:
    """(letters, Arabic letters) in ``text``."""
    letters = arabic = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if _is_arabic_letter(ch):
                arabic += 1
    return letters, arabic


def _check_arabic(text: str, min_arabic: float) -> None:
    if not text.strip():
        raise _Skip("empty file (no text)")
    letters, arabic = _letter_counts(text)
    if letters == 0:
        raise _Skip("no letters (not an article)")
    share = arabic / letters
    if share < min_arabic:
        raise _Skip(f"not Arabic text ({share:.0%} Arabic letters, {min_arabic:.0%} needed)")


# --- HTML -----------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "title", "main", "aside", "figure",
}
_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}


class _HTMLText(HTMLParser):
    """Collects the visible text of a page; block elements become line breaks (sentence ends)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self._drop = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _DROP_TAGS:
            self._drop += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _DROP_TAGS and self._drop:
            self._drop -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._drop:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(html: str) -> tuple[str, str]:
    """(visible text, title) of an HTML page; runs of blank lines are collapsed."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    return text, " ".join("".join(parser.title_parts).split())


def _text_of(raw: bytes, path: Path) -> tuple[str, str]:
    """(text, title) of a text or HTML file's bytes."""
    text, _ = decode(raw)
    if path.suffix.lower() in (".html", ".htm") or looks_like_html(text):
        text, title = html_to_text(text)
        if not text.strip():
            raise _Skip("HTML page without text")
        return text, title
    return text, ""


# --- JSONL ----------------------------------------------------------------------------------------

_JSONL_FIELDS = ("title", "date", "source", "url")


def _read_jsonl(
    path: Path, max_bytes: int, min_arabic: float, seen: dict[str, str]
) -> Iterator[Document | ReadError]:
    """One article per line; a bad line is reported as ``file:line`` and reading goes on."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed in finally; generator must stream
    except OSError as e:
        reason = "permission denied" if isinstance(e, PermissionError) else f"cannot read ({e.strerror})"
        yield ReadError(str(path), reason)
        return
    try:
        lineno = 0
        while True:
            raw = fh.readline(max_bytes + 1)
            if not raw:
                break
            lineno += 1
            where = f"{path}:{lineno}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line in chunks
                    raw = fh.readline(MB)
                yield ReadError(where, f"line too large (> {max_bytes / MB:g} MB limit)")
                continue
            if lineno == 1 and raw.startswith(_UTF8_BOM):
                raw = raw[len(_UTF8_BOM):]
            if not raw.strip():
                continue
            try:
                doc = _jsonl_document(raw, path, lineno, min_arabic)
                _claim(seen, doc.id, where)
                yield doc
            except _Skip as skip:
                yield ReadError(where, str(skip))
    finally:
        fh.close()


def _jsonl_document(raw: bytes, path: Path, lineno: int, min_arabic: float) -> Document:
    try:
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as e:
        raise _Skip(f"not UTF-8 (byte {e.start})") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise _Skip(f"malformed JSON: {e.msg} (column {e.colno})") from None
    except RecursionError:
        raise _Skip("malformed record (JSON nested too deeply)") from None
    if not isinstance(obj, dict):
        raise _Skip(f"malformed record (a JSON {type(obj).__name__}, not an object)")
    text = obj.get("text")
    if not isinstance(text, str):
        raise _Skip("missing 'text' field")
    doc_id = obj.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else f"{path.stem}-{lineno}"
    fields = {k: "" if obj.get(k) is None else str(obj.get(k)) for k in _JSONL_FIELDS}
    _check_unicode(id=doc_id, text=text, **fields)
    if looks_like_html(text):
        text, _ = html_to_text(text)
    _check_arabic(text, min_arabic)
    bounded = bounded_id(doc_id)
    return Document(id=bounded, text=text, path=str(path), original_id=doc_id if bounded != doc_id else "",
                    **fields)


def default_max_bytes() -> int:
    """The size limit: ``KG_MAX_INPUT_MB`` if set, else 20 MB."""
    value = os.environ.get("KG_MAX_INPUT_MB")
    return int(float(value) * MB) if value else DEFAULT_MAX_BYTES
