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
from re._constants import AT, AT_BEGINNING, BRANCH, LITERAL, SUBPATTERN
from typing import Any

from graphbuild.lexicon import read_tsv

BOILERPLATE_FILE = "boilerplate.tsv"
HEADLINE_REPEAT = "headline-repeat"
LINE = re.compile(r"[^\n]+")
NEWLINE = re.compile("\n")
BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


@cache
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The (kind, compiled pattern) pairs of the boilerplate list, compiled once per process."""
    return tuple(
        (row["kind"], re.compile(row["pattern"], re.MULTILINE)) for row in read_tsv(BOILERPLATE_FILE)
    )


@cache
def _needed() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """For each pattern, what every match of it holds: groups of strings, one of each group at least.

    Most patterns match nothing in a given article, and `in` tests rule that out far faster than trying
    the pattern at every position. The strings are read from the standard library's own parse of the
    pattern's top-level sequence: runs of characters matched literally, and the alternatives of a plain
    group whose every branch opens with such a run ("(?:Ikuti|Follow)"); never under IGNORECASE.
    """
    return tuple(_required(pattern) for _, pattern in patterns())


def _required(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    if pattern.flags & re.IGNORECASE:
        return ()
    groups: list[tuple[str, ...]] = []
    run = ""
    for op, value in _parser.parse(pattern.pattern, pattern.flags):
        if op is LITERAL:
            run += chr(value)
            continue
        if run:
            groups.append((run,))
            run = ""
        alternatives = _branch_prefixes(_branches(op, value))
        if alternatives:
            groups.append(alternatives)
    if run:
        groups.append((run,))
    return tuple(groups)


def _branches(op: Any, value: Any) -> list[Any]:
    """The branches of an alternation at the top level: a plain group's is parsed inline, a capturing
    group's (without flags of its own) is its only item."""
    if op is BRANCH:
        return list(value[1])
    if op is SUBPATTERN and not value[1] and not value[2] and len(value[3]) == 1 and value[3][0][0] is BRANCH:
        return list(value[3][0][1][1])
    return []


def _branch_prefixes(branches: list[Any]) -> tuple[str, ...]:
    """The literal runs that open each branch, or () when one branch opens otherwise."""
    prefixes = []
    for branch in branches:
        prefix = ""
        for op, value in branch:
            if op is not LITERAL:
                break
            prefix += chr(value)
        if not prefix:
            return ()
        prefixes.append(prefix)
    return tuple(prefixes)


def _may_match(needed: tuple[tuple[str, ...], ...], text: str) -> bool:
    return all(any(option in text for option in group) for group in needed)


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) character spans of `text` that are page furniture."""
    return merge_spans([span for _, span in find_boilerplate_kinds(text)])


def find_boilerplate_kinds(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every boilerplate match as (kind, span), unmerged, in text order; for tests and reports."""
    found: list[tuple[str, tuple[int, int]]] = []
    line_starts = [0, *(match.end() for match in NEWLINE.finditer(text))]
    combined, slots = _combined()
    if combined is not None:
        found.extend(_combined_matches(text, line_starts, combined, slots))
    for kind, pattern, needed, anchored in _separate():
        if not _may_match(needed, text):
            continue
        matches = _matches_at(pattern, text, line_starts) if anchored else pattern.finditer(text)
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


@cache
def _combined() -> tuple[re.Pattern[str] | None, tuple[tuple[int, str], ...]]:
    """The line-anchored patterns as one regex tried once per line start, and (group, kind) per pattern.

    Each pattern sits in a lookahead that captures its match, or in the empty branch beside it
    when it does not match, so one call tries them all, each as `pattern.match` would. A pattern
    with a backreference (its group numbers would shift) is left out, and all are when the
    patterns do not combine (a flag that must open a pattern, say).
    """
    chosen = [i for i, ((_, pattern), anchored) in enumerate(zip(patterns(), _line_anchored(), strict=True))
              if anchored and not BACKREFERENCE.search(pattern.pattern)]
    try:
        combined = re.compile("".join(f"(?:(?=(?P<p{i}>{patterns()[i][1].pattern}))|)" for i in chosen),
                              re.MULTILINE)
    except re.error:
        return None, ()
    return combined, tuple((combined.groupindex[f"p{i}"], patterns()[i][0]) for i in chosen)


@cache
def _separate() -> tuple[tuple[str, re.Pattern[str], tuple[tuple[str, ...], ...], bool], ...]:
    """(kind, pattern, what it needs, line-anchored) of the patterns `_combined` leaves out."""
    combined, _ = _combined()
    taken = set(combined.groupindex) if combined else set()
    return tuple((kind, pattern, needed, anchored)
                 for i, ((kind, pattern), needed, anchored) in enumerate(zip(patterns(), _needed(), _line_anchored(),
                                                                             strict=True))
                 if f"p{i}" not in taken)


def _combined_matches(text: str, line_starts: list[int], combined: re.Pattern[str],
                      slots: tuple[tuple[int, str], ...]) -> list[tuple[str, tuple[int, int]]]:
    """The matches of the combined patterns, each pattern's as `_matches_at` gives them."""
    found: list[tuple[str, tuple[int, int]]] = []
    ends = [0] * len(slots)
    for start in line_starts:
        match = combined.match(text, start)
        if match is None or match.lastindex is None:
            continue
        regs = match.regs
        for k, (group, kind) in enumerate(slots):
            a, b = regs[group]
            if a < 0 or start < ends[k]:
                continue
            ends[k] = max(b, start + 1)
            span = _trim(text, a, b)
            if span is not None:
                found.append((kind, span))
    return found


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
