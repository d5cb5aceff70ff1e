"""ISO codes to each family's codes (ringkas.models.languages)."""

from __future__ import annotations

import pytest

from ringkas.errors import UnsupportedLanguageError
from ringkas.models.languages import normalize, plan


@pytest.mark.parametrize(
    ("code", "iso"),
    [("id", "id"), ("ind", "id"), ("IN", "id"), ("ind_Latn", "id"), ("id-ID", "id"),
     ("en_XX", "en"), ("eng", "en"), ("English", "en"), ("zsm_Latn", "ms")],
)  # fmt: skip
def test_normalize(code: str, iso: str) -> None:
    assert normalize(code) == iso


@pytest.mark.parametrize("code", ["xx", "klingon"])
def test_unknown_codes_raise_with_the_list_of_known_ones(code: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as info:
        normalize(code)
    message = str(info.value)
    assert message.startswith(
        f"Unknown language code {code!r}. Use an ISO 639-1 code; ringkas knows: id (Indonesian), "
        f"en (English), ms (Malay), "
    )
    assert message.endswith(", ur (Urdu).")


@pytest.mark.parametrize("code", ["", "  "])
def test_an_empty_code_says_what_a_code_looks_like(code: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as info:
        normalize(code)
    assert str(info.value) == (
        f"Language code must be a non-empty string like 'id' or 'en', got {code!r}."
    )


@pytest.mark.parametrize(
    ("family", "src_lang", "forced", "prefix"),
    [
        ("nllb", "ind_Latn", "eng_Latn", ""),
        ("m2m100", "id", "__en__", ""),
        ("mbart50", "id_ID", "en_XX", ""),
        ("madlad", None, None, "<2en> "),
        ("marian", None, None, ""),
        ("mt5", None, None, ""),
    ],
)
def test_plan_per_family(
    family: str, src_lang: str | None, forced: str | None, prefix: str
) -> None:
    p = plan(family, "ind", "eng")
    assert (p.src, p.tgt) == ("id", "en")
    assert p.tokenizer_src_lang == src_lang
    assert p.forced_bos_token == forced
    assert p.text_prefix == prefix


def test_marian_multi_target_token() -> None:
    assert plan("marian", "en", "id", marian_target_token=">>{iso3}<<").text_prefix == ">>ind<< "


def test_family_without_the_language() -> None:
    with pytest.raises(UnsupportedLanguageError, match="mbart50 family has no code for Malay"):
        plan("mbart50", "id", "ms")
