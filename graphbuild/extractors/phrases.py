"""Phrase tables indexed by their first and last words, so that looking up every multi-word
list at every token costs one dictionary access instead of a scan of the list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from graphbuild import lexicon
from graphbuild.text import nlp


class PhraseTable:
    """Lower-case token tuples; finds the longest one starting or ending at a position."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self.by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
            if phrase:
                self.by_first[phrase[0]].append(phrase)
                self.by_last[phrase[-1]].append(phrase)

    def __iter__(self):
        seen = {p for items in self.by_first.values() for p in items}
        return iter(sorted(seen, key=lambda p: (-len(p), p)))

    def at(self, words: list[str], i: int) -> int:
        """Length of the longest phrase starting at token i, or 0."""
        if i < 0 or i >= len(words):
            return 0
        phrases = self.by_first.get(words[i])
        if not phrases:
            return 0
        for phrase in phrases:
            n = len(phrase)
            if n == 1 or tuple(words[i : i + n]) == phrase:
                return n
        return 0

    def contains(self, words: list[str]) -> bool:
        """True when some phrase occurs anywhere in the words."""
        first = self.by_first
        for i, word in enumerate(words):
            if word in first and self.at(words, i):
                return True
        return False

    def ending_at(self, words: list[str], k: int) -> int:
        """Length of the longest phrase ending at token k, or 0."""
        if k < 0 or k >= len(words):
            return 0
        for phrase in self.by_last.get(words[k], ()):
            n = len(phrase)
            if k - n + 1 >= 0 and tuple(words[k - n + 1 : k + 1]) == phrase:
                return n
        return 0


def tokenized(text: str) -> tuple[str, ...]:
    """A phrase as the tokenizer splits it, in lower case ("sumber-sumber" is three tokens)."""
    return tuple(t.lower_ for t in nlp().make_doc(text))


@cache
def table(key: str) -> PhraseTable:
    """The PhraseTable of one grammar.yaml list."""
    return PhraseTable(tokenized(p) for p in lexicon.grammar()[key])
