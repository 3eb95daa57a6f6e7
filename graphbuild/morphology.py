"""Indonesian affix stripping, so that one lexicon root covers its inflected forms.

A lexicon entry such as `bantah` should match membantah, dibantah, bantahan,
membantahnya and penyangkalan-style nominalisations. Rather than a full stemmer (Sastrawi
over-stems: membantah -> "ban"), `candidate_roots` lists every root the affix rules allow,
and the caller keeps the first one its lexicon knows. The meN- and peN- rules restore the
initial consonant that the nasal prefix swallows (menyangkal -> sangkal, menepis -> tepis,
memukul -> pukul, mengecam -> kecam).
"""

from __future__ import annotations

from functools import lru_cache

PARTICLES = ("nya", "lah", "kah", "pun")
SUFFIXES = ("kan", "an", "i")
NASAL_PREFIXES = ("meny", "meng", "mem", "men", "me", "peny", "peng", "pem", "pen", "pe")
PLAIN_PREFIXES = ("memper", "diper", "per", "di", "ber", "ter", "ke", "se")
RESTORED = {"meny": "s", "peny": "s", "meng": "k", "peng": "k", "mem": "p", "pem": "p", "men": "t", "pen": "t"}
VOWELS = frozenset("aeiou")
MIN_ROOT = 3


@lru_cache(maxsize=65536)
def candidate_roots(word: str) -> tuple[str, ...]:
    """All roots `word` may come from, the word itself first, in lower case."""
    word = word.lower()
    out: list[str] = []
    for stem in _without_suffixes(word):
        out.append(stem)
        for root in _without_prefixes(stem):
            out.append(root)
    return tuple(dict.fromkeys(r for r in out if len(r) >= MIN_ROOT))


def _without_suffixes(word: str) -> list[str]:
    """The word with no, one particle, and one derivational suffix removed."""
    stems = [word]
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= MIN_ROOT:
            stems.append(word[: -len(particle)])
    for stem in list(stems):
        for suffix in SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_ROOT:
                stems.append(stem[: -len(suffix)])
    return stems


def _without_prefixes(stem: str) -> list[str]:
    """The stem with a prefix (and a second one after it) removed."""
    roots: list[str] = []
    for first in _strip_one(stem):
        roots.append(first)
        roots.extend(_strip_one(first))
    return roots


def _strip_one(stem: str) -> list[str]:
    """Roots left after taking one prefix off `stem`, with swallowed consonants restored."""
    out: list[str] = []
    for prefix in PLAIN_PREFIXES:
        if stem.startswith(prefix) and len(stem) - len(prefix) >= MIN_ROOT:
            out.append(stem[len(prefix) :])
    for prefix in NASAL_PREFIXES:
        if not stem.startswith(prefix) or len(stem) - len(prefix) < MIN_ROOT - 1:
            continue
        rest = stem[len(prefix) :]
        out.append(rest)
        if prefix in RESTORED and rest[:1] in VOWELS:
            out.append(RESTORED[prefix] + rest)
        if prefix in ("meng", "peng") and rest.startswith("e"):
            out.append(rest[1:])
        break
    if stem.startswith("me") and stem[2:3] in ("l", "r", "w", "y", "m", "n"):
        out.append(stem[2:])
    return out


def is_nominal(word: str) -> bool:
    """True for a derived noun: peN-/per- forms, ke-...-an, and -an without -kan (pengiriman, serangan)."""
    word = word.lower()
    if word.startswith(("me", "di", "ber", "ter")):
        return False
    if word.startswith(("peng", "peny", "pem", "pen", "per")):
        return True
    return word.endswith("an") and not word.endswith("kan")
