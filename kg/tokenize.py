"""Sentence splitting and tokenization that keep character offsets into the original text.

Tokens are whitespace/punctuation separated, as in the NER training corpora (ANERcorp, AQMAR), so
proclitics stay attached (``لقسد``); ``kg.normalize.proclitic_readings`` strips them when matching.
"""

from __future__ import annotations

import re

from kg.model import Sentence, Token

_WORD = r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c-\u200f]+"
TOKEN = re.compile(rf"{_WORD}(?:[.,٫]\d+)*|[^\s\w]")
# A sentence ends at . ! ? ؟ or a line break; a dot between digits (3.5) does not end one.
SENTENCE_END = re.compile(r"(?<!\d)[.!?؟]+(?!\d)|\n+")
MAX_SENTENCE_TOKENS = 120
_EDGE_MARKS = "\u200c\u200d\u200e\u200f"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    tokens = []
    for m in TOKEN.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s] in _EDGE_MARKS:
            s += 1
        while e > s and text[e - 1] in _EDGE_MARKS:
            e -= 1
        if s < e:
            tokens.append(Token(text[s:e], s, e))
    return tokens


def split_sentences(text: str) -> list[Sentence]:
    """Split into sentences; very long runs without punctuation are cut every MAX_SENTENCE_TOKENS tokens
    at a comma or after the limit, so the NER never sees an unbounded sequence."""
    sentences: list[Sentence] = []
    pos = 0
    bounds = []
    for m in SENTENCE_END.finditer(text):
        bounds.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        bounds.append((pos, len(text)))
    for s, e in bounds:
        tokens = tokenize(text, s, e)
        while tokens:
            cut = len(tokens)
            if cut > MAX_SENTENCE_TOKENS:
                commas = [i for i, t in enumerate(tokens[:MAX_SENTENCE_TOKENS]) if t.text in ",،؛;"]
                cut = commas[-1] + 1 if commas and commas[-1] > MAX_SENTENCE_TOKENS // 3 else MAX_SENTENCE_TOKENS
            chunk, tokens = tokens[:cut], tokens[cut:]
            sentences.append(Sentence(len(sentences), chunk[0].start, chunk[-1].end, chunk))
    return sentences
