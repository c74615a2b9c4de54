-- title: 机构任务排名 | Agencies ranked by tasks led and supported
-- description: 各机构牵头和配合的任务数;可限定省份、规划或年份。集体主体(各成员单位、各市县政府等)默认不计。选择“合并前身机构”时,2018 年(或之后)机构改革前机构的任务计入其继任机构,“合并的前身机构”一列列出合并了哪些机构。 | Each agency's number of projects it leads and supports; optionally within one province, plan or year. Collective actors (各成员单位, 各市县政府 …) are left out unless asked for. With “Count predecessors with their successor”, a body's tasks are counted under the body that succeeded it after the 2018 (or later) reform, and the column “Predecessors counted” says whose tasks were added.
-- param: province = ""          | 省份(留空为全部) | Province (empty: all)
-- param: plan = ""              | 规划(留空为全部) | Plan (empty: all)
-- param: year = 0              | 规划发布年份(0 为全部) | Year the plan was issued (0: all)
-- param: include_collective = false | 包括集体主体 | Include collective actors
-- param: follow_successors = false | 合并前身机构 | Count predecessors with their successor
-- param: order = "led"         | 排序(led 牵头 / supported 配合 / total 合计) | Sort by: led, supported or total
-- param: limit = 20             | 行数 | Rows
MATCH (a:Agency)
WHERE $province = '' AND $plan = '' AND $year = 0 AND NOT $follow_successors AND ($include_collective OR NOT a.collective)
  AND a.led + a.supported > 0
WITH a, toInteger(a.led) AS led, toInteger(a.supported) AS supported
RETURN a.id AS agency, a.name_en AS name_en, a.type AS type, a.jurisdiction AS jurisdiction,
       led, supported, led + supported AS total, [] AS predecessors
ORDER BY CASE $order WHEN 'supported' THEN supported WHEN 'total' THEN total ELSE led END DESC, total DESC, led DESC, agency
LIMIT $limit
UNION
MATCH (a:Agency)
WHERE $province = '' AND $plan = '' AND $year = 0 AND $follow_successors AND ($include_collective OR NOT a.collective)
WITH a
OPTIONAL MATCH (a)-[:SUCCEEDED_BY*1..4]->(s:Agency)
WHERE NOT (s)-[:SUCCEEDED_BY]->()
WITH coalesce(s, a) AS h, a
WITH h, collect(DISTINCT a.id) AS bodies, toInteger(sum(a.led)) AS led, toInteger(sum(a.supported)) AS supported
WHERE led + supported > 0
RETURN h.id AS agency, h.name_en AS name_en, h.type AS type, h.jurisdiction AS jurisdiction,
       led, supported, led + supported AS total, [x IN bodies WHERE x <> h.id] AS predecessors
ORDER BY CASE $order WHEN 'supported' THEN supported WHEN 'total' THEN total ELSE led END DESC, total DESC, led DESC, agency
LIMIT $limit
UNION
MATCH (pl:Plan)
WHERE ($province <> '' OR $plan <> '' OR $year <> 0)
  AND ($province = '' OR pl.province = $province) AND ($plan = '' OR pl.id = $plan) AND ($year = 0 OR pl.year = $year)
WITH pl
MATCH (pl)-[:INCLUDES]->(:Project)<-[r]-(a:Agency)
WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($include_collective OR NOT a.collective)
OPTIONAL MATCH (a)-[:SUCCEEDED_BY*1..4]->(s:Agency)
WHERE $follow_successors AND NOT (s)-[:SUCCEEDED_BY]->()
WITH coalesce(s, a) AS h, a, r
WITH h, collect(DISTINCT a.id) AS bodies,
     count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led, count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported
RETURN h.id AS agency, h.name_en AS name_en, h.type AS type, h.jurisdiction AS jurisdiction,
       led, supported, led + supported AS total, [x IN bodies WHERE x <> h.id] AS predecessors
ORDER BY CASE $order WHEN 'supported' THEN supported WHEN 'total' THEN total ELSE led END DESC, total DESC, led DESC, agency
LIMIT $limit
