"""The synthetic corpus generator: deterministic, article-shaped, readable by the loaders."""

from __future__ import annotations

import json
import re
from pathlib import Path

from graphbuild.corpusgen import MAX_WORDS, MIN_WORDS, article_text, generate, lexicon, main, write_corpus
from graphbuild.extractors import extract
from graphbuild.loaders import read_inputs
from graphbuild.model import Document


def test_same_seed_same_articles_and_prefixes_agree() -> None:
    first = [d.text for d in generate(12, seed=7)]
    assert first == [d.text for d in generate(12, seed=7)]
    assert first[:5] == [d.text for d in generate(5, seed=7)]
    assert [d.text for d in generate(3, seed=7, start=4)] == first[4:7]
    assert first != [d.text for d in generate(12, seed=8)]
    assert len(set(first)) == 12


def test_articles_are_news_sized_and_varied() -> None:
    documents = list(generate(60, seed=1))
    counts = [len(d.text.split()) for d in documents]
    assert min(counts) >= MIN_WORDS
    assert max(counts) <= MAX_WORDS
    text = "\n".join(d.text for d in documents)
    assert re.search(r"\b\d{1,3}(\.\d{3})+\b", text)  # figures in digits with thousands dots
    assert any(words in text for words, _ in lexicon()["figures_words"])  # and in words
    for kind in ("hedges", "negations", "qualifiers"):
        assert any(f" {w} " in text for w in lexicon()[kind] if w), kind
    assert "Baca juga:" in text or "BACA JUGA:" in text
    assert len({d.text.splitlines()[0] for d in documents}) > 40  # headlines differ


def test_documents_match_what_the_loader_reads(tmp_path: Path) -> None:
    documents = list(generate(4, seed=3))
    assert write_corpus(documents, tmp_path / "txt") == 4
    read = [d for d in read_inputs([tmp_path / "txt"]) if isinstance(d, Document)]
    assert [(d.doc_id, d.text, d.headline, d.publisher, d.date, d.boilerplate) for d in read] == [
        (d.doc_id, d.text, d.headline, d.publisher, d.date, d.boilerplate) for d in documents]
    assert all(d.boilerplate for d in documents)
    assert all(d.date for d in documents)
    # a headline is read only when a blank line follows it, and 3 articles in 10 are laid out without them
    assert any(d.headline for d in documents)


def test_jsonl_output(tmp_path: Path) -> None:
    target = tmp_path / "corpus.jsonl"
    assert main(["3", str(target), "--seed", "2"]) == 0
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["gen2-000000", "gen2-000001", "gen2-000002"]
    assert records[1]["text"] == article_text(2, 1)


def test_the_extractors_find_facts_in_generated_articles() -> None:
    facts = [extract(d) for d in generate(5, seed=4)]
    predicates = {st.predicate for f in facts for st in f.statements}
    assert {"denies", "demands"} <= predicates
    assert any(e.quantity for f in facts for e in f.events)
    assert any(m.etype == "Person" and m.role for f in facts for m in f.mentions)
