"""Technologies are read from what a task says: never from page furniture or an agency's name."""

from __future__ import annotations

from .test_clauses import read


def test_a_source_line_or_url_is_not_a_technology_mention():
    rec = read("二、重点任务\n1.完善公文流转制度。提升办文效率。(牵头单位:市政府办公室)\n来源:中国电子政务网 http://www.example.cn/物联网\n")
    assert rec.projects[0].technologies == []


def test_an_agency_named_after_a_technology_does_not_tag_its_tasks():
    rec = read("二、重点任务\n1.完善公共服务。(牵头单位:市大数据局)\n2.推进大数据应用。(牵头单位:市大数据局)\n")
    tech = {p.label: p.technologies for p in rec.projects}
    assert tech["1."] == [] and tech["2."] == ["大数据"]
