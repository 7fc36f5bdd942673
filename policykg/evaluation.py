"""Score an extraction against a gold file, as shared/spec/ANNOTATION.md says.

``score`` gives exactly the numbers of the reference scorer
(shared/tools/score.py, not shipped with the package); tests check the two agree.
``gold_as_prediction`` turns a gold file into extraction JSON (ids, mentions and
evidence found in the article), so gold can be scored against itself or loaded
into the graph.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from rich.table import Table

from policykg.errors import InputError
from policykg.schema import CORE_TYPES, SECONDARY_TYPES

# The reference scorer's type lists, in its order (a test checks they agree).
CORE = list(CORE_TYPES)
SECONDARY = list(SECONDARY_TYPES)
QUOTES = "“”‘’\"'「」『』《》〈〉"

Counts = list[int]  # [tp, fp, fn]


def norm(s: Any) -> str:
    """Matching form of a name: NFKC, no white space, no quotation marks, lower case."""
    s = unicodedata.normalize("NFKC", str(s))
    s = re.sub(r"\s+", "", s)
    return "".join(c for c in s if c not in QUOTES).lower()


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


# ---------------------------------------------------------------- scoring

def score(gold: dict, pred: dict, original: str | None = None) -> dict[str, Any]:
    """P/R/F1 of entities (per type, core, all), relations, measures; provenance if ``original``."""
    gents = gold["entities"]
    out, pid2gold = _score_entities(gents, pred.get("entities", []))
    out.update(_score_relations(gold, pred.get("relations", []), pid2gold))
    out["measures"] = _score_measures(gold["measures"], pred.get("measures", []))
    if original is not None:
        out["provenance"] = _score_provenance(pred, original)
    return out


def _score_entities(gents: list[dict], pents: list[dict]) -> tuple[dict[str, Any], dict[Any, int]]:
    form2gold: dict[str, set[int]] = defaultdict(set)
    for i, g in enumerate(gents):
        for form in [g["name"], *g.get("aliases", [])]:
            form2gold[norm(form)].add(i)

    def gold_types(i: int) -> set[str]:
        return {gents[i]["type"], *gents[i].get("alt_types", [])}

    per_type: dict[str, Counts] = {t: [0, 0, 0] for t in CORE + SECONDARY}
    pid2gold: dict[Any, int] = {}
    matched: set[int] = set()
    split: dict[int, int] = defaultdict(int)
    for e in pents:
        forms = {norm(f) for f in [e.get("name", ""), *e.get("aliases", [])]}
        cands = set().union(*(form2gold.get(f, set()) for f in forms)) if forms else set()
        typed = [i for i in cands if e.get("type") in gold_types(i)]
        if typed:
            i = min(typed, key=lambda k: (gents[k].get("optional", False), k))
            pid2gold[e.get("id")] = i
            split[i] += 1
            if not gents[i].get("optional"):
                matched.add(i)
        elif cands and any(gents[i].get("optional") for i in cands):
            pid2gold[e.get("id")] = min(cands)  # an optional item: counts neither way
        elif e.get("type") in per_type:
            per_type[e["type"]][1] += 1
    for i in matched:
        per_type[gents[i]["type"]][0] += 1
    for i, g in enumerate(gents):
        if not g.get("optional") and i not in matched and g["type"] in per_type:
            per_type[g["type"]][2] += 1
    out: dict[str, Any] = {"entities": {t: prf(*v) for t, v in per_type.items()}}
    out["entities_core"] = prf(*_sum_counts(per_type, CORE))
    out["entities_all"] = prf(*_sum_counts(per_type, CORE + SECONDARY))
    out["entities_split"] = sum(1 for n in split.values() if n > 1)
    return out, pid2gold


def _sum_counts(per_type: dict[str, Counts], types: list[str]) -> Counts:
    return [sum(per_type[t][k] for t in types) for k in range(3)]


def _gold_index(gents: list[dict]):
    """name -> gold index (the reference scorer's lookup; aliases as a fallback)."""
    by_name = {norm(g["name"]): i for i, g in enumerate(gents)}
    by_alias = {norm(a): i for i, g in reversed(list(enumerate(gents))) for a in g.get("aliases", [])}

    def index(name: str) -> int:
        key = norm(name)
        if key in by_name:
            return by_name[key]
        if key in by_alias:
            return by_alias[key]
        raise InputError("gold", f"relation end {name!r} is not a gold entity")

    return index


def _score_relations(gold: dict, prels: list[dict], pid2gold: dict[Any, int]) -> dict[str, Any]:
    index = _gold_index(gold["entities"])
    grel, gopt = set(), set()
    for r in gold["relations"]:
        key = (index(r["head"]), r["relation"], index(r["tail"]))
        (gopt if r.get("optional") else grel).add(key)
    predicted: set[tuple] = set()
    unresolved = 0
    for r in prels:
        h, t = pid2gold.get(r.get("head")), pid2gold.get(r.get("tail"))
        if h is None or t is None:
            unresolved += 1
            predicted.add(("?", id(r)))  # an end that is no gold entity: always a false positive
            continue
        predicted.add((h, r.get("relation"), t))
    scored = {k for k in predicted if k not in gopt}
    tp = len(scored & grel)
    by_type: dict[str, Counts] = defaultdict(lambda: [0, 0, 0])
    for k in scored:
        if k[0] != "?":
            by_type[k[1]][0 if k in grel else 1] += 1
    for k in grel - scored:
        by_type[k[1]][2] += 1
    return {
        "relations": prf(tp, len(scored) - tp, len(grel - scored)),
        "relations_by_type": {k: prf(*v) for k, v in sorted(by_type.items())},
        "relations_unresolved_ends": unresolved,
    }


def _measure_key(m: dict) -> tuple:
    return (m.get("kind"), float(m.get("value", "nan")), norm(m.get("unit", "")), m.get("year"))


def _score_measures(gold_measures: list[dict], pmeasures: list[dict]) -> dict[str, Any]:
    required = [m for m in gold_measures if not m.get("optional")]
    optional = [m for m in gold_measures if m.get("optional")]
    used: set[int] = set()
    tp = fp = 0
    for m in pmeasures:
        try:
            key = _measure_key(m)
        except (TypeError, ValueError):
            fp += 1
            continue
        indicator = norm(m.get("indicator", ""))
        hit = next((j for j, g in enumerate(required)
                    if j not in used and _measure_key(g) == key and norm(g["key"]) in indicator), None)
        if hit is not None:
            used.add(hit)
            tp += 1
        elif any(_measure_key(g) == key for g in optional + required):
            pass  # optional, or a duplicate of a matched one
        else:
            fp += 1
    return prf(tp, fp, len(required) - len(used))


def _span_is_valid(span: dict, original: str) -> bool:
    s, t = span.get("start"), span.get("end")
    return (isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(original)
            and re.sub(r"\s+", "", original[s:t]) == re.sub(r"\s+", "", span.get("text", "")))


def _score_provenance(pred: dict, original: str) -> dict[str, Any]:
    ok = bad = 0
    for e in pred.get("entities", []):
        for mention in e.get("mentions", []):
            ok, bad = (ok + 1, bad) if _span_is_valid(mention, original) else (ok, bad + 1)
    for item in pred.get("relations", []) + pred.get("measures", []):
        evidence = item.get("evidence")
        ok, bad = (ok + 1, bad) if evidence and _span_is_valid(evidence, original) else (ok, bad + 1)
    return {"valid": ok, "invalid": bad, "rate": round(ok / (ok + bad), 3) if ok + bad else 0.0}


# ---------------------------------------------------------------- inputs

def load_json(path: str | Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not a readable JSON file ({exc.__class__.__name__})") from None


def load_gold(path: str | Path) -> dict:
    """A gold annotation file (shared/spec/ANNOTATION.md), checked for what scoring reads."""
    data = load_json(path)
    if not isinstance(data, dict) or not all(k in data for k in ("entities", "relations", "measures")):
        raise InputError(path, "not a gold file (needs entities, relations and measures)")
    problem = _gold_problem(data)
    if problem:
        raise InputError(path, f"not a valid gold file: {problem}")
    return data


# what each gold item must hold for scoring: key -> (type, required)
_GOLD_FIELDS = {
    "entities": {"name": (str, True), "type": (str, True), "aliases": (list, False), "alt_types": (list, False)},
    "relations": {"head": (str, True), "relation": (str, True), "tail": (str, True)},
    "measures": {"key": (str, True), "kind": (str, True)},
}


def _gold_problem(gold: dict) -> str | None:
    for section, fields in _GOLD_FIELDS.items():
        items = gold[section]
        if not isinstance(items, list):
            return f"{section} is not a list"
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                return f"{section}[{n}] is not an object"
            for key, (kind, required) in fields.items():
                if key not in item:
                    if required:
                        return f"{section}[{n}] has no {key!r}"
                elif not isinstance(item[key], kind):
                    return f"{section}[{n}].{key} is not a {'string' if kind is str else 'list'}"
    index = _gold_index(gold["entities"])
    for n, r in enumerate(gold["relations"]):
        for end in ("head", "tail"):
            try:
                index(r[end])
            except InputError:
                return f"relations[{n}].{end} {r[end]!r} is not a gold entity"
    return None


def load_prediction(path: str | Path, original: str | None = None) -> dict:
    """An extraction JSON file, or a gold file read as a prediction (see ``as_prediction``)."""
    try:
        return as_prediction(load_json(path), original)
    except InputError as exc:
        raise InputError(path, exc.reason) from None


def is_gold(data: dict) -> bool:
    """Gold files have entities without ids and measures with a key instead of an indicator."""
    return any("id" not in e for e in data.get("entities", [])) or any(
        "key" in m and "indicator" not in m for m in data.get("measures", []))


def as_prediction(data: Any, original: str | None = None) -> dict:
    """A prediction from extraction JSON (object or one-element array) or from a gold file."""
    if isinstance(data, list):
        if len(data) != 1:
            raise InputError("prediction", f"expected one document, found {len(data)}")
        data = data[0]
    if not isinstance(data, dict):
        raise InputError("prediction", "expected a JSON object")
    return gold_as_prediction(data, original) if is_gold(data) else data


def gold_as_prediction(gold: dict, original: str | None = None) -> dict:
    """Gold as extraction JSON: entity ids, relation ends as ids, key as indicator.

    With the ``original`` text, mentions are every occurrence of each name/alias
    (white space between characters allowed, as in PDF text with broken lines)
    and evidence spans run from a head mention to the nearest tail mention.
    """
    entities = []
    for n, g in enumerate(gold["entities"], start=1):
        forms = [g["name"], *g.get("aliases", [])]
        mentions = [m for f in forms for m in _find_all(f, original)] if original else []
        entities.append({"id": f"e{n}", "name": g["name"], "type": g["type"],
                         "aliases": list(g.get("aliases", [])),
                         "mentions": sorted(mentions, key=lambda m: m["start"])})
    by_id = {e["id"]: e for e in entities}
    index = _gold_index(gold["entities"])

    def ref(name: str) -> str:
        return f"e{index(name) + 1}"

    relations = []
    for r in gold["relations"]:
        head, tail = ref(r["head"]), ref(r["tail"])
        rel = {"head": head, "relation": r["relation"], "tail": tail, "confidence": 1.0}
        span = _nearest_pair(by_id[head]["mentions"], by_id[tail]["mentions"], original)
        if span:
            rel["evidence"] = span
        relations.append(rel)
    measures = []
    for m in gold["measures"]:
        out = {k: m[k] for k in ("kind", "value", "unit", "year", "baseline") if k in m}
        out["indicator"] = m["key"]
        out["subject"] = _subject_ref(m.get("subject"), ref)
        found = _find_all(m["key"], original)[:1] if original else []
        if found:
            out["evidence"] = found[0]
        measures.append(out)
    document = {"id": Path(str(gold.get("document", "gold"))).parent.name or "gold",
                "source": str(gold.get("document", "")), "title": gold.get("title"),
                "city": gold.get("city")}
    return {"document": document, "entities": entities, "relations": relations, "measures": measures}


def _subject_ref(subject: str | None, ref) -> str | None:
    """A measure's subject as an entity id; None when the gold names none or a subject that is
    no gold entity (全国, 我市: matching ignores the subject, so such a gold is still valid)."""
    try:
        return ref(subject) if subject else None
    except InputError:
        return None


def _find_all(form: str, original: str | None) -> list[dict]:
    chars = re.sub(r"\s+", "", form)
    if not chars or original is None:
        return []
    pattern = r"\s*".join(map(re.escape, chars))
    return [{"start": m.start(), "end": m.end(), "text": m.group()}
            for m in re.finditer(pattern, original)]


def _nearest_pair(heads: list[dict], tails: list[dict], original: str | None) -> dict | None:
    if not heads or not tails or original is None:
        return None
    h, t = min(((h, t) for h in heads for t in tails),
               key=lambda ht: abs(ht[0]["start"] - ht[1]["start"]))
    start, end = min(h["start"], t["start"]), max(h["end"], t["end"])
    return {"start": start, "end": end, "text": original[start:end]}


# ---------------------------------------------------------------- a corpus: folders of articles

ARTICLE_FILES = ("article.txt", "article.pdf", "article.html", "article.htm")
GOLD_FILE = "gold.json"


def article_folders(corpus: str | Path) -> list[Path]:
    """The article folders of a corpus: its subfolders holding gold.json or an article file
    (or the folder itself, if it is one), by name."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise InputError(corpus, "no such directory" if not corpus.exists() else "not a directory")
    if _is_article_folder(corpus):
        return [corpus]
    folders = sorted(p for p in corpus.iterdir() if p.is_dir() and _is_article_folder(p))
    if not folders:
        raise InputError(corpus, f"no article folders (subfolders with {GOLD_FILE} and "
                                 f"{' or '.join(ARTICLE_FILES)})")
    return folders


def _is_article_folder(path: Path) -> bool:
    return any((path / name).is_file() for name in (GOLD_FILE, *ARTICLE_FILES))


def article_file(folder: Path) -> Path:
    """The article of an article folder: article.txt, .pdf, .html or .htm (the first found)."""
    for name in ARTICLE_FILES:
        if (folder / name).is_file():
            return folder / name
    raise InputError(folder, f"no article ({', '.join(ARTICLE_FILES)})")


def score_article(folder: Path) -> dict[str, Any]:
    """Extract the article of an article folder and score it against the folder's gold.json."""
    from policykg.extract.document import read_document
    from policykg.extract.pipeline import extract_document

    if not (folder / GOLD_FILE).is_file():
        raise InputError(folder, f"no {GOLD_FILE}")
    gold = load_gold(folder / GOLD_FILE)
    document = read_document(article_file(folder))
    return score(gold, extract_document(document).to_dict(), document.original)


def micro_average(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The scores of several articles together: tp, fp and fn summed over them, then P/R/F1
    (same shape as ``score``'s result)."""

    def total(sections: list[dict[str, Any]]) -> dict[str, Any]:
        return prf(*(sum(v[k] for v in sections) for k in ("tp", "fp", "fn")))

    out: dict[str, Any] = {"articles": len(results)}
    out["entities"] = {t: total([r["entities"][t] for r in results]) for t in CORE + SECONDARY}
    for section in ("entities_core", "entities_all", "relations", "measures"):
        out[section] = total([r[section] for r in results])
    relations = sorted({k for r in results for k in r["relations_by_type"]})
    out["relations_by_type"] = {k: total([r["relations_by_type"][k] for r in results if k in r["relations_by_type"]])
                                for k in relations}
    out["entities_split"] = sum(r["entities_split"] for r in results)
    out["relations_unresolved_ends"] = sum(r["relations_unresolved_ends"] for r in results)
    provenance = [r["provenance"] for r in results if "provenance" in r]
    if provenance:
        ok, bad = sum(p["valid"] for p in provenance), sum(p["invalid"] for p in provenance)
        out["provenance"] = {"valid": ok, "invalid": bad, "rate": round(ok / (ok + bad), 3) if ok + bad else 0.0}
    return out


_CORPUS_COLUMNS = (("core F1", "entities_core"), ("all F1", "entities_all"),
                   ("rel F1", "relations"), ("meas F1", "measures"))


def format_corpus_line(label: str, result: dict[str, Any], width: int = 30) -> str:
    """One line of a corpus report: entity (core, all), relation and measure F1, provenance rate."""
    cells = [f"{result[key]['f1']:>{len(name)}.3f}" for name, key in _CORPUS_COLUMNS]
    provenance = result.get("provenance")
    cells.append(f"{provenance['rate']:>5.3f}" if provenance else f"{'-':>5s}")
    return f"{label:{width}s} " + "  ".join(cells)


def format_corpus_header(width: int = 30) -> str:
    return f"{'article':{width}s} " + "  ".join(name for name, _ in _CORPUS_COLUMNS) + "  prov."


# ---------------------------------------------------------------- reports

_SECTIONS = [("entities (core)", "entities_core"), ("entities (all)", "entities_all"),
             ("relations", "relations"), ("measures", "measures")]


def _rows(result: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    rows = [(label, result[key]) for label, key in _SECTIONS]
    rows += [(f"  entity {t}", v) for t, v in result["entities"].items()]
    rows += [(f"  relation {t}", v) for t, v in result["relations_by_type"].items()]
    return rows


def report_table(result: dict[str, Any]) -> Table:
    """A rich table of P/R/F1 per section and per type."""
    table = Table(title="policykg evaluation")
    for column in ("", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if not column else "right")
    for label, v in _rows(result):
        table.add_row(label, f"{v['p']:.3f}", f"{v['r']:.3f}", f"{v['f1']:.3f}",
                      str(v["tp"]), str(v["fp"]), str(v["fn"]))
    return table


def format_report(result: dict[str, Any]) -> str:
    """The evaluation as plain text: one line per section and per type, then provenance."""
    lines = [f"{'':26s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}"]
    for label, v in _rows(result):
        lines.append(f"{label:26s} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} "
                     f"{v['tp']:5d} {v['fp']:5d} {v['fn']:5d}")
    lines.append(f"entities split over several predictions: {result['entities_split']}; "
                 f"relations with an unresolved end: {result['relations_unresolved_ends']}")
    if "provenance" in result:
        p = result["provenance"]
        lines.append(f"provenance: {p['valid']} valid, {p['invalid']} invalid spans (rate {p['rate']:.3f})")
    return "\n".join(lines)
