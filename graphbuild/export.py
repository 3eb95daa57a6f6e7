"""Exports for other tools: the RDF itself, and the actor and claim networks for Gephi,
Cytoscape or a spreadsheet.

RDF is written by pyoxigraph from sorted triples (blank nodes canonically relabelled), so
the same graph always gives the same bytes. The networks carry only scalar attributes
(label, class, predicate, weight): Gephi rejects empty and list-valued ones.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable

import networkx as nx
import pyoxigraph as ox
import rdflib

from graphbuild.networks import combined_network
from graphbuild.projection import Source, read_tables
from graphbuild.query import ox_term, prefixes, sorted_turtle, to_store

RDF_FORMATS = ("ttl", "nt", "trig", "jsonld")
NETWORK_FORMATS = ("graphml", "gexf", "nodes_csv", "edges_csv")
FORMATS = RDF_FORMATS + NETWORK_FORMATS
NODE_COLUMNS = ("Id", "Label", "Class")
EDGE_COLUMNS = ("Source", "Target", "Type", "Predicate", "Weight")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DEFAULT = ox.DefaultGraph()
_GEXF_DATE = re.compile(rb' lastmodifieddate="[^"]*"')

RdflibQuad = tuple[rdflib.term.Node, rdflib.term.Node, rdflib.term.Node, rdflib.term.Node | None]


def export(graph: Source, fmt: str) -> bytes:
    """`graph` serialized as `fmt`, one of FORMATS.

    ttl, nt and jsonld hold the union of the graphs as triples; trig keeps named graphs.
    graphml, gexf, nodes_csv and edges_csv hold the actor and claim networks.
    """
    if fmt in RDF_FORMATS:
        return _serialize(list(to_store(graph)), fmt)
    if fmt in ("graphml", "gexf"):
        return network_bytes(combined_network(read_tables(graph)), fmt)
    if fmt in ("nodes_csv", "edges_csv"):
        nodes, edges = export_csv(graph)
        return (nodes if fmt == "nodes_csv" else edges).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")


def export_quads(quads: Iterable[RdflibQuad | ox.Quad], fmt: str) -> bytes:
    """Quads (rdflib (s, p, o, graph) tuples or pyoxigraph quads) serialized as an RDF format."""
    if fmt not in RDF_FORMATS:
        raise ValueError(f"unknown RDF export format {fmt!r}; formats: {', '.join(RDF_FORMATS)}")
    cache: dict[rdflib.term.Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}
    return _serialize([quad if isinstance(quad, ox.Quad) else _ox_quad(quad, cache) for quad in quads], fmt)


def _ox_quad(quad: RdflibQuad, cache: dict) -> ox.Quad:
    """A pyoxigraph quad from an rdflib one; terms are cached, since a graph repeats them."""
    terms = []
    for term in quad[:3]:
        if term not in cache:
            cache[term] = ox_term(term)
        terms.append(cache[term])
    graph = quad[3]
    name = ox_term(graph) if isinstance(graph, rdflib.URIRef | rdflib.BNode) else ox.DefaultGraph()
    return ox.Quad(*terms, name)


def _sort_key(quad: ox.Quad | ox.Triple) -> tuple[str, bool, str, str]:
    return str(quad.subject), quad.predicate.value != _RDF_TYPE, str(quad.predicate), str(quad.object)


def _serialize(quads: list[ox.Quad], fmt: str) -> bytes:
    """Sorted, canonical serialization; the default graph's name is not written for trig."""
    if any(isinstance(term, ox.BlankNode) for q in quads for term in (q.subject, q.object, q.graph_name)):
        dataset = ox.Dataset(quads)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        quads = list(dataset)
    if fmt == "trig":
        quads = sorted(set(quads), key=lambda q: (q.graph_name != _DEFAULT, str(q.graph_name), *_sort_key(q)))
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=dict(sorted(prefixes().items())))
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=_sort_key)
    if fmt == "ttl":
        return sorted_turtle(triples).encode("utf-8")
    if fmt == "nt":
        return "".join(f"{triple} .\n" for triple in triples).encode("utf-8")
    compact = ox.serialize(triples, format=ox.RdfFormat.JSON_LD, prefixes=prefixes())
    return (json.dumps(json.loads(compact), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def network_bytes(net: nx.DiGraph, fmt: str) -> bytes:
    """A projection as GraphML or GEXF; GEXF's date stamp is dropped so output is repeatable."""
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(net, buffer)
        return buffer.getvalue()
    nx.write_gexf(net, buffer)
    return _GEXF_DATE.sub(b"", buffer.getvalue(), count=1)


def export_csv(graph: Source) -> tuple[str, str]:
    """The actor and claim networks as two CSV texts, nodes and edges, with Gephi's column names."""
    net = combined_network(read_tables(graph))
    nodes, edges = io.StringIO(), io.StringIO()
    node_writer = csv.writer(nodes, lineterminator="\n")
    node_writer.writerow(NODE_COLUMNS)
    node_writer.writerows((node, data["label"], data["class"]) for node, data in net.nodes(data=True))
    edge_writer = csv.writer(edges, lineterminator="\n")
    edge_writer.writerow(EDGE_COLUMNS)
    edge_writer.writerows((source, target, "Directed", data["predicate"], data["weight"])
                          for source, target, data in net.edges(data=True))
    return nodes.getvalue(), edges.getvalue()
