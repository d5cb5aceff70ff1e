"""Write the supported-models table in README.md from the model cards in src/ringkas/cards/*.toml.

The cards are read with the library's own loader (:func:`ringkas.models.cards.known_cards`), so
the table shows what ringkas itself understands from them (a card it cannot load fails here too).

The table goes between the ``<!-- models:start -->`` and ``<!-- models:end -->`` markers; the
rest of the README is left as it is. ``--check`` changes nothing and exits with status 1 when the
README's table is out of date (tests/test_readme.py runs the same check).

Usage::

    python scripts/models_table.py            # rewrite the table in README.md
    python scripts/models_table.py --check    # exit 1 if README.md is out of date
    python scripts/models_table.py --print    # print the table only
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ringkas.models.cards import ModelCard, known_cards
from ringkas.tasks import MODEL_TASKS

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START = "<!-- models:start -->"
END = "<!-- models:end -->"
HEADER = (
    "| model | family | task | languages | license | published scores |",
    "|---|---|---|---|---|---|",
)


def load_cards() -> list[ModelCard]:
    """Every shipped card, ordered by task (as :data:`ringkas.tasks.MODEL_TASKS` lists them),
    then defaults first, then id."""

    def order(card: ModelCard) -> tuple[int, int, str]:
        rank = MODEL_TASKS.index(card.task) if card.task in MODEL_TASKS else len(MODEL_TASKS)
        return rank, 0 if card.default_for else 1, card.id.lower()

    return sorted(known_cards().values(), key=order)


def _languages(codes: Sequence[str]) -> str:
    return "any" if "*" in codes else ", ".join(codes)


def _source(text: str) -> str:
    """``"https://... (note)"`` -> ``"[note](https://...)"``; other text is kept as written."""
    url, _, note = text.strip().partition(" ")
    if not url.startswith(("http://", "https://")):
        return text.strip()
    label = note.strip().strip("()") or "source"
    return f"[{label}]({url})"


def _value(value: float) -> str:
    return f"{value:g}"


def _scores(card: ModelCard) -> str:
    """``"Tatoeba id-en: BLEU 47.7, chrF2 0.647 ([table](url))"``: metrics grouped per dataset
    and source, in the card's order."""
    groups: dict[tuple[str, str], list[str]] = {}
    for s in card.scores:
        groups.setdefault((s.dataset, s.source), []).append(f"{s.metric} {_value(s.value)}")
    if not groups:
        return "—"
    return "; ".join(
        f"{dataset}: {', '.join(metrics)} ({_source(source)})"
        for (dataset, source), metrics in groups.items()
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_table(cards: Sequence[ModelCard]) -> str:
    """The markdown table (no trailing newline)."""
    rows = list(HEADER)
    for card in cards:
        model = f"[`{card.id}`](https://huggingface.co/{card.id})"
        if card.default_for:
            model += f" (default: {', '.join(card.default_for)})"
        languages = f"{_languages(card.source_languages)} → {_languages(card.target_languages)}"
        cells = [model, card.family, card.task, languages, card.license, _scores(card)]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows)


def update(readme_text: str, table: str) -> str:
    """``readme_text`` with ``table`` between the markers (which must appear once each, in order)."""
    if readme_text.count(START) != 1 or readme_text.count(END) != 1:
        raise SystemExit(f"README.md must hold {START} and {END} exactly once each.")
    head, rest = readme_text.split(START)
    _, tail = rest.split(END)
    if START in tail or END in head:
        raise SystemExit(f"README.md: {START} must come before {END}.")
    return f"{head}{START}\n{table}\n{END}{tail}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if README.md is out of date")
    mode.add_argument("--print", action="store_true", help="print the table and exit")
    parser.add_argument("--readme", type=Path, default=README, help="the README to update")
    args = parser.parse_args(argv)

    table = render_table(load_cards())
    if args.print:
        sys.stdout.write(table + "\n")
        return 0
    current = args.readme.read_text(encoding="utf-8")
    wanted = update(current, table)
    if args.check:
        if current != wanted:
            sys.stderr.write(
                f"{args.readme} is out of date with src/ringkas/cards/*.toml; "
                "run: python scripts/models_table.py\n"
            )
            return 1
        return 0
    if current != wanted:
        args.readme.write_text(wanted, encoding="utf-8")
        sys.stderr.write(f"updated the models table in {args.readme}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
