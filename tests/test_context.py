"""The document context: built once per document, the same for relations and measures."""

from __future__ import annotations

import re

from policykg.extract.context import build_context
from policykg.extract.document import document_from_text
from policykg.extract.entities import find_entities
from policykg.extract.measures import find_measures
from policykg.extract.relations import find_relations


def context_of(text: str):
    document = document_from_text(text)
    return build_context(document, find_entities(document))


def test_a_provincial_report_is_the_provinces():
    context = context_of("陕西省2026年政府工作报告\n发布日期：2026年02月02日\n"
                         "我省将加快建设秦岭科创产业园，西安市、宝鸡市推进项目。全省工业增加值增长6%。")
    assert (context.region.name, context.region.level) == ("陕西省", "province")
    assert context.subject is not None and context.subject.name == "陕西省"
    assert context.provincial
    assert (context.date, context.year, context.reference_year) == ("2026-02-02", 2026, 2026)


def test_a_citys_article_is_the_citys():
    context = context_of("株洲市工业投资稳步增长\n今年以来，我市规模以上工业增加值增长8%。株洲的项目加快建设。")
    assert (context.region.name, context.region.level) == ("株洲市", "city")
    assert context.subject.name == "株洲市" and not context.provincial


def test_an_undated_article_refers_to_the_latest_year_it_reports():
    context = context_of("2017年，全市规模以上工业总产值增长9%。2016年增长7%。")
    assert context.year is None and context.reference_year == 2017


def test_relations_and_measures_read_the_context_they_are_given():
    document = document_from_text("株洲市工业投资稳步增长\n我市将加快建设荷塘科创产业园。今年全市规模以上工业增加值增长8%。")
    entities = find_entities(document)
    context = build_context(document, entities)
    assert find_relations(document, entities, context) == find_relations(document, entities)
    assert [m.year for m in find_measures(document, entities, context)] == [None]
    context.year = context.reference_year = 2031  # the context given is the one read
    assert [m.year for m in find_measures(document, entities, context)] == [2031]


def test_an_article_on_a_district_has_the_district_as_subject():
    from policykg.extract.subject import find_subject_region

    text = ("积极打造引领区\n浦东新区近年来发展迅速。上海的开放格局中，浦东承担重要任务。"
            "浦东新区集聚了大量企业，浦东的生物医药产业领先，浦东还将继续扩大开放。")
    region = find_subject_region("积极打造引领区", text)
    assert region is not None and region.name == "浦东新区" and region.level == "county"


def test_a_county_in_the_title_is_the_longest_name_written_there_not_one_inside_it():
    from policykg.extract.subject import find_subject_region

    title = "阳新县推进项目建设"
    region = find_subject_region(title, title + "\n阳新县按照县委、县政府要求有序复工。")
    assert region is not None and region.name == "阳新县"  # not 新县, a county of another province


def test_a_city_named_as_often_as_its_district_stays_the_subject():
    from policykg.extract.subject import find_subject_region

    text = "上海发布新政策。浦东新区落实。上海企业积极响应。上海市场活跃。浦东跟进。"
    assert find_subject_region("新政策", text).name == "上海市"


def test_a_title_that_places_a_county_in_its_province_is_about_the_county():
    from policykg.extract.subject import find_subject_region

    title = "【走进县城看发展】湖北枣阳：千年古城焕发新生机"
    text = title + "\n枣阳是汽车走廊的重要节点城市，枣阳在补链强链上狠下功夫。湖北的产业发展很快。"
    region = find_subject_region(title, text)
    assert region is not None and region.name == "枣阳市" and region.level == "county"


def test_a_province_the_title_names_twice_outweighs_another_provinces_city_named_once():
    from policykg.extract.subject import find_subject_region
    title = "省委书记在福建考察时强调 奋力谱写福建新篇章 返程途中在江西赣州调研"
    text = title + "\n" + "福建各地加快发展。福建的企业、福建的园区都在行动。宁德、泉州制造业增长。" * 2
    assert find_subject_region(title, text).name == "福建省"
    title = "江西赣州：奋力打造福建企业的产业转移承接地"
    assert find_subject_region(title, "赣州市赣县区的福建企业。赣州很快。").name == "赣州市"


def test_a_title_that_places_a_district_in_its_city_is_about_the_district():
    title = "曲靖沾益跑出园区经济增长加速度"
    context = context_of(title + "\n去年以来,云南省曲靖市沾益区立足优势谋项目。沾益区的园区加快建设,沾益工业园区新增企业。")
    assert (context.region.name, context.region.level) == ("沾益区", "county")


def test_a_district_s_article_that_speaks_of_its_city_as_we_stays_the_city_s():
    context = context_of("曲靖沾益跑出园区经济增长加速度\n沾益区的园区加快建设。全市工业增长8%,市委部署。沾益区推进。")
    assert context.region.name == "曲靖市"


def test_a_county_s_article_that_names_the_city_s_party_committee_stays_the_county_s():
    context = context_of("正阳县项目为王产业集群发展突飞猛进\n正阳县认真落实省委、市委重要决策,"
                         "该县建成了食品加工产业集群。该县将加快推进机械装备产业园建设。")
    assert (context.region.name, context.region.level) == ("正阳县", "county")
    agencies = {e.name for e in context.entities if e.type == "Agency"}
    assert "驻马店市委" in agencies and "正阳县委" not in agencies  # 市委 is the prefecture's
    located = {(r.head, r.tail) for r in find_relations(context.document, context.entities, context)
               if r.relation == "locatedIn"}
    names = {e.id: e.name for e in context.entities}
    assert ("机械装备产业园", "正阳县") in {(names.get(h), names.get(t)) for h, t in located}


def test_该县_and_该市_point_at_the_subject_like_我县_and_我市():
    from policykg.extract.subject import SubjectRegion

    assert re.fullmatch(SubjectRegion("清河县", "清河", "河北省", "邢台市", "county").reference_words, "该县")
    assert re.fullmatch(SubjectRegion("邢台市", "邢台", "河北省", "邢台市", "city").reference_words, "该市")
    assert not re.fullmatch(SubjectRegion("河北省", "河北", "河北省", "", "province").reference_words, "该市")
