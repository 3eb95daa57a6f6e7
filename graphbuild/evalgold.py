"""A gold annotation file (spec/gold-format.md) read into plain, hashable dataclasses.

The scorer only ever asks "does this graph fact fit this gold pattern", so gold facts are
kept as patterns: sets of acceptable ids, with "any" spelled as None or an empty set.
Equal patterns are equal dataclasses, which makes removing duplicate gold facts a dict.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = ["EventPattern", "FactPattern", "Gold", "GoldEntity", "GoldQuantity", "LINKS", "SPEECH_ACTS",
           "load_gold", "normalize_name", "parse_gold"]

SPEECH_ACTS = ("states", "claims", "denies", "confirms", "demands", "warns", "condemns", "accuses", "defends")
LINKS = ("cooperatesWith", "affiliatedWith")
OCCURS = "occurs"

# Dashes, underscore, apostrophes, quotes, full stop, comma and brackets count as spaces in names.
_NAME_PUNCTUATION = re.compile(r"[\u2010-\u2015_\-'\u2018\u2019\"\u201c\u201d.,()]")


def normalize_name(text: str) -> str:
    """Fold a surface form as gold names are compared: no accents, case, punctuation or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NAME_PUNCTUATION.sub(" ", bare.casefold()).split())


@dataclass(frozen=True)
class EventPattern:
    """An event node of class `event` whose gb:agent is one of `agents` (any agent when empty)."""

    event: str
    agents: frozenset[str] = frozenset()

    def __str__(self) -> str:
        return f"{self.event}(agent={sorted(self.agents)})"


ObjectPattern = EventPattern | frozenset[str]


@dataclass(frozen=True)
class FactPattern:
    """One gold relation or negative: any of `subjects` (None: anyone) `predicates` an object."""

    predicates: frozenset[str]
    obj: ObjectPattern
    subjects: frozenset[str] | None = None
    doc: str | None = None
    doc_scoped: bool = False
    why: str = ""

    def corpus_level(self) -> FactPattern:
        """The same fact, whichever document states it."""
        return replace(self, doc=None)

    def __str__(self) -> str:
        subjects = "anyone" if self.subjects is None else sorted(self.subjects)
        obj = self.obj if isinstance(self.obj, EventPattern) else sorted(self.obj)
        return f"{self.doc or '-'}: {subjects} {sorted(self.predicates)} {obj}"


@dataclass(frozen=True)
class GoldQuantity:
    """A figure claimed for an event; `claimants` empty means any speaker or none."""

    event: EventPattern
    value: int
    claimants: frozenset[str] = frozenset()
    doc: str | None = None

    def __str__(self) -> str:
        return f"{self.doc or '-'}: {sorted(self.claimants) or 'own voice'} {self.event} {self.value}"


@dataclass(frozen=True)
class GoldEntity:
    """A named person, organization, country or place with every surface form it has."""

    id: str
    type: str
    names: tuple[str, ...]
    affiliated_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gold:
    """Everything the scorer compares a graph with."""

    files: Mapping[str, str]
    entities: tuple[GoldEntity, ...]
    speech: tuple[FactPattern, ...]
    links: tuple[FactPattern, ...]
    occurs: tuple[FactPattern, ...]
    quantities: tuple[GoldQuantity, ...]
    negatives: tuple[FactPattern, ...]
    ignore: frozenset[str]


def _ids(value: object) -> frozenset[str]:
    """A gold field that may be one id, a list of ids or null."""
    if value is None:
        return frozenset()
    return frozenset([value] if isinstance(value, str) else value)


def _object(value: object) -> ObjectPattern:
    if isinstance(value, dict):
        return EventPattern(value["event"], _ids(value.get("agent")))
    if value is None:
        raise ValueError("a relation has no object")
    return _ids(value)


def _fact(record: dict) -> FactPattern:
    subjects = record.get("s")
    return FactPattern(predicates=_ids(record["p"]), obj=_object(record["o"]),
                       subjects=None if subjects is None else _ids(subjects), doc=record.get("doc"),
                       doc_scoped=bool(record.get("doc_scoped")), why=record.get("why", ""))


def _quantity(record: dict) -> GoldQuantity:
    return GoldQuantity(EventPattern(record["event"], _ids(record.get("agent"))), int(record["quantity"]),
                        _ids(record.get("claimant")), record.get("doc"))


def parse_gold(data: Mapping) -> Gold:
    """Turn the gold JSON object into patterns; KeyError or TypeError when a field is missing."""
    entities = tuple(GoldEntity(e["id"], e["type"], tuple(e["names"]), tuple(sorted(_ids(e.get("affiliatedWith")))))
                     for e in data["entities"])
    relations = [_fact(r) for r in data["relations"]]
    speech = [r for r in relations if r.predicates & set(SPEECH_ACTS)]
    links = [r.corpus_level() for r in relations if r.predicates & set(LINKS)]
    links += [FactPattern(frozenset({"affiliatedWith"}), frozenset({org}), frozenset({e.id}))
              for e in entities for org in e.affiliated_with]
    return Gold(
        files={d["file"]: d["id"] for d in data["documents"]},
        entities=entities,
        speech=tuple(dict.fromkeys(speech)),
        links=tuple(dict.fromkeys(links)),
        occurs=tuple(r for r in relations if r.predicates == {OCCURS}),
        quantities=tuple(_quantity(q) for q in data.get("quantities", [])),
        negatives=tuple(_fact(n) for n in data.get("negatives", [])),
        ignore=frozenset(normalize_name(name) for name in data.get("ignore", [])),
    )


def load_gold(path: Path) -> Gold:
    """Read a gold file; ValueError naming the file when it is unreadable or not gold JSON."""
    try:
        return parse_gold(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read gold file: {exc}") from exc
    except KeyError as exc:
        raise ValueError(f"{path}: not a gold file: missing field {exc.args[0]!r}") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{path}: not a gold file: {exc}") from exc
