"""The Engine protocol: load a model once, then turn batches of source texts into output texts.

Engines know nothing about documents, sentences or batching policy: :mod:`ringkas.translate` and
:mod:`ringkas.summarize` hand them ready-made batches. A new backend (CTranslate2, ONNX ...) is a
class with these few members, registered in :mod:`ringkas.engines`.
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
    """Decoding settings for one call; ``None`` means the engine's or model card's default."""

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
    """A loaded model that generates text. ``backend`` is e.g. ``"transformers"``."""

    backend: str
    card: ModelCard
    device: str
    dtype: str

    def count_tokens(self, texts: Sequence[str], plan: LanguagePlan | None) -> list[int]:
        """Source-side token counts, special tokens and language prefixes included."""
        ...

    def generate(
        self, texts: Sequence[str], plan: LanguagePlan | None, options: GenerationOptions
    ) -> list[str]:
        """One output string per input text, in the same order."""
        ...
