"""Synthetic Indonesian news articles for the benchmark, so that it needs no third-party text.

Articles are filled in from the templates and lexicons of data/corpusgen.yaml: a headline, a
timestamp line, a dateline lead and paragraphs of claims, denials, demands, figures (in digits
and in words, with qualifiers), hedges, negations and background sentences, with page
furniture between them, 300-600 words each. Article `i` of seed `s` depends on (s, i) alone,
so any prefix of a corpus is the smaller corpus and partitions can be generated apart.

`python -m graphbuild.corpusgen N OUT [--seed S]` writes N articles to a folder of .txt files,
or to one .jsonl file when OUT ends in .jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graphbuild.boilerplate import find_boilerplate
from graphbuild.lexicon import read_text
from graphbuild.metadata import read_metadata
from graphbuild.model import Document
from graphbuild.outputs import atomic_write

MIN_WORDS, MAX_WORDS = 300, 600
LONGEST_SENTENCE = 45
KIND_WEIGHTS = (("claim", 3), ("state", 3), ("deny", 2), ("negated", 1), ("confirm", 1), ("hedged", 1),
                ("demand", 2), ("warn", 1), ("condemn", 1), ("accuse", 1), ("figure", 1), ("meeting", 1),
                ("background", 6))
_SLOT = re.compile(r"\{(\w+)\}")


@cache
def lexicon() -> dict[str, Any]:
    """The generator's templates and word lists."""
    return yaml.safe_load(read_text("corpusgen.yaml"))


@dataclass
class Speaker:
    """Someone quoted in an article: the first mention is `full`, later ones `short`."""

    full: str
    short: str
    country: str | None


class _Article:
    """The state of one article being written: its random source, cast and sentence bindings."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lex = lexicon()
        names = [c[0] for c in self.lex["countries"]]
        self.countries = rng.sample(names, 3)
        self.metonyms = {name: alts for name, alts in self.lex["countries"]}
        self.outlet, self.site = rng.choice(self.lex["outlets"])
        self.cast = [self._person(rng.choice(self.countries[:2] if i < 2 else self.countries)) for i in range(3)]
        self.cast.append(Speaker(rng.choice(self.lex["bodies"]), "", None))
        self.introduced: set[int] = set()
        self.bound: dict[str, str] = {}

    def _person(self, country: str) -> Speaker:
        groups = [g for g in self.lex["names"].values() if country in g["countries"]] or list(
            self.lex["names"].values())
        group = self.rng.choice(groups)
        given = self.rng.choice(group["given"])
        if not group["family"]:
            name, short = given, given
        elif "-" in given:
            family = self.rng.choice(group["family"])
            name, short = f"{family} {given}", family
        else:
            family = self.rng.choice(group["family"])
            name, short = f"{given} {family}", family
        title = self.rng.choice(self.lex["titles"]).format(actor=country)
        return Speaker(f"{title} {name}", short or name, country)

    def fill(self, template: str) -> str:
        """A template with every slot filled; slots keep one value within the sentence."""
        return _SLOT.sub(lambda m: self.slot(m[1]), template)

    def sentence(self, kind: str) -> str:
        self.bound = {}
        text = self.fill(self.rng.choice(self.lex["sentences"][kind]))
        return text[0].upper() + text[1:]

    def slot(self, name: str) -> str:
        if name not in self.bound:
            self.bound[name] = self._value(name)
        return self.bound[name]

    def _value(self, name: str) -> str:
        rng, lex = self.rng, self.lex
        if name in ("speaker", "speaker2", "short"):
            return self._mention(name)
        if name in ("actor", "other", "third"):
            taken = {self.bound.get(n) for n in ("actor", "other", "third")}
            return rng.choice([c for c in self.countries if c not in taken] or self.countries)
        if name == "capital":
            return rng.choice(self.metonyms[self.slot("actor")])
        if name == "event":
            kind = rng.choice(sorted(lex["events"]))
            return self.fill(rng.choice(lex["events"][kind]))
        if name == "event_noun":
            return self.fill(rng.choice(lex["event_nouns"]))
        if name in lex["cues"]:
            return rng.choice(lex["cues"][name])
        if name in ("denies_cap", "demands_cap"):
            return rng.choice(lex["headline_verbs"][name[:-4]])
        simple = {"place": "places", "unit": "troops", "arms": "arms", "hedge": "hedges", "topic": "topics",
                  "wire": "wires", "day": "weekdays", "month": "months", "negation": "negations",
                  "dateline": "datelines"}
        if name in simple:
            return rng.choice(lex[simple[name]])
        return self._special(name)

    def _special(self, name: str) -> str:
        rng, lex = self.rng, self.lex
        if name == "qty":
            return _figure(rng, lex)
        if name == "qty_cap":
            return _thousands(rng.choice(lex["figures_digits"]))
        if name in ("unit_cap", "Hedge"):
            return self.slot(name.lower().removesuffix("_cap")).capitalize()
        if name == "dateline_city":
            return self.slot("dateline").title()
        if name == "small":
            return str(rng.randint(2, 12))
        if name == "village":
            return "".join(rng.choice(lex["village_syllables"]) for _ in range(rng.randint(2, 4))).capitalize()
        if name == "site":
            return self.site
        if name == "editor":
            return self._person("Indonesia").full.split()[-1]
        if name == "teaser":
            return _Article(random.Random(rng.random())).fill(rng.choice(lex["headlines"]))
        raise KeyError(f"corpusgen.yaml: unknown slot {{{name}}}")

    def _mention(self, name: str) -> str:
        """A speaker: a new one for {speaker2}, the sentence's one otherwise; full on first mention."""
        pool = range(len(self.cast))
        if name == "speaker2":
            pool = [i for i in pool if self.cast[i].full != self.bound.get("speaker")]
        elif self.introduced and name == "short":
            pool = sorted(self.introduced)
        index = self.rng.choice(list(pool))
        speaker = self.cast[index]
        first = index not in self.introduced
        self.introduced.add(index)
        if speaker.country:
            self.bound.setdefault("actor", speaker.country)
        return speaker.full if first or not speaker.short else speaker.short


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _figure(rng: random.Random, lex: dict[str, Any]) -> str:
    """A figure as Indonesian news writes it: digits with dots or words, often after a qualifier."""
    if rng.random() < 0.6:
        number = _thousands(rng.choice(lex["figures_digits"]))
    else:
        number = rng.choice(lex["figures_words"])[0]
    qualifier = rng.choice(lex["qualifiers"])
    return f"{qualifier} {number}" if qualifier and not number.endswith("an") else number


def _timestamp(rng: random.Random, lex: dict[str, Any]) -> str:
    return (f"{rng.choice(lex['weekdays'])}, {rng.randint(1, 28)} {rng.choice(lex['months'])} "
            f"{rng.choice((2023, 2024, 2025))} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d} WIB")


def article_text(seed: int, index: int) -> str:
    """The text of article `index` of the corpus of `seed`."""
    rng = random.Random(f"graphbuild-corpusgen:{seed}:{index}")
    art = _Article(rng)
    lex = art.lex
    kinds, weights = zip(*KIND_WEIGHTS, strict=True)
    headline = art.fill(rng.choice(lex["headlines"]))
    art.bound = {}
    lines = [headline, _timestamp(rng, lex)]
    words = len(" ".join(lines).split())
    target = rng.randint(MIN_WORDS, MAX_WORDS - LONGEST_SENTENCE - 10)
    paragraph = [art.sentence("lead")]
    furniture = rng.sample(lex["boilerplate"][:-1], 2)
    while words + len(" ".join(paragraph).split()) < target:
        if len(paragraph) >= rng.randint(1, 3):
            lines.append(" ".join(paragraph))
            words += len(lines[-1].split())
            paragraph = []
            if furniture and rng.random() < 0.15:
                art.bound = {}
                lines.append(art.fill(furniture.pop()))
                words += len(lines[-1].split())
        paragraph.append(art.sentence(rng.choices(kinds, weights)[0]))
    lines.append(" ".join(paragraph))
    art.bound = {}
    lines.append(art.fill(lex["boilerplate"][-1]))
    separator = "\n\n" if rng.random() < 0.7 else "\n"
    return separator.join(lines) + "\n"


def generate(n: int, seed: int = 0, start: int = 0) -> Iterator[Document]:
    """`n` articles (numbers `start` on) as Documents, read as the loader would read their .txt files."""
    for index in range(start, start + n):
        doc_id = f"gen{seed}-{index:06d}"
        text = article_text(seed, index)
        document = Document(doc_id=doc_id, text=text, source_file=f"{doc_id}.txt")
        document.boilerplate = find_boilerplate(text)
        found = read_metadata(text, document.boilerplate)
        document.headline, document.publisher, document.date = found["headline"], found["publisher"], found["date"]
        yield document


def write_corpus(documents: Iterable[Document], target: Path) -> int:
    """Write documents to a folder of .txt files, or to one .jsonl file; return how many."""
    target = Path(target)
    if target.suffix == ".jsonl":
        lines = [json.dumps({"id": d.doc_id, "text": d.text}, ensure_ascii=False) for d in documents]
        atomic_write(target, "".join(line + "\n" for line in lines))
        return len(lines)
    count = 0
    for document in documents:
        atomic_write(target / document.source_file, document.text)
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graphbuild.corpusgen", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("out", type=Path, help="a folder for .txt files, or a .jsonl file")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    count = write_corpus(generate(args.n, args.seed), args.out)
    print(f"Wrote {count} articles to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
