"""A large graph in the shape graphbuild builds (see tests/fixtures/mini.ttl), for scale tests.

The data is pseudo-random but seeded, so every run builds the same graph. Names and
sentences are invented from syllables and templates; a few labels, aliases and evidence
sentences carry HTML/JavaScript payloads that set `window.__pwned`, so a page that lets
untrusted text run can be caught.
"""

from __future__ import annotations

import random
from decimal import Decimal

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from graphbuild.vocab import GB, new_graph, resource

WIKIDATA = Namespace("http://www.wikidata.org/entity/")
ENTITY_SHARE = (("Person", 0.25), ("Organization", 0.10), ("Country", 0.05), ("Place", 0.10))
EVENT_CLASSES = ("Deployment", "Withdrawal", "Attack", "MilitaryAid", "Cooperation", "Meeting", "Sanction",
                 "Event")
SPEECH_VERBS = {
    "states": "mengatakan", "claims": "mengklaim", "denies": "membantah", "confirms": "membenarkan",
    "demands": "mendesak", "warns": "memperingatkan", "condemns": "mengecam", "accuses": "menuduh",
    "defends": "membela",
}
SYLLABLES = ("ba", "di", "ra", "to", "su", "ni", "ka", "wa", "lo", "me", "ha", "tri", "ja", "yo", "pu")
PAYLOAD_LABEL = '"><img src=x onerror="window.__pwned=1">'
PAYLOAD_ALIAS = "<img src=x onerror=window.__pwned=2>"
PAYLOAD_EVIDENCE = "Ia membantah </script><script>window.__pwned=3</script> <!-- itu."


def _name(rng: random.Random, index: int) -> str:
    """A pronounceable invented name, made unique by its index."""
    first = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{first} {last} {index}"


def synthetic_graph(n_nodes: int = 5000, seed: int = 0) -> Graph:
    """A graph with exactly `n_nodes` entities and events, plus documents and assertions."""
    rng = random.Random(seed)
    graph = new_graph()
    counts = {cls: int(n_nodes * share) for cls, share in ENTITY_SHARE}
    n_events = n_nodes - sum(counts.values())
    entities: dict[str, list] = {}
    labels: dict = {}
    index = 0
    for cls, count in counts.items():
        entities[cls] = []
        for _ in range(count):
            node = resource(f"synthetic {cls} {index}")
            label = _name(rng, index)
            if index == 0:
                label += PAYLOAD_LABEL
            graph.add((node, RDF.type, GB[cls]))
            graph.add((node, RDFS.label, Literal(label, lang="id")))
            graph.add((node, SKOS.altLabel, Literal(PAYLOAD_ALIAS if index == 1 else label.split()[0])))
            if cls == "Country" and rng.random() < 0.5:
                graph.add((node, OWL.sameAs, WIKIDATA[f"Q{1000 + index}"]))
            labels[node] = label
            entities[cls].append(node)
            index += 1
    documents = [resource(f"synthetic doc {i}", kind="doc") for i in range(max(1, n_nodes // 25))]
    for i, doc in enumerate(documents):
        graph.add((doc, RDF.type, GB.Document))
        graph.add((doc, GB.sourceFile, Literal(f"{i:03d}_synthetic.txt")))
    actors = entities["Country"] + entities["Organization"]
    speakers = entities["Person"] + actors
    for person in entities["Person"]:
        graph.add((person, GB.role, Literal("Juru Bicara")))
        graph.add((person, GB.affiliatedWith, rng.choice(actors)))
    assertion_count = 0

    def speech_act(subject, predicate: str, obj, evidence: str) -> None:
        nonlocal assertion_count
        assertion = resource(f"synthetic {assertion_count}", kind="assertion")
        assertion_count += 1
        negated = rng.random() < 0.1
        if not negated:
            graph.add((subject, GB[predicate], obj))
        for p, o in ((RDF.type, GB.Assertion), (RDF.subject, subject), (RDF.predicate, GB[predicate]),
                     (RDF.object, obj), (PROV.wasDerivedFrom, rng.choice(documents)),
                     (GB.evidence, Literal(evidence)), (GB.charStart, Literal(0)),
                     (GB.charEnd, Literal(len(evidence))), (GB.extractor, Literal("speech-act")),
                     (GB.confidence, Literal(Decimal(rng.randint(5, 19)) / 20, datatype=XSD.decimal))):
            graph.add((assertion, p, o))
        if negated:
            graph.add((assertion, GB.negated, Literal(True)))
        elif rng.random() < 0.1:
            graph.add((assertion, GB.hedged, Literal(True)))

    for i in range(n_events):
        cls = rng.choice(EVENT_CLASSES)
        event = resource(f"synthetic {i}", kind="event")
        agent = rng.choice(actors)
        graph.add((event, RDF.type, GB[cls]))
        graph.add((event, RDFS.label, Literal(f"{cls.lower()} ({labels[agent]})", lang="id")))
        graph.add((event, GB.agent, agent))
        if rng.random() < 0.5:
            graph.add((event, GB.target, rng.choice(entities["Country"])))
        if rng.random() < 0.5:
            graph.add((event, GB.location, rng.choice(entities["Place"])))
        for _ in range(rng.randint(1, 2)):
            speaker = rng.choice(speakers)
            predicate = rng.choice(sorted(SPEECH_VERBS))
            evidence = f"{labels[speaker]} {SPEECH_VERBS[predicate]} {cls.lower()} oleh {labels[agent]}."
            speech_act(speaker, predicate, event, PAYLOAD_EVIDENCE if i == 0 else evidence)
    for _ in range(n_nodes // 20):
        a, b = rng.sample(entities["Country"], 2)
        speech_act(a, "cooperatesWith", b, f"{labels[a]} dan {labels[b]} sepakat bekerja sama.")
    return graph

