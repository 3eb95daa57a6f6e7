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


def _busiest_speaker(predicates: str, param: str) -> str:
    """The query picking the speaker with the most acts of `predicates`, by its Indonesian label."""
    return f"""SELECT ?{param} WHERE {{
  {{ SELECT ?s (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {predicates} }} ?s ?p ?o }}
     GROUP BY ?s ORDER BY DESC(?n) STR(?s) LIMIT 1 }}
  ?s rdfs:label ?{param} FILTER(LANG(?{param}) = "id")
}} ORDER BY ?{param} LIMIT 1"""


_SPEECH_ACTS = "gb:states gb:claims gb:denies gb:confirms gb:demands gb:warns gb:condemns gb:accuses gb:defends"
# The question form of a query: each query picks its parameters (its projected variables) as the most
# frequent value in the store, so that the case measured is a heavy one and not a hand-picked easy one:
# the busiest speaker, agent and class, person, subject of hedged facts, and subject and predicate of
# assertions (the predicate by its local name, as an analyst types it).
QUESTIONS = {
    "who-denied": _busiest_speaker("gb:denies", "speaker"),
    "who-demanded": _busiest_speaker("gb:demands", "speaker"),
    "who-accused-whom": _busiest_speaker("gb:accuses gb:condemns", "accuser"),
    "speech-acts": _busiest_speaker(_SPEECH_ACTS, "speaker"),
    "claimed-figures": """SELECT ?agent ?event WHERE {
  { SELECT ?ag ?cls (COUNT(*) AS ?n) WHERE {
      ?e gb:quantity [] ; gb:agent ?ag ; a ?cls FILTER(STRSTARTS(STR(?cls), STR(gb:)) && ?cls != gb:Event)
    } GROUP BY ?ag ?cls ORDER BY DESC(?n) STR(?ag) STR(?cls) LIMIT 1 }
  ?ag rdfs:label ?agent FILTER(LANG(?agent) = "id")
  BIND(STRAFTER(STR(?cls), "#") AS ?event)
} ORDER BY ?agent LIMIT 1""",
    "contradictions": """SELECT ?agent ?event WHERE {
  { SELECT ?ag ?cls (COUNT(*) AS ?n) WHERE {
      ?a gb:contradicts [] ; rdf:object ?e . ?e gb:agent ?ag ; a ?cls
      FILTER(STRSTARTS(STR(?cls), STR(gb:)) && ?cls != gb:Event)
    } GROUP BY ?ag ?cls ORDER BY DESC(?n) STR(?ag) STR(?cls) LIMIT 1 }
  ?ag rdfs:label ?agent FILTER(LANG(?agent) = "id")
  BIND(STRAFTER(STR(?cls), "#") AS ?event)
} ORDER BY ?agent LIMIT 1""",
    "hedged-claims": """SELECT ?subject WHERE {
  { SELECT ?s (COUNT(*) AS ?n) WHERE { ?a gb:hedged true ; rdf:subject ?s }
    GROUP BY ?s ORDER BY DESC(?n) STR(?s) LIMIT 1 }
  ?s rdfs:label ?subject FILTER(LANG(?subject) = "id")
} ORDER BY ?subject LIMIT 1""",
    "evidence-for": """SELECT ?subject ?predicate WHERE {
  { SELECT ?s ?p (COUNT(*) AS ?n) WHERE { ?a rdf:subject ?s ; rdf:predicate ?p }
    GROUP BY ?s ?p ORDER BY DESC(?n) STR(?s) STR(?p) LIMIT 1 }
  ?s rdfs:label ?subject FILTER(LANG(?subject) = "id")
  BIND(STRAFTER(STR(?p), "#") AS ?predicate)
} ORDER BY ?subject LIMIT 1""",
    "roles": """SELECT ?person WHERE {
  { SELECT ?p (COUNT(*) AS ?n) WHERE { ?p gb:role|gb:affiliatedWith [] } GROUP BY ?p ORDER BY DESC(?n) STR(?p) LIMIT 1 }
  ?p rdfs:label ?person FILTER(LANG(?person) = "id")
} ORDER BY ?person LIMIT 1""",
}


def competency_queries() -> dict[str, str]:
    """Every competency query with its parameters at their defaults."""
    return {info.name: competency_query(info.name) for info in list_queries()}


def question_params(store: ox.Store) -> dict[str, dict[str, str]]:
    """The parameters of each query's question form, as its picking query finds them in the store:
    labels as an analyst would type them."""
    params = {}
    for name, picker in QUESTIONS.items():
        solutions = store.query(picker, prefixes=prefixes())
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            params[name] = {key: solution[key].value for key in names}
    return params


def compare(store: ox.Store, repeat: int = 20, cap: float = 10.0) -> list[dict[str, Any]]:
    """Rows per competency query over the store's default graph, and over an rdflib copy of it: its
    question form (a typical parameter, where it takes one) and its full listing, with the median
    milliseconds on each engine and the speed-up."""
    graph = rdflib.Graph()
    graph.parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    questions = question_params(store)
    rows = []
    for info in list_queries():
        forms = [("question", questions[info.name])] if info.name in questions else []
        for form, params in [*forms, ("full", {})]:
            sparql = competency_query(info.name, params)
            rows.append({"query": info.name, "form": form, "params": params,
                         **_measure(store, graph, sparql, repeat, cap)})
    return rows


def _measure(store: ox.Store, graph: rdflib.Graph, sparql: str, repeat: int, cap: float) -> dict[str, Any]:
    """Median milliseconds of one query on both engines, its row count and the speed-up."""
    ox_result = capped_runs(lambda: list(store.query(sparql, prefixes=prefixes())), repeat, cap)
    rdf_result = capped_runs(lambda: list(graph.query(sparql, initNs=prefixes())), repeat, cap)
    ox_ms = statistics.median(ox_result[0]) * 1000 if ox_result else None
    rdf_ms = statistics.median(rdf_result[0]) * 1000 if rdf_result else None
    return {
        "rows": ox_result[1] if ox_result else None,
        "oxigraph_ms": round(ox_ms, 2) if ox_ms is not None else None,
        "oxigraph_runs": len(ox_result[0]) if ox_result else 0,
        "rdflib_ms": round(rdf_ms, 1) if rdf_ms is not None else None,
        "rdflib_runs": len(rdf_result[0]) if rdf_result else 0,
        "cap_s": cap,
        "speedup": round(rdf_ms / ox_ms, 1) if rdf_ms is not None and ox_ms else None,
    }
