-- title: 机构任务排名 | Agencies ranked by tasks led and supported
-- description: Each agency's number of projects it leads and supports; optionally within one province, plan or year. Collective actors (各成员单位, 各市县政府 …) are left out unless asked for. With follow_successors, a body's tasks are counted under the body that succeeded it after the 2018 (or later) reform, and `predecessors` says whose tasks were added.
-- param: province = ""          | 省份 Province (empty: all)
-- param: plan = ""              | 规划 Plan id (empty: all)
-- param: year = 0              | 年份 Year the plan was issued (0: all)
-- param: include_collective = false | 包括集体主体 Include collective actors
-- param: follow_successors = false | 合并前身机构 Count predecessors with their successor
-- param: limit = 20             | 行数 Rows
MATCH (a:Agency)
WHERE $include_collective OR NOT a.collective
OPTIONAL MATCH (a)-[:SUCCEEDED_BY*1..4]->(s:Agency)
WHERE $follow_successors AND NOT (s)-[:SUCCEEDED_BY]->()
WITH a, coalesce(s, a) AS h
MATCH (a)-[r]->(:Project)<-[:INCLUDES]-(pl:Plan)
WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS')
  AND ($province = '' OR pl.province = $province) AND ($plan = '' OR pl.id = $plan) AND ($year = 0 OR pl.year = $year)
WITH h, collect(DISTINCT a.id) AS bodies,
     count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led, count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported
RETURN h.id AS agency, h.name_en AS name_en, h.type AS type, h.jurisdiction AS jurisdiction,
       led, supported, led + supported AS total, [x IN bodies WHERE x <> h.id] AS predecessors
ORDER BY led DESC, total DESC, agency
LIMIT $limit
