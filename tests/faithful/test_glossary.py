"""glossary: loading from a dict or a file, and every bad input with a message saying what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringkas.errors import ConfigError, GlossaryError
from ringkas.faithful import Glossary, check, load_glossary


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_dict_tsv_and_csv(tmp_path: Path) -> None:
    expected = (("UMKM", "MSMEs"), ("QRIS", "QRIS"))
    assert load_glossary({"UMKM": "MSMEs", "QRIS": "QRIS"}).entries == expected
    assert (
        load_glossary(write(tmp_path, "g.tsv", "# terms\nUMKM\tMSMEs\n\nQRIS\tQRIS\n")).entries
        == expected
    )
    assert (
        load_glossary(str(write(tmp_path, "g.csv", "UMKM,MSMEs\nQRIS,QRIS\n"))).entries == expected
    )
    glossary = load_glossary(write(tmp_path, "h.tsv", "id\ten\nUMKM\tMSMEs\n"))
    assert (glossary.src, glossary.tgt, len(glossary)) == ("id", "en", 1)
    assert load_glossary(glossary) == glossary


def test_find_prefers_the_longest_term_and_ignores_case() -> None:
    g = load_glossary({"pelaku usaha": "business owners", "usaha": "business"})
    assert [(s.text, e) for s, e in g.find("Pelaku usaha dan USAHA.")] == [
        ("Pelaku usaha", "business owners"),
        ("USAHA", "business"),
    ]


def test_not_two_columns(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"g.tsv:2: expected 2 columns .* Put one term"):
        load_glossary(write(tmp_path, "g.tsv", "UMKM\tMSMEs\nQRIS\n"))
    with pytest.raises(GlossaryError, match="quote a field"):
        load_glossary(write(tmp_path, "g.csv", "UMKM,MSMEs,extra\n"))


def test_empty_term(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="empty term .* write the source term"):
        load_glossary(write(tmp_path, "g.tsv", "\tMSMEs\n"))
    with pytest.raises(GlossaryError, match="empty translation. Give the English"):
        load_glossary({"UMKM": " "})


def test_term_mapped_twice(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="mapped twice .* Keep one translation per term"):
        load_glossary(write(tmp_path, "g.tsv", "UMKM\tMSMEs\numkm\tSMEs\n"))
    assert len(load_glossary(write(tmp_path, "h.tsv", "UMKM\tMSMEs\nUMKM\tMSMEs\n"))) == 1


def test_other_language_pair(tmp_path: Path) -> None:
    path = write(tmp_path, "g.tsv", "en\tid\nSMEs\tUMKM\n")
    with pytest.raises(
        GlossaryError, match="is for en->id, but this translation is id->en. Use a glossary"
    ):
        load_glossary(path, src="id", tgt="en")
    with pytest.raises(GlossaryError, match="for id->en"):
        load_glossary(Glossary((("a", "b"),), src="id", tgt="en"), src="id", tgt="fr")


def test_missing_file_and_wrong_types(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="Check the path"):
        load_glossary(tmp_path / "nope.tsv")
    with pytest.raises(GlossaryError, match="must be a dict"):
        load_glossary(42)  # type: ignore[arg-type]
    with pytest.raises(GlossaryError, match="must be strings"):
        load_glossary({"UMKM": 3})  # type: ignore[dict-item]
    assert issubclass(GlossaryError, ConfigError)


def test_substitute_puts_the_english_in_the_source() -> None:
    g = load_glossary({"UMKM": "MSMEs", "pelaku usaha": "business owners", "QRIS": "QRIS"})
    assert (
        g.substitute("Para Pelaku Usaha dan UMKM memakai QRIS; umkm lain belum.")
        == "Para business owners dan MSMEs memakai QRIS; MSMEs lain belum."
    )
    assert g.substitute("Tanpa istilah.") == "Tanpa istilah."
    assert load_glossary({}).substitute("UMKM") == "UMKM"


def test_repair_replaces_a_term_left_verbatim_only() -> None:
    g = load_glossary({"UMKM": "MSMEs", "QRIS": "QRIS", "Kabupaten": "Regency"})
    source = "Pelaku UMKM di Kabupaten Sleman memakai QRIS."
    fixed, terms = g.repair(source, "umkm owners in Kabupaten Sleman use QRIS.")
    assert fixed == "MSMEs owners in Regency Sleman use QRIS." and terms == ("UMKM", "Kabupaten")
    assert g.repair(source, "MSMEs owners in Sleman Regency use QRIS.")[1] == ()  # followed
    assert g.repair(source, "Small firms in Sleman use it.") == (
        "Small firms in Sleman use it.",
        (),
    )  # nothing verbatim to repair: the check still flags it
    assert not check(source, fixed, glossary=g).counts().get("glossary")
    # a replacement with a backslash is taken literally
    assert load_glossary({"UMKM": r"MS\1MEs"}).repair("UMKM.", "UMKM.")[0] == r"MS\1MEs."
