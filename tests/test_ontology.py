"""The ontology files, the closed vocabulary, IRI minting, ontology lookup and SHACL validation."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD, NamespaceManager

from graphbuild import model, ontology
from graphbuild.contradictions import as_triples, find_contradictions
from graphbuild.ontology import OntologyNotFound, load_ontology, load_shapes, ontology_dir
from graphbuild.projection import read_tables
from graphbuild.query import to_store
from graphbuild.validate import result_lines, validate
from graphbuild.vocab import GB, GBR, bind_prefixes, new_graph, resource

DATA = Path(__file__).parent / "data"
MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
GB_NS = str(GB)
IRI = re.compile(r"^https://w3id\.org/graphbuild/resource/[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = {"class": OWL.Class, "object": OWL.ObjectProperty, "datatype": OWL.DatatypeProperty,
         "annotation": OWL.AnnotationProperty}


def _contract_rows() -> list[dict[str, str]]:
    with (DATA / "contract_terms.tsv").open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


CONTRACT = _contract_rows()


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _gb_terms_used(graph: Graph) -> set[str]:
    return {str(t)[len(GB_NS):] for triple in graph for t in triple
            if isinstance(t, URIRef) and str(t).startswith(GB_NS)}


def _langs(graph: Graph, term: URIRef, prop: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(term, prop) if isinstance(o, Literal)}


# --- vocabulary and ontology agree -------------------------------------------------------

def test_every_vocab_term_is_declared_labelled_and_commented(onto: Graph) -> None:
    for term in dir(GB):
        assert set(onto.objects(term, RDF.type)) & set(KINDS.values()), term
        assert {"en", "id"} <= _langs(onto, term, RDFS.label), term
        assert len(list(onto.objects(term, RDFS.comment))) == 1, term


def test_every_gb_term_in_the_ontology_and_shapes_is_in_vocab(onto: Graph, shapes: Graph) -> None:
    vocab = {str(t)[len(GB_NS):] for t in dir(GB)}
    assert _gb_terms_used(onto) == vocab
    assert _gb_terms_used(shapes) <= vocab


def test_ontology_header(onto: Graph) -> None:
    header = URIRef("https://w3id.org/graphbuild/ontology")
    dcterms = "http://purl.org/dc/terms/"
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionInfo) == Literal("0.1.0")
    assert onto.value(header, URIRef(dcterms + "license")) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert _langs(onto, header, URIRef(dcterms + "title")) == {"en", "id"}


@pytest.mark.parametrize("row", CONTRACT, ids=[r["term"] for r in CONTRACT])
def test_contract_term(onto: Graph, row: dict[str, str]) -> None:
    term = GB[row["term"]]
    assert (term, RDF.type, KINDS[row["kind"]]) in onto
    sup = RDFS.subClassOf if row["kind"] == "class" else RDFS.subPropertyOf
    nm = bind_prefixes(Graph(bind_namespaces="none")).namespace_manager
    for curie in row["supers"].split() if row["supers"] != "-" else []:
        assert (term, sup, nm.expand_curie(curie)) in onto, curie
    plover = {str(o) for o in onto.objects(term, GB.ploverCategory)}
    assert plover == (set() if row["plover"] == "-" else {row["plover"]})


def test_model_names_are_vocab_terms() -> None:
    for name in (*model.ENTITY_TYPES, *model.EVENT_TYPES, *model.SPEECH_ACTS):
        assert GB[name] == URIRef(GB_NS + name)


@pytest.mark.parametrize("term", ["states", "claims", "denies", "confirms", "demands", "warns", "condemns",
                                  "accuses", "defends", "Deployment", "Withdrawal", "Attack", "MilitaryAid",
                                  "Cooperation", "Meeting", "Sanction", "cooperatesWith"])
def test_cameo_codes_look_like_cameo(onto: Graph, term: str) -> None:
    codes = [str(c) for c in onto.objects(GB[term], GB.cameoCode)]
    assert codes and all(re.fullmatch(r"\d{2,4}", c) for c in codes)


def test_cameo_codes_follow_codebook_1_1b3(onto: Graph) -> None:
    assert {str(c) for c in onto.objects(GB.Withdrawal, GB.cameoCode)} == {"0874"}
    assert {str(c) for c in onto.objects(GB.demands, GB.cameoCode)} == {"10"}
    assert {str(c) for c in onto.objects(GB.accuses, GB.cameoCode)} == {"112"}


@pytest.mark.parametrize("term", ["cooperatesWith", "sameEventAs", "contradicts"])
def test_symmetric_properties(onto: Graph, term: str) -> None:
    assert (GB[term], RDF.type, OWL.SymmetricProperty) in onto


def test_every_property_has_domain_and_range(onto: Graph) -> None:
    speech_acts = set(onto.subjects(RDFS.subPropertyOf, GB.speechAct))
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in onto.subjects(RDF.type, kind):
            if str(prop).startswith(GB_NS) and prop not in speech_acts:
                assert onto.value(prop, RDFS.domain) is not None, prop
                assert onto.value(prop, RDFS.range) is not None, prop


def test_misspelt_term_fails() -> None:
    with pytest.raises(AttributeError):
        _ = GB.misspelt
    with pytest.raises(AttributeError):
        _ = GB["denys"]


def test_bind_prefixes_binds_only_the_project_prefixes() -> None:
    prefixes = {p for p, _ in new_graph().namespaces()}
    assert prefixes == {"gb", "gbr", "prov", "schema", "skos", "owl", "xsd", "rdfs", "rdf"}
    manager: NamespaceManager = new_graph().namespace_manager
    assert manager.expand_curie("gbr:x") == GBR["x"]


# --- resource IRIs -----------------------------------------------------------------------

@pytest.mark.parametrize(("key", "kind", "expected"), [
    ("Vassily Nebenzia", "", "vassily-nebenzia"),
    ("  Vassily   NEBENZIA ", "", "vassily-nebenzia"),
    ("3f2a", "event", "event-3f2a"),
    ("Đà Nẵng", "", "da-nang"),
    ("Sergei Shoigu's \"deal\" <draft>", "", "sergei-shoigu-s-deal-draft"),
    ("Shoigu\u2019s \u2013 \u00abdeal\u00bb\u00a0now", "", "shoigu-s-deal-now"),
])
def test_resource_slugs(key: str, kind: str, expected: str) -> None:
    assert resource(key, kind=kind) == GBR[expected]


@pytest.mark.parametrize("key", ["", "كوريا الشمالية", "북한", "Kim Jong Un (김정은)", "!!!", "a" * 300])
def test_resource_hashes_what_the_slug_cannot_keep(key: str) -> None:
    iri = str(resource(key))
    assert IRI.match(iri)
    assert re.search(r"[0-9a-f]{10}$", iri)


def test_resource_kind_is_keyword_only_and_a_slug() -> None:
    with pytest.raises(TypeError):
        resource("event", "x")  # type: ignore[misc]
    with pytest.raises(ValueError):
        resource("x", kind="Event Node")


def test_distinct_inputs_give_distinct_iris() -> None:
    keys = ["Korea Utara", "Korea Selatan", "북한", "남한", "كوريا", "", "Kim Jong Un (김정은)",
            "Kim Jong Un (김여정)", "a" * 300, "a" * 299 + "b", "A \U0001f642", "A \U0001f641",
            "Rusia", "Rusia Barat"]
    assert len({resource(k) for k in keys}) == len(keys)


def _round_trips(iri: URIRef) -> bool:
    graph = new_graph()
    graph.add((iri, RDF.type, GB.Person))
    graph.add((iri, RDFS.label, Literal("x")))
    return all(set(Graph().parse(data=graph.serialize(format=fmt), format=fmt).subjects()) == {iri}
               for fmt in ("turtle", "nt"))


@pytest.mark.parametrize("key", ["with space", "quote\"s", "<angle>", "كوريا الشمالية", "북한", ""])
def test_resource_round_trips(key: str) -> None:
    assert _round_trips(resource(key, kind="event"))


@settings(deadline=None)
@given(st.text())
def test_resource_is_always_a_valid_iri(key: str) -> None:
    iri = resource(key)
    assert IRI.match(str(iri))
    assert _round_trips(iri)


# --- finding the ontology ----------------------------------------------------------------

def _fake_ontology(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "graphbuild.ttl").write_text("", encoding="utf-8")
    return folder


def test_ontology_dir_default_is_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ontology.ENV_VAR, raising=False)
    assert ontology_dir() == Path(ontology.__file__).resolve().parent.parent / "ontology"


def test_ontology_dir_option_beats_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    chosen = _fake_ontology(tmp_path / "opt")
    monkeypatch.setenv(ontology.ENV_VAR, str(_fake_ontology(tmp_path / "env")))
    assert ontology_dir(chosen) == chosen
    assert ontology_dir() == tmp_path / "env"


@pytest.mark.parametrize("use_env", [True, False])
def test_ontology_dir_explicit_but_missing_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                       use_env: bool) -> None:
    monkeypatch.setenv(ontology.ENV_VAR, str(tmp_path))
    with pytest.raises(OntologyNotFound, match="no graphbuild.ttl"):
        ontology_dir() if use_env else ontology_dir(tmp_path / "nowhere")


def test_ontology_dir_falls_back_to_installed_copy(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ontology.ENV_VAR, raising=False)
    monkeypatch.setattr(ontology, "__file__", str(tmp_path / "site" / "graphbuild" / "ontology.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    with pytest.raises(OntologyNotFound, match="GRAPHBUILD_ONTOLOGY"):
        ontology_dir()
    installed = _fake_ontology(tmp_path / "venv" / "share" / "graphbuild" / "ontology")
    assert ontology_dir() == installed


# --- validation --------------------------------------------------------------------------

def _mini() -> Graph:
    return Graph().parse(MINI, format="turtle")


def test_mini_fixture_conforms() -> None:
    report = validate(_mini())
    assert (report.conforms, report.violations) == (True, [])


def test_the_links_and_names_a_build_writes_conform() -> None:
    graph = _mini()
    store = to_store(graph)
    tables = read_tables(store)
    written = as_triples(find_contradictions(tables).links, tables, store)
    assert {p for _, p, _ in written} == {GB.contradicts, GB.speakerName, GB.documentName}
    for triple in written:
        graph.add(triple)
    report = validate(graph)
    assert (report.conforms, report.violations) == (True, [])


def test_validation_leaves_the_graph_alone() -> None:
    graph = _mini()
    before = len(graph)
    validate(graph)
    assert len(graph) == before


def test_reported_violations_are_exactly_the_defects() -> None:
    graph = _mini()
    graph.remove((GBR["assertion-1"], GB.evidence, None))
    graph.set((GBR["assertion-2"], GB.confidence, Literal("1.5", datatype=XSD.decimal)))
    graph.set((GBR["event-d1"], GB.quantityQualifier, Literal("roughly")))
    report = validate(graph)
    assert not report.conforms
    assert report.violations == [
        "gbr:assertion-1 – gb:evidence – needs exactly one gb:evidence, a non-empty string",
        "gbr:assertion-2 – gb:confidence – needs exactly one gb:confidence, an xsd:decimal from 0 to 1"
        ' (value "1.5"^^xsd:decimal)',
        'gbr:event-d1 – gb:quantityQualifier – gb:quantityQualifier is one of "about", "at least", "up to",'
        ' "exactly" (value "roughly")',
    ]
    assert "Conforms: False" in report.text


def test_a_dataset_is_validated_as_the_union_of_its_graphs() -> None:
    dataset = Dataset()
    dataset.graph(URIRef("urn:test:a")).parse(MINI, format="turtle")
    assert validate(dataset).conforms
    dataset.graph(URIRef("urn:test:b")).add((GBR["kursk"], RDFS.label, Literal("Kursk Oblast", lang="id")))
    assert validate(dataset).violations == [
        "gbr:kursk – rdfs:label – needs at least one rdfs:label, a literal, and at most one per language"]


def test_shapes_are_well_formed_shacl(shapes: Graph) -> None:
    assert shacl_validate(_mini(), shacl_graph=shapes, ont_graph=load_ontology(), meta_shacl=True)[0]


def test_same_verdict_as_plain_pyshacl_with_ont_graph(shapes: Graph, onto: Graph) -> None:
    graph = _mini()
    graph.remove((GBR["assertion-3"], GB.extractor, None))
    graph.add((GBR["event-d2"], GB.target, GBR["doc-b"]))
    graph.set((GBR["event-d2"], GB.quantity, Literal(-5)))
    plain = result_lines(shacl_validate(graph, shacl_graph=shapes, ont_graph=onto, inference="none")[1])
    assert len(plain) == 3
    assert validate(graph).violations == plain


PREFIXES = """@prefix gb: <https://w3id.org/graphbuild/ontology#> .
@prefix gbr: <https://w3id.org/graphbuild/resource/> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


@pytest.mark.parametrize(("remove", "add", "expected"), [
    ((GBR["kursk"], RDFS.label, None), "",
     "gbr:kursk – rdfs:label – needs at least one rdfs:label, a literal, and at most one per language"),
    (None, 'gbr:russia rdfs:label "Rusia Raya"@id .',
     "gbr:russia – rdfs:label – needs at least one rdfs:label, a literal, and at most one per language"),
    (None, "gbr:event-d2 gb:agent gbr:kursk .", "gbr:kursk – - – gb:agent values are a gb:Agent"),
    (None, "gbr:event-d2 gb:location gbr:budi-santoso .",
     "gbr:budi-santoso – - – gb:location values are a gb:Place or a gb:Country"),
    (None, "gbr:north-korea gb:denies gbr:doc-a .",
     "gbr:doc-a – - – the object of a speech act is a gb:Agent or a gb:Event"),
    (None, "gbr:russia gb:affiliatedWith gbr:north-korea .",
     "gbr:russia – - – only a gb:Person has gb:affiliatedWith"),
    (None, "gbr:assertion-4 prov:wasDerivedFrom gbr:kursk .",
     "gbr:assertion-4 – prov:wasDerivedFrom – needs at least one prov:wasDerivedFrom, each a gb:Document"
     " (value gbr:kursk)"),
    ((GBR["assertion-4"], GB.confidence, None), 'gbr:assertion-4 gb:confidence "0.85"^^xsd:double .',
     "gbr:assertion-4 – gb:confidence – needs exactly one gb:confidence, an xsd:decimal from 0 to 1"
     ' (value "0.85"^^xsd:double)'),
    ((GBR["assertion-4"], GB.charEnd, None), "gbr:assertion-4 gb:charEnd 100 .",
     "gbr:assertion-4 – gb:charStart – needs exactly one gb:charStart, an xsd:integer >= 0 and below"
     " gb:charEnd (value \"133\"^^xsd:integer)"),
    ((GBR["doc-b"], GB.sourceFile, None), "",
     "gbr:doc-b – gb:sourceFile – needs exactly one gb:sourceFile, a non-empty string"),
    (None, "gbr:kursk a gb:Country .", "gbr:kursk – - – a gb:Place is not also a gb:Country"),
    (None, 'gbr:event-w1 gb:date "kemarin" .',
     "gbr:event-w1 – gb:date – gb:date is at most one xsd:date, xsd:gYearMonth or xsd:gYear"
     ' (value "kemarin")'),
    (None, "gbr:assertion-1 gb:speakerName gbr:budi-santoso .",
     "gbr:assertion-1 – gb:speakerName – gb:speakerName values are strings (value gbr:budi-santoso)"),
    (None, "gbr:assertion-2 gb:documentName 2 .",
     'gbr:assertion-2 – gb:documentName – gb:documentName values are strings (value "2"^^xsd:integer)'),
    (None, 'gbr:doc-a gb:documentName "a.txt" .',
     "gbr:doc-a – - – gb:speakerName and gb:documentName name the sides of gb:Assertion nodes only"),
])
def test_each_shape_reports_its_defect(remove: tuple | None, add: str, expected: str) -> None:
    graph = _mini()
    if remove is not None:
        graph.remove(remove)
    graph.parse(data=PREFIXES + add, format="turtle")
    assert validate(graph).violations == [expected]
