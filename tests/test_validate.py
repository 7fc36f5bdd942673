"""SHACL validation: what the tool builds conforms; broken graphs fail with readable violations."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from fixtures.graph.graph_data import extraction
from fixtures.graph.shared_entity import TEXTS, document
from fixtures.shared import CORPUS
from rdflib import RDF, RDFS, Graph, Literal
from typer.testing import CliRunner

from policykg import schema
from policykg.cli import app
from policykg.evaluation import gold_as_prediction
from policykg.graph.store import GraphStore
from policykg.ontology.mapping import (
    NIF,
    PKG,
    extraction_to_graph,
    extractions_to_dataset,
)
from policykg.ontology.validate import validate

ARTICLES = sorted(CORPUS.glob("*/article.txt"))


def _small() -> Graph:
    return extraction_to_graph(document("doc-a"))


def test_the_sample_as_extracted_conforms():
    from policykg.extract.pipeline import extract_path
    from policykg.samples import sample_path

    report = validate(extraction_to_graph(extract_path(sample_path()).to_dict()))
    assert report.conforms, report.text()
    assert report.text() == "conforms"


@pytest.mark.skipif(len(ARTICLES) < 3, reason="needs the annotated corpus in shared/")
def test_the_corpus_gold_and_the_extractor_output_conform_together():
    from policykg.extract.pipeline import extract_path

    golds = [_within_signatures(gold_as_prediction(json.loads((a.parent / "gold.json").read_text(encoding="utf-8")),
                                                   a.read_text(encoding="utf-8"))) for a in ARTICLES]
    predicted = [extract_path(a).to_dict() for a in ARTICLES]
    for item in predicted:  # one document id per source, so gold and prediction stay apart
        item["document"]["id"] += "-predicted"
    dataset = extractions_to_dataset(golds + predicted)
    report = validate(dataset)
    assert report.conforms, report.text()


def _within_signatures(data: dict) -> dict:
    """A gold file's relations that the registry allows: a few gold relations join types their
    relation does not (an Industry end of leads / memberOf / locatedIn, a Zone including a Zone);
    they are annotation slips the shapes rightly flag, reported as a warning, not a mapping error."""
    types = {e["id"]: e["type"] for e in data["entities"]}
    names = {e["id"]: e["name"] for e in data["entities"]}
    kept = [r for r in data["relations"] if schema.allows(types[r["head"]], r["relation"], types[r["tail"]])]
    slips = [f"{names[r['head']]} {r['relation']} {names[r['tail']]}" for r in data["relations"] if r not in kept]
    if slips:
        warnings.warn(f"{data['document']['id']}: gold relations outside the signatures: {'; '.join(slips)}")
    return {**data, "relations": kept}


def _break(graph: Graph, breakage: str) -> None:
    enterprise = next(graph.subjects(RDF.type, PKG.Enterprise))
    place = next(graph.subjects(RDF.type, PKG.Place))
    cluster = next(graph.subjects(RDF.type, PKG.Cluster))
    target = next(graph.subjects(RDF.type, PKG.Target))
    mention = next(graph.objects(enterprise, PKG.mention))
    if breakage == "drop_label":
        graph.remove((enterprise, RDFS.label, None))
    elif breakage == "second_type":
        graph.add((enterprise, RDF.type, PKG.Park))
    elif breakage == "leads_from_place":
        graph.add((place, PKG.leads, cluster))
    elif breakage == "measure_without_unit":
        graph.remove((target, PKG.unit, None))
    elif breakage == "year_as_integer":
        graph.set((target, PKG.year, Literal(2020)))
    elif breakage == "value_as_string":
        graph.set((target, PKG.value, Literal("500")))
    elif breakage == "span_end_before_start":
        graph.set((mention, NIF.endIndex, Literal(int(graph.value(mention, NIF.beginIndex)) - 1)))
    elif breakage == "mention_outside_sentence":
        graph.set((mention, NIF.beginIndex, Literal(len(TEXTS["doc-a"]) + 5)))
        graph.set((mention, NIF.endIndex, Literal(len(TEXTS["doc-a"]) + 9)))
    elif breakage == "assertion_without_triple":
        graph.remove((None, PKG.leads, None))


@pytest.mark.parametrize("breakage, path, message", [
    ("drop_label", "rdfs:label", "non-empty rdfs:label"),
    ("second_type", "rdf:type", "exactly one entity type"),
    ("leads_from_place", "", "only an Enterprise leads"),
    ("measure_without_unit", "pkg:unit", "exactly one unit"),
    ("year_as_integer", "pkg:year", "xsd:gYear"),
    ("value_as_string", "pkg:value", "xsd:decimal"),
    ("span_end_before_start", "nif:beginIndex", "lessThan"),
    ("mention_outside_sentence", "", "not inside its sentence"),
    ("assertion_without_triple", "", "not stated as a direct triple"),
])
def test_a_deliberately_broken_graph_fails_with_a_readable_violation(breakage, path, message):
    graph = _small()
    assert validate(graph).conforms
    _break(graph, breakage)
    report = validate(graph)
    assert not report.conforms
    hits = [v for v in report.errors if message in v.message]
    assert hits, report.text()
    assert hits[0].path == path and hits[0].focus.startswith("res:")
    assert "%" not in hits[0].focus  # percent-encoding decoded for people
    assert message in report.text()


def test_two_spellings_of_one_entity_are_a_warning_not_a_violation():
    graph = _small()
    enterprise = next(graph.subjects(RDF.type, PKG.Enterprise))
    graph.add((enterprise, RDFS.label, Literal("特变电工集团", lang="zh")))
    report = validate(graph)
    assert report.conforms and [v.severity for v in report.violations] == ["Warning"]


@pytest.fixture(scope="module")
def built_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("validate") / "store"
    store = GraphStore.create(path)
    for doc_id in TEXTS:
        store.add_extraction(document(doc_id))
    store.add_extraction(extraction("suzhou-2011"))
    store.flush()
    del store
    return path


class QuadsOnly:
    """A store seen only through ``quads()``, which the embedded and the remote store both offer."""

    def __init__(self, store: GraphStore):
        self.quads = store.quads


def test_a_store_with_shared_entities_conforms(built_store):
    report = validate(QuadsOnly(GraphStore.open(built_store)))
    assert report.conforms, report.text()


def test_cli_validate_on_a_built_store(built_store, tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", "--store", str(built_store)])
    assert ok.exit_code == 0, ok.output
    assert "conforms" in ok.output
    broken = tmp_path / "broken.nt"
    enterprise = "<https://w3id.org/policykg/resource/Enterprise/%E7%89%B9%E5%8F%98%E7%94%B5%E5%B7%A5>"
    broken.write_text(f"{enterprise} <{PKG.leads}> <https://w3id.org/policykg/resource/Place/x> .\n",
                      encoding="utf-8")
    store = GraphStore.create(tmp_path / "copy")
    for doc_id in TEXTS:
        store.add_extraction(document(doc_id))
    store.add_rdf_file(broken)
    store.flush()
    del store
    bad = runner.invoke(app, ["validate", "--store", str(tmp_path / "copy")])
    assert bad.exit_code == 1
    assert "pkg:leads ends at a Cluster" in bad.output and "res:Enterprise/特变电工" in bad.output
    missing = runner.invoke(app, ["validate", "--store", str(tmp_path / "nothing")])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
