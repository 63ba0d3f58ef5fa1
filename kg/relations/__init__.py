"""The relation layer: AnalyzedDoc -> Relation records (FOUGHT, NEGOTIATED_WITH, TRANSFERRED_TO, CONTROLS,
SURRENDERED_TO, LEADS, SUPPORTED_BY), each with its evidence sentence, offsets, confidence and modality.

Triggers and cue words are data (kg/resources/relations.json); argument finding is in ``frames``.
"""

from kg.relations.extract import extract_relations
from kg.relations.lexicon import load_lexicon

__all__ = ["extract_relations", "load_lexicon"]
