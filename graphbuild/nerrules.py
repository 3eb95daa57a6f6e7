"""General rules that find and type the capitalised names the news extractor leaves.

A candidate is a run of capitalised words (with name particles, "&", and numbers after a
generic head: "SMA Negeri 1"), stripped of function words that only start a sentence. Its type
comes from the first rule that speaks, strongest first: a generic head or tail inside the name,
"bin" inside it, a cue word before or after it, a known given name, the shape of an acronym,
and the ending of its last word. A run no rule speaks for is left out: precision first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml
from spacy.lang.id.stop_words import STOP_WORDS

from graphbuild import lexicon
from graphbuild.extractors.base import first_cap

Span = tuple[int, int, str]
MAX_RUN = 8
ROMAN = frozenset("IVXLC")


@dataclass(frozen=True)
class Phrases:
    """The word lists of ner_cues.yaml as lower-case token tuples, with given names and titles."""

    lists: dict[str, tuple[tuple[str, ...], ...]]
    given: frozenset[str]

    @staticmethod
    @cache
    def load() -> Phrases:
        raw = yaml.safe_load(lexicon.read_text("ner_cues.yaml"))
        lists = {key: _phrases(words) for key, words in raw.items()}
        lists["titles"] = _phrases([" ".join(t) for t in lexicon.titles()])
        given = frozenset(row["name"] for row in lexicon.read_tsv("given_names.tsv"))
        return Phrases(lists, given)

    def at(self, key: str, lower: list[str], i: int) -> int:
        """Length of the longest phrase of list `key` starting at token i, or 0."""
        for phrase in self.lists[key]:
            if tuple(lower[i : i + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def before(self, key: str, lower: list[str], i: int) -> int:
        """Length of the longest phrase of list `key` ending just before token i, or 0."""
        for phrase in self.lists[key]:
            k = len(phrase)
            if k <= i and tuple(lower[i - k : i]) == phrase:
                return k
        return 0

    def has(self, key: str, word: str) -> bool:
        return (word.lower(),) in self.lists[key]

    def place_head(self, head: tuple[str, ...], first: str) -> bool:
        """True when `head` is a generic word of a place name; lower case only for some."""
        if head not in self.lists["place_heads"]:
            return False
        return first[:1].isupper() or head in self.lists["lower_place_heads"]


def _phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
    items = {tuple(w.lower().split()) for w in words}
    return tuple(sorted(items, key=lambda t: (-len(t), t)))


@dataclass
class Classifier:
    """Reads the capitalised runs of a sentence outside the spans already found."""

    words: list[str]
    spans: list[Span]

    def __post_init__(self) -> None:
        self.p = Phrases.load()
        self.lower = [w.lower() for w in self.words]
        self.n = len(self.words)
        self.taken = [False] * self.n
        for s, e, _ in self.spans:
            for i in range(s, e):
                self.taken[i] = True

    def read(self) -> list[Span]:
        out: list[Span] = []
        i = 0
        while i < self.n:
            end = self._run_end(i)
            if end == i:
                i += 1
                continue
            s = self._strip(i, end)
            kind = self._kind(s, end) if s < end else None
            if kind:
                out.append((s, end, kind))
            i = end
        return out

    def _starts_run(self, i: int) -> int:
        """Length of what may open a run at i: a capitalised word or a lower-case place head."""
        if self.taken[i]:
            return 0
        if first_cap(self.words[i]):
            return 1
        k = self.p.at("lower_place_heads", self.lower, i)
        if k and i + k < self.n and not self.taken[i + k] and first_cap(self.words[i + k]):
            return k
        return 0

    def _run_end(self, i: int) -> int:
        k = self._starts_run(i)
        if not k:
            return i
        j = i + k
        headed = bool(self.p.at("org_heads", self.lower, i) or self.p.at("place_heads", self.lower, i))
        particles = lexicon.word_set("name_particles")
        while j < self.n and j - i < MAX_RUN and not self.taken[j]:
            word = self.words[j]
            nxt_cap = j + 1 < self.n and first_cap(self.words[j + 1]) and not self.taken[j + 1]
            if first_cap(word) and not self._opener(word):
                j += 1
            elif headed and (word.isdigit() or set(word) <= ROMAN):
                j += 1
            elif nxt_cap and (self.lower[j] in particles or word == "&" or (headed and self.lower[j] == "dan")):
                j += 1
            else:
                break
        return j

    def _opener(self, word: str) -> bool:
        """A function word that may be capitalised but never continues a name."""
        lower = word.lower()
        return lower in STOP_WORDS and not self.p.has("place_heads", lower) and word not in self.p.given

    def _strip(self, s: int, e: int) -> int:
        """Skip capitalised function words at the start of a run ("Pada", "Selain")."""
        while s < e and (self.lower[s] in STOP_WORDS or self.p.has("not_names", self.lower[s])):
            if self.p.at("place_heads", self.lower, s) or self.words[s] in self.p.given:
                break
            s += 1
        return s

    def _kind(self, s: int, e: int) -> str | None:
        """The type of the name at tokens s..e-1, or None when no rule speaks."""
        lower, words, p = self.lower, self.words, self.p
        if p.at("place_heads", lower, s) and (e - s) > p.at("place_heads", lower, s):
            return "Place"
        if p.at("org_heads", lower, s) and (e - s) > p.at("org_heads", lower, s):
            return "Organization"
        if e - s > 1 and p.has("org_tails", lower[e - 1]):
            return "Organization"
        if any(w in ("bin", "binti") for w in lower[s:e]):
            return "Person"
        if p.before("person_before", lower, s) or p.before("titles", lower, s):
            return "Person"
        if words[s] in p.given and not self._acronym(words[s]):
            return "Person"
        if e - s == 1 and self._acronym(words[s]):
            return "Organization"
        if p.before("org_before", lower, s):
            return "Organization"
        if p.before("place_before", lower, s):
            return "Place"
        if e < self.n and p.at("person_after", lower, e):
            return "Person"
        return self._by_shape(s, e)

    def _acronym(self, word: str) -> bool:
        return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()

    def _by_shape(self, s: int, e: int) -> str | None:
        """Type by the ending of the last word, or Person for a name of two or three words."""
        last = self.lower[e - 1]
        for key, kind in (("person_suffixes", "Person"), ("place_suffixes", "Place")):
            if any(len(last) > len(x[0]) + 2 and last.endswith(x[0]) for x in self.p.lists[key]):
                return kind
        return "Person" if 2 <= e - s <= 3 else None
