-- title: 机构类型与职能族群:按省份和时期 | Agency types and families by province and period
-- description: 按省份和五年规划期(十二五 2011–2015、十三五 2016–2020、十四五 2021–2025 等)统计各职能族群(或机构类型)牵头和配合的任务数,并除以该省该时期的规划数,长规划不会主导比较。 | Projects led and supported by each agency family (or type) per province and five-year period (十二五 2011–2015, 十三五 2016–2020, 十四五 2021–2025 …), divided by the number of plans in that province and period, so a long plan does not dominate.
-- param: by = "family"          | 分组(family 职能族群 / type 机构类型) | Group by: family or type
-- param: province = ""          | 省份(留空为全部) | Province (empty: all)
-- param: include_collective = false | 包括集体主体 | Include collective actors
-- param: limit = 200            | 行数 | Rows
MATCH (n:Tally {kind: 'plans'})
WHERE ($province = '' OR n.province = $province) AND n.period <> ''
WITH n.province AS province, n.period AS period, n.plans AS plan_count
MATCH (t:Tally {kind: 'types'})
WHERE t.province = province AND t.period = period AND ($include_collective OR NOT t.collective)
WITH province, period, plan_count,
     CASE WHEN $by = 'type' OR t.family = '' THEN t.type ELSE t.family END AS grp,
     CASE WHEN $by = 'type' OR t.family = '' THEN t.type_en ELSE t.family_en END AS grp_en,
     toInteger(sum(t.led)) AS led, toInteger(sum(t.supported)) AS supported
RETURN province, period, grp AS grouping, grp_en AS grouping_en, plan_count AS plans, led, supported,
       round(100.0 * (led + supported) / plan_count) / 100.0 AS per_plan
ORDER BY province, period, per_plan DESC, grouping
LIMIT $limit
