-- title: 两个实体之间的最短路径 | Shortest path between two entities
-- description: 连接两个节点(按编号)的最短关系链,由图存储的路径查找执行;下方查询是可移植的有界等价写法。 | The shortest chain of relationships linking two nodes (by id). Run through the store's path finder; the query below is the portable, bounded equivalent.
-- param: source = "浙江省经济和信息化委员会" | 起点 | From
-- param: target = "云计算"      | 终点 | To
-- call: shortest_path
MATCH (a:Agency {id: $source})
WITH a
MATCH p = (a)-[*1..4]-(b {id: $target})
RETURN p
ORDER BY length(p)
LIMIT 1
UNION ALL
MATCH (a:Project {id: $source})
WITH a
MATCH p = (a)-[*1..4]-(b {id: $target})
RETURN p
ORDER BY length(p)
LIMIT 1
UNION ALL
MATCH (a:Plan {id: $source})
WITH a
MATCH p = (a)-[*1..4]-(b {id: $target})
RETURN p
ORDER BY length(p)
LIMIT 1
UNION ALL
MATCH (a:Indicator {id: $source})
WITH a
MATCH p = (a)-[*1..4]-(b {id: $target})
RETURN p
ORDER BY length(p)
LIMIT 1
UNION ALL
MATCH (a:Technology {id: $source})
WITH a
MATCH p = (a)-[*1..4]-(b {id: $target})
RETURN p
ORDER BY length(p)
LIMIT 1
UNION ALL
MATCH (a:Province {id: $source})
WITH a
MATCH p = (a)-[*1..4]-(b {id: $target})
RETURN p
ORDER BY length(p)
LIMIT 1
UNION ALL
MATCH (a:City {id: $source})
WITH a
MATCH p = (a)-[*1..4]-(b {id: $target})
RETURN p
ORDER BY length(p)
LIMIT 1
