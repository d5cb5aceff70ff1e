"""The Engine protocol: load a model once, then turn batches of source texts into output texts.

Engines know nothing about documents, sentences or batching policy: :mod:`ringkas.translation` and
:mod:`ringkas.summarization` hand them ready-made batches. A new backend (CTranslate2, ONNX ...) is a
class with these few members, registered in :mod:`ringkas.engines`.

>>> from ringkas.engines import load_engine
>>> from ringkas.models.cards import resolve
>>> engine = load_engine(resolve("tests/fixtures/fidelity-translate"), backend="transformers",
...                      device="cpu")
>>> isinstance(engine, Engine)
True
>>> engine.generate(["Menteri datang ke pasar.", "Harga beras naik."], None, GenerationOptions())
['Minister come to market.', 'Price rice rise.']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from ringkas.models.cards import ModelCard
from ringkas.models.languages import LanguagePlan

__all__ = ["Encodings", "Engine", "GenerationOptions", "auto_max_new_tokens", "model_inputs"]

S = TypeVar("S", bound=Sized)  # one text's encoding: token ids or token strings


@dataclass(frozen=True)
class GenerationOptions:
    """Decoding settings for one call; ``None`` means the engine's or model card's default.

    >>> GenerationOptions(num_beams=4, max_new_tokens=64)  # doctest: +NORMALIZE_WHITESPACE
    GenerationOptions(num_beams=4, max_new_tokens=64, min_new_tokens=None,
                      no_repeat_ngram_size=None, length_penalty=None, repetition_penalty=None)
    """

    num_beams: int = 1
    max_new_tokens: int | None = None
    min_new_tokens: int | None = None
    no_repeat_ngram_size: int | None = None
    length_penalty: float | None = None
    repetition_penalty: float | None = None


def auto_max_new_tokens(longest_input: int, ceiling: int) -> int:
    """Room for a translation of an input of ``longest_input`` tokens: 1.5x + 10, at most ``ceiling``.

    >>> auto_max_new_tokens(20, 512)
    40
    """
    return max(1, min(ceiling, int(longest_input * 1.5) + 10))


def model_inputs(
    tokenizer: Any, card: ModelCard, plan: LanguagePlan | None, texts: Sequence[str]
) -> tuple[list[str], str]:
    """The texts as the tokenizer must see them, and what else decides their encoding.

    Sets the tokenizer's source language where the family has one (NLLB, mBART, M2M100) and
    puts the card's and the plan's text prefixes in front (``"summarize: "``, ``"<2en> "``).

    >>> card = ModelCard(id="t5", family="t5", task="summarization", input_prefix="summarize: ")
    >>> model_inputs(object(), card, None, ["Harga naik."])
    (['summarize: Harga naik.'], '')
    """
    src_lang = plan.tokenizer_src_lang if plan is not None else None
    if src_lang is not None:
        tokenizer.src_lang = src_lang
    prefix = card.input_prefix + (plan.text_prefix if plan else "")
    return [prefix + t for t in texts], src_lang or ""


@runtime_checkable
class Engine(Protocol):
    """A loaded model that generates text. ``backend`` is e.g. ``"transformers"``.

    Any object with these members is an engine; a toy one that upper-cases its input:

    >>> from ringkas.models.cards import ModelCard
    >>> class Upper:
    ...     backend, device, dtype = "upper", "cpu", "float32"
    ...     card = ModelCard(id="upper", family="t5", task="translation")
    ...     def count_tokens(self, texts, plan): return [len(t.split()) for t in texts]
    ...     def generate(self, texts, plan, options): return [t.upper() for t in texts]
    >>> isinstance(Upper(), Engine), Upper().generate(["satu"], None, GenerationOptions())
    (True, ['SATU'])
    """

    backend: str
    card: ModelCard
    device: str
    dtype: str

    def count_tokens(self, texts: Sequence[str], plan: LanguagePlan | None) -> list[int]:
        """Source-side token counts, special tokens and language prefixes included (see the
        module example for a real engine)."""
        ...

    def generate(
        self, texts: Sequence[str], plan: LanguagePlan | None, options: GenerationOptions
    ) -> list[str]:
        """One output string per input text, in the same order."""
        ...


class Encodings(Generic[S]):
    """Tokenize each text once: what ``count_tokens`` encoded is kept for the ``generate`` call.

    Translation counts every sentence's tokens (to split and sort them), then generates them in
    batches; without this, each sentence would go through the (often pure-Python) tokenizer
    twice. ``context`` is whatever else changes the encoding (e.g. NLLB's source language).
    ``get(..., keep=False)`` hands the kept encodings out and forgets them. At most ``limit``
    tokens are kept in all (when more come, the old ones go), so what was counted but never
    generated (candidate chunks of a long article) cannot pile up (1M tokens: about 40 MB at most).

    >>> calls = []
    >>> def encode(texts):
    ...     calls.append(list(texts))
    ...     return [t.split() for t in texts]
    >>> memo = Encodings(encode)
    >>> memo.get(["a b", "c"], "", keep=True)
    [['a', 'b'], ['c']]
    >>> memo.get(["c", "d e"], "", keep=False), calls
    ([['c'], ['d', 'e']], [['a b', 'c'], ['d e']])
    >>> len(memo), memo.tokens
    (1, 2)
    >>> small = Encodings(encode, limit=3)
    >>> _ = small.get(["a b", "c", "d"], "", keep=True)
    >>> len(small), small.tokens
    (2, 3)
    """

    def __init__(self, encode: Callable[[list[str]], list[S]], limit: int = 1_000_000) -> None:
        self._encode, self._limit = encode, limit
        self._kept: dict[tuple[str, str], S] = {}
        self.tokens = 0  # tokens kept now

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, texts: Sequence[str], context: str, *, keep: bool) -> list[S]:
        """The encoding of each text, in order; ``keep`` them for a later call, or hand out
        and forget the kept ones."""
        keys = [(context, t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._kept))
        encoded = self._encode([t for _, t in missing]) if missing else []
        fresh = dict(zip(missing, encoded, strict=True))
        found = [self._kept[k] if k in self._kept else fresh[k] for k in keys]
        if keep:
            if self.tokens + sum(len(v) for v in fresh.values()) > self._limit:
                self._kept.clear()
                self.tokens = 0
            for key, value in fresh.items():
                if self.tokens + len(value) > self._limit:
                    break
                self._kept[key] = value
                self.tokens += len(value)
        else:
            for key in keys:
                if key in self._kept:
                    self.tokens -= len(self._kept.pop(key))
        return found
