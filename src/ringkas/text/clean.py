"""Remove news-site boilerplate from an article and say what was removed.

What goes, line by line: HTML tags and entities; the dateline of the first paragraph
("Liputan6.com, Jakarta - ", "JAKARTA, KOMPAS.com -", "Jakarta, CNN Indonesia -- ",
"TEMPO.CO, Bandung - ", "TRIBUNNEWS.COM, SURABAYA - ", "Bandung (ANTARA) -", "Merdeka.com - ",
detik's bare "Jakarta - "); marker lines ("Baca Juga", "SCROLL TO CONTINUE WITH CONTENT",
"Advertisement", "[Gambas:Video CNN]", video prompts, Telegram / WhatsApp / Google News prompts);
related-article headlines listed after a "Baca Juga" or "Pilihan Untuk Anda" marker, and
"Baca juga: ..." / "(Baca juga: ...)" / "Pilihan Editor: ..."; credits ("Laporan Wartawan ...",
"Penulis: ... | Editor: ...", "Pewarta:", "Artikel ini telah tayang di ...", "Copyright ©",
closing codes such as "(mdk/rhm)", "(rfs/ega)" or "(ant)"); photo captions ending in a photo
credit ("... TEMPO/Prima Mulia", "ANTARA FOTO/..."); runs of spaces and tabs.

What stays: every other word, quote, number and name, subheadings, and the paragraph layout
(single line breaks stay single, blank lines stay one blank line; every line break becomes
"\\n").

A **second story glued on** after the article (scrapers pick up the next article on the page)
is cut off at its headline only on evidence, because cutting at a subheading loses half an
article. A headline-shaped line (:func:`looks_like_headline`, or a "related headline" that titles
the paragraph under it) is scored:

- 3 points each: the paragraph under it opens with a dateline; a closing credit or end-of-article
  block ("(mdk/...)", "Editor: ...", "Artikel ini telah tayang ...") comes just before it; its
  first paragraph is dated half a year or more before the article; the text from it to the end
  shares none of the article's key words and almost no vocabulary with it;
- 1 point each: a video prompt or "Pilihan Untuk Anda" block just before it; little shared
  vocabulary; none of the article's two main key words; a second "Advertisement" (one per story
  on Liputan6) when the article already had one; 2 points for a related-list line that titles
  the paragraph under it (a subheading or a glued headline: it cannot be told by its shape).

Three points cut; fewer keep the line, and two say so in :attr:`CleanArticle.warnings`. The key
words of an article are its content words seen at least twice and in lower case somewhere (so
the place names two stories of one region share do not count).

>>> article = clean_article("Liputan6.com, Jakarta - Harga beras naik.\\nBaca Juga\\nAdvertisement")
>>> article.text
'Harga beras naik.'
>>> [r.kind for r in article.removed]
['dateline', 'marker', 'marker']
"""

from __future__ import annotations

import datetime
import html
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ringkas.errors import InputError

__all__ = ["CleanArticle", "Removed", "clean_article", "looks_like_headline"]

logger = logging.getLogger(__name__)

# The evidence score at which a headline-shaped line is taken for a glued second story.
_CUT_SCORE = 3
_WARN_SCORE = 2
_MAX_TOPIC_CHECKS = 50  # topic evidence is computed for at most this many candidate lines
_LOOKAHEAD = 8  # how far below a related headline to look for the paragraph it may title

_SITE = r"[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\.(?i:com|co\.id|co|id|net|org|tv)"
_CITY = r"[A-Z][A-Za-z.'’]*(?:[ -][A-Z][A-Za-z.'’]*){0,3}"
_DASH = r"\s*(?:[-–—]+|:)\s*"
_DATELINE = re.compile(
    rf"^(?:{_SITE}\s*,\s*{_CITY}|{_CITY}\s*,\s*(?:{_SITE}|CNN Indonesia|CNBC Indonesia)"
    rf"|{_CITY}\s*\((?:ANTARA|Antara)(?:News)?\)|{_SITE}){_DASH}(?=\S)"
    # detik writes only the city: "Jakarta - ". A spaced dash, at most three words.
    rf"|^[A-Z][A-Za-z.'’]*(?: [A-Z][A-Za-z.'’]*){{0,2}}\s+[-–—]+\s+(?=\S)"
)
# Markers after which related-article headlines are listed.
_RELATED = (
    r"baca(?: pula| juga)|simak(?: pula| juga)|lihat juga|tonton juga|artikel terkait|"
    r"berita terkait|pilihan untuk anda|pilihan editor|rekomendasi"
)
_RELATED_MARKER = re.compile(rf"^(?:{_RELATED})\s*:?$", re.IGNORECASE)
_RELATED_INLINE = re.compile(rf"^(?:{_RELATED})\s*:\s*\S", re.IGNORECASE)
_RELATED_PAREN = re.compile(r"\s*\((?:baca|simak|lihat)(?: pula| juga)\s*:[^()]*\)", re.IGNORECASE)
_MARKER = re.compile(
    r"^(?:advertisement|iklan|advertorial|scroll to continue with content|"
    r"\[gambas:[^\]]*\]|"
    r"(?:simak|saksikan|tonton|lihat)\s+(?:juga\s+)?video\b.*|"
    r"video\s+pilihan\b.*|"
    r"baca berita (?:dengan sedikit iklan|tanpa iklan)\b.*|"
    r"(?:klik|klik di sini|selengkapnya)\b.*)$",
    re.IGNORECASE,
)
# Prompts to follow the outlet elsewhere; they may run to a few sentences (Kompas's Telegram one).
_PROMPT = re.compile(
    r"^(?:ikuti|dapatkan|follow|subscribe|gabung|bergabung|yuk|jangan lupa)\b.*"
    r"\b(?:google news|whatsapp|telegram|instagram|youtube|twitter|tiktok|facebook|channel|"
    r"saluran|berita terkini|update)\b.*$",
    re.IGNORECASE,
)
_VIDEO_OR_PICKS = re.compile(r"video|gambas|pilihan untuk anda|rekomendasi", re.IGNORECASE)
# Credits end a story ("Sumber: BPS" under a table does not, so it is no credit here). Closing
# codes are lower case: "(mdk/rhm)", "(rfs/ega)", "(tst/agt)", "(ant)".
_CODE = r"(?-i:[a-z]{2,6}(?:/[a-z]{2,6})+|ant|antara|Antara|ANTARA)"
_CREDIT_LINE = re.compile(
    r"^(?:(?:penulis|editor|pewarta|reporter|redaktur|penyunting|kontributor)\s*:\s*\S.*|"
    r"laporan (?:wartawan|reporter|koresponden)\b.*|"
    r"artikel ini telah (?:tayang|terbit|diterbitkan)\b.*|"
    r"(?:copyright\s*)?©.*|"
    rf"\({_CODE}\)|\(\*\))$",
    re.IGNORECASE,
)
# A closing code at the end of a paragraph, after its last sentence: "... katanya. (mdk/rhm)".
_CREDIT_TAIL = re.compile(rf"(?<=[.!?\"”’])\s+\({_CODE}\)$")
_PHOTO_CREDIT = re.compile(
    r"(?:^|\s|\()(?:ANTARA FOTO|ANTARA|TEMPO|KOMPAS(?:\.com)?|Kompas\.com|Liputan6\.com|"
    r"[Mm]erdeka\.com|Tribunnews\.com|detikcom|CNN Indonesia|Dok\.?)\s*/\s*"
    r"[A-Z][\w.'’ -]{1,60}\)?$|^Foto\s*:"
)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "januari februari maret april mei juni juli agustus september oktober november "
        "desember".split()
    )
}
_DATE_WORDS = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") ((?:19|20)\d{2})\b", re.I)
_OLD_DAYS = 180  # a glued story's lead dated this many days before the article's

_SMALL_WORDS = frozenset(
    """di ke dari dan yang untuk dengan pada atau oleh bagi soal usai demi hingga sampai sejak per
    ini itu jadi akan juga tak tidak karena agar dalam vs of the and in on for to a an at by""".split()
)
# Words every news story uses: they say nothing about what a story is about.
_GENERIC_WORDS = frozenset(
    """tersebut mengatakan menyebut menurut kata ujar ujarnya tuturnya katanya ucapnya sebanyak
    sekitar lebih tahun bulan pekan hari persen juta miliar triliun ribu pihak sejumlah masih
    sudah bisa dapat kami kita mereka saat selama setiap para warga pemerintah kota kabupaten
    provinsi daerah kepala dinas baru kini telah adalah merupakan menjadi namun sementara selain
    yakni yaitu bahwa jika kalau supaya seperti antara atas bawah sebelum setelah mulai terus
    hanya kepada orang belum lagi sangat banyak sedang harus punya ingin pertama kedua ketiga
    naik turun dibandingkan periode sama lalu mencatat menambah terutama jumlah datang besar
    kecil tinggi rendah tetap masing lain berbagai""".split()
)
_FINAL = tuple(".!?\"”’'…,:;)")
_TAG = re.compile(r"<[^>]+>")
_HTML_HINT = re.compile(
    r"</?(?:p|br|div|span|strong|em|b|i|a|h\d|ul|li)\b[^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I
)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200b]+")
_PUNCT = ".,:;!?\"“”‘’'()[]"


@dataclass(frozen=True)
class Removed:
    """One thing the cleaner took out.

    ``kind`` is dateline, marker, related, credit, caption, second_story or html.

    >>> clean_article("Liputan6.com, Jakarta - Harga beras naik.").removed
    (Removed(kind='dateline', text='Liputan6.com, Jakarta -'),)
    """

    kind: str
    text: str


@dataclass(frozen=True)
class CleanArticle:
    """The cleaned text, everything that was removed from it in order, and doubts about it.

    ``warnings`` names lines that were kept although they might be the headline of a glued second
    story (some evidence, not enough to cut).

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
    >>> doubtful = clean_article("Rapat selesai.\\nBACA JUGA\\nFestival Layang-Layang Digelar\\n"
    ...                          "Festival layang-layang digelar tiga hari.")
    >>> doubtful.text.splitlines()[1], doubtful.warnings[0][:44]
    ('Festival Layang-Layang Digelar', "kept 'Festival Layang-Layang Digelar', which")
    """

    text: str
    removed: tuple[Removed, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def second_story(self) -> str | None:
        """The glued-on second story that was cut off, if there was one.

        >>> clean_article("Harga beras naik tajam.\\nEkspor Rotan Cirebon Tembus Pasar Eropa\\n"
        ...               "Cirebon (ANTARA) - Perajin rotan mencatat kenaikan ekspor.").second_story
        'Ekspor Rotan Cirebon Tembus Pasar Eropa\\nCirebon (ANTARA) - Perajin rotan mencatat kenaikan ekspor.'
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


def _marker_kind(line: str) -> str | None:
    """``"marker"``, ``"credit"`` or ``"caption"`` for a boilerplate line, else None."""
    words = len(line.split())
    if words <= 15 and (
        _MARKER.match(line) or _RELATED_MARKER.match(line) or _RELATED_INLINE.match(line)
    ):
        return "marker"
    if words <= 60 and _PROMPT.match(line):
        return "marker"
    if words <= 30 and _CREDIT_LINE.match(line):
        return "credit"
    if words <= 60 and _PHOTO_CREDIT.search(line):
        return "caption"
    return None


# --- pass 1: boilerplate, line by line -----------------------------------------------------


@dataclass
class _Line:
    """A line after pass 1: ``kind`` is body, blank, or the kind of boilerplate it was."""

    text: str
    kind: str
    source: int  # the index of the input line it came from
    candidate: bool = False  # a headline-shaped body line, or a related headline over a paragraph
    from_related: bool = False
    ends_story: bool = False  # a closing credit or end-of-article block
    weak_end: bool = False  # a video prompt or a block of picks


def _words_of(text: str) -> Iterator[str]:
    for word in text.split():
        yield word.strip(_PUNCT)


def _next_paragraph(lines: list[str], start: int) -> str | None:
    """The next non-empty line from ``start`` that is not boilerplate (within this block and the
    next few lines, so that a long run of markers cannot make the scan quadratic)."""
    for line in lines[start : start + _LOOKAHEAD]:
        if not line:
            return None
        if _marker_kind(line) is None:
            return line
    return None


def _first_pass(lines: list[str], removed: list[tuple[int, Removed]]) -> list[_Line]:
    out: list[_Line] = []
    related_run = False  # just after a "Baca Juga" marker, in its list of headlines
    seen_body = False
    for index, line in enumerate(lines):
        if not line:
            related_run = False
            out.append(_Line("", "blank", index))
            continue
        if not seen_body:
            match = _DATELINE.match(line)
            if match:
                removed.append((index, Removed("dateline", match.group(0).strip())))
                line = line[match.end() :]
        kind = _marker_kind(line)
        if kind is not None:
            removed.append((index, Removed(kind, line)))
            related_run = bool(_RELATED_MARKER.match(line)) or related_run
            ends = kind == "credit" or line.lower().startswith("pilihan editor")
            weak = kind == "marker" and bool(_VIDEO_OR_PICKS.search(line))
            out.append(_Line(line, kind, index, ends_story=ends, weak_end=weak))
            continue
        if related_run and looks_like_headline(line, min_words=1):
            paragraph = _next_paragraph(lines, index + 1)
            if (
                paragraph is None
                or looks_like_headline(paragraph, min_words=1)
                or not (_introduces(line, paragraph))
            ):
                removed.append((index, Removed("related", line)))
                out.append(_Line(line, "related", index))
                continue
            # It titles the paragraph under it: a subheading, or a glued story's headline.
            out.append(_Line(line, "body", index, candidate=True, from_related=True))
            related_run = False
            continue
        related_run = False
        line, tail = _split_credit_tail(line)
        inline = _RELATED_PAREN.findall(line)
        if inline:
            line = _RELATED_PAREN.sub("", line).strip()
            removed.extend((index, Removed("related", x.strip(" ()"))) for x in inline)
        candidate = seen_body and looks_like_headline(line)
        out.append(_Line(line, "body", index, candidate=candidate))
        if tail:
            removed.append((index, Removed("credit", tail)))
            out.append(_Line(tail, "credit", index, ends_story=True))
        seen_body = True
    return out


def _split_credit_tail(line: str) -> tuple[str, str]:
    match = _CREDIT_TAIL.search(line)
    if match is None or match.start() == 0:
        return line, ""
    return line[: match.start()], match.group(0).strip()


def _content_words(text: str) -> set[str]:
    words = (w.lower() for w in _words_of(text))
    return {w for w in words if len(w) >= 4 and w not in _SMALL_WORDS}


def _introduces(headline: str, paragraph: str) -> bool:
    """True when ``paragraph`` is about ``headline``: it repeats most of its content words."""
    title = _content_words(headline)
    shared = title & _content_words(paragraph)
    return len(shared) >= 2 and len(shared) >= 0.4 * len(title)


# --- pass 2: is a headline-shaped line the start of another story? --------------------------


def _first_date(text: str) -> datetime.date | None:
    for match in _DATE_NUMERIC.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    for match in _DATE_WORDS.finditer(text):
        try:
            return datetime.date(
                int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1))
            )
        except ValueError:
            continue
    return None


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm


@dataclass
class _Topic:
    """Key-word counts of the article so far (``before``) and of everything (``total``)."""

    common: frozenset[str]  # words that appear in lower case somewhere in the text
    total: Counter[str]
    before: Counter[str] = field(default_factory=Counter)

    def words(self, text: str) -> list[str]:
        out = []
        for word in _words_of(text):
            low = word.lower()
            if (
                len(low) >= 4
                and low.isalpha()
                and low in self.common
                and low not in _SMALL_WORDS
                and low not in _GENERIC_WORDS
            ):
                out.append(low)
        return out

    def evidence(self) -> tuple[int, list[str]]:
        """Points (and reasons) that the rest of the text is another story than the article."""
        keys = [w for w, n in self.before.most_common() if n >= 2][:5]
        if len(keys) < 2:  # too little article to tell
            return 0, []
        rest = self.total - self.before
        if len(rest) < 5:  # too little text after it to tell
            return 0, []
        similarity = _cosine(self.before, rest)
        if similarity < 0.1 and not any(w in rest for w in keys):
            return 3, [f"shares none of the article's key words ({', '.join(keys)})"]
        points, reasons = 0, []
        if similarity < 0.15:
            points, reasons = 1, [f"little shared vocabulary ({similarity:.2f})"]
        if not any(w in rest for w in keys[:2]):
            points += 1
            reasons.append(f"none of the article's main key words ({', '.join(keys[:2])})")
        return points, reasons


def _glued_at(
    lines: list[_Line], topic: _Topic
) -> tuple[int | None, list[tuple[str, int, list[str]]]]:
    """The index of the headline of a glued second story, if the evidence is enough, and the
    candidates that were kept: (line, points, reasons)."""
    ads_after = [0] * (len(lines) + 1)  # "Advertisement" lines from i on
    next_body: list[str | None] = [None] * (len(lines) + 1)  # the first body line after i
    for i in range(len(lines) - 1, -1, -1):
        is_ad = lines[i].kind == "marker" and lines[i].text.lower() == "advertisement"
        ads_after[i] = ads_after[i + 1] + is_ad
        next_body[i] = (
            lines[i + 1].text
            if i + 1 < len(lines) and lines[i + 1].kind == "body"
            else next_body[i + 1]
        )
    kept: list[tuple[str, int, list[str]]] = []
    article_date: datetime.date | None = None
    ends_story = weak_end = False
    ads_before = checks = 0
    for index, line in enumerate(lines):
        if line.kind != "body":
            ends_story = ends_story or line.ends_story
            weak_end = weak_end or line.weak_end
            if line.kind == "marker" and line.text.lower() == "advertisement":
                ads_before += 1
            continue
        lead = next_body[index]
        if line.candidate and lead is not None:  # a headline with no story under it is kept
            points, reasons = _line_evidence(lead, article_date, ends_story, weak_end)
            if line.from_related:
                points += 2
                reasons.append("a related-list line that titles the paragraph under it")
            if ads_before and ads_after[index]:
                points += 1
                reasons.append("an 'Advertisement' of its own")
            if points < _CUT_SCORE and checks < _MAX_TOPIC_CHECKS:
                checks += 1
                more, why = topic.evidence()
                points += more
                reasons += why
            if points >= _CUT_SCORE:
                return index, kept
            kept.append((line.text, points, reasons))
        article_date = article_date or _first_date(line.text)
        topic.before.update(topic.words(line.text))
        ends_story = weak_end = False
    return None, kept


def _line_evidence(
    lead: str,
    article_date: datetime.date | None,
    ends_story: bool,
    weak_end: bool,
) -> tuple[int, list[str]]:
    """Evidence from the lines around a candidate headline: credits, markers, datelines, dates."""
    points, reasons = 0, []
    if ends_story:
        points += 3
        reasons.append("a closing credit or end-of-article block before it")
    elif weak_end:
        points += 1
        reasons.append("a video prompt or a block of picks before it")
    if _DATELINE.match(lead):
        points += 3
        reasons.append("the paragraph under it opens with a dateline")
    lead_date = _first_date(lead)
    if article_date and lead_date and (article_date - lead_date).days >= _OLD_DAYS:
        points += 3
        reasons.append(f"dated {lead_date:%d/%m/%Y}, the article {article_date:%d/%m/%Y}")
    return points, reasons


def clean_article(raw: str) -> CleanArticle:
    """Clean one article; see the module docstring for exactly what is removed and when.

    >>> clean_article("<p>JAKARTA, KOMPAS.com - Rapat &quot;alot&quot; berakhir.</p>").text
    'Rapat "alot" berakhir.'
    """
    if not isinstance(raw, str):
        raise InputError(
            f"clean_article: the article must be a str, got {type(raw).__name__}. Pass its text "
            "(for a file: Path(...).read_text(encoding='utf-8'))."
        )
    removed: list[tuple[int, Removed]] = []
    text, had_html = _strip_html(raw)
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    cleaned = _first_pass(lines, removed)
    common = frozenset(w.lower() for w in _words_of(text) if w[:1].islower())
    topic = _Topic(common, Counter())
    for line in cleaned:
        if line.kind == "body":
            topic.total.update(topic.words(line.text))
    cut, doubtful = _glued_at(cleaned, topic)
    first_cut = len(lines) if cut is None else cleaned[cut].source
    items = [r for i, r in removed if i < first_cut]
    if cut is not None:
        items.append(Removed("second_story", "\n".join(x for x in lines[first_cut:] if x)))
    warnings = tuple(
        f"kept {line!r}, which may be the headline of a second story glued on "
        f"({'; '.join(reasons)}; {points} of the {_CUT_SCORE} points needed to cut)"
        for line, points, reasons in doubtful
        if points >= _WARN_SCORE
    )
    for warning in warnings:
        logger.info("clean_article: %s", warning)
    kept = [
        x.text if x.kind == "body" else "" for x in cleaned[:cut] if x.kind in ("body", "blank")
    ]
    if had_html:
        items.insert(0, Removed("html", "HTML tags and entities"))
    return CleanArticle(_join(kept), tuple(items), warnings)


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
