"""Plain dataclasses that carry data from one pipeline stage to the next.

Documents become sentences, sentences become facts, facts are resolved to entities and
only then mapped to RDF. Nothing here imports rdflib: extractors stay testable alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES = ("Person", "Organization", "Country", "Place")
EVENT_TYPES = ("Deployment", "Withdrawal", "Attack", "MilitaryAid", "Cooperation", "Meeting", "Sanction")
SPEECH_ACTS = ("states", "claims", "denies", "confirms", "demands", "warns", "condemns", "accuses", "defends")


@dataclass
class Document:
    """One input text and the metadata read from it or given with it."""

    doc_id: str
    text: str
    source_file: str
    headline: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    boilerplate: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Span:
    """A stretch of the original document text, by character offsets."""

    start: int
    end: int
    text: str


@dataclass
class Sentence:
    """A sentence with its offsets in the document and its spaCy tokens' offsets."""

    index: int
    start: int
    end: int
    text: str
    is_headline: bool = False


@dataclass
class Mention:
    """A named entity as written in one sentence.

    `key` is the gazetteer id when the name is known, else None until resolution.
    `role` and `affiliations` hold what a title before the name says about a person.
    `tok_start`/`tok_end` cover the whole phrase (title, name, affiliation) in the sentence's
    token list, while `start`/`end`/`text` are the name alone. An `implicit` mention stands for
    a state behind an unnamed voice ("pemerintah Korea Utara") and gives no label; a `nested`
    mention lies inside another one ("AS" in "Menteri Pertahanan AS Lloyd Austin") and is
    never a clause's subject or object.
    """

    start: int
    end: int
    text: str
    etype: str
    sentence: int
    key: str | None = None
    role: str | None = None
    affiliations: tuple[Mention, ...] = ()
    implicit: bool = False
    nested: bool = False
    tok_start: int = -1
    tok_end: int = -1
    kind: str | None = None


@dataclass
class EventFact:
    """Something that happens or is said to happen, read from one trigger word."""

    event_id: str
    etype: str
    trigger: Span
    sentence: int
    agents: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    locations: list[Mention] = field(default_factory=list)
    quantity: int | None = None
    qualifier: str | None = None
    unit: str | None = None
    date: str | None = None
    hedged: bool = False


@dataclass
class Statement:
    """One extracted triple: a speech act, affiliation or cooperation link.

    `obj_event` is set when the object is an event; otherwise `obj` is an entity mention.
    """

    subject: Mention
    predicate: str
    sentence: int
    extractor: str
    confidence: float
    obj: Mention | None = None
    obj_event: EventFact | None = None
    negated: bool = False
    hedged: bool = False


@dataclass
class DocumentFacts:
    """Everything the extractors read from one document, before resolution."""

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
