"""The test helpers under tests/fixtures import as ``fixtures.*`` from any test folder
(tests/robustness too), however pytest is started."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
