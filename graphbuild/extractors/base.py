"""What every extractor shares: the component signature and small token tests."""

from __future__ import annotations

from typing import Protocol

from graphbuild import lexicon
from graphbuild.model import DocumentFacts
from graphbuild.text import ParsedDocument, SentenceView

MAX_NAME_WORDS = 5


class Extractor(Protocol):
    """A named pipeline component: reads a parsed document and the facts found so far."""

    name: str

    def __call__(self, parsed: ParsedDocument, found: DocumentFacts) -> list: ...


def first_cap(word: str) -> bool:
    """A word that starts with a capital letter and has letters in it (a capital letter is one, nearly always)."""
    first = word[:1]
    return first.isupper() and (first.isalpha() or any(ch.isalpha() for ch in word))


def name_end(view: SentenceView, i: int) -> int:
    """End of a personal name starting at token i (i itself when there is none).

    A name is up to five capitalised words, joined by hyphens written without spaces
    ("Yong-hyun") or lower-case particles ("bin"); it stops at a speech cue or event word,
    which headlines capitalise too.
    """
    particles = lexicon.word_set("name_particles")
    j = i
    words = 0
    while j < len(view) and words < MAX_NAME_WORDS:
        word = view.words[j]
        if first_cap(word) and not _is_predicate(word) and not (word.isupper() and len(word) > 3):
            j += 1
            words += 1
            while j + 1 < len(view) and view.words[j] == "-" and _glued(view, j):
                j += 2
            continue
        if word.lower() in particles and j > i and j + 1 < len(view) and first_cap(view.words[j + 1]):
            j += 1
            continue
        break
    return j


def _glued(view: SentenceView, j: int) -> bool:
    """True when token j touches both neighbours (no spaces around a hyphen)."""
    return not view.spaced[j - 1] and not view.spaced[j]


def _is_predicate(word: str) -> bool:
    """A capitalised word that is a speech cue or an event trigger, as headlines write them."""
    lower = word.lower()
    return lexicon.find_cue(lower) is not None or lexicon.find_trigger(lower) is not None
