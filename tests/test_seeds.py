"""The seed articles: the scorer's numbers stay at or above the bar.

The seeds live outside the repository (../shared); the test skips with a message where
they are absent. The bar is below the current numbers so that a regression fails.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild.commands import ask as run_ask
from graphbuild.commands import build

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
BAR = {
    "entity.f1": 0.95, "alias.rate": 0.9, "relation.f1": 0.85, "quantity.f1": 0.9, "links.f1": 0.9,
    "provenance.rate": 1.0,
}


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (they are not part of the repository)")
    out = tmp_path_factory.mktemp("seeds")
    build([SEEDS], out)
    return out


def test_scores_stay_above_the_bar(seeds_graph: Path) -> None:
    args = [sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "gold" / "seeds.json"),
            "--corpus", str(SEEDS), *[f"--min={k}={v}" for k, v in BAR.items()], "--max=negatives_emitted=0",
            str(seeds_graph / "graph.ttl")]
    result = subprocess.run(args, capture_output=True, text=True)
    scores = json.loads(result.stdout.splitlines()[-1].removeprefix("scores ")) if result.returncode == 0 else None
    assert result.returncode == 0, result.stdout[-2000:]
    provenance = scores["provenance"]
    assert provenance["offsets_ok"] == provenance["offsets_checked"]


def test_the_report_names_the_deniers_and_the_figures(seeds_graph: Path) -> None:
    report = json.loads((seeds_graph / "report.json").read_text(encoding="utf-8"))
    deniers = {row["speaker_label"] for row in report["denials"]["rows"] if row["event_class"] == "Deployment"}
    assert {"Vassily Nebenzia", "Korea Utara", "Rusia"} <= deniers
    demanders = {row["speaker_label"] for row in report["demands"]["rows"] if row["event_class"] == "Withdrawal"}
    assert {"Lloyd Austin", "Kim Yong-hyun"} <= demanders
    figures = {(f["claimant_label"], f["quantity"])
               for row in report["conflicting_figures"]["rows"] for f in row["figures"]}
    assert {("Korea Selatan", 1500), ("Sergiy Kyslytsya", 12000)} <= figures
    assert report["contradictions"]["total"] == len(report["contradictions"]["rows"]) > 0


def ask(seeds_graph: Path, name: str, **params: str) -> list[dict[str, str]]:
    """Rows of a competency query over the seeds graph, as dicts of strings."""
    text = run_ask(name, [f"{k}={v}" for k, v in params.items()], graph_file=seeds_graph / "graph.ttl", fmt="csv")
    return list(csv.DictReader(io.StringIO(text)))


# Expected rows written from a reading of the gold annotation, not from the output.
def test_who_denied_the_deployment(seeds_graph: Path) -> None:
    rows = {(r["speaker"], r["what"], r["agent"]) for r in ask(seeds_graph, "who-denied")}
    assert {("Vassily Nebenzia", "Deployment", "Korea Utara"), ("Rusia", "Deployment", "Korea Utara"),
            ("Korea Utara", "Deployment", "Korea Utara")} <= rows


def test_who_demanded_the_withdrawal(seeds_graph: Path) -> None:
    rows = {(r["speaker"], r["what"], r["agent"]) for r in ask(seeds_graph, "who-demanded")}
    assert {("Lloyd Austin", "Withdrawal", "Korea Utara"), ("Kim Yong-hyun", "Withdrawal", "Korea Utara"),
            ("Amerika Serikat", "Withdrawal", "Korea Utara"), ("Korea Selatan", "Withdrawal", "Korea Utara")} <= rows


def test_claimed_figures(seeds_graph: Path) -> None:
    rows = {(r["claimant"], r["event"], r["quantity"], r["qualifier"]) for r in ask(seeds_graph, "claimed-figures")}
    assert {("Sergiy Kyslytsya", "Deployment", "12000", "up to"), ("Korea Selatan", "Deployment", "1500", "exactly"),
            ("Amerika Serikat", "Deployment", "8000", "exactly"), ("Antony Blinken", "Deployment", "8000", "about"),
            ("", "Deployment", "10000", "about")} <= rows


def test_roles_and_affiliations(seeds_graph: Path) -> None:
    rows = {(r["person"], r["role"], r["affiliation"]) for r in ask(seeds_graph, "roles")}
    assert {("Lloyd Austin", "Menteri Pertahanan AS", "Amerika Serikat"),
            ("Kim Song", "Duta Besar Korea Utara untuk PBB", "Korea Utara"),
            ("Vladimir Putin", "Presiden Rusia", "Rusia")} <= rows


@pytest.mark.parametrize(("name", "params", "column", "value"), [
    ("claimed-figures", {"agent": "Korut", "event": "Deployment"}, "agent", "Korea Utara"),
    ("contradictions", {"agent": "Korut"}, "agent", "Korea Utara"),
    ("who-accused-whom", {"accuser": "Kim Song"}, "accuser", "Kim Song"),
    ("roles", {"person": "lloyd austin"}, "person", "Lloyd Austin"),
])
def test_a_question_lists_the_rows_of_the_full_listing_it_names(seeds_graph: Path, name: str, params: dict[str, str],
                                                                  column: str, value: str) -> None:
    rows = ask(seeds_graph, name, **params)
    assert rows
    full = ask(seeds_graph, name)
    assert rows == [r for r in full if r[column] == value and r.get("event", "Deployment") == "Deployment"]


def test_sources(seeds_graph: Path) -> None:
    rows = {r["sourceFile"]: (r["publisher"], r["date"]) for r in ask(seeds_graph, "sources")}
    assert rows["001_9094dd40a9a1e679.txt"] == ("Reuters", "2024-10-22")
    assert rows["004_f551ee3c29cc03ca.txt"][1] == "2024-11-01"


def test_a_claim_contradicts_a_denial(seeds_graph: Path) -> None:
    # The pairs the build linked: Kyslytsya's claim of 12,000 North Korean troops (003) and South Korea's
    # claim of 1,500 (001), each against North Korea's denial that it sent troops (001).
    rows = ask(seeds_graph, "contradictions")
    pairs = {(r["speakerA"], r["actA"], r["documentA"], r["speakerB"], r["actB"], r["documentB"])
             for r in rows if r["what"] == "Deployment" and r["agent"] == "Korea Utara"}
    assert {("Sergiy Kyslytsya", "claims", "003_153c129ab84b8570.txt", "Korea Utara", "denies",
             "001_9094dd40a9a1e679.txt"),
            ("Korea Selatan", "claims", "001_9094dd40a9a1e679.txt", "Korea Utara", "denies",
             "001_9094dd40a9a1e679.txt")} <= pairs
    assert all(r["speakerA"] != r["speakerB"] and r["actB"] == "denies" for r in rows)
    asked = ask(seeds_graph, "contradictions", agent="Korut", event="Deployment")
    assert asked == [r for r in rows if r["what"] == "Deployment" and r["agent"] == "Korea Utara"]


def test_evidence_for_a_denial(seeds_graph: Path) -> None:
    rows = ask(seeds_graph, "evidence-for", subject="Moskow", predicate="denies", object="")
    assert [r["document"] for r in rows] == ["000_158c1db966d4b687.txt"]


def test_rebuilding_adds_nothing_and_a_new_article_touches_only_its_graph(seeds_graph: Path,
                                                                          tmp_path: Path) -> None:
    summary = build([SEEDS], seeds_graph)
    assert "0 documents added, 0 replaced, 5 unchanged (+0 / -0 quads)" in summary
    new = tmp_path / "baru.txt"
    new.write_text("Jepang mengecam Korea Utara atas peluncuran rudal balistik pada Senin.\n", encoding="utf-8")
    summary = build([new], seeds_graph)
    assert "1 documents added, 0 replaced, 0 unchanged" in summary
