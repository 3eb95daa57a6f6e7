"""Speech acts read from sentences written for these tests, one behaviour each."""

from __future__ import annotations

import pytest

from graphbuild.extractors import extract
from graphbuild.model import Document, Mention, Statement


def _name(m: Mention) -> str:
    return m.key or m.text


def acts(text: str, headline: str | None = None) -> set[tuple]:
    """(speaker, predicate, object, negated) for every speech act of a text."""
    facts = extract(Document("t", text, "t.txt", headline=headline))
    out = set()
    for st in facts.statements:
        if st.extractor != "speech-act":
            continue
        out.add((_name(st.subject), st.predicate, _object(st), st.negated))
    return out


def _object(st: Statement) -> str:
    if st.obj_event is not None:
        agents = ",".join(sorted(_name(a) for a in st.obj_event.agents))
        return f"{st.obj_event.etype}({agents})"
    return _name(st.obj)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # speaker before an active verb, event with its agent in the complement
        ("Pemerintah Filipina membantah mengirim kapal perang ke Laut China Selatan.",
         {("philippines", "denies", "Deployment(philippines)", False)}),
        ("Washington mendesak Rusia menarik pasukannya dari Georgia.",
         {("united_states", "demands", "Withdrawal(russia)", False)}),
        ("Beijing memperingatkan bahwa Taiwan akan menghadapi sanksi.",
         {("china", "warns", "Sanction()", False)}),
        # passive with "oleh"
        ("Laporan bahwa Iran mengirim drone ke Rusia dibantah oleh Teheran.",
         {("iran", "denies", "MilitaryAid(iran)", False)}),
        # post-posed speaker after a quotation
        ("“Kami tidak pernah mengirim tentara ke sana,” kata Menteri Pertahanan Jepang Taro Yamada.",
         {("Taro Yamada", "states", "Deployment()", False)}),
        # "menurut X"
        ("Menurut Kementerian Pertahanan Inggris, sekitar 500 tentara Belarus dikerahkan ke perbatasan.",
         {("Kementerian Pertahanan Inggris", "states", "Deployment(belarus)", False)}),
        # coordinated speakers
        ("Jepang dan Australia menyerukan penarikan pasukan Myanmar dari desa itu.",
         {("japan", "demands", "Withdrawal(myanmar)", False), ("australia", "demands", "Withdrawal(myanmar)", False)}),
        # object that is an actor
        ("Presiden Prancis Emmanuel Macron mengecam Iran dalam pidatonya.",
         {("emmanuel_macron", "condemns", "iran", False)}),
    ],
)
def test_constructions(text: str, expected: set[tuple]) -> None:
    assert acts(text) == expected


def test_negated_cue_is_kept_as_negated_never_positive() -> None:
    found = acts("Rusia tidak menyangkal pengerahan pasukan Belarus ke perbatasan.")
    assert found == {("russia", "denies", "Deployment(belarus)", True)}


def test_not_yet_confirmed_is_negated() -> None:
    found = acts("Kanada belum mengonfirmasi pengiriman senjata ke Ukraina.")
    assert found == {("canada", "confirms", "MilitaryAid()", True)}


def test_pronoun_speaker_takes_the_last_speaker() -> None:
    text = ("Menteri Luar Negeri Malaysia Ahmad Rahim mengatakan Vietnam mengirim kapal ke perairan itu. "
            "Ia menambahkan bahwa China juga mengirim kapal ke sana.")
    found = acts(text)
    assert ("Ahmad Rahim", "states", "Deployment(china)", False) in found
    assert ("Ahmad Rahim", "states", "Deployment(vietnam)", False) in found


def test_suffix_pronoun_after_quote() -> None:
    text = ("Duta Besar Iran untuk PBB Reza Karimi berbicara di New York. "
            "“Tuduhan pengiriman rudal itu bohong belaka,” ujarnya.")
    assert acts(text) == {("Reza Karimi", "denies", "MilitaryAid()", False)}


def test_accusation_claims_the_event_and_accuses_its_agent() -> None:
    found = acts("Korea Selatan menuduh Pyongyang mengirim 3.000 tentara ke Rusia.")
    assert found == {
        ("south_korea", "claims", "Deployment(north_korea)", False),
        ("south_korea", "accuses", "north_korea", False),
    }


def test_future_request_is_no_speech_act() -> None:
    assert acts("Korut akan meminta bantuan militer dari Rusia.") == set()


def test_conduit_is_not_the_speaker() -> None:
    found = acts("Dalam laporan Reuters, Menteri Pertahanan AS Mark Benson memperingatkan pengerahan pasukan Iran.")
    assert {s for s, *_ in found} == {"Mark Benson"}


def test_headline_bare_verbs() -> None:
    title = "Korut Bantah Kirim 2.000 Tentara ke Rusia"
    found = acts(title + "\n\nIsi berita.", headline=title)
    assert found == {("north_korea", "denies", "Deployment(north_korea)", False)}


def test_boilerplate_teaser_never_gives_facts() -> None:
    from graphbuild.boilerplate import find_boilerplate

    text = "Jepang menyerukan dialog.\nBaca Juga: AS Kecam Rusia atas Serangan Drone\nIsi berita berlanjut.\n"
    facts = extract(Document("t", text, "t.txt", boilerplate=find_boilerplate(text)))
    assert [s.predicate for s in facts.statements] == []
    assert [m.text for m in facts.mentions] == ["Jepang"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuntutan Jepang agar Rusia menarik pasukannya dari Kepulauan Kuril ditolak Moskow.",
         ("japan", "demands", "Withdrawal(russia)", False)),
        ("Bantahan Israel bahwa pasukannya menyerang Lebanon dinilai lemah.",
         ("israel", "denies", "Attack(israel)", False)),
        ("Seruan China agar Filipina menarik kapalnya disampaikan kemarin.",
         ("china", "demands", "Withdrawal(philippines)", False)),
    ],
)
def test_nominalized_acts(text: str, expected: tuple) -> None:
    assert expected in acts(text)


def test_news_agency_quoted_is_not_the_speaker() -> None:
    text = "“Kami tidak mengirim pasukan,” kata juru bicara Kremlin Dmitry Peskov, seperti dikutip AFP."
    assert {s for s, *_ in acts(text)} == {"dmitry_peskov"}


def test_declining_to_comment_is_no_denial() -> None:
    text = "Korea Utara mengirim 2.000 tentara ke Rusia. Juru bicara Kremlin Dmitry Peskov menolak berkomentar."
    assert [a for a in acts(text) if a[0] == "dmitry_peskov"] == []


def test_a_purpose_clause_speaks_for_the_subject() -> None:
    text = "Jepang memanggil duta besar China untuk memprotes pengerahan kapal perang China ke Kepulauan Senkaku."
    assert ("japan", "condemns", "Deployment(china)", False) in acts(text)


def test_that_accusation_refers_to_the_last_event_claimed_not_demanded() -> None:
    text = ("Korea Selatan menuduh Korea Utara mengirim 2.000 tentara ke Rusia. "
            "Seoul juga mendesak Rusia menarik pasukan itu. "
            "Juru bicara Kremlin Dmitry Peskov menyebut tudingan itu tidak berdasar.")
    assert ("dmitry_peskov", "denies", "Deployment(north_korea)", False) in acts(text)


def test_an_estimate_is_a_claim() -> None:
    text = "Badan intelijen Korea Selatan memperkirakan sekitar 11.000 tentara Korea Utara berada di Rusia."
    assert acts(text) == {("Badan intelijen Korea Selatan", "claims", "Deployment(north_korea)", False)}


def test_condemning_an_act_condemns_its_owner() -> None:
    text = "“Kami mengecam keras tindakan agresif China,” kata Menteri Pertahanan Filipina Gilberto Reyes."
    assert acts(text) == {("Gilberto Reyes", "condemns", "china", False)}


def test_urging_that_a_state_acts_is_a_demand_of_that_state() -> None:
    assert acts("Amerika Serikat menyerukan agar China menghentikan tindakan provokatifnya.") == {
        ("united_states", "demands", "china", False)}
