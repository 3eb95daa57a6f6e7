"""The build: documents -> facts -> resolved entities -> RDF, in two streaming passes.

Extraction is a pure function of one document, so documents are extracted in parallel
processes (or on a Dask cluster, see graphbuild.distributed). Each document leaves two
things behind: its facts, pickled to a spill file rather than kept in memory, and a small
summary of its mentions. Resolution needs the whole corpus but only the summaries, so it
runs once, in the parent, between the passes. The second pass reads the facts back and maps
each document to the quads of its graph, again in parallel. Memory holds the summaries, the
resolution and a bounded window of documents in flight, never the whole corpus.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import struct
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import IO, Any, Protocol

import pyoxigraph as ox
from rdflib import Graph

from graphbuild.extractors import extract
from graphbuild.graphtext import GraphLines, graph_text
from graphbuild.loaders import Skipped, read_inputs
from graphbuild.model import Document, DocumentFacts
from graphbuild.rdfmap import DocumentMapper, RdfQuad, ntriples, rdflib_quads, union_graph
from graphbuild.resolve import DocumentSummary, Resolution, resolve_summaries, summarize
from graphbuild.store import GraphStore, ReplaceReport

CHUNKSIZE = 8
WINDOW_PER_JOB = 4
SAMPLE_DOCUMENTS = 100
# Allocations between two collections of the youngest generation while extracting or mapping (Python's
# default is 700).
GC_THRESHOLD = 50_000
_LENGTH = struct.Struct("<Q")
Progress = Callable[[int], None] | None
Extracted = tuple[str, DocumentSummary, bytes]
Graphs = dict[str, set[str]]


def extract_document(document: Document) -> Extracted:
    """One document's source file, resolution summary and pickled facts: runs in a worker."""
    facts = extract(document)
    return document.source_file, summarize(facts), pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect the youngest generation less often for a while.

    Extraction and mapping make millions of short-lived objects that reference counting frees;
    at the default threshold the collector runs every 700 allocations and costs 5% of the build.
    """
    old = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def extract_chunk(documents: list[Document]) -> list[Extracted]:
    """`extract_document` over a chunk, so that one task carries several documents."""
    with fewer_collections():
        return [extract_document(d) for d in documents]


def map_chunk(task: tuple[Resolution, list[bytes]]) -> Graphs:
    """The graphs of a chunk of pickled facts, given their part of the resolution: runs in a worker."""
    resolution, pickled = task
    graphs: Graphs = {}
    with fewer_collections():
        for data in pickled:
            mapper = DocumentMapper(pickle.loads(data), resolution)
            graphs.setdefault(mapper.graph_iri, set()).update(ntriples(mapper.map()))
    return graphs


def group_nquads(text: str) -> Graphs:
    """N-Quads text grouped as the store keeps it: graph IRI → N-Triples lines without ' .'."""
    graphs: Graphs = {}
    for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        graphs.setdefault(q.graph_name.value, set()).add(str(ox.Triple(q.subject, q.predicate, q.object)))
    return graphs


def nquads(graphs: Graphs) -> str:
    """Grouped graphs as N-Quads text, in graph and line order."""
    return "".join(f"{line} <{name}> .\n" for name in sorted(graphs) for line in sorted(graphs[name]))


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of `size` items (the last one shorter) from any iterable, read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def bounded_map(executor: Executor | None, fn: Callable[[Any], Any], items: Iterable[Any],
                window: int) -> Iterator[Any]:
    """`fn(item)` for every item, in order, with at most `window` items submitted at a time.

    Executor.map would read (and hold) every item before yielding the first result.
    """
    if executor is None:
        for item in items:
            yield fn(item)
        return
    pending: deque = deque()
    for item in items:
        pending.append(executor.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def in_sample(doc_id: str, documents: int, size: int = SAMPLE_DOCUMENTS) -> bool:
    """Whether a document is in the validation sample: all of a small corpus, else a hash-chosen share."""
    if documents <= size:
        return True
    digest = int.from_bytes(hashlib.sha1(doc_id.encode("utf-8")).digest()[:8], "big")
    return digest % documents < size


class Spill(Protocol):
    """Where the first pass leaves the pickled facts of each document, in the order read."""

    def pickled(self) -> Iterator[bytes]: ...

    def facts(self) -> Iterator[DocumentFacts]: ...

    def close(self) -> None: ...


class FactSpill:
    """Pickled DocumentFacts on an anonymous temporary file, read back in the order written."""

    def __init__(self, directory: Path | None = None) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(dir=directory)

    def append(self, data: bytes) -> None:
        self._file.write(_LENGTH.pack(len(data)) + data)

    def pickled(self) -> Iterator[bytes]:
        """Every record, as pickled bytes."""
        self._file.flush()
        self._file.seek(0)
        while header := self._file.read(_LENGTH.size):
            yield self._file.read(_LENGTH.unpack(header)[0])
        self._file.seek(0, 2)

    def facts(self) -> Iterator[DocumentFacts]:
        return (pickle.loads(data) for data in self.pickled())

    def close(self) -> None:
        self._file.close()


@dataclass
class ExtractedCorpus:
    """The first pass done: document ids, skips, the resolution, and the facts spilled to disk."""

    documents: list[str]
    skipped: list[Skipped]
    resolution: Resolution
    spill: Spill
    order: list[str]
    jobs: int = 1

    def facts(self) -> Iterator[DocumentFacts]:
        return self.spill.facts()

    def graph_batches(self, batch: int = 500) -> Iterator[Graphs]:
        """The graphs of `batch` documents at a time, mapped by `jobs` processes, in input order."""
        ids = iter(self.order)
        tasks = ((self.resolution.for_documents(list(islice(ids, len(chunk)))), chunk)
                 for chunk in chunked(self.spill.pickled(), CHUNKSIZE))
        with _pool(self.jobs) as pool, fewer_collections():
            graphs: Graphs = {}
            for part in bounded_map(pool, map_chunk, tasks, self.jobs * WINDOW_PER_JOB):
                graphs.update(part)
                if len(graphs) >= batch:
                    yield graphs
                    graphs = {}
            if graphs:
                yield graphs

    def validation_graph(self, size: int = SAMPLE_DOCUMENTS) -> tuple[Graph, int]:
        """The union graph of the validation sample, and how many documents it holds."""
        count = len(self.documents)
        chosen = [pickle.loads(data) for doc_id, data in zip(self.order, self.spill.pickled(), strict=True)
                  if in_sample(doc_id, count, size)]
        quads = rdflib_quads(q for facts in chosen for q in DocumentMapper(facts, self.resolution).map())
        return union_graph(quads), len(chosen)

    def close(self) -> None:
        self.spill.close()

    def __enter__(self) -> ExtractedCorpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _pool(jobs: int) -> _NullPool | ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else _NullPool()


class _NullPool:
    """Stands for a pool when there is one job: the work runs in this process."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def read_documents(inputs: Iterable[Path], skipped: list[Skipped]) -> Iterator[Document]:
    """The readable documents of the inputs, one at a time; the others are added to `skipped`."""
    for item in read_inputs(list(inputs)):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            yield item


def extract_corpus(inputs: Iterable[Path], jobs: int = 1, progress: Progress = None,
                   spill_dir: Path | None = None) -> ExtractedCorpus:
    """The first pass over the inputs (extraction in `jobs` processes) and the resolution."""
    skipped: list[Skipped] = []
    spill = FactSpill(spill_dir)
    summaries: list[tuple[tuple[str, str], DocumentSummary]] = []
    chunks = chunked(read_documents(inputs, skipped), CHUNKSIZE)
    try:
        with _pool(jobs) as pool, fewer_collections():
            for results in bounded_map(pool, extract_chunk, chunks, jobs * WINDOW_PER_JOB):
                for source_file, summary, data in results:
                    spill.append(data)
                    summaries.append(((summary.doc_id, source_file), summary))
                if progress:
                    progress(len(results))
    except BaseException:
        spill.close()
        raise
    return finish_corpus(summaries, skipped, spill, jobs)


def finish_corpus(summaries: list[tuple[tuple[str, str], DocumentSummary]], skipped: list[Skipped],
                  spill: Spill, jobs: int) -> ExtractedCorpus:
    """Resolve the corpus from its summaries, taken in (document id, source file) order.

    The order makes resolution independent of the order the inputs were read in.
    """
    order = [summary.doc_id for _, summary in summaries]
    summaries.sort(key=lambda pair: pair[0])
    resolution = resolve_summaries(summary for _, summary in summaries)
    return ExtractedCorpus(documents=[key[0] for key, _ in summaries], skipped=skipped, resolution=resolution,
                           spill=spill, order=order, jobs=jobs)


@dataclass
class BuildResult:
    """What a build read, skipped and produced, all in memory (for small corpora and tests)."""

    quads: list[RdfQuad]
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    facts: list[DocumentFacts] = field(default_factory=list)

    @cached_property
    def graph(self) -> Graph:
        """The union of the document graphs as one rdflib Graph, made when first asked for."""
        return union_graph(self.quads)


def build_graph(inputs: Iterable[Path], jobs: int = 1, progress: Progress = None) -> BuildResult:
    """Read the inputs and build the knowledge graph of every readable document, in memory."""
    with extract_corpus(inputs, jobs=jobs, progress=progress) as corpus:
        facts = sorted(corpus.facts(), key=lambda f: (f.document.doc_id, f.document.source_file))
        quads = rdflib_quads(q for f in facts for q in DocumentMapper(f, corpus.resolution).map())
        return BuildResult(quads=quads, documents=[f.document for f in facts], skipped=corpus.skipped,
                           facts=facts)


def load_store(store: GraphStore, batches: Iterable[Graphs], known: GraphLines | None = None) -> ReplaceReport:
    """Replace the store's graphs of the documents in the batches, one batch at a time, keeping
    their lines in `known` when given (for the export).

    Each batch is loaded in a second thread while this one gathers the next from the mapping
    processes and makes it into text: Oxigraph loads without holding the GIL, and doing all in
    turn left the mapping processes idle for as long as each load took. At most one batch waits
    while another loads.
    """
    reports: list[ReplaceReport] = []
    with ThreadPoolExecutor(max_workers=1) as loader:
        loading: Future[ReplaceReport] | None = None
        for graphs in batches:
            texts = {iri: graph_text(lines) for iri, lines in graphs.items()}
            if known is not None:
                known.add(texts)
            if loading is not None:
                reports.append(loading.result())
            loading = loader.submit(store.load_texts, texts)
        if loading is not None:
            reports.append(loading.result())
    return ReplaceReport(
        added=tuple(d for r in reports for d in r.added),
        replaced=tuple(d for r in reports for d in r.replaced),
        unchanged=tuple(d for r in reports for d in r.unchanged),
        quads_loaded=sum(r.quads_loaded for r in reports),
        quads_removed=sum(r.quads_removed for r in reports),
    )


def extract_with(executor: str, inputs: Iterable[Path], outdir: Path, jobs: int = 1,
                 progress: Progress = None) -> ExtractedCorpus:
    """The first pass on the chosen executor: local processes, or a Dask cluster writing partitions."""
    if executor == "dask":
        from graphbuild import distributed

        return distributed.extract_corpus(inputs, outdir / "partitions", jobs=jobs, progress=progress)
    if executor != "local":
        raise ValueError(f"unknown executor {executor!r}: expected local or dask")
    return extract_corpus(inputs, jobs=jobs, progress=progress)
