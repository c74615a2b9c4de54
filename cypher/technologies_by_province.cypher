-- title: 各省技术关注度 | Technologies by number of tasks per province
-- description: For each technology and province, how many projects mention it.
-- param: province = ""          | 省份 Province (empty: all)
-- param: limit = 100            | 行数 Rows
MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[v:INVOLVES]->(t:Technology)
WHERE $province = '' OR pl.province = $province
RETURN t.id AS technology, t.name_en AS name_en, pl.province AS province, count(DISTINCT p) AS tasks
ORDER BY tasks DESC, technology, province
LIMIT $limit
