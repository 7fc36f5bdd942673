"""List measure false positives and false negatives against a gold file, with the nearest miss.

usage: python bench/measure_diff.py GOLD.json PRED.json
(matching as in shared/tools/score.py: kind, value, unit and year equal and the predicted
indicator containing the gold key; a miss shows the prediction with the same value and unit,
if any, so a wrong year or kind is told apart from a figure not found at all)."""

from __future__ import annotations

import json
import sys

from policykg.evaluation import _measure_key, norm


def _show(m: dict) -> str:
    what = m.get("key") or m.get("indicator", "")
    return f"{m['kind']:<9} {m['value']!s:>8} {m.get('unit', ''):<5} {m.get('year')!s:<5} {what}"


def main(gold_path: str, pred_path: str) -> None:
    gold = [g for g in json.load(open(gold_path, encoding="utf-8"))["measures"] if not g.get("optional")]
    pred = json.load(open(pred_path, encoding="utf-8"))
    pred = (pred[0] if isinstance(pred, list) else pred)["measures"]
    used: set[int] = set()
    unmatched = []
    for m in pred:
        hit = next((j for j, g in enumerate(gold) if j not in used and _measure_key(g) == _measure_key(m)
                    and norm(g["key"]) in norm(m.get("indicator", ""))), None)
        if hit is None:
            unmatched.append(m)
        else:
            used.add(hit)
    for j, g in enumerate(gold):
        if j in used:
            continue
        near = [m for m in unmatched if m["value"] == g["value"] and m.get("unit") == g.get("unit")]
        print("FN", _show(g), "| pred:", _show(near[0]) if near else "-")
    for m in unmatched:
        print("FP", _show(m))
    print(f"# {len(used)} matched, {len(gold) - len(used)} missed, {len(unmatched)} spurious")


if __name__ == "__main__":
    main(*sys.argv[1:3])
