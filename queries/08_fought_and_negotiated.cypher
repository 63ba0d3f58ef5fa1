// 08_fought_and_negotiated: pairs of actors that both fought and negotiated with each other.
// Parameters: none
// Columns: a, a_name, b, b_name, fought, negotiated, first_fought, first_negotiated
//   a, b              entity ids, a < b
//   fought            evidence sentences for FOUGHT; negotiated: for NEGOTIATED_WITH
//   first_fought      earliest document date of the fighting ('' when undated); first_negotiated: same
// Order: fought + negotiated DESC, a, b
MATCH (x:Entity)-[f:FOUGHT]-(y:Entity)
WHERE x.id < y.id
MATCH (x)-[n:NEGOTIATED_WITH]-(y)
OPTIONAL MATCH (df:Document) WHERE df.id IN f.docs
WITH x, y, f, n, min(df.date) AS first_fought
OPTIONAL MATCH (dn:Document) WHERE dn.id IN n.docs
WITH x, y, f, n, first_fought, min(dn.date) AS first_negotiated
RETURN x.id AS a, x.name AS a_name, y.id AS b, y.name AS b_name, f.count AS fought,
       n.count AS negotiated, coalesce(toString(first_fought), '') AS first_fought,
       coalesce(toString(first_negotiated), '') AS first_negotiated
ORDER BY fought + negotiated DESC, a, b
