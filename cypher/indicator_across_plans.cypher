-- title: 同一指标跨规划比较 | The same indicator across plans and provinces
-- description: Indicators whose name contains the given words, in every plan, with baseline and target.
-- param: name = "互联网省际出口带宽" | 指标 Indicator name (or part of it)
MATCH (i:Indicator)
WHERE i.name CONTAINS $name
MATCH (pl:Plan {id: i.plan})
RETURN pl.province AS province, pl.jurisdiction AS jurisdiction, pl.id AS plan, i.name AS name, i.unit AS unit,
       i.baseline AS baseline, i.target AS target, i.target_value AS target_value, i.target_year AS target_year, i.quote AS quote
ORDER BY province, plan, name
