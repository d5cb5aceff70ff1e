"""What flows through a job: a :class:`Row` of input and its outcome, and the :class:`ShardPlan`
that says where a shard's rows lie in the input.

>>> Row(3, "rn-3", error="line 3: not valid JSON").error
'line 3: not valid JSON'
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

__all__ = ["Row", "ShardPlan"]


@dataclass(frozen=True)
class Row:
    """One input row: its text to process, or why it cannot be; then its result or error, and
    the faithfulness check of the result (``issues``: a JSON list, ``"[]"`` when clean).

    >>> Row(1, "rn-1", text="Harga beras naik.")
    Row(row=1, id='rn-1', text='Harga beras naik.', result=None, error=None, issues=None)
    """

    row: int
    id: str
    text: str | None = None
    result: str | None = None
    error: str | None = None
    issues: str | None = None


@dataclass(frozen=True)
class ShardPlan:
    """Where shard ``index`` lies in the input: its row numbers and how to get there fast.

    ``locator`` is a byte offset (JSONL), a 0-based row offset (Parquet) or the file names
    (folder).

    >>> plan = ShardPlan(index=1, first_row=1001, last_row=2000, rows=1000, locator=482113)
    >>> plan.file
    'shards/shard-00001.parquet'
    >>> ShardPlan.from_json(plan.to_json()) == plan
    True
    """

    index: int
    first_row: int
    last_row: int
    rows: int
    locator: int | tuple[str, ...]

    @property
    def file(self) -> str:
        """The shard's file, relative to the output folder."""
        return f"shards/shard-{self.index:05d}.parquet"

    def to_json(self) -> str:
        """The plan as one JSON object (how it travels to a Ray worker)."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ShardPlan:
        """The plan that :meth:`to_json` wrote."""
        data = json.loads(text)
        locator = data["locator"]
        data["locator"] = tuple(locator) if isinstance(locator, list) else locator
        return cls(**data)
