// 03_transfers: who (fighters, civilians, a group) was transferred where, by whom, and the evidence.
// Parameters: none
// Columns: party, party_name, destination, destination_name, agent, agent_name, doc, sentence
//   party        entity id of who/what was transferred (subject of TRANSFERRED_TO)
//   destination  entity id of where to (object)
//   agent        entity id of who carried out the transfer ('' when the sentence names none)
//   doc          document id; sentence: the evidence sentence (one row per evidence)
// Order: doc, party, destination, sentence
MATCH (p:Entity)-[r:TRANSFERRED_TO]->(dst:Entity)
UNWIND range(0, size(r.evidence_ids) - 1) AS i
OPTIONAL MATCH (ag:Entity {id: r.agents[i]})
RETURN p.id AS party, p.name AS party_name, dst.id AS destination, dst.name AS destination_name,
       r.agents[i] AS agent, coalesce(ag.name, '') AS agent_name, r.docs[i] AS doc, r.sentences[i] AS sentence
ORDER BY doc, party, destination, sentence
