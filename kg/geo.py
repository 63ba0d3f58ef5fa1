"""Facts of the alias table carried onto entities: English label, state flag and coordinates.

graph.jsonl is all a writer reads, so what the tables know about an entity travels on its record:
``label_en``, ``state`` and ``capital_of`` from kg/resources/entities.json, ``lat``/``lon`` from
kg/resources/coordinates.json (public data, source in its ``_doc``).
"""

from __future__ import annotations

import json
from functools import lru_cache

from kg.knowledge import RESOURCES, Knowledge
from kg.model import AnalyzedDoc


@lru_cache(maxsize=1)
def load_coordinates() -> dict[str, tuple[float, float]]:
    """entity id -> (latitude, longitude)."""
    path = RESOURCES / "coordinates.json"
    rows = json.loads(path.read_text(encoding="utf-8")).get("coordinates", {}) if path.exists() else {}
    return {eid: (float(r["lat"]), float(r["lon"])) for eid, r in rows.items()}


class EntityFacts:
    """Pipeline component: known entities get their English label, state flag, capital's state and coordinates."""

    def __init__(self, kb: Knowledge):
        self.kb = kb
        self.coordinates = load_coordinates()

    def __call__(self, adoc: AnalyzedDoc) -> None:
        for ent in adoc.entities.values():
            known = self.kb.entities.get(ent.id)
            if known is not None:
                ent.label_en, ent.state, ent.capital_of = known.label_en, known.state, known.capital_of
            if ent.id in self.coordinates:
                ent.lat, ent.lon = self.coordinates[ent.id]
