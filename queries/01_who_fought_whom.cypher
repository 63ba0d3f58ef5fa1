// 01_who_fought_whom: which actors fought each other, how often, with one Arabic sentence as evidence.
// Parameters: none
// Columns: a, a_name, b, b_name, count, doc, sentence
//   a, b        entity ids of the two sides (FOUGHT is symmetric: each pair once, a < b)
//   a_name ...  their labels
//   count       number of distinct evidence sentences for the pair
//   doc         document of the first evidence (smallest document id, then smallest offset)
//   sentence    that evidence sentence, verbatim Arabic
// Order: count DESC, a, b
MATCH (x:Entity)-[r:FOUGHT]-(y:Entity)
WHERE x.id < y.id
UNWIND range(0, size(r.evidence_ids) - 1) AS i
WITH x, y, r, i
ORDER BY r.docs[i], r.starts[i]
WITH x, y, r, collect(i)[0] AS first
RETURN x.id AS a, x.name AS a_name, y.id AS b, y.name AS b_name, r.count AS count,
       r.docs[first] AS doc, r.sentences[first] AS sentence
ORDER BY count DESC, a, b
