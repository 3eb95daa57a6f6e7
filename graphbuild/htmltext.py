"""Getting an article's text and metadata out of a saved news web page.

Uses the standard library's html.parser, so no HTML dependency is needed. Scripts, styles,
navigation, page header and footer, sidebars and forms are dropped; block elements become
paragraphs separated by a blank line and `<br>` a line break, with runs of whitespace
inside a line folded to one space (as a browser shows them). When the page marks its
article with `<article>`, only the text inside it is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

DROPPED = frozenset(
    "script style nav header footer aside form noscript template svg iframe button figcaption".split()
)
BLOCKS = frozenset("p div section article main body li blockquote pre tr figure hr dd dt".split())
HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
META_KEYS = frozenset({"og:title", "og:site_name", "og:url", "article:published_time"})


@dataclass
class HtmlArticle:
    """The article text of a page and the metadata its markup declares."""

    text: str
    title: str | None
    date: str | None
    publisher: str | None
    url: str | None


def extract_html(source: str) -> HtmlArticle:
    """Article text (paragraphs joined by blank lines) and metadata of an HTML page.

    Title: first `<h1>`, else og:title, else `<title>` (the h1 is usually what the article
    text opens with; `<title>` often carries a site-name suffix). Date: article:published_time,
    else the first `<time datetime>`. Publisher: og:site_name. URL: og:url, else rel=canonical.
    """
    parser = _ArticleParser()
    parser.feed(source)
    parser.close()
    parser.flush()
    inside = [text for text, in_article in parser.paragraphs if in_article]
    paragraphs = inside or [text for text, _ in parser.paragraphs]
    meta = parser.meta
    return HtmlArticle(
        text="\n\n".join(paragraphs),
        title=_fold(parser.h1) or meta.get("og:title") or _fold(parser.title) or None,
        date=meta.get("article:published_time") or parser.time,
        publisher=meta.get("og:site_name"),
        url=meta.get("og:url") or parser.canonical,
    )


class _ArticleParser(HTMLParser):
    """Collects paragraphs (with whether they lie inside <article>) and page metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, bool]] = []
        self.lines: list[list[str]] = [[]]
        self.dropped: list[str] = []
        self.article_depth = 0
        self.in_head = False
        self.in_title = False
        self.h1_open = False
        self.title: list[str] = []
        self.h1: list[str] = []
        self.h1_done = False
        self.meta: dict[str, str] = {}
        self.time: str | None = None
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or ""
            if key in META_KEYS and values.get("content", "").strip() and key not in self.meta:
                self.meta[key] = " ".join(values["content"].split())
        elif tag == "link" and "canonical" in values.get("rel", "").split() and values.get("href"):
            self.canonical = self.canonical or values["href"]
        elif tag == "time" and values.get("datetime") and self.time is None:
            self.time = values["datetime"].strip()
        elif tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        elif tag == "title":
            self.in_title = True
        elif tag == "h1" and not self.h1_done:
            self.h1_open = True
        if tag in DROPPED:
            self.dropped.append(tag)
        elif tag == "br":
            self.lines.append([])
        elif tag in BLOCKS or tag in HEADINGS:
            self.flush()
        if tag == "article":
            self.article_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.dropped:
            while self.dropped.pop() != tag:
                pass
        elif tag in BLOCKS or tag in HEADINGS:
            self.flush()
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        elif tag == "head":
            self.in_head = False
        elif tag == "title":
            self.in_title = False
        elif tag == "h1" and self.h1_open:
            self.h1_open = False
            self.h1_done = bool(_fold(self.h1))

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.h1_open:
            self.h1.append(data)
        if not self.dropped and not self.in_head and not self.in_title:
            self.lines[-1].append(data)

    def flush(self) -> None:
        """End the current paragraph, keeping it when it holds any text."""
        lines = [_fold(parts) for parts in self.lines]
        text = "\n".join(line for line in lines if line)
        if text:
            self.paragraphs.append((text, self.article_depth > 0))
        self.lines = [[]]


def _fold(parts: list[str]) -> str:
    """The pieces joined, with runs of whitespace folded to one space and ends trimmed."""
    return " ".join("".join(parts).split())
