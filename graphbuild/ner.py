"""Named-entity recognition on one pre-tokenized sentence of general Indonesian text.

The news extractor (graphbuild.extractors.entities) runs first, unchanged, so that measuring
this recognizer measures it. It accepts unknown names only where news makes them safe; general
text needs every capitalised name typed, so known places and organizations and then the capitalised
spans left are read with general cues (graphbuild.nerrules). Spans follow the common
annotation of Indonesian corpora: a generic word that is part of a place's name belongs to it
("Kabupaten Pati", "desa Kramas"), an honorific before a person's name does not.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graphbuild.extractors.entities import EntityExtractor
from graphbuild.model import Document, DocumentFacts, Sentence
from graphbuild.nerdata import given_names, name_matcher, ordinary, phrases
from graphbuild.nerrules import Classifier
from graphbuild.text import ParsedDocument, nlp

Span = tuple[int, int, str]
NO_SPACE_BEFORE = frozenset(",.;:!?)]}%”’")
NO_SPACE_AFTER = frozenset("([{“‘")
ROMAN = frozenset("IVXLC")


def recognize(words: list[str]) -> list[Span]:
    """Entities of one sentence as (first token, end token, type), sorted and non-overlapping."""
    if not words:
        return []
    doc = Doc(nlp().vocab, words=words, spaces=_spaces(words))
    known = _known_names(doc)
    spans = _checked_persons(words, _news_spans(doc), known)
    spans = _widen(words, spans + _free(known, spans))
    classifier = Classifier(words, spans)
    found = classifier.read()
    return sorted([x for x in spans if x not in classifier.absorbed] + found)


def _spaces(words: list[str]) -> list[bool]:
    """Whether a space follows each word, as the sentence would have been written."""
    out = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        glued = nxt in NO_SPACE_BEFORE or word in NO_SPACE_AFTER or _hyphen_joins(words, i)
        out.append(bool(nxt) and not glued)
    return out


def _hyphen_joins(words: list[str], i: int) -> bool:
    """True when word i or i+1 is a hyphen between two words ("Yong - hyun" was "Yong-hyun")."""
    k = i if words[i] == "-" else i + 1
    return k < len(words) and words[k] == "-" and 0 < k < len(words) - 1 and words[k - 1].isalpha() and (
        words[k + 1].isalpha()
    )


def _news_spans(doc: Doc) -> list[Span]:
    """The news extractor's mentions, flattened: the longest wins where they overlap."""
    text = doc.text
    document = Document(doc_id="sentence", text=text, source_file="")
    sentence = Sentence(index=0, start=0, end=len(text), text=text)
    parsed = ParsedDocument(document=document, doc=doc, sentences=[sentence], sentence_tokens=[(0, len(doc))])
    mentions = EntityExtractor()(parsed, DocumentFacts(document=document, sentences=[sentence]))
    starts = {t.idx: t.i for t in doc}
    ends = {t.idx + len(t.text): t.i + 1 for t in doc}
    return _flatten([(starts[m.start], ends[m.end], m.etype) for m in mentions if not m.implicit])


def _flatten(spans: list[Span]) -> list[Span]:
    """Keep the longest of overlapping spans (the earlier one when equally long)."""
    kept: list[Span] = []
    for s, e, kind in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if not any(s < b and a < e for a, b, _ in kept):
            kept.append((s, e, kind))
    return kept


def _checked_persons(words: list[str], spans: list[Span], known: dict[tuple[int, int], str]) -> list[Span]:
    """Persons read after a title, checked: a place ("Gubernur Lampung"), an acronym ("Ketua BPD"),
    ordinary words ("Kepala Desa", "Menteri Perhubungan X") are no person's name."""
    out: list[Span] = []
    for s, e, kind in spans:
        if kind == "Person":
            while e - s > 1 and _ordinary(words[s]):
                s += 1
            if (s, e) in known:
                kind = known[(s, e)]
            elif e - s == 1 and words[s].isupper() and len(words[s]) > 1:
                kind = "Organization"
            elif all(_ordinary(w) or len(w) < 2 or set(w) <= ROMAN for w in words[s:e]):
                continue
        out.append((s, e, kind))
    return out


def _ordinary(word: str) -> bool:
    return ordinary(word.lower()) and word not in given_names()


def _known_names(doc: Doc) -> dict[tuple[int, int], str]:
    """Matches of places.tsv and organizations.tsv by token range, with their type; an ordinary word
    opening the sentence ("Padi", "Wings") is left out."""
    vocab = nlp().vocab
    found = {(s, e): vocab.strings[m] for m, s, e in name_matcher()(doc)}
    return {(s, e): kind for (s, e), kind in found.items() if s > 0 or e - s > 1 or not _ordinary(doc[s].text)}


def _free(known: dict[tuple[int, int], str], spans: list[Span]) -> list[Span]:
    """Known names on tokens no other span covers, the longest first."""
    free = [(s, e, kind) for (s, e), kind in known.items() if not any(s < b and a < e for a, b, _ in spans)]
    return _flatten(free)


def _widen(words: list[str], spans: list[Span]) -> list[Span]:
    """Widen a place to the generic word before it ("kota Pati") and a compass word after it
    ("Jakarta Selatan"), a person to a title that is part of the name ("Raden X")."""
    p = phrases()
    lower = [w.lower() for w in words]
    taken = {i for s, e, _ in spans for i in range(s, e)}
    out = []
    for s, e, kind in spans:
        for k in range(min(s, 3), 0, -1):
            if taken & set(range(s - k, s)):
                continue
            place = kind == "Place" and p.place_head(lower, words, s - k) == k
            person = kind == "Person" and p.at("name_titles", lower, s - k) == k and words[s - k][:1].isupper()
            if place or person:
                s -= k
                break
        if kind in ("Place", "Country") and e < len(words) and e not in taken and words[e][:1].isupper():
            if p.has("place_tails", lower[e]):
                e, kind = e + 1, "Place"
        out.append((s, e, kind))
    return out
