"""Load Indonesian-English sentence pairs from a Tatoeba Challenge test file (tab-separated).

The Tatoeba Challenge (https://github.com/Helsinki-NLP/Tatoeba-Challenge) ships each language
pair's test set as ``data/test/eng-ind/test.txt``, one pair per line::

    src_lang<TAB>tgt_lang<TAB>source sentence<TAB>target sentence

The pair is named in alphabetical order (``eng`` first), so each line's language codes decide
which sentence is the Indonesian ``text`` (codes ``ind``/``id``...) and which is the English
``translation`` (``eng``/``en``...). A two-column file (``indonesian<TAB>english``) is read too.
Pass the file as ``path``, or a folder as ``data_dir`` holding ``test.txt``,
``eng-ind/test.txt``, ``ind-eng/test.txt`` or one ``.tsv``/``.txt`` file. The one split is
``test``; ``id`` is the line number. Lines are split on tabs only (no CSV quoting).

>>> load_tatoeba(path="tatoeba-test.eng-ind.txt")["test"][0]["translation"]  # doctest: +SKIP
'I am hungry.'
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ringkas.data.schema import to_dataset_dict
from ringkas.errors import DatasetNotAvailableError, InputError
from ringkas.io import read_text

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = ["find_file", "load_tatoeba", "parse_line"]

_INDONESIAN = ("ind", "id")
_ENGLISH = ("eng", "en")

HOW_TO_GET = (
    "Download the eng-ind test set of the Tatoeba Challenge (data/test/eng-ind/test.txt in "
    "https://github.com/Helsinki-NLP/Tatoeba-Challenge) and pass path=<file> or "
    "data_dir=<folder holding test.txt>."
)


def _base(code: str) -> str:
    return code.strip().lower().replace("-", "_").split("_")[0]


def parse_line(line: str, *, where: str, lineno: int) -> tuple[str, str]:
    """``(indonesian, english)`` from one line of a 4-column or 2-column file.

    >>> parse_line("eng\\tind\\tI am hungry.\\tSaya lapar.", where="t", lineno=1)
    ('Saya lapar.', 'I am hungry.')
    >>> parse_line("Saya lapar.\\tI am hungry.", where="t", lineno=1)
    ('Saya lapar.', 'I am hungry.')
    """
    cells = line.split("\t")
    if len(cells) == 2:
        return cells[0].strip(), cells[1].strip()
    if len(cells) != 4:
        raise InputError(
            f"{where}, line {lineno}: {len(cells)} tab-separated columns; expected 4 "
            "(src_lang, tgt_lang, src, tgt) or 2 (indonesian, english)."
        )
    src_lang, tgt_lang = _base(cells[0]), _base(cells[1])
    if src_lang in _INDONESIAN and tgt_lang in _ENGLISH:
        return cells[2].strip(), cells[3].strip()
    if src_lang in _ENGLISH and tgt_lang in _INDONESIAN:
        return cells[3].strip(), cells[2].strip()
    raise InputError(
        f"{where}, line {lineno}: language codes {cells[0]!r} and {cells[1]!r} are not an "
        "Indonesian-English pair (ind/eng)."
    )


def find_file(data_dir: str | Path) -> Path:
    """The test file inside ``data_dir`` (see the module docstring for the names tried).

    >>> find_file("Tatoeba-Challenge/data/test/eng-ind")  # doctest: +SKIP
    PosixPath('Tatoeba-Challenge/data/test/eng-ind/test.txt')
    """
    root = Path(data_dir)
    if root.is_file():
        return root
    named = [root / "test.txt", root / "eng-ind" / "test.txt", root / "ind-eng" / "test.txt"]
    for path in named:
        if path.is_file():
            return path
    loose = sorted(p for p in root.glob("*") if p.suffix in (".tsv", ".txt") and p.is_file())
    if len(loose) == 1:
        return loose[0]
    found = f"{len(loose)} candidate files" if loose else "no file"
    raise DatasetNotAvailableError(f"tatoeba: {found} in {root}. {HOW_TO_GET}")


def load_tatoeba(
    data_dir: str | Path | None = None, *, path: str | Path | None = None
) -> DatasetDict:
    """The pairs of a Tatoeba test file as a DatasetDict with one split, ``test``.

    >>> load_tatoeba("Tatoeba-Challenge/data/test/eng-ind")["test"][0]["text"]  # doctest: +SKIP
    'Saya lapar.'
    """
    if path is not None:
        file = Path(path)
    elif data_dir is not None:
        file = find_file(data_dir)
    else:
        raise DatasetNotAvailableError(f"tatoeba needs path or data_dir. {HOW_TO_GET}")
    if not file.is_file():
        raise DatasetNotAvailableError(f"tatoeba: {file} does not exist. {HOW_TO_GET}")
    rows: list[dict[str, Any]] = []
    for lineno, line in enumerate(read_text(file).split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        text, translation = parse_line(line, where=str(file), lineno=lineno)
        rows.append({"id": str(lineno), "text": text, "translation": translation, "lang": "id"})
    return to_dataset_dict({"test": rows})
