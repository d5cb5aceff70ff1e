"""check(): correct translations in good news English pass; changed, dropped or invented facts
are flagged with their kind, the source span and what the output has instead."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from ringkas import check as top_level_check
from ringkas.errors import ConfigError, UnsupportedLanguageError
from ringkas.faithful import KINDS, Report, check

EXAMPLE_ID = "Harga naik 30 persen menjadi Rp10.900 per kg, Senin (4/3/2024)."


def test_the_issue_example() -> None:
    report = check(EXAMPLE_ID, "The price rose 13 percent to Rp10,900 per kg on Sunday.")
    assert not report.ok
    found = {
        (i.kind, i.source_span.text if i.source_span else None, i.found) for i in report.issues
    }
    assert found == {
        ("percent", "30 persen", "13 percent"),
        ("date", "Senin", "Sunday"),
        ("date", "4/3/2024", None),
    }
    for issue in report.issues:
        assert issue.kind in KINDS
        assert issue.source_span is not None
        assert EXAMPLE_ID[issue.source_span.start : issue.source_span.end] == issue.source_span.text
        assert issue.message
    assert top_level_check is check


# Every line: source, a translation in good news English that must pass.
GOOD = [
    (EXAMPLE_ID, "The price rose 30 percent to Rp10,900 per kg on Monday (4/3/2024)."),
    (EXAMPLE_ID, "The price rose 30% to IDR 10,900 per kg on Monday, March 4, 2024."),
    (EXAMPLE_ID, "Prices went up 30 per cent to Rp 10,900 a kilogram on Monday, 4 March 2024."),
    ("DPT mencapai 1.871.446 pemilih.", "The voter list (DPT) reached 1,871,446 voters."),
    ("Cadangan beras 1,4 juta ton.", "The rice reserve is 1.4 million tons."),
    ("Cadangan beras 1,4 juta ton.", "The rice reserve is 1,400,000 tons."),
    ("Inflasi tercatat 2,81 persen.", "Inflation was 2.81%."),
    ("Nilainya Rp 5,5 triliun.", "It is worth IDR 5.5 trillion."),
    ("Nilainya Rp 5,5 triliun.", "It is worth Rp5.5tn."),
    ("Nilainya US$ 2,3 miliar.", "It is worth US$2.3 billion."),
    ("Nilainya US$ 2,3 miliar.", "It is worth $2.3bn."),
    ("Tiketnya Rp 50 ribu.", "Tickets cost Rp 50,000."),
    ("Tiketnya Rp 50 ribu.", "Tickets cost Rp 50 thousand."),
    ("Longsor terjadi pukul 21.30 WIB.", "The landslide happened at 21:30 WIB."),
    ("Longsor terjadi pukul 21.30 WIB.", "The landslide happened at 9:30 p.m. WIB."),
    ("Longsor terjadi pukul 21.30 WIB.", "The landslide happened at 9.30pm WIB."),
    ("Longsor terjadi pukul 21.30 WIB.", "The landslide happened at 21.30 WIB."),
    ("Bus beroperasi pukul 05.30 hingga 21.00 WIB.", "Buses run from 5:30 a.m. to 9 p.m. WIB."),
    ("Lima rumah tertimbun.", "Five houses were buried."),
    ("Lima rumah tertimbun.", "5 houses were buried."),
    ("Ia diskors dua kali.", "It was suspended twice."),
    ("Puluhan warga mengungsi.", "Dozens of residents fled."),
    ("Ratusan perajin datang.", "Hundreds of artisans came."),
    ("Ribuan rumah terendam.", "Thousands of houses were flooded."),
    ("Puluhan ribu orang hadir.", "Tens of thousands of people attended."),
    ("Hingga pekan ke-16 tahun 2024.", "As of the 16th week of 2024."),
    (
        "Fase kritis pada hari ketiga sampai kelima.",
        "The critical phase is the third to fifth day.",
    ),
    (
        "Pabrik beroperasi pada kuartal III 2026.",
        "The plant will operate in the third quarter of 2026.",
    ),
    ("Ketiga tersangka ditahan.", "The three suspects were detained."),
    ("Anak-anak berusia 5 hingga 14 tahun.", "Children aged 5 to 14."),
    ("Harganya Rp 1,9 juta hingga Rp 2,7 juta.", "It costs Rp 1.9 million to Rp 2.7 million."),
    ("Harganya Rp 1,9-2,7 juta.", "It costs between Rp 1.9 million and Rp 2.7 million."),
    ("Persib menang 3-1 atas Persija.", "Persib beat Persija 3-1."),
    ("Persib menang 3-1 atas Persija.", "Persib beat Persija 3–1."),
    ("Kejadian pada 27 November 2024.", "It happened on November 27, 2024."),
    ("Kejadian pada 27 November 2024.", "It happened on 27 November 2024."),
    ("Pungutan berlaku sejak 14 Februari 2024.", "The levy has applied since Feb. 14, 2024."),
    ("Inflasi Februari 2024.", "Inflation in February 2024."),
    ("Panen pada akhir Maret.", "The harvest is at the end of March."),
    ("Hampir separuh perekonomian daerah.", "Nearly half of the regional economy."),
    (
        "Kepala BPBD Kabupaten Cianjur, Asep Mulyana, datang.",
        "The head of the Cianjur Regency BPBD, Asep Mulyana, came.",
    ),
    ("Pelari asal Kenya menang di Jawa Timur.", "A Kenyan runner won in East Java."),
    ("Ia diperiksa OJK di Jakarta.", "He was questioned by the OJK in Jakarta."),
    ("Lapor ke @bssn_ri atau https://bssn.go.id.", "Report to @bssn_ri or https://bssn.go.id."),
    ("Pakai tagar #AwasPenipuan.", "Use the hashtag #AwasPenipuan."),
    (
        "Gempa bermagnitudo 5,3 terjadi Minggu (9/6/2024) pukul 04.17 Wita.",
        "A magnitude 5.3 earthquake struck on Sunday (9/6/2024) at 04:17 Wita.",
    ),
    (
        "Tanah longsor terjadi Senin (4/3/2024) malam.",
        "A landslide struck on Monday (4/3/2024) night.",
    ),
    (
        "Ia menjuarai maraton dengan waktu 2 jam 14 menit 37 detik.",
        "He won the marathon in 2 hours 14 minutes 37 seconds.",
    ),
    ("Tiga orang meninggal dan satu orang hilang.", "Three people died and one is missing."),
    ("Tiga orang meninggal dan satu orang hilang.", "Three people died and another is missing."),
    ("Ini tidak berlaku.", "This does not apply."),
]


@pytest.mark.parametrize(("source", "english"), GOOD)
def test_good_translations_pass(source: str, english: str) -> None:
    report = check(source, english)
    assert report.ok, report.issues


# source, a corrupted translation, the kind that must be flagged, the source text it is about
BAD = [
    ("Cadangan beras 1,4 juta ton.", "The rice reserve is 1.4 billion tons.", "number", "1,4 juta"),
    ("Cadangan beras 1,4 juta ton.", "The rice reserve is 14 million tons.", "number", "1,4 juta"),
    (
        "DPT mencapai 1.871.446 pemilih.",
        "The list reached 1,871,466 voters.",
        "number",
        "1.871.446",
    ),
    ("Inflasi tercatat 2,81 persen.", "Inflation was 2.18 percent.", "percent", "2,81 persen"),
    ("Nilainya Rp 5,5 triliun.", "It is worth IDR 5.5 billion.", "money", "Rp 5,5 triliun"),
    ("Nilainya US$ 2,3 miliar.", "It is worth Rp 2.3 billion.", "money", "US$ 2,3 miliar"),
    ("Longsor terjadi pukul 21.30 WIB.", "It happened at 20:30 WIB.", "time", "pukul 21.30 WIB"),
    (
        "Longsor terjadi pukul 21.30 WIB.",
        "It happened at 9:30 a.m. WIB.",
        "time",
        "pukul 21.30 WIB",
    ),
    ("Longsor terjadi pukul 21.30 WIB.", "It happened at 21:30 WITA.", "time", "pukul 21.30 WIB"),
    ("Lima rumah tertimbun.", "Six houses were buried.", "number", "Lima"),
    ("Lima rumah tertimbun.", "Houses were buried.", "number", "Lima"),
    ("Puluhan warga mengungsi.", "Hundreds of residents fled.", "number", "Puluhan"),
    (
        "Kejadian pada 27 November 2024.",
        "It happened on November 27, 2023.",
        "date",
        "27 November 2024",
    ),
    (
        "Kejadian pada 27 November 2024.",
        "It happened on December 27, 2024.",
        "date",
        "27 November 2024",
    ),
    ("Kejadian pada Senin (4/3/2024).", "It happened on Tuesday (4/3/2024).", "date", "Senin"),
    ("Panen pada akhir Maret.", "The harvest is at the end of May.", "date", "Maret"),
    (
        "Kepala BPBD, Asep Mulyana, datang.",
        "The head of the BPBD, Asep Mulyono, came.",
        "name",
        "Mulyana",
    ),
    ("Ia diperiksa OJK.", "He was questioned by the regulator.", "name", "OJK"),
    ("Lapor ke @bssn_ri.", "Report to @bssn.", "name", "@bssn_ri"),
    ("Ada 12 embung di lima kecamatan.", "There are 12 reservoirs in districts.", "number", "lima"),
    ("Ada 12 embung di lima kecamatan.", "There are reservoirs in five districts.", "number", "12"),
]


@pytest.mark.parametrize(("source", "english", "kind", "span"), BAD)
def test_corrupted_translations_are_flagged(
    source: str, english: str, kind: str, span: str
) -> None:
    report = check(source, english)
    assert not report.ok
    assert (kind, span) in {(i.kind, i.source_span.text) for i in report.issues if i.source_span}


def test_an_invented_number_is_flagged_with_where_it_is() -> None:
    report = check("Harga beras naik.", "The price of rice rose by 30 percent.")
    (issue,) = report.issues
    assert (issue.kind, issue.source_span, issue.found) == ("percent", None, "30 percent")
    assert issue.output_span is not None and issue.output_span.start == 26


def test_a_changed_number_says_what_the_output_has_instead() -> None:
    (issue,) = check("Harga Rp10.900.", "The price is Rp109,000.").issues
    assert issue.found == "Rp109,000" and "IDR 10,900" in issue.message


def test_untranslated_short_and_looping_outputs() -> None:
    source = "Harga beras di pasar tradisional naik tajam karena pasokan dari petani berkurang."
    kinds = lambda out: {i.kind for i in check(source, out).issues}  # noqa: E731
    assert "untranslated" in kinds(source)
    assert "untranslated" in kinds("Harga beras di pasar itu naik karena pasokan berkurang.")
    assert "length" in kinds("Rice.")
    assert "repetition" in kinds("I'm sorry I'm sorry I'm sorry I'm sorry")
    assert check("Harga naik.", "Prices rose.").ok


def test_summary_mode_only_flags_what_the_article_does_not_say() -> None:
    article = (
        "Bulog menyalurkan 250.000 ton beras. Harga naik 30 persen di Jakarta, Senin (4/3/2024)."
    )
    assert check(article, "Bulog is distributing 250,000 tons of rice.", mode="summary").ok
    report = check(article, "Bulog is sending 300,000 tons of rice with the KPK.", mode="summary")
    assert {(i.kind, i.found) for i in report.issues} == {("number", "300,000"), ("name", "KPK")}
    report = check(article, "Bulog menyalurkan beras di Surabaya.", tgt="id", mode="summary")
    assert [(i.kind, i.found) for i in report.issues] == [("name", "Surabaya")]
    # a summary may leave out what its article says, and say it more than once
    assert check(article, "On Monday 4 March prices rose. Monday was busy.", mode="summary").ok


def test_every_bundled_reference_summary_passes() -> None:
    path = ROOT / "src/ringkas/data/ringkas_news/ringkas-news.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        assert check(row["clean"], row["summary_en"], mode="summary").ok, row["id"]
        assert check(row["clean"], row["summary_id"], tgt="id", mode="summary").ok, row["id"]


def test_glossary_terms_must_be_followed() -> None:
    glossary = {"UMKM": "MSMEs", "QRIS": "QRIS"}
    assert check("Pelaku UMKM memakai QRIS.", "MSMEs use QRIS.", glossary=glossary).ok
    report = check("Pelaku UMKM memakai QRIS.", "Small firms use QR codes.", glossary=glossary)
    assert [(i.kind, i.source_span.text) for i in report.issues if i.source_span] == [
        ("glossary", "UMKM"),
        ("glossary", "QRIS"),
    ]


def test_bad_arguments_say_what_to_do() -> None:
    with pytest.raises(UnsupportedLanguageError, match="guard=None"):
        check("Bonjour.", "Hello.", src="fr")
    with pytest.raises(ConfigError, match="mode must be one of"):
        check("a", "a", mode="poem")


def test_every_bundled_reference_translation_passes() -> None:
    path = ROOT / "src/ringkas/data/ringkas_news/ringkas-news.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pairs = [p for r in rows for p in zip(r["sentences_id"], r["translation_en"], strict=True)]
    flagged = [(s, t, check(s, t).issues) for s, t in pairs if not check(s, t).ok]
    assert len(pairs) > 500
    assert len(flagged) <= 0.02 * len(pairs), flagged[:5]


def test_report_is_a_report() -> None:
    report = check(EXAMPLE_ID, EXAMPLE_ID.replace("30", "13"))
    assert isinstance(report, Report) and report.source == EXAMPLE_ID


def test_an_english_summary_must_not_name_a_place_or_office_the_article_does_not() -> None:
    article = "Banjir melanda Kabupaten Garut, Jawa Barat. Kementerian Sosial mengirim bantuan."
    assert check(
        article, "Floods hit Garut Regency in West Java; the ministry sent aid.", mode="summary"
    ).ok
    report = check(article, "Floods hit Garut and Cianjur, and Kementan sent aid.", mode="summary")
    assert [(i.kind, i.found) for i in report.issues] == [("name", "Cianjur"), ("name", "Kementan")]


def test_a_source_value_said_again_in_brackets_is_a_gloss_not_an_invention() -> None:
    source = "Puncak arus balik diperkirakan terjadi pada H+3 Lebaran."
    assert check(source, "The return flow is expected to peak three days after Eid (H+3).").ok
    # a value the source does not have is invented, in brackets or not
    report = check(source, "The return flow is expected to peak three days after Eid (H+4).")
    assert [i.found for i in report.issues] == ["4"]


def test_a_year_the_source_repeats_may_be_said_once() -> None:
    # two dates of one year, the year said with the second (or the first) only
    source = "Ujian digelar mulai Senin, 23 November 2026, hingga Kamis, 26 November 2026."
    assert check(
        source, "The exam runs from Monday, November 23, to Thursday, November 26, 2026."
    ).ok
    source = "Ia wafat Jumat (2/2/2024) dan dimakamkan Sabtu (3/2/2024)."
    assert check(
        source, "He died on Friday, February 2, 2024, and was buried on Saturday, February 3."
    ).ok
    # a year repeated alone, said once
    source = "Ekonomi triwulan II-2025 tumbuh 5,12 persen, dari 4,87 persen pada triwulan I-2025."
    assert check(
        source,
        "The economy grew 5.12 percent in the second quarter of 2025, from 4.87 percent in the first quarter.",
    ).ok
    # a year the output never states, or states for something else, is still reported
    report = check(
        "Ia wafat Jumat (2/2/2024) dan dimakamkan Sabtu (3/2/2024).",
        "He died on Friday, February 2, and was buried on Saturday, February 3.",
    )
    assert [i.kind for i in report.issues] == ["date", "date"]
    report = check(
        "Pekan Batik 2023 digelar Jumat (6/10/2023).",
        "The Batik Week was held on Friday (6/10/2023).",
    )
    assert [(i.kind, i.source_span.text) for i in report.issues] == [("number", "2023")]
    report = check(
        "Ia wafat Jumat (2/2/2024) dan dimakamkan Sabtu (3/2/2025).",
        "He died on Friday, February 2, 2024, and was buried on Saturday, February 3.",
    )
    assert not report.ok


def test_a_list_of_days_in_one_month_and_an_hour_range_from_to() -> None:
    source = "Cuti bersama pada 18, 19, 23, dan 24 Maret 2026."
    assert check(source, "Collective leave falls on March 18, 19, 23 and 24, 2026.").ok
    report = check(source, "Collective leave falls on March 18, 19, 22 and 24, 2026.")
    assert [i.kind for i in report.issues] == ["date"]
    source = "Museum buka setiap Jumat pukul 19.00-21.00 WIB."
    assert check(source, "The museum opens every Friday from 7 to 9 p.m. WIB.").ok
    assert not check(source, "The museum opens every Friday from 8 to 9 p.m. WIB.").ok


def test_bv_to_by_conventions() -> None:
    # a half said as a fraction, "kaki lima" (no count of five), "Kota Layak Anak"
    source = "Produksi nikel mencapai sekitar 50 persen dari pasokan dunia."
    assert check(source, "Nickel output reached about half of global supply.").ok
    assert not check(source, "Nickel output reached about a quarter of global supply.").ok
    source = "Sebanyak 4.800 pedagang kaki lima di Kota Malang belum terdaftar."
    assert check(source, "Some 4,800 street vendors in Malang are not yet registered.").ok
    source = "Semarang meraih penghargaan Kota Layak Anak 2025."
    assert check(source, "Semarang won a 2025 Child-Friendly City award.").ok
    # "lima" elsewhere is still a count
    assert not check("Ada lima pedagang di Kota Malang.", "There are vendors in Malang.").ok


def test_a_count_and_its_half_said_as_one_number() -> None:
    source = "Hakim menjatuhkan vonis enam tahun enam bulan penjara."
    assert check(source, "The judges handed down a sentence of six and a half years in prison.").ok
    assert not check(
        source, "The judges handed down a sentence of five and a half years in prison."
    ).ok
    source = "Operasi berlangsung selama 9 jam 30 menit."
    assert check(source, "The operation lasted nine and a half hours.").ok
    # six months alone are no half of anything
    assert not check("Vonis enam bulan penjara.", "A sentence of half a year in prison.").ok


def test_cd_to_ck_conventions() -> None:
    pairs = [
        ("Wisatawan mengunjungi Pulau Tidung, Kabupaten Administrasi Kepulauan Seribu.",
         "Tourists visited Tidung Island in the Thousand Islands Administrative Regency."),
        ("Pintu air berstatus Siaga II menurut Dinas SDA DKI Jakarta.",
         "The floodgates were on Alert Level II, according to the Jakarta Water Resources Agency."),
        ("MK memutuskan ambang batas, kata Ketua MK Suhartoyo.",
         "The Constitutional Court ruled on the threshold, Chief Justice Suhartoyo said."),
        ("Kata Kepala Eksekutif Pengawas Perbankan OJK Laksmi.", "Said OJK Chief Executive of Banking Supervision Laksmi."),
        ("Sindikat itu beraksi selama Mei-Juli 2026.", "The ring operated between May and July 2026."),
        ("Kata Kapusdatin BNPB Abdul Muhari.", "Said Abdul Muhari, head of BNPB's Data, Information and Communication Center."),
        ("Status Gunung Anak Krakatau turun dari Siaga ke Waspada.", "Mount Anak Krakatau's status was lowered from Alert to Advisory."),
        ("Gempa utama M 6,5, terbesar M 4,9.", "The main M6.5 quake, the largest aftershock M4.9."),
        ("Sebanyak 5.412 jiwa dari 1.608 KK mengungsi.", "A total of 5,412 people from 1,608 households fled."),
        ("Kata Dirjen Pembinaan Hubungan Industrial Kemnaker Haryanto.",
         "Said Haryanto, the Manpower Ministry's director general of industrial relations."),
    ]  # fmt: skip
    for source, english in pairs:
        assert check(source, english).ok, source
    # a changed magnitude is a changed number
    assert not check("Gempa utama M 6,5.", "The main M5.6 quake.").ok


def test_cl_to_cs_conventions() -> None:
    pairs = [
        ("Pemkot meliburkan siswa PAUD hingga SMP.", "The city gave students from preschool through junior high school days off."),
        ("Jembatan memangkas waktu tempuh dari 3 jam menjadi 1,5 jam.", "The bridge cut travel time from three hours to an hour and a half."),
        ("YKI memfasilitasi pemeriksaan IVA gratis.", "YKI provided free VIA tests."),
        ("Kata Kabid Binpres Eng Hian.", "Its head of development and achievement, Eng Hian, said."),
        ("Ia memenangi Kusala Sastra Khatulistiwa ke-24.", "She won the 24th Khatulistiwa Literary Award."),
    ]  # fmt: skip
    for source, english in pairs:
        assert check(source, english).ok, source
    # "a nine-and-a-half-hour operation" is 9.5, not "a ... and a half" of a unit
    assert check("Operasi 9 jam 30 menit.", "A nine-and-a-half-hour operation.").ok
    assert not check("Waktu tempuh 2,5 jam.", "Travel time is an hour and a half.").ok


def test_ct_to_da_conventions() -> None:
    pairs = [
        ("Longsor di Nagari Malalak, Kabupaten Agam, menewaskan empat orang.", "A landslide in Malalak, Agam Regency, killed four people."),
        ("Air mencapai 15,8 meter di Pos Pantau Karangnongko.", "The water reached 15.8 metres at the Karangnongko monitoring post."),
        ("Belanja negara dalam APBN 2026 dipatok Rp3.842,7 triliun.", "State spending in the 2026 budget has been set at Rp3,842.7 trillion."),
        ("Prajurit dari Kodam III/Siliwangi berlatih.", "Soldiers from the III/Siliwangi Military Regional Command trained."),
        ("Pos pengamanan perbatasan RI-PNG diresmikan.", "An Indonesia-Papua New Guinea border security post was inaugurated."),
        ("Menurut data Kanwil Ditjenpas DKI Jakarta.", "According to the Jakarta regional office of the Directorate General of Corrections."),
        ("Gubernur meresmikan Kawasan Konservasi Perairan Laut Sawu.", "The governor inaugurated the Savu Sea Marine Conservation Area."),
        ("Sebanyak 1.000 lampion merah dipasang.", "A thousand red lanterns were hung."),
        ("Pagu Kementerian PU turun, ujar Sekretaris Jenderal Kementerian PU Zainal.",
         "The Public Works Ministry's budget ceiling fell, ministry Secretary-General Zainal said."),
        ("Ketua Umum DPP Real Estat Indonesia (REI) Joko Suranto menaksir.", "Real Estate Indonesia (REI) chairman Joko Suranto estimated."),
    ]  # fmt: skip
    for source, english in pairs:
        assert check(source, english).ok, source
    assert not check(
        "Sebanyak 1.000 lampion merah dipasang.", "A hundred red lanterns were hung."
    ).ok
