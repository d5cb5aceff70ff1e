"""The faithfulness guard of ``translate()``: check every translated sentence against its
source, re-translate the flagged ones with other decoding, and report what was found.

``guard`` is ``None`` (no check), ``"warn"`` (the default: one warning per call with counts),
``"retry"`` (re-translate each flagged sentence with beam search, naming the values and names
it must keep, and keep the first clean result, else the best one) or ``"raise"``
(:class:`~ringkas.errors.FaithfulnessError` carrying the reports). Placeholders carry glossary
terms and kept spans through a seq2seq model whose card lists names it copies.

>>> from ringkas import Translator
>>> t = Translator("tests/fixtures/fidelity-translate", device="cpu")
>>> result = t.translate("Harga beras naik 30 persen.", guard="retry", report=True)
>>> result.ok, result.sentences[0].attempts
(False, 3)
>>> result.flagged[0].issues[0].kind
'percent'
"""

from __future__ import annotations

import dataclasses
import html
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ringkas.engines.base import GenerationOptions
from ringkas.engines.retry import Attempts, retry_variants
from ringkas.errors import ConfigError, FaithfulnessError
from ringkas.faithful import (
    CHECKED_LANGUAGES,
    KINDS,
    Glossary,
    Protected,
    Report,
    check,
    kept_spans,
    protect,
    restore,
)
from ringkas.faithful.facts import extract
from ringkas.faithful.names import required_names
from ringkas.text.chunk import Split

__all__ = [
    "GUARDS",
    "Guard",
    "SentenceReport",
    "Translation",
    "check_guard",
    "check_summaries",
    "summary_reports",
]

logger = logging.getLogger(__name__)

#: Accepted ``guard=`` values (and ``None``, no check).
GUARDS = ("warn", "retry", "raise")

#: Re-translates pieces with other options: ``(pieces, options) -> outputs``.
Retranslate = Callable[[list[str], GenerationOptions], list[str]]


def check_guard(guard: str | None) -> str | None:
    """``guard`` itself if it is one of :data:`GUARDS` or ``None``; else a ConfigError.

    >>> check_guard("retry")
    'retry'
    >>> check_guard("strict")
    Traceback (most recent call last):
    ...
    ringkas.errors.ConfigError: guard must be None, 'warn', 'retry' or 'raise', got 'strict'. Use guard='retry' to re-translate flagged sentences, or guard=None to skip the check.
    """
    if guard is not None and guard not in GUARDS:
        raise ConfigError(
            f"guard must be None, 'warn', 'retry' or 'raise', got {guard!r}. Use "
            "guard='retry' to re-translate flagged sentences, or guard=None to skip the check."
        )
    return guard


@dataclass
class SentenceReport:
    """The check of one translated sentence: where it is (``document``, ``sentence``: its
    index among the document's sentences), the final :class:`~ringkas.faithful.Report`, how
    many translations were tried, the first attempt's report when a retry (or a repair)
    replaced it, and the glossary terms ``repaired``: left verbatim by the model, replaced by
    their English after the check (:meth:`~ringkas.faithful.Glossary.repair`).

    >>> from ringkas.faithful import check
    >>> SentenceReport(0, 0, check("Lima.", "Five.")).ok
    True
    >>> r = SentenceReport(0, 0, check("Lima orang datang.", "Six people came."))
    >>> r.source, r.output, [i.kind for i in r.issues], r.fixed
    ('Lima orang datang.', 'Six people came.', ['number'], False)
    """

    document: int
    sentence: int
    report: Report
    attempts: int = 1
    first: Report | None = None
    repaired: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the final translation passed."""
        return self.report.ok

    @property
    def source(self) -> str:
        """The source sentence."""
        return self.report.source

    @property
    def output(self) -> str:
        """The translation kept."""
        return self.report.output

    @property
    def issues(self) -> list[Any]:
        """The final translation's issues."""
        return self.report.issues

    @property
    def fixed(self) -> bool:
        """True when the first translation was flagged and a retry (or the repair of a
        glossary term, listed in ``repaired``) came back clean."""
        return self.first is not None and not self.first.ok and self.report.ok

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (one line of ``--report FILE.jsonl``).

        >>> from ringkas.faithful import check
        >>> sorted(SentenceReport(0, 2, check("Lima.", "Five.")).to_dict())
        ['attempts', 'document', 'first_issues', 'issues', 'ok', 'output', 'repaired', 'sentence', 'source']
        """
        data: dict[str, Any] = {"document": self.document, "sentence": self.sentence}
        data.update(self.report.to_dict())
        data["attempts"] = self.attempts
        data["repaired"] = list(self.repaired)
        data["first_issues"] = (
            [i.to_dict() for i in self.first.issues] if self.first is not None else None
        )
        return data


@dataclass
class Translation:
    """One translated document with the guard's report on each of its sentences
    (``translate(..., report=True)``). ``str(t)`` is the text.

    >>> from ringkas.faithful import check
    >>> t = Translation("Five.", [SentenceReport(0, 0, check("Lima.", "Five."))])
    >>> str(t), t.ok, t.flagged
    ('Five.', True, [])
    """

    text: str
    sentences: list[SentenceReport] = field(default_factory=list)

    def __str__(self) -> str:
        return self.text

    @property
    def ok(self) -> bool:
        """True when no sentence is flagged."""
        return all(s.ok for s in self.sentences)

    @property
    def flagged(self) -> list[SentenceReport]:
        """The sentences whose final translation has issues."""
        return [s for s in self.sentences if not s.ok]

    def counts(self) -> dict[str, int]:
        """Issues by kind over all sentences.

        >>> Translation("").counts()
        {}
        """
        found = Counter(i.kind for s in self.sentences for i in s.issues)
        return {k: found[k] for k in KINDS if found[k]}

    def _repr_html_(self) -> str:
        fixed = sum(s.fixed for s in self.sentences)
        head = (
            f"<p>{len(self.sentences)} sentence(s), {len(self.flagged)} flagged"
            f"{f', {fixed} fixed by retry' if fixed else ''}.</p>"
        )
        shown = [s for s in self.sentences if not s.ok or s.fixed]
        body = "".join(
            f"<h4>sentence {s.sentence + 1}{_how_fixed(s)}</h4>"
            + (s.first._repr_html_() if s.fixed and s.first is not None else "")
            + s.report._repr_html_()
            for s in shown
        )
        return f"<div>{head}{body or '<p>' + html.escape('Every sentence passed.') + '</p>'}</div>"


class Guard:
    """The guard of one translate call: ``mode`` (one of :data:`GUARDS`, or None), the
    glossary, the language pair and the placeholders the model copies (its card's).

    >>> Guard(None, None, "id", "en").active, Guard("warn", None, "id", "fr").active
    (False, False)

    One call's life: the first pass's options and protected pieces, the review (here a retry
    that fixes a number), and the outcome (``"raise"`` raises on a flagged sentence):

    >>> from ringkas.faithful import check, load_glossary
    >>> from ringkas.text.chunk import Split
    >>> guard = Guard("retry", load_glossary({"UMKM": "MSMEs"}), "id", "en", ("Bali", "Papua"))
    >>> guard.first_options(GenerationOptions(), ["Pelaku UMKM datang."]).glossary
    (('UMKM', 'MSMEs'),)
    >>> guard.protect(["Pelaku UMKM datang."])[0].text
    'Pelaku Bali datang.'

    Without placeholders (an LLM, most seq2seq cards) the glossary's English goes into the
    text itself, and a term the output still has verbatim is repaired after the check:

    >>> plain = Guard("warn", load_glossary({"UMKM": "MSMEs"}), "id", "en")
    >>> plain.protect(["Pelaku UMKM datang."])[0].text
    'Pelaku MSMEs datang.'
    >>> outputs = ["Six people came."]
    >>> def retranslate(texts, options): return ["Five people came." for _ in texts]
    >>> reports = guard.review(
    ...     [Split(["Lima orang datang."], [])], outputs, [(0, 0)], GenerationOptions(), retranslate
    ... )
    >>> outputs, reports[0].attempts, reports[0].fixed
    (['Five people came.'], 2, True)
    >>> Guard("raise", None, "id", "en").finish(
    ...     [SentenceReport(0, 0, check("Lima orang.", "Six people."))]
    ... )
    Traceback (most recent call last):
    ...
    ringkas.errors.FaithfulnessError: 1 output(s) failed the faithfulness check: ...
    """

    def __init__(
        self,
        mode: str | None,
        glossary: Glossary | None,
        src: str,
        tgt: str,
        placeholders: Sequence[str] = (),
        *,
        prompted: bool = False,
    ) -> None:
        self.mode = check_guard(mode)
        # an LLM reads hints and glossary in its prompt: a hinted decoding is not the same as
        # the engine's plain one, so the engine's record of tries does not cover it
        self.prompted = prompted
        self.glossary = glossary
        self.src, self.tgt = src, tgt
        self.placeholders = tuple(placeholders)
        self.checkable = src in CHECKED_LANGUAGES and tgt in CHECKED_LANGUAGES
        if self.mode in ("retry", "raise") and not self.checkable:
            logger.warning(
                "guard=%r is skipped: the faithfulness checker reads %s, not %s->%s.",
                self.mode,
                " and ".join(CHECKED_LANGUAGES),
                src,
                tgt,
            )

    @property
    def active(self) -> bool:
        """Whether sentences get checked."""
        return self.mode is not None and self.checkable

    # ------------------------------------------------------------------ first pass

    def first_options(self, options: GenerationOptions, pieces: Sequence[str]) -> GenerationOptions:
        """``options`` for the first pass over ``pieces``: unchanged, as :meth:`protect` has
        put the glossary's English into the text already (measured on Gemma 3 270M: the
        English in the source alone is followed more often than the English in the prompt,
        and keeps one prompt for the whole call); with placeholders, the entries that occur
        in ``pieces`` too (for a card with placeholders and a prompt)."""
        if self.glossary is None or not self.placeholders:
            return options
        return self._glossary_options(options, pieces)

    def _glossary_options(
        self, options: GenerationOptions, pieces: Sequence[str]
    ) -> GenerationOptions:
        """``options`` with the glossary entries that occur in ``pieces`` (an LLM puts them
        in its prompt; a seq2seq engine ignores them)."""
        if self.glossary is None:
            return options
        wanted = {span.text.lower() for p in pieces for span, _ in self.glossary.find(p)}
        entries = tuple((s, e) for s, e in self.glossary.entries if s.lower() in wanted)
        return _with(options, glossary=entries) if entries else options

    def protect(self, pieces: Sequence[str], keep: Sequence[Sequence[str]] = ()) -> list[Protected]:
        """Each piece as the model reads it: with placeholders (the model's card lists names
        it copies), its glossary terms, kept spans (and the names in ``keep[i]``) swapped for
        them; without, its glossary terms replaced by their English (code-mixed input the
        model copies: :meth:`~ringkas.faithful.Glossary.substitute`); else unchanged."""
        out = []
        for i, piece in enumerate(pieces):
            if not self.placeholders:
                text = self.glossary.substitute(piece) if self.glossary else piece
                out.append(Protected(text, ()))
                continue
            spans = (
                [(s.start, s.end, e) for s, e in self.glossary.find(piece)] if self.glossary else []
            )
            for name in keep[i] if i < len(keep) else ():
                for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", piece):
                    spans.append((m.start(), m.end(), name))
            spans += [(a, b, piece[a:b]) for a, b in kept_spans(piece)]
            out.append(protect(piece, _disjoint(spans), self.placeholders))
        return out

    # ------------------------------------------------------------------ review

    def review(
        self,
        splits: Sequence[Split],
        outputs: list[str],
        where: Sequence[tuple[int, int]],
        options: GenerationOptions,
        retranslate: Retranslate,
        tried: Attempts | None = None,
    ) -> list[SentenceReport]:
        """Check each sentence (``splits[i]`` translated as ``outputs[i]``, at ``where[i]`` =
        (document, sentence)); with ``mode="retry"`` re-translate the flagged ones, replacing
        ``outputs[i]`` in place. ``tried`` is the call's record of the decodings each piece
        already had (the engine's own retry of a degenerate one): a variant a sentence had is
        skipped. Returns one report per sentence."""
        reports = [
            SentenceReport(d, s, self._check(split.join(), out))
            for split, out, (d, s) in zip(splits, outputs, where, strict=True)
        ]
        if self.mode == "retry":
            self._retry(splits, outputs, reports, options, retranslate, tried)
        if self.glossary is not None:
            self._repair(outputs, reports)
        return reports

    def _repair(self, outputs: list[str], reports: list[SentenceReport]) -> None:
        """The last resort for glossary terms a translation still has verbatim: put the
        required English in their place (recorded in ``SentenceReport.repaired``)."""
        assert self.glossary is not None
        for i, report in enumerate(reports):
            if not any(issue.kind == "glossary" for issue in report.issues):
                continue
            fixed, terms = self.glossary.repair(report.source, report.output)
            if not terms:
                continue
            candidate = self._check(report.source, fixed)
            if _weight(candidate) < _weight(report.report):
                if report.first is None:
                    report.first = report.report
                report.report, outputs[i], report.repaired = candidate, fixed, terms

    def _check(self, source: str, output: str) -> Report:
        return check(source, output, src=self.src, tgt=self.tgt, glossary=self.glossary)

    def _retry(
        self,
        splits: Sequence[Split],
        outputs: list[str],
        reports: list[SentenceReport],
        options: GenerationOptions,
        retranslate: Retranslate,
        tried: Attempts | None = None,
    ) -> None:
        flagged = [i for i, r in enumerate(reports) if not r.ok]
        variants = retry_variants(options)  # the engine's list, written once
        # each variant told the values and names to keep, then the first without them, then
        # the call's own decoding told them: on Gemma 3 270M (24 flagged dev sentences) the
        # hint-free beam cleans some the hinted ones do not, and the hinted greedy is cheap
        tries = [(v, True) for v in variants] + [(v, False) for v in variants[:1]]
        tries.append((options, True))
        for variant, hinted in tries:
            if not flagged:
                return
            still: list[int] = []
            # the sentences a variant re-translates, grouped by their options, so that each
            # group is one engine call (one batch), not one call per sentence
            groups: dict[GenerationOptions, list[tuple[int, list[Protected]]]] = {}
            for i in flagged:
                split, report = splits[i], reports[i]
                keep = [
                    iss.source_span.text
                    for iss in report.issues
                    if iss.kind == "name" and iss.source_span
                ]
                protected = self.protect(split.pieces, [keep] * len(split.pieces))
                if self.prompted:  # an LLM is told the sentence's values, names and terms
                    hints = self._hints(split.join()) if hinted else ()
                    opts = self._glossary_options(_with(variant, hints=hints), split.pieces)
                else:  # a seq2seq engine reads neither: every sentence shares the variant
                    opts = variant
                texts = [p.text for p in protected]
                if not self.prompted and tried is not None and tried.covers(texts, opts):
                    still.append(i)  # decoded this way already (the engine's retry): the next
                    continue
                groups.setdefault(opts, []).append((i, protected))
            for opts, group in groups.items():
                texts = [p.text for _, protected in group for p in protected]
                outs = iter(retranslate(texts, opts))
                for i, protected in group:
                    split, report = splits[i], reports[i]
                    pieces = [restore(next(outs), p) for p in protected]
                    candidate = self._check(split.join(), split.join(pieces))
                    report.attempts += 1
                    if report.first is None:
                        report.first = report.report
                    if _weight(candidate) < _weight(report.report):
                        report.report, outputs[i] = candidate, candidate.output
                    if not report.report.ok:
                        still.append(i)
            flagged = sorted(still)

    def _hints(self, source: str) -> tuple[str, ...]:
        """The values and names a retry must keep (an LLM is told them in its prompt), and
        the English of the glossary terms (already in the text the model reads, in place of
        the terms)."""
        terms = [(s.start, s.end) for s, _ in self.glossary.find(source)] if self.glossary else []
        facts = [f.text for f in extract(source, self.src, skip=terms) if not f.weak]
        names = [s.text for s in required_names(source, lang=self.src, skip=terms)]
        english = [e for _, e in self.glossary.find(source)] if self.glossary else []
        return tuple(dict.fromkeys(facts + names + english))

    # ------------------------------------------------------------------ outcome

    def finish(self, reports: Sequence[SentenceReport], engine: str | None = None) -> None:
        """One warning for the call (``"warn"``, ``"retry"``), or raise (``"raise"``).
        ``engine`` is what the engine still found degenerate in the same call
        (:meth:`ringkas.engines.retry.Attempts.message`): said in the same warning."""
        flagged = [r for r in reports if not r.ok]
        if self.active and self.mode == "raise" and flagged:
            if engine:
                logger.warning("%s", engine)
            raise FaithfulnessError([r.report for r in flagged])
        found = [m for m in (self._summary(reports) if self.active else None, engine) if m]
        if found:
            logger.warning("%s", " Also, ".join(found))

    def _summary(self, reports: Sequence[SentenceReport]) -> str | None:
        flagged = [r for r in reports if not r.ok]
        first_flagged = sum(1 for r in reports if not (r.first or r.report).ok)
        if not first_flagged or (self.mode != "retry" and not flagged):
            return None  # nothing flagged, or only glossary terms repaired (in the reports)
        counts = Counter(i.kind for r in flagged for i in r.issues)
        kinds = ", ".join(f"{k} {counts[k]}" for k in KINDS if counts[k])
        if self.mode == "retry":
            return (
                f"faithfulness guard: {first_flagged} of {len(reports)} sentence(s) flagged; "
                f"retrying made {first_flagged - len(flagged)} clean, {len(flagged)} still "
                f"flagged{f' ({kinds})' if kinds else ''}. report=True shows them."
            )
        return (
            f"faithfulness guard: {len(flagged)} of {len(reports)} sentence(s) flagged ({kinds}): "
            "a number, date, name or term may be wrong or missing. guard='retry' re-translates "
            "them; report=True shows them."
        )


def check_summaries(
    articles: Sequence[str],
    summaries: Sequence[str],
    lang: str,
    guard: str | None,
    *,
    first: Sequence[Report | None] = (),
) -> list[Report]:
    """Check each summary against its whole (Indonesian) article: a summary may leave facts
    out but must not state a number, date or name its article does not have. One warning
    per call (``"warn"``, ``"retry"``), or :class:`~ringkas.errors.FaithfulnessError`
    (``"raise"``). Returns the reports (none when ``guard`` is None or ``lang`` unchecked).

    ``first`` (``guard="retry"``): for each summary that was written again, the report of the
    first one (None where it was not), so that the warning says how many the retry made clean.

    >>> [r.ok for r in check_summaries(["Harga naik 30 persen."], ["Prices rose 30%."], "en", "warn")]
    [True]
    """
    reports = summary_reports(articles, summaries, lang) if check_guard(guard) else None
    if reports is None:
        return []
    flagged = [r for r in reports if not r.ok]
    if flagged and guard == "raise":
        raise FaithfulnessError(flagged)
    first_flagged = sum(
        1 for r, f in zip(reports, _padded(first, len(reports)), strict=True) if not (f or r).ok
    )
    if not first_flagged:
        return reports
    counts = Counter(i.kind for r in flagged for i in r.issues)
    kinds = ", ".join(f"{k} {counts[k]}" for k in KINDS if counts[k])
    n = len(reports)
    if any(f is not None for f in first):
        logger.warning(
            "faithfulness guard: %d of %d summar%s flagged; writing them again made %d clean, "
            "%d still flagged%s. report=True shows them.",
            first_flagged, n, "y" if n == 1 else "ies", first_flagged - len(flagged),
            len(flagged), f" ({kinds})" if kinds else "",
        )  # fmt: skip
    elif flagged:
        logger.warning(
            "faithfulness guard: %d of %d summar%s state%s something the article does not (%s): "
            "%s report=True shows them.",
            len(flagged), n, "y" if n == 1 else "ies", "s" if n == 1 else "", kinds,
            flagged[0].issues[0].message,
        )  # fmt: skip
    return reports


def _how_fixed(report: SentenceReport) -> str:
    if not report.fixed:
        return ""
    if report.repaired:
        return html.escape(f" (glossary term repaired: {', '.join(report.repaired)})")
    return " (fixed by retry)"


def summary_reports(
    articles: Sequence[str], summaries: Sequence[str], lang: str
) -> list[Report] | None:
    """The check of each summary against its whole article, nothing logged; None when the
    checker does not read ``lang``.

    >>> [i.kind for i in summary_reports(["Harga naik."], ["Prices rose 30%."], "en")[0].issues]
    ['percent']
    >>> summary_reports(["Harga naik."], ["Les prix ont augmenté."], "fr") is None
    True
    """
    if lang not in CHECKED_LANGUAGES:
        return None
    return [
        check(a, s, src="id", tgt=lang, mode="summary")
        for a, s in zip(articles, summaries, strict=True)
    ]


def _padded(first: Sequence[Report | None], n: int) -> list[Report | None]:
    return [*first, *([None] * (n - len(first)))]


#: How bad an issue is when choosing the best of several flagged translations: an output that
#: is not a translation at all is worse than one with a wrong detail.
_WEIGHTS = {"untranslated": 10, "length": 5, "repetition": 5}


def _weight(report: Report) -> int:
    return sum(_WEIGHTS.get(i.kind, 1) for i in report.issues)


def _with(options: GenerationOptions, **changes: Any) -> GenerationOptions:
    """``options`` with the fields in ``changes`` that this ringkas's GenerationOptions has
    (``hints``/``glossary`` come with the LLM engines)."""
    names = {f.name for f in dataclasses.fields(options)}
    usable = {k: v for k, v in changes.items() if k in names}
    return dataclasses.replace(options, **usable) if usable else options


def _disjoint(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans in order, an overlapping later one dropped."""
    out: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out
