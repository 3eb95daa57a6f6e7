"""The Markdown and JSON reports: exact rows, escaping, caps, determinism."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from rdflib import Graph

from graphbuild.analysis import analyze
from graphbuild.report import JSON_ROWS, MAX_ROWS, NESTED_ROWS, cell, figure, render_json, render_markdown, summary

MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
HEADINGS = ["## Summary", "## Most central actors", "## Who denied what", "## Who demanded what",
            "## Claimed figures by claimant", "## Conflicting figures", "## Contradictions", "## Communities",
            "## Stances"]


@pytest.fixture(scope="module")
def found() -> dict:
    return analyze(Graph().parse(MINI, format="turtle"))


@pytest.fixture(scope="module")
def markdown(found: dict) -> str:
    return render_markdown(found, "Mini | uji")


def test_sections_in_order(markdown: str) -> None:
    lines = markdown.splitlines()
    assert lines[0] == "# Mini \\| uji"
    assert [line for line in lines if line.startswith("## ")] == HEADINGS


def test_summary(markdown: str) -> None:
    assert "- **114** triples from **2** documents." in markdown.splitlines()
    assert ("- Denials: 1; demands: 1; conflicting figures: 1; contradictions: 1 pairs in 1 groups."
            in markdown.splitlines())


def test_tables_have_exact_rows(markdown: str) -> None:
    lines = markdown.splitlines()
    escaped = "Pyongyang membantah mengirim hingga 3.000 pasukan &lt;script&gt;alert(1)&lt;/script&gt;."
    assert f"| Korea Utara | Deployment | Korea Utara | up to 3,000 | b.txt | {escaped} |" in lines
    assert ("| Budi Santoso | Withdrawal | Korea Utara | a.txt | Santoso mendesak Korut menarik pasukannya. |"
            in lines)
    assert ("| Deployment | Korea Utara | about 10,000 | Budi Santoso | claims | a.txt | Menteri Pertahanan "
            "Budi Santoso mengatakan sekitar 10.000 tentara Korut dikirim ke Kursk. |") in lines
    assert "| 1 | Rusia | Country | 1 | 0.0000 | 0.3303 |" in lines
    assert "| 1 | 4 | Amerika Serikat, Budi Santoso, Korea Utara, Rusia |" in lines
    assert "| Budi Santoso | negative | Korea Utara | 2 | accuses ×1, demands ×1 |" in lines
    prefix = "| Deployment | Korea Utara | 1 | Budi Santoso ×1 | Korea Utara ×1 | "
    (contradiction,) = [line for line in lines if line.startswith(prefix)]
    assert contradiction.startswith(prefix + "Budi Santoso (claims, a.txt): Menteri Pertahanan")
    assert "| Korea Utara (b.txt): Pyongyang membantah" in contradiction


def test_no_raw_html_from_evidence(markdown: str) -> None:
    assert "<script>" not in markdown


def test_cell_escapes_pipes_newlines_and_html() -> None:
    assert cell("a|b\nc\r\nd <i>") == "a\\|b c d &lt;i&gt;"
    assert cell(None) == ""
    assert cell("x" * 300) == "x" * 239 + "…"


def test_figure_reads_like_text() -> None:
    assert figure(10000, "about", "troops") == "about 10,000 troops"
    assert figure(3000, None) == "3,000"
    assert figure(None, "about") == ""


def test_long_tables_are_capped(found: dict) -> None:
    many = copy.deepcopy(found)
    many["denials"] = found["denials"] * (MAX_ROWS + 10)
    lines = render_markdown(many, "t").splitlines()
    assert sum(line.startswith("| Korea Utara | Deployment |") for line in lines) == MAX_ROWS
    assert f"_… and 10 more rows; report.json lists the first {JSON_ROWS}._" in lines


def test_empty_sections_say_none_found() -> None:
    markdown = render_markdown(analyze(Graph()), "kosong")
    assert markdown.count("_None found._") == len(HEADINGS) - 1


def test_json(found: dict) -> None:
    text = render_json(found)
    assert text.endswith("}\n")
    assert json.loads(text) == summary(found)
    assert text == json.dumps(summary(found), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert list(json.loads(text)) == sorted(found)


def test_json_summarizes_lists_with_their_totals(found: dict) -> None:
    many = copy.deepcopy(found)
    many["denials"] = found["denials"] * (JSON_ROWS + 5)
    many["communities"][0]["members"] = found["communities"][0]["members"] * NESTED_ROWS
    short = json.loads(render_json(many))
    assert short["counts"] == found["counts"] and short["key_actors"] == found["key_actors"]
    assert short["denials"] == {"total": JSON_ROWS + 5, "rows": found["denials"] * JSON_ROWS}
    assert short["demands"] == {"total": 1, "rows": found["demands"]}
    (community,) = short["communities"]["rows"]
    assert (len(community["members"]), community["members_total"]) == (NESTED_ROWS, 4 * NESTED_ROWS)
    (group,) = short["conflicting_figures"]["rows"]
    assert (group["figures"], group["figures_total"]) == (found["conflicting_figures"][0]["figures"], 2)


def test_json_keeps_non_ascii() -> None:
    assert render_json({"label": "Türkiye ×"}) == '{\n  "label": "Türkiye ×"\n}\n'


def test_rendering_is_deterministic(found: dict) -> None:
    again = analyze(Graph().parse(MINI, format="turtle"))
    assert render_markdown(again, "Mini | uji") == render_markdown(found, "Mini | uji")
    assert render_json(again) == render_json(found)
