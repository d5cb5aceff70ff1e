"""Load the Indonesian part of XL-Sum (Hasan et al., 2021), from the hub or from its JSONL release.

From the hub: ``csebuetnlp/xlsum``, config ``indonesian`` (its Parquet export when the repository
still has a loading script, which ``datasets`` >= 4 does not run). From disk: ``data_dir`` with
the official files of https://github.com/csebuetnlp/xl-sum::

    {data_dir}/indonesian_train.jsonl  indonesian_val.jsonl  indonesian_test.jsonl

one JSON object per line with ``id``, ``url``, ``title``, ``summary`` and ``text``. Splits are
``train``, ``dev`` and ``test``. ``text`` goes through
:func:`~ringkas.text.clean.clean_article` unless ``clean=False``. XL-Sum is CC BY-NC-SA 4.0.

>>> load_xlsum(data_dir="/data/xlsum")  # doctest: +SKIP
DatasetDict({train: ..., dev: ..., test: ...})
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringkas.data.hub import load_from_hub
from ringkas.data.schema import normalise_split, to_dataset_dict
from ringkas.errors import DatasetNotAvailableError, InputError
from ringkas.io import read_jsonl
from ringkas.text.clean import clean_article

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = ["HUB_CONFIG", "HUB_ID", "load_xlsum"]

logger = logging.getLogger(__name__)

HUB_ID = "csebuetnlp/xlsum"
HUB_CONFIG = "indonesian"
_FILES = {
    "train": "indonesian_train.jsonl",
    "dev": "indonesian_val.jsonl",
    "test": "indonesian_test.jsonl",
}

HOW_TO_GET = (
    f"Run once with network (the hub id is {HUB_ID}, config {HUB_CONFIG}) so it is cached, or "
    "download the Indonesian files from https://github.com/csebuetnlp/xl-sum and pass "
    f"data_dir=<folder> holding {', '.join(_FILES.values())}."
)


def _row(record: dict[str, Any], *, clean: bool, where: str) -> dict[str, Any]:
    missing = [f for f in ("id", "summary", "text") if f not in record]
    if missing:
        raise InputError(
            f"{where}: XL-Sum records need id, summary and text; missing {', '.join(missing)} "
            f"(it has: {', '.join(record)})."
        )
    text = str(record["text"])
    return {
        "id": str(record["id"]),
        "text": clean_article(text).text if clean else text,
        "summary": str(record["summary"]),
        "lang": "id",
    }


def _from_files(data_dir: Path, *, clean: bool, splits: Sequence[str] | None) -> DatasetDict:
    found = {
        split: data_dir / name
        for split, name in _FILES.items()
        if (data_dir / name).is_file() and (splits is None or split in splits)
    }
    if not found:
        raise DatasetNotAvailableError(
            f"xlsum: none of the XL-Sum files in {data_dir}. {HOW_TO_GET}"
        )
    data = {
        split: [_row(r, clean=clean, where=str(path)) for r in read_jsonl(path)]
        for split, path in found.items()
    }
    return to_dataset_dict(data)


def load_xlsum(
    data_dir: str | Path | None = None,
    *,
    clean: bool = True,
    splits: Sequence[str] | None = None,
) -> DatasetDict:
    """Indonesian XL-Sum as a DatasetDict: from ``data_dir`` when given, else from the hub.

    Offline without ``data_dir`` (and without a cached copy) raises
    :class:`DatasetNotAvailableError` at once, saying how to get the files.

    >>> load_xlsum(splits=["test"])["test"].num_rows  # doctest: +SKIP
    4780
    """
    if data_dir is not None:
        return _from_files(Path(data_dir), clean=clean, splits=splits)
    hub = load_from_hub(HUB_ID, HUB_CONFIG, how_to_get=HOW_TO_GET)
    data = {
        normalise_split(name): [
            _row(dict(r), clean=clean, where=f"{HUB_ID}/{name}") for r in hub[name]
        ]
        for name in hub
        if splits is None or normalise_split(name) in splits
    }
    return to_dataset_dict(data)
