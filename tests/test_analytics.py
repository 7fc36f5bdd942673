"""NetworkX analytics on the store of the real sample article: graph, views, analyses, paths, CLI."""

from __future__ import annotations

import copy
import gc
import json
import re
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.extract.document import read_document
from policykg.extract.model import ENTITY_TYPES
from policykg.extract.pipeline import extract_document
from policykg.graph.analytics import (
    UnknownEntityError,
    UnknownTypeError,
    analyze,
    find_node,
    flatten_for_export,
    pagerank,
    select,
    shortest_path,
    tidy_text,
    to_networkx,
)
from policykg.graph.store import GraphStore
from policykg.ontology.mapping import normalise_name
from policykg.samples import sample_path

runner = CliRunner()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def sample():
    document = read_document(sample_path())
    return document, extract_document(document).to_dict()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, sample) -> Path:
    path = tmp_path_factory.mktemp("analytics") / "store"
    store = GraphStore.create(path)
    store.add_extraction(sample[1])
    store.flush()
    del store  # release the writer, so that the CLI can open it read-only
    gc.collect()
    return path


@pytest.fixture(scope="module")
def graph(store_dir) -> nx.MultiDiGraph:
    return to_networkx(GraphStore.open(store_dir))


def entity_key(etype: str, name: str) -> tuple[str, str]:
    return etype, normalise_name(name)


def node_of(graph: nx.MultiDiGraph, entity: dict) -> str:
    key = entity_key(entity["type"], entity["name"])
    return next(n for n, a in graph.nodes(data=True) if entity_key(a["type"], a["label"]) == key)


def surface_forms(sample_data: dict) -> dict[tuple[str, str], set[str]]:
    """Every way the article writes each entity (name, aliases, mention texts), white space removed."""
    forms: dict[tuple[str, str], set[str]] = {}
    for e in sample_data["entities"]:
        texts = [e["name"], *e["aliases"], *(m["text"] for m in e["mentions"])]
        forms.setdefault(entity_key(e["type"], e["name"]), set()).update(squash(t) for t in texts)
    return forms


# ---------------------------------------------------------------- the graph

def test_one_node_per_distinct_entity_with_its_attributes(graph, sample):
    document, data = sample
    distinct = {entity_key(e["type"], e["name"]) for e in data["entities"]}
    assert graph.number_of_nodes() == len(distinct)
    assert {entity_key(a["type"], a["label"]) for _, a in graph.nodes(data=True)} == distinct
    article = squash(document.original)
    forms = surface_forms(data)
    with_sentences = {entity_key(e["type"], e["name"]) for e in data["entities"]
                      if any(m.get("sentence") for m in e["mentions"])}
    assert with_sentences
    for node, attrs in graph.nodes(data=True):
        assert attrs["iri"] == node and attrs["type"] in ENTITY_TYPES
        assert attrs["documents"] == [data["document"]["id"]] and attrs["document_count"] == 1
        assert isinstance(attrs["aliases"], list) and attrs["label"] not in attrs["aliases"]
        assert bool(attrs["sentences"]) == (entity_key(attrs["type"], attrs["label"]) in with_sentences)
        assert len(attrs["sentences"]) <= 5 and len(set(attrs["sentences"])) == len(attrs["sentences"])
        for sentence in attrs["sentences"]:
            assert "\n" not in sentence and squash(sentence) in article
            assert any(form in squash(sentence) for form in forms[entity_key(attrs["type"], attrs["label"])])


def test_one_edge_per_relation_with_the_evidence_of_the_article(graph, sample):
    document, data = sample
    by_id = {e["id"]: e for e in data["entities"]}
    stated: dict[tuple[str, str, str], set[str]] = {}
    for r in data["relations"]:
        edge = (node_of(graph, by_id[r["head"]]), node_of(graph, by_id[r["tail"]]), r["relation"])
        stated.setdefault(edge, set()).add(tidy_text(r["evidence"]["text"]) if r.get("evidence") else "")
    assert {(h, t, k) for h, t, k in graph.edges(keys=True)} == set(stated)
    article, forms = squash(document.original), surface_forms(data)
    leads_checked = 0
    for head, tail, relation, attrs in graph.edges(keys=True, data=True):
        assert attrs["relation"] == relation and attrs["documents"] == [data["document"]["id"]]
        assert set(attrs["evidence"]) == stated[(head, tail, relation)] - {""}
        assert all(squash(sentence) in article for sentence in attrs["evidence"])
        if relation == "leads":  # 以X为龙头的Y: the sentence names both ends
            for node in (head, tail):
                names = forms[entity_key(graph.nodes[node]["type"], graph.nodes[node]["label"])]
                assert any(name in squash(attrs["evidence"][0]) for name in names)
            leads_checked += 1
    assert leads_checked > 0


def test_two_documents_naming_the_same_entities_give_one_node_each(sample, graph):
    _, data = sample
    second = copy.deepcopy(data)
    second["document"]["id"] = "second-document"
    store = GraphStore(None)
    store.add_extraction(data)
    store.add_extraction(second)
    both = to_networkx(store)
    assert both.number_of_nodes() == graph.number_of_nodes()
    assert both.number_of_edges() == graph.number_of_edges()
    expected = sorted([data["document"]["id"], "second-document"])
    assert all(a["documents"] == expected and a["document_count"] == 2 for _, a in both.nodes(data=True))
    assert all(a["documents"] == expected for *_, a in both.edges(data=True))
    assert all(len(set(a["sentences"])) == len(a["sentences"]) for _, a in both.nodes(data=True))


def test_flattened_graph_writes_as_graphml(graph, tmp_path):
    path = tmp_path / "g.graphml"
    nx.write_graphml(flatten_for_export(graph), path)
    back = nx.read_graphml(path)
    assert back.number_of_edges() == graph.number_of_edges()
    node, attrs = next((n, a) for n, a in graph.nodes(data=True) if a["aliases"])
    assert back.nodes[node]["aliases"] == "; ".join(attrs["aliases"])


# ---------------------------------------------------------------- views

def test_focus_by_alias_gives_the_neighbourhood(graph):
    labels = {normalise_name(a["label"]) for _, a in graph.nodes(data=True)}
    node, alias = next((n, alias) for n, a in sorted(graph.nodes(data=True)) if graph.degree(n)
                       for alias in a["aliases"] if normalise_name(alias) not in labels)
    spaced = " ".join(alias)  # white space does not matter (names compare normalised)
    assert find_node(graph, spaced) == node
    view = select(graph, focus=spaced, hops=1)
    assert set(view) == {node, *graph.successors(node), *graph.predecessors(node)}
    assert view.graph["focus"] == node
    wider = select(graph, focus=alias, hops=2)
    assert set(view) <= set(wider)


def test_type_filter_keeps_only_those_types(graph):
    view = select(graph, types=["enterprise", "Cluster"])
    assert {a["type"] for _, a in view.nodes(data=True)} == {"Enterprise", "Cluster"}
    assert view.number_of_nodes() == sum(a["type"] in ("Enterprise", "Cluster") for _, a in graph.nodes(data=True))
    with pytest.raises(UnknownTypeError, match="valid types: Enterprise, Park"):
        select(graph, types=["Firm"])


def test_unknown_focus_suggests_close_names(graph):
    label = max((a["label"] for _, a in graph.nodes(data=True)), key=len)
    with pytest.raises(UnknownEntityError, match="did you mean") as caught:
        select(graph, focus=label[:-2])
    assert label in str(caught.value)


# ---------------------------------------------------------------- analyses

def test_cluster_leaders_in_the_store_are_its_members(graph, store_dir):
    leaders = GraphStore.open(store_dir).query("SELECT ?e ?c WHERE { ?e pkg:leads ?c }").values()
    assert leaders
    members = {g["iri"]: {(m["iri"], m["relation"]) for m in g["members"]} for g in analyze(graph)["groups"]}
    for leader, cluster in leaders:
        assert (leader, "leads") in members[cluster]
    assert set(members) == {n for n, t in graph.nodes(data="type") if t in ("Cluster", "Zone")}


def test_central_entities_are_ranked_and_deterministic(graph):
    report = analyze(graph, top=3)
    shuffled = nx.MultiDiGraph()  # the same graph, built in the opposite order
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    shuffled.graph.update(graph.graph)
    assert analyze(shuffled, top=3) == report == analyze(to_networkx_again(graph), top=3)
    for etype, ranks in report["central"].items():
        degrees = [r["score"] for r in ranks["degree"]]
        assert degrees == sorted(degrees, reverse=True) and len(degrees) <= 3
        assert degrees[0] == max(graph.degree(n) for n, t in graph.nodes(data="type") if t == etype)
        assert all(graph.nodes[r["iri"]]["type"] == etype for r in ranks["pagerank"])
    scores = pagerank(graph)
    assert sum(scores.values()) == pytest.approx(1.0, abs=1e-4)
    simple = nx.Graph(graph.to_undirected())
    leaves = [(leaf, next(iter(simple[leaf]))) for leaf in simple if simple.degree(leaf) == 1]
    hub_leaves = [(leaf, hub) for leaf, hub in leaves if simple.degree(hub) >= 3]
    assert hub_leaves and all(scores[leaf] < scores[hub] for leaf, hub in hub_leaves)
    assert sum(report["components"]["sizes"]) == graph.number_of_nodes()
    assert sorted(m for c in report["communities"] for m in c) == sorted(a for _, a in graph.nodes(data="label"))
    json.dumps(report)


def to_networkx_again(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    copy_ = nx.MultiDiGraph(graph)
    copy_.graph.update(graph.graph)
    return copy_


def test_path_from_an_enterprise_to_the_city_follows_real_relations(graph, sample):
    document, data = sample
    city = find_node(graph, document.city)
    assert city is not None
    simple = nx.Graph(graph.to_undirected())
    enterprise = next(n for n, t in sorted(graph.nodes(data="type")) if t == "Enterprise" and nx.has_path(simple, n, city))
    hops = shortest_path(graph, graph.nodes[enterprise]["label"], document.city)
    assert hops[0].source_iri == enterprise and hops[-1].target_iri == city
    assert len(hops) == nx.shortest_path_length(simple, enterprise, city)
    for before, after in pairwise(hops):
        assert before.target_iri == after.source_iri
    for hop in hops:
        head, tail = (hop.source_iri, hop.target_iri) if hop.direction == "forward" else (hop.target_iri, hop.source_iri)
        edge = graph.edges[head, tail, hop.relation]
        assert hop.evidence in edge["evidence"] and hop.evidence
        assert hop.document == data["document"]["id"]


# ---------------------------------------------------------------- command line

def test_cli_analyze_json(store_dir, graph, sample):
    result = runner.invoke(app, ["analyze", "--store", str(store_dir), "--top", "2", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["nodes"] == graph.number_of_nodes() and report["edges"] == graph.number_of_edges()
    assert set(report["central"]) <= set(ENTITY_TYPES)
    city = sample[0].city
    focused = runner.invoke(app, ["analyze", "--store", str(store_dir), "--focus", city, "--types", "Cluster,Place", "--json"])
    assert focused.exit_code == 0, focused.output
    view = json.loads(focused.stdout)
    assert set(view["central"]) <= {"Cluster", "Place"} and view["nodes"] < report["nodes"]
    assert view["view"] == {"focus": graph.nodes[find_node(graph, city)]["label"], "hops": 1, "types": ["Cluster", "Place"]}


def test_cli_analyze_tables(store_dir):
    result = runner.invoke(app, ["analyze", "--store", str(store_dir), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Most central entities per type" in result.stdout and "Communities (Louvain)" in result.stdout


def test_cli_path_prints_each_hop_with_its_evidence(store_dir, graph, sample):
    document, _ = sample
    simple, city = nx.Graph(graph.to_undirected()), find_node(graph, document.city)
    enterprise = next(a["label"] for n, a in sorted(graph.nodes(data=True))
                      if a["type"] == "Enterprise" and nx.has_path(simple, n, city))
    result = runner.invoke(app, ["path", enterprise, document.city, "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    hops = shortest_path(graph, enterprise, document.city)
    for hop in hops:
        assert re.search(rf"{re.escape(hop.source)} (—{hop.relation}→|←{hop.relation}—) {re.escape(hop.target)}", result.stdout)
        assert hop.evidence[:20] in result.stdout


@pytest.mark.parametrize("args, message", [
    (["path", "没有这个企业", "另一个名字"], "no entity named"),
    (["analyze", "--types", "Firm"], "unknown entity type 'Firm'"),
    (["analyze", "--focus", "没有这个企业"], "no entity named"),
])
def test_cli_bad_names_give_one_line_errors(store_dir, args, message):
    result = runner.invoke(app, [*args, "--store", str(store_dir)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and message in lines[0]
    assert "Traceback" not in result.output
