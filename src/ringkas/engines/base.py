"""The Engine protocol: load a model once, then turn batches of source texts into output texts.

Engines know nothing about documents, sentences or batching policy: :mod:`ringkas.translate` and
:mod:`ringkas.summarize` hand them ready-made batches. A new backend (CTranslate2, ONNX ...) is a
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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from ringkas.models.cards import ModelCard
from ringkas.models.languages import LanguagePlan

__all__ = ["Engine", "GenerationOptions", "auto_max_new_tokens"]


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
