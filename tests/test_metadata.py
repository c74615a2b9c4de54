"""Plan metadata read from the text: the notice, the title line, the place, the year."""

from __future__ import annotations

import tomllib
from pathlib import Path

from loaders.metadata import read_meta
from loaders.read import Source, normalise, read_source, simplified

CORPUS = Path(__file__).resolve().parent / "corpus"


def meta_of(text: str, **overrides):
    src = Source("upload.txt", "", "utf-8", text, normalise(text))
    return read_meta(src, overrides or None)


def test_the_notice_header_gives_title_issuer_and_place():
    meta, warnings = meta_of("索 引 号: | 000014349/2023-91150 |\n遵义市人民政府办公室关于印发《遵义市大数据发展2018年工作要点》的通知\n"
                             "各县、自治县、区(市)人民政府:\n现将《遵义市大数据发展2018年工作要点》印发给你们。\n2018年3月26日\n")
    assert (meta.title, meta.issuer, meta.jurisdiction, meta.province, meta.city, meta.year) == (
        "遵义市大数据发展2018年工作要点", "遵义市人民政府办公室", "遵义市", "贵州省", "遵义市", 2018)
    assert not warnings


def test_a_province_named_in_a_title_line_makes_a_province_plan():
    meta, _ = meta_of("数字山东2019行动方案\n为加快数字山东建设,制定本方案。\n一、重点任务\n")
    assert (meta.title, meta.jurisdiction, meta.province, meta.city, meta.year) == ("数字山东2019行动方案", "山东省", "山东省", None, 2019)


def test_a_county_plan_knows_its_city_and_province():
    meta, _ = meta_of("数字即墨2024年行动方案\n一、重点任务\n")
    assert (meta.jurisdiction, meta.city, meta.province) == ("即墨区", "青岛市", "山东省")


def test_comment_url_and_source_lines_are_never_a_title():
    meta, _ = meta_of("# source: http://www.example.gov.cn/art/2021/1/1/art_1.html\n来源:市政府办公室 发布时间:2021-03-02\n"
                      "成都市智慧城市建设行动计划(2021-2023年)\n一、总体要求\n")
    assert meta.title == "成都市智慧城市建设行动计划(2021-2023年)"
    assert (meta.jurisdiction, meta.province, meta.year, meta.period_start, meta.period_end) == ("成都市", "四川省", 2021, 2021, 2023)


def test_a_plan_quoting_another_document_takes_its_own_title():
    meta, _ = meta_of("区政府各委、办、局:\n《西城区2022年政务公开工作要点》已经区政府同意,现印发给你们。\n"
                      "按照《北京市关于印发政府网站检查指标的通知》等文件要求,制定本要点。\n")
    assert meta.title == "西城区2022年政务公开工作要点" and meta.jurisdiction == "西城区" and meta.province == "北京市"


def test_flags_override_what_the_text_says():
    meta, _ = meta_of("数字山东2019行动方案\n", jurisdiction="济南市", province="山东省", title="我的标题")
    assert (meta.title, meta.jurisdiction, meta.province) == ("我的标题", "济南市", "山东省")


def test_unsure_metadata_comes_with_a_warning():
    _, warnings = meta_of("为加快发展,特制定本方案。\n一、重点任务\n1.建设平台。(牵头单位:有关部门)\n")
    assert any("no title line" in w for w in warnings)
    assert any("jurisdiction not stated" in w for w in warnings)


def test_metadata_of_the_real_corpus_is_mostly_right():
    right = {"title": 0, "jurisdiction": 0, "province": 0, "year": 0}
    plans = [m for m in sorted((CORPUS / "meta").glob("*.toml")) if not tomllib.loads(m.read_text(encoding="utf-8")).get("made_up")]
    for m in plans:
        gold = tomllib.loads(m.read_text(encoding="utf-8"))
        meta, _ = read_meta(read_source(CORPUS / "plans" / f"{m.stem}.txt"))
        got = {"title": meta.title, "jurisdiction": meta.jurisdiction, "province": meta.province, "year": meta.year}
        for k in right:
            want = simplified(gold[k]) if isinstance(gold[k], str) else gold[k]
            right[k] += got[k] == want
    share = {k: v / len(plans) for k, v in right.items()}
    assert share["jurisdiction"] >= 0.9 and share["province"] >= 0.95, share
    assert share["title"] >= 0.8 and share["year"] >= 0.8, share
