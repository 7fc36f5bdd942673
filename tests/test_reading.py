"""Readers (encodings, PDF, HTML), input walking, metadata and bad input."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from fixtures.pdf import write_pdf
from fixtures.shared import CORPUS

from policykg.errors import InputError
from policykg.extract.document import read_document
from policykg.extract.readers import iter_input_files
from policykg.samples import sample_path

SAMPLE = sample_path()  # the packaged copy of the Hengyang article
FIXTURES = Path(__file__).parent / "fixtures" / "reading"

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not beside the repository")


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def sample():
    return read_document(SAMPLE)


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("codec, reported", [
    ("gbk", "gb18030"),  # GB18030 is the superset charset-normalizer reports for GBK text
    ("gb18030", "gb18030"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),  # with a byte-order mark
    ("utf-16-le", "utf-16-le"),  # without one
])
def test_the_same_article_in_another_encoding_reads_the_same(sample, tmp_path, codec, reported):
    path = tmp_path / "article.txt"
    path.write_bytes(sample.original.encode(codec))
    doc = read_document(path)
    assert doc.encoding == reported
    assert doc.original == sample.original
    assert doc.text == sample.text
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() != sample.sha256


def test_big5_traditional_text_is_detected(tmp_path):
    text = ("衡陽製造如何發力\n工信部日前正式批復，衡陽納入長株潭「中國製造2025」試點示範城市群。"
            "此前，「提升製造業層次和水平，實施製造強市行動計劃，打造全省先進製造業基地」"
            "被寫入2017年的衡陽市政府工作報告。\n")
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    doc = read_document(path)
    assert doc.encoding == "big5"
    assert doc.original == text


def test_utf8_with_a_broken_character_is_still_utf8(sample, tmp_path):
    data = SAMPLE.read_bytes()
    cut = data.index("彭斌".encode()) + 1  # in the middle of 彭
    path = tmp_path / "truncated.txt"
    path.write_bytes(data[:cut])
    doc = read_document(path)
    assert doc.encoding == "utf-8"
    assert doc.original == sample.original[:sample.original.index("彭斌")] + "\ufffd"


# ---------------------------------------------------------------- PDF

def test_the_same_article_as_a_pdf_reads_the_same_modulo_line_breaks(sample, tmp_path):
    path = tmp_path / "hengyang.pdf"
    write_pdf(path, [sample.block_text(b) for b in sample.blocks])
    doc = read_document(path)
    assert doc.format == "pdf"
    assert squeeze(doc.text) == squeeze(sample.text)
    assert "2015年5月，国务院印发《中国制造2025》" in doc.text
    # headline, deck, headings, byline and caption are found again in the PDF's layout
    def non_body(d):
        return [(b.kind, squeeze(d.block_text(b))) for b in d.blocks if b.kind != "body"]
    assert non_body(doc) == non_body(sample)
    for s in doc.sentences:
        a, b = doc.to_original(s.start, s.end)
        assert squeeze(doc.original[a:b]) == squeeze(doc.sentence_text(s))


@needs_corpus
def test_a_two_column_pdf_is_read_column_by_column(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    web = read_document(CORPUS / "suzhou-2011" / "article.txt")
    headline = web.block_text(web.blocks[0])
    body = "".join(web.block_text(b) for b in web.blocks if b.kind == "body")
    lines = [body[i:i + 18] for i in range(0, len(body), 18)]
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "columns.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 20)
    pdf.drawString(60, 790, headline)  # a headline across both columns
    for i, line in enumerate(lines):
        k = i % 80  # 40 lines a column, two columns a page
        if i and k == 0:
            pdf.showPage()
        pdf.setFont("STSong-Light", 12)
        pdf.drawString(40 if k < 40 else 310, 750 - (k % 40) * 16, line)
    pdf.save()
    doc = read_document(path)
    assert squeeze(doc.text) == squeeze(headline + body)  # not interleaved line by line
    assert doc.title == headline
    assert [b.kind for b in doc.blocks] == ["headline", "body"]


def test_a_pdf_without_text_layer_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 200, 300, fill=1)  # an image-only page
    pdf.save()
    with pytest.raises(InputError, match="no text layer") as err:
        read_document(path)
    assert str(path) in str(err.value)


# ---------------------------------------------------------------- HTML

def test_html_article_text_without_scripts_styles_and_navigation():
    doc = read_document(FIXTURES / "policy-page.html")
    assert doc.format == "html"
    assert doc.title == "某市出台制造业高质量发展实施意见"
    assert doc.date == "2023-06-15"
    assert "提出到2025年，全市规模以上工业增加值年均增长8%以上。" in doc.text  # inline tags kept inline
    for noise in ("统计脚本", "广告位", "首页", "互动交流", "版权所有", "font-family", "热点专题"):
        assert noise not in doc.original
    bodies = [doc.block_text(b) for b in doc.blocks if b.kind == "body"]
    assert len(bodies) == 3


def test_html_declaring_gbk_is_decoded(tmp_path):
    page = (FIXTURES / "policy-page.html").read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="gbk"')
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gbk"))
    doc = read_document(path)
    assert doc.title == "某市出台制造业高质量发展实施意见"
    assert "战略性新兴产业" in doc.text


def test_html_with_br_separated_paragraphs_in_a_table_layout():
    doc = read_document(FIXTURES / "br-paragraphs-gb2312.html")  # meta charset=gb2312
    assert doc.encoding == "gb2312"
    assert doc.title == "关于加快发展先进制造业的若干措施"
    bodies = [doc.block_text(b) for b in doc.blocks if b.kind == "body"]
    assert [b[:2] for b in bodies] == ["为加", "一、", "二、"]
    assert "对年度设备投资超过1000万元的项目" in bodies[1]
    for noise in ("网站首页", "通知公告", "版权所有"):
        assert noise not in doc.original


# ---------------------------------------------------------------- metadata

def test_sample_metadata(sample):
    assert sample.id == "hengyang-2017"  # article.txt takes its directory's name
    assert sample.source == str(SAMPLE)
    assert sample.sha256 == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert sample.encoding == "utf-8"
    assert sample.title == "“衡阳制造”如何发力——抓好“一个试点，三个示范”"
    assert sample.city == "衡阳" and sample.city_division.name == "衡阳市"
    assert sample.date is None  # the text states no publication date
    assert sample.info()["city"] == "衡阳"


@needs_corpus
@pytest.mark.parametrize("name, city, date", [
    ("suzhou-2011", "苏州", "2011-03-29"),
    ("shenzhen-2022", "深圳", None),
])
def test_web_article_metadata(name, city, date):
    doc = read_document(CORPUS / name / "article.txt")
    assert doc.id == name
    assert doc.city == city
    assert doc.date == date
    assert doc.title == doc.block_text(doc.blocks[0])


@pytest.mark.parametrize("text, date", [
    ("某市制造业投资增长\n2022-04-12 10:35:12 来源：界面新闻\n正文第一段。", "2022-04-12"),
    ("某市制造业投资增长\n（2011年3月29日）\n正文。", "2011-03-29"),
    ("某市制造业投资增长\n发布日期：２０２１年１２月０１日\n正文。", "2021-12-01"),  # full-width digits
    ("某市制造业投资增长\n2022年4月11日，市七届人大二次会议开幕，市长代表市政府作政府工作报告。", None),
    ("某市制造业投资增长\n发布时间：2021-13-45\n正文。", None),
    # datelines of news and government pages
    ("宜昌化工园区转型提速\n2022年09月14日 10:25  来源：三峡日报\n正文第一段。", "2022-09-14"),
    ("宜昌化工园区转型提速\n2022年9月4日10:25:07　来源：三峡日报　作者：王敏\n正文。", "2022-09-04"),
    ("宜昌化工园区转型提速\n2022/9/14 08:30 | 宜昌发布\n正文。", "2022-09-14"),
    ("宜昌化工园区转型提速\n2022.09.14 【字体：大 中 小】\n正文。", "2022-09-14"),
    ("宜昌化工园区转型提速\n来源：三峡日报 2022-09-14 10:25\n正文。", "2022-09-14"),
    ("宜昌化工园区转型提速\n时间：2022年09月14日 来源：宜昌市经信局\n正文。", "2022-09-14"),
    ("宜昌化工园区转型提速\n【字体：大 中 小】 日期：2022.9.14\n正文。", "2022-09-14"),
    ("宜昌化工园区转型提速\n2022年 9月 14日 星期三\n正文。", "2022-09-14"),
    ("宜昌化工园区转型提速\n2022年02月30日 10:25 来源：三峡日报\n正文。", None),  # no such day
    ("宜昌化工园区转型提速\n2022-09-14日，宜昌召开化工园区转型推进会。", None),
    ("宜昌化工园区转型提速\n2022年9月14日 上午，宜昌召开化工园区转型推进会。", None),
    ("宜昌化工园区转型提速\n会议时间：2022年9月20日，地点：市民中心。\n正文。", None),  # a date in the body
    ("宜昌化工园区转型提速\n2022年09月14日 星期三 第03版\n正文。", "2022-09-14"),
    # a speech's occasion line: the day it was given
    ("政府工作报告\n\n  ——2018年12月22日在青溪市第九届人民代表大会第二次会议上\n\n  市长 某某\n\n各位代表:\n现在,我代表市人民政府向大会报告工作。", "2018-12-22"),
    ("政府工作报告\n\n（2024年1月15日在青溪县第十八届人民代表大会第三次会议上）\n\n各位代表：\n\n现在，我代表县人民政府向大会报告工作。", "2024-01-15"),
    ("政府工作报告\n2024年1月15日在青溪县人代会上，县长作报告，回顾了一年的工作。", None),
    # an information table: the publication date, not the date the text was written
    ("宜昌化工园区转型提速\n索引号：011043-2022-00123\n成文日期：2022年09月10日\n"
     "发布日期：2022年09月14日\n正文。", "2022-09-14"),
    # a date line far below the top (a signature, a date in the body) is not the document's
    ("宜昌化工园区转型提速\n" + "宜昌推进化工园区转型升级，建设绿色化工产业集群。\n" * 8 + "2022年9月14日\n", None),
])
def test_publication_date_is_read_from_the_top_of_the_text(text, date):
    from policykg.extract.document import document_from_text

    doc = document_from_text(text)
    assert doc.date == date
    assert doc.title == text.split("\n")[0]  # a date line is never part of the title


def test_a_dateline_is_a_meta_block_not_a_heading():
    from policykg.extract.document import document_from_text

    doc = document_from_text("宜昌化工园区转型提速\n2022年09月14日 10:25  来源：三峡日报\n正文第一段。")
    assert [b.kind for b in doc.blocks] == ["headline", "meta", "body"]


# A page whose meta tags and dateline disagree: the meta tag is the site's own record.
META_PAGE = """<html><head><meta charset="utf-8">{meta}<title>某市出台制造业实施意见_某市政府网</title></head>
<body><h1>某市出台制造业实施意见</h1><div class="info">2022年09月14日 10:25 来源：某市政府网</div>
<div class="content"><p>近日，某市人民政府印发《关于推动制造业高质量发展的实施意见》，提出到2025年，全市规模以上工业增加值年均增长8%以上。</p>
<p>意见明确，将建设一批特色产业园区，培育一批专精特新企业。</p></div></body></html>"""


@pytest.mark.parametrize("meta, date, source", [
    ('<meta name="PubDate" content="2022-09-13 18:00">', "2022-09-13", "html-meta"),
    ('<meta name="publishdate" content="2022/9/12">', "2022-09-12", "html-meta"),
    ('<meta property="article:published_time" content="2022-09-11T08:00:00+08:00">', "2022-09-11", "html-meta"),
    ('<meta itemprop="datePublished" content="2022年9月10日">', "2022-09-10", "html-meta"),
    ('<meta name="date" content="2022-09-09">', "2022-09-09", "html-meta"),
    # the best tag wins whatever the order; a bad or a modification date is no publication date
    ('<meta name="date" content="2020-01-01"><meta name="PubDate" content="2022-09-13">', "2022-09-13", "html-meta"),
    ('<meta name="PubDate" content="2022-02-30"><meta name="date" content="2022-09-09">', "2022-09-09", "html-meta"),
    ('<meta property="article:modified_time" content="2023-01-01T00:00:00Z">', "2022-09-14", "text"),
    ("", "2022-09-14", "text"),  # no meta tag: the dateline
])
def test_html_meta_date_comes_before_the_dateline(tmp_path, meta, date, source):
    path = tmp_path / "page.html"
    path.write_text(META_PAGE.format(meta=meta), encoding="utf-8")
    doc = read_document(path)
    assert (doc.date, doc.date_source) == (date, source)
    assert doc.info().get("date_source") == (None if source == "text" else source)
    assert doc.title == "某市出台制造业实施意见"


def test_a_given_date_comes_before_the_meta_tag_and_the_dateline(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(META_PAGE.format(meta='<meta name="PubDate" content="2022-09-13">'), encoding="utf-8")
    doc = read_document(path, date="2022-10-01", date_source="manifest")
    assert (doc.date, doc.date_source) == ("2022-10-01", "manifest")


def _pdf_with_subject(path: Path, lines: list[str], subject: str, key: bytes | None) -> None:
    """A PDF whose Info dictionary has ``key`` (an explicit date entry) holding subject:
    reportlab writes /Subject, renamed in place (same length, the cross-reference table holds)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    pdf.setSubject(subject)
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        pdf.drawString(40, 800 - 20 * i, line)
    pdf.save()
    if key is not None:
        data = path.read_bytes()
        assert len(key) == len(b"/Subject") and data.count(b"/Subject") == 1
        path.write_bytes(data.replace(b"/Subject", key))


PDF_LINES = ["某市出台制造业实施意见", "近日，某市人民政府印发《关于推动制造业高质量发展的实施意见》。"]


@pytest.mark.parametrize("subject, key, date", [
    ("D:20220914103000+08'00'", b"/PubDate", "2022-09-14"),
    ("2022-09-13", b"/Date___", None),  # no date entry of that name (/Date___)
    ("D:20220914", None, None),  # a subject is not a date
])
def test_a_pdf_date_entry_dates_the_document_but_creation_date_does_not(tmp_path, subject, key, date):
    path = tmp_path / "notice.pdf"
    _pdf_with_subject(path, PDF_LINES, subject, key)
    assert b"/CreationDate (D:" in path.read_bytes()  # reportlab's: the day the file was made
    doc = read_document(path)
    assert doc.date == date and doc.date_source == ("pdf-metadata" if date else None)


def test_a_pdf_without_a_date_entry_takes_its_dateline(tmp_path):
    path = tmp_path / "notice.pdf"
    _pdf_with_subject(path, [PDF_LINES[0], "2021年12月01日 来源：某市政府网", PDF_LINES[1]], "x", None)
    doc = read_document(path)
    assert (doc.date, doc.date_source) == ("2021-12-01", "text")


def test_pdf_date_values():
    from policykg.extract.readers import _pdf_date_value

    assert _pdf_date_value(b"D:20220914103000+08'00'") == "2022-09-14"
    assert _pdf_date_value("D:20221301") is None  # no 13th month
    assert _pdf_date_value("2022-09-14T10:00:00Z") == "2022-09-14"
    assert _pdf_date_value("2022年9月14日".encode("utf-16")) == "2022-09-14"  # with its BOM
    assert _pdf_date_value(None) is None


# ---------------------------------------------------------------- manifests

def test_manifest_entries_by_path_relative_to_the_manifest(tmp_path):
    from policykg.extract.manifest import load_manifest

    (tmp_path / "docs").mkdir()
    manifest = tmp_path / "docs" / "manifest.csv"
    manifest.write_text("\ufeffpath,date,title,city,notes\n"
                        "a.txt,2022-09-14,某市出台实施意见,衡阳,x\n"
                        "sub/b.pdf,,,\n"
                        ",,,\n", encoding="utf-8")
    listing = load_manifest(manifest)
    assert len(listing) == 2
    entry = listing.get(tmp_path / "docs" / "a.txt")
    assert (entry.date, entry.title, entry.city) == ("2022-09-14", "某市出台实施意见", "衡阳")
    assert listing.get(tmp_path / "docs" / "sub" / ".." / "sub" / "b.pdf").date is None
    assert listing.get(tmp_path / "a.txt") is None


@pytest.mark.parametrize("content, reason", [
    ("file,when\na.txt,2022-09-14\n", "header row"),
    ("path,date\na.txt,2022-9-14\n", "line 2: bad date '2022-9-14'"),
    ("path,date\na.txt,2022-02-30\n", "bad date"),
    ("path,date,city\na.txt,2022-09-14,火星\n", "unknown city '火星'"),
    ("path,date\na.txt,2022-09-14\n./a.txt,2022-09-15\n", "line 3: ./a.txt is listed twice"),
])
def test_a_bad_manifest_is_a_one_line_error(tmp_path, content, reason):
    from policykg.extract.manifest import load_manifest

    manifest = tmp_path / "m.csv"
    manifest.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(reason)) as err:
        load_manifest(manifest)
    assert str(manifest) in str(err.value) and "\n" not in str(err.value)


def test_a_manifest_city_and_title_replace_the_texts(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("某市出台制造业实施意见\n近日，衡阳市人民政府印发实施意见。\n", encoding="utf-8")
    doc = read_document(path, title="衡陽製造業實施意見", city="湘潭")
    assert doc.title == "衡陽製造業實施意見" and doc.city == "湘潭"
    assert doc.city_division.name == "湘潭市"
    assert read_document(path, city="衡陽").city == "衡阳"  # a Traditional city name is looked up too
    with pytest.raises(InputError, match="unknown city"):
        read_document(path, city="火星")


def test_id_comes_from_the_file_name(tmp_path):
    path = tmp_path / "2017-衡阳制造.txt"
    shutil.copy(SAMPLE, path)
    assert read_document(path).id == "2017-衡阳制造"


# ---------------------------------------------------------------- bad input

def one_line_error(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as err:
        read_document(path, **kwargs)
    message = str(err.value)
    assert "\n" not in message and str(path) in message
    return message


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b" \n\t\r\n", "white space"),
    ("\u3000\u3000\n\n".encode(), "white space"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4, "binary"),
    (bytes(range(0x80, 0x100)) * 8 + b"\x01\x02\x03\x04" * 40, "binary|decode"),
])
def test_bad_text_input_is_a_one_line_error(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert re.search(reason, one_line_error(path))


def test_missing_file(tmp_path):
    assert "no such file" in one_line_error(tmp_path / "missing.txt")


def test_size_limit_is_configurable(tmp_path):
    path = tmp_path / "big.txt"
    shutil.copy(SAMPLE, path)
    assert "too large" in one_line_error(path, max_bytes=1000)
    assert read_document(path, max_bytes=100_000).text


# ---------------------------------------------------------------- inputs

def test_directories_are_walked_and_unsupported_files_skipped(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "article.txt").write_text("x")
    (tmp_path / "b.html").write_text("x")
    (tmp_path / "c.PDF").write_bytes(b"%PDF-1.4")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("x")
    files, skipped = iter_input_files([tmp_path, tmp_path / "named-but-missing.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a/article.txt", "b.html", "c.PDF", "named-but-missing.txt"]
    assert [(p.name, "unsupported" in why) for p, why in skipped] == [("notes.docx", True)]
    assert str(skipped[0]).startswith(f"{tmp_path / 'notes.docx'}: skipped, unsupported")


def test_html_dateline_outside_the_article_container_still_dates_the_page():
    doc = read_document(FIXTURES / "dateline-outside-content.html")
    assert doc.title == "宜昌化工园区转型提速"
    assert doc.date == "2022-09-14"
    kinds = [(b.kind, doc.block_text(b)) for b in doc.blocks]
    assert kinds[0] == ("headline", "宜昌化工园区转型提速")
    assert kinds[1][0] == "meta" and kinds[1][1].startswith("2022年09月14日 10:25")
    assert ("body", "本报讯（记者 郑凯 何静）9月13日，宜昌市召开化工园区转型升级推进会，部署下一阶段重点工作。") in kinds
    assert kinds[-1] == ("caption", "图为宜昌高新区化工园一角。（王敏 摄）")


def test_a_gbk_file_with_a_bad_byte_is_read_with_a_replacement_and_a_warning(tmp_path):
    text = "衡阳市白沙洲工业园区加快建设，全市规模以上工业增加值增长百分之八。\n" * 20
    data = text.encode("gb18030")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:100] + b"\xff" + data[100:])  # one stray byte between two characters
    with pytest.warns(UserWarning, match="replaced with U\\+FFFD"):
        document = read_document(path)
    assert document.encoding.startswith("gb18030") and "replaced" in document.encoding
    assert "\ufffd" in document.original and document.original.count("\ufffd") <= 3
    assert document.original.replace("\ufffd", "").count("白沙洲工业园区") == 20


def test_a_deeply_nested_page_is_read(tmp_path):
    """10,000 nested elements: the reader walks the tree without recursion and without a search
    per element (it took 71 s when each element looked for its blocks and its article)."""
    depth = 10_000
    page = ("<html><head><title>标题</title></head><body><div>发布时间：2023-05-06</div>"
            + "<div>" * depth + "<p>衡阳市白沙洲工业园区加快建设，全市工业增加值增长8%。</p>" + "</div>" * depth
            + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    document = read_document(path)
    assert "衡阳市白沙洲工业园区加快建设" in document.text
    assert document.date == "2023-05-06"


def test_a_text_with_a_few_private_use_glyphs_is_read_and_one_made_of_them_is_refused(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("青溪港煤炭运量增长\ue40c。" * 30, encoding="utf-8")  # an icon font's glyph after each line
    assert "煤炭运量" in read_document(page).text
    glyphs = tmp_path / "glyphs.txt"
    glyphs.write_text("\ue40c\ue40d\ue40e正文" * 30, encoding="utf-8")
    with pytest.raises(InputError, match="binary"):
        read_document(glyphs)
