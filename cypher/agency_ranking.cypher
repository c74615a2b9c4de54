-- title: 机构任务排名 | Agencies ranked by tasks led and supported
-- description: Each agency's number of projects it leads and supports; optionally within one province or plan. Collective actors (各成员单位, 各市县政府 …) are left out unless asked for.
-- param: province = ""          | 省份 Province (empty: all)
-- param: plan = ""              | 规划 Plan id (empty: all)
-- param: year = 0              | 年份 Year the plan was issued (0: all)
-- param: include_collective = false | 包括集体主体 Include collective actors
-- param: limit = 20             | 行数 Rows
MATCH (a:Agency)-[r]->(:Project)<-[:INCLUDES]-(pl:Plan)
WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($include_collective OR NOT a.collective)
  AND ($province = '' OR pl.province = $province) AND ($plan = '' OR pl.id = $plan) AND ($year = 0 OR pl.year = $year)
WITH a, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led, count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported
RETURN a.id AS agency, a.name_en AS name_en, a.type AS type, a.jurisdiction AS jurisdiction,
       led, supported, led + supported AS total
ORDER BY led DESC, total DESC, agency
LIMIT $limit
