"""Named entities: gazetteer names, titled persons, organizations and places by pattern.

Gazetteer names are found with spaCy PhraseMatchers (acronyms as written, longer names in
any case). Patterns then read a title and what follows it ("Menteri Pertahanan AS Lloyd
Austin", "Duta Besar Filipina untuk PBB, Maria Santos"), organization heads ("Kementerian Luar
Negeri China", "badan mata-mata Korea Selatan"), place cues ("desa X") and unnamed state
voices ("pemerintah Korea Utara"). A second pass finds persons named by surname only.
"""

from __future__ import annotations

from functools import cache, lru_cache

from spacy.matcher import PhraseMatcher

from graphbuild import lexicon
from graphbuild.extractors.base import first_cap, name_end
from graphbuild.extractors.patterns import PatternReader
from graphbuild.model import DocumentFacts, Mention
from graphbuild.text import ParsedDocument, nlp

ACRONYM_MAX = 5


@cache
def matchers() -> tuple[PhraseMatcher, PhraseMatcher]:
    """PhraseMatchers for gazetteer names: (as written, any case)."""
    exact = PhraseMatcher(nlp().vocab, attr="ORTH")
    anycase = PhraseMatcher(nlp().vocab, attr="LOWER")
    make = nlp().make_doc
    for entry in lexicon.gazetteer():
        short = [n for n in entry.names if n.isupper() and len(n) <= ACRONYM_MAX]
        other = [n for n in entry.names if n not in short]
        if short:
            exact.add(entry.key, [make(n) for n in short])
        if other:
            anycase.add(entry.key, [make(n) for n in other])
    return exact, anycase


class EntityExtractor:
    """Finds the entity mentions of every sentence of a document."""

    name = "entities"

    def __call__(self, parsed: ParsedDocument, found: DocumentFacts) -> list[Mention]:
        gaz = _gazetteer_matches(parsed)
        mentions: list[Mention] = []
        for view in parsed.views():
            mentions.extend(PatternReader(view, gaz.get(view.sentence.index, [])).read())
        mentions.extend(_surname_mentions(parsed, mentions))
        return sorted(mentions, key=lambda m: (m.sentence, m.tok_start, m.tok_end))


def _gazetteer_matches(parsed: ParsedDocument) -> dict[int, list[tuple[int, int, str]]]:
    """Non-overlapping gazetteer matches per sentence, as sentence-local token ranges."""
    exact, anycase = matchers()
    vocab = nlp().vocab
    doc = parsed.doc
    raw = [(s, e, vocab.strings[m]) for m, s, e in exact(doc)]
    words = parsed.table.words
    raw += [(s, e, vocab.strings[m]) for m, s, e in anycase(doc) if _case_fits(words[s], vocab.strings[m])]
    raw.sort(key=lambda x: (-(x[1] - x[0]), x[0], x[2]))
    taken: set[int] = set()
    out: dict[int, list[tuple[int, int, str]]] = {}
    for s, e, key in raw:
        if taken.intersection(range(s, e)):
            continue
        head, tail = parsed.locate(s), parsed.locate(e - 1)
        if head is None or tail is None or head[0] != tail[0]:
            continue
        (first, start), (_, end) = head, tail
        taken.update(range(s, e))
        out.setdefault(first, []).append((start, end + 1, key))
    for items in out.values():
        items.sort()
    return out


def _surname_mentions(parsed: ParsedDocument, mentions: list[Mention]) -> list[Mention]:
    """Single capitalised words that repeat the first or last word of a person named in the document."""
    parts: dict[str, set[str]] = {}
    for m in mentions:
        if m.etype != "Person" or m.implicit:
            continue
        names = [m.text]
        if m.key:
            names.extend(lexicon.gazetteer_by_key()[m.key].names)
        for name in names:
            words = name.replace("-", " ").split()
            if len(words) >= 2:
                for w in (words[0], words[-1]):
                    parts.setdefault(w, set()).add(m.key or m.text)
    out: list[Mention] = []
    taken = {(m.sentence, i) for m in mentions for i in range(m.tok_start, m.tok_end)}
    for view in parsed.views():
        for i, word in enumerate(view.words):
            if word not in parts or (view.sentence.index, i) in taken or not first_cap(word):
                continue
            if i + 1 < len(view) and first_cap(view.words[i + 1]) and name_end(view, i) > i + 1:
                continue
            start, end = view.chars(i, i + 1)
            out.append(
                Mention(start, end, word, "Person", view.sentence.index, tok_start=i, tok_end=i + 1,
                        kind="surname")
            )
    return out


@lru_cache(maxsize=lexicon.WORD_CACHE)
def _case_fits(word: str, key: str) -> bool:
    """A name written with a capital matches only a capitalised word ("Antara", not "antara");
    remembered per word and key, as the same names recur in every article."""
    names = lexicon.gazetteer_by_key()[key].names
    lower = word.lower()
    wanted = {n[:1].isupper() for n in names if n.lower().startswith(lower)}
    return word[:1].isupper() in wanted if wanted else True
