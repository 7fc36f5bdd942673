"""Map an extraction (the JSON dict of shared/spec/extraction-json.md) to RDF.

One document becomes one graph (the store keeps it in its own named graph,
``document_graph_iri``). IRIs are built only from percent-encoded, normalised
text, so no user text ever reaches an IRI unescaped; names stay literals.

IRI scheme (``RES`` = https://w3id.org/policykg/resource/, ``{doc}`` = the
percent-encoded document id; a key longer than MAX_KEY_CHARS keeps a readable
prefix plus a hash):
    entity        RES {Type}/{normalised name}      shared by every document naming it (an
                  entry of a public reference list is named by the list's canonical name, so
                  its forms meet in one node; its list id is its dcterms:identifier)
    document      RES doc/{doc}
    named graph   RES graph/{doc}
    mention       RES doc/{doc}/mention/{start}-{end}
    sentence      RES doc/{doc}/sentence/{start}-{end}   mentions and evidence share it
    assertion     RES doc/{doc}/assertion/{relation}-{hash of head, tail, evidence}
    measure       RES doc/{doc}/measure/{kind}-{hash of its fields}
    fact          RES fact/{relation}-{hash of head, tail}     a relation, whoever states it
    figure        RES figure/{kind}-{hash of its fields}       a measure, whoever gives it

A fact (head, relation, tail) and a figure (a measure's kind, subject, indicator, value, unit,
year, baseline, qualifier) are shared by every document that states them, as entities are:
their describing triples are entity-level (stored once), each document's graph says
``fact prov:wasDerivedFrom document`` and links its assertion (``pkg:fact``) or measure
(``pkg:figure``) to it. The store keeps per-node counts over documents (``summary``) for
entities, facts and figures; each document node carries its own counts (pkg:tripleCount,
pkg:entityCount, pkg:relationCount, pkg:measureCount), so listing documents counts nothing.

Text positions are NIF 2.1 (nif:beginIndex / nif:endIndex into the ORIGINAL
text, nif:anchorOf the original slice, pkg:repairedText the slice with its layout repaired when
that differs, nif:referenceContext -> the document, nif:sentence).
/work/notes/vocabulary.md and policykg.ttl describe every predicate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SDO, SKOS

from policykg.errors import InputError
from policykg.schema import ENTITY_TYPES, MEASURE_KINDS, RELATION_TYPES

PKG = Namespace("https://w3id.org/policykg/ontology#")
RES = Namespace("https://w3id.org/policykg/resource/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PREFIXES = {"pkg": PKG, "res": RES, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
            "skos": SKOS, "prov": PROV, "dcterms": DCTERMS, "nif": NIF, "org": ORG, "schema": SDO}

MAX_KEY_CHARS = 40  # longer keys get a readable prefix plus a hash
_QUOTES = "“”‘’\"'「」『』《》〈〉"
_LANG = "zh"
_DATE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?")


# ---------------------------------------------------------------- package data

def _package_text(name: str) -> str:
    return resources.files("policykg.ontology").joinpath(name).read_text(encoding="utf-8")


@cache
def _parsed(name: str) -> Graph:
    return Graph().parse(data=_package_text(name), format="turtle")


def ontology_graph() -> Graph:
    """The OWL ontology (policykg.ttl), parsed; a fresh copy the caller may modify."""
    return _copy(_parsed("policykg.ttl"))


def shapes_graph() -> Graph:
    """The SHACL shapes (shapes.ttl), parsed; a fresh copy the caller may modify."""
    return _copy(_parsed("shapes.ttl"))


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    for triple in graph:
        out.add(triple)
    return out


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


# ---------------------------------------------------------------- names and IRIs

def display_name(name: str) -> str:
    """The label form of a name: NFKC, no quotation or book-title marks, no white space
    except one space between two Latin words or numbers (a PDF's broken lines split
    Chinese names; "Costco Wholesale" keeps its space)."""
    text = "".join(c for c in unicodedata.normalize("NFKC", name) if c not in _QUOTES)
    words = text.split()
    out = words[0] if words else ""
    for word in words[1:]:
        out += (" " if _latin(out[-1]) and _latin(word[0]) else "") + word
    return out


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def normalise_name(name: str) -> str:
    """The matching form of a name, as the scorer's: NFKC, no white space, no quotation
    marks, lower case."""
    return re.sub(r"\s+", "", display_name(name)).lower()


def _hash(*parts: Any) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()


def _iri_segment(text: str) -> str:
    """A path segment that is always a safe IRI part: percent-encoded, bounded in length."""
    if not text:
        return "_"
    if len(text) <= MAX_KEY_CHARS:
        return quote(text, safe="")
    return quote(text[: MAX_KEY_CHARS // 2], safe="") + "~" + _hash(text)[:12]


def document_id(extraction: dict[str, Any]) -> str:
    doc = extraction.get("document")
    if isinstance(doc, dict):
        doc_id = doc.get("id") or Path(str(doc.get("source") or "")).stem
    else:
        doc_id = Path(str(doc or "")).stem
    if not doc_id:
        raise InputError("<extraction>", "the extraction has no document id")
    return str(doc_id)


def document_iri(extraction: dict[str, Any]) -> URIRef:
    return RES["doc/" + _iri_segment(document_id(extraction))]


def document_graph_iri(extraction: dict[str, Any]) -> URIRef:
    """The named graph that holds one document's triples in the store."""
    return RES["graph/" + _iri_segment(document_id(extraction))]


def entity_iri(entity_type: str, name: str) -> URIRef:
    """The entity's IRI: its type and matching-form name, the same in every document."""
    key = normalise_name(name) or "_" + _hash(name)[:12]
    return RES[f"{entity_type}/{_iri_segment(key)}"]


def parse_date(text: str) -> dt.date | None:
    """A document date such as 2017-04-01, 2017/4/1 or 2017年4月1日, when it is one."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


# ---------------------------------------------------------------- mapping

ENTITY_GRAPH = RES["graph/entities"]  # the one graph of entity-level triples, shared by every document
_O_ENTITY_GRAPH = ox.NamedNode(str(ENTITY_GRAPH))


class _Terms:
    """pyoxigraph terms the mapper uses again and again, made once."""

    def __init__(self) -> None:
        def iri(term: URIRef) -> ox.NamedNode:
            return ox.NamedNode(str(term))
        self.type, self.label, self.alt = iri(RDF.type), iri(RDFS.label), iri(SKOS.altLabel)
        self.identifier, self.derived = iri(DCTERMS.identifier), iri(PROV.wasDerivedFrom)
        self.subject, self.predicate, self.object = iri(RDF.subject), iri(RDF.predicate), iri(RDF.object)
        self.begin, self.end, self.anchor = iri(NIF.beginIndex), iri(NIF.endIndex), iri(NIF.anchorOf)
        self.context, self.sentence = iri(NIF.referenceContext), iri(NIF.sentence)
        self.Sentence, self.Entity = iri(NIF.Sentence), iri(PROV.Entity)
        self.title, self.source, self.date = iri(DCTERMS.title), iri(DCTERMS.source), iri(DCTERMS.date)
        self.non_negative = iri(XSD.nonNegativeInteger)
        self.decimal, self.gyear, self.xsd_date = iri(XSD.decimal), iri(XSD.gYear), iri(XSD.date)
        self.classes = {name: iri(PKG[name]) for name in (*ENTITY_TYPES, "Document", "Mention",
                                                          "Assertion", "Target", "Statistic",
                                                          "Fact", "Figure")}

    def pkg(self, name: str) -> ox.NamedNode:
        return _pkg_node(name)


@cache
def _pkg_node(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(PKG[name]))


@cache
def _entity_node(entity_type: str, name: str) -> ox.NamedNode:
    return ox.NamedNode(str(entity_iri(entity_type, name)))


@cache
def _terms() -> _Terms:
    return _Terms()


def _lit(value: str) -> ox.Literal:
    return ox.Literal(value)


def _zh(value: str) -> ox.Literal:
    return ox.Literal(value, language=_LANG)


@dataclass
class KeyCounts:
    """What one document adds to a shared node's counts: its mentions there, and the best
    confidence it gives a fact (None for entities and figures, or when it gives none)."""

    mentions: set[str] = field(default_factory=set)
    confidence: Decimal | None = None


@dataclass
class MappedDocument:
    """One document's extraction as pyoxigraph quads, ready for the store.

    ``quads`` are in the document's named graph ``graph``: its document node, mentions,
    sentences, assertions, measures, the relation triples it states and, per entity it names,
    ``entity prov:wasDerivedFrom document`` and the entity's mentions. ``entity_quads``
    (rdf:type, rdfs:label, skos:altLabel, dcterms:identifier of each entity) are in the one
    shared ENTITY_GRAPH, so an entity's type and names are stored once however many
    documents name it. ``entities`` are the entity nodes the document names. ``keys`` are the
    shared nodes it names (entities, facts, figures: those the store counts documents for),
    each with what the document adds to its counts (mentions, best confidence)."""

    doc_id: str
    graph: ox.NamedNode
    quads: list[ox.Quad] = field(default_factory=list)
    entity_quads: list[ox.Quad] = field(default_factory=list)
    entities: set[ox.NamedNode] = field(default_factory=set)
    keys: dict[ox.NamedNode, KeyCounts] = field(default_factory=dict)

    def all_quads(self) -> list[ox.Quad]:
        """The document's quads, then its entity-level quads."""
        return self.quads + self.entity_quads

    def __len__(self) -> int:
        return len(self.quads) + len(self.entity_quads)


class _Mapper:
    """Builds one document's triples; keeps the id -> IRI table the relations need.

    A new field of the extraction is one line in the method that maps its item (e.g. a
    literal on the assertion in ``add_relation``): ``self.add(node, T.pkg("field"), _lit(v))``."""

    def __init__(self, extraction: dict[str, Any]):
        self.extraction = extraction
        self.doc_id = document_id(extraction)
        self.doc = ox.NamedNode(str(document_iri(extraction)))
        self.doc_path = f"{RES}doc/{_iri_segment(self.doc_id)}"
        self.out = MappedDocument(self.doc_id, ox.NamedNode(str(document_graph_iri(extraction))))
        graph, quads, shared = self.out.graph, self.out.quads, self.out.entity_quads
        self.add = lambda t: quads.append(ox.Quad(t[0], t[1], t[2], graph))  # -> the document's graph
        self.add_entity_level = lambda t: shared.append(ox.Quad(t[0], t[1], t[2], _O_ENTITY_GRAPH))
        self.entities: dict[str, ox.NamedNode] = {}
        self.labels: dict[ox.NamedNode, str] = {}
        self.sentences: set[str] = set()
        self.assertions: set[ox.NamedNode] = set()
        self.measures: set[ox.NamedNode] = set()
        self.T = _terms()

    def fail(self, reason: str) -> InputError:
        return InputError(self.doc_id, reason)

    def run(self) -> MappedDocument:
        self.add_document()
        for entity in self.extraction.get("entities") or []:
            self.add_entity(entity)
        for n, relation in enumerate(self.extraction.get("relations") or []):
            self.add_relation(n, relation)
        for n, measure in enumerate(self.extraction.get("measures") or []):
            self.add_measure(n, measure)
        self.out.entities = set(self.labels)
        self.add_counts()
        return self.out

    def key(self, node: ox.NamedNode) -> KeyCounts:
        """The counts of a shared node this document names (first time: ``node
        prov:wasDerivedFrom document`` in its graph)."""
        counts = self.out.keys.get(node)
        if counts is None:
            counts = self.out.keys[node] = KeyCounts()
            self.add((node, self.T.derived, self.doc))
        return counts

    def add_counts(self) -> None:
        """The document's own counts on its node (the triple count includes these four)."""
        T, count = self.T, lambda n: ox.Literal(str(n), datatype=T.non_negative)
        triples = len(self.out.quads) + 4
        for name, n in (("entityCount", len(self.labels)), ("relationCount", len(self.assertions)),
                        ("measureCount", len(self.measures)), ("tripleCount", triples)):
            self.add((self.doc, T.pkg(name), count(n)))

    def node(self, kind: str, key: str) -> ox.NamedNode:
        """A per-document node: facts of this document get IRIs under its own path."""
        return ox.NamedNode(f"{self.doc_path}/{kind}/{key}")

    # ------------------------------------------------------------ document

    def add_document(self) -> None:
        add, doc, T = self.add, self.doc, self.T
        info = self.extraction.get("document")
        info = info if isinstance(info, dict) else {"source": info}
        add((doc, T.type, T.classes["Document"]))
        add((doc, T.type, T.Entity))
        add((doc, T.pkg("documentId"), _lit(self.doc_id)))
        for key, prop in (("title", T.title), ("source", T.source),
                          ("sha256", T.pkg("sha256")), ("city", T.pkg("city"))):
            if info.get(key):
                add((doc, prop, _lit(str(info[key]))))
        if info.get("date"):
            date = parse_date(str(info["date"]))
            add((doc, T.date, ox.Literal(date.isoformat(), datatype=T.xsd_date) if date
                 else _lit(str(info["date"]))))

    # ------------------------------------------------------------ entities and text

    def add_entity(self, entity: dict[str, Any]) -> None:
        T, entity_level = self.T, self.add_entity_level
        name, etype = str(entity.get("name") or ""), entity.get("type")
        if etype not in ENTITY_TYPES:
            raise self.fail(f"entity {entity.get('id')!r} has unknown type {etype!r}")
        if not name.strip():
            raise self.fail(f"entity {entity.get('id')!r} has no name")
        node = _entity_node(etype, name)
        self.entities[str(entity.get("id"))] = node
        if node not in self.labels:  # two entries of one entity: the first name is the label
            self.labels[node] = display_name(name) or name
            entity_level((node, T.type, T.classes[etype]))
            entity_level((node, T.label, _zh(self.labels[node])))
            self.key(node)  # the document names the entity
        if entity.get("ref"):  # its id in a public reference list (sasac:012): one node across documents
            entity_level((node, T.identifier, _lit(str(entity["ref"]))))
        for alias in [name, *(entity.get("aliases") or [])]:
            if str(alias) != self.labels[node] and str(alias).strip():
                entity_level((node, T.alt, _zh(str(alias))))
        for mention in entity.get("mentions") or []:
            mention_node = self.add_mention(mention)
            self.add((node, T.pkg("mention"), mention_node))
            self.key(node).mentions.add(mention_node.value)

    def offsets(self, span: Any, what: str) -> tuple[int, int]:
        start, end = (span.get("start"), span.get("end")) if isinstance(span, dict) else (None, None)
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise self.fail(f"a {what} span has non-integer offsets {start!r}, {end!r}")
        if not 0 <= start < end:
            raise self.fail(f"a {what} span has offsets out of order: {start}, {end}")
        return start, end

    def add_text_span(self, node: ox.NamedNode, span: dict[str, Any], start: int, end: int) -> None:
        add, T = self.add, self.T
        add((node, T.begin, ox.Literal(str(start), datatype=T.non_negative)))
        add((node, T.end, ox.Literal(str(end), datatype=T.non_negative)))
        add((node, T.anchor, _lit(str(span.get("text", "")))))
        if span.get("repaired"):  # the slice with its layout repaired, for readers; anchorOf stays exact
            add((node, T.pkg("repairedText"), _lit(str(span["repaired"]))))
        add((node, T.context, self.doc))

    def add_mention(self, mention: Any) -> ox.NamedNode:
        start, end = self.offsets(mention, "mention")
        node = self.node("mention", f"{start}-{end}")
        self.add((node, self.T.type, self.T.classes["Mention"]))
        self.add_text_span(node, mention, start, end)
        if mention.get("sentence"):
            self.add((node, self.T.sentence, self.add_sentence(mention["sentence"])))
        return node

    def add_sentence(self, span: Any) -> ox.NamedNode:
        """The sentence node of a span: one per document and span, whoever refers to it."""
        start, end = self.offsets(span, "sentence")
        key = f"{start}-{end}"
        node = self.node("sentence", key)
        if key not in self.sentences:  # its triples once, however many refer to it
            self.sentences.add(key)
            self.add((node, self.T.type, self.T.Sentence))
            self.add_text_span(node, span, start, end)
        return node

    def entity_ref(self, entity_id: Any, role: str) -> ox.NamedNode:
        try:
            return self.entities[str(entity_id)]
        except KeyError:
            raise self.fail(f"{role} {entity_id!r} is not the id of an entity") from None

    # ------------------------------------------------------------ relations and measures

    def add_relation(self, n: int, relation: dict[str, Any]) -> None:
        add, T, name = self.add, self.T, relation.get("relation")
        if name not in RELATION_TYPES:
            raise self.fail(f"relation {n} has unknown type {name!r}")
        head = self.entity_ref(relation.get("head"), "relation head")
        tail = self.entity_ref(relation.get("tail"), "relation tail")
        prop = T.pkg(name)
        add((head, prop, tail))
        evidence = self.evidence_key(relation)
        node = self.node("assertion", f"{name}-{_hash(head.value, tail.value, evidence)[:10]}")
        add((node, T.type, T.classes["Assertion"]))
        add((node, T.subject, head))
        add((node, T.predicate, prop))
        add((node, T.object, tail))
        add((node, T.derived, self.doc))
        self.add_confidence_and_evidence(node, relation)
        self.assertions.add(node)
        fact = ox.NamedNode(f"{RES}fact/{name}-{_hash(head.value, tail.value)[:16]}")
        if fact not in self.out.keys:
            self.add_entity_level((fact, T.type, T.classes["Fact"]))
            self.add_entity_level((fact, T.pkg("head"), head))
            self.add_entity_level((fact, T.pkg("relation"), prop))
            self.add_entity_level((fact, T.pkg("tail"), tail))
        counts = self.key(fact)
        add((node, T.pkg("fact"), fact))
        if relation.get("confidence") is not None:
            confidence = self.number(relation["confidence"], "confidence")
            counts.confidence = confidence if counts.confidence is None else max(counts.confidence, confidence)
        if relation.get("basis") is not None:  # how it is known: stated, name_prefix, subject_default
            self.add((node, self.T.pkg("basis"), ox.Literal(str(relation["basis"]))))

    def evidence_key(self, item: dict[str, Any]) -> str:
        span = item.get("evidence")
        return f"{span.get('start')}-{span.get('end')}" if isinstance(span, dict) else ""

    def add_confidence_and_evidence(self, node: ox.NamedNode, item: dict[str, Any]) -> None:
        if item.get("confidence") is not None:
            confidence = self.number(item["confidence"], "confidence")
            if not 0 <= confidence <= 1:
                raise self.fail(f"confidence {item['confidence']!r} is not in [0, 1]")
            self.add((node, self.T.pkg("confidence"), self.decimal_literal(confidence)))
        if item.get("evidence"):
            self.add((node, self.T.pkg("evidence"), self.add_sentence(item["evidence"])))

    def number(self, value: Any, field_name: str) -> Decimal:
        if isinstance(value, bool):
            raise self.fail(f"{field_name} {value!r} is not a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(f"{field_name} {value!r} is not a number") from None
        if not number.is_finite():
            raise self.fail(f"{field_name} {value!r} is not a finite number")
        return number

    def decimal_literal(self, number: Decimal) -> ox.Literal:
        return ox.Literal(format(number, "f"), datatype=self.T.decimal)  # as rdflib writes it

    def decimal(self, value: Any, field_name: str) -> ox.Literal:
        return self.decimal_literal(self.number(value, field_name))

    def add_measure(self, n: int, measure: dict[str, Any]) -> None:
        add, T, kind = self.add, self.T, measure.get("kind")
        if kind not in MEASURE_KINDS:
            raise self.fail(f"measure {n} has unknown kind {kind!r}")
        value = self.decimal(measure.get("value"), "measure value")
        subject = (self.entity_ref(measure["subject"], "measure subject")
                   if measure.get("subject") is not None else None)
        fields = [measure.get(k) for k in ("indicator", "unit", "year", "baseline", "qualifier")]
        node = self.node("measure", f"{kind}-{_hash(subject and subject.value, value.value, *fields, self.evidence_key(measure))[:10]}")
        self.measures.add(node)
        self.add_figure(node, kind, subject, value, measure)
        add((node, T.type, T.classes["Target" if kind == "target" else "Statistic"]))
        add((node, T.pkg("kind"), _lit(kind)))
        add((node, T.pkg("value"), value))
        add((node, T.pkg("unit"), _lit(str(measure.get("unit") or ""))))
        add((node, T.derived, self.doc))
        if measure.get("indicator"):
            add((node, T.pkg("indicator"), _zh(str(measure["indicator"]))))
        if subject is not None:
            add((node, T.pkg("subject"), subject))
        if measure.get("year") is not None:
            add((node, T.pkg("year"), self.year(measure["year"])))
        if measure.get("baseline") is not None:
            add((node, T.pkg("baseline"), self.decimal(measure["baseline"], "measure baseline")))
        if measure.get("qualifier"):
            add((node, T.pkg("qualifier"), _lit(str(measure["qualifier"]))))
        self.add_confidence_and_evidence(node, measure)

    def add_figure(self, node: ox.NamedNode, kind: str, subject: ox.NamedNode | None, value: ox.Literal,
                   measure: dict[str, Any]) -> None:
        """The figure the measure gives (its fields without the evidence), shared by every
        document that gives it: described once (entity-level), counted over documents."""
        T = self.T
        fields = [subject, value, _zh(str(measure["indicator"])) if measure.get("indicator") else None,
                  _lit(str(measure.get("unit") or "")),
                  self.year(measure["year"]) if measure.get("year") is not None else None,
                  self.decimal(measure["baseline"], "measure baseline") if measure.get("baseline") is not None else None,
                  _lit(str(measure["qualifier"])) if measure.get("qualifier") else None]
        figure = ox.NamedNode(f"{RES}figure/{kind}-{_hash(kind, *(f and f.value for f in fields))[:16]}")
        if figure not in self.out.keys:
            self.add_entity_level((figure, T.type, T.classes["Figure"]))
            self.add_entity_level((figure, T.pkg("figureKind"), _lit(kind)))
            for name, term in zip(("subject", "value", "indicator", "unit", "year", "baseline", "qualifier"), fields):
                if term is not None:
                    self.add_entity_level((figure, T.pkg(name), term))
        self.key(figure)
        self.add((node, T.pkg("figure"), figure))

    def year(self, value: Any) -> ox.Literal:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value \
                or not 1 <= int(value) <= 9999:
            raise self.fail(f"measure year {value!r} is not a year")
        return ox.Literal(f"{int(value):04d}", datatype=self.T.gyear)


def map_extraction(extraction: dict[str, Any]) -> MappedDocument:
    """One document's extraction as pyoxigraph triples for its graph and the entity graph
    (raises InputError on a malformed extraction, before anything is written anywhere)."""
    _check_shape(extraction)
    return _Mapper(extraction).run()


def extraction_to_graph(extraction: dict[str, Any]) -> Graph:
    """One document's extraction as one rdflib graph: its own triples and its entity-level
    triples together (the store keeps the latter in ENTITY_GRAPH). For exports and tests; the
    store is loaded from ``map_extraction`` directly."""
    mapped = map_extraction(extraction)
    graph = bind_prefixes(Graph())
    for quad in mapped.all_quads():
        graph.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
    return graph


def rdflib_term(term: Any) -> Any:
    """A pyoxigraph term as the equal rdflib term (xsd:string literals stay plain)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise InputError("<rdf>", f"cannot convert the RDF term {term}")


def _check_shape(extraction: Any) -> None:
    """The containers the mapper walks must be what the spec says, before any is read."""
    if not isinstance(extraction, dict):
        raise InputError("<extraction>", "an extraction must be a JSON object")
    doc = extraction.get("document")
    if doc is not None and not isinstance(doc, (dict, str)):
        raise InputError("<extraction>", "'document' must be an object or a string")
    for key in ("entities", "relations", "measures"):
        items = extraction.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise InputError(document_id(extraction) if doc else "<extraction>",
                             f"'{key}' must be a list of objects")


def extraction_to_quads(extraction: dict[str, Any]) -> Iterator[ox.Quad]:
    """The extraction's quads: its own in the document's named graph, its entity-level
    triples in ENTITY_GRAPH."""
    return iter(map_extraction(extraction).all_quads())


def extractions_to_dataset(extractions: Iterable[dict[str, Any]]) -> Dataset:
    """Several documents as an rdflib Dataset laid out as the store: one named graph per
    document, and the shared ENTITY_GRAPH."""
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    for extraction in extractions:
        for quad in extraction_to_quads(extraction):
            dataset.add((rdflib_term(quad.subject), rdflib_term(quad.predicate),
                         rdflib_term(quad.object), rdflib_term(quad.graph_name)))
    return dataset


def read_extraction_json(path: str | Path) -> list[dict[str, Any]]:
    """Extractions from a JSON file: one object, or an array of them."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not a readable extraction JSON file ({exc.__class__.__name__})") from None
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        raise InputError(path, "expected a JSON object or an array of objects")
    return items
