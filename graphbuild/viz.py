"""The interactive HTML graph: one self-contained page that works offline.

pyvis builds the page around vis-network; graphbuild then strips pyvis's CDN links and
empty headings and adds its own header, legend, filters, search and tooltips from the
package's templates. Article text is untrusted, so it reaches the page only as JSON with
`<`, `>`, `&` and `'` escaped (Jinja's `tojson`) and is put on screen with `textContent`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from importlib import resources
from typing import Any

import jinja2
import pyoxigraph as ox
import rdflib
from markupsafe import Markup
from pyvis.network import Network

from graphbuild.viz_data import VizEdge, VizGraph, VizNode, load_style, project

PHYSICS_MAX_NODES = 300
NEGATED_DASHES = [8, 6]
HEDGED_DASHES = [2, 5]
HEDGED_OPACITY = 0.45
_PYVIS_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*")
_PYVIS_DEAD_COMMENT = re.compile(r"<!-- <link rel=\"stylesheet\" href=\"\.\./node_modules/.*?-->\s*", re.S)
_EXTERNAL_TAG = re.compile(
    r"<(?:link|script)\b[^>]*?\b(?:href|src)\s*=\s*[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?\s*", re.I)
_EXTERNAL_REF = re.compile(r"<[a-z][^<>]*?\s(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)


def render_html(graph: rdflib.Graph | ox.Store, title: str, max_nodes: int = 5000) -> str:
    """The page for `graph`, titled `title`, drawing at most `max_nodes` nodes (the most central).

    The same graph always gives byte-identical HTML.
    """
    style = load_style()
    viz = project(graph, max_nodes, style)
    physics = len(viz.nodes) <= PHYSICS_MAX_NODES
    doc_index = {iri: i for i, iri in enumerate(viz.documents)}
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = [_vis_node(node, viz, style) for node in viz.nodes]
    net.edges = _vis_edges(viz, style, doc_index)
    net.options = _options(big=not physics)
    page = _offline(net.generate_html())
    head, body = _page_parts(viz, style, title, physics)
    return _insert_once(_insert_once(page, "</head>", head), "</body>", body)


def _vis_node(node: VizNode, viz: VizGraph, style: dict[str, Any]) -> dict[str, Any]:
    """The vis-network item for one node; fields vis does not know are read by viz.js."""
    look = style["classes"][node.cls]
    x, y = viz.positions[node.id]
    return {
        "id": node.id, "label": node.label, "shape": look["shape"], "color": look["colour"],
        "value": viz.centrality[node.id], "x": x, "y": y,
        "cls": node.cls, "en": node.label_en, "aliases": list(node.aliases), "role": node.role,
        "sameAs": list(node.same_as), "deg": viz.degree[node.id],
    }


def _vis_edges(viz: VizGraph, style: dict[str, Any], doc_index: dict[str, int]) -> list[dict[str, Any]]:
    """The vis-network items for the edges, with the documents each one is filtered by.

    An assertion belongs to its own documents. A direct triple that no assertion records
    belongs to the documents of its event (for an event's agent, target or location), else
    to those of its drawn start node.
    """
    events = {cls for cls, look in style["classes"].items() if look.get("event")}
    cls_of = {node.id: node.cls for node in viz.nodes}
    node_docs: dict[str, set[int]] = defaultdict(set)
    for edge in viz.edges:
        for doc in edge.sources:
            node_docs[edge.source].add(doc_index[doc])
            node_docs[edge.target].add(doc_index[doc])
    items = []
    for number, edge in enumerate(viz.edges):
        own = sorted(doc_index[doc] for doc in edge.sources)
        if own:
            docs = own
        else:
            anchor = edge.target if cls_of[edge.target] in events else edge.source
            docs = sorted(node_docs[anchor])
        items.append(_vis_edge(f"e{number}", edge, style["predicates"][edge.pred], own, docs))
    return items


def _vis_edge(edge_id: str, edge: VizEdge, rule: dict[str, Any], own: list[int], docs: list[int]) -> dict:
    """One vis-network edge: dashed when negated, dotted and faded when hedged."""
    label = rule["negated"] if edge.negated else rule["label"]
    if edge.hedged:
        label += " (hedged)"
    dashes: list[int] | bool = NEGATED_DASHES if edge.negated else HEDGED_DASHES if edge.hedged else False
    width = 1.0 if edge.confidence is None else round(1.0 + 2.0 * edge.confidence, 2)
    item: dict[str, Any] = {
        "id": edge_id, "from": edge.source, "to": edge.target, "label": label, "dashes": dashes,
        "width": width,
        "color": {"color": rule["colour"], "highlight": rule["colour"], "hover": rule["colour"],
                  "opacity": HEDGED_OPACITY if edge.hedged else 1.0},
        "pred": edge.pred, "ev": edge.evidence, "src": own, "docs": docs, "conf": edge.confidence,
        "neg": edge.negated, "hed": edge.hedged, "ext": edge.extractor, "asr": bool(edge.assertion),
    }
    if rule.get("symmetric"):
        item["arrows"] = {"to": {"enabled": False}}
    return item


def _options(big: bool) -> dict[str, Any]:
    """vis-network options; physics stays off here and viz.js turns it on for small graphs."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#343434", "strokeWidth": 3,
                     "strokeColor": "#ffffff"},
            "scaling": {"min": 10, "max": 40 if big else 28,
                        "label": {"enabled": True, "min": 13, "max": 30 if big else 18, "drawThreshold": 6}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 11, "color": "#333333", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "smooth": False if big else {"type": "dynamic"},
            "hoverWidth": 1.5,
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big, "multiselect": True},
    }


def _offline(page: str) -> str:
    """pyvis's page without its CDN tags and empty headings; fails if a remote reference is left."""
    page = _EXTERNAL_TAG.sub("", page)
    page = _PYVIS_DEAD_COMMENT.sub("", page)
    page = _PYVIS_HEADING.sub("", page)
    if _EXTERNAL_REF.search(page):
        raise RuntimeError("the pyvis page still references a remote host; update graphbuild.viz._offline")
    return "<!DOCTYPE html>\n" + page


def _insert_once(page: str, marker: str, fragment: str) -> str:
    """Put `fragment` before the only `marker` in `page`, so a changed pyvis template fails loudly."""
    if page.count(marker) != 1:
        raise RuntimeError(f"expected one {marker} in the pyvis page, found {page.count(marker)}")
    return page.replace(marker, fragment + marker)


def _template(name: str) -> str:
    """A packaged template file's text."""
    return resources.files("graphbuild").joinpath("templates", name).read_text(encoding="utf-8")


def _page_parts(viz: VizGraph, style: dict[str, Any], title: str, physics: bool) -> tuple[str, str]:
    """The head fragment (title, style) and body fragment (header, sidebar, script)."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    class_counts = Counter(node.cls for node in viz.nodes)
    pred_counts = Counter(edge.pred for edge in viz.edges)
    classes = [dict(style["classes"][c], key=c, count=class_counts[c])
               for c in style["classes"] if c in class_counts]
    predicates = [dict(style["predicates"][p], key=p, count=pred_counts[p])
                  for p in style["predicates"] if p in pred_counts]
    config = {
        "classes": {c["key"]: {"label": c["label"]} for c in classes},
        "documents": [list(doc) for doc in viz.documents.values()],
        "physics": {"enabled": True, "stabilization": {"enabled": False},
                    "barnesHut": {"springLength": 170, "avoidOverlap": 0.3}} if physics else None,
    }
    values = {
        "title": title, "css": Markup(_template("viz.css")), "script": Markup(_template("viz.js")),
        "classes": classes, "predicates": predicates, "config": config,
        "documents": [{"file": file, "headline": headline} for file, headline in viz.documents.values()],
        "shown": len(viz.nodes), "total": viz.total_nodes, "edges": len(viz.edges),
    }
    page = _template("viz-page.html")
    head, body = page.split("<!-- body -->\n", 1)
    return env.from_string(head).render(values), env.from_string(body).render(values)
