"""The parent side: build the models and corpora once, then run every system's worker in turns.

Each system runs in its own subprocess (so its peak RSS is its own), once per repeat, the systems
taking turns (a b c d e, a b c d e ...) so that a busy machine slows them alike.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from speedbench.settings import (
    SUMMARY_BACKENDS,
    SYSTEMS,
    TF4_PACKAGES,
    TF4_TORCH,
    TF4_VERSION,
    Settings,
    target_length,
)
from speedbench.worker import cpu_model

logger = logging.getLogger("ringkas.benchmarks.speed")

SPEED = Path(__file__).resolve().parents[1] / "speed.py"  # the worker's entry point too


@dataclass
class Bench:
    """Inputs shared by all workers: models, corpora and the parts of each worker's spec."""

    settings: Settings
    work: Path
    model_dir: str
    ct2_dir: str | None
    mt5_dir: str | None
    model_info: dict[str, Any]
    mixed: list[str]
    uniform: list[str]
    articles: list[dict[str, Any]]
    long_articles: list[str]
    corpus_stats: dict[str, Any]
    ct2_length_check: str = "not run"


def _token_stats(lengths: Sequence[int]) -> dict[str, float]:
    return {
        "n": len(lengths),
        "min": min(lengths),
        "median": statistics.median(lengths),
        "max": max(lengths),
        "total": sum(lengths),
    }


def prepare(settings: Settings, work: Path) -> Bench:
    """Build (or reuse) the models, convert for CTranslate2, and pick the corpora."""
    from transformers import AutoTokenizer

    from ringkas.engines.ct2 import convert
    from ringkas.models.cards import resolve
    from speedbench import corpus, models

    articles, sentences = corpus.load_articles()
    texts = [a.text for a in articles]
    root = work / "models"
    marian = models.TINY_MARIAN if settings.quick else models.OPUS_MT
    model_dir, marian_info = models.build(marian, texts, root, seed=settings.seed)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    lengths = dict(zip(sentences, _lengths(tokenizer, sentences), strict=True))

    rng = random.Random(settings.seed)
    shuffled = sentences[:]
    rng.shuffle(shuffled)
    mixed = shuffled[: settings.sentences]
    median = statistics.median(lengths.values())
    uniform = sorted(shuffled, key=lambda s: abs(lengths[s] - median))[: settings.uniform_sentences]
    rng.shuffle(uniform)
    picked = articles[: settings.articles]

    def target(source_tokens: int) -> int:
        return target_length(source_tokens, settings.length_ratio, settings.max_new_tokens)

    ct2_dir = None
    if {"d", "e"} & set(settings.systems):
        quantization = "int8" if settings.device == "cpu" else "float16"
        ct2_dir = str(convert(resolve(str(model_dir)), quantization))
    mt5_dir, mt5_info = None, None
    long_articles: list[str] = []
    if settings.summary:
        mt5 = models.TINY_MT5 if settings.quick else models.MT5_SMALL
        built, mt5_info = models.build(mt5, texts, root, seed=settings.seed)
        mt5_dir = str(built)
        join = settings.summary_join
        long_articles = [
            "\n\n".join(a.text for a in articles[i : i + join])
            for i in range(0, join * settings.summary_articles, join)
        ]
    stats = {
        "source": [corpus.SOURCE],
        "mixed_tokens": _token_stats([lengths[s] for s in mixed]),
        "uniform_tokens": _token_stats([lengths[s] for s in uniform]),
        "mixed_target_tokens": _token_stats([target(lengths[s]) for s in mixed]),
        "uniform_target_tokens": _token_stats([target(lengths[s]) for s in uniform]),
        "articles": [
            {"id": a.id, "sentences": len(a.sentences), "words": len(a.text.split())}
            for a in picked
        ],
        "long_articles_words": [len(t.split()) for t in long_articles],
        "long_articles_made_of": f"{settings.summary_join} consecutive bundled articles each",
    }
    bench = Bench(
        settings=settings,
        work=work,
        model_dir=str(model_dir),
        ct2_dir=ct2_dir,
        mt5_dir=mt5_dir,
        model_info={"translation": marian_info, "summarization": mt5_info},
        mixed=mixed,
        uniform=uniform,
        articles=[{"id": a.id, "text": a.text, "sentences": a.sentences} for a in picked],
        long_articles=long_articles,
        corpus_stats=stats,
    )
    if ct2_dir is not None:
        from speedbench.systems import ct2_length_check

        bench.ct2_length_check = ct2_length_check(system_spec(bench, "e", sweep=False))
    return bench


def _lengths(tokenizer: Any, texts: list[str]) -> list[int]:
    return [len(ids) for ids in tokenizer(texts)["input_ids"]]


KINDS = {  # system -> (worker kind, ringkas backend, dtype); None: the system's default
    "a": ("pipeline", None, "float32"),
    "b": ("generate", None, "float32"),
    "c": ("ringkas", "transformers", "float32"),
    "c16": ("ringkas", "transformers", "float16"),
    "d": ("ringkas", "ctranslate2", None),
    "e": ("raw_ct2", None, "int8"),  # float16 on CUDA
}


def system_spec(bench: Bench, system: str, sweep: bool) -> dict[str, Any]:
    """What the worker of ``system`` is told: model, corpora, settings."""
    s = bench.settings
    kind, backend, dtype = KINDS[system]
    if system == "e" and s.device.startswith("cuda"):
        dtype = "float16"
    return {
        "system": system,
        "kind": kind,
        "backend": backend,
        "dtype": dtype,
        "model_dir": bench.model_dir,
        "ct2_dir": bench.ct2_dir,
        "length_check": bench.ct2_length_check,  # (d) and (e): checked once, here
        "device": s.device,
        "threads": s.threads,
        "max_new_tokens": s.max_new_tokens,
        "length_ratio": s.length_ratio,
        "uniform_runs": s.uniform_runs,
        "num_beams": s.num_beams,
        "batch_size": s.batch_size,
        "batch_sizes": s.batch_sizes,
        "sweep": sweep,
        "corpora": {"mixed": bench.mixed, "uniform": bench.uniform},
        "articles": bench.articles,
        "check": bench.mixed[:4],
    }


def summary_spec(bench: Bench) -> dict[str, Any]:
    """What the summarisation worker is told."""
    s = bench.settings
    return {
        "kind": "summary",
        "system": "summary",
        "backends": list(SUMMARY_BACKENDS),
        "model_dir": bench.mt5_dir,
        "device": s.device,
        "threads": s.threads,
        "articles": bench.long_articles,
        "max_words": s.summary_words,
        "batch_size": s.batch_size,
    }


def run_all(bench: Bench, tf4: Path | None) -> dict[str, Any]:
    """Every system once per repeat, taking turns; then the summarisation repeats."""
    s = bench.settings
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in s.systems}
    unavailable: dict[str, str] = {}
    for repeat in range(s.repeats):
        for system in s.systems:
            if system in unavailable or (system == "a" and tf4 is None):
                continue
            spec = system_spec(bench, system, sweep=repeat < s.sweep_repeats)
            logger.info("repeat %d/%d: %s (%s)", repeat + 1, s.repeats, system, SYSTEMS[system])
            start = time.perf_counter()
            result = run_worker(spec, tf4 if system == "a" else sys.executable, bench.work, s)
            logger.info("  ... %.1f s", time.perf_counter() - start)
            if not result.get("ok"):
                unavailable[system] = result.get("error", "failed")
                continue
            for check in ("length_check", "output_check"):
                if result["info"].get(check) != "ok":
                    logger.warning("%s: %s: %s", system, check, result["info"].get(check))
            results[system].append(result)
    summary: dict[str, list[dict[str, Any]]] = {}
    if s.summary and bench.mt5_dir:
        for repeat in range(s.repeats):
            logger.info("repeat %d/%d: summarisation", repeat + 1, s.repeats)
            result = run_worker(summary_spec(bench), sys.executable, bench.work, s)
            if not result.get("ok"):
                unavailable["summarisation"] = result.get("error", "failed")
                break
            for backend, one in result["backends"].items():
                if one.get("ok"):
                    summary.setdefault(backend, []).append(one)
                else:
                    unavailable[f"summarisation ({backend})"] = one.get("error", "failed")
    return {"runs": results, "summary_runs": summary, "unavailable": unavailable}


def run_worker(
    spec: dict[str, Any], python: Path | str, work: Path, settings: Settings
) -> dict[str, Any]:
    """Run one worker subprocess; any failure comes back as ``{"ok": False, "error": ...}``."""
    with tempfile.TemporaryDirectory(prefix="speed-", dir=work) as tmp:
        return _run_worker_in(Path(tmp), spec, python, settings.timeout_s)


def _run_worker_in(
    tmp: Path, spec: dict[str, Any], python: Path | str, timeout_s: int
) -> dict[str, Any]:
    spec_path, result_path, log_path = tmp / "spec.json", tmp / "result.json", tmp / "worker.log"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_VERBOSITY="error",
        TOKENIZERS_PARALLELISM="false",
        PYTHONNOUSERSITE="1",
    )
    command = [str(python), str(SPEED), "--worker", str(spec_path), str(result_path)]
    try:
        with log_path.open("w") as log:
            subprocess.run(command, stdout=log, stderr=log, env=env, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return {"ok": False, "error": f"timed out after {timeout_s} s"}
    except OSError as exc:
        return {"ok": False, "error": f"could not start {python}: {exc}"}
    if not result_path.is_file():
        return {
            "ok": False,
            "error": "the worker died: " + _tail(log_path.read_text(errors="replace"), 5),
        }
    result: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
    if not result.get("ok"):
        logger.warning("%s failed; its log:\n%s", spec.get("system"), _tail(log_path.read_text()))
    return result


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def tf4_python(venv: Path, *, create: bool) -> tuple[Path | None, str]:
    """The transformers-4 virtualenv's python, created when missing; or (None, why not)."""
    python = venv / "bin" / "python"
    probe = "import torch, transformers; print(transformers.__version__)"

    def usable() -> bool:
        try:
            out = subprocess.run(
                [str(python), "-c", probe], capture_output=True, text=True, timeout=300
            )
        except (OSError, subprocess.SubprocessError):
            return False
        return out.returncode == 0 and out.stdout.strip() == TF4_VERSION

    if python.exists() and usable():
        return python, f"reused {venv}"
    if not create:
        return None, f"no usable virtualenv at {venv}"
    logger.info("Creating the transformers %s virtualenv in %s (once)", TF4_VERSION, venv)
    shutil.rmtree(venv, ignore_errors=True)
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", *TF4_PACKAGES],
    ]
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=1800)
        except (OSError, subprocess.SubprocessError) as exc:
            return None, f"`{' '.join(step[:4])} ...` failed: {exc}"
        if done.returncode != 0:
            return None, f"`{' '.join(step[:4])} ...` failed: {_tail(done.stderr, 3)}"
    if not usable():
        return None, f"{venv} was created but does not import transformers {TF4_VERSION}"
    return python, f"created {venv}"


def signature(settings: Settings, today: str) -> dict[str, Any]:
    """Library versions, CPU, threads, platform and date: what a reader needs to compare runs."""
    result: dict[str, Any] = {
        "versions": _versions(),
        "tf4_versions": {"transformers": TF4_VERSION, "torch": TF4_TORCH},
        "cpu": cpu_model(),
        "threads": settings.threads,
        "platform": platform.platform(),
        "date": today,
    }
    if settings.device == "cuda":
        import torch

        result["gpu"] = torch.cuda.get_device_name(0)
    return result


def _versions() -> dict[str, str]:
    try:
        import ctranslate2
    except ImportError:  # e.g. a GPU machine without a CUDA-12 ctranslate2 wheel
        ctranslate2 = None  # type: ignore[assignment]
    import torch
    import transformers

    import ringkas

    return {
        "ringkas": ringkas.__version__,
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "ctranslate2": ctranslate2.__version__ if ctranslate2 else "not installed",
        "python": platform.python_version(),
    }


def usable_threads() -> int:
    """How many CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1
