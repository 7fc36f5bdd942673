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

Text positions are NIF 2.1 (nif:beginIndex / nif:endIndex into the ORIGINAL
text, nif:anchorOf, nif:referenceContext -> the document, nif:sentence).
/work/notes/vocabulary.md and policykg.ttl describe every predicate.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, Namespace, URIRef
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

class _Mapper:
    """Builds one document's graph; keeps the id -> IRI table the relations need."""

    def __init__(self, extraction: dict[str, Any]):
        self.extraction = extraction
        self.doc_id = document_id(extraction)
        self.doc = document_iri(extraction)
        self.doc_path = f"doc/{_iri_segment(self.doc_id)}"
        self.graph = bind_prefixes(Graph())
        self.entities: dict[str, URIRef] = {}
        self.labels: dict[URIRef, str] = {}

    def fail(self, reason: str) -> InputError:
        return InputError(self.doc_id, reason)

    def run(self) -> Graph:
        self.add_document()
        for entity in self.extraction.get("entities") or []:
            self.add_entity(entity)
        for n, relation in enumerate(self.extraction.get("relations") or []):
            self.add_relation(n, relation)
        for n, measure in enumerate(self.extraction.get("measures") or []):
            self.add_measure(n, measure)
        return self.graph

    def node(self, kind: str, key: str) -> URIRef:
        """A per-document node: facts of this document get IRIs under its own path."""
        return RES[f"{self.doc_path}/{kind}/{key}"]

    # ------------------------------------------------------------ document

    def add_document(self) -> None:
        g, doc = self.graph, self.doc
        info = self.extraction.get("document")
        info = info if isinstance(info, dict) else {"source": info}
        g.add((doc, RDF.type, PKG.Document))
        g.add((doc, RDF.type, PROV.Entity))
        g.add((doc, PKG.documentId, Literal(self.doc_id)))
        for key, prop in (("title", DCTERMS.title), ("source", DCTERMS.source),
                          ("sha256", PKG.sha256), ("city", PKG.city)):
            if info.get(key):
                g.add((doc, prop, Literal(str(info[key]))))
        if info.get("date"):
            date = parse_date(str(info["date"]))
            g.add((doc, DCTERMS.date, Literal(date) if date else Literal(str(info["date"]))))

    # ------------------------------------------------------------ entities and text

    def add_entity(self, entity: dict[str, Any]) -> None:
        g = self.graph
        name, etype = str(entity.get("name") or ""), entity.get("type")
        if etype not in ENTITY_TYPES:
            raise self.fail(f"entity {entity.get('id')!r} has unknown type {etype!r}")
        if not name.strip():
            raise self.fail(f"entity {entity.get('id')!r} has no name")
        node = entity_iri(etype, name)
        self.entities[str(entity.get("id"))] = node
        if node not in self.labels:  # two entries of one entity: the first name is the label
            self.labels[node] = display_name(name) or name
            g.add((node, RDF.type, PKG[etype]))
            g.add((node, RDFS.label, Literal(self.labels[node], lang=_LANG)))
            g.add((node, PROV.wasDerivedFrom, self.doc))
        if entity.get("ref"):  # its id in a public reference list (sasac:012): one node across documents
            g.add((node, DCTERMS.identifier, Literal(str(entity["ref"]))))
        for alias in [name, *(entity.get("aliases") or [])]:
            if str(alias) != self.labels[node] and str(alias).strip():
                g.add((node, SKOS.altLabel, Literal(str(alias), lang=_LANG)))
        for mention in entity.get("mentions") or []:
            g.add((node, PKG.mention, self.add_mention(mention)))

    def offsets(self, span: Any, what: str) -> tuple[int, int]:
        start, end = (span.get("start"), span.get("end")) if isinstance(span, dict) else (None, None)
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            raise self.fail(f"a {what} span has non-integer offsets {start!r}, {end!r}")
        if not 0 <= start < end:
            raise self.fail(f"a {what} span has offsets out of order: {start}, {end}")
        return start, end

    def add_text_span(self, node: URIRef, span: dict[str, Any], start: int, end: int) -> None:
        g = self.graph
        g.add((node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.anchorOf, Literal(str(span.get("text", "")))))
        g.add((node, NIF.referenceContext, self.doc))

    def add_mention(self, mention: Any) -> URIRef:
        start, end = self.offsets(mention, "mention")
        node = self.node("mention", f"{start}-{end}")
        self.graph.add((node, RDF.type, PKG.Mention))
        self.add_text_span(node, mention, start, end)
        if mention.get("sentence"):
            self.graph.add((node, NIF.sentence, self.add_sentence(mention["sentence"])))
        return node

    def add_sentence(self, span: Any) -> URIRef:
        """The sentence node of a span: one per document and span, whoever refers to it."""
        start, end = self.offsets(span, "sentence")
        node = self.node("sentence", f"{start}-{end}")
        self.graph.add((node, RDF.type, NIF.Sentence))
        self.add_text_span(node, span, start, end)
        return node

    def entity_ref(self, entity_id: Any, role: str) -> URIRef:
        try:
            return self.entities[str(entity_id)]
        except KeyError:
            raise self.fail(f"{role} {entity_id!r} is not the id of an entity") from None

    # ------------------------------------------------------------ relations and measures

    def add_relation(self, n: int, relation: dict[str, Any]) -> None:
        g, name = self.graph, relation.get("relation")
        if name not in RELATION_TYPES:
            raise self.fail(f"relation {n} has unknown type {name!r}")
        head = self.entity_ref(relation.get("head"), "relation head")
        tail = self.entity_ref(relation.get("tail"), "relation tail")
        g.add((head, PKG[name], tail))
        evidence = self.evidence_key(relation)
        node = self.node("assertion", f"{name}-{_hash(head, tail, evidence)[:10]}")
        g.add((node, RDF.type, PKG.Assertion))
        g.add((node, RDF.subject, head))
        g.add((node, RDF.predicate, PKG[name]))
        g.add((node, RDF.object, tail))
        g.add((node, PROV.wasDerivedFrom, self.doc))
        self.add_confidence_and_evidence(node, relation)
        if relation.get("basis") is not None:  # how it is known: stated, name_prefix, subject_default
            g.add((node, PKG.basis, Literal(str(relation["basis"]))))

    def evidence_key(self, item: dict[str, Any]) -> str:
        span = item.get("evidence")
        return f"{span.get('start')}-{span.get('end')}" if isinstance(span, dict) else ""

    def add_confidence_and_evidence(self, node: URIRef, item: dict[str, Any]) -> None:
        if item.get("confidence") is not None:
            confidence = self.decimal(item["confidence"], "confidence")
            if not 0 <= confidence.toPython() <= 1:
                raise self.fail(f"confidence {item['confidence']!r} is not in [0, 1]")
            self.graph.add((node, PKG.confidence, confidence))
        if item.get("evidence"):
            self.graph.add((node, PKG.evidence, self.add_sentence(item["evidence"])))

    def decimal(self, value: Any, field: str) -> Literal:
        if isinstance(value, bool):
            raise self.fail(f"{field} {value!r} is not a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(f"{field} {value!r} is not a number") from None
        if not number.is_finite():
            raise self.fail(f"{field} {value!r} is not a finite number")
        return Literal(number, datatype=XSD.decimal)

    def add_measure(self, n: int, measure: dict[str, Any]) -> None:
        g, kind = self.graph, measure.get("kind")
        if kind not in MEASURE_KINDS:
            raise self.fail(f"measure {n} has unknown kind {kind!r}")
        value = self.decimal(measure.get("value"), "measure value")
        subject = (self.entity_ref(measure["subject"], "measure subject")
                   if measure.get("subject") is not None else None)
        fields = [measure.get(k) for k in ("indicator", "unit", "year", "baseline", "qualifier")]
        node = self.node("measure", f"{kind}-{_hash(subject, value, *fields, self.evidence_key(measure))[:10]}")
        g.add((node, RDF.type, PKG.Target if kind == "target" else PKG.Statistic))
        g.add((node, PKG.kind, Literal(kind)))
        g.add((node, PKG.value, value))
        g.add((node, PKG.unit, Literal(str(measure.get("unit") or ""))))
        g.add((node, PROV.wasDerivedFrom, self.doc))
        if measure.get("indicator"):
            g.add((node, PKG.indicator, Literal(str(measure["indicator"]), lang=_LANG)))
        if subject is not None:
            g.add((node, PKG.subject, subject))
        if measure.get("year") is not None:
            g.add((node, PKG.year, self.year(measure["year"])))
        if measure.get("baseline") is not None:
            g.add((node, PKG.baseline, self.decimal(measure["baseline"], "measure baseline")))
        if measure.get("qualifier"):
            g.add((node, PKG.qualifier, Literal(str(measure["qualifier"]))))
        self.add_confidence_and_evidence(node, measure)

    def year(self, value: Any) -> Literal:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value \
                or not 1 <= int(value) <= 9999:
            raise self.fail(f"measure year {value!r} is not a year")
        return Literal(f"{int(value):04d}", datatype=XSD.gYear)


def extraction_to_graph(extraction: dict[str, Any]) -> Graph:
    """One document's extraction as an RDF graph (raises InputError on a malformed extraction)."""
    _check_shape(extraction)
    return _Mapper(extraction).run()


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


def extraction_to_quads(extraction: dict[str, Any]) -> Iterator[tuple[Any, Any, Any, URIRef]]:
    """The extraction's triples, each in the document's named graph."""
    graph_iri = document_graph_iri(extraction)
    for s, p, o in extraction_to_graph(extraction):
        yield s, p, o, graph_iri


def extractions_to_dataset(extractions: Iterable[dict[str, Any]]) -> Dataset:
    """Several documents as an rdflib Dataset, one named graph per document."""
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    for extraction in extractions:
        named = dataset.graph(document_graph_iri(extraction))
        for triple in extraction_to_graph(extraction):
            named.add(triple)
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
