-- title: 各省技术关注度 | Technologies by number of tasks per province
-- description: 每项技术在各省被多少项任务提及。 | For each technology and province, how many projects mention it.
-- param: province = ""          | 省份(留空为全部) | Province (empty: all)
-- param: limit = 100            | 行数 | Rows
MATCH (t:Tally {kind: 'tech'})
WHERE ($province = '' OR t.province = $province) AND t.tasks > 0
MATCH (x:Technology {id: t.technology})
RETURN x.id AS technology, x.name_en AS name_en, t.province AS province, t.tasks AS tasks
ORDER BY tasks DESC, technology, province
LIMIT $limit
