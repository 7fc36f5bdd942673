"""List entity false positives and false negatives against a gold file, per type.

usage: python bench/entity_diff.py GOLD.json PRED.json
(matching as in shared/tools/score.py: a name or alias equal after normalisation, type or
alt_type equal; optional gold items count neither way)."""

from __future__ import annotations

import json
import sys

from policykg.extract.entities.names import normalise


def main(gold_path: str, pred_path: str) -> None:
    gold = json.load(open(gold_path, encoding="utf-8"))["entities"]
    pred = json.load(open(pred_path, encoding="utf-8"))
    pred = pred[0] if isinstance(pred, list) else pred
    forms = [{normalise(f) for f in [g["name"], *g.get("aliases", [])]} for g in gold]
    types = [{g["type"], *g.get("alt_types", [])} for g in gold]
    matched: set[int] = set()
    for e in pred["entities"]:
        pf = {normalise(f) for f in [e["name"], *e.get("aliases", [])]}
        hits = [i for i in range(len(gold)) if forms[i] & pf]
        typed = [i for i in hits if e["type"] in types[i]]
        matched.update(typed)
        if not typed and not any(gold[i].get("optional") for i in hits):
            why = f" (gold type {[gold[i]['type'] for i in hits]})" if hits else ""
            print(f"FP {e['type']:<12} {e['name']}  {e.get('aliases', [])}{why}")
    for i, g in enumerate(gold):
        if i not in matched and not g.get("optional"):
            print(f"FN {g['type']:<12} {g['name']}  {g.get('aliases', [])}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
