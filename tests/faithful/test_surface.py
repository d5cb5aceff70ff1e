"""surface: untranslated output, far shorter or longer output, repetition loops."""

from __future__ import annotations

from ringkas.faithful.surface import length_problem, repetition, untranslated


def test_untranslated() -> None:
    source = "Pemerintah akan menyalurkan bantuan kepada warga yang terdampak banjir."
    assert untranslated(source, source, src="id", tgt="en")
    assert untranslated(
        source, "Pemerintah akan menyalurkan bantuan untuk warga di desa itu.", src="id", tgt="en"
    )
    assert not untranslated(
        source, "The government will distribute aid to flood victims.", src="id", tgt="en"
    )
    assert not untranslated(source, source, src="id", tgt="id")


def test_length() -> None:
    source = "Pemerintah akan menyalurkan bantuan kepada warga yang terdampak banjir."
    assert length_problem(source, "Aid.") == "shorter"
    assert length_problem(source, "The government will hand out aid to flood victims.") is None
    assert length_problem("Banjir.", "Flood. " * 30) == "longer"


def test_repetition() -> None:
    assert repetition("Price rice rise salary salary salary.", "Harga beras naik.") is not None
    assert repetition("The flood, the flood, the flood and the flood again.", "Banjir.") is not None
    assert repetition("A very good result.", "Hasil yang sangat baik.") is None
    assert repetition("ha ha ha", "ha ha ha") is None  # the source says it too


def test_an_echo_with_a_continuation_is_untranslated() -> None:
    source = "Fase kritis DBD biasanya terjadi pada hari ketiga sampai kelima."
    echoed = source + " When the weather is hot, patients are closely monitored by the doctors."
    assert untranslated(source, echoed, src="id", tgt="en")


def test_an_indonesian_paraphrase_is_untranslated() -> None:
    source = "KPU Kota Bandung menetapkan daftar pemilih tetap untuk Pemilihan Kepala Daerah 2024."
    assert untranslated(
        source, "KPU Kota Bandung menetapkan daftar pemilih tetap Pilkada 2024.", src="id", tgt="en"
    )
