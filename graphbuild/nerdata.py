"""The word lists the general recognizer reads, loaded once per process.

ner_cues.yaml holds cue words by role, given_names.tsv given names, places.tsv and
organizations.tsv well-known names.
Which lower-case words are ordinary words comes from the root words PySastrawi ships (with
the project's own affix stripping for derived forms), spaCy's Indonesian and English stop words and
lemma tables (spacy-lookups-data; Indonesian text quotes English titles) and common_words.tsv: a
capitalised word that is also an ordinary word ("Pemerintah", "Musik", "Award") is a name
only when something else says so. Without those packages the lists are simply shorter.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
from spacy.lang.id.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher
from spacy.util import load_language_data, registry

from graphbuild import lexicon
from graphbuild.morphology import candidate_roots
from graphbuild.text import nlp

LOOKUP_LANGUAGES = ("id", "en")
MIN_ROOT = 5
VERB_PREFIXES = ("me", "di", "ber", "ter")
SUFFIXES = ("kan", "an", "nya")


@dataclass(frozen=True)
class Phrases:
    """The lists of ner_cues.yaml and the titles of titles.tsv, as lower-case token tuples."""

    lists: dict[str, tuple[tuple[str, ...], ...]]

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
        """True when the lower-cased `word` is a one-word entry of list `key`."""
        return (word.lower(),) in self.lists[key]

    def place_head(self, lower: list[str], words: list[str], i: int) -> int:
        """Length of a generic place word at i that belongs to the name after it, or 0; a school level
        after a word of time names a period of life ("sejak SMP Rina"), no school."""
        k = self.at("place_heads", lower, i)
        if k and not words[i][:1].isupper() and not self.at("lower_place_heads", lower, i):
            return 0
        if k and self.has("school_levels", lower[i]) and self.before("period_before", lower, i):
            return 0
        return k


@cache
def phrases() -> Phrases:
    """Every cue list, longest phrases first."""
    raw = yaml.safe_load(lexicon.read_text("ner_cues.yaml"))
    raw["titles"] = [" ".join(t) for t in lexicon.titles()]
    return Phrases({key: _tuples(words) for key, words in raw.items()})


def _tuples(words: list[str]) -> tuple[tuple[str, ...], ...]:
    make = nlp().make_doc
    items = {tuple(t.lower_ for t in make(w)) for w in words}
    return tuple(sorted(items, key=lambda t: (-len(t), t)))


@cache
def function_words() -> frozenset[str]:
    """Prepositions, conjunctions and sentence openers (lower case): even capitalised, they end a name
    that a generic head opened, while other stop words may belong to it ("Partai Indonesia Baru")."""
    keys = ("prepositions", "clause_breaks", "complementizers")
    words = {w for key in keys for w in lexicon.word_set(key)}
    return frozenset(words | {t[0] for key in ("not_names", "run_breakers") for t in phrases().lists[key]})


@cache
def given_names() -> frozenset[str]:
    """Given names as written."""
    return frozenset(row["name"] for row in lexicon.read_tsv("given_names.tsv"))


@cache
def calendar_words() -> frozenset[str]:
    """Month and day names, lower case: capitalised, but never entities."""
    rows = lexicon.read_tsv("month_names.tsv") + lexicon.read_tsv("day_names.tsv")
    return frozenset(r["name"].lower() for r in rows)


@cache
def common_words() -> frozenset[str]:
    """Ordinary Indonesian and English words (forms and lemmas) and our own list, lower case."""
    words = set(STOP_WORDS) | set(ENGLISH_STOP_WORDS)
    words.update(row["word"].lower() for row in lexicon.read_tsv("common_words.tsv"))
    for lang in LOOKUP_LANGUAGES:
        table = _lemma_table(lang)
        words.update(table)
        words.update(table.values())
    return frozenset(words)


@cache
def root_words() -> frozenset[str]:
    """Indonesian root words (KBBI based) shipped with PySastrawi; empty when it is not installed."""
    try:
        text = resources.files("Sastrawi").joinpath("Stemmer", "data", "kata-dasar.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return frozenset()
    return frozenset(text.split())


@lru_cache(maxsize=65536)
def ordinary(word: str) -> bool:
    """True for an ordinary word (lower case): listed, or a verb or suffixed form of a root ("berbasis",
    "pendirian"); a bare nominal prefix is not enough, as names take them ("Persikas", "Sebuku")."""
    if word in common_words() or word in root_words():
        return True
    if not (word.startswith(VERB_PREFIXES) or word.endswith(SUFFIXES)):
        return False
    return any(root in root_words() for root in candidate_roots(word)[1:] if len(root) >= MIN_ROOT)


def _lemma_table(lang: str) -> dict[str, str]:
    """spaCy's lemma lookup table for `lang`, empty when spacy-lookups-data is not installed."""
    try:
        return load_language_data(registry.lookups.get(lang)["lemma_lookup"])
    except (KeyError, ValueError, OSError):
        return {}


@cache
def name_matcher() -> PhraseMatcher:
    """A PhraseMatcher for the names of places.tsv and organizations.tsv, as written; the match id is the type."""
    matcher = PhraseMatcher(nlp().vocab, attr="ORTH")
    make = nlp().make_doc
    for row in lexicon.read_tsv("places.tsv"):
        matcher.add(row["type"], [make(row["name"])])
    matcher.add("Organization", [make(row["name"]) for row in lexicon.read_tsv("organizations.tsv")])
    return matcher
