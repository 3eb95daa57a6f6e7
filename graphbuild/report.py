"""The analysis as a report a person reads (Markdown) and one a program reads (JSON).

Both are pure functions of the dict graphbuild.analysis.analyze returns. Markdown tables
are capped at MAX_ROWS rows; report.json always holds every row.
"""

from __future__ import annotations

import json
from typing import Any

MAX_ROWS = 50
MAX_CELL = 240
NONE_FOUND = "_None found._"

Row = dict[str, Any]


def render_json(analysis: dict[str, Any]) -> str:
    """The analysis as JSON: sorted keys, indented, UTF-8 text, ending in a newline."""
    return json.dumps(analysis, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


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
        lines += ["", f"_… and {len(rows) - MAX_ROWS} more rows in report.json._"]
    return lines


def figure(quantity: int | None, qualifier: str | None, unit: str | None = None) -> str:
    """A claimed number as read: "about 10,000 troops"."""
    if quantity is None:
        return ""
    return " ".join(part for part in (qualifier or "", f"{quantity:,}", unit or "") if part)


def _event(row: Row) -> str:
    return row["event_class"] or row.get("object_label", "")


def _source(document: str, hedged: bool = False) -> str:
    return document + (" (hedged)" if hedged else "")


def _summary(analysis: dict[str, Any]) -> list[str]:
    counts = analysis["counts"]
    entities = ", ".join(f"{n} {cls}" for cls, n in counts["entities"].items() if n) or "no entities"
    events = ", ".join(f"{n} {cls}" for cls, n in counts["events"].items() if n) or "none"
    acts = ", ".join(f"{n} {act}" for act, n in counts["speech_acts"].items() if n) or "none"
    return [
        f"- **{counts['triples']:,}** triples from **{counts['documents']:,}** documents; entities: {entities}.",
        f"- Events: {events}.",
        f"- Speech acts: {acts}; {counts['assertions']:,} assertions, of which {counts['negated']:,} negated "
        f"and {counts['hedged']:,} hedged.",
        f"- Actor network: {counts['actor_network']['nodes']:,} actors, {counts['actor_network']['edges']:,} links, "
        f"{len(analysis['communities'])} communities.",
        f"- Found: {len(analysis['denials'])} denials, {len(analysis['demands'])} demands, "
        f"{len(analysis['conflicting_figures'])} conflicting figures, {len(analysis['contradictions'])} contradictions.",
    ]


def _sections(analysis: dict[str, Any]) -> list[tuple[str, list[str]]]:
    conflicts = [[group["event_class"], group["agent_label"], figure(f["quantity"], f["qualifier"], group["unit"]),
                  f["claimant_label"] or "(article)", f["predicate"], f["document"], f["evidence"]]
                 for group in analysis["conflicting_figures"] for f in group["figures"]]
    return [
        ("Most central actors", table(
            ["#", "Actor", "Class", "Degree", "Betweenness", "PageRank"],
            [[i, a["label"], a["class"], a["degree"], f"{a['betweenness']:.4f}", f"{a['pagerank']:.4f}"]
             for i, a in enumerate(analysis["key_actors"], 1)])),
        ("Who denied what", table(
            ["Speaker", "Denied", "Agent", "Figure", "Document", "Evidence"],
            [[r["speaker_label"], _event(r), ", ".join(r["agent_labels"]), figure(r["quantity"], r["qualifier"]),
              _source(r["document"], r["hedged"]), r["evidence"]] for r in analysis["denials"]])),
        ("Who demanded what", table(
            ["Speaker", "Demanded", "Of", "Document", "Evidence"],
            [[r["speaker_label"], _event(r), ", ".join(r["agent_labels"]), _source(r["document"], r["hedged"]),
              r["evidence"]] for r in analysis["demands"]])),
        ("Claimed figures by claimant", table(
            ["Claimant", "Act", "Event", "Agent", "Figure", "Document", "Evidence"],
            [[r["claimant_label"] or "(article)", r["predicate"], r["event_class"], ", ".join(r["agent_labels"]),
              figure(r["quantity"], r["qualifier"], r["unit"]), r["document"], r["evidence"]]
             for r in sorted(analysis["figures"], key=lambda r: (r["claimant_label"], r["event_class"],
                                                                 r["quantity"], r["document"]))])),
        ("Conflicting figures", table(
            ["Event", "Agent", "Figure", "Claimant", "Act", "Document", "Evidence"], conflicts)),
        ("Contradictions", table(
            ["Event", "Agent", "Claimed by", "Claim", "Denied by", "Denial"],
            [[r["event_class"], r["agent_label"],
              f"{r['claim']['speaker_label']} ({r['claim']['predicate']}, {r['claim']['document']})",
              r["claim"]["evidence"], f"{r['denial']['speaker_label']} ({r['denial']['document']})",
              r["denial"]["evidence"]] for r in analysis["contradictions"]])),
        ("Communities", table(
            ["#", "Size", "Members"],
            [[c["id"], c["size"], ", ".join(m["label"] for m in c["members"])] for c in analysis["communities"]])),
        ("Stances", table(
            ["Source", "Stance", "Target", "Count", "Acts"],
            [[s["source_label"], s["sign"], s["target_label"], s["count"],
              ", ".join(f"{act} ×{n}" for act, n in s["predicates"].items())] for s in analysis["stance"]])),
    ]


def render_markdown(analysis: dict[str, Any], title: str) -> str:
    """The analysis as a Markdown report: a short summary, then one table per finding."""
    lines = [f"# {cell(title)}", "", "## Summary", "", *_summary(analysis)]
    for heading, body in _sections(analysis):
        lines += ["", f"## {heading}", "", *body]
    return "\n".join(lines) + "\n"
