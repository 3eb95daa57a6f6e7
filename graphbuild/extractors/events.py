"""Events: trigger words of the contract's event classes with agent, target and location.

A trigger is found through the morphology (one root covers kirim, dikirim, pengiriman) or as a
phrase ("kerja sama"). Its agent is read, in order of reliability, from a passive "oleh X",
the owner of the troops or weapons before it ("pasukan Korea Utara telah dikirim"), the
subject of an active verb, the name right after a nominalisation ("invasi Rusia"), or, when
the sentence names none, from the last event of the same class in the document.
"""

from __future__ import annotations

from functools import cache

from graphbuild import lexicon
from graphbuild.extractors.clauses import Clause, clauses
from graphbuild.extractors.phrases import PhraseTable, tokenized
from graphbuild.model import DocumentFacts, EventFact, Mention, Span
from graphbuild.morphology import is_nominal
from graphbuild.text import ParsedDocument, SentenceView

WINDOW = 5
COOPERATION_WINDOW = 9
OBJECT_GAP_CHARS = 30
PRESENCE_GAP_CHARS = 40
AGENT_TYPES = ("Country", "Organization", "Person")


@cache
def _phrase_triggers() -> dict[tuple[str, ...], lexicon.Trigger]:
    return {tokenized(" ".join(k)): v for k, v in lexicon.trigger_phrases().items()}


@cache
def _phrase_trigger_table() -> PhraseTable:
    return PhraseTable(_phrase_triggers())


@cache
def _troop_words() -> frozenset[str]:
    """Counted nouns of troops ("tentara", "pasukan")."""
    return frozenset(word for word, (kind, _) in lexicon.units().items() if kind == "troops")


def strip_nya(word: str) -> str:
    """A word without its possessive -nya ("pasukannya" -> "pasukan")."""
    return word[:-3] if word.endswith("nya") and len(word) > 5 else word


class EventExtractor:
    """Finds the events of every sentence."""

    name = "events"

    def __call__(self, parsed: ParsedDocument, found: DocumentFacts) -> list[EventFact]:
        events: list[EventFact] = []
        last_agent: dict[str, list[Mention]] = {}
        for view, clause in zip(parsed.views(), clauses(parsed, found.mentions), strict=True):
            covered = clause.covered()
            stems = [strip_nya(w) for w in view.lower]
            i, n = 0, len(view)
            while i < n:
                hit = None if i in covered else _trigger_at(view, stems, i)
                if hit is None:
                    i += 1
                    continue
                trigger, length = hit
                etype = _event_class(stems, i, length, trigger)
                if etype is None:
                    i += length
                    continue
                if events and _continues(events[-1], view, i, etype):
                    i += length
                    continue
                event = _read_event(parsed, view, clause, i, length, etype)
                if not event.agents and etype in last_agent:
                    event.agents = list(last_agent[etype])
                elif event.agents:
                    last_agent[etype] = list(event.agents)
                events.append(event)
                i += length
            events.extend(_presences(parsed, view, stems, clause, events, last_agent))
        return events


def _presences(parsed: ParsedDocument, view: SentenceView, stems: list[str], clause: Clause,
               events: list[EventFact], last_agent: dict[str, list[Mention]]) -> list[EventFact]:
    """Troops of a state placed somewhere without a verb ("tentara Korea Utara di garis depan")."""
    out: list[EventFact] = []
    troops = _troop_words()
    if troops.isdisjoint(stems):
        return out
    taken = [e.trigger.start for e in events if e.sentence == view.sentence.index]
    for k, stem in enumerate(stems):
        if stem not in troops:
            continue
        owner = clause.owner_at(k + 1)
        if not owner or any(abs(view.starts[k] - t) < PRESENCE_GAP_CHARS for t in taken):
            continue
        places = clause.after_preposition(owner[-1].tok_end, "location_prepositions", ("Place", "Country"))
        if places and places[0].tok_start - owner[-1].tok_end <= 2:
            event = _read_event(parsed, view, clause, k, 1, "Deployment")
            event.agents, event.locations = owner, places
            last_agent["Deployment"] = owner
            out.append(event)
    return out


def _continues(previous: EventFact, view: SentenceView, i: int, etype: str) -> bool:
    """True when a trigger only names the object of the previous one
    ("mengirimkan 1.000 kontainer peralatan militer" is one event)."""
    if previous.sentence != view.sentence.index or previous.etype != etype:
        return False
    return view.starts[i] - previous.trigger.end <= OBJECT_GAP_CHARS


def _trigger_at(view: SentenceView, stems: list[str], i: int) -> tuple[lexicon.Trigger, int] | None:
    """The trigger starting at token i and its length in tokens; `stems` are the words without -nya."""
    n = _phrase_trigger_table().at(stems, i)
    if n:
        return _phrase_triggers()[tuple(stems[i : i + n])], n
    trigger = lexicon.find_trigger(view.lower[i])
    return (trigger, 1) if trigger else None


def _event_class(stems: list[str], i: int, length: int, trigger: lexicon.Trigger) -> str | None:
    """The trigger's class, checked against the nouns it needs; sending weapons is military aid.
    `stems` are the sentence's words without -nya."""
    near = stems[max(0, i - WINDOW) : i + length + WINDOW]
    after = stems[i + length : i + length + 4]
    units = lexicon.units()
    kinds_near = {units[w][0] for w in near if w in units}
    kinds_after = [units[w][0] for w in after if w in units]
    if trigger.needs == "troops" and "troops" not in kinds_near:
        return None
    if trigger.needs == "weapons" and not kinds_near & {"weapons", "aircraft"}:
        return None
    if trigger.needs == "supply" and not any(lexicon.find_supply(w) for w in near):
        return None
    if trigger.etype == "Deployment" and kinds_after and kinds_after[0] == "weapons":
        return "MilitaryAid"
    return trigger.etype


def _read_event(parsed: ParsedDocument, view: SentenceView, clause: Clause, i: int, length: int,
                etype: str) -> EventFact:
    """An event at tokens i..i+length-1 with its arguments."""
    start, end = view.chars(i, i + length)
    event = EventFact(
        event_id=f"{view.sentence.index}:{i}",
        etype=etype,
        trigger=Span(start, end, parsed.document.text[start:end]),
        sentence=view.sentence.index,
        hedged=clause.hedged(),
    )
    if etype == "Cooperation":
        event.agents = clause.partners(i, length, COOPERATION_WINDOW, ("Country", "Organization"))
    elif etype == "Sanction":
        event.agents = clause.after_word(i + length, ("dari", "oleh"), AGENT_TYPES, reach=4)
        event.targets = clause.subject_before(i) or clause.controller(i)
        event.locations = clause.after_preposition(i + length, "location_prepositions", ("Place",))
        return event
    else:
        event.agents = _agents(view, clause, i, length, etype)
    event.targets = clause.after_preposition(i + length, "target_prepositions", AGENT_TYPES, exclude=event.agents)
    event.locations = clause.after_preposition(i + length, "location_prepositions", ("Place",))
    return event


def _agents(view: SentenceView, clause: Clause, i: int, length: int, etype: str) -> list[Mention]:
    """Who carries the event out, from the most reliable clue the sentence offers."""
    word = view.lower[i]
    by_agent = clause.after_word(i + length, ("oleh",), AGENT_TYPES, reach=4)
    if by_agent:
        return by_agent
    if etype == "MilitaryAid":
        source = clause.after_word(i + length, tuple(lexicon.word_set("source_prepositions")), AGENT_TYPES,
                                   reach=8)
        if source:
            return source
    owner = clause.owner_before(i)
    if owner:
        return owner
    if etype == "Deployment" and clause.owner_after(i + length) == []:
        source = clause.after_word(i + length, tuple(lexicon.word_set("source_prepositions")), ("Country",),
                                   reach=8)
        if source:
            return source
    nominal = length > 1 or is_nominal(word) or word.startswith("di")
    if not nominal:
        subject = clause.subject_before(i) or clause.relative_antecedent(i) or clause.controller(i)
        if subject:
            return subject
    if not nominal and clause.own_troops_before(i):
        return clause.main_subject()[:1]
    ends_in_preposition = view.lower[i + length - 1] in lexicon.word_set("target_prepositions")
    right = [] if ends_in_preposition or not nominal else clause.unit_right_after(i + length, AGENT_TYPES)
    right = right or clause.owner_after(i + length)
    if right:
        return right
    return clause.subject_before(i)
