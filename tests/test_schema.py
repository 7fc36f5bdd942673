"""The registry of entity and relation types (policykg.schema) and everything that restates it:
the annotation spec, the ontology, the SHACL shapes, the page's styles, evaluation's type
lists, the reference scorer; and the extractor emits only relations the registry allows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from fixtures.shared import CORPUS, REFERENCE_SCORER, SHARED
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from policykg import evaluation, schema
from policykg.extract.document import document_from_text
from policykg.extract.model import Entity, Span
from policykg.extract.pipeline import extract_path
from policykg.extract.context import build_context
from policykg.extract.relations import _Extractor
from policykg.graph.viz import TYPE_STYLES
from policykg.ontology.mapping import PKG, ontology_graph, shapes_graph
from policykg.samples import sample_path

SPEC = (SHARED / "spec" / "ANNOTATION.md") if SHARED else Path("/nonexistent")
# What the registry adds to ANNOTATION.md's table, as the annotated corpus uses it (schema.py).
EXTENSIONS = {("locatedIn", "Park"), ("affiliatedWith", "Enterprise")}


def _names(nodes) -> set[str]:
    return {str(n).split("#")[1] for n in nodes}


def _classes(graph: Graph, node) -> set[str]:
    """A class or an owl:unionOf of classes, as type names."""
    if isinstance(node, URIRef):
        return _names([node])
    return _names(Collection(graph, graph.value(node, OWL.unionOf)))


def _sh_classes(graph: Graph, node) -> set[str]:
    """sh:class of a shape, or of each branch of its sh:or."""
    found = set(graph.objects(node, SH["class"]))
    for alternatives in graph.objects(node, SH["or"]):
        for branch in Collection(graph, alternatives):
            found |= set(graph.objects(branch, SH["class"]))
    return _names(found)


def _tails_of_shape(graph: Graph, node, prop) -> set[str]:
    return {t for ps in graph.objects(node, SH.property) if graph.value(ps, SH.path) == prop
            for t in _sh_classes(graph, ps)}


# ---------------------------------------------------------------- the registry itself

def test_the_registry_is_consistent():
    assert len(set(schema.ENTITY_TYPES)) == len(schema.ENTITY_TYPES) == 10
    assert set(schema.CORE_TYPES).isdisjoint(schema.SECONDARY_TYPES)
    assert schema.RELATION_TYPES == tuple(schema.RELATIONS) and len(schema.RELATION_TYPES) == 9
    for relation in schema.RELATIONS.values():
        assert relation.signatures and set(relation.heads) | set(relation.tails) <= set(schema.ENTITY_TYPES)
    includes = schema.RELATIONS["includes"]
    assert includes.tails_of("Plan") == ("Zone", "Plan") and includes.tails_of("Zone") == ("Park", "Cluster")
    assert schema.allows("Zone", "includes", "Park") and not schema.allows("Plan", "includes", "Park")
    assert not schema.allows("Enterprise", "nosuchRelation", "Cluster")
    assert str(includes) == "Plan → Zone/Plan; Zone → Park/Cluster"


def _spec_signatures(text: str) -> dict[str, set[tuple[str, str]]]:
    """The type pairs of ANNOTATION.md's relation table: | `leads` | Enterprise → Cluster | …"""
    out: dict[str, set[tuple[str, str]]] = {}
    for name, cell in re.findall(r"^\|\s*`(\w+)`\s*\|([^|]*→[^|]*)\|", text, re.M):
        for part in cell.split(";"):
            heads, tails = (side.strip().split("/") for side in part.split("→"))
            out.setdefault(name, set()).update((h.strip(), t.strip()) for h in heads for t in tails)
    return out


@pytest.mark.skipif(not SPEC.exists(), reason="shared/spec/ANNOTATION.md not present")
def test_the_registry_is_the_annotation_spec_plus_its_documented_extensions():
    text = SPEC.read_text(encoding="utf-8")
    spec = _spec_signatures(text)
    assert list(spec) == list(schema.RELATION_TYPES)
    for name, relation in schema.RELATIONS.items():
        pairs = {(h, t) for h in schema.ENTITY_TYPES for t in schema.ENTITY_TYPES if relation.allows(h, t)}
        extra = {(h, t) for h, t in pairs - spec[name]}
        assert spec[name] <= pairs, name
        assert {(name, t) for _, t in extra} <= EXTENSIONS, (name, extra)
    for etype in schema.ENTITY_TYPES:
        assert f"| `{etype}` |" in text
    core_table = text.split("Secondary types")[0]
    assert [t for t in schema.ENTITY_TYPES if f"| `{t}` |" in core_table] == list(schema.CORE_TYPES)


# ---------------------------------------------------------------- ontology and shapes

def test_the_ontology_has_a_class_per_type_and_a_property_per_relation_with_its_signature():
    onto = ontology_graph()
    assert _names(onto.subjects(RDFS.subClassOf, PKG.PolicyEntity)) == set(schema.ENTITY_TYPES)
    assert _names(onto.subjects(RDFS.subPropertyOf, PKG.relatesTo)) == set(schema.RELATION_TYPES)
    disjoint = next(onto.subjects(RDF.type, OWL.AllDisjointClasses))
    assert _names(Collection(onto, onto.value(disjoint, OWL.members))) == set(schema.ENTITY_TYPES)
    for name, relation in schema.RELATIONS.items():
        prop = PKG[name]
        assert (prop, RDF.type, OWL.ObjectProperty) in onto
        assert _classes(onto, onto.value(prop, RDFS.domain)) == set(relation.heads), name
        assert _classes(onto, onto.value(prop, RDFS.range)) == set(relation.tails), name
        # a relation with several signatures states each head's tails as an owl:allValuesFrom
        restricted = {}
        for restriction in onto.subjects(OWL.onProperty, prop):
            head = next(onto.subjects(RDFS.subClassOf, restriction))
            restricted[_names([head]).pop()] = _classes(onto, onto.value(restriction, OWL.allValuesFrom))
        if len(relation.signatures) > 1:
            assert restricted == {h: set(relation.tails_of(h)) for h in relation.heads}, name
        else:
            assert not restricted, name


def test_the_shapes_check_exactly_the_registry_signatures():
    shapes = shapes_graph()
    pkg_lists = [_names(Collection(shapes, lst)) for lst in shapes.objects(None, SH["in"])
                 if all(str(x).startswith(str(PKG)) for x in Collection(shapes, lst))]
    assert set(schema.ENTITY_TYPES) in pkg_lists  # an entity has one of these types
    assert set(schema.RELATION_TYPES) in pkg_lists  # an assertion's predicate is one of these
    for name, relation in schema.RELATIONS.items():
        prop = PKG[name]
        shape = shapes.value(predicate=SH.targetSubjectsOf, object=prop)
        assert shape is not None, name
        if len(relation.signatures) == 1:
            assert _sh_classes(shapes, shape) == set(relation.heads), name
            assert _tails_of_shape(shapes, shape, prop) == set(relation.tails), name
            continue
        branches = [b for alts in shapes.objects(shape, SH["or"]) for b in Collection(shapes, alts)]
        per_head = {_sh_classes(shapes, b).pop(): _tails_of_shape(shapes, b, prop) for b in branches}
        assert per_head == {h: set(relation.tails_of(h)) for h in relation.heads}, name


# ---------------------------------------------------------------- page styles, evaluation, scorer

def test_the_page_has_one_colour_and_shape_per_type():
    assert set(TYPE_STYLES) == set(schema.ENTITY_TYPES)
    colours = [colour.lower() for colour, _ in TYPE_STYLES.values()]
    assert len(set(colours)) == len(colours)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)


def test_evaluation_reads_its_type_lists_from_the_registry():
    assert evaluation.CORE == list(schema.CORE_TYPES)
    assert evaluation.SECONDARY == list(schema.SECONDARY_TYPES)


@pytest.mark.skipif(not REFERENCE_SCORER.exists(), reason="shared/tools/score.py not present")
def test_the_reference_scorer_has_the_registry_types_in_the_same_order():
    tree = ast.parse(REFERENCE_SCORER.read_text(encoding="utf-8"))
    lists = {t.id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
             for t in node.targets if isinstance(t, ast.Name) and t.id in ("CORE", "SECONDARY")}
    assert lists == {"CORE": list(schema.CORE_TYPES), "SECONDARY": list(schema.SECONDARY_TYPES)}


# ---------------------------------------------------------------- the extractor's filter

def _entity(id: str, etype: str) -> Entity:
    return Entity(id=id, name=id, type=etype, mentions=[Span(0, 1)])


def test_the_extractor_keeps_only_relations_the_registry_allows():
    """The one filter: _Extractor.add, through which every relation passes."""
    extractor = _Extractor(build_context(document_from_text("某市。"), []))
    evidence = Span(0, 3)
    place, park, cluster, plan = (_entity(*a) for a in (("p", "Place"), ("k", "Park"), ("c", "Cluster"), ("n", "Plan")))
    extractor.add(place, "leads", cluster, evidence, 0.9)       # a Place leads nothing
    extractor.add(plan, "includes", park, evidence, 0.9)       # a Plan includes zones and plans
    extractor.add(cluster, "locatedIn", cluster, evidence, 0.9)
    assert extractor.found == {}
    extractor.add(park, "locatedIn", place, evidence, 0.9)
    extractor.add(cluster, "locatedIn", park, evidence, 0.9)   # the registry's extension
    assert set(extractor.found) == {("k", "locatedIn", "p"), ("c", "locatedIn", "k")}


def _articles() -> list[Path]:
    fixtures = Path(__file__).parent / "fixtures"
    found = [sample_path(), *sorted(fixtures.glob("relations/*/article.txt")), *sorted(fixtures.glob("entities/*.txt"))]
    return found + sorted(CORPUS.glob("*/article.txt"))


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.parent.name if p.name == "article.txt" else p.stem)
def test_every_relation_extracted_fits_its_signature(path):
    data = extract_path(path).to_dict()
    types = {e["id"]: e["type"] for e in data["entities"]}
    assert set(types.values()) <= set(schema.ENTITY_TYPES)
    for r in data["relations"]:
        assert schema.allows(types[r["head"]], r["relation"], types[r["tail"]]), r
