"""Analysis of the hand-written mini graph and of small graphs built here: exact rows."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS, XSD

from graphbuild.analysis import analyze, betweenness, key_actors, pagerank
from graphbuild.contradictions import as_triples, find_contradictions
from graphbuild.networks import actor_network, claim_network
from graphbuild.projection import read_tables
from graphbuild.query import to_store
from graphbuild.vocab import GB, GBR

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
KU = str(GBR["north-korea"])
BUDI = str(GBR["budi-santoso"])
RU = str(GBR["russia"])
US = str(GBR["united-states"])
CLAIM_1 = "Menteri Pertahanan Budi Santoso mengatakan sekitar 10.000 tentara Korut dikirim ke Kursk."
DENIAL_2 = "Pyongyang membantah mengirim hingga 3.000 pasukan <script>alert(1)</script>."


@pytest.fixture(scope="module")
def mini() -> Graph:
    return Graph().parse(MINI, format="turtle")


@pytest.fixture(scope="module")
def found(mini: Graph) -> dict:
    return analyze(mini)


def actor(graph: Graph, key: str, label: str, cls: URIRef = GB.Country) -> URIRef:
    iri = GBR[key]
    graph.add((iri, RDF.type, cls))
    graph.add((iri, RDFS.label, Literal(label, lang="id")))
    return iri


def event(graph: Graph, key: str, cls: URIRef, agent: URIRef | None, quantity: int | None = None,
          qualifier: str = "about", unit: str | None = None) -> URIRef:
    iri = GBR[f"event-{key}"]
    graph.add((iri, RDF.type, cls))
    graph.add((iri, RDF.type, GB.Event))
    if agent is not None:
        graph.add((iri, GB.agent, agent))
    if quantity is not None:
        graph.add((iri, GB.quantity, Literal(quantity)))
        graph.add((iri, GB.quantityQualifier, Literal(qualifier)))
    if unit:
        graph.add((iri, GB.unit, Literal(unit)))
    return iri


def say(graph: Graph, key: str, speaker: URIRef, act: URIRef, obj: URIRef, doc: str = "d1",
        negated: bool = False, hedged: bool = False) -> URIRef:
    """A statement the way the builder writes it: direct triple (unless negated) plus its assertion."""
    iri = GBR[f"assertion-{key}"]
    document = GBR[f"doc-{doc}"]
    graph.add((document, RDF.type, GB.Document))
    graph.add((document, GB.sourceFile, Literal(f"{doc}.txt")))
    if not negated:
        graph.add((speaker, act, obj))
    for p, o in ((RDF.type, GB.Assertion), (RDF.subject, speaker), (RDF.predicate, act), (RDF.object, obj),
                 (PROV.wasDerivedFrom, document), (GB.evidence, Literal(f"Kalimat {key}."))):
        graph.add((iri, p, o))
    if negated:
        graph.add((iri, GB.negated, Literal(True)))
    if hedged:
        graph.add((iri, GB.hedged, Literal(True)))
    return iri


def test_counts(found: dict) -> None:
    assert found["counts"] == {
        "triples": 114, "documents": 2,
        "entities": {"Person": 1, "Organization": 1, "Country": 3, "Place": 1},
        "events": {"Deployment": 2, "Withdrawal": 1, "Attack": 0, "MilitaryAid": 0, "Cooperation": 0,
                   "Meeting": 0, "Sanction": 0, "Event": 0},
        "speech_acts": {"states": 0, "claims": 1, "denies": 1, "confirms": 0, "demands": 1, "warns": 0,
                        "condemns": 0, "accuses": 1, "defends": 0},
        "assertions": 6, "negated": 1, "hedged": 1,
        "actor_network": {"nodes": 5, "edges": 3},
    }


def test_denial_by_korea_utara(found: dict) -> None:
    assert found["denials"] == [{
        "assertion": str(GBR["assertion-2"]), "speaker": KU, "speaker_label": "Korea Utara",
        "predicate": "denies", "document": "b.txt", "evidence": DENIAL_2, "hedged": False,
        "object": str(GBR["event-d2"]), "object_label": "pengiriman pasukan (Korea Utara)",
        "event_class": "Deployment", "agents": [KU], "agent_labels": ["Korea Utara"], "target_labels": [],
        "quantity": 3000, "qualifier": "up to",
    }]


def test_demand_by_budi_santoso(found: dict) -> None:
    (row,) = found["demands"]
    assert (row["speaker_label"], row["event_class"], row["agent_labels"], row["document"]) == (
        "Budi Santoso", "Withdrawal", ["Korea Utara"], "a.txt")
    assert row["evidence"] == "Santoso mendesak Korut menarik pasukannya."


def test_claimed_figures(found: dict) -> None:
    rows = [(r["claimant_label"], r["predicate"], r["event_class"], r["agent_labels"], r["quantity"],
             r["qualifier"], r["unit"], r["document"]) for r in found["figures"]]
    assert rows == [("Korea Utara", "denies", "Deployment", ["Korea Utara"], 3000, "up to", None, "b.txt"),
                    ("Budi Santoso", "claims", "Deployment", ["Korea Utara"], 10000, "about", None, "a.txt")]


def test_conflicting_figures(found: dict) -> None:
    (group,) = found["conflicting_figures"]
    assert (group["event_class"], group["agent"], group["agent_label"], group["unit"]) == (
        "Deployment", KU, "Korea Utara", "")
    assert group["quantities"] == [3000, 10000]
    assert [(f["quantity"], f["qualifier"], f["claimant_label"], f["document"], f["evidence"])
            for f in group["figures"]] == [(3000, "up to", "Korea Utara", "b.txt", DENIAL_2),
                                           (10000, "about", "Budi Santoso", "a.txt", CLAIM_1)]


def contradiction_triples(graph: Graph) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    store = to_store(graph)
    tables = read_tables(store)
    return as_triples(find_contradictions(tables).links, tables, store)


def test_one_contradiction_claim_against_denial(found: dict) -> None:
    (row,) = found["contradictions"]
    assert (row["event_class"], row["agent"], row["via"], row["pairs"], row["claims"], row["denials"]) == (
        "Deployment", KU, "same class and agent", 1, 1, 1)
    assert row["claimed_by"] == [{"speaker": BUDI, "speaker_label": "Budi Santoso", "count": 1}]
    assert row["denied_by"] == [{"speaker": KU, "speaker_label": "Korea Utara", "count": 1}]
    (example,) = row["examples"]
    assert (example["claim"]["assertion"], example["claim"]["speaker_label"], example["claim"]["predicate"],
            example["claim"]["document"], example["claim"]["evidence"], example["claim"]["quantity"]) == (
        str(GBR["assertion-1"]), "Budi Santoso", "claims", "a.txt", CLAIM_1, 10000)
    assert (example["denial"]["assertion"], example["denial"]["speaker_label"], example["denial"]["document"],
            example["denial"]["evidence"], example["denial"]["quantity"]) == (
        str(GBR["assertion-2"]), "Korea Utara", "b.txt", DENIAL_2, 3000)


def test_contradiction_triples(mini: Graph) -> None:
    """The link, then each side's speaker and document by the names the contradictions query shows."""
    claim, denial = GBR["assertion-1"], GBR["assertion-2"]
    assert contradiction_triples(mini) == [
        (claim, GB.contradicts, denial),
        (claim, GB.speakerName, Literal("Budi Santoso")), (claim, GB.documentName, Literal("a.txt")),
        (denial, GB.speakerName, Literal("Korea Utara")), (denial, GB.documentName, Literal("b.txt"))]


def test_side_names_are_those_a_query_shows_not_the_tables_label() -> None:
    """Every Indonesian label, else every English one, else every untagged one, else the IRI's last
    segment (a blank node has none); the tables' one label prefers an untagged label to an English one.
    A document without a source file is named by its IRI's last segment."""
    g = Graph()
    b = actor(g, "b", "Negara B")
    labels = {GBR["en"]: [Literal("English", lang="en"), Literal("untagged")],
              GBR["many"]: [Literal("Satu", lang="id"), Literal("Dua", lang="id"), Literal("One", lang="en")],
              GBR["bare"]: [], BNode(): [Literal("Anonim", lang="id")], BNode(): []}
    for i, (speaker, act) in enumerate(zip(labels, (GB.claims, GB.states, GB.denies, GB.denies, GB.denies),
                                           strict=True), 1):
        g.add((speaker, RDF.type, GB.Country))
        for label in labels[speaker]:
            g.add((speaker, RDFS.label, label))
        say(g, str(i), speaker, act, event(g, str(i), GB.Attack, b), doc=f"d{i}")
    g.remove((GBR["doc-d3"], GB.sourceFile, None))
    assert read_tables(g).label(str(GBR["en"])) == "untagged"
    a = {i: GBR[f"assertion-{i}"] for i in range(1, 6)}
    assert contradiction_triples(g) == [
        (a[1], GB.contradicts, a[4]), (a[2], GB.contradicts, a[3]), (a[2], GB.contradicts, a[4]),
        (a[2], GB.contradicts, a[5]),
        (a[1], GB.speakerName, Literal("English")), (a[1], GB.documentName, Literal("d1.txt")),
        (a[2], GB.speakerName, Literal("Dua")), (a[2], GB.speakerName, Literal("Satu")),
        (a[2], GB.documentName, Literal("d2.txt")),
        (a[3], GB.speakerName, Literal("bare")), (a[3], GB.documentName, Literal("doc-d3")),
        (a[4], GB.speakerName, Literal("Anonim")), (a[4], GB.documentName, Literal("d4.txt")),
        (a[5], GB.documentName, Literal("d5.txt"))]


def test_given_contradictions_are_reported_not_recomputed(mini: Graph) -> None:
    tables = read_tables(mini)
    found = find_contradictions(tables)
    assert analyze(tables, found)["contradictions"] is found.groups


def test_negated_confirmation_is_not_a_confirmation(mini: Graph) -> None:
    """Rusia "belum mengonfirmasi": negated, so no second claimant; unnegated, there is one."""
    confirmed = Graph()
    for triple in mini:
        confirmed.add(triple)
    confirmed.remove((GBR["assertion-5"], GB.negated, None))
    confirmed.add((GBR["russia"], GB.confirms, GBR["event-d2"]))
    (row,) = analyze(confirmed)["contradictions"]
    assert (row["pairs"], [s["speaker_label"] for s in row["claimed_by"]]) == (2, ["Budi Santoso", "Rusia"])
    assert [example["claim"]["speaker_label"] for example in row["examples"]] == ["Budi Santoso", "Rusia"]
    (row,) = analyze(mini)["contradictions"]
    assert [s["speaker_label"] for s in row["claimed_by"]] == ["Budi Santoso"]


def test_negated_denial_contradicts_nothing() -> None:
    g = Graph()
    a, b = actor(g, "a", "Negara A"), actor(g, "b", "Negara B")
    say(g, "1", a, GB.claims, event(g, "1", GB.Attack, b))
    say(g, "2", b, GB.denies, event(g, "2", GB.Attack, b), negated=True)
    assert analyze(g)["contradictions"] == []
    assert contradiction_triples(g) == []


def test_same_speaker_or_other_class_is_no_contradiction() -> None:
    g = Graph()
    a, b = actor(g, "a", "Negara A"), actor(g, "b", "Negara B")
    say(g, "1", b, GB.claims, event(g, "1", GB.Attack, b))
    say(g, "2", b, GB.denies, event(g, "2", GB.Attack, b))
    say(g, "3", a, GB.warns, event(g, "3", GB.Deployment, b))
    assert analyze(g)["contradictions"] == []


def test_same_event_as_links_different_agents() -> None:
    g = Graph()
    a, b, c = actor(g, "a", "Negara A"), actor(g, "b", "Negara B"), actor(g, "c", "Negara C")
    claimed, denied = event(g, "1", GB.Attack, b), event(g, "2", GB.Attack, c)
    say(g, "1", a, GB.states, claimed)
    say(g, "2", c, GB.denies, denied)
    assert analyze(g)["contradictions"] == []
    g.add((denied, GB.sameEventAs, claimed))
    (row,) = analyze(g)["contradictions"]
    assert (row["via"], row["agent_label"], row["pairs"], row["examples"][0]["claim"]["predicate"]) == (
        "sameEventAs", "Negara B", 1, "states")
    one, two = GBR["assertion-1"], GBR["assertion-2"]
    assert contradiction_triples(g) == [
        (one, GB.contradicts, two),
        (one, GB.speakerName, Literal("Negara A")), (one, GB.documentName, Literal("d1.txt")),
        (two, GB.speakerName, Literal("Negara C")), (two, GB.documentName, Literal("d1.txt"))]


def test_many_claims_and_denials_are_counted_and_linked_a_few_times_each() -> None:
    """Five speakers claim an Attack by B, four deny one: 20 pairs, one group; each assertion
    is linked to at most `limit` of the other side, the first in speaker order, not to all of them."""
    g = Graph()
    b = actor(g, "b", "Negara B")
    claimers = [actor(g, f"c{i}", f"Negara C{i}") for i in range(5)]
    deniers = [actor(g, f"d{i}", f"Negara D{i}") for i in range(4)]
    for i, speaker in enumerate(claimers):
        say(g, f"c{i}", speaker, GB.claims, event(g, f"c{i}", GB.Attack, b), doc=f"c{i}")
    for i, speaker in enumerate(deniers):
        say(g, f"d{i}", speaker, GB.denies, event(g, f"d{i}", GB.Attack, b), doc=f"d{i}")
    say(g, "d0-again", deniers[0], GB.claims, event(g, "d0-again", GB.Attack, b), doc="d0")
    found = find_contradictions(read_tables(g), limit=3)
    (row,) = found.groups
    assert (row["pairs"], row["claims"], row["denials"]) == (6 * 4 - 1, 6, 4)
    assert [(s["speaker_label"], s["count"]) for s in row["claimed_by"]] == [
        ("Negara C0", 1), ("Negara C1", 1), ("Negara C2", 1), ("Negara C3", 1), ("Negara C4", 1)]
    claim, denial = (lambda key: str(GBR[f"assertion-c{key}"])), (lambda key: str(GBR[f"assertion-d{key}"]))
    assert found.links == sorted(
        [(claim(i), denial(j)) for i in range(5) for j in range(3)]
        + [(claim(i), denial(3)) for i in range(3)]
        + [(str(GBR["assertion-d0-again"]), denial(j)) for j in (1, 2, 3)])
    assert [(e["claim"]["speaker_label"], e["denial"]["speaker_label"]) for e in row["examples"]] == [
        ("Negara C0", "Negara D0"), ("Negara C0", "Negara D1"), ("Negara C0", "Negara D2")]
    by_default = find_contradictions(read_tables(g))
    assert [{**r, "examples": []} for r in by_default.groups] == [{**row, "examples": []}]
    assert by_default.links == sorted([(claim(0), denial(j)) for j in range(4)]
                                      + [(claim(i), denial(0)) for i in range(1, 5)]
                                      + [(str(GBR["assertion-d0-again"]), denial(1))])


def test_three_claimed_troop_counts_conflict() -> None:
    g = Graph()
    ku, us, kr, ua = (actor(g, k, v) for k, v in (("ku", "Korea Utara"), ("us", "Amerika Serikat"),
                                                   ("kr", "Korea Selatan"), ("ua", "Ukraina")))
    say(g, "1", us, GB.claims, event(g, "1", GB.Deployment, ku, 10000), doc="a")
    say(g, "2", kr, GB.states, event(g, "2", GB.Deployment, ku, 12000, "at least"), doc="b")
    say(g, "3", ua, GB.claims, event(g, "3", GB.Deployment, ku, 1500, "up to"), doc="c")
    say(g, "4", ua, GB.claims, event(g, "4", GB.MilitaryAid, ku, 500, unit="drones"), doc="c")
    say(g, "5", us, GB.claims, event(g, "5", GB.MilitaryAid, ku, 900, unit="containers"), doc="a")
    (group,) = analyze(g)["conflicting_figures"]
    assert group["quantities"] == [1500, 10000, 12000]
    assert [(f["claimant_label"], f["qualifier"], f["document"]) for f in group["figures"]] == [
        ("Ukraina", "up to", "c.txt"), ("Amerika Serikat", "about", "a.txt"),
        ("Korea Selatan", "at least", "b.txt")]


def test_figure_without_speaker_and_unit() -> None:
    g = Graph()
    ku = actor(g, "ku", "Korea Utara")
    event(g, "1", GB.MilitaryAid, ku, 500, "exactly", unit="drones")
    (row,) = analyze(g)["figures"]
    assert (row["claimant"], row["predicate"], row["quantity"], row["unit"], row["document"]) == (
        "", "", 500, "drones", "")


def test_stance_edges(found: dict) -> None:
    assert found["stance"] == [
        {"source": BUDI, "source_label": "Budi Santoso", "target": KU, "target_label": "Korea Utara",
         "sign": "negative", "count": 2, "predicates": {"accuses": 1, "demands": 1}},
        {"source": KU, "source_label": "Korea Utara", "target": RU, "target_label": "Rusia",
         "sign": "positive", "count": 1, "predicates": {"cooperatesWith": 1}},
    ]


def test_actor_network_keeps_predicates_and_weights(mini: Graph) -> None:
    net = actor_network(read_tables(mini))
    assert sorted(net.edges(data=True)) == [
        (BUDI, KU, {"predicate": "accuses, claims, demands", "weight": 3}),
        (BUDI, US, {"predicate": "affiliatedWith", "weight": 1}),
        (KU, RU, {"predicate": "cooperatesWith", "weight": 1}),
    ]
    assert net.nodes[KU] == {"label": "Korea Utara", "class": "Country"}


def test_claim_network(mini: Graph) -> None:
    net = claim_network(read_tables(mini))
    edges = {(u.rsplit("/", 1)[1], v.rsplit("/", 1)[1], d["predicate"]) for u, v, d in net.edges(data=True)}
    assert edges == {("budi-santoso", "event-d1", "claims"), ("budi-santoso", "event-w1", "demands"),
                     ("north-korea", "event-d2", "denies"), ("event-d1", "north-korea", "agent"),
                     ("event-d2", "north-korea", "agent"), ("event-w1", "north-korea", "agent")}
    assert net.nodes[str(GBR["event-d2"])]["class"] == "Deployment"


def test_key_actors(found: dict) -> None:
    assert [(a["label"], a["degree"], a["betweenness"], a["pagerank"]) for a in found["key_actors"]] == [
        ("Rusia", 1, 0.0, 0.3303), ("Korea Utara", 2, 0.3333, 0.2261),
        ("Amerika Serikat", 1, 0.0, 0.1674), ("Budi Santoso", 2, 0.3333, 0.1381)]


def test_betweenness_is_networkx_exact_betweenness() -> None:
    net = nx.relabel_nodes(nx.gnm_random_graph(40, 90, seed=3), lambda i: f"n{i}")
    expected = nx.betweenness_centrality(net)
    assert betweenness(net) == pytest.approx(expected, abs=1e-12)
    assert betweenness(nx.path_graph(["a", "b", "c"])) == {"a": 0.0, "b": 1.0, "c": 0.0}


def test_betweenness_of_a_large_network_is_estimated_from_a_seeded_sample() -> None:
    """Beyond `sources` actors only their shortest paths count, scaled by n/k. On the path
    a-b-c-d-e the seed draws the two ends, whose paths cross b, c and d alike: the estimate
    ranks them equal where the exact value puts c first."""
    net = nx.path_graph(["a", "b", "c", "d", "e"])
    estimate = betweenness(net, sources=2)
    assert estimate == pytest.approx({"a": 0.0, "b": 5 / 6, "c": 5 / 6, "d": 5 / 6, "e": 0.0})
    assert betweenness(net) == pytest.approx({"a": 0.0, "b": 0.5, "c": 2 / 3, "d": 0.5, "e": 0.0})


def test_pagerank_matches_the_closed_form() -> None:
    """a → b: PR(a) = 0.5 / 1.425 with damping 0.85 and the dangling b spreading its rank."""
    net = nx.DiGraph()
    net.add_edge("a", "b", weight=1)
    ranks = pagerank(net)
    assert (round(ranks["a"], 6), round(ranks["b"], 6)) == (0.350877, 0.649123)


def test_key_actors_capped_at_fifteen() -> None:
    net = nx.DiGraph()
    for i in range(20):
        net.add_node(f"n{i:02}", **{"label": f"N{i:02}", "class": "Country"})
    for i in range(19):
        net.add_edge(f"n{i:02}", f"n{i + 1:02}", weight=1)
    rows = key_actors(net)
    assert len(rows) == 15
    assert rows[0]["label"] == "N19"


def test_communities() -> None:
    g = Graph()
    a, b, c, d = (actor(g, k, k.upper()) for k in "abcd")
    actor(g, "e", "E")
    g.add((a, GB.cooperatesWith, b))
    g.add((c, GB.condemns, d))
    found = analyze(g)["communities"]
    assert [(c["id"], c["size"], [m["label"] for m in c["members"]]) for c in found] == [
        (1, 2, ["A", "B"]), (2, 2, ["C", "D"])]


def test_mini_is_one_community(found: dict) -> None:
    assert [[m["label"] for m in c["members"]] for c in found["communities"]] == [
        ["Amerika Serikat", "Budi Santoso", "Korea Utara", "Rusia"]]


def test_deterministic_and_json_able(mini: Graph, found: dict) -> None:
    triples = list(mini)
    random.Random(7).shuffle(triples)
    shuffled = Graph()
    for triple in triples:
        shuffled.add(triple)
    assert analyze(shuffled) == found
    assert json.loads(json.dumps(found)) == found


def test_dataset_with_named_graphs_is_read_as_their_union(mini: Graph, found: dict) -> None:
    ds = Dataset()
    for i, triple in enumerate(sorted(mini)):
        ds.graph(GBR[f"doc-{'ab'[i % 2]}"]).add(triple)
        if i % 3 == 0:
            ds.graph(GBR["doc-c"]).add(triple)
    assert analyze(ds) == found


def test_empty_graph() -> None:
    found = analyze(Graph())
    assert found["counts"]["triples"] == 0
    assert (found["key_actors"], found["communities"], found["contradictions"]) == ([], [], [])


def test_pyoxigraph_store_gives_the_same_analysis(found: dict) -> None:
    store = ox.Store()
    store.load(path=str(MINI), format=ox.RdfFormat.TURTLE)
    assert analyze(store) == found


def test_quantity_read_as_integer_whatever_its_datatype(mini: Graph) -> None:
    g = Graph()
    for triple in mini:
        g.add(triple)
    g.set((GBR["event-d2"], GB.quantity, Literal("3000.0", datatype=XSD.decimal)))
    assert [f["quantity"] for f in analyze(g)["figures"]] == [3000, 10000]
    g.set((GBR["event-d2"], GB.quantity, Literal("ribuan")))
    assert [f["quantity"] for f in analyze(g)["figures"]] == [10000]


def test_hedged_denial_is_listed_as_hedged() -> None:
    g = Graph()
    a, b = actor(g, "a", "Negara A"), actor(g, "b", "Negara B")
    say(g, "1", a, GB.denies, event(g, "1", GB.Attack, b), hedged=True)
    (row,) = analyze(g)["denials"]
    assert (row["speaker_label"], row["agent_labels"], row["hedged"], row["document"]) == (
        "Negara A", ["Negara B"], True, "d1.txt")
