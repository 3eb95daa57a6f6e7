"""Finding page furniture (teasers, promos, comment forms, credits) inside an article's text.

Scraped news text carries the page around the article: headlines of other articles after
"Baca Juga:", video and channel promos, comment forms, photo credits. Their names and
claims are not the article's, so extractors must not read them. The text itself is never
changed (sentence offsets must slice the original); boilerplate is reported as character
spans that later stages skip. The patterns are data (`data/boilerplate.tsv`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from re import _parser  # type: ignore[attr-defined]
from re._constants import AT, AT_BEGINNING, LITERAL

from graphbuild.lexicon import read_tsv

BOILERPLATE_FILE = "boilerplate.tsv"
HEADLINE_REPEAT = "headline-repeat"
LINE = re.compile(r"[^\n]+")
NEWLINE = re.compile("\n")


@cache
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The (kind, compiled pattern) pairs of the boilerplate list, compiled once per process."""
    return tuple(
        (row["kind"], re.compile(row["pattern"], re.MULTILINE)) for row in read_tsv(BOILERPLATE_FILE)
    )


@cache
def _needed() -> tuple[str, ...]:
    """For each pattern, the longest run of characters that every match of it holds ('' when none).

    Most patterns match nothing in a given article, and `needed in text` rules that out far faster than
    trying the pattern at every position. The runs are read from the standard library's own parse of the
    pattern: only characters matched literally, in sequence, outside any group, and never under IGNORECASE.
    """
    out = []
    for _, pattern in patterns():
        runs, run = [""], ""
        for op, value in _parser.parse(pattern.pattern, pattern.flags):
            if op is LITERAL and not pattern.flags & re.IGNORECASE:
                run += chr(value)
            else:
                runs.append(run)
                run = ""
        out.append(max([*runs, run], key=len))
    return tuple(out)


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) character spans of `text` that are page furniture."""
    return merge_spans([span for _, span in find_boilerplate_kinds(text)])


def find_boilerplate_kinds(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every boilerplate match as (kind, span), unmerged, in text order; for tests and reports."""
    found: list[tuple[str, tuple[int, int]]] = []
    line_starts: list[int] | None = None
    for (kind, pattern), needed, anchored in zip(patterns(), _needed(), _line_anchored(), strict=True):
        if needed not in text:
            continue
        if anchored:
            if line_starts is None:
                line_starts = [0, *(match.end() for match in NEWLINE.finditer(text))]
            matches = _matches_at(pattern, text, line_starts)
        else:
            matches = pattern.finditer(text)
        for match in matches:
            span = _trim(text, match.start(), match.end())
            if span is not None:
                found.append((kind, span))
    repeat = repeated_headline(text)
    if repeat is not None:
        found.append((HEADLINE_REPEAT, repeat))
    return sorted(found, key=lambda item: (item[1], item[0]))


@cache
def _line_anchored() -> tuple[bool, ...]:
    """For each pattern, whether it opens with `^` (compiled MULTILINE: it matches only at line
    starts), so that it is tried there and not at every position of the text."""
    return tuple(_parser.parse(pattern.pattern, pattern.flags)[0] == (AT, AT_BEGINNING)
                 for _, pattern in patterns())


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives when every match starts at one of `starts`."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)):
            end = max(match.end(), start + 1)
            yield match


def repeated_headline(text: str) -> tuple[int, int] | None:
    """The span of the second line when it repeats the first line verbatim.

    Sites often print the title twice (page title, then article title); the second copy
    would otherwise be read as the article's first sentence.
    """
    lines = _nonblank_lines(text, limit=2)
    if len(lines) == 2 and text[slice(*lines[0])] == text[slice(*lines[1])]:
        return lines[1]
    return None


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted by start, with overlapping or touching spans joined into one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _nonblank_lines(text: str, limit: int) -> list[tuple[int, int]]:
    """Spans of the first `limit` non-blank lines, trimmed of surrounding whitespace."""
    lines: list[tuple[int, int]] = []
    for match in LINE.finditer(text):
        span = _trim(text, match.start(), match.end())
        if span is not None:
            lines.append(span)
            if len(lines) == limit:
                break
    return lines


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without leading and trailing whitespace, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
