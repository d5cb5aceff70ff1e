"""Indonesian root words (*kata dasar*): the ~30,000 words of Sastrawi's dictionary.

The name check uses it to tell a common word written capitalised inside a multi-word name
("Rapat Dewan Gubernur" = "Board of Governors meeting", "Kelas I" = "Class I"), which a
translator translates, from a name proper. The list is package data (``kata-dasar.txt``, MIT
licence, its notice in the file's header), read once on first use.

>>> is_root_word("rapat"), is_root_word("Kelas"), is_root_word("Widodo")
(True, True, False)
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["WORD_LIST", "is_root_word", "root_words"]

#: The package-data file the words are read from (``#`` lines are its header).
WORD_LIST = "kata-dasar.txt"


@functools.cache
def root_words() -> frozenset[str]:
    """All root words, lower case (read from the package data once).

    >>> len(root_words()) > 29000 and "saham" in root_words()
    True
    """
    text = resources.files("ringkas.faithful").joinpath(WORD_LIST).read_text(encoding="utf-8")
    return frozenset(
        word for line in text.splitlines() if (word := line.strip()) and not word.startswith("#")
    )


def is_root_word(word: str) -> bool:
    """Whether ``word`` (any case) is an Indonesian root word.

    >>> is_root_word("Survei"), is_root_word("BPJS")
    (True, False)
    """
    return word.lower() in root_words()
