-- title: 机构承担的任务 | An agency's tasks
-- description: 某机构牵头或配合的全部任务,附读出该角色的原文。 | Every project the agency leads or supports, with the words the role was read from.
-- param: agency = "浙江省经济和信息化委员会" | 机构 | Agency
-- param: role = ""              | 角色(LEADS、SUPPORTS,留空为两者) | Role (LEADS, SUPPORTS; empty for both)
-- param: limit = 200            | 行数 | Rows
MATCH (a:Agency {id: $agency})-[r]->(p:Project)
WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($role = '' OR type(r) = $role)
RETURN type(r) AS role, p.plan AS plan, p.id AS project, p.kind AS kind, p.number AS number, p.label AS label,
       p.title AS title, r.basis AS basis, r.evidence AS evidence
ORDER BY role, plan, kind, number
LIMIT $limit
