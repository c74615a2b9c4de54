-- title: 同一指标跨规划比较 | The same indicator across plans and provinces
-- description: Indicators whose name contains the given words, in every plan, with baseline and target; `normalised` and `target_base` / `base_unit` put targets written in different units (Gbps and Tbps, 万户 and 户, 亿元 and 万亿元) on one scale.
-- param: name = "互联网省际出口带宽" | 指标 Indicator name (or part of it)
MATCH (i:Indicator)
WHERE i.name CONTAINS $name
MATCH (pl:Plan {id: i.plan})
RETURN pl.province AS province, pl.jurisdiction AS jurisdiction, pl.id AS plan, i.name AS name, i.unit AS unit,
       i.baseline AS baseline, i.target AS target, i.target_value AS target_value, i.normalised AS normalised,
       i.target_base AS target_base, i.base_unit AS base_unit, i.target_year AS target_year, i.category AS category,
       i.quote AS quote
ORDER BY base_unit, target_base DESC, province, plan, name
