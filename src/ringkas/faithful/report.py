"""What a check found: :class:`Span`, :class:`Issue` and :class:`Report` (with its HTML view).

>>> r = Report("Lima rumah.", "Six houses.", [Issue("number", Span("Lima", 0, 4), "Six", "'Lima' (5) is 'Six' in the output.", Span("Six", 0, 3))])
>>> r.ok, r.counts()
(False, {'number': 1})
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["KINDS", "Issue", "Report", "Span"]

#: Every kind of issue a check reports.
KINDS = (
    "number",
    "date",
    "time",
    "money",
    "percent",
    "name",
    "glossary",
    "untranslated",
    "length",
    "repetition",
)


@dataclass(frozen=True)
class Span:
    """A piece of a text and where it is (``text == whole[start:end]``).

    >>> Span("30 persen", 11, 20)
    Span(text='30 persen', start=11, end=20)
    """

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Issue:
    """One doubt about an output: ``kind`` (one of :data:`KINDS`), the ``source_span`` it is
    about (``None`` for something the output invented), what the output has instead (``found``,
    ``None`` when it has nothing), a ``message`` for people, and where ``found`` is in the
    output (``output_span``).

    >>> Issue("date", Span("Senin", 0, 5), "Sunday", "'Senin' (Monday) is 'Sunday'.").kind
    'date'
    """

    kind: str
    source_span: Span | None
    found: str | None
    message: str
    output_span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (spans as ``{"text", "start", "end"}``).

        >>> Issue("name", Span("KPU", 0, 3), None, "'KPU' is missing.").to_dict()["source_span"]
        {'text': 'KPU', 'start': 0, 'end': 3}
        """
        span = lambda s: None if s is None else {"text": s.text, "start": s.start, "end": s.end}  # noqa: E731
        return {
            "kind": self.kind,
            "source_span": span(self.source_span),
            "found": self.found,
            "message": self.message,
            "output_span": span(self.output_span),
        }


@dataclass
class Report:
    """The result of :func:`ringkas.faithful.check`: the two texts and the issues found.

    ``ok`` is true when there are no issues. In a notebook a report shows the source and the
    output side by side, each flagged span highlighted with what the other side has instead.

    >>> from ringkas.faithful import check
    >>> report = check("Harga naik 30 persen.", "The price rose 13 percent.")
    >>> report.ok, [i.kind for i in report.issues]
    (False, ['percent'])
    """

    source: str
    output: str
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was flagged."""
        return not self.issues

    def counts(self) -> dict[str, int]:
        """How many issues of each kind, in :data:`KINDS` order.

        >>> Report("a", "a").counts()
        {}
        """
        found = Counter(i.kind for i in self.issues)
        return {k: found[k] for k in KINDS if found[k]}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``source``, ``output``, ``ok`` and ``issues``.

        >>> Report("a", "a").to_dict()
        {'source': 'a', 'output': 'a', 'ok': True, 'issues': []}
        """
        return {
            "source": self.source,
            "output": self.output,
            "ok": self.ok,
            "issues": [i.to_dict() for i in self.issues],
        }

    def __repr__(self) -> str:
        if self.ok:
            return "Report(ok=True)"
        return "Report(ok=False, issues=[" + "; ".join(i.message for i in self.issues) + "])"

    def _repr_html_(self) -> str:
        src_marks = [(i.source_span, i) for i in self.issues if i.source_span is not None]
        out_marks = [(i.output_span, i) for i in self.issues if i.output_span is not None]
        rows = "".join(
            f"<li><b>{html.escape(i.kind)}</b>: {html.escape(i.message)}</li>" for i in self.issues
        )
        status = "no issues" if self.ok else f"{len(self.issues)} issue(s)"
        return (
            '<div class="ringkas-report"><table style="width:100%;table-layout:fixed">'
            "<tr><th style='text-align:left'>source</th><th style='text-align:left'>output</th>"
            f"</tr><tr><td style='vertical-align:top'>{_highlight(self.source, src_marks, 'source')}"
            f"</td><td style='vertical-align:top'>{_highlight(self.output, out_marks, 'output')}"
            f"</td></tr></table><p>{status}</p><ul>{rows}</ul></div>"
        )


def _highlight(text: str, marks: list[tuple[Span, Issue]], side: str) -> str:
    """``text`` as HTML with each marked span in a ``<mark>`` whose tooltip (and small note)
    says what the other side has instead."""
    out: list[str] = []
    pos = 0
    for span, issue in sorted(marks, key=lambda m: m[0].start):
        if span.start < pos:
            continue
        other = (
            (issue.found or "nothing")
            if side == "source"
            else (issue.source_span.text if issue.source_span else "nothing")
        )
        out.append(html.escape(text[pos : span.start]))
        out.append(
            f'<mark title="{html.escape(issue.message)}">{html.escape(text[span.start : span.end])}'
            f"</mark><sup style='color:#a00'>[{html.escape(issue.kind)}: {html.escape(other)}]</sup>"
        )
        pos = span.end
    out.append(html.escape(text[pos:]))
    return "".join(out)
