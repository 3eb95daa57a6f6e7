"""Network analysis of a built graph, returned as plain JSON-able dicts.

The NetworkX graphs are projections of the RDF graph (see graphbuild.projection and the
named queries in graphbuild/queries). Every list is sorted on explicit keys and every
float rounded, so the same graph always gives the same report, byte for byte.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from typing import Any

import igraph
import networkx as nx

from graphbuild.contradictions import Contradictions, conflicting_figures, figures, find_contradictions, statement_rows
from graphbuild.model import ENTITY_TYPES, SPEECH_ACTS
from graphbuild.networks import actor_links, actor_network
from graphbuild.projection import EVENT_CLASSES, Source, Tables, read_tables

__all__ = ["analyze", "key_actors", "communities", "stance_edges"]

TOP_ACTORS = 15
# Actors up to which betweenness is exact; the number of sources it is estimated from beyond.
BETWEENNESS_SOURCES = 1000
DIGITS = 4
SEED = 42
DAMPING = 0.85
NEGATIVE_ACTS = ("accuses", "condemns", "warns", "demands")
POSITIVE_ACTS = ("defends", "cooperatesWith")


def analyze(graph: Source | Tables, found: Contradictions | None = None) -> dict[str, Any]:
    """Counts, key actors, communities, stances, denials, demands, figures and contradictions.

    A build passes the tables it already read and the contradictions it already linked in
    the graph, so neither is made twice.
    """
    tables = graph if isinstance(graph, Tables) else read_tables(graph)
    found = find_contradictions(tables) if found is None else found
    actors = actor_network(tables)
    figure_rows = figures(tables)
    return {
        "counts": counts(tables, actors),
        "key_actors": key_actors(actors),
        "communities": communities(actors),
        "stance": stance_edges(tables),
        "denials": statement_rows(tables, "denies"),
        "demands": statement_rows(tables, "demands"),
        "figures": figure_rows,
        "conflicting_figures": conflicting_figures(tables, figure_rows),
        "contradictions": found.groups,
    }


def counts(tables: Tables, actors: nx.DiGraph) -> dict[str, Any]:
    """Sizes: triples, documents, entities and events by class, speech acts by predicate.

    Speech acts count distinct direct triples, so a negated cue (which has none) is not
    among them; `negated` and `hedged` count assertions.
    """
    entities = Counter(node.cls for node in tables.entities.values())
    events = Counter(event.cls for event in tables.events.values())
    acts = Counter(p for _, p, _ in {(st.subject, st.predicate, st.obj) for st in tables.statements})
    return {
        "triples": tables.triples,
        "documents": len(tables.documents),
        "entities": {cls: entities[cls] for cls in ENTITY_TYPES},
        "events": {cls: events[cls] for cls in EVENT_CLASSES},
        "speech_acts": {act: acts[act] for act in SPEECH_ACTS},
        "assertions": len(tables.assertion_flags),
        "negated": sum(negated for _, negated, _ in tables.assertion_flags),
        "hedged": sum(hedged for _, _, hedged in tables.assertion_flags),
        "actor_network": {"nodes": actors.number_of_nodes(), "edges": actors.number_of_edges()},
    }


def pagerank(net: nx.DiGraph, damping: float = DAMPING, tol: float = 1e-10,
             max_iter: int = 500) -> dict[str, float]:
    """Weighted PageRank by power iteration, in the graph's node order.

    Written out because networkx's version needs SciPy, which nothing else here uses;
    dangling nodes spread their rank evenly, as in networkx.
    """
    nodes = list(net)
    if not nodes:
        return {}
    n = len(nodes)
    out_weight = {node: net.out_degree(node, weight="weight") for node in nodes}
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = damping * sum(rank[node] for node in nodes if not out_weight[node]) / n
        new = dict.fromkeys(nodes, (1.0 - damping) / n + dangling)
        for source, target, weight in net.edges(data="weight"):
            new[target] += damping * rank[source] * weight / out_weight[source]
        delta = sum(abs(new[node] - rank[node]) for node in nodes)
        rank = new
        if delta < n * tol:
            break
    return rank


def _undirected(net: nx.DiGraph) -> nx.Graph:
    """The actor network without direction, weights of opposite edges summed."""
    undirected = nx.Graph()
    undirected.add_nodes_from(net.nodes(data=True))
    for source, target, weight in net.edges(data="weight"):
        previous = undirected.get_edge_data(source, target, {"weight": 0})["weight"]
        undirected.add_edge(source, target, weight=previous + weight)
    return undirected


def betweenness(net: nx.Graph, sources: int = BETWEENNESS_SOURCES) -> dict[str, float]:
    """Betweenness centrality, normalized as networkx does, computed by igraph: exact up to
    `sources` actors, beyond that estimated from the shortest paths of `sources` of them (drawn
    with a fixed seed from the sorted actors, scaled by n/k, as networkx's `k` does), since the
    exact value costs actors × links (18 s on the 20,000 actors of 10,000 articles).
    """
    nodes = list(net)
    index = {node: i for i, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in net.edges()])
    n = len(nodes)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 2.0
    if n <= sources:
        values = graph.betweenness(directed=False)
    else:
        chosen = [index[node] for node in random.Random(SEED).sample(sorted(nodes), sources)]
        values = [value * n / sources for value in graph.betweenness(directed=False, sources=chosen)]
    return {node: value * scale for node, value in zip(nodes, values, strict=True)}


def key_actors(net: nx.DiGraph, limit: int = TOP_ACTORS) -> list[dict[str, Any]]:
    """The most central connected actors by PageRank, with degree and betweenness (on the
    undirected network)."""
    undirected = _undirected(net)
    between = betweenness(undirected)
    ranks = pagerank(net)
    rows = [{
        "id": node, "label": data["label"], "class": data["class"],
        "degree": undirected.degree(node),
        "in_degree": net.in_degree(node), "out_degree": net.out_degree(node),
        "weighted_degree": undirected.degree(node, weight="weight"),
        "betweenness": round(between[node], DIGITS), "pagerank": round(ranks[node], DIGITS),
    } for node, data in net.nodes(data=True) if undirected.degree(node)]
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], -r["betweenness"], r["label"], r["id"]))
    return rows[:limit]


def communities(net: nx.DiGraph) -> list[dict[str, Any]]:
    """Louvain communities (seed 42) of the undirected actor network, largest first.

    Actors with no link form no community and are left out.
    """
    undirected = _undirected(net)
    undirected.remove_nodes_from([node for node in net if not undirected.degree(node)])
    found = nx.community.louvain_communities(undirected, weight="weight", seed=SEED)
    groups = [sorted(({"id": node, "label": net.nodes[node]["label"], "class": net.nodes[node]["class"]}
                      for node in members), key=lambda m: (m["label"], m["id"])) for members in found]
    groups.sort(key=lambda members: (-len(members), members[0]["label"], members[0]["id"]))
    return [{"id": index, "size": len(members), "members": members}
            for index, members in enumerate(groups, 1)]


def stance_edges(tables: Tables) -> list[dict[str, Any]]:
    """Who condemns, accuses, warns or makes demands of whom (negative), and who defends or
    cooperates with whom (positive), directly or through the agent of an event.
    """
    grouped: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for source, target, predicate, weight in actor_links(tables):
        if predicate in NEGATIVE_ACTS or predicate in POSITIVE_ACTS:
            sign = "negative" if predicate in NEGATIVE_ACTS else "positive"
            grouped[(source, target, sign)][predicate] += weight
    rows = [{
        "source": source, "source_label": tables.label(source), "target": target,
        "target_label": tables.label(target), "sign": sign, "count": sum(predicates.values()),
        "predicates": dict(sorted(predicates.items())),
    } for (source, target, sign), predicates in grouped.items()]
    return sorted(rows, key=lambda r: (-r["count"], r["source_label"], r["target_label"], r["sign"],
                                       r["source"], r["target"]))
