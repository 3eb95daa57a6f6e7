"""The interactive graph in Debian's Chromium: it draws, stays offline, explains and never runs article text.

Skipped, with the reason, only when /usr/bin/chromium is missing or Playwright cannot launch it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import rdflib
from synthetic import PAYLOAD_EVIDENCE, PAYLOAD_LABEL, synthetic_graph

from graphbuild.outputs import atomic_write
from graphbuild.viz import render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
LOCAL_SCHEMES = ("file://", "data:", "blob:", "about:")
MINI = Path(__file__).parent / "fixtures" / "mini.ttl"
NK = "https://w3id.org/graphbuild/resource/north-korea"
DENIAL = "Pyongyang membantah mengirim hingga 3.000 pasukan <script>alert(1)</script>."
READY_MS = 120_000
EDGE_MIDPOINT = """id => {
  const point = network.body.edges[id].edgeType.getPoint(0.5);
  const dom = network.canvasToDOM(point);
  const box = document.getElementById("mynetwork").getBoundingClientRect();
  return {x: box.left + dom.x, y: box.top + dom.y};
}"""
COLOURS = """() => Object.fromEntries(["Budi Santoso", "Kabar Harian", "Korea Utara"].map(
  label => [label, network.body.data.nodes.get({filter: n => n.label === label})[0].color]))"""
DIMMED, BLUE, GREEN, RED = "#e3e6ea", "#4e79a7", "#59a14f", "#e15759"
VISIBLE = """() => ({
  nodes: network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.label).sort(),
  edges: network.body.data.edges.get({filter: e => !e.hidden}).length,
})"""


@dataclass
class Opened:
    """A page and what it did while loading and afterwards."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright, or a skip saying why it cannot run."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Error as err:
            pytest.skip(f"Playwright cannot launch {CHROMIUM}: {err.message.splitlines()[0]}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def mini_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture graph's page, written once for this module."""
    path = tmp_path_factory.mktemp("mini") / "mini.html"
    atomic_write(path, render_html(rdflib.Graph().parse(MINI), "Korut dan Rusia"))
    return path


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 5,000-node synthetic graph's page, with script payloads in its text."""
    path = tmp_path_factory.mktemp("big") / "big.html"
    atomic_write(path, render_html(synthetic_graph(5000), "Synthetic corpus"))
    return path


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Open a page in a fresh context, recording console errors, requests and dialogs."""
    contexts = []

    def opener(path: Path) -> Opened:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        opened = Opened(context.new_page())

        def on_console(message: Any) -> None:
            if message.type == "error":
                opened.console_errors.append(message.text)

        opened.page.on("console", on_console)
        opened.page.on("pageerror", lambda err: opened.console_errors.append(str(err)))
        opened.page.on("request", lambda request: opened.requests.append(request.url))
        opened.page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
        opened.page.goto(path.as_uri())
        opened.page.wait_for_function("window.gbReady === true", timeout=READY_MS)
        return opened

    yield opener
    for context in contexts:
        context.close()


def assert_clean(opened: Opened) -> None:
    """No console error, no dialog, no script payload run, no request off the page's own origin."""
    assert opened.console_errors == []
    assert opened.dialogs == []
    assert opened.page.evaluate("typeof window.__pwned") == "undefined"
    assert opened.requests and all(url.startswith(LOCAL_SCHEMES) for url in opened.requests), opened.requests


def test_mini_page_draws_every_node_and_edge_offline(open_page: Any, mini_page: Path, tmp_path: Path) -> None:
    opened = open_page(mini_page)
    page = opened.page
    assert page.evaluate("network.body.data.nodes.length") == 9
    assert page.evaluate("network.body.data.edges.length") == 12
    assert page.inner_text("#gb-counts") == "9 nodes · 12 edges · 2 documents"
    assert page.inner_text("#gb-title") == "Korut dan Rusia"
    page.screenshot(path=str(tmp_path / "mini.png"))
    assert_clean(opened)


def test_hovering_an_edge_shows_its_evidence_as_text(open_page: Any, mini_page: Path, tmp_path: Path) -> None:
    opened = open_page(mini_page)
    page = opened.page
    denial = page.evaluate("edges.get().find(e => e.pred === 'denies').id")
    point = page.evaluate(EDGE_MIDPOINT, denial)
    page.mouse.move(5, 5)
    page.mouse.move(point["x"], point["y"], steps=4)
    page.wait_for_selector("#gb-tooltip:not([hidden])")
    text = page.inner_text("#gb-tooltip")
    assert DENIAL in text
    assert "Source: b.txt" in text and "Confidence: 0.80" in text
    assert page.evaluate("document.querySelectorAll('#gb-tooltip script, #gb-tooltip img').length") == 0
    page.screenshot(path=str(tmp_path / "mini-edge-tooltip.png"))
    assert_clean(opened)


def test_negated_edge_tooltip_says_negated(open_page: Any, mini_page: Path) -> None:
    opened = open_page(mini_page)
    page = opened.page
    page.evaluate("gb.showEdge(edges.get().find(e => e.pred === 'confirms').id)")
    text = page.inner_text("#gb-tooltip")
    assert "Rusia does not confirm pengiriman pasukan (Korea Utara)" in text
    assert "Marked: negated" in text
    assert_clean(opened)


def test_hovering_a_node_shows_aliases_and_wikidata(open_page: Any, mini_page: Path) -> None:
    opened = open_page(mini_page)
    page = opened.page
    page.evaluate("id => gb.showNode(id)", NK)
    text = page.inner_text("#gb-tooltip")
    for expected in ("Korea Utara", "Country", "English: North Korea", "Also written: Korut, Pyongyang",
                     "Wikidata: http://www.wikidata.org/entity/Q423", "Connections: 6"):
        assert expected in text
    assert_clean(opened)


def test_filters_by_document_confidence_predicate_and_class(open_page: Any, mini_page: Path) -> None:
    opened = open_page(mini_page)
    page = opened.page
    page.select_option("#gb-doc", "1")
    assert page.evaluate(VISIBLE) == {"nodes": ["Korea Utara", "Rusia", "pengiriman pasukan (Korea Utara)"],
                                      "edges": 4}
    page.select_option("#gb-doc", "")
    page.fill("#gb-conf", "0.8")
    assert page.evaluate(VISIBLE)["edges"] == 10
    assert page.inner_text("#gb-conf-value") == "0.80"
    page.fill("#gb-conf", "0")
    page.uncheck("input.gb-pred[value=denies]")
    shown = page.evaluate("network.body.data.edges.get({filter: e => !e.hidden}).map(e => e.pred)")
    assert len(shown) == 11 and "denies" not in shown
    page.check("input.gb-pred[value=denies]")
    page.uncheck("input.gb-class[value=Country]")
    visible = page.evaluate(VISIBLE)
    assert visible["nodes"] == ["Budi Santoso", "Kabar Harian", "Kursk", "penarikan pasukan (Korea Utara)",
                                "pengerahan pasukan (Korea Utara)", "pengiriman pasukan (Korea Utara)"]
    assert visible["edges"] == 3
    assert page.inner_text("#gb-visible") == "Visible: 6 of 9 nodes, 3 of 12 edges"
    assert_clean(opened)


def test_search_finds_a_name_by_its_alias(open_page: Any, mini_page: Path) -> None:
    opened = open_page(mini_page)
    page = opened.page
    page.fill("#gb-search", "korut")
    page.press("#gb-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [NK]
    assert page.inner_text("#gb-search-status") == "1 match"
    assert "Korea Utara" in page.inner_text("#gb-details")
    assert page.evaluate(COLOURS) == {"Budi Santoso": BLUE, "Kabar Harian": DIMMED, "Korea Utara": RED}
    page.fill("#gb-search", "pasukan")
    page.wait_for_function("document.getElementById('gb-search-status').textContent.startsWith('Match 1')")
    assert page.inner_text("#gb-search-status") == "Match 1 of 3 (Enter: next)"
    page.press("#gb-search", "Enter")
    assert page.inner_text("#gb-search-status") == "Match 2 of 3 (Enter: next)"
    page.fill("#gb-search", "zzz")
    page.press("#gb-search", "Enter")
    assert page.inner_text("#gb-search-status") == "No match"
    assert page.evaluate("network.getSelectedNodes()") == []
    assert page.evaluate(COLOURS) == {"Budi Santoso": BLUE, "Kabar Harian": GREEN, "Korea Utara": RED}
    assert_clean(opened)


def test_five_thousand_nodes_open_respond_and_never_run_payloads(open_page: Any, big_page: Path,
                                                                 tmp_path: Path) -> None:
    opened = open_page(big_page)
    page = opened.page
    assert page.evaluate("network.body.data.nodes.length") == 5000
    assert page.inner_text("#gb-counts").startswith("5,000 nodes · ")
    page.screenshot(path=str(tmp_path / "big.png"))
    hostile = page.evaluate("edges.get().find(e => e.ev.indexOf('__pwned') >= 0).id")
    page.evaluate("id => gb.showEdge(id)", hostile)
    assert PAYLOAD_EVIDENCE in page.inner_text("#gb-tooltip")
    labelled = page.evaluate("nodes.get().find(n => n.label.indexOf('onerror') >= 0).id")
    page.evaluate("id => gb.showNode(id)", labelled)
    assert PAYLOAD_LABEL in page.inner_text("#gb-tooltip")
    assert page.evaluate("document.querySelectorAll('#gb-tooltip img, #gb-tooltip script').length") == 0
    matches = page.evaluate("q => gb.search(q)", PAYLOAD_LABEL.strip('"> '))
    assert labelled in matches
    page.fill("#gb-conf", "1")
    shown = page.evaluate("network.body.data.edges.get({filter: e => !e.hidden}).map(e => e.conf)")
    assert shown and set(shown) <= {None, 1.0}
    page.screenshot(path=str(tmp_path / "big-search.png"))
    assert_clean(opened)
