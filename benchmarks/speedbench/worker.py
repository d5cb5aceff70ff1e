"""One system timed in its own subprocess: ``speed.py --worker SPEC.json RESULT.json``.

Standard library only at import time: for system (a) this runs in the transformers-4 virtualenv,
where ringkas is not installed. What a system is and how it is called is in
:mod:`speedbench.systems`, imported when the worker starts.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

logger = logging.getLogger("ringkas.benchmarks.speed.worker")


def _proc_status_mb(field: str) -> float | None:
    """A ``/proc/self/status`` memory field (``VmRSS``, ``VmHWM``) in MiB; None without /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def rss_mb() -> float:
    """Current resident set size in MiB (0 where /proc is missing)."""
    return _proc_status_mb("VmRSS") or 0.0


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB.

    Linux's ``VmHWM``, not ``getrusage``'s ``ru_maxrss``: the latter survives ``exec`` and so
    would report the parent's peak for a worker smaller than the parent.
    """
    peak = _proc_status_mb("VmHWM")
    if peak is not None:
        return peak
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    most = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return most / 2**20 if sys.platform == "darwin" else most / 1024


class GpuPeak:
    """Peak device memory in use on CUDA (all allocators, CTranslate2's too), by polling."""

    def __init__(self, device: str) -> None:
        self.enabled = device.startswith("cuda")
        self.base = self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if not self.enabled:
            return
        import torch

        torch.cuda.init()
        free, total = torch.cuda.mem_get_info()
        self.base = self.peak = total - free

        def poll() -> None:
            while not self._stop.is_set():
                free, total = torch.cuda.mem_get_info()
                self.peak = max(self.peak, total - free)
                time.sleep(0.005)

        self._thread = threading.Thread(target=poll, daemon=True)
        self._thread.start()

    def stop(self) -> dict[str, float]:
        if not self.enabled or self._thread is None:
            return {}
        import torch

        self._stop.set()
        self._thread.join()
        return {
            "gpu_peak_mb": (self.peak - self.base) / 2**20,
            "torch_max_reserved_mb": torch.cuda.max_memory_reserved() / 2**20,
        }


def cpu_model() -> str:
    """The CPU's model name (``/proc/cpuinfo``), else what ``platform`` knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def pin_threads(threads: int) -> None:
    """Keep this worker on ``threads`` CPUs, so torch, CTranslate2 and ringkas (which sizes its
    CTranslate2 thread pool from the CPU affinity) all use the same number of threads."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
        if threads < len(cpus):
            os.sched_setaffinity(0, cpus[:threads])
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        pass


def measured(fn: Callable[..., object], *args: Any, **kwargs: Any) -> tuple[float, object]:
    """Seconds that ``fn(*args, **kwargs)`` took, and what it returned."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def timed(fn: Callable[..., object], *args: Any, **kwargs: Any) -> float:
    """Seconds that ``fn(*args, **kwargs)`` took."""
    return measured(fn, *args, **kwargs)[0]


def output_check(inputs: list[str], outputs: object) -> str:
    """``"ok"`` when a system gave one text per input and not all of them are empty.

    >>> output_check(["a", "b"], ["x", ""]), output_check(["a"], [" "]), output_check(["a"], [])
    ('ok', 'FAILED: every output is empty', 'FAILED: 0 outputs for 1 inputs')
    """
    if not isinstance(outputs, list) or len(outputs) != len(inputs):
        count = len(outputs) if isinstance(outputs, list) else type(outputs).__name__
        return f"FAILED: {count} outputs for {len(inputs)} inputs"
    if not any(isinstance(text, str) and text.strip() for text in outputs):
        return "FAILED: every output is empty"
    return "ok"


def translation_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Load one system, warm it up, check its output, and time one repeat of every condition."""
    from speedbench import systems

    pin_threads(spec["threads"])
    gpu = GpuPeak(spec["device"])
    rss_start = rss_mb()
    gpu.start()
    start = time.perf_counter()
    run, run_doc, info = systems.load(spec)
    load_s = time.perf_counter() - start
    rss_loaded = rss_mb()
    main = spec["batch_size"]
    run(spec["corpora"]["mixed"][: max(4, main)], main)  # warm-up
    info["output_check"] = output_check(spec["check"], run(spec["check"], main))
    if "translate_batch_seconds" in info:
        info["translate_batch_seconds"].clear()
    timings: dict[str, Any] = {"mixed": {}, "uniform": {}}
    timings["mixed"][str(main)] = timed(run, spec["corpora"]["mixed"], main)
    # A few seconds of work, so one run is at the mercy of whatever else the machine does
    # then; other jobs only ever slow a run down, so the fastest of a few is the steadier figure.
    timings["uniform"][str(main)] = min(
        timed(run, spec["corpora"]["uniform"], main) for _ in range(spec["uniform_runs"])
    )
    timings["articles"] = [timed(run_doc, article) for article in spec["articles"]]
    if spec["sweep"]:
        for size in spec["batch_sizes"]:
            if size != main:
                timings["mixed"][str(size)] = timed(run, spec["corpora"]["mixed"], size)
    info["torch_imported"] = "torch" in sys.modules
    return {
        "ok": True,
        "info": info,
        "load_s": load_s,
        "rss_start_mb": rss_start,
        "rss_loaded_mb": rss_loaded,
        "peak_rss_mb": peak_rss_mb(),
        **gpu.stop(),
        "timings": timings,
    }


def summary_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Time ringkas summarising long articles, map-reduce against truncation (one repeat).

    Each backend in ``spec["backends"]`` is timed in turn; one that fails is reported as such.
    """
    from speedbench import systems

    pin_threads(spec["threads"])
    systems.torch_setup(spec)
    results: dict[str, Any] = {}
    for backend in spec["backends"]:
        try:
            results[backend] = systems.summarize_backend(spec, backend)
        except Exception as exc:  # one backend failing leaves the other's numbers
            logger.exception("summarisation with %s failed", backend)
            results[backend] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "backends": results, "peak_rss_mb": peak_rss_mb()}


def serve(
    spec_path: str,
    result_path: str,
    pick: Callable[[dict[str, Any]], Callable[[dict[str, Any]], dict[str, Any]]],
) -> int:
    """Run the worker that ``pick(spec)`` names on the spec in ``spec_path`` and write its
    result as JSON to ``result_path``: never raises (a failed system is a row in the table,
    not a crash), always writes a result. Shared by ``speed.py`` and ``llm_speed.py``."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    try:
        result = pick(spec)(spec)
    except Exception as exc:
        logger.exception("worker failed")
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


def worker_main(spec_path: str, result_path: str) -> int:
    """Entry point of a speed.py worker subprocess (see :func:`serve`)."""
    return serve(
        spec_path,
        result_path,
        lambda spec: summary_worker if spec["kind"] == "summary" else translation_worker,
    )
