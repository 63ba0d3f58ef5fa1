:param actor => 'ISIS';
:param date_from => '2018-01-01';
:param date_to => '2019-12-31';
// 09_events_of_actor_in_range: what an actor did, or had done to it, between two dates (event dates).
// Parameters:
//   actor       entity id (edit the :param lines above; Python: run_saved_query(..., {"actor": "SDF"}))
//   date_from, date_to   ISO dates, both included; an event's date is the one its sentence gives, else
//               its article's (date_source: text | document); undated events are left out
// Columns: date, relation, subject, object, place, place_name, date_source, doc, sentence
//   relation    FOUGHT, NEGOTIATED_WITH, TRANSFERRED_TO, CONTROLS, SURRENDERED_TO, LEADS, SUPPORTED_BY
//   subject, object  entity ids as stored (symmetric FOUGHT/NEGOTIATED_WITH: the smaller id first)
//   place       entity id of the place the sentence puts the event in ('' when none); place_name its label
// Order: date, doc, relation, subject, object, sentence
MATCH (x:Entity {id: $actor})-[r]-(y:Entity)
UNWIND range(0, size(r.evidence_ids) - 1) AS i
WITH r, i, r.dates[i] AS day
WHERE day <> '' AND date(day) >= date($date_from) AND date(day) <= date($date_to)
OPTIONAL MATCH (p:Entity {id: r.places[i]})
RETURN day AS date, type(r) AS relation, startNode(r).id AS subject, endNode(r).id AS object,
       r.places[i] AS place, coalesce(p.name, '') AS place_name, r.date_sources[i] AS date_source,
       r.docs[i] AS doc, r.sentences[i] AS sentence
ORDER BY date, doc, relation, subject, object, sentence
