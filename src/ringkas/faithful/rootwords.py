"""Indonesian root words (*kata dasar*): the ~30,000 words of Sastrawi's dictionary.

The name check uses it to tell a common word written capitalised inside a multi-word name
("Rapat Dewan Gubernur" = "Board of Governors meeting", "Kelas I" = "Class I"), which a
translator translates, from a name proper. The list is package data (``kata-dasar.txt``, MIT
licence, its notice in the file's header), read once on first use. :func:`is_common_word` also
knows the words derived from a root by Indonesian affixes ("Penyelenggara" from *selenggara*,
"Kendaraan Bermotor" from *kendara* and *motor*, "Tahunan" from *tahun*): :func:`stems` strips
them by the rules of Sastrawi's stemmer (Nazief and Adriani's, with its prefix recoding).

>>> is_root_word("rapat"), is_root_word("Kelas"), is_root_word("Widodo")
(True, True, False)
>>> is_common_word("Penyelenggaraan"), is_common_word("Widodo")
(True, False)

A second list, ``place-words.txt`` (built by ``tools/place_words.py`` from the Kemendagri region
names, MIT), has the words that name provinces, regencies and cities ("Bogor", "Malang",
"Medan"), which are root words too but inside a name are always the name proper.

>>> is_place_word("Bogor"), is_place_word("Pertanian")
(True, False)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import resources

__all__ = [
    "PLACE_LIST",
    "WORD_LIST",
    "is_common_word",
    "is_place_word",
    "is_root_word",
    "place_words",
    "root_words",
    "stems",
]

#: The package-data file the words are read from (``#`` lines are its header).
WORD_LIST = "kata-dasar.txt"
#: The package-data file of place words.
PLACE_LIST = "place-words.txt"


def _read_words(name: str) -> frozenset[str]:
    text = resources.files("ringkas.faithful").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        word for line in text.splitlines() if (word := line.strip()) and not word.startswith("#")
    )


@functools.cache
def root_words() -> frozenset[str]:
    """All root words, lower case (read from the package data once).

    >>> len(root_words()) > 29000 and "saham" in root_words()
    True
    """
    return _read_words(WORD_LIST)


@functools.cache
def place_words() -> frozenset[str]:
    """The words of province, regency and city names, lower case (read once).

    >>> len(place_words()) > 350 and "cianjur" in place_words()
    True
    """
    return _read_words(PLACE_LIST)


def is_place_word(word: str) -> bool:
    """Whether ``word`` (any case) names an Indonesian province, regency or city (or is one
    of the words of such a name).

    >>> is_place_word("Garut"), is_place_word("Tanah")
    (True, False)
    """
    return word.lower() in place_words()


def is_root_word(word: str) -> bool:
    """Whether ``word`` (any case) is an Indonesian root word.

    >>> is_root_word("Survei"), is_root_word("BPJS")
    (True, False)
    """
    return word.lower() in root_words()


#: Inflectional suffixes (particles, then possessives) and derivational ones, stripped in
#: that order from the end of a word.
_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_DERIVATIONAL = ("isasi", "kan", "an", "i")  # "hilirisasi": hilir + -isasi (-isation)
#: A stem is at least this long (shorter "stems" of names are mostly chance: "Be-kasi").
_SHORTEST_STEM = 4
_VOWEL = re.compile(r"[aiueo]")


def _without_suffixes(word: str) -> Iterator[str]:
    """``word`` and each form of it with its suffixes stripped (``-lah``, ``-nya``, ``-kan``,
    ``-an``, ``-i``: at most one of each layer, outermost first)."""
    forms = [word]
    for layer in (_PARTICLES, _POSSESSIVES, _DERIVATIONAL):
        forms += [f[: -len(s)] for f in forms for s in layer if f.endswith(s) and len(f) > len(s)]
    return iter(dict.fromkeys(forms))


def _without_prefix(word: str) -> Iterator[str]:
    """The stems one Indonesian prefix can leave, with the sound its nasal replaced
    (``meny-``/``peny-`` + vowel was ``s``, ``men-``/``pen-`` + vowel ``t``, ``mem-``/``pem-`` +
    vowel ``p``, ``meng-``/``peng-`` + vowel ``k``)."""
    for plain in ("di", "ke", "se", "ber", "ter", "per", "be", "te", "pe"):
        if word.startswith(plain):
            yield word[len(plain) :]
    if len(word) >= 8:  # "Antarklub", "Antiteror", "Takbenda"; not "Prabowo"
        for loan in ("antar", "anti", "tak", "non", "pasca", "pra"):
            if word.startswith(loan):
                yield word[len(loan) :]
    for nasal in ("me", "pe"):
        if not word.startswith(nasal):
            continue
        rest = word[2:]
        if rest[:1] in ("l", "m", "n", "r", "w", "y"):
            yield rest
        for head, letters, recoded in (
            ("ny", "", "s"),
            ("m", "bfv", "p"),
            ("n", "cdjtz", "t"),
            ("ng", "ghk", "k"),
            ("nge", "", ""),
        ):
            if not rest.startswith(head):
                continue
            tail = rest[len(head) :]
            if tail[:1] in letters:
                yield tail
            elif _VOWEL.match(tail):
                yield recoded + tail
                yield tail


def stems(word: str) -> list[str]:
    """The root words ``word`` (any case) can be derived from by Indonesian affixes: the
    suffixes, then as few prefixes (two at most) as give a word of four letters or more in
    :func:`root_words`; failing that, the two roots of a compound the affixes join
    ("Ketenagakerjaan": *tenaga* and *kerja*). A root word is its own stem.

    >>> stems("Penyelenggaraan"), stems("bermotor"), stems("Tahunan"), stems("Widodo")
    (['selenggara'], ['motor'], ['tahun'], [])
    """
    words = root_words()
    found: dict[str, None] = {}
    circumfixed: list[str] = []  # what is left under a prefix and a suffix
    low = word.lower()
    for form in _without_suffixes(low):
        layer = [form]
        for depth in range(3):  # the word itself, then up to two prefixes: the fewest for a root
            if depth and form != low:
                circumfixed += layer
            # under a suffix alone a three-letter root is no accident ("ujian": "uji")
            shortest = _SHORTEST_STEM - (depth == 0 and form != low)
            roots = [c for c in layer if len(c) >= shortest and c in words]
            if roots:
                found.update(dict.fromkeys(roots))
                break
            layer = [stem for candidate in layer for stem in _without_prefix(candidate)]
    if not found:  # a compound written as one word under a circumfix ("ketenagakerjaan")
        for candidate in circumfixed:
            for k in range(_SHORTEST_STEM, len(candidate) - _SHORTEST_STEM + 1):
                if candidate[:k] in words and candidate[k:] in words:
                    found.update(dict.fromkeys((candidate[:k], candidate[k:])))
    return list(found)


def is_common_word(word: str) -> bool:
    """Whether ``word`` (any case) is an Indonesian root word or derived from one.

    >>> is_common_word("Kendaraan"), is_common_word("Permusyawaratan"), is_common_word("BPJS")
    (True, True, False)
    """
    return bool(stems(word))
