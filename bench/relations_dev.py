"""Dev harness for relations and measures: run them over GOLD entities (or the real extractor).

usage: python bench/relations_dev.py [--real] [--show] [--diff] [--gold-date] [--invented] [ARTICLE_DIR ...]
  --real       entities from the real extractor (policykg.extract.pipeline.extract_path)
  --invented   also the invented articles of tests/fixtures/relations/ (article.txt + gold.json)
  --show       print every relation and measure
  --diff       print the measures and relations that are false positives / misses
  --gold-date  give the document the gold date when the reader found none
Writes /tmp/relations_dev/<id>.json and prints the reference scorer's figures.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, "/work/shared/tools")
import score as reference_score  # noqa: E402

from policykg.extract.document import Document, read_document  # noqa: E402
from policykg.extract.measures import find_measures  # noqa: E402
from policykg.extract.model import Entity, Extraction, Span  # noqa: E402
from policykg.extract.relations import find_relations  # noqa: E402

CORPUS = Path("/work/shared/corpus")
INVENTED = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "relations"
OUT = Path("/tmp/relations_dev")
QUOTES = set("“”‘’\"'「」『』《》〈〉")


def _normalised_with_map(text: str, keep_quotes: bool = False) -> tuple[str, list[int]]:
    chars, index = [], []
    for i, ch in enumerate(text):
        ch = unicodedata.normalize("NFKC", ch)
        if not ch.strip() or (ch in QUOTES and not keep_quotes):
            continue
        for c in ch.lower():
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def gold_entities(document: Document, gold: dict) -> list[Entity]:
    """Gold entities with every occurrence of their name or aliases as mentions."""
    out = []
    for i, g in enumerate(gold["entities"], 1):
        ent = Entity(id=f"g{i}", name=g["name"], type=g["type"], aliases=list(g.get("aliases", [])))
        seen = set()
        for form in {g["name"], *g.get("aliases", [])}:
            # a short quoted alias (《规划》) keeps its marks: bare, it is a common word
            keep = len(_normalised_with_map(form)[0]) <= 4 and any(q in form for q in QUOTES)
            norm_text, index = _normalised_with_map(document.text, keep)
            needle, _ = _normalised_with_map(form, keep)
            start = norm_text.find(needle) if needle else -1
            while start >= 0:
                span = (index[start], index[start + len(needle) - 1] + 1)
                if span not in seen:
                    seen.add(span)
                    ent.mentions.append(Span(*span))
                start = norm_text.find(needle, start + 1)
        ent.mentions.sort(key=lambda s: s.start)
        out.append(ent)
    return out


def run(article_dir: Path, real: bool, show: bool) -> dict:
    gold = json.loads((article_dir / "gold.json").read_text(encoding="utf-8"))
    if real:
        from policykg.extract.pipeline import extract_path
        extraction = extract_path(article_dir / "article.txt")
    else:
        document = read_document(article_dir / "article.txt")
        document.city = document.city or gold.get("city")
        if "--gold-date" in sys.argv:
            document.date = document.date or gold.get("date")
        entities = gold_entities(document, gold)
        extraction = Extraction(document, entities, find_relations(document, entities),
                                find_measures(document, entities))
    pred = extraction.to_dict()
    OUT.mkdir(exist_ok=True)
    (OUT / f"{article_dir.name}.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1))
    original = (article_dir / "article.txt").read_text(encoding="utf-8")
    result = reference_score.score(gold, pred, original)
    if show:
        _show(gold, pred)
    return result


def _show(gold: dict, pred: dict) -> None:
    names = {e["id"]: e["name"] for e in pred["entities"]}
    for r in pred["relations"]:
        print("  R", names.get(r["head"]), r["relation"], names.get(r["tail"]), r["confidence"],
              "|", r["evidence"]["text"].replace("\n", "")[:50])
    for m in pred["measures"]:
        print("  M", m["kind"], m.get("year"), m["value"], m["unit"], m.get("qualifier", ""),
              m["indicator"], names.get(m["subject"]), m.get("baseline", ""))


def main(argv: list[str]) -> None:
    real, show = "--real" in argv, "--show" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")] or sorted(CORPUS.iterdir())
    if "--invented" in argv:
        dirs += sorted(d for d in INVENTED.iterdir() if (d / "gold.json").exists())
    for d in dirs:
        r = run(d, real, show)
        rel, mea = r["relations"], r["measures"]
        print(f"{d.name:15s} relations P {rel['p']:.3f} R {rel['r']:.3f} F1 {rel['f1']:.3f} "
              f"(tp {rel['tp']} fp {rel['fp']} fn {rel['fn']})  measures P {mea['p']:.3f} "
              f"R {mea['r']:.3f} F1 {mea['f1']:.3f} (tp {mea['tp']} fp {mea['fp']} fn {mea['fn']})  "
              f"provenance {r.get('provenance', {}).get('rate')}")
        if "--diff" in argv:
            measure_diff(d)
            relation_diff(d)
        for t, v in r["relations_by_type"].items():
            print(f"    {t:14s} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f} "
                  f"(tp {v['tp']} fp {v['fp']} fn {v['fn']})")



def measure_diff(article_dir: Path) -> None:
    """Predicted measures that match nothing in the gold (FP) and gold measures not matched (FN)."""
    gold = json.loads((article_dir / "gold.json").read_text(encoding="utf-8"))
    pred = json.loads((OUT / f"{article_dir.name}.json").read_text(encoding="utf-8"))
    norm = reference_score.norm

    def key(m):
        return (m.get("kind"), float(m["value"]), norm(m.get("unit", "")), m.get("year"))
    used = set()
    for m in pred["measures"]:
        hit = [j for j, g in enumerate(gold["measures"]) if key(g) == key(m) and norm(g["key"]) in norm(m["indicator"])]
        if hit:
            used.update(hit)
        elif not any(key(g) == key(m) for g in gold["measures"]):
            print("  FP", key(m), m["indicator"], "|", m["evidence"]["text"].replace("\n", "")[:60])
    for j, g in enumerate(gold["measures"]):
        if j not in used and not g.get("optional"):
            print("  FN", key(g), g["key"])


def relation_diff(article_dir: Path) -> None:
    """Predicted relations not in the gold (FP, optional ones left out) and gold relations missed (FN)."""
    gold = json.loads((article_dir / "gold.json").read_text(encoding="utf-8"))
    pred = json.loads((OUT / f"{article_dir.name}.json").read_text(encoding="utf-8"))
    norm = reference_score.norm
    forms = {}
    for g in gold["entities"]:
        for f in [g["name"], *g.get("aliases", [])]:
            forms.setdefault(norm(f), g["name"])
    names = {}
    for e in pred["entities"]:
        hit = [forms[norm(f)] for f in [e["name"], *e.get("aliases", [])] if norm(f) in forms]
        names[e["id"]] = hit[0] if hit else "?" + e["name"]
    gold_rel = {(r["head"], r["relation"], r["tail"]): r.get("optional", False) for r in gold["relations"]}
    predicted = set()
    for r in pred["relations"]:
        key = (names[r["head"]], r["relation"], names[r["tail"]])
        predicted.add(key)
        if key not in gold_rel:
            print("  FP", key, r["confidence"], "|", r["evidence"]["text"].replace("\n", "")[:50])
    for key, optional in gold_rel.items():
        if not optional and key not in predicted:
            print("  FN", key)


if __name__ == "__main__":
    main(sys.argv[1:])
