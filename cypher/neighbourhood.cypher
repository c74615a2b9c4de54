-- title: 节点邻域 | A node's neighbourhood
-- description: 从某节点(任意类型,按编号查找)出发一步或两步的路径,用于绘图。 | Paths of one or two steps from a node (any label, found by its id), for drawing.
-- param: node = "浙江省经济和信息化委员会" | 节点 | Node
-- param: depth = 1              | 深度(1 或 2) | Depth (1 or 2)
-- param: limit = 500            | 路径数 | Paths
MATCH (n:Agency {id: $node})
WITH n WHERE $depth = 1
MATCH p = (n)-[]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Agency {id: $node})
WITH n WHERE $depth <> 1
MATCH p = (n)-[*1..2]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Project {id: $node})
WITH n WHERE $depth = 1
MATCH p = (n)-[]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Project {id: $node})
WITH n WHERE $depth <> 1
MATCH p = (n)-[*1..2]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Plan {id: $node})
WITH n WHERE $depth = 1
MATCH p = (n)-[]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Plan {id: $node})
WITH n WHERE $depth <> 1
MATCH p = (n)-[*1..2]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Indicator {id: $node})
WITH n WHERE $depth = 1
MATCH p = (n)-[]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Indicator {id: $node})
WITH n WHERE $depth <> 1
MATCH p = (n)-[*1..2]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Technology {id: $node})
WITH n WHERE $depth = 1
MATCH p = (n)-[]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Technology {id: $node})
WITH n WHERE $depth <> 1
MATCH p = (n)-[*1..2]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Province {id: $node})
WITH n WHERE $depth = 1
MATCH p = (n)-[]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:Province {id: $node})
WITH n WHERE $depth <> 1
MATCH p = (n)-[*1..2]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:City {id: $node})
WITH n WHERE $depth = 1
MATCH p = (n)-[]-(m)
RETURN p
LIMIT $limit
UNION ALL
MATCH (n:City {id: $node})
WITH n WHERE $depth <> 1
MATCH p = (n)-[*1..2]-(m)
RETURN p
LIMIT $limit
