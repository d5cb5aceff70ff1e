"""Language codes: users speak ISO 639 ("id", "en"); each model family has its own dialect.

NLLB-200 wants FLORES-200 codes (``ind_Latn``) and the target as a forced first token; M2M100 wants
``__id__``-style tokens; mBART-50 wants ``id_ID``/``en_XX``; MADLAD-400 wants a ``<2en>`` prefix
on the source text; Marian OPUS-MT models are one pair each (multi-target ones take ``>>eng<<``).
:func:`plan` turns ``(family, src, tgt)`` into a :class:`LanguagePlan` the engines apply.

>>> plan("nllb", "id", "en").forced_bos_token
'eng_Latn'
>>> plan("madlad", "id", "en").text_prefix
'<2en> '
>>> normalize("ind")
'id'
"""

from __future__ import annotations

from dataclasses import dataclass

from ringkas.errors import UnsupportedLanguageError

__all__ = ["FAMILY_CODES", "LANGUAGE_NAMES", "LanguagePlan", "normalize", "plan"]

#: ISO 639-1 code -> English name, for the languages ringkas knows how to name for every family.
LANGUAGE_NAMES: dict[str, str] = {
    "id": "Indonesian", "en": "English", "ms": "Malay", "jv": "Javanese", "su": "Sundanese",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ar": "Arabic", "fr": "French",
    "de": "German", "es": "Spanish", "nl": "Dutch", "pt": "Portuguese", "ru": "Russian",
    "th": "Thai", "vi": "Vietnamese", "tl": "Tagalog", "hi": "Hindi", "it": "Italian",
    "tr": "Turkish", "my": "Burmese", "km": "Khmer", "bn": "Bengali", "ur": "Urdu",
}  # fmt: skip

# ISO 639-3 and other common spellings -> ISO 639-1.
_ALIASES: dict[str, str] = {
    "ind": "id", "in": "id", "indonesian": "id", "bahasa": "id", "eng": "en", "english": "en",
    "zsm": "ms", "msa": "ms", "may": "ms", "jav": "jv", "sun": "su", "zho": "zh", "chi": "zh",
    "jpn": "ja", "kor": "ko", "ara": "ar", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de",
    "spa": "es", "nld": "nl", "dut": "nl", "por": "pt", "rus": "ru", "tha": "th", "vie": "vi",
    "tgl": "tl", "fil": "tl", "hin": "hi", "ita": "it", "tur": "tr", "mya": "my", "bur": "my",
    "khm": "km", "ben": "bn", "urd": "ur",
}  # fmt: skip

_FLORES: dict[str, str] = {
    "id": "ind_Latn", "en": "eng_Latn", "ms": "zsm_Latn", "jv": "jav_Latn", "su": "sun_Latn",
    "zh": "zho_Hans", "ja": "jpn_Jpan", "ko": "kor_Hang", "ar": "arb_Arab", "fr": "fra_Latn",
    "de": "deu_Latn", "es": "spa_Latn", "nl": "nld_Latn", "pt": "por_Latn", "ru": "rus_Cyrl",
    "th": "tha_Thai", "vi": "vie_Latn", "tl": "tgl_Latn", "hi": "hin_Deva", "it": "ita_Latn",
    "tr": "tur_Latn", "my": "mya_Mymr", "km": "khm_Khmr", "bn": "ben_Beng", "ur": "urd_Arab",
}  # fmt: skip

_MBART50: dict[str, str] = {
    "id": "id_ID", "en": "en_XX", "zh": "zh_CN", "ja": "ja_XX", "ko": "ko_KR", "ar": "ar_AR",
    "fr": "fr_XX", "de": "de_DE", "es": "es_XX", "nl": "nl_XX", "pt": "pt_XX", "ru": "ru_RU",
    "th": "th_TH", "vi": "vi_VN", "tl": "tl_XX", "hi": "hi_IN", "it": "it_IT", "tr": "tr_TR",
    "my": "my_MM", "km": "km_KH", "bn": "bn_IN", "ur": "ur_PK",
}  # fmt: skip

#: Per family: ISO 639-1 -> the family's own code. Marian is per-checkpoint (see the card).
FAMILY_CODES: dict[str, dict[str, str]] = {
    "nllb": _FLORES,
    "m2m100": {iso: iso for iso in LANGUAGE_NAMES if iso not in ("tl",)},
    "mbart50": _MBART50,
    "madlad": {iso: iso for iso in LANGUAGE_NAMES},
}


@dataclass(frozen=True)
class LanguagePlan:
    """How to tell one model family which languages to translate between.

    ``tokenizer_src_lang`` is set as ``tokenizer.src_lang``; ``forced_bos_token`` is the token the
    decoder must start with (``forced_bos_token_id`` in transformers, ``target_prefix`` in
    CTranslate2); ``text_prefix`` is prepended to every source text.

    >>> plan("nllb", "id", "en")  # doctest: +NORMALIZE_WHITESPACE
    LanguagePlan(src='id', tgt='en', tokenizer_src_lang='ind_Latn', forced_bos_token='eng_Latn',
                 text_prefix='')
    """

    src: str
    tgt: str
    tokenizer_src_lang: str | None = None
    forced_bos_token: str | None = None
    text_prefix: str = ""


def normalize(code: str) -> str:
    """Return the ISO 639-1 code for ``code`` ("ind", "IN", "ind_Latn", "id-ID" all give "id").

    >>> normalize("eng_Latn"), normalize("id-ID"), normalize("EN")
    ('en', 'id', 'en')
    """
    if not isinstance(code, str) or not code.strip():
        raise UnsupportedLanguageError(
            f"Language code must be a non-empty string like 'id' or 'en', got {code!r}."
        )
    raw = code.strip()
    key = raw.lower().replace("-", "_")
    for table in (_FLORES, _MBART50):
        for iso, family_code in table.items():
            if family_code.lower() == key:
                return iso
    key = key.split("_")[0]
    key = _ALIASES.get(key, key)
    if key in LANGUAGE_NAMES:
        return key
    known = ", ".join(f"{iso} ({name})" for iso, name in LANGUAGE_NAMES.items())
    raise UnsupportedLanguageError(
        f"Unknown language code {raw!r}. Use an ISO 639-1 code; ringkas knows: {known}."
    )


def plan(
    family: str, src: str, tgt: str, *, marian_target_token: str | None = None
) -> LanguagePlan:
    """The :class:`LanguagePlan` for translating ``src`` -> ``tgt`` with a model of ``family``.

    Families without language codes (marian, t5, mt5, bart ...) get a plan that sets nothing;
    whether the model can do the pair is the model card's business (:mod:`ringkas.models.cards`).
    ``marian_target_token`` is a template like ``">>{iso3}<<"`` for multi-target OPUS-MT models.

    >>> plan("m2m100", "id", "en").forced_bos_token
    '__en__'
    >>> plan("mbart50", "id", "en").tokenizer_src_lang
    'id_ID'
    """
    src_iso, tgt_iso = normalize(src), normalize(tgt)
    codes = FAMILY_CODES.get(family)
    if codes is None:
        prefix = ""
        if family == "marian" and marian_target_token:
            prefix = marian_target_token.format(iso=tgt_iso, iso3=_iso3(tgt_iso)) + " "
        return LanguagePlan(src_iso, tgt_iso, text_prefix=prefix)
    for iso in (src_iso, tgt_iso):
        if iso not in codes:
            raise UnsupportedLanguageError(
                f"The {family} family has no code for {LANGUAGE_NAMES[iso]} ({iso!r}); "
                f"it can do: {', '.join(sorted(codes))}."
            )
    if family == "madlad":
        return LanguagePlan(src_iso, tgt_iso, text_prefix=f"<2{codes[tgt_iso]}> ")
    if family == "m2m100":
        return LanguagePlan(src_iso, tgt_iso, codes[src_iso], f"__{codes[tgt_iso]}__")
    return LanguagePlan(src_iso, tgt_iso, codes[src_iso], codes[tgt_iso])


def _iso3(iso: str) -> str:
    """The ISO 639-3 code OPUS-MT uses in its ``>>xxx<<`` target tokens."""
    return _FLORES.get(iso, iso).split("_")[0]
