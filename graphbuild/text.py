"""Splitting a document into sentences and tokens with character offsets.

spaCy's blank Indonesian pipeline tokenizes; its sentencizer proposes boundaries, which
are then corrected for what news text does to it: a line break always ends a sentence,
an opening quotation mark belongs to the sentence it opens, and a quotation that spans
several sentences stays one sentence so that "“...,” kata X" keeps its speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from graphbuild.model import Document, Sentence

OPENING_QUOTES = frozenset("“\"«‘")
MAX_QUOTE_SENTENCES = 6
MAX_CHARS = 12_000_000
MAX_SENTENCE_TOKENS = 200


@cache
def nlp() -> Language:
    """The tokenizer and sentencizer, built once per process."""
    pipeline = spacy.blank("id")
    pipeline.add_pipe("sentencizer")
    pipeline.max_length = MAX_CHARS
    return pipeline


@dataclass
class ParsedDocument:
    """A document with its spaCy tokens and the sentences kept for extraction."""

    document: Document
    doc: Doc
    sentences: list[Sentence]
    sentence_tokens: list[tuple[int, int]]
    _views: list[SentenceView] | None = field(default=None, repr=False)

    def tokens(self, index: int) -> list[Token]:
        """The tokens of sentence `index`, whitespace tokens left out."""
        start, end = self.sentence_tokens[index]
        return [t for t in self.doc[start:end] if not t.is_space]

    def views(self) -> list[SentenceView]:
        """One view per kept sentence, built on first use."""
        if self._views is None:
            self._views = [SentenceView(s, self.tokens(s.index)) for s in self.sentences]
        return self._views


@dataclass
class SentenceView:
    """A sentence's tokens with their words, ready for pattern matching by index."""

    sentence: Sentence
    toks: list[Token]

    def __post_init__(self) -> None:
        self.words = [t.text for t in self.toks]
        self.lower = [w.lower() for w in self.words]

    def __len__(self) -> int:
        return len(self.toks)

    def chars(self, i: int, j: int) -> tuple[int, int]:
        """Document character offsets of tokens i..j-1."""
        return self.toks[i].idx, self.toks[j - 1].idx + len(self.toks[j - 1].text)


def parse(document: Document) -> ParsedDocument:
    """Tokenize `document` and return its sentences outside boilerplate."""
    doc = nlp()(document.text)
    ranges = _sentence_ranges(doc)
    sentences: list[Sentence] = []
    kept: list[tuple[int, int]] = []
    headline_end = _headline_end(document)
    for start, end in ranges:
        span = doc[start:end]
        char_start, char_end = span.start_char, span.end_char
        if not span.text.strip() or _in_boilerplate(char_start, char_end, document.boilerplate):
            continue
        text = document.text[char_start:char_end]
        sentences.append(
            Sentence(
                index=len(sentences),
                start=char_start,
                end=char_end,
                text=text,
                is_headline=char_end <= headline_end,
            )
        )
        kept.append((start, end))
    return ParsedDocument(document=document, doc=doc, sentences=sentences, sentence_tokens=kept)


def _headline_end(document: Document) -> int:
    """Where the headline line ends, or 0 when the text does not open with it."""
    if document.headline and document.text.lstrip().startswith(document.headline):
        return len(document.text) - len(document.text.lstrip()) + len(document.headline)
    return 0


def _in_boilerplate(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when most of the sentence lies inside a boilerplate span."""
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return covered * 2 >= (end - start)


def _sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of sentences after the news-text corrections."""
    starts = {s.start for s in doc.sents}
    for tok in doc:
        if tok.is_space and "\n" in tok.text and tok.i + 1 < len(doc):
            starts.add(tok.i + 1)
        elif tok.text in OPENING_QUOTES and tok.i + 1 in starts and tok.i > 0:
            starts.discard(tok.i + 1)
            starts.add(tok.i)
    ordered = sorted(starts | {0})
    ranges = [(a, b) for a, b in zip(ordered, ordered[1:] + [len(doc)], strict=True) if a < b]
    merged = _merge_open_quotes(doc, [_trim(doc, a, b) for a, b in ranges])
    return [piece for a, b in merged for piece in _bounded(doc, a, b)]


def _bounded(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on "sentence" cut into pieces of at most MAX_SENTENCE_TOKENS, at a comma where one is
    near, so that no text (a page with no full stop) makes per-sentence work grow without bound."""
    pieces = []
    while end - start > MAX_SENTENCE_TOKENS:
        cut = start + MAX_SENTENCE_TOKENS
        commas = [t.i + 1 for t in doc[start + MAX_SENTENCE_TOKENS // 2 : cut] if t.text in (",", ";")]
        cut = commas[-1] if commas else cut
        pieces.append(_trim(doc, start, cut))
        start = cut
    pieces.append(_trim(doc, start, end))
    return [(a, b) for a, b in pieces if a < b]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Leave leading and trailing whitespace tokens out of a sentence."""
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end


def _merge_open_quotes(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences while a curly quotation opened in them is still open on the same line."""
    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(ranges):
        start, end = ranges[i]
        depth = _quote_depth(doc, start, end)
        j = i
        while depth > 0 and j + 1 < len(ranges) and j - i < MAX_QUOTE_SENTENCES:
            nxt_start, nxt_end = ranges[j + 1]
            if nxt_start >= nxt_end or "\n" in doc[end - 1 : nxt_start + 1].text:
                break
            depth += _quote_depth(doc, nxt_start, nxt_end)
            end = nxt_end
            j += 1
        merged.append((start, end))
        i = j + 1
    return merged


def _quote_depth(doc: Doc, start: int, end: int) -> int:
    """Opening minus closing curly quotes in a token range."""
    text = doc[start:end].text
    return text.count("“") - text.count("”")
