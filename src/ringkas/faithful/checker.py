"""Compare an output with its source, fact by fact: :func:`check`.

Facts (:mod:`ringkas.faithful.facts`) are matched as values, so every way English writes a
value passes; a source fact with no match is *missing*, an output fact with no match is
*invented*, and a missing and an invented fact of the same sort are reported together as one
*changed* fact ("30 persen" became "13 percent"). Names, kept spans (URLs, handles ...),
glossary terms and the output as a whole are checked too.

>>> report = check("Harga naik 30 persen menjadi Rp10.900 per kg, Senin (4/3/2024).",
...                "The price rose 13 percent to Rp10,900 per kg on Sunday.")
>>> report.ok
False
>>> for issue in report.issues:
...     print(issue.kind, issue.source_span.text, "->", issue.found)
percent 30 persen -> 13 percent
date Senin -> Sunday
date 4/3/2024 -> None
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ringkas.errors import ConfigError, UnsupportedLanguageError
from ringkas.faithful import lexicon as lx
from ringkas.faithful.facts import Fact, Key, compatible, extract
from ringkas.faithful.glossary import Glossary, GlossaryLike, load_glossary
from ringkas.faithful.names import changed_names, invented_names
from ringkas.faithful.protect import kept_spans
from ringkas.faithful.report import Issue, Report, Span
from ringkas.faithful.surface import length_problem, repetition, untranslated
from ringkas.models.languages import normalize

__all__ = ["CHECKED_LANGUAGES", "MODES", "check"]

#: Languages whose facts and names the checker can read.
CHECKED_LANGUAGES = ("id", "en")
#: ``translation``: every source fact must be in the output and nothing added; ``summary``: the
#: output may leave facts out, but must not state one its source does not have.
MODES = ("translation", "summary")
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_DAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def check(
    source: str,
    translation: str,
    *,
    src: str = "id",
    tgt: str = "en",
    glossary: GlossaryLike | None = None,
    mode: str = "translation",
) -> Report:
    """Check that ``translation`` states the numbers, money, percentages, times, dates,
    names and glossary terms of ``source``, no others, and reads as a whole translation.

    Text only and linear in the input: cheap next to any model. ``mode="summary"`` checks a
    summary against its whole article instead (see :data:`MODES`).

    >>> check("Harga naik 30 persen menjadi Rp10.900 per kg, Senin (4/3/2024).",
    ...       "Prices rose 30% to IDR 10,900 per kg on Monday, March 4, 2024.").ok
    True
    >>> [i.kind for i in check("UMKM naik.", "Small firms rose.", glossary={"UMKM": "MSMEs"}).issues]
    ['glossary']
    """
    src, tgt = normalize(src), normalize(tgt)
    for code in (src, tgt):
        if code not in CHECKED_LANGUAGES:
            raise UnsupportedLanguageError(
                f"The faithfulness checker reads {' and '.join(CHECKED_LANGUAGES)}, not "
                f"{code!r}. Pass guard=None to translate without it."
            )
    if mode not in MODES:
        raise ConfigError(f"mode must be one of {MODES}, got {mode!r}.")
    terms = load_glossary(glossary, src=src, tgt=tgt) if glossary is not None else None
    issues: list[Issue] = []
    src_skip, out_skip = _kept(source, translation, terms, issues, mode)
    if terms is not None and mode == "translation":
        _glossary(terms, source, translation, issues)
    src_facts = extract(source, src, skip=src_skip)
    _facts(src_facts, extract(translation, tgt, skip=out_skip), source, translation, mode, issues)
    name_skip = src_skip + [(f.start, f.end) for f in src_facts]
    _names(source, translation, src, tgt, name_skip, mode, issues)
    _surface(source, translation, src, tgt, mode, issues)
    return Report(source, translation, issues)


def _kept(
    source: str, output: str, terms: Glossary | None, issues: list[Issue], mode: str
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Kept spans (URLs, handles ...) must be in the output verbatim; they and glossary
    terms are not read for facts or names."""
    src_skip = kept_spans(source)
    out_skip = kept_spans(output)
    for a, b in src_skip:
        if mode == "translation" and source[a:b] not in output:
            issues.append(
                Issue(
                    "name",
                    Span(source[a:b], a, b),
                    None,
                    f"{source[a:b]!r} must be copied exactly, and the output does not have it.",
                )
            )
    if terms is not None:
        src_skip += [(s.start, s.end) for s, _ in terms.find(source)]
    return src_skip, out_skip


def _glossary(terms: Glossary, source: str, output: str, issues: list[Issue]) -> None:
    for span, english in terms.find(source):
        if not terms.followed(output, english):
            issues.append(
                Issue(
                    "glossary",
                    span,
                    None,
                    f"Glossary: {span.text!r} must be translated as {english!r}, which the "
                    "output does not have.",
                )
            )


def _bucket(key: Key) -> tuple[str, object]:
    dim, value = key[0], key[1]
    if dim == "date":
        assert isinstance(value, tuple)
        return dim, value[1]
    if isinstance(value, float):
        return dim, round(value, 6)
    return dim, value


def _match(sources: list[Fact], targets: list[Fact]) -> tuple[list[Fact], list[int]]:
    """Pair each source fact with an output fact of the same value (exact unit first);
    return the unmatched source facts and the indices of the unmatched output facts."""
    index: dict[tuple[str, object], list[int]] = defaultdict(list)
    for i, fact in enumerate(targets):
        for key in fact.keys:
            index[_bucket(key)].append(i)
    used = [False] * len(targets)
    missing: list[Fact] = []
    for fact in sorted(sources, key=lambda f: f.weak):  # strong facts claim values first
        best: int | None = None
        for key in fact.keys:
            for i in index.get(_bucket(key), ()):
                if used[i]:
                    continue
                exact = [k for k in targets[i].keys if compatible(key, k)]
                if exact and any(k[2] == key[2] for k in exact):
                    best = i
                    break
                if exact and best is None:
                    best = i
            if best is not None:
                break
        if best is None:
            missing.append(fact)
        else:
            used[best] = True
    return missing, [i for i, u in enumerate(used) if not u and not targets[i].weak]


def _supported(fact: Fact, sources: list[Fact]) -> bool:
    """Whether some source fact says what ``fact`` says (``fact`` may leave parts out)."""
    return any(compatible(t, s) for s_fact in sources for s in s_fact.keys for t in fact.keys)


def _family(fact: Fact) -> str:
    dim = fact.keys[0][0]
    return "q" if dim in ("q", "approx") else dim


def _describe(fact: Fact) -> str:
    dim, value, unit = fact.keys[0]
    if dim == "weekday":
        assert isinstance(value, int)
        return _DAY_NAMES[value]
    if dim == "date":
        assert isinstance(value, tuple)
        d, m, y = value
        return " ".join(str(p) for p in (d, _MONTH_NAMES[m - 1] if m else None, y) if p)
    if dim == "time":
        assert isinstance(value, int)
        return f"{value // 60:02d}:{value % 60:02d}" + (f" {unit}" if unit else "")
    if dim == "approx":
        return f"'{fact.text}' (a round plural)"
    assert isinstance(value, float)
    number = f"{value:,.6f}".rstrip("0").rstrip(".")
    return f"{number}%" if unit == "%" else f"{unit} {number}" if unit else number


def _kept_verbatim(fact: Fact, output: str) -> bool:
    """Whether a fact written in letters (``Sepuluh``, ``Nopember``) stands as it is, with a
    capital, in the output: a name the translation kept, not a number it dropped."""
    return (
        fact.text[:1].isupper()
        and fact.text.isalpha()
        and re.search(rf"(?<![\w-]){re.escape(fact.text)}(?![\w-])", output) is not None
    )


#: Counts English says in an idiom: (value, the source's next word) -> the idiom's pattern
#: ("24 jam" = "around the clock").
_IDIOMS: dict[tuple[float, str], str] = {
    (24.0, "jam"): r"\b(?:a)?round[ -]the[ -]clock\b|\b24/7\b",
}


def _idiom(fact: Fact, source: str, output: str) -> bool:
    """Whether the output says ``fact`` in an idiom (:data:`_IDIOMS`).

    >>> _idiom(extract("buka 24 jam", "id")[0], "buka 24 jam", "open around the clock")
    True
    """
    value = fact.keys[0][1]
    after = re.match(r"\s+(\w+)", source[fact.end :])
    if fact.keys[0][0] != "q" or not isinstance(value, float) or after is None:
        return False
    pattern = _IDIOMS.get((value, after[1].lower()))
    return pattern is not None and re.search(pattern, output, re.IGNORECASE) is not None


_EN_NAME_NUMBERS = {**lx.EN_NUMBER_WORDS, "hundred": 100, "thousand": 1000}


def _named_number(fact: Fact, output: str) -> bool:
    """Whether a number written in letters with a capital inside a name ("Kepulauan Seribu")
    is in the output as a capitalised English number word of the same value ("Thousand
    Islands"): a name the translation translated, not a number it dropped.

    >>> _named_number(extract("Polres Kepulauan Seribu", "id")[0], "Thousand Islands Police")
    True
    """
    if not (fact.text[:1].isupper() and fact.text.isalpha()):
        return False
    values = {k[1] for k in fact.keys if k[0] == "q"}
    return any(
        _EN_NAME_NUMBERS.get(word.lower()) in values
        for word in re.findall(r"\b[A-Z][a-z]+\b", output)
    )


def _copied(
    missing: list[Fact], invented: list[int], targets: list[Fact], source: str
) -> tuple[list[Fact], list[int]]:
    """Pair an output fact copied word for word from the source ("Lovely December 2024", an
    event's English name) with the source facts inside that copy, which the source's language
    reads otherwise (there, "2024" is a year alone): neither is missing nor invented."""
    for i in list(invented):
        text = targets[i].text
        if len(text) < 4:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", source):
            inside = [f for f in missing if m.start() <= f.start and f.end <= m.end()]
            if inside:
                missing = [f for f in missing if f not in inside]
                invented.remove(i)
                break
    return missing, invented


def _years(fact: Fact) -> set[int]:
    """The years ``fact`` states: a four-digit number from 1900 to 2100, or a date's year."""
    years = set()
    for dim, value, _ in fact.keys:
        if dim == "date" and isinstance(value, tuple) and value[2]:
            years.add(value[2])
        elif (
            dim == "q"
            and fact.text.isdigit()
            and len(fact.text) == 4
            and isinstance(value, float)
            and 1900 <= value <= 2100
        ):
            years.add(int(value))
    return years


def _year_said_once(
    missing: list[Fact], invented: list[int], sources: list[Fact], targets: list[Fact]
) -> tuple[list[Fact], list[int]]:
    """A year the source states more than once in the same way (in dates, or alone) may be
    said once, when the output states it that way at all ("Senin, 23 November 2026, hingga
    Kamis, 26 November 2026" = "from Monday, November 23, to Thursday, November 26, 2026";
    "triwulan II-2025 ... triwulan I-2025" = "the second quarter of 2025 ... the first
    quarter"): a repeated year is not missing, and a date the output gives without it pairs
    with the source's date of the same day and month. A year the output never states, or
    states only another way (an event's "2023" and a date's), is still reported.

    >>> from ringkas.faithful.facts import extract
    >>> src = extract("Jumat (2/2/2024) dan Sabtu (3/2/2024)", "id")
    >>> out = extract("Friday, February 2, 2024, and Saturday, February 3", "en")
    >>> missing, invented = _match(src, out)
    >>> [f.text for f in missing], invented
    (['3/2/2024'], [3])
    >>> _year_said_once(missing, invented, src, out)
    ([], [])
    """

    def said(facts: list[Fact]) -> dict[bool, Counter[int]]:
        """How many times ``facts`` state each year, in dates (True) and alone (False)."""
        counts: dict[bool, Counter[int]] = {True: Counter(), False: Counter()}
        for fact in facts:
            counts[any(k[0] == "date" for k in fact.keys)].update(_years(fact))
        return counts

    source_said, output_said = said(sources), said(targets)
    kept: list[Fact] = []
    for fact in missing:
        dates = [k[1] for k in fact.keys if k[0] == "date" and isinstance(k[1], tuple)]
        dated = any(k[0] == "date" for k in fact.keys)
        if not any(source_said[dated][y] > 1 and output_said[dated][y] for y in _years(fact)):
            kept.append(fact)
            continue
        if not dates:
            continue  # the year alone, said alone elsewhere
        day, month = dates[0][0], dates[0][1]
        partner = next(
            (
                i
                for i in invented
                if any(k[0] == "date" and k[1] == (day, month, None) for k in targets[i].keys)
            ),
            None,
        )
        if partner is None:
            kept.append(fact)
        else:
            invented = [i for i in invented if i != partner]
    return kept, invented


#: A count of years or hours and the half that follows it ("enam tahun enam bulan", "9 jam 30
#: menit"): the unit between them, and the half's value and unit after.
_HALF_AFTER = {"tahun": (6.0, "bulan"), "jam": (30.0, "menit")}
_HALF_UNIT = re.compile(rf"\s+({'|'.join(_HALF_AFTER)})\s+")


def _and_a_half(
    missing: list[Fact], invented: list[int], targets: list[Fact], source: str
) -> tuple[list[Fact], list[int]]:
    """A count of years or hours with its half in months or minutes, said as one number and
    a half ("enam tahun enam bulan penjara" = "six and a half years in prison", "9 jam 30
    menit" = "a nine-and-a-half-hour operation"): the two source counts pair with the one
    output number.

    >>> check("Vonis enam tahun enam bulan penjara.", "A sentence of six and a half years.").ok
    True
    >>> check("Vonis enam tahun enam bulan penjara.", "A sentence of seven and a half years.").ok
    False
    """
    for whole in list(missing):
        after = _HALF_UNIT.match(source, whole.end)
        if after is None:
            continue
        value, unit = _HALF_AFTER[after[1]]
        half = next(
            (
                f
                for f in missing
                if f.start == after.end()
                and any(k[1] == value for k in f.keys)
                and re.match(rf"\s+{unit}\b", source[f.end :])
            ),
            None,
        )
        if half is None:
            continue
        counts = {k[1] for k in whole.keys if k[0] == "q" and isinstance(k[1], float)}
        partner = next(
            (
                i
                for i in invented
                if any(
                    k[0] == "q" and isinstance(k[1], float) and k[1] - 0.5 in counts
                    for k in targets[i].keys
                )
            ),
            None,
        )
        if partner is not None:
            missing = [f for f in missing if f is not whole and f is not half]
            invented = [i for i in invented if i != partner]
    return missing, invented


def _bracketed(fact: Fact, text: str) -> bool:
    """Whether ``fact`` stands inside a pair of round brackets of ``text``.

    >>> _bracketed(extract("seven days before Lebaran (H-7)", "en")[-1], "seven days before Lebaran (H-7)")
    True
    """
    opening = text.rfind("(", 0, fact.start)
    closing = text.find(")", fact.end)
    return (
        opening >= 0
        and closing >= 0
        and ")" not in text[opening : fact.start]
        and "(" not in text[fact.end : closing]
    )


def _facts(
    sources: list[Fact],
    targets: list[Fact],
    source: str,
    output: str,
    mode: str,
    issues: list[Issue],
) -> None:
    missing: list[Fact] = []
    if mode == "summary":  # only what the article does not support, however often it is said
        invented = [i for i, f in enumerate(targets) if not f.weak and not _supported(f, sources)]
    else:
        missing, invented = _match(sources, targets)
        missing, invented = _copied(missing, invented, targets, source)
        missing, invented = _year_said_once(missing, invented, sources, targets)
        missing, invented = _and_a_half(missing, invented, targets, source)
    # a weak fact, or a word kept verbatim as part of a name ("Institut Teknologi Sepuluh
    # Nopember" = "the Sepuluh Nopember Institute of Technology"), is not missing
    missing = [
        f
        for f in missing
        if not f.weak
        and not _kept_verbatim(f, output)
        and not _named_number(f, output)
        and not _idiom(f, source, output)
    ]
    # an English word the source itself has ("peristiwa Black Monday") is not invented
    invented = [i for i in invented if not _kept_verbatim(targets[i], source)]
    # a source value said again in brackets, as a gloss ("seven days before Lebaran (H-7)"),
    # is not invented: only a value the source does not have is
    invented = [
        i
        for i in invented
        if not (_bracketed(targets[i], output) and _supported(targets[i], sources))
    ]
    spare = {i: targets[i] for i in invented}
    where = lambda f, text: f.start / max(1, len(text))  # noqa: E731
    for fact in missing:
        same = [i for i, t in spare.items() if _family(t) == _family(fact)]
        partner = min(
            same, key=lambda i: abs(where(spare[i], output) - where(fact, source)), default=None
        )
        span = Span(fact.text, fact.start, fact.end)
        if partner is None:
            issues.append(
                Issue(
                    fact.kind,
                    span,
                    None,
                    f"{fact.text!r} ({_describe(fact)}) is not in the output.",
                )
            )
            continue
        other = spare.pop(partner)
        issues.append(
            Issue(
                fact.kind,
                span,
                other.text,
                f"{fact.text!r} ({_describe(fact)}) became {other.text!r} ({_describe(other)}).",
                Span(other.text, other.start, other.end),
            )
        )
    for other in spare.values():
        issues.append(
            Issue(
                other.kind,
                None,
                other.text,
                f"The output states {other.text!r} ({_describe(other)}), which the source does "
                "not have.",
                Span(other.text, other.start, other.end),
            )
        )


def _names(
    source: str,
    output: str,
    src: str,
    tgt: str,
    skip: list[tuple[int, int]],
    mode: str,
    issues: list[Issue],
) -> None:
    if mode == "translation":
        for span, near in changed_names(source, output, src=src, skip=skip):
            if near is None:
                issues.append(
                    Issue("name", span, None, f"The name {span.text!r} is not in the output.")
                )
            else:
                at = output.find(near)
                issues.append(
                    Issue(
                        "name",
                        span,
                        near,
                        f"The name {span.text!r} became {near!r}.",
                        Span(near, at, at + len(near)),
                    )
                )
    else:
        for span in invented_names(source, output, src=src, tgt=tgt):
            issues.append(
                Issue(
                    "name",
                    None,
                    span.text,
                    f"The output names {span.text!r}, which the source never mentions.",
                    span,
                )
            )


def _surface(source: str, output: str, src: str, tgt: str, mode: str, issues: list[Issue]) -> None:
    whole = Span(source, 0, len(source))
    if untranslated(source, output, src=src, tgt=tgt):
        issues.append(
            Issue(
                "untranslated", whole, output, f"The output is not in {tgt!r}: it reads as {src!r}."
            )
        )
    problem = length_problem(source, output) if mode == "translation" else None
    if problem:
        issues.append(
            Issue(
                "length",
                whole,
                output,
                f"The output is far {problem} than its source ({len(output)} characters for "
                f"{len(source)}): text was {'dropped' if problem == 'shorter' else 'added'}.",
            )
        )
    loop = repetition(output, source)
    if loop is not None:
        issues.append(
            Issue(
                "repetition",
                None,
                loop.text,
                f"The output repeats itself: {loop.text[:60]!r}.",
                loop,
            )
        )
