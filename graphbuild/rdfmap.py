"""The RDF mapping: resolved facts become quads on the ontology, one named graph per document.

Everything a document supports lives in its own graph: the entities it mentions (with the
surface forms it uses), its events, its statements and their `gb:Assertion` provenance. The
union of the graphs is the knowledge graph. IRIs are derived from keys and content, never
from counters, so the same input always gives the same graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from decimal import Decimal
from functools import cache, lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from graphbuild.model import DocumentFacts, EventFact, Mention, Statement
from graphbuild.query import ox_term
from graphbuild.resolve import Entity, Resolution
from graphbuild.vocab import GB, GBR, PROV, SCHEMA, bind_prefixes, resource

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]
WIKIDATA = "http://www.wikidata.org/entity/"
DATE_TYPES = {0: XSD.gYear, 1: XSD.gYearMonth, 2: XSD.date}
LITERAL_CACHE = 1 << 14
TERM_CACHE = 1 << 17
# The terms written for nearly every quad, looked up once: each access to an rdflib DefinedNamespace
# (RDF, RDFS, GB...) runs Python code.
TYPE, SUBJECT, PREDICATE, OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
LABEL, ALT_LABEL, SAME_AS, DERIVED_FROM = RDFS.label, SKOS.altLabel, OWL.sameAs, PROV.wasDerivedFrom
TRUE = Literal(True)
RESOURCE = str(GBR)


@lru_cache(maxsize=LITERAL_CACHE)
def plain(text: str) -> Literal:
    """A plain string literal; remembered, as a Literal costs far more to make than to look up and
    labels, extractor names and evidence sentences recur."""
    return Literal(text)


@lru_cache(maxsize=LITERAL_CACHE)
def tagged(text: str, lang: str) -> Literal:
    """A language-tagged literal, remembered like `plain`."""
    return Literal(text, lang=lang)


@lru_cache(maxsize=LITERAL_CACHE, typed=True)
def integer(value: int) -> Literal:
    """An xsd:integer literal (offsets, counts), remembered; typed, so True never passes for 1."""
    return Literal(value, datatype=XSD.integer)


@lru_cache(maxsize=LITERAL_CACHE, typed=True)
def decimal(value: float) -> Literal:
    """A confidence as an xsd:decimal literal written as the float prints, remembered."""
    return Literal(Decimal(str(value)), datatype=XSD.decimal)


@lru_cache(maxsize=LITERAL_CACHE)
def dated(value: str, datatype: URIRef) -> Literal:
    """A date literal of the given XSD type, remembered."""
    return Literal(value, datatype=datatype)


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def claim_iri(kind: str, *parts: object) -> URIRef:
    """The IRI of a claim node (an event as told, an assertion): gbr:<kind>-<digest of the parts>,
    as `resource(digest, kind=kind)` mints it, without its slug checks: a hex digest is a slug
    already, and a document has one such IRI per claim."""
    return URIRef(f"{RESOURCE}{kind}-{_digest(*parts)}")


@cache
def gb(name: str) -> URIRef:
    """The ontology term `name` (a closed namespace: a misspelt name raises), looked up once."""
    return GB[name]  # type: ignore[misc]  # an rdflib DefinedNamespace: its metaclass indexes it


@cache
def entity_iri(key: str) -> URIRef:
    """The IRI of a resolved entity."""
    return resource(key.replace("_", "-"))


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document, which also names its graph."""
    return resource(doc_id, kind="doc")


class DocumentMapper:
    """Maps the facts of one document to quads in the document's graph."""

    def __init__(self, facts: DocumentFacts, resolution: Resolution) -> None:
        self.facts = facts
        self.doc = facts.document
        self.res = resolution
        self.graph = document_iri(self.doc.doc_id)
        self.quads: list[Quad] = []
        self.described: set[str] = set()

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
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
            self.add(g, SCHEMA.headline, plain(d.headline))
        if d.date:
            self.add(g, SCHEMA.datePublished, dated(d.date, XSD.date))
        if d.url:
            self.add(g, SCHEMA.url, plain(d.url))
        if d.publisher:
            publisher = resource(d.publisher, kind="publisher")
            self.add(g, SCHEMA.publisher, publisher)
            self.add(publisher, TYPE, gb("Organization"))
            self.add(publisher, LABEL, plain(d.publisher))

    def _entity_of(self, m: Mention) -> URIRef | None:
        """The entity IRI of a mention, describing the entity in this graph on first use."""
        key = self.res.key_of(self.doc.doc_id, m) or (m.key if m.implicit else None)
        if key is None or key not in self.res.entities:
            return None
        iri = entity_iri(key)
        if key not in self.described:
            self.described.add(key)
            self._describe(iri, self.res.entities[key])
        return iri

    def _describe(self, iri: URIRef, entity: Entity) -> None:
        self.add(iri, TYPE, gb(entity.etype))
        label = entity.label()
        self.add(iri, LABEL, tagged(label, "id"))
        if entity.label_en and entity.label_en != label:
            self.add(iri, LABEL, tagged(entity.label_en, "en"))
        for name in sorted(entity.names.get(self.doc.doc_id, {})):
            if name != label:
                self.add(iri, ALT_LABEL, plain(name))
        for role in sorted(entity.roles.get(self.doc.doc_id, set())):
            self.add(iri, gb("role"), plain(role))
        if entity.wikidata:
            self.add(iri, SAME_AS, URIRef(WIKIDATA + entity.wikidata))

    def _statements(self) -> set[str]:
        """Map every statement; return the ids of events some speaker claims."""
        claimed: set[str] = set()
        for st in self.facts.statements:
            subject = self._entity_of(st.subject)
            if subject is None:
                continue
            obj: URIRef | None
            if st.obj_event is not None:
                claimed.add(st.obj_event.event_id)
                obj = self._event(st.obj_event, subject, with_quantity=st.predicate != "denies")
            else:
                obj = self._entity_of(st.obj) if st.obj else None
            if obj is None or obj == subject:
                continue
            self._assertion(st, subject, gb(st.predicate), obj)
        return claimed

    def _event(self, event: EventFact, speaker: URIRef | None, with_quantity: bool) -> URIRef:
        """One node per claim: the event as told by `speaker` (or by the article itself)."""
        iri = claim_iri("event", self.doc.doc_id, event.event_id, speaker or "")
        agents = self._entities(event.agents)
        self.add(iri, TYPE, gb(event.etype))
        if event.etype != "Event":
            self.add(iri, TYPE, gb("Event"))
        names = ", ".join(self.res.entities[k].label() for k in self._keys(event.agents))
        self.add(iri, LABEL, tagged(f"{event.trigger.text} ({names})" if names else event.trigger.text, "id"))
        self.add(iri, gb("trigger"), plain(event.trigger.text))
        for prop, values in ((gb("agent"), agents), (gb("target"), self._entities(event.targets)),
                             (gb("location"), self._entities(event.locations))):
            for value in values:
                self.add(iri, prop, value)
        if event.date:
            self.add(iri, gb("date"), dated(event.date, DATE_TYPES[event.date.count("-")]))
        if with_quantity and event.quantity is not None:
            self.add(iri, gb("quantity"), integer(event.quantity))
            self.add(iri, gb("quantityQualifier"), plain(event.qualifier or "exactly"))
            if event.unit:
                self.add(iri, gb("unit"), plain(event.unit))
        return iri

    def _keys(self, mentions: list[Mention]) -> list[str]:
        keys = (self.res.key_of(self.doc.doc_id, m) for m in mentions)
        return list(dict.fromkeys(k for k in keys if k))

    def _entities(self, mentions: list[Mention]) -> list[URIRef]:
        out = []
        for m in mentions:
            iri = self._entity_of(m)
            if iri is not None and iri not in out:
                out.append(iri)
        return out

    def _assertion(self, st: Statement, s: URIRef, p: URIRef, o: URIRef) -> None:
        sentence = self.facts.sentences[st.sentence]
        iri = claim_iri("assertion", self.doc.doc_id, s, p, o, sentence.start, st.negated)
        if not st.negated:
            self.add(s, p, o)
        g = self.graph
        self.quads.extend((iri, prop, value, g) for prop, value in (
            (TYPE, gb("Assertion")), (SUBJECT, s), (PREDICATE, p), (OBJECT, o), (DERIVED_FROM, g),
            (gb("evidence"), plain(sentence.text)), (gb("charStart"), integer(sentence.start)),
            (gb("charEnd"), integer(sentence.end)), (gb("extractor"), plain(st.extractor)),
            (gb("confidence"), decimal(st.confidence))))
        if st.negated:
            self.add(iri, gb("negated"), TRUE)
        if st.hedged:
            self.add(iri, gb("hedged"), TRUE)


class NTriplesWriter:
    """Triples as N-Triples lines (without ' .'), each term written by pyoxigraph once and then
    remembered: names, labels and predicates recur in every document. It forgets all past
    TERM_CACHE terms, as evidence sentences and claim IRIs never recur."""

    def __init__(self) -> None:
        self.terms: dict[URIRef | Literal, str] = {}

    def lines(self, quads: list[Quad]) -> set[str]:
        """The distinct triples of the quads."""
        if len(self.terms) > TERM_CACHE:
            self.terms.clear()
        return {f"{self._term(s)} {self._term(p)} {self._term(o)}" for s, p, o, _ in quads}

    def _term(self, term: URIRef | Literal) -> str:
        text = self.terms.get(term)
        if text is None:
            text = self.terms[term] = str(ox_term(term))
        return text


def corpus_quads(corpus: list[DocumentFacts], resolution: Resolution) -> Iterator[Quad]:
    """The quads of every document, in input order."""
    for facts in corpus:
        yield from DocumentMapper(facts, resolution).map()


def union_graph(quads: list[Quad]) -> Graph:
    """One rdflib Graph holding the triples of all the quads, with the project's prefixes."""
    graph = bind_prefixes(Graph())
    for s, p, o, _ in quads:
        graph.add((s, p, o))
    return graph
