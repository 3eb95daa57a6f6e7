"""Part-of-speech tags for Indonesian, from an averaged perceptron trained on nlp-id's tagged corpus.

The recognizer uses the tags to tell names (NNP) from ordinary capitalised words and to read the
words around a name (a verb after it, a preposition before it). nlp-id (MIT) ships a POS-tagged
Indonesian news corpus in its wheel; its own tagger downloads a model at run time, so only the
bundled corpus is read (without importing nlp-id, whose imports need other packages). The model
is trained at first use, in about half a minute, and cached outside the repository under the
user's cache folder, keyed by nlp-id's version; it is neither shipped nor committed.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

from graphbuild.outputs import atomic_write

TaggedSentence = list[tuple[str, str]]
CORPUS_PACKAGE = "nlp-id"
CORPUS_FILE = "nlp_id/data/dataset_postag.txt"
ITERATIONS = 5
SEED = 7
FREQUENT = 20
UNAMBIGUOUS = 0.97
START = ("-START-", "-START2-")
END = ("-END-", "-END2-")


class PerceptronTagger:
    """An averaged perceptron over word, affix, shape and neighbour features, with a dictionary of
    frequent words that always take one tag (after Collins 2002 and Honnibal's greedy tagger)."""

    def __init__(self, weights: dict | None = None, tagdict: dict | None = None, classes: Iterable = ()) -> None:
        self.weights: dict[str, dict[str, float]] = weights or {}
        self.tagdict: dict[str, str] = tagdict or {}
        self.classes: list[str] = sorted(classes)

    def tag(self, words: list[str]) -> list[str]:
        """One tag per word; greedy, left to right."""
        context = [*START, *(_normal(w) for w in words), *END]
        prev, prev2 = START
        tags = []
        for i, word in enumerate(words):
            tag = self.tagdict.get(word) or self._best(_features(i, word, context, prev, prev2, words))
            tags.append(tag)
            prev2, prev = prev, tag
        return tags

    def _best(self, features: list[str]) -> str:
        scores: dict[str, float] = defaultdict(float)
        for feature in features:
            for tag, weight in self.weights.get(feature, {}).items():
                scores[tag] += weight
        return max(self.classes, key=lambda tag: (scores[tag], tag))

    def train(self, sentences: list[TaggedSentence], iterations: int = ITERATIONS) -> None:
        """Learn from tagged sentences, shuffled (with a fixed seed) between passes; weights are averaged."""
        self.classes = sorted({tag for sentence in sentences for _, tag in sentence})
        self.tagdict = _tagdict(sentences)
        totals: dict[tuple[str, str], float] = defaultdict(float)
        stamps: dict[tuple[str, str], int] = defaultdict(int)
        step = 0
        order = list(sentences)
        rng = random.Random(SEED)
        for _ in range(iterations):
            for sentence in order:
                words = [w for w, _ in sentence]
                context = [*START, *(_normal(w) for w in words), *END]
                prev, prev2 = START
                for i, (word, truth) in enumerate(sentence):
                    guess = self.tagdict.get(word)
                    if not guess:
                        features = _features(i, word, context, prev, prev2, words)
                        guess = self._best(features)
                        if guess != truth:
                            self._update(features, truth, guess, step, totals, stamps)
                    step += 1
                    prev2, prev = prev, guess
            rng.shuffle(order)
        self._average(step, totals, stamps)

    def _update(self, features: list[str], truth: str, guess: str, step: int, totals: dict, stamps: dict) -> None:
        for feature in features:
            row = self.weights.setdefault(feature, {})
            for tag, change in ((truth, 1.0), (guess, -1.0)):
                key = (feature, tag)
                weight = row.get(tag, 0.0)
                totals[key] += (step - stamps[key]) * weight
                stamps[key] = step
                row[tag] = weight + change

    def _average(self, step: int, totals: dict, stamps: dict) -> None:
        for feature, row in self.weights.items():
            averaged = {}
            for tag, weight in row.items():
                key = (feature, tag)
                value = round((totals[key] + (step - stamps[key]) * weight) / step, 3)
                if value:
                    averaged[tag] = value
            self.weights[feature] = averaged

    def to_json(self) -> str:
        return json.dumps({"weights": self.weights, "tagdict": self.tagdict, "classes": self.classes})

    @classmethod
    def from_json(cls, text: str) -> PerceptronTagger:
        data = json.loads(text)
        return cls(data["weights"], data["tagdict"], data["classes"])


def _normal(word: str) -> str:
    """Digits collapse to one form, so that years and amounts share weights."""
    if word.isdigit():
        return "!YEAR" if len(word) == 4 else "!DIGITS"
    return word.lower()


def _shape(word: str) -> str:
    if word.isupper():
        return "UPPER"
    if word[:1].isupper():
        return "TITLE"
    if any(c.isdigit() for c in word):
        return "DIGIT"
    return "LOWER" if word.isalpha() else "OTHER"


def _features(i: int, word: str, context: list[str], prev: str, prev2: str, words: list[str]) -> list[str]:
    """The features of word i; context holds the normalized words with two pads on each side."""
    j = i + 2
    low = context[j]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    return [
        "bias",
        f"w {low}",
        f"suf {low[-3:]}",
        f"suf2 {low[-2:]}",
        f"pre {low[:2]}",
        f"pre3 {low[:3]}",
        f"shape {_shape(word)} {i == 0}",
        f"t-1 {prev}",
        f"t-2 {prev2}",
        f"t-1t-2 {prev} {prev2}",
        f"t-1w {prev} {low}",
        f"w-1 {context[j - 1]}",
        f"suf-1 {context[j - 1][-3:]}",
        f"w-2 {context[j - 2]}",
        f"w+1 {context[j + 1]}",
        f"suf+1 {context[j + 1][-3:]}",
        f"shape+1 {_shape(nxt) if nxt else '-'}",
        f"w+2 {context[j + 2]}",
    ]


def _tagdict(sentences: list[TaggedSentence]) -> dict[str, str]:
    """Frequent words that (almost) always take one tag."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for sentence in sentences:
        for word, tag in sentence:
            counts[word][tag] += 1
    out = {}
    for word, tags in counts.items():
        tag, n = tags.most_common(1)[0]
        total = sum(tags.values())
        if total >= FREQUENT and n / total >= UNAMBIGUOUS:
            out[word] = tag
    return out


def read_corpus(text: str) -> list[TaggedSentence]:
    """Sentences of a `word<TAB>TAG` file with blank lines between sentences; tags upper-cased, other
    lines skipped."""
    sentences: list[TaggedSentence] = []
    sentence: TaggedSentence = []
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) == 2 and fields[0] and fields[1]:
            sentence.append((fields[0], fields[1].upper()))
        elif not line.strip() and sentence:
            sentences.append(sentence)
            sentence = []
    if sentence:
        sentences.append(sentence)
    return sentences


def cache_dir() -> Path:
    """Where trained models are kept: $XDG_CACHE_HOME/graphbuild, else ~/.cache/graphbuild."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "graphbuild"


@cache
def default_tagger() -> PerceptronTagger | None:
    """The tagger trained on nlp-id's corpus, loaded from the cache or trained and cached on first use;
    None when nlp-id is not installed (callers then go without tags)."""
    try:
        dist = metadata.distribution(CORPUS_PACKAGE)
    except metadata.PackageNotFoundError:
        return None
    corpus = Path(str(dist.locate_file(CORPUS_FILE)))
    if not corpus.is_file():
        return None
    path = cache_dir() / f"postagger-{CORPUS_PACKAGE}-{dist.version}.json.gz"
    if path.is_file():
        return PerceptronTagger.from_json(gzip.decompress(path.read_bytes()).decode("utf-8"))
    tagger = PerceptronTagger()
    tagger.train(read_corpus(corpus.read_text(encoding="utf-8")))
    atomic_write(path, gzip.compress(tagger.to_json().encode("utf-8")))
    return tagger


def pos_tags(words: list[str]) -> list[str] | None:
    """Tags of a tokenized sentence from the default tagger, or None without one."""
    tagger = default_tagger()
    return tagger.tag(words) if tagger else None
