"""Word tables the checker reads: number words, scales, currencies, months, days, time zones,
and the Indonesian words that are translated even inside a capitalised name.

Data only, written once; :mod:`ringkas.faithful.facts` and :mod:`ringkas.faithful.names` use it.
A larger table of words translated inside names ("Terapung" = "floating", "Sedunia" =
"World") is package data, ``name-words.tsv``, read on first use by :func:`name_renderings`.

>>> ID_NUMBER_WORDS["lima"], EN_NUMBER_WORDS["five"]
(5, 5)
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = [
    "ABBREVIATIONS",
    "CURRENCY_AFTER",
    "CURRENCY_BEFORE",
    "EN_APPROX",
    "EN_DENOMINATORS",
    "EN_FRACTIONS",
    "EN_FUNCTION_WORDS",
    "EN_INSTITUTION_WORDS",
    "EN_MONTHS",
    "EN_NAME_WORDS",
    "EN_NUMBER_WORDS",
    "EN_ORDINALS",
    "EN_SCALES",
    "EN_WEAK_WORDS",
    "EN_WEEKDAYS",
    "EQUIVALENTS",
    "ID_AGE_WORDS",
    "ID_APPROX",
    "ID_COMPANY_HEADS",
    "ID_COMPANY_STOPS",
    "ID_COMPANY_TAILS",
    "ID_DENOMINATORS",
    "ID_ENTERPRISE_HEADS",
    "ID_FRACTIONS",
    "ID_FUNCTION_WORDS",
    "ID_MONEY_SUFFIX_SCALES",
    "ID_MONTHS",
    "ID_NAME_HEADS",
    "ID_NUMBER_MULTIPLIERS",
    "ID_NUMBER_WORDS",
    "ID_ORDINALS",
    "ID_PLACE_TAILS",
    "ID_SCALES",
    "ID_TRANSLATED_WORDS",
    "ID_WEAK_WORDS",
    "ID_WEEKDAYS",
    "MONEY_SUFFIX_SCALES",
    "NAME_WORDS",
    "PERCENT_WORDS",
    "PHRASE_EQUIVALENTS",
    "REPEAT_PHRASES",
    "TIME_ZONES",
    "name_renderings",
]

ID_NUMBER_WORDS: dict[str, int] = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
}  # fmt: skip
#: ``dua belas`` = 12, ``tiga puluh`` = 30, ``dua ratus`` = 200, ``dua ribu`` = 2000.
ID_NUMBER_MULTIPLIERS: dict[str, int] = {"belas": 10, "puluh": 10, "ratus": 100}

#: Ordinals; ``ke-3`` is handled as a pattern. ``pertama``/``kedua`` also mean "first"/"both"
#: loosely, so they count only when the other side has them (see ``ID_WEAK_WORDS``).
ID_ORDINALS: dict[str, int] = {
    "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6,
    "ketujuh": 7, "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10, "kesebelas": 11,
    "keduanya": 2, "ketiganya": 3, "keempatnya": 4, "kelimanya": 5,
}  # fmt: skip
ID_WEAK_WORDS = frozenset({"pertama", "kedua", "keduanya", "satu"})

EN_NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "twice": 2, "double": 2, "doubled": 2, "twofold": 2, "both": 2,
    "thrice": 3, "triple": 3, "tripled": 3, "threefold": 3, "quadrupled": 4, "fourfold": 4,
    "fivefold": 5, "sixfold": 6, "sevenfold": 7, "eightfold": 8, "ninefold": 9, "tenfold": 10,
}  # fmt: skip
EN_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
#: English words that often render something other than a number ("registered twice" for
#: ``tercatat ganda``, "first" for ``perdana``): they satisfy a source number, never invent one.
EN_WEAK_WORDS = frozenset(
    {"one", "first", "second", "twice", "double", "doubled", "twofold", "both", "dozen"}
)

ID_SCALES: dict[str, float] = {
    "ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9,
    "triliun": 1e12, "trilyun": 1e12,
}  # fmt: skip
EN_SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "billion": 1e9, "bln": 1e9,
    "bn": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
#: Scale letters glued to a number after a currency ("US$2.3b", "Rp5m", "$40k").
MONEY_SUFFIX_SCALES: dict[str, float] = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
#: The Indonesian press's scale letters after rupiah: ``Rp 5 M`` is 5 *miliar* (billion),
#: ``Rp 1,2 T`` 1.2 *triliun*.
ID_MONEY_SUFFIX_SCALES: dict[str, float] = {"k": 1e3, "m": 1e9, "t": 1e12}

#: Round plurals: ``ratusan`` = "hundreds", ``puluhan ribu`` = "tens of thousands".
ID_APPROX: dict[str, float] = {
    "puluhan": 10, "ratusan": 100, "ribuan": 1e3, "jutaan": 1e6, "miliaran": 1e9,
}  # fmt: skip
EN_APPROX: dict[str, float] = {
    "tens": 10, "dozens": 10, "scores": 10, "hundreds": 100, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9,
}  # fmt: skip
ID_FRACTIONS: dict[str, float] = {
    "setengah": 0.5, "separuh": 0.5, "seperempat": 0.25, "sepertiga": 1 / 3, "seperlima": 0.2,
    "sepersepuluh": 0.1,
}  # fmt: skip
EN_FRACTIONS: dict[str, float] = {"half": 0.5, "quarter": 0.25}
#: The parts a whole is divided into, after a number: ``dua pertiga`` = "two-thirds"
#: (Indonesian ``per-`` words; English singular after "a"/"one", plural after larger numbers).
ID_DENOMINATORS: dict[str, int] = {"pertiga": 3, "perempat": 4, "perlima": 5, "persepuluh": 10}
EN_DENOMINATORS: dict[str, int] = {
    "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
    "tenth": 10, "tenths": 10,
}  # fmt: skip

PERCENT_WORDS = frozenset({"persen", "prosen", "percent", "pct"})

#: Currency written before the amount, as it appears (case-sensitive), -> ISO code.
CURRENCY_BEFORE: dict[str, str] = {
    "Rp": "IDR", "Rp.": "IDR", "IDR": "IDR", "US$": "USD", "USD": "USD", "$": "USD",
    "S$": "SGD", "SGD": "SGD", "A$": "AUD", "AUD": "AUD", "RM": "MYR", "MYR": "MYR",
    "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY", "JPY": "JPY",
    "CNY": "CNY", "RMB": "CNY", "HK$": "HKD", "HKD": "HKD",
}  # fmt: skip
#: Currency written after the amount (lower case) -> ISO code.
CURRENCY_AFTER: dict[str, str] = {
    "rupiah": "IDR", "rupiahs": "IDR", "dolar": "USD", "dollar": "USD", "dollars": "USD",
    "euro": "EUR", "euros": "EUR", "ringgit": "MYR", "yen": "JPY", "yuan": "CNY",
    "pound": "GBP", "pounds": "GBP", "won": "KRW", "baht": "THB",
}  # fmt: skip

ID_MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
    "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
    "desember": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8,
    "agt": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "des": 12,
}  # fmt: skip
EN_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: Monday = 0, as :meth:`datetime.date.weekday`.
ID_WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
    "minggu": 6, "ahad": 6,
}  # fmt: skip
EN_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

#: Indonesian time zones and their English names -> one code.
TIME_ZONES: dict[str, str] = {
    "wib": "WIB", "wita": "WITA", "wit": "WIT", "western indonesian time": "WIB",
    "western indonesia time": "WIB", "central indonesian time": "WITA",
    "central indonesia time": "WITA", "eastern indonesian time": "WIT",
    "eastern indonesia time": "WIT", "jakarta time": "WIB",
    "local time": "LOCAL", "waktu setempat": "LOCAL",
}  # fmt: skip

#: Indonesian words that are written capitalised inside names but translated ("Kabupaten
#: Cianjur" = "Cianjur Regency", "Badan Pusat Statistik" = "Statistics Indonesia"): a name
#: check never asks for them in the English. Lower case.
ID_TRANSLATED_WORDS = frozenset(
    """
    badan pusat dinas kantor kementerian kemenkes kemenkeu kemendagri kemenpora kementrian
    komisi lembaga dewan majelis mahkamah pengadilan kejaksaan kejati kejari kepolisian
    pemerintah pemerintahan pemkot pemkab pemprov pemda perum persero tbk
    provinsi kabupaten kota kecamatan kelurahan desa dusun kampung wilayah daerah kawasan
    distrik regional nasional negeri negara republik istimewa khusus ibu
    utara selatan timur barat tengah tenggara barat daya laut darat raya besar kecil baru lama
    jalan jl gang sungai kali danau waduk gunung bukit pulau kepulauan selat teluk pantai
    pelabuhan bandara bandar terminal stasiun jembatan benteng lapangan taman alun pasar induk
    rumah sakit umum rsud rsup puskesmas sekolah dasar menengah atas kejuruan sd smp sma smk
    universitas institut politeknik akademi sekolah tinggi fakultas departemen jurusan program
    studi pusat balai museum perpustakaan keraton istana masjid gereja pura candi monumen
    pasukan satuan tugas satgas tim kelompok tani nelayan koperasi asosiasi perhimpunan
    persatuan ikatan himpunan serikat gabungan forum yayasan organisasi partai fraksi
    direktorat direktur jenderal ditjen reserse kriminal narkoba khusus umum bidang seksi
    kepala ketua wakil sekretaris bendahara anggota juru bicara kabid kasi kasubag kapolda
    kapolres kapolsek kapolri kadis kadinkes penjabat pj plt pelaksana harian tugas administrasi
    nagari
    pak bu bapak kakek nenek mbah eyang opa oma mas mbak bang kang cak ning teh om tante
    gubernur bupati wali walikota camat lurah menteri presiden wapres komandan panglima
    jaksa hakim agung kolonel letkol mayor kapten letnan inf kav kombes kompol akbp akp iptu
    ipda aiptu brigjen irjen komjen jenderal pol polisi tni polri polda polres polsek mapolda
    mapolres mako markas rutan lapas perumahan
    tahun hari raya bulan pekan minggu
    pendapatan belanja anggaran rancangan peraturan undang pasal ayat nomor no kitab hukum
    pidana perdata tentang perubahan pemberantasan tindak korupsi pencucian uang informasi
    transaksi elektronik
    kesehatan pendidikan kebudayaan pariwisata perhubungan pertanian perikanan kelautan
    kehutanan lingkungan hidup sosial tenaga kerja perdagangan perindustrian keuangan
    perekonomian pembangunan investasi penanaman modal pelayanan terpadu satu pintu pekerjaan
    penataan ruang sumber daya air mineral energi pemuda olahraga agama dalam luar komunikasi
    informatika statistik pemilihan pemilu pengawas pengawasan pemeriksa penanggulangan
    bencana pencarian pertolongan meteorologi klimatologi geofisika siber sandi pangan
    pasokan harga stabilisasi operasional ekonomi digital kreatif usaha mikro menengah
    pengusahaan perencanaan pembinaan perlindungan pengendalian pencegahan penyakit menular
    kepegawaian perumahan permukiman kependudukan pencatatan sipil perizinan penerangan
    pelestarian cagar budaya seni pertunjukan festival pekan pameran kejuaraan kejurnas lomba
    piala liga parade hari ulang jaminan nasional penerbangan angkutan pengumpan perkeretaapian
    kereta api cepat tol bus feri kapal
    dan atau serta untuk dengan dari di ke pada bagi oleh the of
    hj ustaz kiai ir drs dra prof saw swt
    kaltim kalbar kalsel kalteng kaltara sulsel sulut sulteng sultra sulbar sumut sumbar
    sumsel jabar jateng jatim kepri babel ntb ntt diy dki
    asal
    panitia utama komisaris voli ulama udara turnamen teknologi tangkis tahanan sesar sastra
    sains restoran rakyat publik prestasi pondok pesantren perwakilan pengurus penggerak
    pencemar pelaporan otoritas orkes narkotika milik komputer komoditi kepemudaan jasa
    internasional ilmu humas generasi elektronika dunia deputi cabang bulu bola berjangka
    beras bahasa bagian asisten antarpelajar analisis
    perusahaan industri bank layanan sistem aplikasi gerakan komunitas relawan agung swasta
    terbuka kesejahteraan keluarga perempuan anak pemberdayaan masyarakat transmigrasi
    pertahanan keamanan kebakaran pemadam penyelamatan kebersihan pertamanan persampahan
    lintas pamong praja ketertiban pengamanan intelijen strategis riset inovasi pengetahuan
    media pers penyiaran film musik tari sejarah arkeologi purbakala geologi vulkanologi
    mitigasi pengelolaan sampah limbah minum listrik gas minyak bumi tambang batu bara
    perkebunan sawit kelapa karet kopi teh gula garam ternak peternakan hewan karantina bea
    cukai pajak imigrasi pemasyarakatan kehakiman konstitusi yudisial perlindungan konsumen
    persaingan audit perbendaharaan kekayaan aset lelang wisata sepak basket renang atletik
    pencak silat bela diri catur klub kesatuan sekretariat inspektorat biro pengadaan barang
    jaringan pengembangan penelitian kajian laboratorium rehabilitasi pengungsi bantuan
    tanggap darurat siaga pos posko komando operasi gugus kantor cabang unit induk koperasi
    pelajar mahasiswa guru dosen santri warga pedagang petani buruh karyawan pegawai
    stadion gedung wisma menara kompleks sirkuit gelanggang bendungan hutan kebun gua goa
    lembah tugu penjara
    marsekal madya muda laksamana laksda laksdya laksma marsda marsdya marsma letjen mayjen
    ajun inspektur brigadir bripka briptu bripda bharada sertu serka serma pelda kopral
    prajurit pratu praka
    bundaran simpang persimpangan perempatan toko gerai butik warung kedai kafe pt cv grup
    instalasi bujur lintang zona otorita batubara perdana palung staf ahli dana koordinator kasunanan kasultanan kesultanan malam pagi siang sore
    niaga rapat sidang paripurna kongres muktamar konferensi musyawarah suku masehi
    kaisar paus kanselir pangeran
    menko polkam polhukam ekuin kesra marves kemlu dirut dirjen dirops dirkeu sekda sekjen
    sesjen sekum ketum waketum bendum wagub wabup wawali kajati kajari kakanwil kanwil kadiv
    kabag kabiro karo kapuspen kasum kabareskrim kabaharkam danrem dandim danramil danyon
    danlanal danlanud wamen humas plh
    klasemen babak putaran jalur samudra samudera puri embarkasi debarkasi obligasi tahap
    seri bursa efek
    """.split()
)

#: Words after which, inside a name, the next capitalised word is the name proper (a place,
#: building or person: "Kabupaten Garut", "Stadion Si Jalak Harupat", "Menteri Budi"): that
#: word stays required even when it is also a common Indonesian word. Lower case.
ID_NAME_HEADS = frozenset(
    """
    provinsi kabupaten kota kecamatan kelurahan desa dusun kampung distrik nagari pulau kepulauan
    gunung bukit sungai kali danau waduk bendungan selat teluk pantai tanjung laut pelabuhan
    bandara stasiun terminal jalan jl gang pasar stadion gedung wisma menara taman hutan gua
    goa lembah tugu universitas institut masjid gereja pura candi istana keraton museum sakit
    rsud rsup presiden wapres menteri gubernur bupati walikota wali camat lurah kepala ketua
    wakil direktur komandan panglima kapolda kapolri kapolres kapolsek hakim jaksa jenderal
    kolonel mayor kapten pak bu bapak ibu dr si sang haji hj polisi pol kombes akbp kompol
    akp iptu ipda aiptu brigjen irjen komjen letkol marsekal laksamana sultan letjen mayjen
    laksda laksdya laksma marsda marsdya marsma inspektur brigadir bripka briptu bripda bharada
    sertu serka serma pelda kopral pratu praka
    menko polkam polhukam ekuin kesra marves dirut dirops dirkeu sekda sekjen sesjen sekum ketum waketum bendum wagub wabup wawali kajati kajari kakanwil kadiv kabag kabiro
    karo kapuspen kasum kabareskrim kabaharkam danrem dandim danramil danyon danlanal danlanud
    wamen plh kaisar paus kanselir pangeran pdt mgr uskup kardinal romo
    """.split()
)
#: Words that open a company's name ("PT Bank Rakyat Indonesia Tbk"), which is kept whole.
ID_COMPANY_HEADS = frozenset({"pt", "cv", "pd", "perum", "perumda"})
#: Heads of regional and state enterprises, whose names describe them ("Perumda Air Minum
#: Tirta Kerta Raharja" = "the Tirta Kerta Raharja drinking water company"): the translated
#: words of such a name may be translated (a subset of ``ID_COMPANY_HEADS``).
ID_ENTERPRISE_HEADS = frozenset({"pd", "perum", "perumda"})
#: Words after which a company's name has ended ("Perum Bulog Kantor Wilayah ...": its office).
ID_COMPANY_STOPS = frozenset(
    "kantor cabang wilayah divisi unit area regional perwakilan direktur komisaris".split()
)
#: Words of a company's legal form after its name ("Tbk", "Persero"), which may be dropped.
ID_COMPANY_TAILS = frozenset({"tbk", "persero", "perseroan", "ltd", "inc"})
#: Direction and size words that follow a place name (``Lombok Tengah``, ``Nusa Tenggara
#: Barat``, ``Solo Raya``): the word right before one stays required. Lower case.
ID_PLACE_TAILS = frozenset("utara selatan timur barat tengah tenggara daya raya".split())

#: Indonesian words and abbreviations whose usual English rendering is a different word:
#: the name check accepts any of these renderings (lower case, phrases allowed).
EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "jawa": ("java",), "sumatera": ("sumatra",), "belanda": ("netherlands", "dutch", "holland"),
    "inggris": ("united kingdom", "uk", "britain", "british", "england", "english"),
    "amerika": ("america", "us", "usa", "united states"),
    "as": ("us", "u.s.", "usa", "united states", "america"), "jepang": ("japan",),
    "tiongkok": ("china", "chinese"), "cina": ("china", "chinese"), "mandarin": ("chinese",),
    "korea": ("korea",), "arab": ("arab", "saudi", "uae", "emirates"),
    "emirat": ("emirates", "uae"), "jerman": ("germany", "german"),
    "prancis": ("france", "french"), "perancis": ("france", "french"),
    "rusia": ("russia",), "singapura": ("singapore",), "filipina": ("philippines", "filipino"),
    "mesir": ("egypt",), "eropa": ("europe",), "afrika": ("africa",), "asia": ("asia",),
    "selandia": ("zealand",), "kanada": ("canada",), "meksiko": ("mexico",),
    "spanyol": ("spain", "spanish"), "italia": ("italy", "italian"), "turki": ("turkey",
    "türkiye", "turkish"), "yunani": ("greece", "greek"), "swiss": ("switzerland", "swiss"),
    "maluku": ("maluku", "molucca"), "papua": ("papua",), "latin": ("latin",),
    "lebaran": ("eid", "lebaran", "idul fitri", "idulfitri"), "idul": ("eid",),
    "natal": ("christmas",),
    "hut": ("anniversary", "birthday", "independence day", "hut"), "imlek": ("lunar new year", "chinese new year", "imlek"),
    "nyepi": ("nyepi",), "haji": ("haji", "hajj", "haj"), "tanjung": ("tanjung", "cape"), "ramadan": ("ramadan",), "ramadhan": ("ramadan",),
    "umkm": ("msme", "sme", "small business", "small and medium"),
    "ktp": ("id card", "identity card", "ktp"), "sim": ("driving licen", "driver's licen"),
    "gor": ("sports hall", "sports centre", "sports center", "stadium", "gor", "arena"),
    "het": ("highest retail price", "price ceiling", "ceiling price", "het"),
    "wni": ("indonesian citizen", "indonesians", "wni"), "wna": ("foreign", "foreigner", "wna"),
    "tki": ("migrant worker", "tki"), "pmi": ("migrant worker", "red cross", "pmi"),
    "dpr": ("house of representatives", "house", "dpr", "parliament", "legislat"),
    "mk": ("constitutional court", "mk"), "ma": ("supreme court", "ma"),
    "kpk": ("corruption eradication commission", "kpk", "anti-graft"),
    "bi": ("bank indonesia", "bi"), "ri": ("indonesia", "ri"), "pemilu": ("election",),
    "pilkada": ("election", "pilkada"), "pilpres": ("presidential election", "pilpres"),
    "lansia": ("elderly",), "balita": ("toddler", "under-five", "under five"),
    "wisman": ("foreign tourist", "wisman"), "karhutla": ("forest and land fire", "land and forest fire",
    "forest fire", "wildfire", "karhutla"),
    "dishub": ("transportation agency", "transport agency", "transportation office",
               "transport office", "dishub"),
    "satpol": ("public order", "satpol"),
    "pp": ("public order", "government regulation", "pp"),
    "basarnas": ("search and rescue", "basarnas", "sar"), "sar": ("search and rescue", "sar"),
    "tps": ("polling station", "tps"), "bbm": ("fuel", "bbm"), "pln": ("pln", "electricity"),
    "ojk": ("financial services authority", "ojk"), "bumn": ("state-owned", "soe", "bumn"),
    "dpt": ("voter list", "voters list", "dpt"), "asn": ("civil servant", "civil service", "asn"),
    "pns": ("civil servant", "pns"), "kuhp": ("criminal code", "kuhp"),
    "uu": ("law", "uu"), "perda": ("regional regulation", "perda"),
    "perpres": ("presidential regulation", "perpres"), "pergub": ("governor", "pergub"),
    "apbd": ("regional budget", "budget", "apbd"), "apbn": ("state budget", "budget", "apbn"),
    "ikn": ("nusantara", "ikn"), "ispa": ("respiratory infection", "ispa"),
    "dbd": ("dengue", "dbd"), "covid": ("covid",), "wib": ("wib",),
    "qr": ("qr",), "sd": ("elementary school", "primary school", "sd"),
    "smp": ("junior high", "middle school", "smp"), "sma": ("senior high", "high school", "sma"),
    "smk": ("vocational", "smk"), "rs": ("hospital", "rs"), "rsud": ("hospital", "rsud"),
    "km": ("km", "kilomet"), "ihsg": ("jci", "composite index", "ihsg"),
    "bei": ("idx", "stock exchange", "bei"), "pdb": ("gdp", "gross domestic product", "pdb"),
    "ppn": ("vat", "value added tax", "value-added tax", "ppn"),
    "ukm": ("sme", "small and medium", "small business", "ukm"),
    "phk": ("layoff", "laid off", "lay off", "dismissal", "phk"),
    "bps": ("statistics indonesia", "statistics agency", "bps"),
    "bnpb": ("national disaster", "disaster management agency", "bnpb"),
    "bpbd": ("disaster management agency", "disaster mitigation agency", "bpbd"),
    "bmkg": ("meteorology", "weather agency", "bmkg"), "bpk": ("audit board", "bpk"),
    "bpjs": ("social security", "bpjs"), "mpr": ("people's consultative assembly", "mpr"),
    "dprd": ("regional legislat", "regional house", "legislative council", "council",
    "provincial legislat", "legislator", "lawmaker", "dprd"),
    "dpd": ("regional representative", "dpd"),
    "pbb": ("united nations", "un", "u.n.", "land and building tax", "property tax", "pbb"),
    "ue": ("european union", "eu"), "spbu": ("petrol station", "gas station",
    "filling station", "fuel station", "spbu"), "ott": ("sting", "red-handed", "ott"),
    "thr": ("holiday allowance", "holiday bonus", "thr"),
    "bansos": ("social aid", "social assistance", "welfare", "bansos"),
    "blt": ("cash transfer", "cash assistance", "cash aid", "blt"),
    "ump": ("minimum wage", "ump"), "umk": ("minimum wage", "umk"), "umr": ("minimum wage", "umr"),
    "nik": ("identity number", "population number", "nik"),
    "stnk": ("vehicle registration", "stnk"), "sembako": ("staple", "basic food",
    "basic necessities", "sembako"),
}  # fmt: skip

# Countries and their people, as Indonesian writes them -> English (lower case).
EQUIVALENTS |= {
    "kamboja": ("cambodia",), "vietnam": ("vietnam", "viet nam"), "thailand": ("thailand", "thai"),
    "malaysia": ("malaysia",), "myanmar": ("myanmar", "burma"), "laos": ("laos", "lao"),
    "brunei": ("brunei",), "timor": ("timor",), "leste": ("leste", "east timor"),
    "selandia": ("zealand",), "india": ("india",), "pakistan": ("pakistan",),
    "bangladesh": ("bangladesh",), "saudi": ("saudi",), "qatar": ("qatar",), "iran": ("iran",),
    "irak": ("iraq",), "suriah": ("syria",), "yordania": ("jordan",),
    "palestina": ("palestin",), "libanon": ("lebanon", "lebanese"), "ukraina": ("ukrain",),
    "polandia": ("poland", "polish"), "swedia": ("sweden", "swedish"),
    "norwegia": ("norway", "norwegian"), "finlandia": ("finland", "finnish"),
    "belgia": ("belgium", "belgian"), "brasil": ("brazil",), "kolombia": ("colombia",),
    "cile": ("chile",), "kuba": ("cuba",), "maroko": ("morocco", "moroccan"),
    "aljazair": ("algeria",), "etiopia": ("ethiopia",), "kroasia": ("croatia", "croatian"),
    "hongaria": ("hungary", "hungarian"), "ceko": ("czech",), "rumania": ("romania",),
    "yaman": ("yemen",), "afganistan": ("afghanistan", "afghan"), "skotlandia": ("scotland",),
    "irlandia": ("ireland", "irish"), "islandia": ("iceland",), "denmark": ("denmark", "danish"),
    "austria": ("austria",), "portugal": ("portugal", "portuguese"), "makau": ("macau", "macao"),
}  # fmt: skip
# Islamic calendar words, and military units written as one word.
EQUIVALENTS |= {
    "hijriah": ("hijri", "hijrah", "islamic", "ah"), "hijriyah": ("hijri", "hijrah", "ah"),
    "fitri": ("fitr", "fitri"), "adha": ("adha",), "idulfitri": ("eid",), "iduladha": ("eid",),
    "syawal": ("syawal", "shawwal", "shawal"), "zulhijah": ("dhul hijjah", "dhu al-hijjah",
    "zulhijah"), "muharam": ("muharram", "muharam"), "muharram": ("muharram",),
    "jabodetabek": ("greater jakarta", "jabodetabek"), "jabotabek": ("greater jakarta",
    "jabotabek"),
    "lanud": ("air force base", "air base", "airbase", "lanud"), "lanal": ("naval base", "lanal"),
    "lantamal": ("naval base", "lantamal"), "mabes": ("headquarters", "hq", "mabes"),
    "kodam": ("military command", "military regional command", "regional military command",
              "military area command", "kodam"), "korem": ("military resort command", "korem"),
    "kodim": ("military district command", "kodim"),
}  # fmt: skip

# The abbreviations of Indonesian news that English renders by what they stand for (the
# institution or thing), and foreign places in their Indonesian spellings.
EQUIVALENTS |= {
    "ktt": ("summit", "ktt"), "kbri": ("embassy", "kbri"), "kjri": ("consulate", "kjri"),
    "rups": ("shareholders", "rups"), "rupst": ("shareholders", "rupst"),
    "rupslb": ("shareholders", "rupslb"), "lps": ("deposit insurance", "lps"),
    "bpr": ("rural bank", "rural lender", "bpr"), "bpd": ("regional development bank",
    "village consultative", "bpd"), "tipikor": ("corruption", "graft", "tipikor"),
    "pupr": ("public works", "pupr"), "kemenag": ("religious affairs", "kemenag"),
    "kemendag": ("trade ministry", "ministry of trade", "kemendag"),
    "kemenperin": ("industry ministry", "ministry of industry", "kemenperin"),
    "kemenhub": ("transportation ministry", "transport ministry", "ministry of transport",
    "kemenhub"), "kementan": ("agriculture ministry", "ministry of agriculture", "kementan"),
    "klhk": ("environment and forestry", "klhk"), "esdm": ("energy and mineral", "esdm"),
    "kemensos": ("social affairs", "kemensos"), "kemendikbud": ("education", "kemendikbud"),
    "kemendikbudristek": ("education", "kemendikbudristek"),
    "kemenparekraf": ("tourism", "kemenparekraf"), "kemenkumham": ("law and human rights",
    "kemenkumham"), "kemenlu": ("foreign ministry", "foreign affairs", "kemenlu"),
    "kemenhan": ("defence", "defense", "kemenhan"), "kominfo": ("communication", "kominfo"),
    "kemenkominfo": ("communication", "kemenkominfo"), "kemnaker": ("manpower", "kemnaker"),
    "kemenaker": ("manpower", "kemenaker"), "bappenas": ("development planning", "bappenas"),
    "bulog": ("logistics", "bulog"), "bpom": ("food and drug", "bpom"),
    "bnn": ("narcotics", "bnn"), "bnpt": ("counterterrorism", "counter-terrorism", "bnpt"),
    "bin": ("intelligence", "bin"), "bssn": ("cyber", "bssn"), "brin": ("research and innovation",
    "brin"), "bkkbn": ("family planning", "bkkbn"), "bp2mi": ("migrant worker", "bp2mi"),
    "p2mi": ("migrant worker", "p2mi"), "kp2mi": ("migrant worker", "kp2mi"),
    "bpn": ("land agency", "national land", "bpn"), "bapanas": ("food agency", "bapanas"),
    "bpkp": ("development finance", "comptroller", "bpkp"), "kppu": ("business competition",
    "competition", "kppu"), "kpai": ("child protection", "kpai"), "ham": ("human rights", "ham"),
    "lpsk": ("witness and victim", "lpsk"), "ppatk": ("financial transaction", "financial intelligence",
    "ppatk"), "kejagung": ("attorney general", "kejagung"), "ptun": ("administrative court",
    "ptun"), "pn": ("district court", "pn"), "pileg": ("legislative election", "pileg"),
    "pilgub": ("gubernatorial election", "pilgub"), "caleg": ("legislative candidate",
    "caleg"), "capres": ("presidential candidate", "capres"), "cawapres": ("vice presidential",
    "vice-presidential", "running mate", "cawapres"), "paslon": ("candidate pair", "ticket",
    "paslon"), "kpps": ("polling station", "kpps"), "posyandu": ("health post", "posyandu"),
    "igd": ("emergency", "igd"), "faskes": ("health facilit", "faskes"),
    "nakes": ("health worker", "nakes"), "tbc": ("tuberculosis", "tb", "tbc"),
    "klb": ("outbreak", "klb"), "paud": ("early childhood", "preschool", "paud"), "tk": ("kindergarten", "tk"),
    "ptn": ("state universit", "ptn"), "pts": ("private universit", "pts"),
    "ppdb": ("admission", "ppdb"), "pltu": ("power plant", "pltu"), "plta": ("hydro", "plta"),
    "plts": ("solar", "plts"), "krl": ("commuter", "krl"), "kur": ("people's business credit",
    "business credit", "kur"), "pkh": ("family hope", "pkh"), "ormas": ("mass organi",
    "civil society", "ormas"), "lsm": ("ngo", "non-governmental", "lsm"),
    "parpol": ("political part", "parpol"), "kamtibmas": ("security and order", "kamtibmas"),
    "lakalantas": ("traffic accident", "lakalantas"), "curanmor": ("vehicle theft",
    "motorcycle theft", "curanmor"), "migas": ("oil and gas", "migas"),
    "minerba": ("mineral and coal", "mining", "minerba"), "psn": ("national strategic project",
    "strategic project", "psn"), "kek": ("special economic zone", "kek"),
    "alutsista": ("weapon", "defence equipment", "defense equipment", "alutsista"),
    "kostrad": ("strategic reserve", "kostrad"), "kopassus": ("special forces", "kopassus"),
    "brimob": ("mobile brigade", "brimob"), "densus": ("counterterrorism", "counter-terrorism",
    "densus"), "paspampres": ("presidential security", "paspampres"),
    "ad": ("army", "ad"), "al": ("navy", "al"), "au": ("air force", "au"),
    "lantas": ("traffic", "lantas"), "satlantas": ("traffic", "satlantas"),
    "reskrim": ("criminal investigation", "reskrim"), "satreskrim": ("criminal investigation",
    "satreskrim"), "kasat": ("head", "chief", "kasat"), "kanit": ("head", "chief", "kanit"),
    "bpbd": ("disaster management agency", "disaster mitigation agency", "bpbd"),
    "moskwa": ("moscow",), "haag": ("hague",), "jenewa": ("geneva",), "wina": ("vienna",),
    "roma": ("rome",), "brussel": ("brussels",), "kairo": ("cairo",), "mekkah": ("mecca",
    "makkah"), "makkah": ("mecca", "makkah"), "madinah": ("medina", "madinah"),
    "yerusalem": ("jerusalem",), "teheran": ("tehran",), "bagdad": ("baghdad",),
    "damaskus": ("damascus",), "lisboa": ("lisbon",), "praha": ("prague",),
    "warsawa": ("warsaw",), "kiev": ("kyiv", "kiev"), "kyiv": ("kyiv", "kiev"),
    "hindia": ("indian", "indies"), "pasifik": ("pacific",), "atlantik": ("atlantic",),
    "arktik": ("arctic",), "olimpiade": ("olympi",), "paralimpiade": ("paralympic",),
    "skandinavia": ("scandinavia",), "serikat": ("united",),
    "ihk": ("cpi", "consumer price index", "ihk"), "litbang": ("research and development",
    "r&d", "litbang"), "daop": ("operational area", "operation area", "daop"),
    "sumut": ("north sumatra",), "sumbar": ("west sumatra",), "sumsel": ("south sumatra",),
    "jabar": ("west java",), "jateng": ("central java",), "jatim": ("east java",),
    "kaltim": ("east kalimantan",), "kalbar": ("west kalimantan",),
    "kalsel": ("south kalimantan",), "kalteng": ("central kalimantan",),
    "kaltara": ("north kalimantan",), "sulsel": ("south sulawesi",),
    "sulut": ("north sulawesi",), "sulteng": ("central sulawesi",),
    "sultra": ("southeast sulawesi",), "sulbar": ("west sulawesi",), "kepri": ("riau islands",),
    "babel": ("bangka belitung",), "ntb": ("west nusa tenggara", "ntb"),
    "ntt": ("east nusa tenggara", "ntt"), "diy": ("yogyakarta", "diy"),
    "tpa": ("landfill", "dump", "tpa"), "tpst": ("waste", "landfill", "tpst"),
    "timnas": ("national team", "national side", "national squad", "timnas"),
    "resmob": ("mobile crime", "resmob"), "jatanras": ("violent crime", "jatanras"),
    "buser": ("police", "buser"), "arafah": ("arafat", "arafah"),
    "rapbn": ("budget bill", "draft state budget", "state budget", "rapbn"),
    "rapbd": ("budget bill", "draft regional budget", "regional budget", "rapbd"),
    "pamtas": ("border security", "pamtas"), "yonif": ("infantry battalion", "yonif"),
    "pkp": ("housing", "pkp"), "islam": ("muslim", "islam"), "kristiani": ("christian",),
    "kristen": ("christian", "protestant"), "katolik": ("catholic",),
    "protestan": ("protestant",), "konghucu": ("confucian",), "paskah": ("easter",),
    "ruu": ("bill", "draft law", "ruu"), "perppu": ("regulation in lieu", "perppu"),
    "permen": ("ministerial regulation", "permen"), "inpres": ("presidential instruction",
    "inpres"), "keppres": ("presidential decree", "keppres"),
    "china": ("china", "chinese"), "buddha": ("buddh",), "waisak": ("vesak", "waisak"),
    "polresta": ("police", "polresta"), "polrestabes": ("police", "polrestabes"),
    "ipk": ("gpa", "grade point", "ipk"), "topan": ("typhoon", "cyclone"),
    "khatulistiwa": ("equator", "khatulistiwa"), "blok": ("block", "blok"),
    "pltp": ("geothermal", "pltp"), "pltd": ("diesel", "pltd"), "pltg": ("gas-fired",
    "gas power", "pltg"), "pltgu": ("combined cycle", "combined-cycle", "pltgu"),
    "pltb": ("wind", "pltb"), "pltn": ("nuclear", "pltn"), "pltsa": ("waste-to-energy",
    "waste to energy", "pltsa"), "pltmh": ("micro-hydro", "micro hydro", "pltmh"),
    "gp": ("grand prix", "gp"), "dp": ("down payment", "deposit", "dp"),
    "djp": ("directorate general of tax", "tax directorate", "tax office", "tax authorit",
    "djp"), "djbc": ("customs", "djbc"), "djpb": ("treasury", "djpb"),
    "dukcapil": ("civil registr", "population and civil", "dukcapil"),
    "disdukcapil": ("civil registr", "population and civil", "disdukcapil"),
    "kemhan": ("defence", "defense", "kemhan"), "kemlu": ("foreign ministry",
    "foreign affairs", "kemlu"), "kaisar": ("emperor", "kaisar"), "paus": ("pope", "paus"),
    "kanselir": ("chancellor",), "pangeran": ("prince", "pangeran"),
    "damkar": ("fire", "damkar"), "bapenda": ("revenue agency", "revenue office", "bapenda"),
    "bappeda": ("development planning", "bappeda"), "dlh": ("environment", "dlh"),
    "abk": ("crew", "abk"), "pu": ("public works", "pu"),
    "tpi": ("immigration", "checkpoint", "fish auction", "tpi"),
    "tpu": ("public cemetery", "cemetery", "burial ground", "tpu"),
    "sda": ("water resources", "natural resources", "sda"),
    "png": ("papua new guinea", "png"),
    "ditjenpas": ("directorate general of corrections", "corrections", "correctional", "ditjenpas"),
    "iva": ("via", "visual inspection", "iva"),
    "binpres": ("development and achievement", "coaching and achievement", "achievement", "binpres"),
    "ko": ("knockout", "knock out", "ko"), "tko": ("technical knockout", "tko"),
    "ranperda": ("draft regional regulation", "draft regulation", "draft bylaw", "ranperda"),
    "raperda": ("draft regional regulation", "draft regulation", "draft bylaw", "raperda"),
    "filipina": ("philippine", "filipino", "filipina"), "pk": ("horsepower", "hp", "pk"),
    "polairud": ("water and air police", "marine police", "water police", "polairud"),
    "syahbandar": ("harbormaster", "harbourmaster", "harbor master", "harbour master",
                   "port authority", "syahbandar"),
    # coordinates: "8,42 LS dan 116,15 BT" = "8.42 degrees south latitude", "8.42°S"
    "ls": ("south", "s", "ls"), "lu": ("north", "n", "lu"), "bt": ("east", "e", "bt"),
    "bb": ("west", "w", "bb"),
    # European cities in Indonesian (or their own) spelling
    "koln": ("cologne", "koln"), "munchen": ("munich",), "milano": ("milan",),
    "napoli": ("naples",), "firenze": ("florence",), "venezia": ("venice",),
    "torino": ("turin",), "kopenhagen": ("copenhagen",), "athena": ("athens",),
    "beograd": ("belgrade",), "bukares": ("bucharest",), "lissabon": ("lisbon",),
    # countries whose Indonesian name English does not spell alike ("Papua Nugini")
    "nugini": ("new guinea", "guinea"), "kirgistan": ("kyrgyzstan", "kyrgyz"),
    "luksemburg": ("luxembourg",), "chili": ("chile",), "kazakstan": ("kazakhstan", "kazakh"),
    "makedonia": ("macedonia",), "mozambik": ("mozambique",), "kamerun": ("cameroon",),
    "pdt": ("rev", "pastor", "reverend", "pdt"), "mgr": ("monsignor", "mgr", "bishop"),
    "uskup": ("bishop",), "kardinal": ("cardinal",),
}  # fmt: skip
# Renderings added to entries above: a national team by its country ("Timnas U-23" =
# "Indonesia U-23"), and the state budget said together with the regional one ("APBN dan
# APBD" = "the state and regional budgets").
EQUIVALENTS["timnas"] += ("indonesia",)
EQUIVALENTS["apbn"] += ("state and regional budget",)

#: Names of several words that English renders as a whole ("Bank Indonesia" = "the central
#: bank", "Pulau Dewata" = "the Island of the Gods", a city's nickname = the city): when the
#: output has a rendering, the phrase's words are not asked for one by one. Lower case.
PHRASE_EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "bank indonesia": ("central bank",),
    "pantai gading": ("ivory coast", "cote d'ivoire"),  # the output is read without accents
    "padang arafah": ("arafat",), "padang arafat": ("arafat",),
    "layak anak": ("child-friendly", "child friendly"),
    "ketua mk": ("chief justice",), "ketua ma": ("chief justice",),
    "wisatawan nusantara": ("domestic tourist", "domestic visitor", "domestic travel"),
    "uni eropa": ("eu", "european union"),
    "sumbu filosofi": ("cosmological axis", "philosophical axis"),
    "frankfurter buchmesse": ("frankfurt book fair",), "hajad dalem": ("royal ceremony",),
    "polda metro jaya": ("jakarta metropolitan police", "jakarta police", "metro jaya"),
    "kapolda metro jaya": ("jakarta metropolitan police", "jakarta police", "metro jaya"),
    "pulau dewata": ("island of the gods", "bali"), "pulau seribu masjid": ("lombok",),
    "kota pahlawan": ("surabaya", "city of heroes"), "kota kembang": ("bandung",),
    "kota hujan": ("bogor", "city of rain"), "serambi mekkah": ("aceh",),
    "bumi cenderawasih": ("papua",), "kota gudeg": ("yogyakarta", "jogja"),
    "kota pelajar": ("yogyakarta", "jogja"), "tanah air": ("indonesia", "country", "homeland"),
    "ibu kota nusantara": ("nusantara", "new capital"), "idul fitri": ("eid",),
    "idul adha": ("eid",), "hari raya": ("eid", "holiday", "festival"),
    "mabes polri": ("national police headquarters", "police headquarters"),
    "mabes tni": ("military headquarters", "tni headquarters"),
    "den haag": ("the hague",), "gedung putih": ("white house",),
    "merah putih": ("red and white", "red-and-white", "merah putih"),
    "timnas indonesia": ("indonesia",), "tanah suci": ("holy land",
    "mecca", "makkah", "saudi"), "commuter line": ("commuter",), "taman mawar": ("rose garden",), "timur tengah": ("middle east",),
    "laut cina selatan": ("south china sea",), "laut china selatan": ("south china sea",),
    "perserikatan bangsa-bangsa": ("united nations", "u.n.", "un"),
    "piala dunia": ("world cup",), "asia pasifik": ("asia-pacific", "asia pacific"),
    "liga inggris": ("premier league", "english league"), "liga spanyol": ("la liga",
    "spanish league"), "liga italia": ("serie a", "italian league"), "liga jerman": (
    "bundesliga", "german league"), "liga prancis": ("ligue 1", "french league"),
    "liga belanda": ("eredivisie", "dutch league"), "liga champions": ("champions league",),
    "jalan layang": ("flyover", "overpass", "elevated road", "elevated highway", "elevated toll"),
    "jalan tol": ("toll road", "tollway", "expressway", "toll"),
    "desa adat": ("customary village", "traditional village", "indigenous village"),
    "jalan salib": ("way of the cross", "stations of the cross"),
    "jumat agung": ("good friday",), "kamis putih": ("maundy thursday", "holy thursday"),
    "malam natal": ("christmas eve",), "papua pegunungan": (
    "highland papua", "papua highland", "mountainous papua"),
}  # fmt: skip

#: Phrases whose second and later mentions English shortens ("per dolar AS" = "per dollar"
#: once the US dollar is named): only their first mention is asked for whole. Lower case.
REPEAT_PHRASES: dict[str, tuple[str, ...]] = {"dolar as": ("dollar",), "dolar amerika": ("dollar",)}

#: Words that imply a number (``balita``: *bawah lima tahun*, children under five;
#: ``dasarian``: a ten-day period; ``sepekan``: a week): a weak number, which the English may
#: state ("children under five", "ten-day") and need not.
ID_AGE_WORDS: dict[str, int] = {
    "balita": 5, "batita": 3, "dasarian": 10, "sepekan": 7, "dasawarsa": 10, "windu": 8,
    "rubber": 3,  # "kalah rubber game": a three-game defeat
}  # fmt: skip

#: Short Indonesian function words: an "English" output full of them was not translated.
ID_FUNCTION_WORDS = frozenset(
    """yang dan di ke dari untuk dengan ini itu tidak akan pada dalam adalah juga oleh karena
    tersebut sudah telah bisa ada atau kami kita mereka saya ia dia kata ujarnya tuturnya
    sebagai bahwa masih lebih sangat hanya jika kalau agar supaya namun tetapi tapi setelah
    sebelum saat ketika hingga sampai sejak menurut para seluruh semua setiap banyak beberapa
    sejumlah sekitar mencapai menjadi merupakan yakni yaitu bagi serta maupun belum harus
    dapat akibat terhadap antara""".split()
)
EN_FUNCTION_WORDS = frozenset(
    """the a an of and to in on at for with from by is are was were be been has have had will
    would can could should this that these those it its he she they we i you his her their
    our not no but or as than which who whom what when where while after before said says
    also only more most about into over up out there here""".split()
)

#: English head nouns of an institution's name ("Deposit Insurance Corporation"): an output
#: with one, capitalised, names an institution (lower case).
EN_INSTITUTION_WORDS = frozenset(
    """agency ministry authority corporation commission board office council court embassy
    consulate bank police army navy force institute university exchange service department
    directorate bureau committee assembly house party company association federation union
    foundation organisation organization centre center program programme fund hospital school
    college academy command unit team group league agencies ministries offices""".split()
)

#: English words written capitalised inside translated names ("Cianjur Regency", "Statistics
#: Indonesia"): a summary may use them although the Indonesian article does not. Lower case.
EN_NAME_WORDS = frozenset(
    """the a an of and for in on at to by from with as ministry minister agency agencies
    office offices department directorate director general council commission committee court
    authority board service services bureau institute university college school academy
    hospital centre center station port airport terminal market square street road bridge
    river lake reservoir mount mountain island islands bay beach fort palace museum library
    regency regent city province provincial district subdistrict village villages region
    regional national state special capital central north south east west northern southern
    eastern western southeast southwest northeast northwest government police regional
    head chief deputy chairman chairwoman chair mayor governor president vice secretary
    acting executive officer spokesperson colonel senior commissioner infantry general
    statistics election elections supervisory disaster management health education culture
    tourism transportation transport public works spatial planning finance financial
    trade industry agriculture fisheries forestry environment social labour labor manpower
    youth sports religious affairs home foreign investment one-stop integrated revenue
    expenditure budget law regulation article paragraph number code criminal civil
    eradication corruption crimes money laundering information transactions electronic
    cyber crypto meteorology climatology geophysics search rescue food supply price
    stabilization high prosecutor attorney detention narcotics investigation special
    legislative representatives house people's consultative assembly party faction
    week festival exhibition championship games parade day new year olympics league cup
    dr prof ir mr mrs ms sir i we you he she they it our my his her their this that these
    those there here in on monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december
    internet things ai app apps covid eid christmas ramadan muslim muslims islamic christian
    hindu buddhist regulation ulema international analysis
    marshal admiral lieutenant brigadier major captain inspector adjunct sergeant corporal
    air rear first second private
    """.split()
)


#: The package-data file of words translated inside names and their renderings.
NAME_WORDS = "name-words.tsv"
#: The package-data file of abbreviations English renders ("Perbup" = "regent's regulation").
ABBREVIATIONS = "abbreviations.tsv"


@functools.cache
def _name_words() -> dict[str, tuple[str, ...]]:
    """The renderings of ``name-words.tsv`` and ``abbreviations.tsv`` (no key is in both)."""
    table = {}
    for name in (NAME_WORDS, ABBREVIATIONS):
        text = resources.files("ringkas.faithful").joinpath(name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                word, renderings = line.split("\t")
                table[word] = tuple(renderings.split("|"))
    return table


def name_renderings(word: str, *, common: bool = True) -> tuple[str, ...]:
    """The usual English renderings of ``word`` (lower case) inside a name: those of
    :data:`EQUIVALENTS`, then, with ``common``, those of ``name-words.tsv`` and
    ``abbreviations.tsv`` (a word of a name that the output renders is present; these
    renderings never make a word required).
    The name check passes ``common=False`` for a place's or a company's word ("Tanah Datar",
    "PT Timah"), which is the name proper.

    >>> "floating" in name_renderings("terapung"), name_renderings("jawa")
    (True, ('java',))
    >>> name_renderings("timah", common=False)
    ()
    """
    return EQUIVALENTS.get(word, ()) + (_name_words().get(word, ()) if common else ())
