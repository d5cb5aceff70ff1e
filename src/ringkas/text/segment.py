"""Split a document into sentences and the exact whitespace between them, so it can be rebuilt.

Every character of the input lands in exactly one :class:`Segment`: sentences (``is_text=True``)
are what a model sees; everything else (line breaks, blank lines, indentation, the spaces between
sentences) is kept verbatim. ``"".join(s.text for s in segment(doc)) == doc`` always holds. A line
break is any break :meth:`str.splitlines` knows (:data:`LINE_BREAKS`: U+2028, U+2029, NEL, form
feed and vertical tab as well as "\\n" and "\\r"), and no sentence runs across one.

The sentence splitter knows Indonesian news text: abbreviations ("Dr.", "Prof.", "No.", "dll.",
"Rp."), initials ("M. Yusuf"), numbers ("1.000", "5,5", "8/10/2019", "10.30"), ellipses, and
quoted speech (a closing quote after ``.``/``?``/``!`` belongs to the sentence; an attribution in
lower case after it, as in ``"Apa kabar?" tanya dia.``, does not start a new sentence).

>>> [s.text for s in segment("Dr. Ani datang. Ia bertemu 1.000 warga.\\n\\nSelesai.") if s.is_text]
['Dr. Ani datang.', 'Ia bertemu 1.000 warga.', 'Selesai.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "ABBREVIATIONS",
    "LINE_BREAKS",
    "Segment",
    "join_quotes",
    "rebuild",
    "segment",
    "split_sentences",
]

#: Every character :meth:`str.splitlines` breaks a line at ("\r\n" counts as one break): line
#: feed, carriage return, vertical tab, form feed, the file/group/record separators, NEL (U+0085)
#: and the Unicode line and paragraph separators (U+2028, U+2029). A sentence never runs across
#: one; the break is kept verbatim between sentences, like "\n".
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile(r"(\r\n|[" + LINE_BREAKS + "])")

#: Lower-cased words that end with a period without ending the sentence when a capitalised word
#: or a number follows: titles and ranks before names, "No." and "Rp." before numbers, address
#: and region prefixes. Words that usually END a sentence when a capital follows ("dll.", "dkk.",
#: "Tbk.") are deliberately absent: before a lower-case word nothing splits anyway.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    dr drs dra prof ir h hj st sdr sdri bpk yth no hlm jl jln kec kab kel prov rp rt rw tel telp
    mr mrs ms pt cv gen brigjen irjen kombes kapt let jend mayjen letjen kol akp ipda aiptu
    bripka ust kh vs a.n u.p s.d m.si s.h s.e s.t s.pd s.kom m.m m.h m.kes ph.d
    jan feb mar apr jun jul agu agt sep sept okt nov des
    """.split()
)

_CLOSERS = "\"”’')]»"
_OPENERS = "\"“‘'([«"
# A sentence may end at . ! ? or an ellipsis, followed by closing quotes/brackets. A run of
# marks is only tried from its first mark (the look-behind): trying it again from every mark
# inside a long run ("!!!!...") would make the scan quadratic, and can never match anyway.
_END = re.compile(r"(?:\.{3}|…|(?<![.!?])[.!?]+)[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_SPACE_RUN = re.compile(r"\s*")


@dataclass(frozen=True)
class Segment:
    """A slice ``text == document[start:end]``; ``is_text`` marks sentences (else whitespace).

    >>> segment("Harga naik.  Pedagang mengeluh.")[1]
    Segment(text='  ', start=11, end=13, is_text=False)
    """

    text: str
    start: int
    end: int
    is_text: bool


def _starts_sentence(rest: str) -> bool:
    """True when ``rest`` (the text after the whitespace) looks like the start of a sentence."""
    if not rest:
        return False
    first = rest[0]
    if first in _OPENERS or first in "-–—•*":
        return True
    return first.isupper() or first.isdigit()


def _word_ending_at(line: str, end: int) -> str:
    """The whitespace-free word that ends at ``line[end - 1]``.

    It scans back only over that word. The words before two sentence-end candidates never
    overlap (a candidate is always followed by whitespace), so one line costs O(len(line)) in all.
    """
    start = end
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return line[start:end]


def _is_abbreviation(word: str) -> bool:
    """True when ``word`` (ending with its period) is an abbreviation or an initial."""
    word = word.lstrip(_OPENERS)
    if not word.endswith("."):
        return False
    stem = word[:-1]
    if len(stem) == 1 and stem.isalpha():  # an initial: "M. Yusuf", "a. Pertama"
        return True
    return stem.lower() in ABBREVIATIONS


def _sentence_spans(line: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in a line that holds no line break.

    Linear in ``len(line)``: nothing here copies or searches the prefix or the rest of the line.
    """
    start = _skip_space(line, 0)
    for match in _END.finditer(line):
        end = match.end()
        after = _skip_space(line, end)  # where the text after the whitespace begins
        if not _starts_sentence(line[after : after + 1]):
            continue
        mark = match.group(0)
        if (
            mark.startswith(".")
            and not mark.startswith("..")
            and _is_abbreviation(_word_ending_at(line, match.start() + 1))
        ):
            continue
        if line[start:end].strip():
            yield start, end
            start = after
    stop = len(line.rstrip())
    if stop > start:
        yield start, stop


def _skip_space(line: str, pos: int) -> int:
    """The index of the first non-whitespace character at or after ``pos`` (or ``len(line)``)."""
    match = _SPACE_RUN.match(line, pos)
    assert match is not None  # r"\s*" matches everywhere
    return match.end()


def segment(text: str) -> list[Segment]:
    """Split ``text`` into sentences and the whitespace around them, covering every character.

    >>> parts = segment("  Satu dua.  Tiga?\\nEmpat")
    >>> [(p.text, p.is_text) for p in parts]
    [('  ', False), ('Satu dua.', True), ('  ', False), ('Tiga?', True), ('\\n', False), \
('Empat', True)]
    """
    segments: list[Segment] = []
    pos = 0
    for line in _LINE_BREAK.split(text):
        if not line.strip():  # a line break, or a line of whitespace only
            if line:
                segments.append(Segment(line, pos, pos + len(line), False))
            pos += len(line)
            continue
        cursor = 0
        for start, end in _sentence_spans(line):
            if start > cursor:
                segments.append(Segment(line[cursor:start], pos + cursor, pos + start, False))
            segments.append(Segment(line[start:end], pos + start, pos + end, True))
            cursor = end
        if cursor < len(line):
            segments.append(Segment(line[cursor:], pos + cursor, pos + len(line), False))
        pos += len(line)
    return _merge_whitespace(segments)


def _merge_whitespace(segments: list[Segment]) -> list[Segment]:
    """Join neighbouring whitespace segments, so sentences alternate with separators."""
    merged: list[Segment] = []
    for seg in segments:
        if merged and not seg.is_text and not merged[-1].is_text:
            last = merged.pop()
            seg = Segment(last.text + seg.text, last.start, seg.end, False)
        merged.append(seg)
    return merged


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, without the whitespace between them.

    >>> split_sentences('"Apa kabar?" tanya dia. Prof. Budi menjawab.')
    ['"Apa kabar?" tanya dia.', 'Prof. Budi menjawab.']
    """
    return [s.text for s in segment(text) if s.is_text]


def _balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") <= text.count("”")


def join_quotes(sentences: list[str], *, max_join: int = 6) -> list[str]:
    """Join sentences that belong to one quotation, so a quote and its attribution stay together.

    Translation wants short sentences, but a summary that picks sentences must not pick half a
    quotation. A run stops at ``max_join`` sentences, so one stray quote mark cannot swallow the
    rest of an article.

    >>> join_quotes(['"Kami siap.', 'Semua sudah dicek," kata dia.', "Rapat selesai."])
    ['"Kami siap. Semua sudah dicek," kata dia.', 'Rapat selesai.']
    """
    units: list[str] = []
    buffer: list[str] = []
    for sentence in sentences:
        buffer.append(sentence)
        joined = " ".join(buffer)
        if _balanced(joined) or len(buffer) >= max_join:
            units.append(joined)
            buffer = []
    if buffer:
        units.append(" ".join(buffer))
    return units


def rebuild(segments: list[Segment], replacements: list[str]) -> str:
    """Put ``replacements`` (one per text segment, in order) back between the kept whitespace.

    >>> segs = segment("Satu.\\n\\nDua.")
    >>> rebuild(segs, ["One.", "Two."])
    'One.\\n\\nTwo.'
    """
    texts = [s for s in segments if s.is_text]
    if len(texts) != len(replacements):
        raise ValueError(f"rebuild: {len(texts)} sentences but {len(replacements)} replacements")
    out: list[str] = []
    it = iter(replacements)
    for seg in segments:
        out.append(next(it) if seg.is_text else seg.text)
    return "".join(out)
