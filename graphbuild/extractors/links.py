"""Links between actors: a person's affiliation from the title before their name, and
cooperation between the states an event of cooperation names ("kerja sama militer antara
Korea Utara dan Rusia")."""

from __future__ import annotations

from graphbuild.model import DocumentFacts, Statement
from graphbuild.text import ParsedDocument

ROLE_CONFIDENCE = 0.9
COOPERATION_CONFIDENCE = 0.75


class RoleExtractor:
    """`affiliatedWith` statements from the affiliations read in persons' titles."""

    name = "roles"

    def __call__(self, parsed: ParsedDocument, found: DocumentFacts) -> list[Statement]:
        return [
            Statement(subject=m, predicate="affiliatedWith", sentence=m.sentence, extractor=self.name,
                      confidence=ROLE_CONFIDENCE, obj=a)
            for m in found.mentions
            if m.etype == "Person"
            for a in _with_their_states(m.affiliations)
        ]


class CooperationExtractor:
    """`cooperatesWith` statements between the states named as agents of one cooperation event."""

    name = "cooperation"

    def __call__(self, parsed: ParsedDocument, found: DocumentFacts) -> list[Statement]:
        out = []
        for event in found.events:
            states = {a.key: a for a in event.agents if a.etype == "Country" and a.key}
            if event.etype != "Cooperation" or len(states) < 2:
                continue
            keys = sorted(states)
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    out.append(Statement(subject=states[a], predicate="cooperatesWith", sentence=event.sentence,
                                         extractor=self.name, obj=states[b], hedged=event.hedged,
                                         confidence=COOPERATION_CONFIDENCE))
        return out


def _with_their_states(affiliations: tuple) -> list:
    """Affiliations, plus the state an affiliated organization belongs to ("Kementerian ... China")."""
    out = []
    for a in affiliations:
        if a.etype in ("Country", "Organization"):
            out.append(a)
        out.extend(inner for inner in a.affiliations if inner.etype == "Country")
    return out
