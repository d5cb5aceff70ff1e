"""The other decodings a sentence is tried with, and the record of what one call tried.

One list (:data:`RETRY_DECODINGS`) serves both retries of a translate call: the engine's, for a
degenerate output (:mod:`ringkas.text.degenerate`: empty, truncated, runaway, looping, still
Indonesian, a leaked prompt), and the faithfulness guard's, for a flagged one
(:mod:`ringkas.guard`). An :class:`Attempts` record, made per call (never kept in an engine),
holds the decodings each text was generated with, so neither retry decodes a text again with
options it already had: the engine retries with the last variant not yet tried, the guard
skips the variants the engine used.

>>> from ringkas.engines.base import GenerationOptions
>>> [(v.num_beams, v.no_repeat_ngram_size) for v in retry_variants(GenerationOptions())]
[(4, None), (4, 3)]
>>> attempts = Attempts()
>>> attempts.record(["Harga naik."], [Generated("Prices", found=("truncated",),
...                 tried=(decoding_key(GenerationOptions()),))])
>>> attempts.covers(["Harga naik."], GenerationOptions()), attempts.covers(["Harga naik."],
...     retry_variants(GenerationOptions())[0])
(True, False)
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ringkas.engines.base import GenerationOptions

__all__ = [
    "RETRY_DECODINGS",
    "Attempts",
    "Generated",
    "Key",
    "decoding_key",
    "describe",
    "next_variant",
    "retry_variants",
]

#: The other decodings, in the order a retry tries them: beam search, then beam search that
#: may not repeat a 3-gram and pays for repeating a token. The beam width is at least 4 and
#: never narrower than the call's own.
RETRY_DECODINGS: tuple[dict[str, Any], ...] = (
    {"num_beams": 4},
    {"num_beams": 4, "no_repeat_ngram_size": 3, "repetition_penalty": 1.3},
)
#: What a decoding is, for "was this text already generated like this?": every option but the
#: ones that only add words to an LLM's prompt.
_PROMPT_ONLY = ("hints", "glossary")

Key = tuple[tuple[str, Any], ...]


def decoding_key(options: GenerationOptions) -> Key:
    """What makes two decodings the same: every option but ``hints`` and ``glossary``.

    >>> from ringkas.engines.base import GenerationOptions
    >>> decoding_key(GenerationOptions(hints=("30",))) == decoding_key(GenerationOptions())
    True
    """
    return tuple(
        (f.name, getattr(options, f.name))
        for f in dataclasses.fields(options)
        if f.name not in _PROMPT_ONLY
    )


def retry_variants(options: GenerationOptions) -> list[GenerationOptions]:
    """``options`` changed by each of :data:`RETRY_DECODINGS`, in order (a variant equal to
    ``options`` itself is left out).

    >>> from ringkas.engines.base import GenerationOptions
    >>> [v.num_beams for v in retry_variants(GenerationOptions(num_beams=6))]
    [6]
    """
    out = []
    for change in RETRY_DECODINGS:
        fields = dict(change)
        fields["num_beams"] = max(int(fields.get("num_beams", 1)), options.num_beams)
        variant = dataclasses.replace(options, **fields)
        if decoding_key(variant) != decoding_key(options):
            out.append(variant)
    return out


def next_variant(options: GenerationOptions, tried: Iterable[Key]) -> GenerationOptions | None:
    """The decoding the engine retries a degenerate output with: the last (strongest against
    loops) of :func:`retry_variants` that ``tried`` does not hold; ``None`` when all were tried.

    >>> from ringkas.engines.base import GenerationOptions
    >>> first, second = retry_variants(GenerationOptions())
    >>> next_variant(GenerationOptions(), []) == second
    True
    >>> next_variant(GenerationOptions(), [decoding_key(second)]) == first
    True
    """
    done = set(tried) | {decoding_key(options)}
    for variant in reversed(retry_variants(options)):
        if decoding_key(variant) not in done:
            return variant
    return None


def describe(options: GenerationOptions) -> str:
    """The decoding options that are set, as ``name=value`` (for warnings).

    >>> from ringkas.engines.base import GenerationOptions
    >>> describe(retry_variants(GenerationOptions())[1])
    'num_beams=4, no_repeat_ngram_size=3, repetition_penalty=1.3'
    """
    names = ("num_beams", "no_repeat_ngram_size", "repetition_penalty", "length_penalty")
    return ", ".join(
        f"{n}={getattr(options, n)}" for n in names if getattr(options, n) not in (None, 1)
    )


@dataclass(frozen=True)
class Generated:
    """One output and how it came about: the degenerate kinds the first decoding showed
    (``found``), those the returned ``text`` still shows (``kinds``), and the decodings
    (:func:`decoding_key`) it was generated with, in order (``tried``).

    >>> Generated("Prices rose.").ok
    True
    """

    text: str
    found: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tried: tuple[Key, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the returned text shows no degenerate kind."""
        return not self.kinds


class Attempts:
    """What one call's engine calls did, per input text: the decodings tried and the first
    result. Made per call and passed along (:func:`ringkas.batching.run_requests`), never kept
    in an engine, so engines stay shareable between threads.

    >>> attempts = Attempts()
    >>> attempts.record(["Harga naik."], [Generated("Prices rose to 202", found=("truncated",),
    ...                 kinds=("truncated",))])
    >>> attempts.message("m")
    "m: 1 output(s) still degenerate after a retry with other decoding: 'Harga naik.' (truncated). They are returned as they are (a leaked prompt as an empty string); check them, or use a stronger model or a larger max_new_tokens."
    """

    def __init__(self) -> None:
        self._tried: dict[str, list[Key]] = {}
        self._first: dict[str, Generated] = {}

    def tried(self, text: str) -> tuple[Key, ...]:
        """The decodings ``text`` was generated with so far.

        >>> Attempts().tried("Harga naik.")
        ()
        """
        return tuple(self._tried.get(text, ()))

    def covers(self, texts: Sequence[str], options: GenerationOptions) -> bool:
        """True when every one of ``texts`` was already generated with ``options``' decoding.

        >>> from ringkas.engines.base import GenerationOptions
        >>> Attempts().covers(["Harga naik."], GenerationOptions())
        False
        """
        key = decoding_key(options)
        return bool(texts) and all(key in self._tried.get(t, ()) for t in texts)

    def record(self, texts: Sequence[str], rows: Sequence[Generated]) -> None:
        """Add what generating ``texts`` gave (``rows``, one per text)."""
        for text, row in zip(texts, rows, strict=True):
            known = self._tried.setdefault(text, [])
            known.extend(k for k in row.tried if k not in known)
            self._first.setdefault(text, row)

    def found(self) -> Counter[str]:
        """Degenerate kinds the engine found in the first output of each text.

        >>> attempts = Attempts()
        >>> attempts.record(["a", "b"], [Generated("x", found=("truncated",)), Generated("y")])
        >>> attempts.found()
        Counter({'truncated': 1})
        """
        return Counter(kind for row in self._first.values() for kind in row.found)

    def still(self) -> list[tuple[str, Generated]]:
        """The texts whose first returned output is still degenerate after the engine's retry.

        >>> attempts = Attempts()
        >>> attempts.record(["a"], [Generated("x", found=("truncated",))])  # the retry fixed it
        >>> attempts.still()
        []
        """
        return [(t, row) for t, row in self._first.items() if not row.ok]

    def message(self, model: str) -> str | None:
        """One warning line naming the outputs still degenerate (``None`` when there are none)."""
        still = self.still()
        if not still:
            return None
        named = "; ".join(f"{_short(t)!r} ({', '.join(row.kinds)})" for t, row in still)
        return (
            f"{model}: {len(still)} output(s) still degenerate after a retry with other "
            f"decoding: {named}. They are returned as they are (a leaked prompt as an empty "
            f"string); check them, or use a stronger model or a larger max_new_tokens."
        )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
