"""Invariants of the whole build (issue: determinism and idempotence, robust literals).

- building a random mix of documents, in any order, gives isomorphic graphs;
- re-ingesting documents into a store adds nothing;
- literals with quotes, newlines and backslashes survive Turtle, N-Triples and JSON-LD.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graphbuild.export import export
from graphbuild.pipeline import build_graph
from graphbuild.store import GraphStore

ARTICLES = {
    "a.txt": "Korea Utara membantah mengirim 3.000 tentara ke Rusia, kata juru bicara Kremlin Dmitry Peskov.\n",
    "b.txt": "Menteri Pertahanan Jepang Taro Yamada mendesak Korut menarik pasukannya dari Rusia.\n",
    "c.txt": "“Kami tidak pernah mengirim pasukan,” ujar Duta Besar Iran untuk PBB Reza Karimi.\n",
    "d.txt": "Filipina menuduh China mengirim kapal perang ke Laut China Selatan. Beijing membantahnya.\n",
    "e.txt": "Rusia tidak menyangkal kehadiran tentara Korea Utara di wilayah Kursk.\n",
}


def _graph(folder: Path, names: list[str]) -> Graph:
    for name in names:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return build_graph([folder]).graph


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(sorted(ARTICLES)), min_size=1, max_size=5, unique=True), st.randoms())
def test_any_order_gives_an_isomorphic_graph(tmp_path_factory, names: list[str], rnd) -> None:
    shuffled = list(names)
    rnd.shuffle(shuffled)
    one = _graph(tmp_path_factory.mktemp("one"), names)
    two = _graph(tmp_path_factory.mktemp("two"), shuffled)
    assert isomorphic(one, two)


def test_reingesting_adds_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    quads = build_graph([folder]).quads
    with GraphStore(tmp_path / "store") as store:
        store.replace_documents(quads)
        before = store.quad_count()
        report = store.replace_documents(build_graph([folder]).quads)
        assert (store.quad_count(), report.quads_loaded, len(report.unchanged)) == (before, 0, len(ARTICLES))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_literals_round_trip(value: str) -> None:
    graph = Graph()
    graph.add((URIRef("https://w3id.org/graphbuild/resource/x"), URIRef("https://w3id.org/graphbuild/ontology#evidence"),
               Literal('"' + value + '"\n\\ <script>')))
    for fmt, ox_format in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                           ("jsonld", ox.RdfFormat.JSON_LD)):
        data = export(graph, fmt)
        back = {str(t.object.value) for t in ox.parse(data, format=ox_format)}
        assert back == {'"' + value + '"\n\\ <script>'}, fmt
