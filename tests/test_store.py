"""The persistent store: incremental, idempotent replacement, removal, locking, stats and exports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from docgraphs import MINI, mini_quads
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from graphbuild.graphtext import GraphLines, graph_text
from graphbuild.pipeline import load_store
from graphbuild.rdfmap import document_iri
from graphbuild.store import INDEX_FILE, GraphStore, ReplaceReport, StoreError
from graphbuild.storedump import EXPORT_FORMATS, dump_graphs, sorted_union
from graphbuild.vocab import GB, GBR, new_graph

DOC_A, DOC_B = GBR["doc-a"], GBR["doc-b"]
QUADS_A, QUADS_B = 73, 52
UNION_TRIPLES = 114
RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
               "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
# rdflib 7.6 warns about its own internals when parsing TriG, N-Quads and JSON-LD.
IGNORE_CONJUNCTIVE = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
IGNORE_DEFAULT_CONTEXT = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    with GraphStore(tmp_path / "store") as opened:
        opened.replace_documents(mini_quads())
        yield opened


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """A store holding mini.ttl, for tests that only read it."""
    with GraphStore(tmp_path_factory.mktemp("loaded") / "store") as opened:
        opened.replace_documents(mini_quads())
        yield opened


def exported(store: GraphStore, fmt: str) -> bytes:
    """One export of the store, written to a file as a build writes it, and read back."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"graph.{fmt}"
        store.export({fmt: path})
        return path.read_bytes()


def graph_quads(store: GraphStore, graph: rdflib.URIRef) -> set[str]:
    return {str(q) for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))}


def ask(store: GraphStore, sparql: str) -> bool:
    return bool(store.query(sparql))


def with_object(quads: list, old: rdflib.term.Node, new: rdflib.term.Node) -> list:
    return [(s, p, new if o == old else o, g) for s, p, o, g in quads]


def test_fixture_splits_mini_into_two_overlapping_graphs() -> None:
    quads = mini_quads()
    assert Counter(g for *_, g in quads) == {DOC_A: QUADS_A, DOC_B: QUADS_B}
    assert {(s, p, o) for s, p, o, _ in quads} == set(rdflib.Graph().parse(MINI))


def test_first_load_adds_every_document(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "new" / "store") as store:
        report = store.replace_documents(mini_quads())
        assert report == ReplaceReport(added=("a", "b"), replaced=(), unchanged=(),
                                       quads_loaded=QUADS_A + QUADS_B, quads_removed=0)
        assert str(report) == "2 documents added, 0 replaced, 0 unchanged (+125 / -0 quads)"
        assert store.quad_count() == QUADS_A + QUADS_B
        assert store.document_ids() == ["a", "b"]


def test_replacing_the_same_quads_changes_nothing(store: GraphStore) -> None:
    before = {fmt: exported(store, fmt) for fmt in EXPORT_FORMATS}
    report = store.replace_documents(mini_quads())
    assert report == ReplaceReport(added=(), replaced=(), unchanged=("a", "b"), quads_loaded=0, quads_removed=0)
    assert store.quad_count() == QUADS_A + QUADS_B
    assert {fmt: exported(store, fmt) for fmt in EXPORT_FORMATS} == before


def test_idempotence_survives_reopening(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "store") as store:
        store.replace_documents(mini_quads())
    with GraphStore(tmp_path / "store") as store:
        assert store.replace_documents(mini_quads()).unchanged == ("a", "b")
        assert store.quad_count() == QUADS_A + QUADS_B


def test_replacing_one_document_touches_only_its_graph(store: GraphStore) -> None:
    graph_a = graph_quads(store, DOC_A)
    changed = with_object([q for q in mini_quads() if q[3] == DOC_B], Literal(3000, datatype=XSD.integer),
                          Literal(4000, datatype=XSD.integer))
    report = store.replace_documents(changed)
    assert report == ReplaceReport(added=(), replaced=("b",), unchanged=(), quads_loaded=QUADS_B,
                                   quads_removed=QUADS_B)
    assert graph_quads(store, DOC_A) == graph_a
    assert ask(store, "ASK { gbr:event-d2 gb:quantity 4000 }")
    assert not ask(store, "ASK { gbr:event-d2 gb:quantity 3000 }")
    assert store.quad_count() == QUADS_A + QUADS_B


def test_a_new_document_is_added_beside_the_others(store: GraphStore) -> None:
    new_doc = GBR["doc-c"]
    quads = [(new_doc, rdflib.RDF.type, GB.Document, new_doc), (new_doc, GB.sourceFile, Literal("c.txt"), new_doc)]
    report = store.replace_documents(quads)
    assert (report.added, report.replaced, report.unchanged, report.quads_loaded) == (("c",), (), (), 2)
    assert store.document_ids() == ["a", "b", "c"]
    assert store.quad_count() == QUADS_A + QUADS_B + 2


def test_bulk_path_gives_the_same_store_as_the_transactional_one(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "small") as small, GraphStore(tmp_path / "bulk", bulk_threshold=1) as bulk:
        for target in (small, bulk):
            target.replace_documents(mini_quads())
            target.replace_documents(with_object(mini_quads(), Literal("a.txt"), Literal("a2.txt")))
        assert exported(bulk, "nq") == exported(small, "nq")
        assert bulk.quad_count() == QUADS_A + QUADS_B
        assert ask(bulk, 'ASK { gbr:doc-a gb:sourceFile "a2.txt" }')
        assert not ask(bulk, 'ASK { gbr:doc-a gb:sourceFile "a.txt" }')


def test_shared_entities_are_one_node_in_the_union(loaded: GraphStore) -> None:
    korea = ox.NamedNode(str(GBR["north-korea"]))
    typed = list(loaded.store.quads_for_pattern(korea, ox.NamedNode(str(rdflib.RDF.type)), None, None))
    assert sorted(q.graph_name.value for q in typed) == [str(DOC_A), str(DOC_B)]
    rows = list(loaded.query("SELECT DISTINCT ?c WHERE { gbr:north-korea a ?c }"))
    assert [row["c"].value for row in rows] == [str(GB.Country)]


@pytest.mark.parametrize("name", ["b", "b.txt", str(DOC_B)], ids=["id", "source-file", "iri"])
def test_remove_document(store: GraphStore, name: str) -> None:
    assert store.remove_document(name) == QUADS_B
    assert store.document_ids() == ["a"]
    assert store.quad_count() == QUADS_A
    assert not ask(store, "ASK { gbr:north-korea gb:denies ?event }")
    assert not ask(store, "ASK { gbr:event-d2 ?p ?o }")
    assert ask(store, 'ASK { gbr:north-korea rdfs:label "Korea Utara"@id }')
    assert store.replace_documents(mini_quads()).added == ("b",)


def test_remove_by_document_id_as_the_loader_writes_it(store: GraphStore) -> None:
    new_doc = document_iri("000_abc")
    store.replace_documents([(new_doc, GB.sourceFile, Literal("000_abc.txt"), new_doc)])
    assert store.remove_document("000_abc") == 1
    assert store.document_ids() == ["a", "b"]


def test_a_source_file_holding_several_documents_removes_them_all(store: GraphStore) -> None:
    store.replace_documents(with_object(mini_quads(), Literal("b.txt"), Literal("a.txt")))
    assert store.remove_document("a.txt") == QUADS_A + QUADS_B
    assert store.document_ids() == []


def test_replace_graph_sets_one_graph_and_drops_it_when_empty(store: GraphStore) -> None:
    links = str(GBR["graph-links"])
    store.replace_graph(links, [(DOC_A, GB.contradicts, DOC_B)])
    assert graph_quads(store, GBR["graph-links"]) == {f"<{DOC_A}> <{GB.contradicts}> <{DOC_B}> <{links}>"}
    store.replace_graph(links, [])
    assert graph_quads(store, GBR["graph-links"]) == set()
    assert store.quad_count() == QUADS_A + QUADS_B
    store.replace_graph(links, [])
    assert store.document_ids() == ["a", "b"]


def test_removing_an_unknown_document_is_an_error(store: GraphStore) -> None:
    with pytest.raises(StoreError, match=r"^no document 'nope' in store .*store \(give a document id") as info:
        store.remove_document("nope")
    assert "\n" not in str(info.value)
    assert store.quad_count() == QUADS_A + QUADS_B


def test_a_second_writer_in_this_process_is_refused(store: GraphStore) -> None:
    with pytest.raises(StoreError, match=r"^store .*store is locked") as info:
        GraphStore(store.path)
    assert "\n" not in str(info.value)


def test_a_second_writer_in_another_process_is_refused(store: GraphStore) -> None:
    script = ("import sys\nfrom graphbuild.store import GraphStore, StoreError\n"
              "try:\n    GraphStore(sys.argv[1])\nexcept StoreError as err:\n    print(err)\n    sys.exit(3)\n")
    done = subprocess.run([sys.executable, "-c", script, str(store.path)], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert done.stdout == (f"store {store.path} is locked by another process (a build or a server started "
                           "with --allow-update); stop it and retry\n")


def test_closing_releases_the_lock(tmp_path: Path) -> None:
    GraphStore(tmp_path / "store").close()
    with GraphStore(tmp_path / "store") as store:
        assert store.quad_count() == 0
    with pytest.raises(StoreError, match="is closed"):
        store.quad_count()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "store") as writer:
        writer.replace_documents(mini_quads())
    reader = GraphStore(tmp_path / "store", read_only=True)
    assert reader.quad_count() == QUADS_A + QUADS_B
    with pytest.raises(StoreError, match="open read-only"):
        reader.replace_documents(mini_quads())
    with pytest.raises(StoreError, match="open read-only"):
        reader.remove_document("a")


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"^no store at .*missing: build one first"):
        GraphStore(tmp_path / "missing", read_only=True)


@pytest.mark.parametrize("content", ["file", "folder"])
def test_only_an_empty_folder_or_a_store_is_opened(tmp_path: Path, content: str) -> None:
    if content == "file":
        (tmp_path / "store").write_text("x", encoding="utf-8")
        expected = "it is a file, not a folder"
    else:
        (tmp_path / "store").mkdir()
        (tmp_path / "store" / "graph.ttl").write_text("", encoding="utf-8")
        expected = "the folder is not empty and holds no store"
    with pytest.raises(StoreError, match=f"^cannot open store .*store: {expected}$"):
        GraphStore(tmp_path / "store")


def test_quads_need_a_named_graph(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "store") as store, pytest.raises(ValueError, match="needs a named graph"):
        store.replace_documents([(DOC_A, GB.sourceFile, Literal("a.txt"), None)])


@pytest.mark.parametrize("damage", ["{", '{"version": 1, "graphs": {}}'], ids=["corrupt", "stale"])
def test_a_damaged_sidecar_is_rebuilt_from_the_store(store: GraphStore, damage: str) -> None:
    (store.path / INDEX_FILE).write_text(damage, encoding="utf-8")
    assert store.replace_documents(mini_quads()).unchanged == ("a", "b")
    index = json.loads((store.path / INDEX_FILE).read_text(encoding="utf-8"))
    assert {iri: entry["quads"] for iri, entry in index["graphs"].items()} == {str(DOC_A): QUADS_A,
                                                                                 str(DOC_B): QUADS_B}


def test_an_update_makes_the_next_build_recheck_every_graph(store: GraphStore) -> None:
    store.update('INSERT DATA { GRAPH gbr:doc-a { gbr:extra rdfs:label "tambahan" } }')
    assert store.quad_count() == QUADS_A + QUADS_B + 1
    report = store.replace_documents(mini_quads())
    assert (report.replaced, report.unchanged) == (("a",), ("b",))
    assert store.quad_count() == QUADS_A + QUADS_B


def test_query_sees_the_union_with_the_project_prefixes(loaded: GraphStore) -> None:
    assert ask(loaded, "ASK { gbr:budi-santoso gb:claims gbr:event-d1 . gbr:north-korea gb:denies gbr:event-d2 }")
    with pytest.raises(SyntaxError):
        loaded.query("SELECT * WHERE { ?s ?p }")


def test_stats_counts_by_class_and_predicate(loaded: GraphStore) -> None:
    mini = new_graph().parse(MINI)
    predicates = Counter(mini.namespace_manager.normalizeUri(p) for p in mini.predicates())
    assert loaded.stats() == {
        "documents": 2,
        "quads": QUADS_A + QUADS_B,
        "triples": UNION_TRIPLES,
        "classes": {"gb:Assertion": 6, "gb:Country": 3, "gb:Deployment": 2, "gb:Document": 2,
                    "gb:Organization": 1, "gb:Person": 1, "gb:Place": 1, "gb:Withdrawal": 1},
        "predicates": dict(sorted(predicates.items(), key=lambda item: (-item[1], item[0]))),
    }
    assert loaded.stats()["predicates"]["rdf:type"] == 17


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@IGNORE_CONJUNCTIVE
@IGNORE_DEFAULT_CONTEXT
def test_exports_parse_back_with_the_same_count(loaded: GraphStore, fmt: str) -> None:
    data = exported(loaded, fmt)
    expected = QUADS_A + QUADS_B if fmt in ("trig", "nq") else UNION_TRIPLES
    assert len(list(ox.parse(data, format=RDF_FORMATS[fmt]))) == expected
    if fmt in ("trig", "nq"):
        parsed = rdflib.Dataset()
        parsed.parse(data=data, format=RDFLIB_FORMATS[fmt])
        assert sum(len(graph) for graph in parsed.graphs()) == expected
    else:
        assert len(rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])) == expected


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
@IGNORE_CONJUNCTIVE
def test_triple_exports_are_the_mini_graph(loaded: GraphStore, fmt: str) -> None:
    graph = rdflib.Graph().parse(data=exported(loaded, fmt), format=RDFLIB_FORMATS[fmt])
    assert isomorphic(graph, rdflib.Graph().parse(MINI))


def test_exports_do_not_depend_on_input_order(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "one") as one, GraphStore(tmp_path / "two") as two:
        one.replace_documents(mini_quads())
        two.replace_documents(reversed(mini_quads()))
        for fmt in EXPORT_FORMATS:
            assert exported(one, fmt) == exported(two, fmt), fmt


def test_turtle_export_is_sorted_with_a_prefix_block(loaded: GraphStore) -> None:
    lines = exported(loaded, "ttl").decode("utf-8").splitlines()
    prefixes = [line for line in lines if line.startswith("@prefix")]
    assert prefixes == sorted(prefixes) and lines[: len(prefixes)] == prefixes
    assert [p.split()[1] for p in prefixes] == ["gb:", "gbr:", "owl:", "prov:", "rdf:", "rdfs:", "schema:",
                                                "skos:", "xsd:"]
    subjects = [line.split()[0] for line in lines[len(prefixes):] if not line.startswith(("\t", " "))]
    assert subjects == sorted(subjects)
    assert lines[len(prefixes)] == "gbr:assertion-1 a gb:Assertion ;"


def expected_ntriples(store: GraphStore) -> list[str]:
    """The union's distinct triples as N-Triples lines, each subject's rdf:type first, then by line."""
    lines = {f"{ox.Triple(q.subject, q.predicate, q.object)} .\n" for q in store.store}
    rdf_type = f" <{rdflib.RDF.type}> "
    return sorted(lines, key=lambda line: line.replace(rdf_type, " \x01 ", 1))


def test_ntriples_export_is_the_sorted_distinct_union(loaded: GraphStore) -> None:
    lines = exported(loaded, "nt").decode("utf-8").splitlines(keepends=True)
    assert len(lines) == UNION_TRIPLES < QUADS_A + QUADS_B
    assert lines == expected_ntriples(loaded)
    assert lines[0] == f"<{GBR['assertion-1']}> <{rdflib.RDF.type}> <{GB.Assertion}> .\n"


def test_one_pass_dump_is_plain_trig_of_every_graph(loaded: GraphStore, tmp_path: Path) -> None:
    dump_graphs(loaded.store, tmp_path / "graphs.trig")
    lines = (tmp_path / "graphs.trig").read_text(encoding="utf-8").splitlines()
    assert sorted(line for line in lines if not line.startswith("<")) == [
        f"GRAPH <{DOC_A}> {{", f"GRAPH <{DOC_B}> {{", "}", "}"]
    parsed = ox.Dataset(ox.parse(path=str(tmp_path / "graphs.trig"), format=ox.RdfFormat.TRIG))
    assert parsed == ox.Dataset(loaded.store)


def test_external_sort_merges_small_runs_into_the_same_union(loaded: GraphStore, tmp_path: Path) -> None:
    """Runs of 7 lines: the 125 quads and 4 graph lines are spilled in 19 sorted runs, merged and deduplicated."""
    dump_graphs(loaded.store, tmp_path / "graphs.trig")
    assert sorted_union(tmp_path / "graphs.trig", tmp_path, tmp_path / "union.nt", chunk_lines=7) == UNION_TRIPLES
    assert (tmp_path / "union.nt").read_text(encoding="utf-8").splitlines(keepends=True) == expected_ntriples(loaded)
    assert {p.name for p in tmp_path.iterdir()} == {"graphs.trig", "union.nt", *(f"run-{i}.nt" for i in range(19))}


def test_several_formats_in_one_pass_with_the_triple_count(loaded: GraphStore, tmp_path: Path) -> None:
    targets = {fmt: tmp_path / f"graph.{fmt}" for fmt in ("ttl", "trig", "nq")}
    assert loaded.export(targets) == UNION_TRIPLES
    assert {fmt: path.read_bytes() for fmt, path in targets.items()} == {fmt: exported(loaded, fmt)
                                                                        for fmt in targets}
    assert loaded.export({"nq": tmp_path / "only.nq"}) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq", "graph.trig", "graph.ttl", "only.nq"]


def test_unknown_export_format(loaded: GraphStore) -> None:
    with pytest.raises(ValueError, match="unknown export format 'rdf': expected one of ttl, trig, nt, nq, jsonld"):
        exported(loaded, "rdf")


def test_rapper_accepts_the_turtle_export(loaded: GraphStore, tmp_path: Path) -> None:
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.skip("rapper not installed (Debian: apt-get install raptor2-utils)")
    path = tmp_path / "graph.ttl"
    path.write_bytes(exported(loaded, "ttl"))
    done = subprocess.run([rapper, "-c", "-i", "turtle", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"returned {UNION_TRIPLES} triples" in done.stderr


def graph_lines(store: GraphStore, graph: str) -> list[str]:
    """One graph's triples as the store keeps them for replacing: N-Triples lines without ' .', sorted."""
    return sorted(str(ox.Triple(q.subject, q.predicate, q.object))
                  for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))


def test_load_store_loads_every_batch_and_keeps_its_lines(loaded: GraphStore, tmp_path: Path) -> None:
    batches = [{str(DOC_A): set(graph_lines(loaded, str(DOC_A)))}, {str(DOC_B): set(graph_lines(loaded, str(DOC_B)))}]
    known = GraphLines(tmp_path / "lines.nt")
    with GraphStore(tmp_path / "store") as fresh:
        report = load_store(fresh, iter(batches), known)
        assert ox.Dataset(fresh.store) == ox.Dataset(loaded.store)
    assert (report.added, report.quads_loaded) == (("a", "b"), QUADS_A + QUADS_B)
    data = known.path.read_bytes()
    for graph in (DOC_A, DOC_B):
        start, length = known.spans[str(graph)]
        written = data[start:start + length].decode("utf-8")
        assert written == "".join(f"{line} .\n" for line in graph_lines(loaded, str(graph)))


def test_a_failed_load_stops_loading(tmp_path: Path) -> None:
    good = f"<{GBR['x']}> <{GB.trigger}> \"ok\""
    batches = iter([{str(GBR["doc-1"]): {good}}, {str(GBR["doc-2"]): {"<not a triple"}}, {str(GBR["doc-3"]): {good}},
                    {str(GBR["doc-4"]): {good}}])
    with GraphStore(tmp_path / "store") as fresh:
        with pytest.raises(SyntaxError):
            load_store(fresh, batches)
        assert fresh.document_ids() == ["1"]
    assert [*batches] == [{str(GBR["doc-4"]): {good}}]


def test_the_export_copies_the_graphs_it_knows(loaded: GraphStore, tmp_path: Path) -> None:
    """A graph the build just loaded is copied from its lines, not read back: lines that differ from
    the store's show which was used."""
    known = GraphLines(tmp_path / "lines.nt")
    stand_in = f"<{GBR['x']}> <{GB.trigger}> \"copied\""
    known.add({str(DOC_B): graph_text([stand_in])})
    dump_graphs(loaded.store, tmp_path / "graphs.trig", known)
    text = (tmp_path / "graphs.trig").read_text(encoding="utf-8")
    block_a = "".join(f"{line} .\n" for line in graph_lines(loaded, str(DOC_A)))
    assert text == f"GRAPH <{DOC_A}> {{\n{block_a}}}\nGRAPH <{DOC_B}> {{\n{stand_in} .\n}}\n"
