"""SPARQL queries run in worker processes that can be killed, so a runaway query cannot take the server.

pyoxigraph releases the GIL while it evaluates a query, but it cannot cancel one: a
thread running an expensive query would burn a core until the query ends, maybe never.
So each query runs in a worker process holding the store open; when the time limit
passes the worker is killed and a fresh one started, and the other workers go on
serving. Workers open the store read-only (a snapshot taken when they start), except
with updates allowed, where one worker holds it read-write and serves every request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from graphbuild.query import sorted_turtle, syntax_error
from graphbuild.store import GraphStore, StoreError

LOG = logging.getLogger(__name__)
STARTUP_TIMEOUT = 60.0
_RESULTS = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv; charset=utf-8", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values; charset=utf-8", ox.QueryResultsFormat.TSV),
}
_GRAPHS = {
    "turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
}


@dataclass(frozen=True)
class Job:
    """One request for a worker: a query (answered in the negotiated format) or an update."""

    text: str
    update: bool = False
    results_format: str | None = "json"
    graph_format: str | None = "turtle"
    max_results: int = 10_000


@dataclass(frozen=True)
class Answer:
    """A worker's reply, ready to become an HTTP response."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def error(status: int, message: str) -> Answer:
    """A plain-text error answer whose message is one line."""
    return Answer(status, "text/plain; charset=utf-8", (" ".join(message.split()) + "\n").encode("utf-8"))


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, object]:
    """A term in the SPARQL 1.1 JSON results format (with the RDF 1.2 form for triple terms)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {part: _json_term(getattr(term, part)) for part in parts}}
    out: dict[str, object] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _solutions(result: ox.QuerySolutions, fmt: str, limit: int) -> Answer:
    """At most `limit` rows of a SELECT result, serialized as `fmt`."""
    names = [variable.value for variable in result.variables]
    rows = list(islice(result, limit + 1))
    bindings = [{name: _json_term(row[name]) for name in names if row[name] is not None} for row in rows[:limit]]
    doc = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
    content_type, ox_format = _RESULTS[fmt]
    body = doc.encode("utf-8")
    if fmt != "json":
        body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=ox_format)
    return Answer(200, content_type, body, truncated=len(rows) > limit)


def _triples(result: Iterable[ox.Triple], fmt: str, limit: int) -> Answer:
    """At most `limit` triples of a CONSTRUCT or DESCRIBE result, serialized as `fmt` (Turtle sorted)."""
    triples = list(islice(result, limit + 1))
    truncated, triples = len(triples) > limit, triples[:limit]
    content_type, ox_format = _GRAPHS[fmt]
    if fmt == "turtle":
        body = sorted_turtle(triples).encode("utf-8")
    elif fmt == "ntriples":
        body = "".join(sorted(f"{triple} .\n" for triple in triples)).encode("utf-8")
    else:
        body = ox.serialize(triples, format=ox_format)
    return Answer(200, content_type, body, truncated)


def answer(store: GraphStore, job: Job) -> Answer:
    """Run `job` on `store` and render the result; errors become 4xx/5xx answers."""
    try:
        if job.update:
            store.update(job.text)
            return Answer(200, "text/plain; charset=utf-8", b"update done\n")
        result = store.query(job.text)
        if isinstance(result, ox.QueryBoolean):
            if job.results_format is None:
                return error(406, f"no acceptable format for an ASK result; offered: {', '.join(_RESULTS)}")
            content_type, ox_format = _RESULTS[job.results_format]
            return Answer(200, content_type, result.serialize(format=ox_format))
        if isinstance(result, ox.QuerySolutions):
            if job.results_format is None:
                return error(406, f"no acceptable format for a SELECT result; offered: {', '.join(_RESULTS)}")
            return _solutions(result, job.results_format, job.max_results)
        if job.graph_format is None:
            return error(406, f"no acceptable format for a graph result; offered: {', '.join(_GRAPHS)}")
        return _triples(result, job.graph_format, job.max_results)
    except SyntaxError as err:
        return error(400, str(syntax_error(str(err), job.text)))
    except (OSError, RuntimeError, ValueError, StoreError) as err:
        return error(500, f"query failed: {err}")


def _exit_with(parent: int) -> None:
    """End this worker once its server is gone, even in the middle of a runaway query."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _serve(conn: Connection, store_dir: str, writable: bool) -> None:
    """A worker process: open the store, say so, then answer jobs until the pipe closes."""
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    try:
        store = GraphStore(store_dir, read_only=not writable)
    except StoreError as err:
        conn.send(str(err))
        return
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(store, job))


class _Worker:
    """One worker process (`python -m graphbuild.querypool`) and the parent's end of its socket.

    A plain subprocess rather than multiprocessing's spawn, which would re-import the
    caller's main module in every worker.
    """

    def __init__(self, store_dir: Path, writable: bool) -> None:
        mine, theirs = socket.socketpair()
        command = [sys.executable, "-m", "graphbuild.querypool", str(theirs.fileno()), str(store_dir),
                   "read-write" if writable else "read-only"]
        with theirs:
            self.process = subprocess.Popen(command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        self.conn = Connection(mine.detach())

    async def receive(self, timeout: float) -> object:
        """The worker's next message; TimeoutError after `timeout` s, EOFError if the worker died."""
        if not await asyncio.to_thread(self.conn.poll, timeout):
            raise TimeoutError
        return await asyncio.to_thread(self.conn.recv)

    async def ready(self) -> None:
        """Wait for the worker to open the store; StoreError with its reason if it could not."""
        message = await self.receive(STARTUP_TIMEOUT)
        if message != "ready":
            self.kill()
            raise StoreError(str(message))

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.conn.close()


class QueryPool:
    """Worker processes answering jobs with a time limit; a worker that overruns is killed and replaced."""

    def __init__(self, store_dir: Path, size: int = 2, timeout: float = 10.0, writable: bool = False) -> None:
        self.store_dir = Path(store_dir)
        self.size = 1 if writable else max(1, size)
        self.timeout = timeout
        self.writable = writable
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Start the workers and wait until each has the store open (StoreError if one cannot)."""
        if self._idle is not None:
            return
        self._idle = asyncio.Queue()
        workers = [_Worker(self.store_dir, self.writable) for _ in range(self.size)]
        self._workers.update(workers)
        try:
            await asyncio.gather(*(worker.ready() for worker in workers))
        except BaseException:
            self.close()
            raise
        for worker in workers:
            self._idle.put_nowait(worker)

    def close(self) -> None:
        """Kill every worker."""
        for task in self._tasks:
            task.cancel()
        for worker in self._workers:
            worker.kill()
        self._workers.clear()
        self._idle = None

    async def run(self, job: Job) -> Answer:
        """Answer `job` in a worker: 503 when it overruns the time limit or no worker frees up in time."""
        await self.start()
        idle = self._idle
        if idle is None:
            return error(503, "the server is shutting down")
        try:
            worker = await asyncio.wait_for(idle.get(), self.timeout)
        except TimeoutError:
            return error(503, "the server is busy: no query worker became free in time; retry later")
        try:
            worker.conn.send(job)
            reply = await worker.receive(self.timeout)
        except TimeoutError:
            self._replace(worker)
            return error(503, f"query timed out after {self.timeout:g} s (the time limit of this endpoint)")
        except (EOFError, OSError):
            self._replace(worker)
            return error(500, "the query worker died (out of memory?) while answering")
        except BaseException:
            self._replace(worker)
            raise
        idle.put_nowait(worker)
        return reply if isinstance(reply, Answer) else error(500, "the query worker sent no answer")

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` and start another in the background; it joins the idle queue once ready."""
        worker.kill()
        self._workers.discard(worker)
        task = asyncio.get_running_loop().create_task(self._respawn())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _respawn(self) -> None:
        delay = 0.5
        while self._idle is not None:
            worker = _Worker(self.store_dir, self.writable)
            self._workers.add(worker)
            try:
                await worker.ready()
            except (StoreError, TimeoutError, EOFError, OSError) as err:
                worker.kill()
                self._workers.discard(worker)
                LOG.warning("cannot restart a query worker (retrying in %g s): %s", delay, err)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            if self._idle is None:
                worker.kill()
            else:
                self._idle.put_nowait(worker)
            return


def worker_main(argv: list[str]) -> None:
    """The worker's entry point: `python -m graphbuild.querypool FD STORE_DIR read-only|read-write`."""
    _serve(Connection(int(argv[0])), argv[1], writable=argv[2] == "read-write")


if __name__ == "__main__":
    # Through the imported module, so the classes sent over the pipe are graphbuild.querypool's, not __main__'s.
    from graphbuild.querypool import worker_main as entry

    entry(sys.argv[1:])
