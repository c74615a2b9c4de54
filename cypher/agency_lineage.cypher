-- title: 机构沿革 | An agency's lineage through reforms
-- description: 某机构继承的前身机构和继任机构(更名、并入、分设),附每一步的年份和来源,按时间先后排列。 | The bodies an agency succeeded and the bodies that succeeded it (renamed, merged into, split from), with the year and the source of each step, oldest first.
-- param: agency = "浙江省经济和信息化委员会" | 机构 | Agency
MATCH (x:Agency)-[:SUCCEEDED_BY*0..4]->(a:Agency {id: $agency})
WITH collect(DISTINCT x) AS before
MATCH (a:Agency {id: $agency})-[:SUCCEEDED_BY*0..4]->(y:Agency)
WITH before, collect(DISTINCT y) AS after
UNWIND before + after AS b
MATCH (b)-[s:SUCCEEDED_BY]->(c:Agency)
WHERE c IN before + after
RETURN DISTINCT b.id AS predecessor, b.type AS predecessor_type, s.kind AS kind, s.year AS year,
       c.id AS successor, c.type AS successor_type, s.source AS source
ORDER BY year, predecessor, successor
