"""The benchmark (`make bench`): throughput, parallel builds, SPARQL latency, updates, HTML.

It writes output/bench.md (a Markdown table per measurement and the goals) and
output/bench.json. Every corpus is generated (graphbuild.corpusgen), plus the seed articles
of ../shared/corpus/seeds when present. `--quick` runs tiny sizes for the smoke test.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox

import graphbuild
from graphbuild import benchsparql
from graphbuild.benchreport import goals, render_markdown
from graphbuild.contradictions import as_triples, find_contradictions
from graphbuild.corpusgen import generate, write_corpus
from graphbuild.outputs import atomic_write
from graphbuild.pipeline import extract_corpus, load_store
from graphbuild.projection import read_tables
from graphbuild.query import ox_term
from graphbuild.store import GraphStore
from graphbuild.viz import render_html
from graphbuild.viz_data import load_style, project
from graphbuild.vocab import GBR

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
FULL = {"throughput_articles": 1000, "build_sizes": (1000, 10000), "build_timeout_s": 420, "sparql_triples": 1_000_000,
        "runs": 5, "sparql_repeat": 20, "sparql_cap_s": 10.0, "html_nodes": 5000, "add_runs": 5}
QUICK = {"throughput_articles": 20, "build_sizes": (20,), "build_timeout_s": 120, "sparql_triples": 3_000,
         "runs": 1, "sparql_repeat": 3, "sparql_cap_s": 0.5, "html_nodes": 200, "add_runs": 1}


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = ""
    try:
        model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), "")
    except OSError:
        pass
    return {"cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "cpu": model or platform.processor(), "python": platform.python_version(),
            "platform": platform.platform(), "memory_gb": _memory_gb(), "compiled": graphbuild.compiled()}


def _memory_gb() -> float | None:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    return round(pages * size / 1e9, 1)


def words(texts: list[str]) -> int:
    """Words as whitespace-separated tokens, the unit of every words/s figure here."""
    return sum(len(text.split()) for text in texts)


def corpus(folder: Path, n: int, seed: int) -> list[str]:
    """Generate `n` articles into `folder` (reused when already there); return their texts."""
    documents = list(generate(n, seed))
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != n:
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(documents, folder)
    return [d.text for d in documents]


def warm_up(work: Path, seed: int) -> Path:
    """A one-article corpus that no measured corpus holds, for loading spaCy and the lexicons before a
    measurement; written once."""
    folder = work / "warm-up"
    if not folder.is_dir():
        write_corpus(generate(1, seed, start=10**6), folder)
    return folder


def pipeline_run(folder: Path) -> dict[str, float]:
    """One in-process build of a folder on one core: read + extract + resolve, then RDF (N-Quads)."""
    start = time.perf_counter()
    with extract_corpus([folder], jobs=1) as extracted:
        first = time.perf_counter()
        size = sum(sum(map(len, lines)) for graphs in extracted.graph_batches() for lines in graphs.values())
    end = time.perf_counter()
    return {"seconds": end - start, "extract_resolve_s": first - start, "rdf_s": end - first, "ntriples_chars": size}


def first_build(folder: Path, warm: Path) -> dict[str, float]:
    """`pipeline_run` in a process that has only built the warm-up corpus: models loaded, but no cache
    holds a word of `folder` (a second run over the same text would find its words cached)."""
    pipeline_run(warm)
    return pipeline_run(folder)


def tokenizer_run(texts: list[str], warm: list[str]) -> float:
    """Seconds for spaCy's blank Indonesian tokenizer and sentencizer over the texts, in a pipeline
    that has only seen the warm-up texts, like the build it is compared with."""
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    for doc in nlp.pipe(warm):
        list(doc.sents)
    start = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=64):
        list(doc.sents)
    return time.perf_counter() - start


def in_fresh_process(fn: Callable[..., Any], *args: Any) -> Any:
    """`fn(*args)` in a newly spawned process, so that no run inherits another's warm caches."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def throughput(name: str, folder: Path, texts: list[str], runs: int, warm: Path) -> dict[str, Any]:
    """Whole-pipeline and tokenizer-only speed over the same texts, each run in a fresh process that
    has handled only the warm-up article: medians of `runs` runs.

    Build and tokenizer runs alternate, and the ratio is the median of each pair's: the machine's
    speed drifts over minutes, and two runs side by side see the same machine."""
    count = words(texts)
    warm_texts = [p.read_text(encoding="utf-8") for p in sorted(warm.glob("*.txt"))]
    builds, tokenizer = [], []
    for _ in range(runs):
        builds.append(in_fresh_process(first_build, folder, warm))
        tokenizer.append(in_fresh_process(tokenizer_run, texts, warm_texts))
    seconds = statistics.median(b["seconds"] for b in builds)
    tokenizer_s = statistics.median(tokenizer)
    ratios = [t / b["seconds"] for t, b in zip(tokenizer, builds, strict=True)]
    return {"corpus": name, "articles": len(texts), "words": count, "runs": runs,
            "build_s": round(seconds, 3),
            "extract_resolve_s": round(statistics.median(b["extract_resolve_s"] for b in builds), 3),
            "rdf_s": round(statistics.median(b["rdf_s"] for b in builds), 3),
            "build_words_per_s": round(count / seconds), "build_articles_per_s": round(len(texts) / seconds, 1),
            "tokenizer_s": round(tokenizer_s, 3), "tokenizer_words_per_s": round(count / tokenizer_s),
            "ratio": round(statistics.median(ratios), 3), "ratios": [round(r, 3) for r in ratios]}


def measured_command(command: list[str], timeout: float, log: Path) -> dict[str, Any]:
    """Run a command (killed after `timeout` s); its wall time, exit code, and the peak RSS of it or
    of any process it waited for (its worker processes)."""
    start = time.perf_counter()
    with open(log, "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    exit_code: int | str = process.returncode if seconds < timeout else f"killed after {timeout:g} s"
    return {"seconds": round(seconds, 2), "exit": exit_code, "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "output": log.read_text(encoding="utf-8", errors="replace")[-1500:]}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphbuild.cli", *args]


def builds(work: Path, sizes: tuple[int, ...], seed: int, timeout: float) -> list[dict[str, Any]]:
    """The full `graphbuild build` of generated corpora with --jobs 1 and 2, each in a fresh process."""
    rows = []
    for size in sizes:
        folder = work / f"corpus-{size}"
        texts = corpus(folder, size, seed)
        for jobs in (1, 2):
            out = work / f"build-{size}-j{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            run = measured_command(cli("build", str(folder), "-o", str(out), "--jobs", str(jobs), "--title", "bench"),
                                   timeout, work / f"build-{size}-j{jobs}.log")
            rows.append({"articles": size, "words": words(texts), "jobs": jobs, **run,
                         "words_per_s": round(words(texts) / run["seconds"]) if run["exit"] == 0 else None})
    return rows


def union_of(work: Path, target: int, seed: int) -> tuple[ox.Store, int]:
    """An in-memory store of at least `target` distinct triples built from generated articles, and
    how many articles it took; its default graph is the union of the document graphs and the
    contradiction links (with their sides' names) a build writes in its analysis graph."""
    union = ox.Store()
    articles = 0
    batch = max(10, target // 4000)
    while len(union) < target:
        folder = work / "union-batch"
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(generate(batch, seed, start=articles), folder)
        with extract_corpus([folder], jobs=max(1, len(os.sched_getaffinity(0)))) as extracted:
            for graphs in extracted.graph_batches():
                union.load("".join(f"{line} .\n" for lines in graphs.values() for line in lines).encode("utf-8"),
                           format=ox.RdfFormat.N_TRIPLES)
        articles += batch
    shutil.rmtree(work / "union-batch", ignore_errors=True)
    tables = read_tables(union, triples=0)
    links = as_triples(find_contradictions(tables).links, tables, union)
    union.extend(ox.Quad(*(ox_term(term) for term in triple)) for triple in links)
    return union, articles


def sparql(union: ox.Store, articles: int, repeat: int, cap: float) -> dict[str, Any]:
    """Competency-query latency on the union store, Oxigraph against rdflib."""
    rows = benchsparql.compare(union, repeat=repeat, cap=cap)
    return {"triples": len(union), "articles": articles, "repeat": repeat, "queries": rows}


def add_one(store_dir: Path, seed: int, runs: int, work: Path, warm: Path) -> dict[str, Any]:
    """Seconds to add one new article to an existing store: extraction, resolution, RDF and the store
    write, in a process that has loaded the models; loading them (once per process, so a cold
    `graphbuild build` of one file pays it) is timed apart on the warm-up corpus."""
    with GraphStore(store_dir, read_only=True) as store:
        documents = sum(1 for graph in store.store.named_graphs() if graph.value.startswith(str(GBR["doc-"])))
    loading = pipeline_run(warm)["seconds"]
    times = []
    for index in range(runs):
        folder = work / f"add-{index}"
        shutil.rmtree(folder, ignore_errors=True)
        document = list(generate(1, seed + 1000 + index))[0]
        write_corpus([document], folder)
        start = time.perf_counter()
        with extract_corpus([folder]) as extracted, GraphStore(store_dir) as store:
            load_store(store, extracted.graph_batches())
        times.append(time.perf_counter() - start)
        with GraphStore(store_dir) as store:
            store.remove_document(document.doc_id)
    return {"store_documents": documents, "runs": runs, "median_s": round(statistics.median(times), 3),
            "max_s": round(max(times), 3), "each_s": [round(t, 3) for t in times], "model_load_s": round(loading, 2)}


def html(union: ox.Store, nodes: int) -> dict[str, Any]:
    """Seconds to render the HTML view of a built graph, capped at `nodes` nodes."""
    drawn = len(project(union, nodes, load_style()).nodes)
    start = time.perf_counter()
    page = render_html(union, "bench", max_nodes=nodes)
    return {"nodes": drawn, "max_nodes": nodes, "seconds": round(time.perf_counter() - start, 2),
            "html_mb": round(len(page.encode("utf-8")) / 1e6, 1)}


def run(out: Path, quick: bool = False, seed: int = 0) -> dict[str, Any]:
    """Every measurement; writes bench.md and bench.json into `out` and returns the results."""
    sizes = QUICK if quick else FULL
    work = out / "bench-work"
    work.mkdir(parents=True, exist_ok=True)
    n = sizes["throughput_articles"]
    folder = work / f"corpus-{n}"
    texts = corpus(folder, n, seed)
    results: dict[str, Any] = {"machine": machine(), "quick": quick, "seed": seed, "settings": sizes}
    warm = warm_up(work, seed)
    results["throughput"] = [throughput(f"generated ({n})", folder, texts, sizes["runs"], warm)]
    if SEEDS.is_dir():
        seed_texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
        results["throughput"].append(
            throughput(f"seeds ({len(seed_texts)})", SEEDS, seed_texts, sizes["runs"], warm))
    _save(out, results)
    results["builds"] = builds(work, sizes["build_sizes"], seed, sizes["build_timeout_s"])
    _save(out, results)
    biggest = work / f"build-{max(sizes['build_sizes'])}-j2" / "store"
    results["add_one"] = add_one(biggest, seed, sizes["add_runs"], work, warm)
    _save(out, results)
    union, articles = union_of(work, sizes["sparql_triples"], seed)
    results["sparql"] = sparql(union, articles, sizes["sparql_repeat"], sizes["sparql_cap_s"])
    _save(out, results)
    results["html"] = html(union, sizes["html_nodes"])
    results["goals"] = goals(results)
    _save(out, results)
    atomic_write(out / "bench.md", render_markdown(results))
    return results


def _save(out: Path, results: dict[str, Any]) -> None:
    """bench.json as far as the run got, so that a run stopped halfway leaves what it measured."""
    atomic_write(out / "bench.json", json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graphbuild.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test of the benchmark")
    parser.add_argument("--out", type=Path, default=Path("output"), help="folder for bench.md and bench.json")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    run(args.out, quick=args.quick, seed=args.seed)
    print(f"Wrote {args.out / 'bench.md'} and {args.out / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
