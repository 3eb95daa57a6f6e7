"""The RDF mapping: resolved facts become quads on the ontology, one named graph per document.

Everything a document supports lives in its own graph: the entities it mentions (with the
surface forms it uses), its events, its statements and their `gb:Assertion` provenance. The
union of the graphs is the knowledge graph. IRIs are derived from keys and content, never
from counters, so the same input always gives the same graph.

Terms are written in N-Triples syntax (`<iri>`, `"text"@id`) as they are made: the store loads
N-Triples text, and an rdflib term made for each quad and converted afterwards cost a quarter of
the mapping. `rdflib_quads` gives rdflib terms to the callers that want an rdflib Graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal
from functools import cache, lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from graphbuild.model import DocumentFacts, EventFact, Mention, Statement
from graphbuild.resolve import Entity, Resolution
from graphbuild.vocab import GB, GBR, PROV, SCHEMA, bind_prefixes, resource

# Subject, predicate, object and graph, each in N-Triples syntax.
Quad = tuple[str, str, str, str]
RdfQuad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]
WIKIDATA = "http://www.wikidata.org/entity/"
LITERAL_CACHE = 1 << 14
RESOURCE = str(GBR)


def iri(value: str) -> str:
    """An IRI in N-Triples syntax."""
    return f"<{value}>"


# The terms written for nearly every quad, made once.
TYPE, SUBJECT, PREDICATE, OBJECT = iri(RDF.type), iri(RDF.subject), iri(RDF.predicate), iri(RDF.object)
LABEL, ALT_LABEL, SAME_AS, DERIVED_FROM = iri(RDFS.label), iri(SKOS.altLabel), iri(OWL.sameAs), iri(PROV.wasDerivedFrom)
HEADLINE, PUBLISHED, URL, PUBLISHER = (iri(SCHEMA.headline), iri(SCHEMA.datePublished), iri(SCHEMA.url),
                                       iri(SCHEMA.publisher))
DATE_TYPES = {0: str(XSD.gYear), 1: str(XSD.gYearMonth), 2: str(XSD.date)}
TRUE = str(ox.Literal(True))


@lru_cache(maxsize=LITERAL_CACHE)
def plain(text: str) -> str:
    """A plain string literal; remembered, as labels, extractor names and evidence sentences recur."""
    return str(ox.Literal(text))


@lru_cache(maxsize=LITERAL_CACHE)
def tagged(text: str, lang: str) -> str:
    """A language-tagged literal, remembered like `plain`."""
    return str(ox.Literal(text, language=lang))


@lru_cache(maxsize=LITERAL_CACHE, typed=True)
def integer(value: int) -> str:
    """An xsd:integer literal (offsets, counts), remembered; typed, so True never passes for 1."""
    return str(ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer))))


@lru_cache(maxsize=LITERAL_CACHE, typed=True)
def decimal(value: float) -> str:
    """A confidence as an xsd:decimal literal, its lexical form the one rdflib gives the float as it prints."""
    lexical = str(Literal(Decimal(str(value)), datatype=XSD.decimal))
    return str(ox.Literal(lexical, datatype=ox.NamedNode(str(XSD.decimal))))


@lru_cache(maxsize=LITERAL_CACHE)
def dated(value: str, datatype: str) -> str:
    """A date literal of the given XSD type (an IRI), remembered."""
    return str(ox.Literal(value, datatype=ox.NamedNode(datatype)))


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def claim_iri(kind: str, *parts: str | int | bool) -> str:
    """The IRI of a claim node (an event as told, an assertion) in N-Triples syntax:
    gbr:<kind>-<digest of the parts>, as `resource(digest, kind=kind)` mints it, without its slug
    checks: a hex digest is a slug already, and a document has one such IRI per claim."""
    return iri(f"{RESOURCE}{kind}-{_digest(*parts)}")


@cache
def gb(name: str) -> str:
    """The ontology term `name` (a closed namespace: a misspelt name raises), looked up once."""
    return iri(GB[name])  # type: ignore[misc]  # an rdflib DefinedNamespace: its metaclass indexes it


@cache
def entity_iri(key: str) -> str:
    """The IRI of a resolved entity."""
    return iri(resource(key.replace("_", "-")))


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document, which also names its graph."""
    return resource(doc_id, kind="doc")


def bare(term: str) -> str:
    """The IRI inside an IRI written in N-Triples syntax."""
    return term[1:-1]


class DocumentMapper:
    """Maps the facts of one document to quads in the document's graph."""

    def __init__(self, facts: DocumentFacts, resolution: Resolution) -> None:
        self.facts = facts
        self.doc = facts.document
        self.res = resolution
        self.graph_iri = str(document_iri(self.doc.doc_id))
        self.graph = iri(self.graph_iri)
        self.quads: list[Quad] = []
        self.described: set[str] = set()

    def add(self, s: str, p: str, o: str) -> None:
        self.quads.append((s, p, o, self.graph))

    def map(self) -> list[Quad]:
        self._document()
        for m in self.facts.mentions:
            self._entity_of(m)
        claimed = self._statements()
        for event in self.facts.events:
            if event.event_id not in claimed:
                self._event(event, None, with_quantity=True)
        return self.quads

    def _document(self) -> None:
        d, g = self.doc, self.graph
        self.add(g, TYPE, gb("Document"))
        self.add(g, gb("sourceFile"), plain(d.source_file))
        if d.headline:
            self.add(g, HEADLINE, plain(d.headline))
        if d.date:
            self.add(g, PUBLISHED, dated(d.date, DATE_TYPES[2]))
        if d.url:
            self.add(g, URL, plain(d.url))
        if d.publisher:
            publisher = iri(resource(d.publisher, kind="publisher"))
            self.add(g, PUBLISHER, publisher)
            self.add(publisher, TYPE, gb("Organization"))
            self.add(publisher, LABEL, plain(d.publisher))

    def _entity_of(self, m: Mention) -> str | None:
        """The entity IRI of a mention, describing the entity in this graph on first use."""
        key = self.res.key_of(self.doc.doc_id, m) or (m.key if m.implicit else None)
        if key is None or key not in self.res.entities:
            return None
        term = entity_iri(key)
        if key not in self.described:
            self.described.add(key)
            self._describe(term, self.res.entities[key])
        return term

    def _describe(self, subject: str, entity: Entity) -> None:
        self.add(subject, TYPE, gb(entity.etype))
        label = entity.label()
        self.add(subject, LABEL, tagged(label, "id"))
        if entity.label_en and entity.label_en != label:
            self.add(subject, LABEL, tagged(entity.label_en, "en"))
        for name in sorted(entity.names.get(self.doc.doc_id, {})):
            if name != label:
                self.add(subject, ALT_LABEL, plain(name))
        for role in sorted(entity.roles.get(self.doc.doc_id, set())):
            self.add(subject, gb("role"), plain(role))
        if entity.wikidata:
            self.add(subject, SAME_AS, iri(WIKIDATA + entity.wikidata))

    def _statements(self) -> set[str]:
        """Map every statement; return the ids of events some speaker claims."""
        claimed: set[str] = set()
        for st in self.facts.statements:
            subject = self._entity_of(st.subject)
            if subject is None:
                continue
            obj: str | None
            if st.obj_event is not None:
                claimed.add(st.obj_event.event_id)
                obj = self._event(st.obj_event, subject, with_quantity=st.predicate != "denies")
            else:
                obj = self._entity_of(st.obj) if st.obj else None
            if obj is None or obj == subject:
                continue
            self._assertion(st, subject, gb(st.predicate), obj)
        return claimed

    def _event(self, event: EventFact, speaker: str | None, with_quantity: bool) -> str:
        """One node per claim: the event as told by `speaker` (or by the article itself)."""
        node = claim_iri("event", self.doc.doc_id, event.event_id, bare(speaker) if speaker else "")
        agents = self._entities(event.agents)
        self.add(node, TYPE, gb(event.etype))
        if event.etype != "Event":
            self.add(node, TYPE, gb("Event"))
        names = ", ".join(self.res.entities[k].label() for k in self._keys(event.agents))
        self.add(node, LABEL, tagged(f"{event.trigger.text} ({names})" if names else event.trigger.text, "id"))
        self.add(node, gb("trigger"), plain(event.trigger.text))
        for prop, values in ((gb("agent"), agents), (gb("target"), self._entities(event.targets)),
                             (gb("location"), self._entities(event.locations))):
            for value in values:
                self.add(node, prop, value)
        if event.date:
            self.add(node, gb("date"), dated(event.date, DATE_TYPES[event.date.count("-")]))
        if with_quantity and event.quantity is not None:
            self.add(node, gb("quantity"), integer(event.quantity))
            self.add(node, gb("quantityQualifier"), plain(event.qualifier or "exactly"))
            if event.unit:
                self.add(node, gb("unit"), plain(event.unit))
        return node

    def _keys(self, mentions: list[Mention]) -> list[str]:
        keys = (self.res.key_of(self.doc.doc_id, m) for m in mentions)
        return list(dict.fromkeys(k for k in keys if k))

    def _entities(self, mentions: list[Mention]) -> list[str]:
        out = []
        for m in mentions:
            term = self._entity_of(m)
            if term is not None and term not in out:
                out.append(term)
        return out

    def _assertion(self, st: Statement, s: str, p: str, o: str) -> None:
        sentence = self.facts.sentences[st.sentence]
        node = claim_iri("assertion", self.doc.doc_id, bare(s), bare(p), bare(o), sentence.start, st.negated)
        if not st.negated:
            self.add(s, p, o)
        g = self.graph
        self.quads.extend((node, prop, value, g) for prop, value in (
            (TYPE, gb("Assertion")), (SUBJECT, s), (PREDICATE, p), (OBJECT, o), (DERIVED_FROM, g),
            (gb("evidence"), plain(sentence.text)), (gb("charStart"), integer(sentence.start)),
            (gb("charEnd"), integer(sentence.end)), (gb("extractor"), plain(st.extractor)),
            (gb("confidence"), decimal(st.confidence))))
        if st.negated:
            self.add(node, gb("negated"), TRUE)
        if st.hedged:
            self.add(node, gb("hedged"), TRUE)


def ntriples(quads: list[Quad]) -> set[str]:
    """The distinct triples of the quads as N-Triples lines without the closing ' .'."""
    return {f"{s} {p} {o}" for s, p, o, _ in quads}


def rdflib_quads(quads: Iterable[Quad]) -> list[RdfQuad]:
    """The quads with rdflib terms, read back by pyoxigraph's N-Quads parser (which checks the syntax)."""
    text = "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in quads).encode("utf-8")
    return [(_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object), _rdflib(q.graph_name))  # type: ignore[misc]
            for q in ox.parse(text, format=ox.RdfFormat.N_QUADS)]


@lru_cache(maxsize=LITERAL_CACHE)
def _rdflib(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def corpus_quads(corpus: list[DocumentFacts], resolution: Resolution) -> list[RdfQuad]:
    """The quads of every document, in input order, with rdflib terms."""
    return rdflib_quads(q for facts in corpus for q in DocumentMapper(facts, resolution).map())


def union_graph(quads: list[RdfQuad]) -> Graph:
    """One rdflib Graph holding the triples of all the quads, with the project's prefixes."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in quads:
        graph.add((s, p, o))
    return graph
