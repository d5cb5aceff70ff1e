"""The report: one function per markdown table, the plot, and writing or re-rendering a run."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from _plot import pyplot  # benchmarks/ is on sys.path[0]

from speedbench.aggregate import aggregate, counts_of, targets
from speedbench.settings import CT2_README_ANCHOR, TF4_VERSION, Settings

logger = logging.getLogger("ringkas.benchmarks.speed")

Table = list[str]


def _fmt(value: float | None, digits: int = 1, suffix: str = "") -> str:
    return "—" if value is None else f"{value:.{digits}f}{suffix}"


def _row_name(name: str, row: dict[str, Any]) -> str:
    return f"({name}) {row['label']}"


def _settings(report: dict[str, Any]) -> Settings:
    return Settings(**report["settings"])


def header(report: dict[str, Any]) -> Table:
    """Title, versions and machine, model and corpus."""
    s = _settings(report)
    sig, stats = report["signature"], report["corpus"]
    versions, translation = sig["versions"], report["models"]["translation"]
    machine = (
        f"ringkas {versions['ringkas']} · torch {versions['torch']} · "
        f"transformers {versions['transformers']} (a: {TF4_VERSION}) · "
        f"ctranslate2 {versions['ctranslate2']} · {sig['cpu']} · {sig['threads']} threads"
    )
    if s.device.startswith("cuda"):
        machine += f" · {sig.get('gpu')}"
    mixed, uniform = stats["mixed_tokens"], stats["uniform_tokens"]
    setup = (
        f"Model: {translation['shape']['name']} with random weights "
        f"({translation['parameters'] / 1e6:.1f}M parameters), greedy "
        f"(beams={s.num_beams}), {_length_rule(s)}; "
        f"batch size {s.batch_size}; median of {s.repeats} repeat(s). "
        f"Mixed corpus: {mixed['n']} sentences, {mixed['min']}–{mixed['max']} source tokens "
        f"(median {mixed['median']}); uniform: {uniform['n']} sentences of "
        f"{uniform['min']}–{uniform['max']} tokens "
        f"(the fastest of {s.uniform_runs} run(s) in each repeat). "
        f"Latency: {len(stats['articles'])} articles, one call each."
    )
    return [f"# Speed: {report['name']}", "", machine, "", setup]


def _length_rule(s: Settings) -> str:
    if s.length_ratio is None:
        return f"exactly {s.max_new_tokens} target tokens per sentence"
    return (
        f"each sentence {s.length_ratio:g}× its source tokens long (EOS included; in "
        f"CTranslate2 the batch's longest, see speedbench/systems.py)"
    )


def _throughput_cells(row: dict[str, Any], corpus: str, main: str) -> list[str]:
    """sent/s, tokens/s and their ratios to (a) and (b), median and best of N."""
    cell = row[corpus].get(main, {})
    ratio = f"{corpus}_tokens_per_s"
    cells = [_fmt(cell.get("sentences_per_s"), 2), _fmt(cell.get("tokens_per_s"))]
    cells += [_fmt(row["ratios"].get(ref, {}).get(ratio), 2, "×") for ref in ("a", "b")]
    cells.append(_fmt(cell.get("tokens_per_s_best")))
    cells += [_fmt(row["ratios_best"].get(ref, {}).get(ratio), 2, "×") for ref in ("a", "b")]
    return cells


_THROUGHPUT = (
    "| system | sent/s | tokens/s | × (a) | × (b) | best tokens/s | best × (a) | best × (b) |"
)


def mixed_table(report: dict[str, Any]) -> Table:
    """Throughput, latency per article and memory on the mixed-length corpus."""
    s = _settings(report)
    cuda, main = s.device.startswith("cuda"), str(s.batch_size)
    mem, key = ("GPU peak MB", "gpu_peak") if cuda else ("peak RSS MB", "peak_rss")
    lines = [
        "## Translation, mixed-length corpus",
        "",
        f"{_THROUGHPUT} article p50 s | p95 s | {mem} | mem × (a) | mem × (b) |",
        "|---|" + "---:|" * 12,
    ]
    for name, row in report["results"]["systems"].items():
        latency = row["article_latency_s"]
        memory = row.get("gpu_peak_mb") if cuda else row["peak_rss_mb"]
        cells = [*_throughput_cells(row, "mixed", main), _fmt(latency["p50"], 2)]
        cells += [_fmt(latency["p95"], 2), _fmt(memory, 0)]
        cells += [_fmt(row["ratios"].get(ref, {}).get(key), 2, "×") for ref in ("a", "b")]
        lines.append(f"| {_row_name(name, row)} | " + " | ".join(cells) + " |")
    return lines


def uniform_table(report: dict[str, Any]) -> Table:
    """Throughput on the uniform-length corpus."""
    main = str(_settings(report).batch_size)
    lines = ["## Translation, uniform-length corpus", "", _THROUGHPUT, "|---|" + "---:|" * 7]
    for name, row in report["results"]["systems"].items():
        cells = _throughput_cells(row, "uniform", main)
        lines.append(f"| {_row_name(name, row)} | " + " | ".join(cells) + " |")
    return lines


def sweep_table(report: dict[str, Any]) -> Table:
    """Target tokens/s at each batch size of the sweep."""
    s = _settings(report)
    sizes = [str(b) for b in s.batch_sizes]
    lines = [
        "## Throughput vs batch size (target tokens/s, mixed corpus)",
        "",
        f"Best of the repeats at each size (batch size {s.batch_size}: {s.repeats} run(s), the "
        f"others {min(s.sweep_repeats, s.repeats)}). Compare systems within a column: the "
        f"machine's load can differ between columns.",
        "",
        "| system | " + " | ".join(f"bs {b}" for b in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for name, row in report["results"]["systems"].items():
        cells = [_fmt(row["mixed"].get(b, {}).get("tokens_per_s_best")) for b in sizes]
        lines.append(f"| {_row_name(name, row)} | " + " | ".join(cells) + " |")
    return lines


def summary_table(report: dict[str, Any]) -> Table:
    """Summarising long articles: map-reduce against truncation (nothing if not measured)."""
    summary = report["results"]["summary"]
    if not summary:
        return []
    s, stats = _settings(report), report["corpus"]
    lines = [
        "## Summarising long articles: map-reduce vs truncation",
        "",
        f"{s.summary_articles} long articles ({s.summary_join} bundled articles joined each, "
        f"{', '.join(str(w) for w in stats['long_articles_words'])} words), "
        f"{report['models']['summarization']['shape']['name']} with random weights, "
        f"max_words={s.summary_words} (a fixed output length).",
        "",
        "| backend | input budget | chunks per article | truncate s/article | chunk s/article "
        "| chunk ÷ truncate |",
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
    return lines


def targets_table(report: dict[str, Any]) -> Table:
    """Each target met or not, on the medians, the best of N and paired."""
    s = _settings(report)
    lines = [
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
    return lines


def _shown(target: dict[str, Any]) -> str:
    value = target["value"]
    if value is None:
        return "—"
    return f"{value * 100:+.1f}%" if "overhead" in target["target"] else f"{value:.2f}×"


def _met(target: dict[str, Any]) -> str:
    return "not measured" if target["met"] is None else ("met" if target["met"] else "**not met**")


def not_measured(report: dict[str, Any]) -> Table:
    """What was not measured, and why."""
    missing = report["not_measured"]
    if not missing:
        return []
    return ["## Not measured", "", *(f"- {name}: {why}" for name, why in missing.items())]


def notes(report: dict[str, Any]) -> Table:
    """Spread between repeats, which workers imported torch, and the per-system checks."""
    systems, main = report["results"]["systems"], str(report["settings"]["batch_size"])
    lines: Table = []
    spreads = []
    for name, row in systems.items():
        seconds = row["mixed"].get(main, {}).get("seconds_all", [])
        if len(seconds) > 1:
            spreads.append(f"{name} {max(seconds) / min(seconds) - 1:.0%}")
    if spreads:
        lines += [
            "Spread between repeats (slowest ÷ fastest − 1, mixed corpus): "
            + ", ".join(spreads)
            + ". Where it exceeds the gap between two systems, their order is not settled.",
            "",
        ]
    torch_users = [name for name, row in systems.items() if row["info"].get("torch_imported")]
    lines += [
        "Processes that imported torch (about 270 MB of RSS on their own): "
        + (", ".join(torch_users) or "none")
        + ".",
        "",
    ]
    for check, title in (("length_check", "Output length"), ("output_check", "Output")):
        found = {name: row["info"].get(check) for name, row in systems.items()}
        if check == "length_check":  # reports before the rename call it fixed_length
            found = {n: c or systems[n]["info"].get("fixed_length") for n, c in found.items()}
        if any(found.values()):
            lines.append(
                f"{title} check per system: " + ", ".join(f"{n}={c}" for n, c in found.items())
            )
            lines.append("")
    return lines[:-1] if lines else lines


TABLES = (header, mixed_table, uniform_table, sweep_table, summary_table, targets_table)


def markdown(report: dict[str, Any]) -> str:
    """The results as markdown: every table, then what was not measured, then the notes."""
    sections = [part(report) for part in (*TABLES, not_measured, notes)]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def plot(report: dict[str, Any], path: Path) -> bool:
    """Throughput vs batch size, one line per system (matplotlib, Agg). False if unavailable."""
    plt = pyplot()
    if plt is None:
        return False
    systems = report["results"]["systems"]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, row in systems.items():
        points = sorted((int(b), v["tokens_per_s_best"]) for b, v in row["mixed"].items())
        if points:
            xs, ys = zip(*points, strict=True)
            ax.plot(xs, ys, marker="o", label=_row_name(name, row))
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


def write(report: dict[str, Any], out: Path) -> None:
    """Aggregate ``report["raw"]`` and write ``<name>.json``, ``.md`` and ``.png`` to ``out``."""
    settings = _settings(report)
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
