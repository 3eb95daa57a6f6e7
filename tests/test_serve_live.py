"""One real server on a free loopback port, queried by a real SPARQL client (SPARQLWrapper)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from docgraphs import mini_quads
from SPARQLWrapper import CSV, JSON, POST, SPARQLWrapper

from graphbuild.store import GraphStore

STARTUP_LIMIT = 60.0
GBR = "https://w3id.org/graphbuild/resource/"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Poll `url` until it answers; fail with the server's log if it exits or never comes up."""
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server exited with {server.returncode}:\n{log.read_text(encoding='utf-8')}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"the server did not answer within {STARTUP_LIMIT:g} s:\n{log.read_text(encoding='utf-8')}")


def test_live_server_with_sparqlwrapper(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with GraphStore(store_dir) as store:
        store.replace_documents(mini_quads())
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "graphbuild.serve", "--store", str(store_dir),
                                   "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", server, log)
        client = SPARQLWrapper(f"http://127.0.0.1:{port}/sparql")
        client.setQuery("PREFIX gb: <https://w3id.org/graphbuild/ontology#>\n"
                        "SELECT ?doc ?file WHERE { ?doc a gb:Document ; gb:sourceFile ?file } ORDER BY ?doc")
        client.setReturnFormat(JSON)
        bindings = client.query().convert()["results"]["bindings"]
        assert [(b["doc"]["value"], b["file"]["value"]) for b in bindings] == [(GBR + "doc-a", "a.txt"),
                                                                                (GBR + "doc-b", "b.txt")]
        client.setReturnFormat(CSV)
        assert client.query().convert() == (f"doc,file\r\n{GBR}doc-a,a.txt\r\n{GBR}doc-b,b.txt\r\n").encode()

        client.setMethod(POST)
        client.setQuery(f"INSERT DATA {{ <{GBR}x> <{GBR}y> <{GBR}z> }}")
        with pytest.raises(urllib.error.HTTPError) as refused:
            client.query()
        assert refused.value.code == 403
        assert refused.value.read() == b"this endpoint is read-only: SPARQL Update is not allowed\n"
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    with GraphStore(store_dir, read_only=True) as store:
        assert store.quad_count() == len(set(mini_quads()))
