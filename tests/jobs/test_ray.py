"""The Ray engine (ringkas.jobs.ray): explained when missing, the local output when present."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jobs_corpus import (
    assert_same_output,
    corpus_fixture,
    one_torch_thread,
    reference_fixture,
    run_translate,
)

from ringkas.errors import EngineNotAvailableError
from ringkas.jobs import JobSummary

pytest.importorskip("pyarrow")


one_thread = pytest.fixture(scope="module", autouse=True)(one_torch_thread)


corpus = pytest.fixture(scope="module")(corpus_fixture)
reference = pytest.fixture(scope="module")(reference_fixture)


def test_ray_missing_is_explained(
    corpus: tuple[Path, dict[int, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(EngineNotAvailableError, match=r'pip install "ringkas\[ray\]"'):
        run_translate(corpus[0], tmp_path / "out", engine="ray")
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def ray_local() -> Iterator[Any]:
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.mark.slow
def test_ray_engine_gives_the_local_output(
    ray_local: Any,
    corpus: tuple[Path, dict[int, Any]],
    reference: tuple[Path, JobSummary],
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    summary = run_translate(corpus[0], out, engine="ray", num_workers=2)
    assert (summary.rows, summary.ok, summary.failed, summary.engine) == (59, 52, 7, "ray")
    assert_same_output(out, reference[0])
    print(f"\nray engine (2 CPU workers), fidelity translate model: {summary}")
