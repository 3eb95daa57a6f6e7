"""The averaged-perceptron tagger, trained on a tiny corpus written for these tests (never on nlp-id's)."""

from __future__ import annotations

import gzip
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import pytest

from graphbuild import postagger
from graphbuild.postagger import PerceptronTagger, cache_dir, default_tagger, pos_tags, read_corpus

SENTENCES = [
    "Budi/NNP membeli/VB buku/NN di/IN Bandung/NNP ./SYM",
    "Siti/NNP menjual/VB sepeda/NN di/IN Medan/NNP ./SYM",
    "Warga/NN desa/NN menanam/VB padi/NN ./SYM",
    "Andi/NNP membaca/VB koran/NN di/IN rumah/NN ./SYM",
    "Petani/NN menjual/VB padi/NN di/IN pasar/NN ./SYM",
    "Rina/NNP membeli/vb koran/NN ./SYM",
    "Dewi/NNP menanam/VB padi/NN di/IN Garut/NNP ./SYM",
    "Joko/NNP membaca/VB buku/NN ./SYM",
    "Guru/NN membeli/VB sepeda/NN di/IN Bogor/NNP ./SYM",
    "Tono/NNP menjual/VB koran/NN di/IN pasar/NN ./SYM",
]
CORPUS = "\n\n".join("\n".join(w.replace("/", "\t") for w in s.split()) for s in SENTENCES) + "\n"


def tiny_tagger() -> PerceptronTagger:
    tagger = PerceptronTagger()
    tagger.train(read_corpus(CORPUS))
    return tagger


def test_read_corpus_splits_sentences_and_upper_cases_tags() -> None:
    sentences = read_corpus("Budi\tNNP\npergi\tvb\n\n\nIa\tPR\nbukan satu baris\n.\tSYM\n")
    assert sentences == [[("Budi", "NNP"), ("pergi", "VB")], [("Ia", "PR"), (".", "SYM")]]


def test_tagger_learns_the_corpus_and_reads_new_sentences() -> None:
    tagger = tiny_tagger()
    assert tagger.classes == ["IN", "NN", "NNP", "SYM", "VB"]
    assert tagger.tag("Siti menjual sepeda di Medan .".split()) == ["NNP", "VB", "NN", "IN", "NNP", "SYM"]
    assert tagger.tag("Andi menjual padi di Bandung .".split()) == ["NNP", "VB", "NN", "IN", "NNP", "SYM"]
    assert tagger.tag("Rina membaca buku di pasar .".split()) == ["NNP", "VB", "NN", "IN", "NN", "SYM"]
    assert tagger.tag("Petani membeli koran .".split()) == ["NN", "VB", "NN", "SYM"]
    assert tagger.tag([]) == []


def test_json_round_trip_keeps_the_tags() -> None:
    tagger = tiny_tagger()
    copy = PerceptronTagger.from_json(tagger.to_json())
    words = "Rina membaca buku di pasar .".split()
    assert copy.tag(words) == tagger.tag(words)
    assert copy.weights == tagger.weights


def test_cache_dir_follows_xdg_cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "graphbuild"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "graphbuild"


@pytest.fixture
def fresh_default():
    """default_tagger() remembers its answer; start and end each test without one."""
    default_tagger.cache_clear()
    yield
    default_tagger.cache_clear()


def fake_package(monkeypatch: pytest.MonkeyPatch, corpus: Path, version: str = "9.9") -> None:
    dist = SimpleNamespace(version=version, locate_file=lambda name: corpus)
    monkeypatch.setattr(postagger.metadata, "distribution", lambda name: dist)


def test_default_tagger_trains_once_then_loads_the_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_default: None
) -> None:
    corpus = tmp_path / "dataset_postag.txt"
    corpus.write_text(CORPUS, encoding="utf-8")
    fake_package(monkeypatch, corpus)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    tags = pos_tags("Budi membeli buku di Bandung .".split())
    assert tags == ["NNP", "VB", "NN", "IN", "NNP", "SYM"]
    cached = tmp_path / "cache" / "graphbuild" / "postagger-nlp-id-9.9.json.gz"
    assert PerceptronTagger.from_json(gzip.decompress(cached.read_bytes()).decode()).tag(["Budi"]) == ["NNP"]

    default_tagger.cache_clear()

    def no_training(self, sentences, iterations=5):
        raise AssertionError("the cached model should be loaded, not trained again")

    monkeypatch.setattr(PerceptronTagger, "train", no_training)
    assert pos_tags("Budi membeli buku di Bandung .".split()) == tags


def test_no_tags_without_the_package(monkeypatch: pytest.MonkeyPatch, fresh_default: None) -> None:
    def missing(name: str):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(postagger.metadata, "distribution", missing)
    assert default_tagger() is None
    assert pos_tags(["Budi"]) is None


def test_no_tags_when_the_package_has_no_corpus(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_default: None
) -> None:
    fake_package(monkeypatch, tmp_path / "absent.txt")
    assert default_tagger() is None
