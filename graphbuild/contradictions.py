"""Who denied, demanded or gave a figure for what, and where the sources disagree.

Events are per claim, so disagreement shows up as different event nodes: one speaker's
Deployment by North Korea with 10,000 troops and another's with 3,000, or a claim and a
denial of Deployments by the same agent. Rows are grouped by (event class, agent) in
dicts, and contradictions are counted per group rather than listed pair by pair, so the
cost is the size of each group, never its square.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from graphbuild.projection import Statement, Tables, local_name
from graphbuild.vocab import GB

POSITIVE_ACTS = ("claims", "states", "confirms", "warns")
DENIAL = "denies"
GENERIC_EVENT = "Event"
VIA_CLASS_AGENT = "same class and agent"
VIA_SAME_EVENT = "sameEventAs"
LINKS_PER_ASSERTION = 1
EXAMPLES = 3
TOP_SPEAKERS = 5
FIGURE_KEYS = ("claimant", "claimant_label", "predicate", "quantity", "qualifier", "document", "evidence",
               "event")
# The label languages the competency queries show a node by, in order of preference.
QUERY_LABEL_LANGS = ("id", "en", "")

Row = dict[str, Any]
Triple = tuple[URIRef, URIRef, URIRef | Literal]


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


@dataclass(frozen=True)
class Contradictions:
    """What `find_contradictions` found: the groups the report shows, and the gb:contradicts
    links the graph gets as sorted, distinct (claim assertion, denial assertion) pairs."""

    groups: list[Row]
    links: list[tuple[str, str]]


def find_contradictions(tables: Tables, limit: int = LINKS_PER_ASSERTION) -> Contradictions:
    """Where one source claims, states, confirms or warns about an event and another source
    denies an event of the same class by the same agent, or an event linked to it by
    gb:sameEventAs. Negated cues support nothing and never pair.

    Claims and denials are grouped by (event class, agent): a group of c claims and d
    denials holds up to c×d pairs, so it is reported with its counts, its main speakers and
    a few examples, and each assertion is linked to at most `limit` of the other side
    (first in the group's order), so the links grow with the graph, not with its square.
    Pairs through gb:sameEventAs are explicit in the graph and all linked.
    """
    recorded = [st for st in tables.statements if st.assertion and st.obj in tables.events]
    positive = [st for st in recorded if st.predicate in POSITIVE_ACTS]
    denials = [st for st in recorded if st.predicate == DENIAL]
    order = _order(tables)

    def pair_order(pair: Pair) -> tuple:
        return order(pair[0]), order(pair[1])

    groups: dict[tuple[str, str, str], tuple[list[Statement], list[Statement], int, list[Pair]]] = {}
    denied = _by_class_agent(tables, denials)
    for (cls, agent), claims in _by_class_agent(tables, positive).items():
        if (cls, agent) in denied:
            claims, against = sorted(claims, key=order), sorted(denied[(cls, agent)], key=order)
            pairs = len(claims) * len(against) - _same_speaker_pairs(claims, against)
            if pairs:
                linked = sorted(_capped(claims, against, limit), key=pair_order)
                groups[(cls, agent, VIA_CLASS_AGENT)] = (claims, against, pairs, linked)
    for key, linked in _same_event_pairs(tables, positive, denials).items():
        claims = sorted({claim for claim, _ in linked}, key=order)
        against = sorted({denial for _, denial in linked}, key=order)
        groups[key] = (claims, against, len(linked), sorted(linked, key=pair_order))
    rows = [_group_row(tables, key, *found) for key, found in groups.items()]
    rows.sort(key=lambda r: (-r["pairs"], r["event_class"], r["agent_label"], r["agent"], r["via"]))
    links = sorted({(claim.assertion, denial.assertion) for *_, pairs in groups.values() for claim, denial in pairs})
    return Contradictions(rows, links)


Pair = tuple[Statement, Statement]


def _order(tables: Tables) -> Callable[[Statement], tuple[str, str, str, str]]:
    """The order statements are listed and linked in: speaker, document, sentence, assertion."""
    return lambda st: (tables.label(st.subject), st.document, st.evidence, st.assertion)


def _same_speaker_pairs(claims: list[Statement], denials: list[Statement]) -> int:
    """How many claim-denial pairs have one speaker (who does not contradict themselves)."""
    claimed = Counter(st.subject for st in claims)
    return sum(claimed[speaker] * n for speaker, n in Counter(st.subject for st in denials).items())


def _capped(claims: list[Statement], denials: list[Statement], limit: int) -> list[Pair]:
    """Each denial paired with the first `limit` claims by other speakers, and each claim with
    the first `limit` denials by other speakers, in the lists' order."""
    pairs: dict[tuple[str, str], Pair] = {}
    for ones, others, claim_first in ((claims, denials, True), (denials, claims, False)):
        pool = _first_per_speaker(others, limit)
        for one in ones:
            for other in islice((st for st in pool if st.subject != one.subject), limit):
                claim, denial = (one, other) if claim_first else (other, one)
                pairs[(claim.assertion, denial.assertion)] = (claim, denial)
    return list(pairs.values())


def _first_per_speaker(statements: list[Statement], limit: int) -> list[Statement]:
    """The first `limit` statements of each speaker, in order: enough to find `limit` by anyone
    else after skipping at most `limit`, so pairing costs the size of the group, not its square."""
    taken: Counter = Counter()
    kept = []
    for st in statements:
        if taken[st.subject] < limit:
            taken[st.subject] += 1
            kept.append(st)
    return kept


def _same_event_pairs(tables: Tables, positive: list[Statement],
                      denials: list[Statement]) -> dict[tuple[str, str, str], list[Pair]]:
    """Claim-denial pairs on events linked by gb:sameEventAs and not already of one class and agent."""
    linked: dict[str, set[str]] = defaultdict(set)
    for a, b in tables.same_event:
        linked[a].add(b)
        linked[b].add(a)
    claims_of: dict[str, list[Statement]] = defaultdict(list)
    for claim in positive:
        claims_of[claim.obj].append(claim)
    groups: dict[tuple[str, str, str], dict[tuple[str, str], Pair]] = defaultdict(dict)
    for denial in denials:
        denied = tables.events[denial.obj]
        for other in sorted(linked.get(denial.obj, ())):
            claimed = tables.events[other]
            if claimed.cls == denied.cls != GENERIC_EVENT and set(claimed.agents) & set(denied.agents):
                continue
            for claim in claims_of.get(other, ()):
                if claim.subject != denial.subject:
                    key = (claimed.cls, next(iter(claimed.agents), ""), VIA_SAME_EVENT)
                    groups[key][(claim.assertion, denial.assertion)] = (claim, denial)
    return {key: list(pairs.values()) for key, pairs in groups.items()}


def _speakers(tables: Tables, statements: list[Statement]) -> list[Row]:
    """The speakers of `statements`, most statements first, at most TOP_SPEAKERS."""
    counts = Counter(st.subject for st in statements)
    rows = [{"speaker": iri, "speaker_label": tables.label(iri), "count": n} for iri, n in counts.items()]
    rows.sort(key=lambda r: (-r["count"], r["speaker_label"], r["speaker"]))
    return rows[:TOP_SPEAKERS]


def _group_row(tables: Tables, key: tuple[str, str, str], claims: list[Statement], denials: list[Statement],
               pairs: int, linked: list[Pair]) -> Row:
    event_class, agent, via = key
    return {"event_class": event_class, "agent": agent, "agent_label": tables.label(agent) if agent else "",
            "via": via, "pairs": pairs, "claims": len(claims), "denials": len(denials),
            "claimed_by": _speakers(tables, claims), "denied_by": _speakers(tables, denials),
            "examples": [{"claim": _event_side(tables, claim), "denial": _event_side(tables, denial)}
                         for claim, denial in linked[:EXAMPLES]]}


def _event_side(tables: Tables, st: Statement) -> Row:
    side = _side(tables, st)
    event = tables.events[st.obj]
    side.update({"event": event.iri, "quantity": event.quantity, "qualifier": event.qualifier})
    return side


def as_triples(links: list[tuple[str, str]], tables: Tables, store: ox.Store) -> list[Triple]:
    """What the build writes for the links: (claim assertion, gb:contradicts, denial assertion) for
    each, in their order, then each linked assertion's gb:speakerName and gb:documentName.

    gb:contradicts is symmetric; one canonical direction (claim → denial) is emitted so a
    query counts each pair once. The names are those the contradictions query shows for each
    side, so that it reads them instead of choosing a speaker's label in every row, which cost
    more than the rest of the query. `tables` are those the links were found in, read from
    `store`, which gives the speakers' labels (and knows their blank nodes by the same names).
    """
    iris = {assertion: URIRef(assertion) for link in links for assertion in link}
    sides = {st.assertion: st for st in tables.statements if st.assertion in iris}
    speakers = _speaker_names(store, {st.subject for st in sides.values()})
    documents = {st.document: Literal(st.document) for st in sides.values() if st.document}
    contradicts, speaker_name, document_name = GB.contradicts, GB.speakerName, GB.documentName  # looked up once
    names: list[Triple] = []
    for assertion, st in sorted(sides.items()):
        names.extend((iris[assertion], speaker_name, name) for name in speakers[st.subject])
        if st.document:
            names.append((iris[assertion], document_name, documents[st.document]))
    return [(iris[a], contradicts, iris[b]) for a, b in links] + names


def _speaker_names(store: ox.Store, speakers: set[str]) -> dict[str, list[Literal]]:
    """Each speaker's names as the competency queries show a node, where the tables keep one label:
    every Indonesian label, else every English one, else every untagged one, else the IRI's last
    segment (a blank node has none). Read by index lookups, a few per speaker."""
    label = ox.NamedNode(str(RDFS.label))
    names = {}
    for speaker in speakers:
        node = ox.BlankNode(speaker[2:]) if speaker.startswith("_:") else ox.NamedNode(speaker)
        labels = {(quad.object.value, quad.object.language or "")
                  for quad in store.quads_for_pattern(node, label, None) if isinstance(quad.object, ox.Literal)}
        by_lang = [sorted(text for text, lang in labels if lang == wanted) for wanted in QUERY_LABEL_LANGS]
        fallback = [local_name(speaker)] if isinstance(node, ox.NamedNode) else []
        names[speaker] = [Literal(name) for name in next((found for found in by_lang if found), fallback)]
    return names
