"""Build a clean, deduplicated, split dataset from raw news articles (the `ringkas build-dataset` step).

Input: a folder of ``.txt``/``.html`` files (searched recursively, read in sorted path order; the
id is the path under the folder without its ending) or a JSONL file whose lines have ``text`` and
optionally ``id`` (else the line number), ``summary`` and ``translation``. Steps, in order:

1. clean every article with :func:`~ringkas.text.clean.clean_article` (HTML files lose their
   ``<head>``, ``<script>`` and ``<style>`` blocks first);
2. drop articles with fewer than ``min_words`` or more than ``max_words`` words after cleaning;
3. drop exact duplicates: same SHA-1 of the text after NFKC, case folding and whitespace
   collapsing (the first one read is kept);
4. drop near-duplicates: Jaccard similarity of word 5-gram shingle sets >= ``dedup_threshold``
   against an article already kept. Candidates are found with MinHash (128 permutations
   ``(a*x + b) mod (2**61 - 1)`` over 32-bit BLAKE2b shingle hashes, ``a``/``b`` from a fixed
   seed, so results never depend on ``seed``) and LSH banding (the band count is the smallest
   that makes a pair at the threshold a candidate with probability >= 0.99); each candidate pair
   is then confirmed with the exact Jaccard similarity of the two shingle sets;
5. split by the hash of the id: ``u = SHA-1("{seed}:{id}")`` as a fraction in [0, 1);
   ``u < test_fraction`` -> test, ``u < test_fraction + dev_fraction`` -> dev, else train. An
   article keeps its split when others are added or removed.

Everything is deterministic: the same input and arguments give the same splits, rows and order.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Harga beras naik lagi di pasar.", encoding="utf-8")
>>> data, stats = build_dataset(folder, min_words=3)
>>> stats.read, stats.kept, sorted(data)
(1, 1, ['dev', 'test', 'train'])
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ringkas.data.schema import to_dataset_dict
from ringkas.errors import ConfigError, InputError
from ringkas.io import parse_jsonl_line, read_text
from ringkas.text.clean import clean_article

if TYPE_CHECKING:
    from datasets import DatasetDict

__all__ = [
    "FORMATS",
    "BuildStats",
    "MinHashIndex",
    "assign_split",
    "build_dataset",
    "format_stats",
    "shingles",
]

logger = logging.getLogger(__name__)

#: The formats :func:`save` can write a built dataset in (``ringkas build-dataset --format``).
FORMATS = ("disk", "parquet")
_TEXT_SUFFIXES = (".txt", ".html", ".htm")
_SPLITS = ("train", "dev", "test")
_MERSENNE = np.uint64((1 << 61) - 1)
_PERM_SEED = 20240501
_NOISE = re.compile(r"(?is)<(head|script|style)\b.*?</\1\s*>")
_WORD = re.compile(r"\w+")


@dataclass
class BuildStats:
    """What :func:`build_dataset` read, dropped and kept, and the settings it ran with.

    >>> stats = BuildStats(read=3, kept=2, exact_duplicates=1, duplicate_of=[("b", "a")])
    >>> stats.read - stats.kept, stats.duplicate_of
    (1, [('b', 'a')])
    """

    read: int = 0
    kept: int = 0
    too_short: int = 0
    too_long: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    splits: dict[str, int] = field(default_factory=dict)
    #: ``(dropped id, kept id)`` for every duplicate, exact or near.
    duplicate_of: list[tuple[str, str]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The statistics as plain JSON-ready values.

        >>> BuildStats(read=2, kept=1).as_dict()["kept"]
        1
        """
        return asdict(self)


def format_stats(stats: BuildStats) -> str:
    """A small two-column table of ``stats`` for logs and the command line.

    >>> print(format_stats(BuildStats(read=3, kept=2, exact_duplicates=1, splits={"train": 2})))
    read                    3
    too short               0
    too long                0
    exact duplicates        1
    near duplicates         0
    kept                    2
      train                 2
    """
    settings = stats.settings
    short = (
        f"too short (< {settings['min_words']} words)" if "min_words" in settings else "too short"
    )
    long = f"too long (> {settings['max_words']} words)" if "max_words" in settings else "too long"
    near = (
        f"near duplicates (J >= {settings['dedup_threshold']})"
        if settings.get("dedup_threshold") is not None
        else "near duplicates"
    )
    rows = [
        ("read", stats.read),
        (short, stats.too_short),
        (long, stats.too_long),
        ("exact duplicates", stats.exact_duplicates),
        (near, stats.near_duplicates),
        ("kept", stats.kept),
        *((f"  {name}", count) for name, count in stats.splits.items()),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {count:>7}" for label, count in rows)


def shingles(text: str, size: int = 5) -> np.ndarray:
    """The sorted, unique 32-bit hashes of the case-folded word ``size``-grams of ``text``.

    A text shorter than ``size`` words is one shingle; an empty text has none.

    >>> len(shingles("satu dua tiga empat lima enam"))
    2
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    grams = [words[i : i + size] for i in range(max(1, len(words) - size + 1))] if words else []
    hashes = {
        int.from_bytes(
            hashlib.blake2b(" ".join(g).encode("utf-8"), digest_size=4).digest(), "little"
        )
        for g in grams
    }
    return np.array(sorted(hashes), dtype=np.uint64)


def _bands_for(threshold: float, num_perm: int) -> int:
    """The fewest LSH bands (a divisor of ``num_perm``) that catch a pair at ``threshold`` with
    probability >= 0.99; fewer bands means more rows per band and fewer false candidates."""
    for bands in (b for b in range(1, num_perm + 1) if num_perm % b == 0):
        rows = num_perm // bands
        if 1 - (1 - threshold**rows) ** bands >= 0.99:
            return bands
    return num_perm


class MinHashIndex:
    """Near-duplicate detection: MinHash signatures, LSH buckets, exact Jaccard confirmation.

    >>> index = MinHashIndex(threshold=0.8)
    >>> text = " ".join(f"kata{i}" for i in range(60))
    >>> index.add("a", text)
    >>> index.find(text.replace("kata30", "lain")), index.find("sesuatu yang sama sekali lain")
    ('a', None)
    """

    def __init__(
        self, threshold: float = 0.8, *, num_perm: int = 128, shingle_size: int = 5
    ) -> None:
        rng = np.random.RandomState(_PERM_SEED)  # the legacy generator: its stream never changes
        self.a = rng.randint(1, 1 << 32, size=num_perm, dtype=np.uint64)
        self.b = rng.randint(0, 1 << 32, size=num_perm, dtype=np.uint64)
        self.threshold = threshold
        self.shingle_size = shingle_size
        self.bands = _bands_for(threshold, num_perm)
        self.rows = num_perm // self.bands
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in range(self.bands)]
        self._sets: dict[str, np.ndarray] = {}

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The MinHash signature (one minimum per permutation) of a shingle-hash array.

        >>> index = MinHashIndex(num_perm=16)
        >>> sig = index.signature(shingles("satu dua tiga empat lima enam tujuh", 5))
        >>> sig.shape, bool((sig == index.signature(np.array([], dtype=np.uint64))).all())
        ((16,), False)
        """
        if hashes.size == 0:
            return np.full(self.a.shape, _MERSENNE, dtype=np.uint64)
        # a, b, x < 2**32, so a*x + b < 2**64: no overflow before the modulo.
        permuted = (self.a[:, None] * hashes[None, :] + self.b[:, None]) % _MERSENNE
        return permuted.min(axis=1)

    def _keys(self, signature: np.ndarray) -> Iterator[tuple[int, bytes]]:
        for band in range(self.bands):
            yield band, signature[band * self.rows : (band + 1) * self.rows].tobytes()

    def find(self, text: str) -> str | None:
        """The id of a kept text whose shingle Jaccard with ``text`` is >= the threshold."""
        hashes = shingles(text, self.shingle_size)
        candidates: dict[str, None] = {}
        for band, key in self._keys(self.signature(hashes)):
            candidates.update(dict.fromkeys(self._buckets[band].get(key, ())))
        for ident in candidates:
            other = self._sets[ident]
            union = np.union1d(hashes, other).size
            if (
                union
                and np.intersect1d(hashes, other, assume_unique=True).size / union >= self.threshold
            ):
                return ident
        return None

    def add(self, ident: str, text: str) -> None:
        """Index ``text`` under ``ident``."""
        hashes = shingles(text, self.shingle_size)
        self._sets[ident] = hashes
        for band, key in self._keys(self.signature(hashes)):
            self._buckets[band].setdefault(key, []).append(ident)


def assign_split(ident: str, *, dev_fraction: float, test_fraction: float, seed: int = 0) -> str:
    """``train``, ``dev`` or ``test`` for ``ident``, from the hash of ``"{seed}:{ident}"``.

    >>> assign_split("berita-1", dev_fraction=0.0, test_fraction=1.0)
    'test'
    """
    digest = hashlib.sha1(f"{seed}:{ident}".encode()).hexdigest()
    u = int(digest[:15], 16) / 16**15
    if u < test_fraction:
        return "test"
    if u < test_fraction + dev_fraction:
        return "dev"
    return "train"


def _exact_key(text: str) -> str:
    normal = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


def _read_folder(folder: Path) -> Iterator[dict[str, Any]]:
    files = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _TEXT_SUFFIXES
    )
    if not files:
        raise InputError(
            f"{folder} holds no .txt or .html files. Give a folder of articles or a JSONL file."
        )
    for path in files:
        raw = read_text(path)
        if path.suffix.lower() != ".txt":
            raw = _NOISE.sub("", raw)
        yield {"id": path.relative_to(folder).with_suffix("").as_posix(), "raw": raw}


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    for lineno, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        record = parse_jsonl_line(line, where=str(path), lineno=lineno, field="text")
        extra = {k: record[k] for k in ("summary", "translation") if isinstance(record.get(k), str)}
        ident = record.get("id")
        yield {"id": str(lineno) if ident is None else str(ident), "raw": record["text"], **extra}


def _read_source(source: str | Path) -> Iterator[dict[str, Any]]:
    path = Path(source)
    if path.is_dir():
        return _read_folder(path)
    if path.is_file() and path.suffix.lower() == ".jsonl":
        return _read_jsonl(path)
    if path.is_file():
        raise InputError(f"{path}: give a folder of .txt/.html articles or a .jsonl file.")
    raise InputError(
        f"{path} does not exist. Give a folder of .txt/.html articles or a .jsonl file."
    )


def _check(
    fmt: str, min_words: int, max_words: int, threshold: float | None, dev: float, test: float
) -> None:
    if fmt not in FORMATS:
        raise ConfigError(f"build_dataset: fmt must be one of {', '.join(FORMATS)}, not {fmt!r}.")
    if min_words < 0 or max_words < max(1, min_words):
        raise ConfigError(
            f"build_dataset: need 0 <= min_words <= max_words and max_words >= 1 "
            f"(got min_words={min_words}, max_words={max_words})."
        )
    if threshold is not None and not 0 < threshold <= 1:
        raise ConfigError(
            f"build_dataset: dedup_threshold must be in (0, 1], or None to skip near-duplicate "
            f"removal (got {threshold})."
        )
    if not (0 <= dev <= 1 and 0 <= test <= 1 and dev + test <= 1):
        raise ConfigError(
            f"build_dataset: dev_fraction and test_fraction must be in [0, 1] and sum to at most 1 "
            f"(got {dev} and {test})."
        )


def _save(data: DatasetDict, stats: BuildStats, out: Path, fmt: str) -> None:
    if fmt == "disk":
        # An empty split must be written as one (empty) shard: with zero shards,
        # datasets.load_from_disk cannot read the dataset back.
        shards = {name: 1 if split.num_rows == 0 else None for name, split in data.items()}
        data.save_to_disk(str(out), num_shards=shards)
    else:
        out.mkdir(parents=True, exist_ok=True)
        for name, split in data.items():
            split.to_parquet(str(out / f"{name}.parquet"))
    (out / "build-stats.json").write_text(
        json.dumps(stats.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    logger.info("Saved the dataset (%s) to %s", fmt, out)


def build_dataset(
    source: str | Path,
    *,
    out: str | Path | None = None,
    fmt: str = "disk",
    min_words: int = 50,
    max_words: int = 2000,
    dedup_threshold: float | None = 0.8,
    dev_fraction: float = 0.1,
    test_fraction: float = 0.1,
    seed: int = 0,
) -> tuple[DatasetDict, BuildStats]:
    """Clean, filter, deduplicate and split the articles in ``source``; see the module docstring.

    Returns the ``DatasetDict`` (splits ``train``, ``dev``, ``test``, each possibly empty; the
    common schema with ``text`` the cleaned article) and the :class:`BuildStats`. With ``out``,
    also saves it: ``fmt="disk"`` with ``save_to_disk`` (reload with
    ``datasets.load_from_disk``), ``fmt="parquet"`` as ``{out}/{split}.parquet``; either way with
    ``{out}/build-stats.json``. ``dedup_threshold=None`` skips near-duplicate removal.

    >>> data, stats = build_dataset("scraped/", out="corpus", fmt="parquet")  # doctest: +SKIP
    >>> print(format_stats(stats))  # doctest: +SKIP
    """
    _check(fmt, min_words, max_words, dedup_threshold, dev_fraction, test_fraction)
    stats = BuildStats(
        settings={
            "source": str(source),
            "min_words": min_words,
            "max_words": max_words,
            "dedup_threshold": dedup_threshold,
            "dev_fraction": dev_fraction,
            "test_fraction": test_fraction,
            "seed": seed,
        }
    )
    index = MinHashIndex(dedup_threshold) if dedup_threshold is not None else None
    exact: dict[str, str] = {}
    seen_ids: set[str] = set()
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _SPLITS}
    for article in _read_source(source):
        stats.read += 1
        ident = article["id"]
        if ident in seen_ids:
            raise InputError(f"{source}: the id {ident!r} appears twice; ids must be unique.")
        seen_ids.add(ident)
        text = clean_article(article["raw"]).text
        words = len(text.split())
        if words < min_words:
            stats.too_short += 1
            continue
        if words > max_words:
            stats.too_long += 1
            continue
        key = _exact_key(text)
        if key in exact:
            stats.exact_duplicates += 1
            stats.duplicate_of.append((ident, exact[key]))
            continue
        if index is not None:
            twin = index.find(text)
            if twin is not None:
                stats.near_duplicates += 1
                stats.duplicate_of.append((ident, twin))
                continue
            index.add(ident, text)
        exact[key] = ident
        split = assign_split(
            ident, dev_fraction=dev_fraction, test_fraction=test_fraction, seed=seed
        )
        rows[split].append(
            {
                "id": ident,
                "text": text,
                "summary": article.get("summary"),
                "translation": article.get("translation"),
                "lang": "id",
            }
        )
    stats.kept = sum(len(r) for r in rows.values())
    stats.splits = {name: len(r) for name, r in rows.items()}
    fractions = {
        "train": 1 - dev_fraction - test_fraction,
        "dev": dev_fraction,
        "test": test_fraction,
    }
    for name, count in stats.splits.items():
        if count == 0 and stats.kept and fractions[name] > 0:
            logger.warning(
                "build_dataset: the %s split is empty (%d articles kept)", name, stats.kept
            )
    data = to_dataset_dict(rows)
    logger.info("build_dataset from %s:\n%s", source, format_stats(stats))
    if out is not None:
        _save(data, stats, Path(out), fmt)
    return data, stats
