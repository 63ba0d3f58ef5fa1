:param actor => 'ISIS';
// 02_agreements_of_actor: with whom did an actor negotiate or reach agreements, when, and where is it said.
// Parameters:
//   actor       entity id (the :param line above)
// Columns: actor, partner, partner_name, date, doc, modality, sentence   (one row per evidence sentence)
//   partner     entity id of the other side (NEGOTIATED_WITH is symmetric: both directions count)
//   date        date of the document ('' when unknown)
//   modality    asserted | expected | proposed | denied
// Order: date, doc, partner, sentence
MATCH (x:Entity {id: $actor})-[r:NEGOTIATED_WITH]-(y:Entity)
UNWIND range(0, size(r.evidence_ids) - 1) AS i
OPTIONAL MATCH (d:Document {id: r.docs[i]})
RETURN x.id AS actor, y.id AS partner, y.name AS partner_name, coalesce(toString(d.date), '') AS date,
       r.docs[i] AS doc, r.modalities[i] AS modality, r.sentences[i] AS sentence
ORDER BY date, doc, partner, sentence
