:param place => 'DEIR_EZZOR';
// 10_events_at_place: everything reported to have happened at a place, oldest first.
// Parameters:
//   place       entity id of a place (edit the :param line above; Python: run_saved_query(..., {"place": "AFRIN"}))
// Columns: date, relation, subject, object, date_source, doc, sentence   (one row per evidence sentence)
//   date        the event date (the sentence's, else its article's; '' when unknown); date_source: text |
//               document ('' when unknown)
//   subject, object  entity ids as stored (symmetric FOUGHT/NEGOTIATED_WITH: the smaller id first)
// Order: date, doc, relation, subject, object, sentence
MATCH (s:Entity)-[r]->(o:Entity)
WHERE $place IN r.places
UNWIND range(0, size(r.evidence_ids) - 1) AS i
WITH s, o, r, i
WHERE r.places[i] = $place
RETURN r.dates[i] AS date, type(r) AS relation, s.id AS subject, o.id AS object,
       r.date_sources[i] AS date_source, r.docs[i] AS doc, r.sentences[i] AS sentence
ORDER BY date, doc, relation, subject, object, sentence
