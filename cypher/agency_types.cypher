-- title: 机构类型跨省比较 | Agency types ranked across provinces
-- description: Projects led and supported by each type of agency (发展和改革委员会, 经济和信息化委员会 …) in each province, so the same kind of body can be compared across provinces.
-- param: include_collective = false | 包括集体主体 Include collective actors
-- param: limit = 100            | 行数 Rows
MATCH (a:Agency)-[r]->(:Project)<-[:INCLUDES]-(pl:Plan)
WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($include_collective OR NOT a.collective)
WITH a.type AS type, a.type_en AS type_en, pl.province AS province,
     count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led,
     count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported
RETURN type, type_en, province, led, supported, led + supported AS total
ORDER BY total DESC, led DESC, type, province
LIMIT $limit
