-- title: 机构协同网络 | Co-responsibility: agency pairs sharing tasks
-- description: 在同一任务中共同出现(牵头或配合)的机构对,按共同承担的任务数加权;可只看与某机构相关的机构对,或只看某省的规划。计数在规划载入时即已更新。 | Pairs of agencies named on the same project (as lead or support), weighted by the number of projects they share; optionally only pairs with one agency. Optionally within one province's plans. The counts are kept when plans are loaded (graph/tallies.py), so a national graph answers at once.
-- param: agency = ""            | 机构(留空为全部机构对) | Agency (empty: all pairs)
-- param: province = ""          | 省份(留空为全部) | Province (empty: all)
-- param: include_collective = false | 包括集体主体 | Include collective actors
-- param: limit = 50             | 行数 | Rows
MATCH (t:Tally {scope: 'pair|' + $province})
WHERE t.tasks > 0 AND ($include_collective OR NOT t.collective)
  AND ($agency = '' OR t.agency_a = $agency OR t.agency_b = $agency)
RETURN t.agency_a AS agency_a, t.agency_b AS agency_b, t.tasks AS shared_tasks
ORDER BY shared_tasks DESC, agency_a, agency_b
LIMIT $limit
