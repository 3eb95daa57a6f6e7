"""Who denied, demanded or gave a figure for what, and where the sources disagree.

Events are per claim, so disagreement shows up as different event nodes: one speaker's
Deployment by North Korea with 10,000 troops and another's with 3,000, or a claim and a
denial of Deployments by the same agent. Rows are grouped by (event class, agent) in
dicts, so pairing costs the size of each group, never the square of the whole graph.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib import URIRef

from graphbuild.projection import Source, Statement, Tables, read_tables
from graphbuild.vocab import GB

POSITIVE_ACTS = ("claims", "states", "confirms", "warns")
DENIAL = "denies"
GENERIC_EVENT = "Event"
VIA_CLASS_AGENT = "same class and agent"
VIA_SAME_EVENT = "sameEventAs"
FIGURE_KEYS = ("claimant", "claimant_label", "predicate", "quantity", "qualifier", "document", "evidence",
               "event")

Row = dict[str, Any]


def _labels(tables: Tables, iris: tuple[str, ...]) -> list[str]:
    return [tables.label(iri) for iri in iris]


def _side(tables: Tables, st: Statement) -> Row:
    """One speaker's side of a row: who, what act, where it was read."""
    return {"assertion": st.assertion, "speaker": st.subject, "speaker_label": tables.label(st.subject),
            "predicate": st.predicate, "document": st.document, "evidence": st.evidence, "hedged": st.hedged}


def statement_rows(tables: Tables, predicate: str) -> list[Row]:
    """Every statement with `predicate` (e.g. who denied what), with its event's class and agents."""
    rows = []
    for st in tables.statements:
        if st.predicate != predicate:
            continue
        event = tables.events.get(st.obj)
        row = _side(tables, st)
        row.update({
            "object": st.obj, "object_label": tables.label(st.obj),
            "event_class": event.cls if event else "",
            "agents": list(event.agents) if event else [],
            "agent_labels": _labels(tables, event.agents) if event else [],
            "target_labels": _labels(tables, event.targets) if event else [],
            "quantity": event.quantity if event else None,
            "qualifier": event.qualifier if event else None,
        })
        rows.append(row)
    return sorted(rows, key=lambda r: (r["speaker_label"], r["event_class"], r["object_label"], r["document"],
                                       r["evidence"], r["assertion"]))


def figures(tables: Tables) -> list[Row]:
    """Every number given for an event, once per speaker who spoke of it (any speech act).

    A figure no speaker is quoted for (the article's own voice) has an empty claimant.
    """
    spoken: dict[str, list[Statement]] = defaultdict(list)
    for st in tables.statements:
        if st.obj in tables.events:
            spoken[st.obj].append(st)
    rows = []
    for event in tables.events.values():
        if event.quantity is None:
            continue
        for st in spoken.get(event.iri) or [None]:
            rows.append({
                "claimant": st.subject if st else "",
                "claimant_label": tables.label(st.subject) if st else "",
                "predicate": st.predicate if st else "", "event": event.iri, "event_class": event.cls,
                "agents": list(event.agents), "agent_labels": _labels(tables, event.agents),
                "quantity": event.quantity, "qualifier": event.qualifier, "unit": event.unit,
                "document": st.document if st else "", "evidence": st.evidence if st else "",
                "assertion": st.assertion if st else ""})
    return sorted(rows, key=lambda r: (r["event_class"], r["agent_labels"], r["quantity"],
                                       r["claimant_label"], r["document"], r["evidence"], r["event"],
                                       r["assertion"]))


def conflicting_figures(tables: Tables, figure_rows: list[Row]) -> list[Row]:
    """Groups of one event class, agent and unit with different numbers from different sources.

    A source is the claimant, or the event node itself when no speaker is quoted. With two
    numbers and two sources in a group, some pair always differs in both.
    """
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in figure_rows:
        for agent in row["agents"]:
            groups[(row["event_class"], agent, row["unit"] or "")].append(row)
    out = []
    for (event_class, agent, unit), rows in groups.items():
        quantities = sorted({row["quantity"] for row in rows})
        sources = {row["claimant"] or row["event"] for row in rows}
        if len(quantities) < 2 or len(sources) < 2:
            continue
        out.append({
            "event_class": event_class, "agent": agent, "agent_label": tables.label(agent), "unit": unit,
            "quantities": quantities,
            "figures": [{key: row[key] for key in FIGURE_KEYS} for row in rows],
        })
    return sorted(out, key=lambda g: (g["event_class"], g["agent_label"], g["agent"], g["unit"]))


def _by_class_agent(tables: Tables, statements: list[Statement]) -> dict[tuple[str, str], list[Statement]]:
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for st in statements:
        event = tables.events[st.obj]
        if event.cls != GENERIC_EVENT:
            for agent in event.agents:
                groups[(event.cls, agent)].append(st)
    return groups


def contradictions(tables: Tables) -> list[Row]:
    """Pairs of assertions where one source claims, states, confirms or warns about an event
    and another source denies an event of the same class by the same agent, or an event
    linked to it by gb:sameEventAs. Negated cues support nothing and never pair.
    """
    recorded = [st for st in tables.statements if st.assertion and st.obj in tables.events]
    positive = [st for st in recorded if st.predicate in POSITIVE_ACTS]
    denials = [st for st in recorded if st.predicate == DENIAL]
    pairs: dict[tuple[str, str], tuple[Statement, Statement, str, str]] = {}
    denied = _by_class_agent(tables, denials)
    for key, claims in sorted(_by_class_agent(tables, positive).items()):
        for claim in claims:
            for denial in denied.get(key, ()):
                if claim.subject != denial.subject:
                    found = (claim, denial, key[1], VIA_CLASS_AGENT)
                    pairs.setdefault((claim.assertion, denial.assertion), found)
    linked: dict[str, set[str]] = defaultdict(set)
    for a, b in tables.same_event:
        linked[a].add(b)
        linked[b].add(a)
    claims_of: dict[str, list[Statement]] = defaultdict(list)
    for claim in positive:
        claims_of[claim.obj].append(claim)
    for denial in denials:
        for other in sorted(linked.get(denial.obj, ())):
            for claim in claims_of.get(other, ()):
                if claim.subject != denial.subject:
                    agent = next(iter(tables.events[claim.obj].agents), "")
                    found = (claim, denial, agent, VIA_SAME_EVENT)
                    pairs.setdefault((claim.assertion, denial.assertion), found)
    rows = [_contradiction(tables, *found) for found in pairs.values()]
    return sorted(rows, key=lambda r: (r["event_class"], r["agent_label"], r["claim"]["speaker_label"],
                                       r["denial"]["speaker_label"], r["claim"]["assertion"],
                                       r["denial"]["assertion"]))


def _contradiction(tables: Tables, claim: Statement, denial: Statement, agent: str, via: str) -> Row:
    sides = []
    for st in (claim, denial):
        side = _side(tables, st)
        event = tables.events[st.obj]
        side.update({"event": event.iri, "quantity": event.quantity, "qualifier": event.qualifier})
        sides.append(side)
    return {"event_class": tables.events[claim.obj].cls, "agent": agent,
            "agent_label": tables.label(agent) if agent else "", "via": via,
            "claim": sides[0], "denial": sides[1]}


def as_triples(rows: list[Row]) -> list[tuple[URIRef, URIRef, URIRef]]:
    """(claim assertion, gb:contradicts, denial assertion) for contradiction rows, sorted.

    gb:contradicts is symmetric; one canonical direction (claim → denial) is emitted so a
    query counts each pair once.
    """
    pairs = {(row["claim"]["assertion"], row["denial"]["assertion"]) for row in rows}
    return [(URIRef(a), GB.contradicts, URIRef(b)) for a, b in sorted(pairs)]


def contradiction_triples(graph: Source) -> list[tuple[URIRef, URIRef, URIRef]]:
    """The gb:contradicts triples to add to `graph` (see `as_triples`).

    Given an analysis already made, `as_triples(found["contradictions"])` gives the same.
    """
    return as_triples(contradictions(read_tables(graph)))
