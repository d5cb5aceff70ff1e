"""Fetch a public dataset from the Hugging Face hub, or fail fast with a message that says how to get it.

Offline (``HF_HUB_OFFLINE=1``, ``HF_DATASETS_OFFLINE=1``) only the local ``datasets`` cache is
read, and a dataset that is not there raises :class:`~ringkas.errors.DatasetNotAvailableError`
at once. When the flag was set after ``datasets`` was imported, ``datasets`` would still try the
network (and retry for half a minute), so ringkas raises at once instead. Without the flag and
without network, ``datasets`` retries a few times before ringkas gets to raise.

>>> load_from_hub("csebuetnlp/xlsum", "indonesian", how_to_get="Use data_dir.")  # doctest: +SKIP
DatasetDict({train: ..., validation: ..., test: ...})
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ringkas.data.schema import is_offline, require_datasets
from ringkas.errors import DatasetNotAvailableError

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = ["load_from_hub"]

logger = logging.getLogger(__name__)

#: The hub's automatic Parquet export, used when a repository still has a loading script
#: (``datasets`` >= 4 no longer runs those).
PARQUET_REVISION = "refs/convert/parquet"


def _unavailable(
    repo: str, config: str | None, reason: str, how_to_get: str
) -> DatasetNotAvailableError:
    what = f"{repo} ({config})" if config else repo
    return DatasetNotAvailableError(f"Dataset {what} is not available: {reason}. {how_to_get}")


def load_from_hub(
    repo: str, config: str | None = None, *, how_to_get: str, **kwargs: Any
) -> DatasetDict:
    """``datasets.load_dataset(repo, config, **kwargs)`` with ringkas errors and offline checks.

    ``how_to_get`` ends every error message: where to download the data and which ``data_dir``
    layout ringkas reads instead. Needs the hub (or its cache), so the example is not run:

    >>> load_from_hub("csebuetnlp/xlsum", "indonesian", how_to_get="Or use data_dir.")  # doctest: +SKIP
    DatasetDict({train: ..., validation: ..., test: ...})
    """
    datasets = require_datasets()
    if is_offline() and not datasets.config.HF_HUB_OFFLINE:
        raise _unavailable(
            repo,
            config,
            "offline mode is on (HF_HUB_OFFLINE) but was set after `datasets` was imported, "
            "so the cache cannot be read safely",
            how_to_get,
        )
    try:
        try:
            data = datasets.load_dataset(repo, config, **kwargs)
        except RuntimeError as exc:
            if "script" not in str(exc).lower():
                raise
            logger.info("%s has a loading script; reading the hub's Parquet export instead", repo)
            data = datasets.load_dataset(
                repo, revision=PARQUET_REVISION, data_dir=config or None, **kwargs
            )
    except (OSError, ValueError, RuntimeError) as exc:
        # ConnectionError, FileNotFoundError (no such repo, gated), DatasetNotFoundError ... all
        # derive from OSError; a bad config name is a ValueError.
        reason = (
            "it is not in the local cache and offline mode is on"
            if datasets.config.HF_HUB_OFFLINE
            else f"{type(exc).__name__}: {exc}"
        )
        raise _unavailable(repo, config, reason, how_to_get) from exc
    if not isinstance(data, datasets.DatasetDict):  # pragma: no cover - no split was passed
        raise _unavailable(repo, config, "the hub returned no splits", how_to_get)
    return data
