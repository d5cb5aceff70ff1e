"""Spans a translation must keep as they are (URLs, e-mail addresses, hashtags, @handles, web
names, glossary terms), and placeholders that carry them through a seq2seq model untouched.

A model that mistranslates "QRIS" copies a name it knows; :func:`protect` swaps each protected
span for such a placeholder, :func:`restore` puts the wanted English back afterwards.

>>> p = protect("Bayar pakai QRIS di www.bank.id.", [(12, 16, "QRIS")], ("Papua", "Bali"))
>>> p.text
'Bayar pakai Papua di Bali.'
>>> restore("Pay with Papua at Bali.", p)
'Pay with QRIS at www.bank.id.'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Protected", "kept_spans", "protect", "restore"]

_KEPT = re.compile(
    r"(?P<url>\bhttps?://[^\s<>\"]+|\bwww\.[^\s<>\"]+)"
    r"|(?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<handle>(?<![\w@])@[A-Za-z0-9_]{2,})"
    r"|(?P<tag>(?<![\w#&])#[^\W\d_][\w]*)"
    r"|(?P<site>\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|id|ai|org|net|io|co|gov|edu|info)\b"
    r"(?:/[^\s<>\"]*)?)"
)
_TRAILING = ".,;:!?)\"'"


def kept_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has a URL, e-mail address, @handle, #hashtag or web name
    (``Hanacaraka.ai``): spans any translation must reproduce exactly.

    >>> t = "Lapor ke @bssn_ri atau https://bssn.go.id/lapor, #AwasPenipuan."
    >>> [t[a:b] for a, b in kept_spans(t)]
    ['@bssn_ri', 'https://bssn.go.id/lapor', '#AwasPenipuan']
    """
    spans = []
    for m in _KEPT.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _TRAILING:
            end -= 1
        if end > m.start():
            spans.append((m.start(), end))
    return spans


@dataclass(frozen=True)
class Protected:
    """A text with its protected spans swapped for placeholders, and how to undo it:
    ``slots`` pairs each placeholder with the text to put back.

    >>> protect("Ke QRIS.", [(3, 7, "QRIS")], ("Bali",)).slots
    (('Bali', 'QRIS'),)
    """

    text: str
    slots: tuple[tuple[str, str], ...]


def protect(
    text: str, spans: Sequence[tuple[int, int, str]], placeholders: Sequence[str]
) -> Protected:
    """Replace each ``(start, end, replacement)`` span by the next placeholder that does not
    already occur in ``text``; spans left over when placeholders run out stay as they are.
    URLs and other :func:`kept_spans` are protected too (restored as themselves).

    >>> protect("Ke Bali dan QRIS.", [(12, 16, "QRIS")], ("Bali", "Papua")).text
    'Ke Bali dan Papua.'
    """
    wanted = {(a, b): r for a, b, r in spans}
    for a, b in kept_spans(text):
        if not any(a < e and s < b for s, e in wanted):
            wanted[(a, b)] = text[a:b]
    free = [p for p in placeholders if not re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]
    out: list[str] = []
    slots: list[tuple[str, str]] = []
    pos = 0
    for (start, end), replacement in sorted(wanted.items()):
        if start < pos or not free:
            continue
        placeholder = free.pop(0)
        out.append(text[pos:start])
        out.append(placeholder)
        slots.append((placeholder, replacement))
        pos = end
    out.append(text[pos:])
    return Protected("".join(out), tuple(slots))


def restore(output: str, protected: Protected) -> str:
    """Put each placeholder's text back into a model's ``output`` (a placeholder the model
    dropped stays missing: :func:`ringkas.faithful.check` will flag it).

    >>> restore("Pay at Bali.", Protected("Bayar di Bali.", (("Bali", "QRIS"),)))
    'Pay at QRIS.'
    """
    if not protected.slots:
        return output
    table = dict(protected.slots)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in table))
    return pattern.sub(lambda m: table[m[0]], output)
