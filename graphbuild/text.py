"""Splitting a document into sentences and tokens with character offsets.

spaCy's blank Indonesian tokenizer tokenizes; the rule of spaCy's sentencizer proposes
boundaries, which are then corrected for what news text does to it: a line break always ends a sentence,
an opening quotation mark belongs to the sentence it opens, and a quotation that spans
several sentences stays one sentence so that "“...,” kata X" keeps its speaker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from graphbuild.model import Document, Sentence

OPENING_QUOTES = frozenset("“\"«‘")
MAX_QUOTE_SENTENCES = 6
MAX_CHARS = 12_000_000
MAX_SENTENCE_TOKENS = 200
SENTENCE_END_CHARS = frozenset(Sentencizer.default_punct_chars)
# The lexical attributes anything here reads: the PhraseMatchers match ORTH (always set) or LOWER, and
# the token table reads IS_PUNCT and IS_SPACE. spaCy computes every attribute it has a getter for
# (shape, like_num, like_url, stop word...) for each new word type; the others cost a seventh of
# tokenizing a corpus and nothing reads them.
LEXEME_ATTRS = frozenset({LOWER, IS_PUNCT, IS_SPACE})


@cache
def nlp() -> Language:
    """The tokenizer (spaCy's blank Indonesian pipeline), built once per process, computing only the
    lexical attributes in LEXEME_ATTRS."""
    pipeline = spacy.blank("id")
    pipeline.max_length = MAX_CHARS
    getters = pipeline.vocab.lex_attr_getters
    for attr in set(getters) - LEXEME_ATTRS:
        del getters[attr]
    return pipeline


@dataclass
class TokenTable:
    """Every token's text, offset and flags as plain lists, read from the Doc once.

    Extractors index tokens millions of times; a spaCy Token object made at each access costs
    more than the lookup itself.
    """

    words: list[str]
    starts: list[int]
    ends: list[int]
    is_space: list[bool]
    spaced: list[bool]
    is_punct: list[bool]

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> TokenTable:
        """The table of `doc`; `text` is its text when the caller has it (Doc.text joins every token)."""
        text = doc.text if text is None else text
        if not len(doc):
            return cls(words=[], starts=[], ends=[], is_space=[], spaced=[], is_punct=[])
        starts, lengths, is_space, spaced, is_punct = doc.to_array([IDX, LENGTH, IS_SPACE, SPACY, IS_PUNCT]).T.tolist()
        ends = [a + n for a, n in zip(starts, lengths, strict=True)]
        return cls(words=[text[a:b] for a, b in zip(starts, ends, strict=True)], starts=starts, ends=ends,
                   is_space=list(map(bool, is_space)), spaced=list(map(bool, spaced)),
                   is_punct=list(map(bool, is_punct)))

    def text(self, doc_text: str, start: int, end: int) -> str:
        """The text of tokens start..end-1, as `doc[start:end].text` gives it."""
        return doc_text[self.starts[start] : self.ends[end - 1]] if start < end else ""


@dataclass
class ParsedDocument:
    """A document with its spaCy tokens and the sentences kept for extraction."""

    document: Document
    doc: Doc
    sentences: list[Sentence]
    sentence_tokens: list[tuple[int, int]]
    _views: list[SentenceView] | None = field(default=None, repr=False)
    _table: TokenTable | None = field(default=None, repr=False)
    memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def table(self) -> TokenTable:
        """The document's token table, read on first use."""
        if self._table is None:
            self._table = TokenTable.of(self.doc)
        return self._table

    def token_ids(self, index: int) -> range | list[int]:
        """The document positions of the tokens of sentence `index`, whitespace tokens left out."""
        start, end = self.sentence_tokens[index]
        is_space = self.table.is_space
        if not any(is_space[start:end]):
            return range(start, end)
        return [i for i in range(start, end) if not is_space[i]]

    def views(self) -> list[SentenceView]:
        """One view per kept sentence, built on first use."""
        if self._views is None:
            self._views = [SentenceView(s, self.table, self.token_ids(s.index)) for s in self.sentences]
        return self._views

    def locate(self, i: int) -> tuple[int, int] | None:
        """(sentence index, position in its view) of document token i; None for a whitespace token or one
        outside the kept sentences."""
        k = bisect_right(self.sentence_tokens, (i, MAX_CHARS)) - 1
        if k < 0 or i >= self.sentence_tokens[k][1]:
            return None
        ids = self.views()[k].ids
        local = bisect_left(ids, i)
        return (k, local) if local < len(ids) and ids[local] == i else None


class SentenceView:
    """A sentence's tokens (whitespace left out) with their words, ready for matching by index."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    spaced: list[bool]

    def __init__(self, sentence: Sentence, table: TokenTable, ids: range | list[int]) -> None:
        self.sentence = sentence
        self.ids = ids
        if isinstance(ids, range):
            part = slice(ids.start, ids.stop)
            self.words, self.starts = table.words[part], table.starts[part]
            self.ends, self.spaced = table.ends[part], table.spaced[part]
        else:
            self.words = [table.words[i] for i in ids]
            self.starts = [table.starts[i] for i in ids]
            self.ends = [table.ends[i] for i in ids]
            self.spaced = [table.spaced[i] for i in ids]
        self.lower = [w.lower() for w in self.words]

    def __len__(self) -> int:
        return len(self.ids)

    def chars(self, i: int, j: int) -> tuple[int, int]:
        """Document character offsets of tokens i..j-1."""
        return self.starts[i], self.ends[j - 1]


def parse(document: Document) -> ParsedDocument:
    """Tokenize `document` and return its sentences outside boilerplate."""
    doc = nlp()(document.text)
    table = TokenTable.of(doc, document.text)
    ranges = _sentence_ranges(doc, document.text, table)
    sentences: list[Sentence] = []
    kept: list[tuple[int, int]] = []
    headline_end = _headline_end(document)
    text = document.text
    for start, end in ranges:
        char_start, char_end = table.starts[start], table.ends[end - 1]
        sentence_text = text[char_start:char_end]
        if not sentence_text.strip() or _in_boilerplate(char_start, char_end, document.boilerplate):
            continue
        sentences.append(
            Sentence(
                index=len(sentences),
                start=char_start,
                end=char_end,
                text=sentence_text,
                is_headline=char_end <= headline_end,
            )
        )
        kept.append((start, end))
    return ParsedDocument(document=document, doc=doc, sentences=sentences, sentence_tokens=kept, _table=table)


def _headline_end(document: Document) -> int:
    """Where the headline line ends, or 0 when the text does not open with it."""
    if document.headline and document.text.lstrip().startswith(document.headline):
        return len(document.text) - len(document.text.lstrip()) + len(document.headline)
    return 0


def _in_boilerplate(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when most of the sentence lies inside a boilerplate span."""
    covered = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return covered * 2 >= (end - start)


def _sentence_ranges(doc: Doc, text: str, table: TokenTable) -> list[tuple[int, int]]:
    """Token ranges of sentences after the news-text corrections."""
    n = len(doc)
    words, is_space = table.words, table.is_space
    starts = set(sentencizer_starts(table))
    for i in range(n):
        if is_space[i] and "\n" in words[i] and i + 1 < n:
            starts.add(i + 1)
        elif words[i] in OPENING_QUOTES and i + 1 in starts and i > 0:
            starts.discard(i + 1)
            starts.add(i)
    ordered = sorted(starts | {0})
    ranges = [(a, b) for a, b in zip(ordered, ordered[1:] + [n], strict=True) if a < b]
    merged = _merge_open_quotes(text, table, [_trim(table, a, b) for a, b in ranges])
    return [piece for a, b in merged for piece in _bounded(table, a, b)]


def sentencizer_starts(table: TokenTable) -> list[int]:
    """The tokens spaCy's Sentencizer (default punctuation) marks as sentence starts: the first token,
    and each token after a run of sentence-final marks that is neither punctuation nor such a mark.

    The same rule read off the token table; the Sentencizer component makes a Token object per token
    to apply it, which cost a fifth of the tokenizer's own time.
    """
    starts = [0] if table.words else []
    seen_end = False
    for i, (word, punct) in enumerate(zip(table.words, table.is_punct, strict=True)):
        if word in SENTENCE_END_CHARS:
            seen_end = True
        elif seen_end and not punct:
            starts.append(i)
            seen_end = False
    return starts


def _bounded(table: TokenTable, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on "sentence" cut into pieces of at most MAX_SENTENCE_TOKENS, at a comma where one is
    near, so that no text (a page with no full stop) makes per-sentence work grow without bound."""
    pieces = []
    while end - start > MAX_SENTENCE_TOKENS:
        cut = start + MAX_SENTENCE_TOKENS
        commas = [i + 1 for i in range(start + MAX_SENTENCE_TOKENS // 2, cut) if table.words[i] in (",", ";")]
        cut = commas[-1] if commas else cut
        pieces.append(_trim(table, start, cut))
        start = cut
    pieces.append(_trim(table, start, end))
    return [(a, b) for a, b in pieces if a < b]


def _trim(table: TokenTable, start: int, end: int) -> tuple[int, int]:
    """Leave leading and trailing whitespace tokens out of a sentence."""
    while start < end and table.is_space[start]:
        start += 1
    while end > start and table.is_space[end - 1]:
        end -= 1
    return start, end


def _merge_open_quotes(text: str, table: TokenTable, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences while a curly quotation opened in them is still open on the same line."""
    merged: list[tuple[int, int]] = []
    i = 0
    while i < len(ranges):
        start, end = ranges[i]
        depth = _quote_depth(table.text(text, start, end))
        j = i
        while depth > 0 and j + 1 < len(ranges) and j - i < MAX_QUOTE_SENTENCES:
            nxt_start, nxt_end = ranges[j + 1]
            if nxt_start >= nxt_end or "\n" in table.text(text, end - 1, nxt_start + 1):
                break
            depth += _quote_depth(table.text(text, nxt_start, nxt_end))
            end = nxt_end
            j += 1
        merged.append((start, end))
        i = j + 1
    return merged


def _quote_depth(text: str) -> int:
    """Opening minus closing curly quotes in a stretch of text."""
    return text.count("“") - text.count("”")
