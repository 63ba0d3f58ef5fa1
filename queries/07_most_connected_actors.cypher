:param limit => 20;
// 07_most_connected_actors: the entities involved in the most relations (places and states included).
// Parameters:
//   limit       number of rows (the :param line above)
// Columns: actor, name, type, relations, partners, evidence
//   type        Person | Organization | Place
//   relations   distinct relationships (type, other side) it takes part in
//   partners    distinct other entities it is related to
//   evidence    evidence sentences over those relationships
// Order: relations DESC, evidence DESC, actor
MATCH (x:Entity)-[r]-(y:Entity)
WITH x, count(DISTINCT r) AS relations, count(DISTINCT y) AS partners, sum(r.count) AS evidence
RETURN x.id AS actor, x.name AS name, [l IN labels(x) WHERE l <> 'Entity'][0] AS type,
       relations, partners, evidence
ORDER BY relations DESC, evidence DESC, actor
LIMIT $limit
