:param a => 'ISIS';
:param b => 'SDF';
// 05_path_between_actors: how are two actors connected? All shortest chains of relations between them.
// Parameters:
//   a, b        entity ids (the :param line above)
// Columns: hops, path
//   hops        number of relations on the path (up to 6)
//   path        entity ids joined by the relation and its direction, e.g.
//               'PER_x -[LEADS]-> ORG_y -[FOUGHT]- ISIS' ; FOUGHT and NEGOTIATED_WITH are shown
//               undirected ('-[T]-'), others '-[T]->' or '<-[T]-' as stored. MENTIONS is not followed.
// Order: path
MATCH (x:Entity {id: $a}), (y:Entity {id: $b})
WHERE x <> y
MATCH p = allShortestPaths(
  (x)-[:FOUGHT|NEGOTIATED_WITH|TRANSFERRED_TO|CONTROLS|SURRENDERED_TO|LEADS|SUPPORTED_BY*..6]-(y))
WITH nodes(p) AS ns, relationships(p) AS rs
RETURN size(rs) AS hops,
       reduce(s = ns[0].id, k IN range(0, size(rs) - 1) |
         s + CASE
               WHEN type(rs[k]) IN ['FOUGHT', 'NEGOTIATED_WITH'] THEN ' -[' + type(rs[k]) + ']- '
               WHEN startNode(rs[k]) = ns[k] THEN ' -[' + type(rs[k]) + ']-> '
               ELSE ' <-[' + type(rs[k]) + ']- '
             END + ns[k + 1].id) AS path
ORDER BY path
