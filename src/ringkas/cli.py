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
MODEL                                         FAMILY   TASK                        LANGUAGES                     LICENSE
...
Qwen/Qwen2.5-7B-Instruct                      qwen2    translation, summarization  id,en,zh +12 -> en,id,zh +12  Apache-2.0
...
Helsinki-NLP/opus-mt-id-en                    marian   translation                 id -> en                      Apache-2.0  (default for translation)
...
0
"""

from __future__ import annotations

import argparse
import errno
import io
import logging
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ringkas._version import __version__
from ringkas.data.build import FORMATS
from ringkas.engines import BACKENDS
from ringkas.errors import OutputError, RingkasError
from ringkas.guard import GUARDS
from ringkas.jobs.settings import ENGINES
from ringkas.summarization import LONG_INPUT, STRATEGIES
from ringkas.tasks import TASKS

if TYPE_CHECKING:
    from ringkas.models.cards import ModelCard

__all__ = ["build_parser", "main"]

logger = logging.getLogger("ringkas")


_STRATEGY_HELP = (
    "auto/abstractive: a summarisation model (map-reduce over long articles); extractive: "
    "TextRank sentences, no summarisation model; lead: the first sentences (default auto)"
)
_DEVICE_HELP = "cpu, cuda, cuda:N or mps (default: the best available)"
_BACKEND_HELP = (
    "auto: CTranslate2 when installed and able to run the model, else transformers (default auto)"
)


def _add_io(parser: argparse.ArgumentParser, out_field: str) -> None:
    parser.add_argument("input", nargs="?", default="-", help="a UTF-8 text file, or - for stdin")
    parser.add_argument(
        "-o", "--output", help="write to this file (written only once all succeeded), not stdout"
    )
    parser.add_argument(
        "--jsonl", action="store_true", help="input is JSON Lines, one record a line"
    )
    parser.add_argument("--field", default="text", help="the text field of each JSONL record")
    parser.add_argument(
        "--out-field", default=out_field, help=f"field added to each record (default {out_field})"
    )


def _add_engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="Hugging Face model id or local checkpoint directory")
    parser.add_argument("--backend", default="auto", choices=BACKENDS, help=_BACKEND_HELP)
    parser.add_argument("--device", help=_DEVICE_HELP)
    parser.add_argument("--batch-size", type=int, help="at most this many sentences per batch")
    parser.add_argument("--num-beams", type=int, help="beam size (default: the model card's)")
    parser.add_argument("--no-progress", action="store_true", help="hide progress bars")


def _add_guard_choice(parser: argparse.ArgumentParser, what: str = "against the source") -> None:
    parser.add_argument(
        "--guard",
        default="warn",
        choices=("none", *GUARDS),
        help=f"check numbers, dates and names {what}: warn (default), retry flagged ones with "
        "other decoding, raise (exit 2), or none",
    )


def _add_report(parser: argparse.ArgumentParser, unit: str) -> None:
    parser.add_argument(
        "--report", metavar="FILE.jsonl", help=f"write the check of every {unit} here (JSON Lines)"
    )


def _add_guard(parser: argparse.ArgumentParser) -> None:
    _add_guard_choice(parser)
    parser.add_argument(
        "--glossary", help="two-column TSV/CSV file: source term, the English it must become"
    )
    _add_report(parser, "sentence")


def _guard(args: argparse.Namespace) -> str | None:
    return None if args.guard == "none" else str(args.guard)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ringkas`` command (every option has a help text).

    >>> args = build_parser().parse_args(["summarize", "article.txt", "--lang", "id"])
    >>> args.command, args.input, args.lang, args.strategy
    ('summarize', 'article.txt', 'id', 'auto')
    """
    parser = argparse.ArgumentParser(
        prog="ringkas", description="Indonesian news made readable in English."
    )
    parser.add_argument("--version", action="version", version=f"ringkas {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log what happens (and show tracebacks)"
    )
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
    su.add_argument(
        "--lang", default="en",
        help="summary language: en (translated with --translation-model) or id (default en)",
    )  # fmt: skip
    su.add_argument(
        "--translation-model", help="model that translates the summary (default: the card's)"
    )
    su.add_argument("--strategy", default="auto", choices=STRATEGIES, help=_STRATEGY_HELP)
    su.add_argument("--max-words", type=int, help="at most about this many words per summary")
    su.add_argument("--min-words", type=int, help="at least about this many words per summary")
    su.add_argument("--no-clean", action="store_true", help="do not remove boilerplate first")
    su.add_argument(
        "--long-input", default="chunk", choices=LONG_INPUT,
        help="an article over the model's budget: chunk (map-reduce, nothing dropped) or "
        "truncate (its first chunk only) (default chunk)",
    )  # fmt: skip
    _add_guard_choice(su, what="summaries against their article")
    _add_report(su, "summary")

    ev = sub.add_parser("eval", help="score a system (or compare several) on a dataset")
    ev.add_argument("--task", required=True, choices=TASKS, help="what to score")
    ev.add_argument(
        "--dataset", default="ringkas-news",
        help="ringkas-news, liputan6:DIR, xlsum[:DIR], flores[:DIR], indosum:DIR, tatoeba:FILE, or a file",
    )  # fmt: skip
    ev.add_argument(
        "--model", action="append",
        help="model id/dir, or lead-3 / textrank; repeat to compare systems (paired bootstrap)",
    )  # fmt: skip
    ev.add_argument("--translation-model", help="model that translates summaries into --lang")
    ev.add_argument("--strategy", default="auto", choices=STRATEGIES, help=_STRATEGY_HELP)
    ev.add_argument("--lang", default="en", help="summary language to score (en or id)")
    ev.add_argument("--split", default="test", help="dataset split (default test)")
    ev.add_argument("--limit", type=int, help="only the first N examples")
    ev.add_argument("--max-words", type=int, help="at most about this many words per summary")
    ev.add_argument("--num-beams", type=int, help="beam size (default: the model card's)")
    ev.add_argument("--batch-size", type=int, help="at most this many sentences per batch")
    ev.add_argument("--backend", default="auto", choices=BACKENDS, help=_BACKEND_HELP)
    ev.add_argument("--device", help=_DEVICE_HELP)
    ev.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    ev.add_argument(
        "--out",
        help="folder for predictions, scores and the report (default runs/TASK-DATASET-SYSTEMS)",
    )
    ev.add_argument("--no-progress", action="store_true", help="hide progress bars")

    bd = sub.add_parser("build-dataset", help="clean, deduplicate and split raw articles")
    bd.add_argument("source", help="a folder of .txt/.html articles, or a JSONL file")
    bd.add_argument("--out", required=True, help="where to save the dataset")
    bd.add_argument(
        "--format", default="disk", choices=FORMATS,
        help="disk: datasets.save_to_disk; parquet: one file per split (default disk)",
    )  # fmt: skip
    bd.add_argument("--min-words", type=int, default=50, help="drop shorter articles (default 50)")
    bd.add_argument(
        "--max-words", type=int, default=2000, help="drop longer articles (default 2000)"
    )

    rn = sub.add_parser("run", help="run a task over a whole corpus into resumable Parquet shards")
    rn.add_argument("--task", required=True, choices=TASKS, help="what to run")
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
    rn.add_argument("--strategy", default="auto", choices=STRATEGIES, help=_STRATEGY_HELP)
    rn.add_argument("--resume", action="store_true", help="continue the job in --output")
    rn.add_argument(
        "--engine", default="local", choices=ENGINES,
        help="local: this process; ray: a Ray cluster (default local)",
    )  # fmt: skip
    rn.add_argument("--num-workers", type=int, help="Ray workers (model copies)")
    rn.add_argument("--shard-size", type=int, default=1000, help="input rows per output shard")
    rn.add_argument("--batch-size", type=int, help="at most this many sentences per batch")
    rn.add_argument("--device", help=_DEVICE_HELP)
    rn.add_argument("--backend", default="auto", choices=BACKENDS, help=_BACKEND_HELP)
    rn.add_argument(
        "--guard", default="warn", choices=("none", *GUARDS),
        help="check each result against its text into the issues column: warn (default), retry "
        "flagged sentences/summaries with other decoding, raise (a flagged row becomes an error "
        "row), or none (no check: the issues column is left empty)",
    )  # fmt: skip
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
    if args.report:
        _check_output_path(args.report)  # before the translation, not after it
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
        _write_report(args.report, reports)


def _summarize(args: argparse.Namespace, out: TextIO) -> None:
    from ringkas.summarization import Summarizer

    if args.report:
        _check_output_path(args.report)  # before the summaries, not after them
    reports: list[dict[str, object]] = []

    def run(texts: list[str]) -> list[str]:
        # No model named and a default not on this machine: the library replaces it, and says
        # so in one warning (in flag words, through the log handler of main()).
        summarizer = Summarizer(
            args.model, translation_model=args.translation_model, strategy=args.strategy,
            backend=args.backend, device=args.device,
        )  # fmt: skip
        results = summarizer.summarize(
            texts, lang=args.lang, max_words=args.max_words, min_words=args.min_words,
            clean=not args.no_clean, long_input=args.long_input, batch_size=args.batch_size,
            num_beams=args.num_beams, show_progress=False if args.no_progress else None,
            guard=_guard(args), report=True,
        )  # fmt: skip
        reports.extend({"document": i, **r.to_dict()} for i, r in enumerate(results))
        return [r.text for r in results]

    _run_texts(args, run, out)
    if args.report:
        _write_report(args.report, reports)


def _write_report(path: str, reports: list[dict[str, object]]) -> None:
    from ringkas.io import write_jsonl

    buffer = io.StringIO()
    write_jsonl(reports, buffer)
    _write_output(path, buffer.getvalue())


def _languages(card: ModelCard) -> str:
    def side(codes: tuple[str, ...]) -> str:
        if "*" in codes:
            return "any"
        return ",".join(codes) if len(codes) <= 4 else f"{','.join(codes[:3])} +{len(codes) - 3}"

    return f"{side(card.source_languages)} -> {side(card.target_languages)}"


def _models(_: argparse.Namespace, out: TextIO) -> None:
    from ringkas.models.cards import known_cards

    rows = [("MODEL", "FAMILY", "TASK", "LANGUAGES", "LICENSE")]
    notes = [""]
    for card in known_cards().values():
        rows.append((card.id, card.family, ", ".join(card.tasks), _languages(card), card.license))
        notes.append(f"  (default for {', '.join(card.default_for)})" if card.default_for else "")
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row, note in zip(rows, notes, strict=True):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        out.write(f"{'  '.join(cells)}  {row[4]}{note}\n")


def _default_out(args: argparse.Namespace) -> str:
    """``runs/TASK-DATASET-SYSTEMS``: where ``ringkas eval`` writes when ``--out`` is not given."""
    systems = [Path(m.rstrip("/")).name for m in args.model] if args.model else ["default"]
    name = "-".join([args.task, args.dataset.partition(":")[0], "+".join(systems)])
    return str(Path("runs") / re.sub(r"[^A-Za-z0-9._+-]+", "-", name).strip("-"))


def _eval(args: argparse.Namespace, out: TextIO) -> None:
    from ringkas.evaluation import compare, evaluate

    if args.out is None:
        args.out = _default_out(args)

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
        guard=_guard(args), show_progress=False if args.no_progress else None,
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


# The library's messages name Python arguments; the command line names its flags instead.
_OPTION_WORDS = (
    "max_words", "min_words", "batch_size", "num_beams", "max_new_tokens", "max_batch_tokens",
    "translation_model", "long_input", "shard_size", "num_workers",
)  # fmt: skip
_FLAG_VALUES = re.compile(
    r"\b(strategy|backend|device|lang|long_input|src|tgt|guard)=(['\"])([^'\"]*)\2"
)
_LEADING = re.compile(r"^(model|device|backend|strategy|dtype|lang) must be")


# Where the command puts the guard's reports (the library's messages say report=True).
_REPORT_WORDS = {
    "run": "the issues column of the shards shows them",
    "": "--report FILE.jsonl lists them",
}


def _in_flag_words(message: str, args: argparse.Namespace) -> str:
    """``message`` with Python arguments (``model=...``, ``strategy='extractive'``,
    ``data_dir=``) turned into this command's flags (``--model ...``, ``--strategy extractive``,
    ``--dataset liputan6:DIR``)."""
    text = message.replace("model=/--model", "--model")
    text = re.sub(r"\bmodel=(<[^>]*>|\.\.\.)", r"--model \1", text)
    text = _FLAG_VALUES.sub(lambda m: f"--{m.group(1).replace('_', '-')} {m.group(3)}", text)
    text = re.sub(r"\bclean=False\b", "--no-clean", text)
    text = text.replace(
        "report=True shows them", _REPORT_WORDS.get(args.command, _REPORT_WORDS[""])
    )
    text = text.replace("or look at exc.reports.", "then --report FILE.jsonl lists them.")
    for word in _OPTION_WORDS:
        text = re.sub(rf"(?<![-\w]){word}=?(?!\w)", "--" + word.replace("_", "-") + " ", text)
        text = text.replace(f"--{word.replace('_', '-')}  ", f"--{word.replace('_', '-')} ")
    text = _LEADING.sub(r"--\1 must be", text)
    text = text.replace("positive integer or None", "positive integer")
    dataset = getattr(args, "dataset", None)
    if isinstance(dataset, str):
        name = dataset.partition(":")[0]
        text = re.sub(r"\b(?:path|data_dir)=(<[^>]*>)", rf"--dataset {name}:\1", text)
        text = text.replace(
            "needs path or data_dir", f"needs a file or folder: --dataset {name}:PATH"
        )
        text = text.replace("needs data_dir", f"needs a folder: --dataset {name}:DIR")
        text = text.replace("takes no data_dir", "takes no :DIR")
        text = text.replace("data_dir is only for", ":DIR is only for")
    return re.sub(r" +([.,)])", r"\1", text)


def _check_output(output: str | None) -> None:
    if output and Path(output).is_dir():
        raise OutputError(
            f"-o {output} is a directory. Give a file name, e.g. -o {Path(output) / 'out.txt'}."
        )


def _write_output(output: str, text: str) -> None:
    """Write ``text`` to ``output`` through a temporary file, so that a failure never leaves a
    half-written or emptied output (nor the temporary file) behind."""
    target = Path(output)
    tmp = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {_reason(exc)}.") from exc


def _check_output_path(output: str) -> None:
    """Refuse an output path that can never be written (a folder, or a file's "subfolder")
    before any work is done; :func:`_write_output` reports every other failure."""
    target = Path(output)
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory. Name a file in it instead.")
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(
                    f"cannot write {target}: {parent} is a file, not a folder. Choose another path."
                )
            break


def _reason(exc: OSError) -> str:
    why = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{why} (the disk is full: free some space, or write elsewhere)"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{why} (choose a folder you can write to)"
    return why


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 2 user error, 1 internal error).

    A user error prints one line on standard error (``ringkas: error: missing.txt does not
    exist ...``) and returns 2; so does a result that cannot be written (a full disk, a
    read-only folder), naming the file:

    >>> main(["translate", "missing.txt"])
    2
    """
    args = build_parser().parse_args(argv)
    level, handler = logger.level, _log_in_flag_words(args)
    try:
        return _main(args)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _log_in_flag_words(args: argparse.Namespace) -> logging.Handler:
    """Show ringkas's log records on standard error in this command's flag words (a handler on
    the ``ringkas`` logger, for this run); other libraries' records as before."""
    if not logging.root.handlers:  # a real command line (a test harness has its own)
        logging.basicConfig(level=logging.WARNING, format=_LOG_FORMAT)
        logging.root.handlers[0].addFilter(lambda r: not r.name.startswith("ringkas"))
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_FlagWordsFormatter(args))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if args.verbose else logging.WARNING)
    return handler


_LOG_FORMAT = "%(levelname)s %(name)s: %(message)s"


class _FlagWordsFormatter(logging.Formatter):
    """The log format, with the message in flag words (:func:`_in_flag_words`)."""

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__(_LOG_FORMAT)
        self.args = args

    def formatMessage(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(record.__dict__)
        record.message = _in_flag_words(record.message, self.args)
        return super().formatMessage(record)


def _main(args: argparse.Namespace) -> int:
    output = getattr(args, "output", None)
    try:
        _check_output(output)
        # With -o, the file is written only once everything succeeded: an error never
        # leaves a half-written or emptied output behind.
        out: TextIO = io.StringIO() if output else sys.stdout
        _COMMANDS[args.command](args, out)
        if output:
            _write_output(output, out.getvalue())  # type: ignore[attr-defined]
    except RingkasError as exc:
        print(f"ringkas: error: {_in_flag_words(str(exc), args)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("ringkas: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        if exc.errno not in _WRITE_ERRORS or args.verbose:
            raise
        where = f" {exc.filename}" if exc.filename else ""
        print(f"ringkas: error: cannot write{where}: {_reason(exc)}.", file=sys.stderr)
        return 2
    except Exception as exc:
        if args.verbose:
            raise
        print(
            f"ringkas: internal error: {type(exc).__name__}: {exc} (run with -v)", file=sys.stderr
        )
        return 1
    return 0


# Failures of the machine, not of ringkas: said in one line with the file, exit status 2.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})
