"""Synthetic Indonesian news articles for the benchmark, so that it needs no third-party text.

Articles are filled in from the templates and lexicons of data/corpusgen.yaml: a headline, a
timestamp line, a dateline lead and paragraphs of claims, denials, demands, figures (in digits
and in words, with qualifiers), hedges, negations and background sentences, with page
furniture between them, 300-600 words each. Article `i` of seed `s` depends on (s, i) alone,
so any prefix of a corpus is the smaller corpus and partitions can be generated apart.

So that the vocabulary grows as real news's does (new names, places and words in every article,
not a few hundred words repeated), people and places are often invented from syllables, and about
a third of the sentences come from the open vocabulary of data/corpusgen_words.yaml: everyday
words and derived verb forms about local life, none of which the extractors react to.

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
from graphbuild.lexicon import find_cue, find_supply, find_trigger, grammar, number_words, read_text, units
from graphbuild.metadata import read_metadata
from graphbuild.model import Document
from graphbuild.outputs import atomic_write

MIN_WORDS, MAX_WORDS = 300, 600
LONGEST_SENTENCE = 45
KIND_WEIGHTS = (("claim", 3), ("state", 3), ("deny", 2), ("negated", 1), ("confirm", 1), ("hedged", 1),
                ("demand", 2), ("warn", 1), ("condemn", 1), ("accuse", 1), ("figure", 1), ("meeting", 1),
                ("background", 4), ("open", 12))
INVENTED_PEOPLE = 0.6
INVENTED_PLACES = 0.3
_SLOT = re.compile(r"\{(\w+)\}")
DERIVED = ("verb", "verb_kan", "passive", "passive_kan", "nominal", "noun_nya", "most", "quality")
OPEN_SLOTS = frozenset((*DERIVED, "noun", "adj", "person", "job", "town", "org", "amount", "money", "measure", "pct",
                        "when", "date"))


@cache
def lexicon() -> dict[str, Any]:
    """The generator's templates and word lists."""
    return yaml.safe_load(read_text("corpusgen.yaml"))


@cache
def open_words() -> dict[str, Any]:
    """The open vocabulary of data/corpusgen_words.yaml, with the verb forms derived from its roots.

    A form any extractor word list knows is left out, so the open sentences add words but no facts.
    """
    words = yaml.safe_load(read_text("corpusgen_words.yaml"))
    forms: dict[str, list[str]] = {kind: [] for kind in DERIVED}
    derived = [{"verb": _nasal("me", root), "verb_kan": _nasal("me", root) + "kan", "passive": "di" + root,
                "passive_kan": f"di{root}kan", "nominal": _nasal("pe", root) + "an"} for root in words["verb_roots"]]
    derived += [{"noun_nya": noun + "nya"} for noun in words["nouns"] if " " not in noun]
    derived += [{"most": "ter" + adj, "quality": f"ke{adj}an"} for adj in words["adjectives"] if " " not in adj]
    for made in derived:
        for kind, form in made.items():
            if _inert(form):
                forms[kind].append(form)
    return {**words, **forms, "nouns": [n for n in words["nouns"] if _inert(n)]}


def _nasal(prefix: str, root: str) -> str:
    """meN- or peN- on a root: the nasal takes the root's place of articulation and swallows k, p, t, s."""
    first = root[0]
    for letters, nasal, swallowed in (("aeiough", "ng", ""), ("k", "ng", "k"), ("bfv", "m", ""), ("p", "m", "p"),
                                      ("dcjz", "n", ""), ("t", "n", "t"), ("s", "ny", "s")):
        if first in letters:
            return prefix + nasal + root[len(swallowed):]
    return prefix + root


def _inert(phrase: str) -> bool:
    """True when no word of `phrase` is a cue, a trigger, a counted noun, a number or on a grammar list."""
    known = _known_words()
    return not any(w in known or find_cue(w) or find_trigger(w) or find_supply(w) for w in phrase.lower().split())


@cache
def _known_words() -> frozenset[str]:
    """Counted nouns, number words and every word of grammar.yaml: words the extractors read."""
    listed = (w for values in grammar().values() if isinstance(values, list) for w in values)
    return frozenset({*units(), *number_words(), *(w for p in listed for w in str(p).lower().split())})


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
        styles = [s for s, g in self.lex["names"].items() if country in g["countries"]] or list(self.lex["names"])
        style = self.rng.choice(styles)
        group = self.lex["names"][style]
        if style in open_words()["invented"] and self.rng.random() < INVENTED_PEOPLE:
            given, family = self._invented(style)
            group = {"family": [family]}
        else:
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

    def _invented(self, style: str) -> tuple[str, str]:
        """A given and a family name made from the syllables of a naming style."""
        spec, rng = open_words()["invented"][style], self.rng
        syllables = spec["syllables"]
        if style == "korean":
            return f"{rng.choice(syllables).capitalize()}-{rng.choice(syllables)}", rng.choice(syllables).capitalize()
        given = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))
        family = "".join(rng.choice(syllables) for _ in range(rng.randint(1, 2)))
        return given.capitalize(), (family + rng.choice(spec["endings"])).capitalize()

    def _open(self, name: str) -> str:
        """A value of an open-vocabulary slot; "noun2" is a second noun, "Noun" a capitalised one."""
        if name[0].isupper():
            value = self.slot(name.lower())
            return value[0].upper() + value[1:]
        rng, words = self.rng, open_words()
        base = name.rstrip("0123456789")
        if base in DERIVED:
            return rng.choice(words[base])
        simple = {"noun": "nouns", "adj": "adjectives", "job": "occupations", "when": "adverbs", "measure": "measures"}
        if base in simple:
            return rng.choice(words[simple[base]])
        if base == "person":
            given, family = self._invented(rng.choice(sorted(words["invented"])))
            return f"{given} {family}"
        if base == "town":
            town = "".join(rng.choice(words["place_syllables"]) for _ in range(rng.randint(2, 4))).capitalize()
            return f"{rng.choice(words['place_heads'])} {town}" if rng.random() < 0.4 else town
        if base == "org":
            return " ".join([rng.choice(words["org_heads"]), *rng.sample(words["org_words"], rng.randint(1, 2))])
        return _number(rng, base, words, self.lex)

    def fill(self, template: str) -> str:
        """A template with every slot filled; slots keep one value within the sentence."""
        return _SLOT.sub(lambda m: self.slot(m[1]), template)

    def sentence(self, kind: str) -> str:
        self.bound = {}
        frames = open_words()["open_sentences"] if kind == "open" else self.lex["sentences"][kind]
        text = self.fill(self.rng.choice(frames))
        return text[0].upper() + text[1:]

    def slot(self, name: str) -> str:
        if name not in self.bound:
            self.bound[name] = self._value(name)
        return self.bound[name]

    def _value(self, name: str) -> str:
        rng, lex = self.rng, self.lex
        if name.rstrip("0123456789").lower() in OPEN_SLOTS:
            return self._open(name)
        if name in ("speaker", "speaker2", "short"):
            return self._mention(name)
        if name == "place" and rng.random() < INVENTED_PLACES:
            return self._special("village")
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


def _number(rng: random.Random, kind: str, words: dict[str, Any], lex: dict[str, Any]) -> str:
    """An amount, a sum of rupiah, a percentage or a date, drawn from wide ranges as news numbers are."""
    if kind == "amount":
        return _thousands(rng.choice((rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 250000))))
    if kind == "money":
        decimals = f",{rng.randint(1, 9)}" if rng.random() < 0.4 else ""
        return f"{rng.randint(1, 999)}{decimals} {rng.choice(words['units_of_money'])}"
    if kind == "pct":
        return f"{rng.randint(1, 60)},{rng.randint(0, 9)}" if rng.random() < 0.6 else str(rng.randint(1, 60))
    if kind == "date":
        return f"{rng.randint(1, 28)} {rng.choice(lex['months'])} {rng.choice((2023, 2024, 2025))}"
    raise KeyError(f"corpusgen_words.yaml: unknown slot {{{kind}}}")


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
