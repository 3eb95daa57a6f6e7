"""Past one machine: a Dask cluster of two workers builds the same graph, and push sends it on."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graphbuild import commands, distributed
from graphbuild.cli import main
from graphbuild.corpusgen import generate, write_corpus
from graphbuild.push import PushError, graphs_from_files, graphs_from_store, push
from graphbuild.store import GraphStore

STARTUP_LIMIT = 60.0


def corpus(tmp_path: Path, n: int = 6) -> Path:
    folder = tmp_path / "in"
    write_corpus(generate(n, seed=11), folder)
    return folder


def quads_of(store_dir: Path) -> set[str]:
    with GraphStore(store_dir, read_only=True) as store:
        return {str(q) for q in store.store}


def test_dask_cluster_of_two_workers_builds_the_same_graph(tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("distributed", reason="Dask is optional: pip install 'dask[distributed]'")
    monkeypatch.setattr(distributed, "PARTITION_DOCUMENTS", 4)
    folder = corpus(tmp_path)
    local = commands.build([folder], tmp_path / "local", jobs=1, title="T")
    dask = commands.build([folder], tmp_path / "dask", jobs=2, title="T", executor="dask")
    assert local.splitlines()[:3] == dask.splitlines()[:3]
    for name in ("graph.ttl", "graph.trig", "report.json", "graph.html"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
    parts = sorted((tmp_path / "dask" / "partitions").iterdir())
    assert [p.name for p in parts] == ["part-00000.nq", "part-00001.nq"]
    from_parts = {str(q) for p in parts for q in ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS)}
    with GraphStore(tmp_path / "local" / "store", read_only=True) as store:
        documents = {str(q) for q in store.store if "/doc-" in q.graph_name.value}
    assert from_parts == documents


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sparql_count(url: str, query: str) -> int:
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.read().decode("utf-8").splitlines()[1])


def test_push_by_sparql_update_to_a_loopback_server(tmp_path: Path) -> None:
    built = tmp_path / "built"
    commands.build([corpus(tmp_path, 3)], built, title="T")
    expected = quads_of(built / "store")
    target = tmp_path / "target"
    GraphStore(target).close()
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "graphbuild.serve", "--store", str(target), "--port",
                                   str(port), "--allow-update"], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + STARTUP_LIMIT
        while True:
            try:
                sparql_count(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
                time.sleep(0.2)
        for _ in range(2):  # pushing twice leaves the server as pushing once
            result = CliRunner().invoke(main, ["push", "--endpoint", url, "--store", str(built / "store")])
            assert result.exit_code == 0, result.output
            assert result.output.startswith(f"Pushed 4 graphs, {len(expected)} triples in 1 requests to {url}")
            assert sparql_count(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == len(expected)
            assert sparql_count(url, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == 4
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert quads_of(target) == expected


class GraphStoreHandler(BaseHTTPRequestHandler):
    """A minimal Graph Store Protocol server: PUT ?graph=IRI replaces that graph of `server.store`."""

    def do_PUT(self) -> None:  # noqa: N802 - the name http.server calls
        params = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if "graph" not in params or self.headers["Content-Type"] != "application/n-triples":
            self.send_response(400)
        else:
            graph = ox.NamedNode(params["graph"][0])
            self.server.store.remove_graph(graph)
            self.server.store.load(body, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def graph_store_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), GraphStoreHandler)
    server.store = ox.Store()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_push_partitions_by_graph_store_protocol(tmp_path: Path, graph_store_server, monkeypatch) -> None:
    pytest.importorskip("distributed", reason="Dask is optional: pip install 'dask[distributed]'")
    monkeypatch.setattr(distributed, "PARTITION_DOCUMENTS", 2)
    out = tmp_path / "dask"
    commands.build([corpus(tmp_path, 4)], out, jobs=2, title="T", executor="dask")
    parts = sorted((out / "partitions").glob("*.nq"))
    url = f"http://127.0.0.1:{graph_store_server.server_address[1]}/store"
    result = CliRunner().invoke(main, ["push", "--endpoint", url, "--graph-store", *map(str, parts)])
    assert result.exit_code == 0, result.output
    sent = {str(q) for p in parts for q in ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS)}
    assert result.output.startswith(f"Pushed 4 graphs, {len(sent)} triples in 4 requests")
    assert {str(q) for q in graph_store_server.store} == sent
    assert [name for name, _ in graphs_from_files(parts)] == sorted(name for name, _ in graphs_from_store(out / "store")
                                                                    if "/doc-" in name)


def test_push_reports_a_refusal_in_one_line(tmp_path: Path, graph_store_server) -> None:
    url = f"http://127.0.0.1:{graph_store_server.server_address[1]}/store"
    with pytest.raises(PushError, match=r"^http://127\.0\.0\.1:\d+/store: POST refused with 501 "):
        push(url, [("https://w3id.org/graphbuild/resource/doc-x", ["<urn:a> <urn:b> <urn:c> ."])])
    with pytest.raises(ValueError, match="expected an http"):
        push("ftp://example.org/", [])
