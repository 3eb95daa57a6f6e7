"""Where typed names begin and end, following the common annotation of Indonesian corpora.

The recognizer finds names word by word; the parts of a person's name that are no ordinary
capitalised words are added afterwards: a nickname in quotes inside it (Robert "Bob" Santoso), a
generational suffix (", Jr."), a regnal number ("Hamengkubuwono X"), a lone initial ("Iwa K",
"M. Sabarani"), a hyphenated or apostrophised syllable ("Yoon Eun-Hye", "Syafi'i"). Degrees written
after a name ("MD") are no part of it. Names joined by a hyphen are read the same way.
"""

from __future__ import annotations

from graphbuild.nerdata import phrases

Span = tuple[int, int, str]
ROMAN = frozenset("IVXL")
MAX_ROMAN = 4
PLACES = frozenset({"Place", "Country"})
QUOTES = frozenset({'"', "“", "”"})
APOSTROPHES = frozenset({"'", "’"})
GENERATIONS = frozenset({"jr", "sr"})
MAX_NICKNAME = 3
MAX_SYLLABLE = 4


def hyphen_joins(words: list[str], spans: list[Span]) -> list[Span]:
    """An organization's or person's name goes on across a hyphen ("Paris Saint-Germain", "Zeta-Jones"),
    taking the word or span after it and keeping its type; a place takes only its own reduplication
    ("Siborong-borong"), as two places joined so are two ("Serbia-Montenegro")."""
    starts = {s: (e, kind) for s, e, kind in spans}
    taken = {i for s, e, _ in spans for i in range(s, e)}
    out: list[Span] = []
    dropped: set[int] = set()
    for s, e, kind in sorted(spans):
        if s in dropped:
            continue
        while e + 1 < len(words) and words[e] == "-" and e not in taken:
            nxt = words[e + 1]
            if e + 1 in starts and kind not in PLACES:
                dropped.add(e + 1)
                e = starts[e + 1][0]
            elif e + 1 not in taken and nxt.isalpha() and (nxt.lower() == words[e - 1].lower() or (
                kind not in PLACES and nxt[:1].isupper()
            )):
                e += 2
            else:
                break
        out.append((s, e, kind))
    return out


def person_edges(words: list[str], spans: list[Span]) -> list[Span]:
    """Spans with persons' names widened to the parts written around their words; a span such a part
    covers goes when it is a person's too ("Robert" + "Santoso") or only the part ("Jr")."""
    spans = sorted(spans)
    dropped: set[Span] = set()
    out = []
    for span in spans:
        if span in dropped:
            continue
        s, e, kind = span
        if kind == "Person":
            others = [x for x in spans if x != span and x not in dropped]
            s = _start(words, s, {i for a, b, _ in others for i in range(a, b)})
            e = _end(words, s, e, others, dropped)
        out.append((s, e, kind))
    return out


def _start(words: list[str], s: int, taken: set[int]) -> int:
    """An initial with its full stop before the name ("M . Sabarani")."""
    initial = s >= 2 and _initial(words[s - 2]) and not phrases().has("honorifics", words[s - 2])
    if initial and words[s - 1] == "." and not taken & {s - 2, s - 1}:
        return s - 2
    return s


def _end(words: list[str], s: int, e: int, others: list[Span], dropped: set[Span]) -> int:
    """The end of the name after its parts; degrees at its end are dropped."""
    while step := _part_after(words, e):
        met = [x for x in others if x not in dropped and x[0] < e + step and e < x[1]]
        if not all(kind == "Person" or b - a == 1 and _part_after(words, a) == 1 for a, b, kind in met):
            break
        dropped.update(met)
        e = max([e + step] + [b for _, b, _ in met])
    while e - s > 1 and phrases().has("degrees", words[e - 1]) and words[e - 1][:1].isupper():
        e -= 1
    if e - s > 1 and words[e - 1] == "." and _initial(words[e - 2]):
        e -= 1
    return e


def _part_after(words: list[str], e: int) -> int:
    """Length of a name part starting at token e, or 0."""
    n = len(words)
    word = words[e] if e < n else ""
    nxt = words[e + 1] if e + 1 < n else ""
    if word in QUOTES:
        close = next((k for k in range(e + 1, min(n, e + MAX_NICKNAME + 2)) if words[k] in QUOTES), 0)
        inner = words[e + 1 : close]
        if close and inner and all(w[:1].isupper() for w in inner) and close + 1 < n and words[close + 1][:1].isupper():
            return close + 2 - e
        return 0
    if word == "," and nxt.lower() in GENERATIONS:
        return 3 if e + 3 < n and words[e + 2] == "." else 2
    if word in ("-", *APOSTROPHES) and nxt.isalpha() and len(nxt) <= MAX_SYLLABLE and nxt[1:].islower():
        return 2
    if set(word) <= ROMAN and word and len(word) <= MAX_ROMAN and not (len(word) == 1 and nxt == "."):
        return 1
    if _initial(word) and nxt not in (".", "?"):
        return 1
    return 0


def _initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()

