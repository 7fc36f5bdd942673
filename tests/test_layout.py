"""Layout repair, block kinds, sentences and the clean -> original offset map."""

from __future__ import annotations

import re

import pytest
from fixtures.shared import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.extract.document import document_from_text, read_document
from policykg.extract.layout import (BODY, BYLINE, CAPTION, DECK, HEADING, HEADLINE, is_byline,
                                     is_photo_credit, repair)

SAMPLE = CORPUS / "hengyang-2017" / "article.txt"
ARTICLES = sorted(CORPUS.glob("*/article.txt"))
CJK = r"[\u4e00-\u9fff，。、；：？！“”‘’《》（）—…]"
# Body sentences of the sample, counted by hand on the original text (each 。？；……
# ending, a closing quote kept with its sentence, the lead's closing "———" fragment counted).
HAND_COUNT_BODY_SENTENCES = 65


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def sample():
    if not SAMPLE.exists():
        pytest.skip("shared corpus not available")
    return read_document(SAMPLE)


@pytest.mark.parametrize("phrase", [
    "2015年5月，国务院印发《中国制造2025》",
    "长株潭“中国制造2025”试点示范城市群",
    "“衡阳制造”的二次崛起，只待实践的检验。",
])
def test_sample_phrases_are_rejoined(sample, phrase):
    assert phrase in sample.text


def test_no_space_left_between_cjk_characters(sample):
    assert sample.layout_repaired
    prose = "\n".join(sample.block_text(b) for b in sample.blocks if b.kind not in (BYLINE, CAPTION))
    assert not re.search(CJK + r"[ \t\u3000]+" + CJK, prose)
    assert not re.search(r"\d\n+[年月日%]", sample.text)
    # a caption keeps the space that sets the photographer's name apart
    assert "■彭斌 摄" in [sample.block_text(b) for b in sample.blocks if b.kind == CAPTION]


def test_sample_blocks_are_classified(sample):
    kinds = {sample.block_text(b): b.kind for b in sample.blocks}
    bylines = [t for t, k in kinds.items() if k == BYLINE]
    captions = [t for t, k in kinds.items() if k == CAPTION]
    assert any("本报记者" in t for t in bylines)
    assert any(t.endswith("摄") for t in captions)
    assert any("白沙洲工业园区" in t for t in captions)  # the line the photo credit belongs to
    assert sample.blocks[0].kind == HEADLINE
    assert any(k == DECK for k in kinds.values())


def test_headings_and_captions_are_not_glued_into_body_sentences(sample):
    body = [sample.sentence_text(s) for s in sample.sentences if s.kind == BODY]
    heading = next(s for s in sample.sentences if "巧借东风" in sample.sentence_text(s))
    assert heading.kind == HEADING
    assert not any("巧借东风" in t or "本报记者" in t or "摄" == t[-1:] for t in body)
    assert any(t.startswith("制造业是立国之本") for t in body)


def test_sentence_count_is_close_to_the_hand_count(sample):
    body = [s for s in sample.sentences if s.kind == BODY]
    assert abs(len(body) - HAND_COUNT_BODY_SENTENCES) <= 3


def test_closing_quote_belongs_to_the_sentence_it_ends(sample):
    texts = [sample.sentence_text(s) for s in sample.sentences]
    # original: …和‘二次崛\n\n起’。 ”该负责人对记者说。
    i = next(i for i, t in enumerate(texts) if t.endswith("‘二次崛起’。”"))
    assert texts[i].startswith("“同时")
    assert texts[i + 1] == "该负责人对记者说。"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.parent.name)
def test_every_sentence_maps_back_to_the_original(article):
    from policykg.extract.normalise import normalise

    doc = read_document(article)
    normalised = normalise(doc.original).text  # full-width digits of a title (１２０) are 120
    for s in doc.sentences:
        a, b = doc.to_original(s.start, s.end)
        assert squeeze(normalised[a:b]) == squeeze(doc.sentence_text(s))


def test_flowing_web_text_keeps_its_paragraphs():
    path = CORPUS / "shenzhen-2022" / "article.txt"
    if not path.exists():
        pytest.skip("shared corpus not available")
    doc = read_document(path)
    assert not doc.layout_repaired
    paragraphs = [squeeze(ln) for ln in doc.original.splitlines() if ln.strip()]
    assert [squeeze(doc.block_text(b)) for b in doc.blocks] == paragraphs
    assert "稳住制造业基本盘" in [doc.block_text(b) for b in doc.blocks if b.kind == HEADING]


@pytest.mark.parametrize("line, expected", [
    ("本报记者 张三 李四", True), ("记者|戈振伟", True), ("本报讯（记者 张三）", True),
    ("新华社记者 王五", True), ("责任编辑：张亚楠", True), ("文/赵六", True),
    ("记者了解到，该项目已于今年开工。", False), ("报告指出，记者", False),
    ("四川日报全媒体记者 罗 强", True), ("（通讯员 许 杰 记者 王海燕）", True), ("记者 张三 李四 报道", True),
    ("记者了解到，园区平台方面，截至", False), ("记者罗强报道了这件事情的经过和结果", False),
])
def test_bylines(line, expected):
    assert is_byline(line) is expected


def test_list_items_and_numbered_sections_stay_apart():
    items = ["一、总体要求", "（一）加快发展新能源汽车产业链条", "（二）推动集成电路设计制造封测",
             "（三）培育工业互联网平台服务体系", "1．建设国家级先进制造业集群", "2．打造专精特新企业梯队"]
    doc = document_from_text("\n".join(items))
    assert [doc.block_text(b) for b in doc.blocks] == items
    broken = "\n\n".join(["各地要加快推进产业基础再造工程，聚焦关键", "环节补齐短板。"] + items[1:])
    doc = document_from_text(broken)
    assert [doc.block_text(b) for b in doc.blocks][-5:] == items[1:]


# ---------------------------------------------------------------- properties

ALPHABET = "制造业衡阳湖南产业园区发展示范试点城市群国务院，。、；：？！“”‘’《》（）0123456789%GDPab .\u3000\n\t\r"


def check_offset_map(original: str, text: str, offsets: list[int]) -> None:
    assert len(offsets) == len(text)
    assert all(a < b for a, b in zip(offsets, offsets[1:])), "offset map must be increasing"
    for i, ch in enumerate(text):
        assert 0 <= offsets[i] < len(original)
        assert original[offsets[i]] == ch, "a clean character is a copy of its original character"
    assert squeeze(text) == squeeze(original), "only white space may change"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=300))
def test_offset_map_on_random_text(original):
    layout = repair(original)
    check_offset_map(original, layout.text, layout.offsets)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=200).filter(lambda t: t.strip()),
       st.data())
def test_every_span_maps_to_an_equal_original_slice(original, data):
    doc = document_from_text(original)
    n = len(doc.text)
    for _ in range(20):
        start = data.draw(st.integers(0, n - 1))
        end = data.draw(st.integers(start + 1, n))
        a, b = doc.to_original(start, end)
        assert squeeze(doc.original[a:b]) == squeeze(doc.text[start:end])


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=300).filter(lambda t: t.strip()))
def test_sentences_tile_the_clean_text(original):
    doc = document_from_text(original)
    spans = [(s.start, s.end) for s in doc.sentences]
    assert spans == sorted(spans) and all(a < b for a, b in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    assert "".join(squeeze(doc.text[a:b]) for a, b in spans) == squeeze(doc.text)
    for s in doc.sentences:
        block = doc.blocks[s.paragraph]
        assert block.start <= s.start < s.end <= block.end and s.kind == block.kind
        assert doc.sentence_at(s.start) == s == doc.sentence_at(s.end - 1)


WORDS = ["制造业", "衡阳", "试点", "示范城市群", "产业园", "国务院", "发展", "GDP", "规模以上",
         "工业增加值", "增长", "企业", "人才", "建设", "项目"]


@st.composite
def paragraph(draw) -> str:
    """One sentence of a body paragraph: words, numbers with units, commas, a final 。"""
    parts = []
    for _ in range(draw(st.integers(4, 14))):
        if draw(st.integers(0, 4)) == 0:
            parts.append(str(draw(st.integers(1, 2030))) + draw(st.sampled_from(["年", "月", "%", "家", "亿元"])))
        else:
            parts.append(draw(st.sampled_from(WORDS)))
        if draw(st.integers(0, 3)) == 0:
            parts.append(draw(st.sampled_from(["，", "、"])))
    body = "".join(parts).strip("，、")
    while len(body) < 30:  # longer than any column width drawn below
        body += "制造业高质量发展的重要支撑"
    return body + "。"


def pdf_like(paragraphs: list[str], width: int, spaces: bool) -> str:
    """Lay paragraphs out as a PDF text layer does: fixed-width lines separated by blank
    lines, every number on a line of its own, spaces around CJK punctuation."""
    lines: list[str] = []
    for p in paragraphs:
        for i in range(0, len(p), width):
            for piece in re.split(r"(\d+)", p[i:i + width]):
                if piece:
                    lines.append(re.sub(r"([，。、])", r" \1 ", piece) if spaces else piece)
    return "\n\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(st.lists(paragraph(), min_size=3, max_size=6), st.integers(16, 26), st.booleans())
def test_broken_pdf_lines_are_rejoined_into_their_paragraphs(paragraphs, width, spaces):
    original = pdf_like(paragraphs, width, spaces)
    layout = repair(original)
    check_offset_map(original, layout.text, layout.offsets)
    assert layout.broken
    assert layout.text.split("\n") == paragraphs


# ---------------------------------------------------------------- bylines and captions keep their separators

@pytest.mark.parametrize("byline, kept", [
    ("（记者 周海燕 陈立）", "（记者 周海燕 陈立）"),
    ("记者 王建国 李晓梅", "记者 王建国 李晓梅"),
    ("本报记者　赵一鸣　　通讯员　孙红", "本报记者　赵一鸣　通讯员　孙红"),  # one separator kept
    ("本报讯（记者 郑凯  何静）", "本报讯（记者 郑凯 何静）"),
    # a two-character name set as wide as a three-character one is one name
    ("（通讯员 许 杰 记者 王海燕）", "（通讯员 许杰 记者 王海燕）"),
    ("四川日报全媒体记者 罗 强", "四川日报全媒体记者罗强"),
])
def test_a_web_byline_keeps_one_space_between_names(byline, kept):
    original = f"襄阳汽车产业链加速延伸\n{byline}\n近年来，襄阳坚持工业强市， 全市汽车产业产值突破2000亿元。\n"
    doc = document_from_text(original)
    check_offset_map(original, doc.text, doc.offsets)
    kinds = {doc.block_text(b): b.kind for b in doc.blocks}
    assert kinds.get(kept) == BYLINE
    assert "工业强市，全市" in doc.text  # a space after punctuation in the body is still dropped


@pytest.mark.parametrize("original, clean", [
    ("本报讯（记者 郑凯 何静）9月14日，襄阳市召开汽车产业链 链长制工作推进会。",
     "本报讯（记者 郑凯 何静）9月14日，襄阳市召开汽车产业链链长制工作推进会。"),
    ("本报讯 记者 郑凯 何静 9月14日，襄阳市召开汽车产业链 链长制工作推进会。",
     "本报讯 记者 郑凯 何静 9月14日，襄阳市召开汽车产业链链长制工作推进会。"),
    ("本报襄阳9月14日电 记者 郑凯 通讯员 许 杰 襄阳市召开汽车产业链 链长制工作推进会。",
     "本报襄阳9月14日电 记者 郑凯 通讯员 许杰 襄阳市召开汽车产业链链长制工作推进会。"),
])
def test_a_byline_opening_a_body_paragraph_keeps_its_spaces(original, clean):
    doc = document_from_text(original + "\n")
    check_offset_map(original + "\n", doc.text, doc.offsets)
    assert doc.text == clean


def test_body_spaces_between_cjk_characters_are_still_dropped():
    original = "宜昌高新区 集聚 生物医药企业120家，产值增长 15%。\n"
    assert repair(original).text == "宜昌高新区集聚生物医药企业120家，产值增长15%。"


# A newspaper page as a PDF text layer gives it: lines wrapped at the column width with blank
# lines between them, numbers on lines of their own, a space after each punctuation mark;
# headline, deck and byline on lines of their own, the byline without a ■ mark.
PAGE = [
    ("headline", "“襄阳智造”如何突围"),
    ("deck", "——写在我市入选国家先进制造业集群之际"),
    ("byline", "本报记者 林晓东 通讯员 黄志成"),
    ("body", "2021年11月，工信部公布先进制造业集群决赛优胜者名单，襄阳新能源汽车集群名列其中。"
             "这是继2019年获批国家制造业高质量发展试验区后，我市获得的又一块国家级“金字招牌”。"),
    ("body", "近年来，襄阳坚持工业强市战略，全市规模以上工业增加值年均增长8.5%，汽车产业产值突破"
             "2000亿元，形成了整车、零部件、后市场协同发展的产业格局。"),
    ("heading", "链条更完整"),
    ("body", "在襄阳高新技术产业开发区，一条条智能化生产线正在满负荷运转。东风汽车股份有限公司襄阳"
             "工厂负责人介绍，今年前8个月，工厂产量同比增长12%，新能源车型占比提高到35%。"),
    ("caption", "■高新区智能制造产业园一角 周文斌 摄"),
    ("heading", "创新更活跃"),
    ("body", "截至2022年6月，全市建成省级以上企业技术中心86个，新能源汽车领域有效发明专利达到1200件。"
             "下一步，我市将实施产业链链长制，力争到2025年集群产值突破3000亿元。"),
]


def newspaper_page(width: int, page: list[tuple[str, str]] = PAGE) -> str:
    lines: list[str] = []
    for kind, text in page:
        if kind in ("body",):
            for i in range(0, len(text), width):
                lines += [re.sub(r"([，。、])", r"\1 ", piece) for piece in re.split(r"(\d+(?:\.\d+)?%?)", text[i:i + width])
                          if piece]
        else:
            lines.append(text)  # set in its own box, on one line
    return "\n\n".join(lines) + "\n"


def clean_blocks(doc) -> list[tuple[str, str]]:
    return [(b.kind, doc.block_text(b)) for b in doc.blocks]


@pytest.mark.parametrize("width", [22, 23, 24, 25, 26])
def test_a_newspaper_page_keeps_headline_deck_byline_and_caption_apart(width):
    original = newspaper_page(width)
    doc = document_from_text(original)
    check_offset_map(original, doc.text, doc.offsets)
    assert doc.layout_repaired
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks] == [
        (kind, re.sub(r"(?<=[，。、]) ", "", text)) for kind, text in PAGE]
    assert doc.title == "“襄阳智造”如何突围——写在我市入选国家先进制造业集群之际"


@pytest.mark.parametrize("top", [
    [("meta", "2022年09月14日 10:25 来源：襄阳日报")],
    [("deck", "——写在入选之际")],  # a short deck, then a body opening with a number
    [("deck", "——写在我市入选国家先进制造业集群之际"), ("byline", "本报记者梁嘉文")],  # no space, no mark
    [("meta", "来源：襄阳日报"), ("byline", "作者：林晓东")],
], ids=["dateline", "short-deck", "bare-byline", "fields"])
def test_the_lines_under_a_pdf_headline_stay_apart_from_it_and_from_the_body(top):
    page = [PAGE[0], *top, PAGE[3], PAGE[4]]
    original = newspaper_page(24, page)
    doc = document_from_text(original)
    check_offset_map(original, doc.text, doc.offsets)
    assert clean_blocks(doc) == [(kind, re.sub(r"(?<=[，。、]) ", "", text)) for kind, text in page]
    deck = [text for kind, text in top if kind == "deck"]
    assert doc.title == "“襄阳智造”如何突围" + ("——" + deck[0].lstrip("—") if deck else "")
    assert doc.date == ("2022-09-14" if top[0][1].startswith("2022") else None)


def test_a_pdf_dateline_split_at_its_numbers_is_one_field():
    original = "\n\n".join(["“襄阳智造”如何突围", "2022", "年", "9", "月", "14", "日 10:25 来源：襄阳日报",
                            "2021", "年", "11", "月， 工信部公布先进制造业集群决赛优胜者名单， 襄阳新",
                            "能源汽车集群名列其中。"]) + "\n"
    doc = document_from_text(original)
    assert clean_blocks(doc) == [
        ("headline", "“襄阳智造”如何突围"), ("meta", "2022年9月14日 10:25 来源：襄阳日报"),
        ("body", "2021年11月，工信部公布先进制造业集群决赛优胜者名单，襄阳新能源汽车集群名列其中。")]
    assert doc.date == "2022-09-14"


def test_a_credit_on_its_own_line_is_a_caption_block():
    page = [PAGE[3], ("caption", "■高新区智能制造产业园一角"), ("caption", "周文斌 摄"), PAGE[8], PAGE[9]]
    doc = document_from_text(newspaper_page(24, page))
    assert clean_blocks(doc) == [(kind, re.sub(r"(?<=[，。、]) ", "", text)) for kind, text in page]


@pytest.mark.parametrize("line", ["在现场，工作人员正在组织拍摄", "本次活动， 组织拍摄"])
def test_a_sentence_ending_in_she_is_no_photo_credit(line):
    assert not is_photo_credit(line)


@pytest.mark.parametrize("line, kind, kept", [
    ("北滘智能制造产业园一角 林小明 摄", CAPTION, "北滘智能制造产业园一角 林小明 摄"),
    ("■北滘智能制造产业园一角 林小明 摄", CAPTION, "■北滘智能制造产业园一角 林小明 摄"),
    ("王五 摄", CAPTION, "王五 摄"),
    ("图为高新区智能制造产业园一角。（林小明 摄）", CAPTION, "图为高新区智能制造产业园一角。（林小明 摄）"),
    ("图为工人在生产线上调试设备。 记者 王五 摄", CAPTION, "图为工人在生产线上调试设备。记者 王五 摄"),
    ("本 报 记 者 林 晓 东", BYLINE, "本报记者林晓东"),  # letter spacing is not a separator
    ("来源：襄阳日报 作者：林晓东", "meta", "来源：襄阳日报 作者：林晓东"),
])
def test_web_captions_bylines_and_fields_keep_the_space_before_a_name(line, kind, kept):
    original = f"襄阳汽车产业链加速延伸\n{line}\n近年来，襄阳坚持工业强市， 全市汽车产业产值突破2000亿元。\n"
    doc = document_from_text(original)
    check_offset_map(original, doc.text, doc.offsets)
    assert clean_blocks(doc)[1] == (kind, kept)


def test_a_breadcrumb_trail_is_no_headline():
    from policykg.extract.document import document_from_text

    doc = document_from_text("首页 > 政务公开 > 工作动态\n长葛市2022年工业经济工作要点\n发布日期：2022-03-09\n\n"
                             "　　为推动全市工业经济高质量发展，现将工作要点印发如下。")
    assert doc.title == "长葛市2022年工业经济工作要点"


def test_a_line_opening_with_a_particle_continues_the_short_line_before():
    from policykg.extract.document import document_from_text

    lines = ["　　近日，合肥市出台一揽子政策措施支持制造业加快发展，全市", "工业投资增长较快，新增规模以上工业企业较多，产业结构不断",
             "优化。", "　　获批不到一个月，合肥市人民政府就印发", "了《合肥市实施方案》，同时出台配套政策和措施，进一步加快示",
             "范区建设，推动产业转型升级，打造具有国际影响力的创新之都。"]
    doc = document_from_text("\n".join(lines))
    assert "就印发了《合肥市实施方案》" in doc.text


def test_a_short_line_that_stops_inside_a_sentence_runs_on():
    from policykg.extract.document import document_from_text

    lines = ["　　长春市加快老工业基地振兴，推动装备制造业转型升级，全市", "工业经济稳中有进，重点产业集群不断壮大。",
             "在高端装备领域，依托长客股份·客车集", "团、一汽轴承集团等龙头企业，壮大高端装备制造产业集群",
             "，重点发展重型机械。一汽轴承集团打破国外垄断。中车", "长春轨道客车股份有限公司领衔轨道交通产业链。"]
    doc = document_from_text("\n".join(lines))
    assert "依托长客股份·客车集团、一汽轴承集团" in doc.text
    assert "垄断。中车长春轨道客车股份有限公司" in doc.text


def test_a_breadcrumb_set_one_step_per_line_is_no_headline_and_a_date_below_its_label_dates_the_page():
    text = ("您当前所在位置：\n首页\n>\n政务公开\n>\n统计数据\n"
            "2024年全县经济运行稳中有进\n来源：\n县统计局\n发布日期：\n2025-01-20 09:30:00\n"
            "2024年，全县地区生产总值增长5.1%。\n")
    doc = document_from_text(text)
    assert doc.title == "2024年全县经济运行稳中有进"
    assert doc.date == "2025-01-20"
