"""facts.extract: Indonesian and English forms of one value read as the same value."""

from __future__ import annotations

import pytest

from ringkas.faithful import check
from ringkas.faithful.facts import compatible, extract


def values(text: str, lang: str) -> list[tuple[str, object, str | None]]:
    return [f.keys[0] for f in extract(text, lang) if not f.weak]


@pytest.mark.parametrize(
    ("indonesian", "english", "key"),
    [
        ("1.871.446", "1,871,446", ("q", 1871446.0, None)),
        ("1,4 juta", "1.4 million", ("q", 1.4e6, None)),
        ("2,81 persen", "2.81%", ("q", 2.81, "%")),
        ("Rp10.900", "IDR 10,900", ("q", 10900.0, "IDR")),
        ("Rp 5,5 triliun", "Rp5.5tn", ("q", 5.5e12, "IDR")),
        ("US$ 2,3 miliar", "US$2.3bn", ("q", 2.3e9, "USD")),
        ("10.900 rupiah", "10,900 rupiah", ("q", 10900.0, "IDR")),
        ("lima", "five", ("q", 5.0, None)),
        ("dua puluh lima", "twenty-five", ("q", 25.0, None)),
        ("ke-3", "3rd", ("q", 3.0, None)),
        ("ketiga", "third", ("q", 3.0, None)),
        ("ratusan", "hundreds", ("approx", 100.0, None)),
        ("pukul 21.30 WIB", "21:30 WIB", ("time", 1290, "WIB")),
        ("Senin", "Monday", ("weekday", 0, None)),
        ("4/3/2024", "March 4, 2024", ("date", (4, 3, 2024), None)),
        ("Februari 2024", "February 2024", ("date", (None, 2, 2024), None)),
    ],
)
def test_same_value_both_sides(indonesian: str, english: str, key: tuple) -> None:
    (id_fact,) = [f for f in extract(indonesian, "id") if not f.weak] or extract(indonesian, "id")
    (en_fact,) = extract(english, "en")
    assert any(compatible(key, k) for k in id_fact.keys)
    assert any(compatible(key, k) for k in en_fact.keys)


def test_english_keeps_both_readings_of_an_ambiguous_number() -> None:
    (fact,) = extract("Rp10.900", "en")
    assert [k[1] for k in fact.keys] == [10.9, 10900.0]


def test_nine_thirty_without_am_pm_may_be_morning_or_evening() -> None:
    (fact,) = extract("9:30 WIB", "en")
    assert {k[1] for k in fact.keys} == {570, 1290}


def test_money_and_scales_next_to_a_time_shape_are_quantities() -> None:
    assert values("Rp 10.27 trillion", "en") == [("q", 10.27e12, "IDR")]
    assert values("1.35 billion", "en") == [("q", 1.35e9, None)]


def test_durations_are_numbers_not_clock_times() -> None:
    assert [k[0] for k in values("2 jam 14 menit 37 detik", "id")] == ["q", "q", "q"]


def test_words_that_only_sometimes_mean_a_number_are_weak() -> None:
    assert [f.weak for f in extract("registered twice, the first time", "en")] == [True, True]
    assert [f.weak for f in extract("kedua pihak", "id")] == [True]


def test_may_is_a_month_only_as_a_date() -> None:
    assert values("Prices may rise.", "en") == []
    assert values("in May", "en") == [("date", (None, 5, None), None)]
    assert values("May 2024", "en") == [("date", (None, 5, 2024), None)]


def test_skipped_spans_are_not_read() -> None:
    text = "Lihat https://x.id/2024 hari ini, 5 orang."
    start = text.index("https")
    # the skipped span holds a value that is read without the skip ...
    assert [f.text for f in extract(text, "id")] == ["2024", "5"]
    assert values(text, "id")[-1] == ("q", 5.0, None)
    # ... and not read with it
    assert [f.text for f in extract(text, "id", skip=[(start, start + 18)])] == ["5"]


def test_a_range_shares_its_scale() -> None:
    (first, second) = extract("Rp 1,9-2,7 juta", "id")
    assert ("q", 1.9e6, "IDR") in first.keys and second.keys[0] == ("q", 2.7e6, None)


def test_a_number_with_a_glued_scale_letter_may_be_the_scale() -> None:
    # the press writes "1.4m people" and "40k fans"; "1.4m" may also be 1.4 metres
    (fact,) = extract("1.4m people", "en")
    assert {k[1] for k in fact.keys} == {1.4, 1.4e6}
    (fact,) = extract("40k fans", "en")
    assert {k[1] for k in fact.keys} == {40.0, 40e3}
    assert [k[1] for k in extract("1,4 m", "id")[0].keys] == [1.4]  # Indonesian: metres


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("pada 8-11 Mei 2025", "id"),
        ("pada 8 hingga 11 Mei 2025", "id"),
        ("from May 8 to 11, 2025", "en"),
        ("on May 8-11, 2025", "en"),
        ("from 8 to 11 May 2025", "en"),
        ("on 8–11 May 2025", "en"),
    ],
)
def test_a_range_of_days_is_two_dates_of_one_month(text: str, lang: str) -> None:
    assert values(text, lang) == [("date", (8, 5, 2025), None), ("date", (11, 5, 2025), None)]


def test_balita_is_a_weak_five_that_children_under_five_may_state() -> None:
    fact = extract("Satu dari empat balita", "id")[-1]
    assert (fact.kind, fact.weak, fact.text) == ("number", True, "balita")
    source = "Satu dari empat anak balita di provinsi itu mengalami stunting."
    assert check(source, "One in four children under five in the province is stunted.").ok
    assert check(source, "One in four toddlers in the province is stunted.").ok
    assert not check(source, "One in six children under five in the province is stunted.").ok


def test_midnight_and_noon_are_times_and_hyphenated_tens_are_numbers() -> None:
    source = "Harga turun mulai Selasa (1/10/2024) pukul 00.00 waktu setempat."
    assert check(source, "Prices fell from midnight local time on Tuesday, October 1, 2024.").ok
    assert not check(source, "Prices fell from noon local time on Tuesday, October 1, 2024.").ok
    assert check("Sebanyak 31 perusahaan mencatatkan saham.", "Thirty-one companies listed.").ok
    assert not check("Sebanyak 31 perusahaan mencatatkan saham.", "Thirty-two companies listed.").ok


def test_local_time_is_the_places_own_zone() -> None:
    source = "Pelantikan digelar Minggu (20/10/2024) pukul 10.00 WIB di Jakarta."
    assert check(source, "It is at 10 a.m. local time on Sunday, October 20, 2024, in Jakarta.").ok
    assert not check(
        source, "It is at 11 a.m. local time on Sunday, October 20, 2024, in Jakarta."
    ).ok
    assert not check(source, "It is at 10 a.m. WITA on Sunday, October 20, 2024, in Jakarta.").ok


def test_a_number_word_kept_in_a_name_and_implied_counts_are_not_missing() -> None:
    source = "Tim Institut Teknologi Sepuluh Nopember (ITS) menang dua gim langsung."
    assert check(
        source, "The Sepuluh Nopember Institute of Technology (ITS) team won in straight games."
    ).ok
    assert check(
        "Perusahaan menerbitkan Obligasi Berkelanjutan V Tahap II.",
        "It issued phase II bonds of its fifth shelf programme.",
    ).ok


def test_a_weekday_with_day_and_month_is_a_date_without_its_year() -> None:
    source = "Rapat Paripurna DPR, Selasa (24/11), mengesahkan RUU itu."
    assert check(source, "The House passed the bill at a plenary session on Tuesday, Nov. 24.").ok
    assert check(source, "The House passed the bill at a plenary session on Tuesday (24/11).").ok
    assert not check(
        source, "The House passed the bill at a plenary session on Tuesday, Nov. 25."
    ).ok
    assert not check(source, "The House passed the bill at a plenary session on Tuesday.").ok


def test_a_quarter_is_also_the_months_up_to_it_and_ordinals_keep_thousands() -> None:
    source = "Laba bersih Rp 45,36 triliun hingga kuartal III 2026."
    assert check(source, "Net profit was Rp 45.36 trillion in the first nine months of 2026.").ok
    assert check(source, "Net profit was Rp 45.36 trillion through the third quarter of 2026.").ok
    assert not check(source, "Net profit was Rp 45.36 trillion in the first half of 2026.").ok
    assert check(
        "Kota itu memperingati hari jadi ke-1.343.", "The city marked its 1,343rd anniversary."
    ).ok


def test_an_english_race_time_is_a_duration() -> None:
    source = "Ia finis dengan catatan waktu 2 jam 11 menit 48 detik."
    assert check(source, "He finished in 2:11:48.").ok
    assert not check(source, "He finished in 2:12:48.").ok


def test_a_range_of_days_in_a_numeric_date_is_two_dates() -> None:
    source = "Wisuda digelar Sabtu-Minggu (7-8/9/2024) di Jember."
    assert check(
        source, "The ceremony was held on Saturday and Sunday (September 7-8, 2024) in Jember."
    ).ok
    assert not check(
        source, "The ceremony was held on Saturday and Sunday (September 7-9, 2024) in Jember."
    ).ok


def test_seasons_kept_english_words_and_midday() -> None:
    assert check("Persib juara Liga 1 musim 2024/2025.", "Persib won the 2024-25 Liga 1 title.").ok
    assert not check(
        "Persib juara Liga 1 musim 2024/2025.", "Persib won the 2024-26 Liga 1 title."
    ).ok
    source = "Indeks anjlok pada Senin (5/8/2024), terdalam sejak peristiwa Black Monday pada 1987."
    assert check(
        source, "The index plunged on Monday (August 5, 2024), the most since Black Monday in 1987."
    ).ok
    source = "Trump dilantik pada Senin (20/1/2025) siang waktu setempat."
    assert check(source, "Trump was sworn in at midday local time on Monday (January 20, 2025).").ok


def test_tenfold_is_ten() -> None:
    source = "Ekspor naik lebih dari sepuluh kali lipat."
    assert check(source, "Exports rose more than tenfold.").ok
    assert not check(source, "Exports rose more than fivefold.").ok


def test_a_time_zone_may_go_unsaid_but_not_change_or_be_misspelt() -> None:
    source = "Longsor terjadi pada Senin (4/12/2023) sekitar pukul 16.45 WIB."
    assert check(source, "The landslide struck at around 4.45pm on Monday, 4 December 2023.").ok
    assert not check(
        source, "The landslide struck at around 4.45pm WITA on Monday, 4 December 2023."
    ).ok
    assert not check(
        source, "The landslide struck at around 4.45pm Wob on Monday, 4 December 2023."
    ).ok


def test_rupiah_scale_letters() -> None:
    source = "Pemprov mengalokasikan Rp 1,2 T dan Rp 5 M untuk jalan."
    assert check(source, "The province allocated Rp 1.2 trillion and Rp 5 billion to roads.").ok
    assert not check(source, "The province allocated Rp 1.2 billion and Rp 5 billion to roads.").ok


def test_fractions_in_words() -> None:
    source = "Sepertiga dari 900 warga dan dua pertiga lahan terdampak banjir."
    english = "A third of the 900 residents and two-thirds of the land were hit by floods."
    assert check(source, english).ok
    assert not check(source, english.replace("A third", "A quarter")).ok
    # "a third" with no "of" is an ordinal, not a fraction
    assert values("He won a third term.", "en") == [("q", 3.0, None)]


def test_a_range_of_hours_shares_its_am_or_pm() -> None:
    source = "Jalan ditutup pukul 07.00-11.00 dan 17.00-21.00 WIB."
    assert check(source, "The road is closed 7-11 a.m. and 5-9 p.m. WIB.").ok
    assert not check(source, "The road is closed 7-11 a.m. and 6-9 p.m. WIB.").ok


def test_a_fact_copied_word_for_word_from_the_source_is_the_source_fact() -> None:
    # an English event name in the Indonesian: there "2025" reads as a year alone
    source = "Sebanyak 40 band tampil dalam Jakarta Fair July 2025 di Kemayoran."
    assert check(source, "Some 40 bands played at Jakarta Fair July 2025 in Kemayoran.").ok
    assert not check(source, "Some 40 bands played at Jakarta Fair July 2026 in Kemayoran.").ok


def test_more_ways_english_writes_a_value() -> None:
    # "and a half" after a number in words, both ways
    source = "Terdakwa dituntut 8,5 tahun penjara dan tujuh setengah bulan masa percobaan."
    english = "Prosecutors sought eight and a half years in prison and 7.5 months of probation."
    assert check(source, english).ok
    # a roman numeral said with another, and a weekday in the possessive
    source = "Siswa kelas II dan V dipulangkan pada Rabu (4/2/2026)."
    assert check(
        source, "Second- and fifth-grade pupils were sent home on Wednesday (Feb. 4, 2026)."
    ).ok
    assert check(
        source, "At Wednesday's dismissal (Feb. 4, 2026), second- and fifth-grade pupils went home."
    ).ok
    assert not check(
        source, "Second- and sixth-grade pupils were sent home on Wednesday (Feb. 4, 2026)."
    ).ok
    # two weekdays with one bracketed day range and no year; "12 noon" is a time
    source = "Jalan ditutup pada Sabtu dan Minggu (7-8/3) pukul 06.00 hingga 12.00 WIB."
    assert check(
        source, "The road will close on Saturday and Sunday (March 7-8) from 6 a.m. to 12 noon WIB."
    ).ok
    assert not check(
        source, "The road will close on Saturday and Sunday (March 7-9) from 6 a.m. to 12 noon WIB."
    ).ok
    # a time to the second
    source = "Gempa terjadi pukul 14.05.33 WIB."
    assert check(source, "The quake struck at 2:05:33 p.m. WIB.").ok
    assert check(source, "The quake struck at 14:05:33 WIB.").ok


def test_implied_and_named_numbers() -> None:
    # the months counted up to a month the source names
    source = "Laba bersih perseroan hingga September 2025 mencapai Rp 4,1 triliun."
    assert check(
        source,
        "The company's net profit in the nine months through September 2025 reached Rp 4.1 trillion.",
    ).ok
    # a number word inside a name, translated
    source = "Polres Kepulauan Seribu menangkap 12 orang."
    assert check(source, "Thousand Islands Police arrested 12 people.").ok


def test_stoppage_time() -> None:
    source = "Gol penyeimbang dicetak pada menit ke-90+4."
    assert check(source, "The equaliser came in the fourth minute of stoppage time.").ok
    assert check(source, "The equaliser came in the 90+4th minute.").ok
    assert not check(source, "The equaliser came in the fifth minute of stoppage time.").ok


def test_a_numeral_that_counts_and_a_count_said_in_an_idiom() -> None:
    source = "RUU itu ditargetkan rampung pada masa sidang V dan posko buka 24 jam."
    english = "The bill is due in the fifth sitting period, and the post is open around the clock."
    assert check(source, english).ok
    assert not check(source, english.replace("fifth", "fourth")).ok
