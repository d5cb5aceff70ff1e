"""Every failure a user can cause, as a named exception that says what went wrong and what to do.

All ringkas errors derive from :class:`RingkasError`, so ``except RingkasError`` catches them all.
The command line prints their message on one line and exits with status 2.

>>> from ringkas.errors import InputError, RingkasError
>>> issubclass(InputError, RingkasError)
True
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "DatasetNotAvailableError",
    "EngineNotAvailableError",
    "InputError",
    "ModelLoadError",
    "ModelNotAvailableError",
    "NotSeq2SeqModelError",
    "RingkasError",
    "UnsupportedLanguageError",
]


class RingkasError(Exception):
    """Base class of every error ringkas raises on purpose."""


class InputError(RingkasError, ValueError):
    """The text (or file, or JSONL line) given to ringkas cannot be used as it is."""


class ConfigError(RingkasError, ValueError):
    """An argument or option has a value ringkas does not accept (e.g. ``max_words=0``)."""


class UnsupportedLanguageError(RingkasError, ValueError):
    """A language code is unknown, or the chosen model cannot handle that language pair."""


class ModelNotAvailableError(RingkasError, OSError):
    """The model is not on disk and cannot be downloaded (offline, or no such model)."""


class ModelLoadError(RingkasError, OSError):
    """The model directory exists but is incomplete or corrupt."""


class NotSeq2SeqModelError(ModelLoadError):
    """The model loads, but it is not an encoder-decoder (seq2seq) model ringkas can drive."""


class EngineNotAvailableError(RingkasError, ImportError):
    """The requested backend (e.g. CTranslate2) is not installed or cannot run this model."""


class DatasetNotAvailableError(RingkasError, OSError):
    """A dataset is not on disk and cannot be downloaded; the message says how to get it."""
