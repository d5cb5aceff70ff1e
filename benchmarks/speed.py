"""Translation and summarisation speed: ringkas against what transformers users run today.

What it measures
    On an opus-mt-id-en-shaped Marian model with random weights (no hub here; see ``_models.py``),
    every system translates the same Indonesian sentences (from the bundled articles) and writes
    the same number of tokens for each: ``--length-ratio`` times its source tokens (EOS included,
    at most ``--max-new-tokens``). A random model never ends a sentence by itself, so the length is
    imposed: in transformers by two hooks on the model (:class:`LengthRule`), in CTranslate2 by
    ``max_decoding_length`` per batch (:class:`CT2LengthRule`). As with a trained model, output
    length follows input length, so a batch of sentences of unequal length decodes until its
    longest one is done; that is the waste sorting by length removes. Systems:

    a. the ``translation`` pipeline of transformers 4.57.6 (removed in transformers 5), called
       as users call it: ``pipe(sentences, batch_size=B)``; it runs in its own virtualenv
       (``~/.cache/ringkas/bench-tf4-venv``, created on first use; unavailable -> recorded so);
    b. a plain ``model.generate`` loop over unsorted batches of B sentences in transformers 5;
    c. ``ringkas.Translator(model, backend="transformers").translate(sentences, batch_size=B)``
       (``c16``: the same in fp16, on CUDA only);
    d. the same with ``backend="ctranslate2"`` (int8 on CPU, fp16 on CUDA);
    e. raw CTranslate2 ``translate_batch`` on the batches ringkas forms (the floor: same tokens,
       same ``max_decoding_length``; tokenizing and decoding included).

    CTranslate2 gets the longest row's length for the whole batch (it has no per-row limit), so
    in (d) and (e) every row runs as long as the batch's longest, as in transformers' generate;
    CTranslate2 would otherwise drop finished rows, so its numbers here are if anything low.

    Reported per system: sentences/s and target tokens/s on a mixed-length corpus and on a
    uniform-length one, latency per article (each article's cleaned text in one call: p50/p95),
    peak RSS and, on CUDA, peak GPU memory; each as a ratio to (a) and to (b). A batch-size sweep
    gives a throughput-vs-batch-size plot. A last part times ringkas summarising long articles
    with an mT5-small-shaped model: map-reduce (``long_input="chunk"``) against
    ``long_input="truncate"``, i.e. what not dropping text costs.

How
    Each system runs in its own subprocess (so its peak RSS is its own), once per repeat, the
    systems taking turns (a b c d e, a b c d e ...) so that a busy machine slows them alike; the
    medians over repeats are reported. Timings start after the model is loaded and warmed up.

Output
    ``<out>/<device>-<date>.json`` (raw timings and a signature: versions, CPU, threads,
    settings), ``.md`` (tables and targets met / not met) and ``.png`` (throughput vs batch size).

Usage::

    python benchmarks/speed.py --quick --out /tmp/bench      # CI: tiny model, seconds
    python benchmarks/speed.py --repeats 3                   # real size, into benchmarks/results
    python benchmarks/speed.py --device cuda --systems a,b,c,c16,d,e
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
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# Only the standard library at module level: the (a) worker runs this file in the
# transformers-4 virtualenv, where ringkas is not installed.

HERE = Path(__file__).resolve().parent
logger = logging.getLogger("ringkas.benchmarks.speed")

SYSTEMS: dict[str, str] = {
    "a": "transformers 4 pipeline",
    "b": "transformers 5 generate loop",
    "c": "ringkas + transformers",
    "c16": "ringkas + transformers fp16",
    "d": "ringkas + CTranslate2",
    "e": "raw CTranslate2",
}
TF4_VERSION = "4.57.6"
TF4_TORCH = "2.13.0"
TF4_PACKAGES = (
    f"torch=={TF4_TORCH}",
    f"transformers=={TF4_VERSION}",
    "sentencepiece",
    "sacremoses",
    "psutil",
)
CT2_README_ANCHOR = {
    "source": "CTranslate2 README, OPUS-MT En-De on CPU (4 threads), greedy",
    "transformers_tokens_per_s": 147,
    "ctranslate2_int8_tokens_per_s": 696,
    "speedup": 4.7,
}


@dataclass
class Settings:
    """Everything that decides what is measured; written into the results' signature."""

    quick: bool = False
    device: str = "cpu"
    systems: list[str] = field(default_factory=lambda: ["a", "b", "c", "d", "e"])
    repeats: int = 3
    sweep_repeats: int = 1
    sentences: int = 300
    uniform_sentences: int = 128
    uniform_runs: int = 2  # the uniform corpus is short (seconds): the fastest of N runs
    max_new_tokens: int = 256
    length_ratio: float | None = 1.0  # None: every sentence gets max_new_tokens (reports < 0.2)
    num_beams: int = 1
    batch_size: int = 32
    batch_sizes: list[int] = field(default_factory=lambda: [8, 16, 32, 64])
    articles: int = 10
    summary: bool = True
    summary_articles: int = 4
    summary_join: int = 3
    summary_words: int = 24
    seed: int = 0
    threads: int = 1
    timeout_s: int = 3600


# =========================================================================== worker side
# Runs in a subprocess: ``speed.py --worker SPEC.json RESULT.json``.


def _rss_mb() -> float:
    """Current resident set size in MiB (0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB.

    Linux's ``VmHWM``, not ``getrusage``'s ``ru_maxrss``: the latter survives ``exec`` and so
    would report the parent's peak for a worker smaller than the parent.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


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


def target_length(source_tokens: int, ratio: float | None, ceiling: int) -> int:
    """Tokens written (EOS included) for a source of ``source_tokens`` tokens (specials included).

    The benchmark's stand-in for a trained model's output length: ``ratio`` times the source, at
    least 1 and at most ``ceiling``; ``ratio`` ``None`` means always ``ceiling``.

    >>> target_length(30, 1.0, 256), target_length(30, 1.5, 40), target_length(30, None, 48)
    (30, 40, 48)
    """
    if ratio is None:
        return ceiling
    return max(1, min(ceiling, round(ratio * source_tokens)))


class LengthRule:
    """Ends every row of a transformers Marian model's output after ``target_length`` tokens.

    The random model can never pick EOS (``_models.py``), so it would write ``max_new_tokens``
    tokens for every sentence. Two hooks make it end each sentence where a trained model would,
    the same way in transformers 4 and 5, whatever calls ``generate`` (pipeline, plain loop,
    ringkas): one on the encoder reads each row's source length from the attention mask, one on
    the output layer counts decoding steps and gives EOS the top logit on a row's last step.
    """

    def __init__(self, model: Any, ratio: float | None, ceiling: int) -> None:
        self.ratio, self.ceiling = ratio, ceiling
        self.eos = int(model.config.eos_token_id)
        self.targets: list[int] = []
        self.step = 0
        model.get_encoder().register_forward_pre_hook(self._read_sources, with_kwargs=True)
        model.get_output_embeddings().register_forward_hook(self._end_rows)

    def _read_sources(self, module: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        mask = kwargs.get("attention_mask")
        if mask is not None:
            lengths = [int(n) for n in mask.sum(dim=1).tolist()]
        else:
            ids = kwargs["input_ids"] if "input_ids" in kwargs else args[0]
            lengths = [int(ids.shape[1])] * int(ids.shape[0])
        self.targets = [target_length(n, self.ratio, self.ceiling) for n in lengths]
        self.step = 0

    def _end_rows(self, module: Any, args: tuple[Any, ...], logits: Any) -> Any:
        rows = int(logits.shape[0])
        per_row = rows // max(1, len(self.targets))  # beam search: num_beams rows per source
        self.step += 1
        ending = [i for i in range(rows) if self.targets[i // per_row] == self.step]
        if ending:
            logits[ending, -1, self.eos] = 3e4  # beats the -1e4 EOS bias; fits in fp16
        return logits


class CT2LengthRule:
    """A ``ctranslate2.Translator`` whose ``translate_batch`` stops at the batch's longest
    ``target_length``: CTranslate2 has no per-row limit, so every row runs that long (as rows do
    in transformers' generate, which keeps finished rows in the batch)."""

    def __init__(self, translator: Any, ratio: float | None, ceiling: int) -> None:
        self.translator, self.ratio, self.ceiling = translator, ratio, ceiling

    def translate_batch(self, source: list[list[str]], **kwargs: Any) -> Any:
        kwargs["max_decoding_length"] = max(
            target_length(len(tokens), self.ratio, self.ceiling) for tokens in source
        )
        return self.translator.translate_batch(source, **kwargs)


def _hf_lengths_ok(model: Any, tokenizer: Any, sentences: list[str], spec: dict[str, Any]) -> str:
    """'ok' when greedy generation (with the :class:`LengthRule`) ends every row at its length."""
    import torch

    batch = tokenizer(sentences, return_tensors="pt", padding=True).to(model.device)
    sources = [int(n) for n in batch["attention_mask"].sum(dim=1).tolist()]
    with torch.inference_mode():
        out = model.generate(
            **batch, max_new_tokens=spec["max_new_tokens"], num_beams=1, do_sample=False
        )
    eos = model.generation_config.eos_token_id
    wrong = []
    for row, n in zip(out[:, 1:].tolist(), sources, strict=True):
        written = row.index(eos) + 1 if eos in row else len(row)
        expected = target_length(n, spec["length_ratio"], spec["max_new_tokens"])
        if written != expected:
            wrong.append(f"{written} tokens, not {expected}")
    return "ok" if not wrong else "FAILED: " + "; ".join(wrong)


def _ct2_lengths_ok(translator: Any, tokens: list[list[str]], spec: dict[str, Any]) -> str:
    """'ok' when CTranslate2 (through a :class:`CT2LengthRule`) writes the batch's longest length
    for every row."""
    expected = max(
        target_length(len(t), spec["length_ratio"], spec["max_new_tokens"]) for t in tokens
    )
    results = translator.translate_batch(tokens, beam_size=1)
    lengths = sorted({len(r.hypotheses[0]) for r in results})
    return "ok" if lengths == [expected] else f"FAILED: output lengths {lengths}, not {expected}"


Runner = Callable[[list[str], int], object]
DocRunner = Callable[[dict[str, Any]], object]


def _pin_threads(threads: int) -> None:
    """Keep this worker on ``threads`` CPUs, so torch, CTranslate2 and ringkas (which sizes its
    CTranslate2 thread pool from the CPU affinity) all use the same number of threads."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
        if threads < len(cpus):
            os.sched_setaffinity(0, cpus[:threads])
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        pass


def _torch_setup(spec: dict[str, Any]) -> Any:
    import torch

    torch.set_num_threads(spec["threads"])
    return torch


def _system_pipeline(spec: dict[str, Any]) -> tuple[Runner, DocRunner, dict[str, Any]]:
    """(a) transformers 4 ``pipeline("translation")``, called with a list and batch_size."""
    torch = _torch_setup(spec)
    import transformers

    pipeline: Any = (
        transformers.pipeline
    )  # transformers 4 here; 5 (which mypy sees) has no "translation"
    device = 0 if spec["device"].startswith("cuda") else -1
    pipe = pipeline(
        "translation", model=spec["model_dir"], device=device, torch_dtype=torch.float32
    )
    kwargs = {"max_new_tokens": spec["max_new_tokens"], "num_beams": spec["num_beams"]}

    def run(sentences: list[str], batch_size: int) -> object:
        return pipe(sentences, batch_size=batch_size, **kwargs)

    def run_doc(article: dict[str, Any]) -> object:  # the user splits sentences themselves
        return pipe(article["sentences"], batch_size=spec["batch_size"], **kwargs)

    LengthRule(pipe.model, spec["length_ratio"], spec["max_new_tokens"])
    check = _hf_lengths_ok(pipe.model, pipe.tokenizer, spec["check"], spec)
    return run, run_doc, {"transformers": transformers.__version__, "length_check": check}


def _system_generate(spec: dict[str, Any]) -> tuple[Runner, DocRunner, dict[str, Any]]:
    """(b) transformers 5: tokenizer + ``model.generate`` over unsorted batches."""
    torch = _torch_setup(spec)
    import transformers
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(spec["model_dir"])
    model = AutoModelForSeq2SeqLM.from_pretrained(spec["model_dir"], dtype=torch.float32)
    model = model.to(spec["device"]).eval()
    kwargs = {"max_new_tokens": spec["max_new_tokens"], "num_beams": spec["num_beams"]}

    def run(sentences: list[str], batch_size: int) -> object:
        outputs: list[str] = []
        for start in range(0, len(sentences), batch_size):
            batch = tokenizer(
                sentences[start : start + batch_size], return_tensors="pt", padding=True
            ).to(model.device)
            with torch.inference_mode():
                ids = model.generate(**batch, do_sample=False, **kwargs)
            outputs.extend(tokenizer.batch_decode(ids, skip_special_tokens=True))
        return outputs

    def run_doc(article: dict[str, Any]) -> object:
        return run(article["sentences"], spec["batch_size"])

    LengthRule(model, spec["length_ratio"], spec["max_new_tokens"])
    check = _hf_lengths_ok(model, tokenizer, spec["check"], spec)
    return run, run_doc, {"transformers": transformers.__version__, "length_check": check}


def _system_ringkas(spec: dict[str, Any]) -> tuple[Runner, DocRunner, dict[str, Any]]:
    """(c, c16, d) ringkas ``Translator`` with the transformers or CTranslate2 backend."""
    if spec["backend"] == "transformers":
        _torch_setup(spec)
    import ringkas
    from ringkas import Translator

    translator = Translator(
        spec["model_dir"], backend=spec["backend"], device=spec["device"], dtype=spec["dtype"]
    )
    kwargs = {
        "max_new_tokens": spec["max_new_tokens"],
        "num_beams": spec["num_beams"],
        "show_progress": False,
    }

    def run(sentences: list[str], batch_size: int) -> object:
        return translator.translate(sentences, batch_size=batch_size, **kwargs)

    def run_doc(article: dict[str, Any]) -> object:
        return translator.translate(article["text"], batch_size=spec["batch_size"], **kwargs)

    engine: Any = translator.engine
    if spec["backend"] == "transformers":
        LengthRule(engine.model, spec["length_ratio"], spec["max_new_tokens"])
        check = _hf_lengths_ok(engine.model, engine.tokenizer, spec["check"], spec)
    else:
        engine.translator = CT2LengthRule(
            engine.translator, spec["length_ratio"], spec["max_new_tokens"]
        )
        check = _ct2_lengths_ok(engine.translator, engine._tokens(spec["check"], None), spec)
    info = {
        "ringkas": ringkas.__version__,
        "engine": repr(translator),
        "dtype": engine.dtype,
        "length_check": check,
    }
    return run, run_doc, info


def _system_raw_ct2(spec: dict[str, Any]) -> tuple[Runner, DocRunner, dict[str, Any]]:
    """(e) CTranslate2 ``translate_batch`` on ringkas's batches: tokenize, translate, decode.

    The tokenizer class is the one ``tokenizer_config.json`` names, imported directly:
    ``transformers.AutoTokenizer`` would import torch (transformers 5 does so for any auto
    class), which a CTranslate2 program does not need.
    """
    import ctranslate2

    from ringkas.batching import default_batch_tokens
    from ringkas.text.chunk import pack_batches

    tokenizer = _tokenizer_without_torch(spec["model_dir"])
    device = "cuda" if spec["device"].startswith("cuda") else "cpu"
    translator = CT2LengthRule(
        ctranslate2.Translator(
            spec["ct2_dir"],
            device=device,
            compute_type=spec["dtype"],
            intra_threads=spec["threads"],
            inter_threads=1,
        ),
        spec["length_ratio"],
        spec["max_new_tokens"],
    )
    budget = default_batch_tokens(device)
    model_seconds: list[float] = []

    def run(sentences: list[str], batch_size: int) -> object:
        ids = tokenizer(sentences)["input_ids"]
        tokens = [tokenizer.convert_ids_to_tokens(i) for i in ids]
        outputs: list[str] = [""] * len(sentences)
        spent = 0.0
        for batch in pack_batches(
            [len(t) for t in tokens], max_batch_tokens=budget, batch_size=batch_size
        ):
            start = time.perf_counter()
            results = translator.translate_batch(
                [tokens[i] for i in batch],
                beam_size=spec["num_beams"],
                max_batch_size=0,
            )
            spent += time.perf_counter() - start
            for i, result in zip(batch, results, strict=True):
                out_ids = tokenizer.convert_tokens_to_ids(result.hypotheses[0])
                outputs[i] = tokenizer.decode(out_ids, skip_special_tokens=True)
        model_seconds.append(spent)
        return outputs

    def run_doc(article: dict[str, Any]) -> object:
        return run(article["sentences"], spec["batch_size"])

    check_tokens = [
        tokenizer.convert_ids_to_tokens(i) for i in tokenizer(spec["check"])["input_ids"]
    ]
    check = _ct2_lengths_ok(translator, check_tokens, spec)
    info = {"ctranslate2": ctranslate2.__version__, "dtype": spec["dtype"], "length_check": check}
    info["translate_batch_seconds"] = model_seconds  # filled while timing
    return run, run_doc, info


def _tokenizer_without_torch(model_dir: str) -> Any:
    import transformers

    config = Path(model_dir) / "tokenizer_config.json"
    name = json.loads(config.read_text(encoding="utf-8")).get("tokenizer_class", "")
    cls = getattr(transformers, name, None) if name else None
    if cls is None:
        cls = transformers.AutoTokenizer
    return cls.from_pretrained(model_dir)


_FACTORIES: dict[str, Callable[[dict[str, Any]], tuple[Runner, DocRunner, dict[str, Any]]]] = {
    "pipeline": _system_pipeline,
    "generate": _system_generate,
    "ringkas": _system_ringkas,
    "raw_ct2": _system_raw_ct2,
}


def _timed(fn: Callable[..., object], *args: Any, **kwargs: Any) -> float:
    """Seconds that ``fn(*args, **kwargs)`` took."""
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def translation_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Load one system, warm it up, and time one repeat of every condition."""
    _pin_threads(spec["threads"])
    gpu = GpuPeak(spec["device"])
    rss_start = _rss_mb()
    gpu.start()
    start = time.perf_counter()
    run, run_doc, info = _FACTORIES[spec["kind"]](spec)
    load_s = time.perf_counter() - start
    rss_loaded = _rss_mb()
    main = spec["batch_size"]
    run(spec["corpora"]["mixed"][: max(4, main)], main)  # warm-up
    if "translate_batch_seconds" in info:
        info["translate_batch_seconds"].clear()
    timings: dict[str, Any] = {"mixed": {}, "uniform": {}}
    timings["mixed"][str(main)] = _timed(run, spec["corpora"]["mixed"], main)
    # A few seconds of work, so one run is at the mercy of whatever else the machine does
    # then; other jobs only ever slow a run down, so the fastest of a few is the steadier figure.
    timings["uniform"][str(main)] = min(
        _timed(run, spec["corpora"]["uniform"], main) for _ in range(spec["uniform_runs"])
    )
    timings["articles"] = [_timed(run_doc, article) for article in spec["articles"]]
    if spec["sweep"]:
        for size in spec["batch_sizes"]:
            if size != main:
                timings["mixed"][str(size)] = _timed(run, spec["corpora"]["mixed"], size)
    info["torch_imported"] = "torch" in sys.modules
    return {
        "ok": True,
        "info": info,
        "load_s": load_s,
        "rss_start_mb": rss_start,
        "rss_loaded_mb": rss_loaded,
        "peak_rss_mb": _peak_rss_mb(),
        **gpu.stop(),
        "timings": timings,
    }


def summary_worker(spec: dict[str, Any]) -> dict[str, Any]:
    """Time ringkas summarising long articles, map-reduce against truncation (one repeat).

    Each backend in ``spec["backends"]`` is timed in turn; one that fails is reported as such.
    """
    _pin_threads(spec["threads"])
    _torch_setup(spec)
    results: dict[str, Any] = {}
    for backend in spec["backends"]:
        try:
            results[backend] = _summary_backend(spec, backend)
        except Exception as exc:  # one backend failing leaves the other's numbers
            logging.getLogger(__name__).exception("summarisation with %s failed", backend)
            results[backend] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "backends": results, "peak_rss_mb": _peak_rss_mb()}


def _summary_backend(spec: dict[str, Any], backend: str) -> dict[str, Any]:
    from ringkas import Summarizer
    from ringkas.text.chunk import pack_by_sentences
    from ringkas.text.clean import clean_article
    from ringkas.text.segment import split_sentences

    summarizer = Summarizer(spec["model_dir"], backend=backend, device=spec["device"])
    engine: Any = summarizer.engine
    budget = summarizer.card.input_budget if summarizer.card else 512
    kwargs = {"lang": "id", "max_words": spec["max_words"], "show_progress": False}
    summarizer.summarize(spec["articles"][0][:400], long_input="truncate", **kwargs)  # warm-up

    def count(text: str) -> int:
        return int(engine.count_tokens([text], None)[0])

    chunks = [
        len(pack_by_sentences(split_sentences(clean_article(text).text), count, budget))
        for text in spec["articles"]
    ]
    timings = {}
    for mode in ("truncate", "chunk"):
        timings[mode] = _timed(
            summarizer.summarize,
            spec["articles"],
            long_input=mode,
            batch_size=spec["batch_size"],
            **kwargs,
        )
    return {
        "ok": True,
        "info": {"engine": repr(summarizer), "backend": engine.backend, "dtype": engine.dtype},
        "input_budget": budget,
        "chunks": chunks,
        "timings": timings,
    }


def worker_main(spec_path: str, result_path: str) -> int:
    """Entry point of a worker subprocess: never raises, always writes a result."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    try:
        worker = summary_worker if spec["kind"] == "summary" else translation_worker
        result = worker(spec)
    except Exception as exc:  # a failed system is a row in the table, not a crash
        logging.getLogger(__name__).exception("worker failed")
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


# =========================================================================== parent side


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


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _threads() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


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
    import shutil

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


def run_worker(
    spec: dict[str, Any], python: Path | str, work: Path, timeout_s: int
) -> dict[str, Any]:
    """Run one worker subprocess; any failure comes back as ``{"ok": False, "error": ...}``."""
    with tempfile.TemporaryDirectory(prefix="speed-", dir=work) as tmp:
        return _run_worker_in(Path(tmp), spec, python, timeout_s)


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
    command = [
        str(python),
        str(Path(__file__).resolve()),
        "--worker",
        str(spec_path),
        str(result_path),
    ]
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
    checks: dict[str, str] = field(default_factory=dict)


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
    sys.path.insert(0, str(HERE))
    import _models
    from transformers import AutoTokenizer

    from ringkas.engines.ct2 import convert
    from ringkas.models.cards import resolve

    articles, sentences = _models.load_articles()
    texts = [a.text for a in articles]
    models = work / "models"
    marian_shape = _models.TINY_MARIAN if settings.quick else _models.MarianShape()
    logger.info("Building or reusing the %s model", marian_shape.name)
    model_dir, marian_info = _models.build_marian(marian_shape, texts, models, seed=settings.seed)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    lengths = {s: n for s, n in zip(sentences, _lengths(tokenizer, sentences), strict=True)}

    rng = random.Random(settings.seed)
    shuffled = sentences[:]
    rng.shuffle(shuffled)
    mixed = shuffled[: settings.sentences]
    median = statistics.median(lengths.values())
    by_closeness = sorted(shuffled, key=lambda s: abs(lengths[s] - median))
    uniform = by_closeness[: settings.uniform_sentences]
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
        mt5_shape = _models.TINY_MT5 if settings.quick else _models.MT5Shape()
        logger.info("Building or reusing the %s model", mt5_shape.name)
        built, mt5_info = _models.build_mt5(mt5_shape, texts, models, seed=settings.seed)
        mt5_dir = str(built)
        join = settings.summary_join
        long_articles = [
            "\n\n".join(a.text for a in articles[i : i + join])
            for i in range(0, join * settings.summary_articles, join)
        ]
    stats = {
        "source": [str(p.relative_to(_models.REPO)) for p in _models.data_files()],
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
    return Bench(
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


def _lengths(tokenizer: Any, texts: list[str]) -> list[int]:
    return [len(ids) for ids in tokenizer(texts)["input_ids"]]


def system_spec(bench: Bench, system: str, sweep: bool) -> dict[str, Any]:
    s = bench.settings
    cuda = s.device.startswith("cuda")
    spec: dict[str, Any] = {
        "system": system,
        "model_dir": bench.model_dir,
        "ct2_dir": bench.ct2_dir,
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
    kinds = {
        "a": ("pipeline", None, "float32"),
        "b": ("generate", None, "float32"),
        "c": ("ringkas", "transformers", "float32"),
        "c16": ("ringkas", "transformers", "float16"),
        "d": ("ringkas", "ctranslate2", None),
        "e": ("raw_ct2", None, "float16" if cuda else "int8"),
    }
    spec["kind"], spec["backend"], spec["dtype"] = kinds[system]
    return spec


def run_all(bench: Bench, tf4: Path | None) -> dict[str, Any]:
    """Every system once per repeat, taking turns; then the summarisation repeats."""
    s = bench.settings
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in s.systems}
    unavailable: dict[str, str] = {}
    for repeat in range(s.repeats):
        for system in s.systems:
            if system in unavailable:
                continue
            python: Path | str = sys.executable
            if system == "a":
                if tf4 is None:
                    continue
                python = tf4
            spec = system_spec(bench, system, sweep=repeat < s.sweep_repeats)
            logger.info("repeat %d/%d: %s (%s)", repeat + 1, s.repeats, system, SYSTEMS[system])
            start = time.perf_counter()
            result = run_worker(spec, python, bench.work, s.timeout_s)
            logger.info("  ... %.1f s", time.perf_counter() - start)
            if not result.get("ok"):
                unavailable[system] = result.get("error", "failed")
                continue
            check = result["info"].get("length_check")
            if check != "ok":
                logger.warning("%s: output length check: %s", system, check)
            results[system].append(result)
    summary: dict[str, list[dict[str, Any]]] = {}
    if s.summary and bench.mt5_dir:
        spec = {
            "kind": "summary",
            "system": "summary",
            "backends": ["transformers", "ctranslate2"],
            "model_dir": bench.mt5_dir,
            "device": s.device,
            "threads": s.threads,
            "articles": bench.long_articles,
            "max_words": s.summary_words,
            "batch_size": s.batch_size,
        }
        for repeat in range(s.repeats):
            logger.info("repeat %d/%d: summarisation", repeat + 1, s.repeats)
            result = run_worker(spec, sys.executable, bench.work, s.timeout_s)
            if not result.get("ok"):
                unavailable["summarisation"] = result.get("error", "failed")
                break
            for backend, one in result["backends"].items():
                if one.get("ok"):
                    summary.setdefault(backend, []).append(one)
                else:
                    unavailable[f"summarisation ({backend})"] = one.get("error", "failed")
    return {"runs": results, "summary_runs": summary, "unavailable": unavailable}


# --------------------------------------------------------------------------- aggregation


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

    checks: list[tuple[str, str, str, str, float]] = []  # (target, num, den, kind, threshold)
    for ref, label in (("a", "pipeline"), ("b", "generate loop")):
        checks.append(
            (f"ringkas+CT2 tokens/s >= 4x the {label} (mixed)", "d", ref, "tps:mixed", 4.0)
        )
        checks.append((f"ringkas+CT2 peak RSS <= 0.5x the {label}", "d", ref, "rss", 0.5))
        checks.append(
            (
                f"ringkas+transformers tokens/s >= 1.3x the {label} (mixed)",
                "c",
                ref,
                "tps:mixed",
                1.3,
            )
        )
        checks.append(
            (
                f"ringkas+transformers never slower than the {label} (uniform)",
                "c",
                ref,
                "tps:uniform",
                1.0,
            )
        )
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


# --------------------------------------------------------------------------- reports


def _fmt(value: float | None, digits: int = 1, suffix: str = "") -> str:
    return "—" if value is None else f"{value:.{digits}f}{suffix}"


def markdown(report: dict[str, Any]) -> str:
    """The results as markdown tables: throughput, latency, memory, sweep, summaries, targets."""
    s = Settings(**report["settings"])
    sig, stats = report["signature"], report["corpus"]
    systems, main = report["results"]["systems"], str(s.batch_size)
    cuda = s.device.startswith("cuda")
    lines = [
        f"# Speed: {report['name']}",
        "",
        f"ringkas {sig['versions']['ringkas']} · torch {sig['versions']['torch']} · "
        f"transformers {sig['versions']['transformers']} (a: {TF4_VERSION}) · "
        f"ctranslate2 {sig['versions']['ctranslate2']} · {sig['cpu']} · {sig['threads']} threads"
        + (f" · {sig.get('gpu')}" if cuda else ""),
        "",
        f"Model: {report['models']['translation']['shape']['name']} with random weights "
        f"({report['models']['translation']['parameters'] / 1e6:.1f}M parameters), greedy "
        f"(beams={s.num_beams}), {_length_rule(s)}; "
        f"batch size {s.batch_size}; median of {s.repeats} repeat(s). "
        f"Mixed corpus: {stats['mixed_tokens']['n']} sentences, "
        f"{stats['mixed_tokens']['min']}–{stats['mixed_tokens']['max']} source tokens "
        f"(median {stats['mixed_tokens']['median']}); uniform: "
        f"{stats['uniform_tokens']['n']} sentences of "
        f"{stats['uniform_tokens']['min']}–{stats['uniform_tokens']['max']} tokens "
        f"(the fastest of {s.uniform_runs} run(s) in each repeat). "
        f"Latency: {len(stats['articles'])} articles, one call each.",
        "",
    ]
    mem = "GPU peak MB" if cuda else "peak RSS MB"
    lines += [
        "## Translation, mixed-length corpus",
        "",
        f"| system | sent/s | tokens/s | × (a) | × (b) | best tokens/s | best × (a) | best × (b) | article p50 s | p95 s | {mem} | mem × (a) | mem × (b) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in systems.items():
        cell = row["mixed"].get(main, {})
        ra, rb = row["ratios"].get("a", {}), row["ratios"].get("b", {})
        ba, bb = row["ratios_best"].get("a", {}), row["ratios_best"].get("b", {})
        mem_value = row.get("gpu_peak_mb") if cuda else row["peak_rss_mb"]
        mem_key = "gpu_peak" if cuda else "peak_rss"
        lines.append(
            f"| ({name}) {row['label']} | {_fmt(cell.get('sentences_per_s'), 2)} | "
            f"{_fmt(cell.get('tokens_per_s'))} | {_fmt(ra.get('mixed_tokens_per_s'), 2, '×')} | "
            f"{_fmt(rb.get('mixed_tokens_per_s'), 2, '×')} | "
            f"{_fmt(cell.get('tokens_per_s_best'))} | {_fmt(ba.get('mixed_tokens_per_s'), 2, '×')} | "
            f"{_fmt(bb.get('mixed_tokens_per_s'), 2, '×')} | "
            f"{_fmt(row['article_latency_s']['p50'], 2)} | {_fmt(row['article_latency_s']['p95'], 2)} | "
            f"{_fmt(mem_value, 0)} | {_fmt(ra.get(mem_key), 2, '×')} | {_fmt(rb.get(mem_key), 2, '×')} |"
        )
    lines += [
        "",
        "## Translation, uniform-length corpus",
        "",
        "| system | sent/s | tokens/s | × (a) | × (b) | best tokens/s | best × (a) | best × (b) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in systems.items():
        cell = row["uniform"].get(main, {})
        ra, rb = row["ratios"].get("a", {}), row["ratios"].get("b", {})
        ba, bb = row["ratios_best"].get("a", {}), row["ratios_best"].get("b", {})
        lines.append(
            f"| ({name}) {row['label']} | {_fmt(cell.get('sentences_per_s'), 2)} | "
            f"{_fmt(cell.get('tokens_per_s'))} | {_fmt(ra.get('uniform_tokens_per_s'), 2, '×')} | "
            f"{_fmt(rb.get('uniform_tokens_per_s'), 2, '×')} | "
            f"{_fmt(cell.get('tokens_per_s_best'))} | {_fmt(ba.get('uniform_tokens_per_s'), 2, '×')} | "
            f"{_fmt(bb.get('uniform_tokens_per_s'), 2, '×')} |"
        )
    sizes = [str(b) for b in s.batch_sizes]
    lines += [
        "",
        "## Throughput vs batch size (target tokens/s, mixed corpus)",
        "",
        f"Best of the repeats at each size (batch size {s.batch_size}: {s.repeats} run(s), the "
        f"others {min(s.sweep_repeats, s.repeats)}). Compare systems within a column: the "
        f"machine's load can differ between columns.",
        "",
        "| system | " + " | ".join(f"bs {b}" for b in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for name, row in systems.items():
        cells = [_fmt(row["mixed"].get(b, {}).get("tokens_per_s_best")) for b in sizes]
        lines.append(f"| ({name}) {row['label']} | " + " | ".join(cells) + " |")
    summary = report["results"]["summary"]
    if summary:
        lines += [
            "",
            "## Summarising long articles: map-reduce vs truncation",
            "",
            f"{s.summary_articles} long articles ({s.summary_join} bundled articles joined each, "
            f"{', '.join(str(w) for w in stats['long_articles_words'])} words), "
            f"{report['models']['summarization']['shape']['name']} with random weights, "
            f"max_words={s.summary_words} (a fixed output length).",
            "",
            "| backend | input budget | chunks per article | truncate s/article | chunk s/article | chunk ÷ truncate |",
            "|---|---:|---|---:|---:|---:|",
        ]
        for backend, row in summary.items():
            per = row["seconds_per_article"]
            lines.append(
                f"| {backend} ({row['engine']['dtype']}) | {row['input_budget']} | "
                f"{', '.join(str(c) for c in row['chunks_per_article'])} | "
                f"{_fmt(per.get('truncate'), 2)} | {_fmt(per.get('chunk'), 2)} | "
                f"{_fmt(row['chunk_over_truncate'], 2, '×')} |"
            )
    lines += [
        "",
        "## Targets",
        "",
        f"On the medians, on the best of the {s.repeats} repeat(s), and paired: the median of "
        f"each repeat's own ratio (systems take turns within a repeat, so a paired ratio is "
        f"the one least moved by the machine's load changing over the run). Memory is the peak "
        f"over all.",
        "",
        "| target | median | met | best of N | met | paired | met |",
        "|---|---:|---|---:|---|---:|---|",
    ]
    paired = report.get("targets_paired") or [{"value": None, "met": None}] * len(report["targets"])
    for t, b, p in zip(report["targets"], report["targets_best"], paired, strict=True):
        lines.append(
            f"| {t['target']} | {_shown(t)} | {_met(t)} | {_shown(b)} | {_met(b)} | "
            f"{_shown({**p, 'target': t['target']})} | {_met(p)} |"
        )
    anchor = CT2_README_ANCHOR
    lines += [
        "",
        f"Published anchor ({anchor['source']}): transformers {anchor['transformers_tokens_per_s']} "
        f"tokens/s, CTranslate2 int8 {anchor['ctranslate2_int8_tokens_per_s']} tokens/s "
        f"({anchor['speedup']}×).",
    ]
    missing = report["not_measured"]
    if missing:
        lines += ["", "## Not measured", ""]
        lines += [f"- {name}: {why}" for name, why in missing.items()]
    spreads = []
    for n, row in systems.items():
        seconds = row["mixed"].get(main, {}).get("seconds_all", [])
        if len(seconds) > 1:
            spreads.append(f"{n} {max(seconds) / min(seconds) - 1:.0%}")
    if spreads:
        lines += [
            "",
            "Spread between repeats (slowest ÷ fastest − 1, mixed corpus): "
            + ", ".join(spreads)
            + ". Where it exceeds the gap between two systems, their order is not settled.",
        ]
    torch_users = [n for n, r in systems.items() if r["info"].get("torch_imported")]
    lines += [
        "",
        "Processes that imported torch (about 270 MB of RSS on their own): "
        + (", ".join(torch_users) or "none")
        + ".",
    ]
    checks = {
        n: r["info"].get("length_check", r["info"].get("fixed_length")) for n, r in systems.items()
    }
    lines += [
        "",
        "Output length check per system: " + ", ".join(f"{n}={c}" for n, c in checks.items()),
    ]
    return "\n".join(lines) + "\n"


def _length_rule(s: Settings) -> str:
    if s.length_ratio is None:
        return f"exactly {s.max_new_tokens} target tokens per sentence"
    return (
        f"each sentence {s.length_ratio:g}× its source tokens long (EOS included; in "
        f"CTranslate2 the batch's longest, see speed.py)"
    )


def _shown(target: dict[str, Any]) -> str:
    value = target["value"]
    if value is None:
        return "—"
    return f"{value * 100:+.1f}%" if "overhead" in target["target"] else f"{value:.2f}×"


def _met(target: dict[str, Any]) -> str:
    return "not measured" if target["met"] is None else ("met" if target["met"] else "**not met**")


def plot(report: dict[str, Any], path: Path) -> bool:
    """Throughput vs batch size, one line per system (matplotlib, Agg). False if unavailable."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        logger.warning("matplotlib is not installed; no plot (pip install matplotlib)")
        return False
    systems = report["results"]["systems"]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, row in systems.items():
        points = sorted((int(b), v["tokens_per_s_best"]) for b, v in row["mixed"].items())
        if points:
            xs, ys = zip(*points, strict=True)
            ax.plot(xs, ys, marker="o", label=f"({name}) {row['label']}")
    ax.set_xscale("log", base=2)
    sizes = report["settings"]["batch_sizes"]
    ax.set_xticks(sizes)
    ax.set_xticklabels([str(b) for b in sizes])
    ax.minorticks_off()
    ax.set_xlabel("batch size (sentences)")
    ax.set_ylabel("target tokens / s (best of the repeats)")
    ax.set_title(f"Translation throughput, mixed-length corpus — {report['name']}")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return True


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None = None) -> tuple[Settings, argparse.Namespace]:
    """Settings from the command line (``--quick`` first, then any explicit option)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny model, seconds (CI)")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    parser.add_argument("--repeats", type=int, help="runs per system; the median is reported")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="results folder")
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
    s = Settings()
    if args.quick:
        s = Settings(
            quick=True,
            repeats=1,
            sentences=8,
            uniform_sentences=4,
            max_new_tokens=64,
            batch_size=8,
            batch_sizes=[4, 8],
            articles=1,
            summary_articles=1,
            summary_join=1,
            summary_words=4,
            systems=["a", "b", "c", "d", "e"],
            timeout_s=600,
        )
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
    s.threads = 1 if s.quick else _threads()  # tiny models run faster on one thread
    if args.threads is not None:
        if not 1 <= args.threads <= _threads():
            parser.error(f"--threads must be between 1 and {_threads()}, got {args.threads}")
        s.threads = args.threads
    return s, args


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--worker":
        return worker_main(sys.argv[2], sys.argv[3])
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
    today = dt.date.today().isoformat()
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RINGKAS_CT2_CACHE", str(work / "ct2"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    start = time.perf_counter()
    bench = prepare(settings, work)

    not_measured: dict[str, str] = {}
    tf4: Path | None = None
    if "a" in settings.systems:
        if settings.quick:
            not_measured["a"] = "skipped with --quick (no transformers-4 virtualenv in CI)"
        else:
            tf4, why = tf4_python(args.tf4_venv, create=True)
            if tf4 is None:
                not_measured["a"] = f"transformers {TF4_VERSION} virtualenv unavailable: {why}"
            logger.info("transformers 4 pipeline: %s", why)
    raw = run_all(bench, tf4)
    for name, why in raw["unavailable"].items():
        not_measured[name] = why
    if settings.device == "cpu":
        not_measured.setdefault("c16", "fp16 transformers is measured on CUDA only")
        not_measured.setdefault("GPU memory", "CPU run")
    signature: dict[str, Any] = {
        "versions": _versions(),
        "tf4_versions": {"transformers": TF4_VERSION, "torch": TF4_TORCH},
        "cpu": _cpu_model(),
        "threads": settings.threads,
        "platform": platform.platform(),
        "date": today,
    }
    if settings.device == "cuda":
        import torch

        signature["gpu"] = torch.cuda.get_device_name(0)
    report = {
        "name": f"{settings.device}-{today}" + ("-quick" if settings.quick else ""),
        "signature": signature,
        "settings": asdict(settings),
        "models": bench.model_info,
        "corpus": bench.corpus_stats,
        "not_measured": not_measured,
        "raw": raw,
        "wall_s": time.perf_counter() - start,
    }
    write(report, args.out)
    wrong = {
        name: run["info"].get("length_check")
        for name, runs in raw["runs"].items()
        for run in runs
        if run["info"].get("length_check") != "ok"
    }
    if wrong:  # the systems did different work: their ratios mean nothing
        logger.error("Output length check failed: %s", wrong)
        return 1
    return 0


def write(report: dict[str, Any], out: Path) -> None:
    """Aggregate ``report["raw"]`` and write ``<name>.json``, ``.md`` and ``.png`` to ``out``."""
    settings = Settings(**report["settings"])
    result = aggregate(settings, counts_of(report["corpus"], settings), report["raw"])
    report["results"] = result
    report["targets"] = targets(result, settings)
    report["targets_best"] = targets(result, settings, "tokens_per_s_best")
    report["targets_paired"] = targets(result, settings, "paired")
    name = report["name"]
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    text = markdown(report)
    (out / f"{name}.md").write_text(text, encoding="utf-8")
    plot(report, out / f"{name}.png")
    logger.info("Wrote %s.{json,md,png} in %s", name, out)
    sys.stdout.write(text)


def rerender(path: Path) -> int:
    """Rebuild the tables and plot of an earlier run from its JSON (e.g. after a report change)."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        logger.error("--report: cannot read %s (%s)", path, exc)
        return 2
    report["settings"].setdefault("length_ratio", None)  # before per-sentence lengths
    report["settings"].setdefault("uniform_runs", 1)  # before the fastest of N
    report["name"] = path.stem  # rewrite this file and its .md/.png, not a namesake's
    write(report, path.parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
