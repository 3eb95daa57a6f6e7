"""Entity recognition on one pre-tokenized sentence, for measuring on general text."""

from __future__ import annotations

from spacy.tokens import Doc

from graphbuild.extractors.entities import EntityExtractor
from graphbuild.model import Document, DocumentFacts, Sentence
from graphbuild.text import ParsedDocument, nlp


def recognize(words: list[str]) -> list[tuple[int, int, str]]:
    if not words:
        return []
    doc = Doc(nlp().vocab, words=words, spaces=[True] * len(words))
    text = doc.text
    document = Document(doc_id="s", text=text, source_file="")
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    parsed = ParsedDocument(document=document, doc=doc, sentences=[sentence], sentence_tokens=[(0, len(doc))])
    mentions = EntityExtractor()(parsed, DocumentFacts(document=document, sentences=[sentence]))
    starts = {t.idx: t.i for t in doc}
    ends = {t.idx + len(t.text): t.i + 1 for t in doc}
    out = []
    for m in mentions:
        if m.implicit:
            continue
        out.append((starts[m.start], ends[m.end], m.etype))
    out.sort(key=lambda s: (s[0] - s[1], s[0]))
    taken = []
    for s, e, t in out:
        if any(s < b and a < e for a, b, _ in taken):
            continue
        taken.append((s, e, t))
    return sorted(taken)
