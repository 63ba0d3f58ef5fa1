"""A synthetic graph shaped like the corpus graph (a few hubs, a long tail, Arabic names and
sentences) to test and time the HTML pages at scale before the real 3,030-article graph exists."""

from __future__ import annotations

import random

from kg.graph import Graph
from kg.model import RELATION_TYPES, Document, Entity, Relation

_FIRST = ["محمد", "أحمد", "خالد", "عمر", "سالم", "هالة", "ليلى", "يوسف", "مازن", "نور", "رامي", "سمير"]
_LAST = ["الحسن", "العلي", "الراشد", "المنصور", "الخطيب", "الحمدان", "السعيد", "النجار", "الشامي"]
_ORG = ["لواء", "جبهة", "قوات", "كتائب", "حركة", "فرقة", "مجلس", "جيش"]
_PLACE = ["مدينة", "قرية", "بلدة", "حي", "سد", "مطار", "جبل"]
_WORDS = ["النخيل", "الوادي", "الصخرة", "الفجر", "السنديان", "الرمان", "الزيتون", "الشمال", "النصر",
          "الجبل", "البادية", "الفرات", "الساحل", "الغوطة", "القلعة", "الريان"]
_MODALITIES = ["asserted", "expected", "proposed", "denied"]
_SOURCES = ["مصدر تجريبي", "وكالة الأنباء التجريبية", "صحيفة المثال"]
_VERB = {"FOUGHT": "اشتبكت", "NEGOTIATED_WITH": "تفاوضت", "TRANSFERRED_TO": "سُلّمت", "CONTROLS": "تسيطر",
         "SURRENDERED_TO": "استسلمت", "LEADS": "يقود", "SUPPORTED_BY": "تلقت دعما"}


def _name(rng: random.Random, etype: str, i: int) -> str:
    if etype == "Person":
        return f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {i}"
    head = _ORG if etype == "Organization" else _PLACE
    return f"{rng.choice(head)} {rng.choice(_WORDS)} {i}"


def synthetic_graph(n_entities: int = 8000, n_relations: int = 20000, n_documents: int = 3030,
                    seed: int = 13) -> Graph:
    """Entities with Zipf-like relation counts (hubs like the big armed groups), one sentence each, mostly
    asserted, confidences 0.5-1, three sources."""
    rng = random.Random(seed)
    g = Graph()
    for d in range(n_documents):
        did = f"doc{d:05d}"
        g.documents[did] = Document(did, "", title=f"تقرير ميداني رقم {d} عن {rng.choice(_WORDS)}",
                                    date=f"20{rng.randint(13, 19)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                    source=_SOURCES[d % len(_SOURCES)])
    types = ["Organization", "Person", "Place"]
    ids = []
    for i in range(n_entities):
        etype = rng.choices(types, weights=[3, 4, 3])[0]
        eid = f"{etype[:3].upper()}_{i:06d}"
        label = _name(rng, etype, i)
        g.entities[eid] = Entity(eid, label, etype, aliases=[label.split()[-2]], docs=[])
        ids.append(eid)
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(n_entities)]
    docs = list(g.documents)
    for r in range(n_relations):
        s, o = rng.choices(ids, weights=weights, k=2)
        if s == o:
            o = ids[rng.randrange(n_entities)]
        rtype = rng.choice(RELATION_TYPES)
        doc = rng.choice(docs)
        sent = f"{_VERB[rtype]} {g.entities[s].label} مع {g.entities[o].label} قرب {rng.choice(_WORDS)} أمس."
        modality = rng.choices(_MODALITIES, weights=[85, 6, 5, 4])[0]
        g.relations.append(Relation(f"rel{r:06d}", rtype, s, o, doc, sent, 0, len(sent),
                                    round(rng.uniform(0.5, 1.0), 2), modality=modality, trigger=_VERB[rtype]))
        for e in (s, o):
            if doc not in g.entities[e].docs:
                g.entities[e].docs.append(doc)
    return g
