"""Checks on an output as a whole: still in the source language, far shorter (or longer) than
its source, or caught in a repetition loop.

>>> untranslated("Harga beras naik.", "Harga beras di pasar itu naik karena hujan.", src="id", tgt="en")
True
>>> repetition("Price rice rise salary salary salary.", "Harga beras naik 30 persen.")
Span(text='salary salary salary', start=16, end=36)
"""

from __future__ import annotations

import re

from ringkas.faithful import lexicon as lx
from ringkas.faithful.protect import kept_spans
from ringkas.faithful.report import Span

__all__ = ["length_problem", "repetition", "untranslated"]

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_MAX_NGRAM = 8


def untranslated(source: str, output: str, *, src: str, tgt: str) -> bool:
    """Whether an output meant to be in ``tgt`` (English) reads as Indonesian: it contains a
    source of four or more words verbatim (an echo, maybe with an invented continuation), or
    its Indonesian function words outnumber its English ones.

    >>> untranslated("Harga naik.", "The price rose.", src="id", tgt="en")
    False
    """
    if src == tgt or tgt != "en":
        return False
    words = [w.lower() for w in _WORD.findall(output)]
    if len(_WORD.findall(source)) >= 4 and source.strip() in output:  # echoed, maybe continued
        return True
    id_count = sum(w in lx.ID_FUNCTION_WORDS for w in words)
    en_count = sum(w in lx.EN_FUNCTION_WORDS for w in words)
    if len(words) >= 4 and id_count >= 2 and id_count > en_count:
        return True
    # an Indonesian paraphrase: most of its lower-case words come from the source
    source_words = {w.lower() for w in _WORD.findall(_without_kept(source))}
    plain = [
        w
        for w in _WORD.findall(_without_kept(output))
        if w.islower() and w.isalpha() and len(w) >= 3
    ]
    shared = sum(w in source_words for w in plain)
    return len(plain) >= 4 and shared >= 0.5 * len(plain) and en_count < shared


def _without_kept(text: str) -> str:
    """``text`` without its URLs, handles and other kept spans (copied, not translated)."""
    out, pos = [], 0
    for start, end in kept_spans(text):
        out.append(text[pos:start])
        pos = end
    return "".join(out) + text[pos:]


def length_problem(source: str, output: str) -> str | None:
    """``"shorter"`` when a source of 40+ characters came back under 35% of its length,
    ``"longer"`` when the output is over three times as long (and 60+ characters more): text
    dropped, or text invented.

    >>> length_problem("Menteri itu datang ke Jakarta untuk bertemu pedagang.", "Hi.")
    'shorter'
    """
    n_src, n_out = len(source.strip()), len(output.strip())
    if n_src >= 40 and n_out < 0.35 * n_src:
        return "shorter"
    if n_out > 3 * n_src + 60:
        return "longer"
    return None


def _loop(text: str) -> Span | None:
    """The first run of 3+ back-to-back copies of the same 1-8 word sequence, or None.
    One scan per sequence length: linear in the text."""
    tokens = list(_WORD.finditer(text))
    low = [t[0].lower() for t in tokens]
    for n in range(1, _MAX_NGRAM + 1):
        run = 0
        for j in range(len(low) - n):
            run = run + 1 if low[j] == low[j + n] else 0
            if run >= 2 * n:  # tokens j-2n+1 .. j+n: the n-gram three times
                first = j - 2 * n + 1
                start, end = tokens[first].start(), tokens[j + n].end()
                return Span(text[start:end], start, end)
    return None


def repetition(output: str, source: str) -> Span | None:
    """Where ``output`` loops (the same words three or more times in a row) while ``source``
    does not, or None.

    >>> repetition("I'm sorry I'm sorry I'm sorry I'm sorry", "Maaf.")
    Span(text="I'm sorry I'm sorry I'm sorry", start=0, end=29)
    >>> repetition("Ogoh-ogoh parade.", "Parade ogoh-ogoh.") is None
    True
    """
    found = _loop(output)
    if found is None or _loop(source) is not None:
        return None
    return found
