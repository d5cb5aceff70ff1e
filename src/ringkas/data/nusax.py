"""Load the Indonesian-English pairs of NusaX-MT (Winata et al., 2023) from the repository's CSV files.

Clone or download https://github.com/IndoNLP/nusax and pass its ``datasets/mt`` folder as
``data_dir``. Two layouts are read (the first found wins)::

    {data_dir}/english/{train,valid,test}.csv   columns id, lang, source (Indonesian), target (English)
    {data_dir}/{train,valid,test}.csv           columns <row number>, indonesian, english, ...

``data_dir`` may also be the ``english`` folder itself. Splits are ``train``, ``dev`` (from
``valid``) and ``test``. NusaX sentences are reviews and social-media posts, not news: useful for
robustness, not for news quality. NusaX is CC BY-SA 4.0.

>>> load_nusax("nusax/datasets/mt")["test"].num_rows  # doctest: +SKIP
400
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringkas.data.schema import normalise_split, to_dataset_dict
from ringkas.errors import DatasetNotAvailableError, InputError
from ringkas.io import read_text

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = ["load_nusax"]

_FILES = ("train", "valid", "test")

HOW_TO_GET = (
    "Download https://github.com/IndoNLP/nusax and pass data_dir=<nusax>/datasets/mt (holding "
    "english/train.csv, english/valid.csv, english/test.csv)."
)


def _rows(path: Path) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    columns = reader.fieldnames or []
    if {"source", "target"} <= set(columns):
        src, tgt = "source", "target"
    elif {"indonesian", "english"} <= set(columns):
        src, tgt = "indonesian", "english"
    else:
        raise InputError(
            f"{path}: expected NusaX-MT columns source/target or indonesian/english; it has: "
            f"{', '.join(columns) or 'none'}."
        )
    key = "id" if "id" in columns else columns[0]
    rows = []
    for n, record in enumerate(reader, start=1):
        if not record.get(src) or record.get(tgt) is None:
            raise InputError(f"{path}, row {n}: empty {src!r} or missing {tgt!r}.")
        ident = record.get(key) or str(n)
        rows.append({"id": ident, "text": record[src], "translation": record[tgt], "lang": "id"})
    return rows


def _folder(data_dir: Path) -> Path:
    for folder in (data_dir / "english", data_dir):
        if any((folder / f"{name}.csv").is_file() for name in _FILES):
            return folder
    raise DatasetNotAvailableError(f"nusax: no train/valid/test.csv under {data_dir}. {HOW_TO_GET}")


def load_nusax(data_dir: str | Path | None, *, splits: Sequence[str] | None = None) -> DatasetDict:
    """NusaX-MT Indonesian-English as a DatasetDict with the splits found on disk.

    >>> sorted(load_nusax("nusax/datasets/mt"))  # doctest: +SKIP
    ['dev', 'test', 'train']
    """
    if data_dir is None:
        raise DatasetNotAvailableError(f"nusax needs data_dir. {HOW_TO_GET}")
    folder = _folder(Path(data_dir))
    data = {
        normalise_split(name): _rows(folder / f"{name}.csv")
        for name in _FILES
        if (folder / f"{name}.csv").is_file()
        and (splits is None or normalise_split(name) in splits)
    }
    if not data:
        raise DatasetNotAvailableError(
            f"nusax: no {'/'.join(splits or _FILES)} file in {folder}. {HOW_TO_GET}"
        )
    return to_dataset_dict(data)
