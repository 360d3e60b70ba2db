#!/usr/bin/env bash
# Reproduces neuraflux/data/default-model: the shipped chat model, trained by neuraflux's own
# pipeline on text every CPython carries (pydoc topics + standard-library docstrings, plus
# question-answering examples made from them). About 40 minutes on 2 CPU cores.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${1:-build/default-run}"
python scripts/build_default_corpus.py build/default-corpus
python -m neuraflux train --docs build/default-corpus --out "$RUN" \
  --vocab-size 4096 --hidden-size 192 --num-layers 6 --num-heads 6 --intermediate-size 768 --max-seq-len 384 \
  --dropout 0.1 --batch-size 16 --block-size 384 --max-steps 1800 --lr 2e-3 --min-lr 2e-4 --warmup 100 \
  --eval-interval 200 --eval-batches 20 --log-interval 25 --seed 1337 --threads 2 "${@:2}"
python scripts/export_model.py "$RUN" neuraflux/data/default-model --dtype float16
