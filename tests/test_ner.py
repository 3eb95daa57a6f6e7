"""The general entity recognizer and its measurement on BIO files, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from graphbuild import lexicon, ner
from graphbuild.ner import recognize
from graphbuild.nerdata import phrases
from graphbuild.nereval import evaluate, format_report, gold_spans, read_bio, report
from graphbuild.nerlists import joiner, list_cue, list_start
from graphbuild.nerrules import Classifier
from graphbuild.nerspans import hyphen_joins, person_edges


@pytest.fixture(autouse=True)
def no_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    """The recognizer as it runs without nlp-id: no test trains or loads the cached tagger; the rules
    that read tags are tested below with tags written by hand."""
    monkeypatch.setattr(ner, "pos_tags", lambda words: None)


def entities(sentence: str) -> list[tuple[str, str]]:
    """Recognized entities of a space-tokenized sentence as (text, type)."""
    words = sentence.split()
    return [(" ".join(words[s:e]), kind) for s, e, kind in recognize(words)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The news extractor: a title before a name, a country of the gazetteer.
        ("Rapat dibuka Menteri Pertahanan Rudi Hartanto pagi ini .", [("Rudi Hartanto", "Person")]),
        ("Presiden berkunjung ke Jepang pekan lalu .", [("Jepang", "Country")]),
        # A place of the title is no person ("Gubernur Lampung") and is split off a name after it.
        ("Gubernur Lampung hadir dalam acara itu .", [("Lampung", "Place")]),
        (
            "Gubernur Sulawesi Tengah Rusdi Mastura meresmikan jembatan baru .",
            [("Sulawesi Tengah", "Place"), ("Rusdi Mastura", "Person")],
        ),
        # Honorifics and cue nouns before a name.
        ("Warga menyambut Bapak Sutarjo di balai desa .", [("Sutarjo", "Person")]),
        ("Pada tahun itu , Drs . Sumardiyono menjadi kepala sekolah .", [("Sumardiyono", "Person")]),
        ("Lagu itu dinyanyikan oleh penyanyi Mirabela tahun lalu .", [("Mirabela", "Person")]),
        # Names and titles that belong to the name; "bin" inside it.
        ("Ia dimakamkan di samping Ahmad bin Sulaiman .", [("Ahmad bin Sulaiman", "Person")]),
        ("Seminar itu dihadiri Raden Mas Suryokusumo dari Yogyakarta .",
         [("Raden Mas Suryokusumo", "Person"), ("Yogyakarta", "Place")]),
        # A known given name; a verb or an adverb after an unknown name.
        ("Rapat dipimpin Hendra Wirawan kemarin .", [("Hendra Wirawan", "Person")]),
        ("Kemudian Sutarmanto meninggalkan rapat lebih awal .", [("Sutarmanto", "Person")]),
        # A band member's instrument in parentheses; names along a list.
        ("Band itu dibentuk oleh Tarmizi ( vokal ) dan Jefri ( gitar ) .",
         [("Tarmizi", "Person"), ("Jefri", "Person")]),
        ("Ia menulis buku bersama Rangga Prasetyo , Wulan Anggraini dan Kadarisman .",
         [("Rangga Prasetyo", "Person"), ("Wulan Anggraini", "Person"), ("Kadarisman", "Person")]),
        # An ordinary word opening the sentence is not part of the name.
        ("Kiprah Handayani Sulistyowati dimulai di Bandung .",
         [("Handayani Sulistyowati", "Person"), ("Bandung", "Place")]),
        # Place heads that belong to the name, in either case; a compass word after a town.
        ("Ia pindah ke kota Tulungrejo pada tahun lalu .", [("kota Tulungrejo", "Place")]),
        ("Rombongan tiba di Pelabuhan Tanjung Perak pagi tadi .", [("Pelabuhan Tanjung Perak", "Place")]),
        ("Jalan Jenderal Sudirman ditutup sementara .", [("Jalan Jenderal Sudirman", "Place")]),
        ("Tim itu bertanding di Surabaya Selatan kemarin .", [("Surabaya Selatan", "Place")]),
        ("Warga Desa Karangsari No . 5 menolak rencana itu .", [("Desa Karangsari", "Place")]),
        # A place cue before an unknown name; a name coordinated with a place.
        ("Keluarganya tinggal di Sumberwaras sejak 1990 .", [("Sumberwaras", "Place")]),
        ("Ia mengunjungi Gunung Merbabu dan Tlogosari pada musim kemarau .",
         [("Gunung Merbabu", "Place"), ("Tlogosari", "Place")]),
        # Organization heads and tails, acronyms, clubs, cues.
        ("Ia bekerja di PT Sinar Abadi Makmur sejak 2010 .", [("PT Sinar Abadi Makmur", "Organization")]),
        ("Dia kuliah di Universitas Nusa Bangsa selama empat tahun .", [("Universitas Nusa Bangsa", "Organization")]),
        ("Ia menamatkan kuliah di Universitas Indonesia pada 1999 .", [("Universitas Indonesia", "Organization")]),
        ("Kontrak itu dimenangkan Tunas Harapan FC musim ini .", [("Tunas Harapan FC", "Organization")]),
        ("Yayasan Cahaya Pelita ( YCP ) membuka sekolah baru .",
         [("Yayasan Cahaya Pelita", "Organization"), ("YCP", "Organization")]),
        ("Anggota BPPK juga hadir .", [("BPPK", "Organization")]),
        ("Ia kemudian bergabung dengan klub Garudayaksa musim lalu .", [("Garudayaksa", "Organization")]),
        ("Pertandingan itu dimenangkan oleh Persiba Bantul .", [("Persiba Bantul", "Organization")]),
        ("Sekolah itu dikelola oleh Lembaga Pendidikan Nusa Indah sejak 1985 .",
         [("Lembaga Pendidikan Nusa Indah", "Organization")]),
        # What a copula says the name is.
        ("Wonosalam adalah sebuah desa di Jawa Timur .", [("Wonosalam", "Place"), ("Jawa Timur", "Place")]),
        ("Kalingga merupakan band asal Bandung .", [("Kalingga", "Organization"), ("Bandung", "Place")]),
        ("Sutiyarni adalah seorang penari .", [("Sutiyarni", "Person")]),
        # News spans checked: "Kepala Desa X" is X, a lower-case organization head is no name, "Kantor
        # Kecamatan X" is a place, an initial continues a name.
        ("Kepala Desa Sukarman Wijoyo membuka acara .", [("Sukarman Wijoyo", "Person")]),
        ("Ia menjadi komandan angkatan laut Austria .", [("Austria", "Country")]),
        ("Kantor Kecamatan Talunrejo terletak di pusat kota .", [("Kecamatan Talunrejo", "Place")]),
        ("Buku itu ditulis oleh Bambang S . Widjaja .", [("Bambang S . Widjaja", "Person")]),
        # Stop words inside a headed name; a known organization word inside a person's name.
        ("Ia mendirikan Partai Rakyat Baru pada 1999 .", [("Partai Rakyat Baru", "Organization")]),
        ("Ia mendirikan Koperasi Serba Guna Sejahtera bersama warga .",
         [("Koperasi Serba Guna Sejahtera", "Organization")]),
        ("Film itu disutradarai Francis Ford Coppola .", [("Francis Ford Coppola", "Person")]),
        ("Klub itu kalah dari Persikas Subang semalam .", [("Persikas Subang", "Organization")]),
        ("Album itu dirilis Sony Music Indonesia tahun lalu .", [("Sony Music Indonesia", "Organization")]),
        # Titles of works, lone ordinary words and function words are no entities.
        ('Film " Langit Biru Pagi " tayang pekan depan .', []),
        ("Tim itu kalah tipis semalam .", []),
        ("Pemerintah Daerah menaikkan anggaran Pendidikan .", []),
        # A known name wider than the news extractor's span replaces it.
        ("Ia pindah ke Real Madrid pada 2009 .", [("Real Madrid", "Organization")]),
        # "Baru", "Lama", "Besar" end a place's name; a stop word ends no name.
        ("Ia lahir di Desa Tegalrejo Lama pada 1960 .", [("Desa Tegalrejo Lama", "Place")]),
        ("Warga Kebayoran Baru menolak rencana itu .", [("Kebayoran Baru", "Place")]),
        ("Ia pulang ke Pulau Sapudi Besar .", [("Pulau Sapudi Besar", "Place")]),
        # Titles that belong to a name ("Ratu", "Sir"); honorifics that do not ("Syaikh").
        ("Upacara itu dihadiri Ratu Wilhelmina dan Sir Hendrik Colijn .",
         [("Ratu Wilhelmina", "Person"), ("Sir Hendrik Colijn", "Person")]),
        ("Kementerian itu dipimpin Syaikh Hamdan .", [("Hamdan", "Person")]),
        # Parts of a person's name: nickname, generation, regnal number, initials, syllables; no degree.
        ('Gitaris Robert " Bobby " Santoso tampil malam itu .', [('Robert " Bobby " Santoso', "Person")]),
        ("Ia bertemu Harold Simpson , Jr . di kantor .", [("Harold Simpson , Jr .", "Person")]),
        ("Ia bertemu Harold Simpson , Jr .", [("Harold Simpson , Jr", "Person")]),
        ("Keraton dipimpin Sultan Hamengkubuwono IX sejak 1940 .", [("Sultan Hamengkubuwono IX", "Person")]),
        ("Ia bertemu Budi K di pasar .", [("Budi K", "Person")]),
        ("Novel itu ditulis oleh M . Sabarani Wiryo pada 1970 .", [("M . Sabarani Wiryo", "Person")]),
        ("Drama itu dibintangi Yoon Eun - Hye tahun lalu .", [("Yoon Eun - Hye", "Person")]),
        ("Ia dirawat oleh dokter Hasan Basri MD di Medan .", [("Hasan Basri", "Person"), ("Medan", "Place")]),
        # Given names of many origins open a person's name.
        ("Film itu dibintangi Oliver Trask dan Melanie Sutomo .",
         [("Oliver Trask", "Person"), ("Melanie Sutomo", "Person")]),
        # Hyphens join an organization's name and a reduplicated place, never two countries.
        ("Ia bermain untuk Paris Saint - Germain musim lalu .", [("Paris Saint - Germain", "Organization")]),
        ("Warga desa Siborong - borong menanam padi .", [("desa Siborong - borong", "Place")]),
        ("Ia terbang dari Serbia - Montenegro ke Jakarta .",
         [("Serbia", "Country"), ("Montenegro", "Country"), ("Jakarta", "Place")]),
        # Place heads: stations, regions, schools; a number alone after a head names nothing.
        ("Ia turun di Stasiun Gawok pagi itu .", [("Stasiun Gawok", "Place")]),
        ("Sungai itu mengalir melalui Region Sagaing di utara .", [("Region Sagaing", "Place")]),
        ("Ia bersekolah di Sekolah Menengah Atas Negeri 8 Bekasi .",
         [("Sekolah Menengah Atas Negeri 8 Bekasi", "Place")]),
        ("Warga Dusun II menolak rencana itu .", []),
        # An organization's name ends before a title and a person's name, and before an award.
        ("Kepala Staf TNI Jenderal Moeldoko hadir .", [("TNI", "Organization"), ("Moeldoko", "Person")]),
        ("Ia memenangi penghargaan SBS Drama Award tahun lalu .", [("SBS", "Organization")]),
        # A person read after a title that opens with an organization's head is that organization.
        ("Ia menjadi Kepala Staf Kodam V Brawijaya tahun itu .", [("Kodam V Brawijaya", "Organization")]),
        # A head after ordinary capitalised words opens the name; English "University of".
        ("Ia mengikuti Program Pascasarjana Institut Teknologi Sepuluh Nopember .",
         [("Institut Teknologi Sepuluh Nopember", "Organization")]),
        ("Ia kuliah di University of Malaya sejak 2001 .", [("University of Malaya", "Organization")]),
        # Quoted titles opening with "The", acronyms of ordinary usage, "dari" alone: no entities.
        ('Ia membaca novel " The Silent Lake " semalam .', []),
        ("Hasil itu dibahas dalam rapat APBD dan OSIS .", []),
        ("Ia membeli album dari Kartolo .", []),
        # An acronym in parentheses after a name read as a place names an institution.
        ("Ia dididik di Angkatan Udara Republik Indonesia ( AURI ) .",
         [("Angkatan Udara", "Organization"), ("Republik Indonesia", "Place"), ("AURI", "Organization")]),
        # "bersama X": together with a person; a parliament is its country's, unless known by name.
        ("Ia bernyanyi bersama Kartolo di panggung .", [("Kartolo", "Person")]),
        ("Anggota Parlemen Jepang menolak usul itu .", [("Jepang", "Country")]),
        ("Ia berpidato di depan Parlemen Eropa kemarin .", [("Parlemen Eropa", "Organization")]),
        # A name written in lower case after a place head; an ordinary word there is none.
        ("Ia tinggal di desa karangwuni sejak kecil .", [("desa karangwuni", "Place")]),
        ("Ia tinggal di desa kecil itu .", []),
        # "di" before an unknown acronym does not make it a place.
        ("Ia bekerja di KRT sejak 2001 .", []),
        # Unknown words most of them ordinary (English included) are no person's name.
        ("Ia menonton Home Alone di Jakarta .", [("Jakarta", "Place")]),
        # A role played: quoted after a role cue, or unquoted before the work; a nickname. A quoted title is none.
        ('Ia berperan sebagai " Kenjiro Tsubaki " dalam film itu .', [("Kenjiro Tsubaki", "Person")]),
        ('Sejak kecil ia dijuluki " Koko " oleh teman - temannya .', [("Koko", "Person")]),
        ("Ia tampil sebagai Rendra Hartawan dalam serial itu .", [("Rendra Hartawan", "Person")]),
        ("Ia tampil sebagai pembawa acara dalam festival itu .", []),
        # A class noun opening a list types every member, ordinary words too; ", dan" joins a list.
        ("Kecamatan Wonoboyo terdiri dari lima desa yaitu : Kedungrejo , Ngemplak , Sumbersari , Tegalan , dan "
         "Jatiluhur .", [("Kecamatan Wonoboyo", "Place"), ("Kedungrejo", "Place"), ("Ngemplak", "Place"),
                        ("Sumbersari", "Place"), ("Tegalan", "Place"), ("Jatiluhur", "Place")]),
        ("Kami mengunjungi pantai lainnya seperti Sundak , Krakal dan Siung .",
         [("Sundak", "Place"), ("Krakal", "Place"), ("Siung", "Place")]),
        ("Grup itu terdiri dari empat anggota : Rizal , Bayu , Sekar , dan Hening .",
         [("Rizal", "Person"), ("Bayu", "Person"), ("Sekar", "Person"), ("Hening", "Person")]),
        ("Rapat dihadiri Ganesa Wibisono , Rudi Hartanto , dan Kadarisman .",
         [("Ganesa Wibisono", "Person"), ("Rudi Hartanto", "Person"), ("Kadarisman", "Person")]),
        # A guess from a word ending ("-rejo") goes along its list.
        ("Wilayah itu mencakup Kedungrejo , Blingoh , dan Klepu .",
         [("Kedungrejo", "Place"), ("Blingoh", "Place"), ("Klepu", "Place")]),
        # A band member's instrument after "pada", even for a name that is an ordinary word.
        ("Formasi awal band itu adalah Dodi pada vokal , Catur pada drum .", [("Dodi", "Person"), ("Catur", "Person")]),
        # A school level after a word of time is a period of life; a derived role word opens no name.
        ("Sejak SMP Larasati telah aktif menari .", [("Larasati", "Person")]),
        ("Ia bersekolah di SMP Bina Karya sejak 2001 .", [("SMP Bina Karya", "Place")]),
        ("Kaur Pembangunan Sukirno membuka rapat .", [("Sukirno", "Person")]),
        # An unknown word closing a run after a place names a part of it; "Panjang" ends a place's name.
        ("Ia tinggal di Aceh Tamiang sejak 2004 .", [("Aceh Tamiang", "Place")]),
        ("Ia lahir di Padang Panjang .", [("Padang Panjang", "Place")]),
        # Heads of clubs and institutions: "Real", "PS", "Kopertis".
        ("Ia pindah ke Real Oviedo musim lalu .", [("Real Oviedo", "Organization")]),
        ("Kopertis Wilayah IX menggelar rapat .", [("Kopertis Wilayah IX", "Organization")]),
        # After a place head a demonstrative or a derived word is no name; "Sebelah" opens none.
        ("Sejak itu Gunung Tersebut ditutup .", []),
        ("Museum didirikan pada 1950 .", []),
        ("Rapat itu dipimpin Hendra Wirawan , Sebelah Utara berbatasan dengan laut .", [("Hendra Wirawan", "Person")]),
        # A place's closing word ("Lama", "Baru") goes on a run though it is a stop word.
        ("Desa itu dibagi menjadi Sekarwangi Lama dan Sekarwangi Baru .",
         [("Sekarwangi Lama", "Place"), ("Sekarwangi Baru", "Place")]),
        # Schools are numbered "N 1", "2C"; a street's abbreviation after one opens another name.
        ("Ia bersekolah di SMA N 1 Karangpandan .", [("SMA N 1 Karangpandan", "Place")]),
        ("Siswa SMA Negeri 2C Madiun masuk siang .", [("SMA Negeri 2C Madiun", "Place")]),
        ("Kantor SMA Negeri VI Jl Belitung 8 pindah .", [("SMA Negeri VI", "Place"), ("Jl Belitung", "Place")]),
    ],
)
def test_recognize(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert entities(sentence) == expected


def test_recognize_returns_sorted_token_spans() -> None:
    assert recognize("Ia bekerja di PT Sinar Abadi Makmur dan tinggal di kota Tulungrejo .".split()) == [
        (3, 7, "Organization"),
        (10, 12, "Place"),
    ]
    assert recognize([]) == []


def typed(sentence: str, spans: list[tuple[int, int, str]], tags: list[str] | None) -> list[tuple[str, str]]:
    words = sentence.split()
    return [(" ".join(words[s:e]), kind) for s, e, kind in Classifier(words, spans, tags).read()]


def test_tags_strip_a_common_noun_before_a_name() -> None:
    tags = ["NN", "NNP", "VB", "IN", "NNP", "SYM"]
    assert typed("Karier Handoko dimulai di Solo .", [(4, 5, "Place")], tags) == [("Handoko", "Person")]
    assert typed("Karier Handoko dimulai di Solo .", [(4, 5, "Place")], None) == [("Karier Handoko", "Person")]


def test_tags_find_a_root_verb_after_a_subject() -> None:
    tags = ["PR", "VB", "NNP", "VB", "NN", "SYM"]
    assert typed("Ia melihat Sutarmin pindah rumah .", [], tags) == [("Sutarmin", "Person")]
    assert typed("Ia melihat Sutarmin pindah rumah .", [], None) == []


def test_tags_keep_a_numeral_opening_the_sentence_from_being_a_name() -> None:
    assert typed("Keempat pemain itu pulang .", [], ["NUM", "NN", "DT", "VB", "SYM"]) == []
    assert typed("Keempat pemain itu pulang .", [], None) == [("Keempat", "Person")]


def test_joiner_reads_commas_conjunctions_and_both() -> None:
    lower = "budi , dan ani atau , tono".split()
    assert joiner(lower, 1, 2) and joiner(lower, 1, 3) and joiner(lower, 4, 5)
    assert not joiner(lower, 0, 1) and not joiner(lower, 4, 6) and not joiner(lower, 1, 4)


def test_list_start_walks_back_over_members_with_numbers() -> None:
    words = "desa yaitu Lara II , Teteuri , dan Marannu .".split()
    lower = [w.lower() for w in words]
    assert list_start(words, lower, 8) == 2
    assert list_start(words, lower, 2) == 2


def test_list_cue_needs_an_opener_and_a_lower_case_class_noun() -> None:
    def cue(sentence: str, s: int) -> str | None:
        words = sentence.split()
        return list_cue(phrases(), words, [w.lower() for w in words], s)

    assert cue("lima desa yaitu : Jati", 4) == "Place"
    assert cue("band lain seperti Kotak", 3) == "Organization"
    assert cue("tiga anggota : Rizal", 3) == "Person"
    assert cue("lima desa di Jati", 3) is None
    assert cue("Desa yaitu Jati", 2) is None


def test_person_edges_take_in_a_span_inside_the_name_only_when_it_is_a_persons() -> None:
    words = 'Robert " Bobby " Santoso dan Jakarta'.split()
    assert person_edges(words, [(0, 1, "Person"), (4, 5, "Person"), (6, 7, "Place")]) == [
        (0, 5, "Person"),
        (6, 7, "Place"),
    ]
    assert person_edges(words, [(0, 1, "Person"), (4, 5, "Organization")]) == [
        (0, 1, "Person"),
        (4, 5, "Organization"),
    ]


def test_hyphen_joins_organizations_not_places() -> None:
    words = "Super Junior - Hanbyul dan Bogor - Depok".split()
    assert hyphen_joins(words, [(0, 2, "Organization"), (5, 6, "Place"), (7, 8, "Place")]) == [
        (0, 4, "Organization"),
        (5, 6, "Place"),
        (7, 8, "Place"),
    ]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_read_bio_tabs_spaces_and_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Budi\tB-PERSON\ntinggal\tO\n\n\ndi O\nSolo   B-PLACE\n")
    assert read_bio(path) == [(["Budi", "tinggal"], ["B-PERSON", "O"]), (["di", "Solo"], ["O", "B-PLACE"])]


@pytest.mark.parametrize("bad", ["Budi\n", "Budi B-PERSON extra\n", "Budi\tPERSON\n"])
def test_read_bio_malformed_line_names_file_and_line(tmp_path: Path, bad: str) -> None:
    path = write(tmp_path / "bad.txt", "Ia\tO\n\n" + bad)
    with pytest.raises(ValueError) as err:
        read_bio(path)
    assert str(err.value) == f"{path}:3: expected 'token<TAB>label'"


def test_gold_spans_map_types_and_open_on_stray_inside() -> None:
    labels = ["B-PERSON", "I-PERSON", "O", "I-PLACE", "B-ORGANISATION", "B-LOCATION"]
    assert gold_spans(labels) == [(0, 2, "Person"), (3, 4, "Place"), (4, 5, "Organization"), (5, 6, "Place")]


def fixed(spans: list[list[tuple[int, int, str]]]):
    """A recognizer that answers the given spans for the sentences in turn."""
    answers = iter(spans)
    return lambda words: next(answers)


def test_evaluate_exact_numbers() -> None:
    sentences = [
        (["Budi", "Santoso", "ke", "Solo"], ["B-PERSON", "I-PERSON", "O", "B-PLACE"]),
        (["Ia", "di", "Jepang"], ["O", "O", "B-PLACE"]),
    ]
    predicted = [[(0, 2, "Person"), (3, 4, "Organization")], [(2, 3, "Country")]]
    result = evaluate(sentences, fixed(predicted))
    assert result["overall"]["gold"] == 3
    assert result["overall"]["predicted"] == 3
    assert result["overall"]["correct"] == 2
    assert result["overall"]["precision"] == pytest.approx(2 / 3)
    assert result["overall"]["recall"] == pytest.approx(2 / 3)
    assert result["types"]["Person"]["f1"] == 1.0
    assert result["types"]["Place"]["precision"] == 1.0
    assert result["types"]["Place"]["recall"] == 0.5
    assert result["types"]["Place"]["wrong_type"] == 1
    assert result["types"]["Organization"]["precision"] == 0.0
    assert result["types"]["Organization"]["predicted"] == 1


def test_evaluate_half_right() -> None:
    sentences = [(["Andi", "dan", "Bogor"], ["B-PERSON", "O", "B-PLACE"])]
    result = evaluate(sentences, fixed([[(0, 1, "Person"), (2, 3, "Person")]]))
    assert (result["overall"]["precision"], result["overall"]["recall"], result["overall"]["f1"]) == (0.5, 0.5, 0.5)
    assert result["types"]["Place"]["missed"] == 0
    assert result["types"]["Place"]["wrong_type"] == 1


def test_evaluate_counts_overlapping_and_missed_spans() -> None:
    sentences = [(["Kota", "Malang", "dan", "Siti"], ["B-PLACE", "I-PLACE", "O", "B-PERSON"])]
    result = evaluate(sentences, fixed([[(1, 2, "Place")]]))
    assert result["types"]["Place"]["wrong_span"] == 1
    assert result["types"]["Person"]["missed"] == 1
    assert result["overall"]["f1"] == 0.0


def test_format_report_lines() -> None:
    sentences = [(["Andi", "dan", "Bogor"], ["B-PERSON", "O", "B-PLACE"])]
    lines = format_report(evaluate(sentences, fixed([[(0, 1, "Person"), (2, 3, "Person")]]))).split("\n")
    assert lines[-1] == "overall precision=0.500 recall=0.500 f1=0.500"
    assert [line.split()[0] for line in lines[:-1]] == ["Organization", "Person", "Place"]
    assert lines[1].startswith("Person precision=0.500 recall=1.000 f1=0.667 ")


def test_format_report_rounds_to_three_decimals() -> None:
    row = {"gold": 0, "predicted": 0, "correct": 0, "wrong_type": 0, "wrong_span": 0, "missed": 0}
    result = {"types": {}, "overall": {**row, "precision": 0.8124, "recall": 0.7736, "f1": 0.79251}}
    assert format_report(result) == "overall precision=0.812 recall=0.774 f1=0.793"


def test_report_measures_the_recognizer_on_a_file(tmp_path: Path) -> None:
    path = write(tmp_path / "mini.txt", "Ia\tO\npindah\tO\nke\tO\nJepang\tB-PLACE\n.\tO\n")
    assert report(path).split("\n")[-1] == "overall precision=1.000 recall=1.000 f1=1.000"


def test_cue_lists_are_lists_of_words() -> None:
    cues = yaml.safe_load(lexicon.read_text("ner_cues.yaml"))
    assert cues
    for key, words in cues.items():
        assert words and all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in words), key


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("given_names.tsv", ["name", "origin"]),
        ("places.tsv", ["name", "type", "kind"]),
        ("organizations.tsv", ["name", "kind"]),
        ("common_words.tsv", ["word"]),
    ],
)
def test_name_lists_have_their_schema(name: str, columns: list[str]) -> None:
    assert lexicon.read_text(name).startswith("# ")
    rows = lexicon.read_tsv(name)
    assert rows and all(list(row) == columns and all(row.values()) for row in rows)
    if "type" in columns:
        assert {row["type"] for row in rows} == {"Country", "Place"}
