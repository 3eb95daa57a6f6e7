"""Scoring a built graph against a gold annotation file (spec/gold-format.md).

Graph nodes are tied to gold entities by their names alone (rdfs:label, skos:altLabel and
the like, folded by `normalize_name`), so the scores do not depend on how IRIs are minted.
Speech acts are scored twice: per document (a triple counts once for every document its
gb:Assertion nodes cite) and at corpus level (a fact counts once, whichever documents
state it). The numbers agree with the reference scorer, eval/score.py of the shared kit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphbuild.evalgold import SPEECH_ACTS, EventPattern, FactPattern, Gold, ObjectPattern, load_gold, normalize_name
from graphbuild.evalgraph import ENTITY_TYPES, EVENT_TYPES, GraphFacts, Node, Provenance, Triple, load_store, read_facts

__all__ = ["EvalResult", "prf", "read_corpus", "score", "score_files"]


@dataclass
class EvalResult:
    """The scores (the JSON object the command prints) and one line per miss, by kind of miss."""

    scores: dict
    misses: dict[str, list[str]] = field(default_factory=dict)

    def miss(self, kind: str, lines: Iterable[str]) -> None:
        """Record misses of one kind; a kind appears only when it has some."""
        lines = list(lines)
        if lines:
            self.misses.setdefault(kind, []).extend(lines)


def prf(correct: int, predicted: int, found: int, gold: int) -> dict:
    """Precision over what was predicted, recall over the gold items found, F1; rounded to 3 places."""
    precision = correct / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "predicted": predicted, "gold": gold}


class Matcher:
    """Ties graph nodes to gold entity ids through their names, and graph triples to gold patterns."""

    def __init__(self, gold: Gold, facts: GraphFacts) -> None:
        by_name: dict[str, set[str]] = defaultdict(set)
        for entity in gold.entities:
            for name in entity.names:
                by_name[normalize_name(name)].add(entity.id)
        self.facts = facts
        self._ids = {node: frozenset(i for label in labels for i in by_name.get(label, ()))
                     for node, labels in facts.labels.items()}

    def ids(self, node: Node) -> frozenset[str]:
        """Gold ids one of whose names the node carries (several when the node merges entities)."""
        return self._ids.get(node, frozenset())

    def labels(self, node: Node) -> frozenset[str]:
        return self.facts.labels.get(node, frozenset())

    def event_types(self, node: Node) -> frozenset[str]:
        return self.facts.classes.get(node, frozenset()) & set(EVENT_TYPES)

    def object_matches(self, pattern: ObjectPattern, node: Node) -> bool:
        if not isinstance(pattern, EventPattern):
            return bool(self.ids(node) & pattern)
        if pattern.event not in self.event_types(node):
            return False
        agents = {i for agent in self.facts.agents.get(node, ()) for i in self.ids(agent)}
        return not pattern.agents or bool(agents & pattern.agents)

    def fact_matches(self, pattern: FactPattern, triple: Triple) -> bool:
        subject, predicate, obj = triple
        return (predicate in pattern.predicates
                and (pattern.subjects is None or bool(self.ids(subject) & pattern.subjects))
                and self.object_matches(pattern.obj, obj))

    def describe(self, node: Node) -> str:
        """A short human name: event class and agents, gold ids, a label, or the IRI."""
        types = self.event_types(node)
        if types:
            agents = sorted(i for agent in self.facts.agents.get(node, ()) for i in self.ids(agent))
            return f"{'/'.join(sorted(types - {'Event'})) or 'Event'}(agent={agents})"
        return str(sorted(self.ids(node)) or sorted(self.labels(node))[:1] or node)

    def describe_triple(self, triple: Triple) -> str:
        return f"{self.describe(triple[0])} {triple[1]} {self.describe(triple[2])}"


def _entities(gold: Gold, m: Matcher, result: EvalResult) -> dict:
    gold_type = {entity.id: entity.type for entity in gold.entities}
    found: set[str] = set()
    correct = predicted = 0
    for type_ in ENTITY_TYPES:
        for node in m.facts.instances([type_]):
            predicted += 1
            hits = {i for i in m.ids(node) if gold_type[i] == type_}
            found |= hits
            if hits or m.labels(node) & gold.ignore:
                correct += 1
            else:
                result.miss("entity_false_positive", [f"{type_} {node}: {sorted(m.labels(node))[:3]}"])
    result.miss("entity_missed", (f"{e.type}: {e.id}" for e in gold.entities if e.id not in found))
    return prf(correct, predicted, len(found), len(gold.entities))


def _aliases(gold: Gold, m: Matcher, result: EvalResult) -> dict:
    nodes = m.facts.instances(ENTITY_TYPES)
    holders: dict[str, set[Node]] = defaultdict(set)
    for node in nodes:
        for label in m.labels(node):
            holders[label].add(node)
    several = [e for e in gold.entities if len({normalize_name(n) for n in e.names}) > 1]
    merged = 0
    for entity in several:
        per_name = [holders.get(normalize_name(name), set()) for name in entity.names]
        if all(per_name) and len(set().union(*per_name)) == 1:
            merged += 1
        else:
            result.miss("alias_not_merged", [entity.id])
    overmerged = [f"{node}: {sorted(m.ids(node))}" for node in nodes if len(m.ids(node)) > 1]
    result.miss("overmerged", overmerged)
    return {"merged": merged, "of": len(several), "rate": round(merged / len(several), 3) if several else None,
            "overmerged_nodes": len(overmerged)}


def _documents_of(triple: Triple, gold: Gold, facts: GraphFacts) -> list[str | None]:
    """Gold document ids the triple's assertions were read from; [None] when it has none."""
    docs = {gold.files[name] for name in facts.sources.get(triple, ()) if name in gold.files}
    return sorted(docs) or [None]


def _speech_by_document(gold: Gold, m: Matcher, speech: Sequence[Triple], result: EvalResult) -> dict:
    expanded = [(triple, doc) for triple in speech for doc in _documents_of(triple, gold, m.facts)]
    matched: set[int] = set()
    correct = 0
    wrong, negatives = [], []
    for triple, doc in expanded:
        hits = {i for i, fact in enumerate(gold.speech) if fact.doc == doc and m.fact_matches(fact, triple)}
        matched |= hits
        if hits:
            correct += 1
            continue
        line = f"{doc or '-'}: {m.describe_triple(triple)}"
        wrong.append(line)
        negative = next((n for n in gold.negatives
                         if (not n.doc_scoped or n.doc == doc) and m.fact_matches(n, triple)), None)
        if negative is not None:
            negatives.append(f"{line}  [{negative.why}]")
    result.miss("relation_false_positive", wrong)
    result.miss("relation_missed", (str(fact) for i, fact in enumerate(gold.speech) if i not in matched))
    result.miss("negatives_emitted", negatives)
    return {"relation": prf(correct, len(expanded), len(matched), len(gold.speech)),
            "negatives_emitted": len(negatives)}


def _corpus_level(patterns: Sequence[FactPattern], triples: Sequence[Triple], m: Matcher) -> tuple[dict, list]:
    """Scores where each gold fact and each predicted triple counts once; and the gold facts missed."""
    matches = [{i for i, pattern in enumerate(patterns) if m.fact_matches(pattern, triple)} for triple in triples]
    matched = set().union(*matches)
    scores = prf(sum(map(bool, matches)), len(triples), len(matched), len(patterns))
    return scores, [pattern for i, pattern in enumerate(patterns) if i not in matched]


def _quantities(gold: Gold, m: Matcher, speech: Sequence[Triple], result: EvalResult) -> dict:
    claimants: dict[Node, set[str]] = defaultdict(set)
    for subject, _, obj in speech:
        claimants[obj] |= m.ids(subject)

    def fits(quantity, node: Node, value: int) -> bool:
        return (value == quantity.value and m.object_matches(quantity.event, node)
                and (not quantity.claimants or bool(claimants[node] & quantity.claimants)))

    figures = m.facts.quantities
    matches = [{i for i, q in enumerate(gold.quantities) if fits(q, node, value)} for node, value in figures]
    matched = set().union(*matches)
    result.miss("quantity_missed", (str(q) for i, q in enumerate(gold.quantities) if i not in matched))
    return prf(sum(map(bool, matches)), len(figures), len(matched), len(gold.quantities))


def _offsets_hold(record: Provenance, texts: Mapping[str, str]) -> bool:
    """Whether the evidence is the text between the offsets (or, without offsets, anywhere in the text)."""
    evidence = " ".join(record.evidence.split())
    for name in sorted(record.files & texts.keys()):
        text = texts[name]
        if record.start is not None and record.end is not None:
            span = " ".join(text[record.start:record.end].split())
            if (evidence in span) if evidence else not span:
                return True
        elif evidence and evidence in " ".join(text.split()):
            return True
    return False


def _provenance(facts: GraphFacts, speech: Sequence[Triple], texts: Mapping[str, str]) -> dict:
    records = [facts.provenance.get(triple, ()) for triple in speech]
    traced = sum(map(bool, records))
    out = {"traced": traced, "of": len(speech), "rate": round(traced / len(speech), 3) if speech else None}
    if texts:
        checked = [_offsets_hold(record, texts) for backing in records for record in backing]
        out.update(offsets_ok=sum(checked), offsets_checked=len(checked))
    return out


def score(gold: Gold, facts: GraphFacts, texts: Mapping[str, str] | None = None) -> EvalResult:
    """Every score of the graph against the gold; `texts` (file name -> text) enables the offsets check."""
    m = Matcher(gold, facts)
    result = EvalResult({})
    speech = [triple for triple in facts.relations if triple[1] in SPEECH_ACTS]
    links = [triple for triple in facts.relations if triple[1] not in SPEECH_ACTS]
    result.scores["entity"] = _entities(gold, m, result)
    result.scores["alias"] = _aliases(gold, m, result)
    result.scores.update(_speech_by_document(gold, m, speech, result))
    corpus_speech = list(dict.fromkeys(fact.corpus_level() for fact in gold.speech))
    result.scores["relation_corpus"], _ = _corpus_level(corpus_speech, speech, m)
    result.scores["links"], missed_links = _corpus_level(gold.links, links, m)
    result.miss("link_missed", map(str, missed_links))
    events = m.facts.instances(EVENT_TYPES)
    found = sum(1 for fact in gold.occurs if any(m.object_matches(fact.obj, node) for node in events))
    result.scores["events_stated"] = {"found": found, "of": len(gold.occurs)}
    result.scores["quantity"] = _quantities(gold, m, speech, result)
    result.scores["provenance"] = _provenance(facts, speech, texts or {})
    result.scores["counts"] = {"triples": facts.triple_count, "entity_nodes": len(m.facts.instances(ENTITY_TYPES)),
                               "event_nodes": len(events), "relation_triples": len(facts.relations)}
    return result


def read_corpus(folder: Path) -> dict[str, str]:
    """The texts of a corpus folder by file name; ValueError naming a file that is not UTF-8 text."""
    texts = {}
    for path in sorted(Path(folder).iterdir()):
        if path.is_file():
            try:
                texts[path.name] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ValueError(f"{path}: cannot read corpus text: {exc}") from exc
    return texts


def score_files(graph_files: list[Path], gold: Path, corpus: Path | None) -> EvalResult:
    """Load the gold, the graph files (their union) and, if given, the corpus texts, and score."""
    gold_data = load_gold(gold)
    facts = read_facts(load_store(graph_files))
    return score(gold_data, facts, read_corpus(corpus) if corpus else None)
