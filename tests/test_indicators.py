"""Indicators: Anhui's flattened table row by row, and targets written into sentences."""

from __future__ import annotations

from .conftest import gold


def test_all_36_rows_of_anhuis_indicator_table(seeds):
    table = [i for i in seeds["anhui"].indicators if i.source == "table"]
    expected = gold("anhui_indicators.csv")
    assert len(table) == len(expected) == 36
    for got, want in zip(table, expected, strict=True):
        assert (got.category, got.name, got.unit or "", got.baseline or "/", got.target) == (
            want["category"], want["name"], want["unit"], want["baseline"], want["target"]), got
        assert (got.baseline_year, got.target_year) == (2015, 2020)


def test_table_targets_have_comparators_and_numbers(seeds):
    by_name = {i.name: i for i in seeds["anhui"].indicators if i.source == "table"}
    assert (by_name["网民数量"].comparator, by_name["网民数量"].target_value) == (">", 4000.0)
    assert by_name["宽带网络校校通"].target == "基本实现" and by_name["宽带网络校校通"].target_value is None
    assert by_name["移动电话普及率"].unit == "部/百人"


def find(rec, name):
    return [i for i in rec.indicators if i.name == name]


def test_inline_target_with_unit_in_words(seeds):
    (bw,) = find(seeds["sichuan"], "互联网省际出口带宽")
    assert (bw.target_value, bw.unit, bw.target_year) == (40.0, "太比特每秒(Tbps)", 2020)
    assert "互联网省际出口带宽达40太比特每秒(Tbps)" in bw.quote
    assert bw.project is None  # stated in the goals, so it belongs to the plan


def test_count_targets_link_to_the_task_that_states_them(seeds):
    (bs,) = find(seeds["henan"], "新建4G基站")
    assert (bs.target_value, bs.unit) == (4.0, "万个")
    assert bs.project and "subtask" in bs.project


def test_分别_states_two_indicators(seeds):
    city = find(seeds["qingyuan"], "城市平均接入带宽能力")
    rural = find(seeds["qingyuan"], "农村平均接入带宽能力")
    assert [i.target_value for i in city] == [100.0] and [i.target_value for i in rural] == [20.0]
    assert city[0].comparator == "≥"


def test_indicator_spans_point_at_the_words(seeds):
    from .conftest import plan_path

    text = plan_path("zhejiang").read_text(encoding="utf-8")
    for i in seeds["zhejiang"].indicators:
        assert str(int(i.target_value)) in text[i.span_start : i.span_end]


def test_targets_in_different_units_compare_on_one_scale(store):
    from graph import presets

    rows = {r["province"]: r for r in presets.run(store, "indicator_across_plans", {"name": "互联网省际出口带宽"})}
    # Anhui writes 26000 Gbps, Sichuan 40 Tbps: both kept as written, and compared as 26 and 40 Tbps
    assert (rows["安徽省"]["target"], rows["安徽省"]["normalised"]) == ("26000", "26 Tbps")
    assert (rows["四川省"]["target"], rows["四川省"]["normalised"]) == ("达40太比特每秒(Tbps)", "40 Tbps")
    assert rows["四川省"]["target_base"] / rows["安徽省"]["target_base"] == 40 / 26


def test_no_target_is_stated_twice_in_the_seeds(seeds):
    for key, rec in seeds.items():
        seen = [(i.name, i.target_base if i.target_base is not None else i.target, i.target_year) for i in rec.indicators]
        assert len(seen) == len(set(seen)), key
    merged = next(i for i in seeds["anhui"].indicators if i.name == "互联网省际出口带宽")
    assert merged.source == "table" and "26000Gbps以上" in merged.quote  # the sentence's words kept too


def test_every_indicator_has_a_category(seeds):
    assert all(i.category for rec in seeds.values() for i in rec.indicators)
