"""Colours, shapes and bilingual labels of entity and relation types (data in kg/resources)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from kg.model import ENTITY_TYPES, RELATION_TYPES

RESOURCES = Path(__file__).resolve().parents[2] / "kg" / "resources"
STYLE_PATH = RESOURCES / "html" / "style.json"
RELATIONS_PATH = RESOURCES / "relations.json"


@cache
def style() -> dict:
    return json.loads(STYLE_PATH.read_text(encoding="utf-8"))


def entity_type_styles(types: set[str]) -> dict[str, dict]:
    """Style per entity type present (the three known ones always, in a fixed order)."""
    known = style()["entity_types"]
    out = {t: dict(known[t]) for t in ENTITY_TYPES if t in known}
    for t in sorted(types - set(out)):
        out[t] = {**style()["other_entity_type"], "label_en": t}
    return out


def _entries(data: object) -> dict[str, object]:
    """relations.json may be {TYPE: {...}}, {"relations": {...}} or a list of {"type": ...}."""
    if isinstance(data, dict):
        for key in ("relations", "types"):
            if isinstance(data.get(key), dict | list):
                return _entries(data[key])
        return {k: v for k, v in data.items() if isinstance(v, dict | str)}
    if isinstance(data, list):
        out = {}
        for item in data:
            if isinstance(item, dict):
                name = item.get("type") or item.get("name") or item.get("id")
                if isinstance(name, str):
                    out[name] = item
        return out
    return {}


def load_relation_labels(path: Path = RELATIONS_PATH) -> dict[str, dict[str, str]]:
    """Per relation type its ``label_en``/``label_ar`` from the relations lexicon, if it exists."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return normalize_labels(_entries(data))


def normalize_labels(labels: dict[str, object]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for rtype, value in labels.items():
        if isinstance(value, str):
            out[rtype] = {"label_en": value, "label_ar": value}
        elif isinstance(value, dict):
            entry = {k: value[k] for k in ("label_en", "label_ar") if isinstance(value.get(k), str)}
            if entry:
                out[rtype] = entry
    return out


def relation_type_styles(types: set[str], labels: dict[str, dict[str, str]]) -> dict[str, dict]:
    """Colour and labels per relation type; a missing label falls back to the type name."""
    colors = style()["relation_colors"]
    ordered = [t for t in RELATION_TYPES if t in types] + sorted(types - set(RELATION_TYPES))
    out = {}
    for t in ordered:
        lab = labels.get(t, {})
        out[t] = {
            "label_en": lab.get("label_en") or t,
            "label_ar": lab.get("label_ar") or lab.get("label_en") or t,
            "color": colors.get(t, style()["other_relation_color"]),
        }
    return out
