"""A named graph as N-Triples text: the form in which a build loads a graph, keeps it and exports it.

A graph's text is its distinct triples as N-Triples lines, sorted, each ending in ' .': one
string that Oxigraph bulk-loads (inside `GRAPH <name> { }`, as TriG), that the store's sidecar
digests, and that an export copies instead of reading the graph back from the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class GraphText:
    """One graph ready to load: its text, how many triples it holds, and its digest."""

    text: str
    triples: int
    sha256: str


def graph_text(lines: Collection[str]) -> GraphText:
    """The text of a graph given its distinct triples as N-Triples lines without the final ' .',
    as `str(pyoxigraph.Triple)` writes them."""
    ordered = sorted(lines)
    return GraphText("".join(f"{line} .\n" for line in ordered), len(ordered), digest(ordered))


def digest(ordered: list[str]) -> str:
    """The SHA-256 the store's sidecar keeps of a graph: of its lines (without ' .'), sorted."""
    return hashlib.sha256("\n".join(ordered).encode("utf-8")).hexdigest()


def as_trig(texts: Mapping[str, GraphText]) -> bytes:
    """Graphs (IRI → text) as one TriG document, for a bulk load."""
    return "".join(f"GRAPH <{iri}> {{\n{graph.text}}}\n" for iri, graph in texts.items()).encode("utf-8")


@dataclass
class GraphLines:
    """The texts of the graphs a build loads into the store, kept in one file so that its export
    copies them instead of reading them back (Oxigraph decodes about 10 µs a quad)."""

    path: Path
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    size: int = 0

    def add(self, texts: Mapping[str, GraphText]) -> None:
        """Keep each graph's text; a graph added again is replaced."""
        with self.path.open("ab") as fh:
            for iri, graph in texts.items():
                data = graph.text.encode("utf-8")
                fh.write(data)
                self.spans[iri] = (self.size, len(data))
                self.size += len(data)
