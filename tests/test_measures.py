"""Measure extraction on short texts of our own: kinds, years, baselines, units, qualifiers."""

from __future__ import annotations

import pytest

from policykg.extract.document import document_from_text
from policykg.extract.measures import document_years, find_measures
from policykg.extract.model import Entity, Measure, Span
from policykg.extract.numbers import parse_number


def measures(text: str, city: str = "常州", date: str | None = None,
             extra: dict[str, str] | None = None) -> tuple[list[Measure], dict[str, str]]:
    document = document_from_text(text)
    document.city, document.date = city, date
    entities = [Entity(id="city", name=city, type="Place")]
    for i, (name, etype) in enumerate((extra or {}).items()):
        entities.append(Entity(id=f"x{i}", name=name, type=etype))
    for entity in entities:
        start = document.text.find(entity.name)
        while start >= 0:
            entity.mentions.append(Span(start, start + len(entity.name)))
            start = document.text.find(entity.name, start + 1)
    return find_measures(document, entities), {e.id: e.name for e in entities}


def only(found: list[Measure], value: float) -> Measure:
    hits = [m for m in found if m.value == value]
    assert len(hits) == 1, [(m.value, m.unit, m.indicator) for m in found]
    return hits[0]


@pytest.mark.parametrize("written, value", [("１２０", 120), ("3.07", 3.07), ("三十", 30), ("两", 2),
                                            ("百", 100), ("二百三十", 230), ("１２.５", 12.5)])
def test_numbers_parse_in_every_script(written, value):
    assert parse_number(written) == pytest.approx(value)


def test_target_with_deadline_year_and_qualifier():
    found, _ = measures("到2025年，全市数字经济核心产业增加值占GDP比重将提高到12%左右。")
    m = only(found, 12)
    assert (m.kind, m.unit, m.year, m.qualifier) == ("target", "%", 2025, "左右")
    assert "数字经济核心产业增加值占GDP比重" in m.indicator
    assert m.subject == "city"


def test_year_carries_to_the_next_paragraph_through_dao_na_shi():
    text = "2025年，将成为全市转型的关键节点。\n到那时，培育独角兽企业10家以上，规上工业企业研发机构覆盖率达到60%。"
    found, _ = measures(text)
    assert {(m.kind, m.value, m.unit, m.year) for m in found} == {
        ("target", 10, "家", 2025), ("target", 60, "%", 2025)}
    assert only(found, 10).qualifier == "以上"


def test_reported_statistics_share_the_year_of_their_sentence():
    found, _ = measures("据统计，2020年，全市实现地区生产总值4530.5亿元，同比增长6.8%；新增上市公司9家。")
    assert {(m.kind, m.value, m.unit, m.year) for m in found} == {
        ("statistic", 4530.5, "亿元", 2020), ("statistic", 6.8, "%", 2020), ("statistic", 9, "家", 2020)}
    assert "地区生产总值" in only(found, 6.8).indicator  # a bare growth rate borrows its noun
    assert "上市公司" in only(found, 9).indicator  # a count takes the noun it counts


def test_baseline_is_kept_apart_from_the_value():
    found, _ = measures("到2023年，研发投入强度由现在的2.1%提高到3%。")
    m = only(found, 3)
    assert (m.kind, m.baseline, m.year) == ("target", 2.1, 2023)
    assert "研发投入强度" in m.indicator


def test_relative_years_resolve_against_the_document_date():
    found, _ = measures("去年全市新增高新技术企业320家。今年全市固定资产投资计划增长8%。", date="2021-05-06")
    assert (only(found, 320).kind, only(found, 320).year) == ("statistic", 2020)
    assert (only(found, 8).kind, only(found, 8).year) == ("target", 2021)


def test_document_year_is_inferred_from_jin_nian_beside_an_explicit_year():
    text = "今年的政府工作报告提出，2023年全市生产总值增长6.5%。目前规上工业企业达到2300家。"
    found, _ = measures(text)
    assert (only(found, 6.5).kind, only(found, 6.5).year) == ("target", 2023)
    assert only(found, 2300).year == 2023


def test_past_year_makes_a_statistic_even_in_a_plan():
    found, _ = measures("根据计划，2022年全市计划安排项目300个；2021年完成投资达420.6亿元。", date="2022-02-01")
    assert only(found, 420.6).kind == "statistic"
    assert only(found, 420.6).year == 2021
    assert (only(found, 300).kind, only(found, 300).year) == ("target", 2022)


def test_units_magnitudes_and_chinese_numerals():
    found, _ = measures("全年实现工业产值１５０亿元，首次突破两万亿，培训技能人才2.3万余人，装机容量达800MW。",
                        date="2020-01-01")
    assert (only(found, 150).unit) == "亿元"
    assert (only(found, 2).unit) == "万亿"
    assert (only(found, 2.3).unit, only(found, 2.3).qualifier) == ("万人", "余")
    assert only(found, 800).unit == "MW"


def test_thresholds_ranks_dates_ranges_and_generic_counts_are_not_measures():
    text = ("3月18日，其中超过5亿元以上的项目有8个，全国已有40多个城市申报，"
            "明年将有10至15个城市入选，排名第3位，从6个方面入手，为全国12个试点城市之一。")
    found, _ = measures(text)
    values = {m.value for m in found}
    assert 5 not in values and 40 not in values and 10 not in values and 15 not in values
    assert 6 not in values and 12 not in values and 3 not in values and 18 not in values
    assert values == {8}


def test_subject_is_the_entity_named_in_the_clause():
    text = "华星电子计划总投资2.5亿元。2022年全市新增就业岗位3000个。"
    found, names = measures(text, extra={"华星电子": "Enterprise"})
    assert names[only(found, 2.5).subject] == "华星电子"
    assert only(found, 3000).subject == "city"


def test_ad_lines_and_evidence_spans():
    text = "全市新增专利授权5600件。\n扫码领取188元现金红包，100%中奖>>"
    document = document_from_text(text)
    found = find_measures(document, [])
    assert [m.value for m in found] == [5600]
    m = found[0]
    assert document.text[m.evidence.start:m.evidence.end].startswith("全市新增专利授权")


def test_adjectival_magnitudes_are_not_figures_and_a_bare_last_year_dates_its_sentence():
    found, _ = measures("到2023年，培育千亿产业集群3个。\n去年，全市新增高新技术企业210家，研发投入强度由2.1%提高到2.6%。",
                        date="2021-06-01")
    assert 1000 not in {m.value for m in found}
    assert (only(found, 3).kind, only(found, 3).year) == ("target", 2023)
    assert (only(found, 210).kind, only(found, 210).year) == ("statistic", 2020)
    assert (only(found, 2.6).kind, only(found, 2.6).year, only(found, 2.6).baseline) == ("statistic", 2020, 2.1)


def test_five_year_plan_end_is_a_deadline():
    found, _ = measures("到“十四五”末，全市数字经济规模突破5000亿元。")
    assert (only(found, 5000).kind, only(found, 5000).year) == ("target", 2025)


def test_quan_nian_is_the_year_reported_not_the_year_of_publication():
    text = "2021年，全市地区生产总值达到5200亿元，比上年增长8.5%。\n全年规模以上工业增加值比上年增长9.1%。"
    found, _ = measures(text, date="2022-03-01")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("statistic", 5200, 2021), ("statistic", 8.5, 2021), ("statistic", 9.1, 2021)}
    assert "地区生产总值" in only(found, 8.5).indicator


def test_grouped_digits_negative_values_and_counts_of_cities():
    found, _ = measures("全年实现营业收入1,234.5亿元，利润总额增长-3.5%，全国已有12个城市试点，共有8个城市申报。",
                        date="2020-01-01")
    assert only(found, 1234.5).unit == "亿元"
    assert only(found, -3.5).unit == "%"
    assert 8 not in {m.value for m in found} and 12 not in {m.value for m in found}


def test_a_deadline_that_ends_a_lead_in_clause_dates_every_target_that_follows():
    text = ("《行动计划》明确提出到2024年，全市规模以上工业总产值突破6000亿元，"
            "高新技术产业增加值占比提高到40%以上；数字经济核心产业营业收入达到800亿元。\n"
            "方案还要求，到2026年，培育专精特新企业200家。")
    found, _ = measures(text, city="宜昌", date="2022-04-01")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("target", 6000, 2024), ("target", 40, 2024), ("target", 800, 2024), ("target", 200, 2026)}


def test_a_deadline_inside_a_clause_dates_the_clauses_after_it_until_another_year():
    text = ("方案力争到2024年全市工业总产值突破6000亿元，研发投入强度达到2.8%，2025年高新技术企业达到900家。"
            "方案明确到2024年全市技改投资增长12%。专精特新企业新增60家。")
    found, _ = measures(text, city="宜昌", date="2022-04-01")
    assert (only(found, 6000).year, only(found, 2.8).year) == (2024, 2024)
    assert (only(found, 900).kind, only(found, 900).year) == ("target", 2025)
    assert (only(found, 60).kind, only(found, 60).year) == ("target", 2024)  # same paragraph


def test_the_leader_of_a_cluster_is_not_the_subject_of_its_figure():
    text = "今年，宜昌高新区以安琪酵母为龙头的生物产业集群产值突破500亿元。"
    found, names = measures(text, city="宜昌", date="2023-03-01",
                            extra={"宜昌高新区": "Park", "安琪酵母": "Enterprise"})
    assert names[only(found, 500).subject] == "宜昌高新区"


def test_a_planning_period_that_opens_a_sentence_dates_its_targets_by_its_last_year():
    found, _ = measures("2023—2027年，全市规上工业增加值年均增长8%以上，数字经济核心产业增加值达到900亿元。",
                        city="宜昌", date="2023-02-01")
    assert {(m.kind, m.value, m.year) for m in found} == {("target", 8, 2027), ("target", 900, 2027)}


def test_growth_between_two_past_years_reports_both_values_the_earlier_as_baseline():
    found, _ = measures("全市工业总产值由2016年的2000亿元增长到2020年的3100亿元。", city="宜昌", date="2021-05-01")
    m = only(found, 3100)
    assert (m.kind, m.year, m.baseline, m.unit) == ("statistic", 2020, 2000, "亿元")
    assert "工业总产值" in m.indicator
    # both years past: the earlier value is reported too, of its own year
    assert (only(found, 2000).kind, only(found, 2000).year) == ("statistic", 2016)


def test_a_future_year_makes_a_target_even_with_a_reporting_word():
    found, _ = measures("“十四五”期间，全市累计完成技改投资1000亿元以上。", city="宜昌", date="2021-05-01")
    assert (only(found, 1000).kind, only(found, 1000).year) == ("target", 2025)


def test_a_period_opening_with_yuji_looks_forward_in_all_its_clauses():
    found, _ = measures("预计全年完成工业投资400亿元，同比增长12%。去年全市工业投资同比增长9%。",
                        city="宜昌", date="2021-05-01")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("target", 400, 2021), ("target", 12, 2021), ("statistic", 9, 2020)}


def test_the_date_line_under_the_headline_gives_the_year_of_jin_nian():
    from policykg.extract.document import document_from_text
    document = document_from_text("柳州汽车产业加快发展\n2021年08月20日 来源：柳州日报\n"
                                  "今年上半年，全市规模以上工业增加值同比增长10.5%。")
    document.date = None
    found = find_measures(document, [])
    assert (only(found, 10.5).kind, only(found, 10.5).year) == ("statistic", 2021)


def test_a_must_in_a_quoted_statement_does_not_make_later_figures_targets():
    text = ("市委书记李明表示，要坚定不移走制造强市之路。\n"
            "2022年，全市规模以上工业增加值增长4.6%，新增规模以上工业企业310家，"
            "先进制造业增加值占规模以上工业增加值比重达到48.5%。\n"
            "据了解，全市规模以上工业企业达到2600家。")
    found, _ = measures(text, city="芜湖")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("statistic", 4.6, 2022), ("statistic", 310, 2022), ("statistic", 48.5, 2022),
        ("statistic", 2600, None)}


def test_a_must_in_the_figure_clause_itself_still_looks_forward():
    found, _ = measures("市长王强指出，要确保全市工业投资增长10%以上。", city="芜湖", date="2023-02-01")
    assert only(found, 10).kind == "target"


def test_a_paragraph_opening_with_a_past_period_reports_despite_a_carried_forward_cue():
    text = ("《行动方案》提出，到2026年，全市工业总产值将突破9000亿元。\n"
            "2021年，全市工业投资增长12.5%，新增规上企业150家。\n"
            "去年，全市实现工业增加值2300亿元。")
    found, _ = measures(text, city="绵阳", date="2023-05-01")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("target", 9000, 2026), ("statistic", 12.5, 2021), ("statistic", 150, 2021),
        ("statistic", 2300, 2022)}


def test_without_a_date_the_latest_year_outside_deadlines_dates_the_document():
    text = ("《行动方案（2021—2027年）》提出，到2027年，全市工业投资年均增长10%以上。\n"
            "“智造绵阳”被写入2023年的绵阳市政府工作报告。今年3月，全市召开制造业大会。\n"
            "2022年，全市工业投资增长12.5%，新增规上企业150家。")
    found, _ = measures(text, city="绵阳")
    assert (only(found, 10).kind, only(found, 10).year) == ("target", 2027)
    assert {(m.kind, m.value, m.year) for m in found if m.value != 10} == {
        ("statistic", 12.5, 2022), ("statistic", 150, 2022)}


def test_elapsed_parts_of_this_year_are_statistics_of_the_document_year():
    text = ("《方案》提出，到2025年，全市工业总产值突破9000亿元。\n"
            "今年1至8月，全市规模以上工业增加值增长7.2%。\n"
            "《方案》还要求，规上企业数量达到3000家。\n"
            "前三季度，全市完成工业投资520亿元，新增规上企业86家。\n"
            "今年上半年，全市高新技术产业增加值达到410亿元。")
    found, _ = measures(text, city="绵阳", date="2023-10-20")
    assert {(m.kind, m.value, m.year) for m in found if m.value in (7.2, 520, 86, 410)} == {
        ("statistic", 7.2, 2023), ("statistic", 520, 2023), ("statistic", 86, 2023),
        ("statistic", 410, 2023)}


def test_a_citywide_clause_is_about_the_city_even_with_an_entity_inside_the_indicator():
    text = "2022年，全市稀土永磁产业产值增长15%。我市光伏组件产量达到30万片。"
    found, _ = measures(text, city="赣州", date="2023-01-01",
                        extra={"稀土永磁": "Enterprise", "光伏组件": "Enterprise"})
    assert only(found, 15).subject == "city"
    assert only(found, 30).subject == "city"


def test_the_indicator_drops_citywide_words_and_linking_verbs_but_keeps_its_noun_phrase():
    text = "2022年，全市数字经济核心产业营业收入突破800亿元，我市研发投入强度提高到2.9%。"
    found, _ = measures(text, city="赣州", date="2023-01-01")
    assert only(found, 800).indicator == "数字经济核心产业营业收入"
    assert only(found, 2.9).indicator == "研发投入强度"


@pytest.mark.parametrize("statement", ["“要坚定不移走制造强市之路。”李明说。",
                                       "会议要求，要把制造业作为立市之本。",
                                       "李明在会上强调：“要坚定不移走制造强市之路。”"])
def test_a_must_in_any_form_of_statement_is_not_carried(statement):
    text = statement + "\n2022年，全市规模以上工业增加值增长3.9%，新增规模以上工业企业520家。"
    found, _ = measures(text, city="九江")
    assert {(m.kind, m.year) for m in found} == {("statistic", 2022)}


def test_an_undated_paragraph_opening_with_its_year_reports_after_a_deadline_paragraph():
    text = ("《规划》提出，到2025年，全市工业总产值突破9000亿元。\n"
            "2022年，全市规模以上工业增加值增长3.9%，新增规模以上工业企业520家。")
    found, _ = measures(text, city="九江")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("target", 9000, 2025), ("statistic", 3.9, 2022), ("statistic", 520, 2022)}


def test_a_year_paragraph_under_a_goals_lead_in_stays_a_target():
    text = "九江市发布制造业规划。\n主要目标：\n2025年，全市规模以上工业总产值达到9000亿元，新增规上企业500家。"
    found, _ = measures(text, city="九江")
    assert {(m.kind, m.year) for m in found} == {("target", 2025)}


def test_a_growth_rate_keeps_its_noun_phrase_and_drops_the_verb_unless_nothing_else_is_left():
    text = "2022年，全市规模以上工业增加值同比增长6.1%，工业投资增长9%，年度计划投资规模500亿元，增长12%。"
    found, _ = measures(text, city="九江", date="2023-01-01")
    assert only(found, 6.1).indicator == "规模以上工业增加值"
    assert only(found, 9).indicator == "工业投资"
    assert only(found, 12).indicator.endswith("增长")  # a bare rate borrows the noun before it
    assert "年度计划投资规模" in only(found, 12).indicator


def test_an_enterprise_name_used_as_an_industry_word_is_not_the_subject():
    text = "2022年，稀土永磁产业产值增长35%，稀土永磁企业达到120家。华星电子营业收入达到12亿元。"
    found, names = measures(text, city="赣州", date="2023-01-01",
                            extra={"稀土永磁": "Enterprise", "华星电子": "Enterprise"})
    assert only(found, 35).subject == "city" and only(found, 120).subject == "city"
    assert names[only(found, 12).subject] == "华星电子"


def test_a_bare_rate_belongs_to_the_subject_of_the_figure_it_borrows_from():
    text = "去年，赣州经开区实现地区生产总值363亿元，比上年增长8%，全市工业投资增长9%。"
    found, names = measures(text, city="赣州", date="2023-01-01", extra={"赣州经开区": "Park"})
    assert names[only(found, 8).subject] == "赣州经开区"
    assert only(found, 9).subject == "city"


def test_multiples_are_measures():
    found, _ = measures("2022年，全市新能源汽车产量增长1.5倍。", city="赣州", date="2023-01-01")
    assert (only(found, 1.5).unit, only(found, 1.5).kind, only(found, 1.5).year) == ("倍", "statistic", 2022)


def test_provincewide_figures_are_kept_when_the_province_is_the_subject():
    text = "2022年，全省规模以上工业增加值增长5.1%，全国规模以上工业增加值增长3.6%。"
    provincial, _ = measures(text, city="江西省", date="2023-01-01")
    assert {m.value for m in provincial} == {5.1}
    assert provincial[0].subject == "city"
    citywide, _ = measures(text, city="赣州", date="2023-01-01")
    assert citywide == []


def test_an_enterprise_opening_the_sentence_is_the_subject_of_its_later_clauses_but_not_a_list():
    text = ("北辰重工是集群的龙头企业，去年实现营业收入80.5亿元。\n"
            "北辰重工、南岭机械等12个项目集中开工，合计总投资96亿元。")
    found, names = measures(text, city="株洲", date="2023-01-01",
                            extra={"北辰重工": "Enterprise", "南岭机械": "Enterprise"})
    assert names[only(found, 80.5).subject] == "北辰重工"
    assert only(found, 80.5).indicator == "实现营业收入"
    assert only(found, 96).subject == "city"


@pytest.mark.parametrize("opener", ["2022年全市", "近年来，全市", "过去五年，全市"])
def test_a_paragraph_looking_back_reports_after_a_forward_paragraph(opener):
    text = ("九江将加快建设长江经济带重要节点城市。\n"
            f"{opener}新增规模以上工业企业520家，高新技术产业增加值增长12%。")
    found, _ = measures(text, city="九江")
    assert {m.kind for m in found} == {"statistic"} and len(found) == 2


def test_the_past_year_as_words_dates_its_paragraph_and_energy_units_keep_their_hours():
    text = ("会议指出，过去一年，全市工业经济稳中有进。全年规模以上工业增加值增长10.5%，储能电池产量达到60GWh。\n"
            "今年，全市规模以上工业增加值预期增长10%，力争新增规模以上工业企业150家。")
    found, _ = measures(text, city="宜宾", date="2023-02-15")
    assert (only(found, 10.5).kind, only(found, 10.5).year) == ("statistic", 2022)
    assert (only(found, 60).unit, only(found, 60).year) == ("GWh", 2022)
    assert only(found, 10.5).indicator == "规模以上工业增加值"
    assert (only(found, 10).kind, only(found, 10).year, only(found, 10).indicator) == (
        "target", 2023, "规模以上工业增加值")
    assert only(found, 150).indicator == "新增规模以上工业企业"


def test_respectively_gives_each_figure_its_own_item():
    found, _ = measures("据统计，2022年全市规模以上工业增加值、工业投资分别增长8.5%和9.2%。", city="安庆",
                        date="2023-03-01")
    assert only(found, 8.5).indicator == "规模以上工业增加值…增长"  # the item, and what 分别 says of it
    assert only(found, 9.2).indicator == "工业投资…增长"
    mismatched, _ = measures("交通、教育、科技及信息化分别完成投资18亿元和16亿元。", city="安庆", date="2023-03-01")
    assert {m.value for m in mismatched} == {18, 16}  # four items, two figures: no pairing


def test_comparison_years_are_not_the_figures_year():
    text = "2021年，全市新能源汽车产量比2012年增长1.5倍，工业投资比上年增长9%，工业总产值较2016年翻一番，达到6000亿元。"
    found, _ = measures(text, city="柳州", date="2023-03-01")
    assert {(m.value, m.year) for m in found} == {(1.5, 2021), (9, 2021), (6000, 2021)}
    assert only(found, 1.5).indicator == "新能源汽车产量"
    assert "工业总产值" in only(found, 6000).indicator


def test_growth_from_a_year_to_a_year_written_with_cong():
    found, _ = measures("全市工业增加值从2012年的800亿元增加到2022年的1600亿元。", city="柳州", date="2023-03-01")
    assert [(m.value, m.year, m.baseline, m.kind) for m in found] == [
        (800, 2012, None, "statistic"), (1600, 2022, 800, "statistic")]


def test_in_a_dated_document_a_paragraph_of_this_years_figures_keeps_the_forward_reading():
    text = "会议确定了今年的主要预期目标。\n2023年，全市规模以上工业增加值增长8%左右，新增规上企业200家。"
    found, _ = measures(text, city="柳州", date="2023-02-10")
    assert {(m.kind, m.year) for m in found} == {("target", 2023)}


def test_counts_of_listed_directions_are_not_measures_and_a_counted_noun_stops_at_de():
    text = "2022年，全市围绕新能源、新材料等3个重点方向招商，400余家配套企业集聚的装备产业集群营收突破900亿元。"
    found, _ = measures(text, city="襄阳", date="2023-01-01")
    assert {m.value for m in found} == {400, 900}
    assert only(found, 400).indicator == "配套企业集聚"


def test_a_five_year_plan_period_opening_an_undated_paragraph_still_looks_forward():
    text = "九江将加快建设先进制造业强市。\n“十四五”期间，全市新增高新技术企业1000家以上。"
    found, _ = measures(text, city="九江")
    assert (only(found, 1000).kind, only(found, 1000).year) == ("target", 2025)


@pytest.mark.parametrize("text", [
    "2022年，全市规模以上工业增加值增长8.2%，高于全省平均水平1.5个百分点。",
    "2022年，全市规模以上工业增加值增长8.2%，比全国平均水平高2.1个百分点。",
    "2022年，全市规模以上工业增加值增长8.2%，增速快于全省1.2个百分点。",
])
def test_a_gap_to_a_wider_areas_figure_is_not_a_measure(text):
    found, _ = measures(text)
    assert [(m.value, m.unit) for m in found] == [(8.2, "%")]


def test_chinese_numeral_counts_with_a_place_value_are_figures():
    found, _ = measures("2022年，全市现有规上工业企业一千二百余家，高新技术企业三百家左右，从业人员十二万人。")
    assert {(m.value, m.unit, m.qualifier) for m in found} == {
        (1200, "家", "余"), (300, "家", "左右"), (12, "万人", None)}
    assert "高新技术企业" in only(found, 300).indicator


@pytest.mark.parametrize("text", ["我市重点建设两个产业园和三大产业集群。", "引进一家龙头企业，形成千家万户受益的格局。",
                                  "全市十个重点产业领域加快发展。"])
def test_chinese_numerals_as_words_are_not_figures(text):
    found, _ = measures(text)
    assert found == []


def test_an_undated_work_report_takes_the_year_of_its_expected_figures():
    text = ("1月9日，市人代会开幕。市长代表市政府作政府工作报告，提出2024年全市地区生产总值预期增长6%左右。\n"
            "去年，全市实现地区生产总值3760.2亿元。去年集群产值是2019年的两倍。")
    found, _ = measures(text)
    assert only(found, 6).year == 2024 and only(found, 3760.2).year == 2023


def test_a_baseline_with_a_qualifier_is_still_the_baseline():
    found, _ = measures("到2025年，全市新材料产业产值由2020年的450亿元左右提高到2025年的1000亿元；"
                        "规模以上工业企业由2020年的1006家增加到1300家以上。")
    assert {(m.kind, m.value, m.year, m.baseline) for m in found} == {
        ("target", 1000, 2025, 450), ("target", 1300, 2025, 1006)}
    assert "新材料产业产值" in only(found, 1000).indicator


def test_a_relative_year_opening_a_clause_dates_the_rest_of_its_sentence_only():
    found, _ = measures("数据显示，去年全市实现地区生产总值3760.2亿元，同比增长5.5%；规模以上工业增加值增长7.2%。\n"
                        "今年公司总投资6000万元扩建，投产后年产值将达2亿元。", date="2024-01-10")
    assert {(m.value, m.year) for m in found if m.value in (3760.2, 5.5, 7.2)} == {(3760.2, 2023), (5.5, 2023), (7.2, 2023)}
    assert only(found, 2).year is None  # after the project is finished: no year was named


def test_tenths_written_成_are_figures_where_no_word_goes_on():
    found, _ = measures("2023年，高新技术产业增加值占GDP的比重超过三成，本地配套率超过七成。项目已建成投产，一批企业成为龙头。")
    assert {(m.value, m.unit, m.year) for m in found} == {(3, "成", 2023), (7, "成", 2023)}


def test_headings_say_whether_their_sections_report_or_plan_and_for_which_year():
    text = ("常州市2022年工业经济工作要点\n一、2021年工作回顾\n全市规模以上工业增加值增长4.6%，规模以上工业企业达到526家。\n"
            "二、2022年主要目标\n全市规模以上工业增加值增长8%以上；新增规模以上工业企业30家以上。\n"
            "三、重点任务\n（一）做强主导产业\n全年安排市级重点工业项目86个，总投资426.7亿元。")
    found, _ = measures(text, date="2022-03-09")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("statistic", 4.6, 2021), ("statistic", 526, 2021), ("target", 8, 2022), ("target", 30, 2022),
        ("target", 86, 2022), ("target", 426.7, 2022)}


def test_an_undated_article_is_not_dated_by_its_deadline_years():
    from policykg.extract.measures import _estimated_year

    text = ("目标明确 2025年主营收入冲刺5000亿元\n《方案》提出，到2020年，示范基地主营业务收入达到3000亿元，"
            "较2017年的2160亿元增长近四成；到2025年，力争突破5000亿元。化工产品精细化率2025年达到55%以上。\n"
            "统计数据显示，2017年，全市规模以上工业总产值增长10.5%。")
    assert _estimated_year(document_from_text(text)) == 2017
    found, _ = measures(text)
    assert only(found, 3000).kind == "target" and only(found, 3000).year == 2020
    assert not [m for m in found if m.value == 2160]  # the figure compared with is no measure


def test_an_undated_article_reporting_a_whole_year_was_written_the_year_after():
    from policykg.extract.measures import _document_year

    text = ("统计数据显示，2022年，全市规模以上工业增加值增长8.1%。\n"
            "今年一季度，全市集中开工新能源电池及配套项目28个，总投资达386亿元。")
    document = document_from_text(text)
    assert _document_year(document) == 2023
    found = find_measures(document, [Entity(id="city", name="全市", type="Place")])
    assert {(m.value, m.year) for m in found if m.value in (8.1, 28, 386)} == {(8.1, 2022), (28, 2023), (386, 2023)}
    assert _document_year(document_from_text("2022年，全市规模以上工业增加值增长8.1%。")) is None  # no 今年


def test_thresholds_unknown_units_and_the_year_of_a_plans_later_paragraphs():
    text = ("常州市2022年工业经济工作要点\n三、重点任务\n（一）做强开发区\n"
            "2021年，常州经开区获批省级经济技术开发区。\n"
            "加快开发区标准化厂房建设，年内新建标准化厂房20万平方米。\n"
            "全市主营业务收入超10亿元的工业企业达到14家。黄河旋风年产300万克拉培育钻石项目，总投资15.6亿元。")
    found, _ = measures(text, date="2022-03-09")
    assert only(found, 20).year == 2022 and only(found, 20).kind == "target"
    assert not [m for m in found if m.value in (10, 300)]
    assert only(found, 14).unit == "家"


def test_undated_counts_have_no_year_and_如今_is_the_documents_year():
    text = "如今，甲县年产木门30万樘，年产值突破12亿元。\n甲县聚集了200余家木门企业，年产门框80万套。"
    found, _ = measures(text, city="甲县", date="2026-05-01")
    assert (only(found, 12).kind, only(found, 12).year) == ("statistic", 2026)
    assert (only(found, 200).kind, only(found, 200).year) == ("statistic", None)


def test_a_lead_dated_by_its_day_makes_undated_figures_the_documents_year():
    text = "4月2日，乙区重点项目集中开工仪式举行。\n此批项目共15个，合计总投资48.5亿元。"
    found, _ = measures(text, city="乙区", date="2019-04-03")
    assert only(found, 48.5).year == 2019


def test_a_span_since_a_year_runs_to_the_documents_year():
    found, _ = measures("2016年以来，丙县新增民宿400余家。", city="丙县", date="2026-05-01")
    assert (only(found, 400).kind, only(found, 400).year) == ("statistic", 2026)


def test_a_dateline_heads_no_section_and_a_signature_date_dates_the_document():
    text = ("丁市人民政府关于某某规划（2020—2040年）的批复\n丁政函〔2020〕8号\n"
            "一、原则同意该规划。\n二、要将全市森林覆盖率稳定在45%。\n丁市人民政府\n2020年6月8日")
    found, _ = measures(text, city="丁市")
    assert (only(found, 45).kind, only(found, 45).year) == ("target", None)


def test_a_new_paragraph_reads_its_kind_afresh():
    text = "戊市将建设三个科创走廊，力争引进企业100家。\n戊市大学城汇聚了12所高校、2800余名科研人员。"
    found, _ = measures(text, city="戊市", date="2026-03-01")
    assert (only(found, 12).kind, only(found, 12).year) == ("statistic", None)
    assert only(found, 100).kind == "target"


def test_a_year_inside_an_object_is_no_topic_year():
    text = "己市将以2030年亚运会为契机推进场馆建设。\n要将己市绿地率提高到42%。"
    found, _ = measures(text, city="己市", date="2024-01-05")
    assert (only(found, 42).kind, only(found, 42).year) == ("target", None)


def test_an_undated_text_reporting_a_year_end_and_saying_今年_is_of_the_next_year():
    text = "2018年末，庚市常住人口310.5万人。\n今年前三季度，庚市地区生产总值增长6.1%。"
    found, _ = measures(text, city="庚市")
    assert (only(found, 310.5).kind, only(found, 310.5).year) == ("statistic", 2018)
    assert (only(found, 6.1).kind, only(found, 6.1).year) == ("statistic", 2019)


def test_open_units_and_titles_that_are_no_wider_scope():
    text = "辛市现有12条国际航线、2个国际机场，全国重点实验室达9家，国内游客同比增长15%，天然气产量达10亿方。"
    found, _ = measures(text, city="辛市", date="2026-01-10")
    assert {(m.value, m.unit) for m in found} == {(12, "条"), (2, "个"), (9, "家"), (15, "%"), (10, "亿方")}


def test_the_past_n_years_are_dated_by_the_last_complete_year():
    text = "过去5年，壬市经济稳中向好。全市新增城镇就业36万人，建成公园58个。"
    found, _ = measures(text, city="壬市", date="2026-04-01")
    assert {(m.kind, m.value, m.year) for m in found} == {("statistic", 36, 2025), ("statistic", 58, 2025)}


def test_project_figures_after_completion_are_targets_and_a_past_date_is_no_deadline():
    text = "2021年，癸县与某集团达成合作意向。\n项目预计投资约40亿元。项目建成达产后，年销售收入120亿元，年税收9亿元。"
    found, _ = measures(text, city="癸县")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("target", 40, None), ("target", 120, None), ("target", 9, None)}


def test_the_noun_after_a_figure_is_part_of_its_indicator():
    text = "2020年，子市以3105.5亿元GDP位列全省第三，但4.2万元的人均GDP排名靠后；同年取得18MW光伏发电指标。"
    found, _ = measures(text, city="子市", date="2021-06-01")
    assert "GDP" in only(found, 3105.5).indicator
    assert "人均GDP" in only(found, 4.2).indicator
    assert "光伏发电指标" in only(found, 18).indicator


def test_a_span_of_full_years_dates_its_figures_by_its_last_year():
    found, _ = measures("2019年至2020年，子市高校知识产权转化金额达到7.38亿元。2016年—2018年，子市新增企业120家。",
                        city="子市", date="2021-06-01")
    assert (only(found, 7.38).year, only(found, 120).year) == (2020, 2018)


def test_a_count_keeps_the_word_before_it_and_the_noun_that_ends_its_clause():
    text = "1月8日，子市重大项目集中签约，共签约26个项目。某公司拥有39个营收超过1亿元人民币的大单品。"
    found, _ = measures(text, city="子市", date="2021-06-01")
    assert "签约" in only(found, 26).indicator  # 签约 is a word, not 签 and an approximate 约
    assert "大单品" in only(found, 39).indicator


def test_a_topic_clause_gives_its_noun_and_a_day_dates_its_sentence():
    text = "丑市经济总量居前。若看人均GDP，丑市仅为5.1万元。\n5月6日，丑市某公司实现2万台量产，短短4个多月翻了一番。"
    found, _ = measures(text, city="丑市", date="2026-06-01")
    assert "人均GDP" in only(found, 5.1).indicator
    assert (only(found, 2).unit, only(found, 2).year) == ("万台", 2026)
    assert [m.value for m in found] == [5.1, 2]  # 4个多月 is a span


def test_rates_per_unit_talent_in_万_and_counts_of_one():
    text = "寅县落地了1个集中式光伏项目，并网电价为0.41元/度，产能300万吨/年，集聚35万人才。"
    found, _ = measures(text, city="寅县", date="2026-06-01")
    assert {(m.value, m.unit) for m in found} == {(0.41, "元/度"), (300, "万吨/年"), (35, "万")}


def test_lists_give_one_measure_per_item():
    text = ("2025年，卯市高新技术企业、科技型中小企业双双突破3000家；"
            "工业投资、技改投资分别增长8.2%、11.5%；交通、教育、科技以及信息化行业分别完成82.4亿元、64.5亿元和30.2亿元。")
    found, _ = measures(text, city="卯市", date="2026-03-01")
    shared = sorted(m.indicator for m in found if m.value == 3000)
    assert len(shared) == 2 and "高新技术企业" in shared[0] and "科技型中小企业" in shared[1]
    assert "技改投资" in only(found, 11.5).indicator and "工业投资" in only(found, 8.2).indicator
    assert "科技以及信息化行业" in only(found, 30.2).indicator
    assert {m.year for m in found} == {2025}


def test_ranked_counts_listed_kinds_and_latin_units():
    text = "辰市累计培育35家国家级绿色工厂，集聚了26家法律、金融、知识产权等专业服务机构，可提供超3万PFLOPS算力。"
    found, _ = measures(text, city="辰市", date="2026-03-01")
    assert "国家级绿色工厂" in only(found, 35).indicator
    assert "专业服务机构" in only(found, 26).indicator
    assert (only(found, 3).unit, only(found, 3).kind) == ("万PFLOPS", "statistic")


def test_a_year_named_mid_sentence_dates_the_rest_of_it_and_its_elapsed_months():
    text = ("巳区综合保税区2025年实现进出口总值356.9亿元，同比增长4.3%。\n"
            "2025年，巳区未来产业产值同比增长13.1%，1—10月工业投资同比增长21.7%。\n"
            "巳区研发投入占比从2020年的2.1%提高到2025年的4.6%，研发经费年均增长9.4%。")
    found, _ = measures(text, city="巳区", date="2026-03-01")
    assert {m.year for m in found if m.value != 2.1} == {2025}
    assert only(found, 2.1).year == 2020  # the start of a change between two past years
    assert {m.kind for m in found} == {"statistic"}


def test_the_coming_years_the_same_year_and_comparisons_that_do_not_date():
    text = ("午市未来5年将建设城市更新项目40个。\n"
            "2019年，午市引进项目60个，当年完成投资120亿元，比去年同期增长8%。")
    found, _ = measures(text, city="午市", date="2026-02-01")
    assert (only(found, 40).kind, only(found, 40).year) == ("target", 2030)
    assert {(m.kind, m.year) for m in found if m.value != 40} == {("statistic", 2019)}
    # 比去年同期 compares: it does not make an undated text the next year's
    assert document_years(document_from_text("2020年，未市地区生产总值比去年同期增长6%。")) == (None, 2020)


def test_bare_magnitudes_and_thresholds_as_qualifiers():
    text = "申区投产后可实现每年70亿的销售额，现有企业超1200家，近5000名科研人员。"
    found, _ = measures(text, city="申区", date="2026-02-01")
    assert only(found, 70).unit == "亿"
    assert (only(found, 1200).unit, only(found, 1200).qualifier) == ("家", "超")
    assert only(found, 5000).qualifier == "近"


def test_conversions_borrow_their_indicator_and_designed_capacities_are_targets():
    text = "酉县电站规划装机容量80万千瓦（800MW）。\n酉县建有年产20万吨负极材料项目，年产值突破9亿元。"
    found, _ = measures(text, city="酉县")
    assert "装机容量" in only(found, 800).indicator
    assert (only(found, 20).kind, only(found, 20).year) == ("target", None)
    assert only(found, 9).kind == "statistic"


def test_titles_and_quoted_names_say_nothing_of_the_figures():
    text = ("2017年，戌市印发了《戌市智慧养老行动计划（2017—2020年）》，发布地方标准12项。\n"
            "戌市推出稳经济“30条”，新增市场主体5.2万户。")
    found, _ = measures(text, city="戌市", date="2021-05-01")
    assert (only(found, 12).kind, only(found, 12).year) == ("statistic", 2017)
    assert [m.value for m in found if m.unit == "条"] == []


def test_a_sub_heading_stays_in_the_section_of_its_year():
    text = ("亥市政府工作报告\n各位代表：\n一、2025年工作回顾\n过去一年是极不平凡的一年。\n"
            "（一）持续夯实发展基础\n产业项目到位资金增长8%，新开工城市更新项目12个。\n"
            "二、2026年主要任务\n（一）全力扩大有效投资\n新开工重大项目200个。")
    found, _ = measures(text, city="亥市", date="2026-02-01")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("statistic", 8, 2025), ("statistic", 12, 2025), ("target", 200, 2026)}


def test_deadlines_at_a_year_end_and_the_ends_of_five_year_plans():
    text = ("到2027年底，甲市新增专精特新企业120家。\n“十四五”末，甲市数字经济占比达到12%。\n"
            "“十五五”期间，甲市累计建成5G基站8000个。")
    found, _ = measures(text, city="甲市", date="2024-05-01")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("target", 120, 2027), ("target", 12, 2025), ("target", 8000, 2030)}


def test_a_year_compared_with_does_not_date_an_undated_text():
    document = document_from_text("2019年，乙县工业产值达到120亿元。\n乙县工业产值比2023年增长两成。")
    assert document_years(document)[1] != 2023


# An undated period report (a statistics bureau's quarterly analysis): its figures are of the
# year after the last year it compares with, wherever they stand in it.
PERIOD_REPORT = ("常州市经济运行平稳\n"
                 "年初以来，全市上下稳中求进，主要指标全面增长。\n"
                 "一季度全市实现地区生产总值100.5亿元，同比增长2%，比2018年全年增速高0.3个百分点。"
                 "其中，二产实现增加值40.2亿元，增长1.5%。\n"
                 "全市实现社会消费品零售总额50.3亿元，同比增长5%。"
                 "从隶属关系看，中直工业实现增加值26.8亿元，同比下降3.5%。\n"
                 "一季度末，全市生猪存栏8.9万头，家禽出栏61.3万只，航班起降3.3万架次。")


def test_undated_period_report_dates_its_figures_by_what_it_compares_with():
    assert document_years(document_from_text(PERIOD_REPORT)) == (None, 2019)
    found, _ = measures(PERIOD_REPORT)
    for value in (100.5, 2, 40.2, 50.3, 5, 26.8, 3.5, 8.9):
        assert only(found, value).year == 2019, value


def test_a_fall_borrows_the_noun_before_it():
    found, _ = measures(PERIOD_REPORT)
    assert "中直工业" in only(found, 3.5).indicator
    assert only(found, 3.5).kind == "statistic"


@pytest.mark.parametrize("value, unit", [(8.9, "万头"), (61.3, "万只"), (3.3, "万架次")])
def test_counted_units_of_livestock_and_flights(value, unit):
    found, _ = measures(PERIOD_REPORT)
    assert only(found, value).unit == unit


def test_an_undated_document_leaves_last_years_half_undated():
    text = "2020年，全市签约项目242项。\n去年上半年，全市新签约工业项目116项，总投资达到408.6亿元。"
    found, _ = measures(text)
    assert only(found, 116).year is None
    assert only(found, 242).year == 2020


def test_an_undated_text_is_not_dated_by_plan_periods_or_long_range_goals():
    text = ("11月2日，某省印发《制造业攻坚行动方案（2021—2023年）》。"
            "去年3月，某省出台意见明确提出：“2020-2025年，工业用地比例不低于30%”。"
            "某省获批示范区，要求“2035年基本实现共同富裕”。\n前三季度，全市实现规上工业增加值14578亿元。")
    year, reference = document_years(document_from_text(text))
    assert year is None and reference == 2021  # the plan of 2021—2023 was issued, no later
    found, _ = measures(text)
    assert only(found, 14578).year == 2021


def test_a_campaign_of_n_years_sets_targets_for_its_last_year():
    text = "此次方案提出，通过3年攻坚，全市规上工业亩均税收达到37万元，亩均增加值达到180万元。"
    found, _ = measures(text, date="2021-11-05")
    assert only(found, 37).kind == "target" and only(found, 37).year == 2023
    assert only(found, 180).year == 2023


@pytest.mark.parametrize("text, value, unit", [("数码港耗资130亿港元建成。", 130, "亿港元"),
                                               ("记者走访了园内250多间公司。", 250, "间"),
                                               ("项目总投资5亿欧元。", 5, "亿欧元"),
                                               ("全市年平均日照时数2200小时。", 2200, "小时"),
                                               ("腾出用能400万吨标准煤。", 400, "万吨标准煤")])
def test_currencies_and_the_hong_kong_counter(text, value, unit):
    found, _ = measures(text)
    assert only(found, value).unit == unit


def test_a_policys_incentive_terms_are_no_measures():
    text = ("给予三年房租补贴，单个企业累计补贴金额不超过100万元。对新认定的创新中心分别给予200万元、100万元、"
            "50万元奖励。按照项目总投入的30%给予奖励。租赁场地面积在300平方米以内的企业免租。"
            "2022年，全市实现地区生产总值3000亿元。")
    found, _ = measures(text)
    assert {m.value for m in found} == {3000}
    # a standard a report states is a figure (按照2000元/年的标准给予补偿: what the workers got)
    found, _ = measures("工业园关闭之际，按照2000元/年的标准给予补偿。")
    assert only(found, 2000).unit == "元/年"


def test_an_hour_that_names_a_commuting_circle_is_no_figure():
    found, _ = measures("构建1小时通勤圈。全市年平均日照时数2200小时。")
    assert [m.value for m in found] == [2200]


def test_a_planned_area_is_the_size_of_the_area_not_a_target():
    found, _ = measures("临港产业区规划面积247平方公里，总规划占地面积441亩。园区规划到2025年产值达到100亿元。")
    assert only(found, 247).kind == "statistic" and only(found, 441).kind == "statistic"
    assert only(found, 100).kind == "target"


def test_a_bare_magnitude_before_what_it_measures_and_prices_per_litre():
    found, _ = measures("全市的发展目标是冲击4000亿产值。2022年价格为7.06元/升，比普通汽油便宜0.4元/升。三百万克拉钻石。")
    assert only(found, 4000).unit == "亿" and "产值" in only(found, 4000).indicator
    assert only(found, 7.06).unit == "元/升"
    assert not [m for m in found if m.value == 300]


def test_a_statistical_bulletin_reports_its_title_year_throughout():
    text = ("某市2022年国民经济和社会发展统计公报\n初步核算，全年全市地区生产总值3616.8亿元，比上年增长5.5%。"
            "其中，第一产业增加值256.2亿元，增长4.1%。年末全市常住人口383.37万人。")
    year, _ = document_years(document_from_text(text))
    assert year == 2022
    found, _ = measures(text)
    assert {m.year for m in found} == {2022} and len(found) == 5


def test_a_projects_targets_take_the_completion_year_stated_after_them():
    text = ("项目计划投资约1.37亿元，主要建设5台风电机组，总装机量21.65MW。项目计划将于2023年7月前完成建设。\n"
            "另一个项目计划投资2亿元。")
    found, _ = measures(text, date="2022-08-01")
    assert only(found, 1.37).year == 2023 and only(found, 21.65).year == 2023
    assert only(found, 2).year is None  # no completion year in its paragraph


def test_digits_of_web_addresses_and_markup_are_no_figures():
    text = ("相关报道：[云溪园的下一步](https://example.org/news/2031/%E4%BA%91%E6%BA%AA%E5%9B%AD-77%E5%8F%B7) ，"
            "<img src=\"https://img.example.org/2019/05/park-12_88.png\" alt=\"\">"
            "园区去年引进企业35家，www.yunxi-park.cn/list/50%20off 可查。")
    found, _ = measures(text, date="2020-06-01")
    assert [(m.value, m.unit) for m in found] == [(35, "家")]


def test_an_estimate_of_a_past_year_is_a_statistic():
    text = "2029年，预计全县完成工业总产值88.5亿元，增长9.1%；实现税收4.2亿元。预计到2032年，工业总产值将突破120亿元。"
    found, _ = measures(text, city="青溪", date="2030-02-10")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("statistic", 88.5, 2029), ("statistic", 9.1, 2029), ("statistic", 4.2, 2029), ("target", 120, 2032)}


def test_respective_lists_keep_the_verb_and_the_items_of_the_clause_before():
    text = ("2030年，全县消费税8.6亿元、资源税2.4亿元，同比分别增长12.5%、3.1%；"
            "茶叶、竹木产量分别增长6%和4%；人均收入年均增长5.2%、6.3%。")
    found, _ = measures(text, city="青溪", date="2031-01-20")
    assert "消费税" in only(found, 12.5).indicator and "资源税" in only(found, 3.1).indicator
    assert "增长" in only(found, 12.5).indicator
    assert "竹木" in only(found, 4).indicator and "增长" in only(found, 4).indicator
    assert "年均增长" in only(found, 6.3).indicator  # 、 continues the figure before


def test_a_work_report_is_of_the_year_its_title_names_and_n_years_since_ends_last_year():
    text = "青溪县2031年政府工作报告\n五年来，全县累计完成固定资产投资355亿元，年均增长9.5%。\n2030年，预计完成地区生产总值120亿元。"
    document = document_from_text(text)
    assert document_years(document) == (2031, 2031)
    found, _ = measures(text, city="青溪")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("statistic", 355, 2030), ("statistic", 9.5, 2030), ("statistic", 120, 2030)}


def test_a_change_between_two_past_years_gives_two_statistics_and_a_target_keeps_its_baseline():
    text = ("青溪县茶叶出口额从2027年的12.5亿元增至2029年的20.4亿元，年均增长27.7%。"
            "到2033年，森林覆盖率由2029年的61.2%提高至65%左右。")
    found, _ = measures(text, city="青溪", date="2030-04-01")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("statistic", 12.5, 2027), ("statistic", 20.4, 2029), ("statistic", 27.7, 2029), ("target", 65, 2033)}
    assert all("茶叶出口额" in m.indicator for m in found if m.kind == "statistic")
    assert "森林覆盖率" in only(found, 65).indicator and only(found, 65).baseline == 61.2


def test_each_year_of_a_clause_dates_the_figures_after_it_and_opens_no_paragraph():
    text = "青溪茶园产值逐年增加（2027年产值为8.4亿元、2028年产值为9.6亿元）。全县已建成茶叶加工厂12家。"
    found, _ = measures(text, city="青溪", date="2029-03-01")
    assert (only(found, 8.4).year, only(found, 9.6).year) == (2027, 2028)
    assert only(found, 12).year is None  # no one year heads the paragraph


def test_the_present_in_an_undated_text_ends_the_year_carried_from_before():
    text = "2011年，青溪设立科创基金。截至今天，基金累计投资已近50亿元；及至现在，逾80家企业在此落户。"
    found, _ = measures(text, city="青溪")
    assert {(m.kind, m.value, m.year) for m in found} == {("statistic", 50, None), ("statistic", 80, None)}


def test_a_plan_named_as_a_noun_is_no_forward_cue_and_a_reported_subsidy_total_is_a_figure():
    text = "2028年，青溪核定资助新材料、电子信息等领域共计9家企业之研发计划，资助总额为2,450万元。"
    found, _ = measures(text, city="青溪", date="2029-01-05")
    assert {(m.kind, m.value, m.year) for m in found} == {("statistic", 9, 2028), ("statistic", 2450, 2028)}


def test_a_project_built_in_phases_describes_what_is_to_be_built():
    text = "青溪电子有限公司由青溪控股投资8亿元设立，项目分两期建设，一期建设约6万平方米厂房。"
    found, _ = measures(text, city="青溪", date="2029-03-25")
    assert only(found, 6).kind == "target"


def test_an_aside_dates_only_its_own_figures_and_years_listed_before_fenbie_pair_with_them():
    text = "2030年，全县茶叶加工业实现增加值12.4亿元，同比增长7.2%（2028和2029年同期增速分别为4.1%、5.5%），单位产值能耗为0.52吨标准煤/万元。"
    found, _ = measures(text, city="青溪", date="2031-02-01")
    assert {(m.value, m.year) for m in found} == {(12.4, 2030), (7.2, 2030), (4.1, 2028), (5.5, 2029), (0.52, 2030)}
    assert only(found, 0.52).unit == "吨标准煤/万元"


def test_a_year_called_just_past_dates_the_text_and_a_whole_year_reported_is_the_last():
    text = ("刚刚过去的2029年是青溪发展的关键一年。\n2029年，全县实现地区生产总值88亿元。\n"
            "全年新增规上企业12家。茶叶加工厂有望在2030年7月建成投产。")
    assert document_years(document_from_text(text))[0] == 2030
    found, _ = measures(text, city="青溪")
    assert {(m.kind, m.value, m.year) for m in found} == {("statistic", 88, 2029), ("statistic", 12, 2029)}


def test_a_whole_year_reported_in_a_dated_text_is_the_last_complete_one():
    found, _ = measures("全年新增规上企业12家，全县规上工业增加值增长6%。", city="青溪", date="2030-02-01")
    assert only(found, 12).year == 2029
    found, _ = measures("全年新增规上企业12家。", city="青溪", date="2030-12-28")
    assert only(found, 12).year == 2030


def test_a_plans_targets_take_the_end_of_the_period_its_title_names():
    text = ("青溪县印发《茶产业提质攻坚行动方案（2031—2033年）》。\n"
            "此次方案提出，通过3年攻坚，全县茶叶亩均产值达到1.2万元，整治提升茶企300家。")
    found, _ = measures(text, city="青溪")
    assert {(m.kind, m.value, m.year) for m in found} == {("target", 1.2, 2033), ("target", 300, 2033)}


def test_a_days_and_a_holidays_figures_are_of_the_documents_year():
    text = ("仅10月1日至7日国庆长假期间，青溪县接待游客25万人次，同比增长89%；门票收入854万元。"
            "国庆节期间新景区共接待游客6.2万人次。截至10月7日，实现组团455人。")
    found, _ = measures(text, city="青溪", date="2030-12-05")
    assert {m.year for m in found} == {2030} and len(found) == 5


def test_a_quote_in_brackets_and_the_end_of_a_percent_range_are_no_figures():
    text = "青溪电器(23.41,-0.52,-2.17%)股份有限公司投入资金800万元，只花了正常投资的10%-20%。"
    found, _ = measures(text, city="青溪", date="2030-05-04")
    assert sorted(m.value for m in found) == [800]  # a range (10%-20%) is no one figure


def test_a_programme_named_with_jihua_is_no_forward_cue_and_jinri_is_the_documents_year():
    text = "科技支援计划下，由研发中心进行的25个项目内，有13个未进行评估。近日，青溪已有120多辆汽车上路。"
    found, _ = measures(text, city="青溪", date="2030-04-14")
    assert {m.kind for m in found} == {"statistic"}
    assert only(found, 120).year == 2030


def test_the_present_opening_a_clause_ends_a_year_carried_through_a_list_in_an_undated_text():
    text = "●2019年7月，当局承诺会：\n●截至今年5月底，当局只收回2,280万元；\n●在239个已完成项目中，有60%没有还款。"
    found, _ = measures(text, city="青溪")
    assert {m.year for m in found} == {None}


def test_tax_rates_of_a_rule_and_thresholds_that_qualify_a_noun_are_no_figures():
    text = ("凡当年出口产值达到七成以上的，可以减按10%的税率缴纳企业所得税。"
            "青溪获得利用外资800万美元以下审批权，引进5000万元以上项目12个。")
    found, _ = measures(text, city="青溪", date="2030-05-04")
    assert [m.value for m in found] == [12]


def test_n_years_since_in_news_is_not_shifted_to_last_year():
    found, _ = measures("十年来，青溪累计接待游客6.3亿人次。", city="青溪", date="2030-07-31")
    assert only(found, 6.3).year != 2029


def test_a_list_of_class_bounds_is_no_figure_and_a_year_end_deadline_is_this_year():
    text = "对营业收入首次突破800亿元、300亿元、50亿元的法人企业，分别给予奖励。年底前，全县网上可办率不低于90%。"
    found, _ = measures(text, city="青溪", date="2031-03-21")
    assert [(m.kind, m.value, m.year) for m in found] == [("target", 90, 2031)]


def test_dangshi_points_back_to_the_last_year_named():
    text = "据介绍，2014年5月，青溪茶厂面临危机。\n资料显示，外地企业当时投入流动资金1500万元，同时以技术折价270万元入股。"
    found, _ = measures(text, city="青溪", date="2031-04-06")
    assert (only(found, 1500).year, only(found, 270).year) == (2014, 2014)


def test_a_quoted_jinnian_dates_its_sentence_and_the_years_scope_words_in_it():
    text = "2029年，全县数字经济增长12%。\n局长说，“今年谋划新续建项目27个，计划年内完成投资103亿元。"
    found, _ = measures(text, city="青溪", date="2031-04-06")
    assert {(m.kind, m.value, m.year) for m in found if m.value != 12} == {("target", 27, 2031), ("target", 103, 2031)}


def test_in_a_report_of_the_year_so_far_undated_plans_are_of_that_year():
    text = ("年初以来，全县经济运行平稳。\n一季度全县实现地区生产总值62.9亿元，同比增长2%，比2029年全年增速高0.3个百分点。\n"
            "据农委统计，全县计划播种面积112万亩。")
    found, _ = measures(text, city="青溪")
    assert (only(found, 112).kind, only(found, 112).year) == ("target", 2030)
    assert only(found, 62.9).year == 2030


def test_a_span_that_ends_a_heading_run_into_its_paragraph_dates_what_follows():
    text = "青溪县2031年政府工作报告\n（一）注重效益，综合实力显著增强 四年来，全县累计完成固定资产投资80.8亿元，年均增长28.3%。"
    found, _ = measures(text, city="青溪")
    assert {m.year for m in found} == {2030}


def test_a_holiday_opening_a_clause_dates_the_rest_of_its_sentence():
    found, _ = measures("国庆节期间新景区共接待游客6.2万人次，旅游经营收入达182.98万元。", city="青溪", date="2030-12-05")
    assert {m.year for m in found} == {2030}


def test_a_year_after_a_modal_is_a_deadline_and_opens_no_paragraph():
    text = "2029年，全县引进项目11项。上述项目可在2030年形成建设高潮。另有在谈项目8个，总投资约30亿元。"
    found, _ = measures(text, city="青溪", date="2030-02-01")
    assert (only(found, 8).kind, only(found, 8).year) == ("statistic", 2029)


def test_distances_radii_and_the_following_n_are_no_figures():
    text = ("园区坐落在大学路，距高速出口1.8公里，距离机场和高铁站分别为40公里、18公里。"
            "方圆约3公里内，园区提供以下十条服务，入驻企业300家。")
    found, _ = measures(text, city="青溪", date="2030-05-01")
    assert [m.value for m in found] == [300]


def test_a_work_reports_review_section_is_of_the_year_just_ended_and_its_plans_of_this_year():
    text = ("青溪县2031年政府工作报告\n一、工作回顾\n过去一年，全县上下团结奋斗。\n"
            "一是稳增长。全县规上工业增加值增长7.5%，社会消费品零售总额增长3.9%。\n"
            "二、2031年重点工作\n建设10个乡镇养老服务中心，完成1000个行政村生活污水治理。")
    found, _ = measures(text, city="青溪")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("statistic", 7.5, 2030), ("statistic", 3.9, 2030), ("target", 10, 2031), ("target", 1000, 2031)}


def test_a_span_up_to_now_reports_and_a_short_quoted_figure_is_a_name():
    text = ("到2035年，引进基金机构超过500家。自2029年5月30日至今，青溪基金小镇已引进机构183家。"
            "以主城和“117项目”片区为主线，做到“4个85%”。")
    found, _ = measures(text, city="青溪")
    assert (only(found, 183).kind, only(found, 183).year) == ("statistic", None)
    assert {m.value for m in found} == {500, 183}


def test_a_bound_of_a_class_is_no_figure_but_an_attribute_over_a_bound_is():
    text = "青溪成为全省首个经济总量突破5000亿元的县，远低于邻市超3000亿元的经济体量。开展抽检超2.3万批次。"
    found, _ = measures(text, city="青溪", date="2030-05-01")
    assert {(m.value, m.unit) for m in found} == {(3000, "亿元"), (2.3, "万批次")}


def test_a_bound_before_a_non_class_noun_is_a_figure_and_a_generic_noun_heading_a_compound_counts():
    text = ("青溪形成轨道交通装备产业集群规模达180亿元以上的发展格局。"
            "凡出口产值达到产品产值70%以上的，可以减按10%的税率缴纳。“十五五”时期，青溪将谋划近50个城市更新项目。")
    found, _ = measures(text, city="青溪", date="2026-03-01")
    assert {m.value for m in found} == {180, 50}


def test_a_year_closing_the_sentence_dates_its_figures_and_a_capacity_is_a_target():
    text = "应用场景达77个，40项政策“免申即享”，满意度保持在90%以上……2029年，青溪营商环境交出优异答卷。"
    found, _ = measures(text, city="青溪", date="2030-03-04")
    assert {(m.kind, m.year) for m in found} == {("statistic", 2029)} and len(found) == 3
    found, _ = measures("新机场可满足年旅客吞吐量4300万人次。", city="青溪", date="2030-03-04")
    assert only(found, 4300).kind == "target"


def test_jiangjin_yidu_and_a_past_deadline_reached_report():
    text = ("青溪科技进步贡献率提高了将近5个百分点。贫困发生率一度达到57.9%。"
            "到2027年，消费对经济增长的贡献率已经接近六成。")
    found, _ = measures(text, city="青溪", date="2028-03-01")
    assert {m.kind for m in found} == {"statistic"}
    assert only(found, 6).year == 2027


def test_the_end_of_a_span_of_years_is_a_reported_year_not_a_deadline():
    """An undated review (2012年至2022年, 从2012年的…发展到2022年) is of its span's last year."""
    text = "青溪十年发展综述\n2012年至2022年，工业增加值增长1.77倍。2022年，全区地区生产总值达到2132亿元。"
    found, _ = measures(text, city="青溪")
    assert (only(found, 2132).kind, only(found, 2132).year) == ("statistic", 2022)
    from_to = document_from_text("青溪综述\n市场主体从2012年的12万户发展到2022年的43万户。2022年，外贸总值46亿元。")
    assert document_years(from_to) == (None, 2022)


def test_a_time_limit_in_working_days_is_no_figure():
    found, _ = measures("甲方在本协议签订后5个工作日内支付补偿，青溪已有企业12家签约。", city="青溪", date="2030-01-01")
    assert [m.value for m in found] == [12]


def test_a_decrease_keeps_its_direction_in_the_indicator_and_its_value_as_written():
    found, _ = measures("全县单位GDP能耗同比下降3.2%，规上工业增加值增长5%。", city="青溪", date="2031-01-01")
    assert (only(found, 3.2).value, only(found, 3.2).indicator) == (3.2, "单位GDP能耗…下降")
    assert "下降" not in only(found, 5).indicator


def test_a_pronoun_indicator_borrows_the_clause_before():
    text = "外界质疑，[何以对甲园及乙园拨款金额不一](https://example.org/a)，何以前者获100亿元、后者仅获3亿元。"
    found, _ = measures(text, city="青溪", date="2030-01-01")
    assert all("拨款" in m.indicator for m in found) and {m.value for m in found} == {100, 3}


def test_the_noun_after_a_bracketed_gloss_and_the_unit_ben():
    found, _ = measures("青溪可提供超2万PFLOPS（每秒千万亿次浮点运算）的算力，办理签证236本，5本市企业入选。",
                        city="青溪", date="2030-01-01")
    assert "算力" in only(found, 2).indicator
    assert {(m.value, m.unit) for m in found} == {(2, "万PFLOPS"), (236, "本")}


def test_a_bare_amount_takes_the_noun_its_sentence_opens_with():
    text = "年初以来，设施农业发展步伐加快，种植面积达到3242公顷，实现增加值2.3亿元。"
    found, _ = measures(text, city="青溪", date="2030-06-01")
    assert "设施农业" in only(found, 2.3).indicator


def test_a_reach_over_generic_places_is_counted():
    found, _ = measures("2029年青溪班列覆盖欧亚130余个城市，涉及3个方面。", city="青溪", date="2030-01-01")
    assert [m.value for m in found] == [130]


def test_a_title_that_opens_with_a_year_and_a_scope_word_dates_the_figures_below_it():
    text = ("2024年全县经济运行稳中有进\n发布日期：2025-01-20\n"
            "根据统一核算，全县地区生产总值312.5亿元，增长5.1%。\n规模以上工业增加值增长7.2%。\n")
    measures = find_measures(document_from_text(text), [])
    assert measures and all(m.year == 2024 for m in measures if m.kind == "statistic")
    text = "全县经济运行稳中有进\n发布日期：2025-01-20\n规模以上工业增加值增长7.2%。\n"
    assert all(m.year != 2024 for m in find_measures(document_from_text(text), []))


def test_a_year_clause_going_on_from_a_forecast_is_a_target_too():
    text = "2015年该产业集群实现工业总产值88亿元。预计2016年实现产值120亿元，2017年实现产值150亿元。"
    found = {(m.kind, m.value, m.year) for m in find_measures(document_from_text(text), [])}
    assert {("statistic", 88, 2015), ("target", 120, 2016), ("target", 150, 2017)} <= found


def test_a_gap_in_percentage_points_and_a_count_of_buildings_are_no_measures():
    text = "2022年，全市规模以上工业增加值增长8.2%，拉动全市经济增长1.3个百分点。园区建成标准化厂房41栋。"
    found = {(m.value, m.unit) for m in find_measures(document_from_text(text), [])}
    assert (8.2, "%") in found
    assert not any(unit in ("个百分点", "栋") for _, unit in found)


def test_spindles_kilograms_and_gigawatts_are_units():
    text = "2024年，园区纺锭规模27.4万锭，粮食亩产498.68公斤，逆变器产能为1吉瓦。"
    found = {(m.value, m.unit) for m in find_measures(document_from_text(text), [])}
    assert {(27.4, "万锭"), (498.68, "公斤"), (1, "吉瓦")} <= found


def test_分别_figures_measure_the_items_the_clause_before_lists():
    text = "2025年，全市航空、新能源、电子信息产业链发展较快，规上工业增加值分别增长30.7%、16.9%、13.0%。"
    found = {m.value: m.indicator for m in find_measures(document_from_text(text), []) if m.unit == "%"}
    assert found[30.7].startswith("航空") and found[16.9].startswith("新能源") and found[13.0].startswith("电子信息")


def test_拟_inside_a_word_and_a_share_of_the_annual_plan_set_no_target():
    text = ("2025年全县经济运行稳中有进\n其中虚拟现实设备、平板电脑等产品增势较好，分别增长627.3%、30.9%。"
            "全县120个重点项目完成投资占年度计划投资109.7%。")
    kinds = {m.value: m.kind for m in find_measures(document_from_text(text), [])}
    assert kinds[627.3] == kinds[30.9] == kinds[109.7] == "statistic"


def test_a_work_report_dates_its_undated_statistics_last_year_and_its_undated_targets_this_year():
    text = ("青溪县2031年政府工作报告\n各位代表：\n新增专精特新企业56家，建成投产项目12个。\n"
            "全年力争新增高新技术企业30家以上。")
    found, _ = measures(text, city="青溪")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("statistic", 56, 2030), ("statistic", 12, 2030), ("target", 30, 2031)}
    # a news item dates nothing it does not date
    found, _ = measures("青溪县新增专精特新企业56家。", city="青溪", date="2031-05-01")
    assert only(found, 56).year is None


def test_a_work_report_paragraph_that_only_plans_gives_targets_of_the_reports_year():
    text = ("青溪县2031年政府工作报告\n各位代表：\n"
            "推动科技创新和产业创新深度融合。加强关键核心技术攻关，实施30项县科技重大专项，新认定高新技术企业130家。\n"
            "一年来，新增专精特新企业56家。")
    found, _ = measures(text, city="青溪")
    assert {(m.kind, m.value, m.year) for m in found} == {
        ("target", 30, 2031), ("target", 130, 2031), ("statistic", 56, 2030)}


def test_by_a_year_with_a_past_marker_is_no_deadline_so_that_years_figures_are_statistics():
    text = ("到1990年，开发区累计兴办外引内联项目70个。至1990年已建成企业10家。"
            "1990年该厂共生产电动机2100台，实现产值426万元。")
    assert document_years(document_from_text(text)) == (None, 1990)  # 1990 is the year the text reports
    found, _ = measures(text, city="青溪")
    assert (only(found, 70).kind, only(found, 70).year) == ("statistic", 1990)
    assert (only(found, 426).kind, only(found, 426).year) == ("statistic", 1990)


def test_electricity_in_du_area_in_square_metre_sign_and_computing_power_are_units():
    text = "2026年，全区发电量96.6亿度，陶瓷墙地砖产量858万㎡，算力达2万PFLOPS。气温零下20度。"
    found, _ = measures(text, city="青溪", date="2027-01-10")
    assert {(m.value, m.unit) for m in found} >= {(96.6, "亿度"), (858, "万㎡"), (2, "万PFLOPS")}
    assert not [m for m in found if m.unit == "度"]  # a temperature, no output of a plant


def test_an_undated_report_whose_lead_opens_with_a_year_reports_that_year_throughout():
    found, _ = measures("平川区\n第二产业\n2016年，全区原煤产量996万吨，较上年减少109万吨，下降9.9%。\n"
                        "全区工业总产值101.9亿元，下降5.3%；规上工业企业总产值99.13亿元，下降7%。", city="平川")
    assert only(found, 101.9).year == 2016 and only(found, 99.13).year == 2016


def test_a_lead_that_dates_a_story_gives_its_later_figures_no_year():
    found, _ = measures("某市工业发展纪实\n2010年，市郊一家工厂出了一则震惊全省的新闻。\n"
                        "如今，这家工厂拥有员工1.6万人，年产值50亿元。")
    assert only(found, 50).year is None


def test_an_undated_target_is_kept_only_as_what_a_project_or_plan_is_to_reach():
    text = ("业内人士称，现在建一条产线，至少要投入十亿元。\n"
            "项目建成达产后，年销售收入300亿元。")
    found, _ = measures(text, city="青溪")
    assert only(found, 300).kind == "target" and only(found, 300).year is None
    assert not [m for m in found if m.value == 10]  # what a line costs, no target of anyone's


def test_a_sites_area_is_of_no_period_but_a_years_sown_area_and_a_dated_clause_are():
    found, _ = measures("2013年，园区规划面积30平方公里，建成区面积12平方公里，实现产值50亿元，全市播种面积90万亩。"
                        "2014年规划面积扩大到40平方公里。", date="2014-03-01")
    assert only(found, 30).year is None and only(found, 12).year is None
    assert only(found, 50).year == 2013 and only(found, 90).year == 2013
    assert only(found, 40).year == 2014


def test_taiwans_calendar_dates_a_figure_and_a_three_digit_count_of_years_does_not():
    found, _ = measures("截至100年底，雨水下水道總長度約522.158公里。民國85年，投资3亿元。该厂建厂105年，产值8亿元。",
                        date="2014-05-01")
    assert only(found, 522.158).year == 2011 and only(found, 3).year == 1996
    assert only(found, 8).year != 2016
    half, _ = measures("科學園區107年上半年營業額達2,498億元，較去年同期成長8.5%。")
    assert only(half, 2498).year == 2018 and only(half, 8.5).year == 2018  # 107年上半年: the first half of 2018


def test_an_estimate_is_a_target_of_its_own_sentence_only():
    found, _ = measures("全市研发投入强度预计达3.2%，创新能力继续保持全国第4位。加大人才引育力度，新增高技能人才39万人。",
                        date="2024-12-20")
    assert only(found, 3.2).kind == "target"
    assert only(found, 39).kind == "statistic"  # (dropped before: an undated target)


def test_a_text_looking_back_on_a_five_year_plan_reports_through_its_last_year():
    text = ("“十四五”时期是本省发展历程中极不平凡的五年。地区生产总值达14.2万亿元，年均增长5.7%。\n"
            "城镇新增就业690万人，高新技术产业产值占规上工业比重达52.1%。")
    found, _ = measures(text, city="江苏")
    assert {(m.value, m.kind, m.year) for m in found} >= {
        (14.2, "statistic", 2025), (5.7, "statistic", 2025), (690, "statistic", 2025), (52.1, "statistic", 2025)}
    plain, _ = measures("城镇新增就业690万人，高新技术产业产值占规上工业比重达52.1%。", city="江苏")
    assert only(plain, 690).year is None  # no period looked back on: undated


def test_a_growth_rate_or_an_elapsed_part_of_a_year_is_of_the_year_the_text_reports():
    text = ("2027年1-4月，丁州经济稳步恢复。\n"
            "5月20日，市统计局发布1-4月数据显示，规模以上工业增加值412.5亿元，同比增长9.3%。\n"
            "固定资产投资增长6.1%，其中，制造业投资增长12.4%。\n"
            "全市现有规上企业860家。")
    found, _ = measures(text, city="丁州")
    assert {(m.value, m.year) for m in found if m.value in (412.5, 9.3, 6.1, 12.4)} == {
        (412.5, 2027), (9.3, 2027), (6.1, 2027), (12.4, 2027)}
    assert only(found, 860).year is None  # a count the text does not date stays undated
    last, _ = measures("2027年1-4月，丁州经济稳步恢复。\n去年1-4月，规模以上工业增加值380亿元。", city="丁州")
    assert only(last, 380).year != 2027


def test_a_sites_area_is_a_statistic_even_beside_a_plan_but_an_area_to_reach_by_a_year_is_a_target():
    found, _ = measures("规划面积15.8平方公里,计划三年建成。项目计划投资5.1亿元,占地面积35亩,将建设研发基地。"
                        "到2030年,建成区面积达到50平方公里。", date="2022-05-01")
    assert (only(found, 15.8).kind, only(found, 15.8).year) == ("statistic", None)
    assert only(found, 35).kind == "statistic"
    assert (only(found, 50).kind, only(found, 50).year) == ("target", 2030)


def test_a_span_since_a_year_is_of_the_documents_year_not_of_the_year_it_starts():
    found, _ = measures("自2013年产业园建设以来,已累计征地1.64万亩。自2018年首次评选至今，该企业累计有7座灯塔工厂入选。"
                        "2019年，全市实现产值50亿元。", date="2024-05-01")
    assert only(found, 1.64).year == 2024 and only(found, 7).year == 2024
    assert only(found, 50).year == 2019
    undated, _ = measures("自2013年产业园建设以来,已累计征地1.64万亩。")
    assert only(undated, 1.64).year is None
