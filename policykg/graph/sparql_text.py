"""Reading SPARQL query text: what is code, and which keywords it holds.

Used to refuse what must never run (SPARQL Update, federated SERVICE) before a query reaches
a store, and to tell the query form (the endpoint picks the result format from it). Codepoint
escapes (\\u0041, \\U00000041) are applied first, as the SPARQL grammar does before it reads
anything (SPARQL 1.1 §19.2): an escape must not hide code from these checks.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import pyoxigraph as ox

# Strings, IRIs and comments, in one left-to-right pass so that whichever starts first wins
# (a '#' inside an IRI is not a comment, a quote inside a comment is not a string).
_LEXICAL = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"' r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>' r"|#[^\n\r]*", re.DOTALL)
_VARIABLE = re.compile(r"[?$]\w+")
_PREFIXED_NAME = re.compile(r"(?<![\w.\-:])(?:[^\W\d_][\w.\-]*)?:[\w.\-:%]*")
_PROLOGUE = re.compile(r"\b(?:PREFIX\s+\S*|BASE)\s*", re.IGNORECASE)
_FORM = re.compile(r"(?<![\w?$:])(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.IGNORECASE)


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def unescaped(sparql: str) -> str:
    """The query with its codepoint escapes applied (what a SPARQL parser reads)."""
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return _CODEPOINT.sub(char, sparql)


def code_only(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out.

    ``<`` is also the less-than operator, so a ``<...>`` holding a parenthesis (which an
    expression needs to close before any graph pattern) stays visible as code, with its
    quote and '#' characters neutralised; no comparison can hide a keyword that way."""
    def blank(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.startswith("<") and ("(" in text or ")" in text):
            return re.sub(r"[#'\"]", " ", text)
        return " "
    return _LEXICAL.sub(blank, unescaped(sparql))


def has_service(sparql: str) -> bool:
    """True when the query holds a SERVICE pattern: by rdflib's SPARQL parser when it can read
    the query, and in any case when SERVICE appears as code (outside strings, IRIs, comments,
    variables and prefixed names). Deliberately cautious: no SPARQL keyword contains
    'service', so any other appearance of the word in code is refused too."""
    code = _PREFIXED_NAME.sub(" ", _VARIABLE.sub(" ", code_only(sparql)))
    return "service" in code.lower() or _parsed_service(unescaped(sparql))


# pyparsing is not thread-safe: the endpoint's request threads calling rdflib's parser at once
# corrupted its parse actions (their arity is detected at first call) for the whole process,
# rdflib's SPARQL result parsers included. One parse at a time.
_PARSER_LOCK = threading.Lock()


def _parsed_service(sparql: str) -> bool:
    """Does rdflib's parse tree of the query hold a SERVICE pattern? (False when rdflib cannot
    parse it: the store's own parser then decides, and the lexical check has spoken.)"""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        with _PARSER_LOCK:
            tree = parseQuery(sparql)
    except (ParseException, ValueError, TypeError, RecursionError):
        return False
    return "ServiceGraphPattern" in repr(tree)


def query_form(sparql: str) -> str | None:
    """select, construct, describe or ask (None when the text names none of them)."""
    match = _FORM.search(_PROLOGUE.sub(" ", code_only(sparql)))
    return match.group(1).lower() if match else None


_UPDATE_KEYWORD = re.compile(
    r"(?<![\w?$:.\-])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)(?![\w:\-])", re.IGNORECASE)


def update_keyword(sparql: str) -> str | None:
    """The SPARQL Update keyword in the text (outside strings, IRIs, comments), if any."""
    match = _UPDATE_KEYWORD.search(code_only(sparql))
    return match.group(1).upper() if match else None


MAX_NESTING = 256  # brackets inside brackets: real queries nest a dozen deep at most
_OPEN, _CLOSE = "{([", "})]"


def nesting_depth(sparql: str) -> int:
    """How deep the brackets of the query's code nest. A parser reads nesting by recursion, and
    a query nested thousands deep overflows pyoxigraph's stack and kills the process (no
    error is raised), so it is refused before it reaches one."""
    depth = deepest = 0
    for char in code_only(sparql):
        if char in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSE:
            depth = max(0, depth - 1)
    return deepest


def check_nesting(sparql: str) -> None:
    """QueryError when the query nests deeper than MAX_NESTING."""
    from policykg.errors import QueryError

    depth = nesting_depth(sparql)
    if depth > MAX_NESTING:
        raise QueryError(f"the query nests brackets {depth} deep; at most {MAX_NESTING} are read")


# ---------------------------------------------------------------- RDF terms as SPARQL text

# SPARQL's escape sequences (ECHAR) for the characters a string literal cannot hold as they are.
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal: quotes, backslashes and line breaks escaped,
    so whatever it holds stays one literal."""
    return '"' + "".join(_ESCAPES.get(c, c) for c in value) + '"'


def sparql_term(term: Any) -> str:
    """A pyoxigraph term as SPARQL text (the store reads the same term back)."""
    if isinstance(term, ox.Literal):
        text = sparql_string(term.value)
        return text + ("@" + term.language if term.language else "^^<" + term.datatype.value + ">")
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return "<" + term.value + ">"
