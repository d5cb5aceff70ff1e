"""The ``speed.py`` command line: settings from the arguments, then prepare, run, report."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import time
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import asdict
from pathlib import Path
from typing import Any

from speedbench.aggregate import failures
from speedbench.report import rerender, write
from speedbench.run import prepare, run_all, signature, tf4_python, usable_threads
from speedbench.settings import QUICK, SYSTEMS, TF4_VERSION, Settings

logger = logging.getLogger("ringkas.benchmarks.speed")

DESCRIPTION = "Translation and summarisation speed: ringkas against what transformers users run."
RESULTS = Path(__file__).resolve().parents[1] / "results"


def parse_args(argv: Sequence[str] | None = None) -> tuple[Settings, argparse.Namespace]:
    """Settings from the command line (``--quick`` first, then any explicit option)."""
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("--quick", action="store_true", help="tiny model, seconds (CI)")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    parser.add_argument("--repeats", type=int, help="runs per system; the median is reported")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results folder")
    parser.add_argument("--systems", help="comma list of " + ", ".join(SYSTEMS))
    parser.add_argument("--sentences", type=int, help="mixed-length corpus size")
    parser.add_argument("--uniform-sentences", type=int, help="uniform-length corpus size")
    parser.add_argument(
        "--max-new-tokens", type=int, help="the most target tokens per sentence (a ceiling)"
    )
    parser.add_argument(
        "--length-ratio",
        type=float,
        help="target tokens per source token (default 1.0); 0 gives every sentence "
        "--max-new-tokens tokens, as reports before this option did",
    )
    parser.add_argument("--batch-size", type=int, help="the batch size of the main tables")
    parser.add_argument("--batch-sizes", help="comma list for the sweep, e.g. 8,16,32,64")
    parser.add_argument("--sweep-repeats", type=int, help="repeats of the other sweep sizes")
    parser.add_argument("--articles", type=int, help="articles timed for latency")
    parser.add_argument("--num-beams", type=int)
    parser.add_argument(
        "--threads",
        type=int,
        help="CPU threads per system (default: every CPU this process may use)",
    )
    parser.add_argument("--summary-articles", type=int, help="long articles to summarise")
    parser.add_argument("--no-summary", action="store_true", help="skip summarisation")
    parser.add_argument("--timeout", type=int, help="seconds per worker before giving up")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path.home() / ".cache" / "ringkas" / "bench",
        help="where built models and CTranslate2 conversions are cached",
    )
    parser.add_argument(
        "--tf4-venv", type=Path, default=Path.home() / ".cache" / "ringkas" / "bench-tf4-venv"
    )
    parser.add_argument(
        "--report", type=Path, help="rebuild the .md and .png of an earlier run's JSON, then exit"
    )
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    s = deepcopy(QUICK) if args.quick else Settings()
    s.device = args.device
    if args.device == "cuda" and not args.systems:
        s.systems = ["a", "b", "c", "c16", "d", "e"]
    if args.systems:
        s.systems = [x.strip() for x in args.systems.split(",") if x.strip()]
        unknown = [x for x in s.systems if x not in SYSTEMS]
        if unknown:
            parser.error(f"--systems: unknown {unknown}; choose from {', '.join(SYSTEMS)}")
        if "c16" in s.systems and args.device != "cuda":
            parser.error("--systems: c16 (fp16 transformers) needs --device cuda")
    for name in (
        "repeats",
        "sentences",
        "uniform_sentences",
        "max_new_tokens",
        "batch_size",
        "sweep_repeats",
        "articles",
        "num_beams",
        "summary_articles",
    ):
        value = getattr(args, name)
        if value is not None:
            if value < 1:
                parser.error(f"--{name.replace('_', '-')} must be >= 1, got {value}")
            setattr(s, name, value)
    if args.timeout is not None:
        s.timeout_s = args.timeout
    if args.length_ratio is not None:
        if args.length_ratio < 0:
            parser.error(f"--length-ratio must be >= 0, got {args.length_ratio}")
        s.length_ratio = args.length_ratio or None
    if args.batch_sizes:
        s.batch_sizes = sorted({int(x) for x in args.batch_sizes.split(",")})
    if s.batch_size not in s.batch_sizes:
        s.batch_sizes = sorted({*s.batch_sizes, s.batch_size})
    s.summary = not args.no_summary
    s.threads = 1 if s.quick else usable_threads()  # tiny models run faster on one thread
    if args.threads is not None:
        if not 1 <= args.threads <= usable_threads():
            parser.error(f"--threads must be between 1 and {usable_threads()}, got {args.threads}")
        s.threads = args.threads
    return s, args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 1 when a system that should have run did not, or produced nothing."""
    settings, args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        datefmt="%H:%M:%S",
    )
    if args.report is not None:
        return rerender(args.report)
    if settings.device == "cuda":
        import torch

        if not torch.cuda.is_available():
            logger.error("--device cuda: torch sees no CUDA GPU here.")
            return 2
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RINGKAS_CT2_CACHE", str(work / "ct2"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    start = time.perf_counter()
    bench = prepare(settings, work)
    tf4, skipped = _baseline(settings, args.tf4_venv)
    raw = run_all(bench, tf4)
    today = dt.date.today().isoformat()
    report: dict[str, Any] = {
        "name": f"{settings.device}-{today}" + ("-quick" if settings.quick else ""),
        "signature": signature(settings, today),
        "settings": asdict(settings),
        "models": bench.model_info,
        "corpus": bench.corpus_stats,
        "not_measured": {**skipped, **raw["unavailable"]},
        "raw": raw,
        "wall_s": time.perf_counter() - start,
    }
    for name, why in _cpu_only(settings).items():
        report["not_measured"].setdefault(name, why)
    write(report, args.out)
    problems = failures(settings, raw, skipped)
    for problem in problems:  # a system missing, or doing other work: the tables mislead
        logger.error("%s", problem)
    return 1 if problems else 0


def _baseline(settings: Settings, venv: Path) -> tuple[Path | None, dict[str, str]]:
    """The transformers-4 python for (a), and the systems skipped by design (with why)."""
    if "a" not in settings.systems:
        return None, {}
    if settings.quick:
        return None, {"a": "skipped with --quick (no transformers-4 virtualenv in CI)"}
    tf4, why = tf4_python(venv, create=True)
    logger.info("transformers 4 pipeline: %s", why)
    if tf4 is None:
        return None, {"a": f"transformers {TF4_VERSION} virtualenv unavailable: {why}"}
    return tf4, {}


def _cpu_only(settings: Settings) -> dict[str, str]:
    if settings.device != "cpu":
        return {}
    return {"c16": "fp16 transformers is measured on CUDA only", "GPU memory": "CPU run"}
