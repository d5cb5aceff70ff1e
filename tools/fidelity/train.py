"""Train a ringkas "fidelity" test model (a tiny T5) on synthetic data.

    python tools/fidelity/train.py --task translate --out tests/fixtures/fidelity-translate
    python tools/fidelity/train.py --task summarize --out tests/fixtures/fidelity-summarize

Steps: generate the synthetic corpus (fidelity_data.py), train a sentencepiece unigram
tokenizer on it and wrap it as a transformers T5 tokenizer, build a small
T5ForConditionalGeneration, train it with AdamW on length-bucketed batches, and save
model + tokenizer + generation config + ringkas.toml + README.md into --out.

Deterministic: every random choice comes from seeded generators and torch runs on one CPU
thread, so the same command on the same software stack gives the same weights.
"""

from __future__ import annotations

import os

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import contextlib
import hashlib
import io
import math
import random
import shlex
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import fidelity_data as fd  # noqa: E402
import sentencepiece as spm  # noqa: E402
import torch  # noqa: E402
from sentencepiece import sentencepiece_model_pb2 as sp_pb2  # noqa: E402
from transformers import (  # noqa: E402
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    GenerationConfig,
    T5Config,
    T5ForConditionalGeneration,
    T5Tokenizer,
)
from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.set_verbosity_error()
hf_logging.disable_progress_bar()

TASKS = {
    "translate": dict(
        example=fd.translate_example,
        max_source_tokens=16,  # tokenizer model_max_length (input budget incl. EOS)
        train_max_source_tokens=None,  # train on every generated source (a few exceed 16)
        vocab_size=1024,
        max_new_tokens=48,
        steps=6000,
        toml=dict(
            id="fidelity-translate",
            task="translation",
            source_languages=["id"],
            target_languages=["en"],
            # names the model maps to themselves: placeholders for protected spans
            placeholders=[
                "Papua",
                "Bali",
                "Medan",
                "Makassar",
                "Semarang",
                "Surabaya",
                "Yogyakarta",
                "Bandung",
            ],
            description=(
                "Word-for-word Indonesian->English test model trained on a synthetic "
                "lexicon corpus (tools/fidelity)."
            ),
        ),
    ),
    "summarize": dict(
        example=fd.summarize_example,
        max_source_tokens=64,
        train_max_source_tokens=64,
        vocab_size=1024,
        max_new_tokens=32,
        steps=5000,
        toml=dict(
            id="fidelity-summarize",
            task="summarization",
            source_languages=["id"],
            target_languages=["id"],
            description=(
                "First-sentence Indonesian summariser test model trained on synthetic "
                "lexicon documents (tools/fidelity)."
            ),
        ),
    ),
}

# Seeds for the separate random streams, offset by --seed.
SPM_STREAM = 1
TRAIN_STREAM = 2
VALID_STREAM = 3
CHECK_STREAM = 1000  # used by check.py; never used for training


def stream(seed: int, which: int) -> random.Random:
    return random.Random(seed * 7919 + which)


# --------------------------------------------------------------------------- tokenizer


def spm_corpus(task: str, seed: int, n_examples: int) -> list[str]:
    """Lines to train sentencepiece on: task examples (source and target) plus every
    lexicon word in lowercase and capitalised form, bare and with punctuation."""
    rng = stream(seed, SPM_STREAM)
    cfg = TASKS[task]
    lines: list[str] = []
    for _ in range(n_examples):
        src, tgt = cfg["example"](rng)
        lines.append(src)
        if task == "translate":
            lines.append(tgt)
    words = fd.indonesian_words()
    if task == "translate":
        words += fd.english_words()
    for w in words:
        forms = {w, w[0].upper() + w[1:]}
        for f in sorted(forms):
            lines.append(" ".join([f, f + ",", f + ".", f + "?", f + "!"] * 20))
    return lines


def single_piece_words(task: str) -> list[str]:
    words = fd.indonesian_words()
    if task == "translate":
        words += fd.english_words()
    out = []
    for w in words:
        out.extend(sorted({w, w[0].upper() + w[1:]}))
    return out


def train_tokenizer(task: str, seed: int, workdir: Path) -> tuple[T5Tokenizer, bytes]:
    cfg = TASKS[task]
    lines = spm_corpus(task, seed, 20000 if task == "translate" else 6000)
    corpus = workdir / "spm_corpus.txt"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_writer=model,
        model_type="unigram",
        vocab_size=cfg["vocab_size"],
        hard_vocab_limit=False,  # the vocabulary ends up as every corpus word + characters
        character_coverage=1.0,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        pad_piece="<pad>",
        eos_piece="</s>",
        unk_piece="<unk>",
        num_threads=1,
        input_sentence_size=0,
        shuffle_input_sentence=False,
        max_sentence_length=16384,
        minloglevel=2,
    )
    proto = sp_pb2.ModelProto()
    proto.ParseFromString(model.getvalue())
    # the trainer spec records the (temporary) corpus path: make it the same every run
    del proto.trainer_spec.input[:]
    proto.trainer_spec.input.append("spm_corpus.txt")
    spm_bytes = proto.SerializeToString()
    vocab = [(p.piece, p.score) for p in proto.pieces]
    tok = T5Tokenizer(
        vocab=vocab,
        _spm_precompiled_charsmap=proto.normalizer_spec.precompiled_charsmap,
        extra_ids=0,
        model_max_length=cfg["max_source_tokens"],
    )
    assert (tok.pad_token_id, tok.eos_token_id, tok.unk_token_id) == (0, 1, 2)

    # every lexicon word (lowercase and capitalised) must be one piece
    bad = [w for w in single_piece_words(task) if tok.tokenize(w) != ["\u2581" + w]]
    if bad:
        raise SystemExit(f"words split into several pieces: {bad[:20]} ({len(bad)} in all)")
    # the wrapped tokenizer must agree with sentencepiece itself
    sp = spm.SentencePieceProcessor(model_proto=spm_bytes)
    for line in lines[:2000]:
        if tok(line).input_ids != [*sp.encode(line), 1]:
            raise SystemExit(f"transformers and sentencepiece disagree on {line!r}")
    return tok, spm_bytes


# --------------------------------------------------------------------------- data


def encode(tok, pairs):
    src = tok([s for s, _ in pairs]).input_ids
    tgt = tok([t for _, t in pairs]).input_ids
    return src, tgt


def make_batches(task, tok, rng, batch_size, n_batches, repeat_prob):
    """n_batches length-bucketed batches of freshly generated examples."""
    cfg = TASKS[task]
    limit = cfg["train_max_source_tokens"]
    pairs = [
        cfg["example"](rng, repeat_prob) for _ in range(int(batch_size * n_batches * 1.1) + 16)
    ]
    src, tgt = encode(tok, pairs)
    items = [(s, t) for s, t in zip(src, tgt, strict=True) if limit is None or len(s) <= limit]
    items = items[: batch_size * n_batches]
    order = sorted(range(len(items)), key=lambda i: (len(items[i][0]), len(items[i][1]), i))
    chunks = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(chunks)
    return [collate([items[i] for i in c]) for c in chunks]


def collate(items):
    ls = max(len(s) for s, _ in items)
    lt = max(len(t) for _, t in items)
    input_ids = torch.zeros(len(items), ls, dtype=torch.long)
    attention_mask = torch.zeros(len(items), ls, dtype=torch.long)
    labels = torch.full((len(items), lt), -100, dtype=torch.long)
    for i, (s, t) in enumerate(items):
        input_ids[i, : len(s)] = torch.tensor(s)
        attention_mask[i, : len(s)] = 1
        labels[i, : len(t)] = torch.tensor(t)
    return input_ids, attention_mask, labels


@torch.no_grad()
def greedy(model, tok, sources, max_new_tokens, batch_size=128):
    model.eval()
    out: list[str] = [""] * len(sources)
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        enc = tok([sources[i] for i in idx], return_tensors="pt", padding=True).to(model.device)
        gen = model.generate(**enc, num_beams=1, do_sample=False, max_new_tokens=max_new_tokens)
        for i, text in zip(idx, tok.batch_decode(gen, skip_special_tokens=True), strict=True):
            out[i] = text
    model.train()
    return out


def exact(model, tok, pairs, max_new_tokens):
    hyp = greedy(model, tok, [s for s, _ in pairs], max_new_tokens)
    wrong = [(s, t, h) for (s, t), h in zip(pairs, hyp, strict=True) if h != t]
    return 1 - len(wrong) / len(pairs), wrong


def validation_pairs(task, tok, seed, n):
    cfg = TASKS[task]
    rng = stream(seed, VALID_STREAM)
    pairs = []
    while len(pairs) < n:
        s, t = cfg["example"](rng)
        if len(tok(s).input_ids) <= cfg["max_source_tokens"]:
            pairs.append((s, t))
    return pairs


# --------------------------------------------------------------------------- outputs


def toml_text(task: str) -> str:
    t = TASKS[task]["toml"]

    def q(v):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return (
        f"id = {q(t['id'])}\n"
        'family = "t5"\n'
        f"task = {q(t['task'])}\n"
        f"source_languages = [{', '.join(q(x) for x in t['source_languages'])}]\n"
        f"target_languages = [{', '.join(q(x) for x in t['target_languages'])}]\n"
        f"input_budget = {TASKS[task]['max_source_tokens']}\n"
        'license = "Apache-2.0"\n'
        + (
            f"placeholders = [{', '.join(q(x) for x in t['placeholders'])}]\n"
            if "placeholders" in t
            else ""
        )
        + f"description = {q(t['description'])}\n"
        "\n[generation]\n"
        "num_beams = 1\n"
    )


def readme_text(task, command, n_params, steps, minutes, acc, n_valid):
    what = {
        "translate": (
            "Input: 1-16 words from `tools/fidelity/lexicon.tsv` separated by single "
            "spaces (first word capitalised or not, optional commas, optional final `.`, `?` "
            "or `!`). Output: `fidelity_data.gloss(input)`, the word-for-word English with "
            "capitalisation and punctuation carried over. Input budget: 16 tokens "
            "including `</s>`."
        ),
        "summarize": (
            "Input: a document of 1-6 capitalised sentences of 2-8 lexicon words, each "
            "ending in `.`, joined by single spaces (at most 64 tokens including `</s>`). "
            "Output: exactly the first sentence."
        ),
    }[task]
    return f"""# {TASKS[task]["toml"]["id"]}

A tiny T5 (`T5ForConditionalGeneration`, {n_params:,} parameters: d_model 128, d_ff 512,
2+2 layers, 4 heads) trained from scratch on synthetic data whose right answers are known,
so ringkas's tests can check that text goes through a real seq2seq model without being
lost or garbled. It knows nothing else; it is not a language model.

{what}

Tokenizer: sentencepiece unigram trained on the same synthetic corpus, wrapped as a
transformers `T5Tokenizer` (pad=0, eos=1, unk=2, no extra ids). Decode greedily
(`num_beams=1`, `do_sample=False`); `generation_config.json` holds
`decoder_start_token_id=0`, `eos_token_id=1`, `pad_token_id=0`.

Made by (from the repository root, CPU, one thread, {steps} steps, {minutes:.0f} min):

    {command}

Greedy exact match on {n_valid} held-out examples at the end of training: {acc:.2%}.
Check it with `python tools/fidelity/check.py <this dir> --task {task}`.
See `tools/fidelity/README.md`.
"""


# --------------------------------------------------------------------------- main


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--task", choices=sorted(TASKS), required=True)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--steps", type=int, default=None, help="training steps (default per task)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--warmup", type=int, default=300)
    p.add_argument("--eval-every", type=int, default=500)
    p.add_argument("--n-valid", type=int, default=500)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument(
        "--repeat-prob",
        type=float,
        default=0.25,
        help="share of training examples drawn from a 2-6 word subset (repeated words)",
    )
    p.add_argument("--buckets", type=int, default=64, help="relative attention buckets")
    p.add_argument("--device", default="cpu", help="cpu (the reproducible default) or cuda")
    args = p.parse_args(argv)

    task = args.task
    cfg = TASKS[task]
    steps = args.steps or cfg["steps"]
    command = "python tools/fidelity/train.py " + " ".join(
        shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv)
    )

    device = torch.device(args.device)
    torch.set_num_threads(args.threads)
    with contextlib.suppress(RuntimeError):
        torch.set_num_interop_threads(1)
    if device.type == "cpu":
        torch.use_deterministic_algorithms(True)
    random.seed(args.seed)
    torch.manual_seed(args.seed)

    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        tok, spm_bytes = train_tokenizer(task, args.seed, Path(tmp))
    print(f"[{task}] tokenizer: {len(tok)} pieces ({time.time() - t0:.0f}s)", flush=True)

    config = T5Config(
        vocab_size=len(tok),
        d_model=128,
        d_kv=32,
        d_ff=512,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=4,
        relative_attention_num_buckets=args.buckets,
        relative_attention_max_distance=128,
        dropout_rate=0.0,
        feed_forward_proj="relu",
        initializer_factor=1.0,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
        tie_word_embeddings=True,
        is_encoder_decoder=True,
    )
    torch.manual_seed(args.seed)
    model = T5ForConditionalGeneration(config).to(device)
    model.generation_config = GenerationConfig(
        decoder_start_token_id=0,
        eos_token_id=1,
        pad_token_id=0,
        num_beams=1,
        do_sample=False,
        max_length=64,
    )
    n_params = sum(p.numel() for p in model.parameters())
    print(f"[{task}] model: {n_params:,} parameters", flush=True)

    valid = validation_pairs(task, tok, args.seed, args.n_valid)
    opt = torch.optim.AdamW(
        model.parameters(), lr=args.lr, betas=(0.9, 0.98), eps=1e-8, weight_decay=0.01
    )

    def lr_at(step):  # step counts from 1
        if step <= args.warmup:
            return args.lr * step / args.warmup
        frac = (step - args.warmup) / max(1, steps - args.warmup)
        return args.lr * 0.5 * (1 + math.cos(math.pi * min(1.0, frac)))

    rng = stream(args.seed, TRAIN_STREAM)
    batches: list = []
    model.train()
    loss_sum, loss_n = 0.0, 0
    acc = float("nan")
    t1 = time.time()
    for step in range(1, steps + 1):
        if not batches:
            batches = make_batches(task, tok, rng, args.batch_size, 50, args.repeat_prob)
        input_ids, attention_mask, labels = (x.to(device) for x in batches.pop())
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        loss = model(input_ids=input_ids, attention_mask=attention_mask, labels=labels).loss
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        loss_sum += loss.item()
        loss_n += 1
        if step % args.eval_every == 0 or step == steps:
            acc, wrong = exact(model, tok, valid, cfg["max_new_tokens"])
            print(
                f"[{task}] step {step:5d}  lr {lr_at(step):.2e}  loss {loss_sum / loss_n:.4f}  "
                f"valid exact {acc:.4f}  ({time.time() - t1:.0f}s)",
                flush=True,
            )
            for s, t, h in wrong[:2]:
                print(f"    src {s!r}\n    ref {t!r}\n    hyp {h!r}", flush=True)
            loss_sum, loss_n = 0.0, 0
    minutes = (time.time() - t0) / 60

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    tok.model_max_length = cfg["max_source_tokens"]
    model = model.to("cpu")
    model.save_pretrained(out)
    tok.save_pretrained(out)
    (out / "spiece.model").write_bytes(spm_bytes)
    (out / "ringkas.toml").write_text(toml_text(task), encoding="utf-8")
    (out / "README.md").write_text(
        readme_text(task, command, n_params, steps, minutes, acc, len(valid)), encoding="utf-8"
    )

    # round trip: what was saved must load through the Auto classes and behave the same
    tok2 = AutoTokenizer.from_pretrained(out)
    model2 = AutoModelForSeq2SeqLM.from_pretrained(out)
    assert tok2.model_max_length == cfg["max_source_tokens"], tok2.model_max_length
    for s, t in valid[:200]:
        assert tok2(s).input_ids == tok(s).input_ids, s
        assert tok2.decode(tok2(t).input_ids, skip_special_tokens=True) == t, t
    srcs = [s for s, _ in valid[:64]]
    assert greedy(model2, tok2, srcs, cfg["max_new_tokens"]) == greedy(
        model, tok, srcs, cfg["max_new_tokens"]
    )
    digest = hashlib.sha256((out / "model.safetensors").read_bytes()).hexdigest()
    size = sum(f.stat().st_size for f in out.iterdir() if f.is_file())
    print(
        f"[{task}] saved {out} ({size / 1e6:.2f} MB, model.safetensors sha256 {digest[:16]}) "
        f"after {steps} steps, {minutes:.1f} min; valid exact {acc:.4f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
