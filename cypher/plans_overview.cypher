-- title: 规划概览 | Plans overview with counts
-- description: Each plan with its jurisdiction, year and the number of projects, lead and support roles, indicators and technologies.
MATCH (pl:Plan)
OPTIONAL MATCH (pl)-[:INCLUDES]->(p:Project)
WITH pl, count(p) AS projects
OPTIONAL MATCH (pl)-[:INCLUDES]->(:Project)<-[l:LEADS]-(:Agency)
WITH pl, projects, count(l) AS leads
OPTIONAL MATCH (pl)-[:INCLUDES]->(:Project)<-[s:SUPPORTS]-(:Agency)
WITH pl, projects, leads, count(s) AS supports
OPTIONAL MATCH (i:Indicator {plan: pl.id})
WITH pl, projects, leads, supports, count(i) AS indicators
OPTIONAL MATCH (pl)-[:INCLUDES]->(:Project)-[v:INVOLVES]->(t:Technology)
WITH pl, projects, leads, supports, indicators, count(DISTINCT t) AS technologies
RETURN pl.id AS plan, pl.title AS title, pl.jurisdiction AS jurisdiction, pl.province AS province, pl.year AS year,
       projects, leads, supports, indicators, technologies
ORDER BY plan
