"""JSON text as ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes it, faster.

With an indent, the standard library encodes in pure Python through nested generators (its C
encoder only writes compact JSON); for the extraction JSON (many small objects) that was as
slow as a stage of the extraction. ``dumps`` writes the same text from one recursive function
that appends to a list, with the C string escaper: byte for byte the same for the data JSON
holds (str, int, float, bool, None, list, tuple and dict with str/int/float/bool/None keys);
anything else raises the TypeError json.dumps raises. ``level`` indents the whole text as if it
were an item nested that deep (the lines after the first start with 2 × level more spaces).
"""

from __future__ import annotations

from json.encoder import encode_basestring  # the C escaper (ensure_ascii=False)
from typing import Any

__all__ = ["dumps"]

_INF = float("inf")


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


def _key(k: Any) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, float):
        return _float(k)
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


def _encode(o: Any, level: int, out: list[str]) -> None:
    if isinstance(o, str):
        out.append(encode_basestring(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_float(o))
    elif isinstance(o, (list, tuple)):
        _container(o, "[]", level, out, keyed=False)
    elif isinstance(o, dict):
        _container(o.items(), "{}", level, out, keyed=True)
    else:
        raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def _container(items: Any, brackets: str, level: int, out: list[str], keyed: bool) -> None:
    """An array or an object (``keyed``: items are key, value pairs), one item a line."""
    if not items:
        out.append(brackets)
        return
    inner = "\n" + "  " * (level + 1)
    out.append(brackets[0] + inner)
    separator = "," + inner
    for i, item in enumerate(items):
        if i:
            out.append(separator)
        if keyed:
            key, value = item
            out.append(encode_basestring(key if isinstance(key, str) else _key(key)))
            out.append(": ")
        else:
            value = item
        if isinstance(value, str):
            out.append(encode_basestring(value))
        else:
            _encode(value, level + 1, out)
    out.append("\n" + "  " * level + brackets[1])


def dumps(obj: Any, level: int = 0) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``; level: nested that deep (see above)."""
    out: list[str] = []
    _encode(obj, level, out)
    return "".join(out)
