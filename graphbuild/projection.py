"""The RDF graph read into plain tables by the named queries in graphbuild/queries.

graphbuild.networks turns the tables into NetworkX graphs; analysis and exports use both.

The queries run on pyoxigraph: rdflib's engine spends about 30 µs per result row, so the
joins below would take tens of seconds on a million triples. Grouping happens here, in
Python, so nothing pairs rows quadratically inside SPARQL. The assertion records, the largest
table, are read one property at a time and joined here too (see `property_values`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from itertools import product
from typing import Any

import pyoxigraph as ox
import rdflib
from rdflib.namespace import PROV, RDF, RDFS, XSD

from graphbuild.model import ENTITY_TYPES, EVENT_TYPES
from graphbuild.query import to_store
from graphbuild.vocab import GB

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


def property_values(store: ox.Store, prop: str, subjects: Container[str] | None = None,
                    ) -> dict[str, set[ox.NamedNode | ox.BlankNode | ox.Literal]]:
    """Each subject's values of the property `prop` (an IRI) in any graph, as pyoxigraph terms;
    only those of `subjects` when given.

    Oxigraph answers a single triple pattern by walking an index, about 5 µs a row on a disk
    store, but joins by looking each row up, about 25 µs a pattern: joining the seven properties
    of 180,000 assertions in SPARQL took 33 s, reading them one at a time and joining here 9 s.
    """
    values: dict[str, set[ox.NamedNode | ox.BlankNode | ox.Literal]] = defaultdict(set)
    for solution in store.query(f"SELECT ?s ?o WHERE {{ ?s <{prop}> ?o }}", use_default_graph_as_union=True):
        subject = _plain(solution[0])
        if subjects is None or subject in subjects:
            values[subject].add(solution[1])
    return values


def instances(store: ox.Store, classes: Iterable[str]) -> dict[str, set[str]]:
    """Each node of the gb: classes named (local names) in any graph, with those of its classes,
    read one class at a time."""
    found: dict[str, set[str]] = defaultdict(set)
    for cls in classes:
        query = f"SELECT DISTINCT ?n WHERE {{ ?n a <{GB[cls]}> }}"
        for solution in store.query(query, use_default_graph_as_union=True):
            found[_plain(solution[0])].add(cls)
    return found


ASSERTION_PROPERTIES = {"subject": str(RDF.subject), "predicate": str(RDF.predicate), "object": str(RDF.object),
                        "document": str(PROV.wasDerivedFrom), "evidence": str(GB.evidence),
                        "negated": str(GB.negated), "hedged": str(GB.hedged)}
_REQUIRED = ("subject", "predicate", "object")


def assertion_rows(store: ox.Store, extra: tuple[str, ...] = (), iris_only: bool = False,
                   without: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
    """One row per gb:Assertion and combination of its values, as plain values: `assertion`, its
    subject, predicate (local name; `property` is its IRI), object, document, evidence, negated,
    hedged and the gb: properties named in `extra`, None where it has none; the properties named
    in `without` are not read. One without subject, predicate or object gives no row; with
    `iris_only`, literal subjects and objects do not count."""
    props = {name: iri for name, iri in ASSERTION_PROPERTIES.items() if name not in without or name in _REQUIRED}
    props.update({name: str(GB[name]) for name in extra})
    values = {name: property_values(store, iri) for name, iri in props.items()}
    typed = store.query(f"SELECT DISTINCT ?a WHERE {{ ?a a <{GB.Assertion}> }}", use_default_graph_as_union=True)
    for solution in typed:
        assertion = _plain(solution[0])
        found = {name: values[name].get(assertion, ()) for name in props}
        if iris_only:
            for name in ("subject", "object"):
                found[name] = [term for term in found[name] if not isinstance(term, ox.Literal)]
        if not all(found[name] for name in _REQUIRED):
            continue
        for combination in product(*([_plain(term) for term in found[name]] or [None] for name in props)):
            row = dict(zip(props, combination, strict=True))
            predicate = row["property"] = row["predicate"]
            row["predicate"] = predicate.split("#", 1)[1] if isinstance(predicate, str) and "#" in predicate else ""
            row["assertion"] = assertion
            yield row


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
    statements, flags = _statements(run_query(store, "relations"), assertion_rows(store), documents)
    same = {tuple(sorted((row["event"], row["other"]))) for row in run_query(store, "same-event")}
    return Tables(
        triples=triples,
        entities=_entities(run_query(store, "entities")),
        events=_events(store),
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


EVENT_PROPERTIES = {"label": str(RDFS.label), "agent": str(GB.agent), "target": str(GB.target),
                    "quantity": str(GB.quantity), "qualifier": str(GB.quantityQualifier), "unit": str(GB.unit)}
_INTEGER_TYPES = frozenset(f"{XSD}{name}" for name in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))


def _events(store: ox.Store) -> dict[str, Event]:
    """Every node of an event class with its class, label, agents, targets and figure, each read by
    `property_values`; a node of several classes keeps the most specific."""
    classes = instances(store, EVENT_CLASSES)
    values = {name: property_values(store, iri) for name, iri in EVENT_PROPERTIES.items()}

    def plain(name: str, iri: str) -> set[Any]:
        return {_plain(term) for term in values[name].get(iri, ())}

    events = {}
    for iri in sorted(classes):
        labels = {(term.value, term.language or "") if isinstance(term, ox.Literal) else (_plain(term), "")
                  for term in values["label"].get(iri, ())}
        quantities = {q for q in map(_integer, values["quantity"].get(iri, ())) if q is not None}
        events[iri] = Event(
            iri, _first(classes[iri], EVENT_CLASSES), _pick_label(labels, iri),
            tuple(sorted(plain("agent", iri))), tuple(sorted(plain("target", iri))),
            min(quantities, default=None), min(plain("qualifier", iri), default=None),
            min(plain("unit", iri), default=None))
    return events


def _integer(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> int | None:
    """A claimed figure as xsd:integer(?x) casts it: integers as they are, decimals and floats cut
    toward zero, booleans as 1 or 0, integer strings parsed; anything else is no figure."""
    if not isinstance(term, ox.Literal):
        return None
    datatype, text = term.datatype.value, term.value.strip()
    try:
        if datatype in _INTEGER_TYPES or datatype == f"{XSD}string":
            return int(text)
        if datatype in (f"{XSD}decimal", f"{XSD}double", f"{XSD}float"):
            return int(Decimal(text))
        if datatype == f"{XSD}boolean":
            return int(text in ("true", "1"))
    except (ValueError, ArithmeticError):
        return None
    return None


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
