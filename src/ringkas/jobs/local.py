"""Running a job's shards in this process: load the model once (:func:`make_runner`), then send
each shard's good rows through it in one call (:func:`process_rows`). The Ray engine's workers
use the same two functions.

>>> settings = JobSettings(task="summarize", lang="id", strategy="lead")
>>> runner = make_runner(settings, device=None, batch_size=None)
>>> [r.text for r in runner(["Harga beras naik. Pedagang mengeluh. Cuaca cerah. Hujan turun."])]
['Harga beras naik. Pedagang mengeluh. Cuaca cerah.']
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ringkas.errors import FaithfulnessError, InputError, RingkasError
from ringkas.jobs.rows import Row, ShardPlan
from ringkas.jobs.settings import JobSettings
from ringkas.jobs.sources import Source

__all__ = ["Done", "Result", "Runner", "make_runner", "process_rows", "run_local"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    """What a runner made of one text: the result and the guard's issues with it (a JSON list,
    ``"[]"`` when clean; None when not checked).

    >>> Result("Prices rose.", "[]").issues
    '[]'
    """

    text: str
    issues: str | None = None


#: Maps a list of texts to their results: plain strings (``process_rows`` then checks them
#: itself when asked) or :class:`Result` objects that carry their check.
Runner = Callable[[list[str]], Sequence["str | Result"]]
Done = Callable[[ShardPlan, Sequence[Row]], None]


def make_runner(settings: JobSettings, *, device: str | None, batch_size: int | None) -> Runner:
    """Load the job's model once; the returned function maps a list of texts to their
    :class:`Result` objects, checked by the job's ``guard`` (``settings.guard``).

    >>> run = make_runner(JobSettings(task="summarize", lang="id", strategy="lead"),
    ...                   device=None, batch_size=None)
    >>> run(["Satu. Dua."])
    [Result(text='Satu. Dua.', issues='[]')]
    """
    guard = settings.guard
    if settings.task == "translate":
        from ringkas.translation import Translator

        translator = Translator(settings.model, backend=settings.backend, device=device)

        def translate(texts: list[str]) -> list[Result]:
            results = translator.translate(
                texts, src="id", tgt=settings.lang, batch_size=batch_size, show_progress=False,
                guard=guard, report=True,
            )  # fmt: skip
            return [Result(t.text, _sentence_issues(t)) for t in results]

        return translate

    from ringkas.summarization import Summarizer

    summarizer = Summarizer(
        settings.model,
        translation_model=settings.translation_model,
        strategy=settings.strategy,
        backend=settings.backend,
        device=device,
    )

    def summarize(texts: list[str]) -> list[Result]:
        results = summarizer.summarize(
            texts, lang=settings.lang, batch_size=batch_size, show_progress=False, guard=guard,
            report=True,
        )  # fmt: skip
        return [
            Result(r.text, None if r.report is None else _as_json([i.to_dict() for i in r.issues]))
            for r in results
        ]

    return summarize


def _sentence_issues(translation: Any) -> str | None:
    """A translation's issues, each with its sentence's index (None: not checked)."""
    if not translation.sentences:
        return None
    return _as_json(
        [{"sentence": s.sentence, **i.to_dict()} for s in translation.sentences for i in s.issues]
    )


def _as_json(issues: list[dict[str, Any]]) -> str:
    return json.dumps(issues, ensure_ascii=False)


def process_rows(
    rows: Sequence[Row], runner: Runner, *, check: JobSettings | None = None
) -> list[Row]:
    """Run the good rows through ``runner`` in one call (row by row if that call fails).

    A row whose own call raises :class:`~ringkas.errors.InputError` becomes an error row; any
    other error stops the job (it would fail every row). With ``check`` (the job's settings),
    each plain-string result is checked against its text (:func:`ringkas.faithful.check`; a
    summary against its whole article; nothing when ``check.guard`` is None) and the issues go
    into the row's ``issues`` column; a :class:`Result` brings its own. With ``guard="raise"`` a
    flagged row becomes an error row (its call raises
    :class:`~ringkas.errors.FaithfulnessError`).

    >>> rows = [Row(1, "a", text="satu"), Row(2, "b", error="line 2: not valid JSON")]
    >>> process_rows(rows, lambda texts: [t.upper() for t in texts])  # doctest: +NORMALIZE_WHITESPACE
    [Row(row=1, id='a', text=None, result='SATU', error=None, issues=None),
     Row(row=2, id='b', text=None, result=None, error='line 2: not valid JSON', issues=None)]
    >>> row = process_rows([Row(1, "a", text="Harga naik 5 persen.")],
    ...                    lambda t: ["Prices rose 6%."], check=JobSettings(task="translate"))[0]
    >>> [issue["kind"] for issue in json.loads(row.issues)]
    ['percent']
    """
    good = [r for r in rows if r.error is None]
    texts = [r.text or "" for r in good]
    done: dict[int, Row] = {}
    try:
        outputs = runner(texts) if good else []
        done = {
            r.row: _row(r, text, o, check) for r, text, o in zip(good, texts, outputs, strict=True)
        }
    except RingkasError as exc:
        logger.info("a batch of %d rows failed (%s); retrying row by row", len(good), exc)
        for r, text in zip(good, texts, strict=True):
            try:
                done[r.row] = _row(r, text, runner([text])[0], check)
            except (InputError, FaithfulnessError) as row_exc:
                done[r.row] = Row(r.row, r.id, error=str(row_exc))
    return [done.get(r.row, r) for r in rows]


def _row(row: Row, text: str, output: str | Result, check: JobSettings | None) -> Row:
    if isinstance(output, Result):
        return Row(row.row, row.id, result=output.text, issues=output.issues)
    return Row(row.row, row.id, result=output, issues=_issues(check, text, output))


def _issues(settings: JobSettings | None, text: str | None, result: str) -> str | None:
    """The faithfulness issues of one result as a JSON list (None when not checked)."""
    if settings is None or text is None or settings.guard is None:
        return None
    from ringkas.faithful import check

    mode = "summary" if settings.task == "summarize" else "translation"
    try:
        report = check(text, result, tgt=settings.lang, mode=mode)
    except RingkasError:  # a language the checker does not read
        return None
    return json.dumps([i.to_dict() for i in report.issues], ensure_ascii=False)


def run_local(
    source: Source,
    plans: Sequence[ShardPlan],
    runner: Runner,
    done: Done,
    *,
    check: JobSettings | None = None,
) -> None:
    """Process ``plans`` here, in input order; ``done(plan, rows)`` is called for each shard.

    >>> import pathlib, tempfile
    >>> from ringkas.jobs.sources import open_source
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "in.jsonl"
    >>> _ = path.write_text('{"text": "satu"}\\n{"text": "dua"}\\n')
    >>> source = open_source(path)
    >>> run_local(source, source.plan(1), lambda texts: [t.upper() for t in texts],
    ...           lambda plan, rows: print(plan.index, [r.result for r in rows]))
    0 ['SATU']
    1 ['DUA']
    """
    for plan, rows in source.read_shards(plans):
        done(plan, process_rows(rows, runner, check=check))
