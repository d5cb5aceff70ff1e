"""Tiny random seq2seq checkpoints, one per model family ringkas drives, for fast offline tests.

``build_tiny_model(family, out_dir)`` writes an ordinary Hugging Face checkpoint directory
(``config.json``, ``model.safetensors``, ``generation_config.json`` and the family's tokenizer
files) that ``AutoTokenizer.from_pretrained`` and ``AutoModelForSeq2SeqLM.from_pretrained`` load in
about a second. The weights are random and the models are tiny (d_model 32, one encoder and one
decoder layer), so their output is gibberish, but each family keeps the language machinery of the
real model it stands in for:

=========  ===========================================  =====================================
family     stands in for                                language codes
=========  ===========================================  =====================================
marian     Helsinki-NLP/opus-mt-id-en (MarianMT)        none; ``source_lang="id"``, ``target_lang="en"``
nllb       facebook/nllb-200-distilled-600M (M2M100)    FLORES-200 (``ind_Latn``, ``eng_Latn`` ...)
m2m100     facebook/m2m100_418M                         ``__id__``, ``__en__`` ...
mbart50    facebook/mbart-large-50-many-to-many-mmt     ``id_ID``, ``en_XX`` ...
madlad     google/madlad400-3b-mt (T5)                  ``<2en>``, ``<2id>`` ... as spm pieces
mt5        an mT5 summariser                            none
bart       an IndoBART-like summariser                  none
=========  ===========================================  =====================================

The tokenizers come from a small sentencepiece model trained in-process on the Indonesian and
English sentences in this module, so no download is ever needed.

Marian checkpoints additionally go through :func:`fix_marian_weights`, which makes the weights that
Marian-NMT and CTranslate2 treat as constants (sinusoidal position tables, the all-zero ``<pad>``
row used as the decoder's start embedding) exactly what those tools assume; see
``tools/fidelity/MARIAN.md`` for the measurements behind it.

>>> import tempfile
>>> from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = build_tiny_model("nllb", tmp)
...     tok = AutoTokenizer.from_pretrained(path)
...     model = AutoModelForSeq2SeqLM.from_pretrained(path)
...     tok.src_lang = "ind_Latn"
...     batch = tok(["Menteri itu datang ke Jakarta."], return_tensors="pt")
...     out = model.generate(**batch, max_new_tokens=3,
...                          forced_bos_token_id=tok.convert_tokens_to_ids("eng_Latn"))
>>> int(batch["input_ids"][0, 0]) == tok.convert_tokens_to_ids("ind_Latn")
True
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "CAUSAL_FAMILIES",
    "EN_SENTENCES",
    "FAMILIES",
    "ID_SENTENCES",
    "MADLAD_LANGUAGE_CODES",
    "PROMPTS",
    "build_tiny_causal_lm",
    "build_tiny_model",
    "fix_marian_weights",
    "sentencepiece_pieces",
    "train_sentencepiece",
]

logger = logging.getLogger(__name__)

FAMILIES: tuple[str, ...] = ("marian", "nllb", "m2m100", "mbart50", "madlad", "mt5", "bart")
"""The model families :func:`build_tiny_model` can build."""

# Written for this module (not taken from any corpus): short news-style sentences, each Indonesian
# line paired with an English rendering of it, enough for a ~400-piece sentencepiece vocabulary.
ID_SENTENCES: tuple[str, ...] = (
    "Menteri itu datang ke Jakarta pada hari Senin pagi.",
    "Presiden meresmikan jembatan baru di Kalimantan Timur.",
    "Harga beras naik tajam menjelang bulan puasa.",
    "Banjir besar merendam ratusan rumah warga di Bekasi.",
    "Pemerintah daerah membuka sekolah baru untuk anak desa.",
    "Polisi menangkap dua orang tersangka pencurian motor.",
    "Gunung Merapi kembali mengeluarkan awan panas pada malam hari.",
    "Tim nasional menang dua gol tanpa balas atas Vietnam.",
    "Bank Indonesia menahan suku bunga acuan bulan ini.",
    "Para petani di Jawa Tengah mulai memanen padi.",
    "Kereta cepat itu membawa ribuan penumpang setiap hari.",
    "Dokter menyarankan warga untuk minum air yang cukup.",
    "Gubernur berjanji memperbaiki jalan yang rusak parah.",
    "Nelayan tidak melaut karena ombak tinggi di pantai selatan.",
    "Sekolah itu kekurangan guru matematika dan bahasa Inggris.",
    "Rupiah melemah terhadap dolar Amerika pada sore hari.",
    "Warga kota merayakan hari kemerdekaan dengan lomba dan musik.",
    "Kementerian kesehatan mencatat kasus demam berdarah menurun.",
    "Pesawat itu mendarat dengan selamat di bandara Surabaya.",
    "Mahasiswa berdemonstrasi di depan gedung dewan rakyat.",
    "Pasar tradisional ramai dikunjungi pembeli pada akhir pekan.",
    "Hujan deras menyebabkan tanah longsor di daerah Bogor.",
    "Perusahaan itu membuka lowongan kerja bagi lulusan muda.",
    "Menteri keuangan mengatakan ekonomi tumbuh lima persen.",
    "Anak-anak belajar membaca di perpustakaan desa yang baru.",
    "Kapal pengangkut barang tenggelam di perairan Maluku.",
    "Pengadilan menjatuhkan hukuman penjara kepada pejabat korup.",
    "Wisatawan asing kembali datang ke Bali setelah pandemi.",
    "Pemilihan umum akan digelar serentak tahun depan.",
    "Ilmuwan menemukan spesies burung baru di hutan Papua.",
    "Harga bahan bakar minyak tidak berubah minggu ini.",
    "Rumah sakit daerah menerima bantuan alat kesehatan.",
    "Kebakaran hutan menyebabkan kabut asap di Sumatra.",
    "Ibu kota baru dibangun di tengah hutan Kalimantan.",
    "Para pedagang menolak rencana pemindahan pasar.",
    "Seorang nenek menanam sayur di halaman rumahnya.",
    "Jumlah penduduk kota itu terus bertambah setiap tahun.",
    "Bupati membagikan beras kepada keluarga miskin.",
    "Jalan tol baru memperpendek waktu perjalanan ke Bandung.",
    "Guru dan murid membersihkan sungai di dekat sekolah.",
)
EN_SENTENCES: tuple[str, ...] = (
    "The minister came to Jakarta on Monday morning.",
    "The president opened a new bridge in East Kalimantan.",
    "The price of rice rose sharply ahead of the fasting month.",
    "Heavy floods submerged hundreds of homes in Bekasi.",
    "The local government opened a new school for village children.",
    "Police arrested two suspects in a motorcycle theft.",
    "Mount Merapi again released hot clouds at night.",
    "The national team won two goals to nil against Vietnam.",
    "Bank Indonesia held its benchmark interest rate this month.",
    "Farmers in Central Java began to harvest rice.",
    "The fast train carries thousands of passengers every day.",
    "Doctors advised residents to drink enough water.",
    "The governor promised to repair badly damaged roads.",
    "Fishermen did not go to sea because of high waves on the south coast.",
    "The school lacks teachers of mathematics and English.",
    "The rupiah weakened against the US dollar in the afternoon.",
    "City residents celebrated independence day with games and music.",
    "The health ministry recorded a decline in dengue fever cases.",
    "The plane landed safely at the airport in Surabaya.",
    "Students demonstrated in front of the parliament building.",
    "Traditional markets were crowded with shoppers at the weekend.",
    "Heavy rain caused a landslide in the Bogor area.",
    "The company opened job vacancies for young graduates.",
    "The finance minister said the economy grew five percent.",
    "Children learn to read in the new village library.",
    "A cargo ship sank in the waters of Maluku.",
    "The court sentenced a corrupt official to prison.",
    "Foreign tourists are coming back to Bali after the pandemic.",
    "The general election will be held simultaneously next year.",
    "Scientists found a new bird species in the forests of Papua.",
    "Fuel prices did not change this week.",
    "The regional hospital received medical equipment aid.",
    "Forest fires caused a haze of smoke in Sumatra.",
    "The new capital is being built in the middle of the Kalimantan forest.",
    "Traders rejected the plan to move the market.",
    "A grandmother grows vegetables in her front yard.",
    "The population of the city keeps growing every year.",
    "The regent distributed rice to poor families.",
    "The new toll road shortens the journey to Bandung.",
    "Teachers and pupils cleaned the river near the school.",
)

MADLAD_LANGUAGE_CODES: tuple[str, ...] = (
    "en", "id", "ms", "jv", "su", "min", "ban", "bug", "ace", "bjn", "mad", "bew", "bbc", "nij",
    "tl", "ceb", "th", "vi", "km", "lo", "my", "zh", "ja", "ko", "hi", "bn", "ta", "ur", "ar",
    "fa", "tr", "ru", "uk", "pl", "de", "nl", "fr", "es", "pt", "it", "sw", "yo",
)  # fmt: skip
"""The ``<2xx>`` target tags the tiny MADLAD tokenizer knows (a subset of MADLAD-400's)."""

_D_MODEL = 32
_FFN = 64
_HEADS = 2
_SPM_VOCAB = 400
# std 0.02 (the configs' default) is tuned for d_model ~1024: at d_model 32 every linear layer
# shrinks its input ~9x, the random model is almost input-independent and fine-tuning sits on a
# plateau (tools/fidelity/MARIAN.md). d_model ** -0.5 keeps activations at unit scale.
_INIT_STD = _D_MODEL**-0.5


def build_tiny_model(
    family: str,
    out_dir: str | Path,
    *,
    seed: int = 0,
    model_max_length: int = 64,
) -> Path:
    """Write a tiny random checkpoint of ``family`` (one of :data:`FAMILIES`) to ``out_dir``.

    The directory gets ``config.json``, ``model.safetensors``, ``generation_config.json`` and the
    family's tokenizer files; it loads with ``AutoTokenizer`` / ``AutoModelForSeq2SeqLM``. The
    tokenizer's ``model_max_length`` is ``model_max_length``, and so is the model's position limit
    (``max_position_embeddings``) where the family has one. The same ``seed`` gives byte-identical
    files; the global torch random state is left as it was.

    Args:
        family: which model family to imitate, e.g. ``"nllb"``.
        out_dir: directory to write to (created if missing; files in it are overwritten).
        seed: seed for the random weights.
        model_max_length: maximum input length in tokens.

    Returns:
        ``Path(out_dir)``.

    Raises:
        ValueError: ``family`` is not one of :data:`FAMILIES`, or ``model_max_length`` < 8.

    >>> import tempfile
    >>> from transformers import AutoConfig
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     AutoConfig.from_pretrained(build_tiny_model("marian", tmp)).model_type
    'marian'
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown model family {family!r}; choose one of: {', '.join(FAMILIES)}")
    if model_max_length < 8:
        raise ValueError(f"model_max_length must be at least 8, got {model_max_length}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    builder = _BUILDERS[family]
    with _quiet_transformers(), tempfile.TemporaryDirectory(prefix="ringkas-spm-") as tmp:
        builder(out, Path(tmp), seed, model_max_length)
    logger.debug("built tiny %s model in %s (seed=%d)", family, out, seed)
    return out


def fix_marian_weights(model: Any, *, for_training: bool = False) -> list[str]:
    """Make a MarianMT model's constant weights what Marian-NMT and CTranslate2 assume.

    Two things can silently differ in a ``MarianMTModel`` (transformers 5.x), and each makes the
    model score differently from its own saved checkpoint or from its CTranslate2 conversion:

    * the sinusoidal position tables: they are never saved (``_keys_to_ignore_on_save``) and are
      recomputed on load, but after ``from_pretrained`` they are *trainable* parameters, so
      fine-tuning moves them and the saved model no longer matches the trained one;
    * the ``<pad>`` row of the token embeddings: ``<pad>`` is the decoder start token, and
      CTranslate2 replaces it by a zero vector (``start_from_zero_embedding``); with tied
      embeddings the output projection trains that row, so it stops being zero.

    This function recomputes and freezes the position tables and zeroes the ``<pad>`` rows,
    in place; with ``for_training=True`` a gradient hook also keeps the ``<pad>`` rows at zero
    during later training. Zeroing a ``<pad>`` row that training made non-zero changes the model's
    transformers outputs (towards what CTranslate2 computes); a warning is logged then.

    Args:
        model: a ``MarianMTModel`` (or ``MarianModel``).
        for_training: also register a gradient hook that keeps the ``<pad>`` rows at zero.

    Returns:
        A list of human-readable descriptions of what was changed (empty if nothing was).

    >>> from transformers import MarianConfig, MarianMTModel
    >>> cfg = MarianConfig(vocab_size=20, d_model=8, encoder_layers=1, decoder_layers=1,
    ...                    encoder_attention_heads=2, decoder_attention_heads=2,
    ...                    encoder_ffn_dim=16, decoder_ffn_dim=16, max_position_embeddings=16,
    ...                    pad_token_id=19, decoder_start_token_id=19)
    >>> fix_marian_weights(MarianMTModel(cfg))
    []
    """
    import torch

    base = getattr(model, "model", model)
    pad_id = model.config.pad_token_id
    changes: list[str] = []
    with torch.no_grad():
        for side in ("encoder", "decoder"):
            table = getattr(base, side).embed_positions
            expected = table.create_weight().to(
                dtype=table.weight.dtype, device=table.weight.device
            )
            if not torch.equal(table.weight, expected):
                drift = (table.weight - expected).abs().max().item()
                table.weight.copy_(expected)
                changes.append(f"{side} position table recomputed (max drift {drift:.3g})")
            if table.weight.requires_grad:
                table.weight.requires_grad_(False)
                changes.append(f"{side} position table frozen")
        seen: set[int] = set()
        for side in ("encoder", "decoder"):
            weight = getattr(base, side).embed_tokens.weight
            if id(weight) in seen or pad_id is None or pad_id >= weight.shape[0]:
                continue
            seen.add(id(weight))
            norm = weight[pad_id].norm().item()
            if norm != 0.0:
                weight[pad_id].zero_()
                changes.append(f"{side} <pad> embedding row zeroed (norm was {norm:.3g})")
                logger.warning(
                    "Marian <pad> embedding row (the decoder start) had norm %.3g; zeroed it to "
                    "match Marian-NMT and CTranslate2, which changes this model's outputs",
                    norm,
                )
            if for_training:
                weight.register_hook(_zero_row_grad(pad_id))
                changes.append(f"{side} <pad> embedding row kept at zero during training")
    for change in changes:
        logger.info("fix_marian_weights: %s", change)
    return changes


def _zero_row_grad(row: int) -> Callable[[Any], Any]:
    def hook(grad: Any) -> Any:
        grad = grad.clone()
        grad[row] = 0
        return grad

    return hook


# --------------------------------------------------------------------------- helpers


@contextlib.contextmanager
def _quiet_transformers() -> Iterator[None]:
    """Silence progress bars and advisory warnings while building (restored afterwards)."""
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    verbosity = hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def train_sentencepiece(
    texts: Iterable[str], vocab_size: int, *, model_type: str = "unigram", **options: Any
) -> bytes:
    """Train a sentencepiece model on ``texts`` in memory (one thread, quiet); its proto bytes.

    ``options`` go to ``SentencePieceTrainer.train`` (e.g. ``pad_id=0``, ``hard_vocab_limit``).

    >>> proto = train_sentencepiece(ID_SENTENCES, 120)
    >>> pieces = sentencepiece_pieces(proto)
    >>> len(pieces) == 120 - 3, "<unk>" in pieces  # <unk>, <s>, </s> are not normal pieces
    (True, False)
    """
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(texts)),
        model_writer=buffer,
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
        **options,
    )
    return buffer.getvalue()


def sentencepiece_pieces(proto: bytes) -> list[str]:
    """The normal (non-control, non-unknown) pieces of a sentencepiece model, in id order.

    >>> pieces = sentencepiece_pieces(train_sentencepiece(ID_SENTENCES, 120))
    >>> "<s>" in pieces, "</s>" in pieces, "▁" in "".join(pieces)
    (False, False, True)
    """
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=proto)
    return [
        sp.id_to_piece(i)
        for i in range(sp.get_piece_size())
        if not (sp.is_control(i) or sp.is_unknown(i))
    ]


def _train_spm(model_type: str, **options: Any) -> bytes:
    """A sentencepiece model of the module's sentences, for the tiny models' tokenizers."""
    return train_sentencepiece(
        ID_SENTENCES + EN_SENTENCES, _SPM_VOCAB, model_type=model_type, **options
    )


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _fast_tokenizer(cls: Any, spm_path: Path, **kwargs: Any) -> Any:
    """Build a transformers (v5, tokenizers-backed) tokenizer class from a sentencepiece file."""
    native = cls.convert_to_native_format(vocab_file=str(spm_path), **kwargs)
    return cls(**native)


def _init_model(model_cls: Any, config: Any, seed: int) -> Any:
    import torch

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = model_cls(config)
    model.eval()
    return model


def _bart_like_sizes(vocab_size: int, model_max_length: int) -> dict[str, Any]:
    return {
        "vocab_size": vocab_size,
        "d_model": _D_MODEL,
        "encoder_layers": 1,
        "decoder_layers": 1,
        "encoder_attention_heads": _HEADS,
        "decoder_attention_heads": _HEADS,
        "encoder_ffn_dim": _FFN,
        "decoder_ffn_dim": _FFN,
        "max_position_embeddings": model_max_length,
        "init_std": _INIT_STD,
    }


def _t5_sizes(vocab_size: int) -> dict[str, Any]:
    return {
        "vocab_size": vocab_size,
        "d_model": _D_MODEL,
        "d_kv": _D_MODEL // _HEADS,
        "d_ff": _FFN,
        "num_layers": 1,
        "num_decoder_layers": 1,
        "num_heads": _HEADS,
        "relative_attention_num_buckets": 8,
        "relative_attention_max_distance": 32,
        "feed_forward_proj": "gated-gelu",
        "tie_word_embeddings": False,
        "pad_token_id": 0,
        "eos_token_id": 1,
        "decoder_start_token_id": 0,
    }


def _save(out: Path, model: Any, tokenizer: Any, generation: dict[str, Any]) -> None:
    from transformers import GenerationConfig

    model.generation_config = GenerationConfig(**generation)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)


# --------------------------------------------------------------------------- families


def _build_marian(out: Path, tmp: Path, seed: int, max_len: int) -> None:
    """Helsinki-NLP/opus-mt-id-en layout: source.spm, target.spm, vocab.json (pad last)."""
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    proto = _train_spm("unigram")  # sentencepiece ids: <unk>=0, <s>=1, </s>=2, like OPUS-MT
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in sentencepiece_pieces(proto):
        vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)  # Marian-NMT has no pad; the HF conversion appends it last
    for name in ("source.spm", "target.spm"):
        (tmp / name).write_bytes(proto)
    _write_json(tmp / "vocab.json", vocab)
    tokenizer = MarianTokenizer(
        str(tmp / "source.spm"),
        str(tmp / "target.spm"),
        str(tmp / "vocab.json"),
        source_lang="id",
        target_lang="en",
        model_max_length=max_len,
    )
    pad, eos = vocab["<pad>"], vocab["</s>"]
    config = MarianConfig(
        **_bart_like_sizes(len(vocab), max_len),
        decoder_vocab_size=len(vocab),
        pad_token_id=pad,
        eos_token_id=eos,
        bos_token_id=eos,
        decoder_start_token_id=pad,
        forced_eos_token_id=eos,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        dropout=0.1,
    )
    # not MarianConfig fields, but present in every OPUS-MT config.json
    config.static_position_embeddings = True
    config.normalize_embedding = False
    model = _init_model(MarianMTModel, config, seed)
    fix_marian_weights(model)
    generation = {
        "bad_words_ids": [[pad]],
        "bos_token_id": eos,
        "decoder_start_token_id": pad,
        "eos_token_id": eos,
        "forced_eos_token_id": eos,
        "pad_token_id": pad,
        "max_length": max_len,
        "num_beams": 4,
        "renormalize_logits": True,
    }
    _save(out, model, tokenizer, generation)


def _build_nllb(out: Path, tmp: Path, seed: int, max_len: int) -> None:
    """facebook/nllb-200 layout: M2M100 weights, NllbTokenizer with the FLORES-200 codes."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    spm_path = tmp / "sentencepiece.bpe.model"
    spm_path.write_bytes(_train_spm("bpe"))
    tokenizer = _fast_tokenizer(
        NllbTokenizer,
        spm_path,
        src_lang="ind_Latn",
        tgt_lang="eng_Latn",
        extra_special_tokens=list(FAIRSEQ_LANGUAGE_CODES),
        model_max_length=max_len,
    )
    config = M2M100Config(
        **_bart_like_sizes(len(tokenizer), max_len),
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        scale_embedding=True,
        activation_function="relu",
    )
    config.tokenizer_class = "NllbTokenizer"  # as in the real facebook/nllb-200-* config.json
    model = _init_model(M2M100ForConditionalGeneration, config, seed)
    generation = {
        "bos_token_id": 0,
        "decoder_start_token_id": 2,
        "eos_token_id": 2,
        "pad_token_id": 1,
        "max_length": max_len,
    }
    _save(out, model, tokenizer, generation)
    shutil.copyfile(spm_path, out / spm_path.name)


def _build_m2m100(out: Path, tmp: Path, seed: int, max_len: int) -> None:
    """facebook/m2m100_418M layout: vocab.json + sentencepiece.bpe.model, ``__xx__`` codes."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer
    from transformers.models.m2m_100.tokenization_m2m_100 import FAIRSEQ_LANGUAGE_CODES

    proto = _train_spm("bpe")
    vocab: dict[str, int] = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in sentencepiece_pieces(proto):
        vocab.setdefault(piece, len(vocab))
    (tmp / "sentencepiece.bpe.model").write_bytes(proto)
    _write_json(tmp / "vocab.json", vocab)
    codes = FAIRSEQ_LANGUAGE_CODES["m2m100"]
    madeup_words = 8
    tokenizer = M2M100Tokenizer(
        str(tmp / "vocab.json"),
        str(tmp / "sentencepiece.bpe.model"),
        src_lang="id",
        tgt_lang="en",
        extra_special_tokens=[f"__{code}__" for code in codes],
        num_madeup_words=madeup_words,
        model_max_length=max_len,
    )
    config = M2M100Config(
        **_bart_like_sizes(len(vocab) + len(codes) + madeup_words, max_len),
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        scale_embedding=True,
        activation_function="relu",
    )
    model = _init_model(M2M100ForConditionalGeneration, config, seed)
    generation = {
        "bos_token_id": 0,
        "decoder_start_token_id": 2,
        "eos_token_id": 2,
        "pad_token_id": 1,
        "max_length": max_len,
        "num_beams": 5,
        "early_stopping": True,
    }
    _save(out, model, tokenizer, generation)


def _build_mbart50(out: Path, tmp: Path, seed: int, max_len: int) -> None:
    """facebook/mbart-large-50-many-to-many-mmt layout: MBart50Tokenizer, 52 ``xx_XX`` codes."""
    from transformers import MBart50Tokenizer, MBartConfig, MBartForConditionalGeneration

    spm_path = tmp / "sentencepiece.bpe.model"
    spm_path.write_bytes(_train_spm("unigram"))
    tokenizer = _fast_tokenizer(
        MBart50Tokenizer,
        spm_path,
        src_lang="id_ID",
        tgt_lang="en_XX",
        bos_token="<s>",
        model_max_length=max_len,
    )
    config = MBartConfig(
        **_bart_like_sizes(len(tokenizer), max_len),
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_eos_token_id=2,
        scale_embedding=True,
        activation_function="relu",
    )
    # as in the real config.json; CTranslate2 reads all of them (tokenizer_class decides that the
    # decoder starts from </s> rather than from the language code, as in mBART-25)
    config.tokenizer_class = "MBart50Tokenizer"
    config.normalize_before = True
    config.add_final_layer_norm = True
    config.normalize_embedding = True
    model = _init_model(MBartForConditionalGeneration, config, seed)
    generation = {
        "bos_token_id": 0,
        "decoder_start_token_id": 2,
        "eos_token_id": 2,
        "forced_eos_token_id": 2,
        "pad_token_id": 1,
        "max_length": max_len,
        "num_beams": 5,
        "early_stopping": True,
    }
    _save(out, model, tokenizer, generation)
    shutil.copyfile(spm_path, out / spm_path.name)


def _build_t5_family(
    out: Path, tmp: Path, seed: int, max_len: int, *, model_cls: Any, config_cls: Any, madlad: bool
) -> None:
    from transformers import T5Tokenizer

    options: dict[str, Any] = {"pad_id": 0, "eos_id": 1, "unk_id": 2, "bos_id": -1}
    if madlad:
        options["user_defined_symbols"] = [f"<2{code}>" for code in MADLAD_LANGUAGE_CODES]
    spm_path = tmp / "spiece.model"
    spm_path.write_bytes(_train_spm("unigram", **options))
    # MADLAD's vocabulary is exactly its sentencepiece model (no <extra_id_*> sentinels); mT5 has 100
    tokenizer = _fast_tokenizer(
        T5Tokenizer, spm_path, extra_ids=0 if madlad else 100, model_max_length=max_len
    )
    config = config_cls(**_t5_sizes(len(tokenizer)))
    model = _init_model(model_cls, config, seed)
    generation = {"decoder_start_token_id": 0, "eos_token_id": 1, "pad_token_id": 0}
    _save(out, model, tokenizer, generation)
    shutil.copyfile(spm_path, out / spm_path.name)


def _build_madlad(out: Path, tmp: Path, seed: int, max_len: int) -> None:
    """google/madlad400-*-mt layout: T5 weights, ``<2xx>`` tags as single sentencepiece pieces."""
    from transformers import T5Config, T5ForConditionalGeneration

    _build_t5_family(
        out,
        tmp,
        seed,
        max_len,
        model_cls=T5ForConditionalGeneration,
        config_cls=T5Config,
        madlad=True,
    )


def _build_mt5(out: Path, tmp: Path, seed: int, max_len: int) -> None:
    """An mT5 summariser: MT5 weights, T5 tokenizer with 100 sentinels, no language codes."""
    from transformers import MT5Config, MT5ForConditionalGeneration

    _build_t5_family(
        out,
        tmp,
        seed,
        max_len,
        model_cls=MT5ForConditionalGeneration,
        config_cls=MT5Config,
        madlad=False,
    )


def _build_bart(out: Path, tmp: Path, seed: int, max_len: int) -> None:
    """An IndoBART-like summariser: BART weights, fairseq-style sentencepiece tokenizer."""
    from transformers import BartConfig, BartForConditionalGeneration, XLMRobertaTokenizer

    # XLMRobertaTokenizer is the stock fairseq+sentencepiece layout (<s> <pad> </s> <unk> ...
    # <mask>, "<s> text </s>"), which is what IndoBART's own tokenizer produces.
    spm_path = tmp / "sentencepiece.bpe.model"
    spm_path.write_bytes(_train_spm("unigram"))
    tokenizer = _fast_tokenizer(XLMRobertaTokenizer, spm_path, model_max_length=max_len)
    config = BartConfig(
        **_bart_like_sizes(len(tokenizer), max_len),
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_eos_token_id=2,
    )
    # as in the real BART config.json (post-norm, embedding layer norm); CTranslate2 reads them
    config.normalize_before = False
    config.add_final_layer_norm = False
    config.normalize_embedding = True
    model = _init_model(BartForConditionalGeneration, config, seed)
    generation = {
        "bos_token_id": 0,
        "decoder_start_token_id": 2,
        "eos_token_id": 2,
        "forced_eos_token_id": 2,
        "pad_token_id": 1,
        "max_length": max_len,
        "num_beams": 4,
        "no_repeat_ngram_size": 3,
        "early_stopping": True,
    }
    _save(out, model, tokenizer, generation)
    shutil.copyfile(spm_path, out / spm_path.name)


_BUILDERS: dict[str, Callable[[Path, Path, int, int], None]] = {
    "marian": _build_marian,
    "nllb": _build_nllb,
    "m2m100": _build_m2m100,
    "mbart50": _build_mbart50,
    "madlad": _build_madlad,
    "mt5": _build_mt5,
    "bart": _build_bart,
}


# --------------------------------------------------------------------------- causal LMs

CAUSAL_FAMILIES: tuple[str, ...] = ("gemma3", "llama")
"""The decoder-only families :func:`build_tiny_causal_lm` can build."""
PROMPTS: tuple[str | None, ...] = ("completion", "chat", None)
"""What a tiny causal LM's directory says about its prompt (``None``: nothing at all)."""

# A minimal chat template (user/assistant turns, generation prompt), as instruct models ship one.
_CHAT_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)


def build_tiny_causal_lm(
    family: str,
    out_dir: str | Path,
    *,
    prompt: str | None = "completion",
    seed: int = 0,
    model_max_length: int = 1024,
) -> Path:
    """Write a tiny random decoder-only checkpoint (``*ForCausalLM``) of ``family`` to ``out_dir``.

    ``family`` is ``"gemma3"`` (``Gemma3ForCausalLM``, Gemma tokenizer) or ``"llama"``. ``prompt``
    says how ringkas is to prompt it: ``"completion"`` writes a ``ringkas.toml`` with a few-shot
    completion prompt (a base model), ``"chat"`` gives the tokenizer a chat template and the card
    a chat prompt that can summarise (an instruct model), ``None`` neither (ringkas then refuses
    it with a :class:`~ringkas.errors.PromptError`). The vocabulary has a line-break token, so a
    sentence prompt can stop at the end of the line. Output is gibberish; the plumbing is real.

    >>> import tempfile
    >>> from transformers import AutoConfig
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     AutoConfig.from_pretrained(build_tiny_causal_lm("llama", tmp)).architectures
    ['LlamaForCausalLM']
    """
    if family not in CAUSAL_FAMILIES:
        raise ValueError(
            f"unknown causal family {family!r}; choose one of: {', '.join(CAUSAL_FAMILIES)}"
        )
    if prompt not in PROMPTS:
        raise ValueError(f"prompt must be one of {PROMPTS}, got {prompt!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with _quiet_transformers(), tempfile.TemporaryDirectory(prefix="ringkas-spm-") as tmp:
        _build_causal(out, Path(tmp), family, prompt, seed, model_max_length)
    return out


def _build_causal(
    out: Path, tmp: Path, family: str, prompt: str | None, seed: int, max_len: int
) -> None:
    from transformers import (
        Gemma3ForCausalLM,
        Gemma3TextConfig,
        GemmaTokenizer,
        LlamaConfig,
        LlamaForCausalLM,
        LlamaTokenizer,
    )

    spm_path = tmp / "tokenizer.model"
    spm_path.write_bytes(_train_spm("unigram", user_defined_symbols=["\n", ":"]))
    tokenizer_cls = GemmaTokenizer if family == "gemma3" else LlamaTokenizer
    tokenizer = _fast_tokenizer(tokenizer_cls, spm_path, model_max_length=max_len)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if prompt == "chat":
        tokenizer.chat_template = _CHAT_TEMPLATE
    sizes: dict[str, Any] = {
        "vocab_size": len(tokenizer),
        "hidden_size": _D_MODEL,
        "intermediate_size": _FFN,
        "num_hidden_layers": 1,
        "num_attention_heads": _HEADS,
        "num_key_value_heads": 1,
        "head_dim": _D_MODEL // _HEADS,
        "max_position_embeddings": max_len,
        "bos_token_id": tokenizer.bos_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        "pad_token_id": tokenizer.pad_token_id,
        "initializer_range": _INIT_STD,
    }
    if family == "gemma3":
        config: Any = Gemma3TextConfig(
            **sizes, sliding_window=max_len, layer_types=["full_attention"]
        )
        model = _init_model(Gemma3ForCausalLM, config, seed)
    else:
        model = _init_model(LlamaForCausalLM, LlamaConfig(**sizes), seed)
    generation = {
        "bos_token_id": tokenizer.bos_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        "pad_token_id": tokenizer.pad_token_id,
    }
    _save(out, model, tokenizer, generation)
    card = 'architecture = "causal"\nsource_languages = ["id"]\ntarget_languages = ["en"]\n'
    if prompt == "completion":
        card += '\n[prompt]\nstyle = "completion"\n'
    elif prompt == "chat":
        card += (
            '\n[prompt]\nstyle = "chat"\nsummary_instruction = "Summarise this {src_name} '
            'article in {tgt_name}, in at most {max_words} words."\n'
        )
    if prompt is not None:
        (out / "ringkas.toml").write_text(card, encoding="utf-8")
