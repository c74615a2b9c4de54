-- title: 无牵头单位的任务 | Tasks with no lead
-- description: Projects no agency leads. By default only those that name supporting agencies (an assignment without a lead); set assigned_only to false to list every unassigned project.
-- param: plan = ""              | 规划 Plan id (empty: all)
-- param: assigned_only = true   | 仅限有配合单位的任务 Only projects that name supporters
-- param: limit = 200            | 行数 Rows
MATCH (pl:Plan)-[:INCLUDES]->(p:Project)
WHERE $plan = '' OR pl.id = $plan
OPTIONAL MATCH (a:Agency)-[l:LEADS]->(p)
WITH pl, p, count(l) AS leads
OPTIONAL MATCH (b:Agency)-[s:SUPPORTS]->(p)
WITH pl, p, leads, count(s) AS supporters
WHERE leads = 0 AND (NOT $assigned_only OR supporters > 0)
RETURN pl.id AS plan, p.id AS project, p.kind AS kind, p.label AS label, p.title AS title, supporters
ORDER BY plan, project
LIMIT $limit
