"""Facts a researcher relies on, read from the five seed plans."""

from __future__ import annotations

from collections import Counter

from .conftest import gold


def leads(rec, agency_id):
    return sorted(r.project for r in rec.roles if r.agency == agency_id and r.role == "lead")


def test_every_structure_count_matches_the_annotated_counts(seeds):
    for row in gold("counts.csv"):
        rec = seeds[row["plan"]]
        got = sum(p.kind == row["kind"] for p in rec.projects)
        assert got == int(row["count"]), (row, got)


def test_anhui_has_23_annex_rows_and_its_drc_leads_8(seeds):
    rec = seeds["anhui"]
    assert sum(p.kind == "annex-row" for p in rec.projects) == 23
    drc = leads(rec, "安徽省发展和改革委员会")
    assert [p.split(":")[1] for p in drc] == sorted(f"annex-row-{n}" for n in (3, 5, 10, 14, 17, 18, 19, 20))


def test_anhui_row_8_judiciary_has_no_lead_only_supporters(seeds):
    rec = seeds["anhui"]
    row8 = [r for r in rec.roles if r.project.endswith(":annex-row-8")]
    assert {r.surface for r in row8} == {"省高级人民法院", "省检察院"}
    assert {r.role for r in row8} == {"support"}


def test_zhejiang_has_37_tasks_and_its_eitc_leads_20_first_listed(seeds):
    rec = seeds["zhejiang"]
    assert sum(p.kind == "task" for p in rec.projects) == 37
    eitc = [r for r in rec.roles if r.agency == "浙江省经济和信息化委员会" and r.role == "lead"]
    assert len(eitc) == 20
    assert {r.basis for r in eitc} == {"first-listed"}


def test_qingyuan_has_18_tasks_and_its_eit_bureau_leads_10(seeds):
    rec = seeds["qingyuan"]
    assert sum(p.kind == "task" for p in rec.projects) == 18
    assert len(leads(rec, "清远市经济和信息化局")) == 10


def test_anhui_human_resources_spellings_are_one_agency(seeds):
    rec = seeds["anhui"]
    hr = [a for a in rec.agencies if a.type == "人力资源和社会保障厅"]
    assert len(hr) == 1
    assert {"省人力资源社会保障厅", "省人力资源和社会保障厅"} <= set(hr[0].aliases)


def test_same_abbreviation_in_two_provinces_is_two_agencies(seeds):
    anhui = {a.id for a in seeds["anhui"].agencies if a.type == "发展和改革委员会"}
    zhejiang = {a.id for a in seeds["zhejiang"].agencies if a.type == "发展和改革委员会"}
    assert anhui == {"安徽省发展和改革委员会"} and zhejiang == {"浙江省发展和改革委员会"}


def test_agencies_have_english_names_and_shared_types(seeds):
    eitc = next(a for a in seeds["zhejiang"].agencies if a.id == "浙江省经济和信息化委员会")
    assert eitc.name_en == "Zhejiang Provincial Economy and Information Technology Commission"
    assert "省经信委" in eitc.aliases
    anhui_eitc = next(a for a in seeds["anhui"].agencies if a.id == "安徽省经济和信息化委员会")
    assert anhui_eitc.type == eitc.type


def test_collective_actors_are_kept_and_marked(seeds):
    rec = seeds["anhui"]
    gov = next(a for a in rec.agencies if "各市、县人民政府" in a.aliases)
    assert gov.collective
    assert sum(r.agency == gov.id for r in rec.roles) >= 20
    assert not next(a for a in rec.agencies if a.id == "安徽省发展和改革委员会").collective


def test_distributed_city_governments_are_three_bodies(seeds):
    task12 = [r for r in seeds["zhejiang"].roles if r.project.endswith(":task-12")]
    cities = {r.agency for r in task12 if r.agency.endswith("市人民政府")}
    assert cities == {"杭州市人民政府", "嘉兴市人民政府", "金华市人民政府"}


def test_sichuan_sentence_role_names_the_eitc(seeds):
    roles = seeds["sichuan"].roles
    assert len(roles) == 1
    r = roles[0]
    assert (r.agency, r.role, r.basis) == ("四川省经济和信息化委员会", "lead", "sentence")
    assert "负责建立和完善信息化评估指标体系" in r.evidence


def test_henan_names_no_agency_for_any_task(seeds):
    assert seeds["henan"].roles == []
    assert sum(p.kind == "subtask" for p in seeds["henan"].projects) == 24


def test_every_role_points_at_its_words_in_the_original_text(seeds):
    from .conftest import plan_path

    for key, rec in seeds.items():
        text = plan_path(key).read_text(encoding="utf-8")
        for r in rec.roles:
            said = text[r.span_start : r.span_end]
            # A distributed name ("嘉兴" of "杭州、嘉兴、金华市政府") is the place's words only.
            assert said == r.surface or r.surface.startswith(said), (key, r)
            assert r.evidence in text


def test_project_ids_are_stable_across_runs(seeds):
    from loaders import extract_plan

    from .conftest import plan_path

    again = extract_plan(plan_path("zhejiang"))
    assert [p.id for p in again.projects] == [p.id for p in seeds["zhejiang"].projects]
    assert again.projects[11].id.endswith(":task-12") and again.projects[11].label == "12."


def test_projects_keep_section_path_and_span(seeds):
    from .conftest import plan_path

    rec = seeds["anhui"]
    text = plan_path("anhui").read_text(encoding="utf-8")
    box = next(p for p in rec.projects if p.kind == "programme" and p.number == 3)
    assert box.title == "电子商务提升工程"
    assert "1.推进“互联网+产业”发展" in box.section
    assert text[box.span_start : box.span_end].startswith("专栏三")
    kinds = Counter(p.kind for p in rec.projects)
    assert kinds["action"] == 10 and kinds["programme"] == 7


def test_plan_metadata(seeds):
    sc = seeds["sichuan"].plan
    assert (sc.jurisdiction, sc.doc_number, sc.issued, sc.period_start, sc.period_end) == ("四川省", "川府发〔2017〕62号", "2017-12-21", 2016, 2020)
    qy = seeds["qingyuan"].plan
    assert (qy.city, qy.province) == ("清远市", "广东省")
    assert len(sc.sha256) == 64


def test_technologies_are_found_with_their_aliases(seeds):
    action1 = next(p for p in seeds["anhui"].projects if p.kind == "action" and p.number == 1)
    assert "IPv6" in action1.technologies  # written "基于IPv6的下一代互联网"
    qy13 = next(p for p in seeds["qingyuan"].projects if p.id.endswith(":task-13"))
    assert {"物联网", "云计算", "RFID"} <= set(qy13.technologies)
    names = {t.name: t for t in seeds["anhui"].technologies}
    assert names["云计算"].name_en == "cloud computing"
