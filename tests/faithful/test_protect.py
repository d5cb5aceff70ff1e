"""protect/restore: protected spans travel through a model as placeholders it copies."""

from __future__ import annotations

from ringkas.faithful import kept_spans, protect, restore


def test_kept_spans() -> None:
    text = "Info: www.bpbd.go.id, humas@bpbd.go.id, @bpbd_jabar, #SiagaBencana, Hanacaraka.ai."
    assert [text[a:b] for a, b in kept_spans(text)] == [
        "www.bpbd.go.id",
        "humas@bpbd.go.id",
        "@bpbd_jabar",
        "#SiagaBencana",
        "Hanacaraka.ai",
    ]


def test_placeholders_skip_words_in_the_text_and_restore() -> None:
    p = protect("Ke Bali pakai QRIS.", [(14, 18, "QRIS")], ("Bali", "Papua"))
    assert p.text == "Ke Bali pakai Papua." and p.slots == (("Papua", "QRIS"),)
    assert restore("To Bali with Papua.", p) == "To Bali with QRIS."


def test_running_out_of_placeholders_keeps_the_span() -> None:
    p = protect("QRIS dan UMKM.", [(0, 4, "QRIS"), (9, 13, "MSMEs")], ("Papua",))
    assert p.text == "Papua dan UMKM."
    assert restore("Papua and UMKM.", p) == "QRIS and UMKM."
