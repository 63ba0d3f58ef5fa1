:param a => 'ISIS';
:param b => 'SDF';
// 05_path_between_actors.graph: how two actors are connected, drawn: all shortest chains of relations.
// Parameters:
//   a, b        entity ids (edit the :param lines above)
// Returns: a graph: every shortest path (up to 6 relations; MENTIONS is not followed)
// Order: number of relations, then the ids along the path
MATCH (x:Entity {id: $a}), (y:Entity {id: $b})
WHERE x <> y
MATCH p = allShortestPaths(
  (x)-[:FOUGHT|NEGOTIATED_WITH|TRANSFERRED_TO|CONTROLS|SURRENDERED_TO|LEADS|SUPPORTED_BY*..6]-(y))
RETURN p
ORDER BY length(p), [n IN nodes(p) | n.id]
