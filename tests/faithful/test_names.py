"""names: the names a translation must keep, found in the output in their usual forms."""

from __future__ import annotations

from ringkas.faithful.names import changed_names, invented_names, missing_names, required_names


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


def test_building_and_place_words_are_translated_inside_names() -> None:
    # "Stadion X" = "X Stadium", "Gedung X" = "the X building", "Menara X" = "X Tower"
    source = "Laga digelar di Stadion Manahan, dekat Gedung Juang dan Menara Saidah."
    assert texts(required_names(source)) == ["Manahan", "Juang", "Saidah"]
    assert (
        missing_names(
            source,
            "The match was played at Manahan Stadium, near the Juang building and Saidah Tower.",
        )
        == []
    )


def test_usual_renderings_of_abbreviations() -> None:
    assert missing_names("Harga dolar AS naik.", "The price of the US dollar rose.") == []
    assert missing_names("Peringatan HUT Kota Medan.", "Medan's anniversary celebration.") == []
    assert texts(missing_names("Harga dolar AS naik.", "The dollar price rose.")) == ["AS"]


def test_a_short_rendering_counts_only_as_a_whole_word() -> None:
    # "RI" may be rendered "Indonesia" or kept, but "rice" or "rise" is neither
    assert texts(missing_names("Beras impor RI naik.", "The imported rice rose.")) == ["RI"]
    assert texts(missing_names("Kunjungan ke AS.", "A visit used for trade.")) == ["AS"]
    assert missing_names("Kunjungan ke AS.", "A visit to the US.") == []


def test_a_misspelt_abbreviation_in_brackets_is_changed() -> None:
    source = "Kementerian Perdagangan (Kemendag) membuka pasar murah."
    assert changed_names(source, "The Trade Ministry (Kemendag) opened a cheap market.") == []
    assert changed_names(source, "The Trade Ministry opened a cheap market.") == []
    (change,) = changed_names(source, "The Trade Ministry (Kemendog) opened a cheap market.")
    assert (change[0].text, change[1]) == ("Kemendag", "Kemendog")
