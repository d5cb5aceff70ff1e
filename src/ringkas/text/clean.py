"""Remove news-site boilerplate from an article and say what was removed.

What goes: HTML tags and entities; the dateline ("Liputan6.com, Jakarta - ", "JAKARTA, KOMPAS.com -",
"Bandung (ANTARA) -"); marker lines ("Baca Juga", "BACA JUGA", "Simak juga:", "Advertisement",
video and social prompts) and the related-article headlines listed after a "Baca Juga"-style
marker; a second story glued onto the end after a headline line (it is cut there and reported);
runs of spaces and tabs. What stays: every other word, quote, number and name, and the paragraph
layout (single line breaks stay single, blank lines stay one blank line).

A headline line is recognised by its shape: no sentence-final punctuation, 4-15 words, and most
words other than small function words ("di", "ke", "dan" ...) Capitalised.

>>> article = clean_article("Liputan6.com, Jakarta - Harga beras naik.\\nBaca Juga\\nAdvertisement")
>>> article.text
'Harga beras naik.'
>>> [r.kind for r in article.removed]
['dateline', 'marker', 'marker']
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["CleanArticle", "Removed", "clean_article", "looks_like_headline"]

_SITE = r"[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?:com|co\.id|id|net|org|tv)"
_CITY = r"[A-Z][A-Za-z.'’]*(?:[ -][A-Z][A-Za-z.'’]*){0,3}"
_DASH = r"\s*(?:[-–—]+|:)\s*"
_DATELINE = re.compile(
    rf"^(?:{_SITE}\s*,\s*{_CITY}|{_CITY}\s*,\s*{_SITE}|{_CITY}\s*\((?:ANTARA|Antara)(?:News)?\))"
    rf"{_DASH}(?=\S)"
)
# Markers after which related-article headlines are listed.
_RELATED = r"baca(?: pula| juga)|simak(?: pula| juga)|lihat juga|tonton juga|artikel terkait|berita terkait"
_RELATED_MARKER = re.compile(rf"^(?:{_RELATED})\s*:?$", re.IGNORECASE)
_RELATED_INLINE = re.compile(rf"^(?:{_RELATED})\s*:\s*\S", re.IGNORECASE)
_MARKER = re.compile(
    r"^(?:advertisement|iklan|advertorial|scroll to continue with content|"
    r"(?:simak|saksikan|tonton|lihat)\s+(?:juga\s+)?video\b.*|"
    r"video\s+pilihan\b.*|"
    r"ikuti\s+(?:berita|kami|update|channel|saluran)\b.*|"
    r"(?:dapatkan|follow|subscribe|gabung)\b.*\b(?:google news|whatsapp|telegram|instagram|"
    r"youtube|twitter|tiktok|facebook|channel|saluran)\b.*|"
    r"(?:klik|klik di sini|selengkapnya)\b.*)$",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset(
    [
        "di",
        "ke",
        "dari",
        "dan",
        "yang",
        "untuk",
        "dengan",
        "pada",
        "atau",
        "oleh",
        "bagi",
        "soal",
        "usai",
        "demi",
        "hingga",
        "sampai",
        "sejak",
        "per",
        "ini",
        "itu",
        "jadi",
        "akan",
        "juga",
        "tak",
        "tidak",
        "karena",
        "agar",
        "dalam",
        "vs",
        "of",
        "the",
        "and",
        "in",
        "on",
        "for",
        "to",
        "a",
        "an",
        "at",
        "by",
    ]
)
_FINAL = tuple(".!?\"”’'…,:;)")
_TAG = re.compile(r"<[^>]+>")
_HTML_HINT = re.compile(
    r"</?(?:p|br|div|span|strong|em|b|i|a|h\d|ul|li)\b[^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I
)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200b]+")


@dataclass(frozen=True)
class Removed:
    """One thing the cleaner took out: ``kind`` is dateline, marker, related, second_story or html.

    >>> clean_article("Liputan6.com, Jakarta - Harga beras naik.").removed
    (Removed(kind='dateline', text='Liputan6.com, Jakarta -'),)
    """

    kind: str
    text: str


@dataclass(frozen=True)
class CleanArticle:
    """The cleaned text and everything that was removed from it, in order.

    >>> article = clean_article("Harga beras naik.\\nBaca Juga\\nHarga Cabai Rawit Tembus Rp 90 Ribu"
    ...                         "\\n\\nPedagang mengeluh.")
    >>> print(article.text)
    Harga beras naik.
    <BLANKLINE>
    Pedagang mengeluh.
    >>> [(r.kind, r.text) for r in article.removed]
    [('marker', 'Baca Juga'), ('related', 'Harga Cabai Rawit Tembus Rp 90 Ribu')]
    >>> article.second_story is None
    True
    """

    text: str
    removed: tuple[Removed, ...]

    @property
    def second_story(self) -> str | None:
        """The glued-on second story that was cut off, if there was one.

        >>> clean_article("Harga beras naik tajam.\\nEkspor Rotan Cirebon Tembus Pasar Eropa\\n"
        ...               "Perajin rotan mencatat kenaikan ekspor.").second_story
        'Ekspor Rotan Cirebon Tembus Pasar Eropa\\nPerajin rotan mencatat kenaikan ekspor.'
        """
        for item in self.removed:
            if item.kind == "second_story":
                return item.text
        return None


def looks_like_headline(line: str, *, min_words: int = 4, max_words: int = 15) -> bool:
    """True for a line shaped like a headline: no final punctuation, few words, Title Case.

    >>> looks_like_headline("Harga Cabai Rawit di Surabaya Tembus Rp 90 Ribu")
    True
    >>> looks_like_headline("Harga cabai rawit di Surabaya naik lagi hari ini")
    False
    """
    text = line.strip()
    if not text or text.endswith(_FINAL) or text[0] in "\"“‘'(-–—•*":
        return False
    words = text.split()
    if not min_words <= len(words) <= max_words:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS and any(c.isalpha() for c in w)]
    if not content:
        return False
    capitalised = sum(1 for w in content if w.lstrip("\"“‘'(")[:1].isupper())
    return capitalised / len(content) >= 0.75


def _strip_html(raw: str) -> tuple[str, bool]:
    if not _HTML_HINT.search(raw):
        return raw, False
    text = re.sub(r"<br\s*/?>", "\n", raw, flags=re.I)
    text = re.sub(r"</p\s*>[ \t]*(?:\r?\n)?", "\n", text, flags=re.I)
    text = re.sub(r"<p\b[^>]*>", "", text, flags=re.I)
    text = _TAG.sub("", text)
    return html.unescape(text), True


def _is_marker(line: str) -> bool:
    return len(line.split()) <= 15 and bool(
        _MARKER.match(line) or _RELATED_MARKER.match(line) or _RELATED_INLINE.match(line)
    )


def clean_article(raw: str) -> CleanArticle:
    """Clean one article; see the module docstring for exactly what is removed.

    >>> clean_article("<p>JAKARTA, KOMPAS.com - Rapat &quot;alot&quot; berakhir.</p>").text
    'Rapat "alot" berakhir.'
    """
    removed: list[Removed] = []
    text, had_html = _strip_html(raw)
    if had_html:
        removed.append(Removed("html", "HTML tags and entities"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    kept: list[str] = []
    related_run = False  # just after a "Baca Juga" marker, in its list of headlines
    seen_body = False
    for index, line in enumerate(lines):
        if not line:
            related_run = False
            kept.append("")
            continue
        if not seen_body:
            match = _DATELINE.match(line)
            if match:
                removed.append(Removed("dateline", match.group(0).strip()))
                line = line[match.end() :]
        if _is_marker(line):
            removed.append(Removed("marker", line))
            related_run = bool(_RELATED_MARKER.match(line)) or related_run
            continue
        if related_run and looks_like_headline(line, min_words=1):
            removed.append(Removed("related", line))
            continue
        if related_run and removed[-1].kind == "related" and _introduces(removed[-1].text, line):
            # The last "related headline" is the title of the paragraph after it: a glued story.
            headline = removed.pop().text
            rest = "\n".join([headline, *(x for x in lines[index:] if x)])
            removed.append(Removed("second_story", rest))
            break
        related_run = False
        if seen_body and looks_like_headline(line):
            rest = "\n".join(x for x in lines[index:] if x)
            removed.append(Removed("second_story", rest))
            break
        seen_body = True
        kept.append(line)
    return CleanArticle(_join(kept), tuple(removed))


def _content_words(text: str) -> set[str]:
    words = (w.strip(".,:;!?\"“”‘’'()").lower() for w in text.split())
    return {w for w in words if len(w) >= 4 and w not in _SMALL_WORDS}


def _introduces(headline: str, paragraph: str) -> bool:
    """True when ``paragraph`` is about ``headline``: it repeats most of its content words."""
    title = _content_words(headline)
    shared = title & _content_words(paragraph)
    return len(shared) >= 2 and len(shared) >= 0.4 * len(title)


def _join(lines: list[str]) -> str:
    """Join kept lines, collapsing blank-line runs to one and trimming blank ends."""
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
