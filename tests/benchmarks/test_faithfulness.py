"""benchmarks/faithfulness.py: each corruption changes exactly one fact, and the quick run
writes its three files and meets the synthetic targets on its subset."""

from __future__ import annotations

import json
import random
from pathlib import Path

import faithfulness as bench
import pytest

PAIR = (
    "Harga naik 30 persen menjadi Rp 1,4 juta pada Senin (4/3/2024) pukul 21.30 WIB, kata Hendra.",
    "The price rose 30 percent to Rp 1.4 million on Monday (4/3/2024) at 21:30 WIB, Hendra said.",
)


@pytest.mark.parametrize("kind", [k for k in bench.KINDS if k not in ("month", "number_word")])
def test_each_corruption_changes_the_english(kind: str) -> None:
    source, english = PAIR
    bad = bench.CORRUPT[kind](source, english, random.Random(0))
    assert bad is not None and bad != english


def test_quick_run(tmp_path: Path) -> None:
    assert bench.main(["--quick", "--out", str(tmp_path)]) == 0
    result = json.loads((tmp_path / "faithfulness.json").read_text(encoding="utf-8"))
    assert (tmp_path / "faithfulness.md").read_text(encoding="utf-8").startswith("# Faithfulness")
    assert (tmp_path / "faithfulness.png").stat().st_size > 0
    synthetic = result["synthetic"]
    assert synthetic["false_flag_rate"] <= 0.02 and synthetic["recall"] >= 0.95
    assert result["real"] == {"skipped": "not asked for (pass --real)"}


def test_heldout_sets_are_well_formed_and_not_the_bundled_pairs() -> None:
    bundled = {s for _, s, _ in bench.sentence_pairs()} | {t for _, _, t in bench.sentence_pairs()}
    files = (bench.HERE / "data").glob("faithfulness-heldout-*.jsonl")
    committed = {p.stem.rsplit("-", 1)[-1].upper() for p in files}
    sets = bench.HELDOUT | bench.SEALED
    assert set(sets) == committed, "every committed held-out set is measured or sealed"
    assert not set(bench.HELDOUT) & set(bench.SEALED)
    assert set(bench.HELDOUT_ROLE) == set(bench.HELDOUT)
    ids: set[str] = set()
    seen: set[str] = set()
    for name, path in sets.items():
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        # 40 written; Z, AF, AZ and DC each lost one that repeated an earlier set's word for word
        assert len(rows) >= 39, name
        for row in rows:
            assert set(row) == {"id", "source", "english", "note"}
            assert all(isinstance(v, str) and v.strip() for v in row.values())
            assert row["source"] not in bundled and row["english"] not in bundled
            assert row["source"] not in seen, f"{name} repeats another set's sentence"
        seen |= {row["source"] for row in rows}
        ids |= {row["id"] for row in rows}
        assert bench.heldout_pairs(path)[0] == (
            rows[0]["id"],
            rows[0]["source"],
            rows[0]["english"],
        )
    assert len(ids) == sum(1 for p in sets.values() for _ in p.open(encoding="utf-8"))


def test_quick_run_reports_the_heldout_sets(tmp_path: Path) -> None:
    assert bench.main(["--quick", "--out", str(tmp_path)]) == 0
    heldout = json.loads((tmp_path / "faithfulness.json").read_text(encoding="utf-8"))["heldout"]
    assert set(heldout) == set(bench.HELDOUT)
    for row in heldout.values():
        assert row["sentences"] >= 39 and 0 <= row["false_flags"] <= row["sentences"]
        assert row["caught_passed"] <= row["corrupted_passed"] <= row["corrupted"]
        assert set(row["per_kind"]) == set(bench.KINDS)
    assert "## Held-out" in (tmp_path / "faithfulness.md").read_text(encoding="utf-8")
