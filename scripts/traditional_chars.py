"""Write policykg/extract/rules/normalise_traditional_chars.txt: the frequent Traditional-only
characters by which extract.normalise tells a Traditional text from a Simplified one.

    python scripts/traditional_chars.py [N]     (default N = 600)

A character is Traditional-only when OpenCC's t2s changes it on its own; the N whose
Simplified form is most frequent in jieba's dictionary are kept, less a few that Simplified
texts also print (乾隆, 乾坤; 昇 and 樑 in names; 空濛): those were found in news and policy
texts in Simplified Chinese.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import jieba
import opencc

OUT = Path(__file__).resolve().parents[1] / "policykg" / "extract" / "rules" / "normalise_traditional_chars.txt"
ALSO_SIMPLIFIED = set("乾昇濛闇査樑")
PER_LINE = 50


def main(n: int = 600) -> None:
    freq: Counter[str] = Counter()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as f:
        for line in f:
            word, count, *_ = line.split()
            for ch in word:
                freq[ch] += int(count)
    t2s = opencc.OpenCC("t2s")
    simplified = {}
    for cp in range(0x4E00, 0xA000):
        ch = chr(cp)
        s = t2s.convert(ch)
        if s != ch and len(s) == 1 and ch not in ALSO_SIMPLIFIED:
            simplified[ch] = s
    chars = sorted(simplified, key=lambda t: (-freq[simplified[t]], t))[:n]
    header = ("# Frequent Traditional-only characters (written by scripts/traditional_chars.py;\n"
              "# OpenCC t2s changes each of them): a text is Traditional when many of its\n"
              "# Chinese characters are among them.\n")
    lines = ["".join(chars[i:i + PER_LINE]) for i in range(0, len(chars), PER_LINE)]
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(chars)} characters")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 600)
