"""The analysis pipeline: named components applied in order to one ``AnalyzedDoc`` (as in spaCy/stanza).

date -> sentences -> mentions (stanza NER + alias table + place cues + generic references) -> resolve
-> entity facts -> relations -> event context (date and place of each relation)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.actor_patterns import find_actor_patterns, find_leader_bodies, with_leaders_named
from kg.dates import date_document
from kg.geo import EntityFacts
from kg.knowledge import Knowledge, is_state, load_knowledge
from kg.mentions import (
    NameTable,
    SpanKeys,
    find_defined_short_forms,
    find_generics,
    find_names,
    find_place_cues,
    from_ner,
    settle_overlaps,
)
from kg.model import AnalyzedDoc, Document
from kg.relations.event_context import EventContext
from kg.resolve import resolve
from kg.tokenize import split_sentences

Component = Callable[[AnalyzedDoc], None]


def sentence_splitter(adoc: AnalyzedDoc) -> None:
    adoc.sentences = split_sentences(adoc.doc.text)


class MentionFinder:
    """Runs stanza NER over the article's sentences and adds known names, place cues and generic
    references (``origin="generic"``, left for the resolver).  ``pipe`` tags several articles in one
    NER call: stanza's cost per call is large next to its cost per sentence."""

    def __init__(self, ner, kb: Knowledge):
        self.ner = ner
        self.kb = kb
        self.known = NameTable.from_knowledge(kb)
        self.generics = NameTable.of_generics(kb)

    def __call__(self, adoc: AnalyzedDoc) -> None:
        self.pipe([adoc])

    def pipe(self, adocs: list[AnalyzedDoc]) -> None:
        sentences = [[t.text for t in s.tokens] for adoc in adocs for s in adoc.sentences]
        ner_spans = iter(self.ner.spans(sentences) if sentences else [])
        for adoc in adocs:
            self.find(adoc, [next(ner_spans) for _ in adoc.sentences])

    def find(self, adoc: AnalyzedDoc, ner_spans: list[list[tuple[int, int, str]]]) -> None:
        text, kb = adoc.doc.text, self.kb
        found, leaders = [], []
        for sentence, spans_of_sentence in zip(adoc.sentences, ner_spans, strict=True):
            keys = SpanKeys(sentence.tokens)
            found += from_ner(text, sentence, keys, spans_of_sentence, kb)
            found += find_names(text, sentence, keys, self.known, "gazetteer")
            found += find_place_cues(text, sentence, keys, kb)
            found += find_defined_short_forms(text, sentence, keys)
            found += find_generics(text, sentence, keys, self.generics, kb)
            found += find_actor_patterns(text, sentence, keys, kb)
            leaders += find_leader_bodies(text, sentence, keys, kb)
        adoc.mentions = settle_overlaps(found + with_leaders_named(leaders, found, kb), kb)


class Resolver:
    def __init__(self, kb: Knowledge):
        self.kb = kb

    def __call__(self, adoc: AnalyzedDoc) -> None:
        generics = [m for m in adoc.mentions if m.origin == "generic"]
        adoc.mentions = [m for m in adoc.mentions if m.origin != "generic"]
        resolve(adoc, self.kb, generics)


class RelationExtractor:
    """The rule layer met with the shipped learned model (``kg.relations.learned``): each relation's
    confidence is its calibrated probability; relations under ``min_confidence`` are left out."""

    def __init__(self, min_confidence: float | None = None):
        from kg.relations.learned.model import load_model

        self.model = load_model()
        self.min_confidence = min_confidence

    def __call__(self, adoc: AnalyzedDoc) -> None:
        from kg.relations.learned.model import relations

        found = relations(adoc, self.model)
        if self.min_confidence is not None:
            found = [r for r in found if r.confidence >= self.min_confidence]
        adoc.relations = found


class Pipeline:
    """Components applied in order.  A component with a ``pipe(adocs)`` method gets a batch of documents
    at once (the NER); the others get them one by one."""

    def __init__(self, components: list[tuple[str, Component]]):
        self.components = components

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.components]

    def __call__(self, doc: Document) -> AnalyzedDoc:
        return self.pipe([doc])[0]

    def pipe(self, docs: list[Document]) -> list[AnalyzedDoc]:
        adocs = [AnalyzedDoc(doc) for doc in docs]
        for _, component in self.components:
            batch = getattr(component, "pipe", None)
            if batch is not None:
                batch(adocs)
            else:
                for adoc in adocs:
                    component(adoc)
        return adocs


def build_pipeline(ner_model_dir: Path | None = None, official_ner: bool = False,
                   min_confidence: float | None = None) -> Pipeline:
    """The standard pipeline; the NER is the project's stanza model unless ``official_ner``;
    ``min_confidence``: relations below it are left out."""
    from kg.ner import StanzaNER

    kb = load_knowledge()
    return Pipeline([
        ("date", date_document),
        ("sentences", sentence_splitter),
        ("mentions", MentionFinder(StanzaNER(ner_model_dir, official=official_ner), kb)),
        ("resolve", Resolver(kb)),
        ("entity_facts", EntityFacts(kb)),
        ("relations", RelationExtractor(min_confidence)),
        ("event_context", EventContext(is_state)),
    ])
