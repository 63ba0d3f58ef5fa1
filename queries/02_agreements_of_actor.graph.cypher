:param actor => 'ISIS';
// 02_agreements_of_actor.graph: with whom an actor negotiated or reached agreements, drawn.
// Parameters:
//   actor       entity id (edit the :param line above)
// Returns: a graph: the actor, its NEGOTIATED_WITH relationships (any modality; modalities, sentences
//   and docs are properties) and the other sides
// Order: count DESC, partner id
MATCH p = (x:Entity {id: $actor})-[r:NEGOTIATED_WITH]-(y:Entity)
RETURN p
ORDER BY r.count DESC, y.id
