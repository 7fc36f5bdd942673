"""The W3C SPARQL result formats: our serialisation read back by pyoxigraph's and rdflib's parsers.

pyoxigraph's own serialiser is the oracle: the same query over the same data, written by it
and by us, must parse back to the same solutions.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib.query import Result

from policykg.graph import sparql_results as sr
from policykg.graph.store import GraphStore

HOSTILE = '他说 "你好" <b>&amp; 1 < 2\nnext line\r\ttab \\ end'
DATA = f"""
<urn:ex:a> <urn:ex:label> {json.dumps(HOSTILE, ensure_ascii=False)}@zh .
<urn:ex:a> <urn:ex:name> "衡阳市工业园区" .
<urn:ex:a> <urn:ex:count> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
<urn:ex:a> <urn:ex:rate> "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<urn:ex:a> <urn:ex:size> "1"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<urn:ex:a> <urn:ex:ratio> "2.5E3"^^<http://www.w3.org/2001/XMLSchema#double> .
<urn:ex:a> <urn:ex:year> "2017"^^<http://www.w3.org/2001/XMLSchema#gYear> .
_:b1 <urn:ex:links> <urn:ex:a> .
<urn:ex:c> <urn:ex:note> "tab\\there" .
"""
SELECT = ("SELECT ?s ?p ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <urn:ex:none> ?missing } } "
          "ORDER BY STR(?s) STR(?p)")
ORACLE_FORMATS = {sr.JSON: ox.QueryResultsFormat.JSON, sr.XML: ox.QueryResultsFormat.XML,
                  sr.TSV: ox.QueryResultsFormat.TSV}


@pytest.fixture(scope="module")
def oracle() -> ox.Store:
    store = ox.Store()
    store.load(DATA, format=ox.RdfFormat.N_TRIPLES)
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> GraphStore:
    path = tmp_path_factory.mktemp("results") / "data.nt"
    path.write_text(DATA, encoding="utf-8")
    store = GraphStore(None)
    store.add_rdf_file(path)
    return store


def _solutions(data: bytes, fmt: ox.QueryResultsFormat) -> list[tuple[str, ...]]:
    """Solutions as comparable text; blank nodes keep only their kind (labels may be renamed)."""
    parsed = ox.parse_query_results(data, fmt)
    variables = [v.value for v in parsed.variables]
    def text(term):
        return "" if term is None else "_:" if isinstance(term, ox.BlankNode) else str(term)
    return [tuple(text(solution[v]) for v in variables) for solution in parsed]


@pytest.mark.parametrize("media_type", [sr.JSON, sr.XML, sr.TSV])
def test_select_reads_back_as_pyoxigraph_writes_it(store, oracle, media_type):
    ours = sr.serialize(store.query(SELECT), media_type)
    theirs = oracle.query(SELECT).serialize(format=ORACLE_FORMATS[media_type])
    fmt = ORACLE_FORMATS[media_type]
    assert _solutions(ours, fmt) == _solutions(theirs, fmt)
    assert len(_solutions(ours, fmt)) == 9


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_rdflib_reads_every_term_kind_and_the_hostile_literal(store, fmt):
    media_type = {"json": sr.JSON, "xml": sr.XML, "tsv": sr.TSV}[fmt]
    result = Result.parse(io.BytesIO(sr.serialize(store.query(SELECT), media_type)), format=fmt)
    assert [str(v) for v in result.vars] == ["s", "p", "o", "missing"]
    by_predicate = {str(row["p"]): row for row in result}
    label = by_predicate["urn:ex:label"]["o"]
    assert str(label) == HOSTILE and label.language == "zh"
    assert by_predicate["urn:ex:name"]["o"].datatype is None or \
        str(by_predicate["urn:ex:name"]["o"].datatype).endswith("#string")
    assert by_predicate["urn:ex:count"]["o"].toPython() == 42
    assert str(by_predicate["urn:ex:rate"]["o"].datatype).endswith("#decimal")
    assert str(by_predicate["urn:ex:size"]["o"].datatype).endswith("#decimal")  # "1" is not bare in TSV
    assert str(by_predicate["urn:ex:year"]["o"].datatype).endswith("#gYear")
    assert type(by_predicate["urn:ex:links"]["s"]).__name__ == "BNode"
    assert all(row["missing"] is None for row in result)


def test_json_follows_the_w3c_layout(store):
    doc = json.loads(sr.serialize(store.query(SELECT), sr.JSON))
    assert doc["head"]["vars"] == ["s", "p", "o", "missing"]
    rows = {b["p"]["value"]: b for b in doc["results"]["bindings"]}
    assert rows["urn:ex:label"]["o"] == {"type": "literal", "value": HOSTILE, "xml:lang": "zh"}
    assert rows["urn:ex:name"]["o"] == {"type": "literal", "value": "衡阳市工业园区"}
    assert rows["urn:ex:links"]["s"]["type"] == "bnode"
    assert all("missing" not in b for b in doc["results"]["bindings"])  # unbound: left out


def test_xml_is_well_formed_and_keeps_the_carriage_return(store):
    root = ET.fromstring(sr.serialize(store.query(SELECT), sr.XML))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["s", "p", "o", "missing"]
    literals = [el for el in root.iterfind(".//r:literal", ns)
                if el.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"]
    assert [el.text for el in literals] == [HOSTILE]


def test_csv_holds_plain_values_with_crlf_rows(store):
    data = sr.serialize(store.query(SELECT), sr.CSV).decode("utf-8")
    assert data.startswith("s,p,o,missing\r\n")
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    labels = [row["o"] for row in rows if row["p"] in ("urn:ex:label", "urn:ex:note")]
    assert HOSTILE in labels and "tab\there" in labels
    assert any(row["s"].startswith("_:") for row in rows)
    assert {row["missing"] for row in rows} == {""}


@pytest.mark.parametrize("media_type", [sr.JSON, sr.XML])
def test_ask_answers_a_boolean(store, media_type):
    fmt = ORACLE_FORMATS[media_type]
    assert bool(ox.parse_query_results(sr.serialize(store.query("ASK { ?s <urn:ex:name> ?o }"), media_type), fmt))
    assert not bool(ox.parse_query_results(sr.serialize(store.query("ASK { ?s <urn:ex:no> ?o }"), media_type), fmt))


@pytest.mark.parametrize("media_type, fmt", [(sr.N_TRIPLES, ox.RdfFormat.N_TRIPLES),
                                             (sr.TURTLE, ox.RdfFormat.TURTLE)])
def test_construct_writes_triples_that_parse_back(store, oracle, media_type, fmt):
    triples = list(ox.parse(sr.serialize(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), media_type), format=fmt))
    expected = [q.triple for q in oracle.quads_for_pattern(None, None, None)]
    def named(ts):
        return sorted(str(t) for t in ts if not isinstance(t.subject, ox.BlankNode))
    assert len(triples) == len(expected) == 9
    assert named(triples) == named(expected)


def test_an_unknown_media_type_is_refused(store):
    with pytest.raises(ValueError):
        sr.serialize(store.query("ASK {}"), "image/png")


@pytest.mark.parametrize("accept, graph, expected", [
    (None, False, sr.JSON), ("*/*", False, sr.JSON), (None, True, sr.N_TRIPLES),
    ("text/csv", False, sr.CSV), ("text/tab-separated-values", False, sr.TSV),
    ("application/sparql-results+xml", False, sr.XML), ("application/json", False, sr.JSON),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", False, sr.XML),
    ("application/sparql-results+json;q=0, */*", False, sr.XML),  # q=0 excludes even under */*
    ("text/*;q=0.8, text/tab-separated-values", False, sr.TSV),
    ("text/turtle, application/n-triples;q=0.5", True, sr.TURTLE),
    ("image/png", False, None), ("text/csv", True, None),
])
def test_negotiation_honours_q_values_and_specificity(accept, graph, expected):
    assert sr.negotiate(accept, graph=graph) == expected
