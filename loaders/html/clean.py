"""Display text for the pages: evidence sentences, labels and aliases without Markdown marks or broken quotes.

Articles arrive as Markdown and sentence or name boundaries can cut a quotation in two, so a sentence
shows ``**جرى اتفاق**`` and an alias ``تنظيم "داعش``. The pages show them cleaned; graph.jsonl (and every
other writer) keeps the text exactly as read.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")  # [text](url), ![alt](url) -> text
_MARKS = re.compile(r"\*\*|`+|~~")  # bold, code and strike marks, wherever they are
_WRAPPED = re.compile(r"(?<![\w*])(__|\*)(?=\S)(.+?)(?<=\S)\1(?![\w*])")  # __bold__, *italics* (not a_b_c)
_LINE_MARKS = re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-+*]\s+(?=\S))")  # headings, quotes, list bullets
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_PAIRS = {"«": "»", "“": "”", "(": ")"}
_SYMMETRIC_QUOTES = ('"', "'")


def _balanced(text: str) -> str:
    """Drop quote marks that have no partner (a straight quote left alone, an unclosed « or “)."""
    drop: set[int] = set()
    for q in _SYMMETRIC_QUOTES:
        at = [i for i, ch in enumerate(text) if ch == q]
        if q == "'":  # an apostrophe inside a Latin word is no quote
            at = [i for i in at if not (0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalpha()
                                        and text[i + 1].isascii() and text[i + 1].isalpha())]
        if len(at) % 2:  # the last one has no partner
            drop.add(at[-1])
    for opening, closing in _PAIRS.items():
        stack: list[int] = []
        for i, ch in enumerate(text):
            if ch == opening:
                stack.append(i)
            elif ch == closing:
                if stack:
                    stack.pop()
                elif opening != "(":
                    drop.add(i)
        if opening != "(":
            drop.update(stack)
    return "".join(ch for i, ch in enumerate(text) if i not in drop)


def clean_text(text: str | None) -> str:
    """A sentence or title as shown: Markdown marks removed, unpaired quotes dropped, spaces collapsed."""
    if not text:
        return ""
    out = _LINK.sub(r"\1", text)
    out = _LINE_MARKS.sub("", out)
    out = _MARKS.sub("", out)
    out = _WRAPPED.sub(r"\2", out)
    out = _balanced(out)
    return _SPACES.sub(" ", out).strip()


def clean_name(name: str | None) -> str:
    """A label or alias as shown: cleaned like a sentence, quotes and stray punctuation trimmed at the ends."""
    return clean_text(name).strip(" \"'«»“”.,،:;-")


def clean_aliases(aliases: list[str], label: str) -> list[str]:
    """Cleaned aliases, once each, without the label itself or empty leftovers."""
    seen = {clean_name(label)}
    out = []
    for alias in aliases:
        shown = clean_name(alias)
        if shown and shown not in seen:
            seen.add(shown)
            out.append(shown)
    return out
