"""Exports in every format read back with the same counts; NetworkX analytics."""

from __future__ import annotations

import csv

import networkx as nx
import pytest
import rdflib
from fixtures.graph.graph_data import extraction, with_hostile_entity

from policykg.errors import PolicyKGError
from policykg.graph.analytics import (analyse, betweenness_centrality, connected_components,
                                      degree_centrality, to_networkx)
from policykg.graph.export import (CSV_COLUMNS, DATASET_FORMATS, EXPORT_FORMATS, GRAPH_FORMATS,
                                   RDFLIB_FORMATS, export)
from policykg.graph.store import GraphStore

HOSTILE = '<img src=x onerror=alert(1)> "湘油泵" & co'


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = GraphStore.create(tmp_path_factory.mktemp("store") / "s")
    store.add_extraction(with_hostile_entity(extraction("hengyang-2017"), HOSTILE))
    store.add_extraction(extraction("suzhou-2011"))
    return store


def _relation_count(store: GraphStore) -> int:
    return sum(store.summary()["relations"].values())


@pytest.mark.parametrize("fmt", sorted(set(DATASET_FORMATS) | set(GRAPH_FORMATS)))
def test_rdf_exports_parse_back_with_the_same_triple_count(store, tmp_path, fmt):
    report = export(store, fmt, tmp_path / f"kg.{fmt}")
    dataset = rdflib.Dataset()
    dataset.parse(report.path, format=RDFLIB_FORMATS[fmt])
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == report.count == store.count_triples()
    graphs = {g for *_, g in quads}
    assert len(graphs) == (2 if fmt in DATASET_FORMATS else 1)
    labels = {str(o) for _, p, o, _ in quads if p == rdflib.RDFS.label}
    assert HOSTILE in labels


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_read_back_with_the_same_edge_count(store, tmp_path, fmt, read):
    report = export(store, fmt, tmp_path / f"kg.{fmt}")
    graph = read(report.path)
    assert graph.number_of_edges() == report.count == _relation_count(store)
    names = {attrs.get("name", attrs.get("label")) for _, attrs in graph.nodes(data=True)}
    assert HOSTILE in names
    types = {attrs.get("type") for _, attrs in graph.nodes(data=True)}
    assert {"Enterprise", "Cluster", "Place"} <= types
    relations = {attrs.get("relation") for *_, attrs in graph.edges(data=True)}
    assert "leads" in relations


def test_csv_is_an_edge_list(store, tmp_path):
    report = export(store, "csv", tmp_path / "edges.csv")
    with report.path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == report.count == _relation_count(store)
    assert any(r["head"] == HOSTILE and r["relation"] == "leads" for r in rows)


def test_every_advertised_format_exports(store, tmp_path):
    for fmt in EXPORT_FORMATS:
        assert export(store, fmt, tmp_path / f"all.{fmt}").path.stat().st_size > 0
    with pytest.raises(PolicyKGError, match="unknown export format"):
        export(store, "docx", tmp_path / "x.docx")


def test_networkx_graph_and_analytics(store):
    graph = to_networkx(store)
    assert graph.number_of_nodes() == sum(store.summary()["entities"].values())
    assert graph.number_of_edges() == _relation_count(store)
    degree = degree_centrality(graph, top=5)
    scores = [d["score"] for d in degree]
    assert scores == sorted(scores, reverse=True) and len(degree) == 5
    best = max(dict(graph.degree()).values())
    assert degree[0]["score"] == round(best / (len(graph) - 1), 4)
    assert len(betweenness_centrality(graph, top=3)) == 3
    components = connected_components(graph)
    assert sum(len(c) for c in components) == graph.number_of_nodes()
    assert [len(c) for c in components] == sorted((len(c) for c in components), reverse=True)
    summary = analyse(graph, top=3)
    assert summary["components"] == len(components) and summary["edges"] == graph.number_of_edges()
