-- title: 机构协同网络 | Co-responsibility: agency pairs sharing tasks
-- description: Pairs of agencies named on the same project (as lead or support), weighted by the number of projects they share; optionally only pairs with one agency.
-- param: agency = ""            | 机构 Agency id (empty: all pairs)
-- param: include_collective = false | 包括集体主体 Include collective actors
-- param: limit = 50             | 行数 Rows
MATCH (a:Agency)-[r1]->(p:Project)<-[r2]-(b:Agency)
WHERE a.id < b.id
  AND (type(r1) = 'LEADS' OR type(r1) = 'SUPPORTS') AND (type(r2) = 'LEADS' OR type(r2) = 'SUPPORTS')
  AND ($include_collective OR (NOT a.collective AND NOT b.collective))
  AND ($agency = '' OR a.id = $agency OR b.id = $agency)
RETURN a.id AS agency_a, b.id AS agency_b, count(DISTINCT p) AS shared_tasks
ORDER BY shared_tasks DESC, agency_a, agency_b
LIMIT $limit
