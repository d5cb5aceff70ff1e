"""Proper names (people, organisations, acronyms, places) a translation must carry over.

A capitalised source word is a name to keep unless it is one of the Indonesian words that are
translated even inside names (``Kabupaten Cianjur`` = ``Cianjur Regency``), a date word or a
number word, or a common Indonesian word (a root word of :mod:`ringkas.faithful.rootwords`)
that a translator translates inside a multi-word name (``Rapat Dewan Gubernur`` = "Board of
Governors meeting"; see :func:`_common_in_names`). It is found in the output as itself, as the
start of a word (``Kenya`` -> "Kenyan"), or as one of its usual English renderings (``Jawa`` -> "Java", ``UMKM`` -> "MSMEs").

>>> [s.text for s in missing_names("Ketua KPU Kota Bandung, Rizal Fauzan, datang.",
...                                "The Bandung City KPU chairman, Rizal Fauzan, came.")]
[]
>>> [s.text for s in missing_names("Ketua KPU, Rizal Fauzan, datang.", "The chairman came.")]
['KPU', 'Rizal', 'Fauzan']
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence

from ringkas.faithful import lexicon as lx
from ringkas.faithful.report import Span
from ringkas.faithful.rootwords import is_common_word, is_place_word, is_root_word

__all__ = ["changed_names", "invented_names", "missing_names", "required_names"]

_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*[\"“”'‘’(]?\s*|[\"“(]\s*|\n\s*)$")
_OUTPUT_WORD = re.compile(r"[A-Za-z0-9]+")

_ID_SKIP = (
    lx.ID_TRANSLATED_WORDS
    | lx.ID_MONTHS.keys()
    | lx.ID_WEEKDAYS.keys()
    | lx.ID_NUMBER_WORDS.keys()
    | lx.ID_ORDINALS.keys()
    | lx.ID_FUNCTION_WORDS
    | lx.TIME_ZONES.keys()
)
_EN_SKIP = (
    lx.EN_NAME_WORDS
    | lx.EN_MONTHS.keys()
    | lx.EN_WEEKDAYS.keys()
    | lx.EN_NUMBER_WORDS.keys()
    | lx.EN_ORDINALS.keys()
    | lx.EN_FUNCTION_WORDS
    | lx.TIME_ZONES.keys()
)


def _initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - 4) : start]))


def _parenthesised(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` stands alone in brackets: an abbreviation after its
    long form ("Kementerian Kesehatan (Kemenkes)"), not the opening of a sentence."""
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


_LONG_FORM = re.compile(r"[A-Z][\w'’-]*(?: (?:dan |serta |& )?[A-Z][\w'’-]*)+ $")


def _spelt_out(text: str, start: int, end: int) -> bool:
    """Whether the bracketed abbreviation at ``start:end`` follows lower-case words whose
    initials spell it ("duta besar luar biasa dan berkuasa penuh (LBBP)"): shorthand for a
    common phrase, not a name.

    >>> text = "12 duta besar luar biasa dan berkuasa penuh (LBBP) dilantik"
    >>> _spelt_out(text, 45, 49)
    True
    """
    if not _parenthesised(text, start, end):
        return False
    letters = text[start:end].lower()
    window = text[max(0, start - 80) : start - 1]
    before = re.search(r"((?:[a-z]+ )+)$", window)
    opening = re.search(r"(?:^|[.!?]\s+)([A-Z][a-z]+ (?:[a-z]+ )+)$", window)
    if before is None or len(letters) < 2:
        return False
    phrase = before[1]
    if opening and len(opening[1]) > len(phrase):  # "Jaksa penuntut umum (JPU)"
        phrase = opening[1].lower()
    initials = "".join(w[0] for w in phrase.split())[-3 * len(letters) :]
    it = iter(initials)  # the letters, in order, among the initials, the last one last
    return all(c in it for c in letters) and initials[-1] == letters[-1]


def _abbreviation(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is an abbreviation in brackets right after its long
    form ("Lembaga Penjamin Simpanan (LPS)"): a translation that names the institution may
    leave it out (it must not misspell it).

    >>> text = "Lembaga Penjamin Simpanan (LPS) dan OJK (2024)"
    >>> _abbreviation(text, 27, 30), _abbreviation(text, 36, 39)
    (True, False)
    """
    return (
        _parenthesised(text, start, end)
        and _is_acronym(text[start:end])
        and _LONG_FORM.search(text, 0, start - 1) is not None
    )


def _defined(text: str, start: int, end: int) -> bool:
    """Whether the acronym at ``start:end`` spells the initials of capitalised words elsewhere
    in ``text`` ("Badan Pengelola Investasi ... Kepala BPI"): a second mention of a name the
    text spells out, which an output that names the institution may leave out (like an
    :func:`_abbreviation` in brackets).

    >>> text = "Badan Pengelola Investasi Danantara menargetkan dana, ujar Kepala BPI Rosan."
    >>> _defined(text, 66, 69), _defined("Kepala BPI Rosan.", 7, 10)
    (True, False)
    """
    letters = text[start:end]
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    spelt = r"\s+".join(f"{c}[a-z]+" for c in letters)
    return any(
        not (m.start() <= start < m.end())
        for m in re.finditer(rf"(?<![\w-]){spelt}(?![\w-])", text)
    )


def _syllabic(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is a syllabic abbreviation of a run of capitalised
    words elsewhere in ``text``: its start opens the run's first word and the rest is found,
    in order, in the run's later words ("Kementerian Pertahanan ... Sekjen Kemhan"): a second
    mention of a name the text spells out. Its opening has three letters or more, and a place
    or a common word is no abbreviation.

    >>> text = "Anggaran Kementerian Pertahanan naik, kata Sekjen Kemhan Arif."
    >>> _syllabic(text, 50, 56), _syllabic("Kata Sekjen Kemhan Arif.", 12, 18)
    (True, False)
    """
    token = text[start:end].lower()
    if len(token) < 4 or not token.isalpha() or is_place_word(token) or is_common_word(token):
        return False  # "Bali" is no abbreviation of "Bank ... Perwakilan"
    for run in _runs(text):
        if any(m.start() <= start < m.end() for m in run):
            continue
        words = [m[0].lower() for m in run]
        for i, first in enumerate(words[:-1]):
            opening = next((n for n in range(len(token), 1, -1) if first.startswith(token[:n])), 0)
            rest = token[opening:]
            if opening < 3 or not rest:
                continue
            for word in words[i + 1 :]:  # each later word gives the next letters, in order
                n = next((n for n in range(len(rest), 1, -1) if rest[:n] in word), 0)
                rest = rest[n:]
                if not rest:
                    return True
    return False


def _is_acronym(token: str) -> bool:
    return any(sum(c.isupper() for c in part) >= 2 for part in re.split(r"[-'’]", token))


_TRANSLATED = lx.ID_TRANSLATED_WORDS - lx.ID_NAME_HEADS


def _skipped(low: str) -> bool:
    return len(low) < 2 or low in _ID_SKIP or low.split("-")[0] in _ID_SKIP


#: Offices whose "Jenderal" is followed by the field of the office, not by a person's name
#: ("Direktur Jenderal Prasarana dan Sarana Pertanian" = "Director General of Agricultural
#: Infrastructure and Facilities"; but "Jenderal Sudirman").
_GENERAL_OFFICES = frozenset({"direktur", "direktorat", "inspektorat", "sekretariat"})


def _after_head(lows: list[str], i: int) -> bool:
    if i > 1 and lows[i - 1] == "jenderal" and lows[i - 2] in _GENERAL_OFFICES:
        return False
    return i > 0 and lows[i - 1] in lx.ID_NAME_HEADS


_JOINS = re.compile(r" |,? (?:dan|serta|&) ")


def _runs(text: str, *, joined: bool = False) -> list[list[re.Match[str]]]:
    """The runs of capitalised words separated by single spaces, in order; with ``joined``,
    also by ``dan``/``serta``/``&`` ("Badan Pengawas Obat dan Makanan": one name)."""
    runs: list[list[re.Match[str]]] = []
    gap = _JOINS if joined else re.compile(" ")
    for m in _TOKEN.finditer(text):
        if not m[0][0].isupper():
            continue
        if runs and gap.fullmatch(text[runs[-1][-1].end() : m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _parts(text: str, run: list[re.Match[str]]) -> list[int]:
    """For each word of a joined run, which of its space-separated parts it is in."""
    parts, part = [], 0
    for i, m in enumerate(run):
        if i and text[run[i - 1].end() : m.start()] != " ":
            part += 1
        parts.append(part)
    return parts


def _company_words(text: str) -> set[tuple[int, int]]:
    """The (start, end) of each word of a company's name after its ``PT``/``CV``/``Perum``
    ("PT Bank Rakyat Indonesia Tbk"): kept whole, common words included, but for ``Tbk``.

    >>> text = "Saham PT Bumi Resources Tbk naik."
    >>> sorted(text[a:b] for a, b in _company_words(text))
    ['Bumi', 'Resources']
    """
    words = set()
    for run in _runs(text):
        heads = [i for i, m in enumerate(run) if m[0].lower() in lx.ID_COMPANY_HEADS]
        if heads:
            descriptive = run[heads[0]][0].lower() in lx.ID_ENTERPRISE_HEADS
            for m in run[heads[0] + 1 :]:
                low = m[0].lower()
                if low in lx.ID_COMPANY_STOPS or low in lx.ID_NAME_HEADS:
                    break  # "Perum Bulog Kantor Wilayah ...": the office, not the company
                if low not in lx.ID_COMPANY_TAILS and not (descriptive and low in _TRANSLATED):
                    words.add((m.start(), m.end()))
    return words


def _common_in_names(text: str) -> set[tuple[int, int]]:
    """The (start, end) of each common Indonesian word that a translator may translate inside
    a multi-word name, so that a name check does not ask for it (a misspelt copy of it is still
    a changed name). Such a word is a root word of four letters or more, not an acronym and
    without a usual English rendering of its own, in a run of two or more capitalised words
    separated by single spaces or joined by ``dan``/``serta`` ("Kementerian ... Aparatur
    Negara dan Reformasi Birokrasi"), and

    - not a word of a province, regency or city name (``Institut Pertanian Bogor``);
    - not right after a place or title word (``Kabupaten Garut``, ``Menteri Budi``: the name
      proper) unless it is a derived noun (``Direktur Jenderal Penyelenggaraan Haji``), nor
      right before a direction word (``Lombok Tengah``, ``Sumba Barat``);
    - not after the run's first name proper that is not a place (``Heru Budi Hartono``: a
      person's name; but ``Program Indonesia Pintar``);
    - touching, alone or with other such words, a word that is translated inside names and is
      not a place or title word (``Rapat Dewan``, ``Program Indonesia Pintar``), or in the long
      form of an abbreviation that follows it in brackets (``Sinar Harapan Bangsa (SHB)``),
      or with a derived noun in the chain: a run of common words alone (``Muhammad Karim``)
      is a person's name.

    Derived words count as common words (``Kendaraan Bermotor``: see
    :func:`ringkas.faithful.rootwords.is_common_word`).

    >>> text = "Dalam Program Keluarga Harapan, Muhammad Karim dan Heru Budi Hartono hadir."
    >>> sorted(text[a:b] for a, b in _common_in_names(text))
    ['Harapan']
    >>> text = "Dana dari Sinar Harapan Bangsa (SHB) cair."
    >>> sorted(text[a:b] for a, b in _common_in_names(text))
    ['Bangsa', 'Harapan', 'Sinar']
    """
    common = set()
    for run in _runs(text, joined=True):
        if len(run) < 2:
            continue
        lows = [m[0].lower() for m in run]
        # each part of a run joined by "dan" has its own names ("Menteri ... Andi Amran
        # Sulaiman dan Kepala Staf Kepresidenan")
        parts = _parts(text, run)
        abbreviated = _abbreviated(text, run[-1].end())  # "Sinar Harapan Bangsa (SHB)"
        soft = {
            i
            for i, (m, low) in enumerate(zip(run, lows, strict=True))
            if len(low) >= 3
            and not _skipped(low)
            and not _is_acronym(m[0])
            and low not in lx.EQUIVALENTS
            and not is_place_word(low)
            and (is_common_word(low) or (len(low) == 3 and is_root_word(low)))
            and (not _after_head(lows, i) or _derived_noun(low))
            and not (i + 1 < len(lows) and lows[i + 1] in lx.ID_PLACE_TAILS)
            # right before a name proper, it opens that name ("Menteri Perdagangan Budi
            # Santoso": a person's first name, though "budi" is a common word too), unless
            # the run is the long form of an abbreviation ("Partai Progresif Demokratik (DPP)")
            and not (
                i + 1 < len(run)
                and _name_proper(run[i + 1][0])
                and parts[i + 1] == parts[i]
                and not abbreviated
            )
        }
        translated = {  # with the words that have an English rendering ("Pilkada Serentak")
            i
            for i, low in enumerate(lows)
            if low in _TRANSLATED or (low in lx.EQUIVALENTS and not is_place_word(low))
        }
        # the bracketed abbreviation of a long form, or a derived noun, anchors the chain
        long_form = abbreviated or _after_translated(text, run[0].start())
        derived = {i for i in soft if _derived_noun(lows[i])}
        places = {i for i, low in enumerate(lows) if is_place_word(low)}
        hard = [
            i
            for i, low in enumerate(lows)
            if i not in soft | places
            and not _skipped(low)
            and low not in lx.EQUIVALENTS
            and (len(low) >= 4 or _is_acronym(run[i][0]) or not is_root_word(low))
        ]  # a short common word ("Tes Kemampuan Akademik") or a word with an English rendering
        # ("Pilkada Serentak") does not open a person's name
        for i in sorted(soft):
            if not long_form and any(h < i and parts[h] == parts[i] for h in hard):
                continue  # (the long form of an abbreviation is no person's name)
            j = i  # the chain of such words (and places) around i must touch a translated word
            while j - 1 in soft | places:
                j -= 1
            k = i
            while k + 1 in soft | places:
                k += 1
            if (
                long_form
                or j - 1 in translated
                or k + 1 in translated
                or derived & {*range(j, k + 1)}
            ):
                common.add((run[i].start(), run[i].end()))
    return common


def _name_proper(token: str) -> bool:
    """Whether ``token`` can only be a name proper: four letters or more, no common, place,
    translated or date word, no acronym and no word with an English rendering ("Santoso")."""
    low = token.lower()
    return (
        len(low) >= 4
        and not _skipped(low)
        and not _is_acronym(token)
        and low not in lx.EQUIVALENTS
        and low not in _TRANSLATED
        and not is_place_word(low)
        and not is_common_word(low)
    )


_ABBREVIATION = re.compile(r" \(([A-Za-z][A-Za-z0-9-]*)\)")


_WORD_BEFORE = re.compile(r"([a-z]+) $")
_WORD_BEFORE_ANY = re.compile(r"([A-Za-z]+) $")
#: The words before a region's name ("Kabupaten Tanah Datar", "Desa Sumber Rejo").
_REGION_HEADS = frozenset(
    "provinsi kabupaten kota kecamatan kelurahan desa dusun kampung distrik nagari".split()
)


def _after_translated(text: str, start: int) -> bool:
    """Whether the word before ``start`` is a lower-case word translated inside names, the
    head of the name that follows ("program Makan Bergizi Gratis")."""
    m = _WORD_BEFORE.search(text, max(0, start - 24), start)
    return m is not None and m[1] in _TRANSLATED and m[1] not in lx.ID_FUNCTION_WORDS


def _abbreviated(text: str, end: int) -> bool:
    """Whether an abbreviation in brackets follows ``end`` ("... Indonesia (BEI)")."""
    m = _ABBREVIATION.match(text, end)
    return m is not None and sum(c.isupper() for c in m[1]) >= 2


def _derived_noun(low: str) -> bool:
    """Whether ``low`` is a noun derived from a root by a ``pe-an``/``per-an``/``ke-an``
    circumfix ("penyelenggaraan", "kesejahteraan"), never a place or person's name."""
    return (
        low[:2] in ("pe", "ke")
        and low.endswith("an")
        and not is_root_word(low)
        and is_common_word(low)
    )


def _derived_verb(low: str) -> bool:
    """Whether ``low`` is a verb derived from a root by a ``me-`` prefix ("membangun"), never
    a village's or a place's name."""
    return low.startswith("me") and not is_root_word(low) and is_common_word(low)


#: Syllabic abbreviations of offices and posts ("Menlu", "Kemendikdasmen", "Dirtipideksus",
#: "Kasatreskrim", "Pangdam", "Disdik", "Dinkes"): always translated, like the words they
#: shorten.
_OFFICE = re.compile(
    r"(?:Kemen|Men|Wamen|Dir|Kapol|Mapol|Kasat|Kasubdit|Kasubag|Kadis|Kabid|Kanit|Pang|Dan|Kasad|Kapus"
    r"|Kasal|Kasau|Dis)(?=[bcdfghjklmnpqrstvwxyz])[a-z]{2,}|Din(?:kes|sos|kop|par|perkim)"
    r"|Men(?:ag|aker|akertrans)"
)


def _office_abbreviation(token: str) -> bool:
    """Whether ``token`` is a syllabic abbreviation of an office ("Menlu" = foreign
    minister), not a name (a root word or a place is never one).

    >>> _office_abbreviation("Menlu"), _office_abbreviation("Mentari"), _office_abbreviation("Dani")
    (True, False, False)
    """
    return (
        _OFFICE.fullmatch(token) is not None
        and not is_common_word(token)
        and not is_place_word(token)
    )


#: Academic and professional titles after a name ("dr. Bambang, Sp.PD", "Siti, S.Kom.,
#: M.Si.", "Ph.D."): a translation renders them ("internist") or leaves them out.
_DEGREE = re.compile(
    r"(?<![A-Za-z])(?:Sp|S|M|D|Dr|Lc|MA|Ph)\.\s?[A-Z][A-Za-z]{0,5}\.?(?:\([A-Z]\))?"
)


def required_names(
    text: str, *, lang: str = "id", skip: Sequence[tuple[int, int]] = ()
) -> list[Span]:
    """The name tokens of ``text`` a translation must keep, in order. A word that opens a
    sentence counts only when it is an acronym (it may just be capitalised). A company's name
    is kept whole (see :func:`_company_words`).

    >>> [s.text for s in required_names("Kepala BPBD Kabupaten Cianjur, Asep Mulyana, datang.")]
    ['BPBD', 'Cianjur', 'Asep', 'Mulyana']
    """
    skipped = lx.ID_TRANSLATED_WORDS if lang == "id" else frozenset()
    table = _ID_SKIP if lang == "id" else _EN_SKIP
    common = _common_in_names(text) if lang == "id" else set()
    company = _company_words(text) if lang == "id" else set()
    skip = [*skip, *(m.span() for m in _DEGREE.finditer(text))]
    spans = []
    for m in _TOKEN.finditer(text):
        token = m[0]
        if (
            not token[0].isupper()
            or len(token) < 2
            or any(a < m.end() and m.start() < b for a, b in skip)
        ):
            continue
        low = token.lower()
        if (m.start(), m.end()) in company:
            spans.append(Span(token, m.start(), m.end()))
            continue
        if low in table or low in skipped or low.split("-")[0] in table:
            continue
        if lang == "id" and (_office_abbreviation(token) or _spelt_out(text, *m.span())):
            continue
        if (
            lang == "id"
            and low in ("pp", "dpp", "pb")
            and re.match(r" (?!No)[A-Z]", text[m.end() :])
        ):
            continue  # "PP PBSI", "DPP REI", "PB NU": the central board, which English leaves
        if (
            lang == "id"
            and low == "ri"
            and re.search(r"(?:[A-Z]\w+|\([A-Z]+\)) $", text[: m.start()])
        ):
            continue  # "Bawaslu RI", "DPR RI": the national body, which English leaves unsaid
        if (m.start(), m.end()) in common:
            continue
        if _initial(text, m.start()) and not _is_acronym(token):
            continue
        spans.append(Span(token, m.start(), m.end()))
    return spans


def _plain(text: str) -> str:
    """``text`` without accents ("António" -> "Antonio"), as Indonesian writes foreign names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class _Words:
    """An output's words, how many words start with each prefix, and its lower-cased text."""

    def __init__(self, output: str) -> None:
        output = _plain(output)
        # lower case, with a hyphen between letters read as a space, so that a rendering
        # matches however it is hyphenated ("search-and-rescue", "zero-down-payment")
        self.lower = _HYPHEN.sub(" ", output.lower())
        words = [w.lower() for w in _OUTPUT_WORD.findall(output)]
        self.words = set(words)
        self.counts = Counter(words)
        self._order = words
        self.prefixes: Counter[str] = Counter(
            w[:n] for w in words for n in range(2, min(len(w), 24) + 1)
        )
        # in the output's order, so that the misspelt copy :meth:`near` reports is the first
        # one, whatever the hash seed (a set's order changed from run to run)
        self.capitalised = list(
            dict.fromkeys(w for w in _OUTPUT_WORD.findall(output) if w[0].isupper())
        )

    @functools.cached_property
    def joined(self) -> Counter[str]:
        """Two adjacent words written as one ("Idul Fitri" for "Idulfitri"), made only when
        a word is not found as itself."""
        return Counter(a + b for a, b in itertools.pairwise(self._order))

    @functools.cached_property
    def cognates(self) -> Counter[str]:
        """How many words have each start of their spelling key (:func:`_cognate`), made
        only when a word is not found as itself."""
        starts: Counter[str] = Counter()
        for word, times in self.counts.items():
            if len(word) >= 4:
                key = _cognate(word)
                starts.update({key[:n]: times for n in range(4, len(key) + 1)})
        return starts

    def count(self, token: str, *, renderings: bool = True, common: bool = True) -> int:
        """How many times the output has ``token`` (as a word or a word's start, each part of
        a hyphenated name, or, with ``renderings``, one of its usual English renderings;
        ``common=False`` for the name proper of a place or company: see
        :func:`ringkas.faithful.lexicon.name_renderings`)."""
        low = token.lower()
        parts = [p for p in re.split(r"[-'’]", low) if len(p) >= 2]  # "M-Senen": "Senen"
        if not parts:
            return 0
        whole = _is_acronym(token)
        found = min(self._starts(p, whole) + self._renderings(p, renderings, common) for p in parts)
        if len(parts) > 1:
            found += self._renderings(low, renderings, common)
        if not found and whole and len(low) <= 4:  # "DC" written "D.C."
            dotted = r"\.\s?".join(re.escape(c) for c in low)
            found = len(re.findall(rf"(?<![a-z]){dotted}\.?(?![a-z])", self.lower))
        if not found and not whole and len(low) >= 6:
            found = self.joined[low]  # "Idulfitri" written "Idul Fitri"
        if not found and not whole and len(low) >= 4:
            found = self.cognates[_cognate(low)]  # a loanword: "Sentral" = "Central"
        return found

    def _renderings(self, low: str, wanted: bool = True, common: bool = True) -> int:
        """How many times the output has one of the usual English renderings of ``low``."""
        if not wanted:
            return 0
        # a rendering spelt like the word itself ("korea") is already counted as the word
        # (but a short abbreviation counts only as a whole word: "PU" = "public works")
        alts = [
            alt
            for alt in lx.name_renderings(low, common=common)
            if not (alt.startswith(low) and (len(low) > 3 or alt == low))
        ]
        return sum(len(re.findall(_rendering(alt), self.lower)) for alt in alts)

    def _starts(self, part: str, acronym: bool) -> int:
        """How many words start with ``part``; a short acronym ("RI", "AS") must be the
        whole word or its plural, since it starts too many English words ("rice", "ask")."""
        if acronym and len(part) <= 3:
            return self.counts[part] + self.counts[part + "s"] + self.counts[part + "es"]
        return self.prefixes[part]

    def has(self, token: str) -> bool:
        return self.count(token) > 0

    def near(self, token: str, most: int = 2, exclude: Collection[str] = ()) -> str | None:
        """A capitalised output word ``most`` letters or fewer away from ``token`` ("Mulyono"
        for "Mulyana"), and not one of the lower-case words ``exclude``: the name, misspelt.
        English cognates ("Analysis" for "Analisis", "International" for "Internasional") do
        not count."""
        if len(token) <= 4:  # "AH" is two letters from "ASN", but no misspelling of it
            most = min(most, 1)
        for word in self.capitalised:
            if (
                word[0] == token[0]
                and word.lower() not in exclude
                and abs(len(word) - len(token)) <= 1
                and word.lower() not in lx.EN_NAME_WORDS
                and word.lower() not in lx.EN_MONTHS  # "Jan." is no misspelt "Jawa"
                and word.lower() not in lx.EN_WEEKDAYS
                and word not in lx.CURRENCY_BEFORE  # "Rp" is no misspelt "RI"
                and _cognate(word) != _cognate(token)
                and _distance(word.lower(), token.lower()) <= most
            ):
                return word
        return None


_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


def _rendering(alt: str) -> str:
    """The pattern of a usual English rendering in a lower-cased output: a word's start
    ("msme" in "MSMEs"); a short one ("us", "ri", "ma") only as a whole word (or its plural),
    so that "used" or "rice" do not count as "US" or "RI". Hyphens count as spaces.

    >>> bool(re.search(_rendering("state-owned"), "a state owned firm"))
    True
    >>> bool(re.search(_rendering("mineral and coal"), "minerals and coal"))
    True
    """
    alt = _HYPHEN.sub(" ", alt)
    if len(alt) <= 3:
        return rf"(?<![a-z]){re.escape(alt)}(?:e?s)?(?![a-z])"
    # each word of a phrase may be plural ("minerals and coal" for "mineral and coal")
    return r"(?<![a-z])" + r"(?:e?s)? ".join(re.escape(w) for w in alt.split(" "))


_COGNATE = (
    ("ph", "f"), ("y", "i"), ("ch", "k"), ("c", "k"), ("q", "k"), ("tion", "sion"), ("th", "t"),
    ("ou", "u"), ("rr", "r"),
    ("ss", "s"), ("mm", "m"), ("ll", "l"), ("pp", "p"), ("tt", "t"), ("v", "w"), ("oe", "u"),
    ("x", "ks"),
)  # fmt: skip


def _cognate(word: str) -> str:
    """A spelling key under which an Indonesian loanword and its English source agree
    ("Grup" and "Group", "Strategis" and "Strategic").

    >>> _cognate("Strategis") == _cognate("Strategic"), _cognate("Grup") == _cognate("Group")
    (True, True)
    >>> _cognate("Sentral") == _cognate("Central"), _cognate("Nasional") == _cognate("National")
    (True, True)
    >>> _cognate("Sawu") == _cognate("Savu"), _cognate("Soekarno") == _cognate("Sukarno")
    (True, True)
    >>> _cognate("Eksekutif") == _cognate("Executive"), _cognate("Progresif") == _cognate("Progressive")
    (True, True)
    """
    key = re.sub(r"ive$", "if", word.lower())  # "executive" = "eksekutif"
    key = re.sub(r"c(?=[eiy])", "s", key)  # "central" = "sentral"
    key = re.sub(r"ti(?=a)", "si", key)  # "residential" = "residensial"
    for a, b in _COGNATE:
        key = key.replace(a, b)
    key = re.sub(r"tre$", "ter", key)  # "theatre" = "teater"
    return re.sub(r"ik$", "is", key)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short words only)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _phrase_in(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(phrase)}", text) is not None


def missing_names(
    source: str, output: str, *, src: str = "id", skip: Sequence[tuple[int, int]] = ()
) -> list[Span]:
    """The :func:`required_names` of ``source`` that ``output`` does not have.

    >>> [s.text for s in missing_names("Pelari asal Kenya menang di Jawa Timur.",
    ...                                "A Kenyan runner won in East Java.")]
    []
    """
    return [span for span, _ in changed_names(source, output, src=src, skip=skip)]


#: The text between two mentions of a name in a coordination ("Kalimantan Timur dan
#: Kalimantan Utara" = "East and North Kalimantan"), which English says once.
_COORDINATED = re.compile(r" [A-Z][a-z]+(?: [A-Z][a-z]+)?,? (?:dan|serta|atau|hingga|sampai) ")


def _rendered_phrases(source: str, output: str) -> list[tuple[int, int]]:
    """The (start, end) of each phrase of :data:`~ringkas.faithful.lexicon.PHRASE_EQUIVALENTS`
    in ``source`` whose rendering the lower-cased ``output`` has ("Bank Indonesia" and "the
    central bank").

    >>> _rendered_phrases("Bank Indonesia menahan suku bunga.", "the central bank held rates")
    [(0, 14)]
    """
    spans = []
    lower = source.lower()
    for table, first in ((lx.PHRASE_EQUIVALENTS, 0), (lx.REPEAT_PHRASES, 1)):
        for phrase, alts in table.items():
            if phrase not in lower:  # most phrases are in no given sentence: look there first
                continue
            pattern = rf"(?<![\w-]){re.escape(phrase)}(?![\w-])"
            found = [m.span() for m in re.finditer(pattern, source, re.IGNORECASE)][first:]
            if found and any(re.search(_rendering(alt), output) for alt in alts):
                spans += found  # a repeat phrase's first mention is still checked
    return spans


def _misspelt(words: _Words, token: str, source_words: set[str]) -> str | None:
    """The output word that is ``token`` misspelt, and not a word the source has too ("Lakaan"
    is no misspelt "Labuan" when the source names both)."""
    return words.near(token, exclude=source_words)


def changed_names(
    source: str, output: str, *, src: str = "id", skip: Sequence[tuple[int, int]] = ()
) -> list[tuple[Span, str | None]]:
    """Each source name the output lacks (said fewer times than in the source, or not at
    all), with the misspelt form the output has instead, if any. Words that are usually
    translated ("Selatan", "Tenggara") count only when the output has a misspelt copy.

    >>> changed_names("Warga Nusa Tenggara Timur, Asep Mulyana, datang.",
    ...               "A resident of East Nusa Tenggaro, Asep Mulyono, came.")  # doctest: +NORMALIZE_WHITESPACE
    [(Span(text='Tenggara', start=11, end=19), 'Tenggaro'),
     (Span(text='Mulyana', start=32, end=39), 'Mulyono')]
    """
    words = _Words(output)
    skip = [*skip, *_rendered_phrases(source, words.lower)]
    seen: Counter[str] = Counter()
    last: dict[str, int] = {}
    repeats = Counter(m[0].lower() for m in _TOKEN.finditer(source))
    found: list[tuple[Span, str | None]] = []
    source_words = {w.lower() for w in _OUTPUT_WORD.findall(source)}
    rendered = [alt for w in source_words for alt in lx.name_renderings(w)]
    # an abbreviation after its long form may be left out by an output that names an
    # institution ("the Deposit Insurance Corporation" for "Lembaga Penjamin Simpanan (LPS)")
    named = any(w.lower() in lx.EN_INSTITUTION_WORDS for w in words.capitalised)
    # or gives it an English abbreviation of its own ("Indeks Persepsi Korupsi (IPK)" =
    # "Corruption Perceptions Index (CPI)")
    renamed = any(
        _is_acronym(a) and a.lower() not in source_words for a in re.findall(r"\((\w+)\)", output)
    )
    required = {(s.start, s.end) for s in required_names(source, lang=src, skip=skip)}
    company = _company_words(source) if src == "id" else set()
    for m in _TOKEN.finditer(source):
        token = m[0]
        if not token[0].isupper() or len(token) < 2:
            continue
        if any(a < m.end() and m.start() < b for a, b in skip):
            continue
        span = Span(token, m.start(), m.end())
        if (m.start(), m.end()) in required:
            low = token.lower()
            coordinated = low in last and _COORDINATED.fullmatch(source, last[low], m.start())
            defined = _abbreviation(source, m.start(), m.end()) and repeats[low] > 1
            if not (coordinated or defined):
                # "Kalimantan Timur dan Kalimantan Utara" is one name in English, and an
                # abbreviation defined in brackets and used again is said again at least once
                seen[low] += 1
            last[low] = m.end()
            # a place's or a company's word, or the word after a region's head ("Kabupaten
            # Tanah Datar") is the name proper: no common word's rendering stands for it (but
            # "Pasar Terapung" = "floating market")
            head = _WORD_BEFORE_ANY.search(source, max(0, m.start() - 24), m.start())
            proper = (
                is_place_word(low)
                or (m.start(), m.end()) in company
                or (
                    head is not None
                    and head[1].lower() in _REGION_HEADS
                    and not _derived_verb(low)  # "Indeks Desa Membangun": a developing village
                )
            )
            if words.count(token, common=not proper) < seen[low]:
                misspelt = _misspelt(words, token, source_words)
                left_out = (
                    _abbreviation(source, m.start(), m.end())
                    or _defined(source, m.start(), m.end())
                    or _syllabic(source, m.start(), m.end())
                ) and (named or renamed)
                if misspelt or not left_out:
                    found.append((span, misspelt))
            elif (
                not words.count(token, renderings=False)
                and (misspelt := _misspelt(words, token, source_words))
                and not _rendered(misspelt, rendered)
            ):
                found.append((span, misspelt))  # "search and rescue (Basarnis)"
        elif (
            len(token) >= 4
            and (
                not _initial(source, m.start())
                or _parenthesised(source, m.start(), m.end())
                or not is_common_word(token)  # an opening name ("Bawaslu RI mencatat ...")
            )
            and not words.count(token, renderings=False)
        ):
            near = words.near(token, most=1)  # a translated word is missed only when misspelt
            if near and near.lower() not in source_words and not _rendered(near, rendered):
                found.append((span, near))
    found = _translated_away(source, output, found, words, skip, rendered, source_words)
    return _coreferred(source, found, words, required, repeats)


def _unexplained_runs(
    plain: str, source_words: set[str], rendered: list[str]
) -> list[tuple[int, int]]:
    """The (start, end) of each run of capitalised words of ``plain`` (an output without
    accents: :func:`_plain`) nothing in the source
    explains: not a source word, nor a word starting like one ("Indonesian") or spelt like
    one ("Operation" for "Operasi"), not a usual rendering of one, an English word of
    translated names ("Regency", "Ministry"), a date word, an acronym or a sentence's first
    word. Each is English of the translator's own for something the source names ("Adipura
    Festivities" for "Hajatan Adipura").

    >>> _unexplained_runs("Adipura Awards for Operation Ketupat", {"adipura", "operasi", "ketupat"}, [])
    [(8, 14)]
    """
    rendered_words = {w for alt in rendered for w in _OUTPUT_WORD.findall(alt)}
    keys = {_cognate(w) for w in source_words if len(w) >= 4}
    runs: list[tuple[int, int]] = []
    last = -2
    for part in _OUTPUT_WORD.finditer(plain):
        word, at = part[0], part.start()
        low = word.lower()
        if (
            not word[0].isupper()
            or _initial(plain, at)
            or _is_acronym(word)
            or low in _EN_SKIP
            or low in rendered_words
            or low.rstrip("s") in rendered_words
            or low in source_words
            or any(low.startswith(w) or w.startswith(low) for w in source_words if len(w) >= 4)
            or any(_cognate(low).startswith(k) for k in keys)  # "Operation" for "Operasi"
        ):
            last = -2
            continue
        if runs and last == runs[-1][1] and plain[last:at] in (" ", "-"):
            runs[-1] = (runs[-1][0], part.end())
        else:
            runs.append((at, part.end()))
        last = part.end()
    return runs


def _translated_away(
    source: str,
    output: str,
    found: list[tuple[Span, str | None]],
    words: _Words,
    skip: Sequence[tuple[int, int]],
    rendered: list[str],
    source_words: set[str],
) -> list[tuple[Span, str | None]]:
    """``found`` without the common Indonesian words inside names ("Hajatan") that the
    output leaves out and says in English of its own: a run of capitalised English words
    nothing in the source explains (:func:`_unexplained_runs`), written right next to a word
    of the same source name that the output has ("Adipura Festivities" for "Hajatan Adipura"),
    and, by count, one such run for each capitalised source word the output does not have.
    A misspelt copy, an acronym, a place's word and a company's word are still reported.

    >>> src = "Balikpapan menang dalam Hajatan Adipura 2023 di Jakarta."
    >>> [s.text for s, _ in changed_names(src, "Balikpapan won at the 2023 Adipura Festivities in Jakarta.")]
    []
    >>> [s.text for s, _ in changed_names(src, "Balikpapan won at the 2023 Adipura in Jakarta.")]
    ['Hajatan']
    """
    company = _company_words(source)
    waivable = [
        span
        for span, near in found
        if near is None
        and not _is_acronym(span.text)
        and not is_place_word(span.text)
        and (span.start, span.end) not in company
        and is_common_word(span.text)
    ]
    if not waivable:
        return found
    plain = _plain(output)
    runs = _unexplained_runs(plain, source_words, rendered)
    if not runs:
        return found
    unfound = sum(
        1
        for m in _TOKEN.finditer(source)
        if m[0][0].isupper()
        and not _initial(source, m.start())
        and not _skipped(m[0].lower())
        and not any(a < m.end() and m.start() < b for a, b in skip)
        and not words.count(m[0])
    )
    if len(runs) < unfound:
        return found
    starts = {a for a, _ in runs}
    ends = {b for _, b in runs}
    source_runs = _runs(source)
    waived = set()
    for span in waivable:
        run = next(r for r in source_runs if any(m.start() == span.start for m in r))
        i = next(i for i, m in enumerate(run) if m.start() == span.start)
        for m in run[max(0, i - 1) : i + 2]:  # the words either side of it in the name
            if m.start() == span.start or not words.count(m[0], renderings=False):
                continue
            pattern = rf"(?<![A-Za-z0-9]){re.escape(m[0])}(?![A-Za-z0-9])"  # as itself
            if any(
                (w.end() + 1 in starts and plain[w.end()] in " -")
                or (w.start() - 1 in ends and plain[w.start() - 1] in " -")
                for w in re.finditer(pattern, plain, re.IGNORECASE)
            ):
                waived.add((span.start, span.end))
                break
    return [(s, near) for s, near in found if (s.start, s.end) not in waived]


#: The English nouns a translation refers back with to a name after each head word ("the
#: airport" for a second "Bandara Soekarno-Hatta").
_HEAD_NOUNS: dict[str, tuple[str, ...]] = {
    "bandara": ("airport",), "pelabuhan": ("port", "harbou?r"), "stadion": ("stadium",),
    "universitas": ("university",), "institut": ("institute",), "pt": ("company", "firm"),
    "kementerian": ("ministry",), "bank": ("bank", "lender"), "rsud": ("hospital",),
    "rs": ("hospital",), "sakit": ("hospital",), "pasar": ("market",), "masjid": ("mosque",),
    "kabupaten": ("regency", "district"), "kota": ("city", "town"), "provinsi": ("province",),
    "pulau": ("island",), "sungai": ("river",), "gunung": ("mountain", "volcano"),
    "desa": ("village",), "sekolah": ("school",), "partai": ("party",), "klub": ("club",),
    "candi": ("temple",), "museum": ("museum",), "taman": ("park",), "waduk": ("reservoir",),
    "bendungan": ("dam",), "jalan": ("road", "street"), "tol": ("toll road", "road"),
    "mapolres": ("police headquarters", "police"), "mapolresta": ("police headquarters", "police"),
    "mapolda": ("police headquarters", "police"), "mapolsek": ("police station", "police"),
}  # fmt: skip


def _rendered(word: str, renderings: list[str]) -> bool:
    """Whether ``word`` is a rendering of a source word, or its first word ("Mineral" of
    "minerals and coal" for "Minerba"), not a misspelt name."""
    low = word.lower()
    return any(low.startswith(a) or a.split(" ")[0] in (low, low.rstrip("s")) for a in renderings)


#: "the club's CEO", "the ministry's secretary general": English naming an office by the
#: body the source names again.
_POSSESSIVE_REFERENCE = re.compile(
    r"\bthe (?:club|company|firm|ministry|agency|office|bank|party|team|group|university|"
    r"hospital|council|commission|court|board|airport|port|village|city|regency|province|"
    r"country|nation)'s\b"
)


def _later_mentions(source: str) -> list[list[tuple[int, int]]]:
    """The later mentions of names the source has already named: the longest runs of
    capitalised words that repeat an earlier run's words ("... Bandara Soekarno-Hatta Arif"
    after "Bandara Internasional Soekarno-Hatta": "Bandara Soekarno-Hatta"), each as the
    (start, end) of its words.

    >>> text = "PT Vale Indonesia Tbk naik, kata Presiden Direktur Vale Indonesia Teguh."
    >>> [[text[a:b] for a, b in m] for m in _later_mentions(text)]
    [['Vale', 'Indonesia']]
    """
    seen: list[list[str]] = []
    mentions = []
    for run in _runs(source):
        lows = [m[0].lower() for m in run]
        i = 0
        while i < len(lows):
            j = next(
                (
                    j
                    for j in range(len(lows), i, -1)
                    if any(_contains(earlier, lows[i:j]) for earlier in seen)
                ),
                i,
            )
            words = [w for w in run[i:j] if w[0].lower() not in lx.ID_TRANSLATED_WORDS]
            if words:
                mentions.append([w.span() for w in words])
            i = max(j, i + 1)
        seen.append(lows)
    return mentions


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[k : k + n] == part for k in range(len(words) - n + 1))


def _coreferred(
    source: str,
    found: list[tuple[Span, str | None]],
    words: _Words,
    required: set[tuple[int, int]],
    said: Counter[str],
) -> list[tuple[Span, str | None]]:
    """``found`` without the later mentions that the output leaves out whole, names once,
    and refers to by the noun of the mention's head or a body's possessive (co-reference:
    "the airport" for a second "Bandara Soekarno-Hatta", "the club's CEO" for "CEO Bali
    United"); a misspelt copy is still reported. (Without that noun, a
    dropped repeat is a dropped name: a quote's speaker, a place said again.)"""
    missing = {(s.start, s.end) for s, near in found if near is None}
    if not missing:
        return found
    possessive = _POSSESSIVE_REFERENCE.search(words.lower) is not None
    waived: set[tuple[int, int]] = set()
    for mention in _later_mentions(source):
        head = _WORD_BEFORE_ANY.search(source, max(0, mention[0][0] - 24), mention[0][0])
        nouns = _HEAD_NOUNS.get(head[1].lower(), ()) if head else ()
        referred = possessive or any(
            re.search(rf"\b(?:the|its) (?:[\w-]+ )?{noun}\b", words.lower)
            # or names an office by it ("ministry Secretary-General ..." for "Sekretaris
            # Jenderal Kementerian PU")
            or re.search(
                rf"\b{noun} (?:secretary|spokes|head|chief|director|official)", words.lower
            )
            for noun in nouns
        )
        checked = [span for span in mention if span in required]
        if (
            referred
            and any(span in missing for span in checked)
            # left out whole: each of its words is said fewer times than in the source
            and all(0 < words.count(source[a:b]) < said[source[a:b].lower()] for a, b in checked)
        ):
            waived.update(checked)
    return [(s, near) for s, near in found if (s.start, s.end) not in waived]


def invented_names(source: str, output: str, *, src: str = "id", tgt: str = "en") -> list[Span]:
    """Names in ``output`` that ``source`` never mentions (for summaries: a summary must not
    name anyone or anything its article does not). Across languages only acronyms, Indonesian
    places (:func:`ringkas.faithful.rootwords.is_place_word`) and office abbreviations
    ("Kementan") are checked: without a dictionary, an English name cannot be told from a
    translated word ("Forest", "Task Force").

    >>> [s.text for s in invented_names("Menteri Budi datang ke Bandung.",
    ...                                 "Menteri Budi datang ke Bandung dengan Gubernur Ridwan.",
    ...                                 tgt="id")]
    ['Ridwan']
    >>> [s.text for s in invented_names("Menteri Budi datang.", "Minister Budi met the KPK.")]
    ['KPK']
    >>> [s.text for s in invented_names("Banjir di Garut.", "Floods hit Garut and Cianjur.")]
    ['Cianjur']
    """
    words = _Words(source)
    reverse = {alt: key for key, alts in lx.EQUIVALENTS.items() for alt in alts}
    found = []
    for span in required_names(output, lang=tgt):
        name = span.text.split("-")[0] if span.text.split("-", 1)[-1].islower() else span.text
        if src != tgt and not (
            _is_acronym(name) or is_place_word(name) or _office_abbreviation(name)
        ):
            continue
        low = name.lower()
        if words.has(name) or (low in reverse and words.has(reverse[low])):
            continue
        if any(low[:k] in words.words for k in range(4, len(low) + 1)):
            continue
        found.append(span)
    return found
