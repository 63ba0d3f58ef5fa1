// 01_who_fought_whom.graph: who fought whom, drawn (Neo4j Browser's graph view; style: queries/kg.grass).
// Parameters: none
// Returns: a graph: FOUGHT relationships (count = evidence sentences, sentences = the evidence) and their
//   two sides; at most 300 relationships, the best attested first
// Order: count DESC, then the ids of the two sides
MATCH p = (x:Entity)-[r:FOUGHT]->(y:Entity)
RETURN p
ORDER BY r.count DESC, x.id, y.id
LIMIT 300
