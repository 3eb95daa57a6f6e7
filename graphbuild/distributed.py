"""The build on a Dask cluster: extraction and RDF mapping run where the workers are.

The documents are cut into partitions. A first task per partition extracts its documents
(the pure function `graphbuild.extractors.extract`), writes their facts to a file beside the
partition and returns only the small resolution summaries. The parent resolves the corpus
from the summaries, the one step that must see every document, and cheap. A second task per
partition reads its facts back and writes the partition's N-Quads, `part-NNNNN.nq`, which the
store (or any SPARQL server: `oxigraph load`, `graphbuild push`) bulk-loads. The partitions
folder must be shared by the parent and the workers: a local disk for a local cluster, a
network file system for a real one.

Without GRAPHBUILD_DASK_SCHEDULER the cluster is a local one of `jobs` worker processes;
with it (e.g. tcp://10.0.0.5:8786) the build uses that cluster's workers.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuild.loaders import Skipped
from graphbuild.model import Document, DocumentFacts
from graphbuild.outputs import atomic_write
from graphbuild.pipeline import (
    WINDOW_PER_JOB,
    Extracted,
    ExtractedCorpus,
    Graphs,
    Progress,
    bounded_map,
    chunked,
    extract_document,
    finish_corpus,
    group_nquads,
    map_chunk,
    nquads,
    read_documents,
)
from graphbuild.resolve import DocumentSummary, Resolution

PARTITION_DOCUMENTS = 64
SCHEDULER_ENV = "GRAPHBUILD_DASK_SCHEDULER"
_LENGTH_BYTES = 8


def extract_partition(task: tuple[str, list[Document]]) -> list[tuple[str, str, DocumentSummary]]:
    """Extract one partition, write its facts to `path` and return (doc id, source file, summary) rows."""
    path, documents = task
    results: list[Extracted] = [extract_document(d) for d in documents]
    atomic_write(Path(path), b"".join(len(data).to_bytes(_LENGTH_BYTES, "little") + data
                                      for _, _, data in results))
    return [(summary.doc_id, source_file, summary) for source_file, summary, _ in results]


def read_partition(path: Path) -> Iterator[bytes]:
    """The pickled facts of a partition file, in document order."""
    data = Path(path).read_bytes()
    offset = 0
    while offset < len(data):
        size = int.from_bytes(data[offset:offset + _LENGTH_BYTES], "little")
        offset += _LENGTH_BYTES
        yield data[offset:offset + size]
        offset += size


def map_partition(task: tuple[Resolution, str, str]) -> str:
    """Write the N-Quads of one partition from its facts file; return the N-Quads file's path."""
    resolution, facts_path, nq_path = task
    atomic_write(Path(nq_path), nquads(map_chunk((resolution, list(read_partition(Path(facts_path)))))))
    return nq_path


class PartitionSpill:
    """The facts of a corpus as partition files (the FactSpill of a distributed build)."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths

    def pickled(self) -> Iterator[bytes]:
        for path in self.paths:
            yield from read_partition(path)

    def facts(self) -> Iterator[DocumentFacts]:
        return (pickle.loads(data) for data in self.pickled())

    def close(self) -> None:
        for path in self.paths:
            path.unlink(missing_ok=True)


@dataclass
class DaskCorpus(ExtractedCorpus):
    """An extracted corpus whose second pass runs on the cluster and leaves part-NNNNN.nq files."""

    client: Any = None
    sizes: list[int] = field(default_factory=list)

    def graph_batches(self, batch: int = 500) -> Iterator[Graphs]:
        spill = self.spill
        assert isinstance(spill, PartitionSpill)
        ids = iter(self.order)
        tasks = ((self.resolution.for_documents([next(ids) for _ in range(size)]), str(path),
                  str(path.with_suffix(".nq"))) for path, size in zip(spill.paths, self.sizes, strict=True))
        executor = self.client.get_executor(pure=False)
        graphs: Graphs = {}
        for nq_path in bounded_map(executor, map_partition, tasks, self.jobs * WINDOW_PER_JOB):
            graphs.update(group_nquads(Path(nq_path).read_text(encoding="utf-8")))
            if len(graphs) >= batch:
                yield graphs
                graphs = {}
        if graphs:
            yield graphs

    def close(self) -> None:
        super().close()
        if self.client is not None:
            _close(self.client)
            self.client = None


def _close(dask: Any) -> None:
    """Close a client, and the local cluster it started if any."""
    cluster = dask.cluster
    dask.close()
    if cluster is not None:
        cluster.close()


def client(jobs: int) -> Any:
    """A Dask client: of the scheduler GRAPHBUILD_DASK_SCHEDULER names, else of a local cluster."""
    from distributed import Client, LocalCluster

    address = os.environ.get(SCHEDULER_ENV)
    if address:
        return Client(address)
    cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=40)
    return Client(cluster)


def extract_corpus(inputs: Iterable[Path], partitions: Path, jobs: int = 2, progress: Progress = None,
                   documents_per_partition: int | None = None) -> DaskCorpus:
    """The first pass on a Dask cluster; the partitions' facts and N-Quads go to `partitions`."""
    size = documents_per_partition or PARTITION_DOCUMENTS
    partitions.mkdir(parents=True, exist_ok=True)
    for stale in partitions.glob("part-*"):
        stale.unlink()
    skipped: list[Skipped] = []
    dask = client(jobs)
    paths: list[Path] = []
    sizes: list[int] = []

    def tasks() -> Iterator[tuple[str, list[Document]]]:
        for number, documents in enumerate(chunked(read_documents(inputs, skipped), size)):
            paths.append(partitions / f"part-{number:05d}.facts")
            sizes.append(len(documents))
            yield str(paths[-1]), documents

    summaries = []
    try:
        for rows in bounded_map(dask.get_executor(pure=False), extract_partition, tasks(),
                                max(1, jobs) * WINDOW_PER_JOB):
            summaries.extend(((doc_id, source_file), summary) for doc_id, source_file, summary in rows)
            if progress:
                progress(len(rows))
    except BaseException:
        PartitionSpill(paths).close()
        _close(dask)
        raise
    corpus = finish_corpus(summaries, skipped, PartitionSpill(paths), max(1, jobs))
    return DaskCorpus(documents=corpus.documents, skipped=skipped, resolution=corpus.resolution,
                      spill=corpus.spill, order=corpus.order, jobs=corpus.jobs, client=dask, sizes=sizes)
