"""When and where each relation instance happened: a post-step after relation extraction.

The argument rules find who did what to whom; this step adds, per instance, the date (an explicit date
expression in the sentence or its dateline, resolved against the document date, else the document date;
``date_source`` says which) and the place the sentence puts the event in, as an entity id.  Cues are
the relation lexicon's own locative words plus kg/resources/event_context.json.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.dates import DateMention, find_dates
from kg.model import AnalyzedDoc, Mention, Relation, Sentence
from kg.normalize import normalize, proclitic_readings
from kg.relations.lexicon import load_lexicon

CONTEXT_JSON = Path(__file__).resolve().parents[1] / "resources" / "event_context.json"


@dataclass(frozen=True)
class ContextCues:
    locative: frozenset[str]
    heads: frozenset[str]
    source: frozenset[str]
    destination: frozenset[str]
    backing: frozenset[str]
    source_types: frozenset[str]
    no_place_types: frozenset[str]
    not_event_date_after: frozenset[str]
    object_is_place: frozenset[str]
    cue_window: int
    locates_within: int
    dateline_tokens: int


@lru_cache(maxsize=1)
def load_cues() -> ContextCues:
    lex = load_lexicon()
    data = json.loads(CONTEXT_JSON.read_text(encoding="utf-8"))
    return ContextCues(
        locative=lex.locative_preps, heads=lex.place_heads,
        source=frozenset(normalize(w) for w in data["source_preps"]),
        destination=frozenset(normalize(w) for w in data["destination_preps"]), backing=lex.blocking_cues,
        source_types=frozenset(data["source_types"]), no_place_types=frozenset(data["no_place_types"]),
        not_event_date_after=frozenset(normalize(w) for w in data["not_event_date_after"]),
        object_is_place=frozenset(data["object_is_place"]),
        cue_window=int(data["cue_window"]), locates_within=int(data["locates_within"]),
        dateline_tokens=int(data["dateline_tokens"]),
    )


def _token_index(sent: Sentence, pos: int) -> int:
    for k, tok in enumerate(sent.tokens):
        if tok.start <= pos < tok.end:
            return k
    return next((k for k, tok in enumerate(sent.tokens) if tok.start >= pos), len(sent.tokens))


def _cue(text: str, sent: Sentence, m: Mention, rtype: str, cues: ContextCues) -> int | None:
    """0 when a locative cue puts the event at the mention (في، بريف، شمال + place heads), 1 for a source
    preposition the type admits (من), None when nothing does."""
    k = _token_index(sent, m.start)
    if k < len(sent.tokens) and sent.tokens[k].start < m.start:  # a clitic on the name itself: بعفرين
        clitics = normalize(text[sent.tokens[k].start:m.start])
        return 0 if "ب" in clitics else None
    for j in range(k - 1, max(-1, k - 1 - cues.cue_window), -1):
        word = normalize(sent.tokens[j].text)
        before = normalize(sent.tokens[j - 1].text) if j > 0 else ""
        if j > 0 and any(stem in cues.destination for _, stem in proclitic_readings(before)) \
                and any(stem in cues.heads for _, stem in proclitic_readings(word)):
            return None  # نقلهم إلى ريف دير الزور: where they went
        for stripped, stem in proclitic_readings(word):
            if stem in cues.destination:
                return None
            if stem in cues.locative or (stem in cues.heads and "ب" in word[:stripped]):
                return 0
            if stem in cues.source and rtype in cues.source_types:
                return None if before in cues.backing else 1  # المدعومة من الخليج: a backer
        if not any(stem in cues.heads for _, stem in proclitic_readings(word)):
            return None
    return None


def _nearest(items: list, anchor: int, key: Callable):
    """The item ranked first by ``key``, then nearest to ``anchor`` (the trigger)."""
    return min(items, key=lambda x: (key(x), abs(((x.start + x.end) // 2) - anchor)), default=None)


class EventContext:
    """Pipeline component: sets ``date``, ``date_source``, ``date_text``, ``date_precision`` and ``place``
    of every relation of the document."""

    def __init__(self, is_state: Callable[[str], bool], cues: ContextCues | None = None):
        self.is_state = is_state
        self.cues = cues or load_cues()

    def __call__(self, adoc: AnalyzedDoc) -> None:
        sentences = {s.start: s for s in adoc.sentences}
        for rel in adoc.relations:
            sent = sentences.get(rel.start)
            if sent is None:
                continue
            anchor = self._anchor(adoc.doc.text, sent, rel)
            self._date(adoc, sent, rel, anchor)
            rel.place = self._place(adoc, sent, rel, anchor)

    @staticmethod
    def _anchor(text: str, sent: Sentence, rel: Relation) -> int:
        i = text.find(rel.trigger, sent.start, sent.end) if rel.trigger else -1
        return i if i >= 0 else sent.start

    def _date(self, adoc: AnalyzedDoc, sent: Sentence, rel: Relation, anchor: int) -> None:
        text, ref = adoc.doc.text, adoc.doc.date
        dates = [DateMention(d.start + sent.start, d.end + sent.start, d.text, d.date, d.precision)
                 for d in find_dates(text[sent.start:sent.end], ref or None)
                 if not self._after_since(text[sent.start:sent.start + d.start])]
        found = _nearest(dates, anchor, key=lambda d: 0)
        if found is None and sent.index > 0:
            before = adoc.sentences[sent.index - 1]
            if len(before.tokens) <= self.cues.dateline_tokens:
                found = next(iter(find_dates(text[before.start:before.end], ref or None)), None)
        if found is not None and (found.date, found.text) == (ref, adoc.doc.date_text):
            found = None  # the byline date the document date was read from
        if found is not None:
            rel.date, rel.date_source, rel.date_text, rel.date_precision = \
                found.date, "text", found.text, found.precision
        elif ref:
            rel.date, rel.date_source, rel.date_text, rel.date_precision = ref, "document", "", "day"

    def _after_since(self, before: str) -> bool:
        words = before.split()
        return bool(words) and any(stem in self.cues.not_event_date_after
                                   for _, stem in proclitic_readings(normalize(words[-1])))

    def _place(self, adoc: AnalyzedDoc, sent: Sentence, rel: Relation, anchor: int) -> str | None:
        def is_place(eid: str | None) -> bool:
            return eid is not None and eid in adoc.entities and adoc.entities[eid].type == "Place"

        if rel.type in self.cues.no_place_types:
            return None
        if rel.type in self.cues.object_is_place:
            return rel.object if is_place(rel.object) else None
        taken = {rel.subject, rel.object, rel.agent}
        places = [m for m in adoc.mentions if sent.start <= m.start < sent.end and is_place(m.entity)]
        score: dict[int, tuple] = {}
        for m in places:
            if m.entity in taken:
                continue
            cue = _cue(adoc.doc.text, sent, m, rel.type, self.cues)
            if cue is None:
                continue
            k = _token_index(sent, m.start)
            locates = any(0 < k - _token_index(sent, p.end - 1) <= self.cues.locates_within
                          for p in places if p.end <= m.start)
            score[id(m)] = (self.is_state(m.entity), cue, locates)  # a country only when nothing smaller
        best = _nearest([m for m in places if id(m) in score], anchor, key=lambda m: score[id(m)])
        return best.entity if best is not None else None
