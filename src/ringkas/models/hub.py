"""Find a checkpoint on disk: a local directory as is, or a Hugging Face model fetched into the cache.

Offline (``HF_HUB_OFFLINE=1``, or no network) a model that is not in the cache fails fast with a
:class:`~ringkas.errors.ModelNotAvailableError` that names the model, the cache directory and the
command that prepares it on a machine with network.

>>> from ringkas.models.cards import resolve
>>> fetch(resolve("Helsinki-NLP/opus-mt-id-en")) # doctest: +SKIP
PosixPath('/home/me/.cache/huggingface/hub/models--Helsinki-NLP--opus-mt-id-en/snapshots/...')
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path

from ringkas.errors import ModelNotAvailableError
from ringkas.models.cards import ModelCard, card_from_directory

__all__ = ["cache_dir", "fetch", "is_offline", "resolve_local"]

logger = logging.getLogger(__name__)

_PATTERNS = ["*.json", "*.model", "*.spm", "*.txt", "*.safetensors", "*.tiktoken"]


def cache_dir() -> Path:
    """The Hugging Face hub cache that ringkas reads and fills (``HF_HUB_CACHE``/``HF_HOME``).

    >>> from huggingface_hub import constants
    >>> cache_dir() == Path(constants.HF_HUB_CACHE)
    True
    """
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def is_offline() -> bool:
    """True when the user asked for no network (``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE``).

    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"HF_HUB_OFFLINE": "1"}):
    ...     is_offline()
    True
    >>> with mock.patch.dict(os.environ, {"HF_HUB_OFFLINE": "0", "TRANSFORMERS_OFFLINE": ""}):
    ...     is_offline()
    False
    """
    return any(
        os.environ.get(var, "").strip().lower() in ("1", "true", "yes", "on")
        for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")
    )


def _not_available(card: ModelCard, reason: str) -> ModelNotAvailableError:
    return ModelNotAvailableError(
        f"Model {card.id!r} is not available: {reason}. Cache directory: {cache_dir()}. "
        f"On a machine with network run `hf download {card.id}` (or any ringkas call once) and "
        f"copy the cache here, or pass model=<local directory saved with save_pretrained()>."
    )


def fetch(card: ModelCard) -> Path:
    """Return a local directory holding ``card``'s checkpoint, downloading it if allowed.

    A local card is returned as it is; offline, a model missing from the cache fails at once:

    >>> from unittest import mock
    >>> from ringkas.models.cards import resolve
    >>> fetch(resolve("tests/fixtures/fidelity-translate")).as_posix()
    'tests/fixtures/fidelity-translate'
    >>> with mock.patch.dict(os.environ, {"HF_HUB_OFFLINE": "1"}):
    ...     fetch(resolve("ringkas-docs/no-such-model"))
    Traceback (most recent call last):
    ...
    ringkas.errors.ModelNotAvailableError: Model 'ringkas-docs/no-such-model' is not available: it is not in the cache and HF_HUB_OFFLINE is set. Cache directory: ...
    """
    if card.path is not None:
        return card.path
    try:
        from huggingface_hub import hf_hub_download, snapshot_download
        from huggingface_hub.errors import (
            EntryNotFoundError,
            HfHubHTTPError,
            LocalEntryNotFoundError,
            RepositoryNotFoundError,
        )
    except ImportError as exc:  # pragma: no cover - huggingface_hub is a dependency
        raise _not_available(card, "huggingface_hub is not installed") from exc
    offline = is_offline()
    try:
        folder = Path(
            snapshot_download(
                card.id,
                revision=card.revision,
                allow_patterns=_PATTERNS,
                local_files_only=offline,
            )
        )
        if not any(folder.glob("*.safetensors")) and not (folder / "pytorch_model.bin").exists():
            hf_hub_download(
                card.id, "pytorch_model.bin", revision=card.revision, local_files_only=offline
            )
    except RepositoryNotFoundError as exc:
        raise _not_available(card, "no such model on the Hugging Face hub (check the id)") from exc
    except (LocalEntryNotFoundError, EntryNotFoundError) as exc:
        why = "it is not in the cache and HF_HUB_OFFLINE is set" if offline else str(exc)
        raise _not_available(card, why) from exc
    except (HfHubHTTPError, OSError, ValueError) as exc:
        raise _not_available(card, f"download failed ({type(exc).__name__}: {exc})") from exc
    logger.info("Model %s is at %s", card.id, folder)
    return folder


def resolve_local(card: ModelCard) -> ModelCard:
    """Fetch ``card``'s checkpoint and return the card with ``path`` set (and, for hub ids ringkas
    has no card for, with family/task/budget read from the checkpoint).

    >>> from ringkas.models.cards import resolve
    >>> card = resolve_local(resolve("tests/fixtures/fidelity-translate"))
    >>> card.path.as_posix(), card.task
    ('tests/fixtures/fidelity-translate', 'translation')

    A GGUF card (a ``.gguf`` file, or a hub repo with ``gguf_file``) comes back pointing at the
    file's dequantized checkpoint in ringkas's cache (:func:`ringkas.models.gguf.dequantize`).
    """
    if card.gguf_file is not None and (card.path is None or card.path.is_file()):
        return _resolve_gguf(card)
    if card.path is not None:
        return card
    folder = fetch(card)
    if card.family == "auto":
        inferred = card_from_directory(folder, model_id=card.id)
        return inferred
    return card.with_path(folder)


def _resolve_gguf(card: ModelCard) -> ModelCard:
    from ringkas.models.gguf import dequantize

    source = card.path
    if source is None:  # a hub repo with gguf_file: fetch that one file
        try:
            from huggingface_hub import hf_hub_download
            from huggingface_hub.errors import HfHubHTTPError, LocalEntryNotFoundError

            source = Path(
                hf_hub_download(
                    card.id,
                    str(card.gguf_file),
                    revision=card.revision,
                    local_files_only=is_offline(),
                )
            )
        except (LocalEntryNotFoundError, HfHubHTTPError, OSError, ValueError) as exc:
            raise _not_available(card, f"{card.gguf_file} could not be fetched ({exc})") from exc
    folder = dequantize(source)
    if card.family == "auto":
        inferred = card_from_directory(folder, model_id=card.id)
        return replace(inferred, gguf_file=card.gguf_file)
    return card.with_path(folder)
