"""The RDF mapping: contract shape, provenance offsets, negation, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from graphbuild.model import Document
from graphbuild.pipeline import build_graph
from graphbuild.rdfmap import _digest, claim_iri
from graphbuild.text import MAX_SENTENCE_TOKENS, parse
from graphbuild.vocab import GB, PROV, resource

TEXT = (
    "Korut Bantah Kirim Tentara ke Rusia\n\n"
    "JAKARTA, Kabarku.id – Pemerintah Korea Utara membantah mengirim sekitar 2.000 tentara ke Rusia. "
    "Rusia tidak menyangkal kehadiran pasukan Korea Utara di wilayah Kursk.\n"
)


def build(tmp_path: Path, name: str = "a.txt", text: str = TEXT) -> Graph:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return build_graph([tmp_path]).graph


def test_denial_is_a_direct_triple_with_an_assertion(tmp_path: Path) -> None:
    g = build(tmp_path)
    nk = resource("north-korea")
    denied = list(g.objects(nk, GB.denies))
    assert len(denied) == 2  # the headline's claim and the body's claim are separate event nodes
    for event in denied:
        assert (event, RDF.type, GB.Deployment) in g
        assert (event, GB.agent, nk) in g
    assertions = [a for a in g.subjects(RDF.predicate, GB.denies) if (a, RDF.subject, nk) in g]
    assert len(assertions) == 2
    for a in assertions:
        assert (a, PROV.wasDerivedFrom, resource("a", kind="doc")) in g
        start, end = int(g.value(a, GB.charStart)), int(g.value(a, GB.charEnd))
        assert TEXT[start:end] == str(g.value(a, GB.evidence))


def test_negated_denial_has_no_direct_triple(tmp_path: Path) -> None:
    g = build(tmp_path)
    russia = resource("russia")
    assert list(g.objects(russia, GB.denies)) == []
    negated = [a for a in g.subjects(GB.negated, Literal(True))]
    assert [(g.value(a, RDF.subject), g.value(a, RDF.predicate)) for a in negated] == [(russia, GB.denies)]


def test_denied_figures_are_not_claimed(tmp_path: Path) -> None:
    g = build(tmp_path)
    assert list(g.subject_objects(GB.quantity)) == []


def test_labels_one_per_language_and_surface_forms(tmp_path: Path) -> None:
    g = build(tmp_path)
    nk = resource("north-korea")
    assert sorted((str(o), o.language) for o in g.objects(nk, RDFS.label)) == [
        ("Korea Utara", "id"), ("North Korea", "en")]


def test_same_input_gives_the_same_graph(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    assert set(build(tmp_path / "x")) == set(build(tmp_path / "y"))


def test_a_run_on_line_is_cut_into_bounded_sentences() -> None:
    text = "Korut membantah mengirim pasukan ke Rusia , " * 300
    parsed = parse(Document("t", text, "t.txt"))
    assert len(parsed.sentences) > 1
    assert max(b - a for a, b in parsed.sentence_tokens) <= MAX_SENTENCE_TOKENS
    assert "".join(text[s.start : s.end] for s in parsed.sentences).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("kind", ["event", "assertion"])
def test_claim_iris_are_the_resources_of_their_digests(kind):
    parts = ("doc-1", "https://w3id.org/graphbuild/resource/korea-utara", 42, False)
    assert claim_iri(kind, *parts) == f"<{resource(_digest(*parts), kind=kind)}>"
    assert claim_iri(kind, *parts).startswith(f"<https://w3id.org/graphbuild/resource/{kind}-")
