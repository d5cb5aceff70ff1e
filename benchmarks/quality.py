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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--quick", action="store_true", help="the rows that always run (CI)")
    parser.add_argument("--limit", type=int, help="examples per row (default: all)")
    for name in DATA_DIRS:
        parser.add_argument(f"--{name}-dir", help=f"local {name} data (see ringkas.data)")
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
    when = dt.date.today().isoformat()
    (args.out / f"quality-{when}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    (args.out / f"quality-{when}.md").write_text(markdown(results, when), encoding="utf-8")
    sys.stdout.write(markdown(results, when))
    failed = failures(results)
    for line in failed:
        logger.error("%s", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
