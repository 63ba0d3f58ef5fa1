"""What the HTML pages show: relations folded into one edge per (subject, object, type) with all
their evidence, node degrees, and the node/edge subsets of the index and of each entity page."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

from kg.graph import Graph
from kg.model import Entity
from loaders.html.clean import clean_aliases, clean_text

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass
class Edge:
    key: str
    type: str
    source: str
    target: str
    evidence: list[dict] = field(default_factory=list)
    modalities: set[str] = field(default_factory=set)


@dataclass
class Selection:
    nodes: list[str]
    edges: list[str]
    hidden: int  # nodes (index) or neighbours (entity page) left out of the drawing
    hidden_edges: int = 0  # weakest edges among the drawn nodes left out (only on very dense drawings)


class GraphView:
    """Read-only view of a ``Graph`` shaped for drawing."""

    def __init__(self, graph: Graph):
        self.graph = graph
        self.entities: dict[str, Entity] = {
            eid: Entity(eid, e.label or eid, e.type or "Unknown", clean_aliases(list(e.aliases or []), e.label or eid),
                        list(e.docs or []), e.wikidata)
            for eid, e in graph.entities.items()
        }
        self.edges: dict[str, Edge] = {}
        self.incident: dict[str, list[str]] = {eid: [] for eid in self.entities}
        seen: set[tuple] = set()
        for rel in graph.relations:
            for end in (rel.subject, rel.object):
                if end not in self.entities:  # keep the fact drawable even if the entity record is missing
                    self.entities[end] = Entity(end, end, "Unknown")
                    self.incident[end] = []
            key = f"{rel.subject}|{rel.type}|{rel.object}"
            edge = self.edges.get(key)
            if edge is None:
                edge = self.edges[key] = Edge(key, rel.type, rel.subject, rel.object)
                self.incident[rel.subject].append(key)
                if rel.object != rel.subject:
                    self.incident[rel.object].append(key)
            marker = (key, rel.doc, rel.start, rel.end)
            if marker in seen:
                continue
            seen.add(marker)
            edge.modalities.add(rel.modality or "asserted")
            edge.evidence.append(self._evidence(rel))
        for edge in self.edges.values():
            edge.evidence.sort(key=lambda ev: (ev["date"], ev["doc"], ev["start"]))
        self.degree = {
            eid: len({self._other(self.edges[k], eid) for k in keys}) for eid, keys in self.incident.items()
        }
        self.files = self._file_names()

    def _evidence(self, rel) -> dict:
        doc = self.graph.documents.get(rel.doc)
        url = doc.url if doc and re.match(r"https?://", doc.url or "", re.I) else ""
        try:
            confidence = float(rel.confidence)
        except (TypeError, ValueError):
            confidence = None
        return {
            "sentence": clean_text(rel.sentence),  # shown cleaned; graph.jsonl keeps it as read
            "trigger": clean_text(rel.trigger),
            "doc": rel.doc or "",
            "start": rel.start if isinstance(rel.start, int) else 0,
            "title": clean_text(doc.title) if doc else "",
            "date": str(doc.date or "") if doc else "",
            "source": (doc.source or "") if doc else "",
            "url": url,
            "modality": rel.modality or "asserted",
            "confidence": round(confidence, 3) if confidence is not None and math.isfinite(confidence) else None,
        }

    @staticmethod
    def _other(edge: Edge, eid: str) -> str:
        return edge.target if edge.source == eid else edge.source

    def _file_names(self) -> dict[str, str]:
        """Entity id -> page file name: the id when it is filename-safe, else a slug + hash."""
        out: dict[str, str] = {}
        taken: set[str] = set()
        for eid in sorted(self.entities):
            slug = _UNSAFE.sub("_", eid)[:80] or "entity"
            if slug != eid or slug.lower() in taken:  # case-insensitive file systems
                slug = f"{slug}_{hashlib.sha1(eid.encode('utf-8')).hexdigest()[:8]}"
            taken.add(slug.lower())
            out[eid] = f"{slug}.html"
        return out

    def rank_key(self, eid: str) -> tuple:
        return (-self.degree.get(eid, 0), -len(self.entities[eid].docs), eid)

    def edges_within(self, nodes: set[str]) -> list[str]:
        keys = {k for n in nodes for k in self.incident.get(n, ())}
        return sorted(k for k in keys if self.edges[k].source in nodes and self.edges[k].target in nodes)

    def strongest(self, keys: list[str], max_edges: int, keep: set[str] = frozenset()) -> list[str]:
        """The ``max_edges`` best attested edges (those in ``keep`` always), in a stable order."""
        if len(keys) <= max_edges:
            return keys
        score = {k: (-len(self.edges[k].evidence), k) for k in keys}
        best: dict[str, str] = {}  # each drawn node keeps its best edge, so none is left dangling
        for k in keys:
            for end in (self.edges[k].source, self.edges[k].target):
                if end not in best or score[k] < score[best[end]]:
                    best[end] = k
        must = set(keep) & set(keys)
        must |= set(sorted(set(best.values()) - must, key=score.get)[:max(0, max_edges - len(must))])
        rest = sorted((k for k in keys if k not in must), key=score.get)
        return sorted([*must, *rest[:max(0, max_edges - len(must))]])

    def index_selection(self, max_nodes: int, max_edges: int) -> Selection:
        """Entities with relations only (the others are found through the search box), most connected
        first; on a large graph the ``max_nodes`` best ranked, each with a drawn partner (a node whose
        partners are all left out would be drawn alone), so every drawn node has an edge."""
        related = sorted((e for e in self.entities if self.degree.get(e)), key=self.rank_key)
        shown: dict[str, None] = {}
        for eid in related:
            if len(shown) >= max_nodes:
                break
            if eid in shown:
                continue
            partners = {self._other(self.edges[k], eid) for k in self.incident[eid]} - {eid}
            linked = any(p in shown for p in partners)
            if not partners or (not linked and len(shown) + 2 > max_nodes):
                continue
            shown[eid] = None
            if not linked:
                shown[min(partners, key=self.rank_key)] = None
        nodes = list(shown)
        within = self.edges_within(set(nodes))
        edges = self.strongest(within, max_edges)
        return Selection(nodes, edges, len(self.entities) - len(nodes), len(within) - len(edges))

    def entity_selection(self, eid: str, max_neighbours: int, max_other_edges: int) -> Selection:
        """The entity, its neighbours (the best attested ones on a hub), all its edges to them and
        at most ``max_other_edges`` (the best attested) edges among the neighbours."""
        weight: dict[str, int] = {}
        for key in self.incident.get(eid, []):
            edge = self.edges[key]
            other = self._other(edge, eid)
            weight[other] = weight.get(other, 0) + len(edge.evidence)
        weight.pop(eid, None)
        ranked = sorted(weight, key=lambda n: (-weight[n], *self.rank_key(n)))
        shown = [eid, *ranked[:max_neighbours]]
        keep = set(shown)
        within = self.edges_within(keep)
        own = set(self.incident.get(eid, [])) & set(within)
        edges = self.strongest(within, len(own) + max_other_edges, keep=own)
        return Selection(shown, edges, len(ranked) - len(shown) + 1, len(within) - len(edges))

    def incident_edges(self, eid: str) -> list[Edge]:
        """All edges touching ``eid``, most attested first (the evidence table of its page)."""
        edges = [self.edges[k] for k in self.incident.get(eid, [])]
        return sorted(edges, key=lambda e: (-len(e.evidence), e.type, e.key))
