"""What every metric shares (ringkas.metrics.base): Score, Signature, MetricResult, checks.

(Not test_base.py: tests/engines/test_base.py has that name, and pytest needs unique ones.)"""

from __future__ import annotations

import pytest

from ringkas.errors import ConfigError
from ringkas.metrics import MetricResult, Score, Signature
from ringkas.metrics.base import check_count


def test_signature_fields_and_compact_string() -> None:
    sig = Signature("BLEU", {"nrefs": 1, "case": "mixed", "eff": False, "version": "2.6.0"})
    assert str(sig) == "BLEU|nrefs:1|case:mixed|eff:no|version:2.6.0"
    assert sig.fields == {"nrefs": "1", "case": "mixed", "eff": "no", "version": "2.6.0"}
    assert sig["case"] == "mixed" and "eff" in sig and "tok" not in sig
    assert list(sig) == ["nrefs", "case", "eff", "version"]
    assert sig == Signature(
        "BLEU", {"nrefs": "1", "case": "mixed", "eff": "no", "version": "2.6.0"}
    )
    assert sig != Signature("chrF2++", sig.fields)
    assert repr(sig) == "Signature('BLEU|nrefs:1|case:mixed|eff:no|version:2.6.0')"


def test_score_from_counts_hand_computed() -> None:
    assert Score.from_counts(3, 4, 6) == Score(0.75, 0.5, 0.6)
    assert Score.from_counts(0, 0, 5) == Score(0.0, 0.0, 0.0)


def test_metric_result_prints_score_interval_and_signature() -> None:
    result = MetricResult("rouge1", 55.4213, (50.0, 60.5), Signature("rouge", {"seed": 0}))
    assert str(result) == "rouge1 = 55.42 (95% CI 50.00-60.50) rouge|seed:0"


def test_check_count_rejects_bools_and_floats() -> None:
    for bad in (True, 2.0, -1):
        with pytest.raises(
            ConfigError, match="must be a non-negative integer \\(0 turns it off\\)"
        ):
            check_count("rouge", "bootstrap", bad)
