"""One public function per CLI command, returning the text the command prints.

The CLI only parses options; tests call these functions directly. Errors the user can fix
are raised as the exceptions in EXPECTED_ERRORS and shown as one line naming the problem.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path

from rdflib import Dataset, Graph

from graphbuild import analysis, nereval, report
from graphbuild import evaluate as scorer
from graphbuild import export as exporter
from graphbuild import push as pusher
from graphbuild import query as sparql
from graphbuild import serve as server
from graphbuild import viz as html_view
from graphbuild.contradictions import as_triples, find_contradictions
from graphbuild.graphtext import GraphLines
from graphbuild.loaders import InputError
from graphbuild.ontology import OntologyNotFound
from graphbuild.outputs import atomic_write, staged
from graphbuild.pipeline import ExtractedCorpus, extract_with, load_store
from graphbuild.projection import read_tables
from graphbuild.query import QueryError
from graphbuild.store import GraphStore, StoreError, export_store
from graphbuild.validate import ValidationReport
from graphbuild.validate import validate as shacl_validate
from graphbuild.vocab import bind_prefixes, resource

EXPECTED_ERRORS = (InputError, QueryError, StoreError, OntologyNotFound, OSError, ValueError, KeyError)
DEFAULT_OUT = Path("output")
ANALYSIS_GRAPH = resource("analysis", kind="graph")
BUILD_OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "report.md", "report.json")
# From this many documents in the store, drawing and exporting beside the tables and the analysis
# pays for spawning a process.
HELPER_PROCESS_DOCUMENTS = 500
FORMATS_BY_SUFFIX = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld"}


def one_line(exc: BaseException) -> str:
    """The first line of an error's message, with the file name for OS errors."""
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0]).splitlines()[0]
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _store_dir(store_dir: Path | None, outdir: Path = DEFAULT_OUT) -> Path:
    return store_dir if store_dir is not None else outdir / "store"


def load_graph(path: Path) -> Graph:
    """Read an RDF file into one rdflib Graph (the union of its named graphs)."""
    fmt = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF file type (use .ttl, .trig, .nt, .nq or .jsonld)")
    try:
        if fmt in ("trig", "nquads"):
            ds = Dataset(default_union=True)
            ds.parse(path, format=fmt)
            graph = Graph()
            for triple in ds.triples((None, None, None)):
                graph.add(triple)
        else:
            graph = Graph().parse(path, format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise ValueError(f"{path}: not valid {fmt}: {one_line(exc)}") from None
    return bind_prefixes(graph)


def build(inputs: list[Path], outdir: Path, store_dir: Path | None = None, jobs: int = 1,
          title: str | None = None, progress: bool = False, executor: str = "local", validate: bool = True) -> str:
    """Build the graph of `inputs` into the store and write the outputs; return the summary to print.

    The store accumulates documents across builds (a changed file replaces its graph, an
    unchanged one is skipped), and graph.ttl, graph.trig, the report and the HTML are made
    from everything the store holds. `executor` "dask" extracts on a Dask cluster and leaves
    per-partition N-Quads in OUTDIR/partitions.
    """
    result = extract_with(executor, inputs, outdir, jobs, _progress_bar() if progress else None)
    title = title or _default_title(inputs)
    with result:
        if not result.documents:
            raise InputError(f"{', '.join(map(str, inputs))}: no readable documents" + _skips(result))
        outdir.mkdir(parents=True, exist_ok=True)
        validation, sampled = _validation(result, validate)
        with staged(outdir / name for name in BUILD_OUTPUTS) as files, \
                GraphStore(_store_dir(store_dir, outdir)) as store, \
                tempfile.TemporaryDirectory(prefix=".graphbuild-", dir=outdir) as scratch:
            known = GraphLines(Path(scratch) / "graphs.nt")
            changes = load_store(store, result.graph_batches(), known)
            triples = _write_outputs(store, {path.name: temp for path, temp in files.items()}, title, known)
    lines = [
        f"Read {len(result.documents)} documents{_skips(result)}.",
        f"Store: {changes}; {triples} triples in all.",
        _shacl_line(validation, sampled, len(result.documents)),
        *[f"  {v}" for v in (validation.violations[:10] if validation else [])],
        "Wrote " + ", ".join(str(outdir / name) for name in BUILD_OUTPUTS),
    ]
    return "\n".join(lines)


def _write_outputs(store: GraphStore, files: dict[str, Path], title: str, known: GraphLines | None = None) -> int:
    """Find and link the contradictions, then write every output (BUILD_OUTPUTS, by name, to the
    given paths) from the finished store; return the number of distinct triples. The export copies
    the graphs of `known` (those just loaded) rather than reading them back.

    The page and the export read the store on their own, so for a large store a second process
    draws the page from a snapshot of the store as loaded (the page shows nothing of the analysis
    graph) while this one reads the tables and links the contradictions, then writes the exports
    from a snapshot with the links in, while this one analyses.
    """
    targets = {"ttl": files["graph.ttl"], "trig": files["graph.trig"]}
    with tempfile.TemporaryDirectory(prefix=".graphbuild-", dir=files["graph.html"].parent) as temp, \
            _helper_process(len(store.document_ids()) >= HELPER_PROCESS_DOCUMENTS) as pool:
        if pool is not None:
            store.snapshot(Path(temp) / "loaded")
            drawing = pool.submit(draw_store, Path(temp) / "loaded", files["graph.html"], title)
        tables = read_tables(store.store, triples=0)  # the export counts the triples
        contradictions = find_contradictions(tables)
        store.replace_graph(str(ANALYSIS_GRAPH), as_triples(contradictions.links, tables, store.store))
        if pool is not None:
            store.snapshot(Path(temp) / "linked")
            exporting = pool.submit(export_store, Path(temp) / "linked", targets, known)
        found = analysis.analyze(tables, contradictions)
        del tables, contradictions  # their memory serves the projection of a page drawn here
        if pool is None:
            files["graph.html"].write_text(html_view.render_html(store.store, title), encoding="utf-8")
            triples = store.export(targets, known) or 0
        else:
            drawing.result()
            triples = exporting.result() or 0
    found["counts"]["triples"] = triples
    files["report.md"].write_text(report.render_markdown(found, title), encoding="utf-8")
    files["report.json"].write_text(report.render_json(found), encoding="utf-8")
    return triples


def draw_store(store_path: Path, html: Path, title: str) -> None:
    """Write the HTML page of the store at `store_path`, opened read-only: a function of paths, so
    that a build can run it in another process on a snapshot of its store."""
    with GraphStore(store_path, read_only=True) as store:
        html.write_text(html_view.render_html(store.store, title), encoding="utf-8")


@contextmanager
def _helper_process(wanted: bool) -> Iterator[ProcessPoolExecutor | None]:
    """One spawned worker process when `wanted` (spawned: the parent has RocksDB threads), else None."""
    if not wanted:
        yield None
        return
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        yield pool


def _validation(corpus: ExtractedCorpus, validate: bool) -> tuple[ValidationReport | None, int]:
    """SHACL validation of the corpus's sample of documents (all of a small corpus), unless turned off."""
    if not validate:
        return None, 0
    graph, sampled = corpus.validation_graph()
    return shacl_validate(graph), sampled


def _shacl_line(validation: ValidationReport | None, sampled: int, documents: int) -> str:
    if validation is None:
        return "SHACL: not checked (--no-validate)."
    scope = "" if sampled == documents else f" (a sample of {sampled} of {documents} documents)"
    if validation.conforms:
        return f"SHACL: conforms{scope}."
    return f"SHACL: {len(validation.violations)} violations{scope}."


def _skips(result: ExtractedCorpus) -> str:
    if not result.skipped:
        return ""
    reasons = "; ".join(f"{s.source}: {s.reason}" for s in result.skipped[:5])
    more = f"; +{len(result.skipped) - 5} more" if len(result.skipped) > 5 else ""
    return f" ({len(result.skipped)} skipped: {reasons}{more})"


def _default_title(inputs: list[Path]) -> str:
    return "graphbuild: " + ", ".join(sorted(p.name or str(p) for p in inputs))


def _progress_bar():
    """A callback advancing a progress line on standard error."""
    count = [0]

    def advance(n: int) -> None:
        count[0] += n
        sys.stderr.write(f"\rextracted {count[0]} documents")
        sys.stderr.flush()

    return advance


def query(text: str, graph_file: Path | None = None, store_dir: Path | None = None, fmt: str = "table") -> str:
    """Run a SPARQL query (text, .rq file or - for stdin) over a graph file or the store."""
    sparql_text = sys.stdin.read() if text == "-" else sparql.read_query(text)
    return _run(sparql_text, graph_file, store_dir, fmt)


def _run(sparql_text: str, graph_file: Path | None, store_dir: Path | None, fmt: str) -> str:
    if graph_file is not None:
        return sparql.run_query(sparql.load_graph_file(graph_file), sparql_text, fmt)
    with GraphStore(_store_dir(store_dir), read_only=True) as store:
        return sparql.run_query(store.store, sparql_text, fmt)


def list_queries() -> str:
    """The named competency queries with their descriptions."""
    lines = []
    for info in sparql.list_queries():
        params = " ".join(f"--param {p.name}=..." for p in info.params)
        lines.append(f"{info.name:18} {info.title}{'  ' + params if params else ''}")
        lines.append(f"{'':18} {info.description}")
    return "\n".join(lines)


def ask(name: str, params: list[str], graph_file: Path | None = None, store_dir: Path | None = None,
        fmt: str = "table") -> str:
    """Run a named competency query."""
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--param {item}: expected NAME=VALUE")
        values[key] = value
    return _run(sparql.competency_query(name, values), graph_file, store_dir, fmt)


def analyze(graph_file: Path, out: Path | None = None) -> str:
    """Analyse a graph file; write report.md and report.json into `out`, or return the Markdown."""
    graph = load_graph(graph_file)
    found = analysis.analyze(graph)
    markdown = report.render_markdown(found, graph_file.name)
    if out is None:
        return markdown
    atomic_write(out / "report.md", markdown)
    atomic_write(out / "report.json", report.render_json(found))
    return f"Wrote {out / 'report.md'}, {out / 'report.json'}"


def viz(graph_file: Path, out: Path, title: str | None = None) -> str:
    """Write the HTML view of a graph file."""
    atomic_write(out, viz_html(load_graph(graph_file), title or graph_file.name))
    return f"Wrote {out}"


def viz_html(graph: Graph, title: str) -> str:
    return html_view.render_html(graph, title)


def export(graph_file: Path, fmt: str, out: Path | None = None) -> str | None:
    """Export a graph file; return the text when no output file is given."""
    graph = load_graph(graph_file)
    if fmt == "csv":
        if out is None:
            raise ValueError("--format csv writes nodes.csv and edges.csv: give a folder with -o")
        nodes, edges = exporter.export_csv(graph)
        atomic_write(out / "nodes.csv", nodes)
        atomic_write(out / "edges.csv", edges)
        return None
    data = exporter.export(graph, fmt)
    if out is None:
        return data.decode("utf-8")
    atomic_write(out, data)
    return None


def validate(graph_file: Path) -> tuple[str, bool]:
    """SHACL validation of a graph file: the report text and whether it conforms."""
    result = shacl_validate(load_graph(graph_file))
    if result.conforms:
        return f"{graph_file}: conforms", True
    return "\n".join([f"{graph_file}: {len(result.violations)} violations", *result.violations]), False


def evaluate(graph_files: list[Path], gold: Path, corpus: Path | None, verbose: bool) -> str:
    """Score graphs against a gold file; the scores as JSON on the last line."""
    result = scorer.score_files(graph_files, gold, corpus)
    lines = [f"{kind}: {item}" for kind, items in result.misses.items() for item in items] if verbose else []
    lines.append("scores " + json.dumps(result.scores, sort_keys=True))
    return "\n".join(lines)


def ner_eval(bio_file: Path) -> str:
    """Precision, recall and F1 of the entity recognizer on a BIO file."""
    return nereval.report(bio_file)


def stats(store_dir: Path | None = None) -> str:
    """Counts by class and predicate in the store."""
    with GraphStore(_store_dir(store_dir), read_only=True) as store:
        counts = store.stats()
    return json.dumps(counts, indent=2, sort_keys=True)


def remove(document: str, store_dir: Path | None = None) -> str:
    """Remove a document from the store."""
    directory = _store_dir(store_dir)
    if not directory.is_dir():
        raise StoreError(f"no store at {directory}: build one first (graphbuild build --store {directory})")
    with GraphStore(directory) as store:
        removed = store.remove_document(document)
    return f"Removed {document}: {removed} quads"


def push(endpoint: str, files: list[Path], store_dir: Path | None = None, graph_store: bool = False) -> str:
    """Send the store's graphs (or those of N-Quads/TriG files) to a SPARQL endpoint."""
    graphs = pusher.graphs_from_files(files) if files else pusher.graphs_from_store(_store_dir(store_dir))
    return f"Pushed {pusher.push(endpoint, graphs, graph_store=graph_store)} to {endpoint}"


def serve(store_dir: Path | None, host: str, port: int, allow_update: bool, timeout: float) -> None:
    """Serve the store over HTTP until interrupted."""
    directory = _store_dir(store_dir)
    html = directory.parent / "graph.html"
    app = server.create_app(directory, allow_update=allow_update, timeout=timeout,
                            html_path=html if html.exists() else None)
    server.run(app, host=host, port=port)
