"""Fit text into a model's input budget without ever dropping any of it, and pack token batches.

:func:`split_to_budget` cuts a sentence that is too long for the model into pieces that fit: first
at sentence ends inside it, then at clause boundaries (``,`` ``;`` ``:`` and dashes), then at word
boundaries by token windows, and only for a single enormous "word" (a URL, a hash) at character
windows. Concatenating the pieces with their ``separators`` gives back the input exactly.

:func:`pack_by_sentences` groups whole sentences into chunks under a budget (for summarising long
articles), and :func:`pack_batches` sorts requests by length and packs them into batches by a
token budget (padding included), the way EasyNMT should have.

>>> count = lambda s: len(s.split())
>>> split_to_budget("satu dua tiga, empat lima enam tujuh", count, 3).pieces
['satu dua tiga,', 'empat lima enam', 'tujuh']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Split", "pack_batches", "pack_by_sentences", "split_to_budget"]

TokenCounter = Callable[[str], int]

_SENTENCE_CUT = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"”’')\]]))\s+")
_CLAUSE_CUT = re.compile(r"(?<=[,;:])\s+|\s+(?=[-–—]\s)")
_WORD_CUT = re.compile(r"\s+")


@dataclass(frozen=True)
class Split:
    """Pieces of one text and the whitespace between them: ``len(separators) == len(pieces) - 1``.

    >>> split = Split(["Harga naik,", "pedagang mengeluh."], [" "])
    >>> split.join()
    'Harga naik, pedagang mengeluh.'
    >>> split.join(["Prices rose,", "traders complained."])
    'Prices rose, traders complained.'
    """

    pieces: list[str]
    separators: list[str]

    def join(self, replacements: Sequence[str] | None = None) -> str:
        """Rebuild the text, optionally with each piece replaced (e.g. by its translation)."""
        parts = list(self.pieces if replacements is None else replacements)
        if len(parts) != len(self.pieces):
            raise ValueError(f"join: {len(self.pieces)} pieces but {len(parts)} replacements")
        out = [parts[0]]
        for sep, part in zip(self.separators, parts[1:], strict=True):
            out.append(sep)
            out.append(part)
        return "".join(out)


def _cut(text: str, pattern: re.Pattern[str]) -> tuple[list[str], list[str]]:
    """Split ``text`` at the matches of ``pattern``, returning the parts and the matched gaps."""
    parts: list[str] = []
    gaps: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        if match.start() == 0 or match.end() == len(text) or match.start() == pos:
            continue
        parts.append(text[pos : match.start()])
        gaps.append(match.group(0))
        pos = match.end()
    parts.append(text[pos:])
    return parts, gaps


def _char_windows(text: str, count: TokenCounter, budget: int) -> Split:
    """Cut one unbreakable string into the longest character windows that fit the budget.

    Each window is found by probing only a little past it (see :func:`_longest_fitting`), never
    the whole remaining text, so a 64 KB base64 blob costs O(n log w) counted characters for
    windows of w characters instead of O(n²/w).
    """
    pieces: list[str] = []
    pos = 0
    guess = budget  # first guess: about one character per token; then the last window's length
    while pos < len(text):
        length = _longest_fitting(text, pos, count, budget, guess)
        pieces.append(text[pos : pos + length])
        pos += length
        guess = length
    return Split(pieces, [""] * (len(pieces) - 1))


def _longest_fitting(text: str, pos: int, count: TokenCounter, budget: int, guess: int) -> int:
    """The length of the longest window ``text[pos:pos + n]`` that fits (at least 1).

    An exponential search around ``guess``: steps of 1, 2, 4 ... away from it until the answer
    is bracketed, then a binary search inside the bracket. A good guess (windows of a blob tend
    to have similar lengths) costs two probes; every probe is at most about twice the answer or
    the guess, never the rest of the text.
    """
    left = len(text) - pos

    def fits(n: int) -> bool:
        return count(text[pos : pos + n]) <= budget

    # invariant: text[pos:pos+lo] fits (one character always goes through, as in a tokenizer
    # that cannot cut it) and text[pos:pos+hi] does not, hi == left + 1 meaning "past the end"
    lo, hi = 1, left + 1
    probe, step = max(1, min(guess, left)), 1
    if fits(probe):
        lo = probe
        while lo < left:
            probe = min(lo + step, left)
            if not fits(probe):
                hi = probe
                break
            lo, step = probe, 2 * step
        else:
            return lo
    else:
        hi = probe
        while hi - step > 1:
            probe = hi - step
            if fits(probe):
                lo = probe
                break
            hi, step = probe, 2 * step
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid
    return lo


_LEVELS = (_SENTENCE_CUT, _CLAUSE_CUT, _WORD_CUT)


def split_to_budget(text: str, count: TokenCounter, budget: int, *, _level: int = 0) -> Split:
    """Split ``text`` into pieces of at most ``budget`` tokens each, as ``count`` measures them.

    Neighbouring parts are packed greedily, so pieces are as long as the budget allows. Nothing
    is ever dropped: ``split_to_budget(t, ...).join() == t``.

    >>> s = split_to_budget("Ani pergi. Budi pulang dan tidur.", lambda t: len(t.split()), 3)
    >>> s.pieces, s.join()
    (['Ani pergi.', 'Budi pulang dan', 'tidur.'], 'Ani pergi. Budi pulang dan tidur.')
    """
    if budget < 1:
        raise ValueError(f"split_to_budget: budget must be at least 1 token, got {budget}")
    if count(text) <= budget:
        return Split([text], [])
    for level in range(_level, len(_LEVELS)):  # the first level that cuts it
        parts, gaps = _cut(text, _LEVELS[level])
        if len(parts) > 1:
            return _pack(parts, gaps, count, budget, level + 1)
    return _char_windows(text, count, budget)


def _pack(
    parts: list[str], gaps: list[str], count: TokenCounter, budget: int, next_level: int
) -> Split:
    """Greedily join neighbouring parts while they fit; split what does not at ``next_level``."""
    pieces: list[str] = []
    separators: list[str] = []
    current = parts[0]
    for gap, part in zip(gaps, parts[1:], strict=True):
        candidate = current + gap + part
        if count(candidate) <= budget:
            current = candidate
            continue
        _extend(pieces, separators, split_to_budget(current, count, budget, _level=next_level))
        separators.append(gap)
        current = part
    _extend(pieces, separators, split_to_budget(current, count, budget, _level=next_level))
    return Split(pieces, separators)


def _extend(pieces: list[str], separators: list[str], split: Split) -> None:
    pieces.extend(split.pieces)
    separators.extend(split.separators)


def pack_by_sentences(
    sentences: Sequence[str], count: TokenCounter, budget: int, *, joiner: str = " "
) -> list[str]:
    """Greedily join consecutive sentences into chunks of at most ``budget`` tokens.

    A sentence longer than the budget on its own is split with :func:`split_to_budget`.

    >>> pack_by_sentences(["A b.", "C d.", "E f g h i."], lambda t: len(t.split()), 4)
    ['A b. C d.', 'E f g h', 'i.']
    """
    chunks: list[str] = []
    current = ""
    for sentence in sentences:
        candidate = f"{current}{joiner}{sentence}" if current else sentence
        if count(candidate) <= budget:
            current = candidate
            continue
        if current:
            chunks.append(current)
        if count(sentence) <= budget:
            current = sentence
        else:
            chunks.extend(split_to_budget(sentence, count, budget).pieces)
            current = ""
    if current:
        chunks.append(current)
    return chunks


def pack_batches(
    lengths: Sequence[int], *, max_batch_tokens: int, batch_size: int | None = None
) -> list[list[int]]:
    """Group request indices into batches, longest first, under a padded token budget.

    A batch costs ``len(batch) * longest`` tokens (what padding makes the model process); it holds
    at most ``batch_size`` requests when that is given. A request longer than the budget gets a
    batch of its own. Every index appears exactly once.

    >>> pack_batches([5, 1, 3, 2], max_batch_tokens=6)
    [[0], [2, 3], [1]]
    """
    if max_batch_tokens < 1:
        raise ValueError(f"pack_batches: max_batch_tokens must be >= 1, got {max_batch_tokens}")
    if batch_size is not None and batch_size < 1:
        raise ValueError(f"pack_batches: batch_size must be >= 1, got {batch_size}")
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for index in order:
        longest_if_added = max(longest, lengths[index])
        full = batch_size is not None and len(current) >= batch_size
        if current and (full or longest_if_added * (len(current) + 1) > max_batch_tokens):
            batches.append(current)
            current, longest_if_added = [], lengths[index]
        current.append(index)
        longest = longest_if_added
    if current:
        batches.append(current)
    return batches
