"""From raw timings to what the tables show: medians, best of N, ratios, targets, failures.

Everything here works on the JSON a run writes (``report["raw"]``), so ``speed.py --report``
can recompute it after a change.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from speedbench.settings import SUMMARY_BACKENDS, SYSTEMS, Settings


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = int(position), min(int(position) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def counts_of(corpus: dict[str, Any], s: Settings) -> dict[str, int]:
    """How many sentences, target tokens, articles and long articles a run used (from its
    corpus record; a report from before per-sentence lengths wrote ``max_new_tokens`` each)."""
    counts = {
        "mixed": corpus["mixed_tokens"]["n"],
        "uniform": corpus["uniform_tokens"]["n"],
        "articles": len(corpus["articles"]),
        "long_articles": len(corpus["long_articles_words"]),
    }
    for name in ("mixed", "uniform"):
        fixed = counts[name] * s.max_new_tokens
        counts[f"{name}_target_tokens"] = corpus.get(f"{name}_target_tokens", {}).get(
            "total", fixed
        )
    return counts


def aggregate(s: Settings, counts: dict[str, int], raw: dict[str, Any]) -> dict[str, Any]:
    """Per system: throughput (median and best of the repeats), latency, memory, and ratios
    to (a) and (b). The best of N is the steadier number on a shared machine, where other jobs
    only ever slow a run down; the median is what the issue asks for."""
    systems: dict[str, Any] = {}
    for name, runs in raw["runs"].items():
        if not runs:
            continue
        row: dict[str, Any] = {"label": SYSTEMS[name], "repeats": len(runs)}
        for corpus in ("mixed", "uniform"):
            per_size: dict[str, Any] = {}
            for size in s.batch_sizes:
                seconds = [
                    r["timings"][corpus][str(size)]
                    for r in runs
                    if str(size) in r["timings"][corpus]
                ]
                median = _median(seconds)
                if median is None:
                    continue
                n, tokens = counts[corpus], counts[f"{corpus}_target_tokens"]
                per_size[str(size)] = {
                    "seconds": median,
                    "seconds_all": seconds,
                    "sentences_per_s": n / median,
                    "tokens_per_s": tokens / median,
                    "tokens_per_s_best": tokens / min(seconds),
                }
            row[corpus] = per_size
        per_article = [
            statistics.median(r["timings"]["articles"][i] for r in runs)
            for i in range(counts["articles"])
        ]
        row["article_latency_s"] = {
            "p50": _percentile(per_article, 0.5),
            "p95": _percentile(per_article, 0.95),
            "per_article": per_article,
        }
        row["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
        row["rss_loaded_mb"] = _median([r["rss_loaded_mb"] for r in runs])
        row["load_s"] = _median([r["load_s"] for r in runs])
        if any("gpu_peak_mb" in r for r in runs):
            row["gpu_peak_mb"] = max(r.get("gpu_peak_mb", 0.0) for r in runs)
        row["info"] = runs[0]["info"]
        if name == "e":
            row["translate_batch_share"] = _median(
                [sum(r["info"]["translate_batch_seconds"]) / _all_seconds(r) for r in runs]
            )
            row["info"] = {k: v for k, v in row["info"].items() if k != "translate_batch_seconds"}
        systems[name] = row
    for row in systems.values():
        row["ratios"] = {ref: _ratios(row, systems.get(ref), s) for ref in ("a", "b")}
        row["ratios_best"] = {
            ref: _ratios(row, systems.get(ref), s, "tokens_per_s_best") for ref in ("a", "b")
        }
    summary: dict[str, Any] = {}
    for backend, runs in raw["summary_runs"].items():
        modes = {m: _median([r["timings"][m] for r in runs]) for m in ("truncate", "chunk")}
        n = counts["long_articles"]
        summary[backend] = {
            "engine": runs[0]["info"],
            "input_budget": runs[0]["input_budget"],
            "chunks_per_article": runs[0]["chunks"],
            "seconds": modes,
            "seconds_per_article": {m: v / n for m, v in modes.items() if v is not None},
            "chunk_over_truncate": (modes["chunk"] or 0) / modes["truncate"]
            if modes["truncate"]
            else None,
        }
    return {"systems": systems, "summary": summary}


def _all_seconds(result: dict[str, Any]) -> float:
    timings = result["timings"]
    total = sum(timings["mixed"].values()) + sum(timings["uniform"].values())
    return total + sum(timings["articles"])


def _ratios(
    row: dict[str, Any], ref: dict[str, Any] | None, s: Settings, key: str = "tokens_per_s"
) -> dict[str, Any]:
    if ref is None:
        return {}
    main = str(s.batch_size)
    out: dict[str, Any] = {}
    for corpus in ("mixed", "uniform"):
        mine, theirs = row[corpus].get(main), ref[corpus].get(main)
        if mine and theirs:
            out[f"{corpus}_tokens_per_s"] = mine[key] / theirs[key]
    mine_lat, ref_lat = row["article_latency_s"]["p50"], ref["article_latency_s"]["p50"]
    if mine_lat and ref_lat:
        out["article_latency_p50"] = mine_lat / ref_lat
    out["peak_rss"] = row["peak_rss_mb"] / ref["peak_rss_mb"]
    if row.get("gpu_peak_mb") and ref.get("gpu_peak_mb"):
        out["gpu_peak"] = row["gpu_peak_mb"] / ref["gpu_peak_mb"]
    return out


BASELINES = (("a", "pipeline"), ("b", "generate loop"))
TARGETS = (  # (target, system, what is compared, threshold); {ref}: each of the BASELINES
    ("ringkas+CT2 tokens/s >= 4x the {ref} (mixed)", "d", "tps:mixed", 4.0),
    ("ringkas+CT2 peak RSS <= 0.5x the {ref}", "d", "rss", 0.5),
    ("ringkas+transformers tokens/s >= 1.3x the {ref} (mixed)", "c", "tps:mixed", 1.3),
    ("ringkas+transformers never slower than the {ref} (uniform)", "c", "tps:uniform", 1.0),
)


def targets(result: dict[str, Any], s: Settings, key: str = "tokens_per_s") -> list[dict[str, Any]]:
    """The issue's targets, each met / not met / not measured.

    ``key`` is ``"tokens_per_s"`` (ratios of the medians), ``"tokens_per_s_best"`` (of the best
    runs) or ``"paired"``: the median over repeats of each repeat's own ratio. Systems take
    turns within a repeat, so a paired ratio compares runs minutes apart, not a quiet stretch of
    the machine with a busy one.
    """
    systems = result["systems"]
    main = str(s.batch_size)

    def tps(name: str, corpus: str) -> float | None:
        row = systems.get(name, {}).get(corpus, {}).get(main)
        return row[key] if row else None

    def ratio(num: str, den: str, corpus: str) -> float | None:
        """tokens/s of ``num`` over ``den``."""
        if key == "paired":
            mine = systems.get(num, {}).get(corpus, {}).get(main, {}).get("seconds_all")
            theirs = systems.get(den, {}).get(corpus, {}).get(main, {}).get("seconds_all")
            if not mine or not theirs or len(mine) != len(theirs):
                return None  # a system that failed in some repeat cannot be paired
            return statistics.median(t / m for m, t in zip(mine, theirs, strict=True))
        a, b = tps(num, corpus), tps(den, corpus)
        return a / b if a and b else None

    def rss(name: str) -> float | None:
        return systems.get(name, {}).get("peak_rss_mb")

    checks = [
        (what.format(ref=label), num, ref, kind, threshold)
        for ref, label in BASELINES
        for what, num, kind, threshold in TARGETS
    ]
    out: list[dict[str, Any]] = []
    for target, num, den, kind, threshold in checks:
        if kind == "rss":
            a, b = rss(num), rss(den)
            value = a / b if a and b else None
            met = value is not None and value <= threshold
        else:
            value = ratio(num, den, kind.split(":")[1])
            met = value is not None and value >= threshold
        out.append({"target": target, "value": value, "met": met if value is not None else None})
    raw_over_ringkas = ratio("e", "d", "mixed")
    overhead = raw_over_ringkas - 1 if raw_over_ringkas is not None else None
    out.append(
        {
            "target": "ringkas overhead over raw CTranslate2 <= 10% (mixed, time)",
            "value": overhead,
            "met": overhead <= 0.10 if overhead is not None else None,
        }
    )
    return out


def failures(s: Settings, raw: dict[str, Any], skipped: dict[str, str]) -> list[str]:
    """Why the run must fail, one line per problem: a system that should have run (one of
    ``s.systems`` not in ``skipped``, which maps a system skipped by design to why) and did not,
    ran in fewer repeats than asked, did other work than the others (output length check), or
    produced nothing; and the same for summarisation with each backend.

    >>> ok = {"info": {"length_check": "ok", "output_check": "ok"}}
    >>> s = Settings(systems=["b", "c"], repeats=1, summary=False)
    >>> failures(s, {"runs": {"b": [ok], "c": []}, "unavailable": {"c": "ValueError: x"}}, {})
    ['c (ringkas + transformers) did not run: ValueError: x']
    """
    problems: list[str] = []
    for name in s.systems:
        if name in skipped:
            continue
        runs = raw["runs"].get(name, [])
        label = f"{name} ({SYSTEMS[name]})"
        if name in raw["unavailable"]:
            problems.append(f"{label} did not run: {raw['unavailable'][name]}")
        elif len(runs) < s.repeats:
            problems.append(f"{label} ran in {len(runs)} of {s.repeats} repeat(s)")
        problems += [
            f"{label}: {check}: {run['info'].get(check)}"
            for run in runs
            for check in ("length_check", "output_check")
            if run["info"].get(check) != "ok"
        ]
    if not s.summary:
        return problems
    for backend in SUMMARY_BACKENDS:
        runs = raw["summary_runs"].get(backend, [])
        why = raw["unavailable"].get(f"summarisation ({backend})") or raw["unavailable"].get(
            "summarisation"
        )
        if why or len(runs) < s.repeats:
            problems.append(f"summarisation with {backend} did not run: {why or 'no result'}")
        problems += [
            f"summarisation with {backend}: output_check: {run.get('output_check')}"
            for run in runs
            if run.get("output_check") != "ok"
        ]
    return problems
