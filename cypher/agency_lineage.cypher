-- title: 机构沿革 | An agency's lineage through reforms
-- description: The bodies an agency succeeded and the bodies that succeeded it (renamed, merged into, split from), with the year and the source of each step, oldest first.
-- param: agency = "浙江省经济和信息化委员会" | 机构 Agency id
MATCH (a:Agency {id: $agency})
OPTIONAL MATCH (x:Agency)-[:SUCCEEDED_BY*0..4]->(a)
WITH a, collect(DISTINCT x) + [a] AS before
OPTIONAL MATCH (a)-[:SUCCEEDED_BY*0..4]->(y:Agency)
WITH before + collect(DISTINCT y) AS chain
UNWIND chain AS b
MATCH (b)-[s:SUCCEEDED_BY]->(c:Agency)
WHERE c IN chain
RETURN DISTINCT b.id AS predecessor, b.type AS predecessor_type, s.kind AS kind, s.year AS year,
       c.id AS successor, c.type AS successor_type, s.source AS source
ORDER BY year, predecessor, successor
