"""The RDF graph read into plain tables by the named queries in graphbuild/queries.

graphbuild.networks turns the tables into NetworkX graphs; analysis and exports use both.

The queries run on pyoxigraph: rdflib's engine spends about 30 µs per result row, so the
joins below would take tens of seconds on a million triples. Grouping happens here, in
Python, so nothing pairs rows quadratically inside SPARQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pyoxigraph as ox
import rdflib

from graphbuild.model import ENTITY_TYPES, EVENT_TYPES
from graphbuild.query import to_store

Source = rdflib.Graph | ox.Store
ACTOR_CLASSES = ("Person", "Organization", "Country")
EVENT_CLASSES = (*EVENT_TYPES, "Event")
LABEL_LANGS = ("id", "", "en")


@dataclass(frozen=True)
class Node:
    """An entity (actor or place) with its most specific class and one readable label."""

    iri: str
    cls: str
    label: str


@dataclass(frozen=True)
class Event:
    """One per-claim event node: its class, who does it, to whom, and the figure given."""

    iri: str
    cls: str
    label: str
    agents: tuple[str, ...]
    targets: tuple[str, ...]
    quantity: int | None
    qualifier: str | None
    unit: str | None


@dataclass(frozen=True)
class Statement:
    """A direct triple, once per non-negated assertion behind it (or once bare, without one).

    `assertion`, `document` and `evidence` are empty when no assertion records the triple.
    """

    subject: str
    predicate: str
    obj: str
    assertion: str
    document: str
    evidence: str
    hedged: bool


@dataclass(frozen=True)
class Tables:
    """Everything analysis and exports need from the graph, as plain values."""

    triples: int
    entities: dict[str, Node]
    events: dict[str, Event]
    documents: dict[str, str]
    statements: tuple[Statement, ...]
    assertion_flags: tuple[tuple[str, bool, bool], ...]
    same_event: tuple[tuple[str, str], ...]

    def is_actor(self, iri: str) -> bool:
        node = self.entities.get(iri)
        return node is not None and node.cls in ACTOR_CLASSES

    def label(self, iri: str) -> str:
        """The readable name of an entity or event; the IRI's last segment when it has none."""
        node = self.entities.get(iri) or self.events.get(iri)
        return node.label if node is not None else local_name(iri)


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def load_query(name: str) -> str:
    """The text of the packaged query graphbuild/queries/`name`.rq."""
    return resources.files("graphbuild").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


def run_query(store: ox.Store, name: str) -> Iterator[dict[str, Any]]:
    """Rows of a packaged query as dicts of plain values (IRIs as strings, literals typed), made
    one at a time so that a reader grouping them never holds them all."""
    solutions = store.query(load_query(name), use_default_graph_as_union=True)
    names = [variable.value for variable in solutions.variables]
    return ({key: _plain(solution[key]) for key in names} for solution in solutions)


def _plain(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | int | bool | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = local_name(term.datatype.value)
        if datatype == "boolean":
            return term.value in ("true", "1")
        if datatype in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
            return int(term.value)
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _pick_label(labels: set[tuple[str, str]], iri: str) -> str:
    """Indonesian label first, then untagged, then English, then any; else the IRI's name."""
    for lang in LABEL_LANGS:
        tagged = sorted(text for text, tag in labels if tag == lang)
        if tagged:
            return tagged[0]
    return min((text for text, _ in labels), default=local_name(iri))


def _first(classes: set[str], order: tuple[str, ...]) -> str:
    return next(cls for cls in order if cls in classes)


def read_tables(source: Source, triples: int | None = None) -> Tables:
    """Run the named queries once and group their rows into tables.

    `triples` is the number of distinct triples when the caller counts them another way (a
    build does, while exporting), which spares a query that hashes every triple of the graph.
    """
    store = to_store(source)
    if triples is None:
        triples = _count_triples(source, store)
    documents: dict[str, str] = {}
    for row in run_query(store, "documents"):
        name = row["file"] or local_name(row["document"])
        documents[row["document"]] = min(name, documents.get(row["document"], name))
    statements, flags = _statements(run_query(store, "relations"), run_query(store, "assertions"), documents)
    same = {tuple(sorted((row["event"], row["other"]))) for row in run_query(store, "same-event")}
    return Tables(
        triples=triples,
        entities=_entities(run_query(store, "entities")),
        events=_events(run_query(store, "events")),
        documents=dict(sorted(documents.items())),
        statements=statements,
        assertion_flags=flags,
        same_event=tuple(sorted(pair for pair in same if pair[0] != pair[1])),
    )


def _count_triples(source: Source, store: ox.Store) -> int:
    if isinstance(source, rdflib.Dataset) or not isinstance(source, rdflib.Graph):
        (row,) = run_query(store, "triple-count")
        return int(row["triples"])
    return len(source)


def _entities(rows: Iterable[dict[str, Any]]) -> dict[str, Node]:
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        classes[row["entity"]].add(row["class"])
        if row["label"] is not None:
            labels[row["entity"]].add((row["label"], row["lang"] or ""))
    return {iri: Node(iri, _first(classes[iri], ENTITY_TYPES), _pick_label(labels[iri], iri))
            for iri in sorted(classes)}


def _events(rows: Iterable[dict[str, Any]]) -> dict[str, Event]:
    facts: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        bucket = facts[row["event"]]
        bucket["class"].add(row["class"])
        if row["label"] is not None:
            bucket["label"].add((row["label"], row["lang"] or ""))
        for key in ("agent", "target", "quantity", "qualifier", "unit"):
            if row[key] is not None:
                bucket[key].add(row[key])
    events = {}
    for iri in sorted(facts):
        bucket = facts[iri]
        events[iri] = Event(
            iri, _first(bucket["class"], EVENT_CLASSES), _pick_label(bucket["label"], iri),
            tuple(sorted(bucket["agent"])), tuple(sorted(bucket["target"])),
            min(bucket["quantity"], default=None), min(bucket["qualifier"], default=None),
            min(bucket["unit"], default=None))
    return events


Flags = tuple[tuple[str, bool, bool], ...]


def _statements(relations: Iterable[dict[str, Any]], assertions: Iterable[dict[str, Any]],
                documents: dict[str, str]) -> tuple[tuple[Statement, ...], Flags]:
    """Direct triples joined to the non-negated assertions that record them, and every
    assertion's (iri, negated, hedged). Negated assertions have no direct triple: they are only counted.
    """
    by_triple: dict[tuple[str, str, str], list[Statement]] = defaultdict(list)
    flags: dict[str, tuple[str, bool, bool]] = {}
    for row in sorted(assertions, key=lambda r: (r["assertion"], r["document"] or "", r["evidence"] or "")):
        if row["assertion"] in flags:
            continue
        negated, hedged = row["negated"] is True, row["hedged"] is True
        flags[row["assertion"]] = (row["assertion"], negated, hedged)
        if not negated:
            document = documents.get(row["document"]) or local_name(row["document"] or "")
            by_triple[(row["subject"], row["predicate"], row["object"])].append(Statement(
                row["subject"], row["predicate"], row["object"], row["assertion"], document,
                row["evidence"] or "", hedged))
    statements: list[Statement] = []
    for row in sorted(relations, key=lambda r: (r["subject"], r["predicate"], r["object"])):
        triple = (row["subject"], row["predicate"], row["object"])
        statements.extend(by_triple.get(triple) or [Statement(*triple, "", "", "", False)])
    return tuple(statements), tuple(flags.values())
