"""SPARQL latency of the competency queries: Oxigraph against rdflib's memory store.

Both engines hold the same triples (the union of the document graphs, as graph.ttl has
them). Either can take minutes on some queries at a million triples, so the runs of each
query happen in a forked child that is killed when the query passes its time cap; the fork
shares the loaded data with the parent, so no run pays for loading it again.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import rdflib

from graphbuild.query import competency_query, list_queries, prefixes


def timed_runs(run: Callable[[], Any], repeat: int, budget: float) -> list[float]:
    """Seconds of up to `repeat` runs of `run`, stopping early once `budget` seconds are spent."""
    times: list[float] = []
    spent = 0.0
    while len(times) < repeat and (not times or spent < budget):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        spent += times[-1]
    return times


def _child(run: Callable[[], list[Any]], repeat: int, budget: float, conn: Any) -> None:
    rows: list[int] = []

    def counted() -> None:
        rows.append(len(run()))

    conn.send((timed_runs(counted, repeat, budget), rows[0]))
    conn.close()


def capped_runs(run: Callable[[], list[Any]], repeat: int, cap: float) -> tuple[list[float], int] | None:
    """Times of up to `repeat` runs of a query (and its row count) in a forked child, or None when its
    first run passes `cap` seconds; the child shares the parent's loaded data and is killed on time-out."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(run, repeat, cap, send))
    child.start()
    send.close()
    result = receive.recv() if receive.poll(2 * cap + 5) else None
    if child.is_alive():
        child.kill()
    child.join()
    receive.close()
    if result is None or result[0][0] > cap:
        return None
    return result


def competency_queries() -> dict[str, str]:
    """Every competency query with its parameters at their defaults."""
    return {info.name: competency_query(info.name) for info in list_queries()}


def compare(store: ox.Store, repeat: int = 20, cap: float = 10.0) -> list[dict[str, Any]]:
    """One row per competency query over the store's default graph, and over an rdflib copy of it:
    median milliseconds on each engine and the speed-up."""
    graph = rdflib.Graph()
    graph.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    rows = []
    for name, sparql in competency_queries().items():
        ox_result = capped_runs(lambda q=sparql: list(store.query(q, prefixes=prefixes())), repeat, cap)
        rdf_result = capped_runs(lambda q=sparql: list(graph.query(q, initNs=prefixes())), repeat, cap)
        ox_ms = statistics.median(ox_result[0]) * 1000 if ox_result else None
        rdf_ms = statistics.median(rdf_result[0]) * 1000 if rdf_result else None
        rows.append({
            "query": name,
            "rows": ox_result[1] if ox_result else None,
            "oxigraph_ms": round(ox_ms, 2) if ox_ms is not None else None,
            "oxigraph_runs": len(ox_result[0]) if ox_result else 0,
            "rdflib_ms": round(rdf_ms, 1) if rdf_ms is not None else None,
            "rdflib_runs": len(rdf_result[0]) if rdf_result else 0,
            "cap_s": cap,
            "speedup": round(rdf_ms / ox_ms, 1) if rdf_ms is not None and ox_ms else None,
        })
    return rows
