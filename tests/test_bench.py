"""The benchmark in quick mode: the report's shape, never its times."""

from __future__ import annotations

import json
from pathlib import Path

import graphbuild
from graphbuild.bench import SEEDS, run
from graphbuild.benchsparql import QUESTIONS, competency_queries


def test_quick_benchmark_writes_both_reports(tmp_path: Path) -> None:
    results = run(tmp_path, quick=True, seed=5)
    assert json.loads((tmp_path / "bench.json").read_text(encoding="utf-8")) == json.loads(json.dumps(results))
    assert results["machine"]["cores"] >= 1
    assert results["machine"]["python"].count(".") == 2
    assert results["machine"]["compiled"] is graphbuild.compiled()
    corpora = [t["corpus"] for t in results["throughput"]]
    assert corpora == ["generated (20)", *(["seeds (5)"] if SEEDS.is_dir() else [])]
    main = results["throughput"][0]
    assert main["articles"] == 20
    assert main["build_words_per_s"] > 0 and main["tokenizer_words_per_s"] > 0
    assert len(main["ratios"]) == main["runs"] == 1 and main["ratio"] == main["ratios"][0]
    assert [(b["articles"], b["jobs"], b["exit"]) for b in results["builds"]] == [(20, 1, 0), (20, 2, 0)]
    assert all(b["peak_rss_mb"] > 0 for b in results["builds"])
    assert results["sparql"]["triples"] >= 3000
    queries = results["sparql"]["queries"]
    assert [q["query"] for q in queries if q["form"] == "full"] == sorted(competency_queries())
    assert {q["query"] for q in queries if q["form"] == "question"} == set(QUESTIONS)
    assert all(q["params"] and all(q["params"].values()) for q in queries if q["form"] == "question")
    assert all(q["oxigraph_runs"] >= 1 for q in results["sparql"]["queries"])
    assert results["add_one"]["store_documents"] == 20
    assert 0 < results["html"]["nodes"] <= 200
    assert len(results["goals"]) == 7
    markdown = (tmp_path / "bench.md").read_text(encoding="utf-8")
    assert markdown.startswith("# graphbuild benchmark\n")
    for heading in ("## Throughput on one core", "## Full `graphbuild build`", "## Competency queries on",
                    "## Updates and HTML", "## Goals"):
        assert heading in markdown
    assert "**Quick mode**" in markdown
    assert ("compiled with mypyc." if graphbuild.compiled() else "in pure Python (not compiled).") in markdown
    assert markdown.count("| whole build on one core |") == 1
