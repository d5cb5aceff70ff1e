"""Signs that a generated text is degenerate: runaway length, loops, still in the source language.

Pure functions over strings (no model, no torch), used by the engines to decide which
sentences to generate again with other decoding (:mod:`ringkas.engines.base`). Each check names
its kind, so a warning can say what was wrong. ``truncated`` is the one kind the text cannot
show: the engine knows it (the row reached its token cap) and adds it itself.

=============  ==============================================================================
kind           meaning
=============  ==============================================================================
empty          nothing came back for a non-empty source
truncated      decoding stopped at the row's token cap, not at EOS or the end of the line
               (``... in the first quarter of 202``); set by the engine
runaway        far longer than the source could justify (3x its characters + 40)
repetition     a word 3-gram three times or more, or a short unit repeated 12+ times in a row
               (``1000000000000000...``) that the source does not have
untranslated   still the source language: for id -> en, more Indonesian than English
               function words
prompt_leak    the prompt came back: a worked example or a label (``Indonesian:``) in the output
=============  ==============================================================================

>>> problems("Harga beras naik.", "Rice prices rose.")
[]
>>> problems("Harga beras naik.", "the price " * 12)
['runaway', 'repetition']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = [
    "KINDS",
    "is_repetitive",
    "is_runaway",
    "is_untranslated",
    "leaks_prompt",
    "problems",
]

KINDS = ("empty", "truncated", "runaway", "repetition", "untranslated", "prompt_leak")

_WORD = re.compile(r"\w+", re.UNICODE)
_CHAR_LOOP = re.compile(r"(.{1,8}?)\1{11,}", re.DOTALL)
# The most frequent short words of each language: together they make up a large share of any
# sentence, so counting them tells the languages apart without a model.
_ID_WORDS = frozenset(
    "yang dan di ke dari untuk dengan itu ini pada dalam tidak akan adalah juga oleh sebagai "
    "karena atau bahwa telah sudah para tersebut kami mereka kita saat bisa lebih belum masih "
    "harus dapat serta namun tetapi agar jika ia dia saya sangat menjadi ada hari warga".split()
)
_EN_WORDS = frozenset(
    "the and of to in for with that this on is are was were be by as at from it its not will "
    "has have had or which also but they their he she we an a said would can been more than "
    "after about".split()
)


def is_runaway(source: str, output: str, *, ratio: float = 3.0, slack: int = 40) -> bool:
    """True when ``output`` is longer than ``ratio`` times ``source`` plus ``slack`` characters.

    >>> is_runaway("Harga naik.", "Prices rose."), is_runaway("Harga naik.", "x" * 100)
    (False, True)
    """
    return len(output) > ratio * len(source) + slack


def is_repetitive(output: str, *, source: str = "", n: int = 3, times: int = 3) -> bool:
    """True when a word ``n``-gram occurs ``times`` or more, or a unit of 1-8 characters repeats
    12 or more times in a row, and ``source`` does not repeat it the same way.

    >>> is_repetitive("a b c a b c a b c"), is_repetitive("The minister came to Jakarta.")
    (True, False)
    >>> is_repetitive("Total 1000000000000000000"), is_repetitive("Rp 1000000000000", source="Rp 1000000000000")
    (True, False)
    """
    loop = _CHAR_LOOP.search(output)
    if loop is not None and loop.group(0) not in source:
        return True
    words = [w.lower() for w in _WORD.findall(output)]
    grams = Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
    if not grams:
        return False
    gram, count = grams.most_common(1)[0]
    if count < times:
        return False
    source_words = [w.lower() for w in _WORD.findall(source)]
    in_source = Counter(tuple(source_words[i : i + n]) for i in range(len(source_words) - n + 1))
    return in_source[gram] < count


def is_untranslated(output: str, *, src: str = "id", tgt: str = "en") -> bool:
    """True when an Indonesian -> English output still reads as Indonesian (more Indonesian than
    English function words, at least two of them). Other pairs are not checked (False).

    >>> is_untranslated("Harga beras di pasar itu naik tajam.")
    True
    >>> is_untranslated("Rice prices in the market rose sharply.")
    False
    """
    if (src, tgt) != ("id", "en"):
        return False
    words = [w.lower() for w in _WORD.findall(output)]
    indonesian = sum(w in _ID_WORDS for w in words)
    english = sum(w in _EN_WORDS for w in words)
    return indonesian >= 2 and indonesian > english


def leaks_prompt(output: str, examples: Iterable[str] = (), labels: Iterable[str] = ()) -> bool:
    """True when ``output`` contains a worked example of the prompt (any text of 20+ characters
    from ``examples``) or one of its ``labels`` followed by a colon (``"Indonesian:"``).

    >>> leaks_prompt("Prices rose. Indonesian: Harga", labels=["Indonesian"])
    True
    >>> leaks_prompt("Prices rose.", examples=["Harga cabai turun tajam minggu ini."])
    False
    """
    lowered = output.lower()
    for example in examples:
        if len(example) >= 20 and example.lower() in lowered:
            return True
    return any(
        re.search(rf"(^|\W){re.escape(label.lower())}\s*:", lowered) for label in labels if label
    )


def problems(
    source: str,
    output: str,
    *,
    src: str = "id",
    tgt: str = "en",
    examples: Iterable[str] = (),
    labels: Iterable[str] = (),
    check_length: bool = True,
) -> list[str]:
    """The kinds (see the module table) that ``output`` shows as a rendering of ``source``, in
    :data:`KINDS` order; ``[]`` when it looks sound. ``check_length=False`` skips ``runaway``
    and ``untranslated`` (for summaries, whose length and wording follow other rules).

    >>> problems("Harga beras naik.", "")
    ['empty']
    >>> problems("Harga beras naik.", "Harga beras naik di pasar itu.")
    ['untranslated']
    """
    if not output.strip():
        return ["empty"] if source.strip() else []
    found = []
    if check_length and is_runaway(source, output):
        found.append("runaway")
    if is_repetitive(output, source=source):
        found.append("repetition")
    if check_length and is_untranslated(output, src=src, tgt=tgt):
        found.append("untranslated")
    if leaks_prompt(output, examples, labels):
        found.append("prompt_leak")
    return found
