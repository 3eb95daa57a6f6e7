"""Events, their arguments and their counts, on sentences written for these tests."""

from __future__ import annotations

import pytest

from graphbuild.extractors import extract
from graphbuild.extractors.quantities import read_number
from graphbuild.model import Document
from graphbuild.morphology import candidate_roots, is_nominal


def events(text: str) -> list[tuple]:
    found = extract(Document("t", text, "t.txt"))
    return [
        (e.etype, sorted(a.key or a.text for a in e.agents), sorted(a.key or a.text for a in e.targets),
         sorted(a.key or a.text for a in e.locations), e.quantity, e.qualifier)
        for e in found.events
    ]


@pytest.mark.parametrize(
    ("word", "root"),
    [("membantah", "bantah"), ("dibantah", "bantah"), ("bantahan", "bantah"), ("membantahnya", "bantah"),
     ("menyangkal", "sangkal"), ("penyangkalan", "sangkal"), ("menepis", "tepis"), ("mengecam", "kecam"),
     ("memperingatkan", "ingat"), ("dikerahkan", "kerah"), ("pengerahan", "kerah"), ("penarikan", "tarik")],
)
def test_one_root_covers_its_forms(word: str, root: str) -> None:
    assert root in candidate_roots(word)


def test_nominal_forms() -> None:
    assert [is_nominal(w) for w in ("pengiriman", "serangan", "mengirimkan", "dikirim", "kerahkan", "penarikan")] == [
        True, True, False, False, False, True]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.000", (10000, 1, False)),
        ("1,5 juta", (1500000, 2, False)),
        ("dua belas", (12, 2, False)),
        ("tujuh", (7, 1, False)),
        ("dua puluh lima", (25, 3, False)),
        ("ribuan", (1000, 1, True)),
    ],
)
def test_indonesian_numbers(text: str, expected: tuple) -> None:
    assert read_number(text.split(), 0) == expected


def test_deployment_with_agent_target_and_about() -> None:
    assert events("Belarus mengirimkan sekitar 3.000 tentara ke Rusia.") == [
        ("Deployment", ["belarus"], ["russia"], [], 3000, "about")]


def test_passive_deployment_takes_the_owner_of_the_troops() -> None:
    assert events("Hingga 4.000 pasukan Iran telah dikerahkan di wilayah Kherson.") == [
        ("Deployment", ["iran"], [], ["kherson"], 4000, "up to")]


def test_sending_weapons_is_military_aid() -> None:
    assert events("Iran mengirim 200 drone ke Rusia.") == [("MilitaryAid", ["iran"], ["russia"], [], 200, "exactly")]


def test_cooperation_between_two_states() -> None:
    found = extract(Document("t", "Kerja sama militer antara Vietnam dan Laos terus meningkat.", "t.txt"))
    assert [sorted(a.key for a in e.agents) for e in found.events] == [["laos", "vietnam"]]
    links = [(s.subject.key, s.predicate, s.obj.key) for s in found.statements if s.predicate == "cooperatesWith"]
    assert links == [("laos", "cooperatesWith", "vietnam")]


def test_second_count_copies_the_event() -> None:
    found = events("Setidaknya lima pesawat membawa hingga 900 tentara Belarus ke perbatasan.")
    assert sorted((e[0], e[4], e[5]) for e in found) == [("Deployment", 5, "at least"), ("Deployment", 900, "up to")]


def test_troops_placed_somewhere_without_a_verb() -> None:
    assert events("Keberadaan pasukan Iran di Jalur Gaza dipertanyakan.") == [
        ("Deployment", ["iran"], [], ["gaza"], None, None)]


def test_event_dates() -> None:
    text = "Rusia menginvasi Georgia pada Agustus 2008. Sanksi dijatuhkan pada tahun 2014."
    found = extract(Document("t", text, "t.txt"))
    assert [(e.etype, e.date) for e in found.events] == [("Attack", "2008-08"), ("Sanction", "2014")]


def test_a_citation_date_is_not_an_event_date() -> None:
    text = "Iran membantah mengirim drone ke Rusia, seperti dikutip AFP, Selasa (22/10/2024)."
    assert [e.date for e in extract(Document("t", text, "t.txt")).events] == [None]


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Kapal penjaga pantai China berpatroli di dekat Kepulauan Spratly.", "Deployment"),
        ("Dua kapal perang Vietnam memasuki perairan sengketa itu.", "Deployment"),
        ("Amerika Serikat mengenakan tarif impor baru atas baja China.", "Sanction"),
        ("Indonesia dan Australia menggelar latihan gabungan di Darwin.", "Cooperation"),
        ("Komisi I DPR menggelar rapat dengan Menteri Pertahanan.", "Meeting"),
    ],
)
def test_event_classes_beyond_the_first_story(text: str, etype: str) -> None:
    assert [e[0] for e in events(text)] == [etype]
