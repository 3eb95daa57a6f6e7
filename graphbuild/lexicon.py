"""Loading the linguistic data files under graphbuild/data, once per process.

Each file has a fixed schema (a TSV header or YAML keys) and a comment saying where its
words come from; this module turns them into lookup structures and nothing more.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from graphbuild.morphology import candidate_roots

WORD_CACHE = 1 << 16


@dataclass(frozen=True)
class GazetteerEntry:
    """A known entity: canonical labels, every surface form, Wikidata id when certain."""

    key: str
    etype: str
    label_id: str
    label_en: str
    wikidata: str | None
    names: tuple[str, ...]


@dataclass(frozen=True)
class Cue:
    """A speech-act cue root and what it signals."""

    root: str
    predicate: str
    position: str
    confidence: float


@dataclass(frozen=True)
class Trigger:
    """An event trigger word and its event class."""

    root: str
    etype: str
    form: str
    needs: str


def read_text(name: str) -> str:
    """The text of a data file shipped in the package."""
    return resources.files("graphbuild").joinpath("data", name).read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file; lines starting with # are comments."""
    lines = [line for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


@cache
def grammar() -> dict:
    """The closed-class word lists of grammar.yaml."""
    return yaml.safe_load(read_text("grammar.yaml"))


@cache
def word_set(key: str) -> frozenset[str]:
    """One list of grammar.yaml as a set of lower-case strings, built once per process."""
    return frozenset(w.lower() for w in grammar()[key])


@cache
def gazetteer() -> tuple[GazetteerEntry, ...]:
    """Every gazetteer entry."""
    return tuple(
        GazetteerEntry(
            key=row["id"],
            etype=row["type"],
            label_id=row["label_id"],
            label_en=row["label_en"],
            wikidata=row["wikidata"] or None,
            names=tuple(n.strip() for n in row["names"].split("|") if n.strip()),
        )
        for row in read_tsv("gazetteer.tsv")
    )


@cache
def gazetteer_by_key() -> dict[str, GazetteerEntry]:
    """Gazetteer entries by id."""
    return {e.key: e for e in gazetteer()}


@cache
def cues() -> dict[str, Cue]:
    """Speech-act cues by root."""
    return {
        row["root"]: Cue(row["root"], row["predicate"], row["position"], float(row["confidence"]))
        for row in read_tsv("cues.tsv")
    }


@lru_cache(maxsize=WORD_CACHE)
def find_cue(word: str) -> Cue | None:
    """The cue `word` is a form of, trying its possible roots from least to most stripped.

    Remembered per word: extractors ask about every token of every sentence, and news repeats its words.
    """
    table = cues()
    for root in candidate_roots(word):
        if root in table:
            return table[root]
    return None


@cache
def triggers() -> tuple[Trigger, ...]:
    """Event triggers, longest phrases first."""
    rows = [Trigger(r["root"], r["class"], r["form"], r["needs"]) for r in read_tsv("events.tsv")]
    return tuple(sorted(rows, key=lambda t: -len(t.root.split())))


@cache
def trigger_roots() -> dict[str, Trigger]:
    """Single-word triggers matched through morphology, by root."""
    return {t.root: t for t in triggers() if t.form != "phrase"}


@lru_cache(maxsize=WORD_CACHE)
def find_trigger(word: str) -> Trigger | None:
    """The single-word trigger `word` is a form of, honouring triggers that need an affix (remembered per word)."""
    table = trigger_roots()
    lower = word.lower()
    for root in candidate_roots(lower):
        trigger = table.get(root)
        if trigger and (trigger.form == "any" or root != lower):
            return trigger
    return None


@lru_cache(maxsize=WORD_CACHE)
def find_supply(word: str) -> bool:
    """True for a form of a verb of supplying ("memasok", "menerima", "penjualan"), remembered per word."""
    roots = word_set("supply_roots")
    return any(root in roots for root in candidate_roots(word))


@cache
def trigger_phrases() -> dict[tuple[str, ...], Trigger]:
    """Triggers matched as written (lower case), by their words."""
    return {tuple(t.root.lower().split()): t for t in triggers() if t.form == "phrase"}


@cache
def titles() -> tuple[tuple[str, ...], ...]:
    """Person titles as word tuples, longest first."""
    rows = [tuple(r["title"].split()) for r in read_tsv("titles.tsv")]
    return tuple(sorted(set(rows), key=lambda t: (-len(t), t)))


@cache
def title_complements() -> tuple[str, ...]:
    """Units and commands that complete a title but name no entity ("Angkatan Darat", "Metro Jaya")."""
    return tuple(r["words"] for r in read_tsv("title_complements.tsv"))


@cache
def places() -> dict[str, str]:
    """Names of places.tsv as written, with their type (Place or Country)."""
    return {r["name"]: r["type"] for r in read_tsv("places.tsv")}


@cache
def departments() -> dict[tuple[str, ...], str]:
    """Portfolio words (lower case) after Menteri/Kementerian, with their English name."""
    return {tuple(r["words"].lower().split()): r["english"] for r in read_tsv("departments.tsv")}


@cache
def org_heads() -> dict[tuple[str, ...], tuple[str, bool]]:
    """Organization head words (lower case) with their canonical kind and whether a name must follow."""
    return {
        tuple(r["head"].lower().split()): (r["kind"], r["needs_name"] == "yes") for r in read_tsv("org_heads.tsv")
    }


@cache
def units() -> dict[str, tuple[str, frozenset[str]]]:
    """Counted nouns with their kind (troops, weapons, aircraft, casualties) and event classes."""
    return {r["word"].lower(): (r["kind"], frozenset(r["events"].split())) for r in read_tsv("units.tsv")}


@cache
def number_words() -> dict[str, tuple[int, str]]:
    """Number words with their value and kind."""
    return {r["word"].lower(): (int(r["value"]), r["kind"]) for r in read_tsv("numbers.tsv")}


@cache
def qualifier_words() -> dict[tuple[str, ...], str]:
    """Qualifier phrases (lower-case word tuples) and the contract's qualifier value."""
    return {tuple(w.split()): q for q, words in grammar()["qualifiers"].items() for w in words}
