"""Token patterns that read entity mentions out of one sentence.

The reader walks the sentence once, left to right, and at each position tries, in order: a
title opening a person's phrase, a gazetteer name, an organization head, an unnamed state
voice, a place cue, and a bare name in a speech context. Whatever it reads is one mention
covering the whole phrase; names inside it (the country in a title) are kept as nested mentions.
A title's complement (a place, body or unit: "Gubernur Jawa Tengah", "Kepala Staf Angkatan Darat") and a
rank after it belong to the title, so the person's name starts after them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from graphbuild import lexicon
from graphbuild.extractors.base import first_cap, name_end
from graphbuild.extractors.phrases import PhraseTable, table, tokenized
from graphbuild.model import Mention
from graphbuild.nerdata import given_names
from graphbuild.text import SentenceView, nlp

SPEECH_NEIGHBOURS = ("kata", "ujar", "ucap", "tutur", "oleh", "menurut", "tegas", "tambah")
MAX_ORG_WORDS = 4


@cache
def _titles() -> PhraseTable:
    """Titles as lower-case token tuples."""
    return PhraseTable(tokenized(" ".join(title)) for title in lexicon.titles())


@dataclass
class PatternReader:
    """Reads the mentions of one sentence; `gaz` holds its gazetteer matches (start, end, key)."""

    view: SentenceView
    gaz_list: list[tuple[int, int, str]]
    out: list[Mention] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.gaz = {s: (e, key) for s, e, key in self.gaz_list}
        self.n = len(self.view)

    def read(self) -> list[Mention]:
        i = 0
        openers = _openers()
        lower, words = self.view.lower, self.view.words
        while i < self.n:
            if lower[i] not in openers and i not in self.gaz and not words[i][:1].isupper():
                i += 1
                continue
            end = self._titled(i) or self._gazetteer(i) or self._organization(i) or self._voice(i)
            end = end or self._place(i) or self._bare_name(i)
            i = end if end > i else i + 1
        return self.out

    def _mention(self, i: int, j: int, etype: str, **kw) -> Mention:
        """A mention whose name is tokens i..j-1."""
        start, end = self.view.chars(i, j)
        text = self.view.sentence.text[start - self.view.sentence.start : end - self.view.sentence.start]
        kw.setdefault("tok_start", i)
        kw.setdefault("tok_end", j)
        return Mention(start, end, text, etype, self.view.sentence.index, **kw)

    def _gaz_at(self, i: int, types: tuple[str, ...]) -> tuple[int, str] | None:
        hit = self.gaz.get(i)
        if hit and lexicon.gazetteer_by_key()[hit[1]].etype in types:
            return hit
        return None

    def _titled(self, i: int) -> int:
        """Title, affiliation and name: "Menteri Pertahanan AS Lloyd Austin".

        A rank between the office and the name ("Kapolda Jawa Barat Irjen ...") belongs to neither:
        the role is the office as written."""
        k = _titles().at(self.view.lower, i)
        if not k or (i in self.gaz):
            return 0
        role_end, affiliations, nested = self._role_tail(i + k)
        office_end = role_end
        while (k := self._rank_at(role_end)) > 0:
            role_end, more, inner = self._role_tail(role_end + k)
            affiliations += more
            nested += inner
        j = role_end + 1 if role_end < self.n and self.view.words[role_end] == "," else role_end
        person = self._person_at(j)
        if person is None:
            countries = [m for m in affiliations if m.etype == "Country"]
            if not countries:
                return self._unnamed_office(role_end, affiliations, nested)
            self.out.extend(nested)
            self.out.append(self._voice_mention(i, role_end, countries[-1]))
            return role_end
        p_start, p_end, key = person
        role = self._text(i, office_end).rstrip(" ,")
        mention = self._mention(p_start, p_end, "Person", key=key, role=role, affiliations=tuple(affiliations))
        mention.tok_start = i
        self.out.extend(nested)
        self.out.append(mention)
        return self._after_person(mention)

    def _unnamed_office(self, end: int, affiliations: list[Mention], nested: list[Mention]) -> int:
        """An office of a place with no name after it ("Gubernur Jawa Tengah mengatakan"): the place is
        read here, so that it is not taken for a person's name; other offices are read again from the next token."""
        if not any(m.etype == "Place" for m in affiliations):
            return 0
        self.out.extend(nested)
        return end

    def _role_tail(self, j: int) -> tuple[int, list[Mention], list[Mention]]:
        """Read modifiers, portfolio, abbreviation and affiliations after a title."""
        lower = self.view.lower
        affiliations: list[Mention] = []
        nested: list[Mention] = []
        while j < self.n and lower[j] in lexicon.word_set("title_modifiers"):
            j += 1
        j += _department_at(lower, j)
        j = self._skip_parenthesis(j, nested)
        while j < self.n and (end := self._complement(j, affiliations, nested)) > j:
            j = end
        if j + 1 < self.n and lower[j] == "untuk" and self._gaz_at(j + 1, ("Country", "Organization")):
            end, key = self.gaz[j + 1]
            nested.append(self._mention(j + 1, end, lexicon.gazetteer_by_key()[key].etype, key=key, nested=True))
            j = self._skip_parenthesis(end, nested)
        return j, affiliations, nested

    def _complement(self, j: int, affiliations: list[Mention], nested: list[Mention]) -> int:
        """End of one complement of a title at token j (j when there is none): a known state, body or
        place ("Ketua KPK", "Gubernur Jawa Tengah"), a unit ("Kepala Staf Angkatan Darat"), or an
        organization; whatever names an entity is kept as an affiliation."""
        known = self._known_at(j)
        if known:
            end, key, etype = known
            m = self._mention(j, end, etype, key=key, nested=True)
            affiliations.append(m)
            nested.append(m)
            return self._skip_parenthesis(end, nested)
        unit = _complements().at(self.view, j)
        if unit:
            return unit[0]
        org_end = self._organization(j, nested=True)
        if org_end:
            affiliations.append(self.out.pop())
            nested.append(affiliations[-1])
            return org_end
        head = _org_head_table().at(self.view.lower, j)
        return j + head if head and first_cap(self.view.words[j]) else j

    def _known_at(self, j: int) -> tuple[int, str | None, str] | None:
        """A state, body or place at token j, the longest of the gazetteer and places.tsv: (end, key, type)."""
        hit = self._gaz_at(j, ("Country", "Organization", "Place"))
        place = _places().at(self.view, j)
        if place and (not hit or place[0] > hit[0]):
            return place[0], None, place[1]
        return (hit[0], hit[1], lexicon.gazetteer_by_key()[hit[1]].etype) if hit else None

    def _rank_at(self, j: int) -> int:
        """Length of a capitalised title right after another one ("Kapolda Jawa Barat Irjen"), or 0."""
        if j >= self.n or j in self.gaz or not first_cap(self.view.words[j]):
            return 0
        return _titles().at(self.view.lower, j)

    def _opens_name(self, j: int) -> bool:
        """A given name or a rank: where, after a title, an organization's name ends and a person's begins."""
        return self.view.words[j] in given_names() or self._rank_at(j) > 0

    def _skip_parenthesis(self, j: int, nested: list[Mention]) -> int:
        """Skip "(AS)" or "(Menlu)" after a name or title, keeping a gazetteer name inside."""
        words = self.view.words
        if j + 2 < self.n and words[j] == "(" and words[j + 2] == ")":
            hit = self.gaz.get(j + 1)
            if hit and hit[0] == j + 2:
                kind = lexicon.gazetteer_by_key()[hit[1]].etype
                nested.append(self._mention(j + 1, j + 2, kind, key=hit[1], nested=True))
            return j + 3
        return j

    def _person_at(self, j: int) -> tuple[int, int, str | None] | None:
        """A person's name at token j: a gazetteer person or capitalised words."""
        hit = self._gaz_at(j, ("Person",))
        if hit:
            return j, hit[0], hit[1]
        if j in self.gaz:
            return None
        end = name_end(self.view, j)
        for k in range(j, end):
            if k in self.gaz:
                end = k
                break
        return (j, end, None) if end > j else None

    def _after_person(self, person: Mention) -> int:
        """Read "dari Rusia" or ", duta besar AS untuk PBB" after a person's name."""
        j = person.tok_end
        lower = self.view.lower
        if j + 1 < self.n and lower[j] == "dari" and self._gaz_at(j + 1, ("Country",)):
            end, key = self.gaz[j + 1]
            country = self._mention(j + 1, end, "Country", key=key, nested=True)
            self.out.append(country)
            person.affiliations = person.affiliations + (country,)
            person.tok_end = end
            return end
        if j + 1 < self.n and self.view.words[j] == "," and not person.role:
            k = _titles().at(lower, j + 1)
            if k:
                role_end, affiliations, nested = self._role_tail(j + 1 + k)
                if affiliations:
                    person.role = self._text(j + 1, role_end).rstrip(" ,")
                    person.affiliations = tuple(affiliations)
                    self.out.extend(nested)
                    person.tok_end = role_end
                    return role_end
        return j

    def _gazetteer(self, i: int) -> int:
        """A gazetteer name, or a region of a country ("Ukraina timur")."""
        if i not in self.gaz:
            return 0
        end, key = self.gaz[i]
        entry = lexicon.gazetteer_by_key()[key]
        if entry.etype == "Country" and end < self.n:
            k = table("directions").at(self.view.lower, end)
            if k and not first_cap(self.view.words[end]):
                self.out.append(self._mention(i, end, "Country", key=key, nested=True))
                self.out.append(self._mention(i, end + k, "Place", kind="region"))
                return end + k
        mention = self._mention(i, end, entry.etype, key=key)
        self.out.append(mention)
        return self._after_person(mention) if entry.etype == "Person" else end

    def _organization(self, i: int, nested: bool = False) -> int:
        """An organization head and its name: "Kementerian Luar Negeri China".

        After a title (`nested`) the name leaves the last two capitalised words, or a given name or
        rank, to the person: "Sekretaris Jenderal Partai Demokrat Budi Santoso"."""
        lower = self.view.lower
        heads = _org_heads()
        k = _org_head_table().at(lower, i)
        if not k or (i in self.gaz and not nested):
            return 0
        kind, needs_name = heads[tuple(lower[i : i + k])]
        j = i + k
        dept = _department_at(lower, j)
        name_words = lower[j : j + dept]
        j += dept
        limit = min(MAX_ORG_WORDS, max(name_end(self.view, j) - j - 2, 1)) if nested else MAX_ORG_WORDS
        while not dept and j < self.n and len(name_words) < limit and first_cap(self.view.words[j]):
            if j in self.gaz or (nested and self._opens_name(j)):
                break
            name_words.append(lower[j])
            j += 1
        country_key = ""
        inner: list[Mention] = []
        hit = self._gaz_at(j, ("Country", "Place", "Organization"))
        if hit:
            country_key = hit[1]
            inner.append(self._mention(j, hit[0], lexicon.gazetteer_by_key()[hit[1]].etype, key=hit[1], nested=True))
            j = hit[0]
        if needs_name and not name_words and not country_key:
            return 0
        label = "|".join([kind, " ".join(name_words), country_key])
        self.out.extend(inner)
        self.out.append(self._mention(i, j, "Organization", kind=label, nested=nested, affiliations=tuple(inner)))
        return j

    def _voice(self, i: int) -> int:
        """An unnamed voice of a state: "pemerintah Korea Utara", "sumber-sumber pemerintah Seoul"."""
        j = i
        while j < self.n:
            k = table("state_voices").at(self.view.lower, j)
            if not k:
                break
            j += k
        if j == i:
            return 0
        hit = self._gaz_at(j, ("Country",))
        if not hit:
            return 0
        country = self._mention(j, hit[0], "Country", key=hit[1], nested=True)
        self.out.append(country)
        self.out.append(self._voice_mention(i, hit[0], country))
        return hit[0]

    def _voice_mention(self, i: int, j: int, country: Mention) -> Mention:
        """An implicit mention of `country` covering the voice phrase i..j-1."""
        start, end = self.view.chars(i, j)
        return Mention(start, end, country.text, "Country", self.view.sentence.index, key=country.key,
                       implicit=True, tok_start=i, tok_end=j)

    def _place(self, i: int) -> int:
        """A place cue and an unknown name: "desa X", "KOTA X"."""
        k = table("place_cues").at(self.view.lower, i)
        if not k or i + k >= self.n or (i + k) in self.gaz:
            return 0
        end = name_end(self.view, i + k)
        if end == i + k:
            return 0
        start = i if self.view.words[i].isupper() else i + k
        self.out.append(self._mention(start, end, "Place", tok_start=i))
        return end

    def _bare_name(self, i: int) -> int:
        """Capitalised words in a speech context ("kata Budi Santoso", "Budi Santoso mengatakan")."""
        if self.view.sentence.is_headline or not first_cap(self.view.words[i]):
            return 0
        end = name_end(self.view, i)
        if end - i < 2 or any(k in self.gaz for k in range(i, end)):
            return 0
        before = self.view.lower[i - 1] if i else ""
        after = self.view.lower[end] if end < self.n else ""
        appositive = after == "," and _titles().at(self.view.lower, end + 1) > 0
        if before in SPEECH_NEIGHBOURS or (lexicon.find_cue(after) and i > 0) or appositive:
            mention = self._mention(i, end, "Person", kind="bare")
            self.out.append(mention)
            return self._after_person(mention)
        return 0

    def _text(self, i: int, j: int) -> str:
        start, end = self.view.chars(i, j)
        return self.view.sentence.text[start - self.view.sentence.start : end - self.view.sentence.start]


@cache
def _openers() -> frozenset[str]:
    """Words that can open a title, organization, state voice or place cue: at any other lower-case
    word outside the gazetteer no pattern can start, so the reader steps over it at once."""
    tables = (_titles(), _org_head_table(), table("state_voices"), table("place_cues"))
    return frozenset(word for t in tables for word in t.by_first)


@cache
def _org_heads() -> dict[tuple[str, ...], tuple[str, bool]]:
    """Organization heads as token tuples, with kind and whether a name must follow."""
    return {tokenized(" ".join(head)): value for head, value in lexicon.org_heads().items()}


@cache
def _org_head_table() -> PhraseTable:
    return PhraseTable(_org_heads())


@dataclass(frozen=True)
class WrittenTable:
    """Phrases that match only as written (capitalised), found through their lower-case tokens."""

    table: PhraseTable
    written: dict[tuple[str, ...], tuple[tuple[str, ...], str]]

    @classmethod
    def of(cls, phrases: dict[str, str]) -> WrittenTable:
        """A table of phrases with a value each."""
        written = {}
        for phrase, value in phrases.items():
            words = tuple(t.text for t in nlp().make_doc(phrase))
            written[tuple(w.lower() for w in words)] = (words, value)
        return cls(PhraseTable(written), written)

    def at(self, view: SentenceView, j: int) -> tuple[int, str] | None:
        """(end, value) of the longest phrase at token j when it is written as listed, or None."""
        k = self.table.at(view.lower, j)
        if not k:
            return None
        words, value = self.written[tuple(view.lower[j : j + k])]
        return (j + k, value) if tuple(view.words[j : j + k]) == words else None


@cache
def _places() -> WrittenTable:
    return WrittenTable.of(lexicon.places())


@cache
def _complements() -> WrittenTable:
    return WrittenTable.of(dict.fromkeys(lexicon.title_complements(), ""))


@cache
def _departments() -> PhraseTable:
    return PhraseTable(tokenized(" ".join(d)) for d in lexicon.departments())


def _department_at(lower: list[str], j: int) -> int:
    """Length of a portfolio name ("luar negeri") at token j, or 0."""
    return _departments().at(lower, j)
