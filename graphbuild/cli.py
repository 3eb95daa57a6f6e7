"""The command line: parses options and calls the library functions that tests call too.

Exit codes follow click: 0 ok, 1 error (one line naming the file and the problem), 2 usage.
`--debug` shows the traceback of an error instead of the one-line message.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from graphbuild import commands


def _errors(func: Callable) -> Callable:
    """Turn the library's expected errors into click's one-line errors (exit 1)."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        try:
            return func(*args, **kwargs)
        except commands.EXPECTED_ERRORS as exc:
            if ctx.find_root().params.get("debug"):
                raise
            raise click.ClickException(commands.one_line(exc)) from None

    return wrapper


def _echo(text: str) -> None:
    click.echo(text, nl=not text.endswith("\n"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="graphbuild")
def main(debug: bool) -> None:
    """Build knowledge graphs of who said, denied or did what from Indonesian news."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder for graph.ttl, graph.trig, graph.html and the report.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Oxigraph store folder (default OUTDIR/store).")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extract documents in this many processes.")
@click.option("--title", default=None, help="Title of the corpus in the report and the HTML.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Extract in local processes, or on a Dask cluster (a local one of --jobs workers unless "
                   "GRAPHBUILD_DASK_SCHEDULER names a scheduler); dask also writes OUTDIR/partitions/*.nq.")
@click.option("--no-validate", "no_validate", is_flag=True,
              help="Skip the SHACL check (by default all documents, or a sample of 100 in larger corpora).")
@_errors
def build(inputs: tuple[Path, ...], outdir: Path, store_dir: Path | None, jobs: int, title: str | None,
          executor: str, no_validate: bool) -> None:
    """Build the graph of INPUTS (files or folders of .txt, .html, .jsonl)."""
    summary = commands.build(list(inputs), outdir, store_dir=store_dir, jobs=jobs, title=title,
                             progress=sys.stderr.isatty(), executor=executor, validate=not no_validate)
    _echo(summary)


@main.command()
@click.argument("sparql")
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Query this RDF file instead of the store.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Store folder (default output/store).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@_errors
def query(sparql: str, graph_file: Path | None, store_dir: Path | None, fmt: str) -> None:
    """Run SPARQL (text, a .rq file, or - for stdin) over the graph."""
    _echo(commands.query(sparql, graph_file=graph_file, store_dir=store_dir, fmt=fmt))


@main.command()
@click.argument("name", required=False)
@click.option("--list", "list_all", is_flag=True, help="List the named queries.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of the query.")
@click.option("--graph", "graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@_errors
def ask(name: str | None, list_all: bool, params: tuple[str, ...], graph_file: Path | None,
        store_dir: Path | None, fmt: str) -> None:
    """Run a named competency query (who-denied, claimed-figures ...)."""
    if list_all or not name:
        _echo(commands.list_queries())
        return
    _echo(commands.ask(name, list(params), graph_file=graph_file, store_dir=store_dir, fmt=fmt))


@main.command()
@click.argument("graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help="Folder for report.md and report.json (default: print Markdown).")
@_errors
def analyze(graph_file: Path, out: Path | None) -> None:
    """Analyse a graph: key actors, communities, denials, figures, contradictions."""
    _echo(commands.analyze(graph_file, out))


@main.command()
@click.argument("graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path), help="HTML file to write.")
@click.option("--title", default=None)
@_errors
def viz(graph_file: Path, out: Path, title: str | None) -> None:
    """Write the interactive HTML view of a graph."""
    _echo(commands.viz(graph_file, out, title))


@main.command()
@click.argument("graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", required=True,
              type=click.Choice(["ttl", "nt", "trig", "jsonld", "graphml", "gexf", "csv"]))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output; csv needs a folder).")
@_errors
def export(graph_file: Path, fmt: str, out: Path | None) -> None:
    """Export a graph for other tools (Turtle, N-Triples, TriG, JSON-LD, GraphML, GEXF, CSV)."""
    data = commands.export(graph_file, fmt, out)
    if data is not None:
        click.echo(data, nl=False)


@main.command()
@click.argument("graph_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_errors
def validate(graph_file: Path) -> None:
    """Validate a graph against the SHACL shapes; exit 1 on violations."""
    report_text, conforms = commands.validate(graph_file)
    _echo(report_text)
    if not conforms:
        sys.exit(1)


@main.command()
@click.argument("graph_files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of the input texts, to check offsets.")
@click.option("--verbose", is_flag=True, help="List every miss.")
@_errors
def evaluate(graph_files: tuple[Path, ...], gold: Path, corpus: Path | None, verbose: bool) -> None:
    """Score graphs against a gold annotation file."""
    _echo(commands.evaluate(list(graph_files), gold, corpus, verbose))


@main.command(name="ner-eval")
@click.argument("bio_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_errors
def ner_eval(bio_file: Path) -> None:
    """Measure the entity recognizer on a token-per-line BIO file."""
    _echo(commands.ner_eval(bio_file))


@main.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None)
@_errors
def stats(store_dir: Path | None) -> None:
    """Counts of the store by class and by predicate."""
    _echo(commands.stats(store_dir))


@main.command()
@click.argument("document")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None)
@_errors
def remove(document: str, store_dir: Path | None) -> None:
    """Remove a document (id or file name) and every fact only it supported."""
    _echo(commands.remove(document, store_dir))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--endpoint", required=True, help="SPARQL Update URL, or Graph Store URL with --graph-store.")
@click.option("--graph-store", "graph_store", is_flag=True,
              help="Use the Graph Store HTTP Protocol (PUT ?graph=IRI) instead of SPARQL Update.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Store to send when no FILES are given (default output/store).")
@_errors
def push(files: tuple[Path, ...], endpoint: str, graph_store: bool, store_dir: Path | None) -> None:
    """Send the document graphs (of the store, or of .nq/.trig FILES) to a SPARQL server."""
    _echo(commands.push(endpoint, list(files), store_dir=store_dir, graph_store=graph_store))


@main.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--allow-update", is_flag=True, help="Accept SPARQL Update (refused by default).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 3600))
@_errors
def serve(store_dir: Path | None, host: str, port: int, allow_update: bool, timeout: float) -> None:
    """Serve the store as a read-only SPARQL endpoint, with the HTML view at /."""
    commands.serve(store_dir, host=host, port=port, allow_update=allow_update, timeout=timeout)


if __name__ == "__main__":
    main()
