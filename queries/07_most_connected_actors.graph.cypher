:param limit => 20;
// 07_most_connected_actors.graph: the most connected entities and the relationships among them, drawn.
// Parameters:
//   limit       number of entities (edit the :param line above)
// Returns: a graph: the `limit` entities in the most relationships (as in 07_most_connected_actors) and
//   every relationship between two of them
// Order: count DESC, then the ids of the two sides
MATCH (x:Entity)-[r]-(:Entity)
WITH x, count(DISTINCT r) AS relations, sum(r.count) AS evidence
ORDER BY relations DESC, evidence DESC, x.id
LIMIT $limit
WITH collect(x) AS top
MATCH p = (a:Entity)-[r]->(b:Entity)
WHERE a IN top AND b IN top
RETURN p
ORDER BY r.count DESC, a.id, b.id
