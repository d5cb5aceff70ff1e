"""names: the names a translation must keep, found in the output in their usual forms."""

from __future__ import annotations

from ringkas.faithful.names import invented_names, missing_names, required_names


def texts(spans: list) -> list[str]:
    return [s.text for s in spans]


def test_translated_words_inside_names_are_not_required() -> None:
    source = "Badan Penanggulangan Bencana Daerah (BPBD) Kabupaten Cianjur mencatat korban."
    assert texts(required_names(source)) == ["BPBD", "Cianjur"]


def test_a_sentence_opening_word_counts_only_as_an_acronym() -> None:
    assert texts(required_names("Hendra menambahkan.")) == []
    assert texts(required_names("KPU menetapkan DPT.")) == ["KPU", "DPT"]


def test_renderings_are_accepted() -> None:
    assert (
        missing_names(
            "Ia lahir di Jawa Barat, Belanda.", "He was born in West Java, the Netherlands."
        )
        == []
    )
    assert missing_names("Warga asal Ethiopia.", "An Ethiopian resident.") == []
    assert missing_names("Pelaku UMKM datang.", "MSME owners came.") == []


def test_a_dropped_or_changed_name_is_missing() -> None:
    assert texts(
        missing_names(
            "Ketua OJK, Mahendra Siregar, hadir.", "The OJK chair, Mahendra Sirait, came."
        )
    ) == ["Siregar"]


def test_summary_names_must_come_from_the_article() -> None:
    article = "Wali Kota Padang, Syamsul Bahri, meresmikan rumah sakit di Sumatera Barat."
    assert (
        invented_names(article, "Padang's mayor Syamsul Bahri opened a hospital in West Sumatra.")
        == []
    )
    assert texts(invented_names(article, "Wali Kota Syamsul Bahri ke Medan.", tgt="id")) == [
        "Medan"
    ]
    assert texts(invented_names(article, "The KPK and the mayor Syamsul Bahri.")) == ["KPK"]
