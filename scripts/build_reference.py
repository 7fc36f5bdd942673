"""Convert public reference lists into the TSV files of policykg/data/reference/.

usage: python scripts/build_reference.py SOE_MD SOE_SHORT_MD GBT4754_JS GBT37028_JSON STOCK_CSV [OUT_DIR]

  SOE_MD        docs/jobs/list-soe.md of gdvzz/logd (SASAC list of 2025-07-29)
  SOE_SHORT_MD  fuwu/yangqi.md of DiamonWoo/Laosheng.top (usual short names of those groups)
  GBT4754_JS    src/utils/category.js of zmshe/capital (GB/T 4754-2017, all four levels)
  GBT37028_JSON src/raw/GB_T_37028/data/GB_T 37028-2018.json of WankkoRee/cn-adcode-efzcode
  STOCK_CSV     stock_basic.csv of harrisonlanny/astock (BaoStock's list of A-share securities)

The development-zone list is read from the project's own copy of the NBS statistical division
codes (policykg/data/admin-divisions/areas.csv). policykg/data/reference/README.md gives the
commits and paths of the inputs and the rules applied here. The script only reads files and
writes TSV; it is run by hand when a source is refreshed, never at run time.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project's word lists (jieba's dictionary) judge the short names
OUT = ROOT / "policykg" / "data" / "reference"
AREAS = ROOT / "policykg" / "data" / "admin-divisions" / "areas.csv"
CITIES = ROOT / "policykg" / "data" / "admin-divisions" / "cities.csv"
PROVINCES = ROOT / "policykg" / "data" / "admin-divisions" / "provinces.csv"

# Legal forms dropped to give a group's plain name (中国核工业集团有限公司 -> 中国核工业集团).
LEGAL_ENDINGS = ("控股有限责任公司", "有限责任公司", "有限公司")


def plain_forms(full: str) -> list[str]:
    """中国石油化工集团有限公司 -> [中国石油化工集团]; 华润（集团）有限公司 -> [华润（集团）, 华润集团]."""
    out = []
    for ending in LEGAL_ENDINGS:
        if full.endswith(ending) and len(full) - len(ending) >= 2:
            core = full[: -len(ending)]
            out.append(core)
            bare = re.sub(r"[（(]([^（）()]*)[）)]", r"\1", core)
            if bare != core:
                out.append(bare)
            break
    return out


def read_soes(path: Path) -> list[tuple[int, list[str]]]:
    """(序号, [full name, other official names]) of the SASAC table (its first section)."""
    text = path.read_text(encoding="utf-8")
    section = text.split("## 国务院国资委履行出资人职责的企业名单", 1)[1].split("\n## ", 1)[0]
    rows = []
    for m in re.finditer(r"^\|(\d+)\|([^|]+)\|", section, re.M):
        names = [n.strip() for n in re.split(r"[\[\]]", m.group(2)) if n.strip()]
        rows.append((int(m.group(1)), names))
    return rows


def read_soe_short_names(path: Path) -> dict[str, str]:
    """full name -> usual short name, from the lines '…[中核集团](url){:id=…} …⠀中国核工业集团有限公司 …'."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 6 or not re.match(r"^(?:<del>)?\d+⠀", cells[0]):
            continue
        short = re.sub(r"^\[([^\]]+)\].*$", r"\1", cells[1].strip())
        for full in re.split(r"[／/]", cells[5].replace("⠀", "").strip()):
            full = full.replace("(", "（").replace(")", "）").strip()
            if full and full != "- -" and short:
                out[full] = short
    return out


def build_soes(soe_md: Path, short_md: Path) -> list[list[str]]:
    shorts = read_soe_short_names(short_md)
    rows = []
    for number, names in read_soes(soe_md):
        full = names[0]
        forms: list[str] = []
        for name in names:
            forms += [name, *plain_forms(name)]
            if shorts.get(name):
                forms.append(shorts[name])
        forms = [f for f in dict.fromkeys(forms) if f != full and len(f) >= 2]
        rows.append([f"sasac:{number:03d}", full, ",".join(forms)])
    return rows


def build_gbt4754(js: Path) -> list[list[str]]:
    """门类 (level 1, code A-T) and 大类 (level 2, two digits) of GB/T 4754-2017."""
    text = js.read_text(encoding="utf-8")
    rows = []
    for block in re.finditer(r"\{([^{}]*)\}", text):
        fields = dict(re.findall(r"(\w+):\s*'([^']*)'", block.group(1)))
        level = fields.get("level")
        if level == "1":
            rows.append([f"gbt4754:{fields['class1']}", fields["name"], "门类"])
        elif level == "2":
            rows.append([f"gbt4754:{fields['class2']}", fields["name"], "大类"])
    return rows


# Development zones among the NBS county-level units (codes ..70-..79): a name ending in one
# of these is a Park (Zone for 示范区); other units (管理区, 风景名胜区, 食品区) are left out.
ZONE_ENDINGS = (("高新技术产业开发区", "Park"), ("高新技术产业园区", "Park"), ("高新技术开发区", "Park"),
                ("经济技术开发区", "Park"), ("经济开发区", "Park"), ("工业园区", "Park"), ("开发区", "Park"),
                ("园区", "Park"), ("新区", "Park"), ("新城", "Park"), ("示范区", "Zone"))
# Short forms by rule: the head shortened as it usually is (合肥高新技术产业开发区 -> 合肥高新区).
SHORT_HEADS = {"高新技术产业开发区": "高新区", "高新技术产业园区": "高新区", "高新技术开发区": "高新区",
               "经济技术开发区": "经开区", "经济开发区": "经开区", "工业园区": "工业园", "综合保税区": "综保区"}
_FTZ = re.compile(r"^中国（(.+)）自由贸易试验区$")


def zone_forms(name: str, province_shorts: list[str], place_starts: set[str]) -> list[str]:
    """Other forms of a zone name: without a leading province when a city or county name
    follows (河北唐山芦台经济开发区 -> 唐山芦台经济开发区), without the 市 of its city
    (秦皇岛市经济技术开发区), and with the usual short head (合肥高新区)."""
    bases = [name]
    for p in province_shorts:
        if name.startswith(p) and name[len(p):len(p) + 2] in place_starts:
            bases.append(name[len(p):])
    for b in list(bases):
        m = re.match(r"^([\u4e00-\u9fff]{2,4})市(.+)$", b)
        if m:
            bases.append(m.group(1) + m.group(2))
    m = _FTZ.match(name)
    if m:  # 中国（上海）自由贸易试验区 -> 上海自由贸易试验区, 上海自贸试验区, 上海自贸区
        bases += [m.group(1) + "自由贸易试验区", m.group(1) + "自贸试验区", m.group(1) + "自贸区"]
    forms = list(bases)
    for b in bases:
        for head, short in SHORT_HEADS.items():
            if b.endswith(head) and len(b) > len(head) + 1:
                forms.append(b[: -len(head)] + short)
                break
    return [f for f in dict.fromkeys(forms) if f != name]


def _place_words() -> tuple[list[str], set[str]]:
    """Province short names (longest first) and the first two characters of city and county names."""
    with PROVINCES.open(encoding="utf-8", newline="") as f:
        provinces = [r["name"] for r in csv.DictReader(f)]
    shorts = sorted({re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$", "", p) for p in provinces}, key=len,
                    reverse=True)
    place_starts = set()
    for table in (CITIES, AREAS):
        with table.open(encoding="utf-8", newline="") as f:
            place_starts |= {r["name"][:2] for r in csv.DictReader(f) if not "70" <= r["code"][4:6] <= "79"}
    return shorts, place_starts


# GB/T 37028-2018 national categories (1xx) and the entity type of their zones; the provincial
# categories (2xx) are left out.
NATIONAL_CATEGORIES = {"101": "Park", "102": "Park", "103": "Park", "104": "Park", "105": "Park", "106": "Park",
                       "107": "Zone", "108": "Zone", "109": "Zone", "110": "Zone", "111": "Zone", "199": "Park"}


def _drop_shared_forms(rows: list[list[str]]) -> None:
    """A short form that two zones share names neither."""
    owners: dict[str, set[str]] = {}
    for row in rows:
        for form in filter(None, row[-1].split(",")):
            owners.setdefault(form, set()).add(row[0])
    names = {row[1] for row in rows}
    for row in rows:
        row[-1] = ",".join(f for f in row[-1].split(",") if f and len(owners[f]) == 1 and f not in names)


def build_national_zones(path: Path) -> list[list[str]]:
    """The national economic functional zones of GB/T 37028-2018 (code: province, category, serial)."""
    import json
    shorts, place_starts = _place_words()
    rows = []
    for province, pv in json.loads(path.read_text(encoding="utf-8")).items():
        for category, cv in pv["children"].items():
            etype = NATIONAL_CATEGORIES.get(category)
            if etype is None:
                continue
            for serial, zone in cv["children"].items():
                name = zone["name"]
                rows.append([f"gbt37028:{province}{category}{serial}", name, etype, cv["name"],
                             ",".join(zone_forms(name, shorts, place_starts))])
    _drop_shared_forms(rows)
    return rows


def build_zones(national: set[str] = frozenset()) -> list[list[str]]:
    shorts, place_starts = _place_words()
    rows = []
    with AREAS.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            code, name = r["code"], r["name"]
            if not (len(code) == 6 and "70" <= code[4:6] <= "79"):
                continue
            etype = next((t for ending, t in ZONE_ENDINGS if name.endswith(ending)), None)
            if etype is None or name in national:
                continue  # not a zone, or one GB/T 37028 lists
            rows.append([f"nbs:{code}", name, etype, ",".join(zone_forms(name, shorts, place_starts))])
    _drop_shared_forms(rows)
    return rows


# Marks of a security's trading status before its short name (*ST, ST, S) and the share
# class after it (京东方A, 京东方B): the company's name is what is left.
_STATUS_MARK = re.compile(r"^(?:S?\*?ST|S)(?=[\u4e00-\u9fff])")
_SHARE_CLASS = re.compile(r"(?<=[\u4e00-\u9fff])[AB]$")


def company_short_name(security_name: str) -> str:
    """*ST华仪 -> 华仪; 京东方A -> 京东方; 万  科Ａ -> 万科."""
    name = re.sub(r"\s", "", security_name).replace("Ａ", "A").replace("Ｂ", "B")
    return _SHARE_CLASS.sub("", _STATUS_MARK.sub("", name))


# A short name that is also the name of a port, an airport, a railway or a street (天津港,
# 白云机场, 京沪高铁, 金融街) names the place in most texts.
_PLACE_TAILS = ("港", "机场", "空港", "高铁", "街")
# Words common enough that a name made of them only is a phrase of the language (新产业,
# 创新医疗, 航天发展), not a brand.
_PHRASE_WORD_FREQ = 300


# Final words that only a firm's name ends with: a place or a field before one is no phrase.
_FIRM_KINDS = ("银行", "证券", "保险", "信托", "期货", "啤酒")


def _rare_proper_word(name: str) -> bool:
    """A dictionary word that jieba tags an organisation, another proper noun or an
    abbreviation, and seldom met (京东方, 澳柯玛, 中联重科; not 新世界): a brand."""
    from policykg.extract.entities.lexicon import word_freq, word_tag
    return word_tag(name) == "nt" or word_tag(name) in ("nz", "j") and word_freq(name) < 100


def reads_as_common_words(name: str) -> bool:
    """A short name a text uses as an ordinary word or phrase: a dictionary word that is no
    organisation's name (机器人, 农产品, 太平洋, 连云港), a port or street (天津港, 金融街),
    common words only (新坐标, 创新医疗; jieba's single characters count as common once at most,
    so 赛力斯 stays a name), or a place and a common word."""
    from policykg.extract.entities.lexicon import MIN_WORD_FREQ, NAME_TAGS, word_freq, word_tag, words_of

    def common(word: str) -> bool:
        return word_freq(word) >= _PHRASE_WORD_FREQ and word_tag(word) not in NAME_TAGS

    if name.endswith(_FIRM_KINDS):
        return False  # a place and a firm's kind (长沙银行, 长城证券, 青岛啤酒) names a firm
    if word_freq(name) >= MIN_WORD_FREQ and not _rare_proper_word(name) or name.endswith(_PLACE_TAILS):
        return True
    words = words_of(name)
    if all(common(w) for w in words) and sum(len(w) == 1 for w in words) <= 1:
        return True
    if len(words) == 2 and word_tag(words[0]) == "ns" and common(words[1]) and len(words[1]) > 1:
        return True  # a place and a field (中国医药, 北京文化): the field in that place, as often
    return len(name) == 4 and common(name[:2]) and common(name[2:])  # 线上线下


def build_listed(path: Path) -> list[list[str]]:
    """A-share companies (type 1 = stock) by exchange short name, listed or delisted, one row per
    name (the first code that carries it). Names of two characters are left out (most are
    delisted firms' abbreviations that are also ordinary words: 曙光, 熊猫), and so are names a
    text reads as common words (reads_as_common_words)."""
    rows: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            name = company_short_name(rec["code_name"])
            if rec["type"] != "1" or len(name) < 3 or name in rows or reads_as_common_words(name):
                continue
            exchange, code = rec["code"].split(".")
            rows[name] = [f"{exchange}:{code}", name, "delisted" if rec["status"] == "0" else "listed"]
    return list(rows.values())


def write(path: Path, header: list[str], comments: list[str], rows: list[list[str]]) -> None:
    lines = [f"# {c}" for c in comments] + ["\t".join(header)] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(rows)} rows")


def main(argv: list[str]) -> None:
    soe_md, short_md, gbt_js, gbt37028, stocks = map(Path, argv[:5])
    out = Path(argv[5]) if len(argv) > 5 else OUT
    national = build_national_zones(gbt37028)
    write(out / "national_zones_gbt37028.tsv", ["ref", "name", "type", "category", "forms"],
          ["source: GB/T 37028-2018 全国主要经济功能区分类与代码, national categories (1xx), via",
           "WankkoRee/cn-adcode-efzcode@11516701 src/raw/GB_T_37028/data/GB_T 37028-2018.json. See README.md."],
          national)
    write(out / "central_soes.tsv", ["ref", "name", "forms"],
          ["source: SASAC 央企名录 (履行出资人职责的企业名单, 2025-07-29) via gdvzz/logd@16831b13 docs/jobs/list-soe.md;",
           "short names via DiamonWoo/Laosheng.top@960d764c fuwu/yangqi.md. See README.md."],
          build_soes(soe_md, short_md))
    write(out / "industry_gbt4754_2017.tsv", ["ref", "name", "level"],
          ["source: GB/T 4754-2017 国民经济行业分类, 门类 and 大类, via zmshe/capital@0b8f1ae4 src/utils/category.js.",
           "See README.md."],
          build_gbt4754(gbt_js))
    write(out / "development_zones_nbs.tsv", ["ref", "name", "type", "forms"],
          ["source: NBS 2023 statistical division codes (county-level units 70-79), via",
           "policykg/data/admin-divisions/areas.csv (modood/Administrative-divisions-of-China). See README.md."],
          build_zones({row[1] for row in national}))
    write(out / "listed_companies_cn.tsv", ["ref", "name", "status"],
          ["source: A-share securities (SSE, SZSE, BSE) as listed by BaoStock query_stock_basic on 2023-06-05,",
           "via harrisonlanny/astock@65899a3f stock_basic.csv. See README.md."],
          build_listed(stocks))


if __name__ == "__main__":
    main(sys.argv[1:])
