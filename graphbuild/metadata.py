"""Reading an article's headline, publisher and date from its own text.

Scraped text rarely comes with metadata, but the text states it: a first line set off by
a blank line is the headline; a dateline ("NEW YORK (Reuters) –", "JAKARTA, Kabarku.id –")
or a last line holding only the site's name ("Kabarku.id") names the publisher; the day of
the report is written "Selasa (22/10/2024)" or "1 November 2024". A wire agency quoted as
a source ("seperti dikutip AFP") is not the publisher. Patterns and names are data files.

The date rule, in order of preference:
1. the first date on the dateline's line, within DATELINE_WINDOW characters of it;
2. the first date right after a citation phrase ("seperti dilansir AFP, Jumat (1/11/2024)");
3. the first line that holds only a date (and a time): the site's publication stamp,
   "Senin, 4 November 2024 10:15 WIB", read even though it is boilerplate;
4. the first date written with a day name ("Senin (4/11/2024)", "Senin, 4 November 2024"),
   which Indonesian news uses for the day of the report.
Other dates inside boilerplate (a teaser headline's, say) are never used.
A bare "23 Oktober 2024" elsewhere in the body usually dates an event, so it is not used.
The garbled form "Selasa (22). 10/2024)" is read only when its day name fits the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from graphbuild.lexicon import read_tsv

PATTERN_FILE = "metadata_patterns.tsv"
MONTH_FILE = "month_names.tsv"
DAY_FILE = "day_names.tsv"
DATELINE_WINDOW = 400
DATELINE_LINES = 5
CITATION_REACH = 100
MAX_HEADLINE = 200
ISO_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
PARTIAL_ISO = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")
BLANK_LINE = re.compile(r"[ \t\r]*\n")
LINE = re.compile(r"[^\n]*\S[^\n]*")
# Four digits written out: the same matches as \d{4}, found in half the time.
YEAR = re.compile(r"\d\d\d\d")
STAMP_REST = re.compile(r"[\s,|-]*(?:(?:pukul\s+)?\d{1,2}[:.]\d{2}(?:\s*WIB|\s*WITA|\s*WIT)?)?\s*", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date written in the text, with its offsets and whether a day name opens it."""

    start: int
    end: int
    iso: str
    has_weekday: bool
    stamp: bool = False


def read_metadata(text: str, boilerplate: list[tuple[int, int]]) -> dict[str, str | None]:
    """The `headline`, `publisher` and `date` (ISO YYYY-MM-DD) the text gives, else None."""
    headline_span = find_headline(text, boilerplate)
    dateline = find_dateline(text, boilerplate, skip=headline_span)
    publisher = dateline[2] if dateline else find_sitename(text)
    dates = [d for d in find_dates(text) if d.stamp or not _covered(d.start, d.end, boilerplate)]
    return {
        "headline": text[slice(*headline_span)] if headline_span else None,
        "publisher": publisher,
        "date": choose_date(text, dates, dateline),
    }


def find_headline(text: str, boilerplate: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the first line when a blank line follows it and it reads like a title.

    A title is at most MAX_HEADLINE characters, does not end in a full stop, is not a
    dateline and is not page furniture (a photo credit first, say).
    """
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end < 0:
        return None
    line = text[start:end].rstrip()
    rest = text[end + 1 :]
    if not BLANK_LINE.match(rest) or not line or len(line) > MAX_HEADLINE or line.endswith("."):
        return None
    span = (start, start + len(line))
    if _covered(*span, boilerplate) or any(p.match(line) for p in _compiled("dateline")):
        return None
    return span


def find_dateline(
    text: str, boilerplate: list[tuple[int, int]], skip: tuple[int, int] | None = None
) -> tuple[int, int, str] | None:
    """(start, end, publisher) of a dateline opening one of the first body lines."""
    seen = 0
    for line in LINE.finditer(text):
        if (skip and line.start() < skip[1]) or _covered(line.start(), line.end(), boilerplate):
            continue
        for pattern in _compiled("dateline"):
            match = pattern.match(text, line.start(), line.end())
            if match and match["publisher"].strip() not in _calendar_words():
                return match.start(), match.end(), match["publisher"].strip()
        seen += 1
        if seen == DATELINE_LINES:
            break
    return None


def find_sitename(text: str) -> str | None:
    """The site name when the text's last line is only that ("Kabarku.id")."""
    for pattern in _compiled("sitename"):
        match = pattern.search(text)
        if match:
            return match["publisher"]
    return None


def find_dates(text: str) -> list[DateMention]:
    """Every valid date written in `text`, in text order.

    Every date holds a four-digit year and none spans a line break, so only the lines with a year
    are searched: the patterns are costly to try at every position of a whole article.
    """
    found: list[DateMention] = []
    lines = _year_lines(text)
    for kind, pattern in _date_patterns():
        for start, end in lines:
            for match in pattern.finditer(text, start, end):
                mention = _to_date(kind, match)
                if mention is not None:
                    found.append(mention)
    return sorted(found, key=lambda d: (d.start, -d.end))


def _year_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text` that holds four digits in a row, in order."""
    lines: list[tuple[int, int]] = []
    for year in YEAR.finditer(text):
        if lines and year.start() < lines[-1][1]:
            continue
        end = text.find("\n", year.end())
        lines.append((text.rfind("\n", 0, year.start()) + 1, len(text) if end < 0 else end))
    return lines


def choose_date(text: str, dates: list[DateMention], dateline: tuple[int, int, str] | None) -> str | None:
    """The report date by the rule in the module docstring, or None."""
    if dateline:
        line_end = text.find("\n", dateline[0])
        limit = min(dateline[0] + DATELINE_WINDOW, len(text) if line_end < 0 else line_end)
        for mention in dates:
            if dateline[0] <= mention.start < limit:
                return mention.iso
    for mention in dates:
        if _citation_before().search(text, max(0, mention.start - CITATION_REACH), mention.start):
            return mention.iso
    stamp = next((m.iso for m in dates if m.stamp), None)
    return stamp or next((m.iso for m in dates if m.has_weekday), None)


def parse_date(value: str) -> str | None:
    """An ISO date (or year-month, or year) for a date given as a field, else None.

    Accepts ISO dates and timestamps ("2024-11-04T10:00:00+07:00") and the Indonesian
    forms of `find_dates`.
    """
    value = value.strip()
    iso = ISO_PREFIX.match(value)
    if iso:
        return _iso(int(iso[1]), int(iso[2]), int(iso[3]))
    if PARTIAL_ISO.fullmatch(value):
        return value
    dates = find_dates(value)
    return dates[0].iso if dates else None


@cache
def _compiled(kind: str) -> tuple[re.Pattern[str], ...]:
    """The metadata patterns of one kind, compiled once per process."""
    return tuple(re.compile(r["pattern"], re.MULTILINE) for r in read_tsv(PATTERN_FILE) if r["kind"] == kind)


@cache
def _citation_before() -> re.Pattern[str]:
    """Any citation pattern, anchored to end where the searched stretch ends (at a date)."""
    alternatives = "|".join(f"(?:{p.pattern})" for p in _compiled("citation"))
    return re.compile(rf"(?:{alternatives})\Z", re.MULTILINE)


@cache
def _weekdays() -> dict[str, int]:
    """Day name (lower case) to ISO weekday."""
    return {r["name"].lower(): int(r["weekday"]) for r in read_tsv(DAY_FILE)}


@cache
def _months() -> dict[str, int]:
    """Month name (lower case) to month number."""
    return {r["name"].lower(): int(r["month"]) for r in read_tsv(MONTH_FILE)}


@cache
def _calendar_words() -> frozenset[str]:
    """Day and month names as written, which a dateline never has as its publisher."""
    names = [r["name"] for r in read_tsv(DAY_FILE)] + [r["name"] for r in read_tsv(MONTH_FILE)]
    return frozenset(names)


@cache
def _date_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The numeric, garbled and month-name date patterns, built from the name lists."""
    days = _alternation(_weekdays())
    months = _alternation(_months())
    weekday = rf"(?P<wd>{days})"
    numbers = r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    sources = {
        "numeric": rf"\b{weekday}[ \t]*,?[ \t]*\([ \t]*{numbers}[ \t]*\)",
        "garbled": rf"\b{weekday}[ \t]*\((?P<d>\d{{1,2}})\)\.?[ \t]*(?P<m>\d{{1,2}})/(?P<y>\d{{4}})\)",
        "named": (
            rf"(?:\b{weekday}[ \t]*,?[ \t]*\(?[ \t]*)?"
            rf"\b(?P<d>\d{{1,2}})[ \t]+(?P<mn>{months})\.?[ \t]+(?P<y>\d{{4}})\b"
        ),
    }
    return tuple((kind, re.compile(source, re.IGNORECASE)) for kind, source in sources.items())


def _alternation(names: dict[str, int]) -> str:
    """A regex alternation of `names`, longest first so that no name cuts another short."""
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


def _to_date(kind: str, match: re.Match[str]) -> DateMention | None:
    """The DateMention for a date match, or None when the numbers are not a real date."""
    month = _months()[match["mn"].lower()] if kind == "named" else int(match["m"])
    iso = _iso(int(match["y"]), month, int(match["d"]))
    if iso is None:
        return None
    weekday = _weekdays().get((match["wd"] or "").lower())
    if kind == "garbled" and weekday != date.fromisoformat(iso).isoweekday():
        return None
    return DateMention(match.start(), match.end(), iso, weekday is not None, _is_stamp(match))


def _is_stamp(match: re.Match[str]) -> bool:
    """True when the date's line holds nothing else but an optional time of day."""
    text = match.string
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start : match.start()]
    return not before.strip() and STAMP_REST.fullmatch(text, match.end(), line_end) is not None


def _iso(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD for a real calendar date, else None."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when [start, end) lies inside one of `spans`."""
    return any(a <= start and end <= b for a, b in spans)
