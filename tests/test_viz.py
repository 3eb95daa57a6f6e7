"""The interactive HTML graph, read back from the page's own data (no browser here)."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS
from synthetic import synthetic_graph

from graphbuild.model import ENTITY_TYPES, EVENT_TYPES, SPEECH_ACTS
from graphbuild.viz import render_html
from graphbuild.viz_data import EDGE_PREDICATES, load_style
from graphbuild.vocab import GB, GBR

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
D1 = "pengerahan pasukan (Korea Utara)"
D2 = "pengiriman pasukan (Korea Utara)"
W1 = "penarikan pasukan (Korea Utara)"
EXPECTED_NODES = {
    "Budi Santoso": "Person", "Kabar Harian": "Organization", "Korea Utara": "Country", "Rusia": "Country",
    "Amerika Serikat": "Country", "Kursk": "Place", D1: "Deployment", D2: "Deployment", W1: "Withdrawal",
}
EXPECTED_EDGES = sorted([
    ("Budi Santoso", "claims", D1), ("Korea Utara", "denies", D2), ("Rusia", "does not confirm", D2),
    ("Budi Santoso", "demands", W1), ("Budi Santoso", "accuses", "Korea Utara"),
    ("Korea Utara", "cooperates with (hedged)", "Rusia"), ("Korea Utara", "is agent of", D1),
    ("Korea Utara", "is agent of", D2), ("Korea Utara", "is agent of", W1), (D1, "targets", "Rusia"),
    (D1, "takes place in", "Kursk"), ("Budi Santoso", "is affiliated with", "Amerika Serikat"),
])
_DATASET = re.compile(r"(nodes|edges) = new vis\.DataSet\((.*?)\);\n")
_CONFIG = re.compile(r'<script type="application/json" id="gb-config">(.*?)</script>', re.S)


def mini() -> rdflib.Graph:
    """The hand-written fixture graph, freshly parsed."""
    return rdflib.Graph().parse(MINI)


def datasets(page: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The node and edge lists the page hands to vis-network."""
    found = dict((name, json.loads(data)) for name, data in _DATASET.findall(page))
    return found["nodes"], found["edges"]


def config(page: str) -> dict[str, Any]:
    """The JSON configuration viz.js reads."""
    return json.loads(_CONFIG.search(page).group(1))


def drawn_edges(page: str) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Edges keyed by (start label, edge label, end label)."""
    nodes, edges = datasets(page)
    label = {n["id"]: n["label"] for n in nodes}
    return {(label[e["from"]], e["label"], label[e["to"]]): e for e in edges}


class _References(HTMLParser):
    """Collects every src/href attribute value of the page's tags."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.references += [value or "" for name, value in attrs if name in ("src", "href")]


def test_nodes_are_the_fixture_entities_and_events() -> None:
    nodes, _ = datasets(render_html(mini(), "Mini"))
    assert {n["label"]: n["cls"] for n in nodes} == EXPECTED_NODES
    assert len(nodes) == len(EXPECTED_NODES)


def test_edges_are_the_fixture_relations_in_plain_words() -> None:
    _, edges = datasets(page := render_html(mini(), "Mini"))
    assert sorted(drawn_edges(page)) == EXPECTED_EDGES
    assert len(edges) == len(EXPECTED_EDGES)


def test_negated_edge_is_dashed_and_hedged_edge_dotted_and_faded() -> None:
    edges = drawn_edges(render_html(mini(), "Mini"))
    negated = edges[("Rusia", "does not confirm", D2)]
    assert (negated["dashes"], negated["neg"], negated["pred"]) == ([8, 6], True, "confirms")
    assert negated["ev"] == "Rusia belum mengonfirmasi kiriman itu."
    hedged = edges[("Korea Utara", "cooperates with (hedged)", "Rusia")]
    assert (hedged["dashes"], hedged["hed"], hedged["color"]["opacity"]) == ([2, 5], True, 0.45)
    assert hedged["arrows"] == {"to": {"enabled": False}}
    plain = edges[("Korea Utara", "denies", D2)]
    assert (plain["dashes"], plain["neg"], plain["hed"]) == (False, False, False)
    assert plain["color"] == {"color": "#d62728", "highlight": "#d62728", "hover": "#d62728", "opacity": 1.0}


def test_tooltip_data_names_aliases_roles_wikidata_evidence_sources() -> None:
    page = render_html(mini(), "Mini")
    nodes, _ = datasets(page)
    by_label = {n["label"]: n for n in nodes}
    korea = by_label["Korea Utara"]
    assert (korea["en"], korea["aliases"], korea["sameAs"]) == (
        "North Korea", ["Korut", "Pyongyang"], ["http://www.wikidata.org/entity/Q423"])
    budi = by_label["Budi Santoso"]
    assert (budi["role"], budi["aliases"], budi["sameAs"]) == ("Menteri Pertahanan", ["Santoso"], [])
    assert korea["deg"] == 6
    documents = config(page)["documents"]
    assert documents == [["a.txt", "Korut Bantah Kirim Pasukan"], ["b.txt", ""]]
    denies = drawn_edges(page)[("Korea Utara", "denies", D2)]
    assert denies["ev"] == "Pyongyang membantah mengirim hingga 3.000 pasukan <script>alert(1)</script>."
    sources = [documents[i][0] for i in denies["src"]]
    assert (sources, denies["conf"], denies["ext"]) == (["b.txt"], 0.8, "speech-act")


def test_direct_triples_are_filtered_by_their_events_documents() -> None:
    edges = drawn_edges(render_html(mini(), "Mini"))
    assert edges[("Korea Utara", "is agent of", D1)]["docs"] == [0]
    assert edges[("Korea Utara", "is agent of", D2)]["docs"] == [1]
    assert edges[(D1, "takes place in", "Kursk")]["docs"] == [0]
    assert edges[("Budi Santoso", "is affiliated with", "Amerika Serikat")]["docs"] == [0]
    assert (edges[(D1, "targets", "Rusia")]["src"], edges[(D1, "targets", "Rusia")]["asr"]) == ([], False)


def test_header_shows_title_counts_and_legend() -> None:
    page = render_html(mini(), "Korut & Rusia")
    assert "<title>Korut &amp; Rusia</title>" in page
    assert '<h1 id="gb-title">Korut &amp; Rusia</h1>' in page
    assert '<div id="gb-counts">9 nodes · 12 edges · 2 documents</div>' in page
    assert "gb-cap" not in page.split("<header", 1)[1].split("</header>", 1)[0]
    legend = re.findall(r'class="gb-(class|pred)" value="(\w+)"', page)
    assert [v for k, v in legend if k == "class"] == [
        "Person", "Organization", "Country", "Place", "Deployment", "Withdrawal"]
    assert [v for k, v in legend if k == "pred"] == [
        "claims", "denies", "confirms", "demands", "accuses", "agent", "target", "location", "affiliatedWith",
        "cooperatesWith"]


def test_no_reference_to_any_other_host() -> None:
    page = render_html(mini(), "Mini")
    parser = _References()
    parser.feed(page)
    assert parser.references == []
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", page, re.I)
    assert "cdn.jsdelivr.net" not in page and "cdnjs.cloudflare.com" not in page
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", page) and "@import" not in page
    assert page.startswith("<!DOCTYPE html>\n")


def test_same_graph_gives_byte_identical_html() -> None:
    assert render_html(mini(), "Mini") == render_html(mini(), "Mini")
    big = synthetic_graph(400, seed=3)
    assert render_html(big, "Big") == render_html(big, "Big")


def test_blank_nodes_render_identically_twice() -> None:
    graph = mini()
    speaker = rdflib.BNode()
    graph.add((speaker, RDF.type, GB.Person))
    graph.add((speaker, RDFS.label, Literal("Juru bicara tanpa nama")))
    graph.add((speaker, GB.condemns, GBR["north-korea"]))
    page = render_html(graph, "Mini")
    assert page == render_html(graph, "Mini")
    assert ("Juru bicara tanpa nama", "condemns", "Korea Utara") in drawn_edges(page)


def test_untyped_endpoint_is_drawn_and_a_reverse_cooperation_is_not_doubled() -> None:
    graph = mini()
    graph.add((GBR["budi-santoso"], GB.warns, GBR["mystery"]))
    graph.add((GBR["russia"], GB.cooperatesWith, GBR["north-korea"]))
    page = render_html(graph, "Mini")
    nodes, _ = datasets(page)
    assert {n["label"]: n["cls"] for n in nodes}["mystery"] == "Other"
    edges = drawn_edges(page)
    assert ("Budi Santoso", "warns", "mystery") in edges
    cooperation = [key for key in edges if "cooperates" in key[1]]
    assert cooperation == [("Korea Utara", "cooperates with (hedged)", "Rusia")]
    assert 'value="Other" checked><span class="gb-swatch gb-shape-dot" style="--c: #d3d3d3"></span>' in page


def test_layout_leaves_the_global_random_generator_alone() -> None:
    random.seed(7)
    expected = random.random()
    random.seed(7)
    render_html(mini(), "Mini")
    assert random.random() == expected


def test_untrusted_text_never_reaches_the_page_as_markup() -> None:
    graph = mini()
    person = GBR["hostile"]
    assertion = GBR["assertion-hostile"]
    graph.add((person, RDF.type, GB.Person))
    graph.add((person, RDFS.label, Literal('"><img src=x onerror=alert(1)>')))
    for p, o in ((RDF.type, GB.Assertion), (RDF.subject, person), (RDF.predicate, GB.accuses),
                 (RDF.object, GBR["russia"]), (PROV.wasDerivedFrom, GBR["doc-a"]),
                 (GB.evidence, Literal("</script><!-- <script>window.__pwned=1</script>"))):
        graph.add((assertion, p, o))
    page = render_html(graph, "</title><script>alert(2)</script>")
    for raw in ("<script>alert(1)</script>", "<img src=x", "</script><!--", "<script>window.__pwned",
                "<script>alert(2)</script>"):
        assert raw not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>" in page
    assert drawn_edges(page)[('"><img src=x onerror=alert(1)>', "accuses", "Rusia")]["ev"] == (
        "</script><!-- <script>window.__pwned=1</script>")
    assert page.count("<script") == render_html(mini(), "Mini").count("<script")


def test_cap_keeps_the_most_central_nodes_and_says_so() -> None:
    page = render_html(mini(), "Mini", max_nodes=3)
    nodes, edges = datasets(page)
    assert sorted(n["label"] for n in nodes) == ["Budi Santoso", "Korea Utara", D1]
    assert sorted(drawn_edges(page)) == [
        ("Budi Santoso", "accuses", "Korea Utara"),
        ("Budi Santoso", "claims", D1),
        ("Korea Utara", "is agent of", D1),
    ]
    assert '<div id="gb-cap">Showing the 3 most connected of 9 nodes (degree centrality).</div>' in page
    assert '<div id="gb-counts">3 nodes · 3 edges · 2 documents</div>' in page


def test_small_graph_gets_physics_large_graph_fixed_positions() -> None:
    small = render_html(mini(), "Mini")
    assert config(small)["physics"]["enabled"] is True
    large = render_html(synthetic_graph(400, seed=1), "Large")
    assert config(large)["physics"] is None
    nodes, _ = datasets(large)
    assert len(nodes) == 400
    assert len({(n["x"], n["y"]) for n in nodes}) == 400
    assert '"smooth": false' in large and '"hideEdgesOnDrag": true' in large


def test_empty_graph_renders() -> None:
    page = render_html(rdflib.Graph(), "Empty")
    assert datasets(page) == ([], [])
    assert '<div id="gb-counts">0 nodes · 0 edges · 0 documents</div>' in page


@pytest.mark.parametrize("name", [*ENTITY_TYPES, *EVENT_TYPES, "Event"])
def test_every_drawn_class_has_a_style(name: str) -> None:
    """The style's classes are the classes read and drawn."""
    look = load_style()["classes"][name]
    assert set(look) >= {"label", "colour", "shape"}
    assert look.get("event", False) is (name in EVENT_TYPES or name == "Event")


STRUCTURAL = ("agent", "target", "location", "affiliatedWith", "cooperatesWith")


@pytest.mark.parametrize("name", [*SPEECH_ACTS, *STRUCTURAL])
def test_every_drawn_predicate_has_words_and_a_query_line(name: str) -> None:
    rule = load_style()["predicates"][name]
    assert rule["label"] and rule["negated"] and re.fullmatch(r"#[0-9a-f]{6}", rule["colour"])
    assert name in EDGE_PREDICATES
