"""Dates of events: "pada Februari 2022", "sejak Agustus 2024", "tahun 2022", "22 Oktober 2024".

A date goes to the event whose trigger is nearest before it in the same sentence (Indonesian
puts the time after the verb: "menginvasi Ukraina pada Februari 2022"), within a short reach.
A date that follows a citation ("seperti dikutip AFP, Selasa (22/10/2024)") dates the report,
not an event, and is left to the document's metadata.
"""

from __future__ import annotations

import re
from functools import cache

from graphbuild import lexicon
from graphbuild.extractors.clauses import by_sentence
from graphbuild.metadata import YEAR, find_dates
from graphbuild.model import DocumentFacts, EventFact
from graphbuild.text import ParsedDocument

REACH_CHARS = 80
CITATION = re.compile(r"(?:dikutip|dilansir|melansir|mengutip)\b[^.]{0,40}$", re.IGNORECASE)


@cache
def _partial_date() -> re.Pattern[str]:
    """Month-and-year and year-only dates."""
    months = sorted((r["name"] for r in lexicon.read_tsv("month_names.tsv")), key=lambda n: (-len(n), n))
    names = "|".join(re.escape(n) for n in months)
    return re.compile(rf"\b(?:(?P<mn>{names})\.?\s+(?P<y1>(?:19|20)\d\d)|tahun\s+(?P<y2>(?:19|20)\d\d))\b",
                      re.IGNORECASE)


@cache
def _month_numbers() -> dict[str, int]:
    return {r["name"].lower(): int(r["month"]) for r in lexicon.read_tsv("month_names.tsv")}


def sentence_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of every date in a sentence; value is YYYY-MM-DD, YYYY-MM or YYYY."""
    if not YEAR.search(text):
        return []
    full = [(d.start, d.end, d.iso) for d in find_dates(text)]
    out = list(full)
    for match in _partial_date().finditer(text):
        if any(s <= match.start() < e for s, e, _ in full):
            continue
        if match["y1"]:
            out.append((match.start(), match.end(), f"{match['y1']}-{_month_numbers()[match['mn'].lower()]:02d}"))
        else:
            out.append((match.start(), match.end(), match["y2"]))
    return sorted(out)


class DateExtractor:
    """Sets the date of events from the dates their sentences give."""

    name = "dates"

    def __call__(self, parsed: ParsedDocument, found: DocumentFacts) -> list[EventFact]:
        events_of = by_sentence(found.events)
        for sentence in parsed.sentences:
            events = events_of.get(sentence.index, [])
            if not events:
                continue
            for start, _, value in sentence_dates(sentence.text):
                if CITATION.search(sentence.text[:start]):
                    continue
                at = sentence.start + start
                before = [e for e in events if e.trigger.end <= at and at - e.trigger.end <= REACH_CHARS]
                if before:
                    nearest = max(before, key=lambda e: e.trigger.end)
                    for event in events:
                        if event.event_id == nearest.event_id or event.event_id.startswith(nearest.event_id + "#"):
                            event.date = event.date or value
        return []
