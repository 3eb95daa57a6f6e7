"""Exports of the whole store streamed to files, deterministic and never held in memory.

Reading an on-disk Oxigraph store costs microseconds per quad (each term is looked up in
RocksDB), so the store is read once, by Oxigraph, into a plain TriG file of N-Triples lines
per graph. TriG and N-Quads are that file re-serialized; the union of the graphs (Turtle,
N-Triples, JSON-LD) comes from its lines, ordered and deduplicated as byte strings by an
external merge sort, in bounded memory.
"""

from __future__ import annotations

import heapq
import shutil
import tempfile
from collections.abc import Mapping
from contextlib import ExitStack
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

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


def write_exports(store: ox.Store, targets: Mapping[str, Path]) -> int | None:
    """Write the store as each format (key) to its path; return the number of distinct triples
    when a triple format was asked for, else None.

    trig and nq keep the graphs, in the order of the store's index (by graph, then subject:
    the same bytes for the same content, whatever order it was loaded in). ttl, nt and jsonld
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
        dump_graphs(store, graphs)
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


def dump_graphs(store: ox.Store, out: Path) -> None:
    """The whole store in one pass as plain TriG: the default graph's N-Triples lines, then each
    named graph's inside `GRAPH <name> { }`, lines that are N-Triples and nothing else."""
    with out.open("wb") as fh:
        store.dump(fh, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        for graph in store.named_graphs():
            fh.write(f"GRAPH {graph} {{\n".encode())
            store.dump(fh, ox.RdfFormat.N_TRIPLES, from_graph=graph)
            fh.write(b"}\n")


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
