"""Measuring an entity recognizer on token-per-line BIO files (`token<TAB>label`).

Gold labels name types in the corpus' own words (PERSON, ORGANISATION, PLACE ...); they are
mapped to the project's types before scoring. Countries are places to such corpora, so a
predicted Country counts as a Place. A prediction is right only when its span and type both
match a gold entity exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from graphbuild.ner import recognize

GOLD_TYPES = {
    "PERSON": "Person",
    "PER": "Person",
    "ORGANISATION": "Organization",
    "ORGANIZATION": "Organization",
    "ORG": "Organization",
    "PLACE": "Place",
    "LOCATION": "Place",
    "LOC": "Place",
    "GPE": "Place",
}
PREDICTED_TYPES = {"Country": "Place"}
REPORT_TYPES = ("Person", "Organization", "Place")

Sentence = tuple[list[str], list[str]]
Recognizer = Callable[[list[str]], list[tuple[int, int, str]]]
Span = tuple[int, int, str]


def read_bio(path: Path) -> list[Sentence]:
    """Sentences of a BIO file as (tokens, labels); a line that is not `token label` is an error."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    labels: list[str] = []
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.split()
            if not fields:
                if tokens:
                    sentences.append((tokens, labels))
                    tokens, labels = [], []
                continue
            if len(fields) != 2 or not _is_label(fields[1]):
                raise ValueError(f"{path}:{number}: expected 'token<TAB>label'")
            tokens.append(fields[0])
            labels.append(fields[1])
    if tokens:
        sentences.append((tokens, labels))
    return sentences


def _is_label(label: str) -> bool:
    return label == "O" or (label[:2] in ("B-", "I-") and len(label) > 2)


def gold_spans(labels: list[str]) -> list[Span]:
    """Entity spans of a BIO label sequence; an I- that does not continue an entity opens one."""
    spans: list[Span] = []
    start, kind = -1, ""
    for i, label in enumerate([*labels, "O"]):
        inside = label.startswith("I-") and label[2:] == kind and start >= 0
        if start >= 0 and not inside:
            spans.append((start, i, GOLD_TYPES.get(kind, kind.title())))
            start, kind = -1, ""
        if label != "O" and not inside:
            start, kind = i, label[2:]
    return spans


def evaluate(sentences: Iterable[Sentence], recognizer: Recognizer = recognize) -> dict:
    """Precision, recall and F1 per type and overall, with counts of how gold entities were missed."""
    counts: dict[str, dict[str, int]] = {}
    for tokens, labels in sentences:
        gold = set(gold_spans(labels))
        predicted = {(s, e, PREDICTED_TYPES.get(t, t)) for s, e, t in recognizer(tokens)}
        for span in gold | predicted:
            row = counts.setdefault(span[2], dict.fromkeys(_COUNTS, 0))
            if span in gold:
                row["gold"] += 1
                row[_miss_kind(span, predicted)] += 1
            if span in predicted:
                row["predicted"] += 1
    types = {t: _scores(counts.get(t, dict.fromkeys(_COUNTS, 0))) for t in sorted(set(REPORT_TYPES) | set(counts))}
    total = {key: sum(row[key] for row in counts.values()) for key in _COUNTS}
    return {"types": types, "overall": _scores(total)}


_COUNTS = ("gold", "predicted", "correct", "wrong_type", "wrong_span", "missed")


def _miss_kind(span: Span, predicted: set[Span]) -> str:
    """How a gold span fared: found, found with another type, overlapped by another span, or missed."""
    start, end, kind = span
    if span in predicted:
        return "correct"
    if any(s == start and e == end for s, e, _ in predicted):
        return "wrong_type"
    if any(s < end and start < e for s, e, _ in predicted):
        return "wrong_span"
    return "missed"


def _scores(row: dict[str, int]) -> dict:
    precision = row["correct"] / row["predicted"] if row["predicted"] else 0.0
    recall = row["correct"] / row["gold"] if row["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {**row, "precision": precision, "recall": recall, "f1": f1}


def format_report(result: dict) -> str:
    """One line per type, then the overall line; each gives precision, recall and F1."""
    lines = []
    for kind, row in result["types"].items():
        counts = " ".join(f"{key}={row[key]}" for key in _COUNTS)
        lines.append(f"{kind} {_line(row)} {counts}")
    lines.append(f"overall {_line(result['overall'])}")
    return "\n".join(lines)


def _line(row: dict) -> str:
    return f"precision={row['precision']:.3f} recall={row['recall']:.3f} f1={row['f1']:.3f}"


def report(path: Path) -> str:
    """The report of `graphbuild ner-eval FILE`: the project's recognizer measured on one BIO file."""
    return format_report(evaluate(read_bio(path)))
