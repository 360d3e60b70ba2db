"""Whole training runs, as a user times them: process CPU seconds from start to exit, including
imports, data preparation, evaluations and checkpoint saves, for `neuraflux train` (the CLI) and
for `transformers`' GPT2LMHeadModel of the same shape in the same loop (bench_train.py's: same
schedule, AdamW, clipping; a checkpoint written with save_pretrained at every evaluation), each in
its own process, one thread. Both final models are then scored on the same 100 validation
batches. nanoGPT's CPU baby-GPT command (`python train.py config/train_shakespeare_char.py
--device=cpu --compile=False --eval_iters=20 --log_interval=1 --block_size=64 --batch_size=12
--n_layer=4 --n_head=4 --n_embd=128 --max_iters=2000 --lr_decay_iters=2000 --dropout=0.0`) is
the shape this follows; nanoGPT itself is not installed here.

    python benchmarks/bench_train_run.py [--steps 300] [--dtype float32|bfloat16|both]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile

from bench_train import SHAPE, LR, MIN_LR, WARMUP, batches, byte_level_data, train, transformers_model
from common import ROOT, machine_line, print_table

EVAL_EVERY, EVAL_BATCHES, FINAL_BATCHES = 100, 20, 100


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_neuraflux(folder, steps, dtype):
    from neuraflux.core.corpus import pydoc_text
    from neuraflux.core.tokenizers import ByteBPETokenizer

    text_path, tok_path = os.path.join(folder, "pydoc.txt"), os.path.join(folder, "bytes.json")
    with open(text_path, "w", encoding="utf-8") as handle:
        handle.write(pydoc_text())
    ByteBPETokenizer().save(tok_path)
    out = os.path.join(folder, f"neuraflux-{dtype}")
    command = [sys.executable, "-m", "neuraflux", "train", "--docs", text_path, "--tokenizer", tok_path, "--out", out,
               "--num-layers", str(SHAPE["layers"]), "--num-heads", str(SHAPE["heads"]),
               "--hidden-size", str(SHAPE["hidden"]), "--intermediate-size", str(4 * SHAPE["hidden"]),
               "--max-seq-len", str(SHAPE["block"]), "--block-size", str(SHAPE["block"]),
               "--batch-size", str(SHAPE["batch"]), "--max-steps", str(steps), "--eval-interval", str(EVAL_EVERY),
               "--eval-batches", str(EVAL_BATCHES), "--threads", "1", "--warmup", str(WARMUP), "--lr", str(LR),
               "--min-lr", str(MIN_LR), "--no-lm-head-transform", "--dtype", dtype]
    before = children_cpu()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT))
    return children_cpu() - before, out


def run_transformers(folder, steps, dtype):
    out = os.path.join(folder, f"transformers-{dtype}")
    before = children_cpu()
    done = subprocess.run([sys.executable, __file__, "--worker", out, str(steps), dtype], capture_output=True,
                          text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=ROOT))
    if done.returncode:
        return None, done.stderr.strip().splitlines()[-1]
    return children_cpu() - before, out


def transformers_worker(out, steps, dtype):
    import torch

    torch.set_num_threads(1)
    train_data, val_data, vocab = byte_level_data(torch)
    model, loss_fn = transformers_model(torch, vocab, None)
    if model is None:
        raise SystemExit("transformers is not installed")
    train(torch, model, loss_fn, batches(torch, train_data, steps, 1, SHAPE["block"], SHAPE["batch"]),
          batches(torch, val_data, EVAL_BATCHES, 2, SHAPE["block"], SHAPE["batch"]), steps,
          [s for s in range(EVAL_EVERY, steps + 1, EVAL_EVERY)] or [steps], dtype,
          on_eval=lambda step: model.save_pretrained(os.path.join(out, f"step-{step}"), safe_serialization=True))


def final_losses(neuraflux_run, transformers_run, steps):
    """Mean loss of both final models on the same FINAL_BATCHES validation batches (float32)."""
    import torch
    import transformers

    from neuraflux.core.backends import get_backend

    torch.set_num_threads(1)
    _, val_data, _ = byte_level_data(torch)
    val = batches(torch, val_data, FINAL_BATCHES, 3, SHAPE["block"], SHAPE["batch"])
    ours = get_backend("torch").load_model(neuraflux_run).module
    theirs = transformers.GPT2LMHeadModel.from_pretrained(os.path.join(transformers_run, f"step-{steps}")).eval()
    out = []
    with torch.no_grad():
        out.append(sum(ours(x, y)[1].item() for x, y in val) / len(val))
        out.append(sum(torch.nn.functional.cross_entropy(theirs(input_ids=x).logits.view(-1, theirs.config.vocab_size),
                                                         y.reshape(-1)).item() for x, y in val) / len(val))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", nargs=3)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--dtype", choices=("float32", "bfloat16", "both"), default="both")
    args = parser.parse_args()
    if args.worker:
        out, steps, dtype = args.worker
        return transformers_worker(out, int(steps), dtype)
    print(machine_line())
    folder = tempfile.mkdtemp(prefix="bench-train-run-")
    tokens = args.steps * SHAPE["batch"] * SHAPE["block"]
    rows = []
    for dtype in (("float32", "bfloat16") if args.dtype == "both" else (args.dtype,)):
        ours_cpu, ours_run = run_neuraflux(folder, args.steps, dtype)
        theirs_cpu, theirs_run = run_transformers(folder, args.steps, dtype)
        if theirs_cpu is None:
            rows.append([dtype, f"{ours_cpu:.1f}", f"{tokens / ours_cpu:,.0f}", theirs_run, "", "", "", ""])
            continue
        loss_ours, loss_theirs = final_losses(ours_run, theirs_run, args.steps)
        rows.append([dtype, f"{ours_cpu:.1f}", f"{tokens / ours_cpu:,.0f}", f"{theirs_cpu:.1f}",
                     f"{tokens / theirs_cpu:,.0f}", f"{theirs_cpu / ours_cpu:.2f}x", f"{loss_ours:.4f}",
                     f"{loss_theirs:.4f}"])
    print_table(f"whole runs: {args.steps} steps, batch {SHAPE['batch']} x block {SHAPE['block']}, evaluation and a "
                f"checkpoint every {EVAL_EVERY} steps, one thread (CPU seconds of the whole process)",
                ["dtype", "neuraflux CPU s", "neuraflux tokens/CPU-s", "transformers CPU s",
                 "transformers tokens/CPU-s", "neuraflux speed-up", f"neuraflux val loss ({FINAL_BATCHES} batches)",
                 "transformers val loss"], rows)
    print(json.dumps({"folder": folder}))


if __name__ == "__main__":
    main()
