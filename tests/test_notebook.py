"""The notebook runs top to bottom (its code cells executed in one namespace, no Jupyter needed)."""

from __future__ import annotations

import json
from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_notebook_cells_run_and_find_leaders(capsys):
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    namespace: dict = {}
    for cell in cells:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), str(NOTEBOOK), "exec"), namespace)
    assert namespace["graph"].number_of_edges() > 0
    assert namespace["page"].stat().st_size > 10_000
    assert len(namespace["targets"]) > 0
    assert "产业集群" in capsys.readouterr().out
