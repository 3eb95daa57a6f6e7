"""The persistent graph store: one Oxigraph database, one named graph per document.

Building again replaces a document's graph only when its content changed: a SHA-256 of
each graph's sorted N-Triples is kept in a sidecar file (`graphbuild-store.json`, inside
the store folder), so unchanged documents are skipped without reading the store. The
sidecar is a cache: when it is missing, damaged or names other graphs than the store
holds, it is recomputed from the store's content, so an interrupted build heals itself
on the next run. (Blank nodes would get fresh labels in the store and never compare
equal; the builder emits none.)

Entities are shared nodes, the same IRI in every graph that mentions them, so they are
one node in the union of the graphs that queries see as their default graph. Oxigraph's
union is a bag, though: a triple two documents share matches once per document, so
count with DISTINCT. Removing a document removes exactly what its own graph held.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from graphbuild.graphtext import GraphLines, GraphText, as_trig, digest, graph_text
from graphbuild.outputs import atomic_write
from graphbuild.query import ox_term, prefixes
from graphbuild.rdfmap import document_iri
from graphbuild.storedump import write_exports
from graphbuild.vocab import GB, GBR

INDEX_FILE = "graphbuild-store.json"
BULK_THRESHOLD = 100_000
_DOC_PREFIX = str(GBR["doc-"])
_LOCKED_MARKERS = ("lock hold by", "While lock file", "No locks available", "Resource temporarily unavailable")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | rdflib.term.Identifier
QuadLike = ox.Quad | tuple[Term, Term, Term, Term]


class StoreError(RuntimeError):
    """A store that cannot be opened or asked for what it does not hold; the message is one line."""


@dataclass(frozen=True)
class ReplaceReport:
    """What `GraphStore.replace_documents` did, by document id."""

    added: tuple[str, ...]
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    quads_loaded: int
    quads_removed: int

    def __str__(self) -> str:
        return (f"{len(self.added)} documents added, {len(self.replaced)} replaced, "
                f"{len(self.unchanged)} unchanged (+{self.quads_loaded} / -{self.quads_removed} quads)")


def _group(quads: Iterable[QuadLike]) -> dict[str, set[str]]:
    """Graph IRI → the graph's distinct triples as N-Triples lines (without the final ' .')."""
    graphs: dict[str, set[str]] = {}
    for quad in quads:
        s, p, o, g = (quad.subject, quad.predicate, quad.object, quad.graph_name) if isinstance(
            quad, ox.Quad) else quad
        graph = ox_term(g) if g is not None else None
        if not isinstance(graph, ox.NamedNode):
            raise ValueError(f"every quad needs a named graph (an IRI), got {g!r}")
        graphs.setdefault(graph.value, set()).add(str(ox.Triple(ox_term(s), ox_term(p), ox_term(o))))
    return graphs


def doc_id(graph_iri: str) -> str:
    """The id of a document graph as `document_ids` lists it: the IRI's local part after `doc-`."""
    return graph_iri[len(_DOC_PREFIX):] if graph_iri.startswith(_DOC_PREFIX) else graph_iri


def _curie(iri: str) -> str:
    """`iri` as a prefixed name with the project's prefixes where one fits, else `<iri>`."""
    for prefix, namespace in sorted(prefixes().items(), key=lambda pair: -len(pair[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


class GraphStore:
    """An Oxigraph store on disk holding one named graph per document.

    Open it with `with GraphStore(path) as store:`. The folder is created when missing.
    A read-write store is locked while open: a second writer (another build, or a server
    started with --allow-update) gets a StoreError. `read_only=True` opens a snapshot of
    the store as it is at opening time, takes no lock, and refuses writes.
    """

    def __init__(self, path: Path | str, *, read_only: bool = False, bulk_threshold: int = BULK_THRESHOLD) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.bulk_threshold = bulk_threshold
        self._store: ox.Store | None = self._open()

    def _open(self) -> ox.Store:
        where = str(self.path)
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"cannot open store {where}: it is a file, not a folder")
        is_store = (self.path / "CURRENT").is_file()
        if self.read_only and not is_store:
            raise StoreError(f"no store at {where}: build one first (graphbuild build --store {where})")
        if self.path.is_dir() and not is_store and any(self.path.iterdir()):
            raise StoreError(f"cannot open store {where}: the folder is not empty and holds no store")
        try:
            if self.read_only:
                return ox.Store.read_only(where)
            self.path.mkdir(parents=True, exist_ok=True)
            return ox.Store(where)
        except (OSError, RuntimeError) as err:
            reason = " ".join(str(err).split())
            if any(marker in reason for marker in _LOCKED_MARKERS):
                raise StoreError(f"store {where} is locked by another process (a build or a server "
                                 f"started with --allow-update); stop it and retry") from err
            raise StoreError(f"cannot open store {where}: {reason}") from err

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store (and its lock); the object is unusable afterwards."""
        if self._store is not None and not self.read_only:
            self._store.flush()
        self._store = None

    @property
    def store(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        if self._store is None:
            raise StoreError(f"store {self.path} is closed")
        return self._store

    def _writable(self) -> ox.Store:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        return self.store

    # The sidecar index: graph IRI → {"sha256": ..., "quads": ...}

    def _index(self) -> dict[str, dict[str, str | int]]:
        graphs = {graph.value for graph in self.store.named_graphs() if isinstance(graph, ox.NamedNode)}
        try:
            index = json.loads((self.path / INDEX_FILE).read_text(encoding="utf-8"))["graphs"]
        except (OSError, ValueError, KeyError, TypeError):
            index = None
        if not isinstance(index, dict) or set(index) != graphs:
            index = {iri: self._entry(iri) for iri in sorted(graphs)}
            self._save_index(index)
        return index

    def _entry(self, iri: str) -> dict[str, str | int]:
        lines = {str(ox.Triple(q.subject, q.predicate, q.object))
                 for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(iri))}
        return {"sha256": digest(sorted(lines)), "quads": len(lines)}

    def _save_index(self, index: dict[str, dict[str, str | int]]) -> None:
        text = json.dumps({"version": 1, "graphs": index}, indent=1, sort_keys=True, ensure_ascii=False)
        atomic_write(self.path / INDEX_FILE, text + "\n")

    # Writing

    def replace_documents(self, quads: Iterable[QuadLike]) -> ReplaceReport:
        """Make each graph named among `quads` hold exactly its quads; leave every other graph alone.

        Unchanged graphs are skipped. Changes below `bulk_threshold` quads are applied in
        one transaction (a SPARQL update dropping and inserting the graphs); larger ones
        drop the graphs, then bulk-load, which is not atomic but is redone on the next run
        if interrupted, since the sidecar entries of the changed graphs are cleared first.
        """
        return self.replace_graphs(_group(quads))

    def replace_graphs(self, incoming: Mapping[str, Collection[str]]) -> ReplaceReport:
        """`replace_documents` for quads already grouped: graph IRI → the graph's distinct triples as
        N-Triples lines without the final ' .', exactly as `str(pyoxigraph.Triple)` writes them."""
        return self.load_texts({iri: graph_text(lines) for iri, lines in incoming.items()})

    def load_texts(self, texts: Mapping[str, GraphText]) -> ReplaceReport:
        """`replace_graphs` for graphs already made into text (`graphbuild.graphtext`): a build
        makes the next batch's while Oxigraph loads this one."""
        store = self._writable()
        index = self._index()
        changed = sorted(iri for iri, graph in texts.items() if index.get(iri, {}).get("sha256") != graph.sha256)
        replaced = [iri for iri in changed if iri in index]
        removed = sum(int(index[iri]["quads"]) for iri in replaced)
        loaded = sum(texts[iri].triples for iri in changed)
        if changed:
            if replaced:
                for iri in replaced:
                    del index[iri]
                self._save_index(index)
            drops = " ; ".join(f"DROP SILENT GRAPH <{iri}>" for iri in replaced)
            if loaded < self.bulk_threshold:
                inserts = " ".join(f"GRAPH <{iri}> {{\n{texts[iri].text}}}" for iri in changed)
                store.update(f"{drops} ; INSERT DATA {{ {inserts} }}" if drops else f"INSERT DATA {{ {inserts} }}")
            else:
                if drops:
                    store.update(drops)
                # The lines are pyoxigraph's own writing of terms it validated: not checked again.
                store.bulk_load(as_trig({iri: texts[iri] for iri in changed}), format=ox.RdfFormat.TRIG, lenient=True)
            index.update({iri: {"sha256": texts[iri].sha256, "quads": texts[iri].triples} for iri in changed})
            self._save_index(index)
        unchanged = sorted(set(texts) - set(changed))
        return ReplaceReport(
            added=tuple(doc_id(iri) for iri in changed if iri not in replaced),
            replaced=tuple(doc_id(iri) for iri in replaced),
            unchanged=tuple(doc_id(iri) for iri in unchanged),
            quads_loaded=loaded,
            quads_removed=removed,
        )

    def replace_graph(self, graph: str, triples: Iterable[tuple[object, object, object]]) -> None:
        """Make the named graph `graph` hold exactly `triples`; with none it is dropped, where
        `replace_documents` would leave alone a graph no quad names."""
        quads = [(s, p, o, ox.NamedNode(graph)) for s, p, o in triples]
        if quads:
            self.replace_documents(quads)
        elif graph in self._index():
            self.remove_document(graph)

    def remove_document(self, doc: str) -> int:
        """Drop the graph of `doc` (a document id, a source file name or a document IRI).

        A source file that held several documents (a JSONL file) removes all of them.
        Returns the number of quads removed.
        """
        store = self._writable()
        index = self._index()
        graphs = self._graphs_of(doc, index)
        if not graphs:
            raise StoreError(f"no document {doc!r} in store {self.path} (give a document id, a source file "
                             f"name or a document IRI; `graphbuild stats` lists the documents)")
        removed = sum(int(index[iri]["quads"]) for iri in graphs)
        for iri in graphs:
            del index[iri]
        self._save_index(index)
        store.update(" ; ".join(f"DROP GRAPH <{iri}>" for iri in graphs))
        return removed

    def _graphs_of(self, doc: str, index: dict[str, dict[str, str | int]]) -> list[str]:
        """The graphs `doc` names: as an IRI, as a document id, or through gb:sourceFile."""
        for iri in (doc, str(document_iri(doc))):
            if iri in index:
                return [iri]
        found = self.store.quads_for_pattern(None, ox.NamedNode(str(GB.sourceFile)), ox.Literal(doc), None)
        return sorted({q.graph_name.value for q in found} & set(index))

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update; the sidecar is dropped, so the next build rehashes every graph."""
        store = self._writable()
        (self.path / INDEX_FILE).unlink(missing_ok=True)
        store.update(sparql, prefixes=prefixes())

    # Reading

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query over the union of the document graphs, with the project's prefixes declared.

        The union is a bag: a triple two documents share matches once per document, so
        count with DISTINCT. Raises SyntaxError for a malformed query.
        """
        return self.store.query(sparql, prefixes=prefixes(), use_default_graph_as_union=True)

    def document_ids(self) -> list[str]:
        """The ids of the stored documents, sorted; `document_iri(id)` names each one's graph."""
        return sorted(doc_id(graph.value) for graph in self.store.named_graphs() if isinstance(graph, ox.NamedNode))

    def quad_count(self) -> int:
        """How many quads the store holds (a triple in two document graphs counts twice)."""
        return len(self.store)

    def _count_rows(self, sparql: str) -> dict[str, int]:
        rows = ((_curie(s[0].value), int(s[1].value)) for s in self.query(sparql))
        return dict(sorted(rows, key=lambda row: (-row[1], row[0])))

    def stats(self) -> dict[str, int | dict[str, int]]:
        """Counts over the union: documents, quads, distinct triples, instances by class, triples by predicate."""
        distinct = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"
        triples = next(iter(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {distinct} }}")))
        return {
            "documents": len(list(self.store.named_graphs())),
            "quads": self.quad_count(),
            "triples": int(triples["n"].value),
            "classes": self._count_rows("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"),
            "predicates": self._count_rows(f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {distinct} }} GROUP BY ?p"),
        }

    def export(self, targets: Mapping[str, Path], known: GraphLines | None = None) -> int | None:
        """Write the store as each format (ttl, trig, nt, nq, jsonld) to its path, streaming;
        the number of distinct triples when a triple format is among them (see graphbuild.storedump).
        `known` holds the lines of graphs just loaded, which are copied rather than read back.
        """
        return write_exports(self.store, targets, known)

    def snapshot(self, target: Path) -> None:
        """Copy the store as it is now to the new folder `target`, by hard links where it can: a
        snapshot other processes can read while this one writes."""
        self._writable().flush()
        self.store.backup(str(target))


def export_store(store_path: Path, targets: Mapping[str, Path], known: GraphLines | None = None) -> int | None:
    """`GraphStore.export` of the store at `store_path`, opened read-only: a function of paths, so
    that a build can run it in another process on a snapshot of its store."""
    with GraphStore(store_path, read_only=True) as store:
        return store.export(targets, known)
