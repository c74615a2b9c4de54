-- title: 机构任务排名 | Agencies ranked by tasks led and supported
-- description: Each agency's number of projects it leads and supports; optionally within one province or plan. Collective actors (各成员单位, 各市县政府 …) are left out unless asked for.
-- param: province = ""          | 省份 Province (empty: all)
-- param: plan = ""              | 规划 Plan id (empty: all)
-- param: year = 0              | 年份 Year the plan was issued (0: all)
-- param: include_collective = false | 包括集体主体 Include collective actors
-- param: limit = 20             | 行数 Rows
MATCH (a:Agency)
WHERE $include_collective OR NOT a.collective
OPTIONAL MATCH (a)-[l:LEADS]->(:Project)<-[:INCLUDES]-(p1:Plan)
WHERE ($province = '' OR p1.province = $province) AND ($plan = '' OR p1.id = $plan) AND ($year = 0 OR p1.year = $year)
WITH a, count(l) AS led
OPTIONAL MATCH (a)-[s:SUPPORTS]->(:Project)<-[:INCLUDES]-(p2:Plan)
WHERE ($province = '' OR p2.province = $province) AND ($plan = '' OR p2.id = $plan) AND ($year = 0 OR p2.year = $year)
WITH a, led, count(s) AS supported
WHERE led + supported > 0
RETURN a.id AS agency, a.name_en AS name_en, a.type AS type, a.jurisdiction AS jurisdiction,
       led, supported, led + supported AS total
ORDER BY led DESC, total DESC, agency
LIMIT $limit
