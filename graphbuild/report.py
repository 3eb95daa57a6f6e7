"""The analysis as a report a person reads (Markdown) and one a program reads (JSON).

Both are pure functions of the dict graphbuild.analysis.analyze returns, and both
summarize: Markdown tables are capped at MAX_ROWS rows, and report.json gives each list as
its total and its first JSON_ROWS rows (lists inside a row, such as a community's members,
at most NESTED_ROWS), so its size does not grow with the corpus.
"""

from __future__ import annotations

import json
from typing import Any

MAX_ROWS = 50
JSON_ROWS = 100
NESTED_ROWS = 20
NESTED_LISTS = ("members", "figures")
MAX_CELL = 240
NONE_FOUND = "_None found._"

Row = dict[str, Any]


def render_json(analysis: dict[str, Any]) -> str:
    """The analysis summarized (see `summary`) as JSON: sorted keys, indented, UTF-8 text, ending in a newline."""
    return json.dumps(summary(analysis), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def summary(analysis: dict[str, Any]) -> dict[str, Any]:
    """The analysis with each list of rows (but key_actors, already the top few) as {"total": n,
    "rows": the first JSON_ROWS}, and the lists in NESTED_LISTS inside a row cut to NESTED_ROWS,
    their length kept as `<name>_total`."""
    return {key: {"total": len(value), "rows": [_capped_row(row) for row in value[:JSON_ROWS]]}
            if isinstance(value, list) and key != "key_actors" else value for key, value in analysis.items()}


def _capped_row(row: Row) -> Row:
    capped = dict(row)
    for key in NESTED_LISTS:
        if isinstance(row.get(key), list):
            capped[key] = row[key][:NESTED_ROWS]
            capped[f"{key}_total"] = len(row[key])
    return capped


def cell(value: Any) -> str:
    """One Markdown table cell: on one line, pipes and HTML escaped, long text shortened."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    if len(text) > MAX_CELL:
        text = text[:MAX_CELL - 1].rstrip() + "…"
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    """A Markdown table of at most MAX_ROWS rows, with a note saying how many were left out."""
    if not rows:
        return [NONE_FOUND]
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        lines += ["", f"_… and {len(rows) - MAX_ROWS:,} more rows; report.json lists the first {JSON_ROWS}._"]
    return lines


def figure(quantity: int | None, qualifier: str | None, unit: str | None = None) -> str:
    """A claimed number as read: "about 10,000 troops"."""
    if quantity is None:
        return ""
    return " ".join(part for part in (qualifier or "", f"{quantity:,}", unit or "") if part)


def _event(row: Row) -> str:
    return row["event_class"] or row.get("object_label", "")


def _source(row: Row) -> str:
    return row["document"] + (" (hedged)" if row["hedged"] else "")


def _agents(row: Row) -> str:
    return ", ".join(row["agent_labels"])


def _summary(analysis: dict[str, Any]) -> list[str]:
    counts = analysis["counts"]
    network = counts["actor_network"]
    entities = ", ".join(f"{n} {cls}" for cls, n in counts["entities"].items() if n) or "none"
    events = ", ".join(f"{n} {cls}" for cls, n in counts["events"].items() if n) or "none"
    acts = ", ".join(f"{n} {act}" for act, n in counts["speech_acts"].items() if n) or "none"
    return [
        f"- **{counts['triples']:,}** triples from **{counts['documents']:,}** documents.",
        f"- Entities: {entities}. Events: {events}.",
        f"- Speech acts: {acts}; {counts['assertions']:,} assertions, of which {counts['negated']:,} negated "
        f"and {counts['hedged']:,} hedged.",
        f"- Actor network: {network['nodes']:,} actors, {network['edges']:,} links; "
        f"communities: {len(analysis['communities'])}.",
        f"- Denials: {len(analysis['denials'])}; demands: {len(analysis['demands'])}; conflicting figures: "
        f"{len(analysis['conflicting_figures'])}; contradictions: "
        f"{sum(r['pairs'] for r in analysis['contradictions']):,} pairs in {len(analysis['contradictions'])} groups.",
    ]


def _actors(analysis: dict[str, Any]) -> list[str]:
    return table(["#", "Actor", "Class", "Degree", "Betweenness", "PageRank"],
                 [[i, a["label"], a["class"], a["degree"], f"{a['betweenness']:.4f}", f"{a['pagerank']:.4f}"]
                  for i, a in enumerate(analysis["key_actors"], 1)])


def _denials(analysis: dict[str, Any]) -> list[str]:
    return table(["Speaker", "Denied", "Agent", "Figure", "Document", "Evidence"],
                 [[r["speaker_label"], _event(r), _agents(r), figure(r["quantity"], r["qualifier"]),
                   _source(r), r["evidence"]] for r in analysis["denials"]])


def _demands(analysis: dict[str, Any]) -> list[str]:
    return table(["Speaker", "Demanded", "Of", "Document", "Evidence"],
                 [[r["speaker_label"], _event(r), _agents(r), _source(r), r["evidence"]]
                  for r in analysis["demands"]])


def _figures(analysis: dict[str, Any]) -> list[str]:
    rows = sorted(analysis["figures"], key=lambda r: (r["claimant_label"], r["event_class"], r["quantity"],
                                                      r["document"], r["evidence"]))
    return table(["Claimant", "Act", "Event", "Agent", "Figure", "Document", "Evidence"],
                 [[r["claimant_label"] or "(article)", r["predicate"], r["event_class"], _agents(r),
                   figure(r["quantity"], r["qualifier"], r["unit"]), r["document"], r["evidence"]]
                  for r in rows])


def _conflicts(analysis: dict[str, Any]) -> list[str]:
    return table(["Event", "Agent", "Figure", "Claimant", "Act", "Document", "Evidence"],
                 [[group["event_class"], group["agent_label"],
                   figure(f["quantity"], f["qualifier"], group["unit"]),
                   f["claimant_label"] or "(article)", f["predicate"], f["document"], f["evidence"]]
                  for group in analysis["conflicting_figures"] for f in group["figures"]])


def _speaker_counts(speakers: list[Row]) -> str:
    return ", ".join(f"{s['speaker_label']} ×{s['count']}" for s in speakers)


def _example(side: Row, act: bool) -> str:
    said = f"{side['predicate']}, {side['document']}" if act else side["document"]
    return f"{side['speaker_label']} ({said}): {side['evidence']}"


def _contradictions(analysis: dict[str, Any]) -> list[str]:
    rows = []
    for r in analysis["contradictions"]:
        first = r["examples"][0]
        rows.append([r["event_class"], r["agent_label"], f"{r['pairs']:,}",
                     _speaker_counts(r["claimed_by"]), _speaker_counts(r["denied_by"]),
                     _example(first["claim"], True), _example(first["denial"], False)])
    return table(["Event", "Agent", "Pairs", "Claimed by", "Denied by", "Example claim", "Example denial"], rows)


def _communities(analysis: dict[str, Any]) -> list[str]:
    return table(["#", "Size", "Members"],
                 [[c["id"], c["size"], ", ".join(m["label"] for m in c["members"])]
                  for c in analysis["communities"]])


def _stances(analysis: dict[str, Any]) -> list[str]:
    return table(["Source", "Stance", "Target", "Count", "Acts"],
                 [[s["source_label"], s["sign"], s["target_label"], s["count"],
                   ", ".join(f"{act} ×{n}" for act, n in s["predicates"].items())]
                  for s in analysis["stance"]])


SECTIONS = (
    ("Most central actors", _actors),
    ("Who denied what", _denials),
    ("Who demanded what", _demands),
    ("Claimed figures by claimant", _figures),
    ("Conflicting figures", _conflicts),
    ("Contradictions", _contradictions),
    ("Communities", _communities),
    ("Stances", _stances),
)


def render_markdown(analysis: dict[str, Any], title: str) -> str:
    """The analysis as a Markdown report: a short summary, then one table per finding."""
    lines = [f"# {cell(title)}", "", "## Summary", "", *_summary(analysis)]
    for heading, section in SECTIONS:
        lines += ["", f"## {heading}", "", *section(analysis)]
    return "\n".join(lines) + "\n"
