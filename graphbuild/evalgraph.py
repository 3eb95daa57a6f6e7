"""The facts a built graph offers the scorer, read with SPARQL on pyoxigraph.

Graph files are loaded into one in-memory store and queried as the union of all their
graphs, so Turtle files and the named graphs of TriG files count alike. Class membership
follows rdfs:subClassOf and owl:equivalentClass as far as the graph itself declares them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from types import MappingProxyType

import pyoxigraph as ox
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from graphbuild.evalgold import LINKS, SPEECH_ACTS, normalize_name
from graphbuild.vocab import GB, SCHEMA

__all__ = ["ENTITY_TYPES", "EVENT_TYPES", "GraphFacts", "Provenance", "Triple", "load_store", "read_facts"]

ENTITY_TYPES = ("Person", "Organization", "Country", "Place")
EVENT_TYPES = ("Event", "Deployment", "Withdrawal", "Attack", "MilitaryAid", "Cooperation", "Meeting", "Sanction")
RDF_FORMATS = MappingProxyType({
    ".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3,
})
# Besides rdfs:label and skos:altLabel, the usual naming properties of other vocabularies.
_NAME_PROPERTIES = ("rdfs:label", "skos:altLabel", "skos:prefLabel", "schema:name", "<http://schema.org/name>",
                    "<http://xmlns.com/foaf/0.1/name>")
_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in (
    ("gb", GB._NS), ("rdf", RDF), ("rdfs", RDFS), ("owl", OWL), ("skos", SKOS), ("prov", PROV), ("schema", SCHEMA)))
# A figure is a whole number: xsd:decimal, xsd:float and xsd:double values are not counted.
_INTEGER = re.compile(r"-?[0-9]+")
_NOT_WHOLE = tuple(f"http://www.w3.org/2001/XMLSchema#{name}" for name in ("decimal", "float", "double"))

Node = ox.NamedNode | ox.BlankNode | ox.Literal
Triple = tuple[Node, str, Node]
"""Subject, the local name of a gb: relation, object."""


@dataclass(frozen=True)
class Provenance:
    """One assertion backing a triple: its evidence, sentence offsets and source file names."""

    evidence: str
    start: int | None
    end: int | None
    files: frozenset[str]


@dataclass(frozen=True)
class GraphFacts:
    """The parts of a graph the scores look at, keyed by pyoxigraph terms."""

    labels: dict[Node, frozenset[str]]
    classes: dict[Node, frozenset[str]]
    agents: dict[Node, frozenset[Node]]
    relations: tuple[Triple, ...]
    sources: dict[Triple, frozenset[str]]
    provenance: dict[Triple, tuple[Provenance, ...]]
    quantities: tuple[tuple[Node, int], ...]
    triple_count: int

    def instances(self, types: Iterable[str]) -> list[Node]:
        """Nodes of any of `types` (local names), in a stable order."""
        wanted = set(types)
        return sorted((node for node, classes in self.classes.items() if classes & wanted), key=str)


def _rdf_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in RDF_FORMATS and p.is_file())
        else:
            yield path


def load_store(paths: Iterable[Path]) -> ox.Store:
    """Load graph files (or folders of them) into one store; ValueError naming a file that cannot be read."""
    store = ox.Store()
    for path in _rdf_files(paths):
        rdf_format = RDF_FORMATS.get(path.suffix.lower())
        if rdf_format is None:
            raise ValueError(f"{path}: unknown RDF file type (expected one of {', '.join(RDF_FORMATS)})")
        try:
            store.extend(ox.parse(path=path, format=rdf_format, base_iri=path.resolve().as_uri(),
                                  rename_blank_nodes=True))
        except (SyntaxError, OSError, ValueError) as exc:
            message = str(exc).strip().splitlines()
            raise ValueError(f"{path}: cannot read {rdf_format.name}: {message[0] if message else exc}") from exc
    return store


def _select(store: ox.Store, query: str) -> Iterator[ox.QuerySolution]:
    yield from store.query(_PREFIXES + query, use_default_graph_as_union=True)


def _values(prefix: str, names: Iterable[str]) -> str:
    return " ".join(f"{prefix}:{name}" for name in names)


def _local(term: ox.NamedNode) -> str:
    """The local name of a gb: term (gb:denies -> "denies")."""
    return term.value.removeprefix(str(GB._NS))


def _integer(term: Node) -> int | None:
    """The value of a whole-number literal, else None."""
    if not isinstance(term, ox.Literal) or term.datatype.value in _NOT_WHOLE:
        return None
    return int(term.value) if _INTEGER.fullmatch(term.value) else None


def _grouped(rows: Iterable[tuple], normalize: Callable | None = None) -> dict:
    """Pairs (key, value) as a dict of key -> frozenset of (normalized) values."""
    out: dict = defaultdict(set)
    for key, value in rows:
        out[key].add(normalize(value) if normalize else value)
    return {key: frozenset(values) for key, values in out.items()}


def _labels(store: ox.Store) -> dict[Node, frozenset[str]]:
    rows = _select(store, f"""SELECT DISTINCT ?node ?name WHERE {{
        VALUES ?property {{ {' '.join(_NAME_PROPERTIES)} }} ?node ?property ?name FILTER(isLiteral(?name)) }}""")
    return _grouped(((row["node"], row["name"].value) for row in rows), normalize_name)


def _classes(store: ox.Store) -> dict[Node, frozenset[str]]:
    rows = _select(store, f"""SELECT DISTINCT ?node ?class WHERE {{
        VALUES ?class {{ {_values("gb", ENTITY_TYPES + EVENT_TYPES)} }}
        ?node rdf:type/(rdfs:subClassOf|owl:equivalentClass|^owl:equivalentClass)* ?class }}""")
    return _grouped((row["node"], _local(row["class"])) for row in rows)


def _relations(store: ox.Store) -> tuple[Triple, ...]:
    rows = _select(store, f"""SELECT DISTINCT ?s ?p ?o WHERE {{
        VALUES ?p {{ {_values("gb", SPEECH_ACTS + LINKS)} }} ?s ?p ?o }}""")
    triples = {(row["s"], _local(row["p"]), row["o"]) for row in rows}
    return tuple(sorted(triples, key=lambda t: (t[1], str(t[0]), str(t[2]))))


def _sources(store: ox.Store) -> dict[Triple, frozenset[str]]:
    rows = _select(store, """SELECT DISTINCT ?s ?p ?o ?file WHERE {
        ?a rdf:type gb:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
           prov:wasDerivedFrom/gb:sourceFile ?file . FILTER(STRSTARTS(STR(?p), STR(gb:))) }""")
    return _grouped(((row["s"], _local(row["p"]), row["o"]),
                     PurePath(row["file"].value).name) for row in rows)


def _first(values: set):
    """The smallest of several values where one was expected, so the choice is stable."""
    return min(values) if values else None


def _provenance(store: ox.Store) -> dict[Triple, tuple[Provenance, ...]]:
    """Assertions (of any class) with a source document and evidence, by the triple they record."""
    rows = _select(store, f"""SELECT ?a ?s ?p ?o ?evidence ?start ?end ?file WHERE {{
        VALUES ?p {{ {_values("gb", SPEECH_ACTS)} }}
        ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?doc ; gb:evidence ?evidence .
        OPTIONAL {{ ?a gb:charStart ?start }} OPTIONAL {{ ?a gb:charEnd ?end }}
        OPTIONAL {{ ?doc gb:sourceFile ?file }} }}""")
    parts: dict = defaultdict(lambda: defaultdict(set))
    for row in rows:
        fields = parts[(row["s"], _local(row["p"]), row["o"]), row["a"]]
        fields["evidence"].add(row["evidence"].value)
        for name in ("start", "end"):
            if row[name] is not None:
                fields[name].add(_integer(row[name]))
        if row["file"] is not None:
            fields["file"].add(PurePath(row["file"].value).name)
    out: dict = defaultdict(list)
    for (triple, _), fields in sorted(parts.items(), key=lambda item: str(item[0][1])):
        offsets = [_first(fields[name] - {None}) for name in ("start", "end")]
        out[triple].append(Provenance(_first(fields["evidence"]), *offsets, frozenset(fields["file"])))
    return {triple: tuple(records) for triple, records in out.items()}


def read_facts(store: ox.Store) -> GraphFacts:
    """Everything the scorer needs from the store, in a handful of queries."""
    agents = _select(store, "SELECT DISTINCT ?event ?agent WHERE { ?event gb:agent ?agent }")
    figures = _select(store, "SELECT DISTINCT ?event ?figure WHERE { ?event gb:quantity ?figure }")
    count = _select(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    return GraphFacts(
        labels=_labels(store),
        classes=_classes(store),
        agents=_grouped((row["event"], row["agent"]) for row in agents),
        relations=_relations(store),
        sources=_sources(store),
        provenance=_provenance(store),
        quantities=tuple(sorted(((row["event"], value) for row in figures
                                 if (value := _integer(row["figure"])) is not None), key=lambda q: (str(q[0]), q[1]))),
        triple_count=int(next(count)["n"].value),
    )
