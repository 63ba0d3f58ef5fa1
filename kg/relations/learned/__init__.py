"""The learned relation layer: candidate entity pairs of each sentence, scored per relation type by a
logistic model over sparse features (the rule layer's own decision and frame among them), calibrated so
that a relation's ``confidence`` is its probability.  Model: kg/resources/models/relations/
(docs/relation-model-card.md); rebuilt by ``kg train-relations``."""
