"""Translation and summarisation speed: ringkas against what transformers users run today.

What it measures
    On an opus-mt-id-en-shaped Marian model with random weights (no hub here; see
    ``speedbench/models.py``), every system translates the same Indonesian sentences (from the bundled articles) and writes
    the same number of tokens for each: ``--length-ratio`` times its source tokens (EOS included,
    at most ``--max-new-tokens``). A random model never ends a sentence by itself, so the length is
    imposed, the same in every system (``speedbench/systems.py``): in transformers by two hooks
    on the torch model, in CTranslate2 by ``max_decoding_length`` per batch. As with a trained model, output
    length follows input length, so a batch of sentences of unequal length decodes until its
    longest one is done; that is the waste sorting by length removes. Systems:

    a. the ``translation`` pipeline of transformers 4.57.6 (removed in transformers 5), called
       as users call it: ``pipe(sentences, batch_size=B)``; it runs in its own virtualenv
       (``~/.cache/ringkas/bench-tf4-venv``, created on first use; unavailable -> recorded so);
    b. a plain ``model.generate`` loop over unsorted batches of B sentences in transformers 5;
    c. ``ringkas.Translator(model, backend="transformers").translate(sentences, batch_size=B)``
       (``c16``: the same in fp16, on CUDA only);
    d. the same with ``backend="ctranslate2"`` (int8 on CPU, fp16 on CUDA);
    e. raw CTranslate2 ``translate_batch`` on the batches ringkas forms (the floor: same tokens,
       same ``max_decoding_length``; tokenizing and decoding included).

    CTranslate2 gets the longest row's length for the whole batch (it has no per-row limit), so
    in (d) and (e) every row runs as long as the batch's longest, as in transformers' generate;
    CTranslate2 would otherwise drop finished rows, so its numbers here are if anything low.

    Reported per system: sentences/s and target tokens/s on a mixed-length corpus and on a
    uniform-length one, latency per article (each article's cleaned text in one call: p50/p95),
    peak RSS and, on CUDA, peak GPU memory; each as a ratio to (a) and to (b). A batch-size sweep
    gives a throughput-vs-batch-size plot. A last part times ringkas summarising long articles
    with an mT5-small-shaped model: map-reduce (``long_input="chunk"``) against
    ``long_input="truncate"``, i.e. what not dropping text costs.

How
    Each system runs in its own subprocess (so its peak RSS is its own), once per repeat, the
    systems taking turns (a b c d e, a b c d e ...) so that a busy machine slows them alike; the
    medians over repeats are reported. Timings start after the model is loaded and warmed up.

Output
    ``<out>/<device>-<date>.json`` (raw timings and a signature: versions, CPU, threads,
    settings), ``.md`` (tables and targets met / not met) and ``.png`` (throughput vs batch size).

Code
    This file is the command; the parts are in ``speedbench/`` (settings, worker, systems, corpus,
    models, run, aggregate, report, cli). Exit status 1 when a system that should have run did
    not, ran fewer repeats, did other work than the others, or produced nothing.

Usage::

    python benchmarks/speed.py --quick --out /tmp/bench      # CI: tiny model, seconds
    python benchmarks/speed.py --repeats 3                   # real size, into benchmarks/results
    python benchmarks/speed.py --device cuda --systems a,b,c,c16,d,e
"""

from __future__ import annotations

import sys


def main() -> int:
    """``--worker SPEC RESULT``: one system in a subprocess (standard library only until the
    system loads: the transformers-4 virtualenv runs this); otherwise the benchmark."""
    if sys.argv[1:2] == ["--worker"]:
        from speedbench.worker import worker_main

        return worker_main(sys.argv[2], sys.argv[3])
    from speedbench.cli import main as benchmark

    return benchmark()


if __name__ == "__main__":
    sys.exit(main())
