"""Run a task over a dataset and score it: predictions, scores with intervals, a signature, a report.

``evaluate("summarize", "ringkas-news", model=...)`` summarises every article of the split and
scores the summaries with ROUGE (Indonesian-safe, bootstrap intervals); ``"translate"`` translates
and scores with BLEU and chrF++ (sacrebleu, with its signatures). With ``out=DIR`` it writes
``predictions.jsonl``, ``scores.json`` and ``report.md``, and a second run with the same settings
reuses the cached predictions. :func:`compare` runs several systems side by side with a paired
bootstrap test of each against the first, on a metric the table shows: per-example ROUGE-1 for
summaries, corpus chrF++ for translations (sentences resampled, as ``sacrebleu --paired-bs``).

Systems are model ids or directories, or the model-free names ``"lead-3"`` and ``"textrank"``.

>>> result = evaluate("summarize", "ringkas-news", model="lead-3", lang="id", limit=5)
>>> round(result.scores["rouge1"]["score"], 1), result.signature["examples"]
(55.4, 5)
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from ringkas.errors import ConfigError
from ringkas.extractive import EXTRACTIVE_SYSTEMS
from ringkas.tasks import TASKS, check_task

__all__ = ["TASKS", "EvalResult", "compare", "evaluate", "load_eval_data"]

logger = logging.getLogger(__name__)

#: The per-example score kept for translations (to find the worst examples), beside the corpus
#: BLEU and chrF++ that are reported and tested.
SENTENCE_CHRF = "chrF2++ (sentence)"
_LIBRARIES = ("ringkas", "torch", "transformers", "ctranslate2", "sacrebleu", "datasets")


@dataclass
class EvalData:
    """What one evaluation runs on: ids, sources and references (one per example)."""

    name: str
    split: str
    ids: list[str]
    sources: list[str]
    references: list[str]
    reference_lang: str
    #: Rows of the split that have no reference for the task (not scored; see load_eval_data).
    skipped: int = 0


@dataclass
class EvalResult:
    """Predictions, scores (``{metric: {"score", "ci", "signature"}}``) and the signature.

    ``per_example`` holds one score per example for each per-example metric (ROUGE F1 x100, or
    sentence chrF++ for translations), in the order of ``data.ids``.

    >>> result = evaluate("summarize", "ringkas-news", model="lead-3", lang="id", limit=5)
    >>> result.system, len(result.predictions), len(result.per_example["rouge1"])
    ('lead-3', 5, 5)
    >>> print(result.table())  # doctest: +ELLIPSIS
    metric       score  95% CI
    rouge1       55.42  [...]
    rouge2 ...
    """

    system: str
    data: EvalData
    predictions: list[str]
    scores: dict[str, dict[str, Any]]
    per_example: dict[str, list[float]]
    signature: dict[str, Any]
    seconds: float = 0.0
    cached: bool = False
    out: Path | None = field(default=None)

    def table(self) -> str:
        """A small text table of the scores (see the class example)."""
        rows = [f"{'metric':10} {'score':>7}  95% CI"]
        for name, s in self.scores.items():
            ci = s.get("ci")
            span = f"[{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "-"
            rows.append(f"{name:10} {s['score']:7.2f}  {span}")
        return "\n".join(rows)


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for lib in _LIBRARIES:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = "not installed"
    return versions


def load_eval_data(
    task: str, dataset: str, *, split: str = "test", limit: int | None = None, lang: str = "en"
) -> EvalData:
    """Load a dataset (``name``, ``name:DATA_DIR`` or a file path) as sources and references.

    For translation, a dataset with ``sentences_id``/``translation_en`` (the bundled set) is
    scored sentence by sentence; others pair ``text`` with ``translation``. For summaries, the
    references are ``summary_en`` when ``lang="en"`` and the set has them, else ``summary``.

    >>> data = load_eval_data("translate", "ringkas-news", limit=2)
    >>> len(data.ids), data.ids[:2], data.reference_lang
    (23, ['rn-a-02#0', 'rn-a-02#1'], 'en')
    >>> load_eval_data("summarize", "ringkas-news", limit=2, lang="id").ids
    ['rn-a-02', 'rn-a-03']
    """
    from ringkas.data import load_dataset

    check_task(task)
    if limit is not None and limit < 1:
        raise ConfigError(f"limit must be a positive integer, got {limit!r}.")
    name, _, data_dir = dataset.partition(":")
    if Path(dataset).exists():
        name, data_dir = dataset, ""
    kwargs: dict[str, Any] = {"data_dir": data_dir} if data_dir else {}
    rows = load_dataset(name, split=split, **kwargs)
    columns = set(rows.column_names)
    if limit is not None:
        rows = rows.select(range(min(limit, len(rows))))
    ids, sources, references = [], [], []
    skipped = 0
    if task == "translate":
        if {"sentences_id", "translation_en"} <= columns:
            for row in rows:
                for i, (src, ref) in enumerate(
                    zip(row["sentences_id"], row["translation_en"], strict=True)
                ):
                    ids.append(f"{row['id']}#{i}")
                    sources.append(src)
                    references.append(ref)
        else:
            for row in rows:
                if row.get("translation"):
                    ids.append(str(row["id"]))
                    sources.append(row["text"])
                    references.append(row["translation"])
                else:
                    skipped += 1
        ref_lang = "en"
    else:
        field_name = "summary_en" if lang == "en" and "summary_en" in columns else "summary"
        ref_lang = "en" if field_name == "summary_en" else "id"
        if lang != ref_lang:
            raise ConfigError(
                f"{dataset} has {ref_lang!r} reference summaries only; evaluate with lang={ref_lang!r} "
                f"(--lang {ref_lang})."
            )
        for row in rows:
            if row.get(field_name):
                ids.append(str(row["id"]))
                sources.append(row["text"])
                references.append(row[field_name])
            else:
                skipped += 1
    if not ids:
        raise ConfigError(f"{dataset} ({split}) has no references for task {task!r}.")
    if skipped:
        logger.warning(
            "%s (%s): %d of %d rows have no reference for task %r and are not scored.",
            dataset, split, skipped, len(rows), task,
        )  # fmt: skip
    return EvalData(dataset, split, ids, sources, references, ref_lang, skipped)


def _predict(
    task: str, data: EvalData, system: str | None, settings: dict[str, Any]
) -> tuple[list[str], dict[str, Any]]:
    """Run ``system`` over the sources; returns predictions and what describes the system."""
    if task == "translate":
        from ringkas.translation import Translator

        translator = Translator(system, backend=settings["backend"], device=settings["device"])
        preds = translator.translate(
            data.sources, num_beams=settings["num_beams"], batch_size=settings["batch_size"],
            show_progress=settings["show_progress"],
        )  # fmt: skip
        engine = translator.engine
        info: dict[str, Any] = {"model": translator.card.id, "family": translator.card.family,
                     "backend": engine.backend, "device": engine.device, "dtype": engine.dtype,
                     "num_beams": settings["num_beams"] or translator.card.generation.get("num_beams", 1)}  # fmt: skip
        return list(preds), info
    from ringkas.summarization import Summarizer

    strategy = EXTRACTIVE_SYSTEMS.get(system or "", settings["strategy"])
    if system is None and strategy == "auto":
        # the default summariser is what is measured: never its offline stand-in (extractive)
        strategy = "abstractive"
    summarizer = Summarizer(
        None if system in EXTRACTIVE_SYSTEMS else system,
        translation_model=settings["translation_model"], strategy=strategy,
        backend=settings["backend"], device=settings["device"],
    )  # fmt: skip
    preds = summarizer.summarize(
        data.sources, lang=data.reference_lang, max_words=settings["max_words"],
        num_beams=settings["num_beams"], batch_size=settings["batch_size"],
        show_progress=settings["show_progress"],
    )  # fmt: skip
    described: dict[str, Any] = {"model": system or "default", "strategy": summarizer.strategy,
                                 "max_words": settings["max_words"]}  # fmt: skip
    if summarizer.engine is not None and summarizer.card is not None:
        described.update(model=summarizer.card.id, backend=summarizer.engine.backend,
                         device=summarizer.engine.device, dtype=summarizer.engine.dtype,
                         num_beams=settings["num_beams"] or summarizer.card.generation.get("num_beams", 1))  # fmt: skip
    if data.reference_lang == "en":
        described["translation_model"] = settings["translation_model"] or "default"
    return list(preds), described


def _entry(result: Any) -> dict[str, Any]:
    """A MetricResult as scores.json keeps it."""
    entry = {"score": result.score, "ci": result.ci, "signature": str(result.signature)}
    if result.empty_references:
        entry["empty_references"] = result.empty_references
    return entry


def _score(
    task: str, data: EvalData, predictions: list[str], seed: int
) -> tuple[dict[str, Any], dict[str, list[float]]]:
    from ringkas import metrics

    if task == "summarize":
        results = metrics.rouge(predictions, data.references, seed=seed)
        scores = {k: _entry(r) for k, r in results.items()}
        return scores, {k: list(r.per_example) for k, r in results.items()}
    scores = {}
    for result in (metrics.bleu(predictions, data.references, seed=seed),
                   metrics.chrf(predictions, data.references, seed=seed)):  # fmt: skip
        scores[result.name] = _entry(result)
    from sacrebleu.metrics import CHRF

    chrf = CHRF(word_order=2)
    per = [
        chrf.sentence_score(p, [r]).score for p, r in zip(predictions, data.references, strict=True)
    ]
    return scores, {SENTENCE_CHRF: per}


def _cache_key(task: str, data: EvalData, system: str, settings: dict[str, Any]) -> str:
    keyed = {k: v for k, v in settings.items() if k not in ("show_progress", "out")}
    blob = json.dumps(
        [task, data.name, data.split, data.ids, system, keyed], sort_keys=True, default=str
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def evaluate(
    task: str,
    dataset: str = "ringkas-news",
    *,
    model: str | None = None,
    translation_model: str | None = None,
    strategy: str = "auto",
    lang: str = "en",
    split: str = "test",
    limit: int | None = None,
    max_words: int | None = None,
    num_beams: int | None = None,
    batch_size: int | None = None,
    backend: str = "auto",
    device: str | None = None,
    out: str | Path | None = None,
    seed: int = 0,
    show_progress: bool | None = None,
) -> EvalResult:
    """Evaluate one system; see the module docstring. ``model=None`` is the task's default.

    ``model`` is a model id or directory, or ``"lead-3"``/``"textrank"`` (no model). With
    ``out=DIR``, predictions, scores and a report are written there, and a rerun with the same
    settings reuses the predictions:

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> first = evaluate("summarize", "ringkas-news", model="textrank", lang="id", limit=3, out=out)
    >>> again = evaluate("summarize", "ringkas-news", model="textrank", lang="id", limit=3, out=out)
    >>> again.cached, again.predictions == first.predictions
    (True, True)
    >>> sorted(p.name for p in first.out.iterdir())
    ['predictions.jsonl', 'report.md', 'scores.json']
    """
    data = load_eval_data(task, dataset, split=split, limit=limit, lang=lang)
    system = model or "default"
    settings = {"translation_model": translation_model, "strategy": strategy, "max_words": max_words,
                "num_beams": num_beams, "batch_size": batch_size, "backend": backend,
                "device": device, "seed": seed, "show_progress": show_progress}  # fmt: skip
    key = _cache_key(task, data, system, settings)
    out_dir = Path(out) if out is not None else None
    cached = _load_cached(out_dir, key) if out_dir else None
    start = time.perf_counter()
    if cached is not None:
        predictions, described = cached
        logger.info("Reusing cached predictions in %s", out_dir)
    else:
        predictions, described = _predict(task, data, model, settings)
    seconds = time.perf_counter() - start
    scores, per_example = _score(task, data, predictions, seed)
    signature = {"task": task, "dataset": data.name, "split": split, "examples": len(data.ids),
                 "skipped_no_reference": data.skipped,
                 "reference_lang": data.reference_lang, "limit": limit, "seed": seed,
                 **described, "versions": _versions(), "cache_key": key}  # fmt: skip
    result = EvalResult(system, data, predictions, scores, per_example, signature, seconds,
                        cached is not None, out_dir)  # fmt: skip
    if out_dir is not None:
        _write(result)
    return result


def _load_cached(out_dir: Path, key: str) -> tuple[list[str], dict[str, Any]] | None:
    scores_file, preds_file = out_dir / "scores.json", out_dir / "predictions.jsonl"
    try:
        saved = json.loads(scores_file.read_text(encoding="utf-8"))
        if saved["signature"]["cache_key"] != key:
            return None
        preds = [
            json.loads(line)["prediction"]
            for line in preds_file.read_text(encoding="utf-8").splitlines()
        ]
    except (OSError, ValueError, KeyError):
        return None
    described = {k: v for k, v in saved["signature"].items()
                 if k not in ("task", "dataset", "split", "examples", "skipped_no_reference",
                              "reference_lang", "limit", "seed", "versions", "cache_key")}  # fmt: skip
    return preds, described


def _write(result: EvalResult) -> None:
    assert result.out is not None
    out = result.out
    out.mkdir(parents=True, exist_ok=True)
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as fh:
        for i, (id_, pred) in enumerate(zip(result.data.ids, result.predictions, strict=True)):
            record = {"id": id_, "prediction": pred, "reference": result.data.references[i],
                      **{k: v[i] for k, v in result.per_example.items()}}  # fmt: skip
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    payload = {"system": result.system, "scores": result.scores, "signature": result.signature,
               "seconds": round(result.seconds, 3), "cached": result.cached}  # fmt: skip
    (out / "scores.json").write_text(
        json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    (out / "report.md").write_text(_report(result), encoding="utf-8")


def _worst(result: EvalResult, k: int = 3) -> list[int]:
    name = next(iter(result.per_example))
    values = result.per_example[name]
    return sorted(range(len(values)), key=lambda i: (values[i], i))[:k]


def _report(result: EvalResult) -> str:
    sig = result.signature
    lines = [f"# {sig['task']} on {sig['dataset']} ({sig['split']}, {sig['examples']} examples)", "",
             f"System: `{result.system}`", "", "| metric | score | 95% CI |", "|---|---:|---|"]  # fmt: skip
    for name, s in result.scores.items():
        ci = f"[{s['ci'][0]:.2f}, {s['ci'][1]:.2f}]" if s.get("ci") else "-"
        lines.append(f"| {name} | {s['score']:.2f} | {ci} |")
    lines += [
        "",
        "## Signature",
        "",
        "```json",
        json.dumps(sig, indent=2, ensure_ascii=False),
        "```",
    ]
    lines += ["", f"## The {min(3, len(result.predictions))} lowest-scoring examples", ""]
    for i in _worst(result):
        lines += [f"### {result.data.ids[i]}", "", f"- source: {result.data.sources[i][:500]}",
                  f"- reference: {result.data.references[i]}", f"- prediction: {result.predictions[i]}", ""]  # fmt: skip
    return "\n".join(lines) + "\n"


def compare(
    task: str, dataset: str, systems: Sequence[str], *, out: str | Path | None = None, **kwargs: Any
) -> tuple[list[EvalResult], str]:
    """Evaluate several systems on the same data; returns their results and a markdown table
    with a paired bootstrap test of each system against the first.

    ``kwargs`` go to :func:`evaluate` for every system; with ``out``, each system gets its own
    subfolder and the table is saved as ``compare.md`` (and ``compare.json``).

    >>> results, table = compare("summarize", "ringkas-news", ["lead-3", "textrank"],
    ...                          lang="id", limit=5)
    >>> [r.system for r in results]
    ['lead-3', 'textrank']
    >>> print(table)  # doctest: +ELLIPSIS
    | system | rouge1 | rouge2 | rougeL | rougeLsum | Δ vs first (95% CI), p |
    |---|---|---|---|---|---|
    | `lead-3` | 55.42 | 44.81 | 52.54 | 54.14 | - |
    | `textrank` | 40.14 | 32.17 | 37.98 | 38.72 | -15.28 [...], p=... |
    <BLANKLINE>
    Paired bootstrap on per-example rouge1; two-sided p.
    <BLANKLINE>
    """
    if len(systems) < 2:
        raise ConfigError("compare needs at least two systems (--model A --model B).")
    results = []
    for i, system in enumerate(systems):
        sub = Path(out) / f"{i}-{_slug(system)}" if out is not None else None
        results.append(evaluate(task, dataset, model=system, out=sub, **kwargs))
    metrics_ = list(results[0].scores)
    header = "| system | " + " | ".join(metrics_) + " | Δ vs first (95% CI), p |"
    lines = [header, "|" + "---|" * (len(metrics_) + 2)]
    key = _tested_metric(task, results[0])
    for result in results:
        cells = [f"{result.scores[m]['score']:.2f}" for m in metrics_]
        if result is results[0]:
            delta = "-"
        else:
            test = _paired_test(task, key, result, results[0], seed=kwargs.get("seed", 0))
            delta = f"{test.difference:+.2f} [{test.ci[0]:+.2f}, {test.ci[1]:+.2f}], p={test.p_value:.3f}"
        lines.append(f"| `{result.system}` | " + " | ".join(cells) + f" | {delta} |")
    how = (
        f"per-example {key}" if task == "summarize"
        else f"corpus {key}, resampling sentences (as sacrebleu --paired-bs)"
    )  # fmt: skip
    table = "\n".join(lines) + f"\n\nPaired bootstrap on {how}; two-sided p.\n"
    if out is not None:
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / "compare.md").write_text(table, encoding="utf-8")
        summary = [{"system": r.system, "scores": r.scores} for r in results]
        (Path(out) / "compare.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return results, table


def _tested_metric(task: str, first: EvalResult) -> str:
    """The shown metric the paired test is on: ROUGE-1, or corpus chrF++ for translations."""
    if task == "summarize":
        return next(iter(first.per_example))
    return next(name for name in first.scores if name.startswith("chrF"))


def _paired_test(task: str, key: str, result: EvalResult, first: EvalResult, *, seed: int) -> Any:
    from ringkas.metrics import paired_bootstrap, paired_bootstrap_corpus

    if task == "summarize":
        return paired_bootstrap(result.per_example[key], first.per_example[key], seed=seed)
    return paired_bootstrap_corpus(
        result.predictions, first.predictions, first.data.references, metric="chrf", seed=seed
    )


def _slug(name: str) -> str:
    return (
        "".join(c if c.isalnum() or c in "-_." else "-" for c in name.strip("./"))[-60:] or "system"
    )


def as_dict(result: EvalResult) -> dict[str, Any]:
    """A JSON-friendly view of a result (for notebooks)."""
    return {"system": result.system, "scores": result.scores, "signature": result.signature,
            "data": asdict(result.data)}  # fmt: skip
