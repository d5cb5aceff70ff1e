"""Tiny random seq2seq checkpoints, one per model family ringkas drives, for fast offline tests.

``build_tiny_model(family, out_dir)`` writes an ordinary Hugging Face checkpoint directory
(``config.json``, ``model.safetensors``, ``generation_config.json`` and the family's tokenizer
files) that ``AutoTokenizer.from_pretrained`` and ``AutoModelForSeq2SeqLM.from_pretrained`` load in
about a second. The weights are random and the models are tiny by default (d_model 32, one encoder
and one decoder layer: :data:`TINY`), so their output is gibberish, but each family keeps the
language machinery of the real model it stands in for:

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
English sentences in this module (or on ``texts`` you pass), so no download is ever needed. A
:class:`Shape` gives other sizes: the speed benchmark builds real-size models this way.
``build_tiny_causal_lm(family, out_dir)`` does the same for decoder-only models (Gemma 3, Llama)
and writes the ``ringkas.toml`` that says how to prompt them. Both go through one outline: a
family adds only its tokenizer and how its config differs.

Marian checkpoints hold what Marian-NMT and CTranslate2 treat as constants (exact sinusoidal
position tables, an all-zero ``<pad>`` row, which is the decoder's start embedding); see
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CAUSAL_FAMILIES",
    "EN_SENTENCES",
    "FAMILIES",
    "ID_SENTENCES",
    "MADLAD_LANGUAGE_CODES",
    "PROMPTS",
    "TINY",
    "Shape",
    "build_tiny_causal_lm",
    "build_tiny_gguf",
    "build_tiny_model",
    "sentencepiece_pieces",
    "train_sentencepiece",
]

logger = logging.getLogger(__name__)

FAMILIES: tuple[str, ...] = ("marian", "nllb", "m2m100", "mbart50", "madlad", "mt5", "bart")
"""The model families :func:`build_tiny_model` can build."""
CAUSAL_FAMILIES: tuple[str, ...] = ("gemma3", "llama")
"""The decoder-only families :func:`build_tiny_causal_lm` can build."""
PROMPTS: tuple[str | None, ...] = ("completion", "chat", None)
"""What a tiny causal LM's directory says about its prompt (``None``: nothing at all)."""

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


@dataclass(frozen=True)
class Shape:
    """The size of a model :func:`build_tiny_model` writes; the defaults (:data:`TINY`) are tiny.

    ``layers`` is the number of encoder layers and of decoder layers; ``ffn`` the feed-forward
    width (T5's ``d_ff``); ``d_kv`` T5's width per head (``None``: ``d_model // heads``).
    ``vocab_size`` ``None`` is the tokenizer's own size; a larger one pads the vocabulary (Marian:
    ``<unused_N>`` entries before ``<pad>``, which stays last as in OPUS-MT; other families: rows
    that no token maps to). ``spm_vocab`` is the size of the sentencepiece model the tokenizer is
    made of; ``init_std`` the BART-style families' weight scale (``None``: ``d_model ** -0.5``,
    which keeps a tiny model's activations at unit scale; the configs' 0.02 is tuned for
    d_model ~1024); the last two are T5's relative attention buckets.

    >>> Shape(d_model=512, layers=6, heads=8, ffn=2048).d_kv is None
    True
    """

    d_model: int = 32
    layers: int = 1
    heads: int = 2
    ffn: int = 64
    d_kv: int | None = None
    vocab_size: int | None = None
    spm_vocab: int = 400
    init_std: float | None = None
    relative_attention_num_buckets: int = 8
    relative_attention_max_distance: int = 32


TINY = Shape()
"""The default shape: d_model 32, one encoder and one decoder layer, a ~400-piece vocabulary."""


def build_tiny_model(
    family: str,
    out_dir: str | Path,
    *,
    seed: int = 0,
    model_max_length: int = 64,
    shape: Shape = TINY,
    texts: Sequence[str] | None = None,
    adjust: Callable[[Any, Any], None] | None = None,
) -> Path:
    """Write a random checkpoint of ``family`` (one of :data:`FAMILIES`) to ``out_dir``.

    The directory gets ``config.json``, ``model.safetensors``, ``generation_config.json`` and the
    family's tokenizer files; it loads with ``AutoTokenizer`` / ``AutoModelForSeq2SeqLM``. The
    tokenizer's ``model_max_length`` is ``model_max_length``, and so is the model's position limit
    (``max_position_embeddings``) where the family has one. The same arguments give
    byte-identical files; the global torch random state is left as it was.

    Args:
        family: which model family to imitate, e.g. ``"nllb"``.
        out_dir: directory to write to (created if missing; files in it are overwritten).
        seed: seed for the random weights.
        model_max_length: maximum input length in tokens.
        shape: the model's size (default :data:`TINY`).
        texts: what the tokenizer's sentencepiece model is trained on (default: this module's
            sentences); ``shape.spm_vocab`` is then an upper bound, as a small corpus may not
            hold that many pieces.
        adjust: called as ``adjust(model, tokenizer)`` after the weights and generation config
            are made and before they are saved (to change weights, say).

    Returns:
        ``Path(out_dir)``.

    Raises:
        ValueError: ``family`` is not one of :data:`FAMILIES`, ``model_max_length`` < 8, or
            ``shape.vocab_size`` is smaller than the tokenizer.

    >>> import tempfile
    >>> from transformers import AutoConfig
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     AutoConfig.from_pretrained(build_tiny_model("marian", tmp)).model_type
    'marian'
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     config = AutoConfig.from_pretrained(
    ...         build_tiny_model("mt5", tmp, shape=Shape(d_model=64, vocab_size=1024)))
    >>> config.d_model, config.vocab_size
    (64, 1024)
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown model family {family!r}; choose one of: {', '.join(FAMILIES)}")
    if model_max_length < 8:
        raise ValueError(f"model_max_length must be at least 8, got {model_max_length}")
    out = _write(_FAMILY_PARTS[family], Path(out_dir), seed, model_max_length, shape, texts, adjust)
    logger.debug("built %s model %s in %s (seed=%d)", family, shape, out, seed)
    return out


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

    def parts(tmp: Path, spm: Trainer, shape: Shape, max_len: int) -> _Parts:
        return _causal(tmp, spm, max_len, gemma=family == "gemma3", chat=prompt == "chat")

    out = _write(parts, Path(out_dir), seed, model_max_length, TINY, None, None)
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
    return out


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


def _sentencepiece(texts: Sequence[str] | None, vocab_size: int) -> Callable[..., bytes]:
    """A trainer of the tokenizer's sentencepiece model: ``train(model_type, **options)``."""
    corpus = ID_SENTENCES + EN_SENTENCES if texts is None else tuple(texts)
    limits: dict[str, Any] = {} if texts is None else {"hard_vocab_limit": False}

    def train(model_type: str, **options: Any) -> bytes:
        return train_sentencepiece(corpus, vocab_size, model_type=model_type, **limits, **options)

    return train


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _fast_tokenizer(cls: Any, spm_path: Path, proto: bytes, **kwargs: Any) -> Any:
    """A transformers (v5, tokenizers-backed) tokenizer ``cls`` made of the sentencepiece model
    ``proto``, which is written to ``spm_path`` first (the checkpoint keeps a copy)."""
    spm_path.write_bytes(proto)
    native = cls.convert_to_native_format(vocab_file=str(spm_path), **kwargs)
    return cls(**native)


def _init_model(model_cls: Any, config: Any, seed: int) -> Any:
    import torch

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = model_cls(config)
    model.eval()
    return model


@dataclass
class _Parts:
    """What a family adds to the common outline: its tokenizer and how its config differs."""

    tokenizer: Any
    model_class: str  # transformers class names
    config_class: str
    ids: dict[str, int]  # special token ids, in both the config and the generation config
    vocab_size: int | None = None  # ids the model needs rows for; None: len(tokenizer)
    config: dict[str, Any] = field(default_factory=dict)  # more config arguments
    attributes: dict[str, Any] = field(default_factory=dict)  # set on the config afterwards
    generation: dict[str, Any] = field(default_factory=dict)  # more generation settings
    keep: tuple[str, ...] = ()  # sentencepiece files copied next to the checkpoint
    kind: str = "bart"  # how sizes are named: "bart" (BART-style), "t5" or "causal"


def _sizes(parts: _Parts, shape: Shape, max_len: int) -> dict[str, Any]:
    """The config arguments that ``shape`` decides, named as the family's config names them."""
    needed = parts.vocab_size or len(parts.tokenizer)
    vocab = shape.vocab_size or needed
    if vocab < needed:
        raise ValueError(
            f"shape.vocab_size={vocab} is smaller than the tokenizer ({needed} ids); "
            f"pass a larger vocab_size, or None for the tokenizer's own size"
        )
    if parts.kind == "causal":
        return {
            "vocab_size": vocab,
            "hidden_size": shape.d_model,
            "intermediate_size": shape.ffn,
            "num_hidden_layers": shape.layers,
            "num_attention_heads": shape.heads,
            "head_dim": shape.d_kv or shape.d_model // shape.heads,
            "max_position_embeddings": max_len,
            "initializer_range": shape.init_std or shape.d_model**-0.5,
        }
    if parts.kind == "t5":
        return {
            "vocab_size": vocab,
            "d_model": shape.d_model,
            "d_kv": shape.d_kv or shape.d_model // shape.heads,
            "d_ff": shape.ffn,
            "num_layers": shape.layers,
            "num_decoder_layers": shape.layers,
            "num_heads": shape.heads,
            "relative_attention_num_buckets": shape.relative_attention_num_buckets,
            "relative_attention_max_distance": shape.relative_attention_max_distance,
        }
    return {
        "vocab_size": vocab,
        "d_model": shape.d_model,
        "encoder_layers": shape.layers,
        "decoder_layers": shape.layers,
        "encoder_attention_heads": shape.heads,
        "decoder_attention_heads": shape.heads,
        "encoder_ffn_dim": shape.ffn,
        "decoder_ffn_dim": shape.ffn,
        "max_position_embeddings": max_len,
        "init_std": shape.init_std or shape.d_model**-0.5,
    }


def _make_model(parts: _Parts, shape: Shape, max_len: int, seed: int) -> Any:
    """The family's model with random weights (``seed``) and its generation config."""
    import transformers
    from transformers import GenerationConfig

    config = getattr(transformers, parts.config_class)(
        **_sizes(parts, shape, max_len), **parts.ids, **parts.config
    )
    for name, value in parts.attributes.items():
        setattr(config, name, value)
    model = _init_model(getattr(transformers, parts.model_class), config, seed)
    length = {"max_length": max_len} if parts.kind == "bart" else {}
    model.generation_config = GenerationConfig(**parts.ids, **length, **parts.generation)
    return model


def _write(
    family: Callable[[Path, Trainer, Shape, int], _Parts],
    out: Path,
    seed: int,
    max_len: int,
    shape: Shape,
    texts: Sequence[str] | None,
    adjust: Callable[[Any, Any], None] | None,
) -> Path:
    """The one outline: tokenizer and config from ``family``, random weights, save."""
    out.mkdir(parents=True, exist_ok=True)
    with _quiet_transformers(), tempfile.TemporaryDirectory(prefix="ringkas-spm-") as tmp:
        parts = family(Path(tmp), _sentencepiece(texts, shape.spm_vocab), shape, max_len)
        model = _make_model(parts, shape, max_len, seed)
        if adjust is not None:
            adjust(model, parts.tokenizer)
        model.save_pretrained(out)
        parts.tokenizer.save_pretrained(out)
        for name in parts.keep:
            shutil.copyfile(Path(tmp) / name, out / name)
    return out


# --------------------------------------------------------------------------- families

Trainer = Callable[..., bytes]
_FAIRSEQ_IDS = {
    "pad_token_id": 1,
    "bos_token_id": 0,
    "eos_token_id": 2,
    "decoder_start_token_id": 2,
}
_T5_IDS = {"pad_token_id": 0, "eos_token_id": 1, "decoder_start_token_id": 0}
_BPE_FILE = "sentencepiece.bpe.model"  # fairseq's name for it (NLLB, M2M100, mBART, BART)
_M2M100: dict[str, Any] = {  # NLLB's weights are M2M100's
    "model_class": "M2M100ForConditionalGeneration",
    "config_class": "M2M100Config",
    "ids": _FAIRSEQ_IDS,
    "config": {"scale_embedding": True, "activation_function": "relu"},
}


def _marian(tmp: Path, spm: Trainer, shape: Shape, max_len: int) -> _Parts:
    """Helsinki-NLP/opus-mt-id-en layout: source.spm, target.spm, vocab.json (pad last)."""
    from transformers import MarianTokenizer

    proto = spm("unigram")  # sentencepiece ids: <unk>=0, <s>=1, </s>=2, like OPUS-MT
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in sentencepiece_pieces(proto):
        vocab.setdefault(piece, len(vocab))
    used = len(vocab)
    size = shape.vocab_size or used + 1
    if used >= size:
        raise ValueError(
            f"shape.vocab_size={size} does not hold the {used} tokenizer pieces and <pad>; "
            f"pass a larger vocab_size, or None for the tokenizer's own size"
        )
    vocab.update({f"<unused_{i}>": used + i for i in range(size - 1 - used)})
    vocab["<pad>"] = size - 1  # Marian-NMT has no pad; the HF conversion appends it last
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
    pad, eos = size - 1, vocab["</s>"]
    return _Parts(
        tokenizer,
        "MarianMTModel",
        "MarianConfig",
        vocab_size=size,
        ids={
            "pad_token_id": pad,
            "eos_token_id": eos,
            "bos_token_id": eos,
            "decoder_start_token_id": pad,
            "forced_eos_token_id": eos,
        },
        config={
            "decoder_vocab_size": size,
            "activation_function": "swish",
            "scale_embedding": True,
            "share_encoder_decoder_embeddings": True,
            "dropout": 0.1,
        },
        # not MarianConfig fields, but present in every OPUS-MT config.json
        attributes={"static_position_embeddings": True, "normalize_embedding": False},
        generation={"bad_words_ids": [[pad]], "num_beams": 4, "renormalize_logits": True},
    )


def _nllb(tmp: Path, spm: Trainer, shape: Shape, max_len: int) -> _Parts:
    """facebook/nllb-200 layout: M2M100 weights, NllbTokenizer with the FLORES-200 codes."""
    from transformers import NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    tokenizer = _fast_tokenizer(
        NllbTokenizer,
        tmp / _BPE_FILE,
        spm("bpe"),
        src_lang="ind_Latn",
        tgt_lang="eng_Latn",
        extra_special_tokens=list(FAIRSEQ_LANGUAGE_CODES),
        model_max_length=max_len,
    )
    return _Parts(
        tokenizer,
        **_M2M100,
        attributes={"tokenizer_class": "NllbTokenizer"},  # as in the real config.json
        keep=(_BPE_FILE,),
    )


def _m2m100(tmp: Path, spm: Trainer, shape: Shape, max_len: int) -> _Parts:
    """facebook/m2m100_418M layout: vocab.json + sentencepiece.bpe.model, ``__xx__`` codes."""
    from transformers import M2M100Tokenizer
    from transformers.models.m2m_100.tokenization_m2m_100 import FAIRSEQ_LANGUAGE_CODES

    proto = spm("bpe")
    vocab: dict[str, int] = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in sentencepiece_pieces(proto):
        vocab.setdefault(piece, len(vocab))
    (tmp / _BPE_FILE).write_bytes(proto)
    _write_json(tmp / "vocab.json", vocab)
    codes = FAIRSEQ_LANGUAGE_CODES["m2m100"]
    madeup_words = 8
    tokenizer = M2M100Tokenizer(
        str(tmp / "vocab.json"),
        str(tmp / _BPE_FILE),
        src_lang="id",
        tgt_lang="en",
        extra_special_tokens=[f"__{code}__" for code in codes],
        num_madeup_words=madeup_words,
        model_max_length=max_len,
    )
    return _Parts(
        tokenizer,
        **_M2M100,
        vocab_size=len(vocab) + len(codes) + madeup_words,
        generation={"num_beams": 5, "early_stopping": True},
    )


def _mbart50(tmp: Path, spm: Trainer, shape: Shape, max_len: int) -> _Parts:
    """facebook/mbart-large-50-many-to-many-mmt layout: MBart50Tokenizer, 52 ``xx_XX`` codes."""
    from transformers import MBart50Tokenizer

    tokenizer = _fast_tokenizer(
        MBart50Tokenizer,
        tmp / _BPE_FILE,
        spm("unigram"),
        src_lang="id_ID",
        tgt_lang="en_XX",
        bos_token="<s>",
        model_max_length=max_len,
    )
    return _Parts(
        tokenizer,
        "MBartForConditionalGeneration",
        "MBartConfig",
        ids={**_FAIRSEQ_IDS, "forced_eos_token_id": 2},
        config={"scale_embedding": True, "activation_function": "relu"},
        # as in the real config.json; CTranslate2 reads all of them (tokenizer_class decides that
        # the decoder starts from </s> rather than from the language code, as in mBART-25)
        attributes={
            "tokenizer_class": "MBart50Tokenizer",
            "normalize_before": True,
            "add_final_layer_norm": True,
            "normalize_embedding": True,
        },
        generation={"num_beams": 5, "early_stopping": True},
        keep=(_BPE_FILE,),
    )


def _t5_family(tmp: Path, spm: Trainer, max_len: int, *, madlad: bool) -> _Parts:
    from transformers import T5Tokenizer

    options: dict[str, Any] = {"pad_id": 0, "eos_id": 1, "unk_id": 2, "bos_id": -1}
    if madlad:
        options["user_defined_symbols"] = [f"<2{code}>" for code in MADLAD_LANGUAGE_CODES]
    # MADLAD's vocabulary is exactly its sentencepiece model (no <extra_id_*> sentinels); mT5 has 100
    tokenizer = _fast_tokenizer(
        T5Tokenizer,
        tmp / "spiece.model",
        spm("unigram", **options),
        extra_ids=0 if madlad else 100,
        model_max_length=max_len,
    )
    prefix = "" if madlad else "M"
    return _Parts(
        tokenizer,
        f"{prefix}T5ForConditionalGeneration",
        f"{prefix}T5Config",
        ids=_T5_IDS,
        config={"feed_forward_proj": "gated-gelu", "tie_word_embeddings": False},
        keep=("spiece.model",),
        kind="t5",
    )


def _madlad(tmp: Path, spm: Trainer, shape: Shape, max_len: int) -> _Parts:
    """google/madlad400-*-mt layout: T5 weights, ``<2xx>`` tags as single sentencepiece pieces."""
    return _t5_family(tmp, spm, max_len, madlad=True)


def _mt5(tmp: Path, spm: Trainer, shape: Shape, max_len: int) -> _Parts:
    """An mT5 summariser: MT5 weights, T5 tokenizer with 100 sentinels, no language codes."""
    return _t5_family(tmp, spm, max_len, madlad=False)


def _bart(tmp: Path, spm: Trainer, shape: Shape, max_len: int) -> _Parts:
    """An IndoBART-like summariser: BART weights, fairseq-style sentencepiece tokenizer."""
    from transformers import XLMRobertaTokenizer

    # XLMRobertaTokenizer is the stock fairseq+sentencepiece layout (<s> <pad> </s> <unk> ...
    # <mask>, "<s> text </s>"), which is what IndoBART's own tokenizer produces.
    tokenizer = _fast_tokenizer(
        XLMRobertaTokenizer, tmp / _BPE_FILE, spm("unigram"), model_max_length=max_len
    )
    return _Parts(
        tokenizer,
        "BartForConditionalGeneration",
        "BartConfig",
        ids={**_FAIRSEQ_IDS, "forced_eos_token_id": 2},
        # as in the real BART config.json (post-norm, embedding layer norm); CTranslate2 reads them
        attributes={
            "normalize_before": False,
            "add_final_layer_norm": False,
            "normalize_embedding": True,
        },
        generation={"num_beams": 4, "no_repeat_ngram_size": 3, "early_stopping": True},
        keep=(_BPE_FILE,),
    )


_FAMILY_PARTS: dict[str, Callable[[Path, Trainer, Shape, int], _Parts]] = {
    "marian": _marian,
    "nllb": _nllb,
    "m2m100": _m2m100,
    "mbart50": _mbart50,
    "madlad": _madlad,
    "mt5": _mt5,
    "bart": _bart,
}


# A minimal chat template (user/assistant turns, generation prompt), as instruct models ship one.
_CHAT_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)


def _causal(tmp: Path, spm: Trainer, max_len: int, *, gemma: bool, chat: bool) -> _Parts:
    """A decoder-only model: Gemma 3 (``Gemma3ForCausalLM``, Gemma tokenizer) or Llama."""
    from transformers import GemmaTokenizer, LlamaTokenizer

    tokenizer = _fast_tokenizer(
        GemmaTokenizer if gemma else LlamaTokenizer,
        tmp / "tokenizer.model",
        spm("unigram", user_defined_symbols=["\n", ":"]),
        model_max_length=max_len,
    )
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if chat:
        tokenizer.chat_template = _CHAT_TEMPLATE
    ids = {
        "bos_token_id": tokenizer.bos_token_id,
        "eos_token_id": tokenizer.eos_token_id,
        "pad_token_id": tokenizer.pad_token_id,
    }
    config: dict[str, Any] = {"num_key_value_heads": 1}
    if gemma:
        config.update(sliding_window=max_len, layer_types=["full_attention"])
    return _Parts(
        tokenizer,
        "Gemma3ForCausalLM" if gemma else "LlamaForCausalLM",
        "Gemma3TextConfig" if gemma else "LlamaConfig",
        ids=ids,
        config=config,
        kind="causal",
    )


def build_tiny_gguf(
    path: str | Path,
    *,
    architecture: str = "llama",
    chat_template: str | None = None,
    seed: int = 0,
) -> Path:
    """Write a tiny random GGUF file (float32 tensors, a sentencepiece vocabulary) to ``path``.

    ``architecture="llama"`` gives a file transformers can load (and ringkas dequantize) in a few
    seconds; any other architecture (e.g. ``"bert"``) gets metadata and one tensor only, enough
    for ringkas to read the file and refuse it. ``chat_template`` is stored as
    ``tokenizer.chat_template`` (an instruct model's GGUF has one).

    >>> import tempfile
    >>> from ringkas.models.gguf import read_metadata
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     read_metadata(build_tiny_gguf(Path(tmp) / "tiny.gguf"))["general.architecture"]
    'llama'
    """
    import gguf
    import numpy as np
    import sentencepiece as spm

    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = gguf.GGUFWriter(str(out), architecture)
    writer.add_name(f"tiny {architecture}")
    rng = np.random.default_rng(seed)

    def tensor(*shape: int) -> Any:
        return (rng.standard_normal(shape) * TINY.d_model**-0.5).astype(np.float32)

    if architecture != "llama":
        writer.add_tensor("token_embd.weight", tensor(8, TINY.d_model))
        _write_gguf(writer)
        return out
    proto = _sentencepiece(None, TINY.spm_vocab)("unigram", user_defined_symbols=["\n", ":"])
    sp = spm.SentencePieceProcessor(model_proto=proto)
    size = sp.get_piece_size()
    head = TINY.d_model // TINY.heads
    writer.add_context_length(1024)
    writer.add_embedding_length(TINY.d_model)
    writer.add_block_count(1)
    writer.add_feed_forward_length(TINY.ffn)
    writer.add_head_count(TINY.heads)
    writer.add_head_count_kv(1)
    writer.add_layer_norm_rms_eps(1e-6)
    writer.add_rope_dimension_count(head)
    writer.add_vocab_size(size)
    writer.add_file_type(0)
    writer.add_tokenizer_model("llama")
    writer.add_token_list([sp.id_to_piece(i).encode() for i in range(size)])
    writer.add_token_scores([sp.get_score(i) for i in range(size)])
    writer.add_token_types([_token_type(sp, i) for i in range(size)])
    writer.add_unk_token_id(sp.unk_id())
    writer.add_bos_token_id(sp.bos_id())
    writer.add_eos_token_id(sp.eos_id())
    writer.add_pad_token_id(sp.eos_id())
    if chat_template is not None:
        writer.add_chat_template(chat_template)
    ones = np.ones(TINY.d_model, np.float32)
    writer.add_tensor("token_embd.weight", tensor(size, TINY.d_model))
    writer.add_tensor("output_norm.weight", ones)
    writer.add_tensor("output.weight", tensor(size, TINY.d_model))
    blocks = {
        "attn_norm": ones, "attn_q": tensor(TINY.d_model, TINY.d_model), "attn_k": tensor(head, TINY.d_model),
        "attn_v": tensor(head, TINY.d_model), "attn_output": tensor(TINY.d_model, TINY.d_model),
        "ffn_norm": ones, "ffn_gate": tensor(TINY.ffn, TINY.d_model), "ffn_up": tensor(TINY.ffn, TINY.d_model),
        "ffn_down": tensor(TINY.d_model, TINY.ffn),
    }  # fmt: skip
    for name, value in blocks.items():
        writer.add_tensor(f"blk.0.{name}.weight", value)
    _write_gguf(writer)
    return out


def _token_type(sp: Any, i: int) -> int:
    """GGUF token types: 1 normal, 2 unknown, 3 control, 4 user-defined, 6 byte."""
    if sp.is_unknown(i):
        return 2
    if sp.is_control(i):
        return 3
    if sp.is_byte(i):
        return 6
    return 4 if sp.id_to_piece(i) in ("\n", ":") else 1


def _write_gguf(writer: Any) -> None:
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
