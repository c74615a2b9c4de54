-- title: 同一指标跨规划比较 | The same indicator across plans and provinces
-- description: 名称包含给定词语的指标在各规划中的基期值和目标值;“统一单位的目标”“基本单位目标值”/“基本单位”两列把不同单位(Gbps 与 Tbps、万户与户、亿元与万亿元)的目标换算到同一尺度。 | Indicators whose name contains the given words, in every plan, with baseline and target; the columns “Target, one scale” and “Target in base unit” / “Base unit” put targets written in different units (Gbps and Tbps, 万户 and 户, 亿元 and 万亿元) on one scale.
-- param: name = "互联网省际出口带宽" | 指标名称(或其中一部分) | Indicator name (or part of it)
-- param: limit = 500            | 行数 | Rows
MATCH (i:Indicator)
WHERE i.name CONTAINS $name
MATCH (pl:Plan {id: i.plan})
RETURN pl.province AS province, pl.jurisdiction AS jurisdiction, pl.id AS plan, i.name AS name, i.unit AS unit,
       i.baseline AS baseline, i.target AS target, i.target_value AS target_value, i.normalised AS normalised,
       i.target_base AS target_base, i.base_unit AS base_unit, i.target_year AS target_year, i.category AS category,
       i.quote AS quote
ORDER BY base_unit, target_base DESC, province, plan, name
LIMIT $limit
