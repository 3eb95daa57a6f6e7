"""tests/fixtures/mini.ttl split into one named graph per document, as the builder lays quads out.

Each document's graph holds the document's own triples, its assertions, the direct
triples those assert (unless negated), and the description of every resource they
reach. A resource two documents mention is described in both graphs under one IRI.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from graphbuild.vocab import GB

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


def mini_quads(path: Path = MINI) -> list[Quad]:
    """The quads of mini.ttl, each document in its own graph (named by the document's IRI)."""
    graph = Graph().parse(path)
    statements = {(graph.value(a, RDF.subject), graph.value(a, RDF.predicate), graph.value(a, RDF.object))
                  for a in graph.subjects(RDF.type, GB.Assertion)}
    documents = sorted(graph.subjects(RDF.type, GB.Document))
    quads: set[Quad] = set()
    for doc in documents:
        assertions = set(graph.subjects(PROV.wasDerivedFrom, doc))
        todo = [doc, *assertions]
        seen: set[URIRef] = set()
        for assertion in assertions:
            triple = (graph.value(assertion, RDF.subject), graph.value(assertion, RDF.predicate),
                      graph.value(assertion, RDF.object))
            if (assertion, GB.negated, Literal(True)) not in graph and triple in graph:
                quads.add((*triple, doc))
            todo.extend((triple[0], triple[2]))
        while todo:
            node = todo.pop()
            if node in seen or (node in documents and node != doc):
                continue
            seen.add(node)
            for _, p, o in graph.triples((node, None, None)):
                if (node, p, o) not in statements and (p != PROV.wasDerivedFrom or o == doc):
                    quads.add((node, p, o, doc))
                    if isinstance(o, URIRef):
                        todo.append(o)
    return sorted(quads)
