"""Entity resolution: one key per real-world entity across the whole corpus.

Known names take their gazetteer id, so Korut, DPRK and Pyongyang are one country. Other
names get a key from a transliteration-folded spelling (Nebenzia = Nebenzya, Choe Son-hui =
Choe Son Hui). Within a document a bare surname points to the one person it can belong to
("Austin" after "Lloyd Austin"); a surname two people share ("Kim") is left unresolved. Across
the corpus, two persons holding the same office whose first or last names are transliteration
neighbours are one person (an envoy spelt two ways in two articles).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from graphbuild import lexicon
from graphbuild.model import DocumentFacts, Mention

NAME_SIMILARITY = 0.75
_DOUBLE = re.compile(r"(.)\1+")


@dataclass
class Entity:
    """A resolved entity with every surface form and role seen, per document."""

    key: str
    etype: str
    label_id: str = ""
    label_en: str | None = None
    wikidata: str | None = None
    names: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def label(self) -> str:
        """The canonical Indonesian label: the gazetteer's, else the most used surface form."""
        if self.label_id:
            return self.label_id
        total: Counter = Counter()
        for counts in self.names.values():
            total.update(counts)
        return min(total, key=lambda n: (-total[n], -len(n), n))


@dataclass
class Resolution:
    """Entities by key, and the key of every mention (by document, then position)."""

    entities: dict[str, Entity]
    keys: dict[str, dict[tuple[int, int, int], str]]

    def key_of(self, doc_id: str, m: Mention) -> str | None:
        """The entity key of a mention, or None when it could not be resolved."""
        keys = self.keys.get(doc_id)
        return None if keys is None else keys.get((m.sentence, m.tok_start, m.tok_end))

    _labels: dict[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def labels(self) -> dict[str, str]:
        """The canonical label of every entity, computed once: `Entity.label` reads every document's names.

        (Not a functools.cached_property: compiled by mypyc, that would be a plain property.)
        """
        if self._labels is None:
            self._labels = {key: entity.label() for key, entity in self.entities.items()}
        return self._labels

    def for_documents(self, doc_ids: Iterable[str]) -> Resolution:
        """What mapping `doc_ids` needs: their keys and entities, with only their names and roles.

        Each entity's corpus-wide label is fixed in the copy, so the copy maps the documents
        exactly as the whole resolution does while being small enough to send to a worker.
        """
        keys = {doc: self.keys.get(doc, {}) for doc in doc_ids}
        entities = {}
        for key in {k for doc_keys in keys.values() for k in doc_keys.values()}:
            e = self.entities[key]
            entities[key] = Entity(key=key, etype=e.etype, label_id=self.labels[key], label_en=e.label_en,
                                   wikidata=e.wikidata, names={d: e.names[d] for d in keys if d in e.names},
                                   roles={d: e.roles[d] for d in keys if d in e.roles})
        return Resolution(entities=entities, keys=keys)


@lru_cache(maxsize=lexicon.WORD_CACHE)
def translit(name: str) -> str:
    """A spelling-folded form of a name for matching transliteration variants; remembered, as the
    same names recur in every article."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = text.replace("kh", "h").replace("y", "i")
    return _DOUBLE.sub(r"\1", text)


def mention_key(m: Mention) -> str | None:
    """The key a mention gets on its own, before surnames and offices are considered."""
    if m.key:
        return m.key
    if m.etype == "Organization" and m.kind:
        kind, name, country = m.kind.split("|")
        name = _department_english(name) or translit(name)
        return "org:" + ":".join(p for p in (kind, name, country) if p)
    if m.etype == "Person" and m.kind == "surname":
        return None
    text = without_noise(m.text) if m.etype == "Person" else m.text
    if m.etype == "Person" and len(text.replace("-", " ").split()) < 2 and not m.role:
        return None
    return f"{m.etype.lower()}:{translit(text)}"


def without_noise(name: str) -> str:
    """A person's name without a leading function word that machine translation left in it
    ("By Syniehubov", where a first name read as an English preposition)."""
    words = name.split()
    if len(words) >= 2 and words[0].lower() in lexicon.word_set("name_noise"):
        return " ".join(words[1:])
    return name


def _department_english(words: str) -> str | None:
    return lexicon.departments().get(tuple(words.split())) if words else None


@dataclass
class DocumentSummary:
    """What resolution needs of one document, small enough to keep for a whole corpus.

    One row per resolved mention: its position (sentence, first and last token), its key
    before the corpus-wide merge, its type, the name as written (None for an implicit
    mention) and the role a title gave it.
    """

    doc_id: str
    rows: list[tuple[tuple[int, int, int], str, str, str | None, str | None]]


def summarize(facts: DocumentFacts) -> DocumentSummary:
    """The resolution summary of one document: a pure function, run where the document was extracted."""
    doc_keys = _document_keys(facts)
    rows = []
    for m in facts.mentions:
        key = doc_keys.get(id(m))
        if key is not None:
            rows.append(((m.sentence, m.tok_start, m.tok_end), sys.intern(key), m.etype,
                         None if m.implicit else m.text, m.role))
    return DocumentSummary(doc_id=facts.document.doc_id, rows=rows)


def resolve(corpus: Iterable[DocumentFacts]) -> Resolution:
    """Resolve the mentions of every document of the corpus."""
    return resolve_summaries(summarize(facts) for facts in corpus)


def resolve_summaries(summaries: Iterable[DocumentSummary]) -> Resolution:
    """Resolve a corpus from its documents' summaries: the cheap pass that sees every document."""
    entities: dict[str, Entity] = {}
    keys: dict[str, dict[tuple[int, int, int], str]] = {}
    for summary in summaries:
        doc_id = summary.doc_id
        doc_keys = keys.setdefault(doc_id, {})
        for position, key, etype, name, role in summary.rows:
            doc_keys[position] = key
            entity = entities.get(key) or _new_entity(key, etype)
            entities[key] = entity
            if name is not None:
                counts = entity.names[doc_id]
                counts[name] = counts.get(name, 0) + 1
                if etype == "Person" and (bare := without_noise(name)) != name:
                    counts[bare] = counts.get(bare, 0) + 1
            if role:
                entity.roles[doc_id].add(role)
    merged = _merge_office_holders(entities)
    if merged:
        for doc_keys in keys.values():
            for position, key in doc_keys.items():
                doc_keys[position] = merged.get(key, key)
    for old, new in merged.items():
        source = entities.pop(old)
        for doc, counts in source.names.items():
            target = entities[new].names[doc]
            for name, count in counts.items():
                target[name] = target.get(name, 0) + count
        for doc, roles in source.roles.items():
            entities[new].roles[doc] |= roles
    return Resolution(entities=entities, keys=keys)


def _new_entity(key: str, etype: str) -> Entity:
    entry = lexicon.gazetteer_by_key().get(key)
    if entry is None:
        return Entity(key=key, etype=etype)
    return Entity(key=key, etype=entry.etype, label_id=entry.label_id, label_en=entry.label_en or None,
                  wikidata=entry.wikidata)


def _document_keys(facts: DocumentFacts) -> dict[int, str]:
    """Keys of one document's mentions, surnames linked to the full names they repeat."""
    keys = {id(m): k for m in facts.mentions if (k := mention_key(m))}
    people: dict[str, set[str]] = defaultdict(set)
    for m in facts.mentions:
        key = keys.get(id(m))
        if m.etype != "Person" or key is None:
            continue
        names = [m.text]
        entry = lexicon.gazetteer_by_key().get(key)
        if entry:
            names.extend(entry.names)
        for name in names:
            words = name.replace("-", " ").split()
            if len(words) >= 2:
                people[words[0]].add(key)
                people[words[-1]].add(key)
    for m in facts.mentions:
        if m.etype == "Person" and id(m) not in keys:
            candidates = people.get(m.text.strip(), set())
            if len(candidates) == 1:
                keys[id(m)] = next(iter(candidates))
    return keys


def _merge_office_holders(entities: dict[str, Entity]) -> dict[str, str]:
    """Map person keys onto the key of a same-office person with a neighbouring spelling."""
    persons = sorted((e for e in entities.values() if e.etype == "Person"), key=lambda e: (e.label_id == "", e.key))
    offices: dict[str, list[Entity]] = defaultdict(list)
    for person in persons:
        for role in sorted({r for roles in person.roles.values() for r in roles}):
            offices[_office(role)].append(person)
    names = {person.key: translit(person.label()).split() for person in persons}
    similar: dict[tuple[str, str], bool] = {}
    merged: dict[str, str] = {}
    for holders in offices.values():
        for i, keep in enumerate(holders):
            if keep.key in merged:
                continue
            for other in holders[i + 1 :]:
                if other.key not in merged and other.key != keep.key and not other.label_id:
                    if _neighbours(names[keep.key], names[other.key], similar):
                        merged[other.key] = keep.key
    return {key: _root(key, merged) for key in merged}


def _root(key: str, merged: dict[str, str]) -> str:
    """The key a merged person ends at: one kept for one office may be merged into another
    office's holder later ("A" into "B", then "B" into "C")."""
    while key in merged:
        key = merged[key]
    return key


def _office(role: str) -> str:
    """A role with spacing, case and parenthesised abbreviations folded."""
    return " ".join(re.sub(r"\([^)]*\)", " ", role.lower()).split())


def _neighbours(wa: list[str], wb: list[str], similar: dict[tuple[str, str], bool]) -> bool:
    """True when the first or the last names of two persons (their folded words) are transliteration
    neighbours; `similar` remembers the word pairs already compared, so many holders of one office
    cost few comparisons."""
    if len(wa) < 2 or len(wb) < 2:
        return False
    return _similar(wa[0], wb[0], similar) or _similar(wa[-1], wb[-1], similar)


def _similar(a: str, b: str, seen: dict[tuple[str, str], bool]) -> bool:
    found = seen.get((a, b))
    if found is None:
        found = seen[(a, b)] = SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY
    return found
