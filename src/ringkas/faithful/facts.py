"""Find the checkable facts of a text: numbers, money, percentages, times and dates, as values.

Indonesian and English write the same value differently (``1,4 juta`` = ``1.4 million``,
``pukul 21.30`` = ``9:30 p.m.``, ``Senin (4/3/2024)`` = ``Monday, March 4, 2024``); each fact
carries one or more :data:`Key` readings so that the two sides compare as values. A reading that
is ambiguous (English ``10.900`` may be a decimal or an Indonesian-style thousand) keeps both.
One left-to-right pass of a few regular expressions: linear in the text.

>>> [(f.kind, f.text, f.keys[0]) for f in extract("Harga naik 30 persen menjadi Rp10.900.", "id")]
[('percent', '30 persen', ('q', 30.0, '%')), ('money', 'Rp10.900', ('q', 10900.0, 'IDR'))]
>>> [(f.kind, f.keys[0]) for f in extract("It rose 30% to Rp10,900.", "en")]
[('percent', ('q', 30.0, '%')), ('money', ('q', 10900.0, 'IDR'))]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ringkas.faithful import lexicon as lx

__all__ = ["Fact", "Key", "compatible", "extract"]

#: One reading of a fact: (dimension, value, unit). Dimensions: ``q`` (a quantity; unit a
#: currency code, ``%`` or None), ``approx`` (``ratusan`` = "hundreds"; value the magnitude),
#: ``time`` (minutes after midnight; unit the time zone), ``date`` (value (day, month, year),
#: parts None when not said) and ``weekday`` (Monday = 0).
Key = tuple[str, object, str | None]


@dataclass(frozen=True)
class Fact:
    """A fact found in a text: its kind (``number``, ``money``, ``percent``, ``time`` or
    ``date``), where it is, and its readings. A ``weak`` fact (English "twice", "first") may
    answer a fact of the other side but is never reported as missing or invented.

    >>> extract("lima rumah", "id")[0]
    Fact(kind='number', text='lima', start=0, end=4, keys=(('q', 5.0, None),), weak=False)
    """

    kind: str
    text: str
    start: int
    end: int
    keys: tuple[Key, ...]
    weak: bool = False


def compatible(a: Key, b: Key) -> bool:
    """Whether two readings state the same thing (units and date parts may be left unsaid).

    >>> compatible(("q", 10900.0, "IDR"), ("q", 10900.0, None))
    True
    >>> compatible(("q", 10900.0, "IDR"), ("q", 10900.0, "USD"))
    False
    >>> compatible(("date", (4, 3, 2024), None), ("date", (4, 3, None), None))
    False
    >>> compatible(("time", 1290, "WIB"), ("time", 1290, None))  # "9:30 p.m." for local news
    True
    >>> compatible(("time", 1290, "WIB"), ("time", 1290, "WITA"))
    False
    >>> compatible(("time", 1290, "WIB"), ("time", 1290, "LOCAL"))  # "21:30 local time"
    True
    """
    if a[0] != b[0]:
        return False
    if a[0] == "date":
        da, db = a[1], b[1]
        assert isinstance(da, tuple) and isinstance(db, tuple)
        return all(x is None or x == y for x, y in zip(da, db, strict=True))
    if a[0] in ("q", "approx"):
        va, vb = a[1], b[1]
        assert isinstance(va, float) and isinstance(vb, float)
        if abs(va - vb) > 1e-9 * max(1.0, abs(va)):
            return False
    elif a[1] != b[1]:
        return False
    if a[0] == "time" and "LOCAL" in (a[2], b[2]):  # "local time" is the place's own zone
        return True
    if a[0] == "time" and a[2] is not None:  # a time zone said may go unsaid, not change
        return b[2] in (a[2], None)
    return a[2] is None or b[2] is None or a[2] == b[2]


# --------------------------------------------------------------------------- patterns

_ZONE = (
    r"(?:WIB|WITA|Wita|WIT|Western Indonesian? Time|Central Indonesian? Time"
    r"|Eastern Indonesian? Time|Jakarta time|local time|waktu setempat)"
)
_AMPM = r"(?:a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)"
_DAY_RANGE_DATE = re.compile(
    r"(?<![\d/.,])(\d{1,2})\s?[-–]\s?(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])"
)
#: The same in brackets without the year, after two weekdays: "Sabtu dan Minggu (14-15/9)".
_DAY_RANGE_DAY_MONTH = re.compile(r"\((\d{1,2})\s?[-–]\s?(\d{1,2})/(\d{1,2})\)")
_NUMERIC_DATE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_TIME_ID = re.compile(
    rf"(?:\b(?P<pre>[Pp]ukul|[Jj]am|[Pp]k\.?)\s+)?(?<![\d.,])(?P<h>\d{{1,2}})[.:](?P<m>\d{{2}})"
    rf"(?:[.:]\d{{2}}(?=\s*(?:{_ZONE})\b))?"  # "09.41.09 WIB": seconds, before a zone
    rf"(?![\d]|[.,]\d)(?:\s*(?P<zone>{_ZONE})\b)?(?:\s+(?P<part>pagi|siang|sore|malam|dini hari))?"
    rf"|\b(?P<pre2>[Pp]ukul)\s+(?P<h2>\d{{1,2}})(?![\d.:,]\d)"
    rf"(?:\s*(?P<zone2>{_ZONE})\b)?(?:\s+(?P<part2>pagi|siang|sore|malam|dini hari))?"
)
_TIME_EN = re.compile(
    rf"(?<![\d.,])(?P<h>\d{{1,2}})(?P<sep>[.:])(?P<m>\d{{2}})"
    rf"(?::\d{{2}}(?=\s*(?:{_AMPM}|(?:{_ZONE})\b)))?(?![\d]|[.,]\d)"  # "9:41:09 a.m."
    rf"(?:\s*(?P<ampm>{_AMPM}))?(?:\s*(?P<zone>{_ZONE})\b)?"
    rf"|(?<![\d.,])(?P<h2>\d{{1,2}})\s*(?P<ampm2>{_AMPM}|o'clock\b)(?:\s*(?P<zone2>{_ZONE})\b)?"
)
#: "6-10 a.m.": a range of hours whose first shares the second's a.m. or p.m.
_TIME_RANGE_EN = re.compile(
    rf"(?<![\d.,:])(?P<h>\d{{1,2}})(?::(?P<m>\d{{2}}))?(?:\s?[-–]\s?|\s+(?:to|and|until)\s+)"
    rf"(?P<h2>\d{{1,2}})"
    rf"(?::(?P<m2>\d{{2}}))?\s*(?P<ampm>{_AMPM})(?:\s*(?P<zone>{_ZONE})\b)?"
)
_SEASON_EN = re.compile(r"(?<![\d.,/])((?:19|20)\d{2})[-–/](\d{2})(?![\d/.,])")
_DURATION_EN = re.compile(
    rf"(?<![\d:.])(\d{{1,2}}):(\d{{2}}):(\d{{2}})(?![\d:])(?!\s*(?:{_AMPM}|(?:{_ZONE})\b))"
)
#: "midnight" and "noon" are times of day in English news ("from midnight local time").
_TIME_EN_WORDS = re.compile(
    rf"\b(?P<twelve>12 )?(?P<w>midnight|noon|midday)\b(?:\s*(?P<zone>{_ZONE})\b)?"
)
_CLOCK_WORDS = {"midnight": (0, 24), "noon": (12,), "midday": (12,)}
#: "dua gim langsung" = "in straight games": the count is implied, not stated.
_STRAIGHT = re.compile(r"\s+(?:gim|game|set|babak)\s+langsung\b")
_CURRENCY = r"Rp\.?|IDR|USD|US\$|S\$|A\$|HK\$|HKD|RM|EUR|SGD|AUD|MYR|JPY|CNY|RMB|\$|€|£|¥"
_NUMBER = {
    "id": re.compile(
        rf"(?:(?<![\w$])(?P<cur>{_CURRENCY})\s?)?"
        r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d+|\d+)(?![.,]\d)(?P<suf>[A-Za-z]+)?"
    ),
    "en": re.compile(
        rf"(?:(?<![\w$])(?P<cur>{_CURRENCY})\s?)?"
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+,\d+|\d+)(?![.,]\d)(?P<suf>[A-Za-z]+)?"
    ),
}
_ADDED_TIME = re.compile(r"\+\d{1,2}\b")
_ORDINAL_ID = re.compile(r"\bke-(\d{1,3}(?:\.\d{3})+|\d+)(?![\d.,]\d)")
#: ``kuartal III`` (the third quarter) is also "the first nine months" up to it, and
#: ``semester I`` "the first six months": the count of months is a second reading.
_PERIOD = re.compile(r"\b(?:kuartal|triwulan|semester)\s+(I{1,3}|IV|[1-4])\b", re.IGNORECASE)
_PERIOD_MONTHS = {"kuartal": 3, "triwulan": 3, "semester": 6}
#: A day and month without the year after a weekday, as Indonesian news dates this week's
#: events ("Senin (23/11)", "Sabtu (28/11) malam").
_DAY_MONTH = {
    lang: re.compile(
        rf"\b(?:{'|'.join(days)})(?:\s+(?:pagi|siang|sore|malam|dini hari|night|morning))?\s*"
        r"\((?P<d>\d{1,2})/(?P<m>\d{1,2})\)",
        re.IGNORECASE,
    )
    for lang, days in (("id", lx.ID_WEEKDAYS), ("en", lx.EN_WEEKDAYS))
}
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_ROMAN = re.compile(
    r"\b(?=[IVX]{2,}\b)(X{0,3})(IX|IV|V?I{0,3})\b"
    # with L or C, three letters or more ("PKB XLVII"; "CV" and "XL" are names)
    r"|\b(?=[IVXLC]{3,}\b)(?=[IVX]*[LC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b"
)
_ROMAN_PAIR = re.compile(r"(?<=[IVX]{2}) (?:dan|and|atau|or|,) ([IVX])\b")
_ROMAN_AFTER = re.compile(
    r"\b(?:sidang|kelas|tahap|jilid|angkatan|gelombang|periode|babak|putaran|zona|wilayah)"
    r" ([VX])\b(?!\.)"
)
_ROMAN_LETTER = re.compile(r"(?<=[a-z] )([VX])(?=\s+[A-Z][a-z])")
_APPROX = {
    "id": re.compile(
        r"\b(puluhan|ratusan|ribuan|jutaan|miliaran)(?:\s+(ribu|juta|miliar|triliun))?\b", re.I
    ),
    "en": re.compile(
        r"\b(tens|dozens|scores|hundreds|thousands|millions|billions)"
        r"(?:\s+of\s+(thousands|millions|billions))?\b",
        re.I,
    ),
}
_MONTH_LEFT_DAY = re.compile(r"(?<![\d.,/])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$")
_MONTH_RIGHT_DAY = re.compile(r"^\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![.,:/]\d)")
_DAY_RANGE_GAP = r"\s*(?:-|–|—|hingga|sampai|s\.d\.|sd|dan|to|and|through|until)\s*"
#: ``14-17 Maret 2024``, "from 14 to 17 March": the first day of a range of days.
_MONTH_LEFT_RANGE = re.compile(
    rf"(?<![\d.,/])(\d{{1,2}})(?:st|nd|rd|th)?{_DAY_RANGE_GAP}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?$",
    re.I,
)
#: "March 14 to 17, 2024", "March 14-17": English puts the range after the month.
_MONTH_RIGHT_RANGE = re.compile(
    rf"^\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?{_DAY_RANGE_GAP}(\d{{1,2}})(?:st|nd|rd|th)?\b(?![.,:/]\d)",
    re.I,
)
_MONTH_RIGHT_YEAR = re.compile(r"^\.?,?\s+(\d{4})\b(?![.,]\d)")
#: ``18, 19, 23, dan 24 Maret``, "March 18, 19, 23 and 24": the days listed before the last.
_MONTH_LEFT_LIST = re.compile(
    r"(?<![\d.,/])((?:\d{1,2},\s?)*\d{1,2},?\s(?:dan|serta|and|&)\s)\d{1,2}\s+$", re.I
)
_MONTH_RIGHT_LIST = re.compile(r"^((?:,\s?\d{1,2})*,?\s(?:and|&)\s\d{1,2})\b(?![.,:/]\d)", re.I)
_LISTED_DAY = re.compile(r"\d{1,2}")
_MAY_CONTEXT = re.compile(
    r"(?:\bin|\bsince|\buntil|\bby|\blast|\bnext|\bearly|\blate|\bmid-?|\bof|\bfrom|\bthrough|\bthis|\bend of"
    r"|\bbetween)\s*$",
    re.I,
)
_PERCENT_AFTER = re.compile(
    r"^\s?(?:%|persen\b|prosen\b|per ?cent\b|pct\b|percentage points?\b|poin persentase\b)", re.I
)
_ODD_ZONE = re.compile(r"\s*(W[A-Za-z]{1,3})\b")
_ID_MONEY_LETTER = re.compile(r"\s?(T|M)\b(?![.\w])")
_SCALE_AFTER = {
    "id": re.compile(r"^\s*(?:-\s*)?(ribu|rb|juta|jt|miliar|milyar|triliun|trilyun)\b", re.I),
    "en": re.compile(
        r"^\s*(?:-\s*)?(thousand|million|mln|mn|billion|bln|bn|trillion|tn|trn)\b", re.I
    ),
}
_DOLLAR_COUNTRIES = {
    "singapore": "SGD", "singapura": "SGD", "australian": "AUD", "australia": "AUD",
    "hong kong": "HKD",
}  # fmt: skip
_CURRENCY_AFTER = re.compile(
    r"^\s+(?:(?P<before>US|Singapore|Australian|Hong Kong)\s+)?(rupiah|rupiahs|dolar|dollars?|"
    r"euros?|ringgit|yen|yuan|pounds?|won|baht)\b"
    r"(?:\s+(?P<after>AS|Amerika|Singapura|Australia|Hong Kong)\b)?",
    re.I,
)
_RANGE_GAP = re.compile(
    r"^\s*(?:-|–|—|hingga|sampai|s\.d\.|sd|to|and|or|atau|dan|until)\s*(?:Rp\.?\s?|US\$\s?|\$)?$",
    re.I,
)
_UNIT_SUFFIXES = frozenset(
    "km m cm mm kg g mg ha mw gw kw kwh l ml t st nd rd th s sq mph kph bn tn mn k b pm am h"
    " hr hrs gb mb tb x".split()
)
_ID_DAY_PARTS = {"pagi": 0, "siang": 12, "sore": 12, "malam": 12, "dini hari": 0}
_SENTINEL_NEXT_WEEK = re.compile(r"^\s+(lalu|depan|ini|terakhir|kemarin)\b")


# --------------------------------------------------------------------------- helpers


def _readings(raw: str, lang: str) -> list[float]:
    """Every value a written number may have in ``lang`` (most likely first).

    >>> _readings("1.871.446", "id"), _readings("1,4", "id"), _readings("10.900", "en")
    ([1871446.0], [1.4], [10.9, 10900.0])
    """
    thousands, decimal = (".", ",") if lang == "id" else (",", ".")
    if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+(?:\{decimal}\d+)?", raw):
        return [float(raw.replace(thousands, "").replace(decimal, "."))]
    if decimal in raw:
        head, tail = raw.split(decimal)
        # English "10.900" may be an Indonesian-style thousand (and Indonesian "1,500" English)
        return [float(f"{head}.{tail}")] + ([float(head + tail)] if len(tail) == 3 else [])
    if thousands in raw:  # the other language's decimal mark, or its thousands mark
        head, tail = raw.split(thousands)
        values = [float(f"{head}.{tail}")]
        if len(tail) == 3:
            values.append(float(head + tail))
        return values
    return [float(raw)]


class _Taken:
    """Character positions already claimed by a fact, so no number is read twice."""

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size)

    def free(self, start: int, end: int) -> bool:
        return not any(self.mask[start:end])

    def take(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)


def _fact(
    kind: str, text: str, start: int, end: int, keys: Sequence[Key], weak: bool = False
) -> Fact:
    return Fact(kind, text[start:end], start, end, tuple(dict.fromkeys(keys)), weak)


def _zone(raw: str | None) -> str | None:
    return lx.TIME_ZONES.get(raw.lower()) if raw else None


def _on_clock(hour: int, pm: bool) -> int:
    """The 24-hour hour of ``hour`` a.m. or p.m. (12 a.m. is 0, 12 p.m. is 12)."""
    return hour % 12 + (12 if pm else 0)


def _clock(h: int, m: int) -> list[int]:
    return [h * 60 + m] if 0 <= h <= 24 and 0 <= m <= 59 else []


# --------------------------------------------------------------------------- passes


def _dates(text: str, lang: str, taken: _Taken, facts: list[Fact]) -> None:
    for m in _DAY_MONTH[lang].finditer(text):
        d, mo = int(m["d"]), int(m["m"])
        pairs = [(d, mo)] + ([(mo, d)] if lang == "en" and d <= 12 else [])
        day_month: list[Key] = [
            ("date", (a, b, None), None) for a, b in pairs if 1 <= a <= 31 and 1 <= b <= 12
        ]
        if day_month and taken.free(m.start("d") - 1, m.end("m") + 1):
            facts.append(_fact("date", text, m.start("d"), m.end("m"), day_month))
            taken.take(m.start("d") - 1, m.end("m") + 1)
    # "(7-8/9/2024)": the 7th and the 8th; "Sabtu dan Minggu (14-15/9)": the same, no year
    for m in [*_DAY_RANGE_DATE.finditer(text), *_DAY_RANGE_DAY_MONTH.finditer(text)]:
        first, last, mo = int(m[1]), int(m[2]), int(m[3])
        year = int(m[4]) if m.re is _DAY_RANGE_DATE else None
        year = year + 2000 if year is not None and year < 100 else year
        if 1 <= first <= 31 and 1 <= last <= 31 and 1 <= mo <= 12 and taken.free(*m.span()):
            for group, nth in ((1, first), (2, last)):
                date_key: list[Key] = [("date", (nth, mo, year), None)]
                facts.append(_fact("date", text, m.start(group), m.end(group), date_key))
            taken.take(*m.span())
    for m in _NUMERIC_DATE.finditer(text):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        y = y + 2000 if y < 100 else y
        options = [(d, mo, y)] + ([(mo, d, y)] if lang == "en" and d <= 12 else [])
        keys: list[Key] = [
            ("date", o, None) for o in options if 1 <= o[0] <= 31 and 1 <= o[1] <= 12
        ]
        if keys and taken.free(m.start(), m.end()):
            facts.append(_fact("date", text, m.start(), m.end(), keys))
            taken.take(m.start(), m.end())
    months = lx.ID_MONTHS if lang == "id" else lx.EN_MONTHS
    weekdays = lx.ID_WEEKDAYS if lang == "id" else lx.EN_WEEKDAYS
    for w in _WORD.finditer(text):
        word = w[0]
        if not word[0].isupper() or not taken.free(w.start(), w.end()):
            continue
        low = word.lower().removesuffix("'s")  # "Thursday's hearing"
        if low in weekdays or (lang == "en" and low.endswith("s") and low[:-1] in weekdays):
            weak = (
                lang == "id"
                and low == "minggu"
                and bool(_SENTINEL_NEXT_WEEK.match(text[w.end() :]))
            )
            day = weekdays.get(low, weekdays.get(low[:-1]))
            facts.append(_fact("date", text, w.start(), w.end(), [("weekday", day, None)], weak))
            taken.take(w.start(), w.end())
        elif low in months:
            _month(text, lang, w, months[low], taken, facts)


def _month(
    text: str, lang: str, w: re.Match[str], month: int, taken: _Taken, facts: list[Fact]
) -> None:
    start, end = w.start(), w.end()
    before, after = text[max(0, start - 24) : start], text[end : end + 24]
    day = year = None
    first: tuple[int, int, int] | None = None  # a range's first day, and where it is written
    others: list[tuple[int, int, int]] = []  # the other days of a list, and where
    said: int | None = None  # where the first day ends, when English lists others after it
    if (left_range := _MONTH_LEFT_RANGE.search(before)) and taken.free(
        start - len(before) + left_range.start(), start
    ):
        at = start - len(before) + left_range.start()
        first = (int(left_range[1]), at, at + len(left_range[1]))
        day, start = int(left_range[2]), start - len(before) + left_range.start(2)
    elif (left := _MONTH_LEFT_DAY.search(before)) and taken.free(
        start - len(before) + left.start(), start
    ):
        day, start = int(left[1]), start - len(before) + left.start()
        wide = text[max(0, start - 40) : w.start()]
        if (listed := _MONTH_LEFT_LIST.search(wide)) and taken.free(
            w.start() - len(wide) + listed.start(), start
        ):
            at = w.start() - len(wide) + listed.start(1)
            days = _LISTED_DAY.finditer(listed[1])
            others = [(int(d[0]), at + d.start(), at + d.end()) for d in days]
    if day is None and lang == "en" and (right_range := _MONTH_RIGHT_RANGE.match(after)):
        first = (int(right_range[1]), start, end + right_range.end(1))
        day, end = int(right_range[2]), end + right_range.end()
        start = end - len(right_range[0]) + right_range.start(2)
        after = text[end : end + 12]
    elif day is None and lang == "en" and (right := _MONTH_RIGHT_DAY.match(after)):
        day, end = int(right[1]), end + right.end()
        if listed := _MONTH_RIGHT_LIST.match(text[end : end + 40]):  # "March 18, 19 and 24"
            days = _LISTED_DAY.finditer(listed[1])
            others = [(int(d[0]), end + d.start(), end + d.end()) for d in days]
            said, end = end, end + listed.end()
        after = text[end : end + 12]
    else:
        after = after[:12]
    if right_year := _MONTH_RIGHT_YEAR.match(after):
        year, end = int(right_year[1]), end + right_year.end()
    short = len(w[0]) <= 4 and w[0].lower() not in ("mei", "juni", "juli", "june", "july", "may")
    is_may = lang == "en" and w[0] == "May"
    if day is None and year is None and (short or (is_may and not _MAY_CONTEXT.search(before))):
        return
    if day is not None and not 1 <= day <= 31:
        return
    if not taken.free(start, end):
        return
    if first is not None and 1 <= first[0] <= 31 and taken.free(first[1], first[2]):
        facts.append(
            _fact("date", text, first[1], first[2], [("date", (first[0], month, year), None)])
        )
        taken.take(first[1], first[2])
    if others and taken.free(others[0][1], others[-1][2]):
        for nth, a, b in others:
            if 1 <= nth <= 31:
                facts.append(_fact("date", text, a, b, [("date", (nth, month, year), None)]))
        taken.take(others[0][1], others[-1][2])
    key: list[Key] = [("date", (day, month, year), None)]
    facts.append(_fact("date", text, start, said or end, key))
    taken.take(start, end)


def _times(text: str, lang: str, taken: _Taken, facts: list[Fact]) -> None:
    if lang == "en":  # "in 2:11:48": a duration, its hours, minutes and seconds
        for m in _DURATION_EN.finditer(text):
            for group in range(1, 4):
                value = float(m[group])
                duration: list[Key] = [("q", value, None)]
                facts.append(_fact("number", text, m.start(group), m.end(group), duration))
            taken.take(m.start(), m.end())
        _shared_ampm(text, taken, facts)
    pattern = _TIME_ID if lang == "id" else _TIME_EN
    for m in pattern.finditer(text):
        if not taken.free(m.start(), m.end()) or _is_quantity(text, m, lang):
            continue
        hour = int(m["h"] if m["h"] is not None else m["h2"])
        minute = int(m["m"]) if m["m"] is not None else 0
        zone = _zone(m["zone"] or m["zone2"])
        if zone is None and (odd := _ODD_ZONE.match(text, m.end())):
            zone = "?" + odd[1]  # "23:00 Witi": a zone misspelt is a zone changed, not dropped
        keys: list[Key] = []
        if lang == "id":
            part = m["part"] or m["part2"]
            pre = m["pre"] or m["pre2"]
            shift = _ID_DAY_PARTS.get(part or "", 0) if hour < 12 else 0
            if part == "siang" and hour > 5:
                shift = 0
            hours = [hour + shift] if (part or m["h"] is not None) else [hour, hour + 12]
            keys = [("time", c, zone) for h in hours for c in _clock(h, minute)]
            if m["h"] is not None and not (pre or zone or part):  # "21.30" alone: a time, or 21.3
                keys.append(("q", float(f"{hour}.{m['m']}"), None))
        else:
            ampm = (m["ampm"] or m["ampm2"] or "").lower().replace(".", "")
            if ampm in ("am", "pm"):
                base = _on_clock(hour, ampm == "pm")
                keys = [("time", c, zone) for c in _clock(base, minute)]
            else:
                hours = [hour] + ([hour + 12] if 0 < hour < 12 else [0] if hour == 12 else [])
                keys = [("time", c, zone) for h in hours for c in _clock(h, minute)]
                if m["sep"] == "." and not zone:  # "21.30" alone: a time, or the decimal 21.3
                    keys.append(("q", float(f"{hour}.{m['m']}"), None))
        if any(k[0] == "time" for k in keys):
            facts.append(_fact("time", text, m.start(), m.end(), keys))
            taken.take(m.start(), m.end())
    if lang == "en":
        for m in _TIME_EN_WORDS.finditer(text):
            if taken.free(m.start(), m.end()):
                zone = _zone(m["zone"])
                keys = [("time", h * 60, zone) for h in _CLOCK_WORDS[m["w"].lower()]]
                # weak: "midday" may render "siang", a part of the day, not a clock time
                # (but "12 noon" is one)
                facts.append(_fact("time", text, m.start(), m.end(), keys, not m["twelve"]))
                taken.take(m.start(), m.end())


def _shared_ampm(text: str, taken: _Taken, facts: list[Fact]) -> None:
    """The two times of an English range of hours with one a.m./p.m. ("6-10 a.m." = 06:00
    and 10:00, "from 7 to 9 p.m." = 19:00 and 21:00; "10-2 p.m." may start at 10 a.m.).

    >>> [f.keys for f in extract("open 4-8 p.m. WIB", "en")]
    [(('time', 960, 'WIB'),), (('time', 1200, 'WIB'),)]
    """
    for m in _TIME_RANGE_EN.finditer(text):
        if not taken.free(m.start(), m.end()):
            continue
        pm = m["ampm"].lower().startswith("p")
        zone = _zone(m["zone"])
        first, second = int(m["h"]), int(m["h2"])
        if not (1 <= first <= 12 and 1 <= second <= 12):
            continue
        base = _on_clock(second, pm)
        starts = [_on_clock(first, pm)]
        if first > second:  # "10-2 p.m.": from ten in the morning
            starts.append(_on_clock(first, not pm))
        first_keys: list[Key] = [
            ("time", c, zone) for h in starts for c in _clock(h, int(m["m"] or 0))
        ]
        second_keys: list[Key] = [("time", c, zone) for c in _clock(base, int(m["m2"] or 0))]
        first_end = m.end("m") if m["m"] else m.end("h")
        facts.append(_fact("time", text, m.start("h"), first_end, first_keys))
        facts.append(_fact("time", text, m.start("h2"), m.end(), second_keys))
        taken.take(m.start(), m.end())


_CURRENCY_BEFORE = re.compile(rf"(?:{_CURRENCY})\s?$")


def _is_quantity(text: str, m: re.Match[str], lang: str) -> bool:
    """Whether a time-looking ``21.30`` is a quantity: money, or followed by a scale word or
    a percent sign (``Rp 10.27 trillion``, ``1.35 billion``)."""
    if m["h"] is None or m["zone"] or (lang == "id" and m["pre"]):
        return False
    after = text[m.end() : m.end() + 24]
    return bool(
        _CURRENCY_BEFORE.search(text[max(0, m.start() - 4) : m.start()])
        or _SCALE_AFTER[lang].match(after)
        or _PERCENT_AFTER.match(after)
    )


def _numbers(
    text: str, lang: str, taken: _Taken, facts: list[Fact], scaled: dict[int, float]
) -> None:
    if lang == "id":
        for m in _ORDINAL_ID.finditer(text):
            if taken.free(m.start(), m.end()):
                value = float(m[1].replace(".", ""))
                # "menit ke-90+3" = "the third minute of stoppage time": the half's end is
                # implied by "stoppage time", a weak number; the added minutes are not
                added = _ADDED_TIME.match(text, m.end()) and value in (45, 90, 105, 120)
                key: list[Key] = [("q", value, None)]
                facts.append(_fact("number", text, m.start(), m.end(), key, bool(added)))
                taken.take(m.start(), m.end())
        for m in _PERIOD.finditer(text):
            if taken.free(m.start(1), m.end(1)):
                n = int(m[1]) if m[1].isdigit() else _roman(m[1].upper())
                months = float(n * _PERIOD_MONTHS[m[0].split()[0].lower()])
                readings: list[Key] = [("q", float(n), None), ("q", months, None)]
                facts.append(_fact("number", text, m.start(1), m.end(1), readings))
                taken.take(m.start(1), m.end(1))
    if lang == "en":  # "the 2024-25 season" = "musim 2024/2025"
        for m in _SEASON_EN.finditer(text):
            if taken.free(m.start(), m.end()):
                first = int(m[1])
                second = first // 100 * 100 + int(m[2])
                for group, year in ((1, first), (2, second)):
                    season: list[Key] = [("q", float(year), None)]
                    facts.append(_fact("number", text, m.start(group), m.end(group), season))
                taken.take(m.start(), m.end())
    scales = lx.ID_SCALES if lang == "id" else lx.EN_SCALES
    for m in _NUMBER[lang].finditer(text):
        start, end = m.start(), m.end()
        quake = text[start - 1 : start] == "M" and not text[start - 2 : start - 1].isalnum()
        if (
            not m["cur"]
            and start > 0
            and (text[start - 1].isalnum() or text[start - 1] in "_")
            and not quake  # "M6.5", an earthquake's magnitude
        ):
            continue
        if not taken.free(m.start("num"), m.end("num")):
            continue
        suffix = (m["suf"] or "").lower()
        currency = lx.CURRENCY_BEFORE.get(m["cur"].strip()) if m["cur"] else None
        letters = lx.ID_MONEY_SUFFIX_SCALES if lang == "id" else lx.MONEY_SUFFIX_SCALES
        if suffix and suffix not in _UNIT_SUFFIXES and not (currency and suffix in letters):
            continue  # a code such as "3M" or "G20a", not a quantity
        values = _readings(m["num"], lang)
        scale = 1.0
        if currency and suffix in letters:
            scale = letters[suffix]
        elif suffix in scales:
            scale = scales[suffix]
        elif sm := _SCALE_AFTER[lang].match(text[end : end + 16]):
            scale, end = scales[sm[1].lower()], end + sm.end()
        elif currency and lang == "id" and (lm := _ID_MONEY_LETTER.match(text, end)):
            scale, end = letters[lm[1].lower()], lm.end()  # "Rp 1,2 T" = Rp 1.2 trillion
        unit: str | None = currency
        kind = "money" if currency else "number"
        if pm := _PERCENT_AFTER.match(text[end : end + 24]):
            unit, kind, end = "%", "percent", end + pm.end()
        elif not currency and (cm := _CURRENCY_AFTER.match(text[end : end + 40])):
            unit, kind, end = lx.CURRENCY_AFTER[cm[2].lower()], "money", end + cm.end()
            country = (cm["before"] or cm["after"] or "").lower()
            if unit == "USD" and country in _DOLLAR_COUNTRIES:  # "dolar Singapura" = S$
                unit = _DOLLAR_COUNTRIES[country]
        keys: list[Key] = [("q", v * scale, unit) for v in values]
        if lang == "en" and not currency and scale == 1.0 and suffix in lx.MONEY_SUFFIX_SCALES:
            # "1.4m" is 1.4 million in the press (or 1.4 metres), "40k" is 40,000 (or 40 km/h)
            keys += [("q", v * lx.MONEY_SUFFIX_SCALES[suffix], unit) for v in values]
        scaled[start] = scale
        facts.append(_fact(kind, text, start, end, keys))
        taken.take(start, end)
    _number_words(text, lang, taken, facts)
    for m in _ROMAN.finditer(text):
        value = _roman(m[0])
        if value and taken.free(m.start(), m.end()):
            facts.append(_fact("number", text, m.start(), m.end(), [("q", float(value), None)]))
            taken.take(m.start(), m.end())
    # one-letter numerals: said with another ("kelas IV dan V"), after a counting word ("masa
    # sidang V", Indonesian), or in a name ("Obligasi Berkelanjutan V", Indonesian, weak)
    numerals = [(_ROMAN_PAIR, False)]
    if lang == "id":
        numerals += [(_ROMAN_AFTER, False), (_ROMAN_LETTER, True)]
    for pattern, weak in numerals:
        for m in pattern.finditer(text):
            if taken.free(m.start(1), m.end(1)):
                number: list[Key] = [("q", float(_roman(m[1])), None)]
                facts.append(_fact("number", text, m.start(1), m.end(1), number, weak))
                taken.take(m.start(1), m.end(1))
    for m in _APPROX[lang].finditer(text):
        if taken.free(m.start(), m.end()):
            table = lx.ID_APPROX if lang == "id" else lx.EN_APPROX
            magnitude = table[m[1].lower()] * (
                (
                    lx.ID_SCALES if lang == "id" else {k + "s": v for k, v in lx.EN_SCALES.items()}
                ).get((m[2] or "").lower(), 1.0)
            )
            facts.append(
                _fact(
                    "number", text, m.start(), m.end(), [("approx", magnitude, None)], lang == "en"
                )
            )
            taken.take(m.start(), m.end())


def _roman(token: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(token, token[1:] + " ", strict=True):
        total += -values[a] if b != " " and values[a] < values[b] else values[a]
    return total


#: "and a half" after a number in words (7.5 years = "seven-and-a-half years" = "tujuh
#: setengah tahun").
_AND_A_HALF = {
    "en": re.compile(r"[- ]and[- ]a[- ]half\b"),
    "id": re.compile(r" setengah\b"),  # "satu setengah juta" = 1.5 million
}
#: Words before a number word that make it part of a name, not a count ("kaki lima" =
#: street vendors' carts).
_NOT_A_COUNT = re.compile(r"\bkaki\s$", re.I)
#: "nine months through September": English counts the months up to a date the source names.
_MONTHS_TO_DATE = re.compile(r" months (?:through|to|ending|until|up to)\b")
#: "an hour and a half", "a year and a half": one and a half of a unit.
_UNIT_AND_A_HALF = re.compile(r"\b(?:an?|one)[- ]([a-z]+)[- ]and[- ]a[- ]half\b", re.I)
#: "a thousand lanterns", "a million visitors": one of a scale.
_A_SCALE = re.compile(r"\b[Aa] (hundred|thousand|million|billion|trillion)\b(?! of\b)")


def _number_words(text: str, lang: str, taken: _Taken, facts: list[Fact]) -> None:
    if lang == "en":
        for m in _UNIT_AND_A_HALF.finditer(text):
            unit = m[1].lower()  # a unit, not a number ("a nine-and-a-half-hour operation")
            if unit != "half" and unit not in lx.EN_NUMBER_WORDS and taken.free(*m.span()):
                facts.append(_fact("number", text, m.start(), m.end(), [("q", 1.5, None)]))
                taken.take(m.start(), m.end())
        for m in _A_SCALE.finditer(text):
            if taken.free(*m.span()):
                value = 100.0 if m[1] == "hundred" else lx.EN_SCALES[m[1]]
                facts.append(_fact("number", text, m.start(), m.end(), [("q", value, None)]))
                taken.take(m.start(), m.end())
    words = [w for w in _WORD.finditer(text) if taken.free(w.start(), w.end())]
    i = 0
    while i < len(words):
        value, used, weak = _word_number(words, i, text, lang)
        if used == 0:
            i += 1
            continue
        first, last = words[i], words[i + used - 1]
        start, end = first.start(), last.end()
        scales = lx.ID_SCALES if lang == "id" else lx.EN_SCALES
        if half := _AND_A_HALF[lang].match(text, end):  # "seven-and-a-half", "tujuh setengah"
            value, end = value + 0.5, half.end()
        if lang == "en" and _MONTHS_TO_DATE.match(text, end) and value in (3, 6, 9):
            weak = True  # "the nine months through September": the count of months is implied
        if sm := _SCALE_AFTER[lang].match(text[end : end + 16]):
            value, end, weak = value * scales[sm[1].lower()], end + sm.end(), False
        kind, unit = "number", None
        if pm := _PERCENT_AFTER.match(text[end : end + 24]):
            kind, unit, end = "percent", "%", end + pm.end()
        weak = weak or value == 1.0 or bool(lang == "id" and _STRAIGHT.match(text, end))
        if lang == "id" and _NOT_A_COUNT.search(text, max(0, start - 12), start):
            weak = True  # "pedagang kaki lima" = street vendors: no count of five
        keys: list[Key] = [("q", value, unit)]
        if kind == "number" and value in (0.25, 0.5, 0.75):  # "about half" = "sekitar 50 persen"
            keys.append(("q", value * 100, "%"))
        facts.append(_fact(kind, text, start, end, keys, weak))
        taken.take(start, end)
        while i < len(words) and words[i].start() < end:
            i += 1


#: What follows "a third" used as a fraction ("a third of", "a third more", "up a fifth from
#: last year"), not an ordinal ("a third term").
_PART_OF = re.compile(
    r" (?:of|more|less|fewer|higher|lower|larger|smaller|bigger|as|from|on|over|since|than)\b"
)


def _fraction(words: list[re.Match[str]], i: int, text: str, lang: str) -> float | None:
    """The fraction written in two words from ``words[i]`` (``dua pertiga``, "two-thirds",
    "a third of", "a third more"), or None.

    >>> import re
    >>> text = "a third of two-thirds"
    >>> words = list(re.finditer(r"[A-Za-z]+", text))
    >>> round(_fraction(words, 0, text, "en"), 3), round(_fraction(words, 3, text, "en"), 3)
    (0.333, 0.667)
    """
    if i + 1 >= len(words) or text[words[i].end() : words[i + 1].start()] not in (" ", "-"):
        return None
    first, second = words[i][0].lower(), words[i + 1][0].lower()
    if lang == "id":
        n, d = lx.ID_NUMBER_WORDS.get(first), lx.ID_DENOMINATORS.get(second)
        return n / d if n and d and n < d else None
    d = lx.EN_DENOMINATORS.get(second)
    if d is None:
        return None
    if first in ("a", "one") and not second.endswith("s"):
        hyphen = text[words[i].end()] == "-"
        of = _PART_OF.match(text, words[i + 1].end()) is not None
        return 1 / d if hyphen or of else None
    n = lx.EN_NUMBER_WORDS.get(first)
    return n / d if n and 1 < n < d and second.endswith("s") else None


def _word_number(
    words: list[re.Match[str]], i: int, text: str, lang: str
) -> tuple[float, int, bool]:
    """(value, words used, weak) of the number written in words from ``words[i]``; 0 words
    used if none starts there."""
    first = words[i][0].lower()
    if (part := _fraction(words, i, text, lang)) is not None:
        return part, 2, lang == "en"
    ordinals = lx.ID_ORDINALS if lang == "id" else lx.EN_ORDINALS
    fractions = lx.ID_FRACTIONS if lang == "id" else lx.EN_FRACTIONS
    weak_words = lx.ID_WEAK_WORDS if lang == "id" else lx.EN_WEAK_WORDS
    if first in ordinals:
        return float(ordinals[first]), 1, first in weak_words
    if first in fractions:
        return fractions[first], 1, lang == "en"
    if lang == "id" and first in lx.ID_AGE_WORDS:
        return float(lx.ID_AGE_WORDS[first]), 1, True
    table = lx.ID_NUMBER_WORDS if lang == "id" else lx.EN_NUMBER_WORDS
    if first not in table:
        return 0.0, 0, False
    following = words[i + 1][0].lower() if i + 1 < len(words) else ""
    if (
        lang == "en"
        and first in weak_words
        and not (first == "one" and (following == "hundred" or following in lx.EN_SCALES))
    ):
        return float(table[first]), 1, True
    group, last, used = 0, None, 0
    for j in range(i, len(words)):
        if j > i and text[words[j - 1].end() : words[j].start()] not in (" ", "-"):
            break
        word = words[j][0].lower()
        value = table.get(word)
        if lang == "id" and word in lx.ID_NUMBER_MULTIPLIERS:
            if last is None:
                break
            group += last + 10 if word == "belas" else last * lx.ID_NUMBER_MULTIPLIERS[word]
            last = None
        elif lang == "en" and word == "hundred":
            group, last = (group + (last if last is not None else 1)) * 100, None
        elif value is None or (
            lang == "en"
            and word in weak_words
            and j > i
            and not (value < 10 and last is None and group % 100 >= 20)  # "thirty-one"
        ):
            break
        elif value < 10:
            if last is not None:
                break
            last = value
        elif lang == "en" and 20 <= value <= 90:
            if last is not None or group % 100:
                break
            group += value
        else:  # sepuluh, sebelas, seratus, seribu, ten ... nineteen
            if last is not None or j > i:
                break
            group += value
        used = j - i + 1
    return float(group + (last or 0)), used, lang == "id" and used == 1 and first in weak_words


def extract(text: str, lang: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[Fact]:
    """The facts of ``text`` (``lang`` ``"id"`` or ``"en"``), in text order; the ``skip``
    ranges (URLs, e-mail addresses, protected terms) are left out.

    >>> [(f.kind, f.text) for f in extract("Senin (4/3/2024) pukul 21.30 WIB, lima rumah.", "id")]
    [('date', 'Senin'), ('date', '4/3/2024'), ('time', 'pukul 21.30 WIB'), ('number', 'lima')]
    """
    taken = _Taken(len(text))
    for start, end in skip:
        taken.take(start, end)
    facts: list[Fact] = []
    _dates(text, lang, taken, facts)
    _times(text, lang, taken, facts)
    scaled: dict[int, float] = {}
    _numbers(text, lang, taken, facts, scaled)
    _spread_range_scales(text, facts, scaled)
    facts.sort(key=lambda f: f.start)
    return facts


def _spread_range_scales(text: str, facts: list[Fact], scaled: dict[int, float]) -> None:
    """In ``1,9-2,7 juta`` the first number shares the second's scale: give it that reading."""
    facts.sort(key=lambda f: f.start)
    for a in range(len(facts) - 1):
        first, second = facts[a], facts[a + 1]
        scale = scaled.get(second.start, 1.0)
        if (
            scaled.get(first.start) != 1.0
            or scale == 1.0
            or not _RANGE_GAP.match(text[first.end : second.start])
        ):
            continue
        unit = first.keys[0][2] or second.keys[0][2]
        extra: list[Key] = [("q", float(k[1]) * scale, unit) for k in first.keys if k[0] == "q"]  # type: ignore[arg-type]
        facts[a] = Fact(
            first.kind, first.text, first.start, first.end, first.keys + tuple(extra), first.weak
        )
