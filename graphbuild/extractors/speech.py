"""Speech acts: who states, claims, denies, confirms, demands, warns, condemns, accuses or defends.

A cue word is found through the morphology, and its form says where the speaker stands:
before an active verb ("X membantah"), after a passive ("dibantah oleh X"), after a post-posed
verb ("..., kata X", "ujarnya"), after a nominalisation ("tuduhan X bahwa ..."), or after
"menurut". Pronouns and elided subjects take the last fitting speaker. The object is the first
event in the statement's content, else an actor right after the verb ("menuduh Seoul"), else,
for a denial, the event the sentence or the one before it speaks of.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphbuild import lexicon
from graphbuild.extractors.clauses import AGENTS, Clause, by_sentence, clauses, phrase_at, phrase_ending_at
from graphbuild.extractors.phrases import table
from graphbuild.model import DocumentFacts, EventFact, Mention, Statement
from graphbuild.text import ParsedDocument, SentenceView

POSTPOSED = ("either",)
ENTITY_OBJECT = ("accuses", "condemns", "warns", "demands", "defends")
EARLIER_EVENT = ("denies", "claims", "states", "confirms", "warns")
ELLIPSIS = ("dan", "namun", "tetapi", "tapi", "serta", "lalu", "kemudian", "sekaligus", ",")
DEMONSTRATIVES = ("ini", "itu", "tersebut")
FIRST_PERSON = ("saya", "kami", "aku")
OBJECT_REACH = 5
AFTER_QUOTE = (",", "”", '"', "’")
PRONOUN_FACTOR = 0.8
VOICE_FACTOR = 0.9
HEADLINE_FACTOR = 0.85
HEDGE_FACTOR = 0.8


@dataclass
class CueHit:
    """A cue word at token k of a sentence and the form it is written in."""

    k: int
    cue: lexicon.Cue
    form: str


@dataclass
class Discourse:
    """The speakers named so far, for pronouns and elided subjects."""

    last: list[Mention] = field(default_factory=list)
    last_group: list[Mention] = field(default_factory=list)
    last_event: EventFact | None = None

    def heard(self, speakers: list[Mention], event: EventFact | None) -> None:
        self.last = speakers
        if len(speakers) >= 2:
            self.last_group = speakers
        if event is not None:
            self.last_event = event


def cue_form(word: str, cue: lexicon.Cue) -> str:
    """How a cue is written: bare, nya (ujarnya), passive (dibantah), noun (bantahan) or active."""
    root = cue.root
    if word == root:
        return "noun" if cue.position == "noun" else "bare"
    if word == root + "nya":
        return "nya"
    if word.startswith("di") and root in word:
        return "passive"
    if word.startswith(("me", "ber")):
        return "active"
    if word.startswith(("pe", "ke")) or word.endswith(("an", "annya")) or cue.position == "noun":
        return "noun"
    return "active"


def find_cues(view: SentenceView, covered: set[int]) -> list[CueHit]:
    """Every cue word of the sentence outside mentions."""
    hits = []
    for k, word in enumerate(view.lower):
        if k in covered or not word.isalpha():
            continue
        cue = lexicon.find_cue(word)
        if cue is not None:
            hits.append(CueHit(k, cue, cue_form(word, cue)))
    return hits


class SpeechActExtractor:
    """Reads speech acts sentence by sentence, remembering speakers across sentences."""

    name = "speech-act"

    def __call__(self, parsed: ParsedDocument, found: DocumentFacts) -> list[Statement]:
        discourse = Discourse()
        out: list[Statement] = []
        previous_events: list[EventFact] = []
        events_of = by_sentence(found.events)
        for view, clause in zip(parsed.views(), clauses(parsed, found.mentions), strict=True):
            events = events_of.get(view.sentence.index, [])
            reader = _SentenceReader(view, clause, events, previous_events, discourse)
            out.extend(reader.read())
            previous_events = events or previous_events
        return _dedupe(out)


class _SentenceReader:
    """Speech acts of one sentence."""

    def __init__(self, view: SentenceView, clause: Clause, events: list[EventFact],
                 previous: list[EventFact], discourse: Discourse) -> None:
        self.view = view
        self.clause = clause
        self.lower = view.lower
        self.events = sorted((e for e in events if e.sentence == view.sentence.index), key=lambda e: e.trigger.start)
        self.previous = previous
        self.discourse = discourse
        self.hits = find_cues(view, clause.covered())

    def read(self) -> list[Statement]:
        out: list[Statement] = []
        last_speakers: list[Mention] = []
        self.quoted = self._quote_speakers()
        live = [h for h in self.hits if not (self._irrealis(h.k) or self._conduit(h) or self._refusal(h))]
        voiced = [h.k for h in self.hits if h.form == "passive" or (
            h in live and h.form != "noun" and self._speakers(h, len(self.view), self.discourse.last)[0])]
        for hit in live:
            nxt = next((k for k in voiced if k > hit.k), len(self.view))
            speakers, factor, region = self._speakers(hit, nxt, last_speakers)
            if not speakers:
                continue
            made = self._statements(hit, speakers, factor, region)
            if hit.form in ("bare", "nya") and region.start == 0:
                spoken = {id(st.subject) for st in out} | {st.subject.key for st in out if st.subject.key}
                made = [st for st in made if id(st.subject) not in spoken and st.subject.key not in spoken]
            if hit.form != "noun":
                last_speakers = speakers
                said = [st.obj_event for st in made if st.obj_event is not None and st.predicate != "demands"]
                self.discourse.heard(speakers, said[-1] if said else None)
            out.extend(made)
        out.extend(self._according_to(last_speakers))
        return out

    def _quote_speakers(self) -> list[Mention]:
        """The speaker named after a quotation in this sentence ("“...,” kata X"), for "saya"/"kami"."""
        for hit in self.hits:
            if hit.form == "nya":
                return list(self.discourse.last)
            if hit.form == "bare" and hit.cue.position in POSTPOSED:
                found = self.clause.unit_right_after(hit.k + 1, AGENTS)[:1]
                if found:
                    return found
        return []

    def _irrealis(self, k: int) -> bool:
        """A cue after "akan", "untuk", "agar"...: the act has not happened."""
        return k > 0 and phrase_ending_at(self.lower, k - 1, "irrealis") > 0

    def _refusal(self, hit: CueHit) -> bool:
        """"menolak berkomentar" declines to speak; it denies nothing."""
        return hit.k + 1 < len(self.view) and phrase_at(self.lower, hit.k + 1, "refusal_words") > 0

    def _conduit(self, hit: CueHit) -> bool:
        """A report named as a channel ("dalam laporan Guardian") is not a speech act."""
        return hit.form == "noun" and hit.k > 0 and self.lower[hit.k - 1] in lexicon.word_set("prepositions")

    def _speakers(self, hit: CueHit, nxt: int, last: list[Mention]) -> tuple[list[Mention], float, range]:
        """Who speaks, a confidence factor, and the tokens holding what is said."""
        k, view = hit.k, self.view
        headline = HEADLINE_FACTOR if view.sentence.is_headline else 1.0
        after = range(k + 1, nxt)
        if hit.form == "passive":
            return self.clause.after_word(k + 1, tuple(lexicon.word_set("passive_agent")), AGENTS, 3), 1.0, range(0, k)
        if hit.form == "nya":
            return list(self.discourse.last), PRONOUN_FACTOR, range(0, k)
        if hit.form == "bare" and not view.sentence.is_headline:
            if hit.cue.position not in POSTPOSED or k == 0 or view.words[k - 1] not in AFTER_QUOTE:
                hit.form = "noun"
                return self._speakers(hit, nxt, last)
            if k + 1 < len(view) and self.lower[k + 1] in lexicon.word_set("pronouns"):
                return list(self.discourse.last), PRONOUN_FACTOR, range(0, k)
            return self._named_or_local(k + 1), 1.0, range(0, k)
        if hit.form == "noun":
            speakers = self.clause.unit_right_after(k + 1, AGENTS)
            speakers = speakers or self.clause.after_word(k + 1, ("dari",), AGENTS, 2)
            end = max((m.tok_end for m in speakers), default=k + 1)
            if end < len(view) and self.lower[end] == "kepada":
                end = max((m.tok_end for m in self.clause.unit_right_after(end + 1, AGENTS)), default=end + 1)
            if end >= len(view) or self.lower[end] not in lexicon.word_set("complementizers"):
                return [], 0.0, after
            return speakers, 1.0, range(end, nxt)
        subject = self.clause.subject_before(k)
        if subject:
            return subject, headline, after
        return self._elided(k, last), PRONOUN_FACTOR, after

    def _elided(self, k: int, last: list[Mention]) -> list[Mention]:
        """The speaker of a verb without a named subject: a pronoun, an ellipsis, a subordinate clause."""
        j = self.clause.skip_left(k - 1)
        if j > 0 and self.lower[j] in DEMONSTRATIVES:
            j -= 1
        if j < 0:
            return []
        if phrase_ending_at(self.lower, j, "dual_pronouns"):
            return list(self.discourse.last_group)
        if self.lower[j] == "yang":
            return self.clause.relative_antecedent(k)
        if self.lower[j] in FIRST_PERSON and self.quoted:
            return list(self.quoted)
        if self.lower[j] in lexicon.word_set("pronouns"):
            return list(self.discourse.last)
        if self.lower[j] in ELLIPSIS and last:
            return list(last)
        if self.lower[j] in lexicon.word_set("complementizers"):
            return self.clause.main_subject()[:1]
        if self.clause.in_subordinate(k):
            return self.clause.main_subject()
        return []

    def _statements(self, hit: CueHit, speakers: list[Mention], factor: float, region: range) -> list[Statement]:
        """The statements one cue makes, one per speaker."""
        predicate = hit.cue.predicate
        words = [self.lower[i] for i in region]
        verbal = hit.form != "noun"
        if verbal and predicate in ("states", "claims") and _contains(words, "denial_words"):
            predicate = "denies"
        elif verbal and predicate == "states" and _contains(words, "concern_words"):
            predicate = "warns"
        negated = self._negated(hit.k)
        hedged = _contains(words, "hedges")
        confidence = round(hit.cue.confidence * factor * (HEDGE_FACTOR if hedged else 1.0), 2)
        event = self._event_in(region)
        obj: Mention | None = None
        if event is None and predicate in ENTITY_OBJECT:
            obj = self._actor_object(hit.k, predicate, speakers, region)
        threats = [t for t in self._threats(speakers, region, confidence, hedged)
                   if not (obj is not None and t.obj is obj and predicate == "condemns")]
        if threats and event is None and obj is None:
            return threats
        if event is None and obj is None and predicate in EARLIER_EVENT:
            event = self._event_before(hit.k) or (self._antecedent() if predicate == "denies" else None)
        if event is None and obj is None:
            return []
        if event is not None and predicate == "demands" and not event.agents:
            event.agents = self.clause.unit_right_after(hit.k + 1, AGENTS)
        out = threats
        told = [event, *self._copies(event), *self._counted_in(region, event)] if event is not None else [None]
        for speaker in speakers:
            sure = round(confidence * (VOICE_FACTOR if speaker.implicit else 1.0), 2)
            base: dict[str, Any] = dict(subject=speaker, sentence=self.view.sentence.index, extractor="speech-act",
                        confidence=sure, negated=negated, hedged=hedged)
            for version in told:
                if version is not None and predicate == "accuses":
                    out.append(Statement(predicate="claims", obj_event=version, **base))
                    out.extend(Statement(predicate="accuses", obj=agent, **base) for agent in version.agents[:1]
                               if agent.key != speaker.key)
                    continue
                out.append(Statement(predicate=predicate, obj=obj, obj_event=version, **base))
        return out

    def _antecedent(self) -> EventFact | None:
        """The event a denial without one of its own refers back to: the last one spoken of."""
        if self.discourse.last_event is not None:
            return self.discourse.last_event
        return self.previous[0] if self.previous else None

    def _named_or_local(self, j: int) -> list[Mention]:
        """The actor named at token j, or for local authorities ("kata pihak berwenang") the state
        the sentence places its events in ("... di Ukraina")."""
        named = self.clause.unit_right_after(j, AGENTS)[:1]
        if named:
            return named
        n = phrase_at(self.lower, j, "local_authorities")
        if not n:
            return []
        for m in self.clause.units:
            if m.etype == "Country" and m.tok_start > 0 and self.lower[m.tok_start - 1] == "di":
                start, end = self.view.chars(j, j + n)
                return [Mention(start, end, m.text, "Country", m.sentence, key=m.key, implicit=True,
                                tok_start=j, tok_end=j + n)]
        return []

    def _counted_in(self, region: range, main: EventFact) -> list[EventFact]:
        """Other events of the statement that carry a figure: the speaker gives those figures too."""
        if not region or region.stop <= region.start:
            return []
        start, end = self.view.chars(region.start, region.stop)
        return [e for e in self.events if e is not main and e.quantity is not None
                and not e.event_id.startswith(main.event_id + "#") and start <= e.trigger.start < end]

    def _copies(self, event: EventFact) -> list[EventFact]:
        """Copies of an event made for its further counts: what is said of one is said of all."""
        return [e for e in self.events if e.event_id.startswith(event.event_id + "#")]

    def _actor_object(self, k: int, predicate: str, speakers: list[Mention], region: range) -> Mention | None:
        """The actor a demand, warning or condemnation is aimed at: the name right after the verb
        ("mengecam Iran"), after "agar" ("menyerukan agar China ..."), or owning the act named
        ("mengecam tindakan agresif China")."""
        spoken = {id(s) for s in speakers}
        j = k + 1 + (phrase_at(self.lower, k + 1, "complementizers") if predicate == "demands" else 0)
        found = [m for m in self.clause.unit_right_after(j, AGENTS) if id(m) not in spoken]
        if found or predicate not in ("condemns", "accuses"):
            return found[0] if found else None
        near = [m for m in self.clause.units if m.etype in AGENTS and id(m) not in spoken
                and k < m.tok_start <= k + OBJECT_REACH and m.tok_start in region
                and self.lower[m.tok_start - 1] not in lexicon.word_set("prepositions")]
        return near[0] if near else None

    def _threats(self, speakers: list[Mention], region: range, confidence: float, hedged: bool) -> list[Statement]:
        """A state named a threat in what is said ("ancaman terbesar adalah X") is condemned."""
        words = [self.lower[i] for i in region]
        if not _contains(words, "threat_words"):
            return []
        named = [m for m in self.clause.units if m.tok_start in region and m.etype == "Country"
                 and self.clause.is_argument(m)]
        return [
            Statement(subject=speaker, predicate="condemns", sentence=self.view.sentence.index,
                      extractor="speech-act", confidence=round(confidence * 0.8, 2), obj=target, hedged=hedged)
            for speaker in speakers
            for target in named[:1]
            if target.key != speaker.key and target.key not in {a.key for a in speaker.affiliations}
        ]

    def _negated(self, k: int) -> bool:
        """A negator right before the cue, possibly behind an adverb ("juga tidak", "belum pernah")."""
        for j in (k - 1, k - 2):
            if j >= 0 and phrase_ending_at(self.lower, j, "negators"):
                return True
        return False

    def _event_in(self, region: range) -> EventFact | None:
        """The first event whose trigger lies in the region's tokens, a meeting only when alone."""
        if not region:
            return None
        start, end = self.view.chars(region.start, region.stop) if region.stop > region.start else (0, 0)
        return _main_event([e for e in self.events if start <= e.trigger.start < end])

    def _event_before(self, k: int) -> EventFact | None:
        """The nearest event before token k in the sentence, a meeting only when alone."""
        start = self.view.starts[k]
        return _main_event([e for e in self.events if e.trigger.start < start][::-1])

    def _according_to(self, last: list[Mention]) -> list[Statement]:
        """"menurut X" (or "menurutnya") makes X the source of the rest of the sentence."""
        out: list[Statement] = []
        for k, word in enumerate(self.lower):
            if word == "menurutnya":
                speakers, factor, region = list(self.discourse.last), PRONOUN_FACTOR, range(k + 1, len(self.view))
            elif word == "menurut":
                speakers = self._named_or_local(k + 1)
                end = max((m.tok_end for m in speakers), default=k + 1)
                rest = [w for w in self.view.words[end:] if w.isalnum()]
                region = range(end, len(self.view)) if rest else range(0, k)
                factor = 1.0
            else:
                continue
            event = self._event_in(region) or self._event_in(range(0, len(self.view)))
            if not speakers or event is None:
                continue
            words = [self.lower[i] for i in region]
            hedged = _contains(words, "hedges")
            confidence = round(0.75 * factor * (HEDGE_FACTOR if hedged else 1.0), 2)
            told = [event, *self._copies(event), *self._counted_in(region, event)]
            out.extend(
                Statement(subject=s, predicate="states", sentence=self.view.sentence.index, extractor="speech-act",
                          confidence=confidence, obj_event=version, hedged=hedged)
                for s in speakers
                for version in told
            )
        return out


def _main_event(events: list[EventFact]) -> EventFact | None:
    """The first event, passing over meetings, which frame what is said more often than they are it."""
    return next((e for e in events if e.etype != "Meeting"), events[0] if events else None)


def _contains(words: list[str], key: str) -> bool:
    """True when a phrase of grammar list `key` occurs in the words."""
    return table(key).contains(words)


def _dedupe(statements: list[Statement]) -> list[Statement]:
    """One statement per speaker, predicate, object and sentence."""
    seen: set[tuple] = set()
    out = []
    for s in statements:
        obj = s.obj_event.event_id if s.obj_event else (s.obj.key or s.obj.text if s.obj else None)
        key = (s.subject.key or s.subject.text, s.predicate, obj, s.sentence, s.negated)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
