"""Reading files and folders into Documents: decoding, formats, order and what is skipped."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from graphbuild.boilerplate import find_boilerplate
from graphbuild.loaders import BINARY_MAGIC, BOMS, MAX_DOCUMENT_BYTES, InputError, Skipped, decode_text, read_inputs
from graphbuild.model import Document

ARTICLE = (
    "Korut Bantah Kirim Pasukan ke Rusia\n"
    "\n"
    "NEW YORK, Kabarku.id – Korea Utara membantah tuduhan itu, Senin (4/11/2024).\r\n"
    "Baca Juga: Seoul Panggil Dubes Rusia\n"
    "“Itu tidak benar,” kata Kim Song.  \n"
)


def read_all(*paths: Path) -> list[Document | Skipped]:
    return list(read_inputs(list(paths)))


def only_document(items: list[Document | Skipped]) -> Document:
    assert len(items) == 1
    assert isinstance(items[0], Document)
    return items[0]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


# --- .txt -----------------------------------------------------------------------------


def test_txt_document_keeps_the_file_text_exactly(tmp_path: Path) -> None:
    path = write(tmp_path / "000_abc.txt", ARTICLE)
    doc = only_document(read_all(path))
    assert doc.text == ARTICLE
    assert doc.doc_id == "000_abc"
    assert doc.source_file == "000_abc.txt"
    assert doc.headline == "Korut Bantah Kirim Pasukan ke Rusia"
    assert doc.publisher == "Kabarku.id"
    assert doc.date == "2024-11-04"
    assert doc.url is None
    teaser = "Baca Juga: Seoul Panggil Dubes Rusia"
    assert doc.boilerplate == [(ARTICLE.index(teaser), ARTICLE.index(teaser) + len(teaser))]


def test_txt_without_blank_line_after_first_line_has_no_headline(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Korut Bantah Kirim Pasukan\nKalimat isi berita.\n")
    assert only_document(read_all(path)).headline is None


def test_utf16_file_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", ARTICLE.encode("utf-16"))
    doc = only_document(read_all(path))
    assert doc.text == ARTICLE


def test_utf16_big_endian_and_utf8_bom_are_decoded() -> None:
    assert decode_text(b"\xfe\xff" + "Menlu RI".encode("utf-16-be")) == "Menlu RI"
    assert decode_text(b"\xef\xbb\xbf" + "Menlu “RI”".encode()) == "Menlu “RI”"


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    text = "Sekjen PBB António Guterres tiba di Genève.\n"
    path = write(tmp_path / "latin.txt", text.encode("latin-1"))
    assert only_document(read_all(path)).text == text


def test_cp1252_quotes_are_decoded() -> None:
    assert decode_text(b"\x93Tidak benar,\x94 kata Kim.") == "“Tidak benar,” kata Kim."


@pytest.mark.parametrize(
    "data",
    [b"Teks\x00dengan\x00NUL", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n", b"\x89PNG\r\n\x1a\n\x00\x00"],
    ids=["nul-bytes", "pdf-header", "png"],
)
def test_binary_file_is_skipped(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "dokumen.txt", data)
    assert read_all(path) == [Skipped(str(path), "not a text file (binary content)")]


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_file_is_skipped(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "kosong.txt", data)
    assert read_all(path) == [Skipped(str(path), "empty document")]


# --- paths and folders ----------------------------------------------------------------


def test_missing_path_raises_before_any_document(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", ARTICLE)
    missing = tmp_path / "tidak-ada.txt"
    items = read_inputs([good, missing])
    with pytest.raises(InputError) as info:
        next(items)
    assert str(info.value) == f"{missing}: no such file or directory"
    assert "\n" not in str(info.value)


def test_folder_is_read_recursively_in_path_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Isi b.")
    write(tmp_path / "a" / "z.txt", "Isi z.")
    write(tmp_path / "a" / "m.htm", "<p>Isi m.</p>")
    write(tmp_path / "a-c.jsonl", json.dumps({"id": "jc", "text": "Isi jc."}) + "\n")
    write(tmp_path / "A.TXT", "Isi besar.")
    write(tmp_path / "catatan.md", "bukan artikel")
    write(tmp_path / "data.csv", "x,y")
    write(tmp_path / ".tersembunyi" / "x.txt", "Isi x.")
    write(tmp_path / ".y.txt", "Isi y.")
    ids = [item.doc_id for item in read_all(tmp_path) if isinstance(item, Document)]
    assert ids == ["A", "m", "z", "jc", "b"]
    assert all(isinstance(item, Document) for item in read_all(tmp_path))


def test_explicit_file_of_another_type_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "laporan.pdf", b"%PDF-1.7")
    assert read_all(path) == [
        Skipped(str(path), "unsupported file type '.pdf' (expected .htm, .html, .jsonl, .txt)")
    ]


def test_same_file_given_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", ARTICLE)
    assert [d.doc_id for d in read_all(path, tmp_path) if isinstance(d, Document)] == ["a"]


def test_same_stem_in_two_folders_is_a_duplicate_id(tmp_path: Path) -> None:
    first = write(tmp_path / "x" / "berita.txt", "Isi satu.")
    second = write(tmp_path / "y" / "berita.txt", "Isi dua.")
    items = read_all(tmp_path)
    assert isinstance(items[0], Document) and items[0].text == "Isi satu."
    assert items[1] == Skipped(str(second), f"duplicate document id 'berita' (first read from {first})")


def test_stdin_is_one_text_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    doc = only_document(read_all(Path("-")))
    assert (doc.doc_id, doc.source_file, doc.text) == ("stdin", "-", ARTICLE)


# --- .jsonl ---------------------------------------------------------------------------


def test_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "satu", "text": ARTICLE}),
        '{"id": "dua", "text": }',
        "",
        json.dumps(["bukan", "objek"]),
        json.dumps({"text": "tanpa id"}),
        json.dumps({"id": "tiga", "text": "   "}),
        json.dumps({"id": "empat", "text": "Isi.", "date": "kemarin"}),
        json.dumps({"id": "lima", "text": "Isi.", "title": 5}),
        json.dumps({"id": 6, "text": "Isi enam."}),
    ]
    path = write(tmp_path / "berita.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["satu", "6"]
    assert [i.reason for i in items if isinstance(i, Skipped)] == [
        "berita.jsonl:2: invalid JSON (Expecting value at column 23)",
        "berita.jsonl:4: expected a JSON object",
        "berita.jsonl:5: missing or invalid 'id' (a non-empty string is required)",
        "berita.jsonl:6: empty document",
        "berita.jsonl:7: 'date' is not a date: 'kemarin'",
        "berita.jsonl:8: 'title' must be a string",
    ]
    assert all(i.source == str(path) for i in items if isinstance(i, Skipped))


def test_jsonl_fields_win_over_the_text(tmp_path: Path) -> None:
    record = {
        "id": "x1",
        "text": ARTICLE,
        "title": "Judul Resmi",
        "url": "https://example.org/x1",
        "date": "2024-11-06T08:00:00+07:00",
        "publisher": "Lain.id",
    }
    path = write(tmp_path / "b.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    doc = only_document(read_all(path))
    assert (doc.doc_id, doc.source_file, doc.text) == ("x1", "b.jsonl", ARTICLE)
    assert (doc.headline, doc.url, doc.date, doc.publisher) == (
        "Judul Resmi",
        "https://example.org/x1",
        "2024-11-06",
        "Lain.id",
    )
    assert doc.boilerplate == find_boilerplate(ARTICLE)


def test_jsonl_without_fields_reads_metadata_from_text(tmp_path: Path) -> None:
    path = write(tmp_path / "c.jsonl", json.dumps({"id": "x2", "text": ARTICLE}) + "\n")
    doc = only_document(read_all(path))
    assert (doc.headline, doc.publisher, doc.date) == (
        "Korut Bantah Kirim Pasukan ke Rusia",
        "Kabarku.id",
        "2024-11-04",
    )


def test_duplicate_jsonl_id_is_skipped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "d.jsonl",
        json.dumps({"id": "x", "text": "A."}) + "\n" + json.dumps({"id": "x", "text": "B."}),
    )
    items = read_all(path)
    assert isinstance(items[0], Document) and items[0].text == "A."
    assert items[1] == Skipped(str(path), f"duplicate document id 'x' (first read from {path})")


# --- .html ----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head>
<title>Korut Bantah Kirim Pasukan - Kabarku.id</title>
<meta property="og:site_name" content="Kabarku.id">
<meta property="article:published_time" content="2024-11-04T09:00:00+07:00">
<style>p { color: red }</style><script>var rahasia = "jangan dibaca";</script>
</head><body>
<header><nav><a href="/">Beranda</a> <a href="/dunia">Dunia</a></nav></header>
<article>
<p>NEW YORK, Kabarku.id &ndash; Korea   Utara
membantah tuduhan itu.</p>
<p>Baris satu<br>baris dua.</p>
<aside>Terpopuler: Harga Emas Naik</aside>
<script>document.write("iklan")</script>
<p>“Itu tidak benar,” kata Kim Song.</p>
</article>
<footer>Hak cipta Kabarku.id</footer>
</body></html>
"""


def test_html_article_text_title_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "halaman.html", PAGE)
    doc = only_document(read_all(path))
    assert doc.text == (
        "NEW YORK, Kabarku.id – Korea Utara membantah tuduhan itu.\n\n"
        "Baris satu\nbaris dua.\n\n"
        "“Itu tidak benar,” kata Kim Song."
    )
    assert (doc.doc_id, doc.source_file) == ("halaman", "halaman.html")
    assert doc.headline == "Korut Bantah Kirim Pasukan - Kabarku.id"
    assert (doc.publisher, doc.date) == ("Kabarku.id", "2024-11-04")


def test_html_h1_is_the_title_and_og_fields_are_read(tmp_path: Path) -> None:
    page = (
        '<html><head><title>Situs - Judul</title><meta property="og:title" content="Judul OG">'
        '<meta property="og:url" content="https://example.org/h"></head>'
        '<body><div><h1>Judul  Artikel</h1><time datetime="2024-10-11">11 Okt</time>'
        "<p>Isi berita.</p></div></body></html>"
    )
    doc = only_document(read_all(write(tmp_path / "h.htm", page)))
    assert (doc.headline, doc.url, doc.date) == ("Judul Artikel", "https://example.org/h", "2024-10-11")
    assert doc.text == "Judul Artikel\n\n11 Okt\n\nIsi berita."


def test_html_og_title_when_there_is_no_h1(tmp_path: Path) -> None:
    page = (
        '<html><head><title>Situs - Judul</title><meta property="og:title" content="Judul OG"></head>'
        "<body><p>Isi.</p></body></html>"
    )
    assert only_document(read_all(write(tmp_path / "g.html", page))).headline == "Judul OG"


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Judul saja</title></head></html>",
        "<html><body><nav>Menu</nav><script>x()</script><footer>Hak cipta</footer></body></html>",
    ],
    ids=["no-body", "only-furniture"],
)
def test_html_without_article_text_is_skipped(tmp_path: Path, page: str) -> None:
    path = write(tmp_path / "kosong.html", page)
    assert read_all(path) == [Skipped(str(path), "no article text")]


# --- the demo corpus ------------------------------------------------------------------


def test_demo_corpus_reads_into_six_documents_with_metadata() -> None:
    demo = Path(__file__).resolve().parent.parent / "examples" / "demo"
    docs = read_all(demo)
    assert [(d.doc_id, d.publisher, d.date) for d in docs if isinstance(d, Document)] == [
        ("01-dk-pbb-pasukan-korut", "Kabarku.id", "2024-11-04"),
        ("02-laut-china-selatan", "Kabarku.id", "2024-11-08"),
        ("03-kpk-dpr", "Kabarku.id", "2024-11-05"),
        ("04-sanksi-as-rusia", "Kabarku.id", "2024-11-06"),
        ("05-bi-rupiah", "Kabarku.id", "2024-11-07"),
        ("06-unifil-lebanon", "Kabarku.id", "2024-10-11"),
    ]
    assert all(isinstance(d, Document) and d.headline and d.boilerplate for d in docs)


@given(st.binary(max_size=200))
def test_bytes_without_nul_bom_or_magic_always_decode(data: bytes) -> None:
    boms = tuple(bom for bom, _ in BOMS)
    assume(b"\x00" not in data and not data.startswith(BINARY_MAGIC) and not data.startswith(boms))
    text = decode_text(data)
    assert text is not None
    try:
        assert text == data.decode("utf-8")
    except UnicodeDecodeError:
        assert len(text) == len(data)


def test_a_file_too_large_for_an_article_is_skipped(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"kata " * (MAX_DOCUMENT_BYTES // 5 + 1))
    (item,) = list(read_inputs([big]))
    assert item.reason == "too large for one article (10 MB; the limit is 10 MB)"
