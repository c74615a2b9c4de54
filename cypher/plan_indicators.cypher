-- title: 规划指标 | A plan's indicators
-- description: 某规划的全部指标:基期值 → 目标值、单位和年份,按规划中的先后顺序。 | Every indicator of a plan with baseline → target, unit and year, in the order the plan states them.
-- param: plan = "anhui-2017-informatization-13th-fyp" | 规划 | Plan
MATCH (i:Indicator {plan: $plan})
RETURN i.id AS indicator, i.category AS category, i.name AS name, i.unit AS unit, i.baseline AS baseline,
       i.baseline_year AS baseline_year, i.target AS target, i.comparator AS comparator, i.target_value AS target_value,
       i.target_year AS target_year, i.source AS source, i.quote AS quote
ORDER BY i.span_start
