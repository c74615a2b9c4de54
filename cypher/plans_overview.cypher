-- title: 规划概览 | Plans overview with counts
-- description: 每份规划的辖区、年份,以及任务、牵头和配合关系、指标和技术的数量。 | Each plan with its jurisdiction, year and the number of projects, lead and support roles, indicators and technologies.
-- param: province = ""          | 省份(留空为全部) | Province (empty: all)
-- param: limit = 1000           | 行数 | Rows
MATCH (pl:Plan)
WHERE $province = '' OR pl.province = $province
RETURN pl.id AS plan, pl.title AS title, pl.jurisdiction AS jurisdiction, pl.province AS province, pl.year AS year,
       pl.projects AS projects, pl.leads AS leads, pl.supports AS supports, pl.indicators AS indicators,
       pl.technologies AS technologies
ORDER BY plan
LIMIT $limit
