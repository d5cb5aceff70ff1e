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
