"""Proper names (people, organisations, acronyms, places) a translation must carry over.

A capitalised source word is a name to keep unless it is one of the Indonesian words that are
translated even inside names (``Kabupaten Cianjur`` = ``Cianjur Regency``), a date word or a
number word. It is found in the output as itself, as the start of a word (``Kenya`` ->
"Kenyan"), or as one of its usual English renderings (``Jawa`` -> "Java", ``UMKM`` -> "MSMEs").

>>> [s.text for s in missing_names("Ketua KPU Kota Bandung, Rizal Fauzan, datang.",
...                                "The Bandung City KPU chairman, Rizal Fauzan, came.")]
[]
>>> [s.text for s in missing_names("Ketua KPU, Rizal Fauzan, datang.", "The chairman came.")]
['KPU', 'Rizal', 'Fauzan']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ringkas.faithful import lexicon as lx
from ringkas.faithful.report import Span

__all__ = ["invented_names", "missing_names", "required_names"]

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")
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


def _is_acronym(token: str) -> bool:
    return any(sum(c.isupper() for c in part) >= 2 for part in re.split(r"[-'’]", token))


def required_names(
    text: str, *, lang: str = "id", skip: Sequence[tuple[int, int]] = ()
) -> list[Span]:
    """The name tokens of ``text`` a translation must keep, in order. A word that opens a
    sentence counts only when it is an acronym (it may just be capitalised).

    >>> [s.text for s in required_names("Kepala BPBD Kabupaten Cianjur, Asep Mulyana, datang.")]
    ['BPBD', 'Cianjur', 'Asep', 'Mulyana']
    """
    skipped = lx.ID_TRANSLATED_WORDS if lang == "id" else frozenset()
    table = _ID_SKIP if lang == "id" else _EN_SKIP
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
        if low in table or low in skipped or low.split("-")[0] in table:
            continue
        if _initial(text, m.start()) and not _is_acronym(token):
            continue
        spans.append(Span(token, m.start(), m.end()))
    return spans


class _Words:
    """An output's words, their prefixes and its lower-cased text, for quick look-ups."""

    def __init__(self, output: str) -> None:
        self.lower = output.lower()
        words = [w.lower() for w in _OUTPUT_WORD.findall(output)]
        self.words = set(words)
        self.prefixes = {w[:n] for w in words for n in range(2, min(len(w), 24) + 1)}

    def has(self, token: str) -> bool:
        low = token.lower()
        parts = [p for p in re.split(r"[-'’]", low) if p]
        if all(p in self.prefixes for p in parts):
            return True
        return any(_phrase_in(self.lower, alt) for alt in lx.EQUIVALENTS.get(low, ()))


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
    words = _Words(output)
    return [s for s in required_names(source, lang=src, skip=skip) if not words.has(s.text)]


def invented_names(source: str, output: str, *, src: str = "id", tgt: str = "en") -> list[Span]:
    """Names in ``output`` that ``source`` never mentions (for summaries: a summary must not
    name anyone or anything its article does not). Across languages only acronyms are
    checked: without a dictionary, an English name cannot be told from a translated word
    ("Forest", "Task Force").

    >>> [s.text for s in invented_names("Menteri Budi datang ke Bandung.",
    ...                                 "Menteri Budi datang ke Bandung dengan Gubernur Ridwan.",
    ...                                 tgt="id")]
    ['Ridwan']
    >>> [s.text for s in invented_names("Menteri Budi datang.", "Minister Budi met the KPK.")]
    ['KPK']
    """
    words = _Words(source)
    reverse = {alt: key for key, alts in lx.EQUIVALENTS.items() for alt in alts}
    found = []
    for span in required_names(output, lang=tgt):
        name = span.text.split("-")[0] if span.text.split("-", 1)[-1].islower() else span.text
        if src != tgt and not _is_acronym(name):
            continue
        low = name.lower()
        if words.has(name) or (low in reverse and words.has(reverse[low])):
            continue
        if any(low[:k] in words.words for k in range(4, len(low) + 1)):
            continue
        found.append(span)
    return found
