"""SHACL validation of a built graph against ontology/shapes.ttl.

Runs pyshacl without inference: the ontology is mixed in only so that sh:class and
sh:targetClass see the rdfs:subClassOf links (a gb:Deployment is a gb:Event). RDFS
inference would cost ten times more and add nothing the shapes need.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graphbuild.ontology import load_ontology, load_shapes
from graphbuild.vocab import new_graph

SEP = " \u2013 "


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of one validation: a verdict, one line per violation, pyshacl's full text."""

    conforms: bool
    violations: list[str] = field(default_factory=list)
    text: str = ""


def _show(node: Node | None, graph: Graph) -> str:
    """Compact form of a result node: gbr:x for IRIs, N-Triples style for literals."""
    if node is None:
        return "-"
    return node.n3(graph.namespace_manager)


def _lines(results: Graph) -> list[str]:
    """One sorted line per validation result: focus node – path – message (value)."""
    names = new_graph()
    lines = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = _show(results.value(result, SH.focusNode), names)
        path = _show(results.value(result, SH.resultPath), names)
        message = str(results.value(result, SH.resultMessage) or "constraint not met")
        value = results.value(result, SH.value)
        if isinstance(value, Literal) or (value is not None and value != results.value(result, SH.focusNode)):
            message = f"{message} (value {_show(value, names)})"
        lines.append(SEP.join((focus, path, message)))
    return sorted(lines)


def validate(graph: Graph, ontology: Path | None = None) -> ValidationReport:
    """Check `graph` against the project's SHACL shapes; `ontology` overrides where they are found."""
    conforms, results, text = shacl_validate(
        graph,
        shacl_graph=load_shapes(ontology),
        ont_graph=load_ontology(ontology),
        inference="none",
        abort_on_first=False,
        meta_shacl=False,
        advanced=False,
        js=False,
    )
    return ValidationReport(conforms=bool(conforms), violations=_lines(results), text=str(text))
