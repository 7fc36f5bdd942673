"""Normalisation that keeps offsets: compatibility forms, Traditional -> Simplified."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.evaluation import score
from policykg.extract import normalise
from policykg.extract.document import document_from_text, read_document
from policykg.extract.layout import repair
from policykg.extract.pipeline import extract_document
from policykg.samples import sample_path

# Written for this test: Traditional industrial-policy prose (a park, a demonstration zone,
# a plan, agencies, an enterprise, a cluster).
TRADITIONAL = (
    "蘇州工業園區加快建設國家級產業示範區\n"
    "2023年6月8日 來源：蘇州市人民政府\n"
    "近日，蘇州市人民政府印發《蘇州工業園區產業高質量發展三年行動計劃》，提出到2025年，"
    "園區工業總產值突破8000億元。蘇州工業園區將以納米技術應用產業為重點，"
    "推動建設國家新型工業化產業示範基地。\n"
    "江蘇省工業和信息化廳表示，將支持信達生物製藥（蘇州）有限公司等企業擴大產能，"
    "打造生物醫藥產業集群。\n")
# A PDF text layer that gives Kangxi radicals for ideographs (⼯ U+2F2F, ⾼ U+2FBC, ⼭ U+2F2D).
KANGXI = ("东莞市⼯业和信息化局关于开展２０２３年⾼新技术企业培育⼯作的通知\n\n各园区：\n\n"
          "为推动⾼质量发展，东莞市⼯业和信息化局将联合松⼭湖⾼新区管委会开展培育⼯作。\n")


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def provenance_ok(extraction: dict, original: str) -> None:
    """Every mention and evidence: its text IS the original slice, and the original slice,
    normalised, is the clean text the extractor saw."""
    spans = [m for e in extraction["entities"] for m in e["mentions"]]
    spans += [x["evidence"] for x in extraction["relations"] + extraction["measures"]]
    assert spans
    for span in spans:
        assert span["text"] == original[span["start"]:span["end"]]


# ---------------------------------------------------------------- compatibility forms

def test_kangxi_radicals_and_full_width_letters_and_digits_are_mapped():
    assert normalise.compat("东莞市⼯业和信息化局") == "东莞市工业和信息化局"
    assert normalise.compat("⾼新区⼀期") == "高新区一期"
    assert normalise.compat("ＧＤＰ增长１２．５％") == "GDP增长12．5％"
    assert normalise.compat("\uf9dc") == "隆"  # a CJK compatibility ideograph


@pytest.mark.parametrize("ch", list("，。：；（）“”‘’！？、％～．【】《》「」") + ["\u3000", "\xa0", "①", "㈠", "⒈"])
def test_punctuation_white_space_and_numbering_are_kept(ch):
    # NFKC would change most of them (， -> , and ① -> 1): the rules are written for these forms
    assert normalise.compat(f"甲{ch}乙") == f"甲{ch}乙"


def test_nfkc_would_change_the_punctuation_that_is_kept():
    changed = [ch for ch in "，：；（）！？％" if unicodedata.normalize("NFKC", ch) != ch]
    assert changed == list("，：；（）！？％")  # hence the deliberate exclusion


def test_ascii_clause_marks_in_chinese_text_read_as_full_width_but_not_in_numbers_or_latin():
    assert normalise.clause_marks("机遇,引入中铝、魏桥等企业;产能提升:明显!") == "机遇，引入中铝、魏桥等企业；产能提升：明显！"
    assert normalise.clause_marks("投资1,000万元,增长12%,达到") == "投资1,000万元，增长12%，达到"
    assert normalise.clause_marks("Made in China 2025, Inc.: 10:30") == "Made in China 2025, Inc.: 10:30"
    text = "本文没有英文标点。"
    assert normalise.normalise(text).text is text


def test_a_text_punctuated_with_ascii_commas_reads_like_one_with_full_width_commas():
    """Pages and PDFs often punctuate Chinese with ASCII marks; the rules read them alike (here
    the clause that names the holder of a title ends at the comma, whichever it is)."""
    def read(text: str) -> tuple[set, set]:
        data = extract_document(document_from_text(text)).to_dict()
        names = {e["id"]: e["name"] for e in data["entities"]}
        return ({(e["type"], e["name"]) for e in data["entities"]},
                {(names[r["head"]], r["relation"], names[r["tail"]]) for r in data["relations"]})
    full = "综述。\n此外，该县建立了全国唯一的羊绒小镇，吸引600余家企业入驻，被授予国家纺织服装创意设计示范园区称号。\n"
    assert read(full.replace("，", ",")) == read(full)


def test_normalised_text_has_the_length_of_the_original():
    for text in (TRADITIONAL, KANGXI, "乾隆年间，乾燥的天氣。著名的著作"):
        assert len(normalise.normalise(text).text) == len(text)


# ---------------------------------------------------------------- detection

def test_a_simplified_text_is_left_unchanged_byte_for_byte():
    sample = read_document(sample_path())
    result = normalise.normalise(sample.original)
    assert result.text is sample.original and not result.traditional
    expected = repair(sample.original)  # what the clean text was before normalisation
    assert sample.text == expected.text and sample.offsets == expected.offsets
    assert not sample.traditional and "script" not in sample.info()


def test_traditional_is_detected_and_mixed_or_quoted_text_is_not():
    assert normalise.is_traditional(TRADITIONAL)
    assert normalise.is_traditional("產業園區和示範區")
    assert not normalise.is_traditional("苏州工业园区加快建设国家级产业示范区")
    # a Simplified article quoting a Traditional name keeps its script
    quoting = "台湾媒体以《臺灣產業園區》为题作了报道。" + "衡阳市推动制造业高质量发展，建设产业园区。" * 5
    assert not normalise.is_traditional(quoting)
    assert normalise.normalise(quoting).text == quoting


def test_phrase_level_conversion_keeps_one_character_for_one():
    out = normalise.to_simplified("乾隆年間，天氣乾燥；頭髮與發展")
    assert out == "乾隆年间，天气干燥；头发与发展"


def test_a_segment_whose_conversion_changes_length_is_converted_per_character(monkeypatch):
    class Lengthening:
        def convert(self, text: str) -> str:  # a phrase entry that adds a character
            return text.replace("發展", "发展中") if len(text) > 1 else {"發": "发", "展": "展", "個": "个"}.get(text, text)

    monkeypatch.setattr(normalise, "_converter", lambda: Lengthening())
    assert normalise.to_simplified("個發展 發展") == "个发展 发展"


# ---------------------------------------------------------------- documents

def test_a_traditional_text_gives_simplified_names_with_the_traditional_forms_as_aliases():
    doc = document_from_text(TRADITIONAL, id="suzhou-traditional")
    assert doc.traditional and doc.original == TRADITIONAL
    assert doc.title == "苏州工业园区加快建设国家级产业示范区"
    assert (doc.date, doc.city) == ("2023-06-08", "苏州")  # 來源 read as a field once converted
    extraction = extract_document(doc).to_dict()
    assert extraction["document"]["script"] == "traditional"
    by_name = {e["name"]: e for e in extraction["entities"]}
    expected = {
        "苏州工业园区": ("Park", "蘇州工業園區"),
        "国家新型工业化产业示范基地": ("Zone", "國家新型工業化產業示範基地"),
        "苏州市人民政府": ("Agency", "蘇州市人民政府"),
        "江苏省工业和信息化厅": ("Agency", "江蘇省工業和信息化廳"),
        "信达生物制药（苏州）有限公司": ("Enterprise", "信達生物製藥（蘇州）有限公司"),
        "生物医药产业集群": ("Cluster", "生物醫藥產業集群"),
    }
    for name, (type_, traditional) in expected.items():
        assert by_name[name]["type"] == type_
        assert traditional in by_name[name]["aliases"]
        assert traditional in {m["text"] for m in by_name[name]["mentions"]}
    for e in extraction["entities"]:
        assert not normalise.is_traditional(e["name"] * 2), e["name"]  # names are Simplified
    provenance_ok(extraction, TRADITIONAL)
    # a gold annotation in either script matches, and every span is valid provenance
    gold = {"entities": [{"name": "蘇州工業園區", "type": "Park"},
                         {"name": "苏州市人民政府", "type": "Agency"},
                         {"name": "江蘇省工業和信息化廳", "type": "Agency"}],
            "relations": [], "measures": []}
    result = score(gold, extraction, TRADITIONAL)
    assert result["entities_core"]["fn"] == 0
    assert result["provenance"]["invalid"] == 0


def test_the_sample_article_in_traditional_reads_like_the_simplified_one():
    import opencc

    sample = read_document(sample_path())
    traditional = opencc.OpenCC("s2tw").convert(sample.original)
    assert traditional != sample.original and len(traditional) == len(sample.original)
    doc = document_from_text(traditional)
    assert doc.traditional and doc.offsets == sample.offsets
    same = sum(a == b for a, b in zip(doc.text, sample.text))
    assert same / len(sample.text) > 0.998  # 着 -> 著 -> 著 is all that does not round-trip
    assert (doc.title, doc.date, doc.city) == (sample.title, sample.date, sample.city)
    names = {e.name for e in extract_document(doc).entities}
    simplified = {e.name for e in extract_document(sample).entities}
    assert len(names & simplified) >= 0.95 * len(simplified)


def test_kangxi_radicals_of_a_pdf_text_layer_give_the_agency_with_original_offsets():
    doc = document_from_text(KANGXI, id="dongguan-pdf")
    assert not doc.traditional
    assert doc.title == "东莞市工业和信息化局关于开展2023年高新技术企业培育工作的通知"
    extraction = extract_document(doc).to_dict()
    agency = next(e for e in extraction["entities"] if e["name"] == "东莞市工业和信息化局")
    assert agency["type"] == "Agency"
    first = agency["mentions"][0]
    assert (first["start"], first["end"]) == (0, 10)
    assert first["text"] == "东莞市⼯业和信息化局" == KANGXI[0:10]
    assert len(agency["mentions"]) == 2 and KANGXI[agency["mentions"][1]["start"]:].startswith("东莞市⼯业")
    assert agency["aliases"] == []  # a compatibility form is no other script: no alias
    provenance_ok(extraction, KANGXI)
    assert score({"entities": [{"name": "东莞市工业和信息化局", "type": "Agency"}],
                  "relations": [], "measures": []}, extraction, KANGXI)["provenance"]["invalid"] == 0


# Traditional and Simplified ideographs, Kangxi radicals, full-width and ASCII letters and
# digits, punctuation and white space.
ALPHABET = "產業園區發展國務院示範製造乾燥隆产业园区发展国务院示范⼯⾼１２ＡＢ12ab，。、“”（）《》\u3000 \n"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_every_clean_character_is_its_original_character_normalised(original):
    normalised = normalise.normalise(original)
    assert len(normalised.text) == len(original)
    for a, b in zip(original, normalised.text):
        assert a == b or not a.isspace() and not b.isspace()  # white space is never touched
    doc = document_from_text(original)
    assert doc.traditional == normalised.traditional
    assert all(a < b for a, b in zip(doc.offsets, doc.offsets[1:]))
    assert all(normalised.text[o] == ch for o, ch in zip(doc.offsets, doc.text))
    assert squeeze(doc.text) == squeeze(normalised.text)


def test_a_traditional_texts_measures_keep_its_script_in_indicator_and_unit():
    text = ("數碼港計劃\n政府在1999年向數碼港注資50億元，當局只收回2280萬元。"
            "在已完成項目中，有239個項目的撥款額收回率不足10％。")
    data = extract_document(document_from_text(text)).to_dict()
    written = {(m["value"], m["unit"]) for m in data["measures"]}
    assert (50, "億元") in written and (2280, "萬元") in written and (239, "個") in written
    assert any("撥款額" in m["indicator"] or "項目" in m["indicator"] for m in data["measures"])
    # a compatibility form (full-width ％) is still read as a percentage
    assert any(unicodedata.normalize("NFKC", m["unit"]) == "%" and m["value"] == 10 for m in data["measures"])
