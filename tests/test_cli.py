"""The command line: every command documented, builds, errors, determinism."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graphbuild import commands
from graphbuild.cli import main
from graphbuild.store import GraphStore

ARTICLE = (
    "Korut Bantah Kirim Pasukan ke Rusia\n\n"
    "JAKARTA, Kabarku.id – Pemerintah Korea Utara membantah mengirim sekitar 2.000 tentara ke Rusia, "
    "Senin (4/11/2024). Menteri Pertahanan Korea Selatan Lee Min-ho mendesak Korut menarik pasukannya. "
    "Rusia tidak menyangkal kehadiran pasukan Korea Utara di wilayah Kursk.\n"
    "Baca Juga: AS Kecam Uji Coba Rudal Iran\n"
)


# A claim that ARTICLE's denial contradicts.
CONTRADICTING = "Badan intelijen Korea Selatan mengatakan Korea Utara telah mengirim 3.000 tentara ke Rusia.\n"


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text("Jepang mengecam Korea Utara atas peluncuran rudal itu.\n", encoding="utf-8")
    return folder


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_command_has_help() -> None:
    for name, command in main.commands.items():
        assert command.help, name
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Usage:" in result.output


def test_build_writes_every_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", str(corpus(tmp_path)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Read 2 documents.")
    assert sorted(p.name for p in out.iterdir()) == [
        "graph.html", "graph.trig", "graph.ttl", "report.json", "report.md", "store"]
    assert "SHACL: conforms." in result.output


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    run("build", str(folder), "-o", str(tmp_path / "one"))
    run("build", str(folder), "-o", str(tmp_path / "two"))
    for name in ("graph.ttl", "graph.trig", "report.md", "report.json", "graph.html"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_missing_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'nope.txt'}: no such file or directory\n"
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_folder_without_documents_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("build", str(tmp_path / "empty"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'empty'}: no readable documents\n"


def test_a_bad_document_is_skipped_and_reported(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "c.txt").write_bytes(b"%PDF-1.4\x00\x00binary")
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == (
        f"Read 2 documents (1 skipped: {folder / 'c.txt'}: not a text file (binary content)).")


def test_output_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("build", str(corpus(tmp_path)), "-o", str(blocker / "out"))
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {blocker / 'out'}:")
    assert len(result.output.splitlines()) == 1


def test_query_and_ask_on_the_built_graph(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("build", str(corpus(tmp_path)), "-o", str(out))
    graph = str(out / "graph.ttl")
    q = "SELECT ?l WHERE { ?s gb:demands ?e . ?s rdfs:label ?l } ORDER BY ?l"
    assert run("query", q, "--graph", graph, "--format", "csv").output.splitlines() == ["l", "Lee Min-ho"]
    denied = list(csv.DictReader(io.StringIO(run("ask", "who-denied", "--graph", graph, "--format", "csv").output)))
    assert sorted((r["speaker"], r["what"], r["document"]) for r in denied) == [
        ("Korea Utara", "Deployment", "a.txt"), ("Korea Utara", "Deployment", "a.txt")]


def test_malformed_query_names_line_and_column(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("build", str(corpus(tmp_path)), "-o", str(out))
    result = run("query", "SELECT ?s WHERE {\n  ?s ?p }", "--graph", str(out / "graph.ttl"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: query syntax error at line 2, column")


def test_unknown_export_format_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "g.ttl").write_text("")
    assert run("export", str(tmp_path / "g.ttl"), "--format", "xml").exit_code == 2


def test_validate_reports_conformance(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run("build", str(corpus(tmp_path)), "-o", str(out))
    result = run("validate", str(out / "graph.ttl"))
    assert (result.exit_code, result.output) == (0, f"{out / 'graph.ttl'}: conforms\n")


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild.cli", *args], env={**os.environ, **env},
                          capture_output=True, text=True, check=True)


def test_same_bytes_whatever_the_hash_seed_jobs_and_order(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "c.txt").write_text("Filipina menuduh China mengirim kapal ke Laut China Selatan.\n", encoding="utf-8")
    runs = [
        (["build", str(folder), "-o", str(tmp_path / "r1"), "--jobs", "1", "--title", "T"], {"PYTHONHASHSEED": "1"}),
        (["build", str(folder / "c.txt"), str(folder / "b.txt"), str(folder / "a.txt"),
          "-o", str(tmp_path / "r2"), "--jobs", "2", "--title", "T"], {"PYTHONHASHSEED": "2"}),
    ]
    for args, env in runs:
        _cli(args, env)
    for name in ("graph.ttl", "graph.trig", "report.md"):
        assert (tmp_path / "r1" / name).read_bytes() == (tmp_path / "r2" / name).read_bytes(), name


def test_outputs_made_in_helper_processes_are_the_same(tmp_path: Path, monkeypatch) -> None:
    """For a large store a spawned process draws the page from a snapshot of the store as loaded
    (before the contradictions are linked, which the page does not show) and writes the exports
    from one taken once they are, while the build reads the tables and analyses; the outputs must
    not differ from those made in one process, after the links."""
    folder = corpus(tmp_path)
    (folder / "c.txt").write_text(CONTRADICTING, encoding="utf-8")
    run("build", str(folder), "-o", str(tmp_path / "one"), "--title", "T")
    monkeypatch.setattr(commands, "HELPER_PROCESS_DOCUMENTS", 1)
    helpers = []
    monkeypatch.setattr(commands, "_helper_process", _counting(commands._helper_process, helpers))
    run("build", str(folder), "-o", str(tmp_path / "two"), "--title", "T")
    assert helpers == [True]
    for name in ("graph.html", "graph.ttl", "graph.trig", "report.md", "report.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(["store", *commands.BUILD_OUTPUTS])
    assert b"gb:contradicts" in (tmp_path / "two" / "graph.trig").read_bytes()
    with GraphStore(tmp_path / "two" / "store", read_only=True) as store:
        store.export({"ttl": tmp_path / "again.ttl", "trig": tmp_path / "again.trig"})
    for name in ("ttl", "trig"):
        assert (tmp_path / f"again.{name}").read_bytes() == (tmp_path / "two" / f"graph.{name}").read_bytes(), name


def test_links_of_a_removed_document_leave_the_next_build(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "c.txt").write_text(CONTRADICTING, encoding="utf-8")
    out = tmp_path / "out"
    run("build", str(folder), "-o", str(out), "--title", "T")
    for term in (b"gb:contradicts", b"gb:speakerName", b"gb:documentName"):
        assert term in (out / "graph.trig").read_bytes(), term
    assert run("remove", "c.txt", "--store", str(out / "store")).exit_code == 0
    run("build", str(folder / "a.txt"), "-o", str(out), "--title", "T")
    for term in (b"gb:contradicts", b"gb:speakerName", b"gb:documentName"):
        assert term not in (out / "graph.trig").read_bytes(), term
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["contradictions"] == {"rows": [], "total": 0}


def _counting(helper, calls: list[bool]):
    def wrapped(wanted: bool):
        calls.append(wanted)
        return helper(wanted)
    return wrapped


def test_a_killed_build_leaves_the_previous_outputs(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    out = tmp_path / "out"
    _cli(["build", str(folder), "-o", str(out)], {})
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    big = tmp_path / "big"
    big.mkdir()
    for i in range(300):
        (big / f"{i:03}.txt").write_text(ARTICLE * 5, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "graphbuild.cli", "build", str(big), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert run("stats", "--store", str(out / "store")).exit_code == 0


@pytest.mark.parametrize("command", ["stats", "remove"])
def test_store_commands_without_a_store(tmp_path: Path, command: str) -> None:
    args = [command, "--store", str(tmp_path / "none")] + (["a"] if command == "remove" else [])
    result = run(*args)
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1


def test_a_build_failing_while_writing_outputs_keeps_every_previous_output(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The exports are streamed to temporary files first; none replaces its output before all are done."""
    folder = corpus(tmp_path)
    out = tmp_path / "out"
    run("build", str(folder), "-o", str(out), "--title", "lama")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (folder / "c.txt").write_text("Filipina menuduh China mengirim kapal ke Laut China Selatan.\n", encoding="utf-8")

    def broken_page(*args: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr("graphbuild.viz.render_html", broken_page)
    result = run("build", str(folder), "-o", str(out), "--title", "baru")
    assert (result.exit_code, result.output) == (1, "Error: disk full\n")
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in out.iterdir()) == sorted([*before, "store"])
