"""Sending built graphs to a SPARQL server: the last step of a build that outgrew one machine.

The graphs come from the store or from N-Quads / TriG files (the per-partition output of
`graphbuild build --executor dask`). Each document graph replaces the server's graph of the
same name, so pushing twice leaves the server as pushing once. Two protocols:

- SPARQL 1.1 Update (the default): `DROP SILENT GRAPH` + `INSERT DATA` posted as
  application/sparql-update, several graphs per request up to a size limit. Works with
  `graphbuild serve --allow-update` (URL .../sparql) and Oxigraph's server (URL .../update).
- SPARQL 1.1 Graph Store HTTP Protocol (`graph_store=True`): one `PUT URL?graph=IRI` per
  graph with an N-Triples body (Oxigraph's server: URL .../store).
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graphbuild.store import GraphStore

MAX_REQUEST_BYTES = 900_000
FILE_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}

Graph = tuple[str, list[str]]


class PushError(ValueError):
    """The endpoint refused a request or could not be reached; the message is one line."""


@dataclass(frozen=True)
class PushReport:
    """What a push sent."""

    graphs: int
    triples: int
    requests: int

    def __str__(self) -> str:
        return f"{self.graphs} graphs, {self.triples} triples in {self.requests} requests"


def graphs_from_store(store_dir: Path) -> Iterator[Graph]:
    """(graph IRI, N-Triples lines) of every named graph of a store, in IRI order."""
    with GraphStore(store_dir, read_only=True) as store:
        names = sorted(g.value for g in store.store.named_graphs() if isinstance(g, ox.NamedNode))
        for name in names:
            quads = store.store.quads_for_pattern(None, None, None, ox.NamedNode(name))
            yield name, sorted(f"{ox.Triple(q.subject, q.predicate, q.object)} ." for q in quads)


def graphs_from_files(files: Iterable[Path]) -> Iterator[Graph]:
    """(graph IRI, distinct N-Triples lines) of the named graphs of N-Quads or TriG files, file by file."""
    for path in files:
        fmt = FILE_FORMATS.get(Path(path).suffix.lower())
        if fmt is None:
            raise ValueError(f"{path}: push sends .nq or .trig files")
        graphs: dict[str, set[str]] = {}
        try:
            for q in ox.parse(path=str(path), format=fmt):
                if not isinstance(q.graph_name, ox.NamedNode):
                    raise ValueError(f"{path}: every quad needs a named graph (the document's)")
                graphs.setdefault(q.graph_name.value, set()).add(f"{ox.Triple(q.subject, q.predicate, q.object)} .")
        except SyntaxError as err:
            raise ValueError(f"{path}: not valid {fmt.name}: {' '.join(str(err).split())}") from None
        yield from ((name, sorted(lines)) for name, lines in sorted(graphs.items()))


def _send(request: urllib.request.Request, timeout: float) -> None:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        detail = " ".join(err.read().decode("utf-8", "replace").split())[:200]
        raise PushError(f"{request.full_url}: {request.get_method()} refused with {err.code} {err.reason}"
                        + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as err:
        raise PushError(f"{request.full_url}: cannot reach the endpoint ({err.reason})") from None


def _updates(graphs: Iterable[Graph]) -> Iterator[tuple[str, int, int]]:
    """SPARQL Update texts replacing the graphs, each under MAX_REQUEST_BYTES unless one graph is larger;
    with how many graphs and triples each holds."""
    drops: list[str] = []
    inserts: list[str] = []
    size = triples = 0
    for name, lines in graphs:
        body = "\n".join(lines)
        if drops and size + len(body) > MAX_REQUEST_BYTES:
            yield " ;\n".join(drops) + f" ;\nINSERT DATA {{\n{''.join(inserts)}}}", len(drops), triples
            drops, inserts, size, triples = [], [], 0, 0
        drops.append(f"DROP SILENT GRAPH <{name}>")
        inserts.append(f"GRAPH <{name}> {{\n{body}\n}}\n")
        size += len(body) + len(name) * 2
        triples += len(lines)
    if drops:
        yield " ;\n".join(drops) + f" ;\nINSERT DATA {{\n{''.join(inserts)}}}", len(drops), triples


def push(endpoint: str, graphs: Iterable[Graph], graph_store: bool = False, timeout: float = 120.0) -> PushReport:
    """Replace each graph on the endpoint; see the module docstring for the two protocols."""
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise ValueError(f"--endpoint {endpoint}: expected an http:// or https:// URL")
    sent_graphs = sent_triples = requests = 0
    if graph_store:
        separator = "&" if "?" in endpoint else "?"
        for name, lines in graphs:
            url = f"{endpoint}{separator}{urllib.parse.urlencode({'graph': name})}"
            data = ("\n".join(lines) + "\n").encode("utf-8")
            _send(urllib.request.Request(url, data=data, method="PUT",
                                         headers={"Content-Type": "application/n-triples"}), timeout)
            sent_graphs, sent_triples, requests = sent_graphs + 1, sent_triples + len(lines), requests + 1
        return PushReport(sent_graphs, sent_triples, requests)
    for text, count, triples in _updates(graphs):
        _send(urllib.request.Request(endpoint, data=text.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-update"}), timeout)
        sent_graphs, sent_triples, requests = sent_graphs + count, sent_triples + triples, requests + 1
    return PushReport(sent_graphs, sent_triples, requests)
