"""The query-text checks that guard the stores and the endpoint (policykg.graph.sparql_text)."""

from __future__ import annotations

import pytest

from policykg.graph.sparql_text import has_service, nesting_depth, query_form, update_keyword


@pytest.mark.parametrize("sparql, keyword", [
    ("INSERT DATA { <a:b> <a:c> 1 }", "INSERT"),
    ("PREFIX x: <http://e/> drop all", "DROP"),
    ("SELECT * WHERE { ?s ?p ?o } ; CLEAR DEFAULT", "CLEAR"),
    ('SELECT ?s WHERE { ?s rdfs:label "INSERT DATA" }', None),  # inside a string
    ("SELECT ?s WHERE { ?s <http://e/delete> ?o }", None),       # inside an IRI
    ("SELECT ?s WHERE { ?s ?p ?o } # then DROP ALL", None),       # inside a comment
    ("SELECT ?insert WHERE { ?insert pkg:load ?o }", None),       # variable, prefixed name
])
def test_update_keywords_are_found_only_in_code(sparql, keyword):
    assert update_keyword(sparql) == keyword


@pytest.mark.parametrize("sparql, federated", [
    ("SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }", True),
    ("select * where { service silent <http://x/> { ?s ?p ?o } }", True),
    ('SELECT * WHERE { ?s rdfs:label "SERVICE" }', False),
    ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/>", False),
    ("SELECT ?service WHERE { ?service pkg:service ?o }", False),
    # a less-than comparison must not swallow the keyword as if it were an IRI
    ("SELECT * WHERE { ?s ?p ?o FILTER(?o <(1) ) SERVICE <http://x/> { ?a ?b ?c } }", True),
    # a codepoint escape inside an IRI must not open a comment that hides the keyword
    ("SELECT * WHERE { BIND(<http://x/\\u0041#> AS ?z) SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { BIND(<http://x/\\U00000041#> AS ?z) SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", True),  # the keyword itself escaped
    ('SELECT * WHERE { ?s ?p "\\u0053ERVICE" }', False),
])
def test_service_is_refused_wherever_it_is_code(sparql, federated):
    assert has_service(sparql) is federated


@pytest.mark.parametrize("sparql, form", [
    ("PREFIX ask: <http://e/> SELECT ?s WHERE { ?s ask:x ?o }", "select"),
    ("# a comment saying SELECT\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "construct"),
    ("ASK { ?s ?p ?o }", "ask"),
    ("DESCRIBE <http://e/x>", "describe"),
    ("nonsense", None),
])
def test_query_form_skips_prologue_and_comments(sparql, form):
    assert query_form(sparql) == form


@pytest.mark.parametrize("sparql, depth", [
    ("SELECT * WHERE { ?s ?p ?o }", 1),
    ("SELECT * WHERE { { ?s ?p ?o } UNION { ?s ?q ?o FILTER(STRLEN(STR(?o)) > 2) } }", 5),
    ('SELECT * WHERE { ?s ?p "{{{{(((" } # ((((', 1),  # brackets in strings and comments are text
    ("SELECT * WHERE { " + "{ " * 300 + "?s ?p ?o" + " }" * 300 + " }", 301),
])
def test_nesting_depth_counts_brackets_of_code_only(sparql, depth):
    assert nesting_depth(sparql) == depth
