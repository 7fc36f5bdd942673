"""Public reference lists (policykg/data/reference): each loads with its source, a listed entry
named by another form gets the list's canonical name and id, a form inside a longer word is
none, and two documents naming one entry differently meet in one RDF node."""

from __future__ import annotations

import pytest
from rdflib.namespace import DCTERMS

from policykg.extract.document import document_from_text
from policykg.extract.entities import find_entities
from policykg.extract.entities.reference import REFERENCE_DIR, reference_forms, reference_lists
from policykg.extract.pipeline import extract_document
from policykg.ontology.mapping import entity_iri, extraction_to_graph


def lists() -> dict:
    return {rl.file: rl for rl in reference_lists()}


@pytest.mark.parametrize("file, rows, source", [
    ("central_soes.tsv", 100, "gdvzz/logd"),
    ("national_zones_gbt37028.tsv", 627, "WankkoRee/cn-adcode-efzcode"),
    ("development_zones_nbs.tsv", 58, "Administrative-divisions-of-China"),
    ("industry_gbt4754_2017.tsv", 117, "zmshe/capital"),
    ("listed_companies_cn.tsv", 4328, "harrisonlanny/astock"),
])
def test_each_list_loads_with_its_row_count_and_source(file, rows, source):
    rl = lists()[file]
    assert len(rl.entries) == rows
    assert source in rl.source
    assert len({e.ref for e in rl.entries}) == rows  # ids are unique
    assert source in (REFERENCE_DIR / "README.md").read_text(encoding="utf-8")


def test_gbt4754_has_twenty_sections_and_97_divisions():
    levels = [e.ref for e in lists()["industry_gbt4754_2017.tsv"].entries]
    assert sum(len(r) == len("gbt4754:A") for r in levels) == 20
    assert sum(len(r) == len("gbt4754:01") for r in levels) == 97


def test_no_form_names_two_entries():
    forms = reference_forms()
    assert forms["合肥高新区"].name == "合肥高新技术产业开发区"
    assert all(len(f) >= 2 for f in forms)


def entities_of(text: str):
    return find_entities(document_from_text(text))


def by_ref(entities, ref):
    found = [e for e in entities if getattr(e, "ref", None) == ref]
    assert len(found) <= 1
    return found[0] if found else None


def test_a_zone_named_by_its_short_form_gets_the_canonical_name():
    entities = entities_of("今年一季度，合肥高新区新签约项目二十个，总投资超百亿元。")
    park = by_ref(entities, "gbt37028:34103001")
    assert park is not None and park.type == "Park"
    assert park.name == "合肥高新技术产业开发区"
    assert "合肥高新区" in park.aliases


def test_a_free_trade_zone_named_by_its_short_form_is_a_zone():
    # (上海自贸区临港新片区 as a whole is an area of the zone: a Zone of its own, as annotators name
    # 辽宁自贸试验区大连片区)
    entities = entities_of("上海自贸区今年新增企业一千家。")
    zone = by_ref(entities, "gbt37028:31110001")
    assert zone is not None and zone.type == "Zone"
    assert zone.name == "中国（上海）自由贸易试验区"


def test_national_categories_are_counted_as_the_standard_lists_them():
    rows = lists()["national_zones_gbt37028.tsv"].entries
    assert sum(e.ref[11:14] == "101" for e in rows) == 219  # 经济技术开发区
    assert sum(e.ref[11:14] == "103" for e in rows) == 168  # 高新技术产业开发区
    assert sum(e.ref[11:14] == "102" for e in rows) == 19  # 国家级新区


def test_a_central_soe_named_by_its_short_name_gets_the_full_name():
    entities = entities_of("该项目由中国石化投资建设，预计明年投产。")
    company = by_ref(entities, "sasac:012")
    assert company is not None and company.type == "Enterprise"
    assert company.name == "中国石油化工集团有限公司"
    assert "中国石化" in company.aliases


def test_two_forms_in_one_text_are_one_entity():
    entities = entities_of("苏州工业园区管委会介绍，苏州工业园今年引进外资项目十个；苏州工业园区将继续扩大开放。")
    parks = [e for e in entities if getattr(e, "ref", None) == "gbt37028:32101004"]
    assert len(parks) == 1 and parks[0].name == "苏州工业园区"


@pytest.mark.parametrize("text, ref", [
    ("今年全国投资增长较快。", "sasac:050"),  # 国投 inside 全国投资
    ("中国石化工业协会发布年度报告。", "sasac:012"),  # 中国石化 inside 中国石化工业
    ("加快发展先进制造业。", "gbt4754:C"),  # 制造业 inside 先进制造业: no whole term
    ("生态、文物、林业等部门参与排查。", "gbt4754:02"),  # a list of departments
])
def test_a_listed_form_inside_a_longer_word_gives_nothing(text, ref):
    assert reference_forms()  # the lists are there
    assert by_ref(entities_of(text), ref) is None


def test_an_industry_named_as_a_whole_term_is_found():
    entities = entities_of("重点发展制造业、建筑业和金融业。")
    assert {e.name for e in entities if getattr(e, "ref", "") and e.type == "Industry"} >= {"制造业", "建筑业", "金融业"}


def test_two_documents_with_two_forms_map_to_one_iri():
    iris = []
    for n, text in enumerate(["中国石油化工集团有限公司在本市投资建设炼化一体化项目。",
                              "本市与中国石化签署战略合作协议。"]):
        document = document_from_text(text, id=f"doc{n}")
        data = extract_document(document).to_dict()
        entity = next(e for e in data["entities"] if e.get("ref") == "sasac:012")
        graph = extraction_to_graph(data)
        node = entity_iri(entity["type"], entity["name"])
        assert (node, DCTERMS.identifier, None) in graph
        iris.append(node)
    assert iris[0] == iris[1]


def test_national_strategies_are_plans_under_their_outline_names():
    from policykg.extract.document import document_from_text
    from policykg.extract.entities import find_entities
    found = {(e.type, e.name): e for e in find_entities(document_from_text(
        "推进京津冀协同发展，融入长三角一体化，实施乡村振兴战略，参与“一带一路”建设。"))}
    assert ("Plan", "京津冀协同发展") in found
    assert "长三角一体化" in found[("Plan", "长三角一体化发展")].aliases
    assert found[("Plan", "乡村振兴战略")].ref.startswith("strategy:")
    assert ("Plan", "一带一路") in found


def test_hong_kong_and_taiwan_parks_are_found_in_traditional_script():
    from policykg.extract.document import document_from_text
    from policykg.extract.entities import find_entities
    found = {e.name: e for e in find_entities(document_from_text(
        "數碼港與香港科學園同樣重視物聯網發展。大埔工業邨擴建。南科位於台南，即南部科學園區。")) if e.type == "Park"}
    assert {"数码港", "香港科学园", "大埔工业邨", "南部科学园区"} <= set(found)
    assert found["南部科学园区"].ref == "tw:ssp"


def test_a_listed_company_named_by_its_exchange_short_name_is_an_enterprise():
    entities = entities_of("当天，宁德时代与中兴通讯分别发布了新一代产品。")
    catl, zte = by_ref(entities, "sz:300750"), by_ref(entities, "sz:000063")
    assert catl is not None and catl.type == "Enterprise" and catl.name == "宁德时代"
    assert zte is not None and zte.type == "Enterprise"


def test_a_listed_company_keeps_the_fuller_name_its_text_gives():
    entities = entities_of("宁夏宝丰能源集团股份有限公司（以下简称宝丰能源）在宁东基地投资建设烯烃项目。")
    company = next(e for e in entities if e.type == "Enterprise" and "宝丰能源" in [e.name, *e.aliases])
    assert company.name == "宁夏宝丰能源集团股份有限公司"


@pytest.mark.parametrize("text, name", [
    ("长沙银行、建设银行与交易中心签订合作协议。", "长沙银行"),  # a place and a kind of firm
    ("长城证券发布研究报告。", "长城证券"),
    ("京东方在合肥建设第10.5代线。", "京东方"),  # a seldom-met proper noun of jieba's
])
def test_a_listed_bank_broker_or_brand_that_jieba_knows_is_still_a_company(text, name):
    assert [e for e in entities_of(text) if e.type == "Enterprise" and name in (e.name, *e.aliases)]


@pytest.mark.parametrize("text, name", [
    ("推动机器人产业发展，扩大农产品出口。", "机器人"),  # a word of the language
    ("天津港集装箱吞吐量再创新高。", "天津港"),  # the port, not the listed company
    ("培育新产业、新业态。", "新产业"),  # common words only
    ("推进中国医药卫生事业改革。", "中国医药"),  # a place and a field
    ("山西焦化行业污染物排放下降。", "山西焦化"),  # the province's industry
])
def test_a_listed_short_name_that_reads_as_common_words_gives_no_enterprise(text, name):
    assert not [e for e in entities_of(text) if e.type == "Enterprise" and e.name == name]
