-- title: 涉及某技术的任务 | Tasks involving a technology
-- description: 正文提到某技术(任一名称)的任务及其牵头单位,可限定省份。 | Projects whose text mentions the technology (by any of its names), optionally in one province, with their lead agencies.
-- param: technology = "云计算"   | 技术 | Technology
-- param: province = ""          | 省份(留空为全部) | Province (empty: all)
-- param: limit = 200            | 行数 | Rows
MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology {id: $technology})
WHERE $province = '' OR pl.province = $province
WITH pl, p
ORDER BY pl.province, p.plan, p.id
LIMIT $limit
OPTIONAL MATCH (a:Agency)-[l:LEADS]->(p)
WITH pl, p, collect(a.id) AS leads
RETURN pl.province AS province, p.plan AS plan, p.id AS project, p.kind AS kind, p.label AS label, p.title AS title, leads
ORDER BY province, plan, project
LIMIT $limit
