"""The ontology, the SHACL shapes and the extraction -> RDF mapping, on real annotated articles."""

from __future__ import annotations

import re

import pytest
from fixtures.graph.graph_data import extraction, with_hostile_entity
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, SKOS

from policykg.errors import InputError
from policykg.extract.model import ENTITY_TYPES, RELATION_TYPES
from policykg.ontology.mapping import (PKG, document_graph_iri, entity_iri, extraction_to_graph,
                                       extraction_to_quads, extractions_to_dataset,
                                       normalise_name, ontology_graph, shapes_graph, validate)

HOSTILE = '<script>alert("x")</script> & <b>衡阳</b>'
SAFE_IRI = re.compile(r"^https://w3id\.org/policykg/resource/[A-Za-z0-9%._~\-/]+$")


@pytest.fixture(scope="module")
def hengyang() -> Graph:
    return extraction_to_graph(extraction("hengyang-2017"))


def _union_classes(graph: Graph, node) -> set[str]:
    if isinstance(node, URIRef):
        return {str(node)}
    members = graph.value(node, OWL.unionOf)
    return {str(c) for c in Collection(graph, members)}


def _shape_classes(graph: Graph, shape) -> set[str]:
    """Classes a shape allows: its sh:class, or the sh:class of each sh:or branch."""
    direct = {str(c) for c in graph.objects(shape, SH["class"])}
    for alternatives in graph.objects(shape, SH["or"]):
        for branch in Collection(graph, alternatives):
            direct |= {str(c) for c in graph.objects(branch, SH["class"])}
    return direct


def _tail_classes(graph: Graph, shape, prop) -> set[str]:
    out = set()
    for node in [shape, *(b for alts in graph.objects(shape, SH["or"]) for b in Collection(graph, alts))]:
        for ps in graph.objects(node, SH.property):
            if graph.value(ps, SH.path) == prop:
                out |= _shape_classes(graph, ps)
    return out


def test_ontology_declares_every_type_and_relation_with_english_and_chinese_labels():
    onto = ontology_graph()
    for name, kind in [*((t, OWL.Class) for t in ENTITY_TYPES), *((r, OWL.ObjectProperty) for r in RELATION_TYPES)]:
        assert (PKG[name], RDF.type, kind) in onto, name
        langs = {label.language for label in onto.objects(PKG[name], RDFS.label)}
        assert {"en", "zh"} <= langs, name
    for etype in ENTITY_TYPES:
        assert (PKG[etype], RDFS.subClassOf, PKG.PolicyEntity) in onto
    declared = {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
                for s in onto.subjects(RDF.type, kind) if isinstance(s, URIRef)}
    for term in declared:
        assert {"en", "zh"} <= {label.language for label in onto.objects(term, RDFS.label)}, term
    assert (PKG.Target, RDFS.subClassOf, PKG.Measure) in onto


def test_shapes_allow_exactly_the_ontology_signature_of_each_relation():
    onto, shapes = ontology_graph(), shapes_graph()
    for relation in RELATION_TYPES:
        prop = PKG[relation]
        shape = shapes.value(predicate=SH.targetSubjectsOf, object=prop)
        assert shape is not None, relation
        assert _shape_classes(shapes, shape) == _union_classes(onto, onto.value(prop, RDFS.domain)), relation
        assert _tail_classes(shapes, shape, prop) == _union_classes(onto, onto.value(prop, RDFS.range)), relation


@pytest.mark.parametrize("name", ["hengyang-2017", "suzhou-2011"])
def test_mapped_gold_conforms_to_the_shapes(name):
    conforms, report = validate(extraction_to_graph(extraction(name)))
    assert conforms, report


def test_mapping_keeps_every_entity_relation_and_measure(hengyang):
    data = extraction("hengyang-2017")
    entities = {(e["type"], e["name"]) for e in data["entities"]}
    labelled = {(str(t).split("#")[1], str(hengyang.value(s, RDFS.label)))
                for s, t in hengyang.subject_objects(RDF.type) if str(t).split("#")[1] in ENTITY_TYPES}
    assert labelled == entities
    assert len(set(hengyang.subjects(RDF.type, PKG.Assertion))) == len(data["relations"])
    leads = [r for r in data["relations"] if r["relation"] == "leads"]
    assert len(list(hengyang.subject_objects(PKG.leads))) == len({(r["head"], r["tail"]) for r in leads})
    measures = set(hengyang.subjects(PKG.kind, None))
    assert len(measures) == len(data["measures"])
    assert all(hengyang.value(m, PKG.unit) is not None for m in measures)


def test_every_iri_is_percent_encoded_and_stable(hengyang):
    nodes = {n for triple in hengyang for n in triple if isinstance(n, URIRef)}
    resources = [str(n) for n in nodes if "/policykg/resource/" in str(n)]
    assert resources and all(SAFE_IRI.match(iri) for iri in resources), [i for i in resources if not SAFE_IRI.match(i)][:3]
    # Same input, same graph; the IRI depends on document, type and name, not on the entity id.
    data = extraction("hengyang-2017")
    renamed = {e["id"]: f"other-{n}" for n, e in enumerate(reversed(data["entities"]))}
    for entity in data["entities"]:
        entity["id"] = renamed[entity["id"]]
    for rel in data["relations"]:
        rel["head"], rel["tail"] = renamed[rel["head"]], renamed[rel["tail"]]
    for m in data["measures"]:
        m["subject"] = renamed.get(m.get("subject"))
    assert set(extraction_to_graph(data)) == set(hengyang)
    assert entity_iri("d", "Place", "“衡阳”") == entity_iri("d", "Place", "衡 阳")


def test_html_in_a_name_stays_a_literal_and_never_reaches_an_iri():
    graph = extraction_to_graph(with_hostile_entity(extraction("hengyang-2017"), HOSTILE))
    node = next(graph.subjects(RDFS.label, Literal(HOSTILE, lang="zh")))
    assert SAFE_IRI.match(str(node))
    assert (node, SKOS.altLabel, Literal(HOSTILE + " alias", lang="zh")) in graph
    reparsed = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert Literal(HOSTILE, lang="zh") in set(reparsed.objects(None, RDFS.label))
    long_name = "衡阳" * 200
    long_iri = str(entity_iri("hengyang-2017", "Plan", long_name))
    assert len(long_iri) < 300 and SAFE_IRI.match(long_iri)
    assert long_iri != str(entity_iri("hengyang-2017", "Plan", long_name + "市"))


def _first(graph: Graph, rdf_type):
    return next(graph.subjects(RDF.type, rdf_type))


@pytest.mark.parametrize("breakage, expected", [
    ("drop_label", "rdfs:label"),
    ("second_type", "entity type"),
    ("leads_from_place", "Enterprise"),
    ("measure_without_unit", "unit"),
    ("span_end_before_start", "lessThan"),
])
def test_validation_fails_on_a_deliberately_broken_graph(hengyang, breakage, expected):
    graph = Graph()
    for triple in hengyang:
        graph.add(triple)
    enterprise, place = _first(graph, PKG.Enterprise), _first(graph, PKG.Place)
    cluster = _first(graph, PKG.Cluster)
    if breakage == "drop_label":
        graph.remove((enterprise, RDFS.label, None))
    elif breakage == "second_type":
        graph.add((enterprise, RDF.type, PKG.Park))
    elif breakage == "leads_from_place":
        graph.add((place, PKG.leads, cluster))
    elif breakage == "measure_without_unit":
        graph.remove((_first(graph, PKG.Target), PKG.unit, None))
    else:
        span = _first(graph, PKG.Mention)
        start = graph.value(span, PKG.start)
        graph.set((span, PKG.end, Literal(int(start) - 1)))
    conforms, report = validate(graph)
    assert not conforms
    assert expected in report


def test_quads_and_dataset_put_each_document_in_its_own_named_graph():
    hy, sz = extraction("hengyang-2017"), extraction("suzhou-2011")
    graphs = {q[3] for q in extraction_to_quads(hy)}
    assert graphs == {document_graph_iri(hy)}
    dataset = extractions_to_dataset([hy, sz])
    named = {g.identifier for g in dataset.graphs() if len(g)}
    assert named == {document_graph_iri(hy), document_graph_iri(sz)}
    assert len(dataset.graph(document_graph_iri(sz))) == len(extraction_to_graph(sz))


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["entities"][0].update(type="Company"), "unknown type"),
    (lambda d: d["relations"][0].update(tail="nope"), "not the id of an entity"),
    (lambda d: d["relations"][0].update(relation="owns"), "unknown type"),
    (lambda d: d["measures"][0].update(value="many"), "not a number"),
    (lambda d: d["measures"][0].update(kind="guess"), "unknown kind"),
])
def test_malformed_extractions_give_a_one_line_input_error(mutate, message):
    data = extraction("hengyang-2017")
    mutate(data)
    with pytest.raises(InputError, match=message) as info:
        extraction_to_graph(data)
    assert "\n" not in str(info.value)


def test_the_extractor_output_on_the_sample_maps_to_rdf():
    from policykg.extract.pipeline import extract_path
    from policykg.samples import sample_path

    data = extract_path(sample_path()).to_dict()
    graph = extraction_to_graph(data)
    entities = {s for s, t in graph.subject_objects(RDF.type) if str(t).split("#")[1] in ENTITY_TYPES}
    assert len(entities) == len({(e["type"], normalise_name(e["name"])) for e in data["entities"]})
    assert len(set(graph.subjects(RDF.type, PKG.Assertion))) == len(data["relations"])


def test_a_hostile_document_id_is_encoded_too():
    data = extraction("suzhou-2011")
    data["document"]["id"] = '../<a href="x">苏州 2011</a>'
    graph = extraction_to_graph(data)
    iris = {str(n) for triple in graph for n in triple if isinstance(n, URIRef) and "/resource/" in str(n)}
    assert iris and all(SAFE_IRI.match(iri) and "/../" not in iri for iri in iris)
    assert SAFE_IRI.match(str(document_graph_iri(data)))
