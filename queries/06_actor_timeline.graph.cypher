:param actor => 'ISIS';
// 06_actor_timeline.graph: everything reported about an actor, drawn: its neighbourhood.
// Parameters:
//   actor       entity id (edit the :param line above)
// Returns: a graph: the actor, every relationship it takes part in (any type; evidence as properties)
//   and the entities on the other side
// Order: count DESC, relation type, other id
MATCH p = (x:Entity {id: $actor})-[r]-(y:Entity)
RETURN p
ORDER BY r.count DESC, type(r), y.id
