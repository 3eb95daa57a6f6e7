"""General rules that find and type the capitalised names the news extractor leaves.

A candidate is a run of capitalised words (with name particles, "&", and numbers after a
generic head: "SMA Negeri 1") on tokens no span covers yet, without the function words and
honorifics that open it ("Pada", "Drs."). Its type comes from the first rule that speaks,
strongest first: a generic head or tail inside the name, "bin" inside it, a cue word before
it, a known given name, an acronym's shape, a cue word after it, the ending of its last
word. A name no rule types takes the type of a name it is coordinated with ("X dan Y"),
or is left out when it is an ordinary word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.lang.id.stop_words import STOP_WORDS

from graphbuild import lexicon
from graphbuild.extractors.base import first_cap
from graphbuild.nerdata import calendar_words, common_words, given_names, phrases

Span = tuple[int, int, str]
MAX_RUN = 8
ROMAN = frozenset("IVXLC")
QUOTES = frozenset({'"', "“", "”", "'"})
COORDINATORS = frozenset({"dan", "atau", "serta", ",", "/", "&", "maupun"})


@dataclass
class Classifier:
    """Reads the capitalised runs of one sentence outside the spans already found."""

    words: list[str]
    spans: list[Span]
    untyped: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.p = phrases()
        self.lower = [w.lower() for w in self.words]
        self.n = len(self.words)
        self.taken = [False] * self.n
        for s, e, _ in self.spans:
            self.taken[s:e] = [True] * (e - s)

    def read(self) -> list[Span]:
        """New spans for the runs a rule types, then for runs coordinated with a typed span."""
        out: list[Span] = []
        i = 0
        while i < self.n:
            end = self._run_end(i)
            if end == i:
                i += 1
                continue
            s = self._strip(i, end)
            if s < end and not self._not_entity(s, end):
                kind = self._kind(s, end)
                if kind:
                    out.append((s, end, kind))
                elif self._name_like(s, end):
                    self.untyped.append((s, end))
            i = end
        return out + self._coordinated(self.spans + out)

    def _run_end(self, i: int) -> int:
        """End of the run of capitalised words starting at i (i when none starts there)."""
        if self.taken[i]:
            return i
        head = self.p.place_head(self.lower, self.words, i)
        if not first_cap(self.words[i]) and not (head and self._cap_at(i + head)):
            return i
        headed = bool(head or self.p.at("org_heads", self.lower, i))
        particles = lexicon.word_set("name_particles")
        j = i + max(head, 1)
        while j < self.n and j - i < MAX_RUN and not self.taken[j]:
            word = self.words[j]
            if first_cap(word) and not self._opener(word):
                j += 1
            elif headed and (word.isdigit() or set(word) <= ROMAN):
                j += 1
            elif self._cap_at(j + 1) and (self.lower[j] in particles or word == "&"):
                j += 1
            elif self._cap_at(j + 1) and headed and self.lower[j] == "dan":
                j += 1
            else:
                break
        return j

    def _cap_at(self, j: int) -> bool:
        return j < self.n and not self.taken[j] and first_cap(self.words[j])

    def _opener(self, word: str) -> bool:
        """A capitalised function word, which ends a run ("Kisah Sedih Di Hari Minggu")."""
        lower = word.lower()
        return lower in STOP_WORDS and not self.p.has("place_heads", lower) and word not in given_names()

    def _strip(self, s: int, e: int) -> int:
        """Skip function words and honorifics opening a run ("Pada", "Drs", "Bapak")."""
        while s < e:
            lower = self.lower[s]
            if self.p.place_head(self.lower, self.words, s) or self.words[s] in given_names():
                break
            if not (lower in STOP_WORDS or self.p.has("not_names", lower) or self.p.has("honorifics", lower)):
                break
            s += 1
        return s

    def _not_entity(self, s: int, e: int) -> bool:
        """Titles of works, events and periods, degrees, calendar words and title-only runs."""
        lower, p = self.lower, self.p
        if p.at("non_entity_heads", lower, s) or p.before("work_before", lower, s):
            return True
        if e - s == 1 and (lower[s] in calendar_words() or p.has("degrees", lower[s])):
            return True
        k = p.at("titles", lower, s)
        return k == e - s or self._quoted(s, e) and not self._headed(s, e)

    def _quoted(self, s: int, e: int) -> bool:
        """True inside quotation marks: "Road House", "Ghost"."""
        opened = sum(1 for w in self.words[:s] if w in QUOTES) % 2 == 1
        return opened and any(w in QUOTES for w in self.words[e:])

    def _headed(self, s: int, e: int) -> bool:
        lower = self.lower
        return bool(self.p.at("place_heads", lower, s) or self.p.at("org_heads", lower, s)) or (
            self.p.has("org_tails", lower[e - 1]) and e - s > 1
        )

    def _kind(self, s: int, e: int) -> str | None:
        """The type of the name at tokens s..e-1, or None when no rule speaks."""
        lower, words, p = self.lower, self.words, self.p
        head = p.place_head(lower, words, s)
        if head and e - s > head:
            return "Place"
        org = p.at("org_heads", lower, s)
        if org and e - s > org:
            return "Organization"
        if e - s > 1 and p.has("org_tails", lower[e - 1]):
            return "Organization"
        if "bin" in lower[s:e] or "binti" in lower[s:e] or p.at("name_titles", lower, s):
            return "Person"
        if p.before("person_before", lower, s) or p.before("titles", lower, s) or p.before("honorifics", lower, s):
            return "Person"
        if words[s] in given_names() and not _acronym(words[s]):
            return "Person"
        if e - s == 1 and _acronym(words[s]):
            return "Organization"
        if not self._name_like(s, e):
            return None
        if p.before("org_before", lower, s):
            return "Organization"
        if p.before("place_before", lower, s):
            return "Place"
        if e < self.n and p.at("person_after", lower, e):
            return "Person"
        return self._by_shape(s, e)

    def _name_like(self, s: int, e: int) -> bool:
        """True when some word of the run is no ordinary Indonesian word."""
        return any(w not in common_words() for w in self.lower[s:e] if w.isalpha())

    def _by_shape(self, s: int, e: int) -> str | None:
        """Type by the ending of the last word, or Person for a name of two or three words."""
        last = self.lower[e - 1]
        for key, kind in (("person_suffixes", "Person"), ("place_suffixes", "Place")):
            if any(len(last) > len(x[0]) + 2 and last.endswith(x[0]) for x in self.p.lists[key]):
                return kind
        return "Person" if 2 <= e - s <= 3 else None

    def _coordinated(self, typed: list[Span]) -> list[Span]:
        """Untyped names next to a typed one across "dan", "atau", a comma: "Pulau X dan Y"."""
        out: list[Span] = []
        for s, e in self.untyped:
            for a, b, kind in typed:
                left = b == s - 1 and self.lower[s - 1] in COORDINATORS
                right = a == e + 1 and self.lower[e] in COORDINATORS
                if left or right:
                    out.append((s, e, "Place" if kind == "Country" else kind))
                    break
        return out


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()
