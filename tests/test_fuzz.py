"""Hypothesis fuzzing of the whole text path: any text gives facts whose offsets slice it.

The default suite runs a small sample; `pytest -m fuzz --hypothesis-profile=fuzz` runs
10,000 generated texts (the profile is registered in conftest.py).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphbuild.extractors import extract
from graphbuild.model import Document
from graphbuild.rdfmap import corpus_quads
from graphbuild.resolve import resolve

NEWS_WORDS = [
    "Korut", "membantah", "mengirim", "10.000", "tentara", "ke", "Rusia", ",", "kata", "Menteri",
    "Pertahanan", "AS", "Lloyd", "Austin", "“", "”", "\"", "(", ")", "tidak", "menyangkal", "sekitar",
    "hingga", "dibantah", "oleh", "Pyongyang", "ia", "menambahkan", "bahwa", "ujarnya", "Baca", "Juga:",
    "\n", "\n\n", ".", "menurut", "pasukan", "Korea", "Utara", "di", "wilayah", "Kursk", "mendesak",
]
odd_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
news_like = st.lists(st.sampled_from(NEWS_WORDS) | st.text(max_size=12), max_size=120).map(" ".join)
texts = odd_text | news_like | st.builds(lambda a, b: a + b, news_like, odd_text)


def check(text: str) -> None:
    facts = extract(Document("fuzz", text, "fuzz.txt"))
    for sentence in facts.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
    for m in facts.mentions:
        assert 0 <= m.start <= m.end <= len(text)
        if not m.implicit:
            assert text[m.start : m.end] == m.text
    for event in facts.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
    list(corpus_quads([facts], resolve([facts])))


@given(texts)
def test_any_text_extracts_without_error(text: str) -> None:
    check(text)


@pytest.mark.fuzz
@given(texts)
def test_any_text_extracts_without_error_long_run(text: str) -> None:
    check(text)


@pytest.mark.parametrize(
    "text",
    ["", " ", "\u202eكوريا الشمالية\u202c تنفي", "😀" * 50, "“" * 30, "a" * 100_000, "\x00\x07\x1b[31m"],
)
def test_awkward_texts(text: str) -> None:
    check(text)
