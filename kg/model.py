"""Typed records passed between pipeline stages.

Data flows one way: read -> analyze (tokenize + NER) -> resolve entities -> extract relations
-> graph model -> writers.  Each stage adds to an ``AnalyzedDoc`` (like spaCy's ``Doc``); the
graph model (``kg.graph``) is what every writer reads, through graph.jsonl.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kg.normalize import normalize, proclitic_readings

EntityType = Literal["Person", "Organization", "Place"]
ENTITY_TYPES: tuple[str, ...] = ("Person", "Organization", "Place")

RELATION_TYPES: tuple[str, ...] = (
    "FOUGHT",
    "NEGOTIATED_WITH",
    "TRANSFERRED_TO",
    "CONTROLS",
    "SURRENDERED_TO",
    "LEADS",
    "SUPPORTED_BY",
)
Modality = Literal["asserted", "expected", "proposed", "denied"]


@dataclass(frozen=True)
class Document:
    """One article, its text kept exactly as read (offsets point into it)."""

    id: str
    text: str
    title: str = ""
    date: str = ""
    source: str = ""
    url: str = ""
    path: str = ""
    # set by the pipeline's date step (kg.dates): ``date`` becomes ISO (YYYY-MM-DD, '' when not understood),
    # ``datetime`` ISO with time and offset where the source gives a time, ``date_text`` the date as read
    datetime: str = ""
    date_text: str = ""
    original_id: str = ""  # the id as given, when it was too long and ``id`` is its bounded form


@dataclass(frozen=True)
class Token:
    """A token of the original text, with its matching forms computed once when it is made, so the
    mention finders, the resolver and the relation layer share them instead of recomputing them:
    ``norm`` (``kg.normalize.normalize``), ``readings`` (its clitic readings, unstripped first; none for
    punctuation) and ``is_word`` (has a letter: not punctuation or a number)."""

    text: str
    start: int
    end: int
    norm: str = field(init=False, repr=False, compare=False)
    readings: tuple[tuple[int, str], ...] = field(init=False, repr=False, compare=False)
    is_word: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        norm = normalize(self.text)
        object.__setattr__(self, "norm", norm)
        object.__setattr__(self, "readings", proclitic_readings(norm) if norm else ())
        object.__setattr__(self, "is_word", any(ch.isalpha() for ch in self.text))


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    tokens: list[Token]


@dataclass
class Mention:
    """A span of the original text naming an entity.

    ``key`` is the normalized, clitic-free form used for matching; ``entity`` is filled by the
    resolver; ``origin`` says which component found it ("ner", "gazetteer", "generic").
    """

    start: int
    end: int
    text: str
    type: str
    sentence: int
    key: str = ""
    origin: str = "ner"
    entity: str | None = None


@dataclass
class Entity:
    id: str
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    wikidata: str | None = None
    # facts of the alias table carried into graph.jsonl, so no writer needs the table
    label_en: str = ""
    state: bool = False
    capital_of: str = ""  # a state's capital city: the state, whose government it may stand for (نيروبي -> KENYA)
    lat: float | None = None
    lon: float | None = None


@dataclass
class Relation:
    """One relation instance with its evidence: the sentence and character offsets in ``doc``."""

    id: str
    type: str
    subject: str
    object: str
    doc: str
    sentence: str
    start: int
    end: int
    confidence: float
    modality: str = "asserted"
    agent: str | None = None
    trigger: str = ""
    # when and where (kg.relations.event_context): ISO date, "text" | "document", the date phrase and its
    # precision (day, part_of_month, month, year), and the place's entity id
    date: str = ""
    date_source: str = ""
    date_text: str = ""
    date_precision: str = ""
    place: str | None = None


@dataclass
class AnalyzedDoc:
    """What flows through the pipeline components for one document."""

    doc: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
