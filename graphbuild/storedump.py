"""Exports of the whole store streamed to files, deterministic, holding at most one graph in memory.

Reading an on-disk Oxigraph store costs about 10 µs a quad (each term is looked up in RocksDB),
so the store is read once, by Oxigraph, into a plain TriG file of N-Triples lines per graph, in
graph order with each graph's lines sorted. The graphs a build has just loaded are not read back:
it kept their text (`graphbuild.graphtext.GraphLines`) and it is copied. TriG and N-Quads are that file
re-serialized; the union of the graphs (Turtle, N-Triples, JSON-LD) comes from its lines,
ordered and deduplicated as byte strings by an external merge sort, in bounded memory.
"""

from __future__ import annotations

import heapq
import io
import shutil
import tempfile
from collections.abc import Mapping
from contextlib import ExitStack
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from graphbuild.graphtext import GraphLines
from graphbuild.query import prefixes

QUAD_FORMATS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
TRIPLE_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
EXPORT_FORMATS = ("ttl", "trig", "nt", "nq", "jsonld")
CHUNK_LINES = 200_000
COPY_BUFFER = 1 << 22
# rdf:type as a predicate is swapped for a byte sorting before every term while sorting,
# so each subject's triples start with its types, as people read Turtle.
_TYPE = b" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
_TYPE_KEY = b" \x01 "
_TRIPLE_START = b"<_"  # the first byte of an N-Triples line (an IRI or a blank node), not of `GRAPH` or `}`


def _sorted_prefixes() -> dict[str, str]:
    return dict(sorted(prefixes().items()))


def write_exports(store: ox.Store, targets: Mapping[str, Path], known: GraphLines | None = None) -> int | None:
    """Write the store as each format (key) to its path; return the number of distinct triples
    when a triple format was asked for, else None.

    trig and nq keep the graphs, in the order of their names, each graph's triples in the order
    of their N-Triples lines: the same bytes for the same content, whatever order it was loaded
    in. The graphs in `known` are copied from it rather than read from the store. ttl, nt and jsonld
    hold the union of the graphs as triples, sorted as N-Triples lines with each subject's
    rdf:type first. Turtle and TriG declare the project's prefixes.
    """
    unknown = sorted(set(targets) - set(EXPORT_FORMATS))
    if unknown:
        raise ValueError(f"unknown export format {unknown[0]!r}: expected one of {', '.join(EXPORT_FORMATS)}")
    if not targets:
        return None
    with tempfile.TemporaryDirectory(prefix=".graphbuild-export-", dir=next(iter(targets.values())).parent) as work:
        graphs = Path(work) / "graphs.trig"
        dump_graphs(store, graphs, known)
        for fmt in QUAD_FORMATS.keys() & targets.keys():
            quads = ox.parse(path=str(graphs), format=ox.RdfFormat.TRIG)
            ox.serialize(quads, str(targets[fmt]), QUAD_FORMATS[fmt], prefixes=_sorted_prefixes())
        triple_targets = {fmt: path for fmt, path in targets.items() if fmt in TRIPLE_FORMATS}
        if not triple_targets:
            return None
        union = Path(work) / "union.nt"
        count = sorted_union(graphs, Path(work), union)
        for fmt, path in triple_targets.items():
            if fmt == "nt":
                shutil.copyfile(union, path)
                continue
            written = Path(work) / f"union.{fmt}"
            triples = ox.parse(path=str(union), format=ox.RdfFormat.N_TRIPLES)
            ox.serialize(triples, str(written), TRIPLE_FORMATS[fmt], prefixes=_sorted_prefixes())
            if fmt == "ttl":
                _sort_prefix_block(written, path)
            else:
                shutil.move(written, path)
    return count


def dump_graphs(store: ox.Store, out: Path, known: GraphLines | None = None) -> None:
    """The whole store in one pass as plain TriG: the default graph's N-Triples lines, then each
    named graph's inside `GRAPH <name> { }`, lines that are N-Triples and nothing else, sorted;
    a graph of `known` is copied from its file."""
    with out.open("wb") as fh, ExitStack() as stack:
        kept = stack.enter_context(known.path.open("rb")) if known is not None and known.spans else None
        fh.writelines(_sorted_dump(store, ox.DefaultGraph()))
        for graph in sorted(store.named_graphs(), key=str):
            fh.write(f"GRAPH {graph} {{\n".encode())
            span = known.spans.get(graph.value) if kept is not None and isinstance(graph, ox.NamedNode) else None
            if span is None:
                fh.writelines(_sorted_dump(store, graph))
            else:
                kept.seek(span[0])
                fh.write(kept.read(span[1]))
            fh.write(b"}\n")


def _sorted_dump(store: ox.Store, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> list[bytes]:
    """One graph's N-Triples lines as Oxigraph writes them, sorted."""
    buffer = io.BytesIO()
    store.dump(buffer, ox.RdfFormat.N_TRIPLES, from_graph=graph)
    return sorted(buffer.getvalue().splitlines(keepends=True))


def _sort_prefix_block(turtle: Path, out: Path) -> None:
    """Copy `turtle` to `out` with its @prefix lines sorted (Oxigraph writes them in its own order)."""
    with turtle.open("rb") as src, out.open("wb") as dst:
        header = []
        line = src.readline()
        while line.startswith(b"@prefix "):
            header.append(line)
            line = src.readline()
        dst.writelines(sorted(header))
        dst.write(line)
        shutil.copyfileobj(src, dst, COPY_BUFFER)


def sorted_union(graphs: Path, work: Path, out: Path, chunk_lines: int = CHUNK_LINES) -> int:
    """Write the distinct triples of `graphs` (written by `dump_graphs`) to `out` as sorted
    N-Triples; return how many.

    Runs of `chunk_lines` lines are sorted in memory and spilled to `work`, then merged, so
    memory stays bounded whatever the store's size.
    """
    runs = []
    with graphs.open("rb") as fh:
        while lines := list(islice(fh, chunk_lines)):
            run = work / f"run-{len(runs)}.nt"
            triples = {line.replace(_TYPE, _TYPE_KEY, 1) for line in lines if line[0] in _TRIPLE_START}
            run.write_bytes(b"".join(sorted(triples)))
            runs.append(run)
    count = 0
    with ExitStack() as stack, out.open("wb") as fh:
        previous = b""
        for line in heapq.merge(*(stack.enter_context(run.open("rb")) for run in runs)):
            if line != previous:
                fh.write(line.replace(_TYPE_KEY, _TYPE, 1))
                count += 1
                previous = line
    return count
