"""The gold-format scorer: exact scores on small invented gold/graph pairs, one rule per test,
and agreement with the shared reference scorer on the seed corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild.evalgold import normalize_name
from graphbuild.evaluate import EvalResult, score_files

SHARED = Path(__file__).resolve().parents[2] / "shared"

PREFIXES = """@prefix gb: <https://w3id.org/graphbuild/ontology#> .
@prefix gbr: <https://w3id.org/graphbuild/resource/> .
@prefix ex: <https://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

DOCUMENTS = """gbr:doc-a a gb:Document ; gb:sourceFile "a.txt" .
gbr:doc-b a gb:Document ; gb:sourceFile "corpus/b.txt" .
gbr:doc-c a gb:Document ; gb:sourceFile "c.txt" .
"""

# Invented actors: two countries, two officials, a league and a town.
ENTITIES = [
    {"id": "arvandia", "type": "Country", "names": ["Arvandia", "Republik Arvandia", "Arvandya"]},
    {"id": "beluria", "type": "Country", "names": ["Beluria"]},
    {"id": "dewi", "type": "Person", "names": ["Dewi Kartika", "Kartika"], "affiliatedWith": ["arvandia"]},
    {"id": "halden", "type": "Person", "names": ["Markus Halden", "Halden"], "affiliatedWith": ["beluria"]},
    {"id": "liga", "type": "Organization", "names": ["Liga Pantai Timur"]},
    {"id": "sornak", "type": "Place", "names": ["Sornak"]},
]

# One node per gold entity, each carrying all its names.
ACTORS = """gbr:arvandia a gb:Country ; rdfs:label "Republik Arvandia"@id ; skos:altLabel "Arvandia", "Arvandya" .
gbr:beluria a gb:Country ; rdfs:label "Beluria" .
gbr:dewi a gb:Person ; rdfs:label "Dewi Kartika" ; skos:altLabel "Kartika" .
gbr:halden a gb:Person ; rdfs:label "Markus Halden" ; skos:altLabel "Halden" .
"""


def gold_file(tmp_path: Path, **parts: object) -> Path:
    gold = {"corpus": "test", "entities": ENTITIES, "relations": [], "quantities": [], "negatives": [],
            "ignore": [], "documents": [{"id": "a", "file": "a.txt"}, {"id": "b", "file": "b.txt"},
                                        {"id": "c", "file": "c.txt"}]}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold | parts), encoding="utf-8")
    return path


def assertion(name: str, s: str, p: str, o: str, doc: str, evidence: str | None = "Sebuah kalimat.",
              start: int | None = None, end: int | None = None, extra: str = "") -> str:
    """Turtle for one gb:Assertion node recording `s p o` as read from `doc`."""
    lines = [f"gbr:{name} a gb:Assertion ; rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} ;",
             f"    prov:wasDerivedFrom gbr:doc-{doc}"]
    if evidence is not None:
        lines.append(f"    gb:evidence {json.dumps(evidence)}")
    if start is not None and end is not None:
        lines.append(f"    gb:charStart {start} ; gb:charEnd {end}")
    if extra:
        lines.append(f"    {extra}")
    return " ;\n".join(lines) + " .\n"


def run(tmp_path: Path, turtle: str, corpus: Path | None = None, suffix: str = ".ttl", **gold: object) -> EvalResult:
    graph = tmp_path / f"graph{suffix}"
    graph.write_text(PREFIXES + turtle, encoding="utf-8")
    return score_files([graph], gold_file(tmp_path, **gold), corpus)


def prf(precision: float, recall: float, f1: float, predicted: int, gold: int) -> dict:
    return {"precision": precision, "recall": recall, "f1": f1, "predicted": predicted, "gold": gold}


def test_entities_aliases_and_ignored_names(tmp_path: Path) -> None:
    turtle = """gbr:arv a gb:Country ; rdfs:label "Republik Arvandia"@id ; skos:altLabel "ARVANDIA", "Arvándya" .
gbr:bel a gb:Country ; rdfs:label "Beluria" .
gbr:dewi a gb:Person ; rdfs:label "Dewi Kartika" .
gbr:kartika a gb:Person ; rdfs:label "Kartika" .
gbr:halden a gb:Person ; rdfs:label "Markus Halden" ; skos:altLabel "Halden" .
gbr:liga a gb:Organization ; rdfs:label "Liga Pantai Timur" ; skos:altLabel "Sornak" .
gbr:kanal a gb:Organization ; rdfs:label "Kanal-Berita" .
gbr:zeta a gb:Person ; rdfs:label "Zeta Orlova" .
gbr:bel-place a gb:Place ; rdfs:label "Beluria" .
"""
    result = run(tmp_path, turtle, ignore=["Kanal Berita"])
    # 9 typed nodes, 7 right (the ignored name included); Sornak only sits on an Organization node.
    assert result.scores["entity"] == prf(0.778, 0.833, 0.805, 9, 6)
    assert result.scores["alias"] == {"merged": 2, "of": 3, "rate": 0.667, "overmerged_nodes": 1}
    assert result.misses["entity_missed"] == ["Place: sornak"]
    assert result.misses["alias_not_merged"] == ["dewi"]
    assert result.misses["overmerged"] == ["<https://w3id.org/graphbuild/resource/liga>: ['liga', 'sornak']"]
    assert [line.split(" ")[0] for line in result.misses["entity_false_positive"]] == ["Person", "Place"]
    assert result.scores["counts"] == {"triples": 22, "entity_nodes": 9, "event_nodes": 0, "relation_triples": 0}


def test_classes_follow_subclass_and_equivalent_class(tmp_path: Path) -> None:
    turtle = """ex:Menteri rdfs:subClassOf ex:Pejabat . ex:Pejabat rdfs:subClassOf gb:Person .
ex:Negara owl:equivalentClass gb:Country .
gbr:dewi a ex:Menteri ; rdfs:label "Dewi Kartika" .
gbr:arvandia a ex:Negara ; rdfs:label "Arvandia" .
"""
    result = run(tmp_path, turtle)
    assert result.scores["entity"] == prf(1.0, 0.333, 0.5, 2, 6)


def test_event_patterns_per_document_and_corpus_level(tmp_path: Path) -> None:
    turtle = ACTORS + DOCUMENTS + """
gbr:ev1 a gb:Deployment ; gb:agent gbr:halden .
gbr:ev2 a gb:Deployment ; gb:agent gbr:arvandia .
gbr:ev3 a gb:Withdrawal ; gb:agent gbr:beluria .
gbr:ev4 a gb:Attack .
gbr:dewi gb:denies gbr:ev1, gbr:ev2, gbr:ev3 ; gb:states gbr:ev1 .
gbr:beluria gb:condemns gbr:arvandia .
gbr:halden gb:claims gbr:ev4 .
""" + "".join([
        assertion("a1", "gbr:dewi", "gb:denies", "gbr:ev1", "a"),
        assertion("a2", "gbr:dewi", "gb:denies", "gbr:ev2", "a"),
        assertion("a3", "gbr:dewi", "gb:denies", "gbr:ev3", "a"),
        assertion("a4", "gbr:beluria", "gb:condemns", "gbr:arvandia", "a"),
        assertion("a5", "gbr:beluria", "gb:condemns", "gbr:arvandia", "b"),
        assertion("a6", "gbr:halden", "gb:claims", "gbr:ev4", "a"),
    ])
    relations = [
        {"doc": "a", "s": ["dewi"], "p": ["denies"], "o": {"event": "Deployment", "agent": ["beluria", "halden"]}},
        {"doc": "a", "s": ["halden", "beluria"], "p": ["accuses", "condemns"], "o": ["arvandia"]},
        {"doc": "b", "s": ["beluria", "halden"], "p": ["condemns", "accuses"], "o": ["arvandia"]},
        {"doc": "b", "s": None, "p": ["claims"], "o": {"event": "Attack"}},
        {"doc": "a", "s": ["dewi"], "p": ["denies"], "o": {"event": "Deployment", "agent": ["beluria", "halden"]}},
    ]
    result = run(tmp_path, turtle, relations=relations)
    # Per document: the condemnation counts in a and in b; the claim is read from a, gold has it in b;
    # `states` has no assertion at all. The fifth gold relation repeats the first.
    assert result.scores["relation"] == prf(0.429, 0.75, 0.545, 7, 4)
    assert result.scores["relation_corpus"] == prf(0.5, 1.0, 0.667, 6, 3)
    assert result.misses["relation_missed"] == ["b: anyone ['claims'] Attack(agent=[])"]
    assert len(result.misses["relation_false_positive"]) == 4
    assert result.scores["provenance"] == {"traced": 5, "of": 6, "rate": 0.833}
    assert result.scores["negatives_emitted"] == 0


def test_negatives_scoped_to_a_document(tmp_path: Path) -> None:
    turtle = ACTORS + DOCUMENTS + """
gbr:ev1 a gb:Deployment ; gb:agent gbr:arvandia .
gbr:ev2 a gb:Deployment ; gb:agent gbr:arvandia .
gbr:ev3 a gb:Deployment ; gb:agent gbr:arvandia .
gbr:ev4 a gb:Deployment ; gb:agent gbr:arvandia .
gbr:arvandia gb:denies gbr:ev1, gbr:ev2, gbr:ev3 .
gbr:halden gb:confirms gbr:beluria .
""" + "".join([
        assertion("a1", "gbr:arvandia", "gb:denies", "gbr:ev1", "a"),
        assertion("a2", "gbr:arvandia", "gb:denies", "gbr:ev1", "b"),
        assertion("a3", "gbr:arvandia", "gb:denies", "gbr:ev2", "a"),
        assertion("a4", "gbr:arvandia", "gb:denies", "gbr:ev3", "c"),
        assertion("a5", "gbr:halden", "gb:confirms", "gbr:beluria", "b"),
        assertion("a6", "gbr:arvandia", "gb:denies", "gbr:ev4", "b", extra="gb:negated true"),
    ])
    denial = {"event": "Deployment", "agent": ["arvandia"]}
    negatives = [
        {"doc": "b", "doc_scoped": True, "s": ["arvandia"], "p": ["denies"], "o": denial, "why": "negated in b"},
        {"doc": "a", "s": ["halden"], "p": ["confirms"], "o": ["beluria"], "why": "nobody confirms"},
    ]
    result = run(tmp_path, turtle, negatives=negatives,
                 relations=[{"doc": "a", "s": ["arvandia"], "p": ["denies"], "o": denial}])
    # The denial read from b is the scoped negative, the one read from c is merely wrong; the
    # unscoped negative counts in any document; the negated assertion has no triple to count.
    assert result.scores["negatives_emitted"] == 2
    assert sorted(line.rsplit("[", 1)[1] for line in result.misses["negatives_emitted"]) == [
        "negated in b]", "nobody confirms]"]
    assert result.scores["relation"] == prf(0.4, 1.0, 0.571, 5, 1)
    assert result.scores["relation_corpus"] == prf(0.75, 1.0, 0.857, 4, 1)


def test_quantities_need_value_event_and_claimant(tmp_path: Path) -> None:
    turtle = ACTORS + """
gbr:ev1 a gb:Deployment ; gb:agent gbr:beluria ; gb:quantity 5000 .
gbr:ev2 a gb:Deployment ; gb:agent gbr:beluria ; gb:quantity 5000 .
gbr:ev3 a gb:Deployment ; gb:agent gbr:beluria ; gb:quantity "300" .
gbr:ev4 a gb:Attack ; gb:agent gbr:beluria ; gb:quantity 12 .
gbr:ev5 a gb:Deployment ; gb:agent gbr:beluria ; gb:quantity 5000.5 .
gbr:dewi gb:claims gbr:ev1, gbr:ev4 .
gbr:halden gb:claims gbr:ev2 .
"""
    quantities = [
        {"doc": "a", "claimant": ["dewi"], "event": "Deployment", "agent": ["beluria"], "quantity": 5000},
        {"doc": "a", "claimant": None, "event": "Deployment", "agent": ["beluria"], "quantity": 300},
        {"doc": "b", "claimant": ["halden"], "event": "Attack", "quantity": 12},
    ]
    result = run(tmp_path, turtle, quantities=quantities)
    assert result.scores["quantity"] == prf(0.5, 0.667, 0.571, 4, 3)
    assert result.misses["quantity_missed"] == ["b: ['halden'] Attack(agent=[]) 12"]


def test_links_include_gold_affiliations(tmp_path: Path) -> None:
    turtle = ACTORS + """
gbr:arvandia gb:cooperatesWith gbr:beluria .
gbr:beluria gb:cooperatesWith gbr:arvandia .
gbr:dewi gb:affiliatedWith gbr:arvandia .
gbr:halden gb:affiliatedWith gbr:arvandia .
"""
    relations = [
        {"doc": "a", "s": ["arvandia"], "p": ["cooperatesWith"], "o": ["beluria"]},
        {"doc": "b", "s": ["dewi"], "p": ["affiliatedWith"], "o": ["arvandia"]},
    ]
    result = run(tmp_path, turtle, relations=relations)
    assert result.scores["links"] == prf(0.5, 0.667, 0.571, 4, 3)
    assert result.misses["link_missed"] == ["-: ['halden'] ['affiliatedWith'] ['beluria']"]


def test_provenance_offsets_against_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first, second = "Arvandia membantah laporan itu.", "Dewi Kartika mengatakan pasukan Beluria sudah mundur."
    (corpus / "a.txt").write_text(f"{first}\n{second}\n", encoding="utf-8")
    turtle = ACTORS + DOCUMENTS + """
gbr:ev1 a gb:Deployment ; gb:agent gbr:beluria .
gbr:ev2 a gb:Withdrawal ; gb:agent gbr:beluria .
gbr:arvandia gb:denies gbr:ev1 .
gbr:dewi gb:states gbr:ev2 ; gb:claims gbr:ev2 .
gbr:halden gb:warns gbr:ev1 .
gbr:beluria gb:condemns gbr:arvandia .
""" + "".join([
        assertion("a1", "gbr:arvandia", "gb:denies", "gbr:ev1", "a", first, 0, len(first)),
        assertion("a2", "gbr:dewi", "gb:states", "gbr:ev2", "a", second, 5, 20),
        assertion("a3", "gbr:dewi", "gb:claims", "gbr:ev2", "a", second.replace(" ", "\n  ")),
        assertion("a4", "gbr:halden", "gb:warns", "gbr:ev1", "a", None),
        assertion("a5", "gbr:beluria", "gb:condemns", "gbr:arvandia", "a", "Kalimat yang tidak ada."),
    ])
    checked = run(tmp_path, turtle, corpus)
    assert checked.scores["provenance"] == {"traced": 4, "of": 5, "rate": 0.8, "offsets_ok": 2, "offsets_checked": 4}
    assert run(tmp_path, turtle).scores["provenance"] == {"traced": 4, "of": 5, "rate": 0.8}


def test_named_graphs_are_read_as_their_union(tmp_path: Path) -> None:
    trig = ACTORS + """
gbr:g1 { gbr:ev1 a gb:Cooperation ; gb:agent gbr:arvandia . gbr:dewi gb:states gbr:ev1 . }
gbr:g2 { gbr:ev1 a gb:Cooperation ; gb:agent gbr:beluria . gbr:dewi gb:states gbr:ev1 . }
"""
    occurs = {"doc": "a", "s": None, "p": ["occurs"], "o": {"event": "Cooperation", "agent": ["beluria"]}}
    result = run(tmp_path, trig, suffix=".trig", relations=[occurs])
    assert result.scores["events_stated"] == {"found": 1, "of": 1}
    assert result.scores["counts"] == {"triples": 16, "entity_nodes": 4, "event_nodes": 1, "relation_triples": 1}


@pytest.mark.parametrize(("name", "folded"), [
    ("  Arvándya ", "arvandya"),
    ("Al-Rashid", "al rashid"),
    ("K.H. Ma’ruf", "k h ma ruf"),
    ("Dewi\u00a0 KARTIKA", "dewi kartika"),
    ("Kim Jong–un (Korut)", "kim jong un korut"),
    ("Straße", "strasse"),
])
def test_names_are_folded(name: str, folded: str) -> None:
    assert normalize_name(name) == folded


def test_unusable_input_names_the_file(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_text(PREFIXES + ACTORS, encoding="utf-8")
    notes = tmp_path / "graph.txt"
    notes.write_text("bukan RDF", encoding="utf-8")
    with pytest.raises(ValueError, match=r"graph\.txt: unknown RDF file type"):
        score_files([notes], gold_file(tmp_path), None)
    broken = tmp_path / "broken.json"
    broken.write_text("{entities", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json: cannot read gold file"):
        score_files([graph], broken, None)
    partial = tmp_path / "partial.json"
    partial.write_text('{"entities": []}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"partial\.json: not a gold file: .*'relations'"):
        score_files([graph], partial, None)
    bad = tmp_path / "bad.ttl"
    bad.write_text("gbr:x gbr:y", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.ttl: cannot read Turtle"):
        score_files([bad], gold_file(tmp_path), None)


def _flatten(scores: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in scores.items():
        out.update(_flatten(value, f"{prefix}{key}.") if isinstance(value, dict) else {f"{prefix}{key}": value})
    return out


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").is_file(),
                    reason=f"the shared kit (reference scorer, seed corpus and gold) is not at {SHARED}")
def test_agrees_with_reference_scorer_on_seeds(tmp_path: Path) -> None:
    from graphbuild.pipeline import build_graph

    seeds, gold = SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds.json"
    graph_file = tmp_path / "seeds.ttl"
    graph_file.write_text(build_graph([seeds]).graph.serialize(format="turtle"), encoding="utf-8")
    command = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--corpus", str(seeds),
               str(graph_file)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    reference = json.loads(next(line for line in reversed(output.splitlines()) if line.startswith("scores "))[7:])
    ours = score_files([graph_file], gold, seeds).scores
    assert _flatten(ours) == _flatten(reference)
    assert _flatten(ours).keys() >= {"relation.f1", "provenance.offsets_ok", "alias.rate", "quantity.recall"}
