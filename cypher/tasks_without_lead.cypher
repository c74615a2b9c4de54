-- title: 无牵头单位的任务 | Tasks with no lead
-- description: 没有牵头单位的任务。默认只列出写明了配合单位的任务(有分工却无牵头);取消“仅限有配合单位的任务”可列出全部无分工任务。 | Projects no agency leads. By default only those that name supporting agencies (an assignment without a lead); untick “Only projects that name supporters” to list every unassigned project.
-- param: plan = ""              | 规划(留空为全部) | Plan (empty: all)
-- param: assigned_only = true   | 仅限有配合单位的任务 | Only projects that name supporters
-- param: limit = 200            | 行数 | Rows
MATCH (p:Project)
WHERE ($plan = '' OR p.plan = $plan) AND p.leads = 0 AND (NOT $assigned_only OR p.supporters > 0)
RETURN p.plan AS plan, p.id AS project, p.kind AS kind, p.label AS label, p.title AS title, p.supporters AS supporters
ORDER BY plan, project
LIMIT $limit
