"""Boilerplate spans: every kind of page furniture is found with its exact offsets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphbuild.boilerplate import (
    HEADLINE_REPEAT,
    _required,
    find_boilerplate,
    find_boilerplate_kinds,
    merge_spans,
    patterns,
)
from graphbuild.lexicon import read_tsv


def span(text: str, part: str) -> tuple[int, int]:
    """The offsets of the one occurrence of `part` in `text`."""
    assert text.count(part) == 1, part
    start = text.index(part)
    return start, start + len(part)


BODY = "Menteri itu membantah tuduhan tersebut."
AFTER = "Pemerintah akan memberi keterangan lanjutan."

# (kind, the boilerplate line) placed between two body lines.
LINE_CASES = [
    ("teaser", "Baca Juga: AS Kecam Uji Coba Rudal Korut di Laut Jepang"),
    ("teaser", "Baca juga: Jika Benar Pasukan Itu Tiba, Apa Dampaknya?"),
    ("teaser", "BACA JUGA: Harga Minyak Naik Lagi"),
    ("teaser", "Lihat juga: Banjir Rendam Ratusan Rumah"),
    ("video", "Simak Video 'Menlu Bertemu Mitra ASEAN di Vientiane'"),
    ("video", "[Gambas Video 20detik]"),
    ("video", "Saksikan Live DetikPagi"),
    ("pagination", "Simak berita selengkapnya di halaman berikutnya."),
    ("share", "Dengarkan berita terkini pilihan redaksi di ponsel Anda lewat saluran kami."),
    ("share", "Pastikan Anda sudah menginstal aplikasi WhatsApp."),
    ("share", "Gabung ke grup Telegram Kabarku.id untuk kabar terbaru."),
    ("comments", "Comments"),
    ("photo", "Pict by Instagram"),
    ("photo", "Foto: Reuters/Dok. Kabarku.id"),
    ("photo", "Ilustrasi bendera Korea Utara"),
    ("section", "Populer"),
    ("section", "Populer video"),
    ("section", "Berita lainnya"),
    ("section", "Berita Terkait"),
    ("section", "Sumber"),
    ("section", "ADVERTISEMENT"),
    ("credit", "Editor: Rina Kusumawati"),
    ("credit", "Penulis: Dimas Prasetyo"),
    ("credit", "Sumber: Antara"),
    ("credit", "(abc/def)"),
    ("copyright", "Copyright 2024 Kabarku.id. All rights reserved."),
    ("copyright", "© 2024 Kabarku.id"),
    ("timestamp", "Senin, 4 November 2024 10:15 WIB"),
]


@pytest.mark.parametrize(("kind", "line"), LINE_CASES)
def test_boilerplate_line_is_one_exact_span(kind: str, line: str) -> None:
    text = f"{BODY}\n{line}\n{AFTER}\n"
    assert find_boilerplate(text) == [span(text, line)]
    assert (kind, span(text, line)) in find_boilerplate_kinds(text)


def test_channel_promo_runs_from_its_sentence_to_the_end_of_the_line() -> None:
    promo = (
        "Ikuti saluran WhatsApp Kabarku.id untuk berita pilihan di ponsel Anda. "
        "Pastikan Anda sudah menginstal aplikasi WhatsApp."
    )
    text = f"{BODY} {promo}\n{AFTER}"
    assert find_boilerplate(text) == [span(text, promo)]


def test_inline_photo_credit_is_only_the_parenthesis() -> None:
    text = f"Pasukan itu tiba di perbatasan (Foto: AFP) pada malam hari.\n{AFTER}"
    assert find_boilerplate(text) == [span(text, "(Foto: AFP)")]


def test_gambas_span_is_the_brackets_only() -> None:
    text = "Isi berita.\n[Gambas Video 20detik] \nIsi lanjutan."
    assert find_boilerplate(text) == [span(text, "[Gambas Video 20detik]")]


@pytest.mark.parametrize(
    "form",
    [
        "Tinggalkan Balasan\n\nAlamat email Anda tidak akan dipublikasikan.\nRuas yang wajib ditandai *",
        "Alamat email Anda tidak akan dipublikasikan.\n" "Ruas yang wajib ditandai *\n\nNama *",
        "No comments yet. Why not start the discussion?\n\nTinggalkan Balasan",
    ],
)
def test_comment_form_runs_to_the_end_of_the_text(form: str) -> None:
    text = f"{BODY}\n\n{form}\n\n"
    assert find_boilerplate(text) == [span(text, form)]


def test_comment_heading_and_form_are_two_spans() -> None:
    form = "No comments yet. Why not start the discussion?\n\nTinggalkan Balasan\n\nAlamat email Anda *"
    text = f"{BODY}\n\nComments\n\n{form}"
    assert find_boilerplate(text) == [span(text, "Comments"), span(text, form)]


def test_trailing_site_name_line() -> None:
    text = f"{BODY}\n{AFTER}\nKabarku.id\n\n"
    assert find_boilerplate(text) == [span(text, "Kabarku.id")]
    assert find_boilerplate_kinds(text) == [("sitename", span(text, "Kabarku.id"))]


def test_site_name_that_is_not_the_last_line_is_body() -> None:
    assert find_boilerplate(f"{BODY}\nKabarku.id\n{AFTER}") == []


def test_repeated_headline_is_boilerplate_and_the_first_copy_is_not() -> None:
    headline = "Korut Bantah Kirim Pasukan ke Rusia"
    text = f"{headline}\n\n{headline}\n\n{BODY}"
    second = (len(headline) + 2, 2 * len(headline) + 2)
    assert find_boilerplate(text) == [second]
    assert find_boilerplate_kinds(text) == [(HEADLINE_REPEAT, second)]


def test_different_second_line_is_not_a_repeat() -> None:
    assert find_boilerplate(f"Korut Bantah Kirim Pasukan\n\n{BODY}\n{BODY}") == []


@pytest.mark.parametrize(
    "body_line",
    [
        "Sumber pemerintah mengatakan pasukan itu sudah tiba.",
        "Populer di kalangan pemilih muda, partai itu menang di Jawa Barat.",
        "Ia memperlihatkan foto: satelit menunjukkan konvoi di perbatasan.",
        "Ilustrasi " + "yang beredar di media sosial menunjukkan kapal penjaga pantai " * 3,
        "Kantor berita Kabarku.id melaporkan bahwa perundingan berlanjut.",
        "Editor senior harian itu mengatakan: tidak ada sensor.",
        "Perang di Ukraina berlanjut sejak 24 Februari 2022 menurut pejabat setempat.",
    ],
)
def test_body_lines_are_not_boilerplate(body_line: str) -> None:
    assert find_boilerplate(f"{BODY}\n{body_line}\n{AFTER}") == []


def test_crlf_line_end_is_left_out_of_the_span() -> None:
    text = "Isi berita.\r\nBaca Juga: Judul Lain\r\nIsi lanjutan.\r\n"
    assert find_boilerplate(text) == [span(text, "Baca Juga: Judul Lain")]


def test_spans_are_sorted_and_merged() -> None:
    assert merge_spans([(10, 20), (0, 5), (15, 30), (30, 32), (40, 41)]) == [(0, 5), (10, 32), (40, 41)]


def test_spans_of_a_whole_article_are_sorted() -> None:
    text = (
        "Judul Berita\n\nJudul Berita\n\nPict by Instagram\n\n"
        f"{BODY}\nBaca Juga: Lain\n{AFTER}\n\nPopuler video\n\nBerita lainnya\n"
    )
    assert find_boilerplate(text) == [
        (14, 26),
        span(text, "Pict by Instagram"),
        span(text, "Baca Juga: Lain"),
        span(text, "Populer video"),
        span(text, "Berita lainnya"),
    ]


def test_empty_text_has_no_boilerplate() -> None:
    assert find_boilerplate("") == []


def test_patterns_are_compiled_once() -> None:
    assert patterns() is patterns()


def test_data_file_rows_are_complete_and_compile() -> None:
    rows = read_tsv("boilerplate.tsv")
    for row in rows:
        assert set(row) == {"kind", "pattern", "comment"}
        assert row["kind"] and row["comment"]
        re.compile(row["pattern"], re.MULTILINE)
    kinds = {row["kind"] for row in rows}
    assert kinds == {
        "teaser",
        "video",
        "pagination",
        "share",
        "comments",
        "photo",
        "section",
        "credit",
        "copyright",
        "sitename",
        "timestamp",
    }


@given(st.text(alphabet=st.sampled_from(list("Baca Juga:Foto()\n \t.idKabarku©Sumber\r")), max_size=200))
def test_spans_are_sorted_disjoint_and_inside_the_text(text: str) -> None:
    spans = find_boilerplate(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b < c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))


def _every_match(text: str) -> list[tuple[str, tuple[int, int]]]:
    """What the patterns find tried at every position of the text, as `finditer` does."""
    found = []
    for kind, pattern in patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                found.append((kind, (start, end)))
    return found


PIECES = [*"\n \t.:©", "Baca Juga: ", "Foto: ", "Komentar", "Editor: ", "Ikuti ", "WhatsApp", "Kabarku.id",
          "Tinggalkan Balasan", "Copyright ", BODY]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_line_anchored_patterns_are_tried_at_line_starts_only_to_the_same_effect(text: str) -> None:
    assert sorted(k for k in find_boilerplate_kinds(text) if k[0] != HEADLINE_REPEAT) == sorted(_every_match(text))


@pytest.mark.parametrize(("pattern", "needed"), [
    (r"(?:^|(?<=[.!?] ))(?:Ikuti|Follow(?:lah)?)\b[^\n]*\b(?:WhatsApp|Google News)\b", (("Ikuti", "Follow"),
                                                                                       ("WhatsApp", "Google News"))),
    (r"^[ \t]*(Editor|Penulis)[ \t]*:.*$", (("Editor", "Penulis"), (":",))),
    (r"^[ \t]*(?:Lihat|[Tt]onton) juga\b", ((" juga",),)),
    (r"^[ \t]*(?i:baca)[ \t]*:", ((":",),)),
    (r"(?i)^Baca juga", ()),
])
def test_what_a_pattern_needs_is_read_from_its_parse(pattern: str, needed: tuple) -> None:
    assert _required(re.compile(pattern, re.MULTILINE)) == needed
