"""Reading input files and folders into Documents, with their boilerplate and metadata.

Inputs are .txt, .html/.htm and .jsonl files, or folders searched recursively for them
(sorted by path, hidden files and folders left out, so a run is deterministic). A file
that cannot be an article is reported as Skipped and the run goes on; a path that does
not exist or cannot be read stops it with InputError.

A .txt file's text is kept exactly as decoded (no newline or Unicode normalisation) so
that sentence offsets slice it; only a byte-order mark is removed by decoding. `-` reads
one text document from standard input.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphbuild.boilerplate import find_boilerplate
from graphbuild.htmltext import extract_html
from graphbuild.metadata import parse_date, read_metadata
from graphbuild.model import Document

SUFFIXES = (".htm", ".html", ".jsonl", ".txt")
MAX_DOCUMENT_BYTES = 10_000_000
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b")
OPTIONAL_FIELDS = ("title", "url", "date", "publisher")
STDIN = "-"


@dataclass(frozen=True)
class Skipped:
    """An input that was not read as a document, and why."""

    source: str
    reason: str


class InputError(Exception):
    """An input problem that stops the run (a missing or unreadable path)."""


def read_inputs(paths: Sequence[Path]) -> Iterator[Document | Skipped]:
    """Documents (or Skipped notes) from files and folders, in a deterministic order.

    Every path is checked before the first document is produced. A file reached twice is
    read once; a second document with an id already seen is Skipped.
    """
    for path in paths:
        if str(path) != STDIN and not os.path.lexists(path):
            raise InputError(f"{path}: no such file or directory")
    seen_files: set[tuple[int, int] | str] = set()
    seen_ids: dict[str, str] = {}
    for path in paths:
        if str(path) == STDIN:
            yield from _unique(_read_stdin(), STDIN, seen_ids)
            continue
        for file in _files(Path(path)):
            if isinstance(file, Skipped):
                yield file
            elif (identity := _identity(file)) not in seen_files:
                seen_files.add(identity)
                yield from _unique(_read_file(file), str(file), seen_ids)


def _identity(file: Path) -> tuple[int, int] | str:
    """What tells one file from another however it is reached (a link, another spelling of the
    path): its device and inode, or its path when it cannot be read (reading will say why)."""
    try:
        status = os.stat(file)
    except OSError:
        return str(file)
    return status.st_dev, status.st_ino


def decode_text(data: bytes) -> str | None:
    """The text of `data`, or None when it is binary content.

    A byte-order mark decides the encoding; otherwise UTF-8, then cp1252 and Latin-1 for
    bytes that are not UTF-8 but have no NULs (old Windows-saved files).
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).removeprefix("\ufeff")
            except UnicodeDecodeError:
                return None
    if b"\x00" in data or data.startswith(BINARY_MAGIC):
        return None
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _files(path: Path) -> list[Path | Skipped]:
    """The files to read for one command-line path: a folder's supported files, or the file."""
    if path.is_dir():
        files: list[Path | Skipped] = [*_walk(path)]
        return files
    if not path.is_file():
        return [Skipped(str(path), "not a regular file or folder")]
    if path.suffix.lower() not in SUFFIXES:
        return [Skipped(str(path), f"unsupported file type '{path.suffix}' (expected {', '.join(SUFFIXES)})")]
    return [path]


def _unique(
    items: Iterator[Document | Skipped], source: str, seen: dict[str, str]
) -> Iterator[Document | Skipped]:
    """The items, with a document whose id was already read replaced by a Skipped note."""
    for item in items:
        if isinstance(item, Document) and item.doc_id in seen:
            yield Skipped(
                source, f"duplicate document id '{item.doc_id}' (first read from {seen[item.doc_id]})"
            )
        else:
            if isinstance(item, Document):
                seen[item.doc_id] = source
            yield item


def _walk(folder: Path) -> list[Path]:
    """Supported files under `folder`, recursively, sorted by their path inside it."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root, n) for n in names if not n.startswith(".") and Path(n).suffix.lower() in SUFFIXES
        )
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _read_file(path: Path) -> Iterator[Document | Skipped]:
    """The documents of one supported file."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES and path.suffix.lower() != ".jsonl":
            yield Skipped(str(path), f"too large for one article ({size / 1e6:.0f} MB; the limit is "
                                     f"{MAX_DOCUMENT_BYTES // 1_000_000} MB)")
            return
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(str(path), f"cannot read ({err.strerror or err})")
        return
    text = decode_text(data)
    if text is None:
        yield Skipped(str(path), "not a text file (binary content)")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path, text)
    elif suffix in (".html", ".htm"):
        yield _read_html(path, text)
    elif not text.strip():
        yield Skipped(str(path), "empty document")
    else:
        yield _finish(Document(doc_id=path.stem, text=text, source_file=path.name))


def _read_stdin() -> Iterator[Document | Skipped]:
    """One text document from standard input, decoded like a .txt file."""
    text = decode_text(sys.stdin.buffer.read())
    if text is None:
        yield Skipped(STDIN, "not a text file (binary content)")
    elif not text.strip():
        yield Skipped(STDIN, "empty document")
    else:
        yield _finish(Document(doc_id="stdin", text=text, source_file=STDIN))


def _read_html(path: Path, source: str) -> Document | Skipped:
    """The article of one saved web page."""
    page = extract_html(source)
    if not page.text.strip():
        return Skipped(str(path), "no article text")
    document = Document(
        doc_id=path.stem,
        text=page.text,
        source_file=path.name,
        headline=page.title,
        publisher=page.publisher,
        date=parse_date(page.date) if page.date else None,
        url=page.url,
    )
    return _finish(document)


def _read_jsonl(path: Path, text: str) -> Iterator[Document | Skipped]:
    """One document per non-blank line; a bad line is Skipped with its line number."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        result = _jsonl_record(path.name, line)
        if isinstance(result, str):
            yield Skipped(str(path), f"{path.name}:{number}: {result}")
        else:
            yield _finish(result)


def _jsonl_record(source_file: str, line: str) -> Document | str:
    """The Document of one JSON line, or the problem with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return f"invalid JSON ({err.msg} at column {err.colno})"
    if not isinstance(record, dict):
        return "expected a JSON object"
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return "missing or invalid 'id' (a non-empty string is required)"
    text = record.get("text")
    if not isinstance(text, str):
        return "missing or invalid 'text' (a string is required)"
    if not text.strip():
        return "empty document"
    fields = {key: record.get(key) for key in OPTIONAL_FIELDS}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            return f"'{key}' must be a string"
    date = parse_date(fields["date"]) if fields["date"] else None
    if fields["date"] and date is None:
        return f"'date' is not a date: {fields['date']!r}"
    return Document(
        doc_id=doc_id.strip(),
        text=text,
        source_file=source_file,
        headline=fields["title"] or None,
        publisher=fields["publisher"] or None,
        date=date,
        url=fields["url"] or None,
    )


def _finish(document: Document) -> Document:
    """Add the boilerplate spans, and metadata read from the text where none was given."""
    document.boilerplate = find_boilerplate(document.text)
    found = read_metadata(document.text, document.boilerplate)
    document.headline = document.headline or found["headline"]
    document.publisher = document.publisher or found["publisher"]
    document.date = document.date or found["date"]
    return document
