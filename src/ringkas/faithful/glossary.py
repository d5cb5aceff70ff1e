"""Glossaries: source terms and the English they must become (``UMKM`` -> ``MSMEs``), or keep
(``QRIS`` -> ``QRIS``); read from a dict or a two-column TSV/CSV file, checked at the door.

>>> g = load_glossary({"UMKM": "MSMEs", "QRIS": "QRIS"})
>>> [(s.text, english) for s, english in g.find("Pelaku UMKM memakai QRIS.")]
[('UMKM', 'MSMEs'), ('QRIS', 'QRIS')]
>>> g.followed("MSMEs use QRIS.", "MSMEs"), g.followed("Small firms use it.", "MSMEs")
(True, False)
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ringkas.errors import GlossaryError
from ringkas.faithful.report import Span
from ringkas.models.languages import normalize

__all__ = ["Glossary", "GlossaryLike", "load_glossary"]


@dataclass(frozen=True)
class Glossary:
    """Source term -> required English, for one language pair (``src`` -> ``tgt``).

    Terms match whole words, ignoring case; the longest term wins where two overlap.

    >>> Glossary((("UMKM", "MSMEs"),)).entries
    (('UMKM', 'MSMEs'),)
    """

    entries: tuple[tuple[str, str], ...]
    src: str = "id"
    tgt: str = "en"
    _pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        terms = sorted((s for s, _ in self.entries), key=len, reverse=True)
        pattern = (
            re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in terms), re.IGNORECASE)
            if terms
            else None
        )
        object.__setattr__(self, "_pattern", pattern)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str) -> list[tuple[Span, str]]:
        """Each glossary term in ``text`` with the English it must become, in text order.

        >>> load_glossary({"pelaku usaha": "business owners"}).find("Para Pelaku Usaha datang.")
        [(Span(text='Pelaku Usaha', start=5, end=17), 'business owners')]
        """
        if self._pattern is None:
            return []
        table = {s.lower(): t for s, t in self.entries}
        return [
            (Span(m[0], m.start(), m.end()), table[m[0].lower()])
            for m in self._pattern.finditer(text)
        ]

    def followed(self, output: str, english: str) -> bool:
        """Whether ``output`` has ``english`` (as whole words, any case, a plural ``s``/``es``
        more or less).

        >>> load_glossary({}).followed("Two MSME owners came.", "MSMEs")
        True
        """
        stem = re.sub(r"(?:es|s)$", "", english) if len(english) > 3 else english
        pattern = rf"(?<!\w){re.escape(stem)}(?:s|es)?(?!\w)"
        return re.search(pattern, output, re.IGNORECASE) is not None

    def substitute(self, text: str) -> str:
        """``text`` with each term replaced by the English it must become: code-mixed input
        that a model (an LLM, or a seq2seq model without placeholders) copies readily. Kept
        terms (``QRIS`` -> ``QRIS``) stay as they are. :func:`ringkas.faithful.check` still
        reads the original source.

        >>> load_glossary({"UMKM": "MSMEs", "QRIS": "QRIS"}).substitute("Pelaku umkm pakai QRIS.")
        'Pelaku MSMEs pakai QRIS.'
        """
        out, pos = [], 0
        for span, english in self.find(text):
            out += [text[pos : span.start], english]
            pos = span.end
        return "".join(out) + text[pos:]

    def repair(self, source: str, output: str) -> tuple[str, tuple[str, ...]]:
        """The last resort for a term the model left as it was: ``output`` with each glossary
        term of ``source`` whose English it lacks, but which it still has verbatim (whole word,
        any case), replaced by that English; and the terms so repaired (empty when none).

        >>> g = load_glossary({"UMKM": "MSMEs"})
        >>> g.repair("Pelaku UMKM datang.", "UMKM owners came.")
        ('MSMEs owners came.', ('UMKM',))
        >>> g.repair("Pelaku UMKM datang.", "Small firms came.")
        ('Small firms came.', ())
        """
        repaired: list[str] = []
        for span, english in self.find(source):
            if span.text.lower() == english.lower() or self.followed(output, english):
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(span.text)}(?!\w)", re.IGNORECASE)
            if pattern.search(output):
                output = pattern.sub(english.replace("\\", r"\\"), output)
                repaired.append(span.text)
        return output, tuple(dict.fromkeys(repaired))

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """The entries, for :class:`ringkas.engines.GenerationOptions` ``glossary``.

        >>> from ringkas.engines import GenerationOptions
        >>> GenerationOptions(glossary=load_glossary({"UMKM": "MSMEs"}).pairs()).glossary
        (('UMKM', 'MSMEs'),)
        """
        return self.entries


#: What ``glossary=`` accepts: a dict, a :class:`Glossary`, or the path of a TSV/CSV file.
GlossaryLike = Mapping[str, str] | Glossary | str | os.PathLike[str]


def load_glossary(
    glossary: GlossaryLike, *, src: str | None = None, tgt: str | None = None
) -> Glossary:
    """A checked :class:`Glossary` from a dict, a :class:`Glossary` or a file.

    A file has two columns, tab-separated (``.tsv``/``.txt``) or comma-separated (``.csv``):
    the source term and its English. Blank lines and lines starting with ``#`` are skipped; a
    first row of two language codes (``id<TAB>en``) says which pair the glossary is for.
    ``src``/``tgt`` give the pair when the glossary does not; a glossary that names another
    pair raises :class:`~ringkas.errors.GlossaryError`.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "terms.tsv"
    >>> _ = path.write_text("id\\ten\\nUMKM\\tMSMEs\\nQRIS\\tQRIS\\n")
    >>> load_glossary(path).entries
    (('UMKM', 'MSMEs'), ('QRIS', 'QRIS'))
    >>> load_glossary(path, src="en", tgt="id")
    Traceback (most recent call last):
    ...
    ringkas.errors.GlossaryError: Glossary terms.tsv is for id->en, but this translation is en->id. Use a glossary written for en->id, or translate id->en.
    """
    if isinstance(glossary, Glossary):
        pair, rows, origin = (glossary.src, glossary.tgt), list(glossary.entries), "given"
    elif isinstance(glossary, Mapping):
        pair, rows, origin = None, list(glossary.items()), "given"
        for term, english in rows:
            if not isinstance(term, str) or not isinstance(english, str):
                raise GlossaryError(
                    f"Glossary entries must be strings, got {term!r}: {english!r}. "
                    'Write it as {"UMKM": "MSMEs"}.'
                )
    elif isinstance(glossary, str | os.PathLike):
        pair, rows, origin = _read_file(Path(glossary))
    else:
        raise GlossaryError(
            f"glossary must be a dict, a Glossary or the path of a TSV/CSV file, got "
            f"{type(glossary).__name__}. Pass e.g. glossary={{'UMKM': 'MSMEs'}}."
        )
    want = (normalize(src) if src else None, normalize(tgt) if tgt else None)
    if pair is not None and ((want[0] and want[0] != pair[0]) or (want[1] and want[1] != pair[1])):
        raise GlossaryError(
            f"Glossary {origin} is for {pair[0]}->{pair[1]}, but this translation is "
            f"{want[0] or pair[0]}->{want[1] or pair[1]}. Use a glossary written for "
            f"{want[0] or pair[0]}->{want[1] or pair[1]}, or translate {pair[0]}->{pair[1]}."
        )
    final = pair or (want[0] or "id", want[1] or "en")
    return Glossary(_checked(rows, origin), src=final[0], tgt=final[1])


def _read_file(path: Path) -> tuple[tuple[str, str] | None, list[tuple[str, str]], str]:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GlossaryError(
            f"Cannot read glossary file {str(path)!r} ({exc.strerror}). Check the path; a "
            "glossary is a two-column TSV or CSV file (term, English)."
        ) from exc
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    rows: list[tuple[str, str]] = []
    pair: tuple[str, str] | None = None
    for lineno, row in enumerate(csv.reader(io.StringIO(content), delimiter=delimiter), 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) != 2:
            sep = "a comma" if delimiter == "," else "a tab"
            raise GlossaryError(
                f"{path.name}:{lineno}: expected 2 columns (term, English) separated by {sep}, "
                f"found {len(row)}: {delimiter.join(row)!r}. Put one term and its English on "
                f"each line{' (quote a field that contains a comma)' if delimiter == ',' else ''}."
            )
        if pair is None and not rows and _is_pair(row):
            pair = (normalize(row[0].strip()), normalize(row[1].strip()))
            continue
        rows.append((row[0], row[1]))
    return pair, rows, path.name


def _is_pair(row: list[str]) -> bool:
    try:
        return (
            all(len(c.strip()) in (2, 3) and normalize(c.strip()) for c in row) and row[0].islower()
        )
    except Exception:  # not language codes: an ordinary first entry
        return False


def _checked(rows: list[tuple[str, str]], origin: str) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    entries: list[tuple[str, str]] = []
    where = "" if origin == "given" else f" in {origin}"
    for term, english in rows:
        term, english = term.strip(), english.strip()
        if not term:
            raise GlossaryError(
                f"Glossary{where} has an empty term (for {english!r}). Remove the line or write "
                "the source term in the first column."
            )
        if not english:
            raise GlossaryError(
                f"Glossary term {term!r}{where} has an empty translation. Give the English it "
                "must become, or the term itself to keep it unchanged."
            )
        key = term.lower()
        if key in seen:
            if seen[key] != english:
                raise GlossaryError(
                    f"Glossary term {term!r}{where} is mapped twice ({seen[key]!r} and "
                    f"{english!r}). Keep one translation per term."
                )
            continue
        seen[key] = english
        entries.append((term, english))
    return tuple(entries)
