"""Learn the sector words that annotators tag as Industry wherever they stand, from the gold of
the train split, into policykg/extract/rules/entity_industry_terms.tsv.

usage: python scripts/learn_industry_terms.py CORPUS_DIR [CORPUS_DIR ...]

A term is kept when the gold of at least MIN_ARTICLES articles names it as an Industry (name or
alias) and, of the articles whose text holds it as a whole word, at least MIN_PRECISION tag it:
低空经济 and 人工智能 are tagged wherever they stand, 工业 and 农业 mostly not. Half the articles is
enough: a term tagged that often adds more found Industry names than false ones (learned on one
half of the train split and scored on the other, both ways, Industry F1 rose at 0.6, 0.5 and 0.4
over 0.8; 0.5 is kept). Run it on the train
split only (never on a dev-test split, whose articles must stay unseen), when the split grows.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policykg.evaluation import article_folders  # noqa: E402
from policykg.extract.entities.lexicon import word_crosses_ends  # noqa: E402

OUT = ROOT / "policykg" / "extract" / "rules" / "entity_industry_terms.tsv"
MIN_ARTICLES = 2
MIN_PRECISION = 0.5
_QUOTES = re.compile(r"[\s“”‘’\"'「」『』《》〈〉]")


def _norm(name: str) -> str:
    """The scorer's matching form without its lower-casing: the term is matched as written (5G)."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", name))


def articles(corpora: list[Path]) -> list[Path]:
    return sorted(d for c in corpora for d in article_folders(c) if (d / "gold.json").is_file())


def tagged_terms(folders: list[Path]) -> Counter[str]:
    """Term -> how many articles' gold names it as an Industry."""
    counts: Counter[str] = Counter()
    for d in folders:
        gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        forms = {_norm(f) for e in gold["entities"] if e["type"] == "Industry" and not e.get("optional")
                 for f in [e["name"], *e.get("aliases", [])]}
        counts.update(f for f in forms if len(f) >= 2)
    return counts


def whole_word_terms(text: str, pattern: re.Pattern[str]) -> set[str]:
    """The terms the text holds as whole words (no dictionary word across an end)."""
    return {m.group() for m in pattern.finditer(text) if not word_crosses_ends(text, m.start(), m.end())}


def learn(folders: list[Path]) -> list[tuple[str, int, int]]:
    tagged = tagged_terms(folders)
    candidates = [t for t, n in tagged.items() if n >= MIN_ARTICLES]
    pattern = re.compile("|".join(map(re.escape, sorted(candidates, key=len, reverse=True))))
    seen: Counter[str] = Counter()
    for d in folders:
        seen.update(whole_word_terms((d / "article.txt").read_text(encoding="utf-8"), pattern))
    return sorted(((t, tagged[t], seen[t]) for t in candidates
                   if seen[t] and tagged[t] / seen[t] >= MIN_PRECISION), key=lambda r: (-r[1], r[0]))


def main(argv: list[str]) -> None:
    folders = articles([Path(a) for a in argv])
    rows = learn(folders)
    header = [f"# Sector words tagged as Industry wherever they stand, learned from the gold of {len(folders)} train",
              f"# articles by scripts/learn_industry_terms.py (at least {MIN_ARTICLES} articles tag the term, and at least",
              f"# {MIN_PRECISION:.0%} of the articles holding it as a whole word). tagged = articles tagging it,",
              "# seen = articles holding it. Columns: term, tagged, seen."]
    OUT.write_text("\n".join(header + [f"{t}\t{a}\t{s}" for t, a, s in rows]) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(rows)} terms from {len(folders)} articles")


if __name__ == "__main__":
    main(sys.argv[1:])
