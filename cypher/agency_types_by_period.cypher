-- title: 机构类型与职能族群:按省份和时期 | Agency types and families by province and period
-- description: Projects led and supported by each agency family (or type) per province and five-year period (十二五 2011–2015, 十三五 2016–2020, 十四五 2021–2025 …), divided by the number of plans in that province and period, so a long plan does not dominate.
-- param: by = "family"          | 分组 Group by: family or type
-- param: province = ""          | 省份 Province (empty: all)
-- param: include_collective = false | 包括集体主体 Include collective actors
-- param: limit = 200            | 行数 Rows
MATCH (pl:Plan)
WHERE ($province = '' OR pl.province = $province) AND pl.year IS NOT NULL
WITH pl, pl.province AS province,
     CASE WHEN pl.year <= 2010 THEN '2006-2010' WHEN pl.year <= 2015 THEN '2011-2015' WHEN pl.year <= 2020 THEN '2016-2020'
          WHEN pl.year <= 2025 THEN '2021-2025' ELSE '2026-2030' END AS period
WITH province, period, collect(pl) AS plans
UNWIND plans AS pl
MATCH (pl)-[:INCLUDES]->(:Project)<-[r]-(a:Agency)
WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($include_collective OR NOT a.collective)
WITH province, period, size(plans) AS plan_count,
     CASE WHEN $by = 'type' THEN a.type ELSE coalesce(a.family, a.type) END AS grp,
     CASE WHEN $by = 'type' THEN a.type_en ELSE coalesce(a.family_en, a.type_en) END AS grp_en,
     count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led, count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported
RETURN province, period, grp AS grouping, grp_en AS grouping_en, plan_count AS plans, led, supported,
       round(100.0 * (led + supported) / plan_count) / 100.0 AS per_plan
ORDER BY province, period, per_plan DESC, grouping
LIMIT $limit
