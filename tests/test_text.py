"""Sentence splitting: the sentencizer rule read off the token table agrees with spaCy's component."""

from __future__ import annotations

import pytest
import spacy

from graphbuild.model import Document
from graphbuild.text import TokenTable, nlp, parse, sentencizer_starts

TEXTS = [
    "",
    "Tanpa tanda akhir",
    "Menteri itu tiba pukul 10.00. Ia langsung rapat!",
    "Benarkah?! Tidak ada jawaban... Rapat ditunda.",
    "“Kami menolak.” Kata juru bicara itu.\nBaris baru tanpa titik\n\nParagraf lain.",
    "Harga naik 2,5 persen (lihat tabel). Lalu turun lagi ?Ya.",
    "Dia berkata: “Cukup!” — lalu pergi. 3 orang tewas.",
    "A.S. dan Korea Selatan. Pukul 07.30 WIB, Jumat (1/11/2024).",
    "Tanda ！ lebar dan 。 titik Asia. Akhir",
]


@pytest.fixture(scope="module")
def reference() -> spacy.language.Language:
    pipeline = spacy.blank("id")
    pipeline.add_pipe("sentencizer")
    return pipeline


@pytest.mark.parametrize("text", TEXTS)
def test_starts_are_those_of_spacys_sentencizer(reference: spacy.language.Language, text: str) -> None:
    expected = [token.i for token in reference(text) if token.is_sent_start]
    assert sentencizer_starts(TokenTable.of(nlp()(text), text)) == expected


def test_sentences_break_at_marks_and_line_ends() -> None:
    text = "Rusia membantah. “Itu bohong,” kata Lavrov.\nJepang diam"
    parsed = parse(Document("t", text, "t.txt"))
    assert [s.text for s in parsed.sentences] == ["Rusia membantah.", "“Itu bohong,” kata Lavrov.", "Jepang diam"]
