:param actor => 'ISIS';
// 06_actor_timeline: everything reported about an actor, in document date order, with the evidence.
// Parameters:
//   actor       entity id (the :param line above)
// Columns: date, doc, relation, subject, object, modality, sentence   (one row per evidence sentence)
//   relation    FOUGHT, NEGOTIATED_WITH, TRANSFERRED_TO, CONTROLS, SURRENDERED_TO, LEADS, SUPPORTED_BY
//   subject, object  entity ids as stored (for symmetric FOUGHT/NEGOTIATED_WITH: the smaller id first);
//               the actor is one of them (being the agent of a TRANSFERRED_TO does not count)
// Order: date, doc, relation, subject, object, sentence
MATCH (x:Entity {id: $actor})-[r]-(y:Entity)
UNWIND range(0, size(r.evidence_ids) - 1) AS i
OPTIONAL MATCH (d:Document {id: r.docs[i]})
RETURN coalesce(toString(d.date), '') AS date, r.docs[i] AS doc, type(r) AS relation,
       startNode(r).id AS subject, endNode(r).id AS object, r.modalities[i] AS modality,
       r.sentences[i] AS sentence
ORDER BY date, doc, relation, subject, object, sentence
