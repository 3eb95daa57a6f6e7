"""Reading the arguments of a predicate from the mentions around it in one sentence.

No parser is involved: Indonesian news clauses are mostly subject-verb-object, so the
subject of a verb is the nearest mention to its left once adverbs, auxiliaries and a
comma-enclosed aside are stepped over, provided that mention is not the object of a
preposition or the modifier of a noun ("pasukan Korea Utara"). Coordination ("AS dan Korea
Selatan", "baik NATO maupun AS") gives every conjunct.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from graphbuild import lexicon
from graphbuild.extractors.phrases import table
from graphbuild.model import EventFact, Mention
from graphbuild.text import ParsedDocument, SentenceView

ASIDE_MAX = 12
LOOKAHEAD = 8
AGENTS = ("Country", "Organization", "Person")
PARTNER_WORDS = ("antara", "dengan", "dan", "serta")
SUBORDINATORS = ("setelah", "sebelum", "sambil", "ketika", "saat", "seraya", "usai")
T = TypeVar("T", Mention, EventFact)


def phrase_ending_at(lower: list[str], k: int, key: str) -> int:
    """Length of a phrase of grammar list `key` that ends at token k, or 0."""
    return table(key).ending_at(lower, k)


def phrase_at(lower: list[str], k: int, key: str) -> int:
    """Length of a phrase of grammar list `key` that starts at token k, or 0."""
    return table(key).at(lower, k)


def by_sentence(facts: Iterable[T]) -> dict[int, list[T]]:
    """Mentions or events grouped by sentence index, in their order: each sentence then reads its own
    instead of scanning the whole document's."""
    out: dict[int, list[T]] = {}
    for fact in facts:
        out.setdefault(fact.sentence, []).append(fact)
    return out


def clauses(parsed: ParsedDocument, mentions: list[Mention]) -> list[Clause]:
    """One Clause per sentence view, made once per document and shared by the extractors that read clauses.

    Extractors only add mentions (entities come first), so the clauses are made again only when the list
    has grown since.
    """
    made = parsed.memo.get("clauses")
    if made is None or made[0] != len(mentions):
        grouped = by_sentence(mentions)
        made = (len(mentions), [Clause(view, grouped.get(view.sentence.index, [])) for view in parsed.views()])
        parsed.memo["clauses"] = made
    return made[1]


class Clause:
    """The mentions of one sentence and the questions extractors ask about them."""

    def __init__(self, view: SentenceView, mentions: list[Mention]) -> None:
        self.view = view
        self.lower = view.lower
        self.units = sorted(
            (m for m in mentions if m.sentence == view.sentence.index and not m.nested),
            key=lambda m: (m.tok_start, m.tok_end),
        )
        self.by_start = {m.tok_start: m for m in self.units}
        self.by_end = {m.tok_end: m for m in self.units}
        self._hedged: bool | None = None
        self._covered: set[int] | None = None

    def covered(self) -> set[int]:
        """Token positions inside some mention, found once per clause (every verb asks)."""
        if self._covered is None:
            self._covered = {k for m in self.units for k in range(m.tok_start, m.tok_end)}
        return self._covered

    def hedged(self) -> bool:
        """True when the sentence holds a hedge ("jika benar", "kemungkinan", "diyakini"); asked once per event,
        so it is read once per sentence."""
        if self._hedged is None:
            self._hedged = table("hedges").contains(self.lower)
        return self._hedged

    def is_argument(self, m: Mention) -> bool:
        """False when the mention is the object of a preposition or modifies a noun before it."""
        k = m.tok_start - 1
        if k < 0:
            return True
        word = self.view.words[k]
        if self.lower[k] in lexicon.word_set("prepositions"):
            return False
        if not word[:1].isalpha() or word[:1].isupper() or _verb_like(self.lower[k]):
            return True
        allowed = ("clause_breaks", "coordinators", "adverbs", "complementizers", "dual_pronouns", "descriptors",
                   "copulas")
        return any(phrase_ending_at(self.lower, k, key) for key in allowed)

    def coordinated_before(self, m: Mention) -> list[Mention]:
        """Conjuncts standing before `m`: "X dan m", "baik X maupun m", "X, Y dan m"."""
        out: list[Mention] = []
        cur = m
        while cur.tok_start >= 2:
            k = cur.tok_start - 1
            comma_ok = bool(out)
            if self.lower[k] not in lexicon.word_set("coordinators") and not (comma_ok and self.view.words[k] == ","):
                break
            prev = self.by_end.get(k)
            if prev is None or prev.etype not in AGENTS or not self.is_argument(prev):
                break
            out.append(prev)
            cur = prev
        return out

    def coordinated_after(self, m: Mention) -> list[Mention]:
        """Conjuncts standing after `m`: "m dan Y"."""
        out: list[Mention] = []
        cur = m
        while cur.tok_end + 1 < len(self.lower):
            k = cur.tok_end
            if self.lower[k] not in lexicon.word_set("coordinators") and self.view.words[k] != ",":
                break
            nxt = self.by_start.get(k + 1)
            if nxt is None or nxt.etype not in ("Country", "Organization", "Person"):
                break
            out.append(nxt)
            cur = nxt
        return out

    def subject_before(self, i: int, types: tuple[str, ...] = AGENTS) -> list[Mention]:
        """The subject of the verb at token i, with its conjuncts, or []."""
        k = self.skip_left(i - 1)
        m = self.by_end.get(k + 1)
        if m is None or m.etype not in types or not self.is_argument(m):
            return []
        return self.coordinated_before(m)[::-1] + [m]

    def skip_left(self, k: int) -> int:
        """Step left over adverbs, auxiliaries and one comma-enclosed aside; the first other token."""
        while k >= 0:
            n = phrase_ending_at(self.lower, k, "adverbs") or phrase_ending_at(self.lower, k, "companions")
            if n:
                k -= n
                continue
            if self.view.words[k] == ")":
                opening = next((j for j in range(k - 1, max(-1, k - 5), -1) if self.view.words[j] == "("), None)
                if opening is not None:
                    k = opening - 1
                    continue
                return k
            if self.view.words[k] == ",":
                if k in self.by_end and self.is_argument(self.by_end[k]):
                    return k - 1
                opening = self._aside_start(k)
                if opening is None:
                    return k
                k = opening - 1
                continue
            return k
        return k

    def _aside_start(self, k: int) -> int | None:
        """The comma opening an aside that ends with the comma at k."""
        for j in range(k - 1, max(-1, k - ASIDE_MAX), -1):
            if self.view.words[j] == ",":
                return j
        return None

    def controller(self, i: int) -> list[Mention]:
        """The subject of the verb governing a subjectless verb at i.

        In "AS mendesak Korut untuk menarik pasukan" or "Korea Utara Sangkal Kerahkan ...",
        the agent of the second verb is read from the first verb's subject.
        """
        k = self.skip_left(i - 1)
        if k >= 0 and self.lower[k] in ("untuk", "agar", "supaya"):
            k = self.skip_left(k - 1)
        addressee = self.by_end.get(k + 1)
        if addressee is not None and addressee.etype in AGENTS:
            verb = self.skip_left(addressee.tok_start - 1)
            cue = lexicon.find_cue(self.lower[verb]) if verb >= 0 else None
            if cue is not None and cue.predicate == "demands":
                return [addressee]
        if k < 0 or k in self.covered() or not _verb_like(self.lower[k]):
            return []
        return self.subject_before(k)

    def relative_antecedent(self, i: int) -> list[Mention]:
        """The actor a relative clause "X, yang menginvasi ..." is about, for the verb at i."""
        j = self.skip_left(i - 1)
        if j < 0 or self.lower[j] != "yang":
            return []
        antecedent = self.by_end.get(j - 1 if j > 0 and self.view.words[j - 1] == "," else j)
        return [antecedent] if antecedent is not None and antecedent.etype in AGENTS else []

    def in_subordinate(self, i: int) -> bool:
        """True when the verb at i opens a subjectless "setelah ... membantah" clause."""
        k = self.skip_left(i - 1)
        return k >= 0 and self.lower[k] in SUBORDINATORS

    def main_subject(self) -> list[Mention]:
        """The first mention of the sentence that can be a subject."""
        for m in self.units:
            if m.etype in ("Country", "Organization", "Person") and self.is_argument(m):
                return [m] + self.coordinated_after(m)
        return []

    def unit_right_after(self, j: int, types: tuple[str, ...]) -> list[Mention]:
        """The mention starting at token j (after adverbs), with conjuncts."""
        while j < len(self.lower) and phrase_at(self.lower, j, "adverbs"):
            j += phrase_at(self.lower, j, "adverbs")
        m = self.by_start.get(j)
        if m is None or m.etype not in types:
            return []
        return [m] + self.coordinated_after(m)

    def after_word(self, j: int, words: tuple[str, ...], types: tuple[str, ...], reach: int) -> list[Mention]:
        """The mention right after one of `words` found within `reach` tokens from j."""
        for k in range(j, min(len(self.lower), j + reach)):
            if self.lower[k] in words:
                found = self.unit_right_after(k + 1, types)
                if found:
                    return found
        return []

    def after_preposition(self, j: int, key: str, types: tuple[str, ...],
                          exclude: list[Mention] | None = None) -> list[Mention]:
        """The first mention of `types` after a preposition of list `key`, within a few tokens of j."""
        excluded = {id(m) for m in exclude or []}
        for k in range(j, min(len(self.lower), j + LOOKAHEAD)):
            n = phrase_at(self.lower, k, key)
            if not n:
                continue
            start = k + n + phrase_at(self.lower, k + n, "place_cues")
            hit = [m for m in self.unit_right_after(start, types) if id(m) not in excluded]
            if hit:
                return hit[:1]
        return []

    def owner_before(self, i: int) -> list[Mention]:
        """The owner of troops or weapons just before token i ("pasukan Korea Utara telah dikirim")."""
        for k in range(i - 1, max(-1, i - 6), -1):
            if self._counted(k):
                owner = self.owner_at(k + 1)
                if owner:
                    return owner
        return []

    def own_troops_before(self, i: int) -> bool:
        """True when "pasukannya" (its troops) stands just before the verb at i."""
        k = self.skip_left(i - 1)
        return k >= 0 and self.lower[k].endswith("nya") and self._counted(k)

    def owner_after(self, j: int) -> list[Mention]:
        """The owner of troops or weapons just after token j ("penarikan segera pasukan Korea Utara")."""
        for k in range(j, min(len(self.lower), j + 4)):
            if self._counted(k):
                return self.owner_at(k + 1)
        return []

    def _counted(self, k: int) -> bool:
        word = self.lower[k]
        word = word[:-3] if word.endswith("nya") and len(word) > 5 else word
        return word in lexicon.units() and lexicon.units()[word][0] in ("troops", "weapons", "aircraft")

    def owner_at(self, k: int) -> list[Mention]:
        """The actor right after a counted noun, past an adjective ("pasukan khusus Korea Utara")."""
        for j in (k, k + 1, k + 2):
            m = self.by_start.get(j)
            if m is not None:
                return [m] if m.etype in AGENTS else []
            if j >= len(self.lower) or not self.lower[j].isalpha() or self.view.words[j][:1].isupper():
                return []
            if self.lower[j] in lexicon.word_set("prepositions") or _verb_like(self.lower[j]):
                return []
        return []

    def partners(self, i: int, length: int, window: int, types: tuple[str, ...]) -> list[Mention]:
        """The parties of a relation word: its subject, the name right after it, and names after
        "antara", "dengan" or "dan" ("kerja sama antara Vietnam dan Laos")."""
        out = [m for m in self.subject_before(i, types) or self.controller(i) if m.etype in types]
        end = i + length
        for m in self.units:
            if m.etype not in types or m.tok_start < end or m.tok_start >= end + window:
                continue
            before = self.lower[m.tok_start - 1]
            if m.tok_start == end or before in PARTNER_WORDS or before in ("-", ","):
                out.append(m)
        return list({id(m): m for m in out}.values())


def _verb_like(word: str) -> bool:
    """A word shaped like a verb: a meN-/di-/ber- form or a speech cue."""
    return word.startswith(("me", "di", "ber")) or lexicon.find_cue(word) is not None
