"""Counts over documents that the store keeps, so that queries over many documents count nothing.

The summary graph (``RES graph/summary``) holds, for every shared node that documents name
(an entity, a pkg:Fact, a pkg:Figure: the subjects of ``prov:wasDerivedFrom`` outside a
document's own paths):

    node pkg:documentCount N      how many documents name it (xsd:integer)
    node pkg:firstDocument "id"   the smallest pkg:documentId of them
    node pkg:mentionCount N       its mentions in all documents (entities; absent when none)
    node pkg:bestConfidence C     the highest confidence an assertion of it gives (facts)

Every write keeps them right with the data: the counts of the nodes a write touches are updated
by difference (what the replaced graphs gave, read before the write, out; what the new documents
give in), so a build of many batches never recounts a node named by thousands of documents. A
write that replaces or removes documents is one SPARQL Update with its counts; a write of new
documents only adds quads (``BaseStore._extend``): the data, the new count values computed here
(``SummaryPlan.quads``) and the exact count quads they replace (``SummaryPlan.stale``, read with
the current counts) taken out. The embedded store does that natively in two transactions (see
``JOURNAL_PREFIX``); a SPARQL endpoint in one update. A node whose
smallest document id or best confidence the write removes is recounted exactly, inside the same
update, from the graphs as they are after it. Writes are assumed to come from one writer at a
time (as ``policykg build`` does); ``refresh`` recounts every node from scratch.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

import pyoxigraph as ox

from policykg.graph.sparql_text import sparql_term
from policykg.ontology.mapping import PKG, RES, MappedDocument

if TYPE_CHECKING:
    from policykg.graph.base import BaseStore

SUMMARY_GRAPH_IRI = f"{RES}graph/summary"
SUMMARY_GRAPH = ox.NamedNode(SUMMARY_GRAPH_IRI)
DOCUMENT_PATH = f"{RES}doc/"  # per-document nodes live here: they are not counted
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
COUNT, FIRST, MENTIONS, CONFIDENCE = (ox.NamedNode(f"{PKG}{name}") for name in
                                      ("documentCount", "firstDocument", "mentionCount", "bestConfidence"))
SUMMARY_PREDICATES = frozenset({COUNT, FIRST, MENTIONS, CONFIDENCE})  # what a file may not bring in
_CHUNK = 2000  # nodes per VALUES block of a read

# The embedded store's journal of stale counts (``store.GraphStore._extend``): the data and the new
# counts go in with one ``Store.extend`` together with, in a journal graph of that write's own
# (JOURNAL_PREFIX + a random id), a copy of each count quad they replace under a journal predicate
# (so that no query reads it as a count); then one small SPARQL Update (``settle_update``: no data
# in its text) deletes the journalled counts and drops the journal. A kill between the two leaves
# the journal, which the next writer settles when it opens the store: the store ends as after the
# write. A graph per write, not one graph emptied again and again: the key range of a graph
# whose quads were deleted keeps their tombstones until compaction, and its scan grew with the
# build (10 ms per batch after 1,000 news items, 40 after 10,000).
JOURNAL_PREFIX = f"{RES}graph/journal/"
STALE = {p: ox.NamedNode(f"{RES}journal/{p.value.rsplit('#', 1)[-1]}") for p in SUMMARY_PREDICATES}


def new_journal() -> ox.NamedNode:
    return ox.NamedNode(f"{JOURNAL_PREFIX}{uuid.uuid4().hex}")


def journal_quads(stale: list[ox.Quad], journal: ox.NamedNode) -> list[ox.Quad]:
    """The journal entries of stale count quads (see JOURNAL_PREFIX)."""
    return [ox.Quad(q.subject, STALE[q.predicate], q.object, journal) for q in stale]


def settle_update(journal: ox.NamedNode | str) -> str:
    """The SPARQL Update that deletes the counts ``journal`` lists, and the journal."""
    iri = journal.value if isinstance(journal, ox.NamedNode) else journal
    return (f"DELETE {{ GRAPH <{SUMMARY_GRAPH_IRI}> {{ ?x ?p ?o }} }} "
            f"WHERE {{ VALUES (?p ?j) {{ {' '.join(f'(<{p.value}> <{j.value}>)' for p, j in STALE.items())} }} "
            f"GRAPH <{iri}> {{ ?x ?j ?o }} }} ;\nDROP SILENT GRAPH <{iri}>")


@dataclass
class Counts:
    """A node's counts: documents (by id), mentions, best confidence."""

    documents: int = 0
    first: str | None = None
    mentions: int = 0
    confidence: Decimal | None = None

    def quads(self, node: ox.NamedNode) -> list[ox.Quad]:
        if self.documents <= 0:
            return []
        out = [ox.Quad(node, COUNT, ox.Literal(str(self.documents), datatype=_INTEGER), SUMMARY_GRAPH),
               ox.Quad(node, FIRST, ox.Literal(self.first or ""), SUMMARY_GRAPH)]
        if self.mentions > 0:
            out.append(ox.Quad(node, MENTIONS, ox.Literal(str(self.mentions), datatype=_INTEGER), SUMMARY_GRAPH))
        if self.confidence is not None:
            out.append(ox.Quad(node, CONFIDENCE, ox.Literal(format(self.confidence, "f"), datatype=_DECIMAL),
                               SUMMARY_GRAPH))
        return out


@dataclass
class Contribution:
    """What some documents give one node: their ids, mentions, best confidence."""

    ids: set[str] = field(default_factory=set)
    mentions: int = 0
    confidence: Decimal | None = None

    def add(self, doc_id: str, mentions: int, confidence: Decimal | None) -> None:
        self.ids.add(doc_id)
        self.mentions += mentions
        if confidence is not None:
            self.confidence = confidence if self.confidence is None else max(self.confidence, confidence)


@dataclass
class SummaryPlan:
    """What a write does to the summary: the nodes whose counts go (``touched``), the counts
    that come in their place (``quads``), and the nodes to recount exactly after the write."""

    touched: set[ox.NamedNode] = field(default_factory=set)
    quads: list[ox.Quad] = field(default_factory=list)
    recount: set[ox.NamedNode] = field(default_factory=set)
    had_counts: bool = False  # some touched node already had counts (so they must be deleted)
    stale: list[ox.Quad] = field(default_factory=list)  # the touched nodes' count quads, as stored

    def update(self) -> list[str]:
        """The SPARQL Update operations that apply the plan (after the data is written)."""
        ops = []
        if self.touched and self.had_counts:
            for chunk in _chunks(self.touched):
                ops.append(f"DELETE {{ GRAPH <{SUMMARY_GRAPH_IRI}> {{ ?x ?p ?o }} }} WHERE {{ "
                           f"VALUES ?x {{ {chunk} }} GRAPH <{SUMMARY_GRAPH_IRI}> {{ ?x ?p ?o }} }}")
        if self.quads:
            lines = "\n".join(f"{_term(q.subject)} {_term(q.predicate)} {_term(q.object)} ." for q in self.quads)
            ops.append(f"INSERT DATA {{ GRAPH <{SUMMARY_GRAPH_IRI}> {{\n{lines}\n}} }}")
        for chunk in _chunks(self.recount):
            ops.append(recount_update(chunk))
        return ops


def recount_update(values: str) -> str:
    """One SPARQL Update that counts the nodes of ``values`` (VALUES text) from the graphs."""
    return (
        f"INSERT {{ GRAPH <{SUMMARY_GRAPH_IRI}> {{ ?x <{COUNT.value}> ?n ; <{FIRST.value}> ?first ; "
        f"<{MENTIONS.value}> ?mentions ; <{CONFIDENCE.value}> ?confidence }} }} WHERE {{ "
        f"{{ SELECT ?x (COUNT(DISTINCT ?d) AS ?n) (MIN(?id) AS ?first) (COUNT(DISTINCT ?m) AS ?nm) "
        f"(MAX(?c) AS ?confidence) WHERE {{ VALUES ?x {{ {values} }} "
        f"GRAPH ?g {{ ?x <{_DERIVED}> ?d . ?d <{PKG}documentId> ?id "
        f"OPTIONAL {{ ?x <{PKG}mention> ?m }} OPTIONAL {{ ?a <{PKG}fact> ?x ; <{PKG}confidence> ?c }} }} }} "
        f"GROUP BY ?x }} BIND(IF(?nm > 0, ?nm, ?none) AS ?mentions) }}")


def plan_write(store: BaseStore, replaced: list[ox.NamedNode], added: list[MappedDocument] | None,
               other_quads: Iterable[ox.Quad] = ()) -> SummaryPlan:
    """The summary side of a write that drops ``replaced`` graphs and adds ``added`` documents
    (and ``other_quads``, e.g. an RDF file's, whose nodes are recounted after the write)."""
    plan = SummaryPlan()
    gone = _given_by_graphs(store, replaced)
    came: dict[ox.NamedNode, Contribution] = {}
    for doc in added or []:
        for node, counts in doc.keys.items():
            came.setdefault(node, Contribution()).add(doc.doc_id, len(counts.mentions), counts.confidence)
    plan.recount = {q.subject for q in other_quads if q.predicate.value == _DERIVED
                    and isinstance(q.subject, ox.NamedNode) and not q.subject.value.startswith(DOCUMENT_PATH)}
    plan.touched = set(gone) | set(came) | plan.recount
    current, plan.stale = _stored_counts(store, plan.touched)
    plan.had_counts = bool(plan.stale)
    for node in (set(gone) | set(came)) - plan.recount:
        old, out, new = current.get(node, Counts()), gone.get(node, Contribution()), came.get(node, Contribution())
        if (old.first in out.ids and old.first not in new.ids) or \
                (old.confidence is not None and out.confidence == old.confidence
                 and (new.confidence is None or new.confidence < old.confidence)):
            plan.recount.add(node)  # its smallest id or best confidence leaves: count it again
            continue
        documents = old.documents - len(out.ids) + len(new.ids)
        firsts = [i for i in (old.first, *new.ids) if i is not None]
        confidences = [c for c in (old.confidence, new.confidence) if c is not None]
        counts = Counts(documents, min(firsts) if firsts else None, old.mentions - out.mentions + new.mentions,
                        max(confidences) if confidences else None)
        plan.quads += counts.quads(node)
    return plan


def _given_by_graphs(store: BaseStore, graphs: list[ox.NamedNode]) -> dict[ox.NamedNode, Contribution]:
    """What the documents of ``graphs`` give each node they name (read before they are dropped)."""
    out: dict[ox.NamedNode, Contribution] = {}
    if not graphs:
        return out
    sparql = (f"SELECT ?x ?id (COUNT(DISTINCT ?m) AS ?nm) (MAX(?c) AS ?best) WHERE {{ "
              f"VALUES ?g {{ {' '.join(_term(g) for g in graphs)} }} "
              f"GRAPH ?g {{ ?x <{_DERIVED}> ?d . ?d <{PKG}documentId> ?id "
              f"FILTER(!STRSTARTS(STR(?x), \"{DOCUMENT_PATH}\")) "
              f"OPTIONAL {{ ?x <{PKG}mention> ?m }} OPTIONAL {{ ?a <{PKG}fact> ?x ; <{PKG}confidence> ?c }} }} }} "
              f"GROUP BY ?x ?id")
    for x, doc_id, mentions, best in store.query(sparql, max_rows=None, timeout=None).rows:
        if x is None or x.kind != "uri" or doc_id is None:
            continue
        out.setdefault(ox.NamedNode(x.value), Contribution()).add(
            doc_id.value, int(mentions.value) if mentions else 0, Decimal(best.value) if best else None)
    return out


def _stored_counts(store: BaseStore, nodes: set[ox.NamedNode]) -> tuple[dict[ox.NamedNode, Counts], list[ox.Quad]]:
    """The counts of ``nodes`` that the summary graph holds, and its quads of them exactly as
    stored: read natively by a store that offers ``summary_quads_of`` (the embedded one), else
    one query per 2,000 nodes (the VALUES inside the GRAPH block makes it index lookups of
    those nodes, not a scan of the summary graph)."""
    native = getattr(store, "summary_quads_of", None)  # the embedded store: index lookups, no SPARQL
    stale: list[ox.Quad] = native(nodes) if native else []
    for chunk in [] if native else _chunks(nodes):
        sparql = (f"SELECT ?x ?p ?o WHERE {{ GRAPH <{SUMMARY_GRAPH_IRI}> {{ VALUES ?x {{ {chunk} }} "
                  f"?x ?p ?o }} }}")
        for x, p, o in store.query(sparql, max_rows=None, timeout=None).rows:
            if x is not None and p is not None and o is not None and x.kind == "uri":
                stale.append(ox.Quad(ox.NamedNode(x.value), ox.NamedNode(p.value), _ox_term(o), SUMMARY_GRAPH))
    found: dict[ox.NamedNode, dict[ox.NamedNode, str]] = {}
    for q in stale:
        found.setdefault(q.subject, {})[q.predicate] = q.object.value
    out = {node: Counts(int(values[COUNT]), values[FIRST], int(values.get(MENTIONS, 0)),
                        Decimal(values[CONFIDENCE]) if CONFIDENCE in values else None)
           for node, values in found.items() if COUNT in values and FIRST in values}
    return out, stale


def _ox_term(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A result row's term (``base.Term``) as the pyoxigraph term the store holds."""
    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def refresh(store: BaseStore) -> None:
    """Recount every node from scratch (after loading an RDF file of documents by other means,
    or to repair counts): drops the summary graph and counts everything the graphs name."""
    nodes = {ox.NamedNode(x) for (x,) in store.query(
        f"SELECT DISTINCT ?x WHERE {{ ?x <{_DERIVED}> ?d FILTER(isIRI(?x) && !STRSTARTS(STR(?x), "
        f"\"{DOCUMENT_PATH}\")) }}", max_rows=None, timeout=None).values()}
    store._update([f"DROP SILENT GRAPH <{SUMMARY_GRAPH_IRI}>", *(recount_update(c) for c in _chunks(nodes))])


def _chunks(nodes: Iterable[ox.NamedNode]) -> list[str]:
    ordered = sorted(n.value for n in nodes)
    return [" ".join(f"<{n}>" for n in ordered[i:i + _CHUNK]) for i in range(0, len(ordered), _CHUNK)]


_term = sparql_term