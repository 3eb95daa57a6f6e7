"""Names along a list share their type: "desa yaitu : X , Y , dan Z", "anggotanya Budi , Ani dan Tono".

Lists in Indonesian prose join names with commas, "dan", "atau", "serta" or ", dan"; a list is often
opened by a class noun and a word that introduces its members ("delapan desa yaitu :", "pantai lainnya
seperti", "band lain seperti"), which types every member, known name or not.
"""

from __future__ import annotations

from graphbuild.extractors.base import first_cap
from graphbuild.nerdata import Phrases

JOINERS = frozenset({"dan", "atau", "serta", ",", "/", "&", "maupun", "and"})
CUE_WINDOW = 3
CLASS_NOUNS = (("list_person_nouns", "Person"), ("place_heads", "Place"), ("place_nouns", "Place"),
               ("list_org_nouns", "Organization"))


def joiner(lower: list[str], s: int, e: int) -> bool:
    """Tokens s..e-1 join two names of a list: "dan", a comma, or a comma and a conjunction (", dan")."""
    if e - s == 1:
        return lower[s] in JOINERS
    return e - s == 2 and lower[s] == "," and lower[s + 1] in JOINERS - {","}


def list_start(words: list[str], lower: list[str], s: int) -> int:
    """First token of the list whose member starts at s: back over joiners and the capitalised words
    (with numbers, as in "Lara II") of the members before it."""
    while True:
        k = next((s - j for j in (2, 1) if s - j > 0 and joiner(lower, s - j, s)), 0)
        if not k or not _member_end(words, k - 1):
            return s
        s = k - 1
        while s > 0 and _member_end(words, s - 1):
            s -= 1


def _member_end(words: list[str], i: int) -> bool:
    word = words[i]
    return first_cap(word) or word.isdigit() or word == "-"


def list_cue(p: Phrases, words: list[str], lower: list[str], s: int) -> str | None:
    """The type a lower-case class noun gives the list opened just before token s ("desa yaitu :")."""
    o = s
    while k := p.before("list_openers", lower, o):
        o -= k
    if o == s:
        return None
    for k in range(o - 1, max(o - CUE_WINDOW, 0) - 1, -1):
        if not words[k].islower():
            continue
        for key, kind in CLASS_NOUNS:
            if p.at(key, lower, k) and k + p.at(key, lower, k) <= o:
                return kind
    return None
