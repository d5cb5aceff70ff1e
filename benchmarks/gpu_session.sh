#!/usr/bin/env bash
# What we run on a lent GPU machine (one call): the GPU tests, then the GPU benchmark.
# The machine has python3 with torch+CUDA and transformers 5 but no network: carried wheels
# (.whl/, see docs in benchmarks/README.md) bring sacremoses and, for the baseline (a), a
# transformers-4 site used through a stand-in "virtualenv" whose python puts it first.
set -u
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1
OUT="${OUT:-/tmp/ringkas-gpu}"; mkdir -p "$OUT"
python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site .whl/sacremoses*.whl
if ls .whl/tf4/*.whl >/dev/null 2>&1; then
  python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/tf4site .whl/tf4/*.whl
  mkdir -p /tmp/tf4/bin
  printf '#!/bin/sh\nPYTHONPATH=/tmp/tf4site:${PYTHONPATH:-} exec python3 "$@"\n' > /tmp/tf4/bin/python
  chmod +x /tmp/tf4/bin/python
fi
export PYTHONPATH="/tmp/site:$PWD/src"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
python3 -c "import torch, transformers; print('torch', torch.__version__, 'transformers', transformers.__version__)"
echo "cuBLAS 12 (needed by the ctranslate2 4.x wheels):"; find / -name 'libcublas.so.12*' -not -path '/proc/*' 2>/dev/null | head -3
python3 -m pytest -q -p no:cacheprovider tests/engines/test_gpu.py -rs 2>&1 | tee "$OUT/gpu-tests.log" | tail -15
systems=a,b,c,c16  # d and e only where CTranslate2 imports and CUDA 12's cuBLAS is there
if python3 -c "import ctranslate2" 2>/dev/null && find / -name 'libcublas.so.12*' -not -path '/proc/*' 2>/dev/null | grep -q .; then
  systems="$systems,d,e"
fi
timeout "${BENCH_TIMEOUT:-250}" python3 benchmarks/speed.py --device cuda --systems "$systems" \
  --tf4-venv /tmp/tf4 --sentences 256 --repeats 2 --batch-sizes 32,64 --no-summary --articles 3 \
  --out "$OUT" 2>&1 | tail -45
