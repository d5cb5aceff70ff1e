"""Run many requests through an engine: deduplicate, sort by length, pack by tokens, restore order.

The one place that turns a list of model inputs into engine batches, shared by translation and
summarisation, so batch size never changes a result and the order always comes back as given.
Each text is encoded once (or its encoding is handed in by the caller, who encoded it to split
it); each batch is generated from those encodings.

>>> from ringkas.engines.base import Encoded
>>> class Echo:
...     backend, device, dtype = "echo", "cpu", "float32"
...     def encode(self, texts, plan): return [Encoded(tuple(t.split())) for t in texts]
...     def generate(self, texts, plan, options, *, encoded=None): return [t.upper() for t in texts]
>>> run_requests(Echo(), ["b b", "a", "b b"], None, GenerationOptions(), max_batch_tokens=2)
['B B', 'A', 'B B']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tqdm.auto import tqdm

from ringkas.engines.base import Encoded, Engine, GenerationOptions
from ringkas.errors import ConfigError
from ringkas.models.languages import LanguagePlan
from ringkas.text.chunk import pack_batches

__all__ = ["default_batch_tokens", "run_requests"]


def default_batch_tokens(device: str) -> int:
    """Padded tokens per batch when the user gives none: 2048 on CPU, 8192 on a GPU.

    >>> default_batch_tokens("cpu"), default_batch_tokens("cuda:0")
    (2048, 8192)
    """
    return 2048 if device == "cpu" else 8192


def run_requests(
    engine: Engine,
    texts: Sequence[str],
    lang: LanguagePlan | None,
    options: GenerationOptions,
    *,
    batch_size: int | None = None,
    max_batch_tokens: int | None = None,
    show_progress: bool = False,
    desc: str = "generating",
    unit: str = "sent",
    encoded: Mapping[str, Encoded] | None = None,
) -> list[str]:
    """One output per text, in the order given; identical texts are generated once.

    ``encoded`` holds encodings the caller already has (from ``engine.encode``), so no text is
    tokenized twice; the others are encoded here, in one call.

    ``batch_size`` caps texts per batch and ``max_batch_tokens`` padded tokens per batch
    (default :func:`default_batch_tokens`); neither changes the outputs. An engine that
    upper-cases its input:

    >>> from ringkas.engines.base import Encoded
    >>> class Upper:
    ...     backend, device, dtype = "upper", "cpu", "float32"
    ...     def encode(self, texts, plan): return [Encoded(tuple(t.split())) for t in texts]
    ...     def generate(self, texts, plan, options, *, encoded=None): return [t.upper() for t in texts]
    >>> run_requests(Upper(), ["satu dua", "tiga", "satu dua"], None, GenerationOptions(),
    ...              batch_size=1)
    ['SATU DUA', 'TIGA', 'SATU DUA']
    """
    if batch_size is not None and batch_size < 1:
        raise ConfigError(f"batch_size must be >= 1, got {batch_size}.")
    budget = (
        max_batch_tokens if max_batch_tokens is not None else default_batch_tokens(engine.device)
    )
    if budget < 1:
        raise ConfigError(f"max_batch_tokens must be >= 1, got {budget}.")
    unique = list(dict.fromkeys(texts))
    known = encoded or {}
    missing = [t for t in unique if t not in known]
    fresh = dict(zip(missing, engine.encode(missing, lang), strict=True)) if missing else {}
    encodings = [known[t] if t in known else fresh[t] for t in unique]
    outputs: dict[str, str] = {}
    with tqdm(total=len(unique), desc=desc, unit=unit, disable=not show_progress) as bar:
        lengths = [len(e) for e in encodings]
        for batch in pack_batches(lengths, max_batch_tokens=budget, batch_size=batch_size):
            sources = [unique[i] for i in batch]
            results = engine.generate(sources, lang, options, encoded=[encodings[i] for i in batch])
            outputs.update(zip(sources, results, strict=True))
            bar.update(len(batch))
    return [outputs[t] for t in texts]
