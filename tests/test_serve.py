"""The SPARQL endpoint in-process: protocol, content negotiation, refusals and limits."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from docgraphs import mini_quads
from starlette.testclient import TestClient

from graphbuild.serve import GRAPH_TYPES, RESULT_TYPES, create_app, is_update, negotiate, uses_service
from graphbuild.store import GraphStore, StoreError

GBR = "https://w3id.org/graphbuild/resource/"
DOCS = "SELECT ?doc WHERE { ?doc a gb:Document } ORDER BY ?doc"
DOC_IRIS = [GBR + "doc-a", GBR + "doc-b"]
DOC_A_TRIPLES = 5
TIMEOUT = 2.0
MAX_RESULTS = 5
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
FORM = "application/x-www-form-urlencoded"


def build_store(path: Path) -> Path:
    with GraphStore(path) as store:
        store.replace_documents(mini_quads())
    return path


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store_dir = build_store(tmp_path_factory.mktemp("serve") / "store")
    with TestClient(create_app(store_dir, timeout=TIMEOUT, max_results=MAX_RESULTS)) as test_client:
        yield test_client


def json_values(response) -> list[list[str]]:
    data = response.json()
    return [[b[name]["value"] for name in data["head"]["vars"] if name in b] for b in data["results"]["bindings"]]


def test_get_answers_json_by_default(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": DOCS})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert json_values(response) == [[iri] for iri in DOC_IRIS]
    assert "x-result-truncated" not in response.headers


def test_post_form(client: TestClient) -> None:
    response = client.post("/sparql", content=f"query={DOCS.replace(' ', '+')}", headers={"Content-Type": FORM})
    assert response.status_code == 200
    assert json_values(response) == [[iri] for iri in DOC_IRIS]


def test_post_sparql_query_body(client: TestClient) -> None:
    response = client.post("/sparql", content=DOCS, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 200
    assert json_values(response) == [[iri] for iri in DOC_IRIS]


def parse_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def parse_tsv(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def parse_xml(text: str) -> list[list[str]]:
    solutions = ox.parse_query_results(text.encode("utf-8"), format=ox.QueryResultsFormat.XML)
    return [["?doc"]] + [[solution["doc"].value] for solution in solutions]


@pytest.mark.parametrize(("accept", "content_type", "parse", "expected"), [
    ("application/sparql-results+json", "application/sparql-results+json",
     lambda text: [[b["doc"]["value"]] for b in json.loads(text)["results"]["bindings"]], [[i] for i in DOC_IRIS]),
    ("application/json", "application/sparql-results+json",
     lambda text: [[b["doc"]["value"]] for b in json.loads(text)["results"]["bindings"]], [[i] for i in DOC_IRIS]),
    ("text/csv", "text/csv; charset=utf-8", parse_csv, [["doc"], *([i] for i in DOC_IRIS)]),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", parse_tsv,
     [["?doc"], *([f"<{i}>"] for i in DOC_IRIS)]),
    ("application/sparql-results+xml", "application/sparql-results+xml", parse_xml,
     [["?doc"], *([i] for i in DOC_IRIS)]),
], ids=["json", "json-alias", "csv", "tsv", "xml"])
def test_select_content_negotiation(client: TestClient, accept: str, content_type: str, parse, expected) -> None:
    response = client.get("/sparql", params={"query": DOCS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    assert parse(response.text) == expected


def test_ask(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK { gbr:north-korea gb:denies gbr:event-d2 }"})
    assert (response.status_code, response.json()) == (200, {"head": {}, "boolean": True})
    response = client.get("/sparql", params={"query": "ASK { gbr:russia gb:confirms ?x }"},
                          headers={"Accept": "text/csv"})
    assert (response.status_code, response.text) == (200, "false")


@pytest.mark.parametrize(("accept", "content_type", "rdf_format"), [
    (None, "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    ("text/turtle", "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
], ids=["default", "turtle", "n-triples", "rdf-xml", "json-ld"])
def test_construct_content_negotiation(client: TestClient, accept: str | None, content_type: str,
                                       rdf_format: ox.RdfFormat) -> None:
    headers = {"Accept": accept} if accept else {}
    response = client.get("/sparql", params={"query": "CONSTRUCT WHERE { gbr:doc-a ?p ?o }"}, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    triples = {(t.subject.value, t.object.value) for t in ox.parse(response.content, format=rdf_format)}
    assert len(triples) == DOC_A_TRIPLES
    assert (GBR + "doc-a", "a.txt") in triples


def test_describe_is_turtle(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "DESCRIBE gbr:kursk"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert set(graph.objects()) == {rdflib.URIRef("https://w3id.org/graphbuild/ontology#Place"),
                                    rdflib.Literal("Kursk", lang="id")}


def test_accept_quality_values_choose_the_format(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": DOCS},
                          headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml"})
    assert response.headers["content-type"] == "application/sparql-results+xml"


def test_unacceptable_accept_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": DOCS}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.text == "no acceptable format for a SELECT result; offered: json, xml, csv, tsv\n"


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "json"),
    ("", "json"),
    ("*/*", "json"),
    ("text/*", "csv"),
    ("text/tab-separated-values, text/csv", "tsv"),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "xml"),
    ("application/*;q=0.5, text/csv;q=0.1", "json"),
    ("text/csv;q=0, */*;q=0.1", "json"),
    ("text/csv;q=0", None),
    ("image/png", None),
    ("text/csv;q=oops, text/tab-separated-values", "tsv"),
])
def test_negotiate_results(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept, RESULT_TYPES) == expected


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "turtle"),
    ("application/sparql-results+json, text/turtle;q=0.9", "turtle"),
    ("text/plain", "ntriples"),
    ("application/rdf+xml", "rdfxml"),
    ("application/ld+json", "jsonld"),
])
def test_negotiate_graphs(accept: str | None, expected: str) -> None:
    assert negotiate(accept, GRAPH_TYPES) == expected


@pytest.mark.parametrize("send", [
    lambda c: c.get("/sparql", params={"query": "INSERT DATA { gbr:x rdfs:label 'x' }"}),
    lambda c: c.get("/sparql", params={"query": "PREFIX ex: <http://e/>\n# note\nDELETE WHERE { ?s ?p ?o }"}),
    lambda c: c.post("/sparql", content="update=DROP+ALL", headers={"Content-Type": FORM}),
    lambda c: c.post("/sparql", content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"}),
    lambda c: c.get("/sparql", params={"update": "DROP ALL"}),
], ids=["query-param", "query-with-prologue", "form-update", "sparql-update-body", "get-update"])
def test_updates_are_refused(client: TestClient, send) -> None:
    response = send(client)
    assert (response.status_code, response.text) == (403, "this endpoint is read-only: SPARQL Update is not allowed\n")
    assert json_values(client.get("/sparql", params={"query": DOCS})) == [[iri] for iri in DOC_IRIS]


@pytest.mark.parametrize("send", [
    lambda c: c.put("/store?graph=http://e/g", content="<a:b> <a:c> <a:d> .", headers={"Content-Type": "text/turtle"}),
    lambda c: c.post("/store?default", content="<a:b> <a:c> <a:d> .", headers={"Content-Type": "text/turtle"}),
    lambda c: c.delete("/store?graph=http://e/g"),
    lambda c: c.post("/sparql?graph=http://e/g", content="<a:b> <a:c> <a:d> .",
                     headers={"Content-Type": "text/turtle"}),
    lambda c: c.delete("/sparql?graph=http://e/g"),
    lambda c: c.put("/sparql?graph=http://e/g", content="<a:b> <a:c> <a:d> .", headers={"Content-Type": "text/turtle"}),
], ids=["put-store", "post-store", "delete-store", "post-sparql", "delete-sparql", "put-sparql"])
def test_graph_store_writes_are_refused(client: TestClient, send) -> None:
    response = send(client)
    assert response.status_code == 403
    assert response.text == "this endpoint is read-only: Graph Store Protocol writes are not allowed\n"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SeRvIcE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { { SELECT ?s WHERE { service silent <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?s ?p ?o . SERVICE ?endpoint { ?s ?p ?o } }",
    "PREFIX ex: <http://127.0.0.1:9/> SELECT * WHERE { SERVICEex:x { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 5SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ex:.SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p 'x' SERVICE<http://127.0.0.1:9/x>{ ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o # a comment\n SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
], ids=["plain", "mixed-case", "subquery", "variable", "glued-prefix", "glued-number", "after-empty-local",
        "after-string", "escaped", "after-comment"])
def test_service_is_refused(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert (response.status_code, response.text) == (400, "SERVICE (federated queries) is not allowed\n")


@pytest.mark.parametrize("query", [
    'SELECT ?s WHERE { ?s gb:evidence ?e FILTER(!CONTAINS(?e, "service")) } ORDER BY ?s LIMIT 1',
    "SELECT ?s WHERE { ?s gb:evidence ?e FILTER(!CONTAINS(?e, '''SERVICE <http://x/> {}''')) } ORDER BY ?s LIMIT 1",
    "SELECT ?service WHERE { ?service gb:evidence ?e } ORDER BY ?service LIMIT 1",
    "SELECT ?s WHERE { ?s gb:evidence ?e FILTER(?s != gbr:service-desk) } ORDER BY ?s LIMIT 1",
    "SELECT ?s WHERE { ?s gb:evidence ?e # SERVICE <http://x/> {}\n } ORDER BY ?s LIMIT 1",
    "SELECT ?s WHERE { ?s gb:evidence ?e FILTER(?s != <http://e/service>) } ORDER BY ?s LIMIT 1",
], ids=["in-string", "in-long-string", "variable", "prefix-name-local", "in-comment", "in-iri"])
def test_service_as_data_is_allowed(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    assert json_values(response) == [[GBR + "assertion-1"]]


def test_a_prefix_named_like_service_is_refused_to_be_safe() -> None:
    assert uses_service("PREFIX serviceish: <http://e/> SELECT * WHERE { ?s ?p serviceish:x }")


@pytest.mark.parametrize(("text", "expected"), [
    ("INSERT DATA { <a:b> <a:c> <a:d> }", True),
    ("base <http://e/> prefix ex: <http://e/> with <http://e/g> delete { ?s ?p ?o } where { ?s ?p ?o }", True),
    ("LOAD <http://e/data.ttl>", True),
    ("SELECT * WHERE { ?s ?p ?o }", False),
    ("PREFIX drop: <http://e/> SELECT * WHERE { ?s drop:x ?o }", False),
    ("# INSERT DATA\nASK { ?s ?p ?o }", False),
])
def test_is_update(text: str, expected: bool) -> None:
    assert is_update(text) is expected


def test_malformed_query_is_400_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p\n}"})
    assert response.status_code == 400
    assert response.text == "query syntax error at line 3, column 2: expected one of LATERAL, SERVICE, [_]\n"


@pytest.mark.parametrize(("send", "status", "message"), [
    (lambda c: c.get("/sparql"), 400, "missing query: send query=... or POST a body of type "
                                      "application/sparql-query (the page /query helps)"),
    (lambda c: c.get("/sparql", params={"query": "  "}), 400, "empty query"),
    (lambda c: c.get("/sparql", params=[("query", DOCS), ("query", DOCS)]), 400, "send exactly one query"),
    (lambda c: c.post("/sparql", content=DOCS, headers={"Content-Type": "text/plain"}), 415,
     "unsupported content type 'text/plain': send application/sparql-query, application/sparql-update or a form"),
    (lambda c: c.get("/sparql", params={"query": DOCS, "default-graph-uri": GBR + "doc-a"}), 400,
     "default-graph-uri and named-graph-uri are not supported: the default graph is the union of all documents; "
     "use GRAPH <document IRI> to pick one"),
], ids=["missing", "empty", "two", "content-type", "dataset"])
def test_bad_requests(client: TestClient, send, status: int, message: str) -> None:
    response = send(client)
    assert (response.status_code, response.text) == (status, message + "\n")


def test_a_runaway_query_times_out_and_the_next_one_succeeds(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": RUNAWAY})
    assert response.status_code == 503
    assert response.text == f"query timed out after {TIMEOUT:g} s (the time limit of this endpoint)\n"
    for _ in range(3):
        assert json_values(client.get("/sparql", params={"query": DOCS})) == [[iri] for iri in DOC_IRIS]


def test_results_are_cut_at_the_limit(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert response.headers["x-result-truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == MAX_RESULTS
    response = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert response.headers["x-result-truncated"] == "true"
    assert len(rdflib.Graph().parse(data=response.text, format="turtle")) == MAX_RESULTS


def test_results_at_the_limit_are_not_marked_truncated(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {MAX_RESULTS}"})
    assert len(response.json()["results"]["bindings"]) == MAX_RESULTS
    assert "x-result-truncated" not in response.headers


def test_query_page_is_self_contained(client: TestClient) -> None:
    response = client.get("/query")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    assert '<textarea id="query"' in response.text and 'fetch("sparql"' in response.text
    assert "://" not in response.text


def test_home_page_without_html_links_the_query_page(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert '<a href="query">' in response.text


def test_home_page_serves_the_given_html(tmp_path: Path) -> None:
    store_dir = build_store(tmp_path / "store")
    page = tmp_path / "graph.html"
    page.write_text("<!DOCTYPE html><title>grafik</title>", encoding="utf-8")
    app_client = TestClient(create_app(store_dir, html_path=page))
    assert app_client.get("/").text == "<!DOCTYPE html><title>grafik</title>"
    page.unlink()
    assert app_client.get("/").status_code == 404


def test_a_missing_store_fails_at_creation(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="^no store at "):
        create_app(tmp_path / "nothing")


def test_updates_when_allowed(tmp_path: Path) -> None:
    store_dir = build_store(tmp_path / "store")
    with TestClient(create_app(store_dir, allow_update=True, timeout=TIMEOUT)) as app_client:
        response = app_client.post("/sparql", content="update=DROP+GRAPH+gbr%3Adoc-b", headers={"Content-Type": FORM})
        assert (response.status_code, response.text) == (200, "update done\n")
        assert json_values(app_client.get("/sparql", params={"query": DOCS})) == [[GBR + "doc-a"]]
        response = app_client.get("/sparql", params={"query": "DROP ALL"})
        assert response.status_code == 400
        response = app_client.post("/sparql", content="LOAD <http://127.0.0.1:9/x.ttl>",
                                   headers={"Content-Type": "application/sparql-update"})
        assert (response.status_code, response.text) == (
            400, "LOAD is not allowed: it would make the server fetch other hosts\n")
        assert app_client.put("/store?graph=http://e/g", content="").status_code == 405
    with GraphStore(store_dir) as store:
        assert store.document_ids() == ["a"]
