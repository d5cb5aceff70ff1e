"""Backends that run models, and the one bounded cache of loaded ones.

:func:`load_engine` picks a backend (``"auto"``: CTranslate2 when installed and able to run the
family, transformers otherwise, and transformers with a warning when CTranslate2 fails to load or
to run on the device), loads the model once, and keeps the last few loaded models
(``RINGKAS_MODEL_CACHE_SIZE``, default 2) keyed by (model, backend, device, dtype). Seq2seq cards
get :mod:`ringkas.engines.hf` or :mod:`ringkas.engines.ct2`; causal LM cards (``architecture =
"causal"``) get :mod:`ringkas.engines.llm` on the same two backends. Cached engines are shared by
every ``Translator``/``Summarizer`` (and thread) that asks for the same model: they hold no
per-call state.

>>> from ringkas.engines import BACKENDS
>>> BACKENDS
('auto', 'transformers', 'ctranslate2')
"""

from __future__ import annotations

import logging
import os
from collections import OrderedDict
from threading import Lock

from ringkas.engines.base import Encoded, Engine, GenerationOptions
from ringkas.errors import (
    ConfigError,
    EngineNotAvailableError,
    ModelLoadError,
    ModelNotAvailableError,
)
from ringkas.models.cards import ModelCard

__all__ = ["BACKENDS", "Encoded", "Engine", "GenerationOptions", "clear_cache", "load_engine"]

logger = logging.getLogger(__name__)

BACKENDS = ("auto", "transformers", "ctranslate2")
_CACHE: OrderedDict[tuple[str, str, str | None, str | None], Engine] = OrderedDict()
_LOCK = Lock()
# (model, device, dtype) that CTranslate2 failed to load or run: "auto" goes straight to
# transformers for them, instead of failing (and warning) again on every call.
_CT2_FAILED: set[tuple[str, str | None, str | None]] = set()


def _cache_size() -> int:
    try:
        return max(1, int(os.environ.get("RINGKAS_MODEL_CACHE_SIZE", "2")))
    except ValueError:
        return 2


def _choose_backend(card: ModelCard, backend: str) -> str:
    if backend not in BACKENDS:
        raise ConfigError(f"backend must be one of {BACKENDS}, got {backend!r}.")
    if backend != "auto":
        return backend
    from ringkas.engines import ct2

    if ct2.is_available() and ct2.supports(card):
        return "ctranslate2"
    return "transformers"


def load_engine(
    card: ModelCard, *, backend: str = "auto", device: str | None = None, dtype: str | None = None
) -> Engine:
    """A loaded engine for ``card``, from the cache when the same one was loaded before.

    >>> from ringkas.models.cards import resolve
    >>> card = resolve("tests/fixtures/fidelity-translate")
    >>> engine = load_engine(card, backend="transformers", device="cpu")
    >>> engine.backend, engine.device, engine.dtype
    ('transformers', 'cpu', 'float32')
    >>> load_engine(card, backend="transformers", device="cpu") is engine
    True
    """
    chosen = _choose_backend(card, backend)
    model = str(card.path or card.id)
    if backend == "auto" and (model, device, dtype) in _CT2_FAILED:
        chosen = "transformers"
    key = (model, chosen, device, dtype)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    engine: Engine | None = None
    if chosen == "ctranslate2":
        engine = _load_ct2(card, device, dtype, fall_back=backend == "auto")
        if engine is None:
            _CT2_FAILED.add((model, device, dtype))
            chosen = "transformers"
            key = (model, chosen, device, dtype)
    if engine is None and card.is_causal:
        from ringkas.engines.llm import LLMEngine

        engine = LLMEngine(card, device=device, dtype=dtype)
    elif engine is None:
        from ringkas.engines.hf import HFEngine

        engine = HFEngine(card, device=device, dtype=dtype)
    logger.info("backend=%s chosen for %s (asked: %s)", chosen, card.id, backend)
    with _LOCK:
        _CACHE[key] = engine
        while len(_CACHE) > _cache_size():
            _CACHE.popitem(last=False)
    return engine


def _load_ct2(
    card: ModelCard, device: str | None, dtype: str | None, *, fall_back: bool
) -> Engine | None:
    """The CTranslate2 engine; with ``fall_back`` (``backend="auto"``), ``None`` when it cannot
    load or run here, after a warning that says why.

    On a GPU, one token is generated first: a CUDA library that CTranslate2's wheel needs and
    the machine lacks (e.g. CUDA 12's cuBLAS on a CUDA 13 machine) only shows up then.
    """
    from ringkas.engines.ct2 import CT2Engine

    try:
        if card.is_causal:
            from ringkas.engines.llm import CT2LLMEngine

            engine: Engine = CT2LLMEngine(card, device=device, compute_type=dtype)
        else:
            engine = CT2Engine(card, device=device, compute_type=dtype)
        if engine.device != "cpu":
            engine.generate(["."], None, GenerationOptions(max_new_tokens=1))
    except ModelNotAvailableError:
        raise  # no model at all: transformers would fail the same way
    except (EngineNotAvailableError, ModelLoadError, ConfigError) as exc:
        if not fall_back:
            raise
        logger.warning(
            "CTranslate2 cannot run %s here (%s); using transformers instead. Pass "
            "backend='transformers' to skip this attempt.",
            card.id,
            exc,
        )
        return None
    return engine


def clear_cache() -> None:
    """Forget every loaded model (frees their memory once nothing else holds them).

    >>> from ringkas.models.cards import resolve
    >>> card = resolve("tests/fixtures/fidelity-translate")
    >>> engine = load_engine(card, backend="transformers", device="cpu")
    >>> clear_cache()
    >>> load_engine(card, backend="transformers", device="cpu") is engine
    False
    """
    with _LOCK:
        _CACHE.clear()
        _CT2_FAILED.clear()
