"""The build: documents -> facts -> resolved entities -> RDF, and the files written from it.

Extraction is a pure function of one document, so documents can be extracted in parallel
processes; resolution needs the whole corpus and runs once after. Every output is rendered
to a string first and written atomically, so an interrupted build leaves the previous files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from graphbuild.extractors import extract
from graphbuild.loaders import Skipped, read_inputs
from graphbuild.model import Document, DocumentFacts
from graphbuild.rdfmap import Quad, corpus_quads, union_graph
from graphbuild.resolve import resolve

CHUNKSIZE = 8


@dataclass
class BuildResult:
    """What a build read, skipped and produced."""

    quads: list[Quad]
    graph: Graph
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    facts: list[DocumentFacts] = field(default_factory=list)


def extract_all(documents: Sequence[Document], jobs: int = 1,
                progress: Callable[[int], None] | None = None) -> list[DocumentFacts]:
    """Extract every document, in input order, with `jobs` worker processes."""
    if jobs <= 1 or len(documents) < 2:
        out = []
        for doc in documents:
            out.append(extract(doc))
            if progress:
                progress(1)
        return out
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        out = []
        for facts in pool.map(extract, documents, chunksize=CHUNKSIZE):
            out.append(facts)
            if progress:
                progress(1)
        return out


def build_graph(inputs: Iterable[Path], jobs: int = 1,
                progress: Callable[[int], None] | None = None) -> BuildResult:
    """Read the inputs and build the knowledge graph of every readable document."""
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for item in read_inputs(list(inputs)):
        (skipped if isinstance(item, Skipped) else documents).append(item)
    documents.sort(key=lambda d: (d.doc_id, d.source_file))
    facts = extract_all(documents, jobs=jobs, progress=progress)
    resolution = resolve(facts)
    quads = list(corpus_quads(facts, resolution))
    return BuildResult(quads=quads, graph=union_graph(quads), documents=documents, skipped=skipped, facts=facts)
