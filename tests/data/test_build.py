"""build_dataset: cleaning, length filter, exact and near-duplicate removal, splits, saving."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ringkas.data.build import MinHashIndex, assign_split, build_dataset, format_stats
from ringkas.errors import ConfigError, InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_duplicates_and_short_articles_are_dropped() -> None:
    data, stats = build_dataset(FIXTURES / "raw_articles", dev_fraction=0.0, test_fraction=0.0)
    assert (stats.read, stats.kept, stats.too_short, stats.too_long) == (6, 3, 1, 0)
    assert (stats.exact_duplicates, stats.near_duplicates) == (1, 1)
    # files are read in sorted order; the first of each pair is kept
    assert stats.duplicate_of == [("banjir", "banjir-salinan"), ("pasar", "pasar-ubah")]
    assert sorted(data["train"]["id"]) == ["banjir-salinan", "pasar-ubah", "sekolah"]
    assert data["dev"].num_rows == data["test"].num_rows == 0
    sekolah = data["train"][data["train"]["id"].index("sekolah")]
    assert sekolah["text"].startswith("Dinas pendidikan kota mulai")  # no <head>, no dateline
    assert "iklan" not in sekolah["text"] and "<p>" not in sekolah["text"]


def test_near_duplicate_threshold_and_distinct_texts() -> None:
    base = " ".join(f"kata{i}" for i in range(80))
    index = MinHashIndex(threshold=0.8)
    index.add("a", base)
    assert index.find(base.replace("kata40", "ganti")) == "a"  # one word changed
    assert index.find(" ".join(f"lain{i}" for i in range(80))) is None
    assert index.find(" ".join(base.split()[:40])) is None  # half the article: J = 0.47


def test_splits_are_deterministic_and_follow_the_fractions() -> None:
    ids = [f"artikel-{i}" for i in range(2000)]
    splits = [assign_split(i, dev_fraction=0.1, test_fraction=0.2, seed=3) for i in ids]
    assert splits == [assign_split(i, dev_fraction=0.1, test_fraction=0.2, seed=3) for i in ids]
    assert 140 < splits.count("dev") < 260 and 320 < splits.count("test") < 480
    first, _ = build_dataset(FIXTURES / "raw_articles", dev_fraction=0.4, test_fraction=0.4, seed=1)
    again, _ = build_dataset(FIXTURES / "raw_articles", dev_fraction=0.4, test_fraction=0.4, seed=1)
    assert {k: first[k]["id"] for k in first} == {k: again[k]["id"] for k in again}


def test_parquet_and_disk_outputs(tmp_path: Path) -> None:
    data, stats = build_dataset(
        FIXTURES / "raw_articles", out=tmp_path / "pq", fmt="parquet", min_words=10
    )
    assert stats.kept == 4  # pendek.txt is long enough at min_words=10
    for name in ("train", "dev", "test"):
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        assert table.num_rows == data[name].num_rows
        assert table.column_names == ["id", "text", "summary", "translation", "lang"]
    saved = json.loads((tmp_path / "pq" / "build-stats.json").read_text(encoding="utf-8"))
    assert saved["kept"] == 4 and saved["settings"]["min_words"] == 10

    import datasets

    data, _ = build_dataset(FIXTURES / "raw_articles", out=tmp_path / "disk", dev_fraction=0.0)
    again = datasets.load_from_disk(str(tmp_path / "disk"))  # the empty dev split reads back too
    assert {k: again[k].num_rows for k in again} == {k: data[k].num_rows for k in data}
    assert again["dev"].num_rows == 0


def test_jsonl_source_keeps_ids_and_summaries(tmp_path: Path) -> None:
    words = " ".join(f"kata{i}" for i in range(60))
    lines = [
        {"id": "x", "text": words + ".", "summary": "Ringkas."},
        {"text": "Berita lain " + " ".join(f"isi{i}" for i in range(60)) + "."},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    data, stats = build_dataset(source, dev_fraction=0.0, test_fraction=0.0)
    assert stats.kept == 2
    assert data["train"]["id"] == ["x", "2"] and data["train"]["summary"] == ["Ringkas.", None]


def test_bad_arguments_and_sources(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="fmt"):
        build_dataset(tmp_path, fmt="csv")
    with pytest.raises(ConfigError, match="sum to at most 1"):
        build_dataset(tmp_path, dev_fraction=0.6, test_fraction=0.6)
    with pytest.raises(ConfigError, match="dedup_threshold"):
        build_dataset(tmp_path, dedup_threshold=1.5)
    with pytest.raises(InputError, match="holds no .txt or .html files"):
        build_dataset(tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        build_dataset(tmp_path / "missing")


def test_format_stats_is_a_small_table() -> None:
    _, stats = build_dataset(FIXTURES / "raw_articles")
    table = format_stats(stats)
    assert table.splitlines()[0].split() == ["read", "6"]
    assert "near duplicates (J >= 0.8)" in table and "too short (< 50 words)" in table
