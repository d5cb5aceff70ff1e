"""Processing a shard's rows in this process (ringkas.jobs.local)."""

from __future__ import annotations

import pytest

from ringkas.errors import ConfigError, InputError
from ringkas.jobs.local import process_rows
from ringkas.jobs.rows import Row


def test_a_failing_batch_is_retried_row_by_row() -> None:
    calls: list[int] = []

    def runner(texts: list[str]) -> list[str]:
        calls.append(len(texts))
        if "bad" in texts:
            raise InputError("bad text")
        return [t.upper() for t in texts]

    rows = [Row(1, "a", text="x"), Row(2, "b", error="no field"), Row(3, "c", text="bad")]
    assert process_rows(rows, runner) == [
        Row(1, "a", result="X"), Row(2, "b", error="no field"), Row(3, "c", error="bad text")
    ]  # fmt: skip
    assert calls == [2, 1, 1]

    def broken(texts: list[str]) -> list[str]:
        raise ConfigError("model is broken")

    with pytest.raises(ConfigError):  # a setup problem stops the job instead of failing every row
        process_rows(rows, broken)
