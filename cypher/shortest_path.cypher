-- title: 两个实体之间的最短路径 | Shortest path between two entities
-- description: The shortest chain of relationships linking two nodes (by id). Run through the store's path finder; the query below is the portable, bounded equivalent.
-- param: source = "浙江省经济和信息化委员会" | 起点 From node id
-- param: target = "云计算"      | 终点 To node id
-- call: shortest_path
MATCH p = (a {id: $source})-[*1..4]-(b {id: $target})
RETURN p
ORDER BY length(p)
LIMIT 1
