"""Load IndoSum (Kurniawan & Louvan, 2018), one of its five folds, from the release on disk.

Get ``indosum.tar.gz`` from https://github.com/kata-ai/indosum, unpack it and pass the folder as
``data_dir``. The layout read is the release's::

    {data_dir}/train.01.jsonl ... train.05.jsonl
    {data_dir}/dev.01.jsonl   ... dev.05.jsonl
    {data_dir}/test.01.jsonl  ... test.05.jsonl

one JSON object per line with ``id``, ``paragraphs`` (paragraphs -> sentences -> tokens) and
``summary`` (sentences -> tokens); other fields (``category``, ``source``, ``gold_labels`` ...)
are ignored. Tokens and sentences are joined with spaces, paragraphs with a line break, and the
text goes through :func:`~ringkas.text.clean.clean_article` unless ``clean=False`` (the cleaner
drops "Baca juga" lines and cuts at a headline-shaped paragraph; ``clean=False`` keeps every word).

>>> load_indosum("/data/indosum", fold=1)  # doctest: +SKIP
DatasetDict({train: ..., dev: ..., test: ...})
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringkas.data.liputan6 import join_tokens
from ringkas.data.schema import to_dataset_dict
from ringkas.errors import ConfigError, DatasetNotAvailableError, InputError
from ringkas.io import read_jsonl
from ringkas.text.clean import clean_article

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = ["FOLDS", "load_indosum"]

logger = logging.getLogger(__name__)

FOLDS = (1, 2, 3, 4, 5)
_SPLITS = ("train", "dev", "test")

HOW_TO_GET = (
    "Download indosum.tar.gz (linked from https://github.com/kata-ai/indosum), unpack it and pass "
    "data_dir=<folder> holding train.0N.jsonl, dev.0N.jsonl and test.0N.jsonl (N = fold 1-5)."
)


def _row(record: dict[str, Any], *, clean: bool, where: str) -> dict[str, Any]:
    try:
        text = "\n".join(join_tokens(paragraph) for paragraph in record["paragraphs"])
        summary = join_tokens(record["summary"])
        ident = str(record["id"])
    except (KeyError, TypeError) as exc:
        raise InputError(
            f"{where}: IndoSum records need id, paragraphs (paragraphs of sentences of tokens) and "
            f"summary (sentences of tokens); it has: {', '.join(record)}."
        ) from exc
    return {
        "id": ident,
        "text": clean_article(text).text if clean else text,
        "summary": summary,
        "lang": "id",
    }


def load_indosum(
    data_dir: str | Path | None,
    *,
    fold: int = 1,
    clean: bool = True,
    splits: Sequence[str] | None = None,
) -> DatasetDict:
    """Fold ``fold`` (1-5) of IndoSum as a DatasetDict with the splits found on disk.

    >>> load_indosum("indosum", fold=2, splits=["test"])["test"].num_rows  # doctest: +SKIP
    3762
    """
    if fold not in FOLDS:
        raise ConfigError(f"indosum: fold must be one of 1-5, not {fold!r}.")
    if data_dir is None:
        raise DatasetNotAvailableError(f"indosum needs data_dir. {HOW_TO_GET}")
    root = Path(data_dir)
    data: dict[str, list[dict[str, Any]]] = {}
    for split in _SPLITS:
        path = root / f"{split}.{fold:02d}.jsonl"
        if path.is_file() and (splits is None or split in splits):
            data[split] = [_row(r, clean=clean, where=str(path)) for r in read_jsonl(path)]
            logger.info("indosum fold %d %s: %d articles", fold, split, len(data[split]))
    if not data:
        raise DatasetNotAvailableError(f"indosum: no fold {fold} files in {root}. {HOW_TO_GET}")
    return to_dataset_dict(data)
