"""Running SPARQL over a built graph, and the named competency queries shipped with graphbuild.

Queries run on pyoxigraph, an order of magnitude faster than rdflib's engine; an rdflib
graph is copied into an in-memory store first. The project's prefixes (gb, gbr, rdf, rdfs,
skos, owl, prov, schema, xsd) are predeclared, so a query may use them without PREFIX
lines. They are handed to the parser rather than prepended to the text, so a PREFIX the
query declares itself wins, and the line and column of a syntax error are the user's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import takewhile
from pathlib import Path
from types import MappingProxyType

import pyoxigraph as ox
import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graphbuild.vocab import new_graph

FORMATS = ("table", "csv", "tsv", "json")
MAX_CELL = 60
QUERY_SUFFIXES = (".rq", ".sparql")
RDF_FILE_FORMATS = MappingProxyType({
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
})
_RESULT_FORMATS = MappingProxyType({
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
})
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ERROR_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)
_PREFIXED_NAME_END = re.compile(r"([A-Za-z][\w.-]*)?:[\w.-]*$")
_PREFIXED_NAME = re.compile(r"([A-Za-z][\w-]*):(\w[\w.-]*)")
_LOCAL_NAME = re.compile(r"\w([\w.-]*[\w-])?")
_ABSOLUTE_IRI = re.compile(r"(https?|urn):\S+")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_PLACEHOLDER = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_SECTION = re.compile(r"\{\{([#^])(\w+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_PARAM_LINE = re.compile(r"(\w+)\s*\((term|name|class|decimal|integer)(?:,\s*default\s+([^)]*?))?\)\s*:\s*(.+)")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_INTEGER = re.compile(r"\d+")
_NAME_LANGUAGES = ("", "@id", "@en")


class QueryError(ValueError):
    """A query that cannot be parsed; the message is one line with its position."""


@dataclass(frozen=True)
class QueryParam:
    """One parameter of a competency query, declared by a `# param:` line."""

    name: str
    kind: str
    default: str
    description: str


@dataclass(frozen=True)
class QueryInfo:
    """What `list_queries` tells about one competency query."""

    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]


@cache
def _prefix_pairs() -> tuple[tuple[str, str], ...]:
    """The project's prefixes, taken from the vocabulary module so they are defined once."""
    return tuple((prefix, str(namespace)) for prefix, namespace in new_graph().namespaces())


def prefixes() -> dict[str, str]:
    """The predeclared prefixes, prefix → namespace IRI (a fresh dict per call)."""
    return dict(_prefix_pairs())


def load_graph_file(path: Path) -> ox.Store:
    """Read an RDF file into an in-memory store, its format chosen by the file extension."""
    path = Path(path)
    rdf_format = RDF_FILE_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join(RDF_FILE_FORMATS)
        raise ValueError(f"cannot read {path}: unknown RDF file extension {path.suffix!r} (expected {known})")
    store = ox.Store()
    try:
        store.load(path=str(path), format=rdf_format)
    except SyntaxError as err:
        raise ValueError(f"cannot parse {path}: {' '.join(str(err).split())}") from err
    return store


def to_store(source: rdflib.Graph | ox.Store) -> ox.Store:
    """The store to query: `source` itself, or an in-memory copy of an rdflib graph."""
    if isinstance(source, ox.Store):
        return source
    store = ox.Store()
    if isinstance(source, rdflib.Dataset):
        for graph in source.graphs():
            data = graph.serialize(format="nt", encoding="utf-8")
            store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=_graph_name(graph.identifier))
    else:
        store.load(source.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _graph_name(identifier: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    """The store's name for a graph of an rdflib Dataset: its IRI or blank node, or the default graph."""
    if isinstance(identifier, rdflib.URIRef) and identifier != DATASET_DEFAULT_GRAPH_ID:
        return ox.NamedNode(str(identifier))
    if isinstance(identifier, rdflib.BNode):
        return ox.BlankNode(str(identifier))
    return ox.DefaultGraph()


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def ox_term(term: rdflib.term.Node | OxTerm) -> OxTerm:
    """The pyoxigraph term for an rdflib (or pyoxigraph) term."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def read_query(text_or_path: str) -> str:
    """The query text: read from the file when given a path ending .rq, else `text_or_path` itself."""
    candidate = text_or_path.strip()
    if "\n" not in candidate and candidate.lower().endswith(QUERY_SUFFIXES):
        return Path(candidate).read_text(encoding="utf-8")
    return text_or_path


def run_query(source: rdflib.Graph | ox.Store, sparql: str, fmt: str = "table") -> str:
    """Run `sparql` and render its result.

    SELECT renders as `fmt`: an aligned text table, or the SPARQL 1.1 CSV, TSV or JSON
    results format. ASK renders `true`/`false` (JSON: the boolean results document).
    CONSTRUCT and DESCRIBE render as sorted Turtle whatever `fmt` is.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if not sparql.strip():
        raise QueryError("empty query")
    store = to_store(source)
    try:
        result = store.query(sparql, prefixes=prefixes(), use_default_graph_as_union=True)
    except SyntaxError as err:
        raise syntax_error(str(err), sparql) from err
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
        return f"{str(bool(result)).lower()}\n"
    if isinstance(result, ox.QueryTriples):
        return sorted_turtle(list(result))
    if fmt == "table":
        return _table(result)
    text = result.serialize(format=_RESULT_FORMATS[fmt]).decode("utf-8")
    return text + "\n" if fmt == "json" else text


def syntax_error(message: str, sparql: str) -> QueryError:
    """Turn pyoxigraph's parser message into one line naming the line and column."""
    match = _ERROR_POSITION.match(message)
    if match is None:
        return QueryError(f"query syntax error: {' '.join(message.split())}")
    line, column, what = int(match[1]), int(match[2]), " ".join(match[3].split())
    if "Prefix not found" in what:
        lines = sparql.splitlines()
        before = lines[line - 1][: column - 1] if 0 < line <= len(lines) else ""
        name = _PREFIXED_NAME_END.search(before)
        if name is not None:
            what = f"undeclared prefix '{name[1] or ''}:'"
    return QueryError(f"query syntax error at line {line}, column {column}: {what}")


def _cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, pairs: tuple[tuple[str, str], ...]) -> str:
    """A term as shown in the text table: IRIs as prefixed names where possible, literals bare."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in pairs:
            local = term.value[len(namespace):]
            if term.value.startswith(namespace) and _LOCAL_NAME.fullmatch(local):
                text = f"{prefix}:{local}"
                break
        else:
            text = f"<{term.value}>"
    elif isinstance(term, ox.Literal):
        text = term.value
    else:
        text = str(term)
    text = " ".join(text.split()) if any(c in text for c in "\t\r\n") else text
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _table(solutions: ox.QuerySolutions) -> str:
    """An aligned plain-text table with a header row, a rule and a row count."""
    names = [variable.value for variable in solutions.variables]
    pairs = tuple(sorted(_prefix_pairs(), key=lambda pair: -len(pair[1])))
    rows = [[_cell(solution[name], pairs) for name in names] for solution in solutions]
    widths = [max([len(name)] + [len(row[i]) for row in rows]) for i, name in enumerate(names)]
    lines = [names, ["-" * width for width in widths], *rows] if names else []
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
            for line in lines]
    text.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(text) + "\n"


def sorted_turtle(triples: list[ox.Triple]) -> str:
    """Turtle with triples sorted (rdf:type first per subject) and blank nodes canonically named."""
    if any(isinstance(term, ox.BlankNode) for triple in triples for term in (triple.subject, triple.object)):
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        triples = [ox.Triple(quad.subject, quad.predicate, quad.object) for quad in dataset]
    triples.sort(key=lambda t: (str(t.subject), t.predicate.value != _RDF_TYPE, str(t.predicate),
                                str(t.object)))
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes()).decode("utf-8")
    lines = text.splitlines(keepends=True)
    header = len(list(takewhile(lambda line: line.startswith("@prefix "), lines)))
    body = "".join(lines[header:])
    used = [line for line in lines[:header] if line.split()[1] in ("gb:", "gbr:") or line.split()[1] in body]
    return "".join(sorted(used)) + body


def _query_texts() -> dict[str, str]:
    """The packaged competency queries, name → text, in name order."""
    folder = resources.files("graphbuild").joinpath("queries").joinpath("ask")
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".rq")), key=lambda e: e.name)
    return {entry.name[: -len(".rq")]: entry.read_text(encoding="utf-8") for entry in entries}


def _query_info(name: str, text: str) -> QueryInfo:
    """Read the `# title:`, `# description:` and `# param:` lines heading a query file."""
    fields: dict[str, str] = {}
    params: list[QueryParam] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line.lstrip("# ").partition(":")
        if key == "param":
            match = _PARAM_LINE.fullmatch(value.strip())
            if match is None:
                raise ValueError(f"{name}.rq: malformed param line: {line}")
            param_name, kind, default, description = match.groups()
            if kind == "decimal" and default is None:
                raise ValueError(f"{name}.rq: decimal parameter {param_name} needs a default")
            params.append(QueryParam(param_name, kind, default or "", description))
        elif key in ("title", "description"):
            fields[key] = value.strip()
    if "title" not in fields or "description" not in fields:
        raise ValueError(f"{name}.rq: must start with '# title:' and '# description:' lines")
    return QueryInfo(name, fields["title"], fields["description"], tuple(params))


def list_queries() -> list[QueryInfo]:
    """The competency queries shipped with graphbuild, in name order."""
    return [_query_info(name, text) for name, text in _query_texts().items()]


def competency_query(name: str, params: dict[str, str] | None = None) -> str:
    """The text of competency query `name`, its `{{param}}` placeholders filled in safely.

    A `{{#param}}...{{/param}}` section is kept only when the parameter is given (not empty) and
    a `{{^param}}...{{/param}}` section only when it is not, so that a question with a speaker
    starts from that speaker instead of filtering every row, and the full listing pays nothing.
    Sections of different parameters nest, for a start that depends on two parameters.
    """
    texts = _query_texts()
    if name not in texts:
        raise KeyError(f"unknown query {name!r}; known queries: {', '.join(texts)}")
    info = _query_info(name, texts[name])
    given = dict(params or {})
    declared = {param.name: param for param in info.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        takes = ", ".join(declared) or "no parameters"
        raise ValueError(f"query {name!r} has no parameter {unknown[0]!r}; it takes: {takes}")
    values = {key: given.get(key, param.default).strip() for key, param in declared.items()}
    terms = {key: _sparql_term(param, values[key]) for key, param in declared.items()}

    def section(match: re.Match[str]) -> str:
        if match[2] not in declared:
            raise ValueError(f"{name}.rq: section of undeclared parameter {match[2]!r}")
        return _SECTION.sub(section, match[3]) if bool(values[match[2]]) == (match[1] == "#") else ""

    return _PLACEHOLDER.sub(lambda match: terms[match[1]], _SECTION.sub(section, texts[name]))


def _sparql_term(param: QueryParam, value: str) -> str:
    """`value` as a SPARQL term that cannot break out of its place in the query.

    A decimal parameter must be a plain number, an integer one a whole number or empty. A term
    parameter becomes an IRI when written <...>, as http(s): or urn: IRI, or with one of the
    project's prefixes; anything else becomes a string literal with its quotes and backslashes
    escaped. A name parameter is a term whose literal becomes the list of the forms a label may
    have: as written, in lower, upper and title case, each plain, @id and @en, for a `VALUES`
    block to look labels up by index instead of comparing every label in the graph. A class
    parameter given as a bare name (Deployment) is that class of the ontology, gb:Deployment.
    """
    if param.kind == "decimal":
        if not _DECIMAL.fullmatch(value):
            raise ValueError(f"parameter {param.name} must be a number, got {value!r}")
        return value
    if param.kind == "integer":
        if value and not _INTEGER.fullmatch(value):
            raise ValueError(f"parameter {param.name} must be a whole number, got {value!r}")
        return value
    if param.kind == "class" and _LOCAL_NAME.fullmatch(value):
        value = f"gb:{value}"
    iri = None
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if not iri or _IRI_FORBIDDEN.search(iri):
            raise ValueError(f"parameter {param.name} is not a valid IRI: {value!r}")
    elif (match := _PREFIXED_NAME.fullmatch(value)) and match[1] in prefixes():
        iri = prefixes()[match[1]] + match[2]
    elif _ABSOLUTE_IRI.fullmatch(value) and not _IRI_FORBIDDEN.search(value):
        iri = value
    if iri is not None:
        return f"<{iri}>"
    if param.kind == "name" and value:
        forms = dict.fromkeys((value, value.lower(), value.upper(), value.title(), value.capitalize()))
        return " ".join(f"{_string(form)}{language}" for form in forms for language in _NAME_LANGUAGES)
    return _string(value)


def _string(value: str) -> str:
    """A SPARQL string literal of `value`, its quotes, backslashes and line breaks escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'
