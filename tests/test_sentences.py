"""Sentence cutting stays bounded on any input, and leaves prose alone."""

from __future__ import annotations

from policykg.extract.cues import periods
from policykg.extract.document import document_from_text
from policykg.extract.sentences import MAX_RUN, MAX_SENTENCE, capped


def test_a_line_without_punctuation_is_cut_into_bounded_pieces():
    text = "衡阳市白沙洲工业园区加快建设以特变电工为龙头的输变电装备产业集群不断壮大" * 700  # 25,200 characters
    document = document_from_text(text)
    assert max(s.end - s.start for s in document.sentences) <= MAX_RUN
    assert max(p.end - p.start for p in periods(document)) <= MAX_RUN
    assert sum(s.end - s.start for s in document.sentences) == len(document.text)  # nothing lost


def test_a_long_sentence_with_commas_is_cut_after_a_comma():
    clause = "全市规模以上工业增加值增长百分之八，"  # 18 characters
    text = clause * 60 + "。"
    pieces = list(capped(text, 0, len(text)))
    assert all(b - a <= MAX_SENTENCE for a, b in pieces) and len(pieces) == 2
    assert all(text[b - 1] == "，" for _, b in pieces[:-1])
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)


def test_prose_is_left_alone():
    text = ("2025年，全市地区生产总值增长5.7%，规模以上工业增加值增长8%，以特变电工为龙头的输变电装备产业集群"
            "营业收入突破千亿元。")
    assert list(capped(text, 0, len(text))) == [(0, len(text))]
