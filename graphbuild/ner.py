"""Named-entity recognition on one pre-tokenized sentence of general Indonesian text.

The news extractor (graphbuild.extractors.entities) runs first, unchanged, so that measuring
this recognizer measures it. It accepts unknown names only where news makes them safe; general
text needs every capitalised name typed, so the capitalised spans it leaves are then read with
general cues (data in ner_cues.yaml, given_names.tsv, places.tsv): a generic word inside the
name ("Universitas X", "Kabupaten X"), a word before it ("di X", "Bapak X"), a known given
name or place, and the shape of the word.
"""

from __future__ import annotations

from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from graphbuild import lexicon
from graphbuild.extractors.entities import EntityExtractor
from graphbuild.model import Document, DocumentFacts, Sentence
from graphbuild.nerrules import Classifier, Phrases
from graphbuild.text import ParsedDocument, nlp

Span = tuple[int, int, str]
NO_SPACE_BEFORE = frozenset(",.;:!?)]}%”’")
NO_SPACE_AFTER = frozenset("([{“‘")


def recognize(words: list[str]) -> list[Span]:
    """Entities of one sentence as (first token, end token, type), sorted and non-overlapping."""
    if not words:
        return []
    doc = Doc(nlp().vocab, words=words, spaces=_spaces(words))
    spans = _news_spans(doc)
    spans.extend(_place_list_spans(doc, spans))
    spans.extend(Classifier(words, spans).read())
    return sorted(_with_heads(words, spans))


def _spaces(words: list[str]) -> list[bool]:
    """Whether a space follows each word, as the sentence would have been written."""
    out = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        glued = nxt in NO_SPACE_BEFORE or word in NO_SPACE_AFTER
        hyphen = "-" in (word, nxt) and i + 2 <= len(words)
        out.append(bool(nxt) and not glued and not (hyphen and _hyphen_joins(words, i)))
    return out


def _hyphen_joins(words: list[str], i: int) -> bool:
    """True when a hyphen at i or i+1 sits between two letters-words ("Yong - hyun")."""
    k = i if words[i] == "-" else i + 1
    return 0 < k < len(words) - 1 and words[k - 1].isalpha() and words[k + 1].isalpha()


def _news_spans(doc: Doc) -> list[Span]:
    """The news extractor's mentions, flattened: the longest wins where they overlap."""
    text = doc.text
    document = Document(doc_id="sentence", text=text, source_file="")
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    parsed = ParsedDocument(document=document, doc=doc, sentences=[sentence], sentence_tokens=[(0, len(doc))])
    mentions = EntityExtractor()(parsed, DocumentFacts(document=document, sentences=[sentence]))
    starts = {t.idx: t.i for t in doc}
    ends = {t.idx + len(t.text): t.i + 1 for t in doc}
    found = [(starts[m.start], ends[m.end], m.etype) for m in mentions if not m.implicit]
    return _flatten(found)


def _flatten(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (the earlier one when equally long)."""
    kept: list[Span] = []
    for s, e, kind in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if not any(s < b and a < e for a, b, _ in kept):
            kept.append((s, e, kind))
    return kept


@cache
def place_matcher() -> PhraseMatcher:
    """A PhraseMatcher for the names of places.tsv, as written."""
    matcher = PhraseMatcher(nlp().vocab, attr="ORTH")
    make = nlp().make_doc
    for row in lexicon.read_tsv("places.tsv"):
        matcher.add(row["type"], [make(row["name"])])
    return matcher


def _place_list_spans(doc: Doc, spans: list[Span]) -> list[Span]:
    """Known places and countries on tokens no other span covers."""
    vocab = nlp().vocab
    found = [(s, e, vocab.strings[m]) for m, s, e in place_matcher()(doc)]
    free = [x for x in found if not any(x[0] < b and a < x[1] for a, b, _ in spans)]
    return _flatten(free)


def _with_heads(words: list[str], spans: list[Span]) -> list[Span]:
    """Widen a place to the generic word before it that is part of its name ("kota Pati")."""
    phrases = Phrases.load()
    taken = {i for s, e, _ in spans for i in range(s, e)}
    out = []
    for s, e, kind in spans:
        if kind == "Place":
            for k in range(1, 4):
                head = tuple(w.lower() for w in words[max(0, s - k) : s])
                if s - k >= 0 and not taken & set(range(s - k, s)) and phrases.place_head(head, words[s - k]):
                    s -= k
                    break
        out.append((s, e, kind))
    return out
