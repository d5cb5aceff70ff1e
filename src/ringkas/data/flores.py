"""Load FLORES-200 Indonesian-English (``ind_Latn`` -> ``eng_Latn``), splits ``dev`` and ``devtest``.

From disk: ``data_dir`` in the layout of the official ``flores200_dataset`` archive, one sentence
per line, the two files of a split aligned line by line::

    {data_dir}/dev/ind_Latn.dev          {data_dir}/dev/eng_Latn.dev
    {data_dir}/devtest/ind_Latn.devtest  {data_dir}/devtest/eng_Latn.devtest

(file names are matched without regard to case). From the hub: ``openlanguagedata/flores_plus``
(gated: accept its terms and log in with ``hf auth login``), configs ``ind_Latn`` and
``eng_Latn`` joined on ``id``; ``facebook/flores`` is tried when that fails. Rows have ``text``
(Indonesian), ``translation`` (English), ``summary`` None, and ``id`` the 1-based sentence number.

>>> load_flores(data_dir="/data/flores200_dataset")["devtest"].num_rows  # doctest: +SKIP
1012
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringkas.data.hub import load_from_hub
from ringkas.data.schema import to_dataset_dict
from ringkas.errors import DatasetNotAvailableError, InputError
from ringkas.io import read_text

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = ["HUB_IDS", "SPLITS", "load_flores"]

logger = logging.getLogger(__name__)

SPLITS = ("dev", "devtest")
SOURCE, TARGET = "ind_Latn", "eng_Latn"
#: Hub repositories tried in order, with the column that holds the sentence.
HUB_IDS = (("openlanguagedata/flores_plus", "text"), ("facebook/flores", "sentence"))

HOW_TO_GET = (
    "Get FLORES-200 from https://github.com/openlanguagedata/flores (or Meta's "
    "flores200_dataset archive) and pass data_dir=<folder> holding dev/ind_Latn.dev, "
    "dev/eng_Latn.dev, devtest/ind_Latn.devtest and devtest/eng_Latn.devtest; or, with network, "
    "accept the terms of openlanguagedata/flores_plus on huggingface.co and run `hf auth login`."
)


def _find(folder: Path, name: str) -> Path | None:
    if not folder.is_dir():
        return None
    matches = [p for p in folder.iterdir() if p.name.lower() == name.lower() and p.is_file()]
    return matches[0] if matches else None


def _lines(path: Path) -> list[str]:
    text = read_text(path).removesuffix("\n")
    return [line.removesuffix("\r") for line in text.split("\n")] if text else []


def _from_files(data_dir: Path, splits: Sequence[str] | None) -> DatasetDict:
    data: dict[str, list[dict[str, Any]]] = {}
    for split in SPLITS:
        if splits is not None and split not in splits:
            continue
        src = _find(data_dir / split, f"{SOURCE}.{split}")
        tgt = _find(data_dir / split, f"{TARGET}.{split}")
        if src is None or tgt is None:
            continue
        ind, eng = _lines(src), _lines(tgt)
        if len(ind) != len(eng):
            raise InputError(
                f"FLORES {split}: {src.name} has {len(ind)} lines but {tgt.name} has {len(eng)}; "
                "the files must be aligned line by line."
            )
        data[split] = [
            {"id": str(n), "text": s, "translation": t, "lang": "id"}
            for n, (s, t) in enumerate(zip(ind, eng, strict=True), start=1)
        ]
    if not data:
        raise DatasetNotAvailableError(
            f"flores: no ind_Latn/eng_Latn files under {data_dir}. {HOW_TO_GET}"
        )
    return to_dataset_dict(data)


def _from_hub(splits: Sequence[str] | None) -> DatasetDict:
    errors: list[str] = []
    for repo, column in HUB_IDS:
        try:
            ind = load_from_hub(repo, SOURCE, how_to_get="")
            eng = load_from_hub(repo, TARGET, how_to_get="")
        except DatasetNotAvailableError as exc:
            errors.append(str(exc).strip())
            continue
        data: dict[str, list[dict[str, Any]]] = {}
        for split in SPLITS:
            if split not in ind or (splits is not None and split not in splits):
                continue
            english = {row["id"]: row[column] for row in eng[split]}
            data[split] = [
                {
                    "id": str(row["id"]),
                    "text": row[column],
                    "translation": english.get(row["id"]),
                    "lang": "id",
                }
                for row in ind[split]
            ]
        logger.info("FLORES from %s: %s", repo, {k: len(v) for k, v in data.items()})
        return to_dataset_dict(data)
    raise DatasetNotAvailableError(" ".join(errors) + " " + HOW_TO_GET)


def load_flores(
    data_dir: str | Path | None = None, *, splits: Sequence[str] | None = None
) -> DatasetDict:
    """FLORES-200 ind_Latn-eng_Latn as a DatasetDict (``dev``, ``devtest``), from disk or the hub.

    >>> load_flores("flores200_dataset")["dev"].num_rows  # doctest: +SKIP
    997
    """
    if data_dir is not None:
        return _from_files(Path(data_dir), splits)
    return _from_hub(splits)
