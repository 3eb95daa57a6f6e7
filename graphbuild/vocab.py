"""The ontology's terms and the minting of resource IRIs, in one place.

`GB` is closed: a misspelt term raises AttributeError instead of silently producing an
IRI the ontology does not define. A test checks `GB` against ontology/graphbuild.ttl.
Every other module takes its IRIs from here, never by concatenating strings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["GB", "GBR", "PROV", "SCHEMA", "bind_prefixes", "new_graph", "resource"]

GBR = Namespace("https://w3id.org/graphbuild/resource/")
SCHEMA = Namespace("https://schema.org/")

# Latin letters that NFKD does not decompose into ASCII.
_LATIN_EXTRA = str.maketrans({"đ": "d", "ħ": "h", "ı": "i", "ł": "l", "ø": "o", "ß": "ss",
                              "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# A key that is already its own slug (hex digests, most keys): folding would give it back unchanged.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_SLUG = 80
_HASH_LEN = 10


class GB(DefinedNamespace):
    """The graphbuild ontology, https://w3id.org/graphbuild/ontology# (see ontology/graphbuild.ttl)."""

    _NS = Namespace("https://w3id.org/graphbuild/ontology#")
    _fail = True
    _warn = False

    # Classes
    Agent: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Place: URIRef
    Event: URIRef
    Deployment: URIRef
    Withdrawal: URIRef
    Attack: URIRef
    MilitaryAid: URIRef
    Cooperation: URIRef
    Meeting: URIRef
    Sanction: URIRef
    Document: URIRef
    Assertion: URIRef

    # Speech acts (sub-properties of speechAct)
    speechAct: URIRef
    states: URIRef
    claims: URIRef
    denies: URIRef
    confirms: URIRef
    demands: URIRef
    warns: URIRef
    condemns: URIRef
    accuses: URIRef
    defends: URIRef

    # Events
    agent: URIRef
    target: URIRef
    location: URIRef
    date: URIRef
    quantity: URIRef
    quantityQualifier: URIRef
    unit: URIRef
    trigger: URIRef
    sameEventAs: URIRef

    # Actors
    cooperatesWith: URIRef
    affiliatedWith: URIRef
    role: URIRef

    # Documents and assertions
    sourceFile: URIRef
    evidence: URIRef
    charStart: URIRef
    charEnd: URIRef
    extractor: URIRef
    confidence: URIRef
    negated: URIRef
    hedged: URIRef
    contradicts: URIRef
    speakerName: URIRef
    documentName: URIRef

    # Annotation properties for alignments
    cameoCode: URIRef
    ploverCategory: URIRef


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes (and only those) so serializations read the same everywhere."""
    for prefix, namespace in (("gb", GB._NS), ("gbr", GBR), ("prov", PROV), ("schema", SCHEMA),
                              ("skos", SKOS), ("owl", OWL), ("xsd", XSD), ("rdfs", RDFS), ("rdf", RDF)):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def new_graph() -> Graph:
    """An empty graph with the project's prefixes and none of rdflib's default ones."""
    return bind_prefixes(Graph(bind_namespaces="none"))


def _slug(text: str) -> tuple[str, bool]:
    """ASCII slug of `text` and whether anything but accents, punctuation and spaces was lost."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LATIN_EXTRA))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    lossy = any(not c.isascii() and unicodedata.category(c)[0] not in "PZC" for c in stripped)
    return _NON_ALNUM.sub("-", stripped).strip("-"), lossy


@cache
def _valid_kind(kind: str) -> bool:
    return _slug(kind) == (kind, False)


def resource(key: str, *, kind: str = "") -> URIRef:
    """Mint the `gbr:` IRI for `key`, optionally prefixed by a `kind` such as "event".

    resource("Vassily Nebenzia") is gbr:vassily-nebenzia; resource("3f2a", kind="event")
    is gbr:event-3f2a. Case, accents, spacing and punctuation are folded, so spelling
    variants of one key share an IRI. When the key has letters or symbols the slug cannot
    keep (Arabic, Korean, emoji...), is empty, or is longer than 80 characters, a short SHA-1
    of the raw key is appended, so such keys still get distinct, valid IRIs. `kind` is
    keyword-only and must already be a slug, so swapped arguments fail loudly.
    """
    if kind and not _valid_kind(kind):
        raise ValueError(f"kind must be a lowercase ASCII slug, got {kind!r}")
    slug, lossy = (key, False) if len(key) <= _MAX_SLUG and _SLUG.fullmatch(key) else _slug(key)
    if lossy or not slug or len(slug) > _MAX_SLUG:
        digest = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LEN]
        slug = "-".join(part for part in (slug[:_MAX_SLUG].strip("-"), digest) if part)
    return GBR["-".join(part for part in (kind, slug) if part)]
