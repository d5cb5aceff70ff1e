"""The ``ringkas`` command: a thin layer over the library for files, stdin and JSON Lines.

    ringkas translate article.txt
    cat article.txt | ringkas translate -
    ringkas translate corpus.jsonl --jsonl --field text -o out.jsonl
    ringkas translate article.txt --guard retry --glossary terms.tsv --report report.jsonl
    ringkas summarize article.txt --lang en --max-words 60
    ringkas models

User errors (bad input, unknown language, missing model) print one line and exit 2; anything
unexpected exits 1 (``-v`` shows the traceback).

>>> main(["models"])  # doctest: +ELLIPSIS
aisingapore/Llama-SEA-LION-v3-8B-IT           llama    translation   Llama 3.1 Community License
...
Helsinki-NLP/opus-mt-id-en                    marian   translation   Apache-2.0  (default for translation)
...
0
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from ringkas._version import __version__
from ringkas.data.build import FORMATS
from ringkas.engines import BACKENDS
from ringkas.errors import RingkasError
from ringkas.guard import GUARDS
from ringkas.jobs.settings import ENGINES
from ringkas.summarization import LONG_INPUT, STRATEGIES
from ringkas.tasks import TASKS

__all__ = ["build_parser", "main"]

logger = logging.getLogger("ringkas")


def _add_io(parser: argparse.ArgumentParser, out_field: str) -> None:
    parser.add_argument("input", nargs="?", default="-", help="a UTF-8 text file, or - for stdin")
    parser.add_argument("-o", "--output", help="write here instead of standard output")
    parser.add_argument(
        "--jsonl", action="store_true", help="input is JSON Lines, one record a line"
    )
    parser.add_argument("--field", default="text", help="the text field of each JSONL record")
    parser.add_argument(
        "--out-field", default=out_field, help=f"field added to each record (default {out_field})"
    )


def _add_engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="Hugging Face model id or local checkpoint directory")
    parser.add_argument("--backend", default="auto", choices=BACKENDS)
    parser.add_argument("--device", help="cpu, cuda, cuda:N, mps (default: best available)")
    parser.add_argument("--batch-size", type=int, help="at most this many sentences per batch")
    parser.add_argument("--num-beams", type=int, help="beam size (default: the model card's)")
    parser.add_argument("--no-progress", action="store_true", help="hide progress bars")


def _add_guard_choice(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--guard",
        default="warn",
        choices=("none", *GUARDS),
        help="check numbers, dates and names against the source: warn (default), retry "
        "flagged sentences, raise (exit 2), or none",
    )


def _add_guard(parser: argparse.ArgumentParser) -> None:
    _add_guard_choice(parser)
    parser.add_argument(
        "--glossary", help="two-column TSV/CSV file: source term, the English it must become"
    )
    parser.add_argument("--report", help="write the check of every sentence here, as JSON Lines")


def _guard(args: argparse.Namespace) -> str | None:
    return None if args.guard == "none" else str(args.guard)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ringkas`` command.

    >>> args = build_parser().parse_args(["summarize", "article.txt", "--lang", "id"])
    >>> args.command, args.input, args.lang, args.strategy
    ('summarize', 'article.txt', 'id', 'auto')
    """
    parser = argparse.ArgumentParser(
        prog="ringkas", description="Indonesian news made readable in English."
    )
    parser.add_argument("--version", action="version", version=f"ringkas {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    tr = sub.add_parser("translate", help="translate documents (Indonesian -> English)")
    _add_io(tr, "translation")
    _add_engine(tr)
    tr.add_argument("--src", default="id", help="source language (ISO code, default id)")
    tr.add_argument("--tgt", default="en", help="target language (ISO code, default en)")
    tr.add_argument("--max-batch-tokens", type=int, help="padded tokens per batch")
    tr.add_argument("--max-new-tokens", type=int, help="cap on generated tokens per sentence")
    _add_guard(tr)

    su = sub.add_parser("summarize", help="summarise news articles (into English by default)")
    _add_io(su, "summary")
    _add_engine(su)
    su.add_argument("--lang", default="en", help="summary language: en or id (default en)")
    su.add_argument("--translation-model", help="model that translates the summary")
    su.add_argument("--strategy", default="auto", choices=STRATEGIES)
    su.add_argument("--max-words", type=int)
    su.add_argument("--min-words", type=int)
    su.add_argument("--no-clean", action="store_true", help="do not remove boilerplate first")
    su.add_argument("--long-input", default="chunk", choices=LONG_INPUT)
    _add_guard_choice(su)

    ev = sub.add_parser("eval", help="score a system (or compare several) on a dataset")
    ev.add_argument("--task", required=True, choices=TASKS)
    ev.add_argument(
        "--dataset", default="ringkas-news",
        help="ringkas-news, liputan6:DIR, xlsum[:DIR], flores[:DIR], indosum:DIR, tatoeba:FILE, or a file",
    )  # fmt: skip
    ev.add_argument(
        "--model", action="append",
        help="model id/dir, or lead-3 / textrank; repeat to compare systems (paired bootstrap)",
    )  # fmt: skip
    ev.add_argument("--translation-model")
    ev.add_argument("--strategy", default="auto", choices=STRATEGIES)
    ev.add_argument("--lang", default="en", help="summary language to score (en or id)")
    ev.add_argument("--split", default="test")
    ev.add_argument("--limit", type=int, help="only the first N examples")
    ev.add_argument("--max-words", type=int)
    ev.add_argument("--num-beams", type=int)
    ev.add_argument("--batch-size", type=int)
    ev.add_argument("--backend", default="auto", choices=BACKENDS)
    ev.add_argument("--device")
    ev.add_argument("--seed", type=int, default=0)
    ev.add_argument("--out", required=True, help="folder for predictions, scores and the report")
    ev.add_argument("--no-progress", action="store_true")

    bd = sub.add_parser("build-dataset", help="clean, deduplicate and split raw articles")
    bd.add_argument("source", help="a folder of .txt/.html articles, or a JSONL file")
    bd.add_argument("--out", required=True, help="where to save the dataset")
    bd.add_argument("--format", default="disk", choices=FORMATS)
    bd.add_argument("--min-words", type=int, default=50)
    bd.add_argument("--max-words", type=int, default=2000)

    rn = sub.add_parser("run", help="run a task over a whole corpus into resumable Parquet shards")
    rn.add_argument("--task", required=True, choices=TASKS)
    rn.add_argument("--input", required=True, help="a JSONL or Parquet file, or a folder of .txt")
    rn.add_argument(
        "--output", dest="out_dir", required=True,
        help="output folder: shards/*.parquet, manifest.json, errors.jsonl",
    )  # fmt: skip
    rn.add_argument("--text-field", default="text", help="the text field (default text)")
    rn.add_argument("--id-field", help="the id field (default: the row number)")
    rn.add_argument("--lang", default="en", help="output language (default en)")
    rn.add_argument("--model", help="model id or local checkpoint directory")
    rn.add_argument("--translation-model", help="model that translates summaries")
    rn.add_argument("--strategy", default="auto", choices=STRATEGIES)
    rn.add_argument("--resume", action="store_true", help="continue the job in --output")
    rn.add_argument("--engine", default="local", choices=ENGINES)
    rn.add_argument("--num-workers", type=int, help="Ray workers (model copies)")
    rn.add_argument("--shard-size", type=int, default=1000, help="input rows per output shard")
    rn.add_argument("--batch-size", type=int, help="at most this many sentences per batch")
    rn.add_argument("--device", help="cpu, cuda, cuda:N, mps (default: best available)")
    rn.add_argument("--backend", default="auto", choices=BACKENDS)
    rn.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    sub.add_parser("models", help="list the model cards ringkas ships")
    return parser


def _run_texts(
    args: argparse.Namespace, run: Callable[[list[str]], list[str]], out: TextIO
) -> None:
    from ringkas.io import read_jsonl, read_text, write_jsonl

    if args.jsonl:
        records = read_jsonl(args.input, field=args.field)
        results = run([r[args.field] for r in records])
        write_jsonl(
            ({**r, args.out_field: res} for r, res in zip(records, results, strict=True)), out
        )
        return
    result = run([read_text(args.input)])[0]
    out.write(result if result.endswith("\n") else result + "\n")


def _translate(args: argparse.Namespace, out: TextIO) -> None:
    from ringkas.faithful import load_glossary
    from ringkas.translation import Translator

    translator: Translator | None = None
    glossary = load_glossary(args.glossary, src=args.src, tgt=args.tgt) if args.glossary else None
    reports: list[dict[str, object]] = []

    def run(texts: list[str]) -> list[str]:
        nonlocal translator
        if not any(t.strip() for t in texts):
            return ["" for _ in texts]
        translator = translator or Translator(args.model, backend=args.backend, device=args.device)
        results = translator.translate(
            texts, src=args.src, tgt=args.tgt, batch_size=args.batch_size,
            max_batch_tokens=args.max_batch_tokens, num_beams=args.num_beams,
            max_new_tokens=args.max_new_tokens, show_progress=False if args.no_progress else None,
            guard=_guard(args), glossary=glossary, report=True,
        )  # fmt: skip
        reports.extend(s.to_dict() for r in results for s in r.sentences)
        return [r.text for r in results]

    _run_texts(args, run, out)
    if args.report:
        from ringkas.io import write_jsonl

        with open(args.report, "w", encoding="utf-8") as fh:
            write_jsonl(reports, fh)


def _summarize(args: argparse.Namespace, out: TextIO) -> None:
    from ringkas.models.embedded import summary_models
    from ringkas.summarization import Summarizer

    def run(texts: list[str]) -> list[str]:
        # No model named and the defaults not on this machine: the embedded default, said once.
        chosen = summary_models(args.model, args.translation_model, args.strategy, args.lang)
        if chosen.note:
            print(chosen.note, file=sys.stderr)
        summarizer = Summarizer(
            chosen.model, translation_model=chosen.translation_model, strategy=chosen.strategy,
            backend=args.backend, device=args.device,
        )  # fmt: skip
        return list(
            summarizer.summarize(
                texts, lang=args.lang, max_words=args.max_words, min_words=args.min_words,
                clean=not args.no_clean, long_input=args.long_input, batch_size=args.batch_size,
                num_beams=args.num_beams, show_progress=False if args.no_progress else None,
                guard=_guard(args),
            )
        )  # fmt: skip

    _run_texts(args, run, out)


def _models(_: argparse.Namespace, out: TextIO) -> None:
    from ringkas.models.cards import known_cards

    for card in known_cards().values():
        default = f"  (default for {', '.join(card.default_for)})" if card.default_for else ""
        out.write(f"{card.id:45} {card.family:8} {card.task:13} {card.license}{default}\n")


def _eval(args: argparse.Namespace, out: TextIO) -> None:
    from ringkas.evaluation import compare, evaluate

    kwargs = {
        "translation_model": args.translation_model, "strategy": args.strategy, "lang": args.lang,
        "split": args.split, "limit": args.limit, "max_words": args.max_words,
        "num_beams": args.num_beams, "batch_size": args.batch_size, "backend": args.backend,
        "device": args.device, "seed": args.seed,
        "show_progress": False if args.no_progress else None,
    }  # fmt: skip
    systems = args.model or [None]
    if len(systems) > 1:
        _, table = compare(args.task, args.dataset, systems, out=args.out, **kwargs)
        out.write(table)
        return
    result = evaluate(args.task, args.dataset, model=systems[0], out=args.out, **kwargs)
    cached = " (cached predictions)" if result.cached else ""
    out.write(f"{args.task} on {args.dataset} [{args.split}], {len(result.predictions)} examples, "
              f"system {result.system}{cached}\n{result.table()}\nwritten to {args.out}\n")  # fmt: skip


def _build_dataset(args: argparse.Namespace, out: TextIO) -> None:
    from ringkas.data import build_dataset, format_stats

    _, stats = build_dataset(
        args.source, out=args.out, fmt=args.format, min_words=args.min_words,
        max_words=args.max_words,
    )  # fmt: skip
    out.write(format_stats(stats) + "\n")


def _run(args: argparse.Namespace, out: TextIO) -> None:
    from ringkas.jobs import run_job

    summary = run_job(
        args.input, args.out_dir, task=args.task, text_field=args.text_field,
        id_field=args.id_field, lang=args.lang, model=args.model,
        translation_model=args.translation_model, strategy=args.strategy, resume=args.resume,
        engine=args.engine, num_workers=args.num_workers, shard_size=args.shard_size,
        batch_size=args.batch_size, device=args.device, backend=args.backend,
        show_progress=False if args.no_progress else None,
    )  # fmt: skip
    out.write(f"{summary}\n")


_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], None]] = {
    "translate": _translate,
    "summarize": _summarize,
    "models": _models,
    "eval": _eval,
    "build-dataset": _build_dataset,
    "run": _run,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 2 user error, 1 internal error).

    A user error prints one line on standard error (``ringkas: error: missing.txt does not
    exist ...``) and returns 2:

    >>> main(["translate", "missing.txt"])
    2
    """
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    output = getattr(args, "output", None)
    try:
        # With -o, the file is written only once everything succeeded: an error never
        # leaves a half-written or emptied output behind.
        out: TextIO = io.StringIO() if output else sys.stdout
        _COMMANDS[args.command](args, out)
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(f"{output}.tmp")
            tmp.write_text(out.getvalue(), encoding="utf-8")  # type: ignore[attr-defined]
            tmp.replace(output)
    except RingkasError as exc:
        print(f"ringkas: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("ringkas: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.verbose:
            raise
        print(
            f"ringkas: internal error: {type(exc).__name__}: {exc} (run with -v)", file=sys.stderr
        )
        return 1
    return 0
