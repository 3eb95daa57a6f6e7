"""The extractor registry: named components run in order over one parsed document.

Each component takes the parsed document and the facts found so far and returns new facts;
the order matters because speech acts point at events, and events at entity mentions.
"""

from __future__ import annotations

from graphbuild.extractors.base import Extractor
from graphbuild.extractors.dates import DateExtractor
from graphbuild.extractors.entities import EntityExtractor
from graphbuild.extractors.events import EventExtractor
from graphbuild.extractors.links import CooperationExtractor, RoleExtractor
from graphbuild.extractors.quantities import QuantityExtractor
from graphbuild.extractors.speech import SpeechActExtractor
from graphbuild.model import Document, DocumentFacts, EventFact, Mention, Statement
from graphbuild.text import parse

PIPELINE: tuple[Extractor, ...] = (
    EntityExtractor(),
    RoleExtractor(),
    EventExtractor(),
    QuantityExtractor(),
    DateExtractor(),
    SpeechActExtractor(),
    CooperationExtractor(),
)


def extract(document: Document) -> DocumentFacts:
    """Every fact of one document: a pure function, safe to run in another process."""
    parsed = parse(document)
    found = DocumentFacts(document=document, sentences=parsed.sentences)
    for component in PIPELINE:
        for fact in component(parsed, found):
            if isinstance(fact, Mention):
                found.mentions.append(fact)
            elif isinstance(fact, EventFact):
                found.events.append(fact)
            elif isinstance(fact, Statement):
                found.statements.append(fact)
    return found
