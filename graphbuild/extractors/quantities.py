"""Quantities: Indonesian numbers with a counted noun, attached to the nearest fitting event.

"sekitar 10.000 tentara" gives 10000 with the qualifier "about"; "1,5 juta", "dua belas" and
"tujuh" are read too, and "ribuan" gives its lower bound with "at least". A count belongs to
the nearest event in its sentence whose class can be counted by that noun; an event that
already has a count is copied, so "lima pesawat yang membawa hingga 900 tentara" gives two.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

from graphbuild import lexicon
from graphbuild.extractors.clauses import by_sentence, clauses
from graphbuild.extractors.events import strip_nya
from graphbuild.model import DocumentFacts, EventFact
from graphbuild.text import ParsedDocument, SentenceView, nlp

DIGITS = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d+$")
DECIMAL = re.compile(r"^\d+,\d+$")
MAX_NUMBER_WORDS = 4
UNIT_REACH = 3
MAX_DISTANCE = 12
ANY_EVENT = frozenset(("Deployment", "Withdrawal", "Attack", "MilitaryAid"))
PARTITIVES = (("dari", "mereka"), ("di", "antaranya"), ("di", "antara", "mereka"), ("lainnya",), ("lagi",))


@dataclass(frozen=True)
class Count:
    """A number read from tokens start..end-1, its qualifier and the noun it counts."""

    start: int
    end: int
    value: int
    qualifier: str
    unit: str
    classes: frozenset[str]


def read_number(lower: list[str], i: int) -> tuple[int, int, bool] | None:
    """(value, tokens used, vague) for a number at token i, or None."""
    words = lexicon.number_words()
    word = lower[i]
    if DIGITS.match(word) or DECIMAL.match(word):
        number = float(word.replace(".", "").replace(",", "."))
        used = 1
        if i + 1 < len(lower) and words.get(lower[i + 1], (0, ""))[1] == "multiplier":
            number *= words[lower[i + 1]][0]
            used = 2
        return int(number), used, False
    if word in words and words[word][1] == "vague":
        return words[word][0], 1, True
    total, current, used = 0, 0, 0
    while i + used < len(lower) and used < MAX_NUMBER_WORDS and lower[i + used] in words:
        value, kind = words[lower[i + used]]
        if kind == "digit":
            current += value
        elif kind == "teen":
            current += value
        elif kind == "tens":
            current = max(current, 1) * value
        elif kind == "multiplier":
            total += max(current, 1) * value
            current = 0
        else:
            break
        used += 1
    return (total + current, used, False) if used else None


def find_counts(view: SentenceView, previous: Count | None = None) -> list[Count]:
    """Every number followed by a counted noun in the sentence.

    A number followed by "dari mereka" or "di antaranya" ("10.000 dari mereka") counts what
    the previous count of the document counted.
    """
    out: list[Count] = []
    lower = view.lower
    units = lexicon.units()
    numbers = lexicon.number_words()
    i = 0
    while i < len(lower):
        number = read_number(lower, i) if lower[i] in numbers or lower[i][:1].isdigit() else None
        if number is None:
            i += 1
            continue
        value, used, vague = number
        n, qualifier = _qualifier_before(lower, i)
        partitive = next((p for p in PARTITIVES if tuple(lower[i + used : i + used + len(p)]) == p), None)
        last = out[-1] if out else previous
        if partitive:
            end = i + used + len(partitive)
            unit, classes = (last.unit, last.classes) if last else ("", ANY_EVENT)
            out.append(Count(i - n, end, value, qualifier or "exactly", unit, classes))
            i = end
            continue
        for k in range(i + used, min(len(lower), i + used + UNIT_REACH)):
            noun = strip_nya(lower[k])
            if noun in units:
                qualifier = qualifier or ("at least" if vague else "exactly")
                out.append(Count(i - n, k + 1, value, qualifier, noun, units[noun][1]))
                break
            if not lower[k].isalpha():
                break
        i += used
    return out


@cache
def _qualifiers() -> dict[tuple[str, ...], str]:
    """Qualifier phrases as token tuples, longest first."""
    make = nlp().make_doc
    items = {tuple(t.lower_ for t in make(" ".join(k))): q for k, q in lexicon.qualifier_words().items()}
    return dict(sorted(items.items(), key=lambda kv: -len(kv[0])))


def _qualifier_before(lower: list[str], i: int) -> tuple[int, str | None]:
    """The qualifier phrase ending just before token i: (its length, its value)."""
    for phrase, qualifier in _qualifiers().items():
        n = len(phrase)
        if i - n >= 0 and tuple(lower[i - n : i]) == phrase:
            return n, qualifier
    return 0, None


class QuantityExtractor:
    """Gives events their counts; returns the copies made for second counts."""

    name = "quantities"

    def __call__(self, parsed: ParsedDocument, found: DocumentFacts) -> list[EventFact]:
        copies: list[EventFact] = []
        previous: Count | None = None
        events_of = by_sentence(found.events)
        for view, clause in zip(parsed.views(), clauses(parsed, found.mentions), strict=True):
            events = events_of.get(view.sentence.index, [])
            for count in find_counts(view, previous):
                previous = count
                fitting = [e for e in events if e.etype in count.classes and _distance(view, e, count) <= MAX_DISTANCE]
                if not fitting:
                    continue
                event = min(fitting, key=lambda e: (_distance(view, e, count), e.trigger.start))
                if event.quantity is not None:
                    event = replace(event, event_id=f"{event.event_id}#{count.start}")
                    copies.append(event)
                event.quantity, event.qualifier, event.unit = count.value, count.qualifier, count.unit
                owner = clause.owner_at(count.end)
                if owner and count.unit in lexicon.units() and lexicon.units()[count.unit][0] == "troops":
                    event.agents = owner
        return copies


def _distance(view: SentenceView, event: EventFact, count: Count) -> int:
    """Tokens between the count and the event's trigger."""
    trigger_tok = bisect_left(view.starts, event.trigger.start)
    trigger_tok = 0 if trigger_tok == len(view.starts) else trigger_tok
    return min(abs(trigger_tok - count.start), abs(trigger_tok - count.end))
