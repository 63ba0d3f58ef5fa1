// 04_who_controls_what: which actor is reported to control which place, how often, and the latest report.
// Parameters: none
// Columns: place, place_name, controller, controller_name, count, last_date
//   count       number of evidence sentences
//   last_date   most recent date among the documents reporting it ('' when undated)
// Order: place, controller
MATCH (c:Entity)-[r:CONTROLS]->(p:Entity)
OPTIONAL MATCH (d:Document) WHERE d.id IN r.docs
WITH c, p, r, max(d.date) AS last_date
RETURN p.id AS place, p.name AS place_name, c.id AS controller, c.name AS controller_name,
       r.count AS count, coalesce(toString(last_date), '') AS last_date
ORDER BY place, controller
