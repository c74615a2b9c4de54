-- title: 机构协同网络 | Co-responsibility: agency pairs sharing tasks
-- description: Pairs of agencies named on the same project (as lead or support), weighted by the number of projects they share; optionally only pairs with one agency. (Pairs are formed from each project's list of agencies: several times faster than matching the pattern a→p←b.)
-- param: agency = ""            | 机构 Agency id (empty: all pairs)
-- param: include_collective = false | 包括集体主体 Include collective actors
-- param: limit = 50             | 行数 Rows
MATCH (a:Agency)-[r]->(p:Project)
WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($include_collective OR NOT a.collective)
WITH p, collect(DISTINCT a.id) AS ids
WHERE size(ids) > 1 AND ($agency = '' OR $agency IN ids)
UNWIND ids AS x
UNWIND ids AS y
WITH x, y
WHERE x < y AND ($agency = '' OR x = $agency OR y = $agency)
RETURN x AS agency_a, y AS agency_b, count(*) AS shared_tasks
ORDER BY shared_tasks DESC, agency_a, agency_b
LIMIT $limit
