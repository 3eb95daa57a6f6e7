"""SPARQL from the library: output formats, errors, file loading and the competency queries."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from graphbuild.contradictions import as_triples, find_contradictions
from graphbuild.projection import read_tables
from graphbuild.query import (
    FORMATS,
    QueryError,
    QueryInfo,
    competency_query,
    list_queries,
    load_graph_file,
    read_query,
    run_query,
    to_store,
)
from graphbuild.vocab import GB, GBR

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
GB_NS = "https://w3id.org/graphbuild/ontology#"
GBR_NS = "https://w3id.org/graphbuild/resource/"
XSD = "http://www.w3.org/2001/XMLSchema#"

CLAIM_SENTENCE = "Menteri Pertahanan Budi Santoso mengatakan sekitar 10.000 tentara Korut dikirim ke Kursk."
DENIAL_SENTENCE = "Pyongyang membantah mengirim hingga 3.000 pasukan <script>alert(1)</script>."
DEMAND_SENTENCE = "Santoso mendesak Korut menarik pasukannya."
ACCUSE_SENTENCE = "Santoso menuduh Pyongyang."
HEDGED_SENTENCE = "Kerja sama Korut dan Rusia makin erat."
NEGATED_SENTENCE = "Rusia belum mengonfirmasi kiriman itu."

DOCUMENTS = """SELECT ?doc ?file ?publisher ?date WHERE {
  ?doc a gb:Document ; gb:sourceFile ?file .
  OPTIONAL { ?doc schema:publisher/rdfs:label ?publisher }
  OPTIONAL { ?doc schema:datePublished ?date }
} ORDER BY ?file"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load_graph_file(MINI)


def rows(source: rdflib.Graph | ox.Store, name: str, params: dict[str, str] | None = None) -> list[tuple]:
    """The result of a competency query as tuples of values, '' where unbound."""
    result = json.loads(run_query(source, competency_query(name, params), "json"))
    names = result["head"]["vars"]
    return [tuple(b.get(n, {}).get("value", "") for n in names) for b in result["results"]["bindings"]]


def test_table_format(store: ox.Store) -> None:
    assert run_query(store, DOCUMENTS) == (
        "doc        file   publisher     date\n"
        "---------  -----  ------------  ----------\n"
        "gbr:doc-a  a.txt  Kabar Harian  2024-10-22\n"
        "gbr:doc-b  b.txt\n"
        "(2 rows)\n"
    )


def test_csv_format(store: ox.Store) -> None:
    assert run_query(store, DOCUMENTS, "csv") == (
        "doc,file,publisher,date\r\n"
        f"{GBR_NS}doc-a,a.txt,Kabar Harian,2024-10-22\r\n"
        f"{GBR_NS}doc-b,b.txt,,\r\n"
    )


def test_tsv_format(store: ox.Store) -> None:
    assert run_query(store, DOCUMENTS, "tsv") == (
        "?doc\t?file\t?publisher\t?date\n"
        f'<{GBR_NS}doc-a>\t"a.txt"\t"Kabar Harian"@id\t"2024-10-22"^^<{XSD}date>\n'
        f'<{GBR_NS}doc-b>\t"b.txt"\t\t\n'
    )


def test_json_format(store: ox.Store) -> None:
    assert run_query(store, DOCUMENTS, "json") == (
        '{"head":{"vars":["doc","file","publisher","date"]},"results":{"bindings":['
        f'{{"doc":{{"type":"uri","value":"{GBR_NS}doc-a"}},"file":{{"type":"literal","value":"a.txt"}},'
        '"publisher":{"type":"literal","value":"Kabar Harian","xml:lang":"id"},'
        f'"date":{{"type":"literal","value":"2024-10-22","datatype":"{XSD}date"}}}},'
        f'{{"doc":{{"type":"uri","value":"{GBR_NS}doc-b"}},"file":{{"type":"literal","value":"b.txt"}}}}]}}}}\n'
    )


def test_json_blank_node_binding(store: ox.Store) -> None:
    result = json.loads(run_query(store, "SELECT ?b WHERE { BIND(BNODE() AS ?b) }", "json"))
    assert [binding["b"]["type"] for binding in result["results"]["bindings"]] == ["bnode"]


def test_table_truncates_long_cells_and_counts_one_row(store: ox.Store) -> None:
    assert run_query(store, competency_query("who-denied")) == (
        "speaker      what        agent        evidence"
        "                                                      document\n"
        "-----------  ----------  -----------  "
        "------------------------------------------------------------  --------\n"
        "Korea Utara  Deployment  Korea Utara  "
        "Pyongyang membantah mengirim hingga 3.000 pasukan <script>a…  b.txt\n"
        "(1 row)\n"
    )


def test_table_of_no_rows(store: ox.Store) -> None:
    assert run_query(store, "SELECT ?s WHERE { ?s a gb:Nothing }") == "s\n-\n(0 rows)\n"


@pytest.mark.parametrize(("fmt", "expected_true", "expected_false"), [
    ("table", "true\n", "false\n"),
    ("csv", "true\n", "false\n"),
    ("tsv", "true\n", "false\n"),
    ("json", '{"head":{},"boolean":true}\n', '{"head":{},"boolean":false}\n'),
])
def test_ask(store: ox.Store, fmt: str, expected_true: str, expected_false: str) -> None:
    assert run_query(store, "ASK { gbr:north-korea gb:denies ?event }", fmt) == expected_true
    assert run_query(store, "ASK { gbr:russia gb:confirms ?event }", fmt) == expected_false


def test_construct_gives_sorted_turtle_that_parses_back(store: ox.Store) -> None:
    query = "CONSTRUCT { ?doc gb:sourceFile ?file ; a gb:Document } WHERE { ?doc gb:sourceFile ?file }"
    text = run_query(store, query)
    assert text == (
        f"@prefix gb: <{GB_NS}> .\n"
        f"@prefix gbr: <{GBR_NS}> .\n"
        "gbr:doc-a a gb:Document ;\n"
        '\tgb:sourceFile "a.txt" .\n'
        "gbr:doc-b a gb:Document ;\n"
        '\tgb:sourceFile "b.txt" .\n'
    )
    expected = rdflib.Graph()
    for doc, file in ((GBR["doc-a"], "a.txt"), (GBR["doc-b"], "b.txt")):
        expected.add((doc, GB.sourceFile, rdflib.Literal(file)))
        expected.add((doc, rdflib.RDF.type, GB.Document))
    assert isomorphic(rdflib.Graph().parse(data=text, format="turtle"), expected)


def test_construct_names_blank_nodes_canonically(store: ox.Store) -> None:
    query = "CONSTRUCT { ?e gb:x [ gb:y ?q ] } WHERE { ?e gb:quantity ?q }"
    assert run_query(store, query) == (
        f"@prefix gb: <{GB_NS}> .\n"
        f"@prefix gbr: <{GBR_NS}> .\n"
        "gbr:event-d1 gb:x _:c14n0 .\n"
        "gbr:event-d2 gb:x _:c14n1 .\n"
        "_:c14n0 gb:y 10000 .\n"
        "_:c14n1 gb:y 3000 .\n"
    )


def test_describe_parses_back(store: ox.Store) -> None:
    text = run_query(store, "DESCRIBE gbr:assertion-2", "json")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    assert list(graph.objects(GBR["assertion-2"], GB.evidence)) == [rdflib.Literal(DENIAL_SENTENCE)]
    assert len(graph) == 10


def test_undeclared_prefix_error_names_line_and_column(store: ox.Store) -> None:
    with pytest.raises(QueryError) as info:
        run_query(store, "SELECT ?s\nWHERE {\n  ?s a foo:Bar .\n}")
    assert str(info.value) == "query syntax error at line 3, column 15: undeclared prefix 'foo:'"


def test_syntax_error_is_one_line_relative_to_the_users_query(store: ox.Store) -> None:
    query = "PREFIX ex: <http://example.org/>\nSELECT ?s WHERE {\n  ?s ex:p ?o } LIMIT"
    with pytest.raises(QueryError) as info:
        run_query(store, query)
    message = str(info.value)
    assert message.startswith("query syntax error at line 3, column 21: expected one of ")
    assert "\n" not in message


def test_empty_query_is_an_error(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="^empty query$"):
        run_query(store, "  \n ")


def test_update_is_refused(store: ox.Store) -> None:
    with pytest.raises(QueryError, match="^query syntax error at line 1, column 10: "):
        run_query(store, "INSERT DATA { gbr:x gb:y gbr:z }")
    assert run_query(store, "ASK { gbr:x gb:y gbr:z }") == "false\n"


def test_unknown_format(store: ox.Store) -> None:
    with pytest.raises(ValueError, match=r"^unknown format 'xml': expected one of table, csv, tsv, json$"):
        run_query(store, DOCUMENTS, "xml")


def test_declared_prefix_wins_over_the_predeclared_one(store: ox.Store) -> None:
    assert run_query(store, "PREFIX gb: <urn:other#>\nASK { ?d a gb:Document }") == "false\n"
    assert run_query(store, "ASK { ?d a gb:Document }") == "true\n"


def test_rdflib_graph_and_dataset_sources() -> None:
    graph = rdflib.Graph().parse(MINI)
    assert rows(graph, "who-denied") == rows(load_graph_file(MINI), "who-denied")
    dataset = rdflib.Dataset()
    dataset.graph(rdflib.URIRef("urn:graph:one")).parse(MINI)
    dataset.default_graph.add((GBR["doc-b"], GB.sourceFile, rdflib.Literal("b2.txt")))
    assert rows(dataset, "who-demanded") == [
        ("Budi Santoso", "Withdrawal", "Korea Utara", DEMAND_SENTENCE, "a.txt"),
    ]
    assert run_query(dataset, "SELECT ?g WHERE { GRAPH ?g { gbr:doc-a ?p ?o } } GROUP BY ?g", "csv") == (
        "g\r\nurn:graph:one\r\n")
    assert run_query(dataset, "SELECT ?f WHERE { gbr:doc-b gb:sourceFile ?f } ORDER BY ?f", "csv") == (
        "f\r\nb.txt\r\nb2.txt\r\n")


@pytest.mark.parametrize("rdf_format", [ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS,
                                        ox.RdfFormat.JSON_LD], ids=lambda f: f.file_extension)
def test_load_graph_file_by_extension(tmp_path: Path, rdf_format: ox.RdfFormat) -> None:
    graph_name = ox.DefaultGraph() if rdf_format == ox.RdfFormat.N_TRIPLES else ox.NamedNode("urn:graph:one")
    quads = [ox.Quad(q.subject, q.predicate, q.object, graph_name) for q in ox.parse(path=str(MINI))]
    path = tmp_path / f"mini.{rdf_format.file_extension}"
    path.write_bytes(ox.serialize(quads, format=rdf_format))
    assert rows(load_graph_file(path), "sources") == [
        (f"{GBR_NS}doc-a", "a.txt", "Kabar Harian", "2024-10-22", "Korut Bantah Kirim Pasukan"),
        (f"{GBR_NS}doc-b", "b.txt", "", "", ""),
    ]


def test_load_graph_file_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "graph.xml"
    path.write_text("<rdf/>", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^cannot read .*graph\.xml: unknown RDF file extension '\.xml'"):
        load_graph_file(path)


def test_load_graph_file_malformed(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("gbr:x gb:y .\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^cannot parse .*broken\.ttl: "):
        load_graph_file(path)


def test_read_query(tmp_path: Path) -> None:
    path = tmp_path / "docs.rq"
    path.write_text(DOCUMENTS, encoding="utf-8")
    assert read_query(str(path)) == DOCUMENTS
    assert read_query(DOCUMENTS) == DOCUMENTS


def test_list_queries_lists_every_file_with_title() -> None:
    folder = resources.files("graphbuild").joinpath("queries").joinpath("ask")
    stems = sorted(entry.name[:-3] for entry in folder.iterdir() if entry.name.endswith(".rq"))
    infos = list_queries()
    assert [info.name for info in infos] == stems == [
        "claimed-figures", "contradictions", "evidence-for", "hedged-claims", "roles", "sources",
        "speech-acts", "timeline", "who-accused-whom", "who-demanded", "who-denied",
    ]
    assert {info.name: info.title for info in infos} == {
        "claimed-figures": "Claimed figures",
        "contradictions": "Contradictions",
        "evidence-for": "Evidence for a triple",
        "hedged-claims": "Hedged claims",
        "roles": "People, their roles and affiliations",
        "sources": "Sources",
        "speech-acts": "Everything a speaker said",
        "timeline": "Timeline",
        "who-accused-whom": "Who accused or condemned whom",
        "who-demanded": "Who demanded what",
        "who-denied": "Who denied what",
    }
    assert all(len(info.description) > 80 and not info.description.startswith("#") for info in infos)
    params = {info.name: [(p.name, p.kind, p.default) for p in info.params] for info in infos if info.params}
    assert params == {
        "claimed-figures": [("agent", "name", ""), ("event", "class", "")],
        "contradictions": [("agent", "name", ""), ("event", "class", ""), ("limit", "integer", "")],
        "evidence-for": [("subject", "name", ""), ("predicate", "term", ""), ("object", "name", "")],
        "hedged-claims": [("subject", "name", ""), ("min_confidence", "decimal", "0")],
        "roles": [("person", "name", "")],
        "speech-acts": [("speaker", "name", ""), ("limit", "integer", "")],
        "who-accused-whom": [("accuser", "name", ""), ("limit", "integer", "")],
        "who-demanded": [("speaker", "name", ""), ("limit", "integer", "")],
        "who-denied": [("speaker", "name", ""), ("limit", "integer", "")],
    }


def test_unknown_competency_query_lists_the_names() -> None:
    with pytest.raises(KeyError, match="unknown query 'who-lied'; known queries: claimed-figures, contradic"):
        competency_query("who-lied")


def test_unknown_and_malformed_parameters() -> None:
    with pytest.raises(ValueError, match="query 'roles' has no parameter 'speaker'; it takes: person"):
        competency_query("roles", {"speaker": "Korut"})
    with pytest.raises(ValueError, match="query 'sources' has no parameter 'speaker'; it takes: no param"):
        competency_query("sources", {"speaker": "Korut"})
    with pytest.raises(ValueError, match="parameter limit must be a whole number, got '-1'"):
        competency_query("who-denied", {"limit": "-1"})
    with pytest.raises(ValueError, match="parameter min_confidence must be a number, got '1; DROP'"):
        competency_query("hedged-claims", {"min_confidence": "1; DROP"})
    with pytest.raises(ValueError, match="parameter subject is not a valid IRI"):
        competency_query("evidence-for", {"subject": "<urn:a> } <urn:b>"})


def test_parameters_are_escaped(store: ox.Store) -> None:
    text = competency_query("evidence-for", {"subject": 'Korut" } } SELECT * WHERE { ?s ?p ?o } #\\'})
    assert 'VALUES ?subjectKey { "Korut\\" } } SELECT * WHERE { ?s ?p ?o } #\\\\" ' in text
    assert rows(store, "evidence-for", {"subject": 'Korut" ) } #'}) == []
    assert rows(store, "evidence-for", {"predicate": 'denies") || true || ("'}) == []
    text = competency_query("evidence-for", {"subject": "gbr:north-korea", "predicate": "gb:denies"})
    assert f"VALUES ?subjectKey {{ <{GBR_NS}north-korea> }}" in text
    assert f"FILTER(sameTerm(?p, <{GB_NS}denies>)" in text and "?objectKey" not in text


def test_who_denied(store: ox.Store) -> None:
    assert rows(store, "who-denied") == [
        ("Korea Utara", "Deployment", "Korea Utara", DENIAL_SENTENCE, "b.txt"),
    ]


def test_who_denied_by_a_speaker_name_in_any_case_or_iri(store: ox.Store) -> None:
    expected = [("Korea Utara", "Deployment", "Korea Utara", DENIAL_SENTENCE, "b.txt")]
    for speaker in ("Korut", "korea utara", "NORTH KOREA", "gbr:north-korea", f"<{GBR_NS}north-korea>"):
        assert rows(store, "who-denied", {"speaker": speaker}) == expected
    assert rows(store, "who-denied", {"speaker": "Budi Santoso"}) == []


def test_a_name_becomes_the_forms_a_label_may_take_and_an_empty_one_drops_its_section() -> None:
    text = competency_query("who-denied", {"speaker": 'korea "utara'})
    assert '"korea \\"utara" "korea \\"utara"@id "korea \\"utara"@en "KOREA \\"UTARA"' in text
    assert '"Korea \\"Utara"@en "Korea \\"utara"' in text
    assert "{{" not in text and "LIMIT" not in text.split("ORDER BY")[1]
    assert "?speakerKey" not in competency_query("who-denied")
    assert competency_query("who-denied", {"limit": "10"}).rstrip().endswith("LIMIT 10")


def test_limit_pages_a_listing(store: ox.Store) -> None:
    assert rows(store, "speech-acts", {"limit": "2"}) == rows(store, "speech-acts")[:2]


def test_who_demanded(store: ox.Store) -> None:
    assert rows(store, "who-demanded") == [
        ("Budi Santoso", "Withdrawal", "Korea Utara", DEMAND_SENTENCE, "a.txt"),
    ]


def test_claimed_figures(store: ox.Store) -> None:
    assert rows(store, "claimed-figures") == [
        ("Budi Santoso", "Deployment", "Korea Utara", "10000", "about", "a.txt"),
        ("", "Deployment", "Korea Utara", "3000", "up to", "b.txt"),
    ]


CONTRADICTION = (
    "Deployment", "Korea Utara",
    "Budi Santoso", "claims", CLAIM_SENTENCE, "a.txt",
    "Korea Utara", "denies", DENIAL_SENTENCE, "b.txt",
)


def add_links(graph: rdflib.Graph, links: list[tuple[str, str]] | None = None) -> rdflib.Graph:
    """`graph` with what a build writes for `links` (by default the ones it finds): the gb:contradicts
    links and the names of their sides."""
    store = to_store(graph)
    tables = read_tables(store)
    for triple in as_triples(find_contradictions(tables).links if links is None else links, tables, store):
        graph.add(triple)
    return graph


def linked_mini() -> rdflib.Graph:
    """The fixture with the gb:contradicts links a build writes for it."""
    return add_links(rdflib.Graph().parse(MINI))


def test_contradictions_lists_the_links_the_build_wrote(store: ox.Store) -> None:
    graph = linked_mini()
    # The build links Santoso's claim of a Deployment by North Korea to North Korea's denial of one,
    # and names the speaker and document of each side.
    claim, denial = GBR["assertion-1"], GBR["assertion-2"]
    assert set(graph.triples((None, GB.contradicts, None))) == {(claim, GB.contradicts, denial)}
    assert set(graph.triples((None, GB.speakerName, None))) | set(graph.triples((None, GB.documentName, None))) == {
        (claim, GB.speakerName, rdflib.Literal("Budi Santoso")), (claim, GB.documentName, rdflib.Literal("a.txt")),
        (denial, GB.speakerName, rdflib.Literal("Korea Utara")), (denial, GB.documentName, rdflib.Literal("b.txt"))}
    assert rows(graph, "contradictions") == [CONTRADICTION]
    # The query lists links, it does not recompute them: the fixture alone has none.
    assert rows(store, "contradictions") == []


def test_contradictions_by_agent_and_event() -> None:
    graph = linked_mini()
    for params in ({"agent": "Korut", "event": "Deployment"}, {"agent": "gbr:north-korea"},
                   {"event": "gb:Deployment"}, {"agent": "korea utara", "event": f"<{GB_NS}Deployment>"},
                   {"limit": "1"}):
        assert rows(graph, "contradictions", params) == [CONTRADICTION], params
    for params in ({"agent": "Budi Santoso"}, {"event": "Withdrawal"}, {"agent": "Korut", "event": "Withdrawal"},
                   {"limit": "0"}):
        assert rows(graph, "contradictions", params) == [], params
    text = competency_query("contradictions", {"agent": "Korut", "event": "Deployment"})
    # With an agent, the class is checked on the agent's events rather than every event of the class listed.
    assert '"Korut"@id' in text and f"FILTER EXISTS {{ ?ea a <{GB_NS}Deployment> }}" in text and "{{" not in text
    assert f"VALUES ?cls {{ <{GB_NS}Deployment> }}" in competency_query("contradictions", {"event": "Deployment"})


def test_contradicts_links_between_assertions() -> None:
    graph = linked_mini()
    graph.add((GBR["assertion-4"], GB.contradicts, GBR["assertion-6"]))
    # A link added by hand shows its sides' speakers and documents once their names are added too.
    unnamed = ("", "", "", "accuses", ACCUSE_SENTENCE, "", "", "cooperatesWith", HEDGED_SENTENCE, "")
    assert rows(graph, "contradictions") == [unnamed, CONTRADICTION]
    add_links(graph, [(str(GBR["assertion-4"]), str(GBR["assertion-6"]))])
    expected = [
        ("", "", "Budi Santoso", "accuses", ACCUSE_SENTENCE, "a.txt",
         "Korea Utara", "cooperatesWith", HEDGED_SENTENCE, "b.txt"),
        CONTRADICTION,
    ]
    assert rows(graph, "contradictions") == expected
    # gb:contradicts is symmetric: a pair linked both ways is listed once.
    graph.add((GBR["assertion-6"], GB.contradicts, GBR["assertion-4"]))
    graph.add((GBR["assertion-2"], GB.contradicts, GBR["assertion-1"]))
    assert len(rows(graph, "contradictions")) == 2
    # A negated assertion contradicts nothing, even when linked.
    graph.add((GBR["assertion-5"], GB.contradicts, GBR["assertion-2"]))
    graph.add((GBR["assertion-1"], GB.contradicts, GBR["assertion-5"]))
    assert len(rows(graph, "contradictions")) == 2


def test_contradictions_show_a_side_by_every_label_of_its_speaker_in_the_preferred_language() -> None:
    """Indonesian labels, else English ones, else untagged ones, as for the agent, all of them when there
    are several; a document without a source file is named by its IRI."""
    graph = rdflib.Graph().parse(MINI)
    budi, korea = GBR["budi-santoso"], GBR["north-korea"]
    graph.remove((budi, rdflib.RDFS.label, None))
    graph.add((budi, rdflib.RDFS.label, rdflib.Literal("Budi S.")))
    graph.add((budi, rdflib.RDFS.label, rdflib.Literal("Budi Santoso", lang="en")))
    graph.add((korea, rdflib.RDFS.label, rdflib.Literal("DPRK", lang="id")))
    graph.remove((GBR["doc-b"], GB.sourceFile, None))
    add_links(graph)
    side_a = ("Budi Santoso", "claims", CLAIM_SENTENCE, "a.txt")
    assert rows(graph, "contradictions") == [
        ("Deployment", agent, *side_a, speaker, "denies", DENIAL_SENTENCE, "doc-b")
        for agent in ("DPRK", "Korea Utara") for speaker in ("DPRK", "Korea Utara")]


def test_queries_without_assertion_records_keep_evidence_empty() -> None:
    """Regression: a lookup on a variable left unbound by OPTIONAL or UNION matched every node."""
    graph = rdflib.Graph().parse(MINI)
    for assertion in list(graph.subjects(rdflib.RDF.type, GB.Assertion)):
        graph.remove((assertion, None, None))
    # Contradictions are links between assertion records: without them there is nothing to list.
    assert rows(graph, "contradictions") == []
    assert rows(graph, "who-denied") == [("Korea Utara", "Deployment", "Korea Utara", "", "")]
    graph.add((GBR["event-w1"], GB.date, rdflib.Literal("2024-11-01", datatype=rdflib.XSD.date)))
    assert rows(graph, "timeline") == [
        ("2024-10-22", "Document", "Korut Bantah Kirim Pasukan", "a.txt"),
        ("2024-11-01", "Withdrawal", "penarikan pasukan (Korea Utara)", ""),
    ]


def test_roles(store: ox.Store) -> None:
    assert rows(store, "roles") == [("Budi Santoso", "Menteri Pertahanan", "Amerika Serikat")]


def test_timeline_with_a_dated_event() -> None:
    graph = rdflib.Graph().parse(MINI)
    assert rows(graph, "timeline") == [("2024-10-22", "Document", "Korut Bantah Kirim Pasukan", "a.txt")]
    graph.add((GBR["event-d1"], GB.date, rdflib.Literal("2024-10", datatype=rdflib.XSD.gYearMonth)))
    assert rows(graph, "timeline") == [
        ("2024-10", "Deployment", "pengerahan pasukan (Korea Utara)", "a.txt"),
        ("2024-10-22", "Document", "Korut Bantah Kirim Pasukan", "a.txt"),
    ]


def test_sources(store: ox.Store) -> None:
    assert rows(store, "sources") == [
        (f"{GBR_NS}doc-a", "a.txt", "Kabar Harian", "2024-10-22", "Korut Bantah Kirim Pasukan"),
        (f"{GBR_NS}doc-b", "b.txt", "", "", ""),
    ]


@pytest.mark.parametrize("params", [
    {"subject": "Korut", "predicate": "denies"},
    {"subject": "korea utara", "predicate": "DENIES", "object": "pengiriman pasukan (Korea Utara)"},
    {"subject": "gbr:north-korea", "predicate": "gb:denies", "object": f"<{GBR_NS}event-d2>"},
    {"subject": f"{GBR_NS}north-korea", "object": "gbr:event-d2"},
])
def test_evidence_for(store: ox.Store, params: dict[str, str]) -> None:
    assert rows(store, "evidence-for", params) == [
        ("Korea Utara", "denies", "pengiriman pasukan (Korea Utara)", DENIAL_SENTENCE, "b.txt",
         "0", "76", "0.8"),
    ]


def test_evidence_for_a_subject_or_an_object_alone(store: ox.Store) -> None:
    denial = ("Korea Utara", "denies", "pengiriman pasukan (Korea Utara)", DENIAL_SENTENCE, "b.txt", "0", "76", "0.8")
    cooperation = ("Korea Utara", "cooperatesWith", "Rusia", HEDGED_SENTENCE, "b.txt", "116", "154", "0.75")
    for subject in ("Korut", "NORTH KOREA", "Korea Utara", f"<{GBR_NS}north-korea>"):
        assert rows(store, "evidence-for", {"subject": subject}) == [denial, cooperation], subject
    assert rows(store, "evidence-for", {"object": "rusia"}) == [cooperation]
    assert rows(store, "evidence-for", {"subject": "Korut", "object": "Moskow"}) == [cooperation]
    assert rows(store, "evidence-for", {"subject": "Korut", "object": "Santoso"}) == []
    # The negated confirmation by Russia is no evidence, whichever part names it.
    assert rows(store, "evidence-for", {"subject": "Rusia"}) == []


def test_evidence_for_object_label_and_empty_parts(store: ox.Store) -> None:
    assert rows(store, "evidence-for", {"object": "Pyongyang"}) == [
        ("Budi Santoso", "accuses", "Korea Utara", ACCUSE_SENTENCE, "a.txt", "133", "159", "0.85"),
    ]
    assert len(rows(store, "evidence-for")) == 5


def test_hedged_claims_by_min_confidence(store: ox.Store) -> None:
    expected = [("Korea Utara", "cooperatesWith", "Rusia", "0.75", HEDGED_SENTENCE, "b.txt")]
    assert rows(store, "hedged-claims") == expected
    assert rows(store, "hedged-claims", {"min_confidence": "0.75"}) == expected
    assert rows(store, "hedged-claims", {"min_confidence": "0.8"}) == []


def test_hedged_claims_of_one_subject(store: ox.Store) -> None:
    expected = [("Korea Utara", "cooperatesWith", "Rusia", "0.75", HEDGED_SENTENCE, "b.txt")]
    for subject in ("Korut", "korea utara", "gbr:north-korea", f"<{GBR_NS}north-korea>"):
        assert rows(store, "hedged-claims", {"subject": subject}) == expected, subject
    assert rows(store, "hedged-claims", {"subject": "Korut", "min_confidence": "0.8"}) == []
    assert rows(store, "hedged-claims", {"subject": "Budi Santoso"}) == []
    assert rows(store, "hedged-claims", {"subject": "Rusia"}) == []


def test_who_accused_whom(store: ox.Store) -> None:
    assert rows(store, "who-accused-whom") == [
        ("Budi Santoso", "accuses", "Korea Utara", ACCUSE_SENTENCE, "a.txt"),
    ]


def test_speech_acts(store: ox.Store) -> None:
    assert rows(store, "speech-acts") == [
        ("Budi Santoso", "accuses", "Korea Utara", "", ACCUSE_SENTENCE, "a.txt"),
        ("Budi Santoso", "claims", "Deployment", "Korea Utara", CLAIM_SENTENCE, "a.txt"),
        ("Budi Santoso", "demands", "Withdrawal", "Korea Utara", DEMAND_SENTENCE, "a.txt"),
        ("Korea Utara", "denies", "Deployment", "Korea Utara", DENIAL_SENTENCE, "b.txt"),
    ]
    assert rows(store, "who-demanded", {"speaker": "santoso"}) == rows(store, "who-demanded")
    assert rows(store, "speech-acts", {"speaker": "Pyongyang"}) == [
        ("Korea Utara", "denies", "Deployment", "Korea Utara", DENIAL_SENTENCE, "b.txt"),
    ]
    # A speaker's acts with and without an agent: the accusation of a country has none.
    assert rows(store, "speech-acts", {"speaker": "santoso"}) == rows(store, "speech-acts")[:3]


@pytest.mark.parametrize("info", list_queries(), ids=lambda info: info.name)
def test_negated_assertion_never_appears(store: ox.Store, info: QueryInfo) -> None:
    for fmt in FORMATS:
        output = run_query(store, competency_query(info.name), fmt)
        assert NEGATED_SENTENCE not in output
        assert "confirms" not in output


def test_negated_assertion_of_a_direct_triple_is_not_evidence() -> None:
    graph = rdflib.Graph().parse(MINI)
    graph.add((GBR.russia, GB.confirms, GBR["event-d2"]))
    assert rows(graph, "speech-acts", {"speaker": "Rusia"}) == [
        ("Rusia", "confirms", "Deployment", "Korea Utara", "", ""),
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=40))
def test_any_parameter_value_stays_inside_its_term(store: ox.Store, value: str) -> None:
    try:
        query = competency_query("evidence-for", {"subject": value, "object": value})
    except ValueError as err:
        assert str(err).startswith("parameter subject is not a valid IRI")
        return
    result = json.loads(run_query(store, query, "json"))
    assert result["head"]["vars"] == ["subject", "predicate", "object", "evidence", "document", "charStart",
                                      "charEnd", "confidence"]


def test_who_accused_whom_for_one_accuser(store: ox.Store) -> None:
    expected = [("Budi Santoso", "accuses", "Korea Utara", "Santoso menuduh Pyongyang.", "a.txt")]
    for accuser in ("santoso", "BUDI SANTOSO", "gbr:budi-santoso"):
        assert rows(store, "who-accused-whom", {"accuser": accuser}) == expected
    assert rows(store, "who-accused-whom", {"accuser": "Korut"}) == []
    assert rows(store, "who-accused-whom", {"limit": "0"}) == []


def test_claimed_figures_for_an_agent_and_an_event_class(store: ox.Store) -> None:
    expected = [("Budi Santoso", "Deployment", "Korea Utara", "10000", "about", "a.txt"),
                ("", "Deployment", "Korea Utara", "3000", "up to", "b.txt")]
    assert rows(store, "claimed-figures", {"agent": "Korut", "event": "Deployment"}) == expected
    assert rows(store, "claimed-figures", {"agent": "gbr:north-korea"}) == expected
    assert rows(store, "claimed-figures", {"event": "gb:Deployment"}) == expected
    assert rows(store, "claimed-figures", {"event": "Withdrawal"}) == []
    assert rows(store, "claimed-figures", {"agent": "Rusia", "event": "Deployment"}) == []


def test_a_class_parameter_names_a_class_of_the_ontology() -> None:
    assert "FILTER(?cls = <https://w3id.org/graphbuild/ontology#Deployment>)" in competency_query(
        "claimed-figures", {"event": "Deployment"})
    assert '"Deployment" } ?e' not in competency_query("claimed-figures", {"event": "Deployment"})


def test_roles_of_one_person(store: ox.Store) -> None:
    expected = [("Budi Santoso", "Menteri Pertahanan", "Amerika Serikat")]
    assert rows(store, "roles", {"person": "SANTOSO"}) == expected
    assert rows(store, "roles", {"person": "Korut"}) == []
