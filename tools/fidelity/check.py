"""Measure a fidelity model's greedy exact-match accuracy on held-out synthetic data.

    python tools/fidelity/check.py tests/fixtures/fidelity-translate --task translate
    python tools/fidelity/check.py tests/fixtures/fidelity-summarize --task summarize

The examples come from a random stream that training never uses (train.CHECK_STREAM).
Only sources that fit the tokenizer's model_max_length (the input budget, EOS included)
are kept. For ``translate`` a second set of sentences of exactly 12-15 words is also
checked (all of them, and the subset that fits the budget).
Exit status 1 when an accuracy is below --min-accuracy.
"""

from __future__ import annotations

import os

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import fidelity_data as fd  # noqa: E402
import torch  # noqa: E402
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer  # noqa: E402
from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.set_verbosity_error()
hf_logging.disable_progress_bar()

CHECK_STREAM = 1000  # same as train.CHECK_STREAM


def held_out(task, tok, seed, n, budget, long_words=False):
    rng = random.Random(seed * 7919 + CHECK_STREAM + (1 if long_words else 0))
    pairs = []
    while len(pairs) < n:
        if task == "translate":
            src = fd.random_sentence(rng, 12, 15) if long_words else fd.random_sentence(rng, 1, 16)
            tgt = fd.gloss(src)
        else:
            src, tgt = fd.summarize_example(rng)
        if long_words or len(tok(src).input_ids) <= budget:
            pairs.append((src, tgt))
    return pairs


@torch.no_grad()
def greedy(model, tok, sources, max_new_tokens, batch_size=100):
    out = [""] * len(sources)
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        enc = tok([sources[i] for i in idx], return_tensors="pt", padding=True)
        gen = model.generate(**enc, num_beams=1, do_sample=False, max_new_tokens=max_new_tokens)
        for i, text in zip(idx, tok.batch_decode(gen, skip_special_tokens=True), strict=True):
            out[i] = text
    return out


def report(name, pairs, hyps, show):
    wrong = [(s, t, h) for (s, t), h in zip(pairs, hyps, strict=True) if h != t]
    acc = 1 - len(wrong) / len(pairs) if pairs else float("nan")
    print(f"{name}: {len(pairs) - len(wrong)}/{len(pairs)} exact = {acc:.2%}")
    for s, t, h in wrong[:show]:
        print(f"  src {s!r}\n  ref {t!r}\n  hyp {h!r}")
    return acc


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("model_dir", type=Path)
    p.add_argument("--task", choices=["translate", "summarize"], required=True)
    p.add_argument("-n", type=int, default=1000, help="held-out examples (default 1000)")
    p.add_argument("--n-long", type=int, default=200, help="12-15 word sentences (translate)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--max-new-tokens", type=int, default=64)
    p.add_argument("--examples", type=int, default=3, help="correct outputs to print")
    p.add_argument("--show-errors", type=int, default=5)
    p.add_argument("--min-accuracy", type=float, default=0.995)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)

    torch.set_num_threads(args.threads)
    tok = AutoTokenizer.from_pretrained(args.model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(args.model_dir).eval()
    budget = tok.model_max_length
    print(
        f"{args.model_dir}: {type(tok).__name__} ({len(tok)} pieces, budget {budget}), "
        f"{type(model).__name__} ({sum(p.numel() for p in model.parameters()):,} parameters)"
    )

    t0 = time.time()
    ok = True
    pairs = held_out(args.task, tok, args.seed, args.n, budget)
    hyps = greedy(model, tok, [s for s, _ in pairs], args.max_new_tokens)
    for (s, _), h in list(zip(pairs, hyps, strict=True))[: args.examples]:
        print(f"  {s!r}\n    -> {h!r}")
    ok &= (
        report(f"held-out (<= {budget} tokens)", pairs, hyps, args.show_errors) >= args.min_accuracy
    )

    if args.task == "translate" and args.n_long:
        pairs = held_out(args.task, tok, args.seed, args.n_long, budget, long_words=True)
        hyps = greedy(model, tok, [s for s, _ in pairs], args.max_new_tokens)
        fits = [i for i, (s, _) in enumerate(pairs) if len(tok(s).input_ids) <= budget]
        ok &= (
            report(
                "12-15 words, within budget",
                [pairs[i] for i in fits],
                [hyps[i] for i in fits],
                args.show_errors,
            )
            >= args.min_accuracy
        )
        report("12-15 words, all (some exceed the budget)", pairs, hyps, args.show_errors)
    print(f"({time.time() - t0:.0f}s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
