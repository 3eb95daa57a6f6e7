"""Headline, publisher and date read from the article text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphbuild.boilerplate import find_boilerplate
from graphbuild.lexicon import read_tsv
from graphbuild.metadata import find_dates, parse_date, read_metadata

BODY = "Pemerintah membantah tuduhan itu dalam pertemuan di markas PBB."


def meta(text: str) -> dict[str, str | None]:
    """read_metadata with the boilerplate spans the loader would pass."""
    return read_metadata(text, find_boilerplate(text))


# --- headline -------------------------------------------------------------------------


def test_first_line_before_a_blank_line_is_the_headline() -> None:
    assert meta(f"Korut Bantah Kirim Pasukan\n\n{BODY}")["headline"] == "Korut Bantah Kirim Pasukan"


def test_leading_blank_lines_and_crlf_are_allowed() -> None:
    assert meta(f"\n  Korut Bantah Kirim Pasukan  \r\n\r\n{BODY}")["headline"] == "Korut Bantah Kirim Pasukan"


@pytest.mark.parametrize(
    "text",
    [
        f"Korut Bantah Kirim Pasukan\n{BODY}",
        f"{BODY}\n\nKalimat berikutnya.",
        "Korut Bantah Kirim Pasukan",
        "Korut Bantah Kirim Pasukan\n",
        f"JAKARTA, Kabarku.id – Menteri menolak berkomentar\n\n{BODY}",
        f"Pict by Instagram\n\n{BODY}",
        f"{'Judul sangat panjang ' * 12}\n\n{BODY}",
    ],
    ids=[
        "no-blank-line",
        "ends-with-full-stop",
        "one-line",
        "no-blank-after",
        "dateline",
        "credit",
        "too-long",
    ],
)
def test_no_headline(text: str) -> None:
    assert meta(text)["headline"] is None


# --- publisher ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        (f"NEW YORK (Reuters) – {BODY}", "Reuters"),
        (f"Jakarta (ANTARA) - {BODY}", "ANTARA"),
        (f"KOTA NEW YORK, sp-contoh.co.id – {BODY}", "sp-contoh.co.id"),
        (f"Jakarta, Kompas.com - {BODY}", "Kompas.com"),
        (f"JAKARTA, Kabarku.id – {BODY}", "Kabarku.id"),
        (f"Jakarta, CNN Indonesia -- {BODY}", "CNN Indonesia"),
        (f"Judul Berita\n\nJudul Berita\n\nMANILA, Kabarku.id – {BODY}", "Kabarku.id"),
        (f"{BODY}\nKalimat lain.\n\nNewsRoom.id\n", "NewsRoom.id"),
        (f"JAKARTA, Kabarku.id – {BODY}\n\nLain.id", "Kabarku.id"),
    ],
    ids=[
        "wire",
        "wire-mixed-case",
        "domain",
        "kompas",
        "kabarku",
        "named",
        "after-headline",
        "sitename",
        "dateline-wins",
    ],
)
def test_publisher(text: str, publisher: str) -> None:
    assert meta(text)["publisher"] == publisher


@pytest.mark.parametrize(
    "text",
    [
        f"{BODY} “Kami menolak,” ujarnya, seperti dikutip AFP, Selasa (22/10/2024).",
        f"Juru bicara itu berbicara, dilansir Reuters.\n{BODY}",
        f"Jakarta, Senin - {BODY}",
        f"{BODY}\nKabarku.id\nKalimat terakhir.",
        f"Kalimat pertama.\nKalimat kedua.\nKalimat ketiga.\nKalimat keempat.\nKalimat kelima.\n"
        f"JAKARTA, Kabarku.id – {BODY}",
    ],
    ids=["dikutip-is-a-source", "dilansir-is-a-source", "day-name", "sitename-not-last", "dateline-too-deep"],
)
def test_no_publisher(text: str) -> None:
    assert meta(text)["publisher"] is None


# --- date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (f"{BODY} Hal itu disampaikan Selasa (22/10/2024).", "2024-10-22"),
        (f"{BODY} Hal itu disampaikan Jumat (1/11/2024).", "2024-11-01"),
        (f"JAKARTA, Kabarku.id – Pada 1 November 2024, {BODY}", "2024-11-01"),
        (f"JAKARTA, Kabarku.id – Sejak 22 Oktober 2024 {BODY}", "2024-10-22"),
        (f"{BODY} “Kami menolak,” ujarnya, seperti dikutip AFP, Selasa (22). 10/2024). )", "2024-10-22"),
        (f"{BODY} Rapat digelar Senin, 4 November 2024 di Jakarta.", "2024-11-04"),
        (f"{BODY} seperti dilansir AFP, 5 Nopember 2024.", "2024-11-05"),
        (f"Judul\n\nSenin, 4 November 2024 10:15 WIB\n\n{BODY} Kamis (7/11/2024).", "2024-11-04"),
    ],
    ids=[
        "numeric",
        "numeric-single-digits",
        "named-near-dateline",
        "oktober-near-dateline",
        "garbled",
        "weekday-named",
        "citation-named",
        "stamp-line",
    ],
)
def test_date(text: str, date: str) -> None:
    assert meta(text)["date"] == date


def test_dateline_date_wins_over_a_later_citation_date() -> None:
    text = f"JAKARTA, Kabarku.id – Senin (4/11/2024) {BODY}\nIa berkata, dikutip AFP, Selasa (5/11/2024)."
    assert meta(text)["date"] == "2024-11-04"


def test_citation_date_wins_over_an_earlier_weekday_date() -> None:
    text = f"Pada Senin (4/11/2024) pasukan bergerak.\n{BODY}, seperti dikutip AFP, Selasa (5/11/2024)."
    assert meta(text)["date"] == "2024-11-05"


@pytest.mark.parametrize(
    "text",
    [
        f"{BODY} Perang itu pecah pada 24 Februari 2022.",
        f"{BODY} Hal itu disampaikan Rabu (22). 10/2024).",
        f"{BODY} Hal itu disampaikan Senin (31/2/2024).",
        f"{BODY}\nBaca Juga: Kabar Selasa (5/11/2024)\nKalimat lain.",
        f"{BODY} Sidang ditunda hingga Februari 2025.",
    ],
    ids=["bare-event-date", "garbled-wrong-weekday", "impossible-date", "inside-teaser", "month-only"],
)
def test_no_date(text: str) -> None:
    assert meta(text)["date"] is None


def test_find_dates_gives_offsets() -> None:
    text = "Ia tiba Senin (4/11/2024) dan pulang 6 November 2024."
    found = [(text[d.start : d.end], d.iso, d.has_weekday) for d in find_dates(text)]
    assert found == [("Senin (4/11/2024)", "2024-11-04", True), ("6 November 2024", "2024-11-06", False)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-04", "2024-11-04"),
        ("2024-11-04T10:00:00+07:00", "2024-11-04"),
        ("2024-11", "2024-11"),
        ("2024", "2024"),
        ("Senin, 4 November 2024", "2024-11-04"),
        ("4 Nov 2024", "2024-11-04"),
        ("2024-02-30", None),
        ("kemarin", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


def test_metadata_keys_for_empty_text() -> None:
    assert read_metadata("", []) == {"headline": None, "publisher": None, "date": None}


def test_name_files_cover_every_month_and_weekday() -> None:
    assert {int(r["month"]) for r in read_tsv("month_names.tsv")} == set(range(1, 13))
    assert {int(r["weekday"]) for r in read_tsv("day_names.tsv")} == set(range(1, 8))
    kinds = {r["kind"] for r in read_tsv("metadata_patterns.tsv")}
    assert kinds == {"dateline", "sitename", "citation"}


@given(st.text(max_size=300))
def test_metadata_never_fails_and_the_headline_is_the_first_line(text: str) -> None:
    found = meta(text)
    assert set(found) == {"headline", "publisher", "date"}
    if found["headline"] is not None:
        assert text.lstrip().startswith(found["headline"])
