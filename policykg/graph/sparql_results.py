"""Query results in the W3C SPARQL 1.1 result formats, and choosing one from an Accept header.

SELECT and ASK results: SPARQL 1.1 Query Results JSON, XML, CSV and TSV
(https://www.w3.org/TR/sparql11-results-json/, /rdf-sparql-XMLres/, /sparql11-results-csv-tsv/).
CONSTRUCT and DESCRIBE results (rows of subject, predicate, object): N-Triples or Turtle.

Terms keep their kind: uri, bnode, literal with its language or datatype (xsd:string
is left implicit, as RDF 1.1 does), and quoted triples (SPARQL 1.2 JSON ``triple``).
CSV and TSV have no ASK form in the standard: they give a one-column table ``ask``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from policykg.graph.base import QUERY_PREFIXES, XSD_STRING, QueryResult, Term

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
N_TRIPLES = "application/n-triples"
TURTLE = "text/turtle"

TABLE_TYPES = (JSON, XML, CSV, TSV)  # SELECT / ASK, the first is the default
GRAPH_TYPES = (N_TRIPLES, TURTLE)  # CONSTRUCT / DESCRIBE, the first is the default
ALIASES = {"application/json": JSON, "application/xml": XML, "text/xml": XML,
           "text/plain": N_TRIPLES, "application/x-turtle": TURTLE}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_BARE_NUMBER = {_XSD + "integer": re.compile(r"[+-]?\d+"),  # TSV writes these without quotes
                _XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
                _XSD + "double": re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+")}
# XML 1.0 cannot carry these code points at all, not even as character references.
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def content_type(media_type: str) -> str:
    """The Content-Type header value for a media type (always UTF-8)."""
    return f"{media_type}; charset=utf-8"


def negotiate(accept: str | None, *, graph: bool) -> str | None:
    """The media type to answer with, from an Accept header (q-values honoured).

    ``graph`` says the result is triples (CONSTRUCT/DESCRIBE). No header, or only
    wildcards, gives the default (JSON, or N-Triples); None means nothing acceptable."""
    offered = GRAPH_TYPES if graph else TABLE_TYPES
    ranges = _accept_ranges(accept or "*/*")
    best: tuple[float, int, int, int] | None = None
    choice = None
    for rank, media_type in enumerate(offered):
        # A type's q-value is that of the most specific range naming it (RFC 9110 12.5.1).
        matching = [(specificity, -order, q) for order, (media_range, q) in enumerate(ranges)
                    if (specificity := _matches(media_range, media_type)) is not None]
        if not matching:
            continue
        specificity, first, q = max(matching)
        key = (q, specificity, first, -rank)
        if q > 0 and (best is None or key > best):
            best, choice = key, media_type
    return choice


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media_range = fields[0].lower()
        if not media_range:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((ALIASES.get(media_range, media_range), q))
    return ranges


def _matches(media_range: str, media_type: str) -> int | None:
    """How specifically ``media_range`` names ``media_type`` (2 exact, 1 type/*, 0 */*)."""
    if media_range == media_type:
        return 2
    if media_range == "*/*":
        return 0
    if media_range.endswith("/*") and media_type.startswith(media_range[:-1]):
        return 1
    return None


def serialize(result: QueryResult, media_type: str) -> bytes:
    """The result in ``media_type`` (one of TABLE_TYPES, or GRAPH_TYPES for triples)."""
    writer = _WRITERS.get(ALIASES.get(media_type, media_type))
    if writer is None:
        raise ValueError(f"unsupported result media type {media_type!r}")
    return writer(result)


# ---------------------------------------------------------------- JSON

def _json_term(term: Term) -> dict[str, Any]:
    if term.kind == "triple":
        return {"type": "triple", "value": dict(zip(("subject", "predicate", "object"),
                                                    map(_json_term, _triple_parts(term))))}
    out: dict[str, Any] = {"type": term.kind, "value": term.value}
    if term.lang:
        out["xml:lang"] = term.lang
    elif term.kind == "literal" and term.datatype and term.datatype != XSD_STRING:
        out["datatype"] = term.datatype
    return out


def _json(result: QueryResult) -> bytes:
    if result.boolean is not None:
        doc: dict[str, Any] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [{var: _json_term(t) for var, t in zip(result.variables, row) if t is not None}
                    for row in result.rows]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


# ---------------------------------------------------------------- XML

def _xml_text(text: str) -> str:
    text = _NOT_XML_CHAR.sub("\ufffd", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\r", "&#13;"))


def _xml_term(term: Term) -> str:
    if term.kind == "uri":
        return f"<uri>{_xml_text(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if term.kind == "triple":
        parts = "".join(f"<{name}>{_xml_term(part)}</{name}>" for name, part in
                        zip(("subject", "predicate", "object"), _triple_parts(term)))
        return f"<triple>{parts}</triple>"
    if term.lang:
        return f'<literal xml:lang="{_xml_text(term.lang)}">{_xml_text(term.value)}</literal>'
    if term.datatype and term.datatype != XSD_STRING:
        return f'<literal datatype="{_xml_text(term.datatype)}">{_xml_text(term.value)}</literal>'
    return f"<literal>{_xml_text(term.value)}</literal>"


def _xml(result: QueryResult) -> bytes:
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.boolean is not None:
        lines += ["<head/>", f"<boolean>{str(result.boolean).lower()}</boolean>"]
    else:
        lines.append("<head>" + "".join(f'<variable name="{_xml_text(v)}"/>'
                                         for v in result.variables) + "</head>")
        lines.append("<results>")
        for row in result.rows:
            bindings = "".join(f'<binding name="{_xml_text(var)}">{_xml_term(t)}</binding>'
                               for var, t in zip(result.variables, row) if t is not None)
            lines.append(f"<result>{bindings}</result>")
        lines.append("</results>")
    lines.append("</sparql>")
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- CSV and TSV

def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "bnode":
        return f"_:{term.value}"
    if term.kind == "triple":
        return _ntriples(term)
    return term.value


def _csv(result: QueryResult) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerows([["ask"], [str(result.boolean).lower()]])
    else:
        writer.writerow(result.variables)
        writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return out.getvalue().encode("utf-8")


def _escape_string(value: str) -> str:
    return (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))


def _ntriples(term: Term) -> str:
    """The term in N-Triples / Turtle syntax (what TSV cells hold)."""
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    if term.kind == "triple":
        return "<<( " + " ".join(_ntriples(part) for part in _triple_parts(term)) + " )>>"
    if term.lang:
        return f'"{_escape_string(term.value)}"@{term.lang}'
    if term.datatype and term.datatype != XSD_STRING:
        bare = _BARE_NUMBER.get(term.datatype)
        if bare is not None and bare.fullmatch(term.value):
            return term.value
        return f'"{_escape_string(term.value)}"^^<{term.datatype}>'
    return f'"{_escape_string(term.value)}"'


def _tsv(result: QueryResult) -> bytes:
    if result.boolean is not None:
        return f"?ask\n{str(result.boolean).lower()}\n".encode()
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join("" if t is None else _ntriples(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- triples (CONSTRUCT)

def _triple_parts(term: Term) -> tuple[Term, Term, Term]:
    """Subject, predicate and object of a quoted-triple term (kept as N-Triples text)."""
    text = term.value.strip()
    if text.startswith("<<") and text.endswith(">>"):
        text = text[2:-2].strip().removeprefix("(").removesuffix(")")
    triple = next(iter(ox.parse(text + " .", format=ox.RdfFormat.N_TRIPLES)))
    return (Term.from_oxigraph(triple.subject), Term.from_oxigraph(triple.predicate),
            Term.from_oxigraph(triple.object))


def _oxigraph_term(term: Term) -> Any:
    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.kind == "triple":
        return ox.Triple(*map(_oxigraph_term, _triple_parts(term)))
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype or XSD_STRING))


def _triples(result: QueryResult) -> list[ox.Triple]:
    return [ox.Triple(*map(_oxigraph_term, row)) for row in result.rows if None not in row]


def _n_triples(result: QueryResult) -> bytes:
    return ox.serialize(_triples(result), format=ox.RdfFormat.N_TRIPLES) or b""


def _turtle(result: QueryResult) -> bytes:
    return ox.serialize(_triples(result), format=ox.RdfFormat.TURTLE, prefixes=QUERY_PREFIXES) or b""


_WRITERS: dict[str, Callable[[QueryResult], bytes]] = {
    JSON: _json, XML: _xml, CSV: _csv, TSV: _tsv, N_TRIPLES: _n_triples, TURTLE: _turtle}
