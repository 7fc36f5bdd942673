"""Numbers as written in Chinese policy text: ASCII or full-width digits, Chinese numerals."""

from __future__ import annotations

import re
import unicodedata

DIGITS = "0-9０-９"
ARABIC = rf"(?:[{DIGITS}]{{1,3}}(?:[,，][{DIGITS}]{{3}})+(?![{DIGITS}])|[{DIGITS}]+)(?:[.．][{DIGITS}]+)?"
CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_SCALES = {"十": 10, "百": 100, "千": 1000}
CHINESE = "[零〇一二两三四五六七八九十百千]+"


def parse_number(text: str) -> float:
    """'１２０' -> 120, '3.07' -> 3.07, '三十' -> 30, '百' -> 100 (magnitudes 万/亿 are units)."""
    ascii_text = unicodedata.normalize("NFKC", text).replace(",", "")  # 1,234.5 / １，２３４
    if re.fullmatch(r"\d+(?:\.\d+)?", ascii_text):
        return float(ascii_text)
    return float(_parse_chinese(text))


def _parse_chinese(text: str) -> int:
    if not text or any(ch not in CHINESE_DIGITS and ch not in CHINESE_SCALES for ch in text):
        raise ValueError(f"not a number: {text!r}")
    if all(ch in CHINESE_DIGITS for ch in text) and len(text) > 1:  # 二〇一九 style
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * CHINESE_SCALES[ch]
            digit = None
    return total + (digit or 0)
