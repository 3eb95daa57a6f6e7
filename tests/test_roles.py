"""Title complements on sentences written for these tests: the place, body or unit after a title
belongs to the role, and the person's name starts after it."""

from __future__ import annotations

import pytest
from test_entities import facts


def person(text: str) -> tuple[str, str, str | None, list[tuple[str, str, str | None]]]:
    """(name, type, role, affiliations as (text, type, key)) of the one person of a sentence."""
    [m] = [m for m in facts(text).mentions if m.etype == "Person"]
    return m.text, m.etype, m.role, [(a.text, a.etype, a.key) for a in m.affiliations]


@pytest.mark.parametrize(
    ("sentence", "name", "role", "affiliations"),
    [
        ("Gubernur Jawa Tengah Bambang Sutrisno tiba di Semarang.", "Bambang Sutrisno", "Gubernur Jawa Tengah",
         [("Jawa Tengah", "Place", None)]),
        ("Wakil Gubernur Sulawesi Selatan Andi Rahman meninjau tanggul.", "Andi Rahman",
         "Wakil Gubernur Sulawesi Selatan", [("Sulawesi Selatan", "Place", None)]),
        ("Bupati Sleman Sri Wahyuni membuka pasar desa.", "Sri Wahyuni", "Bupati Sleman", [("Sleman", "Place", None)]),
        ("Wali Kota Surabaya Dewi Lestari meresmikan taman kota.", "Dewi Lestari", "Wali Kota Surabaya",
         [("Surabaya", "Place", "surabaya")]),
        ("Kajati Sumatera Utara Rudi Hartono memeriksa saksi.", "Rudi Hartono", "Kajati Sumatera Utara",
         [("Sumatera Utara", "Place", None)]),
        ("Kapolres Jakarta Selatan Kombes Ade Wiranata menjelaskan kronologinya.", "Ade Wiranata",
         "Kapolres Jakarta Selatan", [("Jakarta Selatan", "Place", None)]),
        ("Kapolda Jawa Barat Irjen Agus Salimun menangkap tersangka.", "Agus Salimun", "Kapolda Jawa Barat",
         [("Jawa Barat", "Place", None)]),
        ("Pangdam Jaya Mayjen Hendra Kurnia memimpin upacara.", "Hendra Kurnia", "Pangdam Jaya", []),
        ("Kepala Staf Angkatan Darat Bambang Sutrisno tiba di Semarang.", "Bambang Sutrisno",
         "Kepala Staf Angkatan Darat", []),
        ("Kepala Staf Angkatan Laut Laksamana Yudi Prasetyo berbicara di dermaga.", "Yudi Prasetyo",
         "Kepala Staf Angkatan Laut", []),
        ("Panglima TNI Jenderal Budi Santoso meninjau pasukan.", "Budi Santoso", "Panglima TNI",
         [("TNI", "Organization", "tni")]),
        ("Kapolri Jenderal Budi Santoso meninjau pasukan.", "Budi Santoso", "Kapolri", []),
        ("Wakil Ketua DPR Lukman Hakimi membuka sidang.", "Lukman Hakimi", "Wakil Ketua DPR",
         [("DPR", "Organization", "dpr")]),
        ("Ketua Komisi I DPR Meutia Sari mengkritik rencana itu.", "Meutia Sari", "Ketua Komisi I DPR",
         [("Komisi I DPR", "Organization", None)]),
        ("Kepala Basarnas Marsekal Madya Henri Alfian memimpin pencarian.", "Henri Alfian", "Kepala Basarnas",
         [("Basarnas", "Organization", "basarnas")]),
        ("Direktur Utama PT Pertamina Nina Kartika meninjau kilang.", "Nina Kartika", "Direktur Utama PT Pertamina",
         [("PT Pertamina", "Organization", "pertamina")]),
        ("Direktur Utama PT Sinar Baru Bambang Sutrisno ditahan penyidik.", "Bambang Sutrisno",
         "Direktur Utama PT Sinar Baru", [("PT Sinar Baru", "Organization", None)]),
        ("Sekretaris Jenderal Partai Demokrat Teuku Rahmat berbicara di Jakarta.", "Teuku Rahmat",
         "Sekretaris Jenderal Partai Demokrat", [("Partai Demokrat", "Organization", None)]),
        ("Budi Santoso, Gubernur Jawa Tengah, meninjau tanggul.", "Budi Santoso", "Gubernur Jawa Tengah",
         [("Jawa Tengah", "Place", None)]),
    ],
)
def test_title_complement_is_part_of_the_role(sentence: str, name: str, role: str, affiliations: list) -> None:
    assert person(sentence) == (name, "Person", role, affiliations)


def test_office_of_a_place_without_a_name_reads_the_place() -> None:
    found = facts("Gubernur Jawa Tengah mengatakan banjir sudah surut.")
    assert [(m.text, m.etype) for m in found.mentions] == [("Jawa Tengah", "Place")]


def test_a_body_in_the_role_is_an_affiliation_a_place_is_not() -> None:
    """The contract's gb:affiliatedWith points at a country or organization; a place stays in the role."""
    found = facts("Ketua KPK Agus Wiratama mengatakan hal itu. Gubernur Jawa Tengah Bambang Sutrisno tiba.")
    links = [(s.subject.text, s.obj.key) for s in found.statements if s.predicate == "affiliatedWith"]
    assert links == [("Agus Wiratama", "kpk")]
