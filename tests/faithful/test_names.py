"""names: the names a translation must keep, found in the output in their usual forms."""

from __future__ import annotations

import pytest

from ringkas.faithful.names import changed_names, invented_names, missing_names, required_names
from ringkas.faithful.rootwords import stems


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


def test_common_words_inside_a_multi_word_name_may_be_translated() -> None:
    source = "Hasil Rapat Kerja Dewan Pengawas diumumkan di Kantor Gubernur Sumatera Barat."
    english = "The results of the Supervisory Board working meeting were announced at the West "
    english += "Sumatra governor's office."
    assert "Rapat" not in texts(required_names(source))
    assert missing_names(source, english) == []
    assert (
        missing_names("Nilai Indeks Harga Konsumen naik.", "The Consumer Price Index rose.") == []
    )
    assert (
        missing_names(
            "Ia mengajar di Sekolah Kelas Jauh Bukit Duri.",
            "She teaches at the Bukit Duri remote class school.",
        )
        == []
    )


def test_a_name_proper_in_such_a_run_is_still_required() -> None:
    # after a place or title word, before a direction word, after the run's first name proper
    source = "Bupati Garut bertemu Kepala Dinas Pertanian Sumba Barat, Heru Budi Hartono."
    assert texts(required_names(source)) == ["Garut", "Sumba", "Heru", "Budi", "Hartono"]
    english = "The Garut regent met Heru Hartono, head of the West Sumba agriculture office."
    assert texts(missing_names(source, english)) == ["Budi"]
    # a run of common words alone is a person's name: "Muhammad Karim", "Sekar Laras"
    assert texts(required_names("Ia bertemu Muhammad Karim.")) == ["Muhammad", "Karim"]


def test_a_changed_common_word_in_a_name_is_still_caught() -> None:
    source = "Warga hadir dalam Festival Keroncong Bengawan di Kota Surakarta."
    assert (
        changed_names(source, "Residents attended the Keroncong Bengawen Festival in Surakarta.")[
            0
        ][1]
        == "Bengawen"
    )
    assert (
        missing_names(source, "Residents attended the Keroncong Bengawan Festival in Surakarta.")
        == []
    )
    # a single-word name that is also a common word stays required
    assert texts(missing_names("Gempa terasa di Garut.", "The quake was felt in Bandung.")) == [
        "Garut"
    ]


def test_derived_common_words_inside_names_may_be_translated() -> None:
    source = "Menurut Gabungan Industri Kendaraan Bermotor Indonesia (Gaikindo), penjualan naik."
    english = (
        "According to the Association of Indonesian Automotive Industries (Gaikindo), sales rose."
    )
    assert missing_names(source, english) == []
    source = "Kata Direktur Jenderal Penyelenggaraan Haji dan Umrah Hilman Latief."
    assert (
        missing_names(source, "Said Hilman Latief, the Director General of Hajj and Umrah.") == []
    )


def test_the_long_form_of_a_bracketed_abbreviation_may_be_translated_and_renamed() -> None:
    source = "Bursa Efek Indonesia (BEI) mencatat 79 emiten baru."
    assert missing_names(source, "The Indonesia Stock Exchange (IDX) listed 79 new issuers.") == []
    assert texts(missing_names(source, "The exchange listed 79 new issuers.")) == [
        "Indonesia",
        "BEI",
    ]


def test_a_place_inside_a_name_stays_required() -> None:
    source = "Pengamat dari Institut Pertanian Bogor (IPB), Dwi Handayani, menilai."
    assert (
        missing_names(source, "Dwi Handayani, of the Bogor Agricultural University (IPB), said.")
        == []
    )
    assert texts(
        missing_names(source, "Dwi Handayani, of the Agricultural University (IPB), said.")
    ) == ["Bogor"]


def test_a_company_name_is_kept_whole() -> None:
    source = "OJK mencabut izin PT BPR Bumi Pendawa Raharja."
    assert missing_names(source, "OJK revoked the licence of PT BPR Bumi Pendawa Raharja.") == []
    assert texts(missing_names(source, "OJK revoked the licence of PT BPR Pendawa Raharja.")) == [
        "Bumi"
    ]


def test_ranks_are_translated() -> None:
    source = "Kepala Basarnas Marsekal Madya Kusworo mengatakan pencarian dihentikan."
    english = "The head of Basarnas, Air Marshal Kusworo, said the search was called off."
    assert changed_names(source, english) == []


def test_a_misspelt_abbreviation_beside_its_english_long_form_is_a_changed_name() -> None:
    source = "Kepala Basarnas Kusworo mengatakan pencarian dihentikan."
    english = (
        "The head of the National Search and Rescue Agency (Basarnis), Kusworo, said it ended."
    )
    assert [(s.text, near) for s, near in changed_names(source, english)] == [
        ("Basarnas", "Basarnis")
    ]
    # but not a rendering of another source name ("Japan" is not a misspelt "Jawa")
    source = "Eksportir asal Jawa Timur mengirim kopi ke Jepang."
    assert changed_names(source, "Exporters from East Java shipped coffee to Japan.") == []


def test_english_press_acronyms_render_indonesian_ones() -> None:
    source = "Indeks Harga Saham Gabungan (IHSG) naik 1,12% di KM 92."
    english = "The Jakarta Composite Index (JCI) rose 1.12% at kilometre 92."
    assert missing_names(source, english) == []


def test_phrases_english_renders_as_a_whole() -> None:
    source = "Bank Indonesia menahan BI-Rate di 6,25 persen."
    assert missing_names(source, "The central bank held its BI-Rate at 6.25%.") == []
    # "BI-Rate" is not a rendering of "Bank Indonesia": a misspelt name is still caught
    assert texts(missing_names(source, "Bank Indonesii held its BI-Rate at 6.25%.")) == [
        "Indonesia"
    ]
    source = "Kunjungan ke Pulau Dewata naik."
    assert missing_names(source, "Arrivals on the Island of the Gods rose.") == []


def test_countries_islamic_calendar_and_military_units_have_english_renderings() -> None:
    assert (
        missing_names(
            "Ia finis ketiga di SEA Games Kamboja.", "It was third at the Cambodia SEA Games."
        )
        == []
    )
    assert missing_names("Pada 1 Syawal 1445 Hijriah.", "On 1 Shawwal 1445 Hijri.") == []
    assert (
        missing_names(
            "Latihan di Lanud Roesmin Nurjadin.", "Drills at Roesmin Nurjadin Air Force Base."
        )
        == []
    )


def test_a_name_said_twice_must_be_said_twice_even_when_it_is_its_own_rendering() -> None:
    source = "Ia berada di Malaysia. Kami berkoordinasi dengan polisi Malaysia."
    english = "He is in Malaysia. We are working with the Malaysio police."
    assert texts(missing_names(source, english)) == ["Malaysia"]


def test_english_cognates_are_not_misspellings() -> None:
    source = "Panglima Komando Cadangan Strategis Angkatan Darat dan Grup C."
    assert (
        changed_names(source, "The commander of the Army Strategic Reserve Command and Group C.")
        == []
    )


def test_a_compound_under_a_circumfix_is_a_common_word() -> None:
    source = "Kementerian Ketenagakerjaan mencatat 46.240 pekerja terkena PHK."
    assert missing_names(source, "The Manpower Ministry recorded 46,240 workers laid off.") == []


def test_an_abbreviation_after_its_long_form_may_be_left_out_when_the_institution_is_named() -> (
    None
):
    source = "Lembaga Penjamin Simpanan (LPS) mempertahankan tingkat bunga penjaminan."
    assert missing_names(source, "The Deposit Insurance Corporation kept its guarantee rate.") == []
    # without a named institution the abbreviation is all that carries the name
    assert texts(missing_names(source, "The guarantee rate was kept.")) == ["LPS"]


def test_names_joined_by_dan_are_one_name() -> None:
    source = "Badan Pengawas Obat dan Makanan (BPOM) menarik lima merek sirop."
    assert (
        missing_names(source, "The Food and Drug Monitoring Agency (BPOM) recalled five syrups.")
        == []
    )


def test_accents_in_the_english_spelling_of_a_name_are_ignored() -> None:
    source = "Sekretaris Jenderal PBB Antonio Guterres menyerukan gencatan senjata."
    assert (
        missing_names(source, "U.N. Secretary-General António Guterres called for a ceasefire.")
        == []
    )


def test_office_abbreviations_are_translated() -> None:
    source = "Menlu Sugiono bertemu Mensesneg di Jakarta, kata Dirtipideksus Bareskrim."
    english = (
        "Foreign Minister Sugiono met the state secretary in Jakarta, Bareskrim's director said."
    )
    assert missing_names(source, english) == []


def test_a_name_said_once_for_a_coordination_counts_for_both() -> None:
    source = "Hujan lebat di Kalimantan Timur dan Kalimantan Utara pada Sabtu."
    assert missing_names(source, "Heavy rain in East and North Kalimantan on Saturday.") == []
    assert texts(missing_names(source, "Heavy rain in East and North Borneo on Saturday.")) == [
        "Kalimantan",
        "Kalimantan",
    ]


def test_a_company_name_ends_at_its_office() -> None:
    source = "Perum Bulog Kantor Wilayah Sulawesi Selatan menyalurkan beras."
    assert (
        missing_names(source, "The South Sulawesi regional office of Perum Bulog distributed rice.")
        == []
    )
    assert texts(missing_names(source, "The South Sulawesi regional office distributed rice.")) == [
        "Bulog"
    ]


def test_a_name_after_a_lower_case_head_may_be_translated() -> None:
    source = "Target penerima program Makan Bergizi Gratis naik."
    assert missing_names(source, "The target for the Free Nutritious Meals program rose.") == []


def test_an_abbreviation_of_a_lower_case_phrase_is_not_a_name() -> None:
    source = "Presiden melantik 12 duta besar luar biasa dan berkuasa penuh (LBBP) di Jakarta."
    assert (
        missing_names(
            source,
            "The president swore in 12 ambassadors extraordinary and plenipotentiary in Jakarta.",
        )
        == []
    )
    source = "Program Cek Kesehatan Gratis (CKG) menjangkau 52 juta warga."
    assert (
        missing_names(source, "The Free Health Check (CKG) program reached 52 million people.")
        == []
    )


def test_an_abbreviation_defined_in_brackets_and_used_again_may_be_said_once() -> None:
    source = "Badan Gizi Nasional (BGN) mencatat kenaikan, kata Kepala BGN Dadan Hindayana."
    english = "There was a rise, said Dadan Hindayana, head of the National Nutrition Agency (BGN)."
    assert missing_names(source, english) == []
    assert texts(
        missing_names(source, "There was a rise, said Dadan Hindayana, the agency's head.")
    ) == ["BGN"]


def test_irregular_english_forms_of_names() -> None:
    source = "Menlu China Wang Yi bertemu umat Buddha di Gedung Putih saat Waisak."
    english = "Chinese Foreign Minister Wang Yi met Buddhists at the White House on Vesak."
    assert missing_names(source, english) == []


def test_degrees_loanwords_and_enterprise_names() -> None:
    source = "Kata Direktur RSUD dr. Iskak, dr. Bambang Triwahyono, Sp.PD."
    assert (
        missing_names(source, "Said the hospital's director, internist Dr. Bambang Triwahyono.")
        == []
    )
    source = "Kebakaran menghanguskan 27 kios di Pasar Sentral Kota Gorontalo."
    assert missing_names(source, "Fire gutted 27 kiosks at Gorontalo City's Central Market.") == []
    assert texts(
        missing_names(source, "Fire gutted 27 kiosks at Gorontalo City's Cantral Market.")
    ) == ["Sentral"]
    source = "Perumda Air Minum Tirta Kerta Raharja menghentikan distribusi air."
    assert (
        missing_names(source, "Tirta Kerta Raharja, the drinking water company, halted supply.")
        == []
    )
    assert texts(missing_names(source, "The drinking water company halted supply.")) == [
        "Tirta",
        "Kerta",
        "Raharja",
    ]


def test_loanwords_and_loan_prefixes_inside_names() -> None:
    source = "Menteri Koordinator Bidang Politik dan Keamanan Budi Gunawan hadir."
    assert (
        missing_names(
            source, "Coordinating Minister for Political and Security Affairs Budi Gunawan came."
        )
        == []
    )
    source = "Densus 88 Antiteror Polri menangkap tujuh orang."
    assert (
        missing_names(source, "Police counterterrorism squad Densus 88 arrested seven people.")
        == []
    )
    assert stems("Antarklub") == ["klub"] and stems("Takbenda") == ["benda"]


def test_a_word_with_an_english_rendering_does_not_open_a_persons_name() -> None:
    source = "Partisipasi pemilih pada Pilkada Serentak 2024 rendah."
    assert (
        missing_names(source, "Turnout in the 2024 simultaneous regional elections was low.") == []
    )


def test_parts_of_a_joined_run_have_their_own_person_names() -> None:
    source = "Ia didampingi Menteri Pertanian Andi Amran Sulaiman dan Kepala Staf Kepresidenan."
    english = "He was accompanied by Agriculture Minister Andi Amran Sulaiman and the Presidential Chief of Staff."
    assert missing_names(source, english) == []


def test_a_misspelt_opening_name_is_caught() -> None:
    source = "Bawaslu RI mencatat 1.476 dugaan pelanggaran."
    assert (
        changed_names(
            source, "The Elections Supervisory Agency (Bawaslu) recorded 1,476 violations."
        )
        == []
    )
    [(span, near)] = changed_names(
        source, "The Elections Supervisory Agency (Bawasla) recorded 1,476 violations."
    )
    assert (span.text, near) == ("Bawaslu", "Bawasla")


def test_a_month_abbreviation_is_not_a_misspelt_name() -> None:
    source = "Gempa mengguncang Kabupaten Cianjur, Jawa Barat, pada Selasa (21/1/2025)."
    assert (
        changed_names(
            source, "A quake struck Cianjur Regency, West Java, on Tuesday (Jan. 21, 2025)."
        )
        == []
    )


def test_more_phrases_and_abbreviations_english_renders() -> None:
    source = "Rupiah melemah menjadi Rp16.485 per dolar AS dari Rp16.450 per dolar AS."
    assert (
        missing_names(
            source, "The rupiah weakened to Rp16,485 per US dollar from Rp16,450 per dollar."
        )
        == []
    )
    source = (
        "Sampah ke TPA Sarimukti dikurangi, kata Perdana Menteri India Narendra Modi di Tanah Suci."
    )
    english = "Waste sent to the Sarimukti landfill is cut, Indian Prime Minister Narendra Modi said in the Holy Land."
    assert missing_names(source, english) == []


def test_v_to_y_renderings_and_loanwords() -> None:
    source = "Kata Kepala Badan Standar, Kurikulum, dan Asesmen Pendidikan Toni Toharudin."
    assert (
        missing_names(
            source,
            "Said Toni Toharudin, head of the Education Standards, Curriculum and Assessment Agency.",
        )
        == []
    )
    source = "Kementerian ESDM menetapkan Harga Batubara Acuan (HBA) sebesar US$128,24 per ton."
    assert (
        missing_names(
            source, "The ESDM ministry set the Coal Reference Price (HBA) at US$128.24 per tonne."
        )
        == []
    )
    source = "Sekitar 20 ribu umat Kristiani mengikuti ibadah Paskah di Bukit Kasih."
    assert (
        missing_names(source, "Some 20,000 Christians attended an Easter service at Bukit Kasih.")
        == []
    )
    # a short abbreviation is not "misspelt" by a word two letters away ("AH" for "ASN")
    source = "Selama Ramadan 1446 H, jam kerja ASN dipersingkat."
    assert changed_names(source, "During Ramadan 1446 AH, civil servants work shorter hours.") == []


def test_a_loan_prefix_needs_a_long_word() -> None:
    assert stems("Prabowo") == [] and stems("Antiteror") == ["teror"]


def test_z_to_ac_renderings() -> None:
    source = "Transparency International merilis Indeks Persepsi Korupsi (IPK) 2024 dengan skor 37."
    assert (
        missing_names(
            source,
            "Transparency International released the 2024 Corruption Perceptions Index (CPI), with a score of 37.",
        )
        == []
    )
    source = "Festival itu digelar di Amfiteater Jiwa Jawa Resort dan rute 1P Blok M-Senen."
    assert (
        missing_names(
            source,
            "The festival is at the Jiwa Jawa Resort amphitheatre and route 1P Blok M-Senen.",
        )
        == []
    )
    assert stems("Hilirisasi") == ["hilir"]


def test_a_second_mention_by_initials_may_be_left_out_by_an_output_that_names_it() -> None:
    source = (
        "Lembaga Pengelola Dana Pendidikan menyalurkan beasiswa, kata Direktur LPDP "
        "Andin Hadiyanto."
    )
    english = (
        "The Education Fund Management Institution disbursed scholarships, said its "
        "director, Andin Hadiyanto."
    )
    assert changed_names(source, english) == []
    changed = changed_names(source, english.replace("its director", "LPDB director"))
    assert [(span.text, near) for span, near in changed] == [("LPDP", "LPDB")]


def test_an_office_abbreviation_is_translated_and_the_name_after_it_kept() -> None:
    source = "Menko Polhukam Hadi Tjahjanto dan Dirut PT Pertamina Nicke Widyawati hadir."
    english = (
        "Coordinating Minister for Political, Legal and Security Affairs Hadi Tjahjanto and "
        "Pertamina president director Nicke Widyawati attended."
    )
    assert missing_names(source, english) == []
    assert texts(missing_names(source, english.replace(" Tjahjanto", ""))) == ["Tjahjanto"]


def test_renderings_match_however_they_are_hyphenated() -> None:
    source = "Tim SAR gabungan menyisir Sungai Musi, kata Kepala Kantor SAR Palembang."
    english = (
        "A joint search-and-rescue team combed the Musi River, said the head of the "
        "Palembang Search and Rescue Office."
    )
    assert missing_names(source, english) == []


def test_the_field_of_a_director_general_may_be_translated() -> None:
    source = "Direktur Jenderal Prasarana dan Sarana Pertanian Ali Jamil meninjau irigasi."
    english = (
        "The director general of agricultural infrastructure and facilities, Ali Jamil, "
        "inspected the irrigation."
    )
    assert missing_names(source, english) == []
    # but a general's name is his name
    assert texts(missing_names("Jenderal Sudirman tiba.", "General Sudiman arrived.")) == [
        "Sudirman"
    ]


def test_common_words_inside_names_may_be_rendered_but_not_a_place_or_company() -> None:
    source = "Wisatawan memadati Pasar Terapung Lok Baintan pada Hari Sungai Sedunia."
    english = "Tourists thronged the Lok Baintan floating market on World Rivers Day."
    assert missing_names(source, english) == []
    # "Tanah" of Tanah Datar is the regency's name, not "land" (of "landslide")
    source = "Tanah longsor melanda Kabupaten Tanah Datar."
    assert texts(missing_names(source, "A landslide hit Datar Regency.")) == ["Tanah"]
    # nor is "Timah" of PT Timah the metal
    source = "Produksi PT Timah Tbk turun."
    assert texts(missing_names(source, "Tin output at PT Tbk fell.")) == ["Timah"]


def test_a_syllabic_second_mention_may_be_left_out_by_an_output_that_names_it() -> None:
    source = "Kementerian Perhubungan menambah 12 kapal, kata Sekjen Kemhub Novie Riyanto."
    english = (
        "The Transportation Ministry is adding 12 ships, said the ministry's secretary "
        "general, Novie Riyanto."
    )
    assert missing_names(source, english) == []
    # a place said twice is no abbreviation of a longer name: both mentions count
    source = "Bank Indonesia Perwakilan Bali mencatat inflasi Bali 3 persen."
    assert texts(missing_names(source, "Bank Indonesia's Bali office recorded 3% inflation.")) == [
        "Bali"
    ]


def test_regional_office_abbreviations_are_translated() -> None:
    source = "Disdik Kota Bandung dan Dinkes Jawa Barat menggelar vaksinasi di 30 sekolah."
    english = (
        "The Bandung city education office and the West Java health office held vaccinations "
        "at 30 schools."
    )
    assert missing_names(source, english) == []


def test_honorifics_degrees_and_verbs_in_names() -> None:
    source = "Peringatan Maulid Nabi Muhammad SAW digelar oleh Ir. Budi Santoso di Desa Membangun."
    english = "The Prophet Muhammad's Birthday was marked by Budi Santoso in a developing village."
    assert missing_names(source, english) == []
    source = "Napi di Lapas Kelas IIA Kerobokan bertambah, kata Kasat Resnarkoba Polresta Denpasar."
    english = (
        "Inmates at Kerobokan Class IIA Prison increased, said the head of the Denpasar Police "
        "narcotics unit."
    )
    assert missing_names(source, english) == []


def test_a_later_mention_the_output_refers_back_to_by_its_head_noun() -> None:
    source = (
        "Bandara Internasional Juanda melayani 90.000 penumpang, kata General Manager "
        "Bandara Juanda Heru Prasetyo."
    )
    english = (
        "Juanda International Airport handled 90,000 passengers, the airport's general "
        "manager, Heru Prasetyo, said."
    )
    assert missing_names(source, english) == []
    # without "the airport", the second mention is a name dropped
    assert texts(missing_names(source, english.replace("the airport's", "its"))) == ["Juanda"]


def test_a_word_english_splits_and_short_abbreviations_rendered() -> None:
    source = "Salat Idulfitri digelar di Kementerian PU, sementara harga naik menjadi Rp50.000."
    english = "The Idul Fitri prayer was held at the Public Works Ministry, while prices rose to Rp50,000."
    assert missing_names(source, english) == []
    # "Rp" in the output is no misspelt "RI"
    from ringkas.faithful import check

    source = "Lomba HUT ke-80 RI berhadiah Rp80 juta."
    english = "The contest for Indonesia's 80th independence anniversary offers Rp 80 million."
    assert check(source, english).ok
    source = "Menag Nasaruddin Umar menetapkan kuota haji."
    assert missing_names(source, "Religious Affairs Minister Nasaruddin Umar set the quota.") == []


@pytest.mark.parametrize(("name", "least"), [("name-words.tsv", 2000), ("abbreviations.tsv", 500)])
def test_the_rendering_tables_are_well_formed(name: str, least: int) -> None:
    from importlib import resources

    from ringkas.faithful import lexicon as lx

    text = resources.files("ringkas.faithful").joinpath(name).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert len(rows) > least and all(len(row) == 2 for row in rows)
    words = [word for word, _ in rows]
    assert words == sorted(words) and len(set(words)) == len(words)
    assert all(w == w.lower() and r == r.lower() and all(r.split("|")) for w, r in rows)
    assert not set(words) & set(lx.EQUIVALENTS)  # renderings only: no key twice
    other = "abbreviations.tsv" if name == "name-words.tsv" else "name-words.tsv"
    text = resources.files("ringkas.faithful").joinpath(other).read_text("utf-8")
    assert not set(words) & {line.split("\t")[0] for line in text.splitlines() if "\t" in line}


def test_an_abbreviation_english_renders_is_present() -> None:
    source = "Bupati menerbitkan Perbup tentang pajak, kata Danyon Brimob."
    english = "The regent issued a regent's regulation on taxes, the Mobile Brigade battalion commander said."
    assert missing_names(source, english) == []
    assert texts(
        missing_names(source, "The regent issued rules on taxes, the commander said.")
    ) == [
        "Perbup",
        "Brimob",
    ]


def test_plural_renderings_and_the_first_word_of_one_is_no_misspelling() -> None:
    source = "Kata Dirjen Minerba Kementerian ESDM Bambang Suswantono."
    english = (
        "Said Bambang Suswantono, director general of minerals and coal at the Energy and "
        "Mineral Resources Ministry."
    )
    assert changed_names(source, english) == []
    source = "Dewan Perwakilan Daerah (DPD) RI memilih ketua baru."
    assert (
        missing_names(source, "The Regional Representative Council (DPD) elected a new chair.")
        == []
    )


def test_bb_to_be_conventions() -> None:
    from ringkas.faithful import check

    # a body named again and referred to by its possessive (without it, the place word of the
    # second mention is missing; the opening "Persib" is not required)
    source = "Persib Bandung merekrut dua pemain, kata Direktur Persib Bandung Teddy Tjahjono."
    english = "Persib Bandung signed two players, the club's director Teddy Tjahjono said."
    assert missing_names(source, english) == []
    assert texts(missing_names(source, english.replace("the club's", "its"))) == ["Bandung"]
    # a customary village, the prosecutor spelt out at a sentence's start, the central board
    source = "Jaksa penuntut umum (JPU) menghadirkan Ketua Desa Adat Ubud dan pengurus PP PBSI."
    english = "Prosecutors presented the head of the Ubud customary village and PBSI officials."
    assert missing_names(source, english) == []
    # Singapore dollars, a roman numeral with L, a three-game defeat
    source = "Penyidik menyita 2,5 juta dolar Singapura dalam Festival LXII yang kalah rubber game."
    english = "Investigators seized S$2.5 million at the 62nd festival, lost in a three-game match."
    assert check(source, english).ok
    assert not check(source, english.replace("S$", "US$")).ok


def test_bf_to_bi_conventions() -> None:
    from ringkas.faithful import check

    # a place in English spelling, coordinates, a European city, a pastor's title
    source = (
        "Gempa di Laut Sawu pada koordinat 9,1 LS dan 121,5 BT terasa hingga Koln, kata Pdt. Yan."
    )
    english = "The quake in the Savu Sea at 9.1°S and 121.5°E was felt as far as Cologne, the Rev. Yan said."
    assert check(source, english).ok
    # church names
    source = "Prosesi Jalan Salib digelar di Gereja Santo Yoseph dan Katedral Tiga Raja."
    english = "The Way of the Cross was held at St. Joseph's Church and the Three Kings Cathedral."
    assert missing_names(source, english) == []
    # a saint's rendering is a rendering only: a person's surname beside it stays required
    source = "Kata Kepala BPBD Yosef Lalu Nahak."
    assert texts(missing_names(source, "Said BPBD head Yosef Lalu.")) == ["Nahak"]


def test_bj_to_bm_conventions() -> None:
    from ringkas.faithful import check

    # a country English spells otherwise, a public cemetery's abbreviation
    source = "Kapal berbendera Papua Nugini ditangkap; korban dimakamkan di TPU Tanah Kusir."
    english = "A Papua New Guinea-flagged boat was seized; the victim was buried at Tanah Kusir Public Cemetery."
    assert check(source, english).ok
    assert texts(missing_names(source, english.replace("New Guinea", "Nugini"))) == []
    assert texts(missing_names(source, english.replace("Public Cemetery", "Park"))) == ["TPU"]


def test_a_common_word_of_a_name_said_in_english_beside_the_rest_of_the_name() -> None:
    # "hajatan" (a celebration) is a common word with no rendering in the tables
    source = "Balikpapan meraih Adipura Kencana dalam Hajatan Adipura 2023 di Jakarta."
    # said as "Festivities", right beside the "Adipura" it names
    english = "Balikpapan won the Adipura Kencana at the 2023 Adipura Festivities in Jakarta."
    assert missing_names(source, english) == []
    # left out, or an English word with nothing beside it, is still a dropped name
    english = "Balikpapan won the Adipura Kencana at the 2023 Adipura in Jakarta."
    assert texts(missing_names(source, english)) == ["Hajatan"]
    assert texts(missing_names(source, "Festivities: " + english)) == ["Hajatan"]
    # a person's name: the English beside the found word is a title, so nothing is waived
    source = "Menko Polkam Budi Gunawan menyebut 3.217 situs diblokir."
    english = "Coordinating Political and Security Affairs Minister Gunawan said 3,217 sites were blocked."
    assert texts(missing_names(source, english)) == ["Budi"]
    # nor is a place's word or a company's word; and with three words left out and two
    # English runs ("Mining", "Festivities"), the count waives none
    source = "Pelabuhan Tanjung Perak dan PT Timah Tbk menyepakati Hajatan Adipura."
    english = "Tanjung Port Authority and PT Tbk Mining agreed on the Adipura Festivities."
    assert texts(missing_names(source, english)) == ["Perak", "Timah", "Hajatan"]


def test_bn_to_bq_conventions() -> None:
    from ringkas.faithful import check

    pairs = [
        ("DPRD Kota Medan membahas Ranperda Retribusi Daerah.",
         "The Medan City Council is deliberating the draft regional regulation on regional levies."),
        ("Bupati melantik kepala desa di Pendopo Bupati, Pelaihari.",
         "The regent swore in village heads at the regent's pavilion in Pelaihari."),
        ("Jemaah melaksanakan wukuf di Padang Arafah.", "Pilgrims performed wukuf on the plain of Arafat."),
        ("Upacara berlangsung sejak Purnama Kedasa.", "The ceremony runs from the Kedasa full moon."),
        ("Kapal berbendera Filipina ditangkap di Laut Maluku.",
         "A Philippine-flagged boat was seized in the Molucca Sea."),
        ("Nelayan menerima mesin tempel 15 PK.", "Fishermen received 15-horsepower outboard engines."),
        ("Kapal dihentikan oleh Syahbandar.", "The ships were suspended by the harbormaster."),
        ("Keraton menggelar Hajad Dalem Garebeg Mulud dari Bangsal Pagelaran.",
         "The palace held its Garebeg Mulud royal ceremony from the Pagelaran Hall."),
        ("UNESCO menetapkan Sumbu Filosofi Yogyakarta.", "UNESCO inscribed the Cosmological Axis of Yogyakarta."),
        ("Raffi memenangi kategori Presenter Talkshow Terpopuler.",
         "Raffi won Most Popular Talk Show Host."),
        ("Indonesia hadir di Frankfurter Buchmesse 2026.", "Indonesia attends the 2026 Frankfurt Book Fair."),
    ]  # fmt: skip
    for source, english in pairs:
        assert check(source, english).ok, source


def test_a_misspelt_name_is_found_past_another_source_name_close_to_it() -> None:
    # "Lakaan" (a source name) is two letters from "Labuan" too: the misspelling is "Labuen"
    source = "Kapal KMP Lakaan berlayar di lintasan Labuan Bajo-Sape."
    english = "The KMP Lakaan sailed on the Labuen Bajo-Sape route."
    assert [(s.text, near) for s, near in changed_names(source, english)] == [("Labuan", "Labuen")]


def test_br_to_bu_conventions() -> None:
    from ringkas.faithful import check

    pairs = [
        ("Dividen naik sekitar seperlima dibandingkan tahun ini.", "Dividends rose about a fifth from this year."),
        ("Data Kustodian Sentral Efek Indonesia (KSEI) mencatat 17,8 juta investor.",
         "Data from the Indonesian Central Securities Depository (KSEI) show 17.8 million investors."),
        ("Penjualan Sukuk Ritel seri SR023 mencapai Rp26,07 triliun.", "Sales of the SR023 retail sukuk reached Rp 26.07 trillion."),
        ("Ia mencatat 44 kemenangan, 31 di antaranya lewat KO.", "He has 44 wins, 31 of them by knockout."),
    ]  # fmt: skip
    for source, english in pairs:
        assert check(source, english).ok, source
    # "a fifth" before a noun is an ordinal
    assert not check("Dividen naik sekitar seperlima.", "He won a fifth title.").ok


def test_bz_to_cc_conventions() -> None:
    from ringkas.faithful import check

    pairs = [
        ("Rektor UGM Prof. dr. Siti Rahmawati, M.Kes., Ph.D. melantik 12 guru besar.",
         "UGM rector Prof. Siti Rahmawati inaugurated 12 professors."),
        ("Sebanyak 4,2 juta wisatawan Nusantara berkunjung ke Yogyakarta.",
         "Some 4.2 million domestic tourists visited Yogyakarta."),
        ("Komisioner Perdagangan Uni Eropa Maros Sefcovic datang.", "EU Trade Commissioner Maros Sefcovic came."),
        ("Negosiasi digelar di Washington DC.", "Negotiations were held in Washington, D.C."),
        ("Kata Menteri P2MI Abdul Kadir Karding.", "Said Migrant Workers Protection Minister Abdul Kadir Karding."),
        ("Pasangan Kakek Samsuri (101) dan Nenek Jamilah (97) merayakan ulang tahun.",
         "The couple Samsuri, 101, and Jamilah, 97, celebrated their anniversary."),
        ("Lai Ching-te dari Partai Progresif Demokratik (DPP) menang.", "Lai Ching-te of the Democratic Progressive Party (DPP) won."),
    ]  # fmt: skip
    for source, english in pairs:
        assert check(source, english).ok, source
    assert texts(
        missing_names("Negosiasi digelar di Washington DC.", "Talks were held in Washington.")
    ) == ["DC"]


def test_a_common_word_right_before_a_name_proper_opens_that_name() -> None:
    # "budi" is a common word, but before "Santoso" it is a person's first name
    source = "Menteri Perdagangan Budi Santoso menandatangani perjanjian."
    assert texts(missing_names(source, "Trade Minister Santoso signed the agreement.")) == ["Budi"]
    assert missing_names(source, "Trade Minister Budi Santoso signed the agreement.") == []


def test_a_later_mention_referred_to_as_the_country_or_the_police_headquarters() -> None:
    source = (
        "Transparency International Indonesia merilis Indeks Persepsi Korupsi (IPK) Indonesia; "
        "peringkat Indonesia naik."
    )
    english = (
        "Transparency International Indonesia released Indonesia's Corruption Perceptions Index "
        "(CPI); the country's ranking rose."
    )
    assert missing_names(source, english) == []
    assert texts(missing_names(source, english.replace("the country's", "its"))) == ["Indonesia"]
    source = "Kata Kapolresta Pekanbaru Hendra di Mapolresta Pekanbaru."
    assert (
        missing_names(source, "Said Pekanbaru police chief Hendra at the city police headquarters.")
        == []
    )
