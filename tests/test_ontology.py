"""The ontology and the extraction -> RDF mapping, on real annotated articles."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from fixtures.graph.graph_data import extraction, with_hostile_entity
from fixtures.graph.shared_entity import TEXTS, document
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ORG, PROV, SH, SKOS

from policykg.errors import InputError
from policykg.extract.model import ENTITY_TYPES, RELATION_TYPES
from policykg.graph.store import GraphStore
from policykg.ontology.mapping import (
    ENTITY_GRAPH,
    NIF,
    PKG,
    display_name,
    document_graph_iri,
    entity_iri,
    extraction_to_graph,
    extraction_to_quads,
    extractions_to_dataset,
    map_extraction,
    normalise_name,
    ontology_graph,
    rdflib_term,
    shapes_graph,
)

SDO = Namespace("https://schema.org/")  # a plain namespace: pytest probes module attributes
HOSTILE = '<script>alert("x")</script> & <b>衡阳</b>'
SAFE_IRI = re.compile(r"^https://w3id\.org/policykg/resource/[A-Za-z0-9%._~\-/]+$")


@pytest.fixture(scope="module")
def hengyang() -> Graph:
    return extraction_to_graph(extraction("hengyang-2017"))


@pytest.fixture(scope="module")
def sample_extraction() -> dict:
    from policykg.extract.pipeline import extract_path
    from policykg.samples import sample_path

    return extract_path(sample_path()).to_dict()


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


# ---------------------------------------------------------------- ontology

def _declared_terms(onto: Graph) -> set[URIRef]:
    return {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
            for s in onto.subjects(RDF.type, kind) if isinstance(s, URIRef)}


def test_every_term_has_an_english_and_a_chinese_label_and_a_comment():
    onto = ontology_graph()
    for name, kind in [*((t, OWL.Class) for t in ENTITY_TYPES), *((r, OWL.ObjectProperty) for r in RELATION_TYPES),
                       ("Measure", OWL.Class), ("Target", OWL.Class), ("Statistic", OWL.Class)]:
        assert (PKG[name], RDF.type, kind) in onto, name
    terms = _declared_terms(onto)
    assert len(terms) > 30 and all(str(t).startswith(str(PKG)) for t in terms)
    for term in terms:
        assert {"en", "zh"} <= {label.language for label in onto.objects(term, RDFS.label)}, term
        comments = [c for c in onto.objects(term, RDFS.comment) if len(str(c)) > 5]
        assert {"en", "zh"} <= {c.language for c in comments}, term


def test_relations_have_a_domain_and_a_range_and_measures_their_kinds():
    onto = ontology_graph()
    for relation in RELATION_TYPES:
        assert (PKG[relation], RDFS.subPropertyOf, PKG.relatesTo) in onto
        assert onto.value(PKG[relation], RDFS.domain) is not None, relation
        assert onto.value(PKG[relation], RDFS.range) is not None, relation
    for etype in ENTITY_TYPES:
        assert (PKG[etype], RDFS.subClassOf, PKG.PolicyEntity) in onto
    assert {(PKG.Target, RDFS.subClassOf, PKG.Measure), (PKG.Statistic, RDFS.subClassOf, PKG.Measure),
            (PKG.year, RDFS.range, ns.XSD.gYear), (PKG.value, RDFS.range, ns.XSD.decimal)} <= set(onto)


@pytest.mark.parametrize("term, parent", [
    ("Enterprise", ORG.FormalOrganization), ("Agency", ORG.FormalOrganization),
    ("Enterprise", SDO.Organization), ("Agency", SDO.GovernmentOrganization),
    ("Institution", SDO.Organization), ("Place", SDO.Place), ("Park", SDO.Place),
    ("Person", SDO.Person), ("Plan", PROV.Plan), ("Document", PROV.Entity), ("Industry", SKOS.Concept),
    ("Mention", NIF.Phrase), ("Assertion", RDF.Statement),
])
def test_classes_are_aligned_to_the_vocabularies_people_query_with(term, parent):
    assert (PKG[term], RDFS.subClassOf, parent) in ontology_graph()


@pytest.mark.parametrize("prop, parent", [
    ("locatedIn", SDO.location), ("affiliatedWith", SDO.affiliation), ("issuedBy", PROV.wasAttributedTo),
])
def test_relations_are_aligned_by_sub_property(prop, parent):
    assert (PKG[prop], RDFS.subPropertyOf, parent) in ontology_graph()


def test_every_class_has_a_shape_and_each_relation_the_ontology_signature():
    onto, shapes = ontology_graph(), shapes_graph()
    targeted = set(shapes.objects(None, SH.targetClass))
    classes = {c for c in onto.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    assert classes and classes <= targeted, classes - targeted
    assert NIF.Sentence in targeted
    for relation in RELATION_TYPES:
        prop = PKG[relation]
        shape = shapes.value(predicate=SH.targetSubjectsOf, object=prop)
        assert shape is not None, relation
        assert _shape_classes(shapes, shape) == _union_classes(onto, onto.value(prop, RDFS.domain)), relation
        assert _tail_classes(shapes, shape, prop) == _union_classes(onto, onto.value(prop, RDFS.range)), relation


# ---------------------------------------------------------------- mapping

def test_mapping_keeps_every_entity_relation_and_measure(hengyang):
    data = extraction("hengyang-2017")
    entities = {(e["type"], display_name(e["name"])) for e in data["entities"]}
    labelled = {(str(t).split("#")[1], str(hengyang.value(s, RDFS.label)))
                for s, t in hengyang.subject_objects(RDF.type) if str(t).split("#")[1] in ENTITY_TYPES}
    assert labelled == entities
    written = {str(a) for e in data["entities"] for a in [e["name"], *e["aliases"]]}
    assert written <= {str(o) for o in hengyang.objects(None, SKOS.altLabel)} | {n for _, n in entities}
    keys = {(r["head"], r["relation"], r["tail"], str(r.get("evidence"))) for r in data["relations"]}
    assert len(set(hengyang.subjects(RDF.type, PKG.Assertion))) == len(keys)
    leads = [r for r in data["relations"] if r["relation"] == "leads"]
    assert len(list(hengyang.subject_objects(PKG.leads))) == len({(r["head"], r["tail"]) for r in leads})
    measures = set(hengyang.subjects(PKG.kind, None))
    assert len(measures) == len(data["measures"])
    assert all(hengyang.value(m, PKG.unit) is not None for m in measures)
    assert all(hengyang.value(m, PKG.value).datatype == ns.XSD.decimal for m in measures)


def test_mentions_and_evidence_are_nif_spans_of_the_original_text(sample_extraction):
    from policykg.samples import sample_path

    text = sample_path().read_text(encoding="utf-8")
    graph = extraction_to_graph(sample_extraction)
    mentions = list(graph.subjects(RDF.type, PKG.Mention))
    assert len(mentions) == len({(m["start"], m["end"]) for e in sample_extraction["entities"] for m in e["mentions"]})
    for node in mentions + list(graph.subjects(RDF.type, NIF.Sentence)):
        begin, end = graph.value(node, NIF.beginIndex), graph.value(node, NIF.endIndex)
        assert begin.datatype == end.datatype == ns.XSD.nonNegativeInteger
        assert "".join(text[int(begin):int(end)].split()) == "".join(str(graph.value(node, NIF.anchorOf)).split())
        assert graph.value(node, NIF.referenceContext) == URIRef(
            "https://w3id.org/policykg/resource/doc/hengyang-2017")
    # a mention and the relation whose evidence is the same sentence share one sentence node
    evidence = set(graph.objects(None, PKG.evidence))
    in_sentences = set(graph.objects(None, NIF.sentence))
    assert evidence & in_sentences
    assert all(graph.value(s, RDF.type) == NIF.Sentence for s in evidence | in_sentences)


def test_document_node_holds_its_provenance():
    graph = extraction_to_graph(document("doc-a"))
    doc = next(graph.subjects(RDF.type, PKG.Document))
    assert (doc, RDF.type, PROV.Entity) in graph
    from rdflib.namespace import DCTERMS
    assert graph.value(doc, DCTERMS.date) == Literal("2017-04-01", datatype=ns.XSD.date)
    assert str(graph.value(doc, PKG.sha256)) == "0" * 64
    assert str(graph.value(doc, DCTERMS.source)) == "doc-a.txt" and str(graph.value(doc, PKG.city)) == "衡阳"
    target = next(graph.subjects(RDF.type, PKG.Target))
    assert graph.value(target, PKG.year) == Literal("2020", datatype=ns.XSD.gYear)
    assert graph.value(target, PKG.value).toPython() == Decimal(500)
    assert str(graph.value(target, PKG.qualifier)) == "左右"
    assert graph.value(target, PKG.subject) == entity_iri("Place", "衡阳市")
    assert graph.value(target, PKG.evidence) is not None
    undated = document("doc-a")
    undated["document"]["date"] = "去年春天"
    assert Literal("去年春天") in set(extraction_to_graph(undated).objects(doc, DCTERMS.date))


def test_two_documents_share_entity_nodes_but_not_their_facts():
    a, b = extraction_to_graph(document("doc-a")), extraction_to_graph(document("doc-b"))
    leader = entity_iri("Enterprise", "特变电工")
    assert (leader, RDF.type, PKG.Enterprise) in a and (leader, RDF.type, PKG.Enterprise) in b
    per_document = {PKG.Mention, NIF.Sentence, PKG.Assertion, PKG.Target, PKG.Statistic, PKG.Document}
    facts = [{s for s, t in g.subject_objects(RDF.type) if t in per_document} for g in (a, b)]
    assert facts[0] and facts[1] and not facts[0] & facts[1]


def test_in_which_sentence_of_which_document_is_it_said_that_a_leads_b():
    store = GraphStore(None)
    for doc_id in TEXTS:
        store.add_extraction(document(doc_id))
    result = store.query("""
        SELECT DISTINCT ?document ?begin ?end ?sentence ?confidence WHERE {
          ?a rdf:subject ?h ; rdf:predicate pkg:leads ; rdf:object ?t ;
             pkg:evidence ?s ; pkg:confidence ?confidence ; prov:wasDerivedFrom ?d .
          ?h rdfs:label "特变电工"@zh . ?t rdfs:label "输变电装备产业集群"@zh .
          ?s nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?sentence .
          ?d pkg:documentId ?document .
        } ORDER BY ?document""")
    rows = result.values()
    assert [r[0] for r in rows] == ["doc-a", "doc-b"]
    for doc_id, begin, end, sentence, confidence in rows:
        assert TEXTS[doc_id][int(begin):int(end)] == sentence and "特变电工" in sentence
        assert float(confidence) == 0.9
    shared = store.query('SELECT (COUNT(DISTINCT ?e) AS ?n) (COUNT(DISTINCT ?d) AS ?docs) WHERE '
                         '{ ?e rdfs:label "特变电工"@zh ; prov:wasDerivedFrom ?d }').values()
    assert shared == [("1", "2")]


def test_every_iri_is_percent_encoded_and_stable(hengyang):
    nodes = {n for triple in hengyang for n in triple if isinstance(n, URIRef)}
    resources = [str(n) for n in nodes if "/policykg/resource/" in str(n)]
    assert resources and all(SAFE_IRI.match(iri) for iri in resources), [i for i in resources if not SAFE_IRI.match(i)][:3]
    # Same input, same graph; the IRI depends on type and name, not on the entity id or order.
    data = extraction("hengyang-2017")
    renamed = {e["id"]: f"other-{n}" for n, e in enumerate(reversed(data["entities"]))}
    for entity in data["entities"]:
        entity["id"] = renamed[entity["id"]]
    for rel in data["relations"]:
        rel["head"], rel["tail"] = renamed[rel["head"]], renamed[rel["tail"]]
    for m in data["measures"]:
        m["subject"] = renamed.get(m.get("subject"))
    data["relations"].reverse()
    data["measures"].reverse()
    assert set(extraction_to_graph(data)) == set(hengyang)
    assert entity_iri("Place", "“衡阳”") == entity_iri("Place", "衡 阳") != entity_iri("Park", "衡阳")
    assert normalise_name("“TCL 华星”") == "tcl华星" and display_name("“TCL 华星”") == "TCL华星"


def test_html_in_a_name_stays_a_literal_and_never_reaches_an_iri():
    graph = extraction_to_graph(with_hostile_entity(extraction("hengyang-2017"), HOSTILE))
    label = display_name(HOSTILE)
    node = next(graph.subjects(RDFS.label, Literal(label, lang="zh")))
    assert SAFE_IRI.match(str(node))
    assert {Literal(HOSTILE, lang="zh"), Literal(HOSTILE + " alias", lang="zh")} <= set(graph.objects(node, SKOS.altLabel))
    reparsed = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    assert Literal(HOSTILE, lang="zh") in set(reparsed.objects(None, SKOS.altLabel))
    long_name = "衡阳" * 200
    long_iri = str(entity_iri("Plan", long_name))
    assert len(long_iri) < 300 and SAFE_IRI.match(long_iri)
    assert long_iri != str(entity_iri("Plan", long_name + "市"))


def test_quads_put_each_document_in_its_own_named_graph_and_entity_triples_in_one_shared_graph():
    hy, sz = extraction("hengyang-2017"), extraction("suzhou-2011")
    quads = list(extraction_to_quads(hy))
    assert {q.graph_name.value for q in quads} == {str(document_graph_iri(hy)), str(ENTITY_GRAPH)}
    entity_level = {str(RDF.type), str(RDFS.label), str(SKOS.altLabel), str(DCTERMS.identifier)}
    for quad in quads:  # an entity's type and names, a shared fact's or figure's description go to
        # the shared graph, nothing else does (which documents name them stays in their graphs)
        kind = quad.subject.value.split("/resource/")[1].split("/")[0]
        shared = (kind in ENTITY_TYPES and quad.predicate.value in entity_level) or \
            (kind in ("fact", "figure") and quad.predicate.value != str(PROV.wasDerivedFrom))
        assert (quad.graph_name.value == str(ENTITY_GRAPH)) == shared, quad
    dataset = extractions_to_dataset([hy, sz])
    named = {g.identifier for g in dataset.graphs() if len(g)}
    assert named == {document_graph_iri(hy), document_graph_iri(sz), ENTITY_GRAPH}
    mapped = map_extraction(sz)
    assert len(dataset.graph(document_graph_iri(sz))) == len(mapped.quads)
    assert len(mapped) == len(extraction_to_graph(sz))
    first = mapped.entity_quads[0]
    assert tuple(map(rdflib_term, (first.subject, first.predicate, first.object))) in dataset.graph(ENTITY_GRAPH)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["entities"][0].update(type="Company"), "unknown type"),
    (lambda d: d["relations"][0].update(tail="nope"), "not the id of an entity"),
    (lambda d: d["relations"][0].update(relation="owns"), "unknown type"),
    (lambda d: d["relations"][0].update(confidence=3), r"not in \[0, 1\]"),
    (lambda d: d["measures"][0].update(value="many"), "not a number"),
    (lambda d: d["measures"][0].update(kind="guess"), "unknown kind"),
    (lambda d: d["measures"][0].update(year=2019.5), "not a year"),
    (lambda d: d["entities"][0]["mentions"][0].update(end=0), "out of order"),
    (lambda d: d["entities"][0]["mentions"][0].update(start="2"), "non-integer"),
])
def test_malformed_extractions_give_a_one_line_input_error(mutate, message):
    data = extraction("hengyang-2017")
    mutate(data)
    with pytest.raises(InputError, match=message) as info:
        extraction_to_graph(data)
    assert "\n" not in str(info.value)


def test_the_extractor_output_on_the_sample_maps_to_rdf(sample_extraction):
    graph = extraction_to_graph(sample_extraction)
    entities = {s for s, t in graph.subject_objects(RDF.type) if str(t).split("#")[1] in ENTITY_TYPES}
    assert len(entities) == len({(e["type"], normalise_name(e["name"])) for e in sample_extraction["entities"]})
    keys = {(r["head"], r["relation"], r["tail"], str(r.get("evidence"))) for r in sample_extraction["relations"]}
    assert len(set(graph.subjects(RDF.type, PKG.Assertion))) == len(keys)


def test_a_hostile_document_id_is_encoded_too():
    data = extraction("suzhou-2011")
    data["document"]["id"] = '../<a href="x">苏州 2011</a>'
    graph = extraction_to_graph(data)
    iris = {str(n) for triple in graph for n in triple if isinstance(n, URIRef) and "/resource/" in str(n)}
    assert iris and all(SAFE_IRI.match(iri) and "/../" not in iri for iri in iris)
    assert SAFE_IRI.match(str(document_graph_iri(data)))
