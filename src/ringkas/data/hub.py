"""Fetch a public dataset from the Hugging Face hub, or fail fast with a message that says how to get it.

Offline (``HF_HUB_OFFLINE=1``, ``HF_DATASETS_OFFLINE=1``) only the local ``datasets`` cache is
read, and a dataset that is not there raises :class:`~ringkas.errors.DatasetNotAvailableError`
at once. When the flag was set after ``datasets`` was imported, ``datasets`` would still try the
network (and retry for half a minute), so ringkas raises at once instead. Without the flag and
without network, ringkas asks the hub once, waiting at most
:func:`~ringkas.models.hub.hub_timeout` seconds (``HF_HUB_ETAG_TIMEOUT``), before ``datasets``
starts: a hub that accepts connections and never answers, or cannot be reached, is a
:class:`~ringkas.errors.DatasetNotAvailableError` naming the dataset, not a hang. Once the hub
has answered, ``datasets`` downloads the files with its own timeouts.

>>> load_from_hub("csebuetnlp/xlsum", "indonesian", how_to_get="Use data_dir.")  # doctest: +SKIP
DatasetDict({train: ..., validation: ..., test: ...})
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ringkas.data.schema import is_offline, require_datasets
from ringkas.errors import DatasetNotAvailableError
from ringkas.models.hub import hub_timeout, is_timeout, network_errors

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


def _ask_hub(repo: str, config: str | None, endpoint: str, how_to_get: str) -> None:
    """One bounded question to the hub (does ``repo`` exist?), so that a silent or unreachable
    hub fails in :func:`hub_timeout` seconds rather than in ``datasets``' unbounded calls. A hub
    that answers, whatever it answers, lets ``datasets`` go on (it words a missing or gated
    dataset itself)."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError

    timeout = hub_timeout()
    logger.info(
        "fetching %s from the hub (%s; waiting at most %gs for the first answer)",
        repo, endpoint, timeout,
    )  # fmt: skip
    offline = "with the dataset in the local cache, set HF_HUB_OFFLINE=1"
    try:
        HfApi(endpoint=endpoint).dataset_info(repo, timeout=timeout)
    except HfHubHTTPError:
        return
    except network_errors() as exc:
        reason = (
            f"the hub at {endpoint} did not answer within {timeout:g}s (HF_HUB_ETAG_TIMEOUT). "
            f"Check the network or raise HF_HUB_ETAG_TIMEOUT; {offline}"
            if is_timeout(exc)
            else f"the hub at {endpoint} cannot be reached. Check the network; {offline}"
        )
        raise _unavailable(repo, config, reason, how_to_get) from exc


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
    if not datasets.config.HF_HUB_OFFLINE:
        _ask_hub(repo, config, str(datasets.config.HF_ENDPOINT), how_to_get)
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
