"""Fast paths of reading and the subject logic (issue 13): each gives what the plain
per-character definition it replaced gives (kept here as the reference)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.extract import divisions as dv
from policykg.extract.document import document_from_text
from policykg.extract.entities.lexicon import crosses_edge
from policykg.extract.layout import repair
from policykg.extract.readers import _junk_ratio
from policykg.extract.subject import _count_words

TEXTS = [
    "衡阳市人民政府关于印发《衡阳市“十四五”规划》的通知\n\n　　各县市区人民政府：\n现将 GDP 5.5% 印发给你们。",
    "本报记者  贺  勇  蒋云龙\n北京 上海 广州 深圳\t四城联动。\r\n提高县域经济，和田地区、喀什地区。",
    "香港特別行政區政府公佈《施政報告》，撥款額達１２億元。\n\n記者 張三 攝",
    "   \n  单行  \n",
]

# Chinese text with the white space layout repair looks at
_ALPHABET = st.sampled_from(list("衡阳市北京上海县域提高和田广州深圳。，、 \u3000\t\nGDP5.") + ["\r\n"])


def _repaired_per_character(document, start: int, end: int) -> str:
    return "".join(" " if document.text[i].isspace() else document.original[document.offsets[i]]
                   for i in range(start, end))


@pytest.mark.parametrize("text", TEXTS)
def test_repaired_text_is_the_originals_kept_characters(text):
    doc = document_from_text(text)
    n = len(doc.text)
    for start in range(n):
        for end in (start + 1, min(n, start + 7), n):
            assert doc.repaired_text(start, end) == _repaired_per_character(doc, start, end)


def test_repaired_text_follows_a_replaced_original():
    doc = document_from_text("记者张三李四")
    assert doc.repaired_text(0, 6) == "记者张三李四"
    original = "记者 张三 李四"
    doc.original, doc.offsets = original, [i for i, c in enumerate(original) if c != " "]
    assert doc.repaired_text(0, 6) == _repaired_per_character(doc, 0, 6) == "记者张三李四"
    doc.original = "記者張三李四"
    doc.offsets = list(range(6))
    assert doc.repaired_text(0, 6) == "記者張三李四"


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=60).map("".join).filter(str.strip))
def test_repaired_text_on_any_layout(text):
    doc = document_from_text(text)
    assert doc.repaired_text(0, len(doc.text)) == _repaired_per_character(doc, 0, len(doc.text))


def _emitted_per_character(original: str, lines) -> tuple[list[str], list[int], list[int]]:
    """layout._emit_block as it was: every character of every line looked at."""
    from policykg.extract.layout import _is_latin, _is_word
    chars: list[str] = []
    offsets: list[int] = []
    separators: list[int] = []
    for line in lines:
        run: list[int] = []
        for i in range(line.start, line.end):
            ch = original[i]
            if ch.isspace():
                run.append(i)
                continue
            if run and chars and _is_word(chars[-1]) and _is_word(ch):
                if not (_is_latin(chars[-1]) and _is_latin(ch)):
                    separators.append(len(chars))
                kept = next((j for j in run if original[j] == " "), run[0])
                chars.append(original[kept])
                offsets.append(kept)
            run = []
            chars.append(ch)
            offsets.append(i)
    return chars, offsets, separators


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=80).map("".join))
def test_lines_without_white_space_are_copied_whole(text):
    from policykg.extract.layout import _emit_block, physical_lines
    lines = physical_lines(text)
    emitted = _emit_block(text, lines)
    assert (emitted.chars, emitted.offsets, emitted.separators) == _emitted_per_character(text, lines)
    layout = repair(text) if text.strip() else None
    if layout is not None:
        assert all(layout.text[i] == text[o] or text[o].isspace() for i, o in enumerate(layout.offsets))


def _count_words_by_regex(text: str, form: str) -> int:
    return sum(1 for m in re.finditer(re.escape(form), text)
               if not crosses_edge(text, m.start(), m.end(), keep_suffix=dv.ADMIN_SUFFIXES))


@pytest.mark.parametrize("text, form", [
    ("提高县域经济，高县高县", "高县"),
    ("阿阿阿阿阿", "阿阿"),  # non-overlapping, left to right
    ("和田地区，隐患和田间", "和田"),
    ("衡阳市衡阳衡阳县", "衡阳"),
    ("", "衡阳"),
    ("衡阳", "衡阳市"),
])
def test_count_words_counts_what_a_literal_regex_finds(text, form):
    assert _count_words(text, form) == _count_words_by_regex(text, form)


def _city_mentions_per_character(text: str) -> Counter:
    forms, lengths = dv._city_forms()
    counts: Counter = Counter()
    i, n = 0, len(text)
    while i < n:
        step = 1
        for size in lengths.get(text[i], ()):
            if i + size > n:
                continue
            city = forms.get(text[i:i + size])
            if city is not None and not crosses_edge(text, i, i + size, keep_suffix=dv.ADMIN_SUFFIXES):
                counts[city] += 1
                step = size
                break
        i += step
    return counts


@pytest.mark.parametrize("text", [*TEXTS, "北京市北京上海市长沙衡阳市衡阳县南京", "广州深圳广州市委", "x", ""])
def test_city_mentions_skip_only_characters_that_open_no_city(text):
    assert dv.city_mentions(text) == _city_mentions_per_character(text)


def test_junk_ratio_counts_each_junk_character():
    for text in ["正文\n\t\f\r", "\x00\x01abc\ufffd", "\ue000私用区" * 3, "a" * 50 + "\x7f", ""]:
        junk = sum(1 for ch in text if ch not in "\n\r\t\f"
                   and (ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")))
        assert _junk_ratio(text) == junk / max(len(text), 1)


# ---------------------------------------------------------------- JSON text

_SCALARS = (st.text(alphabet=st.characters(max_codepoint=0x2FFFF), max_size=12) | st.integers()
            | st.floats(allow_nan=True, allow_infinity=True) | st.booleans() | st.none())
_KEYS = st.text(max_size=6) | st.integers() | st.floats() | st.booleans() | st.none()
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(_KEYS, inner, max_size=4), max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_json_text_is_json_dumps_with_indent_2(data):
    import json

    from policykg.jsontext import dumps
    expected = json.dumps(data, ensure_ascii=False, indent=2)
    assert dumps(data) == expected
    assert dumps(data, level=1) == "\n".join("  " + line for line in expected.split("\n"))[2:]


def test_json_text_of_an_extraction(tmp_path):
    import json

    from policykg.extract.pipeline import extract_document
    from policykg.jsontext import dumps
    data = extract_document(document_from_text(TEXTS[0] + "\n" + TEXTS[2])).to_dict()
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"a": [object()]})
    with pytest.raises(TypeError):
        dumps({(1, 2): 3})


def _is_dateline_as_it_was(text: str) -> bool:
    from policykg.extract.layout import DATE, DATELINE_MAX, _DATELINE_START, standalone_dates
    text = unicodedata.normalize("NFKC", text).strip()
    if len(text) > DATELINE_MAX or re.search("[,.;!?，。；！？]", DATE.sub("", text)):
        return False
    start = _DATELINE_START.match(text).end()
    return any(m.start() == start for m in standalone_dates(text))


_DATELINE_PIECES = ["2022", "年", "9", "月", "14", "日", "２０２２", "０９", "１４", "-", "/", ".", "．", " ", "\u3000",
                    "10:25", "来源：", "（", "）", "【", "，", "。", "；", "！", "？", ",", ";", "!", "?", "上午",
                    "市政府", "①", "e\u0301", "\u037e", "\uff61", "星期一"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATELINE_PIECES), max_size=12).map("".join))
def test_is_dateline_as_before_its_quick_test(text):
    from policykg.extract.layout import is_dateline
    assert is_dateline(text) == _is_dateline_as_it_was(text)


@pytest.mark.parametrize("text", ["2022年09月14日 10:25 来源：衡阳日报", "（2011年3月29日）", "2022.09.14",
                                  "２０２２年９月１４日", "2022年9月14日上午，市政府召开会议。", "发布时间：2022-09-14"])
def test_datelines(text):
    from policykg.extract.layout import is_dateline
    assert is_dateline(text) == _is_dateline_as_it_was(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x10FFFF), max_size=40)
       | st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40))
def test_junk_ratio_of_any_text(text):
    junk = sum(1 for ch in text if ch not in "\n\r\t\f"
               and (ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs")))
    assert _junk_ratio(text) == junk / max(len(text), 1)


@pytest.mark.parametrize("title", ["湖北枣阳：打造汽车零部件产业集群", "衡阳市人民政府关于印发衡阳县规划的通知",
                                   "新疆将资源优势转化为发展优势", "", "x", "陕西省2026年政府工作报告"])
def test_forms_in_a_title_are_its_gazetteer_substrings(title):
    from policykg.extract.subject import _forms_in
    order = {form: i for i, form in enumerate(dv.gazetteer())}
    every = {title[i:j] for i in range(len(title)) for j in range(i + 1, len(title) + 1)}
    assert _forms_in(title) == sorted((f for f in every if f in order), key=order.__getitem__)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=40).map("".join), st.data())
def test_emitted_lines_of_any_extent(text, data):
    """Lines as a broken layout may cut them (white space at either end) are emitted as before."""
    from policykg.extract.layout import Line, _emit_block
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
    lines = [Line(a, b, text[a:b]) for a, b in zip(cuts, cuts[1:]) if a < b]
    emitted = _emit_block(text, lines)
    assert (emitted.chars, emitted.offsets, emitted.separators) == _emitted_per_character(text, lines)


def test_char_tokenizer_gives_a_token_per_character_seen_before_or_not():
    from policykg.extract.entities.nlp import entity_nlp
    tokenizer = entity_nlp().tokenizer
    for text in ["衡阳市", "衡阳市", "新字𠀀与ab 衡阳\n", "", "𠀁𠀁"]:
        doc = tokenizer(text)
        assert [t.text for t in doc] == list(text) and doc.text == text
        assert [t.idx for t in doc] == list(range(len(text))) and not any(t.whitespace_ for t in doc)
