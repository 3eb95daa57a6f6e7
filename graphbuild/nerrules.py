"""General rules that find and type the capitalised names the news extractor leaves.

A candidate is a run of capitalised words (with name particles, initials, "&", and numbers
after a generic head: "SMA Negeri 1") on tokens no span covers yet, without the function words,
honorifics and titles that open it ("Pada", "Drs.", "Produser"). A generic head takes in a known
name right after it ("Universitas" + "Indonesia"). The rules of STRONG_RULES and WEAK_RULES then
speak in turn, and the first that gives a type wins; the weak ones only speak for a run with a
word that is no ordinary word. A role played ("sebagai " X ""), a band member's instrument ("X pada
gitar") and a list opened by a class noun ("desa yaitu : X , Y") type even ordinary words. A name still
untyped takes the type of a name it is coordinated with ("Pulau X dan Y", "X , Y , dan Z"), else the
guesses of LAST_RULES (word endings, a name of several words), which then go along their lists.
Part-of-speech tags, when given, tell a common noun opening a run ("Karier X"), a root verb after a
subject ("X pindah") and a numeral or function word opening a sentence ("Keempat").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.lang.id.stop_words import STOP_WORDS

from graphbuild import lexicon
from graphbuild.extractors.base import first_cap
from graphbuild.nerdata import calendar_words, function_words, given_names, ordinary, phrases
from graphbuild.nerlists import joiner, list_cue, list_start

Span = tuple[int, int, str]
MAX_RUN = 8
ROMAN = frozenset("IVXLC")
ROMAN_LOWER = frozenset("ivxlc")
QUOTES = frozenset({'"', "“", "”"})
STRIPPED = ("not_names", "honorifics", "person_before", "titles")
SENTENCE_OPENERS = frozenset({".", '"', "“", "(", ":", ";", "!", "?"})
VERB_PREFIXES = ("me", "ber", "ter", "di")
DERIVING_PREFIXES = ("pe", "ke", "ber", "ter", "me", "di", "se")
DERIVING_SUFFIXES = ("an", "kan", "i")
CLITIC = "nya"
LONG_ACRONYM = 4
MAX_NUMBERING = 3
MEMBER_MARKS = frozenset({"(", ",", "pada"})
MAX_PERSON_WORDS = 4
ENGLISH_LINKS = frozenset({"of", "in", "on", "at", "for", "and", "to", "from"})
STRONG_RULES = ("club", "head", "tail", "role", "inside", "member", "acronym", "given", "listed")
WEAK_RULES = ("cue_before", "copula", "org_before", "place_before", "subject")
LAST_RULES = ("shape", "words")
PROPER = frozenset({"NNP", "FW"})
MIN_LOWER_NAME = 4
CLOSED_CLASSES = frozenset({"NUM", "DT", "SC", "JJ", "IN", "CC", "PR", "ADV", "NEG"})
DEMONSTRATIVES = frozenset({"itu", "ini", "tersebut"})


@dataclass
class Classifier:
    """Reads the capitalised runs of one sentence outside the spans already found."""

    words: list[str]
    spans: list[Span]
    tags: list[str] | None = None
    absorbed: list[Span] = field(default_factory=list)
    found: list[Span] = field(default_factory=list)
    clubs: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.p = phrases()
        self.lower = [w.lower() for w in self.words]
        self.n = len(self.words)
        self.span_at = {s: (e, kind) for s, e, kind in self.spans}
        self.taken = [False] * self.n
        for s, e, _ in self.spans:
            self.taken[s:e] = [True] * (e - s)

    def read(self) -> list[Span]:
        """New spans: runs a rule types, then runs coordinated with a typed name, then the last rules,
        whose guesses go along their lists too.

        Spans a generic head took in are listed in `absorbed` for the caller to drop.
        """
        untyped: list[tuple[int, int]] = []
        i = 0
        while i < self.n:
            i = self._head_inside(i)
            end, inner = self._run(i)
            s = self._strip(i, end)
            if s < end and not self._not_entity(s, end):
                kind = self.kind(s, end)
                if kind:
                    self.found.append((s, end, kind))
                    self.absorbed.extend(inner)
                elif not inner and self._name_like(s, end):
                    untyped.append((s, end))
            i = max(end, i + 1)
        untyped = self._coordinated(untyped)
        for s, e in untyped:
            kind = self._rules(LAST_RULES, s, e)
            if kind:
                self.found.append((s, e, kind))
        self._coordinated([x for x in untyped if not any(x[0] == s for s, _, _ in self.found)])
        return self.found

    def kind(self, s: int, e: int) -> str | None:
        """The type the first speaking rule gives tokens s..e-1, or None; weak rules need a name-like word."""
        return self._rules(STRONG_RULES + (WEAK_RULES if self._name_like(s, e) else ()), s, e)

    def _rules(self, rules: tuple[str, ...], s: int, e: int) -> str | None:
        for rule in rules:
            found = getattr(self, f"_{rule}")(s, e)
            if found:
                return found
        return None

    def _run(self, i: int) -> tuple[int, list[Span]]:
        """End of the run of capitalised words at i (i when none starts there), and spans it took in."""
        if self.taken[i]:
            return i, []
        head = self.p.place_head(self.lower, self.words, i)
        if head and self._lower_name_at(i + head):
            return i + head + 1, []
        if not first_cap(self.words[i]) and not (head and self._cap_at(i + head)):
            return i, []
        org = self.p.at("org_heads", self.lower, i)
        headed = bool(head or org)
        j = i + max(head, org, 1)
        inner: list[Span] = []
        while j < self.n and j - i < MAX_RUN:
            word = self.words[j]
            if self.taken[j]:
                if not (headed and j in self.span_at and self._absorbable(i, j)):
                    break
                inner.append((j, *self.span_at[j]))
                j = self.span_at[j][0]
            elif _initial(word) and j + 2 < self.n and self.words[j + 1] == "." and self._cap_at(j + 2):
                j += 2
            elif first_cap(word) and (len(word) > 1 or self._cap_at(j + 1)) and not self._opener(word, headed):
                j += 1
            elif headed and _numbering(self.words, j):
                j += 1
            elif self._cap_at(j + 1) and (self.p.has("name_particles", word) or word == "&"):
                j += 1
            elif word == "-" and self._syllable_at(j + 1):
                j += 2
            elif self._cap_at(j + 1) and headed and self.lower[j] == "dan" and not self._head(j + 1, self.n):
                j += 1
            else:
                break
        if j == i + 1 and not headed and self._club_at(i):
            inner.append((j, *self.span_at[j]))
            self.clubs.add(i)
            j = self.span_at[j][0]
        return j, inner

    def _head_inside(self, i: int) -> int:
        """Where a generic head opens a name after ordinary capitalised words ("Program Pascasarjana" +
        "Institut X"), else i: the words before it are no part of the name."""
        j = i
        while j < self.n and not self.taken[j] and first_cap(self.words[j]) and self._plain(j):
            j += 1
        head = j < self.n and not self.taken[j] and (
            self.p.at("org_heads", self.lower, j) or self.p.place_head(self.lower, self.words, j)
        )
        return j if j > i and head and first_cap(self.words[j]) else i

    def _plain(self, j: int) -> bool:
        """An ordinary capitalised word that is no head, given name, title or name particle."""
        if any(self.p.at(key, self.lower, j) for key in ("org_heads", "titles", "person_before", "name_titles")):
            return False
        if self.p.place_head(self.lower, self.words, j) or self.words[j] in given_names():
            return False
        return ordinary(self.lower[j])

    def _club_at(self, i: int) -> bool:
        """An unknown word right before a known town: a club or company named after it ("Persiba Bantul")."""
        j = i + 1
        if j not in self.span_at or self.span_at[j][1] != "Place" or self.span_at[j][0] - j != 1:
            return False
        word = self.words[i]
        return not ordinary(word.lower()) and word not in given_names() and not self._sentence_start(i)

    def _syllable_at(self, j: int) -> bool:
        """A short lower-case name part after a hyphen, as in Korean names ("Choi Si - won")."""
        word = self.lower[j] if j < self.n else ""
        return word == self.words[j] and word.isalpha() and len(word) <= 4 and not ordinary(word)

    def _absorbable(self, i: int, j: int) -> bool:
        """Any name after a place head ("Jalan" + "Sudirman", "Pelabuhan" + "Tanjung X"); after an
        organization head a known place or organization ("Universitas" + "Indonesia"), not "Kecamatan X"."""
        end, kind = self.span_at[j]
        if self.p.place_head(self.lower, self.words, i):
            return True
        return kind != "Person" and not self.p.place_head(self.lower, self.words, j) and (
            not self.p.at("org_heads", self.lower, j)
        )

    def _lower_name_at(self, j: int) -> bool:
        """A name written in lower case after a place head ("desa karangasem"): no ordinary or affixed
        word ("Museum didirikan")."""
        word = self.words[j] if j < self.n else ""
        return word.isalpha() and word.islower() and len(word) >= MIN_LOWER_NAME and not self.taken[j] and (
            not ordinary(word) and not _derived(word)
        )

    def _cap_at(self, j: int) -> bool:
        return j < self.n and not self.taken[j] and first_cap(self.words[j])

    def _opener(self, word: str, headed: bool) -> bool:
        """A capitalised function word, which ends a run ("Kisah Sedih Di Hari Minggu"); after a generic
        head only a preposition or conjunction does ("Partai Indonesia Baru", "Koperasi Serba Guna")."""
        lower = word.lower()
        if headed or self.p.has("run_breakers", lower):
            return lower in function_words()
        return lower in STOP_WORDS and not any(self.p.has(key, lower) for key in ("place_heads", "place_tails")) and (
            word not in given_names()
        )

    def _strip(self, s: int, e: int) -> int:
        """Skip function words, honorifics, roles and acronyms of ordinary usage opening a run ("Pada", "Drs",
        "Produser", "SMP" in "sejak SMP Rina").

        A derived ordinary word goes too ("Pendirian X", "Kaur Pembangunan X"); at the start of a sentence
        so does one before two more capitalised words ("Kiprah Handayani Sulistyowati").
        """
        start = s
        while s < e:
            lower = self.lower[s]
            if self._head(s, e) or self.words[s] in given_names() or self.p.at("name_titles", self.lower, s):
                break
            skip = lower in STOP_WORDS or any(self.p.has(key, lower) for key in STRIPPED) or (
                self.p.has("common_acronyms", lower)
            )
            opening = ordinary(lower) and (_derived(lower) or s == start and (
                self._sentence_start(s) and e - s > 2 or self._common_noun(s)
            ))
            if not (skip or opening and self._name_like(s + 1, e)):
                break
            s += 1
        return s

    def _tag(self, i: int) -> str:
        return self.tags[i] if self.tags and 0 <= i < self.n else ""

    def _common_noun(self, i: int) -> bool:
        """A capitalised word the tagger reads as no proper noun ("Karier", "Sikap")."""
        tag = self._tag(i)
        return bool(tag) and tag not in PROPER and self.words[i] not in given_names()

    def _sentence_start(self, s: int) -> bool:
        return s == 0 or self.words[s - 1] in SENTENCE_OPENERS

    def _not_entity(self, s: int, e: int) -> bool:
        """Titles of works, events and periods, degrees, calendar words and title-only runs."""
        lower, p = self.lower, self.p
        if p.at("non_entity_heads", lower, s) or p.before("work_before", lower, s):
            return True
        if p.has("non_entity_tails", lower[e - 1]) or p.at("titles", lower, s) == e - s:
            return True
        if lower[s] == "the" and e < self.n and lower[e] in ENGLISH_LINKS:
            return True
        if e - s == 1 and (lower[s] in calendar_words() or p.has("degrees", lower[s]) or len(lower[s]) < 2
                           or p.has("common_acronyms", lower[s])):
            return True
        if self._role(s, e):
            return False
        return self._quoted(s, e) and (lower[s] == "the" or not (self._head(s, e) or self._tail(s, e)))

    def _quoted(self, s: int, e: int) -> bool:
        """True inside quotation marks: "Road House", "Ghost"."""
        opened = sum(1 for w in self.words[:s] if w in QUOTES) % 2 == 1
        return opened and any(w in QUOTES for w in self.words[e:])

    def _name_like(self, s: int, e: int) -> bool:
        """True when some word of the run is no ordinary Indonesian word nor a clitic form ("Ibunya")."""
        words = [w for w in self.lower[s:e] if w.isalpha() and not set(w) <= ROMAN_LOWER]
        return any(not ordinary(w) and not (w.endswith(CLITIC) and len(w) > 5) for w in words)

    def _club(self, s: int, e: int) -> str | None:
        return "Organization" if s in self.clubs else None

    def _head(self, s: int, e: int) -> str | None:
        """A generic word opening the name: "Kabupaten X", "Universitas X"; not before stop words only
        ("Gunung Tersebut")."""
        head = self.p.place_head(self.lower, self.words, s)
        if head:
            rest = self.words[s + head : e]
            return "Place" if rest and not all(number_like(w) or w.lower() in STOP_WORDS for w in rest) else None
        org = self.p.at("org_heads", self.lower, s)
        return "Organization" if org and e - s > org else None

    def _tail(self, s: int, e: int) -> str | None:
        """A generic word closing the name: "Persib FC", "Nattai River", "Lombok Timur"."""
        if e - s < 2:
            return None
        for key, kind in (("org_tails", "Organization"), ("place_tails", "Place")):
            if self.p.has(key, self.lower[e - 1]):
                return kind
        return None

    def _role(self, s: int, e: int) -> str | None:
        """A name opening quotation marks after a role cue is a character's or a nickname ("berperan
        sebagai " Kenji Sato " dalam film"): a person's, though quoted like a title; so is a role named
        unquoted before the work it is played in ("sebagai Kenji Sato dalam serial")."""
        quote = s >= 2 and self.words[s - 1] in QUOTES and self.p.before("role_before", self.lower, s - 1)
        played = self.p.before("role_before", self.lower, s) and e < self.n and self.lower[e] == "dalam"
        return "Person" if (quote or played) and self._name_like(s, e) else None

    def _inside(self, s: int, e: int) -> str | None:
        """"bin" inside the name, or a title that belongs to it: "Raden X", "Teuku X"."""
        lower = self.lower
        if "bin" in lower[s:e] or "binti" in lower[s:e] or self.p.at("name_titles", lower, s) and e - s > 1:
            return "Person"
        return None

    def _listed(self, s: int, e: int) -> str | None:
        """A member of a list opened by a class noun: "delapan desa yaitu : X , Y dan Z"."""
        return list_cue(self.p, self.words, self.lower, list_start(self.words, self.lower, s))

    def _cue_before(self, s: int, e: int) -> str | None:
        """A person cue, title or honorific before the name: "penyanyi X", "Bapak X"."""
        lower, p = self.lower, self.p
        if p.before("person_before", lower, s) or p.before("titles", lower, s) or p.before("honorifics", lower, s):
            return "Person"
        return None

    def _given(self, s: int, e: int) -> str | None:
        """A known given name opens a person's name, unless it is a lone ordinary word ("Tim itu")."""
        if self.words[s] not in given_names():
            return None
        lone = e - s == 1 and ordinary(self.lower[s])
        if lone and (self._sentence_start(s) or e < self.n and self.lower[e] in DEMONSTRATIVES):
            return None
        return "Person"

    def _acronym(self, s: int, e: int) -> str | None:
        """An acronym in parentheses takes the type of the name before it ("Universitas X (UX)"); one of
        four letters or more, before a verb or after an organization cue, is an organization's."""
        if e - s != 1 or not _acronym(self.words[s]):
            return None
        if s >= 2 and self.words[s - 1] == "(" and e < self.n and self.words[e] == ")":
            kinds = [kind for a, b, kind in self.spans + self.found if b == s - 1]
            if kinds:
                return "Organization" if kinds[0] in ("Place", "Country") else kinds[0]
        if len(self.words[s]) >= LONG_ACRONYM or self._subject(s, e):
            return "Organization"
        return self._org_before(s, e)

    def _copula(self, s: int, e: int) -> str | None:
        """"X adalah (sebuah) desa", "X merupakan band", "X adalah seorang penyanyi": what X is said to be."""
        j = e
        if j >= self.n or not self.p.has("copulas", self.lower[j]):
            return None
        j += 1
        while j < self.n and self.p.has("articles", self.lower[j]):
            if self.p.has("person_articles", self.lower[j]):
                return "Person"
            j += 1
        for key, kind in (("place_heads", "Place"), ("place_nouns", "Place"), ("org_heads", "Organization"),
                          ("org_before", "Organization")):
            if j < self.n and self.p.at(key, self.lower, j):
                return kind
        return None

    def _org_before(self, s: int, e: int) -> str | None:
        return "Organization" if self.p.before("org_before", self.lower, s) else None

    def _place_before(self, s: int, e: int) -> str | None:
        """A place cue before the name ("di X", "lahir di X"); an acronym there is rather an institution's."""
        if e - s == 1 and _acronym(self.words[s]):
            return None
        return "Place" if self.p.before("place_before", self.lower, s) else None

    def _subject(self, s: int, e: int) -> str | None:
        """A name followed by a verb or an adverb ("X meninggal", "X juga merilis") is a person's."""
        if e >= self.n:
            return None
        nxt = self.lower[e]
        verb = nxt.startswith(VERB_PREFIXES) and len(nxt) > 4 and ordinary(nxt) or self._tag(e) == "VB"
        if verb or self.p.at("person_after", self.lower, e) or nxt in lexicon.word_set("adverbs"):
            return "Person"
        return None

    def _member(self, s: int, e: int) -> str | None:
        """A band role or birth date after the name, in parentheses or after "pada" ("X (vokal)", "X pada
        gitar", "X (lahir 1980)"), makes it a person's, even one of ordinary words ("Catur", "Bebe")."""
        if e + 1 < self.n and self.lower[e] in MEMBER_MARKS and self.p.at("person_parenthesis", self.lower, e + 1):
            return "Person"
        return None

    def _shape(self, s: int, e: int) -> str | None:
        """Type by the ending of the last word ("Sulistyowati", "Sidorejo")."""
        last = self.lower[e - 1]
        for key, kind in (("person_suffixes", "Person"), ("place_suffixes", "Place")):
            if any(len(last) > len(x[0]) + 2 and last.endswith(x[0]) for x in self.p.lists[key]):
                return kind
        return None

    def _words(self, s: int, e: int) -> str | None:
        """Two to four unknown capitalised words, none an acronym, are most often a person's name; so is
        one unknown word opening a sentence (biographies begin with their subject)."""
        if any(_acronym(w) for w in self.words[s:e]):
            return None
        common = [k for k in range(s, e) if ordinary(self.lower[k]) and self.words[k] not in given_names()]
        if e - s > 1 and 2 * len(common) >= e - s:
            return None
        lone = s == 0 and e == 1 and not (self._tag(s) in CLOSED_CLASSES or _derived(self.lower[s]))
        return "Person" if 2 <= e - s <= MAX_PERSON_WORDS or lone else None

    def _coordinated(self, pending: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Type untyped names next to a typed one across "dan", "atau", a comma ("Pulau X dan Y"), along
        a list; return those still untyped."""
        while pending:
            typed = [x for x in self.spans if x not in self.absorbed] + self.found
            found = [(s, e, kind) for s, e in pending if (kind := self._neighbour_kind(s, e, typed))]
            if not found:
                break
            self.found.extend(found)
            pending = [(s, e) for s, e in pending if not any(s == a for a, _, _ in found)]
        return pending

    def _neighbour_kind(self, s: int, e: int, typed: list[Span]) -> str | None:
        for a, b, kind in typed:
            left = any(b == s - k and joiner(self.lower, s - k, s) for k in (1, 2))
            right = any(a == e + k and joiner(self.lower, e, e + k) for k in (1, 2))
            if left or right:
                return "Place" if kind == "Country" else kind
        return None


def _derived(word: str) -> bool:
    """An affixed Indonesian word ("Pendirian", "Kekuatan", "Berdirinya"), never a name."""
    return word.startswith(DERIVING_PREFIXES) and word.endswith(DERIVING_SUFFIXES) or word.endswith(CLITIC)


def _numbering(words: list[str], j: int) -> bool:
    """A number after a generic head, as schools and units are numbered: "1", "VI", "2C", "N 1" (Negeri 1)."""
    word = words[j]
    if word.isdigit() or set(word) <= ROMAN:
        return True
    if word[:1].isdigit() and word.isalnum() and len(word) <= MAX_NUMBERING:
        return True
    return _initial(word) and j + 1 < len(words) and words[j + 1].isdigit()


def _initial(word: str) -> bool:
    """A one-letter initial inside a name ("Stephen R. Covey")."""
    return len(word) == 1 and word.isupper()


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()


def number_like(word: str) -> bool:
    """A number, a Roman numeral or a letter, which alone after a generic head names nothing ("Dusun II")."""
    return word.isdigit() or set(word) <= ROMAN or len(word) < 2
