"""Exports: RDF parses back in rdflib and pyoxigraph, networks open in networkx, bytes repeat."""

from __future__ import annotations

import csv
import io
import random
import warnings
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal

from graphbuild.export import FORMATS, export, export_csv, export_quads
from graphbuild.networks import combined_network
from graphbuild.projection import read_tables
from graphbuild.vocab import GB, GBR

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
RDF_FORMATS = {"ttl": ("turtle", ox.RdfFormat.TURTLE), "nt": ("nt", ox.RdfFormat.N_TRIPLES),
               "trig": ("trig", ox.RdfFormat.TRIG), "jsonld": ("json-ld", ox.RdfFormat.JSON_LD)}


@pytest.fixture(scope="module")
def mini() -> Graph:
    return Graph().parse(MINI, format="turtle")


def rdflib_dataset(data: bytes, fmt: str) -> Dataset:
    """Parse with rdflib; its TriG and JSON-LD parsers warn about their own deprecated classes."""
    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.parse(data=data, format=fmt)
    return ds


def shuffled(graph: Graph, seed: int) -> Graph:
    triples = list(graph)
    random.Random(seed).shuffle(triples)
    out = Graph()
    for triple in triples:
        out.add(triple)
    return out


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_parses_back_with_the_same_triples(mini: Graph, fmt: str) -> None:
    data = export(mini, fmt)
    rdflib_format, ox_format = RDF_FORMATS[fmt]
    back = {quad[:3] for quad in rdflib_dataset(data, rdflib_format).quads((None, None, None, None))}
    assert len(back) == len(mini) == 114
    assert len(list(ox.parse(data, format=ox_format))) == 114
    assert back == set(mini)


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_graph_same_bytes(mini: Graph, fmt: str) -> None:
    assert export(shuffled(mini, 1), fmt) == export(shuffled(mini, 2), fmt) == export(mini, fmt)


def test_turtle_is_sorted_with_prefixes(mini: Graph) -> None:
    lines = export(mini, "ttl").decode("utf-8").splitlines()
    assert "@prefix gb: <https://w3id.org/graphbuild/ontology#> ." in lines
    subjects = [line.split()[0] for line in lines
                if line and not line[0].isspace() and not line.startswith("@")]
    assert subjects == sorted(subjects)
    assert subjects[0] == "gbr:assertion-1"


def test_blank_nodes_are_labelled_canonically() -> None:
    text = ('@prefix gb: <https://w3id.org/graphbuild/ontology#> .\n'
            '[] gb:evidence "x" ; gb:agent [ gb:role "y" ] .\n')
    first, second = Graph().parse(data=text, format="turtle"), Graph().parse(data=text, format="turtle")
    assert set(first) != set(second)
    for fmt in RDF_FORMATS:
        assert export(first, fmt) == export(second, fmt)


def test_trig_keeps_named_graphs() -> None:
    ds = Dataset()
    ds.graph(GBR["doc-a"]).add((GBR["a"], GB.role, Literal("Menteri")))
    ds.graph(GBR["doc-b"]).add((GBR["a"], GB.role, Literal("Menteri")))
    ds.graph(GBR["doc-b"]).add((GBR["b"], GB.role, Literal("Juru bicara", lang="id")))
    back = rdflib_dataset(export(ds, "trig"), "trig")
    assert sorted((str(g), str(s)) for s, _, _, g in back.quads((None, None, None, None))) == [
        (str(GBR["doc-a"]), str(GBR["a"])), (str(GBR["doc-b"]), str(GBR["a"])),
        (str(GBR["doc-b"]), str(GBR["b"]))]
    assert export(ds, "nt").decode("utf-8").count("\n") == 2


def test_export_quads_matches_export_of_the_dataset() -> None:
    quads = [(GBR["a"], GB.role, Literal("Menteri"), GBR["doc-a"]),
             (GBR["b"], GB.quantity, Literal(3000), GBR["doc-b"]),
             (GBR["b"], GB.evidence, Literal('kata "dia"\nlalu'), GBR["doc-b"])]
    ds = Dataset()
    for s, p, o, g in quads:
        ds.graph(g).add((s, p, o))
    for fmt in RDF_FORMATS:
        assert export_quads(reversed(quads), fmt) == export(ds, fmt)
    assert len(list(ox.parse(export_quads(quads, "trig"), format=ox.RdfFormat.TRIG))) == 3


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networks_open_in_networkx(mini: Graph, fmt: str) -> None:
    expected = combined_network(read_tables(mini))
    reader = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    back = reader(io.BytesIO(export(mini, fmt)))
    assert back.number_of_nodes() == expected.number_of_nodes() == 8
    assert back.number_of_edges() == expected.number_of_edges() == 9
    budi, korut = str(GBR["budi-santoso"]), str(GBR["north-korea"])
    assert back.nodes[korut]["label"] == "Korea Utara"
    assert back.nodes[korut]["class"] == "Country"
    edge = back.edges[budi, korut]
    assert (edge["predicate"], float(edge["weight"])) == ("accuses, claims, demands", 3.0)


def test_network_attributes_are_scalars(mini: Graph) -> None:
    net = combined_network(read_tables(mini))
    values = [v for _, data in net.nodes(data=True) for v in data.values()]
    values += [v for _, _, data in net.edges(data=True) for v in data.values()]
    assert values and all(isinstance(v, str | int) and v != "" for v in values)
    assert all(set(data) == {"label", "class"} for _, data in net.nodes(data=True))
    assert all(set(data) == {"predicate", "weight"} for _, _, data in net.edges(data=True))


def test_gexf_has_no_date_stamp(mini: Graph) -> None:
    assert b"lastmodifieddate" not in export(mini, "gexf")


def test_csv(mini: Graph) -> None:
    nodes, edges = export_csv(mini)
    node_rows = list(csv.reader(io.StringIO(nodes)))
    edge_rows = list(csv.reader(io.StringIO(edges)))
    assert node_rows[0] == ["Id", "Label", "Class"]
    assert edge_rows[0] == ["Source", "Target", "Type", "Predicate", "Weight"]
    assert (len(node_rows), len(edge_rows)) == (9, 10)
    assert [str(GBR["north-korea"]), "Korea Utara", "Country"] in node_rows
    budi, korut = str(GBR["budi-santoso"]), str(GBR["north-korea"])
    assert [budi, korut, "Directed", "accuses, claims, demands", "3"] in edge_rows
    assert export(mini, "nodes_csv") == nodes.encode("utf-8")
    assert export(mini, "edges_csv") == edges.encode("utf-8")


def test_unknown_format_names_the_formats(mini: Graph) -> None:
    with pytest.raises(ValueError) as err:
        export(mini, "xml")
    message = str(err.value)
    assert "\n" not in message
    assert message == "unknown export format 'xml'; formats: " + ", ".join(FORMATS)
    with pytest.raises(ValueError, match="unknown RDF export format 'gexf'"):
        export_quads([], "gexf")


def test_blank_node_subjects_do_not_break_networks() -> None:
    g = Graph()
    g.add((BNode(), GB.role, Literal("x")))
    assert export_csv(g) == ("Id,Label,Class\n", "Source,Target,Type,Predicate,Weight\n")


def test_pyoxigraph_store_exports_like_the_rdflib_graph(mini: Graph) -> None:
    store = ox.Store()
    store.load(path=str(MINI), format=ox.RdfFormat.TURTLE)
    for fmt in FORMATS:
        assert export(store, fmt) == export(mini, fmt)
