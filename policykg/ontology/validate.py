"""SHACL validation of a mapped graph or of a whole store against shapes.ttl.

pySHACL runs with the ontology as ``ont_graph`` (mixed into the data) and NO
inference: SHACL's own sh:class / sh:targetClass already follow rdfs:subClassOf,
while RDFS domain/range inference would hide exactly the errors the relation
shapes look for (a Place that ``leads`` a cluster would be inferred an Enterprise).

Warnings (sh:Warning, e.g. an entity that two documents spell differently) are
reported but do not make a graph non-conforming.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from policykg.ontology.mapping import PREFIXES, _parsed

_PREFIXES = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda item: -len(item[1]))


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node at fault, the property, what is wrong."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}".strip()
        return f"{self.severity}: {where}: {self.message}" + (f" (value {self.value})" if self.value else "")


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]

    def text(self) -> str:
        if not self.violations:
            return "conforms"
        head = "conforms (with warnings)" if self.conforms else f"{len(self.errors)} violation(s)"
        return "\n".join([head, *(str(v) for v in self.violations)])

    def __str__(self) -> str:
        return self.text()


def validate(graph_or_store: Any) -> Report:
    """Validate an rdflib Graph (a Dataset counts as the union of its graphs) or a store
    (anything with ``quads()``: the embedded or the remote store)."""
    import pyshacl  # slow to import; only validation needs it

    data = _data_graph(graph_or_store)
    _conforms, results, _text = pyshacl.validate(
        data_graph=data, shacl_graph=_parsed("shapes.ttl"), ont_graph=_parsed("policykg.ttl"),
        inference="none", advanced=True, allow_warnings=True,
    )
    violations = sorted({_violation(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)})
    return Report(not any(v.severity == "Violation" for v in violations), violations)


def _data_graph(source: Any) -> Graph:
    if hasattr(source, "quads") and not isinstance(source, Graph):
        from policykg.graph.export import rdflib_term  # the store side converts terms

        graph = Graph()
        for quad in source.quads():
            graph.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
        return graph
    if hasattr(source, "contexts"):  # a Dataset: validate the union of its graphs
        graph = Graph()
        for s, p, o, _g in source.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return source


def _violation(results: Graph, result: Any) -> Violation:
    message = results.value(result, SH.resultMessage)
    severity = results.value(result, SH.resultSeverity)
    value = results.value(result, SH.value)
    return Violation(
        focus=readable(results.value(result, SH.focusNode)),
        path=readable(results.value(result, SH.resultPath)),
        message=str(message or results.value(result, SH.sourceConstraintComponent) or "violation"),
        severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
        value=readable(value) if value is not None and value != results.value(result, SH.focusNode) else "",
    )


def readable(term: Any) -> str:
    """A term as a person reads it: prefixed name, percent-encoding decoded."""
    if term is None or isinstance(term, BNode):
        return ""
    if isinstance(term, Literal):
        return repr(str(term)) if len(str(term)) < 80 else repr(str(term)[:77] + "...")
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, ns in _PREFIXES:
            if text.startswith(ns):
                return f"{prefix}:{unquote(text[len(ns):])}"
    return unquote(text)
