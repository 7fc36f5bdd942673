"""The annotated articles kept in the project (eval/): each folder is complete and its gold is
well formed, so that `policykg eval --corpus eval/...` scores what the annotator meant."""

from __future__ import annotations

import json
import re
import unicodedata
import warnings
from pathlib import Path

import pytest

from policykg import schema

EVAL = Path(__file__).resolve().parents[1] / "eval"
FOLDERS = sorted(p.parent for p in EVAL.glob("*/*/gold.json"))
QUOTES = "“”‘’\"'「」『』《》〈〉"


def squeeze(s: str) -> str:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))
    return "".join(c for c in s if c not in QUOTES)


def test_the_project_keeps_annotated_articles():
    assert len(FOLDERS) >= 6


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_an_annotated_article_is_complete_and_well_formed(folder):
    assert {"article.txt", "gold.json", "SOURCE.md"} <= {p.name for p in folder.iterdir()}
    text = squeeze((folder / "article.txt").read_text(encoding="utf-8"))
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    types = {}
    for e in gold["entities"]:
        assert e["type"] in schema.ENTITY_TYPES, e
        assert set(e.get("alt_types", [])) <= set(schema.ENTITY_TYPES), e
        # an optional reading may name what a list distributes (武汉东湖、襄阳3家高新区 -> 襄阳高新区)
        assert e.get("optional") or any(squeeze(f) in text for f in [e["name"], *e.get("aliases", [])]), e["name"]
        types[e["name"]] = {e["type"], *e.get("alt_types", [])}
    slips = []
    for r in gold["relations"]:
        assert r["head"] in types and r["tail"] in types, r
        if not any(schema.allows(h, r["relation"], t) for h in types[r["head"]] for t in types[r["tail"]]):
            slips.append(f"{r['head']} {r['relation']} {r['tail']}")
    if slips:  # the annotator's reading is kept as written; the scorer counts it like any other
        warnings.warn(f"{folder.name}: gold relations outside the signatures: {'; '.join(slips)}")
    for m in gold["measures"]:
        assert m["kind"] in schema.MEASURE_KINDS and isinstance(m["value"], (int, float)), m
        assert m["year"] is None or isinstance(m["year"], int), m
