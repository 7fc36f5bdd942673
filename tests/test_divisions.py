"""The admin-division gazetteer built from the shipped reference data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from policykg.extract import divisions as dv
from policykg.extract.subject import find_subject_region

DATA = Path(dv.__file__).resolve().parents[1] / "data" / "admin-divisions"


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_real_division_of_the_files_is_loaded_and_placeholders_skipped():
    names = {d.name for d in dv.all_divisions()}
    expected = {r["name"] for f in ("provinces.csv", "cities.csv", "areas.csv") for r in rows(f)}
    assert expected - names == {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    assert {"香港特别行政区", "澳门特别行政区", "台湾省", "台北市"} <= names


@pytest.mark.parametrize("full, short", [
    ("湖南省", "湖南"), ("衡阳市", "衡阳"), ("宁夏回族自治区", "宁夏"), ("耒阳市", "耒阳"),
    ("广西壮族自治区", "广西"), ("新疆维吾尔自治区", "新疆"), ("内蒙古自治区", "内蒙古"),
    ("湘西土家族苗族自治州", "湘西"), ("海西蒙古族藏族自治州", "海西"),
    ("博尔塔拉蒙古自治州", "博尔塔拉"), ("阿克苏地区", "阿克苏"), ("锡林郭勒盟", "锡林郭勒"),
    ("长阳土家族自治县", "长阳"), ("神农架林区", "神农架"), ("北京市", "北京"),
])
def test_short_forms_are_derived_by_rule(full, short):
    division = next(d for d in dv.all_divisions() if d.name == full)
    assert division.short == short
    assert division in dv.lookup(short) and division in dv.lookup(full)


def test_short_forms_have_two_characters_at_least():
    assert all(len(s) >= 2 for d in dv.all_divisions() for s in d.short_names)
    assert dv.lookup("城") == [] and dv.lookup("郊") == []


def test_county_short_forms_and_generic_names_are_flagged():
    gaz = dv.gazetteer()
    assert all(e.cautious for e in gaz["通道"])  # 通道侗族自治县, also a common word
    assert all(e.cautious for e in gaz["城区"])  # a district's full name and a common word
    assert not any(e.cautious for e in gaz["衡阳"] if e.division.level == dv.CITY)
    assert all(e.cautious and e.kind == "abbreviation" for e in gaz["湘"])


def test_levels_and_parents():
    hengyang = dv.lookup("衡阳市")[0]
    assert (hengyang.level, hengyang.province, hengyang.parent_code) == (dv.CITY, "湖南省", "43")
    leiyang = dv.lookup("耒阳")[0]
    assert (leiyang.level, leiyang.city, leiyang.province) == (dv.COUNTY, "衡阳市", "湖南省")
    # higher levels first: 衡阳 is the city before 衡阳县
    assert [d.level for d in dv.lookup("衡阳")] == [dv.CITY, dv.COUNTY]
    # development zones listed among counties are marked, without short forms
    zone = dv.lookup("苏州工业园区")[0]
    assert zone.functional and zone.short_names == ()


@pytest.mark.parametrize("title, text, expected", [
    ("“衡阳制造”如何发力", "衡阳纳入长株潭试点。衡阳市委。湖南省。长沙", "衡阳市"),
    ("工业投资稳步增长", "株洲市今年……株洲的项目。长沙市也在推进。株洲", "株洲市"),
    ("昆山全力发展先进制造业", "昆山今年……昆山的项目落在苏州。", "昆山市"),
    ("重庆两江新区签约项目", "重庆市……", "重庆市"),
    ("制造业投资", "没有地名。", None),
    ("海南自贸港建设提速", "海南省……海南。", "海南省"),  # the province, not 海南藏族自治州
    # a province's document is the province's, not its capital's
    ("陕西省2026年政府工作报告", "我省……西安……西安……全省……省政府", "陕西省"),
    ("新疆将资源优势转化为发展胜势", "新疆……克拉玛依……资源……资源", "新疆维吾尔自治区"),
    ("重点工作", "我省推进……全省……省政府部署，西安市、宝鸡市……陕西……陕西", "陕西省"),
    # a county's document (我县, 全县) is the county's
    ("战略新兴产业", "柳河县产业……我县……全县……柳河……通化市", "柳河县"),
    # no place inside other words: 提高县域 holds no 高县, 医保定点 no 保定
    ("提高县域经济", "要提高县域经济水平，推进医保定点改革。", None),
])
def test_subject_region(title, text, expected):
    found = find_subject_region(title, text)
    assert (found.name if found else None) == expected


def test_an_autonomous_prefecture_or_county_is_also_named_by_its_stem_and_its_kind():
    from policykg.extract.divisions import lookup

    assert [d.name for d in lookup("楚雄州")] == ["楚雄彝族自治州"]
    assert [d.name for d in lookup("酉阳县")] == ["酉阳土家族苗族自治县"]
    assert "楚雄彝族自治州" in {d.name for d in lookup("楚雄")}
