"""Run many requests through an engine: deduplicate, sort by length, pack by tokens, restore order.

The one place that turns a list of model inputs into engine batches, shared by translation and
summarisation, so batch size never changes a result and the order always comes back as given.
Each text is encoded once (or its encoding is handed in by the caller, who encoded it to split
it); each batch is generated from those encodings. What the engine found and retried is kept in
an :class:`~ringkas.engines.retry.Attempts` record: the caller's, or one made here and named in
one warning at the end.

>>> from ringkas.engines.base import Encoded
>>> class Echo:
...     backend, device, dtype = "echo", "cpu", "float32"
...     def encode(self, texts, plan): return [Encoded(tuple(t.split())) for t in texts]
...     def generate(self, texts, plan, options, *, encoded=None): return [t.upper() for t in texts]
>>> run_requests(Echo(), ["b b", "a", "b b"], None, GenerationOptions(), max_batch_tokens=2)
['B B', 'A', 'B B']
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Mapping, Sequence

from tqdm.auto import tqdm

from ringkas.engines.base import Encoded, Engine, GenerationOptions
from ringkas.engines.retry import Attempts
from ringkas.errors import ConfigError
from ringkas.models.languages import LanguagePlan
from ringkas.text.chunk import pack_batches

__all__ = ["default_batch_tokens", "run_requests"]

logger = logging.getLogger(__name__)


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
    attempts: Attempts | None = None,
) -> list[str]:
    """One output per text, in the order given; identical texts are generated once.

    ``attempts`` collects what the engine found and tried per text (an engine whose
    ``generate`` takes ``attempts=``, as ringkas's do), so a later retry in the same call decodes no
    text twice the same way; the caller then reports what is still degenerate. Without it, this
    call does, in one warning.

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
    record = attempts if attempts is not None else Attempts()
    # ringkas's engines take the record; an engine of the bare protocol gets texts only
    extra = {"attempts": record} if _takes_attempts(engine) else {}
    outputs: dict[str, str] = {}
    with tqdm(total=len(unique), desc=desc, unit=unit, disable=not show_progress) as bar:
        lengths = [len(e) for e in encodings]
        for batch in pack_batches(lengths, max_batch_tokens=budget, batch_size=batch_size):
            sources = [unique[i] for i in batch]
            rows = [encodings[i] for i in batch]
            results = engine.generate(sources, lang, options, encoded=rows, **extra)
            outputs.update(zip(sources, results, strict=True))
            bar.update(len(batch))
    if attempts is None:
        message = record.message(str(getattr(getattr(engine, "card", None), "id", engine.backend)))
        if message is not None:
            logger.warning("%s", message)
    return [outputs[t] for t in texts]


def _takes_attempts(engine: Engine) -> bool:
    """Whether ``engine.generate`` takes ``attempts=`` (ringkas's engines do)."""
    try:
        parameters = inspect.signature(engine.generate).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "attempts" or p.kind is p.VAR_KEYWORD for p in parameters)
