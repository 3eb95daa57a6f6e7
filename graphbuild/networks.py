"""The NetworkX projections of the RDF graph: the actor network and the claim network.

Both are built from the tables graphbuild.projection reads with the named SPARQL queries.
Nodes and edges carry only scalar attributes (label, class, predicate, weight), so the
same graphs can be written to GraphML and GEXF as they are.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from graphbuild.model import SPEECH_ACTS
from graphbuild.projection import Tables


def _actor_links(tables: Tables) -> Counter:
    """(speaker, actor, predicate) → weight: direct links, and links through the agent of an event."""
    links: Counter = Counter()
    for st in tables.statements:
        if not tables.is_actor(st.subject):
            continue
        if tables.is_actor(st.obj):
            targets: tuple[str, ...] = (st.obj,)
        elif st.obj in tables.events and st.predicate in SPEECH_ACTS:
            targets = tuple(agent for agent in tables.events[st.obj].agents if tables.is_actor(agent))
        else:
            continue
        for target in targets:
            if target != st.subject:
                links[(st.subject, target, st.predicate)] += 1
    return links


def actor_links(tables: Tables) -> list[tuple[str, str, str, int]]:
    """The actor network's links as sorted (source, target, predicate, weight) rows."""
    return [(*key, weight) for key, weight in sorted(_actor_links(tables).items())]


def _add_nodes(net: nx.DiGraph, tables: Tables, iris: list[str]) -> None:
    for iri in iris:
        node = tables.entities.get(iri) or tables.events[iri]
        net.add_node(iri, **{"label": node.label, "class": node.cls})


def _add_edges(net: nx.DiGraph, links: dict[tuple[str, str], Counter]) -> None:
    for (source, target), predicates in sorted(links.items()):
        net.add_edge(source, target, predicate=", ".join(sorted(predicates)), weight=sum(predicates.values()))


def actor_network(tables: Tables) -> nx.DiGraph:
    """Actors (Person, Organization, Country) linked by what they say about each other.

    Edges carry `weight` (supporting statements) and `predicate` (the predicates, joined).
    """
    net = nx.DiGraph()
    _add_nodes(net, tables, [iri for iri in tables.entities if tables.is_actor(iri)])
    grouped: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (source, target, predicate), weight in _actor_links(tables).items():
        grouped[(source, target)][predicate] += weight
    _add_edges(net, grouped)
    return net


def claim_network(tables: Tables) -> nx.DiGraph:
    """Actors linked to the event nodes they claim, deny, demand..., and events to their agents."""
    net = nx.DiGraph()
    grouped: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for st in tables.statements:
        if st.obj in tables.events and st.subject in tables.entities:
            grouped[(st.subject, st.obj)][st.predicate] += 1
    for event in tables.events.values():
        for agent in event.agents:
            if agent in tables.entities:
                grouped[(event.iri, agent)]["agent"] += 1
    _add_nodes(net, tables, sorted({iri for pair in grouped for iri in pair}))
    _add_edges(net, grouped)
    return net


def combined_network(tables: Tables) -> nx.DiGraph:
    """The actor and claim networks in one graph (every actor and event node), for exports."""
    actors, claims = actor_network(tables), claim_network(tables)
    net = nx.DiGraph()
    _add_nodes(net, tables, sorted(set(actors) | set(claims) | set(tables.events)))
    for part in (actors, claims):
        net.add_edges_from(sorted(part.edges(data=True), key=lambda edge: edge[:2]))
    return net
