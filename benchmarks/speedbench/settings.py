"""What a speed run measures: its settings, the systems' names, and the output-length rule.

Standard library only: the worker side (:mod:`speedbench.worker`) imports this in the
transformers-4 virtualenv too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SYSTEMS: dict[str, str] = {
    "a": "transformers 4 pipeline",
    "b": "transformers 5 generate loop",
    "c": "ringkas + transformers",
    "c16": "ringkas + transformers fp16",
    "d": "ringkas + CTranslate2",
    "e": "raw CTranslate2",
}
TF4_VERSION = "4.57.6"
TF4_TORCH = "2.13.0"
TF4_PACKAGES = (
    f"torch=={TF4_TORCH}",
    f"transformers=={TF4_VERSION}",
    "sentencepiece",
    "sacremoses",
    "psutil",
)
CT2_README_ANCHOR = {
    "source": "CTranslate2 README, OPUS-MT En-De on CPU (4 threads), greedy",
    "transformers_tokens_per_s": 147,
    "ctranslate2_int8_tokens_per_s": 696,
    "speedup": 4.7,
}
SUMMARY_BACKENDS = ("transformers", "ctranslate2")


@dataclass
class Settings:
    """Everything that decides what is measured; written into the results' signature."""

    quick: bool = False
    device: str = "cpu"
    systems: list[str] = field(default_factory=lambda: ["a", "b", "c", "d", "e"])
    repeats: int = 3
    sweep_repeats: int = 1
    sentences: int = 300
    uniform_sentences: int = 128
    uniform_runs: int = 2  # the uniform corpus is short (seconds): the fastest of N runs
    max_new_tokens: int = 256
    length_ratio: float | None = 1.0  # None: every sentence gets max_new_tokens (reports < 0.2)
    num_beams: int = 1
    batch_size: int = 32
    batch_sizes: list[int] = field(default_factory=lambda: [8, 16, 32, 64])
    articles: int = 10
    summary: bool = True
    summary_articles: int = 4
    summary_join: int = 3
    summary_words: int = 24
    seed: int = 0
    threads: int = 1
    timeout_s: int = 3600


QUICK = Settings(
    quick=True,
    repeats=1,
    sentences=8,
    uniform_sentences=4,
    max_new_tokens=64,
    batch_size=8,
    batch_sizes=[4, 8],
    articles=1,
    summary_articles=1,
    summary_join=1,
    summary_words=4,
    timeout_s=600,
)
"""``--quick``: tiny models, a handful of sentences, one repeat (CI)."""


def target_length(source_tokens: int, ratio: float | None, ceiling: int) -> int:
    """Tokens written (EOS included) for a source of ``source_tokens`` tokens (specials included).

    The benchmark's stand-in for a trained model's output length: ``ratio`` times the source, at
    least 1 and at most ``ceiling``; ``ratio`` ``None`` means always ``ceiling``.

    >>> target_length(30, 1.0, 256), target_length(30, 1.5, 40), target_length(30, None, 48)
    (30, 40, 48)
    """
    if ratio is None:
        return ceiling
    return max(1, min(ceiling, round(ratio * source_tokens)))
