"""The graph the HTML page draws, as plain data: the nodes of the classes the style draws and the
assertion records, ranked by degree centrality, capped and laid out.

Kept apart from the page itself so the projection can be tested without HTML. Everything is
read through pyoxigraph, because rdflib's engine takes minutes on the anti-join that finds
direct triples no assertion records; that join is made here, on per-property index scans.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import igraph
import pyoxigraph as ox
import rdflib
import yaml
from rdflib.namespace import OWL, PROV, RDFS, SKOS

from graphbuild.model import SPEECH_ACTS
from graphbuild.projection import assertion_rows, instances, property_values
from graphbuild.query import to_store
from graphbuild.vocab import GB, SCHEMA

LAYOUT_SEED = 20241022
PIXELS_PER_NODE = 150
# The relations drawn as edges: speech acts, affiliation, cooperation and an event's participants.
EDGE_PREDICATES = (*SPEECH_ACTS, "agent", "target", "location", "affiliatedWith", "cooperatesWith")
# The values of an assertion an edge's tooltip shows, read for the drawn edges only.
EDGE_DETAILS = {"document": PROV.wasDerivedFrom, "evidence": GB.evidence, "confidence": GB.confidence,
                "extractor": GB.extractor}
# The values a node's tooltip shows, by key.
NODE_PROPERTIES = {"label": RDFS.label, "altLabel": SKOS.altLabel, "role": GB.role, "sameAs": OWL.sameAs,
                   "sourceFile": GB.sourceFile, "headline": SCHEMA.headline}


@dataclass(frozen=True)
class VizNode:
    """One drawn entity or event."""

    id: str
    cls: str
    label: str
    label_en: str
    aliases: tuple[str, ...]
    role: str
    same_as: tuple[str, ...]


@dataclass(frozen=True)
class VizEdge:
    """One drawn relation: an assertion, or a direct triple that no assertion records."""

    source: str
    target: str
    pred: str
    sources: tuple[str, ...]
    evidence: str
    confidence: float | None
    negated: bool
    hedged: bool
    extractor: str
    assertion: str


@dataclass(frozen=True)
class VizGraph:
    """What the page shows; `total_nodes` counts the nodes before the cap."""

    nodes: tuple[VizNode, ...]
    edges: tuple[VizEdge, ...]
    documents: dict[str, tuple[str, str]]
    centrality: dict[str, float]
    degree: dict[str, int]
    positions: dict[str, tuple[int, int]]
    total_nodes: int


def load_style() -> dict[str, Any]:
    """The packaged class and predicate styles (templates/viz-style.yaml)."""
    text = resources.files("graphbuild").joinpath("templates", "viz-style.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _plain(term: Any) -> Any:
    """A query result term as a Python value: IRIs and blank nodes as strings, literals typed."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype == "boolean":
            return term.value == "true" or term.value == "1"
        if datatype in ("decimal", "double", "float"):
            return float(term.value)
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _shown_values(store: ox.Store, subjects: set[str]) -> dict[str, dict[str, set]]:
    """The values the page shows of each of `subjects` (the drawn nodes and the documents): key
    (label@lang for labels) → values."""
    values: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for key, prop in NODE_PROPERTIES.items():
        for subject, terms in property_values(store, str(prop), subjects).items():
            for term in terms:
                lang = term.language or "" if isinstance(term, ox.Literal) else ""
                values[subject][f"label@{lang}" if key == "label" else key].add(_plain(term))
    return values


def _documents(iris: set[str], values: dict[str, dict[str, set]]) -> dict[str, tuple[str, str]]:
    """Each document's (file, headline)."""
    return {iri: (min(values[iri]["sourceFile"], default=iri), min(values[iri]["headline"], default=""))
            for iri in iris}


def _node(iri: str, found: set[str], bucket: dict[str, set], class_order: list[str]) -> VizNode:
    """A drawn node from its classes and shown values: the Indonesian label first, then an untagged
    one, then English, then any."""
    labels = [min(bucket[k]) for k in ("label@id", "label@", "label@en") if bucket[k]]
    labels += sorted(v for k, values in bucket.items() if k.startswith("label@") for v in values)
    label = labels[0] if labels else _local_name(iri)
    english = min(bucket["label@en"], default="")
    return VizNode(
        id=iri,
        cls=next(c for c in class_order if c in found),
        label=label,
        label_en=english if english != label else "",
        aliases=tuple(sorted((set(labels[1:]) | bucket["altLabel"]) - {label, english})),
        role=min(bucket["role"], default=""),
        same_as=tuple(sorted(bucket["sameAs"])),
    )


def _edge_rows(store: ox.Store) -> Iterator[dict[str, Any]]:
    """The relations to draw: every assertion of an edge predicate between two non-literals (a
    negated one too, which has no direct triple, so it is drawn with its evidence), then the direct
    triples of those predicates that no assertion records. An assertion's documents, evidence,
    confidence and extractor are read later, for the drawn edges only (`_with_details`)."""
    iris = {str(GB[name]): name for name in EDGE_PREDICATES}
    recorded = set()
    for row in assertion_rows(store, iris_only=True, without=tuple(EDGE_DETAILS)):
        recorded.add((row["subject"], row["property"], row["object"]))
        if row["property"] in iris:
            yield {"s": row["subject"], "pred": iris[row["property"]], "o": row["object"],
                   "assertion": row["assertion"], "negated": row["negated"], "hedged": row["hedged"]}
    for iri, name in iris.items():
        for subject, objects in property_values(store, iri).items():
            for term in objects:
                obj = _plain(term)
                if not isinstance(term, ox.Literal) and (subject, iri, obj) not in recorded:
                    yield {"s": subject, "pred": name, "o": obj}


def _with_details(store: ox.Store, edges: list[VizEdge]) -> list[VizEdge]:
    """The edges with their assertions' documents, evidence (the least), confidence (the highest)
    and extractor (the least): most assertions are not drawn, and these are the bulk of their values."""
    drawn = {edge.assertion for edge in edges if edge.assertion}
    values = {name: property_values(store, str(prop), drawn) for name, prop in EDGE_DETAILS.items()}

    def plain(name: str, assertion: str) -> list[Any]:
        return [_plain(term) for term in values[name].get(assertion, ())]

    out = []
    for edge in edges:
        if edge.assertion:
            confidences = [float(value) for value in plain("confidence", edge.assertion)]
            edge = replace(edge, sources=tuple(sorted(set(plain("document", edge.assertion)))),
                           evidence=min(filter(None, plain("evidence", edge.assertion)), default=""),
                           confidence=max(confidences) if confidences else None,
                           extractor=min(filter(None, plain("extractor", edge.assertion)), default=""))
        out.append(edge)
    return out


def _local_name(iri: str) -> str:
    """The last path or fragment segment of an IRI, as a label of last resort."""
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _edges(rows: Iterable[dict[str, Any]], style: dict[str, Any]) -> list[VizEdge]:
    """One edge per assertion or unrecorded direct triple, sorted; an assertion's details are left
    for `_with_details`."""
    grouped: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        key = (row["assertion"],) if row.get("assertion") else (row["s"], row["pred"], row["o"])
        grouped[key].append(row)
    edges = []
    seen_symmetric: set[tuple[str, str, str]] = set()
    for group in sorted(grouped.values(), key=lambda g: (g[0].get("assertion") is None, _row_key(g[0]))):
        row = group[0]
        rule = style["predicates"][row["pred"]]
        source, target = (row["o"], row["s"]) if rule.get("reverse") else (row["s"], row["o"])
        if rule.get("symmetric"):
            pair = (row["pred"], *sorted((source, target)))
            if row.get("assertion") is None and pair in seen_symmetric:
                continue
            seen_symmetric.add(pair)
        edges.append(VizEdge(
            source=source, target=target, pred=row["pred"], sources=(), evidence="", confidence=None,
            negated=any(r.get("negated") for r in group), hedged=any(r.get("hedged") for r in group),
            extractor="", assertion=row.get("assertion") or "",
        ))
    return sorted(edges, key=lambda e: (e.source, e.pred, e.target, e.assertion))


def _row_key(row: dict[str, Any]) -> tuple[str, ...]:
    """A total order on query rows, so grouping never depends on the engine's row order."""
    return tuple(str(row.get(k) or "") for k in ("assertion", "s", "pred", "o"))


def _layout(nodes: list[str], edges: list[VizEdge]) -> dict[str, tuple[int, int]]:
    """Seeded Fruchterman-Reingold positions in pixels, identical on every run.

    igraph's layout takes ~0.3 s for 5,000 nodes where networkx's needs scipy and ~45 s.
    igraph draws its random numbers from a Python generator, so a seeded one is set for
    the call and the default (the `random` module) put back afterwards. Nodes without
    edges would be flung to the rim and shrink the rest, so they sit in a grid beside it.
    """
    linked = sorted({n for e in edges if e.source != e.target for n in (e.source, e.target)})
    index = {node: i for i, node in enumerate(linked)}
    pairs = sorted({tuple(sorted((index[e.source], index[e.target]))) for e in edges if e.source != e.target})
    positions: dict[str, tuple[int, int]] = {}
    right = 0
    if linked:
        graph = igraph.Graph(n=len(linked), edges=pairs)
        igraph.set_random_number_generator(random.Random(LAYOUT_SEED))
        try:
            coords = graph.layout_fruchterman_reingold().coords
        finally:
            igraph.set_random_number_generator(random)
        xs = [c[0] for c in coords]
        ys = [c[1] for c in coords]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        scale = PIXELS_PER_NODE * len(linked) ** 0.5 / span
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        positions = {node: (round((x - cx) * scale), round((y - cy) * scale))
                     for node, (x, y) in zip(linked, coords, strict=True)}
        right = max(x for x, _ in positions.values()) + 2 * PIXELS_PER_NODE
    lonely = [node for node in nodes if node not in index]
    columns = max(1, math.ceil(len(lonely) ** 0.5))
    top = -((len(lonely) - 1) // columns) * PIXELS_PER_NODE // 2
    for i, node in enumerate(lonely):
        positions[node] = (right + (i % columns) * PIXELS_PER_NODE, top + (i // columns) * PIXELS_PER_NODE)
    return positions


def _skolemized(graph: rdflib.Graph | ox.Store) -> rdflib.Graph | ox.Store:
    """`graph` with blank nodes swapped for stable IRIs: pyoxigraph relabels them at random on load,
    which would make the page differ between two renders of one graph."""
    if isinstance(graph, rdflib.Graph) and not graph.context_aware and any(
            isinstance(term, rdflib.BNode) for triple in graph for term in triple):
        return graph.skolemize()
    return graph


def _degrees(nodes: Iterable[str], edges: list[VizEdge]) -> Counter:
    """Each node's degree in the multigraph of the edges (a loop counts twice), as networkx counts
    it for degree centrality, without building the multigraph (a kilobyte an edge)."""
    degree: Counter = Counter(dict.fromkeys(nodes, 0))
    for edge in edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    return degree


def project(graph: rdflib.Graph | ox.Store, max_nodes: int, style: dict[str, Any]) -> VizGraph:
    """The drawn graph: nodes and edges from the queries, capped to the most central."""
    store = to_store(_skolemized(graph))
    class_order = list(style["classes"])
    # some 400,000 nodes in a 10,000-article store, of which only the drawn ones get their values read
    classes = instances(store, (*(c for c in class_order if c != "Other"), "Document"))
    edges = _edges(_edge_rows(store), style)
    nodes = {iri: found for iri, found in classes.items() if "Document" not in found}
    for endpoint in ({e.source for e in edges} | {e.target for e in edges}) - nodes.keys():
        nodes[endpoint] = set()  # of no drawn class: "Other"
    degree = _degrees(nodes, edges)
    scale = 1.0 / (len(nodes) - 1.0) if len(nodes) > 1 else 0.0
    centrality = {node: d * scale for node, d in degree.items()}
    kept = sorted(sorted(nodes), key=lambda n: -centrality[n])[:max_nodes]
    keep = set(kept)
    edges = _with_details(store, [e for e in edges if e.source in keep and e.target in keep])
    cited = {doc for e in edges for doc in e.sources}
    ordered = sorted(keep)
    document_iris = {iri for iri, found in classes.items() if "Document" in found}
    values = _shown_values(store, keep | document_iris)
    documents = _documents(document_iris, values)
    for doc in cited - documents.keys():
        documents[doc] = (_local_name(doc), "")
    return VizGraph(
        nodes=tuple(_node(n, nodes[n], values[n], class_order) if nodes[n]
                    else VizNode(n, "Other", _local_name(n), "", (), "", ()) for n in ordered),
        edges=tuple(edges),
        documents=dict(sorted(documents.items(), key=lambda item: (item[1][0], item[0]))),
        centrality={n: centrality[n] for n in ordered},
        degree={n: degree[n] for n in ordered},
        positions=_layout(ordered, edges),
        total_nodes=len(nodes),
    )
