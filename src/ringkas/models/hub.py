"""Find a checkpoint on disk: a local directory as is, or a Hugging Face model fetched into the cache.

Offline (``HF_HUB_OFFLINE=1``, or no network) a model that is not in the cache fails fast with a
:class:`~ringkas.errors.ModelNotAvailableError` that names the model, the cache directory and the
command that prepares it on a machine with network.

>>> from ringkas.models.cards import resolve
>>> fetch(resolve("Helsinki-NLP/opus-mt-id-en")) # doctest: +SKIP
PosixPath('/home/me/.cache/huggingface/hub/models--Helsinki-NLP--opus-mt-id-en/snapshots/...')
"""

from __future__ import annotations

import fnmatch
import logging
import os
from dataclasses import replace
from pathlib import Path

from ringkas.errors import ModelNotAvailableError
from ringkas.models.cards import ModelCard, card_from_directory

__all__ = [
    "cache_dir",
    "fetch",
    "hub_timeout",
    "is_offline",
    "is_timeout",
    "network_errors",
    "resolve_local",
]

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


def hub_timeout() -> float:
    """Seconds ringkas waits for any one answer from the hub: ``HF_HUB_ETAG_TIMEOUT`` (read at
    each call, so it can be set after import), else huggingface_hub's default of 10. Every hub
    request ringkas makes is bounded by it: a hub that accepts connections and never answers
    gives a :class:`ModelNotAvailableError`, not a hang.

    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"HF_HUB_ETAG_TIMEOUT": "2.5"}):
    ...     hub_timeout()
    2.5
    """
    from huggingface_hub import constants

    value = os.environ.get("HF_HUB_ETAG_TIMEOUT", "").strip()
    try:
        seconds = float(value) if value else float(constants.HF_HUB_ETAG_TIMEOUT)
    except ValueError:
        seconds = float(constants.DEFAULT_ETAG_TIMEOUT)
    return seconds if seconds > 0 else float(constants.DEFAULT_ETAG_TIMEOUT)


def _endpoint() -> str:
    from huggingface_hub import constants

    return str(constants.ENDPOINT)


def _not_available(card: ModelCard, reason: str) -> ModelNotAvailableError:
    fix = (
        f"On a machine with network run `hf download {card.id}` (or any ringkas call once) and "
        f"copy the cache here, or pass model=<local directory saved with save_pretrained()>."
    )
    folder = Path(card.id).expanduser()
    if card.family == "auto" and not folder.exists():  # a name the user typed: maybe a folder
        return ModelNotAvailableError(
            f"Model {card.id!r} is not available: there is no such directory "
            f"({folder.absolute()} does not exist), and as a hub model: {reason}. If it is a "
            f"folder, check the path. Cache directory: {cache_dir()}. {fix}"
        )
    return ModelNotAvailableError(
        f"Model {card.id!r} is not available: {reason}. Cache directory: {cache_dir()}. {fix}"
    )


def _one_line(exc: BaseException) -> str:
    """An upstream error as one short line of ours (its first line, without trailing dots)."""
    first = (str(exc).strip().splitlines() or [""])[0].rstrip(". ")
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def network_errors() -> tuple[type[BaseException], ...]:
    """What the hub client raises when the network fails or a request times out (for
    ``except``; the HTTP client's transport errors included when it is installed).

    >>> ConnectionError in network_errors() and TimeoutError in network_errors()
    True
    """
    import importlib

    errors: list[type[BaseException]] = [ConnectionError, TimeoutError]
    for name in ("httpx2", "httpx"):
        try:
            errors.append(importlib.import_module(name).TransportError)
        except (ImportError, AttributeError):
            continue
    return tuple(errors)


def is_timeout(exc: BaseException) -> bool:
    """Whether a network error from :func:`network_errors` is a request that timed out (rather
    than one that could not connect).

    >>> is_timeout(TimeoutError()), is_timeout(ConnectionRefusedError())
    (True, False)
    """
    return isinstance(exc, TimeoutError) or "timeout" in type(exc).__name__.lower()


def _from_cache(card: ModelCard, revision: str | None) -> Path | None:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import EntryNotFoundError

    try:
        return Path(
            snapshot_download(
                card.id, revision=revision, allow_patterns=_PATTERNS, local_files_only=True
            )
        )
    except (EntryNotFoundError, OSError, ValueError):
        return None


def _weights_and_tokenizer(names: list[str]) -> list[str]:
    """The files of a hub repository that ringkas needs (config, tokenizer, weights)."""
    wanted = [n for n in names if any(fnmatch.fnmatch(n, p) for p in _PATTERNS)]
    if not any(n.endswith(".safetensors") for n in wanted) and "pytorch_model.bin" in names:
        wanted.append("pytorch_model.bin")
    return wanted


def _download(card: ModelCard) -> Path:
    """Fetch ``card``'s files with every request bounded by :func:`hub_timeout` (the hub
    client's own listing calls have no timeout, so the file list comes from one bounded
    ``model_info`` call, and each file from ``hf_hub_download``)."""
    from huggingface_hub import HfApi, hf_hub_download
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    timeout = hub_timeout()
    failures: tuple[type[BaseException], ...] = (*network_errors(), HfHubHTTPError)
    logger.info(
        "fetching %s from the hub (%s; waiting at most %gs for each answer)",
        card.id, _endpoint(), timeout,
    )  # fmt: skip
    try:
        info = HfApi().model_info(card.id, revision=card.revision, timeout=timeout)
        names = [s.rfilename for s in info.siblings or []]
        for name in _weights_and_tokenizer(names):
            logger.info("fetching %s/%s", card.id, name)
            hf_hub_download(card.id, name, revision=info.sha, etag_timeout=timeout)
    except GatedRepoError as exc:
        raise _not_available(
            card, "it is gated: accept its terms on its hub page, then log in with `hf auth login`"
        ) from exc
    except RepositoryNotFoundError as exc:
        raise _not_available(card, "no such model on the Hugging Face hub (check the id)") from exc
    except RevisionNotFoundError as exc:
        raise _not_available(card, f"the hub has no revision {card.revision!r} of it") from exc
    except failures as exc:
        cached = _from_cache(card, card.revision)
        if cached is not None:
            logger.warning(
                "The hub did not answer for %s (%s); using the cached copy.",
                card.id,
                _one_line(exc),
            )
            return cached
        if isinstance(exc, HfHubHTTPError):
            why = f"the hub at {_endpoint()} refused the download ({_one_line(exc)})"
        elif is_timeout(exc):
            why = (
                f"the hub at {_endpoint()} did not answer within {timeout:g}s (HF_HUB_ETAG_TIMEOUT) "
                f"and it is not in the cache"
            )
        else:
            why = f"the hub at {_endpoint()} cannot be reached and it is not in the cache"
        raise _not_available(card, why) from exc
    folder = _from_cache(card, info.sha)
    if folder is None:  # pragma: no cover - every file was just downloaded
        raise _not_available(card, "the download left no snapshot in the cache")
    return folder


def fetch(card: ModelCard) -> Path:
    """Return a local directory holding ``card``'s checkpoint, downloading it if allowed.

    A local card is returned as it is; offline, a model missing from the cache fails at once;
    online, each request to the hub waits at most :func:`hub_timeout` seconds.

    >>> from unittest import mock
    >>> from ringkas.models.cards import resolve
    >>> fetch(resolve("tests/fixtures/fidelity-translate")).as_posix()
    'tests/fixtures/fidelity-translate'
    >>> with mock.patch.dict(os.environ, {"HF_HUB_OFFLINE": "1"}):
    ...     fetch(resolve("ringkas-docs/no-such-model"))
    Traceback (most recent call last):
    ...
    ringkas.errors.ModelNotAvailableError: Model 'ringkas-docs/no-such-model' is not available: ... it is not in the cache and HF_HUB_OFFLINE is set. ...
    """
    if card.path is not None:
        return card.path
    try:
        import huggingface_hub  # noqa: F401
    except ImportError as exc:  # pragma: no cover - huggingface_hub is a dependency
        raise _not_available(card, "huggingface_hub is not installed") from exc
    if is_offline():
        folder = _from_cache(card, card.revision)
        if folder is None:
            raise _not_available(card, "it is not in the cache and HF_HUB_OFFLINE is set")
    else:
        folder = _download(card)
    if not any(folder.glob("*.safetensors")) and not (folder / "pytorch_model.bin").exists():
        raise _not_available(card, f"the cached copy in {folder} has no weights")
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
