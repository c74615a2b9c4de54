-- title: 机构类型跨省比较 | Agency types ranked across provinces
-- description: 各省每类机构(发展和改革委员会、经济和信息化委员会等)牵头和配合的任务数,便于跨省比较同类机构。 | Projects led and supported by each type of agency (发展和改革委员会, 经济和信息化委员会 …) in each province, so the same kind of body can be compared across provinces.
-- param: include_collective = false | 包括集体主体 | Include collective actors
-- param: limit = 100            | 行数 | Rows
MATCH (t:Tally {kind: 'types'})
WHERE $include_collective OR NOT t.collective
WITH t.type AS type, t.type_en AS type_en, t.province AS province, toInteger(sum(t.led)) AS led, toInteger(sum(t.supported)) AS supported
RETURN type, type_en, province, led, supported, led + supported AS total
ORDER BY total DESC, led DESC, type, province
LIMIT $limit
