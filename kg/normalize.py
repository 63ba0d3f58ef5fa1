"""Normalization for matching only: the original text is never changed (offsets point into it)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")  # harakat, dagger alef, tatweel
INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")  # zero-width and bidi marks
QUOTES = re.compile(r"[\"'“”«»„‟‘’‹›`()\[\]{}*#]")
SPACES = re.compile(r"\s+")

_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                          "ک": "ك", "ی": "ي"})

PROCLITIC_CONJ = ("و", "ف")
PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما")  # attached pronouns: سيطرته، بأكملها، يشنها
PROCLITIC_PREP = ("ب", "ل", "ك")


# Memoized: a corpus repeats a small vocabulary, and every stage normalizes the same words again.
CACHE_SIZE = 1 << 17


PRESENTATION_FORMS = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFF]")


def shown_letters(word: str) -> str:
    """A word typed in Arabic presentation forms (ﻋﺪﻥ, some outlets' pages) as the letters it shows (عدن),
    the spelling the NER model learned; any other word as it is."""
    return unicodedata.normalize("NFKC", word) if PRESENTATION_FORMS.search(word) else word


@lru_cache(maxsize=CACHE_SIZE)
def normalize(text: str) -> str:
    """Fold the spelling variants Arabic news mixes freely: hamza/alef forms, yaa/alef maqsura,
    taa marbuta, diacritics, tatweel, quote styles and invisible bidi marks."""
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text)
    text = DIACRITICS.sub("", text)
    text = text.replace("ىء", "ئ")  # hamza after alef maqsura is a spelling of ئ (الطوارىء / الطوارئ)
    text = text.translate(_LETTERS)
    text = QUOTES.sub(" ", text)
    return SPACES.sub(" ", text).strip()


@lru_cache(maxsize=CACHE_SIZE)
def proclitic_readings(word: str) -> tuple[tuple[int, str], ...]:
    """Ways to read a normalized word as proclitics + stem, as (characters stripped, stem).

    The unstripped reading comes first.  ``لل`` before a noun is ``ل`` + ``ال`` with the alef dropped
    (``للبادية`` -> ``البادية``).  Stems shorter than two letters are not offered.  Memoized, hence a tuple.
    """
    readings = [(0, word)]
    conj_offsets = [0]
    if len(word) > 3 and word[0] in PROCLITIC_CONJ:
        conj_offsets.append(1)
    for c in conj_offsets:
        rest = word[c:]
        if c:
            readings.append((c, rest))
        if len(rest) > 3 and rest.startswith("لل"):
            readings.append((c + 1, "ا" + rest[1:]))
        elif len(rest) > 2 and rest[0] in PROCLITIC_PREP:
            readings.append((c + 1, rest[1:]))
    seen: set[str] = set()
    unique = []
    for n, stem in readings:
        if len(stem) >= 2 and stem not in seen:
            seen.add(stem)
            unique.append((n, stem))
    return tuple(unique)
